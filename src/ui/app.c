/* app.c - the full-screen interface: the group -> device tree, marks,
 * details and live findings, the domain picker, and the write, attach
 * and detach dialogs.  Drawing reads the state; actions change it and
 * return what must be redrawn; only F5 rereads the host. */
#include <config.h>

#include "app.h"

#include <ctype.h>
#include <curses.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <wchar.h>

#include "actions.h"
#include "cmd.h"
#include "esc.h"
#include "i18n.h"
#include "rules.h"
#include "term.h"
#include "io/atomicfile.h"
#include "virt/conn.h"
#include "virt/domfile.h"
#include "virt/hostdev.h"

#define MIN_COLS 80
#define MIN_LINES 24
#define BOTTOM 8                /* rows for details and findings */

enum mode {
    M_TREE,
    M_HELP,
    M_PICKER,
    M_CONFIRM,
    M_PROMPT,
    M_SEARCH,
};

enum row_kind {
    R_GROUP,
    R_DEV,
};

struct row {
    enum row_kind kind;
    size_t idx;                 /* group index (n_groups: "no group"), or device */
    size_t group;               /* the group this row belongs to */
};

/* Reaction flags, after htop: what an action needs done. */
enum {
    RE_NONE = 0,
    RE_REDRAW = 1,
    RE_ROWS = 2,                /* rebuild the visible rows */
    RE_CHECK = 4,               /* the selection changed: re-judge it */
    RE_QUIT = 8,
};

struct app {
    struct ui_opts *o;
    struct cmd_ctx *ctx;
    struct ui_term t;
    struct model_sel *sel;
    bool *expanded;             /* n_groups + 1 ("no group") */
    struct row *rows;
    size_t n_rows, cur, top;
    bool filter;
    char search[128];
    char target[256];           /* target domain, "" for none */
    bool live, config;
    struct rules_report *rep;
    char status[512];
    bool status_err;
    enum mode mode;
    size_t pick;                /* picker cursor */
    size_t scroll;              /* dialog scroll */
    bool detach;                /* the confirmation is for detach */
    bool stale_only;            /* ... of the target's stale hostdevs */
    char *xml;                  /* the confirmation's XML */
    struct rules_report *crep;  /* the confirmation's findings */
    char input[512];
    size_t saved_cur;
    int cols, lines;
    bool conn_lost;             /* the lost connection was reported */
    bool hup;                   /* the terminal hung up (event loop) */
};

/* ---- helpers ------------------------------------------------------------ */

static struct model_host *
H(struct app *a)
{
    return a->ctx->host;
}

static void
set_status(struct app *a, bool err, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
set_status(struct app *a, bool err, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(a->status, sizeof(a->status), fmt, ap);
    va_end(ap);
    a->status_err = err;
}

/* Writes @s at (@y, @x), at most @w columns, padding with spaces.
 * Everything drawn passes here; host and libvirt text is escaped (as in
 * the commands' output) so no control byte reaches the terminal. */
static void
put(int y, int x, int w, const char *s)
{
    wchar_t wbuf[1024];
    char *safe = NULL;
    size_t n;
    int used = 0, i;

    if (w <= 0)
        return;
    if (s && esc_text_needed(s))
        s = safe = esc_text(s);
    n = mbstowcs(wbuf, s ? s : "", sizeof(wbuf) / sizeof(wbuf[0]) - 1);
    if (n == (size_t)-1) {
        n = 0;
        for (; s && *s && n < 1023; s++)
            wbuf[n++] = isprint((unsigned char)*s) ? (wchar_t)*s : L'?';
    }
    wbuf[n] = L'\0';
    move(y, x);
    for (i = 0; (size_t)i < n; i++) {
        int cw = wcwidth(wbuf[i]);

        if (cw < 0)
            cw = 1;
        if (used + cw > w)
            break;
        addnwstr(&wbuf[i], 1);
        used += cw;
    }
    for (; used < w; used++)
        addch(' ');
    free(safe);
}

static const char *
dev_label(const struct model_dev *d)
{
    return d->device_name ? d->device_name : d->class_name ? d->class_name : _("unknown device");
}

static struct rules_opts
ropts(const struct app *a)
{
    struct rules_opts o;

    o.live = a->live;
    o.config = a->config;
    o.domain = a->target[0] ? a->target : NULL;
    return o;
}

static void
recheck(struct app *a)
{
    struct rules_opts o = ropts(a);

    rules_report_free(a->rep);
    a->rep = rules_check(H(a), a->sel, &o);
}

static size_t
n_groups_all(struct app *a)
{
    return H(a)->n_groups + 1;
}

/* Devices of group @g (n_groups: those without a group). */
static size_t
group_devs(struct app *a, size_t g, const size_t **out, size_t *tmp_n)
{
    struct model_host *h = H(a);

    if (g < h->n_groups) {
        *out = h->groups[g].devs;
        return h->groups[g].n_devs;
    }
    (void)tmp_n;
    *out = NULL;
    return 0;
}

static bool
group_has_mark(struct app *a, size_t g)
{
    struct model_host *h = H(a);
    const size_t *devs;
    size_t n = group_devs(a, g, &devs, NULL), i;

    if (g == h->n_groups) {
        for (i = 0; i < h->n_devs; i++)
            if (h->devs[i].group == MODEL_NONE && a->sel->marked[i])
                return true;
        return false;
    }
    for (i = 0; i < n; i++)
        if (a->sel->marked[devs[i]])
            return true;
    return false;
}

static enum rules_group_state
gstate(struct app *a, size_t g)
{
    struct rules_opts o = ropts(a);

    if (g >= H(a)->n_groups)
        return RULES_GROUP_OK;
    return rules_group_state(H(a), a->sel, g, &o);
}

/* Rebuilds the flat list of visible rows; keeps the cursor on the same
 * device or group where it can. */
static void
build_rows(struct app *a)
{
    struct model_host *h = H(a);
    struct row keep = { R_GROUP, (size_t)-1, 0 };
    size_t g, i, n = 0, cap = h->n_devs + h->n_groups + 2;

    if (a->rows && a->cur < a->n_rows)
        keep = a->rows[a->cur];
    free(a->rows);
    a->rows = calloc(cap, sizeof(*a->rows));
    if (!a->rows) {
        a->n_rows = 0;
        return;
    }
    for (g = 0; g < n_groups_all(a); g++) {
        bool any;

        if (g == h->n_groups) {
            any = false;
            for (i = 0; i < h->n_devs && !any; i++)
                any = h->devs[i].group == MODEL_NONE;
            if (!any)
                continue;
        }
        if (a->filter && gstate(a, g) == RULES_GROUP_OK && !group_has_mark(a, g))
            continue;
        a->rows[n++] = (struct row){ R_GROUP, g, g };
        if (!a->expanded[g])
            continue;
        if (g < h->n_groups) {
            for (i = 0; i < h->groups[g].n_devs; i++)
                a->rows[n++] = (struct row){ R_DEV, h->groups[g].devs[i], g };
        } else {
            for (i = 0; i < h->n_devs; i++)
                if (h->devs[i].group == MODEL_NONE)
                    a->rows[n++] = (struct row){ R_DEV, i, g };
        }
    }
    a->n_rows = n;
    a->cur = 0;
    for (i = 0; i < n; i++) {
        if (a->rows[i].kind == keep.kind && a->rows[i].idx == keep.idx) {
            a->cur = i;
            break;
        }
        if (keep.kind == R_DEV && a->rows[i].kind == R_GROUP && a->rows[i].idx == keep.group)
            a->cur = i;         /* its group, if the device is hidden */
    }
}

static int
tree_height(struct app *a)
{
    return a->lines - 2 - BOTTOM - 2;
}

static void
scroll_to_cursor(struct app *a)
{
    int h = tree_height(a);

    if (h < 1)
        h = 1;
    if (a->cur < a->top)
        a->top = a->cur;
    if (a->cur >= a->top + (size_t)h)
        a->top = a->cur - (size_t)h + 1;
}

/* ---- drawing ------------------------------------------------------------- */

static void
draw_header(struct app *a)
{
    struct model_host *h = H(a);
    char buf[1024];
    const char *uri = a->ctx->conn ? conn_uri(a->ctx->conn) : NULL;
    char uribuf[300];

    if (uri && a->conn_lost) {
        snprintf(uribuf, sizeof(uribuf), _("%s (connection lost; F5 reconnects)"), uri);
        uri = uribuf;
    }

    attrset(ui_term_attr(&a->t, UI_C_HEADER));
    snprintf(buf, sizeof(buf), " vfiotui %s  %s %s  %s %s  %s %s", PACKAGE_VERSION,
             _("host"), h->hostname ? h->hostname : "?",
             _("IOMMU"), h->iommu_unknown ? _("unknown") : h->iommu ? _("on") : _("OFF"),
             _("kernel"), h->kernel_release ? h->kernel_release : "?");
    put(0, 0, a->cols, buf);
    snprintf(buf, sizeof(buf), " %zu %s, %zu %s, %zu %s  %s %s  %s %s",
             h->n_groups, _("groups"), h->n_devs, _("devices"),
             model_sel_count(a->sel), _("marked"),
             _("target"), a->target[0] ? a->target : _("(none: F2)"),
             _("uri"), a->ctx->demo ? _("demo guests (test driver)") :
                       uri ? uri : _("(no libvirt connection)"));
    put(1, 0, a->cols, buf);
    attrset(A_NORMAL);
}

static const char *
state_text(enum rules_group_state s)
{
    return _(rules_group_state_label(s));
}

static enum ui_color
state_color(enum rules_group_state s)
{
    switch (s) {
    case RULES_GROUP_INCOMPLETE:
        return UI_C_ERROR;
    case RULES_GROUP_HOST_CRITICAL:
    case RULES_GROUP_IN_USE:
        return UI_C_WARNING;
    default:
        return UI_C_OK;
    }
}

static void
badges(struct app *a, const struct model_dev *d, char *buf, size_t sz)
{
    struct model_host *h = H(a);
    size_t i, len = 0;

    buf[0] = '\0';
#define B(...) do { int n_ = snprintf(buf + len, sz - len, __VA_ARGS__); \
        if (n_ > 0 && (size_t)n_ < sz - len) len += (size_t)n_; } while (0)
    if (d->boot_vga == MODEL_TRI_YES)
        B(" BOOT-VGA");
    if (d->root_disk)
        B(" ROOT-DISK");
    if (d->mgmt_nic)
        B(" MGMT-NIC");
    if (d->n_virtfns)
        B(" PF");
    if (d->physfn != MODEL_NONE)
        B(" VF");
    if (model_dev_is_bridge(d))
        B(" bridge");
    if (d->n_uses) {
        /* the target domain first: it is the one the user acts on */
        size_t first = 0;

        for (i = 0; i < d->n_uses; i++)
            if (a->target[0] && strcmp(h->domains[d->uses[i].domain].name, a->target) == 0)
                first = i;
        B(" in-use-by-%s", h->domains[d->uses[first].domain].name);
        if (d->n_uses > 1)
            B("+%zu", d->n_uses - 1);
    }
#undef B
}

