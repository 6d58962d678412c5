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

/* The tree's column widths in display cells, measured over the whole
 * host (treedraw.c): the same on every row, whatever is on screen. */
struct ui_tree_widths {
    int gid;                    /* digits of the widest group number */
    int title, count, marked;   /* group rows: "IOMMU group N", "N devices", "N marked" */
    int cls, drv, badges;       /* device rows: short class, driver, badges */
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
    size_t saved_cur;
    int cols, lines;
    bool conn_lost;             /* the lost connection was reported */
    bool hup;                   /* the terminal hung up (event loop) */
    struct ui_keymap keys;      /* built once at start */
    struct ui_tree_widths tw;
};

/* draw.c: helpers every screen uses */
void ui_set_status(struct app *a, bool err, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void ui_put(int y, int x, int w, const char *s);
int ui_wrap(int y, int x, int w, int maxrows, const char *prefix, const char *text);
void ui_box_at(struct app *a, int h, int w, const char *title, int *y0, int *x0);
struct rules_opts ui_ropts(const struct app *a);
void ui_recheck(struct app *a);

/* tree.c: the group -> device tree, marks, search, the mouse */
enum rules_group_state ui_gstate(struct app *a, size_t g);
void ui_build_rows(struct app *a);
int ui_tree_key(struct app *a, int key);
bool ui_search_step(struct app *a, int dir, bool include_current);
void ui_mouse(struct app *a);

/* treedraw.c: the tree's columns and rows */
void ui_tree_measure(struct app *a);
int ui_tree_height(const struct app *a);
void ui_tree_draw(struct app *a);

/* panes.c: header, details, findings, status line, key bar */
void ui_panes_draw(struct app *a);

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

/* prompt.c: the search line and the write prompt */
void ui_search_open(struct app *a);
void ui_prompt_open(struct app *a);
int ui_prompt_key(struct app *a, int key);

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
