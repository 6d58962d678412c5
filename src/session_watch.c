/* session_watch.c - following the host and the guests: the host
 * watcher and libvirt's events wake the one loop, the model is read
 * again, and what differs becomes change records. */
#include <config.h>

#include "session.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "i18n.h"
#include "session_priv.h"
#include "snap.h"
#include "host/watch.h"
#include "io/errmsg.h"
#include "virt/conn.h"
#include "virt/events.h"

/* How long after the first event of a burst the host is read: a VF
 * appearing or a driver rebinding is a dozen sysfs changes within a
 * few milliseconds, and one read should see them all. */
#define SETTLE_MS 20
/* How often a lost connection is tried again. */
#define RETRY_MS 2000

struct session_watch {
    struct session *s;
    struct watch *hw;           /* the host watcher, or NULL */
    int hw_id;                  /* its handle in the loop */
    int settle;                 /* the settle timer */
    bool settle_armed;
    int retry;                  /* the reconnect timer */
    struct events_sub *sub;     /* libvirt's events, or NULL */
    bool host_dirty, doms_dirty;
    struct watch_delta delta;   /* what the host watcher saw since the last read */
    bool remote;                /* the host comes from node devices */
    enum session_conn_state conn_state;
    int replaced;               /* SESSION_WATCH_NEW_* since the last take */
    struct snap *snap;          /* the model as last reported */
    struct session_watch_change *q;
    size_t n, cap;
};

static const char *const kind_names[] = {
    [SESSION_WATCH_DEVICE_ADDED] = "device-added",
    [SESSION_WATCH_DEVICE_REMOVED] = "device-removed",
    [SESSION_WATCH_DRIVER_BOUND] = "driver-bound",
    [SESSION_WATCH_DRIVER_UNBOUND] = "driver-unbound",
    [SESSION_WATCH_DOMAIN_DEFINED] = "domain-defined",
    [SESSION_WATCH_DOMAIN_UNDEFINED] = "domain-undefined",
    [SESSION_WATCH_DOMAIN_STARTED] = "domain-started",
    [SESSION_WATCH_DOMAIN_STOPPED] = "domain-stopped",
    [SESSION_WATCH_DEVICE_ATTACHED] = "device-attached",
    [SESSION_WATCH_DEVICE_DETACHED] = "device-detached",
    [SESSION_WATCH_NODEDEV_ADDED] = "nodedev-added",
    [SESSION_WATCH_NODEDEV_REMOVED] = "nodedev-removed",
    [SESSION_WATCH_CONN_LOST] = "connection-lost",
    [SESSION_WATCH_CONN_RECONNECTED] = "connection-reconnected",
    [SESSION_WATCH_READ_FAILED] = "read-failed",
};

const char *
session_watch_kind_name(enum session_watch_kind k)
{
    if ((size_t)k >= sizeof(kind_names) / sizeof(kind_names[0]) || !kind_names[k])
        return "?";
    return kind_names[k];
}

