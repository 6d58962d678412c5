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
    M_DOMAINS,
    M_LOG,
    M_READY,
    M_BIND,
};

/* The panes that take the focus, in Tab order. */
enum ui_pane {
    P_TREE,
    P_DETAILS,
    P_FINDINGS,
    P_N,
};

/* Lines of text laid out for a pane or a dialog, wrapped to its width
 * (lines.c): drawn from any first line, so that nothing is cut. */
struct ui_line {
    int attr;
    char *text;
};

struct ui_lines {
    struct ui_line *v;
    size_t n, cap;
};

/* Every status message, with its time (log.c). */
struct ui_log_entry {
    long when;                  /* time_t */
    bool err;
    bool transient;             /* set while typing a search: replaced */
    char *text;
};

struct ui_log {
    struct ui_log_entry *v;
    size_t n, cap;
};

enum ui_row_kind {
    R_GROUP,
    R_DEV,
    R_MDEV_TYPE,                /* idx: into host->mdev_types (tree_mdev.c) */
    R_MDEV,                     /* idx: into host->mdevs */
};

struct ui_row {
    enum ui_row_kind kind;
    size_t idx;                 /* group index (n_groups: "no group"), or device */
    size_t group;               /* the group this row belongs to */
};

/* A row of the domain screen: a domain, then its hostdevs. */
enum ui_drow_kind {
    D_DOM,
    D_DEV,                      /* idx: a host device */
    D_STALE,                    /* idx: into the domain's stale[] */
    D_OTHER,                    /* idx: into the domain's other[] (not PCI) */
};

