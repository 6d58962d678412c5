/* mouse.c - the mouse: the wheel scrolls, a click on the key bar runs
 * that label's action, a click on a group's row folds it, on a
 * device's row moves there, on its mark box (or a double click) marks */
#include <config.h>

#include "app-priv.h"

#include <curses.h>
#include <stdio.h>

#define WHEEL_ROWS 3

/* Whether the tree is drawn: not while another pane fills the screen. */
static bool
tree_shown(const struct app *a)
{
    return !a->zoom || a->focus == P_TREE;
}

/* The tree scrolls by WHEEL_ROWS and the cursor with it, so that it
 * stays where it was on the screen; a focused pane, and other screens,
 * take it as their Up and Down keys. */
static int
wheel(struct app *a, int dir, int y)
{
    size_t h = ui_tree_height(a) > 0 ? (size_t)ui_tree_height(a) : 1;
    size_t last_top = a->n_rows > h ? a->n_rows - h : 0, i;

    if (a->mode != M_TREE) {
        if (a->mode == M_SEARCH || a->mode == M_PROMPT)
            return RE_NONE;     /* Up and Down are the history there */
        return ui_handle_key(a, dir < 0 ? KEY_UP : KEY_DOWN) & (RE_REDRAW | RE_QUIT);
    }
    if (a->focus != P_TREE && (!tree_shown(a) || y >= 2 + ui_tree_height(a))) {
        int re = ui_panes_key(a, dir < 0 ? KEY_UP : KEY_DOWN);

        return re < 0 ? RE_NONE : re;
    }
    for (i = 0; i < WHEEL_ROWS; i++) {
        if (dir < 0 && a->top > 0) {
            a->top--;
            a->cur -= a->cur > 0;
        } else if (dir > 0 && a->top < last_top) {
            a->top++;
            a->cur += a->cur + 1 < a->n_rows;
        } else if (dir < 0 && a->cur > 0) {
            a->cur--;           /* at the top: the cursor goes on */
        } else if (dir > 0 && a->cur + 1 < a->n_rows) {
            a->cur++;
        }
    }
    return RE_REDRAW;
}

static int
click_bar(struct app *a, int x)
{
    size_t i;

    for (i = 0; i < a->n_bar; i++) {
        if (x >= a->bar[i].x0 && x < a->bar[i].x1)
            return ui_tree_action(a, a->bar[i].action);
    }
    return RE_NONE;
}

static int
click_tree(struct app *a, const MEVENT *ev)
{
    size_t i;

    if (!tree_shown(a) || ev->y < 2 || ev->y >= 2 + ui_tree_height(a))
        return RE_NONE;
    i = a->top + (size_t)(ev->y - 2);
    if (i >= a->n_rows)
        return RE_NONE;
    a->cur = i;
    if ((ev->bstate & BUTTON1_DOUBLE_CLICKED) ||
        (a->rows[i].kind == R_DEV && ev->x >= 2 && ev->x <= 4))
        return ui_tree_action(a, UI_MARK);
    if (a->rows[i].kind == R_GROUP) {
        a->expanded[a->rows[i].idx] = !a->expanded[a->rows[i].idx];
        return RE_ROWS | RE_REDRAW;
    }
    return RE_REDRAW;
}

int
ui_mouse(struct app *a)
{
    MEVENT ev;

    if (getmouse(&ev) != OK)
        return RE_NONE;
    if (ev.bstate & (BUTTON4_PRESSED | BUTTON5_PRESSED))
        return wheel(a, (ev.bstate & BUTTON4_PRESSED) ? -1 : 1, ev.y);
    if (!(ev.bstate & (BUTTON1_CLICKED | BUTTON1_DOUBLE_CLICKED)))
        return RE_NONE;
    if (a->mode == M_HELP) {
        a->mode = M_TREE;       /* as any key does */
        return RE_REDRAW;
    }
    if (a->mode != M_TREE)
        return RE_NONE;
    if (ev.y == a->lines - 1)
        return click_bar(a, ev.x);
    return click_tree(a, &ev);
}
