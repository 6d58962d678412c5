/* treedraw.c - the tree's layout: aligned columns measured in display
 * cells, the group and device rows, scrolling with a margin */
#include <config.h>

#include "app-priv.h"
#include "pci.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "esc.h"
#include "i18n.h"

enum {
    ADDR_W = 12,                /* 0000:00:00.0 */
    IDS_W = 11,                 /* [vvvv:dddd] */
    CLS_MAX = 11,               /* "Host bridge" */
    CLS_MIN = 4,
    DRV_MAX = 17,               /* "intel_pch_thermal" */
    DRV_MIN = 8,
    NAME_MIN = 16,
    NAME_FLOOR = 8,             /* what a long domain name leaves it */
    LINE_MAX_W = 1024,
};

/* ---- text in display cells ------------------------------------------------ */

/* A row being built, as wide characters: every field is measured and
 * cut in display cells, never in bytes. */
struct line {
    wchar_t w[LINE_MAX_W];
    size_t n;
    int cells;
};

/* @s as wide characters (escaped as ui_put would: host text may hold
 * control bytes); returns the count. */
static size_t
widen(const char *s, wchar_t *out, size_t cap)
{
    char *safe = NULL;
    size_t n;

    if (!s)
        s = "";
    if (esc_text_needed(s))
        s = safe = esc_text(s);
    n = mbstowcs(out, s ? s : "", cap - 1);
    if (n == (size_t)-1) {
        for (n = 0; s && *s && n < cap - 1; s++)
            out[n++] = (*s >= 0x20 && *s < 0x7f) ? (wchar_t)*s : L'?';
    }
    out[n] = L'\0';
    free(safe);
    return n;
}

static int
wc_cells(wchar_t c)
{
    int w = wcwidth(c);

    return w < 0 ? 1 : w;
}

/* The width of @s in display cells. */
static int
cells(const char *s)
{
    wchar_t w[LINE_MAX_W];
    size_t i, n = widen(s, w, LINE_MAX_W);
    int c = 0;

    for (i = 0; i < n; i++)
        c += wc_cells(w[i]);
    return c;
}

/* Appends @s in exactly @w cells: padded with spaces, or cut with the
 * ellipsis @ell in its last cell when it does not fit. */
static void
line_add(struct line *l, const char *s, int w, const char *ell)
{
    wchar_t src[LINE_MAX_W], e[8];
    size_t i, n = widen(s, src, LINE_MAX_W), ne = widen(ell, e, 8);
    int total = 0, used = 0, ew = 0;

    if (w <= 0)
        return;
    for (i = 0; i < n; i++)
        total += wc_cells(src[i]);
    for (i = 0; i < ne; i++)
        ew += wc_cells(e[i]);
    if (total <= w) {
        for (i = 0; i < n && l->n < LINE_MAX_W - 1; i++)
            l->w[l->n++] = src[i];
        used = total;
    } else {
        for (i = 0; i < n && used + wc_cells(src[i]) <= w - ew && l->n < LINE_MAX_W - 1; i++) {
            l->w[l->n++] = src[i];
            used += wc_cells(src[i]);
        }
        for (i = 0; i < ne && used + ew <= w && l->n < LINE_MAX_W - 1; i++)
            l->w[l->n++] = e[i];
        if (used + ew <= w)
            used += ew;
    }
    for (; used < w && l->n < LINE_MAX_W - 1; used++)
        l->w[l->n++] = L' ';
    l->cells += w;
    l->w[l->n] = L'\0';
}

/* Draws @l at (@y, @x), padded to the screen's width.  Not through
 * ui_put: every field was escaped once already (widen), and a second
 * escape would double its backslashes. */
static void
line_put_at(struct app *a, int y, int x, struct line *l)
{
    int used = 0, w = a->cols - x;
    size_t i;

    if (w <= 0)
        return;
    move(y, x);
    for (i = 0; i < l->n; i++) {
        int c = wc_cells(l->w[i]);

        if (used + c > w)
            break;
        addnwstr(&l->w[i], 1);
        used += c;
    }
    for (; used < w; used++)
        addch(' ');
}

static void
line_put(struct app *a, int y, struct line *l)
{
    line_put_at(a, y, 0, l);
}

/* ---- what the columns must hold -------------------------------------------- */

static const char *
class_text(const struct model_dev *d)
{
    const char *s = pci_class_short(d->class_id);

    if (s)
        return s;
    return d->class_name ? d->class_name : "?";
}