/* The sentence for a record; NULL without memory. */
static char *
describe(enum session_watch_kind k, const char *subj, const char *detail)
{
    char *t = NULL;
    const char *d = detail ? detail : "?";
    int rc = -1;

    switch (k) {
    case SESSION_WATCH_DEVICE_ADDED:
        rc = asprintf(&t, _("%s appeared"), subj);
        break;
    case SESSION_WATCH_DEVICE_REMOVED:
        rc = asprintf(&t, _("%s is gone"), subj);
        break;
    case SESSION_WATCH_DRIVER_BOUND:
        rc = asprintf(&t, _("%s bound to %s"), subj, d);
        break;
    case SESSION_WATCH_DRIVER_UNBOUND:
        rc = asprintf(&t, _("%s unbound from %s"), subj, d);
        break;
    case SESSION_WATCH_DOMAIN_DEFINED:
        rc = asprintf(&t, _("%s defined"), subj);
        break;
    case SESSION_WATCH_DOMAIN_UNDEFINED:
        rc = asprintf(&t, _("%s undefined"), subj);
        break;
    case SESSION_WATCH_DOMAIN_STARTED:
        rc = detail ? asprintf(&t, _("%s started: holds %s"), subj, detail)
                    : asprintf(&t, _("%s started"), subj);
        break;
    case SESSION_WATCH_DOMAIN_STOPPED:
        rc = asprintf(&t, _("%s stopped"), subj);
        break;
    case SESSION_WATCH_DEVICE_ATTACHED:
        rc = asprintf(&t, _("%s attached to %s"), d, subj);
        break;
    case SESSION_WATCH_DEVICE_DETACHED:
        rc = asprintf(&t, _("%s detached from %s"), d, subj);
        break;
    case SESSION_WATCH_NODEDEV_ADDED:
        rc = asprintf(&t, _("node device %s appeared"), subj);
        break;
    case SESSION_WATCH_NODEDEV_REMOVED:
        rc = asprintf(&t, _("node device %s is gone"), subj);
        break;
    case SESSION_WATCH_CONN_LOST:
        rc = asprintf(&t, _("connection to %s lost: %s"), subj, d);
        break;
    case SESSION_WATCH_CONN_RECONNECTED:
        rc = asprintf(&t, _("reconnected to %s"), subj);
        break;
    case SESSION_WATCH_READ_FAILED:
        rc = asprintf(&t, _("the host could not be read again (%s); the previous view is kept"), d);
        break;
    }
    return rc < 0 ? NULL : t;
}

static long long
now_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_REALTIME, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Queues one record; a record that cannot be made is dropped. */
static void
push(struct session_watch *w, enum session_watch_kind k, const char *subj, const char *detail)
{
    struct session_watch_change *c;

    if (w->n == w->cap) {
        size_t cap = w->cap ? w->cap * 2 : 16;
        struct session_watch_change *nq = realloc(w->q, cap * sizeof(*nq));

        if (!nq)
            return;
        w->q = nq;
        w->cap = cap;
    }
    c = &w->q[w->n];
    c->kind = k;
    c->when_ms = now_ms();
    c->subject = strdup(subj ? subj : "");
    c->detail = detail ? strdup(detail) : NULL;
    c->text = describe(k, c->subject ? c->subject : "", detail);
    if (!c->subject || !c->text || (detail && !c->detail)) {
        free(c->subject);
        free(c->detail);
        free(c->text);
        return;
    }
    w->n++;
}

static enum session_watch_kind
kind_of(const struct session_watch *w, enum snap_kind k)
{
    switch (k) {
    case SNAP_DEV_ADDED:
        return w->remote ? SESSION_WATCH_NODEDEV_ADDED : SESSION_WATCH_DEVICE_ADDED;
    case SNAP_DEV_REMOVED:
        return w->remote ? SESSION_WATCH_NODEDEV_REMOVED : SESSION_WATCH_DEVICE_REMOVED;
    case SNAP_DRIVER_BOUND:
        return SESSION_WATCH_DRIVER_BOUND;
    case SNAP_DRIVER_UNBOUND:
        return SESSION_WATCH_DRIVER_UNBOUND;
    case SNAP_DOM_DEFINED:
        return SESSION_WATCH_DOMAIN_DEFINED;
    case SNAP_DOM_UNDEFINED:
        return SESSION_WATCH_DOMAIN_UNDEFINED;
    case SNAP_DOM_STARTED:
        return SESSION_WATCH_DOMAIN_STARTED;
    case SNAP_DOM_STOPPED:
        return SESSION_WATCH_DOMAIN_STOPPED;
    case SNAP_DOM_ATTACHED:
        return SESSION_WATCH_DEVICE_ATTACHED;
    case SNAP_DOM_DETACHED:
    default:
        return SESSION_WATCH_DEVICE_DETACHED;
    }
}

/* Compares the model with the last copy and queues the differences.
 * Without a live connection the domains are not known anew: the old
 * ones are carried over rather than reported undefined. */
