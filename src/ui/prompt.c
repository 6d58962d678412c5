/* prompt.c - one line of input on the status line, edited as with
 * readline: the incremental search (/) and the file name for the
 * write (F7), each with a history kept for the session */
#include <config.h>

#include "app-priv.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"

static enum ui_prompt_kind
kind(const struct app *a)
{
    return a->mode == M_PROMPT ? UI_P_WRITE : UI_P_SEARCH;
}

static void
set_input(struct app *a, const char *text)
{
    snprintf(a->input, sizeof(a->input), "%s", text);
    a->input_pos = strlen(a->input);
}

/* Opening a prompt: an old status message must not come back when it
 * closes. */
static void
open_line(struct app *a, enum ui_mode mode, const char *text)
{
    a->mode = mode;
    a->status[0] = '\0';
    a->comp[0] = '\0';
    set_input(a, text);
    a->hist[kind(a)].at = a->hist[kind(a)].n;
}

void
ui_search_open(struct app *a)
{
    open_line(a, M_SEARCH, "");
    a->saved_cur = a->cur;
}

void
ui_prompt_open(struct app *a)
{
    char mark[16], group[16];

    if (model_sel_count(a->sel) + model_sel_count_mdevs(a->sel) == 0) {
        /* TRANSLATORS: the keys that mark a device and a group ("Space", "g") */
        ui_set_status(a, true, _("mark devices first (%s, or %s for a whole group)"),
                      ui_action_key(UI_MARK, mark, sizeof(mark)),
                      ui_action_key(UI_MARK_GROUP, group, sizeof(group)));
        return;
    }
    open_line(a, M_PROMPT, a->last_path[0] ? a->last_path : "hostdevs.xml");
}

static void
hist_add(struct ui_history *h, const char *line)
{
    char *copy;

    if (!line[0] || (h->n && strcmp(h->lines[h->n - 1], line) == 0))
        return;
    if (!(copy = strdup(line)))
        return;
    if (h->n == UI_HIST_MAX) {
        free(h->lines[0]);
        memmove(h->lines, h->lines + 1, (UI_HIST_MAX - 1) * sizeof(h->lines[0]));
        h->n--;
    }
    h->lines[h->n++] = copy;
}

static void
hist_move(struct app *a, int dir)
{
    struct ui_history *h = &a->hist[kind(a)];

    if (dir < 0 && h->at > 0) {
        if (h->at == h->n)
            snprintf(h->draft, sizeof(h->draft), "%s", a->input);
        set_input(a, h->lines[--h->at]);
    } else if (dir > 0 && h->at < h->n) {
        h->at++;
        set_input(a, h->at == h->n ? h->draft : h->lines[h->at]);
    }
}

void
ui_prompt_free(struct app *a)
{
    size_t k, i;

    for (k = 0; k < UI_N_PROMPTS; k++) {
        for (i = 0; i < a->hist[k].n; i++)
            free(a->hist[k].lines[i]);
        a->hist[k].n = 0;
    }
}

static void
accept(struct app *a)
{
    hist_add(&a->hist[kind(a)], a->input);
    if (a->mode == M_PROMPT) {
        if (a->input[0])
            snprintf(a->last_path, sizeof(a->last_path), "%s", a->input);
        ui_ops_write(a);
        return;
    }
    a->mode = M_TREE;
    if (a->search[0] && !ui_search_step(a, 1, true))
        ui_set_status(a, true, _("no match for '%s'"), a->search);
}

static void
complete(struct app *a)
{
    size_t n;

    if (a->mode != M_PROMPT)
        return;
    n = ui_complete_path(a->input, sizeof(a->input), &a->input_pos, a->comp, sizeof(a->comp));
    if (n == 0)
        snprintf(a->comp, sizeof(a->comp), "%s", _("no file name matches"));
}

