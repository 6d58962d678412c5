/* prompt.c - one line of input on the status line: the incremental
 * search (/) and the file name for the write (F7) */
#include <config.h>

#include "app-priv.h"

#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "i18n.h"

void
ui_search_open(struct app *a)
{
    a->mode = M_SEARCH;
    a->input[0] = '\0';
    a->saved_cur = a->cur;
}

void
ui_prompt_open(struct app *a)
{
    char mark[16], group[16];

    if (model_sel_count(a->sel) == 0) {
        /* TRANSLATORS: the keys that mark a device and a group ("Space", "g") */
        ui_set_status(a, true, _("mark devices first (%s, or %s for a whole group)"),
                      ui_action_key(UI_MARK, mark, sizeof(mark)),
                      ui_action_key(UI_MARK_GROUP, group, sizeof(group)));
        return;
    }
    a->mode = M_PROMPT;
    snprintf(a->input, sizeof(a->input), "%s", "hostdevs.xml");
}

static void
accept(struct app *a)
{
    if (a->mode == M_PROMPT) {
        ui_ops_write(a);
        return;
    }
    a->mode = M_TREE;
    if (a->search[0] && !ui_search_step(a, 1, true))
        ui_set_status(a, true, _("no match for '%s'"), a->search);
}

int
ui_prompt_key(struct app *a, int key)
{
    size_t len = strlen(a->input);
    enum ui_action act = ui_keymap_lookup(&a->keys, UI_KM_PROMPT, key);

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
    if (act == UI_ERASE) {
        if (len)
            a->input[len - 1] = '\0';
    } else if (key >= 32 && key < 256 && len + 1 < sizeof(a->input)) {
        a->input[len] = (char)key;
        a->input[len + 1] = '\0';
    } else {
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
