/* tree.c - the group -> device tree: visible rows, marks and search
 * (treedraw.c draws it); its keys are the key table's actions */
#include <config.h>

#include "app-priv.h"
#include "pci.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"

static size_t
n_groups_all(struct app *a)
{
    return ui_host(a)->n_groups + 1;
}

static bool
group_has_mark(struct app *a, size_t g)
{
    struct model_host *h = ui_host(a);
    size_t i;

    if (g == h->n_groups) {
        for (i = 0; i < h->n_devs; i++)
            if (h->devs[i].group == MODEL_NONE && a->sel->marked[i])
                return true;
        return false;
    }
    for (i = 0; i < h->groups[g].n_devs; i++)
        if (a->sel->marked[h->groups[g].devs[i]])
            return true;
    return false;
}

enum rules_group_state
ui_gstate(struct app *a, size_t g)
{
    struct rules_opts o = ui_ropts(a);

    if (g >= ui_host(a)->n_groups)
        return RULES_GROUP_OK;
    return rules_group_state(ui_host(a), a->sel, g, &o);
}

/* Rebuilds the flat list of visible rows; keeps the cursor on the same
 * device or group where it can. */
void
ui_build_rows(struct app *a)
{
    struct model_host *h = ui_host(a);
    struct ui_row keep = { R_GROUP, (size_t)-1, 0 };
    size_t g, i, n = 0, cap = h->n_devs + h->n_groups + h->n_mdev_types + h->n_mdevs + 2;

    if (a->tw_host != (const void *)h || a->tw_gen != a->host_gen || strcmp(a->tw_target, a->target) != 0) {
        ui_tree_measure(a);
        a->tw_host = h;
        a->tw_gen = a->host_gen;
        snprintf(a->tw_target, sizeof(a->tw_target), "%s", a->target);
    }
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
        /* devices without a group always need attention: VFIO cannot
         * assign them */
        if (a->filter && g < h->n_groups && ui_gstate(a, g) == RULES_GROUP_OK && !group_has_mark(a, g))
            continue;
        a->rows[n++] = (struct ui_row){ R_GROUP, g, g };
        if (!a->expanded[g])
            continue;
        if (g < h->n_groups) {
            for (i = 0; i < h->groups[g].n_devs; i++) {
                a->rows[n++] = (struct ui_row){ R_DEV, h->groups[g].devs[i], g };
                ui_mdev_rows(a, h->groups[g].devs[i], g, a->rows, &n);
            }
        } else {
            for (i = 0; i < h->n_devs; i++) {
                if (h->devs[i].group != MODEL_NONE)
                    continue;
                a->rows[n++] = (struct ui_row){ R_DEV, i, g };
                ui_mdev_rows(a, i, g, a->rows, &n);
            }
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

/* ---- search -------------------------------------------------------------- */

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
bool
ui_search_step(struct app *a, int dir, bool include_current)
{
    struct model_host *h = ui_host(a);
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
            ui_build_rows(a);
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

/* ---- keys ---------------------------------------------------------------- */

static void
toggle_group_marks(struct app *a, size_t g)
{
    struct model_host *h = ui_host(a);
    size_t i, n_end = 0, n_marked = 0;

    if (g >= h->n_groups) {
        ui_set_status(a, true, "%s", _("these devices have no IOMMU group"));
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
    if (n_marked < n_end)
        ui_set_status(a, false, ngettext("marked the %zu endpoint of group %d",
                                         "marked the %zu endpoints of group %d", n_end),
                      n_end, h->groups[g].id);
    else
        ui_set_status(a, false, ngettext("unmarked the %zu endpoint of group %d",
                                         "unmarked the %zu endpoints of group %d", n_end),
                      n_end, h->groups[g].id);
}

static int
move_cursor(struct app *a, enum ui_action act)
{
    int page = ui_tree_height(a) > 1 ? ui_tree_height(a) - 1 : 1;

    switch (act) {
    case UI_MOVE_UP:
        if (a->cur > 0)
            a->cur--;
        break;
    case UI_MOVE_DOWN:
        if (a->cur + 1 < a->n_rows)
            a->cur++;
        break;
    case UI_PAGE_UP:
        a->cur = a->cur > (size_t)page ? a->cur - (size_t)page : 0;
        break;
    case UI_PAGE_DOWN:
        a->cur = a->cur + (size_t)page < a->n_rows ? a->cur + (size_t)page : (a->n_rows ? a->n_rows - 1 : 0);
        break;
    case UI_FIRST:
        a->cur = 0;
        break;
    default:                    /* UI_LAST */
        a->cur = a->n_rows ? a->n_rows - 1 : 0;
        break;
    }
    return RE_REDRAW;
}

static int
mark(struct app *a, enum ui_action act)
{
    struct model_host *h = ui_host(a);
    const struct ui_row *r = a->n_rows ? &a->rows[a->cur] : NULL;

    if (!r)
        return RE_NONE;
    if (act != UI_MARK_GROUP && (r->kind == R_MDEV || r->kind == R_MDEV_TYPE))
        return ui_mdev_mark(a, r);
    if (act == UI_MARK_GROUP || r->kind == R_GROUP) {
        toggle_group_marks(a, act == UI_MARK_GROUP ? r->group : r->idx);
    } else if (model_dev_is_bridge(&h->devs[r->idx])) {
        ui_set_status(a, true, "%s", _("bridges and root ports cannot be assigned; mark the devices behind them"));
        return RE_REDRAW;
    } else {
        a->sel->marked[r->idx] = !a->sel->marked[r->idx];
        ui_set_status(a, false, a->sel->marked[r->idx] ? _("marked %s") : _("unmarked %s"),
                      h->devs[r->idx].addr_str);
    }
    return RE_CHECK | RE_REDRAW;
}

static int
fold(struct app *a, enum ui_action act)
{
    const struct ui_row *r = a->n_rows ? &a->rows[a->cur] : NULL;
    bool any_closed = false;
    size_t g;

    if (act == UI_EXPAND) {
        if (!r || r->kind != R_GROUP || a->expanded[r->idx])
            return RE_NONE;
        a->expanded[r->idx] = true;
    } else if (act == UI_COLLAPSE) {
        if (!r)
            return RE_NONE;
        a->expanded[r->group] = false;
    } else {
        for (g = 0; g < n_groups_all(a); g++)
            any_closed |= !a->expanded[g];
        for (g = 0; g < n_groups_all(a); g++)
            a->expanded[g] = any_closed;
    }
    return RE_ROWS | RE_REDRAW;
}

/* F5: a new host from the session.  Everything sized or indexed for
 * the old one is made again as when the watcher replaces it (live.c):
 * the marks and folds, the rows and the cursor, by address. */
static int
rescan(struct app *a)
{
    struct ui_keep k;
    int rc;

    if (ui_keep_take(a, &k) < 0) {
        ui_set_status(a, true, "%s", _("out of memory"));
        return RE_REDRAW;
    }
    rc = ui_ops_rescan(a, &k);
    ui_keep_free(&k);
    if (rc == -2)
        return RE_QUIT;
    return rc < 0 ? RE_REDRAW : RE_ROWS | RE_CHECK | RE_REDRAW;
}

/* The tree's keys: the key table's actions. */
int
ui_tree_key(struct app *a, int key)
{
    return ui_tree_action(a, ui_keymap_lookup(&a->keys, UI_KM_TREE, key));
}

/* One of the tree's actions, by key or by the mouse. */
int
ui_tree_action(struct app *a, enum ui_action act)
{
    switch (act) {
    case UI_MOVE_UP:
    case UI_MOVE_DOWN:
    case UI_PAGE_UP:
    case UI_PAGE_DOWN:
    case UI_FIRST:
    case UI_LAST:
        return move_cursor(a, act);
    case UI_MARK:
    case UI_MARK_GROUP:
        return mark(a, act);
    case UI_EXPAND:
    case UI_COLLAPSE:
    case UI_TOGGLE_ALL:
        return fold(a, act);
    case UI_SEARCH:
        ui_search_open(a);
        return RE_REDRAW;
    case UI_SEARCH_NEXT:
    case UI_SEARCH_PREV:
        if (!ui_search_step(a, act == UI_SEARCH_NEXT ? 1 : -1, false))
            ui_set_status(a, true, a->search[0] ? _("no match for '%s'") : _("no search yet: press /%s"), a->search);
        return RE_REDRAW;
    case UI_FILTER:
        a->filter = !a->filter;
        ui_set_status(a, false, "%s", a->filter ? _("showing only groups that are marked or need attention")
                                                : _("showing every group"));
        return RE_ROWS | RE_REDRAW;
    case UI_HELP:
        ui_help_open(a);
        return RE_REDRAW;
    case UI_DOMAIN:
        ui_picker_open(a);
        return RE_REDRAW;
    case UI_RESCAN: {
        int re = rescan(a);

        ui_ready_refresh(a);    /* F5 reads the host's readiness again too */
        return re;
    }
    case UI_WRITE:
        ui_prompt_open(a);
        return RE_REDRAW;
    case UI_ATTACH:
    case UI_DETACH:
        ui_ops_open_confirm(a, act == UI_DETACH);
        return RE_REDRAW;
    case UI_READY:
        ui_ready_open(a);
        return RE_REDRAW;
    case UI_BIND:
    case UI_UNBIND:
        ui_bind_open(a, act == UI_UNBIND);
        return RE_REDRAW;
    case UI_QUIT:
        return RE_QUIT;
    case UI_NONE:
    case UI_N_ACTIONS:
    default:
        return RE_NONE;
    }
}
