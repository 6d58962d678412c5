/* app.c - the full-screen interface's loop: drawing the screens,
 * handing each key to the open screen, and ui_run.  Drawing reads the
 * state; keys change it and return what must be redrawn; the host's
 * and guests' changes come through the same loop (ops.c, live.c). */
#include <config.h>

#include "app.h"

#include <curses.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app-priv.h"
#include "i18n.h"

void
ui_draw(struct app *a)
{
    getmaxyx(stdscr, a->lines, a->cols);
    erase();
    if (a->cols < UI_MIN_COLS || a->lines < UI_MIN_LINES) {
        char buf[256];

        snprintf(buf, sizeof(buf), _("The terminal is %dx%d; vfiotui needs at least %dx%d."),
                 a->cols, a->lines, UI_MIN_COLS, UI_MIN_LINES);
        ui_put(a->lines / 2 - 1 > 0 ? a->lines / 2 - 1 : 0, 0, a->cols, buf);
        ui_put(a->lines / 2 > 0 ? a->lines / 2 : 0, 0, a->cols, _("Enlarge it, or press q to quit."));
        curs_set(0);
        refresh();
        return;
    }
    if (a->mode == M_DOMAINS || (a->mode == M_CONFIRM && a->cfm_back == M_DOMAINS)) {
        ui_domains_draw(a);
    } else {
        ui_panes_draw(a);
        if (!a->zoom || a->focus == P_TREE)
            ui_tree_draw(a);
    }
    if (a->mode == M_HELP)
        ui_help_draw(a);
    else if (a->mode == M_PICKER)
        ui_picker_draw(a);
    else if (a->mode == M_CONFIRM)
        ui_confirm_draw(a);
    else if (a->mode == M_LOG)
        ui_log_draw(a);
    else if (a->mode == M_READY)
        ui_ready_draw(a);
    else if (a->mode == M_BIND)
        ui_bind_draw(a);
    /* a message set while a dialog is open shows in the dialog, not
     * on the status line behind it */
    if (a->mode == M_HELP || a->mode == M_PICKER || a->mode == M_CONFIRM || a->mode == M_BIND)
        ui_dialog_message_draw(a);
    ui_prompt_draw(a);          /* last: it places the cursor */
    refresh();
}

/* One key to the open screen. */
static int
screen_key(struct app *a, int key)
{
    int re;

    switch (a->mode) {
    case M_HELP:
        re = ui_help_key(a, key);
        break;
    case M_PICKER:
        re = ui_picker_key(a, key);
        break;
    case M_CONFIRM:
        re = ui_confirm_key(a, key);
        if (a->mode != M_CONFIRM) {
            /* a confirmation the domain screen opened goes back there */
            if (a->mode == M_TREE && a->cfm_back == M_DOMAINS)
                ui_domains_open(a, -1);     /* at the domain, now the target */
            free(a->cfm_addrs);
            a->cfm_addrs = NULL;
            a->n_cfm_addrs = 0;
            a->cfm_back = M_TREE;
        }
        break;
    case M_DOMAINS:
        re = ui_domains_key(a, key);
        break;
    case M_SEARCH:
    case M_PROMPT:
        re = ui_prompt_key(a, key);
        break;
    case M_LOG:
        re = ui_log_key(a, key);
        break;
    case M_READY:
        re = ui_ready_key(a, key);
        break;
    case M_BIND:
        re = ui_bind_key(a, key);
        break;
    case M_TREE:
    default:
        if (ui_keymap_lookup(&a->keys, UI_KM_TREE, key) == UI_DOMAINS) {
            ui_domains_open(a, -1);
            re = RE_REDRAW;
            break;
        }
        /* the panes' keys, and the moves when a pane has the focus */
        re = ui_panes_key(a, key);
        if (re < 0)
            re = ui_tree_key(a, key);
        break;
    }
    return re;
}

/* Whether @key only moves through what is on the screen, which the
 * first screen's part of a big host is enough for. */
static bool
moves_only(const struct app *a, int key)
{
    if (a->mode == M_HELP || a->mode == M_LOG)
        return true;
    if (a->mode != M_TREE || key == KEY_MOUSE)
        return false;
    switch (ui_keymap_lookup(&a->keys, UI_KM_TREE, key)) {
    case UI_MOVE_UP: case UI_MOVE_DOWN: case UI_PAGE_UP: case UI_PAGE_DOWN:
    case UI_FIRST: case UI_LAST: case UI_EXPAND: case UI_COLLAPSE:
    case UI_TOGGLE_ALL: case UI_FOCUS_NEXT: case UI_FOCUS_PREV: case UI_ZOOM:
    case UI_UNZOOM: case UI_HELP: case UI_LOG: case UI_QUIT:
        return true;
    default:
        return false;
    }
}

