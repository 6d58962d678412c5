/* bind.c - the bind and unbind keys: the devices to vfio-pci now, by
 * address, or back to their drivers, as `vfiotui bind` and `unbind` do.
 * The confirmation lists the exact writes (session_bind's dry run) and
 * the host-critical devices it refuses (F forces them); g parks the
 * group-mates too.  After the writes the host is read again through
 * F5's path (the marks kept) and each device's result is reported. */
#include <config.h>

#include "app-priv.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"

void
ui_bind_free(struct app *a)
{
    free(a->bind_addrs);
    a->bind_addrs = NULL;
    a->n_bind_addrs = 0;
    ui_lines_clear(&a->bind_plan);
    a->bind_refused = 0;
}

static bool
has(const struct bdf *v, size_t n, const struct bdf *x)
{
    size_t i;

    for (i = 0; i < n; i++)
        if (bdf_equal(&v[i], x))
            return true;
    return false;
}

/* The endpoints of the groups of @v that are not in @v and not on
 * vfio-pci: the group-mates a bind would leave behind. */
static struct bdf *
mates(struct app *a, const struct bdf *v, size_t n, size_t *n_out)
{
    struct model_host *h = ui_host(a);
    struct bdf *m = calloc(h->n_devs + 1, sizeof(*m));
    size_t i, j;

    *n_out = 0;
    for (i = 0; m && i < h->n_devs; i++) {
        const struct model_dev *d = &h->devs[i];
        bool mate = false;

        if (d->group == MODEL_NONE || model_dev_is_bridge(d) || has(v, n, &d->addr) ||
            (d->driver && strcmp(d->driver, "vfio-pci") == 0))
            continue;
        for (j = 0; j < n && !mate; j++) {
            int k = model_find(h, &v[j]);

            mate = k >= 0 && h->devs[k].group == d->group;
        }
        if (mate)
            m[(*n_out)++] = d->addr;
    }
    return m;
}

/* The devices the writes are for: those asked for, then (with g) their
 * group-mates. */
static struct bdf *
targets(struct app *a, size_t *n)
{
    struct bdf *v = calloc(ui_host(a)->n_devs + a->n_bind_addrs + 1, sizeof(*v)), *m;
    size_t nm = 0;

    *n = 0;
    if (!v)
        return NULL;
    memcpy(v, a->bind_addrs, a->n_bind_addrs * sizeof(*v));
    *n = a->n_bind_addrs;
    if (a->bind_mates && !a->bind_unbind && (m = mates(a, v, *n, &nm))) {
        memcpy(v + *n, m, nm * sizeof(*v));
        *n += nm;
        free(m);
    }
    return v;
}

static void
plan_trace(void *ctx, const char *line)
{
    struct app *a = ctx;

    ui_lines_add(&a->bind_plan, A_NORMAL, line);
}

/* The dry run: its writes, then what each device would do. */
static int
plan(struct app *a)
{
    struct ui_bind_result *r = NULL;
    struct bdf *v, *m;
    char *err = NULL, buf[1024];
    size_t n, i, nm = 0;
    int rc;

    ui_lines_clear(&a->bind_plan);
    a->bind_refused = 0;
    if (!(v = targets(a, &n))) {
        ui_set_status(a, true, "%s", _("out of memory"));
        return -1;
    }
    ui_lines_add(&a->bind_plan, A_BOLD, _("The steps, in this order:"));
    rc = ui_ops_bind(a, v, n, UI_BF_DRY_RUN | (a->bind_unbind ? UI_BF_UNBIND : 0),
                     plan_trace, a, &r, &err);
    if (rc < 0) {
        ui_set_status(a, true, a->bind_unbind ? _("cannot give devices back: %s") : _("cannot bind: %s"),
                      err ? err : "?");
        free(err);
        free(v);
        return -1;
    }
    if (a->bind_plan.n == 1)
        ui_lines_add(&a->bind_plan, A_NORMAL, _("  (none)"));
    ui_lines_add(&a->bind_plan, A_BOLD, _("The devices:"));
    for (i = 0; i < n; i++) {
        if (r[i].status != 0) {
            a->bind_refused++;
            snprintf(buf, sizeof(buf), _("REFUSED %s"), r[i].msg ? r[i].msg : r[i].addr);
            ui_lines_add(&a->bind_plan, ui_term_attr(&a->t, UI_C_ERROR), buf);
        } else if (r[i].msg) {
            ui_lines_add(&a->bind_plan, A_NORMAL, r[i].msg);
        } else {
            if (a->bind_unbind)
                snprintf(buf, sizeof(buf), _("%s: would leave vfio-pci"), r[i].addr);
            else
                snprintf(buf, sizeof(buf), _("%s: would go from %s to vfio-pci"), r[i].addr,
                         r[i].before ? r[i].before : _("no driver"));
            ui_lines_add(&a->bind_plan, A_NORMAL, buf);
        }
    }
    if (!a->bind_unbind && !a->bind_mates && (m = mates(a, v, n, &nm))) {
        if (nm) {
            char k[16];

            snprintf(buf, sizeof(buf), ngettext("%zu group-mate stays on its driver, so the group is not whole; %s parks it on vfio-pci too",
                                                "%zu group-mates stay on their drivers, so the group is not whole; %s parks them on vfio-pci too", nm),
                     nm, ui_action_key(UI_BIND_MATES, k, sizeof(k)));
            ui_lines_add(&a->bind_plan, ui_term_attr(&a->t, UI_C_WARNING), buf);
        }
        free(m);
    }
    ui_bind_results_free(r, n);
    free(v);
    return 0;
}