/* The editing actions; false if @act is not one. */
static bool
edit(struct app *a, enum ui_action act)
{
    char *s = a->input;
    size_t *p = &a->input_pos, len = strlen(s);

    switch (act) {
    case UI_ERASE:
        if (*p > 0) {
            size_t q = ui_line_prev(s, *p);

            ui_line_cut(s, q, *p);
            *p = q;
        }
        return true;
    case UI_DELETE:
        ui_line_cut(s, *p, ui_line_next(s, *p));
        return true;
    case UI_CHAR_LEFT:
        *p = ui_line_prev(s, *p);
        return true;
    case UI_CHAR_RIGHT:
        *p = ui_line_next(s, *p);
        return true;
    case UI_LINE_START:
        *p = 0;
        return true;
    case UI_LINE_END:
        *p = len;
        return true;
    case UI_KILL_START:
        ui_line_cut(s, 0, *p);
        *p = 0;
        return true;
    case UI_KILL_END:
        s[*p] = '\0';
        return true;
    case UI_KILL_WORD: {
        size_t q = ui_line_word_start(s, *p);

        ui_line_cut(s, q, *p);
        *p = q;
        return true;
    }
    case UI_HIST_PREV:
    case UI_HIST_NEXT:
        hist_move(a, act == UI_HIST_PREV ? -1 : 1);
        return true;
    default:
        return false;
    }
}

int
ui_prompt_key(struct app *a, int key)
{
    enum ui_action act = ui_keymap_lookup(&a->keys, UI_KM_PROMPT, key);

    a->comp[0] = '\0';
    if (act == UI_ABORT) {
        if (a->mode == M_SEARCH)
            a->cur = a->saved_cur;
        a->mode = M_TREE;
        return RE_REDRAW;
    }
    if (act == UI_ACCEPT) {
        accept(a);
        return RE_REDRAW;
    }
    if (act == UI_COMPLETE) {
        complete(a);
        return RE_REDRAW;
    }
    if (!edit(a, act)) {
        char c = (char)key;

        /* a character's bytes come one by one, each after the last */
        if (act != UI_NONE || key < 32 || key >= 256 || key == 127 ||
            !ui_line_insert(a->input, sizeof(a->input), &a->input_pos, &c, 1))
            return RE_NONE;
    }
    if (a->mode == M_SEARCH) {
        /* incremental: jump to the first match from where it began */
        snprintf(a->search, sizeof(a->search), "%s", a->input);
        a->cur = a->saved_cur;
        if (a->search[0] && !ui_search_step(a, 1, true))
            ui_set_status(a, true, _("no match for '%s'"), a->search);
        else
            a->status[0] = '\0';
    }
    return RE_REDRAW;
}

/* The prompt, then as much of the line as fits with the cursor in
 * sight; the terminal's cursor is left on the cursor's character. */
void
ui_prompt_draw(struct app *a)
{
    char label[128];
    size_t start = 0;
    int y = a->lines - 2, lw, room, cx;

    if (a->mode != M_SEARCH && a->mode != M_PROMPT) {
        curs_set(0);
        return;
    }
    if (a->mode == M_SEARCH)
        snprintf(label, sizeof(label), "/");
    else
        snprintf(label, sizeof(label), _("Write the XML to file: %s"), "");
    lw = ui_line_width(label, strlen(label));
    if (lw > a->cols / 2)
        lw = a->cols / 2;
    room = a->cols - lw - 1;
    while (ui_line_width(a->input + start, a->input_pos - start) > room && start < a->input_pos)
        start = ui_line_next(a->input, start);
    attrset(A_NORMAL);
    ui_put(y, 0, lw, label);
    ui_put(y, lw, a->cols - lw, a->input + start);
    if (a->comp[0])
        ui_put(a->lines - 1, 0, a->cols, a->comp);
    cx = lw + ui_line_width(a->input + start, a->input_pos - start);
    move(y, cx < a->cols ? cx : a->cols - 1);
    curs_set(1);
}
