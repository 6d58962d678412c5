/* session_mdev.c - the mdev and SR-IOV actions: create and remove a
 * mediated device (libvirt's node-device define and create where the
 * connection has it, else sysfs), set a PF's number of VFs. */
#include <config.h>

#include "session.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "host/mdevsys.h"
#include "io/errmsg.h"
#include "virt/domfile.h"
#include "virt/hostdev.h"
#include "virt/nodemdev.h"

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

/* Whether the mdevs go through libvirt: a remote host's do. */
static bool
use_libvirt(struct session *s)
{
    return session_remote(s) && session_conn(s);
}

static void trace_line(session_trace_fn trace, void *ctx, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
trace_line(session_trace_fn trace, void *ctx, const char *fmt, ...)
{
    char *line = NULL;
    va_list ap;

    if (!trace)
        return;
    va_start(ap, fmt);
    if (vasprintf(&line, fmt, ap) >= 0)
        trace(ctx, line);
    else
        line = NULL;
    va_end(ap);
    free(line);
}

static int
parent_of(struct session *s, const char *addr, size_t *out, char **err)
{
    const struct model_host *h = session_host(s);
    struct bdf a;
    bool all;
    int k;

    if (bdf_parse_user(addr, &a, &all) < 0 || all) {
        errmsg_set(err, _("'%s' is not a PCI address"), addr);
        return -1;
    }
    if ((k = model_find(h, &a)) < 0) {
        errmsg_set(err, _("%s is not a PCI device on this host"), addr);
        return -1;
    }
    *out = (size_t)k;
    return 0;
}

/* Why type @t of @parent has no instance left, for people. */
static char *
why_full(const struct model_host *h, size_t parent, const struct model_mdev_type *t)
{
    size_t k, same = 0, other = 0;
    char *s = NULL;

    for (k = 0; k < h->n_mdevs; k++) {
        const struct model_mdev *m = &h->mdevs[k];

        if (m->parent != parent || !m->active)
            continue;
        if (m->type && strcmp(m->type, t->id) == 0)
            same++;
        else
            other++;
    }
    if (other)
        errmsg_set(&s, ngettext("%s: type %s has no instances left: %zu mdev of another type uses the parent's capacity (see mdev-no-capacity in vfiotui codes)",
                                "%s: type %s has no instances left: %zu mdevs of other types use the parent's capacity (see mdev-no-capacity in vfiotui codes)",
                                other),
                   h->devs[parent].addr_str, t->id, other);
    else if (!same && strncmp(t->id, "i915-GVTg", 9) == 0)
        errmsg_set(&s, _("%s: GVT-g type %s has no instances although no vGPU exists: the aperture memory is too small (see mdev-gvtg-aperture in vfiotui codes)"),
                   h->devs[parent].addr_str, t->id);
    else
        errmsg_set(&s, _("%s: type %s has no instances left"), h->devs[parent].addr_str, t->id);
    return s;
}

int
session_mdev_create(struct session *s, const char *parent, const char *type, const char *uuid,
                    bool dry_run, session_trace_fn trace, void *ctx, char uuid_out[37],
                    char **err)
{
    const struct model_host *h = session_host(s);
    const struct model_mdev_type *t;
    struct tracer tr = { trace, ctx };
    size_t p;
    int i;

    if (session_is_demo(s)) {
        errmsg_set(err, "%s", _("the demo host cannot create mdevs"));
        return -1;
    }
    if (parent_of(s, parent, &p, err) < 0)
        return -1;
    if (!(t = model_find_mdev_type(h, p, type))) {
        errmsg_set(err, _("%s offers no mdev type %s (vfiotui list shows the types)"),
                   h->devs[p].addr_str, type);
        return -1;
    }
    if (uuid) {
        if (!model_is_uuid(uuid)) {
            errmsg_set(err, _("'%s' is not a UUID"), uuid);
            return -1;
        }
        if (model_find_mdev(h, uuid) >= 0) {
            errmsg_set(err, _("mdev %s exists already"), uuid);
            return -1;
        }
        for (i = 0; i < 36; i++)
            uuid_out[i] = (char)(uuid[i] >= 'A' && uuid[i] <= 'F' ? uuid[i] - 'A' + 'a' : uuid[i]);
        uuid_out[36] = '\0';
    } else if (mdevsys_new_uuid(uuid_out) < 0) {
        errmsg_set(err, _("cannot make a UUID: %s"), strerror(errno));
        return -1;
    }
    if (t->available == 0) {
        char *why = why_full(h, p, t);

        errmsg_set(err, "%s", why ? why : "?");
        free(why);
        return 1;
    }
    /* Through libvirt where the connection can define node devices (a
     * persistent mdev): a remote host's always, a local host's when its
     * connection is open, falling back to sysfs when it cannot. */
    if (session_conn(s)) {
        char *xml = nodemdev_xml(h->devs[p].addr_str, type, uuid_out);
        bool local = !use_libvirt(s);
        int rc;

        trace_line(trace, ctx, _("virNodeDeviceDefineXML, then virNodeDeviceCreate:\n%s"), xml ? xml : "?");
        free(xml);
        if (dry_run && !local)
            return 0;
        if (dry_run) {
            trace_line(trace, ctx, "%s", _("or, if the connection cannot define node devices, through sysfs:"));
        } else {
            rc = nodemdev_create(session_conn(s), h->devs[p].addr_str, type, uuid_out, err);
            if (rc != NODEMDEV_UNSUPPORTED || !local) {
                if (rc == 0)
                    trace_line(trace, ctx, "%s", _("created through libvirt: a persistent node device"));
                return rc == 0 ? 0 : -1;
            }
            trace_line(trace, ctx, _("the connection cannot define node devices (%s): through sysfs instead"),
                       *err);
            free(*err);
            *err = NULL;
        }
    }
    return mdevsys_create(session_sysroot(s), h->devs[p].addr_str, type, uuid_out, dry_run,
                          trace_write, &tr, err);
}

int
session_mdev_remove(struct session *s, const char *uuid, bool dry_run,
                    session_trace_fn trace, void *ctx, char **err)
{
    const struct model_host *h = session_host(s);
    const struct model_mdev *m;
    struct tracer tr = { trace, ctx };
    size_t i;
    int k;

    if (!model_is_uuid(uuid)) {
        errmsg_set(err, _("'%s' is not a UUID"), uuid);
        return -1;
    }
    if ((k = model_find_mdev(h, uuid)) < 0) {
        errmsg_set(err, _("there is no mdev %s on this host"), uuid);
        return -1;
    }
    m = &h->mdevs[k];
    for (i = 0; i < m->n_uses; i++) {
        const struct model_domain *dom = &h->domains[m->uses[i].domain];

        if (dom->state == MODEL_DOM_RUNNING || dom->state == MODEL_DOM_PAUSED) {
            errmsg_set(err, _("mdev %s is in use by the running domain %s: shut it down or detach the mdev first"),
                       m->uuid, dom->name);
            return 1;
        }
    }
    /* Through libvirt where the connection has the node device: a
     * remote host's always, a local host's when its connection is
     * open, falling back to sysfs when it cannot. */
    if (session_conn(s)) {
        bool local = !use_libvirt(s);
        int rc;

        trace_line(trace, ctx, _("virNodeDeviceDestroy and virNodeDeviceUndefine on mdev %s"), m->uuid);
        if (dry_run && !local)
            return 0;
        /* one only defined (mdevctl) has no sysfs way: libvirt's or none */
        if (dry_run && !m->active)
            return 0;
        if (dry_run) {
            trace_line(trace, ctx, "%s", _("or, if the connection cannot remove this node device, through sysfs:"));
        } else {
            rc = nodemdev_remove(session_conn(s), h->devs[m->parent].addr_str, m->uuid, err);
            if (rc != NODEMDEV_UNSUPPORTED || !local) {
                if (rc == 0)
                    trace_line(trace, ctx, "%s", _("removed through libvirt: node device stopped and undefined"));
                return rc == 0 ? 0 : -1;
            }
            trace_line(trace, ctx, _("the connection cannot remove this node device (%s): through sysfs instead"),
                       *err);
            free(*err);
            *err = NULL;
        }
    }
    if (!m->active) {
        errmsg_set(err, _("mdev %s is only defined (mdevctl), not started: remove its definition with mdevctl undefine -u %s"),
                   m->uuid, m->uuid);
        return 1;
    }
    return mdevsys_remove(session_sysroot(s), h->devs[m->parent].addr_str, m->uuid, dry_run,
                          trace_write, &tr, err);
}

int
session_sriov_set(struct session *s, const char *pf, int n, bool dry_run,
                  session_trace_fn trace, void *ctx, char **err)
{
    const struct model_host *h = session_host(s);
    const struct model_dev *d;
    struct tracer tr = { trace, ctx };
    char *users = NULL;
    size_t p, i, k;

    if (parent_of(s, pf, &p, err) < 0)
        return -1;
    d = &h->devs[p];
    if (d->sriov_totalvfs == MODEL_NONE || d->physfn != MODEL_NONE) {
        errmsg_set(err, _("%s is not an SR-IOV physical function"), d->addr_str);
        return -1;
    }
    if (n < 0 || n > d->sriov_totalvfs) {
        errmsg_set(err, _("%s has at most %d virtual functions (sriov_totalvfs), not %d"),
                   d->addr_str, d->sriov_totalvfs, n);
        return -1;
    }
    if (session_remote(s)) {
        errmsg_set(err, "%s", _("libvirt cannot set sriov_numvfs: run vfiotui sriov on the host itself"));
        return -1;
    }
    /* the VFs vanish (and come back new) when the count changes */
    for (i = 0; i < d->n_virtfns; i++) {
        const struct model_dev *vf = &h->devs[d->virtfns[i]];

        for (k = 0; k < vf->n_uses; k++) {
            char *nu = NULL;

            if (asprintf(&nu, "%s%s%s (%s)", users ? users : "", users ? ", " : "",
                         vf->addr_str, h->domains[vf->uses[k].domain].name) < 0) {
                free(users);
                errmsg_set(err, "%s", strerror(ENOMEM));
                return -1;
            }
            free(users);
            users = nu;
        }
    }
    if (users) {
        errmsg_set(err, _("refusing: virtual functions of %s are in use by domains: %s; detach them first"),
                   d->addr_str, users);
        free(users);
        return 1;
    }
    return mdevsys_set_numvfs(session_sysroot(s), d->addr_str,
                              d->sriov_numvfs == MODEL_NONE ? (int)d->n_virtfns : d->sriov_numvfs,
                              n, dry_run, trace_write, &tr, err);
}

char *
session_hostdev_xml_sel(const struct session *s, const struct bdf *addrs, size_t n,
                        const struct model_sel *sel, bool managed)
{
    struct hostdev_mdev *m = NULL;
    size_t n_m = sel ? hostdev_sel_mdevs(session_host(s), sel, &m) : 0;
    char *ret = hostdev_xml_many_all(addrs, n, m, n_m, managed);

    free(m);
    return ret;
}

int
session_save_sel(const struct session *s, const char *path, const struct bdf *addrs,
                 size_t n, const struct model_sel *sel, bool managed, char **err)
{
    struct hostdev_mdev *m = NULL;
    size_t n_m = sel ? hostdev_sel_mdevs(session_host(s), sel, &m) : 0;
    int ret = domfile_save_all(path, addrs, n, m, n_m, managed, err);

    free(m);
    return ret;
}