struct ui_drow {
    enum ui_drow_kind kind;
    size_t dom;
    size_t idx;
    bool live, config;          /* the definitions that hold the hostdev */
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
struct session_watch;           /* the same: the screen follows the host */

/* A row that just changed, highlighted until @until (monotonic ms). */
struct ui_hl {
    struct bdf addr;
    long long until;
};

/* What the screen keeps when the host under it is replaced (live.c). */
struct ui_keep {
    struct bdf *marks;          /* the marked devices */
    size_t n_marks;
    char (*mdevs)[37];          /* the marked mdevs' UUIDs */
    size_t n_mdevs;
    int *collapsed;             /* the folded groups' ids */
    size_t n_collapsed;
    bool on_dev, on_group, on_mdev; /* the cursor's row: a device, a group,
                                     * an mdev */
    struct bdf at;
    char mdev_at[37];
    int group;
    size_t cur;                 /* its index, where it goes if all is gone */
};

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

/* The tree's column widths in display cells, measured over the whole
 * host (treedraw.c): the same on every row, whatever is on screen. */
struct ui_tree_widths {
    int gid;                    /* digits of the widest group number */
    int title, count, marked;   /* group rows: "IOMMU group N", "N devices", "N marked" */
    int cls, drv, badges;       /* device rows: short class, driver, badges */
    int name;                   /* the longest device name */
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
    struct ui_drow *drows;      /* the domain screen's rows, rebuilt as drawn */
    size_t n_drows, dcur, dtop;
    struct bdf *cfm_addrs;      /* a detach from the domain screen: its own */
    size_t n_cfm_addrs;         /* addresses, and where the confirmation */
    enum ui_mode cfm_back;      /* goes back to (M_TREE otherwise) */
    char cfm_mdev[37];          /* and the mdev it detaches ("": none) */
    /* ready.c: the header's readiness indicator and the report (R) */
    struct prep_report *ready;  /* NULL: vfiotui cannot tell */
    char *ready_os;             /* the distribution, or NULL */
    char *ready_err;            /* why session_ready failed, or NULL */
    bool ready_pending;         /* not read yet: the first screen comes first */
    /* bind.c: the bind or unbind confirmation */
    struct bdf *bind_addrs;     /* the devices asked for */
    size_t n_bind_addrs;
    bool bind_unbind;           /* give them back */
    bool bind_mates;            /* with their group-mates (bind) */
    struct ui_lines bind_plan;  /* the dry run: writes and refusals */
    size_t bind_refused;        /* devices the dry run refused */
    enum ui_pane focus;         /* the pane the arrows scroll */
    bool zoom;                  /* the focused pane fills the screen */
    size_t pane_top[P_N];       /* first line shown of details, findings */
    size_t details_row;         /* the row the details were scrolled for */
    struct ui_log log;
    size_t status_seq;          /* counts status messages */
    size_t dialog_seq;          /* status_seq when the dialog opened */
    int box_y, box_x, box_h, box_w;     /* the open dialog's frame */
    struct ui_tree_widths tw;
    /* what the widths were measured for: measuring 10,000 devices costs
     * more than a key, so rows rebuilt for the same host, target and
     * domains keep them (ui_build_rows) */
    const void *tw_host;
    char tw_target[256];
    unsigned tw_gen, host_gen;  /* host_gen: bumped when the host or its
                                 * domains change under the same pointer */
    struct session_watch *watch;        /* following the host, or NULL */
    int input_id;               /* the terminal in the event loop, or -1 */
    int signal_id;              /* term.c's signal pipe in it, or -1 */
    int hl_timer;               /* ends the highlight, or -1 */
    int rest_id;                /* the rest of a big host being read, in
                                 * the event loop, or -1 */
    bool rest_ready;            /* it is read: put it in place */
    struct ui_hl *hl;           /* rows that just changed */
    size_t n_hl, cap_hl;
    char own_dom[256];          /* the domain this program just changed, */
    long long own_until;        /* until when its events echo that (live.c) */
    long long own_bind_until;   /* until when drivers bound or unbound are our own */
};

/* draw.c: helpers every screen uses */
void ui_set_status(struct app *a, bool err, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* The same for a change of the host or a guest: its log entry is kept
 * even while a search replaces its own messages. */
void ui_set_event(struct app *a, bool err, const char *text);
void ui_put(int y, int x, int w, const char *s);
int ui_wrap(int y, int x, int w, int maxrows, const char *prefix, const char *text);
/* Like ui_put, but a cut shows as "…" ("~" in ASCII mode); returns
 * whether @s was cut. */
bool ui_put_cut(const struct app *a, int y, int x, int w, const char *s);
bool ui_ascii(const struct app *a);
/* The display cells of @s. */
int ui_cells(const char *s);
/* @s padded with spaces to @w display cells (not bytes), in @buf; a
 * longer @s is left whole. */
const char *ui_pad(char *buf, size_t sz, const char *s, int w);
/* A framed box in the middle of the screen (full border, title in the
 * top border); returns its inner origin and remembers the frame. */
void ui_box_at(struct app *a, int h, int w, const char *title, int *y0, int *x0);
/* The status message set since the dialog opened, if any (borrowed). */
const char *ui_dialog_message(const struct app *a);
/* Rows that message takes, wrapped inside the open dialog. */
int ui_dialog_message_rows(struct app *a);
/* Draws it on the dialog's last inner rows. */
void ui_dialog_message_draw(struct app *a);

/* lines.c */
void ui_lines_clear(struct ui_lines *l);
void ui_lines_add(struct ui_lines *l, int attr, const char *text);
/* Wraps @prefix@text into lines of @w display cells, the following
 * lines indented by @indent cells. */
void ui_lines_wrap(struct ui_lines *l, int attr, int w, int indent, const char *prefix, const char *text);
/* Draws @h lines from line @top at (@y, @x), @w cells wide. */
void ui_lines_draw(const struct app *a, const struct ui_lines *l, int y, int x, int w, int h, size_t top);
/* Clamps *@top so the last page is full; returns it. */
size_t ui_lines_clamp(const struct ui_lines *l, int h, size_t *top);
/* Moves *@top by @delta lines; INT_MIN and INT_MAX go to the ends
 * (the end is clamped when drawn). */
void ui_scroll(size_t *top, int delta);

/* log.c: the message log */
/* Keeps @text; while a search is typed, its messages replace each
 * other (one entry per search). */
void ui_log_add(struct app *a, bool err, const char *text);
/* Keeps @text whatever is being typed (a change the host made). */
void ui_log_add_kept(struct app *a, bool err, const char *text);
/* The search line closed: its last message stays. */
void ui_log_settle(struct app *a);
void ui_log_free(struct ui_log *l);
void ui_log_open(struct app *a);
void ui_log_draw(struct app *a);
int ui_log_key(struct app *a, int key);
struct rules_opts ui_ropts(const struct app *a);
void ui_recheck(struct app *a);

/* tree.c: the group -> device tree, marks, search */
enum rules_group_state ui_gstate(struct app *a, size_t g);
void ui_build_rows(struct app *a);

/* tree_mdev.c: the rows under an mdev parent, its types and mdevs. */
/* Appends device @dev's R_MDEV_TYPE and R_MDEV rows (group @g) at
 * rows[*n]; the caller made room for every type and mdev. */
void ui_mdev_rows(struct app *a, size_t dev, size_t g, struct ui_row *rows, size_t *n);
/* Draws an R_MDEV_TYPE or R_MDEV row at screen line @y. */
void ui_mdev_row_draw(struct app *a, int y, const struct ui_row *r, bool cur);
/* The details pane's lines for an R_MDEV_TYPE or R_MDEV row. */
void ui_mdev_details(struct app *a, const struct ui_row *r, struct ui_lines *l, int w);
/* Marks or unmarks the mdev of an R_MDEV row; a type row says how to
 * make one.  Returns reaction flags. */
int ui_mdev_mark(struct app *a, const struct ui_row *r);
int ui_tree_key(struct app *a, int key);
int ui_tree_action(struct app *a, enum ui_action act);
bool ui_search_step(struct app *a, int dir, bool include_current);

/* live.c: following the host */
/* Notes the marks, folds and cursor by address and group id.  0, or
 * -1 without memory (*k is then empty). */
int ui_keep_take(struct app *a, struct ui_keep *k);
/* The host was replaced: makes the selection, folds, rows and cursor
 * again from @k.  The marks whose device is gone go to *lost (the
 * caller's, *n_lost of them) when @lost is not NULL.  0, or -1 without
 * memory. */
int ui_keep_restore(struct app *a, const struct ui_keep *k, struct bdf **lost, size_t *n_lost);
void ui_keep_free(struct ui_keep *k);
/* Tells the user (status line and log) of each mark dropped. */
void ui_keep_report_lost(struct app *a, const struct bdf *lost, size_t n);
/* An attach or detach to @domain was sent from here: for a while, its
 * events only repeat the status line, and go to the log alone. */
void ui_live_own_change(struct app *a, const char *domain);
bool ui_live_is_own(const struct app *a, const char *domain);
/* b and u changed drivers: for a while, the watcher's driver records
 * echo them (logged, not put over the bind's summary). */
void ui_live_own_binds(struct app *a);
bool ui_live_is_own_bind(const struct app *a);
/* Highlights the row of @addr for a while. */
void ui_live_changed(struct app *a, const struct bdf *addr);
bool ui_live_is_changed(const struct app *a, const struct bdf *addr);
/* Drops the highlights that are over; returns the ms until the next
 * one ends, or -1 when none is left. */
int ui_live_expire(struct app *a);

/* mouse.c: a KEY_MOUSE; returns the reaction flags */
int ui_mouse(struct app *a);

/* treedraw.c: the tree's columns and rows */
void ui_tree_measure(struct app *a);
/* Widens the columns for @d, changed in place (a driver): cheaper than
 * measuring the whole host again. */
void ui_tree_measure_dev(struct app *a, const struct model_dev *d);
int ui_tree_height(const struct app *a);
void ui_tree_draw(struct app *a);

/* panes.c: header, details, findings, status line */
void ui_panes_draw(struct app *a);
/* The rows under the tree: 0 when a pane is zoomed. */
int ui_panes_rows(const struct app *a);
/* Tab, S-Tab, z, Esc, M, and the moves of a focused pane; returns the
 * reaction flags, or -1 when the key is the tree's. */
int ui_panes_key(struct app *a, int key);

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
/* Makes domain @di the target, as Enter in the picker does. */
void ui_picker_choose(struct app *a, size_t di);

/* domains.c: each domain, its hostdevs and the host devices they map
 * to; detach, show in the tree, make the target */
void ui_domains_open(struct app *a, int dom);    /* -1: the target's, or the first */
void ui_domains_draw(struct app *a);
int ui_domains_key(struct app *a, int key);
void ui_domains_mouse(struct app *a);  /* a click selects, the wheel moves */
void ui_domains_rows(struct app *a);

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
/* The terminal and the host's and guests' changes in libvirt's event
 * loop: 0, or -1 when there is no event loop (keys as before). */
int ui_ops_events_watch(struct app *a);
/* Starts following the host and the guests (the status line says why
 * not, if it cannot). */
void ui_ops_follow(struct app *a);
void ui_ops_events_stop(struct app *a);
/* One round of the loop, then what changed is shown: 0, or -1 when
 * the loop failed. */
int ui_ops_events_run(struct app *a);
/* Runs the loop for @ms milliseconds (the script's "wait"): 0, or -1
 * without an event loop. */
int ui_ops_events_wait(struct app *a, int ms);
/* F5: 0 or 1 when the session holds a new host, and the screen was
 * made again for it from @k (ui_keep_restore); -1 when the old one is
 * kept; -2 without memory. */
int ui_ops_rescan(struct app *a, const struct ui_keep *k);
void ui_ops_open_confirm(struct app *a, bool detach);
/* A big host's first screen (model_host.partial_of): whether the rest
 * is still being read; ui_ops_rest_finish() waits for it and makes the
 * screen again for the whole host (marks, folds and cursor kept), with
 * its readiness facts, and starts following the host; 1 if it did, 0
 * if nothing was being read, -1 if that read failed (the status line
 * says why; only F5 goes on from there). */
bool ui_ops_rest_pending(const struct app *a);
int ui_ops_rest_finish(struct app *a);
/* The status line the interface starts with (app.c). */
void ui_start_status(struct app *a);
/* Opens the detach confirmation for @addrs (copied) of domain @di,
 * which becomes the target; the confirmation returns to the domain
 * screen. */
void ui_ops_open_detach(struct app *a, size_t di, const struct bdf *addrs, size_t n,
                        bool live, bool config);
/* The same for the mdev @uuid of domain @di (one the host has). */
void ui_ops_open_detach_mdev(struct app *a, size_t di, const char *uuid, bool live, bool config);
void ui_ops_apply(struct app *a, bool force);
void ui_ops_write(struct app *a);
struct prep_report;             /* core/prep.h */
struct prep_facts;
/* The readiness facts (session_ready): 0 with *f the caller's, or -1
 * with *err set (caller frees). */
int ui_ops_ready(struct app *a, struct prep_facts **f, char **err);

/* session_bind for the interface: its flags, and one device's outcome
 * (the session's, copied: the interface does not see session.h) */
enum {
    UI_BF_UNBIND = 1,
    UI_BF_FORCE = 2,
    UI_BF_DRY_RUN = 4,
};
struct ui_bind_result {
    char addr[BDF_STRLEN];
    char *before, *after;       /* drivers, NULL for none */
    int status;                 /* 0 done, 1 refused, -1 failed */
    char *msg;                  /* translated, or NULL */
};
/* Returns 0, 1 when one device was refused or failed (*res has @n
 * entries: ui_bind_results_free), or -1 with *err set. */
int ui_ops_bind(struct app *a, const struct bdf *addrs, size_t n, unsigned flags,
                void (*trace)(void *ctx, const char *line), void *ctx,
                struct ui_bind_result **res, char **err);
void ui_bind_results_free(struct ui_bind_result *r, size_t n);

/* ready.c: the readiness indicator and report */
void ui_ready_refresh(struct app *a);
/* The header's indicator text into @buf, and its colour (UI_C_*). */
int ui_ready_badge(const struct app *a, char *buf, size_t sz);
void ui_ready_open(struct app *a);
void ui_ready_draw(struct app *a);
int ui_ready_key(struct app *a, int key);
void ui_ready_free(struct app *a);

/* bind.c: the bind and unbind keys, their confirmation */
void ui_bind_open(struct app *a, bool unbind);
void ui_bind_draw(struct app *a);
int ui_bind_key(struct app *a, int key);
void ui_bind_free(struct app *a);

#endif /* VFIOTUI_UI_APP_PRIV_H */
