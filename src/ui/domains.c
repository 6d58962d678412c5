/* domains.c - the domain screen: each domain with its state and its
 * hostdevs (stale and non-PCI ones included), the host device each one
 * maps to; detach from there, show a device in the tree, or make the
 * domain the target. */
#include <config.h>

#include "app-priv.h"
#include "pci.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"

static const char *
state_str(enum model_dom_state s)
{
    switch (s) {
    case MODEL_DOM_RUNNING:
        return _("running");
    case MODEL_DOM_PAUSED:
        return _("paused");
    case MODEL_DOM_SHUTOFF:
        return _("shut off");
    case MODEL_DOM_OTHER:
        return _("other");
    case MODEL_DOM_UNKNOWN:
    default:
        return _("unknown");
    }
}

static const char *
defs_str(bool live, bool config)
{
    return live && config ? "live+config" : live ? "live" : config ? "config" : "-";
}

static int
add_row(struct app *a, size_t *cap, enum ui_drow_kind kind, size_t dom, size_t idx,
        bool live, bool config)
{
    if (a->n_drows == *cap) {
        size_t nc = *cap ? *cap * 2 : 32;
        struct ui_drow *v = realloc(a->drows, nc * sizeof(*v));

        if (!v)
            return -1;
        a->drows = v;
        *cap = nc;
    }
    a->drows[a->n_drows].kind = kind;
    a->drows[a->n_drows].dom = dom;
    a->drows[a->n_drows].idx = idx;
    a->drows[a->n_drows].live = live;
    a->drows[a->n_drows].config = config;
    a->n_drows++;
    return 0;
}

/* Rebuilds the rows from the host: a domain, then its PCI hostdevs in
 * address order (present and stale ones merged), then the others.
 * Cheap next to a libvirt round trip, so done at every key and draw:
 * a reload after a detach can never leave a row pointing nowhere. */
void
ui_domains_rows(struct app *a)
{
    const struct model_host *h = ui_host(a);
    size_t cap = 0, i, j, k, s;

    free(a->drows);
    a->drows = NULL;
    a->n_drows = 0;
    for (i = 0; i < h->n_domains; i++) {
        const struct model_domain *dm = &h->domains[i];

        if (add_row(a, &cap, D_DOM, i, 0, false, false) < 0)
            break;
        s = 0;
        for (j = 0; j < h->n_devs; j++) {
            for (k = 0; k < h->devs[j].n_uses; k++) {
                const struct model_use *u = &h->devs[j].uses[k];

                if (u->domain != i)
                    continue;
                for (; s < dm->n_stale && bdf_cmp(&dm->stale[s].addr, &h->devs[j].addr) < 0; s++)
                    add_row(a, &cap, D_STALE, i, s, dm->stale[s].live, dm->stale[s].config);
                add_row(a, &cap, D_DEV, i, j, u->live, u->config);
            }
        }
        for (; s < dm->n_stale; s++)
            add_row(a, &cap, D_STALE, i, s, dm->stale[s].live, dm->stale[s].config);
        for (k = 0; k < dm->n_other; k++)
            add_row(a, &cap, D_OTHER, i, k, dm->other[k].live, dm->other[k].config);
    }
    if (a->dcur >= a->n_drows)
        a->dcur = a->n_drows ? a->n_drows - 1 : 0;
}

void
ui_domains_open(struct app *a, int dom)
{
    size_t i;

    if (dom < 0 && a->target[0])
        dom = model_find_domain(ui_host(a), a->target);
    a->mode = M_DOMAINS;
    a->dcur = a->dtop = 0;
    ui_domains_rows(a);
    for (i = 0; dom >= 0 && i < a->n_drows; i++) {
        if (a->drows[i].kind == D_DOM && a->drows[i].dom == (size_t)dom) {
            a->dcur = i;
            break;
        }
    }
}

/* The rows of the list: the screen less the title, the two headings,
 * the status line, the keys, and a line for "N more rows below". */
static int
list_height(const struct app *a)
{
    int h = a->lines - 6;

    return h > 1 ? h : 1;
}

