/* actions.h - the one key table: screen, key -> action -> help text.
 * Dispatch (through a lookup built once), the help screen, the F-key
 * bar, the dialogs' key hints and the man page's key list (vfiotui
 * keys, which tests/man-check.sh holds the man page to) all come from
 * UI_ACTIONS, so they cannot drift apart. */
#ifndef VFIOTUI_UI_ACTIONS_H
#define VFIOTUI_UI_ACTIONS_H

#include <stddef.h>

/* The screens that have keys of their own.
 * X(MODE, name for `vfiotui keys`, heading in the help screen) */
#define UI_KEYMODES(X) \
    X(TREE, "tree", N_("In the device tree:")) \
    X(HELP, "help", N_("In this help:")) \
    X(PICKER, "picker", N_("In the domain picker:")) \
    X(DOMAINS, "domains", N_("In the domain screen:")) \
    X(CONFIRM, "confirm", N_("In the attach or detach confirmation:")) \
    X(PROMPT, "prompt", N_("In the search line and the file name prompt:")) \
    X(LOG, "log", N_("In the message log:")) \
    X(READY, "ready", N_("In the readiness report:")) \
    X(BIND, "bind", N_("In the bind or unbind confirmation:"))

/* X(MODE, ACTION, "space-separated key names", F-key bar label or NULL,
 * help text).  The bar shows an action under its first key name. */
