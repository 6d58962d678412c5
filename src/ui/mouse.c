/* mouse.c - the mouse: clicks on the tree's rows */
#include <config.h>

#include "app-priv.h"

#include <curses.h>
#include <stdio.h>

void
ui_mouse(struct app *a)
{
    MEVENT ev;
    size_t i;

    if (getmouse(&ev) != OK || a->mode != M_TREE)
        return;
    if (ev.y < 2 || ev.y >= 2 + ui_tree_height(a))
        return;
    i = a->top + (size_t)(ev.y - 2);
    if (i >= a->n_rows)
        return;
    a->cur = i;
    if ((ev.bstate & BUTTON1_DOUBLE_CLICKED) ||
        (a->rows[i].kind == R_DEV && ev.x >= 2 && ev.x <= 4)) {
        if (ui_tree_action(a, UI_MARK) & RE_CHECK)
            ui_recheck(a);
    } else if (a->rows[i].kind == R_GROUP && ev.x < 2) {
        a->expanded[a->rows[i].idx] = !a->expanded[a->rows[i].idx];
        ui_build_rows(a);
    }
}
