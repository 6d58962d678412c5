/* app-priv.h - what the interface's screens share: the state struct,
 * the reaction flags, and each screen's draw/key pair (after ncdu).
 * Only src/ui includes it. */
#ifndef VFIOTUI_UI_APP_PRIV_H
#define VFIOTUI_UI_APP_PRIV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "actions.h"
#include "app.h"
#include "model.h"
#include "rules.h"
#include "term.h"

#define UI_MIN_COLS 80
#define UI_MIN_LINES 24
#define UI_BOTTOM 8             /* rows for details and findings */

/* The program's exit statuses, as main knows them (the interface does
 * not include the command layer). */
enum {
    UI_EXIT_OK = 0,
    UI_EXIT_ERROR = 2,
};

enum ui_mode {
    M_TREE,
    M_HELP,
    M_PICKER,
    M_CONFIRM,
    M_PROMPT,
    M_SEARCH,
};

enum ui_row_kind {
    R_GROUP,
    R_DEV,
};

struct ui_row {
    enum ui_row_kind kind;
    size_t idx;                 /* group index (n_groups: "no group"), or device */
    size_t group;               /* the group this row belongs to */
};

/* Reaction flags, after htop: what an action needs done. */
enum {
    RE_NONE = 0,
    RE_REDRAW = 1,
    RE_ROWS = 2,                /* rebuild the visible rows */
    RE_CHECK = 4,               /* the selection changed: re-judge it */
    RE_QUIT = 8,
};

struct session;                 /* opaque here: only ops.c asks it */

/* A prompt's lines, kept for the session (prompt.c). */
#define UI_HIST_MAX 32
enum ui_prompt_kind {
    UI_P_SEARCH,
    UI_P_WRITE,
    UI_N_PROMPTS,
};

struct ui_history {
    char *lines[UI_HIST_MAX];   /* oldest first */
    size_t n;
    size_t at;                  /* the line shown; n: the one being typed */
    char draft[512];            /* the line being typed, while browsing */
};

/* Where each label of the key bar was drawn, for the mouse. */
#define UI_BAR_MAX 16
struct ui_bar_item {
    int x0, x1;                 /* columns [x0, x1) */
    enum ui_action action;
};

struct app {
    struct ui_opts *o;
    struct session *s;
    struct ui_term t;
    struct model_sel *sel;
    bool *expanded;             /* n_groups + 1 ("no group") */
    struct ui_row *rows;
    size_t n_rows, cur, top;
    bool filter;
    char search[128];
    char target[256];           /* target domain, "" for none */
    bool live, config;
    struct rules_report *rep;
    char status[512];
    bool status_err;
    enum ui_mode mode;
    size_t pick;                /* picker cursor */
    size_t scroll;              /* dialog scroll */
    bool detach;                /* the confirmation is for detach */
    bool stale_only;            /* ... of the target's stale hostdevs */
    char *xml;                  /* the confirmation's XML */
    struct rules_report *crep;  /* the confirmation's findings */
    char input[512];
    size_t input_pos;           /* the cursor: a byte offset into input */
    struct ui_history hist[UI_N_PROMPTS];
    char last_path[512];        /* the write prompt's last file name */
    char comp[512];             /* Tab's list of file names, or "" */
    struct ui_bar_item bar[UI_BAR_MAX];
    size_t n_bar;
    size_t saved_cur;
    int cols, lines;
    bool conn_lost;             /* the lost connection was reported */
    bool hup;                   /* the terminal hung up (event loop) */
    struct ui_keymap keys;      /* built once at start */
};

/* draw.c: helpers every screen uses */
void ui_set_status(struct app *a, bool err, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void ui_put(int y, int x, int w, const char *s);
int ui_wrap(int y, int x, int w, int maxrows, const char *prefix, const char *text);
void ui_box_at(struct app *a, int h, int w, const char *title, int *y0, int *x0);
struct rules_opts ui_ropts(const struct app *a);
void ui_recheck(struct app *a);

/* tree.c: the group -> device tree, marks, search */
enum rules_group_state ui_gstate(struct app *a, size_t g);
void ui_build_rows(struct app *a);
int ui_tree_height(const struct app *a);
void ui_tree_draw(struct app *a);
int ui_tree_key(struct app *a, int key);
int ui_tree_action(struct app *a, enum ui_action act);
bool ui_search_step(struct app *a, int dir, bool include_current);

/* mouse.c: a KEY_MOUSE; returns the reaction flags */
int ui_mouse(struct app *a);

/* panes.c: header, details, findings, status line */
void ui_panes_draw(struct app *a);

/* keybar.c: the F-key bar */
void ui_keybar_draw(struct app *a);

/* help.c */
void ui_help_open(struct app *a);
void ui_help_draw(struct app *a);
int ui_help_key(struct app *a, int key);

/* picker.c: the target domain */
void ui_picker_open(struct app *a);
void ui_picker_draw(struct app *a);
int ui_picker_key(struct app *a, int key);

/* confirm.c: attach or detach, opened by ui_ops_open_confirm */
void ui_confirm_draw(struct app *a);
int ui_confirm_key(struct app *a, int key);

/* prompt.c: the search line and the write prompt, edited as with
 * readline; ui_prompt_draw draws the open one on the status line and
 * leaves the terminal's cursor in it */
void ui_search_open(struct app *a);
void ui_prompt_open(struct app *a);
int ui_prompt_key(struct app *a, int key);
void ui_prompt_draw(struct app *a);
void ui_prompt_free(struct app *a);

/* lineedit.c: editing a line of UTF-8 text in place */
size_t ui_line_prev(const char *s, size_t pos);     /* the character before pos */
size_t ui_line_next(const char *s, size_t pos);     /* the one after */
int ui_line_width(const char *s, size_t len);       /* display cells of s[0..len) */
bool ui_line_insert(char *s, size_t sz, size_t *pos, const char *text, size_t len);
void ui_line_cut(char *s, size_t from, size_t to);  /* removes s[from..to) */
size_t ui_line_word_start(const char *s, size_t pos);

/* complete.c: Tab in the write prompt.  Completes the file name before
 * *@pos in @line to the matches' common prefix; when that adds nothing
 * and several names match, lists them in @list.  Returns the number of
 * matches. */
size_t ui_complete_path(char *line, size_t sz, size_t *pos, char *list, size_t lsz);

/* script.c: the headless runner */
int ui_script_run(struct app *a, FILE *in);

/* app.c */
void ui_draw(struct app *a);
int ui_handle_key(struct app *a, int key);

/* ops.c: everything that reaches the session (the host, libvirt, files) */
struct model_host *ui_host(const struct app *a);
const char *ui_ops_uri(const struct app *a);        /* borrowed, NULL if none */
bool ui_ops_demo(const struct app *a);
bool ui_ops_connected(const struct app *a);
const char *ui_ops_conn_error(const struct app *a); /* borrowed */
const char *ui_ops_progname(const struct app *a);   /* borrowed */
void ui_ops_watch_conn(struct app *a);
int ui_ops_events_watch(struct app *a);
int ui_ops_events_run(struct app *a);
/* F5: 0 or 1 when the session holds a new host (the caller rebuilds
 * what was sized for the old one), -1 when the old one is kept. */
int ui_ops_rescan(struct app *a);
void ui_ops_open_confirm(struct app *a, bool detach);
void ui_ops_apply(struct app *a, bool force);
void ui_ops_write(struct app *a);

#endif /* VFIOTUI_UI_APP_PRIV_H */