static void
draw_domain(struct app *a, int y, const struct model_domain *dm, bool cur)
{
    char buf[1024], hd[128];
    size_t n = 0, i;
    const struct model_host *h = ui_host(a);
    size_t di = (size_t)(dm - h->domains);

    for (i = 0; i < h->n_devs; i++) {
        size_t k;

        for (k = 0; k < h->devs[i].n_uses; k++)
            n += h->devs[i].uses[k].domain == di;
    }
    n += dm->n_stale + dm->n_other;
    if (dm->n_stale)
        /* TRANSLATORS: how many hostdevs a domain has, and how many of
         * them name no device of this host */
        snprintf(hd, sizeof(hd), ngettext("%zu hostdev, %zu stale", "%zu hostdevs, %zu stale", n),
                 n, dm->n_stale);
    else
        snprintf(hd, sizeof(hd), ngettext("%zu hostdev", "%zu hostdevs", n), n);
    /* the cursor's ">" and the target's "*" stay in a dump, as colours do not */
    {
        char p1[128], p2[64], p3[64];

        /* padded by display cells: "éteint" is 6 cells in 7 bytes */
        snprintf(buf, sizeof(buf), "%s%s%s %s %s %s", cur ? ">" : " ",
                 a->target[0] && strcmp(a->target, dm->name) == 0 ? "*" : " ",
                 ui_pad(p1, sizeof(p1), dm->name, 22), ui_pad(p2, sizeof(p2), state_str(dm->state), 9),
                 ui_pad(p3, sizeof(p3), dm->persistent ? _("persistent") : _("transient"), 10), hd);
    }
    ui_put(y, 0, a->cols, buf);
}

static void
draw_row(struct app *a, int y, const struct ui_drow *r, bool cur)
{
    const struct model_host *h = ui_host(a);
    const struct model_domain *dm = &h->domains[r->dom];
    char buf[1024], grp[32];
    int attr = A_NORMAL;

    switch (r->kind) {
    case D_DOM:
        attr = A_BOLD;
        break;
    case D_DEV: {
        const struct model_dev *d = &h->devs[r->idx];

        if (d->group >= 0)
            snprintf(grp, sizeof(grp), _("group %d"), d->group);
        else
            snprintf(grp, sizeof(grp), "%s", _("no group"));
        snprintf(buf, sizeof(buf), "    %s  %-11s  %-10s %-12s %s", d->addr_str,
                 defs_str(r->live, r->config), grp, d->driver ? d->driver : _("(no driver)"),
                 pci_dev_label(d));
        break;
    }
    case D_STALE:
        attr = ui_term_attr(&a->t, UI_C_ERROR);
        snprintf(buf, sizeof(buf), _("    %s  %-11s  stale: no device of this host has this address"),
                 dm->stale[r->idx].addr_str, defs_str(r->live, r->config));
        break;
    case D_OTHER:
        attr = ui_term_attr(&a->t, UI_C_DIM);
        /* TRANSLATORS: "not PCI" fits the 12 columns of an address */
        snprintf(buf, sizeof(buf), _("    %-12s  %-11s  %s (shown only: vfiotui does not change it)"),
                 _("not PCI"), defs_str(r->live, r->config), dm->other[r->idx].label);
        break;
    }
    if (cur)
        attr = ui_term_attr(&a->t, UI_C_CURSOR);
    attrset(attr);
    if (r->kind == D_DOM) {
        draw_domain(a, y, dm, cur);
    } else {
        buf[0] = cur ? '>' : ' ';
        ui_put(y, 0, a->cols, buf);
    }
    attrset(A_NORMAL);
}

