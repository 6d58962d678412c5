/* ops_live.c - the interface in libvirt's event loop: the terminal,
 * a stop signal, the host watcher's and libvirt's changes, and the end
 * of a highlight wake it; each round's change records are shown (the
 * status line, the log, the highlight) and the screen made again for
 * a new host.  With ops.c, the only file of src/ui that includes
 * session.h. */
#include <config.h>

#include "app-priv.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "i18n.h"
#include "session.h"

static void
on_input(int fd, bool hangup, void *opaque)
{
    struct app *a = opaque;

    (void)fd;
    if (hangup)
        a->hup = true;
}

/* The terminal wakes the loop, as the host's and guests' changes do;
 * no timer runs while nothing happens. */
static void
on_signal(int fd, bool hangup, void *opaque)
{
    char buf[16];

    (void)hangup;
    (void)opaque;
    /* the round returns and the loop sees ui_term_interrupted() */
    while (read(fd, buf, sizeof(buf)) > 0)
        continue;
}

/* The rest of a big host is read: the loop's round returns, and
 * ui_ops_events_run puts it in place. */
static void
on_rest(int fd, bool hangup, void *opaque)
{
    struct app *a = opaque;

    (void)fd;
    (void)hangup;
    a->rest_ready = true;
    session_events_remove_fd(a->rest_id);
    a->rest_id = -1;
}

int
ui_ops_events_watch(struct app *a)
{
    if ((a->input_id = session_events_add_fd(STDIN_FILENO, on_input, a)) < 0)
        return -1;
    if (ui_term_signal_fd() >= 0)
        a->signal_id = session_events_add_fd(ui_term_signal_fd(), on_signal, a);
    if (session_rest_fd(a->s) >= 0)
        a->rest_id = session_events_add_fd(session_rest_fd(a->s), on_rest, a);
    ui_ops_follow(a);
    return 0;
}

bool
ui_ops_rest_pending(const struct app *a)
{
    return session_rest_fd(a->s) >= 0;
}

int
ui_ops_rest_finish(struct app *a)
{
    struct ui_keep k;
    char *msg = NULL;
    int rc;

    if (session_rest_fd(a->s) < 0)
        return 0;
    if (a->rest_id >= 0)
        session_events_remove_fd(a->rest_id);
    a->rest_id = -1;
    a->rest_ready = false;
    if (ui_keep_take(a, &k) < 0) {
        ui_set_status(a, true, "%s", _("out of memory"));
        return -1;
    }
    rc = session_rest_finish(a->s, &msg);
    if (rc > 0) {
        if (ui_keep_restore(a, &k, NULL, NULL) < 0)
            ui_set_status(a, true, "%s", _("out of memory"));
        else
            ui_start_status(a);
        ui_recheck(a);
        /* the readiness facts came with the host (read on its thread);
         * the whole host on the screen, then the watcher, one inotify
         * watch per device (~100 ms at 10,000) */
        ui_ready_refresh(a);
        if (a->input_id >= 0) {
            ui_draw(a);
            ui_ops_follow(a);
        }
    }
    else if (rc < 0)
        ui_set_status(a, true, "%s", msg ? msg : "?");
    free(msg);
    ui_keep_free(&k);
    return rc;
}

void
ui_ops_follow(struct app *a)
{
    char *err = NULL;

    /* a big host's part: the watcher follows the whole host */
    if (a->watch || ui_host(a)->partial_of)
        return;
    if (!(a->watch = session_watch_start(a->s, &err)))
        ui_set_status(a, true, _("the screen does not follow the host (%s); F5 reads it again"),
                      err ? err : "?");
    free(err);
}

static void
on_highlight_over(void *opaque)
{
    struct app *a = opaque;

    /* the round returns and the loop draws the rows again */
    session_events_remove_timer(a->hl_timer);
    a->hl_timer = -1;
}

void
ui_ops_events_stop(struct app *a)
{
    session_watch_free(a->watch);
    a->watch = NULL;
    if (a->hl_timer >= 0)
        session_events_remove_timer(a->hl_timer);
    a->hl_timer = -1;
    if (a->input_id >= 0)
        session_events_remove_fd(a->input_id);
    if (a->signal_id >= 0)
        session_events_remove_fd(a->signal_id);
    if (a->rest_id >= 0)
        session_events_remove_fd(a->rest_id);
    a->input_id = a->signal_id = a->rest_id = -1;
}

/* Calls @fn for each address a record is about: its subject, or the
 * addresses a guest holds ("0000:01:00.0, 0000:01:00.1"). */
static void
each_addr(struct app *a, const struct session_watch_change *c,
          void (*fn)(struct app *, const struct bdf *))
{
    const char *text = NULL;
    char buf[BDF_STRLEN + 1];

    switch (c->kind) {
    case SESSION_WATCH_DEVICE_ADDED:
    case SESSION_WATCH_DRIVER_BOUND:
    case SESSION_WATCH_DRIVER_UNBOUND:
        text = c->subject;
        break;
    case SESSION_WATCH_DEVICE_ATTACHED:
    case SESSION_WATCH_DEVICE_DETACHED:
    case SESSION_WATCH_DOMAIN_STARTED:
        text = c->detail;
        break;
    default:
        break;
    }
    while (text && *text) {
        size_t len = strcspn(text, ", ");
        struct bdf addr;

        if (len && len < sizeof(buf)) {
            memcpy(buf, text, len);
            buf[len] = '\0';
            if (bdf_parse(buf, &addr) == 0)
                fn(a, &addr);
        }
        text += len;
        text += strspn(text, ", ");
    }
}

