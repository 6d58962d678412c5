/* help.c - the help screen: the key table, then the dialogs' keys */
#include <config.h>

#include "app-priv.h"

#include <curses.h>
#include <stdio.h>

#include "i18n.h"

/* Line @i of the help text into @buf: the key table, each screen under
 * its heading, then Esc-digit and the mouse.  Returns the number of
 * lines. */
static size_t
help_line(size_t i, char *buf, size_t sz)
{
    size_t n = 0, k;
    enum ui_keymode mode = UI_N_KEYMODES;

    buf[0] = '\0';
    for (k = 0; k < ui_n_actions; k++) {
        const struct ui_action_info *ai = &ui_action_table[k];

        if (ai->mode != mode) {
            mode = ai->mode;
            if (n++ == i)
                snprintf(buf, sz, "%s", _(ui_keymode_heading(mode)));
        }
        if (n++ == i)
            snprintf(buf, sz, "  %-14s %s", ai->keys, _(ai->help));
    }
    if (n++ == i)
        snprintf(buf, sz, "%s", _("Esc then a digit is an F-key: Esc 1 is F1, Esc 0 is F10."));
    if (n++ == i)
        snprintf(buf, sz, "%s", _("The mouse: a click selects a row and folds a group; on the mark box, or a double click, it marks."));
    if (n++ == i)
        snprintf(buf, sz, "%s", _("The wheel scrolls; a click on the key bar runs that key."));
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
    char buf[512], down[16], page[16];
    size_t n = help_line(0, buf, sizeof(buf)), i;
    int h = (int)n + 2, w = a->cols - 8, y, x, rows;

    if (h > a->lines)
        h = a->lines;
    rows = h - 2;
    if (a->scroll + (size_t)rows > n)
        a->scroll = n > (size_t)rows ? n - (size_t)rows : 0;
    if (n > (size_t)rows)
        snprintf(buf, sizeof(buf), _("Help: %s/%s for more, any other key closes"),
                 ui_action_key(UI_HELP_DOWN, down, sizeof(down)),
                 ui_action_key(UI_HELP_PAGE_DOWN, page, sizeof(page)));
    else
        snprintf(buf, sizeof(buf), "%s", _("Help: keys (any key closes)"));
    ui_box_at(a, h, w, buf, &y, &x);
    for (i = a->scroll; i < n && rows-- > 0; i++) {
        help_line(i, buf, sizeof(buf));
        ui_put(y++, x, w - 4, buf);
    }
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