static const char *
driver_text(const struct model_dev *d)
{
    return (d->unknown & MODEL_UNK_DRIVER) ? "?" : d->driver ? d->driver : "-";
}

/* Which of @d's users the badge names: the target domain first, as
 * it is the one the user acts on. */
static size_t
shown_use(struct app *a, const struct model_dev *d)
{
    struct model_host *h = ui_host(a);
    size_t i, first = 0;

    for (i = 0; i < d->n_uses; i++)
        if (a->target[0] && strcmp(h->domains[d->uses[i].domain].name, a->target) == 0)
            first = i;
    return first;
}

/* The badges of @d, safety first (what marking it costs the host),
 * then what it is (PF, VF, bridge).  The domain's name is cut to
 * @dom_w cells (-1: whole), for a screen too narrow for it. */
static void
badges(struct app *a, const struct model_dev *d, int dom_w, char *buf, size_t sz)
{
    struct model_host *h = ui_host(a);
    size_t len = 0;

    buf[0] = '\0';
#define B(...) do { int n_ = snprintf(buf + len, sz - len, __VA_ARGS__); \
        if (n_ > 0 && (size_t)n_ < sz - len) len += (size_t)n_; } while (0)
    if (d->root_disk)
        B("%sROOT-DISK", len ? " " : "");
    if (d->boot_vga == MODEL_TRI_YES)
        B("%sBOOT-VGA", len ? " " : "");
    if (d->mgmt_nic)
        B("%sMGMT-NIC", len ? " " : "");
    if (d->n_uses) {
        size_t first = shown_use(a, d);

        if (dom_w >= 0) {
            struct line l = { .n = 0 };
            char name[LINE_MAX_W * 4];

            line_add(&l, h->domains[d->uses[first].domain].name, dom_w, a->t.g.ell);
            while (l.n && l.w[l.n - 1] == L' ')
                l.n--;
            l.w[l.n] = L'\0';
            if (wcstombs(name, l.w, sizeof(name)) >= sizeof(name))
                name[0] = '\0';
            B("%sin-use-by-%s", len ? " " : "", name);
        } else {
            B("%sin-use-by-%s", len ? " " : "", h->domains[d->uses[first].domain].name);
        }
        if (d->n_uses > 1)
            B("+%zu", d->n_uses - 1);
    }
    if (d->n_virtfns)
        B("%sPF", len ? " " : "");
    if (d->physfn != MODEL_NONE)
        B("%sVF", len ? " " : "");
    if (model_dev_is_bridge(d))
        B("%sbridge", len ? " " : "");
#undef B
}

/* The badges' width whichever domain comes first. */
static int
badges_cells(struct app *a, const struct model_dev *d)
{
    struct model_host *h = ui_host(a);
    char buf[512];
    int w, extra = 0;
    size_t i;

    badges(a, d, -1, buf, sizeof(buf));
    w = cells(buf);
    if (d->n_uses > 1) {
        int first = 0, widest = 0;

        for (i = 0; i < d->n_uses; i++) {
            int c = cells(h->domains[d->uses[i].domain].name);

            if (c > widest)
                widest = c;
            if (a->target[0] && strcmp(h->domains[d->uses[i].domain].name, a->target) == 0)
                first = c;
        }
        if (!first)
            first = cells(h->domains[d->uses[0].domain].name);
        extra = widest - first;
    }
    return w + extra;
}

static int
digits(long v)
{
    int n = 1;

    if (v < 0) {
        n++;
        v = -v;
    }
    while (v >= 10) {
        v /= 10;
        n++;
    }
    return n;
}

static void
grow_for_dev(struct app *a, const struct model_dev *d)
{
    int c;

    if ((c = cells(class_text(d))) > a->tw.cls)
        a->tw.cls = c;
    if ((c = cells(driver_text(d))) > a->tw.drv)
        a->tw.drv = c;
    if ((c = cells(pci_dev_label(d))) > a->tw.name)
        a->tw.name = c;
    if ((d->root_disk || d->boot_vga == MODEL_TRI_YES || d->mgmt_nic || d->n_uses ||
         d->n_virtfns || d->physfn != MODEL_NONE || model_dev_is_bridge(d)) &&
        (c = badges_cells(a, d)) > a->tw.badges)
        a->tw.badges = c;
}