#define UI_ACTIONS(X) \
    X(TREE, MOVE_UP, "Up k", NULL, N_("move up")) \
    X(TREE, MOVE_DOWN, "Down j", NULL, N_("move down")) \
    X(TREE, PAGE_UP, "PgUp", NULL, N_("page up")) \
    X(TREE, PAGE_DOWN, "PgDn", NULL, N_("page down")) \
    X(TREE, FIRST, "Home", NULL, N_("go to the first row")) \
    X(TREE, LAST, "End", NULL, N_("go to the last row")) \
    X(TREE, MARK, "Space", NULL, N_("mark or unmark the device")) \
    X(TREE, MARK_GROUP, "g", NULL, N_("mark or unmark the device's whole group (endpoints only)")) \
    X(TREE, EXPAND, "Enter Right l", NULL, N_("expand the group")) \
    X(TREE, COLLAPSE, "Left h", NULL, N_("collapse the group")) \
    X(TREE, TOGGLE_ALL, "e", NULL, N_("expand or collapse every group")) \
    X(TREE, SEARCH, "/", NULL, N_("search addresses, names, IDs and drivers")) \
    X(TREE, SEARCH_NEXT, "n", NULL, N_("next match")) \
    X(TREE, SEARCH_PREV, "N", NULL, N_("previous match")) \
    X(TREE, FILTER, "f", NULL, N_("hide groups that are fine and unmarked")) \
    X(TREE, HELP, "F1 ?", N_("Help"), N_("show this help")) \
    X(TREE, DOMAIN, "F2 d", N_("Domain"), N_("choose the target domain")) \
    X(TREE, DOMAINS, "F3 v", NULL, N_("show the domains, their hostdevs and host devices")) \
    X(TREE, RESCAN, "F5 r", N_("Rescan"), N_("rescan the host")) \
    X(TREE, WRITE, "F7 w", N_("Write"), N_("write the hostdev XML to a file")) \
    X(TREE, ATTACH, "F8 a", N_("Attach"), N_("attach the marked devices to the target domain")) \
    X(TREE, DETACH, "F9 x", N_("Detach"), N_("detach the marked devices from the target domain")) \
    X(TREE, QUIT, "F10 q", N_("Quit"), N_("quit")) \
    X(TREE, FOCUS_NEXT, "Tab", NULL, N_("focus the next pane: tree, details, findings; the arrows and PgUp/PgDn then scroll it")) \
    X(TREE, FOCUS_PREV, "S-Tab", NULL, N_("focus the previous pane")) \
    X(TREE, ZOOM, "z", NULL, N_("show the focused pane full screen, or back")) \
    X(TREE, UNZOOM, "Esc", NULL, N_("leave the full-screen pane")) \
    X(TREE, LOG, "M", NULL, N_("show the message log: every status message, whole")) \
    X(TREE, READY, "R", NULL, N_("show the host's readiness report (the header's ready indicator), as vfiotui ready prints it")) \
    X(TREE, BIND, "b", NULL, N_("bind the marked devices (or the one under the cursor; on a group row its endpoints) to vfio-pci now (asks first)")) \
    X(TREE, UNBIND, "u", NULL, N_("give the marked devices (or the one under the cursor) back to their own drivers (asks first)")) \
    X(HELP, HELP_DOWN, "Down j", NULL, N_("scroll down a line")) \
    X(HELP, HELP_UP, "Up k", NULL, N_("scroll up a line")) \
    X(HELP, HELP_PAGE_DOWN, "PgDn", NULL, N_("scroll down a page")) \
    X(HELP, HELP_PAGE_UP, "PgUp", NULL, N_("scroll up a page")) \
    X(HELP, HELP_CLOSE, "Esc q", NULL, N_("close the help (so does any other key)")) \
    X(PICKER, PICK_UP, "Up k", NULL, N_("choose the domain above")) \
    X(PICKER, PICK_DOWN, "Down j", NULL, N_("choose the domain below")) \
    X(PICKER, PICK, "Enter", NULL, N_("make it the target domain")) \
    X(PICKER, PICK_CANCEL, "Esc q F10", NULL, N_("keep the target as it was")) \
    X(PICKER, PICK_DOMAINS, "F3 v", NULL, N_("show this domain in the domain screen")) \
    X(DOMAINS, DOM_UP, "Up k", NULL, N_("move up")) \
    X(DOMAINS, DOM_DOWN, "Down j", NULL, N_("move down")) \
    X(DOMAINS, DOM_PAGE_UP, "PgUp", NULL, N_("page up")) \
    X(DOMAINS, DOM_PAGE_DOWN, "PgDn", NULL, N_("page down")) \
    X(DOMAINS, DOM_FIRST, "Home", NULL, N_("go to the first row")) \
    X(DOMAINS, DOM_LAST, "End", NULL, N_("go to the last row")) \
    X(DOMAINS, DOM_JUMP, "Enter", NULL, N_("show the hostdev's host device in the tree")) \
    X(DOMAINS, DOM_TARGET, "t", NULL, N_("make the domain the target domain")) \
    X(DOMAINS, DOM_DETACH, "F9 x", NULL, N_("detach the hostdev under the cursor (asks first)")) \
    X(DOMAINS, DOM_DETACH_STALE, "X", NULL, N_("detach all the domain's stale hostdevs (asks first)")) \
    X(DOMAINS, DOM_CLOSE, "Esc q F3", NULL, N_("close the domain screen")) \
    X(CONFIRM, APPLY, "y Y", NULL, N_("attach or detach, if the checks found no errors")) \
    X(CONFIRM, FORCE, "F", NULL, N_("attach or detach despite the errors")) \
    X(CONFIRM, LIVE, "l", NULL, N_("toggle --live")) \
    X(CONFIRM, CONFIG, "c", NULL, N_("toggle --config")) \
    X(CONFIRM, XML_DOWN, "PgDn Down", NULL, N_("scroll the findings and the XML down")) \
    X(CONFIRM, XML_UP, "PgUp Up", NULL, N_("scroll the findings and the XML up")) \
    X(CONFIRM, CANCEL, "Esc q n", NULL, N_("cancel: nothing is changed")) \
    X(PROMPT, ACCEPT, "Enter", NULL, N_("search, or write the file")) \
    X(PROMPT, ERASE, "Backspace", NULL, N_("erase the character before the cursor")) \
    X(PROMPT, DELETE, "Delete C-d", NULL, N_("erase the character under the cursor")) \
    X(PROMPT, CHAR_LEFT, "Left C-b", NULL, N_("move the cursor left")) \
    X(PROMPT, CHAR_RIGHT, "Right C-f", NULL, N_("move the cursor right")) \
    X(PROMPT, LINE_START, "Home C-a", NULL, N_("move to the start of the line")) \
    X(PROMPT, LINE_END, "End C-e", NULL, N_("move to the end of the line")) \
    X(PROMPT, KILL_START, "C-u", NULL, N_("erase from the start of the line to the cursor")) \
    X(PROMPT, KILL_END, "C-k", NULL, N_("erase from the cursor to the end of the line")) \
    X(PROMPT, KILL_WORD, "C-w", NULL, N_("erase the word before the cursor")) \
    X(PROMPT, HIST_PREV, "Up C-p", NULL, N_("the previous line of this prompt's history")) \
    X(PROMPT, HIST_NEXT, "Down C-n", NULL, N_("the next line of this prompt's history")) \
    X(PROMPT, COMPLETE, "Tab", NULL, N_("complete the file name (the write prompt)")) \
    X(PROMPT, ABORT, "Esc C-g", NULL, N_("close the line; a search goes back where it began")) \
    X(LOG, LOG_UP, "Up k", NULL, N_("scroll up a line")) \
    X(LOG, LOG_DOWN, "Down j", NULL, N_("scroll down a line")) \
    X(LOG, LOG_PAGE_UP, "PgUp", NULL, N_("scroll up a page")) \
    X(LOG, LOG_PAGE_DOWN, "PgDn", NULL, N_("scroll down a page")) \
    X(LOG, LOG_FIRST, "Home", NULL, N_("go to the oldest message")) \
    X(LOG, LOG_LAST, "End", NULL, N_("go to the newest message")) \
    X(LOG, LOG_CLOSE, "Esc q M", NULL, N_("close the log")) \
    X(READY, READY_UP, "Up k", NULL, N_("scroll up a line")) \
    X(READY, READY_DOWN, "Down j", NULL, N_("scroll down a line")) \
    X(READY, READY_PAGE_UP, "PgUp", NULL, N_("scroll up a page")) \
    X(READY, READY_PAGE_DOWN, "PgDn", NULL, N_("scroll down a page")) \
    X(READY, READY_CLOSE, "Esc q R", NULL, N_("close the report")) \
    X(BIND, BIND_APPLY, "y Y", NULL, N_("make the writes shown, if no device is refused")) \
    X(BIND, BIND_FORCE, "F", NULL, N_("make them, host-critical devices too")) \
    X(BIND, BIND_MATES, "g", NULL, N_("also park the group-mates on vfio-pci, or not (bind)")) \
    X(BIND, BIND_DOWN, "PgDn Down", NULL, N_("scroll the writes down")) \
    X(BIND, BIND_UP, "PgUp Up", NULL, N_("scroll the writes up")) \
    X(BIND, BIND_CANCEL, "Esc q n", NULL, N_("cancel: nothing is changed"))