static void
draw_group_row(struct app *a, int y, const struct row *r, bool cur)
{
    struct model_host *h = H(a);
    enum rules_group_state s = gstate(a, r->idx);
    char buf[512];
    size_t n, i, nm = 0;

    if (r->idx < h->n_groups) {
        n = h->groups[r->idx].n_devs;
        for (i = 0; i < n; i++)
            nm += a->sel->marked[h->groups[r->idx].devs[i]];
        snprintf(buf, sizeof(buf), "%s%s %s %-4d %zu %s", cur ? ">" : " ",
                 a->expanded[r->idx] ? a->t.g.open : a->t.g.closed, _("IOMMU group"),
                 h->groups[r->idx].id, n, n == 1 ? _("device") : _("devices"));
    } else {
        snprintf(buf, sizeof(buf), "%s%s %s", cur ? ">" : " ",
                 a->expanded[r->idx] ? a->t.g.open : a->t.g.closed,
                 _("devices without an IOMMU group"));
    }
    attrset(cur ? ui_term_attr(&a->t, UI_C_CURSOR) : (int)A_BOLD);
    put(y, 0, a->cols, buf);
    if (nm) {
        snprintf(buf, sizeof(buf), _("%zu marked"), nm);
        put(y, 36, 12, buf);
    }
    if (!cur)
        attrset(ui_term_attr(&a->t, state_color(s)));
    put(y, 50, a->cols - 50, state_text(s));
    attrset(A_NORMAL);
}

static void
draw_dev_row(struct app *a, int y, const struct row *r, bool cur)
{
    const struct model_dev *d = &H(a)->devs[r->idx];
    char b[256], ids[24], line[1024], cls[24];
    int namew;

    badges(a, d, b, sizeof(b));
    if (d->vendor_id != MODEL_NONE && d->device_id != MODEL_NONE)
        snprintf(ids, sizeof(ids), "[%04x:%04x]", (unsigned)d->vendor_id & 0xffff, (unsigned)d->device_id & 0xffff);
    else
        snprintf(ids, sizeof(ids), "[????:????]");
    snprintf(cls, sizeof(cls), "%s", d->class_name ? d->class_name : "?");
    /* mark, address, [class,] names, IDs, driver, badges: the names get
     * what is left; the class only where there is room (the details pane
     * always has it) */
    namew = a->cols - (6 + 13 + 12 + 14) - (int)strlen(b) - (a->cols >= 110 ? 17 : 0);
    if (namew < 10)
        namew = 10;
    snprintf(line, sizeof(line), "%s %s %s %s%s%-*.*s %s %-13.13s%s",
             cur ? ">" : " ",
             model_dev_is_bridge(d) ? "   " : a->sel->marked[r->idx] ? "[x]" : "[ ]",
             d->addr_str, a->cols >= 110 ? cls : "", a->cols >= 110 ? " " : "",
             namew, namew, dev_label(d), ids,
             (d->unknown & MODEL_UNK_DRIVER) ? "?" : d->driver ? d->driver : "-", b);
    if (cur)
        attrset(ui_term_attr(&a->t, UI_C_CURSOR));
    else if (a->sel->marked[r->idx])
        attrset(ui_term_attr(&a->t, UI_C_MARK) | A_BOLD);
    else if (d->root_disk || d->mgmt_nic || d->boot_vga == MODEL_TRI_YES || d->n_uses)
        attrset(ui_term_attr(&a->t, UI_C_WARNING));
    else if (model_dev_is_bridge(d))
        attrset(ui_term_attr(&a->t, UI_C_DIM));
    put(y, 0, a->cols, line);
    attrset(A_NORMAL);
}

static void
draw_tree(struct app *a)
{
    int h = tree_height(a), y;
    size_t i;

    scroll_to_cursor(a);
    for (y = 0; y < h; y++) {
        i = a->top + (size_t)y;
        if (i >= a->n_rows) {
            put(2 + y, 0, a->cols, "");
            continue;
        }
        if (a->rows[i].kind == R_GROUP)
            draw_group_row(a, 2 + y, &a->rows[i], i == a->cur);
        else
            draw_dev_row(a, 2 + y, &a->rows[i], i == a->cur);
    }
    if (a->n_rows == 0)
        put(3, 2, a->cols - 2, a->filter ? _("every group is fine and unmarked (f shows them all)")
                                         : _("no PCI devices"));
}

/* Wraps @text into the box, continuation lines indented; returns the
 * rows used. */
