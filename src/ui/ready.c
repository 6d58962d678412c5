/* ready.c - the host's readiness in the interface: the header's
 * indicator (green only when every fact is ok; an error or a fact that
 * cannot be read is never green) and the whole report, as `vfiotui
 * ready` prints it, in a scrolling box (R).  Read at start and after
 * each rescan (ui_ops_rescan). */
#include <config.h>

#include "app-priv.h"
#include "prep.h"

#include <curses.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"

void
ui_ready_free(struct app *a)
{
    prep_report_free(a->ready);
    a->ready = NULL;
    free(a->ready_os);
    a->ready_os = NULL;
    free(a->ready_err);
    a->ready_err = NULL;
}

void
ui_ready_refresh(struct app *a)
{
    struct prep_facts *f = NULL;
    char *err = NULL;

    ui_ready_free(a);
    a->ready_pending = false;
    if (ui_ops_ready(a, &f, &err) < 0) {
        a->ready_err = err ? err : strdup("?");
        return;
    }
    a->ready = prep_ready(f, ui_host(a), ui_ops_progname(a));
    if (!a->ready)
        a->ready_err = strdup(_("out of memory"));
    if (f->os_name)
        a->ready_os = strdup(f->os_name);
    prep_facts_free(f);
}

static void
count(const struct prep_report *r, size_t *fail, size_t *unknown)
{
    size_t i;

    *fail = *unknown = 0;
    for (i = 0; r && i < r->n_items; i++) {
        if (r->items[i].status == PREP_FAIL)
            (*fail)++;
        else if (r->items[i].status == PREP_UNKNOWN)
            (*unknown)++;
    }
}

int
ui_ready_badge(const struct app *a, char *buf, size_t sz)
{
    size_t fail, unknown;

    if (a->ready_pending) {
        /* TRANSLATORS: the header's readiness indicator on the first
         * screen, before the facts are read */
        snprintf(buf, sz, "%s", _("ready?: checking"));
        return UI_C_WARNING;
    }
    if (!a->ready) {
        /* TRANSLATORS: the header's readiness indicator when the facts
         * cannot be read at all */
        snprintf(buf, sz, "%s", _("ready?: unknown"));
        return UI_C_ERROR;
    }
    count(a->ready, &fail, &unknown);
    if (fail) {
        /* TRANSLATORS: the header's readiness indicator: the number of
         * facts that are errors (R shows them) */
        snprintf(buf, sz, ngettext("not ready: %zu", "not ready: %zu", fail), fail);
        return UI_C_ERROR;
    }
    if (unknown || !prep_report_ready(a->ready)) {
        /* TRANSLATORS: the number of facts vfiotui cannot read */
        snprintf(buf, sz, ngettext("ready?: %zu unknown", "ready?: %zu unknown", unknown), unknown);
        return UI_C_WARNING;
    }
    snprintf(buf, sz, "%s", _("ready"));
    return UI_C_OK;
}

void
ui_ready_open(struct app *a)
{
    a->mode = M_READY;
    a->scroll = 0;
}

static void
ready_lines(struct app *a, struct ui_lines *l, int w)
{
    char buf[256];
    size_t i;

    if (!a->ready) {
        ui_lines_wrap(l, ui_term_attr(&a->t, UI_C_ERROR), w, 2, "",
                      _("The host's readiness cannot be read, so it counts as not ready:"));
        ui_lines_wrap(l, A_NORMAL, w, 2, "  ", a->ready_err ? a->ready_err : "?");
        return;
    }
    snprintf(buf, sizeof(buf), _("Distribution: %s"), a->ready_os ? a->ready_os : _("unknown"));
    ui_lines_wrap(l, A_NORMAL, w, 2, "", buf);
    for (i = 0; i < a->ready->n_items; i++) {
        const struct prep_item *it = &a->ready->items[i];
        enum ui_color c = it->status == PREP_OK ? UI_C_OK : it->status == PREP_WARN ? UI_C_WARNING :
                          UI_C_ERROR;

        snprintf(buf, sizeof(buf), "%s[%s]: ", _(prep_status_str(it->status)), it->id);
        ui_lines_wrap(l, ui_term_attr(&a->t, c), w, 3, buf, it->text);
        if (it->remedy)
            ui_lines_wrap(l, A_NORMAL, w, 5, "  -> ", it->remedy);
    }
    ui_lines_wrap(l, A_BOLD, w, 2, "",
                  prep_report_ready(a->ready) ? _("The host is ready for VFIO.")
                                              : _("The host is not ready for VFIO, or vfiotui cannot tell: see the errors and unknowns above."));
}

static int
ready_rows(const struct app *a)
{
    return a->lines - 4;
}

void
ui_ready_draw(struct app *a)
{
    struct ui_lines l = { 0 };
    char title[256], badge[64], close_key[16];
    int y, x, w = a->cols - 4, rows = ready_rows(a) - 2;

    ready_lines(a, &l, w - 4);
    ui_lines_clamp(&l, rows, &a->scroll);
    ui_ready_badge(a, badge, sizeof(badge));
    /* TRANSLATORS: the readiness report's title: the indicator, the
     * lines shown, their number and the key that closes it */
    snprintf(title, sizeof(title), ngettext("Readiness: %s; line %zu-%zu of %zu (%s closes)",
                                            "Readiness: %s; lines %zu-%zu of %zu (%s closes)", l.n),
             badge, l.n ? a->scroll + 1 : 0,
             a->scroll + (size_t)rows < l.n ? a->scroll + (size_t)rows : l.n,
             l.n, ui_action_key(UI_READY_CLOSE, close_key, sizeof(close_key)));
    ui_box_at(a, ready_rows(a), w, title, &y, &x);
    ui_lines_draw(a, &l, y, x, w - 4, rows, a->scroll);
    ui_lines_clear(&l);
}

int
ui_ready_key(struct app *a, int key)
{
    int page = ready_rows(a) - 3 > 1 ? ready_rows(a) - 3 : 1;

    switch (ui_keymap_lookup(&a->keys, UI_KM_READY, key)) {
    case UI_READY_UP:
        ui_scroll(&a->scroll, -1);
        break;
    case UI_READY_DOWN:
        ui_scroll(&a->scroll, 1);
        break;
    case UI_READY_PAGE_UP:
        ui_scroll(&a->scroll, -page);
        break;
    case UI_READY_PAGE_DOWN:
        ui_scroll(&a->scroll, page);
        break;
    case UI_READY_CLOSE:
        a->mode = M_TREE;
        break;
    default:
        break;
    }
    return RE_REDRAW;
}
