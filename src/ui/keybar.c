/* keybar.c - the F-key bar at the bottom of the screen: the key table's
 * actions that have a label, each under its first key, measured in
 * display cells; where each label went is kept for the mouse */
#include <config.h>

#include "app-priv.h"

#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "i18n.h"

struct item {
    char key[16];
    const char *label;
    int kw, lw;                 /* display cells of the key and the label */
    enum ui_action action;
};

/* The widest label that lets every item fit in @cols (each item is its
 * key, its label and a space), or 0 if even the keys alone do not. */
static int
label_room(const struct item *it, size_t n, int cols)
{
    int widest = 0, room, total;
    size_t i;

    for (i = 0; i < n; i++)
        widest = it[i].lw > widest ? it[i].lw : widest;
    for (room = widest; room > 0; room--) {
        total = 0;
        for (i = 0; i < n; i++)
            total += it[i].kw + (it[i].lw < room ? it[i].lw : room) + 1;
        if (total <= cols)
            return room;
    }
    return 0;
}

void
ui_keybar_draw(struct app *a)
{
    struct item it[UI_BAR_MAX];
    size_t i, n = 0;
    int x = 0, y = a->lines - 1, room;

    for (i = 0; i < ui_n_actions && n < UI_BAR_MAX; i++) {
        const struct ui_action_info *ai = &ui_action_table[i];

        if (!ai->bar)
            continue;
        ui_action_key(ai->action, it[n].key, sizeof(it[n].key));
        it[n].label = _(ai->bar);
        it[n].kw = ui_line_width(it[n].key, strlen(it[n].key));
        it[n].lw = ui_line_width(it[n].label, strlen(it[n].label));
        it[n].action = ai->action;
        n++;
    }
    /* at 80 columns a long translation is cut rather than pushing the
     * last keys (Quit) off the screen */
    room = label_room(it, n, a->cols);
    a->n_bar = 0;
    for (i = 0; i < n && x < a->cols; i++) {
        int lw = (it[i].lw < room ? it[i].lw : room) + 1;

        if (lw > a->cols - x - it[i].kw)
            lw = a->cols - x - it[i].kw;
        attrset(A_NORMAL);
        ui_put(y, x, it[i].kw, it[i].key);
        a->bar[a->n_bar].x0 = x;
        x += it[i].kw;
        attrset(ui_term_attr(&a->t, UI_C_KEY));
        ui_put(y, x, lw, it[i].label);
        x += lw > 0 ? lw : 0;
        a->bar[a->n_bar].x1 = x;
        a->bar[a->n_bar++].action = it[i].action;
    }
    attrset(A_NORMAL);
    if (x < a->cols)
        ui_put(y, x, a->cols - x, "");
}