void
ui_bind_open(struct app *a, bool unbind)
{
    struct model_host *h = ui_host(a);
    const struct ui_row *r = a->n_rows ? &a->rows[a->cur] : NULL;
    size_t i, n = 0;
    bool marked;

    ui_bind_free(a);
    /* an mdev is not a PCI device: never bind the others and leave it out */
    if (model_sel_count_mdevs(a->sel) ||
        (!model_sel_count(a->sel) && r && (r->kind == R_MDEV_TYPE || r->kind == R_MDEV))) {
        ui_set_status(a, true, "%s", _("mdevs and their types are not bound to vfio-pci: unmark the mdevs, or put the cursor on a PCI device"));
        return;
    }
    if (!(a->bind_addrs = calloc(h->n_devs + 1, sizeof(*a->bind_addrs)))) {
        ui_set_status(a, true, "%s", _("out of memory"));
        return;
    }
    for (i = 0; i < h->n_devs && i < a->sel->n_devs; i++)
        if (a->sel->marked[i])
            a->bind_addrs[n++] = h->devs[i].addr;
    marked = n > 0;
    /* nothing marked: the device under the cursor, or the group's
     * endpoints on a group row */
    for (i = 0; !marked && r && i < h->n_devs; i++) {
        const struct model_dev *d = &h->devs[i];

        if (r->kind == R_DEV ? i == r->idx
                             : (r->idx < h->n_groups && d->group == h->groups[r->idx].id &&
                                !model_dev_is_bridge(d)))
            a->bind_addrs[n++] = d->addr;
        if (r->kind == R_DEV && n)
            break;
    }
    if (n == 0) {
        ui_bind_free(a);
        ui_set_status(a, true, "%s", _("mark devices first, or put the cursor on one"));
        return;
    }
    a->n_bind_addrs = n;
    a->bind_unbind = unbind;
    a->bind_mates = false;
    if (plan(a) < 0) {
        ui_bind_free(a);
        return;
    }
    a->scroll = 0;
    a->mode = M_BIND;
}

void
ui_bind_draw(struct app *a)
{
    int hh = a->lines - 2, w = a->cols - 4, y, x, maxy, rows;
    char buf[512], k1[16], k2[16], k3[16], k4[16], k5[16];
    struct ui_lines l = { 0 };
    size_t i;

    ui_box_at(a, hh, w, a->bind_unbind ? _("Give back to their drivers") : _("Bind to vfio-pci"), &y, &x);
    maxy = (a->lines - hh) / 2 + hh - 2;
    if (ui_dialog_message_rows(a) > 0)
        maxy -= ui_dialog_message_rows(a) + 1;
    rows = maxy - y;
    /* the plan is kept whole and wrapped to the dialog as drawn */
    for (i = 0; i < a->bind_plan.n; i++)
        ui_lines_wrap(&l, a->bind_plan.v[i].attr, w - 4, 2, "", a->bind_plan.v[i].text);
    ui_lines_clamp(&l, rows, &a->scroll);
    ui_lines_draw(a, &l, y, x, w - 4, rows, a->scroll);
    ui_lines_clear(&l);
    attrset(A_BOLD);
    ui_action_key(UI_BIND_CANCEL, k2, sizeof(k2));
    ui_action_key(UI_BIND_UP, k3, sizeof(k3));
    ui_action_key(UI_BIND_DOWN, k4, sizeof(k4));
    ui_action_key(UI_BIND_MATES, k5, sizeof(k5));
    if (a->bind_refused)
        snprintf(buf, sizeof(buf), ngettext("%zu device refused: %s forces it; %s cancels",
                                            "%zu devices refused: %s forces them; %s cancels", a->bind_refused),
                 a->bind_refused, ui_action_key(UI_BIND_FORCE, k1, sizeof(k1)), k2);
    else if (a->bind_unbind)
        snprintf(buf, sizeof(buf), _("%s: give back   %s: cancel   %s/%s: scroll"),
                 ui_action_key(UI_BIND_APPLY, k1, sizeof(k1)), k2, k3, k4);
    else
        snprintf(buf, sizeof(buf), a->bind_mates ? _("%s: bind   %s: cancel   %s: not the group-mates   %s/%s: scroll")
                                                 : _("%s: bind   %s: cancel   %s: the group-mates too   %s/%s: scroll"),
                 ui_action_key(UI_BIND_APPLY, k1, sizeof(k1)), k2, k5, k3, k4);
    ui_put_cut(a, (a->lines - hh) / 2 + hh - 2, x, w - 4, buf);
    attrset(A_NORMAL);
}

