/* actions.c - key names and the key -> action lookup, from UI_ACTIONS */
#include <config.h>

#include "actions.h"

#include <curses.h>
#include <string.h>

#include "i18n.h"

const struct ui_action_info ui_action_table[] = {
#define UI_ROW(a, keys, help) { UI_##a, keys, help },
    UI_ACTIONS(UI_ROW)
#undef UI_ROW
};
const size_t ui_n_actions = sizeof(ui_action_table) / sizeof(ui_action_table[0]);

static const struct {
    const char *name;
    int code;
} named_keys[] = {
    { "Up", KEY_UP }, { "Down", KEY_DOWN }, { "Left", KEY_LEFT }, { "Right", KEY_RIGHT },
    { "PgUp", KEY_PPAGE }, { "PgDn", KEY_NPAGE }, { "Home", KEY_HOME }, { "End", KEY_END },
    { "Enter", '\n' }, { "Space", ' ' }, { "Esc", 27 }, { "Tab", '\t' },
    { "Backspace", KEY_BACKSPACE },
};

int
ui_key_code(const char *name)
{
    size_t i;

    if (!name || !*name)
        return -1;
    for (i = 0; i < sizeof(named_keys) / sizeof(named_keys[0]); i++) {
        if (strcmp(named_keys[i].name, name) == 0)
            return named_keys[i].code;
    }
    if (name[0] == 'F' && name[1] >= '1' && name[1] <= '9' &&
        (name[2] == '\0' || (name[2] >= '0' && name[2] <= '2' && name[1] == '1' && name[3] == '\0')))
        return KEY_F(name[2] ? 10 + (name[2] - '0') : name[1] - '0');
    if (name[1] == '\0')
        return (unsigned char)name[0];
    return -1;
}

enum ui_action
ui_action_for_key(int key)
{
    size_t i;

    if (key == KEY_ENTER || key == '\r')
        key = '\n';
    for (i = 0; i < ui_n_actions; i++) {
        char buf[64];
        char *tok, *save = NULL;

        strncpy(buf, ui_action_table[i].keys, sizeof(buf) - 1);
        buf[sizeof(buf) - 1] = '\0';
        for (tok = strtok_r(buf, " ", &save); tok; tok = strtok_r(NULL, " ", &save)) {
            if (ui_key_code(tok) == key)
                return ui_action_table[i].action;
        }
    }
    return UI_NONE;
}
