/* confirm.c - the attach or detach confirmation: flags, findings and
 * the XML to send (ui_ops_open_confirm opens it, ui_ops_apply acts) */
#include <config.h>

#include "app-priv.h"

#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "i18n.h"

void
ui_confirm_draw(struct app *a)
{
    int hh = a->lines - 2, w = a->cols - 4, y, x, maxy;
    char buf[1024], title[512];
    size_t k;
    const char *p;
    size_t line = 0;

    snprintf(title, sizeof(title), a->detach ? _("Detach from %s") : _("Attach to %s"), a->target);
    ui_box_at(a, hh, w, title, &y, &x);
    maxy = (a->lines - hh) / 2 + hh - 2;
    snprintf(buf, sizeof(buf), _("flags: %s%s%s   (l: --live, c: --config)"),
             a->config ? "--config" : "", a->config && a->live ? " " : "", a->live ? "--live" : "");
    ui_put(y++, x, w - 4, buf);
    if (!a->detach && a->crep) {
        for (k = 0; k < a->crep->n && y < maxy - 4; k++) {
            const struct rules_finding *f = &a->crep->items[k];

            snprintf(buf, sizeof(buf), "%s %s: %s", rules_sev_str(f->sev), f->code, f->message);
            attrset(ui_term_attr(&a->t, f->sev == RULES_ERROR ? UI_C_ERROR :
                                        f->sev == RULES_WARNING ? UI_C_WARNING : UI_C_INFO));
            ui_put(y++, x, w - 4, buf);
            attrset(A_NORMAL);
        }
    }
    ui_put(y++, x, w - 4, _("XML to send:"));
    for (p = a->xml; p && *p && y < maxy - 1; line++) {
        const char *nl = strchr(p, '\n');
        int len = nl ? (int)(nl - p) : (int)strlen(p);

        if (line >= a->scroll) {
            snprintf(buf, sizeof(buf), "  %.*s", len, p);
            ui_put(y++, x, w - 4, buf);
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
    ui_put(maxy, x, w - 4, buf);
    attrset(A_NORMAL);
}

int
ui_confirm_key(struct app *a, int key)
{
    if (key == 'y' || key == 'Y')
        ui_ops_apply(a, false);
    else if (key == 'F')
        ui_ops_apply(a, true);
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
        ui_set_status(a, false, "%s", _("cancelled; nothing was changed"));
    }
    if (!a->live && !a->config)
        a->config = true;
    if (a->mode == M_CONFIRM && (key == 'l' || key == 'c')) {
        struct rules_opts ro = ui_ropts(a);

        rules_report_free(a->crep);
        a->crep = rules_check(ui_host(a), a->sel, &ro);
    }
    return RE_CHECK | RE_ROWS | RE_REDRAW;
}
