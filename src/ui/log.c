/* log.c - the message log: every status message with its time, and
 * the screen that shows them whole (M) */
#include <config.h>

#include "app-priv.h"

#include <curses.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "i18n.h"

#define LOG_MAX 2000            /* the oldest half goes past this */

/* A transient entry (a search's) is replaced by the next one. */
static void
log_add(struct app *a, bool err, const char *text, bool transient)
{
    struct ui_log *l = &a->log;
    struct ui_log_entry *last = l->n ? &l->v[l->n - 1] : NULL;
    char *t;

    if (last && last->transient && (transient || strcmp(last->text, text) == 0)) {
        if (!(t = strdup(text)))
            return;
        free(last->text);
        last->text = t;
        last->err = err;
        last->when = (long)time(NULL);
        last->transient = transient;
        return;
    }
    if (l->n == LOG_MAX) {
        size_t i, half = LOG_MAX / 2;

        for (i = 0; i < half; i++)
            free(l->v[i].text);
        memmove(l->v, l->v + half, (l->n - half) * sizeof(*l->v));
        l->n -= half;
    }
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 32;
        struct ui_log_entry *v = realloc(l->v, cap * sizeof(*v));

        if (!v)
            return;
        l->v = v;
        l->cap = cap;
    }
    if (!(t = strdup(text)))
        return;
    l->v[l->n].when = (long)time(NULL);
    l->v[l->n].err = err;
    l->v[l->n].transient = transient;
    l->v[l->n].text = t;
    l->n++;
}

void
ui_log_add(struct app *a, bool err, const char *text)
{
    log_add(a, err, text, a->mode == M_SEARCH);
}

void
ui_log_add_kept(struct app *a, bool err, const char *text)
{
    log_add(a, err, text, false);
}

void
ui_log_settle(struct app *a)
{
    if (a->log.n)
        a->log.v[a->log.n - 1].transient = false;
}

void
ui_log_free(struct ui_log *l)
{
    size_t i;

    for (i = 0; i < l->n; i++)
        free(l->v[i].text);
    free(l->v);
    l->v = NULL;
    l->n = l->cap = 0;
}

void
ui_log_open(struct app *a)
{
    a->mode = M_LOG;
    a->scroll = SIZE_MAX / 2;   /* the newest first in view */
}

static void
log_lines(struct app *a, struct ui_lines *l, int w)
{
    size_t i;

    if (a->log.n == 0)
        ui_lines_add(l, A_NORMAL, _("No messages yet."));
    for (i = 0; i < a->log.n; i++) {
        const struct ui_log_entry *e = &a->log.v[i];
        time_t when = (time_t)e->when;
        struct tm tm;
        char stamp[32];

        if (!localtime_r(&when, &tm) || strftime(stamp, sizeof(stamp), "%H:%M:%S  ", &tm) == 0)
            snprintf(stamp, sizeof(stamp), "--:--:--  ");
        ui_lines_wrap(l, e->err ? ui_term_attr(&a->t, UI_C_ERROR) : (int)A_NORMAL, w, 10, stamp, e->text);
    }
}

static int
log_rows(const struct app *a)
{
    return a->lines - 2;
}

void
ui_log_draw(struct app *a)
{
    struct ui_lines l = { 0 };
    char title[256], close_key[16];
    int y, x, w = a->cols, rows = log_rows(a) - 2;

    log_lines(a, &l, w - 4);
    ui_lines_clamp(&l, rows, &a->scroll);
    /* TRANSLATORS: the message log's title: the lines shown, their
     * number and the key that closes the log */
    snprintf(title, sizeof(title), ngettext("Messages: line %zu-%zu of %zu (%s closes)",
                                            "Messages: lines %zu-%zu of %zu (%s closes)", l.n),
             l.n ? a->scroll + 1 : 0, a->scroll + (size_t)rows < l.n ? a->scroll + (size_t)rows : l.n,
             l.n, ui_action_key(UI_LOG_CLOSE, close_key, sizeof(close_key)));
    ui_box_at(a, log_rows(a), w, title, &y, &x);
    ui_lines_draw(a, &l, y, x, w - 4, rows, a->scroll);
    ui_lines_clear(&l);
}

int
ui_log_key(struct app *a, int key)
{
    int page = log_rows(a) - 3 > 1 ? log_rows(a) - 3 : 1;

    switch (ui_keymap_lookup(&a->keys, UI_KM_LOG, key)) {
    case UI_LOG_UP:
        ui_scroll(&a->scroll, -1);
        break;
    case UI_LOG_DOWN:
        ui_scroll(&a->scroll, 1);
        break;
    case UI_LOG_PAGE_UP:
        ui_scroll(&a->scroll, -page);
        break;
    case UI_LOG_PAGE_DOWN:
        ui_scroll(&a->scroll, page);
        break;
    case UI_LOG_FIRST:
        ui_scroll(&a->scroll, INT_MIN);
        break;
    case UI_LOG_LAST:
        ui_scroll(&a->scroll, INT_MAX);
        break;
    case UI_LOG_CLOSE:
        a->mode = M_TREE;
        break;
    default:
        break;
    }
    return RE_REDRAW;
}
