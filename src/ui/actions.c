/* actions.c - key names, the per-screen key -> action lookup built
 * once from UI_ACTIONS, and the table's derived views */
#include <config.h>

#include "actions.h"

#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "i18n.h"

const struct ui_action_info ui_action_table[] = {
#define UI_ROW(m, a, keys, bar, help) { UI_KM_##m, UI_##a, keys, bar, help },
    UI_ACTIONS(UI_ROW)
#undef UI_ROW
};
const size_t ui_n_actions = sizeof(ui_action_table) / sizeof(ui_action_table[0]);

_Static_assert(UI_N_ACTIONS <= 256, "struct ui_keymap stores actions in a byte");
_Static_assert(KEY_MAX < UI_KEY_CODES, "UI_KEY_CODES must hold every curses key");

static const struct {
    const char *name;
    const char *heading;
} keymodes[] = {
#define UI_KM_ROW(m, name, heading) { name, heading },
    UI_KEYMODES(UI_KM_ROW)
#undef UI_KM_ROW
};

/* The first code of a name is the one scripts send; the others are
 * what terminals send for the same key. */
static const struct {
    const char *name;
    int code;
} named_keys[] = {
    { "Up", KEY_UP }, { "Down", KEY_DOWN }, { "Left", KEY_LEFT }, { "Right", KEY_RIGHT },
    { "PgUp", KEY_PPAGE }, { "PgDn", KEY_NPAGE }, { "Home", KEY_HOME }, { "End", KEY_END },
    { "Enter", '\n' }, { "Space", ' ' }, { "Esc", 27 }, { "Tab", '\t' }, { "S-Tab", KEY_BTAB },
    { "Backspace", KEY_BACKSPACE }, { "Delete", KEY_DC },
    { "Enter", '\r' }, { "Enter", KEY_ENTER }, { "Backspace", 127 }, { "Backspace", 8 },
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
    if (name[0] == 'C' && name[1] == '-' && name[2] >= 'a' && name[2] <= 'z' && name[3] == '\0')
        return name[2] - 'a' + 1;
    if (name[1] == '\0')
        return (unsigned char)name[0];
    return -1;
}

int
ui_key_esc_digit(int next)
{
    if (next < '0' || next > '9')
        return -1;
    return KEY_F(next == '0' ? 10 : next - '0');
}

static int
bind_code(struct ui_keymap *km, enum ui_keymode mode, int code, enum ui_action action)
{
    if (code < 0 || code >= UI_KEY_CODES ||
        (km->action[mode][code] != UI_NONE && km->action[mode][code] != action))
        return -1;
    km->action[mode][code] = (unsigned char)action;
    return 0;
}

/* Binds key @name, and the other codes terminals send for it. */
static int
bind_name(struct ui_keymap *km, enum ui_keymode mode, const char *name, enum ui_action action)
{
    size_t i;

    if (bind_code(km, mode, ui_key_code(name), action) < 0)
        return -1;
    for (i = 0; i < sizeof(named_keys) / sizeof(named_keys[0]); i++) {
        if (strcmp(named_keys[i].name, name) == 0 &&
            bind_code(km, mode, named_keys[i].code, action) < 0)
            return -1;
    }
    return 0;
}

int
ui_keymap_init(struct ui_keymap *km)
{
    size_t i;

    memset(km, 0, sizeof(*km));
    for (i = 0; i < ui_n_actions; i++) {
        char buf[64];
        char *tok, *save = NULL;

        snprintf(buf, sizeof(buf), "%s", ui_action_table[i].keys);
        for (tok = strtok_r(buf, " ", &save); tok; tok = strtok_r(NULL, " ", &save)) {
            if (bind_name(km, ui_action_table[i].mode, tok, ui_action_table[i].action) < 0)
                return -1;
        }
    }
    return 0;
}

enum ui_action
ui_keymap_lookup(const struct ui_keymap *km, enum ui_keymode mode, int key)
{
    if (key < 0 || key >= UI_KEY_CODES || mode >= UI_N_KEYMODES)
        return UI_NONE;
    return (enum ui_action)km->action[mode][key];
}

const char *
ui_action_key(enum ui_action action, char *buf, size_t sz)
{
    size_t i;

    if (sz == 0)
        return "";
    buf[0] = '\0';
    for (i = 0; i < ui_n_actions; i++) {
        if (ui_action_table[i].action == action) {
            snprintf(buf, sz, "%.*s", (int)strcspn(ui_action_table[i].keys, " "),
                     ui_action_table[i].keys);
            break;
        }
    }
    return buf;
}

const char *
ui_keymode_name(enum ui_keymode mode)
{
    return mode < UI_N_KEYMODES ? keymodes[mode].name : "";
}

const char *
ui_keymode_heading(enum ui_keymode mode)
{
    return mode < UI_N_KEYMODES ? keymodes[mode].heading : "";
}