static void
compare(struct session_watch *w)
{
    struct snap *now = snap_take(w->s->host);
    struct snap_change *c = NULL;
    size_t n = 0, i;

    if (!now)
        return;
    if (session_conn_state(w->s) != SESSION_CONN_UP && w->snap) {
        struct snap_dom *d = now->doms;
        size_t nd = now->n_doms;

        now->doms = w->snap->doms;
        now->n_doms = w->snap->n_doms;
        w->snap->doms = d;
        w->snap->n_doms = nd;
    }
    if (w->snap && snap_diff(w->snap, now, &c, &n) == 0) {
        for (i = 0; i < n; i++)
            push(w, kind_of(w, c[i].kind), c[i].subject, c[i].detail);
        snap_changes_free(c, n);
    }
    snap_free(w->snap);
    w->snap = now;
}

static void subscribe(struct session_watch *w);

/* Only drivers changed: each such device's driver is read again and
 * set in the model in place.  Returns 0, or -1 when one cannot be
 * read or is no device of the model (then the whole host is read). */
static int
reread_drivers(struct session_watch *w)
{
    struct model_host *h = w->s->host;
    const char *root = w->s->o.sysroot ? w->s->o.sysroot : "/";
    size_t i;

    for (i = 0; i < w->delta.n_drivers; i++) {
        struct bdf a;
        int k;
        char *drv;

        if (bdf_parse(w->delta.drivers[i], &a) < 0 || (k = model_find(h, &a)) < 0 ||
            watch_driver(root, w->delta.drivers[i], &drv) < 0)
            return -1;
        free(h->devs[k].driver);
        h->devs[k].driver = drv;
        h->devs[k].unknown &= ~(unsigned int)MODEL_UNK_DRIVER;
    }
    return 0;
}

/* The settle delay is over: read what is dirty, compare, report. */
static void
on_settled(void *opaque)
{
    struct session_watch *w = opaque;
    char *msg = NULL;

    events_update_timer(w->settle, -1);
    w->settle_armed = false;
    if (!w->host_dirty && w->delta.n_drivers && reread_drivers(w) == 0)
        w->replaced |= SESSION_WATCH_DEVICES_CHANGED;
    else if (w->delta.n_drivers)
        w->host_dirty = true;
    watch_delta_clear(&w->delta);
    if (w->host_dirty) {
        struct model_host *old = NULL;
        int rc = session_rescan_keep(w->s, &old, &msg);

        if (rc < 0) {
            push(w, SESSION_WATCH_READ_FAILED, "", msg);
        } else {
            w->replaced |= SESSION_WATCH_NEW_HOST | SESSION_WATCH_NEW_DOMAINS;
            model_host_free(old);
        }
    } else if (w->doms_dirty) {
        if (session_reload_domains(w->s, &msg) == 0)
            w->replaced |= SESSION_WATCH_NEW_DOMAINS;
    }
    free(msg);
    w->host_dirty = w->doms_dirty = false;
    compare(w);
}

static void
arm(struct session_watch *w)
{
    if (!w->settle_armed) {
        events_update_timer(w->settle, SETTLE_MS);
        w->settle_armed = true;
    }
}

static void
on_host(int fd, bool hangup, void *opaque)
{
    struct session_watch *w = opaque;
    char *err = NULL;
    int n;

    (void)fd;
    (void)hangup;
    if ((n = watch_read(w->hw, &w->delta, &err)) < 0) {
        /* a broken watcher would wake the loop for ever */
        push(w, SESSION_WATCH_READ_FAILED, "", err);
        events_remove_fd(w->hw_id);
        w->hw_id = -1;
    } else if (n > 0) {
        if (w->delta.full)
            w->host_dirty = true;
        arm(w);
    }
    free(err);
}

static void
on_libvirt(enum events_kind kind, const char *name, void *opaque)
{
    struct session_watch *w = opaque;

    (void)name;
    if (kind == EVENTS_NODEDEV)
        w->host_dirty = true;
    else
        w->doms_dirty = true;
    arm(w);
}

static void
subscribe(struct session_watch *w)
{
    char *err = NULL;

    events_unsubscribe(w->sub);
    w->sub = NULL;
    if (w->s->conn && conn_alive(w->s->conn) &&
        !(w->sub = events_subscribe(w->s->conn, w->remote, on_libvirt, w, &err)))
        push(w, SESSION_WATCH_READ_FAILED, "", err);
    free(err);
}

