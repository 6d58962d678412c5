/* help.c - the help screen: the key table, then the dialogs' keys */
#include <config.h>

#include "app-priv.h"

#include <curses.h>
#include <stdio.h>

#include "i18n.h"

/* The help text: one line per action of the key table, then the keys
 * of the dialogs. */
static size_t
help_line(size_t i, char *buf, size_t sz)
{
    static const char *const extra[] = {
        N_("In dialogs: Up/Down choose, Enter accepts, Esc cancels."),
        N_("Attach/detach confirmation: y applies, F overrides errors,"),
        N_("  l and c toggle --live and --config."),
        N_("The mouse selects a row; a click on the mark box marks it."),
    };
    size_t n = ui_n_actions + sizeof(extra) / sizeof(extra[0]);

    if (i < ui_n_actions)
        snprintf(buf, sz, "%-14s %s", ui_action_table[i].keys, _(ui_action_table[i].help));
    else if (i < n)
        snprintf(buf, sz, "%s", _(extra[i - ui_n_actions]));
    return n;
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
    char buf[512];
    size_t n = help_line(0, buf, sizeof(buf)), i;
    int h = (int)n + 2, w = a->cols - 8, y, x, rows;

    if (h > a->lines)
        h = a->lines;
    rows = h - 2;
    if (a->scroll + (size_t)rows > n)
        a->scroll = n > (size_t)rows ? n - (size_t)rows : 0;
    ui_box_at(a, h, w, n > (size_t)rows ? _("Help: Down/PgDn for more, any other key closes")
                                        : _("Help: keys (any key closes)"), &y, &x);
    for (i = a->scroll; i < n && rows-- > 0; i++) {
        help_line(i, buf, sizeof(buf));
        ui_put(y++, x, w - 4, buf);
    }
}

int
ui_help_key(struct app *a, int key)
{
    if (key == KEY_DOWN || key == KEY_NPAGE || key == 'j')
        a->scroll += key == KEY_NPAGE ? 10 : 1;
    else if ((key == KEY_UP || key == KEY_PPAGE || key == 'k') && a->scroll > 0)
        a->scroll -= key == KEY_PPAGE && a->scroll >= 10 ? 10 : 1;
    else
        a->mode = M_TREE;
    return RE_REDRAW;
}