void
ui_tree_measure_dev(struct app *a, const struct model_dev *d)
{
    grow_for_dev(a, d);
}

/* Measures every device and group of the host, once per rebuild of the
 * rows: the columns are as wide as the host needs, the same on every
 * row and while scrolling. */
void
ui_tree_measure(struct app *a)
{
    struct model_host *h = ui_host(a);
    size_t i, most = 1;
    long widest_id = 0;
    char buf[128];

    memset(&a->tw, 0, sizeof(a->tw));
    for (i = 0; i < h->n_devs; i++)
        grow_for_dev(a, &h->devs[i]);
    for (i = 0; i < h->n_groups; i++) {
        if (digits(h->groups[i].id) > digits(widest_id))
            widest_id = h->groups[i].id;
        if (h->groups[i].n_devs > most)
            most = h->groups[i].n_devs;
    }
    a->tw.gid = digits(widest_id);
    snprintf(buf, sizeof(buf), _("IOMMU group %-*d"), a->tw.gid, 0);
    a->tw.title = cells(buf);
    /* the widest count may be a singular: measure both */
    snprintf(buf, sizeof(buf), ngettext("%zu device", "%zu devices", 1), (size_t)1);
    a->tw.count = cells(buf);
    snprintf(buf, sizeof(buf), ngettext("%zu device", "%zu devices", most), most);
    if (cells(buf) > a->tw.count)
        a->tw.count = cells(buf);
    snprintf(buf, sizeof(buf), ngettext("%zu marked", "%zu marked", most), most);
    a->tw.marked = cells(buf);
    snprintf(buf, sizeof(buf), ngettext("%zu marked", "%zu marked", 1), (size_t)1);
    if (cells(buf) > a->tw.marked)
        a->tw.marked = cells(buf);
}

/* The widths of the device row's columns at the screen's width: the
 * fixed columns first, the name takes what is left.  Where the screen
 * is narrow, the driver gives way first, then the class (cut, then
 * left out); the badges never do. */
struct dev_cols {
    int cls, name, drv, badges;
};

/* What the name gets once the other columns have theirs. */
static int
name_room(const struct app *a, int fixed, const struct dev_cols *c)
{
    return a->cols - fixed - (c->cls ? c->cls + 1 : 0) - c->drv;
}

static struct dev_cols
dev_cols(const struct app *a)
{
    struct dev_cols c;
    int fixed;

    c.badges = a->tw.badges;
    c.drv = a->tw.drv < 1 ? 1 : a->tw.drv > DRV_MAX ? DRV_MAX : a->tw.drv;
    c.cls = a->tw.cls > CLS_MAX ? CLS_MAX : a->tw.cls;
    /* cursor, mark, address, IDs and the blanks between */
    fixed = 1 + 1 + 3 + 1 + ADDR_W + 1 + 1 + IDS_W + 1;
    /* only a domain's name can make the badges wider than the screen
     * allows: that name is then cut (draw_dev_row) */
    if (c.badges > a->cols - fixed - DRV_MIN - NAME_FLOOR - 1)
        c.badges = a->cols - fixed - DRV_MIN - NAME_FLOOR - 1;
    if (c.badges < 0)
        c.badges = 0;
    fixed += c.badges ? c.badges + 1 : 0;
    c.name = name_room(a, fixed, &c);
    if (c.name < NAME_MIN && c.drv > DRV_MIN) {
        c.drv -= NAME_MIN - c.name;
        if (c.drv < DRV_MIN)
            c.drv = DRV_MIN;
        c.name = name_room(a, fixed, &c);
    }
    if (c.name < NAME_MIN && c.cls > CLS_MIN) {
        c.cls -= NAME_MIN - c.name;
        if (c.cls < CLS_MIN)
            c.cls = CLS_MIN;
        c.name = name_room(a, fixed, &c);
    }
    if (c.name < NAME_MIN)
        c.cls = 0;
    c.name = name_room(a, fixed, &c);
    /* no wider than the longest name: on a wide screen the IDs stay
     * next to the names and the slack is left at the end of the row */
    if (c.name > a->tw.name && a->tw.name >= NAME_MIN)
        c.name = a->tw.name;
    if (c.name < 1)
        c.name = 1;
    return c;
}

/* ---- drawing --------------------------------------------------------------- */

int
ui_tree_height(const struct app *a)
{
    return a->lines - 2 - ui_panes_rows(a) - 2;
}

