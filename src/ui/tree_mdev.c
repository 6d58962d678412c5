/* tree_mdev.c - the tree's rows under a mediated-device parent: the
 * types it offers (with what is left of each) and its mdevs (active
 * or only defined, and the domain that uses each), their details, and
 * marking an mdev for the checks. */
#include <config.h>

#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "app-priv.h"
#include "i18n.h"
#include "term.h"

void
ui_mdev_rows(struct app *a, size_t dev, size_t g, struct ui_row *rows, size_t *n)
{
    const struct model_host *h = ui_host(a);
    size_t i;

    for (i = 0; i < h->n_mdev_types; i++)
        if (h->mdev_types[i].parent == dev)
            rows[(*n)++] = (struct ui_row){ R_MDEV_TYPE, i, g };
    for (i = 0; i < h->n_mdevs; i++)
        if (h->mdevs[i].parent == dev)
            rows[(*n)++] = (struct ui_row){ R_MDEV, i, g };
}

/* "gvt-desktop", the first user (and "+N" more), or "" */
static void
user_text(const struct model_host *h, const struct model_mdev *m, char *buf, size_t sz)
{
    buf[0] = '\0';
    if (m->n_uses > 1)
        snprintf(buf, sz, "%s +%zu", h->domains[m->uses[0].domain].name, m->n_uses - 1);
    else if (m->n_uses)
        snprintf(buf, sz, "%s", h->domains[m->uses[0].domain].name);
}

void
ui_mdev_row_draw(struct app *a, int y, const struct ui_row *r, bool cur)
{
    const struct model_host *h = ui_host(a);
    char buf[512], user[160], avail[32];
    enum ui_color color = UI_C_NORMAL;

    if (r->kind == R_MDEV_TYPE) {
        const struct model_mdev_type *t = &h->mdev_types[r->idx];

        if (t->available == MODEL_NONE)
            snprintf(avail, sizeof(avail), "%s", _("? left"));
        else
            snprintf(avail, sizeof(avail), _("%d left"), t->available);
        /* TRANSLATORS: a row of the tree: an mdev type, its name, API and instances left */
        snprintf(buf, sizeof(buf), _("%s      type %s %s %s %s"), cur ? ">" : " ", t->id,
                 t->name ? t->name : "-", t->device_api ? t->device_api : "?", avail);
        if (t->available == 0)
            color = UI_C_DIM;
    } else {
        const struct model_mdev *m = &h->mdevs[r->idx];
        bool marked = r->idx < a->sel->n_mdevs && a->sel->mdev_marked[r->idx];

        user_text(h, m, user, sizeof(user));
        /* TRANSLATORS: a row of the tree: an mdev, its type, active or defined, its user */
        snprintf(buf, sizeof(buf), _("%s %s %s %s %s %s"), cur ? ">" : " ",
                 marked ? "[x]" : "[ ]", m->uuid, m->type ? m->type : "?",
                 m->active ? _("active") : _("defined"), user);
        color = marked ? UI_C_MARK : m->n_uses ? UI_C_WARNING : !m->active ? UI_C_DIM : UI_C_NORMAL;
    }
    attrset(cur ? ui_term_attr(&a->t, UI_C_CURSOR) : ui_term_attr(&a->t, color));
    ui_put_cut(a, y, 0, a->cols, buf);
    attrset(A_NORMAL);
}

void
ui_mdev_details(struct app *a, const struct ui_row *r, struct ui_lines *l, int w)
{
    const struct model_host *h = ui_host(a);
    char buf[1024];
    size_t i;

    if (r->kind == R_MDEV_TYPE) {
        const struct model_mdev_type *t = &h->mdev_types[r->idx];

        snprintf(buf, sizeof(buf), _("mdev type %s of %s"), t->id, h->devs[t->parent].addr_str);
        ui_lines_wrap(l, A_BOLD, w, 3, "", buf);
        snprintf(buf, sizeof(buf), _("name %s  device_api %s"), t->name ? t->name : "-",
                 t->device_api ? t->device_api : "?");
        ui_lines_wrap(l, 0, w, 3, "", buf);
        if (t->available == MODEL_NONE)
            snprintf(buf, sizeof(buf), "%s", _("available_instances unknown"));
        else
            snprintf(buf, sizeof(buf), _("available_instances %d"), t->available);
        ui_lines_wrap(l, 0, w, 3, "", buf);
        if (t->description) {
            char desc[512], *p;

            snprintf(desc, sizeof(desc), "%s", t->description);
            for (p = desc; *p; p++)
                if (*p == '\n')
                    *p = ';';
            ui_lines_wrap(l, 0, w, 3, "", desc);
        }
        return;
    }
    {
        const struct model_mdev *m = &h->mdevs[r->idx];

        snprintf(buf, sizeof(buf), _("mdev %s of %s"), m->uuid, h->devs[m->parent].addr_str);
        ui_lines_wrap(l, A_BOLD, w, 3, "", buf);
        snprintf(buf, sizeof(buf), _("type %s  %s"), m->type ? m->type : "?",
                 m->active && m->defined ? _("active and defined") :
                 m->active ? _("active (not defined: gone after a reboot)") :
                             _("defined but not started"));
        ui_lines_wrap(l, 0, w, 3, "", buf);
        for (i = 0; i < m->n_uses; i++) {
            const struct model_domain *dom = &h->domains[m->uses[i].domain];

            snprintf(buf, sizeof(buf), _("used by %s (%s)"), dom->name, _(model_dom_state_str(dom->state)));
            ui_lines_wrap(l, 0, w, 3, "", buf);
        }
    }
}

int
ui_mdev_mark(struct app *a, const struct ui_row *r)
{
    const struct model_host *h = ui_host(a);

    if (r->kind == R_MDEV_TYPE) {
        ui_set_status(a, true, _("an mdev type: make an mdev of it with vfiotui mdev create %s %s"),
                      h->devs[h->mdev_types[r->idx].parent].addr_str, h->mdev_types[r->idx].id);
        return RE_REDRAW;
    }
    if (r->idx >= a->sel->n_mdevs)
        return RE_NONE;
    a->sel->mdev_marked[r->idx] = !a->sel->mdev_marked[r->idx];
    ui_set_status(a, false, a->sel->mdev_marked[r->idx] ? _("marked %s") : _("unmarked %s"),
                  h->mdevs[r->idx].uuid);
    return RE_CHECK | RE_REDRAW;
}