void
ui_domains_draw(struct app *a)
{
    const struct model_host *h = ui_host(a);
    const char *uri = ui_ops_uri(a);
    char buf[1024], k1[16], k2[16], k3[16], k4[16], k5[16];
    int hh = list_height(a), y;
    size_t i;

    ui_domains_rows(a);
    if (a->dcur < a->dtop)
        a->dtop = a->dcur;
    if (a->dcur >= a->dtop + (size_t)hh)
        a->dtop = a->dcur - (size_t)hh + 1;
    attrset(ui_term_attr(&a->t, UI_C_HEADER));
    /* TRANSLATORS: the connection, the number of domains and the target */
    snprintf(buf, sizeof(buf), _(" Domains of %s: %zu  target %s"),
             ui_ops_demo(a) ? _("demo guests (test driver)") : uri ? uri : _("(no libvirt connection)"),
             h->n_domains, a->target[0] ? a->target : _("(none)"));
    ui_put(0, 0, a->cols, buf);
    attrset(A_NORMAL);
    attrset(A_UNDERLINE);
    {
        char p1[128], p2[64], p3[64];

        snprintf(buf, sizeof(buf), "  %s %s %s %s", ui_pad(p1, sizeof(p1), _("DOMAIN"), 22),
                 ui_pad(p2, sizeof(p2), _("STATE"), 9), ui_pad(p3, sizeof(p3), "", 10), _("HOSTDEVS"));
    }
    ui_put(1, 0, a->cols, buf);
    snprintf(buf, sizeof(buf), "    %-12s  %-11s  %-10s %-12s %s", _("HOSTDEV"), _("IN"), _("GROUP"),
             _("DRIVER"), _("HOST DEVICE"));
    ui_put(2, 0, a->cols, buf);
    attrset(A_NORMAL);
    y = 3;
    if (!h->domains_known || h->n_domains == 0)
        ui_put(y, 2, a->cols - 2, ui_ops_connected(a) ? _("This connection has no domains.")
                                                      : _("No libvirt connection: no domains to show."));
    for (i = a->dtop; i < a->n_drows && y < 3 + hh; i++)
        draw_row(a, y++, &a->drows[i], i == a->dcur);
    if (a->dtop + (size_t)hh < a->n_drows) {
        size_t more = a->n_drows - (a->dtop + (size_t)hh);

        snprintf(buf, sizeof(buf), ngettext("  ... %zu more row below", "  ... %zu more rows below", more),
                 more);
        attrset(ui_term_attr(&a->t, UI_C_DIM));
        ui_put(3 + hh, 0, a->cols, buf);
        attrset(A_NORMAL);
    }
    attrset(ui_term_attr(&a->t, a->status_err ? UI_C_ERROR : UI_C_NORMAL));
    ui_put(a->lines - 2, 0, a->cols, a->status);
    attrset(A_NORMAL);
    attrset(ui_term_attr(&a->t, UI_C_KEY));
    /* TRANSLATORS: the domain screen's keys: show in the tree, make the
     * target, detach, detach the stale ones, close */
    snprintf(buf, sizeof(buf), _(" %s: show in tree  %s: make target  %s: detach  %s: detach stale  %s: close"),
             ui_action_key(UI_DOM_JUMP, k1, sizeof(k1)), ui_action_key(UI_DOM_TARGET, k2, sizeof(k2)),
             ui_action_key(UI_DOM_DETACH, k3, sizeof(k3)),
             ui_action_key(UI_DOM_DETACH_STALE, k4, sizeof(k4)),
             ui_action_key(UI_DOM_CLOSE, k5, sizeof(k5)));
    ui_put(a->lines - 1, 0, a->cols, buf);
    attrset(A_NORMAL);
}

/* Expands the device's group, clears a filter that hides it, puts the
 * tree's cursor on it and closes the screen. */
static void
jump(struct app *a, size_t dev)
{
    const struct model_host *h = ui_host(a);
    size_t gi = h->n_groups, i;
    int pass;

    for (i = 0; i < h->n_groups; i++) {
        if (h->groups[i].id == h->devs[dev].group) {
            gi = i;
            break;
        }
    }
    a->expanded[gi] = true;
    for (pass = 0; pass < 2; pass++) {
        ui_build_rows(a);
        for (i = 0; i < a->n_rows; i++) {
            if (a->rows[i].kind == R_DEV && a->rows[i].idx == dev) {
                a->cur = i;
                a->mode = M_TREE;
                ui_set_status(a, false, _("%s: %s"), h->devs[dev].addr_str, pci_dev_label(&h->devs[dev]));
                return;
            }
        }
        a->filter = false;      /* the filter hid its group */
    }
    ui_set_status(a, true, _("%s is not in the tree"), h->devs[dev].addr_str);
}

static bool
running(const struct model_domain *dm)
{
    return dm->state == MODEL_DOM_RUNNING || dm->state == MODEL_DOM_PAUSED;
}

/* X: every stale hostdev of the domain under the cursor. */
static void
detach_stale(struct app *a, const struct ui_drow *r)
{
    const struct model_domain *dm = &ui_host(a)->domains[r->dom];
    struct bdf *v;
    bool live = false, config = false;
    size_t k;

    if (!dm->n_stale) {
        ui_set_status(a, true, _("%s has no stale hostdevs"), dm->name);
        return;
    }
    if (!(v = calloc(dm->n_stale, sizeof(*v)))) {
        ui_set_status(a, true, "%s", _("out of memory"));
        return;
    }
    for (k = 0; k < dm->n_stale; k++) {
        v[k] = dm->stale[k].addr;
        live |= dm->stale[k].live;
        config |= dm->stale[k].config;
    }
    ui_ops_open_detach(a, r->dom, v, dm->n_stale, live && running(dm), config);
    free(v);
}