/* Keeps one row of context around the cursor, and never leaves blank
 * rows at the bottom while rows are hidden above (after a collapse or
 * a filter). */
static void
scroll_to_cursor(struct app *a)
{
    int h = ui_tree_height(a);
    size_t m, last_top;

    if (h < 1)
        h = 1;
    m = h >= 3 ? 1 : 0;
    if (a->cur < a->top + m)
        a->top = a->cur > m ? a->cur - m : 0;
    if (a->cur + m >= a->top + (size_t)h)
        a->top = a->cur + m + 1 - (size_t)h;
    last_top = a->n_rows > (size_t)h ? a->n_rows - (size_t)h : 0;
    if (a->top > last_top)
        a->top = last_top;
}

static enum ui_color
state_color(enum rules_group_state s)
{
    switch (s) {
    case RULES_GROUP_INCOMPLETE:
    case RULES_GROUP_HOST_CRITICAL:
        return UI_C_ERROR;
    case RULES_GROUP_HOST_WARNING:
    case RULES_GROUP_IN_USE:
        return UI_C_WARNING;
    default:
        return UI_C_OK;
    }
}

static void
draw_group_row(struct app *a, int y, const struct ui_row *r, bool cur)
{
    struct model_host *h = ui_host(a);
    const char *ell = a->t.g.ell;
    struct line l = { .n = 0 };
    char buf[512];
    const char *label;
    enum ui_color color;
    size_t n = 0, i, nm = 0;
    int title_w = a->tw.title, x;

    line_add(&l, cur ? ">" : " ", 1, ell);
    line_add(&l, a->expanded[r->idx] ? a->t.g.open : a->t.g.closed, 1, ell);
    line_add(&l, "", 1, ell);
    if (r->idx < h->n_groups) {
        enum rules_group_state s = ui_gstate(a, r->idx);

        n = h->groups[r->idx].n_devs;
        for (i = 0; i < n; i++)
            nm += a->sel->marked[h->groups[r->idx].devs[i]];
        snprintf(buf, sizeof(buf), _("IOMMU group %-*d"), a->tw.gid, h->groups[r->idx].id);
        label = _(rules_group_state_label(s));
        color = state_color(s);
        if (s == RULES_GROUP_OK && h->partial_of) {
            /* TRANSLATORS: a group's state on a big host's first
             * screen: whether a guest holds it is not known yet */
            label = _("in use? known with the whole host");
            color = UI_C_DIM;
        }
    } else {
        for (i = 0; i < h->n_devs; i++) {
            if (h->devs[i].group == MODEL_NONE) {
                n++;
                nm += a->sel->marked[i];
            }
        }
        snprintf(buf, sizeof(buf), "%s", _("devices without an IOMMU group"));
        title_w = cells(buf);
        /* never "ok": VFIO can assign none of them */
        label = h->iommu ? _("no IOMMU group: cannot be assigned")
                         : _("IOMMU off: none can be assigned");
        color = UI_C_ERROR;
    }
    line_add(&l, buf, title_w, ell);
    line_add(&l, "", 2, ell);
    snprintf(buf, sizeof(buf), ngettext("%zu device", "%zu devices", n), n);
    /* the one row without a group is not aligned with the others: its
     * fields take what they need */
    line_add(&l, buf, r->idx < h->n_groups ? a->tw.count : cells(buf), ell);
    line_add(&l, "", 2, ell);
    if (nm)
        snprintf(buf, sizeof(buf), ngettext("%zu marked", "%zu marked", nm), nm);
    else
        buf[0] = '\0';
    line_add(&l, buf, r->idx < h->n_groups ? a->tw.marked : cells(buf), ell);
    line_add(&l, "", nm || r->idx < h->n_groups ? 2 : 0, ell);
    x = l.cells;
    attrset(cur ? ui_term_attr(&a->t, UI_C_CURSOR) : (int)A_BOLD);
    line_put(a, y, &l);
    if (x < a->cols) {
        struct line s = { .n = 0 };

        line_add(&s, label, a->cols - x, ell);
        if (!cur)
            attrset(ui_term_attr(&a->t, color));
        line_put_at(a, y, x, &s);
    }
    attrset(A_NORMAL);
}