/* Any other key on a big host's part waits for the whole host (the
 * status line says so meanwhile): nothing is marked, judged, searched,
 * written or sent on a part.  False when the key cannot go on: the
 * rest could not be read, and only F5 reads it again. */
static bool
whole_host(struct app *a, int key)
{
    if (ui_ops_rest_pending(a)) {
        ui_set_status(a, false, "%s", _("reading the rest of the host..."));
        ui_draw(a);
        ui_ops_rest_finish(a);
    }
    if (!ui_host(a)->partial_of ||
        (a->mode == M_TREE && ui_keymap_lookup(&a->keys, UI_KM_TREE, key) == UI_RESCAN))
        return true;
    ui_set_status(a, true, "%s", _("only part of the host could be read; F5 reads it again"));
    return false;
}

/* One key (or mouse event) through the open screen; returns the
 * reaction flags. */
int
ui_handle_key(struct app *a, int key)
{
    int re;
    enum ui_mode was = a->mode;
    size_t seq = a->status_seq;

    if (key == KEY_RESIZE)
        return RE_REDRAW;
    if (key == KEY_MOUSE && a->mode == M_DOMAINS) {
        ui_domains_mouse(a);
        return RE_REDRAW;
    }
    if (a->cols < UI_MIN_COLS || a->lines < UI_MIN_LINES)
        return ui_keymap_lookup(&a->keys, UI_KM_TREE, key) == UI_QUIT ? RE_QUIT : RE_NONE;
    if (ui_host(a)->partial_of && !moves_only(a, key) && !whole_host(a, key))
        return RE_REDRAW;
    if (key == KEY_MOUSE)
        re = ui_mouse(a);
    else
        re = screen_key(a, key);
    if (was == M_SEARCH && a->mode != M_SEARCH && a->status_seq == seq)
        ui_log_settle(a);
    if (was == M_TREE && a->mode != M_TREE)
        a->dialog_seq = seq;    /* what the opening key said shows inside */
    if (re & RE_CHECK)
        ui_recheck(a);
    if (re & RE_ROWS)
        ui_build_rows(a);
    return re;
}

/* Keys and libvirt's events in one thread, as virt-top does: the
 * event loop wakes on the terminal, the host watcher, libvirt's events
 * or the end of a highlight (nothing else: idle, it sleeps in poll),
 * the changes are shown, then every key curses has is handled.
 * Without the event loop, keys as before. */
static void
main_loop(struct app *a)
{
    bool events;

    /* the first screen before the readiness facts and the watcher: on
     * a big --sysroot tree the watcher puts one inotify watch on each
     * device (~100 ms at 10,000) */
    ui_ops_watch_conn(a);
    ui_draw(a);
    if (a->ready_pending && !ui_host(a)->partial_of) {
        /* one file per device (driver_override): ~60 ms at 10,000;
         * no key is handled before it is in */
        ui_ready_refresh(a);
        ui_draw(a);
    }
    events = ui_ops_events_watch(a) == 0;
    if (events)
        ui_term_nowait(&a->t, true);
    else if (ui_ops_rest_finish(a) > 0)
        ui_draw(a);             /* no loop to say when the rest is in */
    for (;;) {
        int key;

        ui_ops_watch_conn(a);
        ui_draw(a);
        if (events && ui_ops_events_run(a) < 0) {
            events = false;
            ui_term_nowait(&a->t, false);
        }
        if (ui_term_interrupted() || a->hup)
            return;
        while ((key = ui_term_getkey(&a->t)) != ERR) {
            if (ui_handle_key(a, key) & RE_QUIT)
                return;
            if (ui_term_interrupted())
                return;
            if (!events)
                break;
            ui_ops_watch_conn(a);
            ui_draw(a);
        }
        if (ui_term_interrupted())
            return;
    }
}

void
ui_print_keys(void)
{
    size_t i;

    for (i = 0; i < ui_n_actions; i++)
        printf("%s\t%s\t%s\n", ui_keymode_name(ui_action_table[i].mode),
               ui_action_table[i].keys, _(ui_action_table[i].help));
}