/* A lost connection is tried again every RETRY_MS; once it is back,
 * the domains (or, remotely, the whole host) are read again. */
static void
on_retry(void *opaque)
{
    struct session_watch *w = opaque;
    char *err = NULL;

    if (session_reconnect(w->s, &err) == 0) {
        events_update_timer(w->retry, -1);
        push(w, SESSION_WATCH_CONN_RECONNECTED, session_conn_uri(w->s), NULL);
        w->conn_state = SESSION_CONN_UP;
        subscribe(w);
        if (w->remote)
            w->host_dirty = true;
        else
            w->doms_dirty = true;
        on_settled(w);
    }
    free(err);
}

struct session_watch *
session_watch_start(struct session *s, char **err)
{
    struct session_watch *w = calloc(1, sizeof(*w));

    if (!w) {
        errmsg_set(err, "%s", _("out of memory"));
        return NULL;
    }
    w->s = s;
    w->hw_id = w->settle = w->retry = -1;
    w->remote = session_from_libvirt(s);
    w->conn_state = session_conn_state(s);
    if (!(w->snap = snap_take(s->host))) {
        errmsg_set(err, "%s", _("out of memory"));
        goto error;
    }
    if ((w->settle = events_add_timer(-1, on_settled, w)) < 0 ||
        (w->retry = events_add_timer(-1, on_retry, w)) < 0) {
        errmsg_set(err, "%s", _("libvirt's event loop is not available"));
        goto error;
    }
    /* the demo's tree is gone once read; a remote host has node-device
     * events instead */
    if (!w->remote && !s->o.demo) {
        if (!(w->hw = watch_open(s->o.sysroot ? s->o.sysroot : "/", err)))
            goto error;
        if ((w->hw_id = events_add_fd(watch_fd(w->hw), on_host, w)) < 0) {
            errmsg_set(err, "%s", _("libvirt's event loop is not available"));
            goto error;
        }
    }
    if (s->conn) {
        char *serr = NULL;

        if (conn_alive(s->conn) &&
            !(w->sub = events_subscribe(s->conn, w->remote, on_libvirt, w, &serr))) {
            errmsg_set(err, "%s", serr ? serr : "?");
            free(serr);
            goto error;
        }
    }
    return w;

 error:
    session_watch_free(w);
    return NULL;
}

void
session_watch_free(struct session_watch *w)
{
    if (!w)
        return;
    events_unsubscribe(w->sub);
    events_remove_fd(w->hw_id);
    events_remove_timer(w->settle);
    events_remove_timer(w->retry);
    watch_close(w->hw);
    snap_free(w->snap);
    watch_delta_clear(&w->delta);
    session_watch_changes_free(w->q, w->n);
    free(w);
}

/* The close callback only records that the connection is gone: the
 * change of state is noticed here, after the round that ran it. */
static void
follow_conn(struct session_watch *w)
{
    enum session_conn_state st = session_conn_state(w->s);
    const char *uri = session_conn_uri(w->s);

    if (st == w->conn_state)
        return;
    if (st == SESSION_CONN_LOST) {
        push(w, SESSION_WATCH_CONN_LOST, uri, session_conn_error(w->s));
        events_unsubscribe(w->sub);
        w->sub = NULL;
        events_update_timer(w->retry, RETRY_MS);
    } else if (st == SESSION_CONN_UP && w->conn_state == SESSION_CONN_LOST) {
        push(w, SESSION_WATCH_CONN_RECONNECTED, uri, NULL);
    }
    w->conn_state = st;
}

int
session_watch_take(struct session_watch *w, struct session_watch_change **out, size_t *n)
{
    int replaced = w->replaced;

    follow_conn(w);
    *out = w->q;
    *n = w->n;
    w->q = NULL;
    w->n = w->cap = 0;
    w->replaced = 0;
    return replaced;
}

void
session_watch_changes_free(struct session_watch_change *c, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++) {
        free(c[i].subject);
        free(c[i].detail);
        free(c[i].text);
    }
    free(c);
}
