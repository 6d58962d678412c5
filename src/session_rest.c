/* session_rest.c - the rest of a big host, read in the background: the
 * interface shows the first screen's part (sysfs_opts.first) at once,
 * keeps moving through it while a thread reads the whole host, and puts
 * the whole one in its place when the thread says it is done (a byte on
 * a pipe the event loop watches).  The thread has its own copy of what
 * it reads with; it touches nothing of the session's, and only it uses
 * libpci meanwhile.  Nothing is judged, saved or sent on the part: the
 * interface waits for the whole host first (model_host.partial_of). */
#include <config.h>

#include "session.h"
#include "session_priv.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "i18n.h"
#include "io/errmsg.h"
#include "core/prep.h"
#include "host/prepread.h"
#include "host/sysfs.h"

struct session_rest {
    pthread_t th;
    int fds[2];                 /* [0] readable once the read is done */
    struct session_opts o;      /* the thread's copy */
    char *ssh_connection;
    char *gate;                 /* VFIOTUI_TEST_REST_GATE: the tests hold
                                 * the read back until this file exists */
    struct model_host *host;    /* the result, or NULL and err */
    char *err;
    struct prep_facts *facts;   /* its readiness facts (prepread_facts) */
    char *facts_err;
    int facts_rc;
    bool want_conn, readonly;   /* what session_load was asked */
};

int
session_read_sysfs(const struct session_opts *so, const char *ssh_connection, size_t first,
                   struct model_host **out, char **err)
{
    struct sysfs_opts o = { 0 };
    char *serr = NULL;

    o.sysroot = so->sysroot ? so->sysroot : "/";
    o.ssh_connection = ssh_connection;
    o.quiet = so->quiet;
    o.brief = so->brief;
    o.first = first;
    if (!(*out = sysfs_read(&o, &serr))) {
        errmsg_set(err, _("cannot read the host under %s: %s"), o.sysroot, serr ? serr : "?");
        free(serr);
        return -1;
    }
    return 0;
}

static void *
rest_run(void *arg)
{
    struct session_rest *r = arg;
    ssize_t w;

    while (r->gate && access(r->gate, F_OK) < 0) {
        struct timespec ts = { 0, 10000000L };

        nanosleep(&ts, NULL);
    }
    if (session_read_sysfs(&r->o, r->ssh_connection, 0, &r->host, &r->err) < 0)
        r->host = NULL;
    /* the readiness facts too (a file per device): the interface shows
     * them with the whole host instead of reading them then */
    else
        r->facts_rc = prepread_facts(r->o.sysroot, r->host, &r->facts, &r->facts_err);
    do
        w = write(r->fds[1], "", 1);
    while (w < 0 && errno == EINTR);
    return NULL;
}

static void
rest_free(struct session_rest *r)
{
    if (r->fds[0] >= 0)
        close(r->fds[0]);
    if (r->fds[1] >= 0)
        close(r->fds[1]);
    model_host_free(r->host);
    free(r->err);
    prep_facts_free(r->facts);
    free(r->facts_err);
    free(r->ssh_connection);
    free(r->gate);
    free(r);
}

int
session_rest_start(struct session *s, bool want_conn, bool readonly)
{
    struct session_rest *r = calloc(1, sizeof(*r));
    const char *ssh = getenv("SSH_CONNECTION");
    const char *gate = getenv("VFIOTUI_TEST_REST_GATE");
    sigset_t all, old;
    int rc;

    if (!r)
        return -1;
    r->fds[0] = r->fds[1] = -1;
    r->o = s->o;
    r->want_conn = want_conn;
    r->readonly = readonly;
    if ((ssh && !(r->ssh_connection = strdup(ssh))) ||
        (gate && *gate && !(r->gate = strdup(gate))) ||
        pipe2(r->fds, O_CLOEXEC | O_NONBLOCK) < 0) {
        rest_free(r);
        return -1;
    }
    /* the signals stay the interface's: the thread starts with all of
     * them blocked */
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, &old);
    rc = pthread_create(&r->th, NULL, rest_run, r);
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    if (rc != 0) {
        rest_free(r);
        return -1;
    }
    s->rest = r;
    return 0;
}

void
session_rest_stop(struct session *s)
{
    if (!s->rest)
        return;
    pthread_join(s->rest->th, NULL);
    rest_free(s->rest);
    s->rest = NULL;
}

int
session_rest_fd(const struct session *s)
{
    return s->rest ? s->rest->fds[0] : -1;
}

int
session_rest_take(struct session *s, struct model_host **host, bool *want_conn, bool *readonly,
                  char **msg)
{
    struct session_rest *r = s->rest;

    if (!r)
        return 0;
    pthread_join(r->th, NULL);
    s->rest = NULL;
    *want_conn = r->want_conn;
    *readonly = r->readonly;
    if (!r->host) {
        errmsg_set(msg, _("the rest of the host could not be read (%s); nothing can be marked until F5 reads it again"),
                   r->err ? r->err : "?");
        rest_free(r);
        return -1;
    }
    *host = r->host;
    session_ready_drop(s);
    s->ready_host = r->host;
    s->ready_facts = r->facts;
    s->ready_err = r->facts_err;
    s->ready_rc = r->facts_rc;
    r->host = NULL;
    r->facts = NULL;
    r->facts_err = NULL;
    rest_free(r);
    return 1;
}

void
session_ready_drop(struct session *s)
{
    prep_facts_free(s->ready_facts);
    free(s->ready_err);
    s->ready_host = NULL;
    s->ready_facts = NULL;
    s->ready_err = NULL;
}

int
session_ready_cached(struct session *s, struct prep_facts **out, char **err)
{
    int rc = s->ready_rc;

    if (!s->ready_host || s->ready_host != s->host) {
        session_ready_drop(s);
        return -2;
    }
    if (rc < 0)
        errmsg_set(err, "%s", s->ready_err ? s->ready_err : "?");
    else {
        *out = s->ready_facts;
        s->ready_facts = NULL;
    }
    session_ready_drop(s);
    return rc;
}