static void
draw_dev_row(struct app *a, int y, const struct ui_row *r, const struct dev_cols *c, bool cur)
{
    const struct model_dev *d = &ui_host(a)->devs[r->idx];
    const char *ell = a->t.g.ell;
    struct line l = { .n = 0 };
    char b[512], ids[24];

    badges(a, d, -1, b, sizeof(b));
    if (cells(b) > c->badges && d->n_uses) {
        /* a domain's name too long for the screen: the name is cut, so
         * that every badge stays whole */
        int over = cells(b) - c->badges;
        int dom_w = cells(ui_host(a)->domains[d->uses[shown_use(a, d)].domain].name);

        badges(a, d, dom_w - over > 1 ? dom_w - over : 1, b, sizeof(b));
    }
    if (d->vendor_id != MODEL_NONE && d->device_id != MODEL_NONE)
        snprintf(ids, sizeof(ids), "[%04x:%04x]", (unsigned)d->vendor_id & 0xffff, (unsigned)d->device_id & 0xffff);
    else
        snprintf(ids, sizeof(ids), "[????:????]");
    line_add(&l, cur ? ">" : " ", 1, ell);
    line_add(&l, "", 1, ell);
    line_add(&l, model_dev_is_bridge(d) ? "" : a->sel->marked[r->idx] ? "[x]" : "[ ]", 3, ell);
    line_add(&l, "", 1, ell);
    line_add(&l, d->addr_str, ADDR_W, ell);
    line_add(&l, "", 1, ell);
    if (c->cls) {
        line_add(&l, class_text(d), c->cls, ell);
        line_add(&l, "", 1, ell);
    }
    line_add(&l, pci_dev_label(d), c->name, ell);
    line_add(&l, "", 1, ell);
    line_add(&l, ids, IDS_W, ell);
    line_add(&l, "", 1, ell);
    line_add(&l, driver_text(d), c->drv, ell);
    if (c->badges) {
        line_add(&l, "", 1, ell);
        line_add(&l, b, c->badges, ell);
    }
    if (cur)
        attrset(ui_term_attr(&a->t, UI_C_CURSOR));
    else if (a->n_hl && ui_live_is_changed(a, &d->addr))
        attrset(ui_term_attr(&a->t, UI_C_CHANGED));     /* live.c: just changed */
    else if (a->sel->marked[r->idx])
        attrset(ui_term_attr(&a->t, UI_C_MARK) | A_BOLD);
    else if (d->root_disk || d->mgmt_nic || d->boot_vga == MODEL_TRI_YES || d->n_uses)
        attrset(ui_term_attr(&a->t, UI_C_WARNING));
    else if (model_dev_is_bridge(d))
        attrset(ui_term_attr(&a->t, UI_C_DIM));
    line_put(a, y, &l);
    attrset(A_NORMAL);
}

void
ui_tree_draw(struct app *a)
{
    int h = ui_tree_height(a), y;
    struct dev_cols c;
    size_t i;
    char buf[256], key[16];

    scroll_to_cursor(a);
    /* what changed since the rows were measured (a domain's event)
     * widens the columns for every row, never for one */
    for (y = 0; y < h && a->top + (size_t)y < a->n_rows; y++)
        if (a->rows[a->top + (size_t)y].kind == R_DEV)
            grow_for_dev(a, &ui_host(a)->devs[a->rows[a->top + (size_t)y].idx]);
    c = dev_cols(a);
    for (y = 0; y < h; y++) {
        i = a->top + (size_t)y;
        if (i >= a->n_rows) {
            ui_put(2 + y, 0, a->cols, "");
            continue;
        }
        if (a->rows[i].kind == R_GROUP)
            draw_group_row(a, 2 + y, &a->rows[i], i == a->cur);
        else if (a->rows[i].kind == R_MDEV_TYPE || a->rows[i].kind == R_MDEV)
            ui_mdev_row_draw(a, 2 + y, &a->rows[i], i == a->cur);
        else
            draw_dev_row(a, 2 + y, &a->rows[i], &c, i == a->cur);
    }
    if (a->n_rows == 0 && a->filter) {
        /* TRANSLATORS: the key that shows every group again ("f") */
        snprintf(buf, sizeof(buf), _("every group is fine and unmarked (%s shows them all)"),
                 ui_action_key(UI_FILTER, key, sizeof(key)));
        ui_put(3, 2, a->cols - 2, buf);
    } else if (a->n_rows == 0) {
        ui_put(3, 2, a->cols - 2, _("no PCI devices"));
    }
}