static int
wrap(int y, int x, int w, int maxrows, const char *prefix, const char *text)
{
    char buf[2048];
    const char *p;
    int rows = 0;

    snprintf(buf, sizeof(buf), "%s%s", prefix, text);
    p = buf;
    while (*p && rows < maxrows) {
        int room = rows ? w - 3 : w;
        int len = (int)strlen(p), cut = len;
        char line[1024];

        if (room < 1)
            break;
        if (len > room) {
            cut = room;
            while (cut > 0 && p[cut] != ' ')
                cut--;
            if (cut == 0)
                cut = room;
        }
        snprintf(line, sizeof(line), "%s%.*s", rows ? "   " : "", cut, p);
        put(y + rows, x, w, line);
        rows++;
        p += cut;
        while (*p == ' ')
            p++;
    }
    return rows;
}

static void
draw_details(struct app *a, int y0, int w)
{
    struct model_host *h = H(a);
    const struct row *r = a->n_rows ? &a->rows[a->cur] : NULL;
    char buf[1024];
    int y = y0;
    const struct model_dev *d;
    size_t i;

    for (i = 0; i < BOTTOM - 1; i++)
        put(y0 + (int)i, 0, w, "");
    if (!r)
        return;
    if (r->kind == R_GROUP) {
        if (r->idx < h->n_groups) {
            const struct model_group *g = &h->groups[r->idx];

            snprintf(buf, sizeof(buf), g->n_devs == 1 ? _("IOMMU group %d: %zu device") : _("IOMMU group %d: %zu devices"),
                     g->id, g->n_devs);
            put(y++, 0, w, buf);
            for (i = 0; i < g->n_devs && y < y0 + BOTTOM - 1; i++) {
                d = &h->devs[g->devs[i]];
                snprintf(buf, sizeof(buf), " %s %s", d->addr_str, dev_label(d));
                put(y++, 0, w, buf);
            }
        } else {
            put(y++, 0, w, _("These devices have no IOMMU group."));
        }
        return;
    }
    d = &h->devs[r->idx];
    snprintf(buf, sizeof(buf), "%s %s", d->addr_str, dev_label(d));
    attrset(A_BOLD);
    put(y++, 0, w, buf);
    attrset(A_NORMAL);
    snprintf(buf, sizeof(buf), "%s %s [%04x]  prog-if %02x  rev %02x  %s",
             _("class"), d->class_name ? d->class_name : "?", (unsigned)(d->class_id & 0xffff),
             (unsigned)(d->prog_if & 0xff), (unsigned)(d->revision & 0xff),
             model_dev_is_bridge(d) ? _("bridge") : _("endpoint"));
    put(y++, 0, w, buf);
    snprintf(buf, sizeof(buf), "%s %s  %s %s", _("vendor"), d->vendor_name ? d->vendor_name : "?",
             _("subsystem"), d->subsys_name ? d->subsys_name : "-");
    put(y++, 0, w, buf);
    {
        char resets[256] = "";

        for (i = 0; i < d->n_reset_methods; i++) {
            strncat(resets, d->reset_methods[i], sizeof(resets) - strlen(resets) - 2);
            strncat(resets, " ", sizeof(resets) - strlen(resets) - 1);
        }
        snprintf(buf, sizeof(buf), "%s %s  %s %s  %s %d", _("driver"),
                 (d->unknown & MODEL_UNK_DRIVER) ? _("unknown") : d->driver ? d->driver : _("none"),
                 _("reset"), d->reset_known ? (resets[0] ? resets : _("none")) : _("unknown"),
                 _("numa"), d->numa_node);
        put(y++, 0, w, buf);
    }
    if (d->physfn != MODEL_NONE)
        snprintf(buf, sizeof(buf), _("SR-IOV: virtual function of %s"), h->devs[d->physfn].addr_str);
    else if (d->n_virtfns)
        snprintf(buf, sizeof(buf), _("SR-IOV: physical function, %zu of %d VFs active"),
                 d->n_virtfns, d->sriov_totalvfs);
    else
        snprintf(buf, sizeof(buf), "%s %s", _("parent"),
                 d->parent != MODEL_NONE ? h->devs[d->parent].addr_str : _("root bus"));
    put(y++, 0, w, buf);
    put(y++, 0, w, d->sysfs_path ? d->sysfs_path : "");
    if (d->root_disk)
        put(y++, 0, w, d->root_disk);
    else if (d->mgmt_nic)
        put(y++, 0, w, d->mgmt_nic);
    else if (d->n_uses) {
        snprintf(buf, sizeof(buf), _("used by %s (%s)"), h->domains[d->uses[0].domain].name,
                 model_dom_state_str(h->domains[d->uses[0].domain].state));
        put(y++, 0, w, buf);
    }
}

static void
draw_findings(struct app *a, int y0, int x, int w)
{
    int y = y0, maxy = y0 + BOTTOM - 1, i;
    size_t k;

    for (i = y0; i < maxy; i++)
        put(i, x, w, "");
    if (!a->rep || model_sel_count(a->sel) == 0) {
        attrset(ui_term_attr(&a->t, UI_C_DIM));
        wrap(y, x, w, 3, "", _("Mark devices with Space (or a whole group with g) to see whether they can go to a guest."));
        attrset(A_NORMAL);
        return;
    }
    if (a->rep->n_errors == 0) {
        attrset(ui_term_attr(&a->t, UI_C_OK) | A_BOLD);
        put(y++, x, w, a->rep->n_warnings ? _("No errors: the selection can go to a guest (see the warnings).")
                                          : _("No errors: the selection can go to a guest."));
        attrset(A_NORMAL);
    }
    for (k = 0; k < a->rep->n && y < maxy; k++) {
        const struct rules_finding *f = &a->rep->items[k];
        const char *g = f->sev == RULES_ERROR ? a->t.g.err : f->sev == RULES_WARNING ? a->t.g.warn : a->t.g.info;
        char pre[64];

        snprintf(pre, sizeof(pre), "%s %s: ", g, f->code);
        attrset(ui_term_attr(&a->t, f->sev == RULES_ERROR ? UI_C_ERROR :
                                    f->sev == RULES_WARNING ? UI_C_WARNING : UI_C_INFO));
        y += wrap(y, x, w, maxy - y, pre, f->message);
        attrset(A_NORMAL);
        if (f->remedy && f->sev != RULES_INFO && y < maxy)
            y += wrap(y, x, w, f->sev == RULES_ERROR ? 2 : 1 < maxy - y ? 1 : maxy - y, "  -> ", f->remedy);
    }
}

static void
draw_bottom(struct app *a)
{
    int y = a->lines - 2 - BOTTOM;
    int lw = a->cols * 2 / 5;
    char title[256];

    attrset(ui_term_attr(&a->t, UI_C_HEADER));
    put(y, 0, a->cols, "");
    put(y, 1, lw - 1, _("Details"));
    if (a->rep && model_sel_count(a->sel))
        snprintf(title, sizeof(title), _("Findings: %zu errors, %zu warnings, %zu notes"),
                 a->rep->n_errors, a->rep->n_warnings, a->rep->n_infos);
    else
        snprintf(title, sizeof(title), "%s", _("Findings"));
    put(y, lw + 1, a->cols - lw - 1, title);
    attrset(A_NORMAL);
    draw_details(a, y + 1, lw - 1);
    {
        int i;

        for (i = 1; i < BOTTOM; i++)
            put(y + i, lw - 1, 1, a->t.g.vline);
    }
    draw_findings(a, y + 1, lw + 1, a->cols - lw - 1);
}

