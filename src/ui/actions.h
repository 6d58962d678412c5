/* actions.h - the one key table: key -> action -> help text.  Dispatch,
 * the help screen and the man page's key list (vfiotui keys) all come
 * from UI_ACTIONS, so they cannot drift apart. */
#ifndef VFIOTUI_UI_ACTIONS_H
#define VFIOTUI_UI_ACTIONS_H

#include <stddef.h>

/* X(ACTION, "space-separated key names", help text) */
#define UI_ACTIONS(X) \
    X(MOVE_UP, "Up k", N_("move up")) \
    X(MOVE_DOWN, "Down j", N_("move down")) \
    X(PAGE_UP, "PgUp", N_("page up")) \
    X(PAGE_DOWN, "PgDn", N_("page down")) \
    X(FIRST, "Home", N_("go to the first row")) \
    X(LAST, "End", N_("go to the last row")) \
    X(MARK, "Space", N_("mark or unmark the device")) \
    X(MARK_GROUP, "g", N_("mark or unmark the device's whole group (endpoints only)")) \
    X(EXPAND, "Enter Right l", N_("expand the group")) \
    X(COLLAPSE, "Left h", N_("collapse the group")) \
    X(TOGGLE_ALL, "e", N_("expand or collapse every group")) \
    X(SEARCH, "/", N_("search addresses, names, IDs and drivers")) \
    X(SEARCH_NEXT, "n", N_("next match")) \
    X(SEARCH_PREV, "N", N_("previous match")) \
    X(FILTER, "f", N_("hide groups that are fine and unmarked")) \
    X(HELP, "F1 ?", N_("show this help")) \
    X(DOMAIN, "F2 d", N_("choose the target domain")) \
    X(RESCAN, "F5", N_("rescan the host")) \
    X(WRITE, "F7 w", N_("write the hostdev XML to a file")) \
    X(ATTACH, "F8 a", N_("attach the marked devices to the target domain")) \
    X(DETACH, "F9", N_("detach the marked devices from the target domain")) \
    X(QUIT, "F10 q", N_("quit"))

enum ui_action {
    UI_NONE = 0,
#define UI_ENUM(a, keys, help) UI_##a,
    UI_ACTIONS(UI_ENUM)
#undef UI_ENUM
    UI_N_ACTIONS
};

struct ui_action_info {
    enum ui_action action;
    const char *keys;           /* "F1 ?" */
    const char *help;           /* N_() marked */
};

extern const struct ui_action_info ui_action_table[];
extern const size_t ui_n_actions;

/* The curses key code for a key name ("Up", "F2", "Space", "g"), or -1. */
int ui_key_code(const char *name);

/* The action bound to curses key @key, or UI_NONE. */
enum ui_action ui_action_for_key(int key);

#endif /* VFIOTUI_UI_ACTIONS_H */
