/* confirm.c - the attach or detach confirmation: flags, findings and
 * the XML to send (ui_ops_open_confirm opens it, ui_ops_apply acts) */
#include <config.h>

#include "app-priv.h"

#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "i18n.h"

/* What the dialog scrolls: the findings, whole, then the XML. */
static void
confirm_lines(struct app *a, struct ui_lines *l, int w)
{
    char buf[1024];
    size_t k;
    const char *p;

    if (!a->detach && a->crep) {
        for (k = 0; k < a->crep->n; k++) {
            const struct rules_finding *f = &a->crep->items[k];

            snprintf(buf, sizeof(buf), "%s %s: ", _(rules_sev_str(f->sev)), f->code);
            ui_lines_wrap(l, ui_term_attr(&a->t, f->sev == RULES_ERROR ? UI_C_ERROR :
                                                 f->sev == RULES_WARNING ? UI_C_WARNING : UI_C_INFO),
                          w, 3, buf, f->message);
            if (f->remedy)
                ui_lines_wrap(l, A_NORMAL, w, 5, "  -> ", f->remedy);
        }
    }
    ui_lines_add(l, A_NORMAL, _("XML to send:"));
    for (p = a->xml; p && *p;) {
        const char *nl = strchr(p, '\n');
        int len = nl ? (int)(nl - p) : (int)strlen(p);

        snprintf(buf, sizeof(buf), "%.*s", len, p);
        ui_lines_wrap(l, A_NORMAL, w, 6, "  ", buf);
        p = nl ? nl + 1 : p + len;
    }
}

void
ui_confirm_draw(struct app *a)
{
    int hh = a->lines - 2, w = a->cols - 4, y, x, maxy, rows;
    char buf[1024], title[512], flags[32], k1[16], k2[16], k3[16], k4[16];
    struct ui_lines l = { 0 };

    snprintf(title, sizeof(title), a->detach ? _("Detach from %s") : _("Attach to %s"), a->target);
    ui_box_at(a, hh, w, title, &y, &x);
    /* the last inner row holds the keys; a message takes the rows
     * above it and a line */
    maxy = (a->lines - hh) / 2 + hh - 2;
    if (ui_dialog_message_rows(a) > 0)
        maxy -= ui_dialog_message_rows(a) + 1;
    snprintf(flags, sizeof(flags), "%s%s%s",
             a->config ? "--config" : "", a->config && a->live ? " " : "", a->live ? "--live" : "");
    snprintf(buf, sizeof(buf), _("flags: %s   (%s: --live, %s: --config)"), flags,
             ui_action_key(UI_LIVE, k1, sizeof(k1)), ui_action_key(UI_CONFIG, k2, sizeof(k2)));
    ui_put_cut(a, y++, x, w - 4, buf);
    confirm_lines(a, &l, w - 4);
    rows = maxy - y;
    ui_lines_clamp(&l, rows, &a->scroll);
    ui_lines_draw(a, &l, y, x, w - 4, rows, a->scroll);
    attrset(A_BOLD);
    ui_action_key(UI_CANCEL, k2, sizeof(k2));
    ui_action_key(UI_XML_UP, k3, sizeof(k3));
    ui_action_key(UI_XML_DOWN, k4, sizeof(k4));
    if (!a->detach && a->crep && a->crep->n_errors)
        snprintf(buf, sizeof(buf), ngettext("%zu error: %s overrides it and attaches; %s cancels",
                                            "%zu errors: %s overrides them and attaches; %s cancels",
                                            a->crep->n_errors),
                 a->crep->n_errors, ui_action_key(UI_FORCE, k1, sizeof(k1)), k2);
    else
        snprintf(buf, sizeof(buf), a->detach ? _("%s: detach   %s: cancel   %s/%s: scroll")
                                             : _("%s: attach   %s: cancel   %s/%s: scroll"),
                 ui_action_key(UI_APPLY, k1, sizeof(k1)), k2, k3, k4);
    if (a->scroll + (size_t)rows < l.n || a->scroll > 0) {
        size_t n = strlen(buf);

        /* TRANSLATORS: appended to the dialog's keys when it scrolls:
         * the lines shown and their number */
        snprintf(buf + n, sizeof(buf) - n, ngettext("  (line %zu-%zu of %zu)", "  (lines %zu-%zu of %zu)", l.n),
                 a->scroll + 1,
                 a->scroll + (size_t)rows < l.n ? a->scroll + (size_t)rows : l.n, l.n);
    }
    ui_put_cut(a, (a->lines - hh) / 2 + hh - 2, x, w - 4, buf);
    attrset(A_NORMAL);
    ui_lines_clear(&l);
}

int
ui_confirm_key(struct app *a, int key)
{
    enum ui_action act = ui_keymap_lookup(&a->keys, UI_KM_CONFIRM, key);

    switch (act) {
    case UI_APPLY:
    case UI_FORCE:
        ui_ops_apply(a, act == UI_FORCE);
        break;
    case UI_LIVE:
        a->live = !a->live;
        break;
    case UI_CONFIG:
        a->config = !a->config;
        break;
    case UI_XML_DOWN:
        ui_scroll(&a->scroll, key == KEY_NPAGE ? a->lines / 2 : 1);
        break;
    case UI_XML_UP:
        ui_scroll(&a->scroll, key == KEY_PPAGE ? -(a->lines / 2) : -1);
        break;
    case UI_CANCEL:
        a->mode = M_TREE;
        ui_set_status(a, false, "%s", _("cancelled; nothing was changed"));
        break;
    default:
        break;
    }
    if (!a->live && !a->config)
        a->config = true;
    if (a->mode == M_CONFIRM && (act == UI_LIVE || act == UI_CONFIG)) {
        struct rules_opts ro = ui_ropts(a);

        rules_report_free(a->crep);
        a->crep = rules_check(ui_host(a), a->sel, &ro);
    }
    return RE_CHECK | RE_ROWS | RE_REDRAW;
}