static void
draw_keys(struct app *a)
{
    static const struct {
        const char *key, *label;
    } bar[] = {
        { "F1", N_("Help") }, { "F2", N_("Domain") }, { "F5", N_("Rescan") },
        { "F7", N_("Write") }, { "F8", N_("Attach") }, { "F9", N_("Detach") },
        { "F10", N_("Quit") },
    };
    int x = 0;
    size_t i;

    move(a->lines - 1, 0);
    for (i = 0; i < sizeof(bar) / sizeof(bar[0]) && x < a->cols; i++) {
        int kw = (int)strlen(bar[i].key), lw = (int)strlen(_(bar[i].label)) + 1;

        attrset(A_NORMAL);
        put(a->lines - 1, x, kw, bar[i].key);
        x += kw;
        attrset(ui_term_attr(&a->t, UI_C_KEY));
        put(a->lines - 1, x, lw < a->cols - x ? lw : a->cols - x, _(bar[i].label));
        x += lw;
    }
    attrset(A_NORMAL);
    if (x < a->cols)
        put(a->lines - 1, x, a->cols - x, "");
}

static void
draw_status(struct app *a)
{
    char buf[700];

    if (a->mode == M_SEARCH)
        snprintf(buf, sizeof(buf), "/%s", a->input);
    else if (a->mode == M_PROMPT)
        snprintf(buf, sizeof(buf), _("Write the XML to file: %s"), a->input);
    else
        snprintf(buf, sizeof(buf), "%s", a->status);
    attrset(a->status_err && a->mode == M_TREE ? ui_term_attr(&a->t, UI_C_ERROR) : (int)A_NORMAL);
    put(a->lines - 2, 0, a->cols, buf);
    attrset(A_NORMAL);
}

/* A framed box in the middle of the screen; returns its inner origin. */
static void
box_at(struct app *a, int h, int w, const char *title, int *y0, int *x0)
{
    int y = (a->lines - h) / 2, x = (a->cols - w) / 2, i, j;
    char t[256];

    for (i = 0; i < h; i++) {
        attrset(i == 0 ? ui_term_attr(&a->t, UI_C_HEADER) : (int)A_NORMAL);
        put(y + i, x, w, "");
        if (i > 0) {
            put(y + i, x, 1, a->t.g.vline);
            put(y + i, x + w - 1, 1, a->t.g.vline);
        }
    }
    for (j = 1; j < w - 1; j++)
        put(y + h - 1, x + j, 1, a->t.g.hline);
    attrset(ui_term_attr(&a->t, UI_C_HEADER));
    snprintf(t, sizeof(t), " %s", title);
    put(y, x, w, t);
    attrset(A_NORMAL);
    *y0 = y + 1;
    *x0 = x + 2;
}

/* The help text: one line per action of the key table, then the keys
 * of the dialogs. */
static size_t
help_line(size_t i, char *buf, size_t sz)
{
    static const char *const extra[] = {
        N_("In dialogs: Up/Down choose, Enter accepts, Esc cancels."),
        N_("Attach/detach confirmation: y applies, F overrides errors,"),
        N_("  l and c toggle --live and --config."),
        N_("The mouse selects a row; a click on the mark box marks it."),
    };
    size_t n = ui_n_actions + sizeof(extra) / sizeof(extra[0]);

    if (i < ui_n_actions)
        snprintf(buf, sz, "%-14s %s", ui_action_table[i].keys, _(ui_action_table[i].help));
    else if (i < n)
        snprintf(buf, sz, "%s", _(extra[i - ui_n_actions]));
    return n;
}

static void
draw_help(struct app *a)
{
    char buf[512];
    size_t n = help_line(0, buf, sizeof(buf)), i;
    int h = (int)n + 2, w = a->cols - 8, y, x, rows;

    if (h > a->lines)
        h = a->lines;
    rows = h - 2;
    if (a->scroll + (size_t)rows > n)
        a->scroll = n > (size_t)rows ? n - (size_t)rows : 0;
    box_at(a, h, w, n > (size_t)rows ? _("Help: Down/PgDn for more, any other key closes")
                                     : _("Help: keys (any key closes)"), &y, &x);
    for (i = a->scroll; i < n && rows-- > 0; i++) {
        help_line(i, buf, sizeof(buf));
        put(y++, x, w - 4, buf);
    }
}

static void
draw_picker(struct app *a)
{
    struct model_host *h = H(a);
    int hh = (int)h->n_domains + 4, w = a->cols - 8, y, x, y0;
    size_t i, j, k;
    char buf[512];

    if (hh < 6)
        hh = 6;
    if (hh > a->lines - 2)
        hh = a->lines - 2;
    box_at(a, hh, w, _("Choose the target domain (Enter: choose, Esc: cancel)"), &y, &x);
    y0 = y;
    if (!h->domains_known || h->n_domains == 0) {
        put(y, x, w - 4, a->ctx->conn ? _("This connection has no domains.")
                                      : _("No libvirt connection: no domains to choose from."));
        return;
    }
    for (i = 0; i < h->n_domains && y < y0 + hh - 2; i++) {
        char devs[256] = "";

        for (j = 0; j < h->n_devs; j++)
            for (k = 0; k < h->devs[j].n_uses; k++)
                if (h->devs[j].uses[k].domain == i && strlen(devs) < sizeof(devs) - 16) {
                    strcat(devs, " ");
                    strcat(devs, h->devs[j].addr_str);
                }
        /* hostdevs whose address the host no longer has */
        for (k = 0; k < h->domains[i].n_stale; k++) {
            size_t l = strlen(devs);

            snprintf(devs + l, sizeof(devs) - l, _(" %s (stale)"), h->domains[i].stale[k].addr_str);
        }
        snprintf(buf, sizeof(buf), "%s %-20s %-9s %s", i == a->pick ? ">" : " ",
                 h->domains[i].name, model_dom_state_str(h->domains[i].state),
                 devs[0] ? devs : _(" (no hostdevs)"));
        attrset(i == a->pick ? ui_term_attr(&a->t, UI_C_CURSOR) : (int)A_NORMAL);
        put(y++, x, w - 4, buf);
        attrset(A_NORMAL);
    }
}

static void
draw_confirm(struct app *a)
{
    int hh = a->lines - 2, w = a->cols - 4, y, x, maxy;
    char buf[1024], title[512];
    size_t k;
    const char *p;
    size_t line = 0;

    snprintf(title, sizeof(title), a->detach ? _("Detach from %s") : _("Attach to %s"), a->target);
    box_at(a, hh, w, title, &y, &x);
    maxy = (a->lines - hh) / 2 + hh - 2;
    snprintf(buf, sizeof(buf), _("flags: %s%s%s   (l: --live, c: --config)"),
             a->config ? "--config" : "", a->config && a->live ? " " : "", a->live ? "--live" : "");
    put(y++, x, w - 4, buf);
    if (!a->detach && a->crep) {
        for (k = 0; k < a->crep->n && y < maxy - 4; k++) {
            const struct rules_finding *f = &a->crep->items[k];

            snprintf(buf, sizeof(buf), "%s %s: %s", rules_sev_str(f->sev), f->code, f->message);
            attrset(ui_term_attr(&a->t, f->sev == RULES_ERROR ? UI_C_ERROR :
                                        f->sev == RULES_WARNING ? UI_C_WARNING : UI_C_INFO));
            put(y++, x, w - 4, buf);
            attrset(A_NORMAL);
        }
    }
    put(y++, x, w - 4, _("XML to send:"));
    for (p = a->xml; p && *p && y < maxy - 1; line++) {
        const char *nl = strchr(p, '\n');
        int len = nl ? (int)(nl - p) : (int)strlen(p);

        if (line >= a->scroll) {
            snprintf(buf, sizeof(buf), "  %.*s", len, p);
            put(y++, x, w - 4, buf);
        }
        p = nl ? nl + 1 : p + len;
    }
    attrset(A_BOLD);
    if (!a->detach && a->crep && a->crep->n_errors)
        snprintf(buf, sizeof(buf), _("%zu error(s): F overrides them and %s; Esc cancels"),
                 a->crep->n_errors, a->detach ? _("detaches") : _("attaches"));
    else
        snprintf(buf, sizeof(buf), _("y: %s   Esc: cancel   PgUp/PgDn: scroll the XML"),
                 a->detach ? _("detach") : _("attach"));
    put(maxy, x, w - 4, buf);
    attrset(A_NORMAL);
}

