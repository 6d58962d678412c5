/* help.c - the help screen: the key table, then the dialogs' keys */
#include <config.h>

#include "app-priv.h"

#include <curses.h>
#include <stdio.h>

#include "i18n.h"

/* The help text, wrapped to @w cells: the key table, each screen
 * under its heading, then Esc-digit, the panes and the mouse. */
static void
help_lines(struct app *a, struct ui_lines *l, int w)
{
    size_t k;
    enum ui_keymode mode = UI_N_KEYMODES;
    char buf[128];

    for (k = 0; k < ui_n_actions; k++) {
        const struct ui_action_info *ai = &ui_action_table[k];

        if (ai->mode != mode) {
            mode = ai->mode;
            ui_lines_wrap(l, A_BOLD, w, 2, "", _(ui_keymode_heading(mode)));
        }
        snprintf(buf, sizeof(buf), "  %-14s ", ai->keys);
        ui_lines_wrap(l, A_NORMAL, w, 17, buf, _(ai->help));
    }
    ui_lines_wrap(l, A_NORMAL, w, 2, "", _("Esc then a digit is an F-key: Esc 1 is F1, Esc 0 is F10."));
    ui_lines_wrap(l, A_NORMAL, w, 2, "",
                  _("The mouse: a click selects a row and folds a group; on the mark box, or a double click, it marks. "
                    "The wheel scrolls; a click on the key bar runs that key."));
    ui_lines_wrap(l, A_NORMAL, w, 2, "",
                  _("A pane whose title shows an arrow has more lines that way: focus it and scroll. "
                    "A line that ends in an ellipsis was cut: the message log shows every status message whole."));
}

void
ui_help_open(struct app *a)
{
    a->mode = M_HELP;
    a->scroll = 0;
}

void
ui_help_draw(struct app *a)
{
    char buf[512], down[16], page[16];
    struct ui_lines l = { 0 };
    int w = a->cols - 8, h, y, x, rows;

    help_lines(a, &l, w - 4);
    h = (int)l.n + 2;
    if (h > a->lines)
        h = a->lines;
    rows = h - 2;
    ui_lines_clamp(&l, rows, &a->scroll);
    if (l.n > (size_t)rows)
        snprintf(buf, sizeof(buf), _("Help: %s/%s for more, any other key closes"),
                 ui_action_key(UI_HELP_DOWN, down, sizeof(down)),
                 ui_action_key(UI_HELP_PAGE_DOWN, page, sizeof(page)));
    else
        snprintf(buf, sizeof(buf), "%s", _("Help: keys (any key closes)"));
    ui_box_at(a, h, w, buf, &y, &x);
    ui_lines_draw(a, &l, y, x, w - 4, rows, a->scroll);
    ui_lines_clear(&l);
}

/* Any key that does not scroll closes the help, as does scrolling up
 * from the top. */
int
ui_help_key(struct app *a, int key)
{
    enum ui_action act = ui_keymap_lookup(&a->keys, UI_KM_HELP, key);

    switch (act) {
    case UI_HELP_DOWN:
        a->scroll++;
        break;
    case UI_HELP_PAGE_DOWN:
        a->scroll += 10;
        break;
    case UI_HELP_UP:
    case UI_HELP_PAGE_UP:
        if (a->scroll > 0) {
            a->scroll -= act == UI_HELP_PAGE_UP && a->scroll >= 10 ? 10 : 1;
            break;
        }
        a->mode = M_TREE;
        break;
    default:
        a->mode = M_TREE;
        break;
    }
    return RE_REDRAW;
}
