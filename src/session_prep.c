/* session_prep.c - the session's operations that prepare the host:
 * readiness facts, binding devices to vfio-pci now, and vfiotui's own
 * files under the sysroot. */
#include <config.h>

#include "session.h"
#include "session_priv.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "i18n.h"
#include "prep.h"
#include "host/pcibind.h"
#include "host/prepread.h"
#include "io/atomicfile.h"
#include "io/errmsg.h"
#include "virt/nodebind.h"

int
session_ready(struct session *s, struct prep_facts **out, char **err)
{
    struct prep_facts *f;
    struct conn *c;

    int rc = session_ready_cached(s, out, err);

    if (rc != -2)
        return rc;
    if (!session_remote(s))
        return prepread_facts(session_sysroot(s), session_host(s), out, err);
    if (!(f = prep_facts_new())) {
        errmsg_set(err, "%s", strerror(ENOMEM));
        return -1;
    }
    f->remote = true;
    if ((c = session_conn(s))) {
        int caps = nodebind_caps_iommu(c);

        f->caps_iommu = caps == 1 ? MODEL_TRI_YES : caps == 0 ? MODEL_TRI_NO : MODEL_TRI_UNKNOWN;
    }
    *out = f;
    return 0;
}

/* ---- files under the sysroot ------------------------------------------ */

static int
path_of(struct session *s, const char *rel, char *buf, size_t size)
{
    const char *root = session_sysroot(s);

    if (snprintf(buf, size, "%s/%s", root && strcmp(root, "/") != 0 ? root : "", rel) >= (int)size)
        return -1;
    return 0;
}

char *
session_read_file(struct session *s, const char *rel, int *errnum)
{
    char *text = prepread_file(session_sysroot(s), rel, errnum);

    if (!text && *errnum == ENOENT)
        *errnum = 0;
    return text;
}

static int
mkdirs(char *path)
{
    char *p;

    for (p = path + 1; (p = strchr(p, '/')); p++) {
        *p = '\0';
        if (mkdir(path, 0755) < 0 && errno != EEXIST) {
            *p = '/';
            return -1;
        }
        *p = '/';
    }
    return 0;
}

int
session_write_file(struct session *s, const char *rel, const char *text, char **err)
{
    char path[PATH_MAX], bak[PATH_MAX + 1];
    struct atomicfile *f;
    int ret;

    if (path_of(s, rel, path, sizeof(path)) < 0) {
        errmsg_set(err, _("%s: the path is too long"), rel);
        return -1;
    }
    if (!text) {
        snprintf(bak, sizeof(bak), "%s~", path);
        if (rename(path, bak) < 0 && errno != ENOENT) {
            errmsg_set(err, _("cannot remove %s: %s"), path, strerror(errno));
            return -1;
        }
        return 0;
    }
    if (access(path, F_OK) < 0 && errno == ENOENT) {
        if (mkdirs(path) < 0) {
            errmsg_set(err, _("cannot make the directories of %s: %s"), path, strerror(errno));
            return -1;
        }
        return atomicfile_create(path, text, 0644, err);
    }
    if (!(f = atomicfile_read(path, err)))
        return -1;
    ret = atomicfile_replace(f, text, err);
    atomicfile_free(f);
    return ret;
}

/* ---- bind and unbind ---------------------------------------------------- */

struct state {
    char (*addr)[BDF_STRLEN];
    char **driver;              /* "-" for none */
    size_t n;
};

static void
state_clear(struct state *st)
{
    size_t i;

    for (i = 0; i < st->n; i++)
        free(st->driver[i]);
    free(st->addr);
    free(st->driver);
    memset(st, 0, sizeof(*st));
}

static int
state_find(const struct state *st, const char *addr)
{
    size_t i;

    for (i = 0; i < st->n; i++)
        if (strcmp(st->addr[i], addr) == 0)
            return (int)i;
    return -1;
}