static void
draw(struct app *a)
{
    getmaxyx(stdscr, a->lines, a->cols);
    erase();
    if (a->cols < MIN_COLS || a->lines < MIN_LINES) {
        char buf[256];

        snprintf(buf, sizeof(buf), _("The terminal is %dx%d; vfiotui needs at least %dx%d."),
                 a->cols, a->lines, MIN_COLS, MIN_LINES);
        put(a->lines / 2 - 1 > 0 ? a->lines / 2 - 1 : 0, 0, a->cols, buf);
        put(a->lines / 2 > 0 ? a->lines / 2 : 0, 0, a->cols, _("Enlarge it, or press q to quit."));
        refresh();
        return;
    }
    draw_header(a);
    draw_tree(a);
    draw_bottom(a);
    draw_status(a);
    draw_keys(a);
    if (a->mode == M_HELP)
        draw_help(a);
    else if (a->mode == M_PICKER)
        draw_picker(a);
    else if (a->mode == M_CONFIRM)
        draw_confirm(a);
    refresh();
}

/* ---- actions ------------------------------------------------------------- */

static bool
dev_matches(const struct model_dev *d, const char *needle)
{
    char ids[16];
    const char *fields[6];
    size_t i;

    snprintf(ids, sizeof(ids), "%04x:%04x", (unsigned)(d->vendor_id & 0xffff),
             (unsigned)(d->device_id & 0xffff));
    fields[0] = d->addr_str;
    fields[1] = d->vendor_name;
    fields[2] = d->device_name;
    fields[3] = ids;
    fields[4] = d->driver;
    fields[5] = d->class_name;
    for (i = 0; i < 6; i++)
        if (fields[i] && strcasestr(fields[i], needle))
            return true;
    return false;
}

/* Moves to the next (dir 1) or previous (-1) device matching the search,
 * in tree order, expanding its group.  Returns true if found. */
static bool
search_step(struct app *a, int dir, bool include_current)
{
    struct model_host *h = H(a);
    size_t total = h->n_devs, start = 0, k, i;
    size_t *order;
    size_t n = 0, g;

    if (!a->search[0] || total == 0)
        return false;
    if (!(order = malloc(total * sizeof(*order))))
        return false;
    for (g = 0; g < h->n_groups; g++)
        for (i = 0; i < h->groups[g].n_devs; i++)
            order[n++] = h->groups[g].devs[i];
    for (i = 0; i < h->n_devs; i++)
        if (h->devs[i].group == MODEL_NONE)
            order[n++] = i;
    if (a->n_rows && a->rows[a->cur].kind == R_DEV) {
        for (i = 0; i < n; i++)
            if (order[i] == a->rows[a->cur].idx)
                start = i;
    }
    for (k = include_current ? 0 : 1; k <= n; k++) {
        size_t j = (start + n + (dir > 0 ? k : n - k)) % n;
        size_t d = order[j];

        if (dev_matches(&h->devs[d], a->search)) {
            size_t gi = h->devs[d].group == MODEL_NONE ? h->n_groups :
                        (size_t)(model_find_group(h, h->devs[d].group) - h->groups);

            a->expanded[gi] = true;
            a->filter = a->filter && group_has_mark(a, gi);
            build_rows(a);
            for (i = 0; i < a->n_rows; i++)
                if (a->rows[i].kind == R_DEV && a->rows[i].idx == d)
                    a->cur = i;
            free(order);
            return true;
        }
    }
    free(order);
    return false;
}

static void
toggle_group_marks(struct app *a, size_t g)
{
    struct model_host *h = H(a);
    size_t i, n_end = 0, n_marked = 0;

    if (g >= h->n_groups) {
        set_status(a, true, "%s", _("these devices have no IOMMU group"));
        return;
    }
    for (i = 0; i < h->groups[g].n_devs; i++) {
        size_t d = h->groups[g].devs[i];

        if (!model_dev_is_bridge(&h->devs[d])) {
            n_end++;
            n_marked += a->sel->marked[d];
        }
    }
    for (i = 0; i < h->groups[g].n_devs; i++) {
        size_t d = h->groups[g].devs[i];

        if (!model_dev_is_bridge(&h->devs[d]))
            a->sel->marked[d] = n_marked < n_end;
    }
    set_status(a, false, n_marked < n_end ? _("marked the %zu endpoints of group %d")
                                          : _("unmarked the %zu endpoints of group %d"),
               n_end, h->groups[g].id);
}

static struct bdf *
marked_addrs(struct app *a, size_t *n)
{
    struct bdf *v = NULL;

    *n = hostdev_sel_addrs(H(a), a->sel, &v);
    return v;
}

/* What F9 with nothing marked removes: the target's hostdevs whose
 * address is not on this host (VFs gone after a reboot), which no row
 * of the tree can mark. */
static struct bdf *
stale_addrs(struct app *a, size_t *n)
{
    int di = a->target[0] ? model_find_domain(H(a), a->target) : -1;
    const struct model_domain *dm;
    struct bdf *v;
    size_t k;

    *n = 0;
    if (di < 0 || !(dm = &H(a)->domains[di])->n_stale ||
        !(v = calloc(dm->n_stale, sizeof(*v))))
        return NULL;
    for (k = 0; k < dm->n_stale; k++)
        v[k] = dm->stale[k].addr;
    *n = dm->n_stale;
    return v;
}

/* What an attach sends: the marked devices the target does not hold
 * already (all of them if it holds every one: libvirt then says so). */
static struct bdf *
attach_addrs(struct app *a, size_t *n)
{
    struct model_host *h = H(a);
    struct bdf *v = marked_addrs(a, n);
    size_t i, k = 0;

    if (!v || !a->target[0])
        return v;
    for (i = 0; i < h->n_devs && i < a->sel->n_devs; i++) {
        if (!a->sel->marked[i])
            continue;
        if (!model_dom_holds(h, i, a->target, a->live, a->config || !a->live))
            v[k++] = h->devs[i].addr;
    }
    if (k)
        *n = k;
    return v;
}

static void
open_confirm(struct app *a, bool detach)
{
    struct bdf *addrs;
    size_t n;
    struct rules_opts o;

    if (!a->ctx->conn) {
        set_status(a, true, _("no libvirt connection: %s"),
                   a->ctx->conn_error ? a->ctx->conn_error : "?");
        return;
    }
    if (!conn_alive(a->ctx->conn)) {
        a->conn_lost = true;
        set_status(a, true, _("connection to %s lost: %s; F5 reconnects"),
                   conn_uri(a->ctx->conn), conn_lost_reason(a->ctx->conn));
        return;
    }
    if (!a->target[0]) {
        set_status(a, false, "%s", _("choose the target domain first"));
        a->mode = M_PICKER;
        a->pick = 0;
        return;
    }
    addrs = detach ? marked_addrs(a, &n) : attach_addrs(a, &n);
    a->stale_only = false;
    if (n == 0 && detach) {
        free(addrs);
        addrs = stale_addrs(a, &n);
        a->stale_only = n > 0;
    }
    if (n == 0) {
        free(addrs);
        set_status(a, true, "%s", _("mark devices first (Space, or g for a whole group)"));
        return;
    }
    free(a->xml);
    a->xml = hostdev_xml_many(addrs, n, !a->ctx->unmanaged);
    free(addrs);
    rules_report_free(a->crep);
    {
        struct rules_opts ro = ropts(a);

        a->crep = rules_check(H(a), a->sel, &ro);
    }
    (void)o;
    a->detach = detach;
    a->scroll = 0;
    a->mode = M_CONFIRM;
}

static void
reload_domains(struct app *a)
{
    char *err = NULL;

    /* a dead connection keeps the last view; the header says so */
    if (a->ctx->conn && conn_alive(a->ctx->conn) &&
        conn_load_domains(a->ctx->conn, H(a), &err) < 0) {
        set_status(a, true, _("cannot reload domains: %s"), err ? err : "?");
        free(err);
    }
}

