/* keybar.c - the F-key bar at the bottom of the screen */
#include <config.h>

#include "app-priv.h"

#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "i18n.h"

/* The F-key bar: the key table's actions that have a bar label, each
 * under its first key. */
void
ui_keybar_draw(struct app *a)
{
    int x = 0;
    size_t i;

    move(a->lines - 1, 0);
    for (i = 0; i < ui_n_actions && x < a->cols; i++) {
        const struct ui_action_info *ai = &ui_action_table[i];
        char key[16];
        int kw, lw;

        if (!ai->bar)
            continue;
        ui_action_key(ai->action, key, sizeof(key));
        kw = (int)strlen(key);
        lw = (int)strlen(_(ai->bar)) + 1;
        attrset(A_NORMAL);
        ui_put(a->lines - 1, x, kw, key);
        x += kw;
        attrset(ui_term_attr(&a->t, UI_C_KEY));
        ui_put(a->lines - 1, x, lw < a->cols - x ? lw : a->cols - x, _(ai->bar));
        x += lw;
    }
    attrset(A_NORMAL);
    if (x < a->cols)
        ui_put(a->lines - 1, x, a->cols - x, "");
}