static int
state_set(struct state *st, const char *addr, const char *driver)
{
    char (*na)[BDF_STRLEN];
    char **nd;

    if (!(na = realloc(st->addr, (st->n + 1) * sizeof(*na))))
        return -1;
    st->addr = na;
    if (!(nd = realloc(st->driver, (st->n + 1) * sizeof(*nd))))
        return -1;
    st->driver = nd;
    snprintf(st->addr[st->n], BDF_STRLEN, "%s", addr);
    if (!(st->driver[st->n] = strdup(driver ? driver : "-")))
        return -1;
    st->n++;
    return 0;
}

static void
state_drop(struct state *st, int i)
{
    free(st->driver[i]);
    memmove(&st->addr[i], &st->addr[i + 1], (st->n - i - 1) * sizeof(*st->addr));
    memmove(&st->driver[i], &st->driver[i + 1], (st->n - i - 1) * sizeof(*st->driver));
    st->n--;
}

static int
state_load(struct session *s, struct state *st, char **err)
{
    int e = 0;
    char *text = session_read_file(s, SESSION_BIND_STATE, &e), *p;

    memset(st, 0, sizeof(*st));
    if (!text) {
        if (e)
            errmsg_set(err, _("cannot read %s: %s"), SESSION_BIND_STATE, strerror(e));
        return e ? -1 : 0;
    }
    for (p = strtok(text, "\n"); p; p = strtok(NULL, "\n")) {
        char addr[64], drv[128];
        struct bdf a;

        if (sscanf(p, "%63s %127s", addr, drv) != 2 || bdf_parse(addr, &a) < 0)
            continue;
        if (state_set(st, addr, drv) < 0) {
            free(text);
            state_clear(st);
            errmsg_set(err, "%s", strerror(ENOMEM));
            return -1;
        }
    }
    free(text);
    return 0;
}

static int
state_save(struct session *s, const struct state *st, char **err)
{
    char *text = NULL, *n;
    size_t i;
    int ret;

    if (!(text = strdup("")))
        return -1;
    for (i = 0; i < st->n; i++) {
        if (asprintf(&n, "%s%s %s\n", text, st->addr[i], st->driver[i]) < 0) {
            free(text);
            errmsg_set(err, "%s", strerror(ENOMEM));
            return -1;
        }
        free(text);
        text = n;
    }
    ret = session_write_file(s, SESSION_BIND_STATE, text, err);
    free(text);
    return ret;
}

struct tracer {
    session_trace_fn fn;
    void *ctx;
};

static void
trace_write(void *opaque, const char *path, const char *value)
{
    struct tracer *t = opaque;
    char *line = NULL;

    if (!t->fn)
        return;
    if (asprintf(&line, _("write \"%s\" to %s"), value, path) >= 0)
        t->fn(t->ctx, line);
    free(line);
}