static void
do_apply(struct app *a, bool force)
{
    struct bdf *addrs;
    size_t n, i;
    struct conn_report rep;
    char *err = NULL;
    unsigned int flags = (a->config ? CONN_CONFIG : 0) | (a->live ? CONN_LIVE : 0);
    int rc;

    if (a->sel->n_unknown) {
        /* F overrides findings, never a marked device that is gone */
        set_status(a, true, _("%s is no longer on this host: unmark it (or press F5) first; nothing was changed"),
                   a->sel->unknown[0]);
        a->mode = M_TREE;
        return;
    }
    if (!a->detach && a->crep && a->crep->n_errors && !force) {
        set_status(a, true, "%s", _("the checks found errors: press F to override, Esc to cancel"));
        return;
    }
    addrs = !a->detach ? attach_addrs(a, &n) : a->stale_only ? stale_addrs(a, &n) : marked_addrs(a, &n);
    rc = a->detach ? conn_detach(a->ctx->conn, a->target, addrs, n, flags, false, &rep, &err)
                   : conn_attach(a->ctx->conn, a->target, addrs, n, flags, !a->ctx->unmanaged,
                                 false, &rep, &err);
    if (rc == 0) {
        int di = model_find_domain(H(a), a->target);
        bool running = di >= 0 && (H(a)->domains[di].state == MODEL_DOM_RUNNING ||
                                   H(a)->domains[di].state == MODEL_DOM_PAUSED);

        /* a persistent change to a running guest waits for its next start */
        if (running && !a->live)
            set_status(a, false, a->detach ? _("detached %zu device(s) from %s (--config: applies after its next shutdown)")
                                           : _("attached %zu device(s) to %s (--config: applies after its next shutdown)"),
                       n, a->target);
        else
            set_status(a, false, a->detach ? _("detached %zu device(s) from %s") : _("attached %zu device(s) to %s"),
                       n, a->target);
        for (i = 0; i < H(a)->n_devs; i++)
            a->sel->marked[i] = false;
    } else {
        set_status(a, true, "%s%s", err ? err : "?",
                   rep.changed ? _(" (WARNING: the rollback did not complete)") : _(" (nothing was changed)"));
    }
    free(err);
    free(addrs);
    conn_report_clear(&rep);
    reload_domains(a);
    a->mode = M_TREE;
}

/* The errors a write to @path would meet: what the file already holds
 * completes its groups, as `vfiotui write` counts it (a GPU's audio
 * function added to a file that has the GPU).  A file that cannot be
 * read changes nothing here; domfile_save reports it. */
static size_t
write_errors(struct app *a, const char *path)
{
    struct rules_opts o = ropts(a);
    struct rules_report *rep = NULL;
    struct atomicfile *f = NULL;
    struct bdf *have = NULL;
    size_t n_have = 0, n_errors = a->rep->n_errors;
    char *err = NULL;
    struct stat st;

    if (lstat(path, &st) < 0 || !S_ISREG(st.st_mode))
        goto cleanup;
    if (!(f = atomicfile_read(path, &err)) ||
        hostdev_file_devices(f->text, &have, &n_have, &err) < 0 || n_have == 0)
        goto cleanup;
    o.file_holds = have;
    o.n_file_holds = n_have;
    if ((rep = rules_check(H(a), a->sel, &o)))
        n_errors = rep->n_errors;

 cleanup:
    rules_report_free(rep);
    atomicfile_free(f);
    free(have);
    free(err);
    return n_errors;
}

static void
do_write(struct app *a)
{
    struct bdf *addrs;
    size_t n;
    char *err = NULL;
    const char *path = a->input;

    a->mode = M_TREE;
    if (!path[0]) {
        set_status(a, false, "%s", _("nothing written"));
        return;
    }
    addrs = marked_addrs(a, &n);
    if (n == 0) {
        free(addrs);
        set_status(a, true, "%s", _("mark devices first"));
        return;
    }
    if (a->rep && a->rep->n_errors) {
        size_t n_errors = write_errors(a, path);

        if (n_errors) {
            free(addrs);
            set_status(a, true, _("not written: the checks found %zu error(s); fix them first, or use 'vfiotui write --force'"),
                       n_errors);
            return;
        }
    }
    if (domfile_save(path, addrs, n, !a->ctx->unmanaged, &err) == 0)
        set_status(a, false, _("wrote %zu hostdev(s) to %s"), n, path);
    else
        set_status(a, true, _("%s was not written: %s"), path, err ? err : "?");
    free(err);
    free(addrs);
}

static int
act(struct app *a, enum ui_action act_)
{
    struct model_host *h = H(a);
    const struct row *r = a->n_rows ? &a->rows[a->cur] : NULL;
    int page = tree_height(a) > 1 ? tree_height(a) - 1 : 1;

    switch (act_) {
    case UI_MOVE_UP:
        if (a->cur > 0)
            a->cur--;
        return RE_REDRAW;
    case UI_MOVE_DOWN:
        if (a->cur + 1 < a->n_rows)
            a->cur++;
        return RE_REDRAW;
    case UI_PAGE_UP:
        a->cur = a->cur > (size_t)page ? a->cur - (size_t)page : 0;
        return RE_REDRAW;
    case UI_PAGE_DOWN:
        a->cur = a->cur + (size_t)page < a->n_rows ? a->cur + (size_t)page : (a->n_rows ? a->n_rows - 1 : 0);
        return RE_REDRAW;
    case UI_FIRST:
        a->cur = 0;
        return RE_REDRAW;
    case UI_LAST:
        a->cur = a->n_rows ? a->n_rows - 1 : 0;
        return RE_REDRAW;
    case UI_MARK:
        if (!r)
            return RE_NONE;
        if (r->kind == R_GROUP) {
            toggle_group_marks(a, r->idx);
        } else if (model_dev_is_bridge(&h->devs[r->idx])) {
            set_status(a, true, "%s", _("bridges and root ports cannot be assigned; mark the devices behind them"));
            return RE_REDRAW;
        } else {
            a->sel->marked[r->idx] = !a->sel->marked[r->idx];
            set_status(a, false, "%s %s", a->sel->marked[r->idx] ? _("marked") : _("unmarked"),
                       h->devs[r->idx].addr_str);
        }
        return RE_CHECK | RE_REDRAW;
    case UI_MARK_GROUP:
        if (!r)
            return RE_NONE;
        toggle_group_marks(a, r->group);
        return RE_CHECK | RE_REDRAW;
    case UI_EXPAND:
        if (r && r->kind == R_GROUP && !a->expanded[r->idx]) {
            a->expanded[r->idx] = true;
            return RE_ROWS | RE_REDRAW;
        }
        return RE_NONE;
    case UI_COLLAPSE:
        if (r) {
            a->expanded[r->group] = false;
            return RE_ROWS | RE_REDRAW;
        }
        return RE_NONE;
    case UI_TOGGLE_ALL: {
        bool any_closed = false;
        size_t g;

        for (g = 0; g < n_groups_all(a); g++)
            any_closed |= !a->expanded[g];
        for (g = 0; g < n_groups_all(a); g++)
            a->expanded[g] = any_closed;
        return RE_ROWS | RE_REDRAW;
    }
    case UI_SEARCH:
        a->mode = M_SEARCH;
        a->input[0] = '\0';
        a->saved_cur = a->cur;
        return RE_REDRAW;
    case UI_SEARCH_NEXT:
    case UI_SEARCH_PREV:
        if (!search_step(a, act_ == UI_SEARCH_NEXT ? 1 : -1, false))
            set_status(a, true, a->search[0] ? _("no match for '%s'") : _("no search yet: press /%s"), a->search);
        return RE_REDRAW;
    case UI_FILTER:
        a->filter = !a->filter;
        set_status(a, false, "%s", a->filter ? _("showing only groups that are marked or need attention")
                                             : _("showing every group"));
        return RE_ROWS | RE_REDRAW;
    case UI_HELP:
        a->mode = M_HELP;
        a->scroll = 0;
        return RE_REDRAW;
    case UI_DOMAIN:
        a->mode = M_PICKER;
        a->pick = 0;
        if (a->target[0]) {
            int di = model_find_domain(h, a->target);

            if (di >= 0)
                a->pick = (size_t)di;
        }
        return RE_REDRAW;
    case UI_RESCAN: {
        char *err = NULL;
        char **addrs = NULL;
        size_t i, n = 0;

        /* keep the marks by address across the reread */
        addrs = calloc(h->n_devs + 1, sizeof(*addrs));
        for (i = 0; addrs && i < h->n_devs; i++)
            if (a->sel->marked[i])
                addrs[n++] = strdup(h->devs[i].addr_str);
        if (!a->o->rescan || a->o->rescan(a->ctx, &err) < 0)
            set_status(a, true, _("rescan failed: %s"), err ? err : _("not available"));
        else
            set_status(a, false, _("rescanned: %zu devices in %zu groups"), H(a)->n_devs, H(a)->n_groups);
        /* a new host model even when the domains or the connection
         * failed: the marks and rows must follow it */
        if (H(a) != h) {
            h = H(a);
            model_sel_free(a->sel);
            a->sel = model_sel_new(h);
            for (i = 0; i < n; i++)
                model_sel_add(a->sel, h, addrs[i]);
            free(a->expanded);
            a->expanded = calloc(h->n_groups + 1, sizeof(*a->expanded));
            for (i = 0; a->expanded && i <= h->n_groups; i++)
                a->expanded[i] = true;
        }
        if (a->ctx->conn && conn_alive(a->ctx->conn))
            a->conn_lost = false;
        for (i = 0; i < n; i++)
            free(addrs[i]);
        free(addrs);
        free(err);
        return RE_ROWS | RE_CHECK | RE_REDRAW;
    }
    case UI_WRITE:
        if (model_sel_count(a->sel) == 0) {
            set_status(a, true, "%s", _("mark devices first (Space, or g for a whole group)"));
            return RE_REDRAW;
        }
        a->mode = M_PROMPT;
        snprintf(a->input, sizeof(a->input), "%s", "hostdevs.xml");
        return RE_REDRAW;
    case UI_ATTACH:
        open_confirm(a, false);
        return RE_REDRAW;
    case UI_DETACH:
        open_confirm(a, true);
        return RE_REDRAW;
    case UI_QUIT:
        return RE_QUIT;
    case UI_NONE:
    case UI_N_ACTIONS:
    default:
        return RE_NONE;
    }
}