/* The first status line, naming the keys as the key table binds them. */
static void
start_hint(struct app *a)
{
    char mark[16], group[16], domain[16], help[16];

    /* TRANSLATORS: the keys that mark a device, mark its group, choose
     * the domain and show the help ("Space", "g", "F2", "F1") */
    ui_set_status(a, false, _("%s marks a device, %s its whole group; %s chooses a guest; %s help"),
                  ui_action_key(UI_MARK, mark, sizeof(mark)),
                  ui_action_key(UI_MARK_GROUP, group, sizeof(group)),
                  ui_action_key(UI_DOMAIN, domain, sizeof(domain)),
                  ui_action_key(UI_HELP, help, sizeof(help)));
}

void
ui_start_status(struct app *a)
{
    const struct model_host *h = ui_host(a);

    if (h->partial_of)
        /* TRANSLATORS: a big host's first screen; the counts of devices
         * read so far and in all */
        ui_set_status(a, false, ngettext("reading the rest of the host (%zu of %zu device so far); the moving keys work meanwhile",
                                         "reading the rest of the host (%zu of %zu devices so far); the moving keys work meanwhile",
                                         h->partial_of), h->n_devs, h->partial_of);
    else if (h->iommu_unknown)
        ui_set_status(a, true, "%s", _("sys/kernel/iommu_groups cannot be read: whether the IOMMU is on, and the groups, are unknown."));
    else if (!h->iommu)
        ui_set_status(a, true, "%s", _("This host has no IOMMU groups: nothing can be passed through until the IOMMU is on."));
    else if (!ui_ops_connected(a))
        ui_set_status(a, true, _("no libvirt connection (%s); F2, F8 and F9 need one"),
                      ui_ops_conn_error(a) ? ui_ops_conn_error(a) : "?");
    else
        start_hint(a);
}

int
ui_run(struct ui_opts *o)
{
    struct app a;
    size_t i;
    int ret = UI_EXIT_OK;
    FILE *script = NULL;

    memset(&a, 0, sizeof(a));
    a.input_id = a.signal_id = a.hl_timer = a.rest_id = -1;
    a.o = o;
    a.s = o->session;
    a.config = true;
    if (ui_keymap_init(&a.keys) < 0) {
        fprintf(stderr, "%s: %s\n", ui_ops_progname(&a), _("the key table names a key that does not exist, or one key twice"));
        return UI_EXIT_ERROR;
    }
    if (o->script && !(script = fopen(o->script, "r"))) {
        fprintf(stderr, "%s: %s: %s\n", ui_ops_progname(&a), o->script, strerror(errno));
        return UI_EXIT_ERROR;
    }
    a.sel = model_sel_new(ui_host(&a));
    a.expanded = calloc(ui_host(&a)->n_groups + 1, sizeof(*a.expanded));
    if (!a.sel || !a.expanded) {
        ret = UI_EXIT_ERROR;
        goto cleanup;
    }
    for (i = 0; i <= ui_host(&a)->n_groups; i++)
        a.expanded[i] = true;
    if (ui_term_start(&a.t, script != NULL, o->cols > 0 ? o->cols : 80,
                      o->lines > 0 ? o->lines : 24, o->ascii) < 0) {
        ret = UI_EXIT_ERROR;
        goto cleanup;
    }
    getmaxyx(stdscr, a.lines, a.cols);
    ui_build_rows(&a);
    ui_recheck(&a);
    if (script)
        ui_ready_refresh(&a);   /* a script's screens are the same each run */
    else
        a.ready_pending = true; /* main_loop reads it after the first screen */
    ui_start_status(&a);

    if (script) {
        /* changes arrive only while the script waits for them */
        ui_ops_follow(&a);
        ret = ui_script_run(&a, script);
    }
    else
        main_loop(&a);
    ui_term_stop(&a.t);
    /* as any tool a signal ends: the shell sees 128+N */
    if (ui_term_interrupted())
        ret = 128 + ui_term_interrupted();

 cleanup:
    if (script)
        fclose(script);
    ui_ops_events_stop(&a);
    free(a.hl);
    rules_report_free(a.rep);
    rules_report_free(a.crep);
    free(a.xml);
    ui_prompt_free(&a);
    free(a.cfm_addrs);
    free(a.drows);
    free(a.rows);
    free(a.expanded);
    ui_log_free(&a.log);
    ui_ready_free(&a);
    ui_bind_free(&a);
    model_sel_free(a.sel);
    return ret;
}
