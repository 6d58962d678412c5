/* cmd_watch.c - the watch command: one line per change of the host or
 * its guests, as `udevadm monitor` and `virsh event --loop` print them,
 * or JSON Lines. */
#include <config.h>

#include "cmd.h"

#include <errno.h>
#include <fcntl.h>
#include <json-c/json.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "esc.h"
#include "i18n.h"

/* The self-pipe: a signal handler can only reach file-scope state.
 * SIGINT and SIGTERM end the loop at the next round, so the last line
 * is whole and the session is closed as usual. */
static int sig_pipe[2] = { -1, -1 };

static void
on_stop_signal(int sig)
{
    unsigned char b = (unsigned char)sig;
    int saved = errno;

    if (write(sig_pipe[1], &b, 1) < 0) {
        /* the pipe is full: a stop is already pending */
    }
    errno = saved;
}

struct watch_run {
    int stop_sig;               /* the signal that stopped us, or 0 */
    bool timed_out;
    bool write_failed;
};

static void
on_pipe(int fd, bool hangup, void *opaque)
{
    struct watch_run *r = opaque;
    unsigned char b;

    (void)hangup;
    if (read(fd, &b, 1) == 1 && !r->stop_sig)
        r->stop_sig = b;
}

static void
on_deadline(void *opaque)
{
    struct watch_run *r = opaque;

    r->timed_out = true;
}

/* "2026-12-03T01:53:20.123Z" */
static void
format_time(long long ms, char *buf, size_t len)
{
    time_t t = (time_t)(ms / 1000);
    struct tm tm;

    size_t n;

    gmtime_r(&t, &tm);
    n = strftime(buf, len, "%Y-%m-%dT%H:%M:%S", &tm);
    snprintf(buf + n, len - n, ".%03dZ", (int)(ms % 1000));
}

static json_object *
json_str(const char *s)
{
    char *u;
    json_object *o;

    if (!s)
        return NULL;
    u = esc_utf8(s);
    o = json_object_new_string(u ? u : "");
    free(u);
    return o;
}

static int
print_change(const struct cmd_ctx *ctx, const struct session_watch_change *c)
{
    char ts[40];

    format_time(c->when_ms, ts, sizeof(ts));
    if (ctx->json) {
        json_object *o = json_object_new_object();
        int rc;

        json_object_object_add(o, "time", json_object_new_string(ts));
        json_object_object_add(o, "kind", json_object_new_string(session_watch_kind_name(c->kind)));
        json_object_object_add(o, "subject", json_str(c->subject));
        json_object_object_add(o, "detail", json_str(c->detail));
        json_object_object_add(o, "text", json_str(c->text));
        rc = printf("%s\n", json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN |
                                                           JSON_C_TO_STRING_NOSLASHESCAPE));
        json_object_put(o);
        return rc;
    } else {
        struct esc_pool ep = ESC_POOL_INIT;
        int rc;

        /* "TIME KIND SUBJECT  TEXT", as udevadm monitor prints a line */
        rc = printf("%s %-22s %s  %s\n", ts, session_watch_kind_name(c->kind),
                    *c->subject ? esc_pool_text(&ep, c->subject) : "-",
                    esc_pool_text(&ep, c->text));
        esc_pool_clear(&ep);
        return rc;
    }
}

/* Installs the stop handlers; the previous ones go to @old. */
static int
catch_stops(struct sigaction old[2])
{
    struct sigaction sa;

    if (pipe2(sig_pipe, O_CLOEXEC | O_NONBLOCK) < 0)
        return -1;
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = on_stop_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, &old[0]);
    sigaction(SIGTERM, &sa, &old[1]);
    return 0;
}

static void
release_stops(struct sigaction old[2])
{
    sigaction(SIGINT, &old[0], NULL);
    sigaction(SIGTERM, &old[1], NULL);
    if (sig_pipe[0] >= 0) {
        close(sig_pipe[0]);
        close(sig_pipe[1]);
    }
    sig_pipe[0] = sig_pipe[1] = -1;
}

int
cmd_watch(struct cmd_ctx *ctx, int argc, char **argv)
{
    struct sigaction old[2];
    struct watch_run run = { 0 };
    struct session_watch *w = NULL;
    char *err = NULL;
    int pipe_id = -1, timer_id = -1;
    long printed = 0;
    int ret;

    if (argc > 0) {
        cmd_error(ctx, _("watch takes no arguments (got '%s')"), argv[0]);
        return CMD_EXIT_ERROR;
    }
    if (session_events_init(&err) < 0) {
        cmd_error(ctx, "%s", err ? err : _("libvirt's event loop is not available"));
        free(err);
        return CMD_EXIT_ERROR;
    }
    if ((ret = cmd_load(ctx, true, true)) != CMD_EXIT_OK)
        return ret;
    ret = CMD_EXIT_ERROR;
    if (catch_stops(old) < 0) {
        cmd_error(ctx, _("cannot watch: %s"), strerror(errno));
        return CMD_EXIT_ERROR;
    }
    if (!(w = session_watch_start(ctx->session, &err))) {
        cmd_error(ctx, "%s", err ? err : "?");
        goto cleanup;
    }
    if ((pipe_id = session_events_add_fd(sig_pipe[0], on_pipe, &run)) < 0 ||
        (ctx->timeout_ms > 0 &&
         (timer_id = session_events_add_timer(ctx->timeout_ms, on_deadline, &run)) < 0)) {
        cmd_error(ctx, "%s", _("libvirt's event loop is not available"));
        goto cleanup;
    }
    /* scripts and tests wait for this line before they change anything */
    if (!ctx->opts.quiet)
        cmd_error(ctx, "%s", _("watching for changes (Ctrl-C stops)"));

    while (!run.stop_sig && !run.timed_out && !run.write_failed &&
           (ctx->count <= 0 || printed < ctx->count)) {
        struct session_watch_change *c = NULL;
        size_t n = 0, i;

        if (session_events_run() < 0) {
            cmd_error(ctx, "%s", _("libvirt's event loop failed"));
            goto cleanup;
        }
        session_watch_take(w, &c, &n);
        for (i = 0; i < n && (ctx->count <= 0 || printed < ctx->count); i++, printed++) {
            if (print_change(ctx, &c[i]) < 0)
                run.write_failed = true;
        }
        session_watch_changes_free(c, n);
        if (fflush(stdout) != 0 || ferror(stdout))
            run.write_failed = true;
    }
    if (run.write_failed) {
        cmd_error(ctx, _("cannot write the changes: %s"), strerror(errno));
        goto cleanup;
    }
    /* stopped by a signal: 128 + N, as the shell reports a death by it */
    ret = run.stop_sig ? 128 + run.stop_sig : CMD_EXIT_OK;

 cleanup:
    if (timer_id >= 0)
        session_events_remove_timer(timer_id);
    if (pipe_id >= 0)
        session_events_remove_fd(pipe_id);
    session_watch_free(w);
    release_stops(old);
    free(err);
    return ret;
}