/* Keys while a dialog or prompt is open. */
static int
dialog_key(struct app *a, int key)
{
    struct model_host *h = H(a);
    size_t len = strlen(a->input);

    switch (a->mode) {
    case M_HELP:
        if (key == KEY_DOWN || key == KEY_NPAGE || key == 'j')
            a->scroll += key == KEY_NPAGE ? 10 : 1;
        else if ((key == KEY_UP || key == KEY_PPAGE || key == 'k') && a->scroll > 0)
            a->scroll -= key == KEY_PPAGE && a->scroll >= 10 ? 10 : 1;
        else
            a->mode = M_TREE;
        return RE_REDRAW;
    case M_PICKER:
        if (key == KEY_UP || key == 'k') {
            if (a->pick > 0)
                a->pick--;
        } else if (key == KEY_DOWN || key == 'j') {
            if (a->pick + 1 < h->n_domains)
                a->pick++;
        } else if (key == '\n' || key == '\r' || key == KEY_ENTER) {
            if (a->pick < h->n_domains) {
                const struct model_domain *dm = &h->domains[a->pick];

                snprintf(a->target, sizeof(a->target), "%s", dm->name);
                if (dm->n_stale)
                    set_status(a, false, _("target domain: %s (%s); %zu hostdev(s) not on this host, first %s (F9 with nothing marked removes them)"),
                               a->target, model_dom_state_str(dm->state), dm->n_stale,
                               dm->stale[0].addr_str);
                else
                    set_status(a, false, _("target domain: %s (%s)"), a->target,
                               model_dom_state_str(dm->state));
                a->live = false;
                a->config = true;
            }
            a->mode = M_TREE;
            return RE_CHECK | RE_ROWS | RE_REDRAW;
        } else if (key == 27 || key == 'q' || key == KEY_F(10)) {
            a->mode = M_TREE;
        }
        return RE_REDRAW;
    case M_CONFIRM:
        if (key == 'y' || key == 'Y')
            do_apply(a, false);
        else if (key == 'F')
            do_apply(a, true);
        else if (key == 'l')
            a->live = !a->live;
        else if (key == 'c')
            a->config = !a->config;
        else if (key == KEY_NPAGE || key == KEY_DOWN)
            a->scroll++;
        else if ((key == KEY_PPAGE || key == KEY_UP) && a->scroll > 0)
            a->scroll--;
        else if (key == 27 || key == 'q' || key == 'n') {
            a->mode = M_TREE;
            set_status(a, false, "%s", _("cancelled; nothing was changed"));
        }
        if (!a->live && !a->config)
            a->config = true;
        if (a->mode == M_CONFIRM && (key == 'l' || key == 'c')) {
            struct rules_opts ro = ropts(a);

            rules_report_free(a->crep);
            a->crep = rules_check(h, a->sel, &ro);
        }
        return RE_CHECK | RE_ROWS | RE_REDRAW;
    case M_SEARCH:
    case M_PROMPT:
        if (key == 27) {
            if (a->mode == M_SEARCH)
                a->cur = a->saved_cur;
            a->mode = M_TREE;
            return RE_REDRAW;
        }
        if (key == '\n' || key == '\r' || key == KEY_ENTER) {
            if (a->mode == M_PROMPT) {
                do_write(a);
            } else {
                a->mode = M_TREE;
                if (a->search[0] && !search_step(a, 1, true))
                    set_status(a, true, _("no match for '%s'"), a->search);
            }
            return RE_REDRAW;
        }
        if (key == KEY_BACKSPACE || key == 127 || key == 8) {
            if (len)
                a->input[len - 1] = '\0';
        } else if (key >= 32 && key < 256 && len + 1 < sizeof(a->input)) {
            a->input[len] = (char)key;
            a->input[len + 1] = '\0';
        } else {
            return RE_NONE;
        }
        if (a->mode == M_SEARCH) {
            /* incremental: jump to the first match from where it began */
            snprintf(a->search, sizeof(a->search), "%s", a->input);
            a->cur = a->saved_cur;
            if (a->search[0] && !search_step(a, 1, true))
                set_status(a, true, _("no match for '%s'"), a->search);
            else
                a->status[0] = '\0';
        }
        return RE_REDRAW;
    case M_TREE:
    default:
        return RE_NONE;
    }
}

static void
mouse(struct app *a)
{
    MEVENT ev;
    size_t i;

    if (getmouse(&ev) != OK || a->mode != M_TREE)
        return;
    if (ev.y < 2 || ev.y >= 2 + tree_height(a))
        return;
    i = a->top + (size_t)(ev.y - 2);
    if (i >= a->n_rows)
        return;
    a->cur = i;
    if ((ev.bstate & BUTTON1_DOUBLE_CLICKED) ||
        (a->rows[i].kind == R_DEV && ev.x >= 2 && ev.x <= 4)) {
        int re = act(a, UI_MARK);

        if (re & RE_CHECK)
            recheck(a);
    } else if (a->rows[i].kind == R_GROUP && ev.x < 2) {
        a->expanded[a->rows[i].idx] = !a->expanded[a->rows[i].idx];
        build_rows(a);
    }
}