static void
measure(struct app *a, const struct bdf *addr)
{
    int d = model_find(ui_host(a), addr);

    if (d >= 0)
        ui_tree_measure_dev(a, &ui_host(a)->devs[d]);
}

/* Shows what the last round changed: the screen made again for a new
 * host (marks, folds and cursor kept), each change on the status line
 * and in the log, its rows highlighted, the findings judged again. */
static void
show_changes(struct app *a, const struct ui_keep *k)
{
    struct session_watch_change *c = NULL;
    struct bdf *lost = NULL;
    size_t n = 0, n_lost = 0, i;
    int what = session_watch_take(a->watch, &c, &n);

    if ((what & SESSION_WATCH_NEW_HOST) && ui_keep_restore(a, k, &lost, &n_lost) < 0)
        ui_set_status(a, true, "%s", _("out of memory"));
    for (i = 0; i < n; i++) {
        bool err = c[i].kind == SESSION_WATCH_CONN_LOST || c[i].kind == SESSION_WATCH_READ_FAILED;

        if (c[i].kind == SESSION_WATCH_CONN_LOST)
            a->conn_lost = true;
        else if (c[i].kind == SESSION_WATCH_CONN_RECONNECTED)
            a->conn_lost = false;
        /* the echo of our own attach or detach leaves its summary on
         * the status line */
        if (((c[i].kind == SESSION_WATCH_DEVICE_ATTACHED || c[i].kind == SESSION_WATCH_DEVICE_DETACHED) &&
             ui_live_is_own(a, c[i].subject)) ||
            ((c[i].kind == SESSION_WATCH_DRIVER_BOUND || c[i].kind == SESSION_WATCH_DRIVER_UNBOUND) &&
             ui_live_is_own_bind(a)))
            ui_log_add_kept(a, false, c[i].text);
        else
            ui_set_event(a, err, c[i].text);
        each_addr(a, &c[i], ui_live_changed);
    }
    /* last, so that the status line shows it */
    ui_keep_report_lost(a, lost, n_lost);
    /* a driver or device changed: driver_override and what vfio-pci.ids
     * catches may have too, so the header's readiness is read again */
    for (i = 0; i < n; i++)
        if (c[i].kind == SESSION_WATCH_DRIVER_BOUND || c[i].kind == SESSION_WATCH_DRIVER_UNBOUND ||
            c[i].kind == SESSION_WATCH_DEVICE_ADDED || c[i].kind == SESSION_WATCH_DEVICE_REMOVED)
            break;
    if (i < n || (what & SESSION_WATCH_NEW_HOST))
        ui_ready_refresh(a);
    if (what || n) {
        if (a->pick >= ui_host(a)->n_domains)
            a->pick = ui_host(a)->n_domains ? ui_host(a)->n_domains - 1 : 0;
        if (a->sel && a->expanded) {
            ui_recheck(a);
            /* a driver changed in place moves no row, unless the filter
             * hides groups by their state: measuring the whole host
             * again would cost more than the rest of the event */
            if (what & SESSION_WATCH_NEW_DOMAINS)
                a->host_gen++;  /* in-use badges may have changed */
            if (!(what & SESSION_WATCH_NEW_HOST) && ((what & SESSION_WATCH_NEW_DOMAINS) || a->filter))
                ui_build_rows(a);
            else if (!(what & SESSION_WATCH_NEW_HOST))
                for (i = 0; i < n; i++)
                    each_addr(a, &c[i], measure);
            /* an open attach confirmation judges what it would send now */
            if (a->mode == M_CONFIRM && a->crep) {
                struct rules_opts ro = ui_ropts(a);

                rules_report_free(a->crep);
                a->crep = rules_check(ui_host(a), a->sel, &ro);
            }
        }
    }
    free(lost);
    session_watch_changes_free(c, n);
}

int
ui_ops_events_run(struct app *a)
{
    struct ui_keep k;
    bool kept = false;
    int ms, ret = 0;

    /* the round may free the host: what the screen keeps is noted by
     * address before it */
    if (a->watch)
        kept = ui_keep_take(a, &k) == 0;
    if (session_events_run() < 0)
        ret = -1;
    else if (a->watch && kept)
        show_changes(a, &k);
    if (kept)
        ui_keep_free(&k);
    if (a->rest_ready)
        ui_ops_rest_finish(a);
    ms = ui_live_expire(a);
    if (ms >= 0 && a->hl_timer < 0)
        a->hl_timer = session_events_add_timer(ms + 1, on_highlight_over, a);
    return ret;
}

static void
on_wait_over(void *opaque)
{
    bool *over = opaque;

    *over = true;
}

int
ui_ops_events_wait(struct app *a, int ms)
{
    bool over = false;
    int id = session_events_add_timer(ms, on_wait_over, &over);

    if (id < 0)
        return -1;
    while (!over)
        if (ui_ops_events_run(a) < 0)
            break;
    session_events_remove_timer(id);
    return over ? 0 : -1;
}