enum ui_keymode {
#define UI_KM_ENUM(m, name, heading) UI_KM_##m,
    UI_KEYMODES(UI_KM_ENUM)
#undef UI_KM_ENUM
    UI_N_KEYMODES
};

enum ui_action {
    UI_NONE = 0,
#define UI_ENUM(m, a, keys, bar, help) UI_##a,
    UI_ACTIONS(UI_ENUM)
#undef UI_ENUM
    UI_N_ACTIONS
};

struct ui_action_info {
    enum ui_keymode mode;
    enum ui_action action;
    const char *keys;           /* "F1 ?" */
    const char *bar;            /* N_() marked, or NULL: not on the bar */
    const char *help;           /* N_() marked */
};

extern const struct ui_action_info ui_action_table[];
extern const size_t ui_n_actions;

/* Keys are curses codes below this (KEY_MAX is 0777). */
#define UI_KEY_CODES 01000

/* Which action each key has in each screen, built once from the table
 * by ui_keymap_init; looking a key up is an index. */
struct ui_keymap {
    unsigned char action[UI_N_KEYMODES][UI_KEY_CODES];
};

/* The curses key code for a key name ("Up", "F2", "Space", "g",
 * "C-a"), or -1. */
int ui_key_code(const char *name);

/* Esc followed by a digit is F1 to F10 (Esc 0 is F10), for terminals
 * without function keys: the F-key for @next, the key read after Esc,
 * or -1 if @next is not a digit. */
int ui_key_esc_digit(int next);

/* Fills @km from UI_ACTIONS.  Returns 0, or -1 if the table names a
 * key that does not exist or gives one key two actions in a screen
 * (bugs every interface test catches). */
int ui_keymap_init(struct ui_keymap *km);

/* The action bound to curses key @key in @mode, or UI_NONE. */
enum ui_action ui_keymap_lookup(const struct ui_keymap *km, enum ui_keymode mode, int key);

/* Writes the first key name bound to @action ("F1" for help) into
 * @buf and returns it: what the key bar and the dialogs' hints show. */
const char *ui_action_key(enum ui_action action, char *buf, size_t sz);

/* The name of @mode as `vfiotui keys` prints it, and its heading in
 * the help screen (N_() marked). */
const char *ui_keymode_name(enum ui_keymode mode);
const char *ui_keymode_heading(enum ui_keymode mode);

#endif /* VFIOTUI_UI_ACTIONS_H */