/* One key through the current mode; returns the reaction flags. */
static int
handle_key(struct app *a, int key)
{
    int re;

    if (key == KEY_RESIZE)
        return RE_REDRAW;
    if (key == KEY_MOUSE) {
        mouse(a);
        return RE_REDRAW;
    }
    if (a->cols < MIN_COLS || a->lines < MIN_LINES)
        return (key == 'q' || key == KEY_F(10)) ? RE_QUIT : RE_NONE;
    if (a->mode != M_TREE)
        re = dialog_key(a, key);
    else
        re = act(a, ui_action_for_key(key));
    if (re & RE_CHECK)
        recheck(a);
    if (re & RE_ROWS)
        build_rows(a);
    return re;
}

/* ---- headless scripts ----------------------------------------------------- */

static int
dump_screen(struct app *a, const char *name)
{
    char path[4096];
    FILE *f;
    int y;

    snprintf(path, sizeof(path), "%s/%s.txt", a->o->dump_dir ? a->o->dump_dir : ".", name);
    if (!(f = fopen(path, "w")))
        return -1;
    for (y = 0; y < a->lines; y++) {
        wchar_t wbuf[1024];
        char mb[4096];
        int n;

        n = mvinnwstr(y, 0, wbuf, a->cols < 1023 ? a->cols : 1023);
        if (n < 0)
            n = 0;
        wbuf[n] = L'\0';
        while (n > 0 && wbuf[n - 1] == L' ')
            wbuf[--n] = L'\0';
        if (wcstombs(mb, wbuf, sizeof(mb)) == (size_t)-1)
            mb[0] = '\0';
        fprintf(f, "%s\n", mb);
    }
    return fclose(f) == 0 ? 0 : -1;
}

static int
run_script(struct app *a, FILE *in)
{
    char line[1024];
    int lineno = 0;

    draw(a);
    while (fgets(line, sizeof(line), in)) {
        char *cmd = line, *arg;
        size_t l = strlen(line);

        lineno++;
        while (l && (line[l - 1] == '\n' || line[l - 1] == '\r'))
            line[--l] = '\0';
        while (*cmd == ' ')
            cmd++;
        if (!*cmd || *cmd == '#')
            continue;
        arg = strchr(cmd, ' ');
        if (arg)
            *arg++ = '\0';
        if (strcmp(cmd, "key") == 0 && arg) {
            char *tok, *save = NULL;

            for (tok = strtok_r(arg, " ", &save); tok; tok = strtok_r(NULL, " ", &save)) {
                int k = ui_key_code(tok);

                if (k < 0) {
                    fprintf(stderr, _("script line %d: unknown key '%s'\n"), lineno, tok);
                    return 2;
                }
                if (handle_key(a, k) & RE_QUIT)
                    return 0;
                draw(a);
            }
        } else if (strcmp(cmd, "type") == 0) {
            const char *p;

            for (p = arg ? arg : ""; *p; p++) {
                handle_key(a, (unsigned char)*p);
                draw(a);
            }
        } else if (strcmp(cmd, "resize") == 0 && arg) {
            int c, r;

            if (sscanf(arg, "%d %d", &c, &r) != 2 || c < 1 || r < 1) {
                fprintf(stderr, _("script line %d: resize COLS LINES\n"), lineno);
                return 2;
            }
            resizeterm(r, c);
            handle_key(a, KEY_RESIZE);
            draw(a);
        } else if (strcmp(cmd, "dump") == 0 && arg) {
            if (dump_screen(a, arg) < 0) {
                fprintf(stderr, _("script line %d: cannot write the dump '%s': %s\n"),
                        lineno, arg, strerror(errno));
                return 2;
            }
        } else {
            fprintf(stderr, _("script line %d: unknown command '%s'\n"), lineno, cmd);
            return 2;
        }
    }
    return 0;
}

/* ---- entry ----------------------------------------------------------------- */

/* Notices a connection that went away (libvirt's close callback, run
 * from the event loop) and says so once. */
static void
watch_conn(struct app *a)
{
    struct conn *c = a->ctx->conn;
    bool lost = c && !conn_alive(c);

    if (lost && !a->conn_lost)
        set_status(a, true, _("connection to %s lost: %s; F5 reconnects"),
                   conn_uri(c), conn_lost_reason(c));
    a->conn_lost = lost;
}

/* Keys and libvirt's events in one thread, as virt-top does: the
 * event loop wakes on the terminal or a short timer, then every key
 * curses has is handled.  Without the event loop, keys as before. */
static void
main_loop(struct app *a)
{
    bool events = conn_events_watch(STDIN_FILENO, 250, &a->hup) == 0;

    if (events) {
        cbreak();               /* halfdelay() would override nodelay() */
        nodelay(stdscr, TRUE);
    }
    for (;;) {
        int key;

        watch_conn(a);
        draw(a);
        if (events && conn_events_run() < 0) {
            events = false;
            nodelay(stdscr, FALSE);
            halfdelay(5);
        }
        if (ui_term_interrupted() || a->hup)
            return;
        while ((key = getch()) != ERR) {
            if (handle_key(a, key) & RE_QUIT)
                return;
            if (ui_term_interrupted())
                return;
            if (!events)
                break;
            watch_conn(a);
            draw(a);
        }
        if (ui_term_interrupted())
            return;
    }
}

void
ui_print_keys(void)
{
    size_t i;

    for (i = 0; i < ui_n_actions; i++)
        printf("%s\t%s\n", ui_action_table[i].keys, _(ui_action_table[i].help));
}

int
ui_run(struct ui_opts *o)
{
    struct app a;
    size_t i;
    int ret = CMD_EXIT_OK;
    FILE *script = NULL;

    memset(&a, 0, sizeof(a));
    a.o = o;
    a.ctx = o->ctx;
    a.config = true;
    if (o->script && !(script = fopen(o->script, "r"))) {
        fprintf(stderr, "%s: %s: %s\n", a.ctx->progname, o->script, strerror(errno));
        return CMD_EXIT_ERROR;
    }
    a.sel = model_sel_new(H(&a));
    a.expanded = calloc(H(&a)->n_groups + 1, sizeof(*a.expanded));
    if (!a.sel || !a.expanded) {
        ret = CMD_EXIT_ERROR;
        goto cleanup;
    }
    for (i = 0; i <= H(&a)->n_groups; i++)
        a.expanded[i] = true;
    if (ui_term_start(&a.t, script != NULL, o->cols > 0 ? o->cols : 80,
                      o->lines > 0 ? o->lines : 24, o->ascii) < 0) {
        ret = CMD_EXIT_ERROR;
        goto cleanup;
    }
    getmaxyx(stdscr, a.lines, a.cols);
    build_rows(&a);
    recheck(&a);
    if (H(&a)->iommu_unknown)
        set_status(&a, true, "%s", _("sys/kernel/iommu_groups cannot be read: whether the IOMMU is on, and the groups, are unknown."));
    else if (!H(&a)->iommu)
        set_status(&a, true, "%s", _("This host has no IOMMU groups: nothing can be passed through until the IOMMU is on."));
    else if (!a.ctx->conn)
        set_status(&a, true, _("no libvirt connection (%s); F2, F8 and F9 need one"),
                   a.ctx->conn_error ? a.ctx->conn_error : "?");
    else
        set_status(&a, false, "%s", _("Space marks a device, g its whole group; F2 chooses a guest; F1 help"));

    if (script)
        ret = run_script(&a, script);
    else
        main_loop(&a);
    ui_term_stop(&a.t);
    /* as any tool a signal ends: the shell sees 128+N */
    if (ui_term_interrupted())
        ret = 128 + ui_term_interrupted();

 cleanup:
    if (script)
        fclose(script);
    rules_report_free(a.rep);
    rules_report_free(a.crep);
    free(a.xml);
    free(a.rows);
    free(a.expanded);
    model_sel_free(a.sel);
    return ret;
}