static void trace_line(struct tracer *t, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
trace_line(struct tracer *t, const char *fmt, ...)
{
    va_list ap;
    char *line = NULL;
    int rc;

    if (!t->fn)
        return;
    va_start(ap, fmt);
    rc = vasprintf(&line, fmt, ap);
    va_end(ap);
    if (rc >= 0)
        t->fn(t->ctx, line);
    free(line);
}

void
session_bind_results_free(struct session_bind_result *r, size_t n)
{
    size_t i;

    if (!r)
        return;
    for (i = 0; i < n; i++) {
        free(r[i].before);
        free(r[i].after);
        free(r[i].msg);
    }
    free(r);
}

/* One device through libvirt. */
static void
bind_remote(struct session *s, struct session_bind_result *r, bool unbind, bool dry_run,
            struct tracer *t)
{
    struct conn *c = session_conn(s);
    char name[64], *err = NULL;

    nodebind_name(r->addr, name, sizeof(name));
    if (unbind)
        trace_line(t, _("call virNodeDeviceReAttach on %s"), name);
    else
        trace_line(t, _("call virNodeDeviceDetachFlags on %s with driver vfio"), name);
    if (dry_run) {
        r->after = r->before ? strdup(r->before) : NULL;
        return;
    }
    if (nodebind_detach(c, r->addr, unbind, &err) < 0 ||
        nodebind_driver(c, r->addr, &r->after, &err) < 0) {
        r->status = -1;
        r->msg = err;
        return;
    }
    if (!unbind && (!r->after || strcmp(r->after, "vfio-pci") != 0)) {
        r->status = -1;
        errmsg_set(&r->msg, _("libvirt reports %s on %s after the detach, not vfio-pci"),
                   r->addr, r->after ? r->after : _("no driver"));
    }
}

/* A bind that did not take (vfio-pci's probe refused the device, as it
 * does one without an IOMMU group): the override cleared and the
 * device probed again, so its driver takes it back, and the record
 * dropped; r->msg says what happened. */
static void
bind_rollback(struct session *s, struct session_bind_result *r, struct state *st,
              struct tracer *t)
{
    const char *root = session_sysroot(s);
    char *err = NULL, *now = NULL;
    int k = state_find(st, r->addr);

    trace_line(t, _("%s did not go to vfio-pci: giving it back"), r->addr);
    if (pcibind_set(root, r->addr, NULL, r->before != NULL, false, trace_write, t, &err) < 0 ||
        pcibind_driver(root, r->addr, &now) < 0) {
        errmsg_set(&r->msg, _("%s is on %s after the bind, not vfio-pci, and giving it back failed: %s"),
                   r->addr, r->after ? r->after : _("no driver"), err ? err : strerror(errno));
        free(err);
        return;
    }
    if (k >= 0) {
        state_drop(st, k);
        if (state_save(s, st, &err) < 0)
            free(err);
    }
    errmsg_set(&r->msg, _("%s is on %s after the bind, not vfio-pci (the kernel log says why); it is back on %s"),
               r->addr, r->after ? r->after : _("no driver"), now ? now : _("no driver"));
    free(r->after);
    r->after = now;
}

static void bind_local_one(struct session *s, struct session_bind_result *r, bool unbind,
                           bool dry_run, struct state *st, struct tracer *t, int k,
                           const char *orig);

/* One device on the local host; @st records the original drivers. */
static void
bind_local(struct session *s, struct session_bind_result *r, bool unbind, bool dry_run,
           struct state *st, struct tracer *t)
{
    int k = state_find(st, r->addr);
    /* a copy: the record goes before the result is checked against it */
    char *orig = k >= 0 ? strdup(st->driver[k]) : NULL;

    bind_local_one(s, r, unbind, dry_run, st, t, k, orig);
    free(orig);
}

static void
bind_local_one(struct session *s, struct session_bind_result *r, bool unbind, bool dry_run,
               struct state *st, struct tracer *t, int k, const char *orig)
{
    const char *root = session_sysroot(s);
    char *err = NULL;

    if (!unbind) {
        if (r->before && strcmp(r->before, "vfio-pci") == 0) {
            r->after = strdup(r->before);
            errmsg_set(&r->msg, _("%s is on vfio-pci already"), r->addr);
            return;
        }
        if (!pcibind_driver_loaded(root, "vfio-pci")) {
            if (dry_run) {
                trace_line(t, "%s", _("(vfio-pci is not loaded: 'modprobe vfio-pci' must come first)"));
            } else {
                r->status = -1;
                errmsg_set(&r->msg, "%s", _("the vfio-pci driver is not loaded: run 'modprobe vfio-pci' first"));
                return;
            }
        }
        if (k < 0) {
            trace_line(t, _("record \"%s %s\" in /%s"), r->addr, r->before ? r->before : "-",
                       SESSION_BIND_STATE);
            if (!dry_run && (state_set(st, r->addr, r->before) < 0 || state_save(s, st, &err) < 0)) {
                r->status = -1;
                r->msg = err ? err : strdup(strerror(ENOMEM));
                return;
            }
        }
        if (pcibind_set(root, r->addr, "vfio-pci", true, dry_run, trace_write, t, &err) < 0) {
            r->status = -1;
            r->msg = err;
            return;
        }
    } else {
        bool probe = !orig || strcmp(orig, "-") != 0;

        if (!r->before || strcmp(r->before, "vfio-pci") != 0) {
            r->after = r->before ? strdup(r->before) : NULL;
            errmsg_set(&r->msg, _("%s is not on vfio-pci; it is left as it is"), r->addr);
            return;
        }
        if (pcibind_set(root, r->addr, NULL, probe, dry_run, trace_write, t, &err) < 0) {
            r->status = -1;
            r->msg = err;
            return;
        }
        if (k >= 0) {
            trace_line(t, _("forget %s in /%s"), r->addr, SESSION_BIND_STATE);
            if (!dry_run) {
                state_drop(st, k);
                if (state_save(s, st, &err) < 0) {
                    r->status = -1;
                    r->msg = err;
                    return;
                }
            }
        }
    }
    if (dry_run) {
        r->after = r->before ? strdup(r->before) : NULL;
        return;
    }
    /* verify: the driver link as the kernel left it */
    if (pcibind_driver(root, r->addr, &r->after) < 0) {
        r->status = -1;
        errmsg_set(&r->msg, _("cannot read the driver of %s again: %s"), r->addr, strerror(errno));
    } else if (!unbind && (!r->after || strcmp(r->after, "vfio-pci") != 0)) {
        r->status = -1;
        bind_rollback(s, r, st, t);
    } else if (unbind && orig && strcmp(orig, "-") != 0 &&
               (!r->after || strcmp(r->after, orig) != 0)) {
        r->status = -1;
        errmsg_set(&r->msg, _("%s is on %s after the unbind, not on %s as before the bind"), r->addr,
                   r->after ? r->after : _("no driver"), orig);
    }
}

int
session_bind(struct session *s, const struct bdf *addrs, size_t n, unsigned flags,
             session_trace_fn trace, void *ctx, struct session_bind_result **res, char **err)
{
    const struct model_host *h = session_host(s);
    bool unbind = flags & SESSION_BIND_UNBIND, dry = flags & SESSION_BIND_DRY_RUN;
    bool remote = session_remote(s);
    struct session_bind_result *r;
    struct state st = { 0 };
    struct tracer t = { trace, ctx };
    int ret = 0;
    size_t i;

    *res = NULL;
    if (session_is_demo(s)) {
        errmsg_set(err, "%s", _("the demo host has no devices to bind"));
        return -1;
    }
    if (remote && !session_conn(s)) {
        errmsg_set(err, "%s", _("there is no libvirt connection to the host"));
        return -1;
    }
    if (!remote && state_load(s, &st, err) < 0)
        return -1;
    if (!(r = calloc(n ? n : 1, sizeof(*r)))) {
        state_clear(&st);
        errmsg_set(err, "%s", strerror(ENOMEM));
        return -1;
    }
    for (i = 0; i < n; i++) {
        int k = model_find(h, &addrs[i]);
        char *why;

        bdf_format(&addrs[i], r[i].addr);
        if (k < 0) {
            r[i].status = 1;
            errmsg_set(&r[i].msg, _("%s is not a PCI device on this host"), r[i].addr);
            ret = 1;
            continue;
        }
        r[i].before = h->devs[k].driver ? strdup(h->devs[k].driver) : NULL;
        if (!unbind && (why = prep_critical(h, (size_t)k))) {
            if (model_dev_is_bridge(&h->devs[k]) || !(flags & SESSION_BIND_FORCE)) {
                r[i].status = 1;
                errmsg_set(&r[i].msg, _("%s stays with the host: %s"), r[i].addr, why);
                free(why);
                ret = 1;
                continue;
            }
            free(why);
        }
        if (remote)
            bind_remote(s, &r[i], unbind, dry, &t);
        else
            bind_local(s, &r[i], unbind, dry, &st, &t);
        if (r[i].status)
            ret = 1;
    }
    state_clear(&st);
    *res = r;
    return ret;
}
