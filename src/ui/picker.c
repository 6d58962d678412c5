/* picker.c - choosing the target domain */
#include <config.h>

#include "app-priv.h"

#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "i18n.h"

void
ui_picker_open(struct app *a)
{
    a->mode = M_PICKER;
    a->pick = 0;
    if (a->target[0]) {
        int di = model_find_domain(ui_host(a), a->target);

        if (di >= 0)
            a->pick = (size_t)di;
    }
}

void
ui_picker_draw(struct app *a)
{
    struct model_host *h = ui_host(a);
    int hh = (int)h->n_domains + 4, w = a->cols - 8, y, x, y0;
    size_t i, j, k;
    char buf[512], choose_key[16], cancel_key[16], dom_key[16];

    if (hh < 6)
        hh = 6;
    if (hh > a->lines - 2)
        hh = a->lines - 2;
    snprintf(buf, sizeof(buf), _("Choose the target domain (%s: choose, %s: cancel, %s: hostdevs)"),
             ui_action_key(UI_PICK, choose_key, sizeof(choose_key)),
             ui_action_key(UI_PICK_CANCEL, cancel_key, sizeof(cancel_key)),
             ui_action_key(UI_PICK_DOMAINS, dom_key, sizeof(dom_key)));
    ui_box_at(a, hh, w, buf, &y, &x);
    y0 = y;
    if (!h->domains_known || h->n_domains == 0) {
        ui_put(y, x, w - 4, ui_ops_connected(a) ? _("This connection has no domains.")
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
        {
            char p1[128], p2[64];

            snprintf(buf, sizeof(buf), "%s %s %s %s", i == a->pick ? ">" : " ",
                     ui_pad(p1, sizeof(p1), h->domains[i].name, 20),
                     ui_pad(p2, sizeof(p2), _(model_dom_state_str(h->domains[i].state)), 9),
                     devs[0] ? devs : _(" (no hostdevs)"));
        }
        attrset(i == a->pick ? ui_term_attr(&a->t, UI_C_CURSOR) : (int)A_NORMAL);
        ui_put(y++, x, w - 4, buf);
        attrset(A_NORMAL);
    }
}

void
ui_picker_choose(struct app *a, size_t di)
{
    struct model_host *h = ui_host(a);
    const struct model_domain *dm;

    if (di >= h->n_domains)
        return;
    dm = &h->domains[di];
    snprintf(a->target, sizeof(a->target), "%s", dm->name);
    if (dm->n_stale)
        ui_set_status(a, false, ngettext("target domain: %s (%s); %zu hostdev not on this host, %s (F9 with nothing marked removes it)",
                                         "target domain: %s (%s); %zu hostdevs not on this host, first %s (F9 with nothing marked removes them)",
                                         dm->n_stale),
                      a->target, _(model_dom_state_str(dm->state)), dm->n_stale,
                      dm->stale[0].addr_str);
    else
        ui_set_status(a, false, _("target domain: %s (%s)"), a->target,
                      _(model_dom_state_str(dm->state)));
    a->live = false;
    a->config = true;
}

int
ui_picker_key(struct app *a, int key)
{
    switch (ui_keymap_lookup(&a->keys, UI_KM_PICKER, key)) {
    case UI_PICK_UP:
        if (a->pick > 0)
            a->pick--;
        break;
    case UI_PICK_DOWN:
        if (a->pick + 1 < ui_host(a)->n_domains)
            a->pick++;
        break;
    case UI_PICK:
        ui_picker_choose(a, a->pick);
        a->mode = M_TREE;
        return RE_CHECK | RE_ROWS | RE_REDRAW;
    case UI_PICK_DOMAINS:
        ui_domains_open(a, (int)a->pick);
        break;
    case UI_PICK_CANCEL:
        a->mode = M_TREE;
        break;
    default:
        break;
    }
    return RE_REDRAW;
}