static void
detach_one(struct app *a, const struct ui_drow *r)
{
    const struct model_host *h = ui_host(a);
    const struct model_domain *dm = &h->domains[r->dom];
    struct bdf addr;

    switch (r->kind) {
    case D_DEV:
        addr = h->devs[r->idx].addr;
        break;
    case D_STALE:
        addr = dm->stale[r->idx].addr;
        break;
    case D_OTHER:
        /* an mdev the host has goes through the same change */
        if (strncmp(dm->other[r->idx].label, "mdev ", 5) == 0 &&
            model_find_mdev(h, dm->other[r->idx].label + 5) >= 0) {
            ui_ops_open_detach_mdev(a, r->dom, dm->other[r->idx].label + 5, r->live && running(dm),
                                    r->config);
            return;
        }
        ui_set_status(a, true, _("%s is not a PCI hostdev: vfiotui does not change it (virsh detach-device does)"),
                      dm->other[r->idx].label);
        return;
    case D_DOM:
    default:
        if (dm->n_stale)
            detach_stale(a, r);
        else
            ui_set_status(a, true, "%s", _("put the cursor on a hostdev to detach it"));
        return;
    }
    ui_ops_open_detach(a, r->dom, &addr, 1, r->live && running(dm), r->config);
}

int
ui_domains_key(struct app *a, int key)
{
    enum ui_action act = ui_keymap_lookup(&a->keys, UI_KM_DOMAINS, key);
    size_t page = (size_t)list_height(a) > 1 ? (size_t)list_height(a) - 1 : 1;
    struct ui_drow r;

    ui_domains_rows(a);
    switch (act) {
    case UI_DOM_UP:
        if (a->dcur > 0)
            a->dcur--;
        break;
    case UI_DOM_DOWN:
        if (a->dcur + 1 < a->n_drows)
            a->dcur++;
        break;
    case UI_DOM_PAGE_UP:
        a->dcur = a->dcur > page ? a->dcur - page : 0;
        break;
    case UI_DOM_PAGE_DOWN:
        a->dcur += page;
        if (a->dcur >= a->n_drows)
            a->dcur = a->n_drows ? a->n_drows - 1 : 0;
        break;
    case UI_DOM_FIRST:
        a->dcur = 0;
        break;
    case UI_DOM_LAST:
        a->dcur = a->n_drows ? a->n_drows - 1 : 0;
        break;
    case UI_DOM_CLOSE:
        a->mode = M_TREE;
        break;
    case UI_DOM_JUMP:
    case UI_DOM_TARGET:
    case UI_DOM_DETACH:
    case UI_DOM_DETACH_STALE:
        if (a->dcur >= a->n_drows) {
            ui_set_status(a, true, "%s", _("there are no domains"));
            break;
        }
        r = a->drows[a->dcur];
        if (act == UI_DOM_TARGET) {
            ui_picker_choose(a, r.dom);
            return RE_CHECK | RE_ROWS | RE_REDRAW;
        }
        if (act == UI_DOM_DETACH)
            detach_one(a, &r);
        else if (act == UI_DOM_DETACH_STALE)
            detach_stale(a, &r);
        else if (r.kind == D_DEV)
            jump(a, r.idx);
        else if (r.kind == D_STALE)
            ui_set_status(a, true, _("%s is stale: no device of this host has that address"),
                          ui_host(a)->domains[r.dom].stale[r.idx].addr_str);
        else if (r.kind == D_OTHER)
            ui_set_status(a, true, _("%s is not a PCI device: it is not in the tree"),
                          ui_host(a)->domains[r.dom].other[r.idx].label);
        else
            ui_set_status(a, true, "%s", _("put the cursor on a hostdev to show its device"));
        return RE_CHECK | RE_REDRAW;
    default:
        break;
    }
    return RE_REDRAW;
}

void
ui_domains_mouse(struct app *a)
{
    MEVENT ev;
    size_t i;

    if (getmouse(&ev) != OK)
        return;
    ui_domains_rows(a);
#ifdef BUTTON5_PRESSED
    if (ev.bstate & (BUTTON4_PRESSED | BUTTON5_PRESSED)) {
        if ((ev.bstate & BUTTON4_PRESSED) && a->dcur > 0)
            a->dcur--;
        else if ((ev.bstate & BUTTON5_PRESSED) && a->dcur + 1 < a->n_drows)
            a->dcur++;
        return;
    }
#endif
    if (ev.y < 3 || ev.y >= 3 + list_height(a))
        return;
    i = a->dtop + (size_t)(ev.y - 3);
    if (i < a->n_drows)
        a->dcur = i;
}