static void
log_trace(void *ctx, const char *line)
{
    ui_log_add(ctx, false, line);
}

/* The writes, then F5's rescan (marks kept), then each device's result
 * in the log and all of them on the status line. */
static int
apply(struct app *a, bool force)
{
    struct ui_bind_result *r = NULL;
    struct bdf *v;
    char *err = NULL, all[512] = "", one[512];
    size_t n, i, bad = 0;
    bool unbind = a->bind_unbind;
    int rc, re;

    if (a->bind_refused && !force) {
        char k[16];

        ui_set_status(a, true, _("host-critical devices are refused: %s forces them, Esc cancels"),
                      ui_action_key(UI_BIND_FORCE, k, sizeof(k)));
        return RE_REDRAW;
    }
    if (!(v = targets(a, &n))) {
        ui_set_status(a, true, "%s", _("out of memory"));
        return RE_REDRAW;
    }
    rc = ui_ops_bind(a, v, n, (unbind ? UI_BF_UNBIND : 0) | (force ? UI_BF_FORCE : 0),
                     log_trace, a, &r, &err);
    free(v);
    ui_bind_free(a);
    a->mode = M_TREE;
    if (rc < 0) {
        ui_set_status(a, true, _("%s (nothing was changed)"), err ? err : "?");
        free(err);
        return RE_REDRAW;
    }
    ui_live_own_binds(a);
    re = ui_tree_action(a, UI_RESCAN);
    for (i = 0; i < n; i++) {
        if (r[i].status != 0)
            bad++;
        if (r[i].msg)
            snprintf(one, sizeof(one), "%s", r[i].msg);
        else
            snprintf(one, sizeof(one), _("%s: %s -> %s"), r[i].addr,
                     r[i].before ? r[i].before : _("no driver"), r[i].after ? r[i].after : _("no driver"));
        ui_log_add(a, r[i].status != 0, one);
        if (all[0])
            strncat(all, "; ", sizeof(all) - strlen(all) - 1);
        strncat(all, one, sizeof(all) - strlen(all) - 1);
    }
    if (bad)
        ui_set_status(a, true, ngettext("%zu of %zu device failed or was refused: %s",
                                        "%zu of %zu devices failed or were refused: %s", n), bad, n, all);
    else if (unbind)
        ui_set_status(a, false, ngettext("gave %zu device back: %s", "gave %zu devices back: %s", n), n, all);
    else
        ui_set_status(a, false, ngettext("bound %zu device: %s", "bound %zu devices: %s", n), n, all);
    ui_bind_results_free(r, n);
    return re | RE_REDRAW;
}

int
ui_bind_key(struct app *a, int key)
{
    enum ui_action act = ui_keymap_lookup(&a->keys, UI_KM_BIND, key);

    switch (act) {
    case UI_BIND_APPLY:
    case UI_BIND_FORCE:
        return apply(a, act == UI_BIND_FORCE);
    case UI_BIND_MATES:
        if (!a->bind_unbind) {
            a->bind_mates = !a->bind_mates;
            if (plan(a) < 0) {
                ui_bind_free(a);
                a->mode = M_TREE;
            }
        }
        break;
    case UI_BIND_DOWN:
        ui_scroll(&a->scroll, key == KEY_NPAGE ? a->lines / 2 : 1);
        break;
    case UI_BIND_UP:
        ui_scroll(&a->scroll, key == KEY_PPAGE ? -(a->lines / 2) : -1);
        break;
    case UI_BIND_CANCEL:
        ui_bind_free(a);
        a->mode = M_TREE;
        ui_set_status(a, false, "%s", _("cancelled; nothing was changed"));
        break;
    default:
        break;
    }
    return RE_REDRAW;
}
