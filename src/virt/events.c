/* events.c - libvirt's event loop for the program's own descriptors and
 * timers, and the connection's domain and node-device events. */
#include <config.h>

#include "events.h"

#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>
#include <stdlib.h>

#include "conn_priv.h"
#include "i18n.h"
#include "verr.h"
#include "virtload.h"
#include "io/errmsg.h"

/* ---- the loop ------------------------------------------------------------ */

struct fd_ctx {
    events_fd_cb cb;
    void *opaque;
};

struct timer_ctx {
    events_timer_cb cb;
    void *opaque;
};

static void
on_fd(int watch, int fd, int events, void *opaque)
{
    struct fd_ctx *f = opaque;
    bool hup = events & (VIR_EVENT_HANDLE_HANGUP | VIR_EVENT_HANDLE_ERROR);

    /* a hung-up descriptor stays "readable": stop listening, or the
     * loop would spin */
    if (hup)
        virEventUpdateHandle(watch, 0);
    f->cb(fd, hup, f->opaque);
}

static void
on_timer(int timer, void *opaque)
{
    struct timer_ctx *t = opaque;

    (void)timer;
    t->cb(t->opaque);
}

int
events_add_fd(int fd, events_fd_cb cb, void *opaque)
{
    struct fd_ctx *f = malloc(sizeof(*f));
    int id;

    /* the loop may be the first use of libvirt (conn_events_init) */
    if (virtload_open(NULL) < 0 || !f) {
        free(f);
        return -1;
    }
    f->cb = cb;
    f->opaque = opaque;
    if ((id = virEventAddHandle(fd, VIR_EVENT_HANDLE_READABLE, on_fd, f, free)) < 0)
        free(f);
    return id;
}

void
events_remove_fd(int id)
{
    if (id >= 0)
        virEventRemoveHandle(id);
}

int
events_add_timer(int ms, events_timer_cb cb, void *opaque)
{
    struct timer_ctx *t = malloc(sizeof(*t));
    int id;

    if (virtload_open(NULL) < 0 || !t) {
        free(t);
        return -1;
    }
    t->cb = cb;
    t->opaque = opaque;
    if ((id = virEventAddTimeout(ms, on_timer, t, free)) < 0)
        free(t);
    return id;
}

void
events_update_timer(int id, int ms)
{
    if (id >= 0)
        virEventUpdateTimeout(id, ms);
}

void
events_remove_timer(int id)
{
    if (id >= 0)
        virEventRemoveTimeout(id);
}

/* ---- the connection's events --------------------------------------------- */

struct events_sub {
    virConnectPtr vc;           /* a reference of our own */
    events_cb cb;
    void *opaque;
    int lifecycle, dev_added, dev_removed, nodedev;    /* callback ids, or -1 */
};

static void
on_lifecycle(virConnectPtr vc, virDomainPtr d, int event, int detail, void *opaque)
{
    struct events_sub *s = opaque;

    (void)vc;
    (void)event;
    (void)detail;
    s->cb(EVENTS_DOMAIN_LIFECYCLE, virDomainGetName(d), s->opaque);
}

static void
on_device(virConnectPtr vc, virDomainPtr d, const char *alias, void *opaque)
{
    struct events_sub *s = opaque;

    (void)vc;
    (void)alias;
    s->cb(EVENTS_DOMAIN_DEVICE, virDomainGetName(d), s->opaque);
}

static void
on_nodedev(virConnectPtr vc, virNodeDevicePtr dev, int event, int detail, void *opaque)
{
    struct events_sub *s = opaque;

    (void)vc;
    (void)event;
    (void)detail;
    s->cb(EVENTS_NODEDEV, virNodeDeviceGetName(dev), s->opaque);
}

struct events_sub *
events_subscribe(struct conn *c, bool nodedev, events_cb cb, void *opaque, char **err)
{
    struct events_sub *s = calloc(1, sizeof(*s));
    virConnectPtr vc = conn_handle(c);

    if (!s)
        return NULL;
    s->vc = vc;
    virConnectRef(vc);
    s->cb = cb;
    s->opaque = opaque;
    s->dev_added = s->dev_removed = s->nodedev = -1;
    s->lifecycle = virConnectDomainEventRegisterAny(
        vc, NULL, VIR_DOMAIN_EVENT_ID_LIFECYCLE,
        VIR_DOMAIN_EVENT_CALLBACK(on_lifecycle), s, NULL);
    if (s->lifecycle < 0) {
        errmsg_set(err, _("libvirt sends no domain events: %s"), verr_last_msg());
        events_unsubscribe(s);
        return NULL;
    }
    /* drivers without device events (the test driver) still send
     * lifecycle events for a redefinition */
    s->dev_added = virConnectDomainEventRegisterAny(
        vc, NULL, VIR_DOMAIN_EVENT_ID_DEVICE_ADDED,
        VIR_DOMAIN_EVENT_CALLBACK(on_device), s, NULL);
    s->dev_removed = virConnectDomainEventRegisterAny(
        vc, NULL, VIR_DOMAIN_EVENT_ID_DEVICE_REMOVED,
        VIR_DOMAIN_EVENT_CALLBACK(on_device), s, NULL);
    if (nodedev) {
        s->nodedev = virConnectNodeDeviceEventRegisterAny(
            vc, NULL, VIR_NODE_DEVICE_EVENT_ID_LIFECYCLE,
            VIR_NODE_DEVICE_EVENT_CALLBACK(on_nodedev), s, NULL);
        if (s->nodedev < 0) {
            errmsg_set(err, _("libvirt sends no node-device events: %s"), verr_last_msg());
            events_unsubscribe(s);
            return NULL;
        }
    }
    virResetLastError();
    return s;
}

void
events_unsubscribe(struct events_sub *s)
{
    if (!s)
        return;
    if (s->lifecycle >= 0)
        virConnectDomainEventDeregisterAny(s->vc, s->lifecycle);
    if (s->dev_added >= 0)
        virConnectDomainEventDeregisterAny(s->vc, s->dev_added);
    if (s->dev_removed >= 0)
        virConnectDomainEventDeregisterAny(s->vc, s->dev_removed);
    if (s->nodedev >= 0)
        virConnectNodeDeviceEventDeregisterAny(s->vc, s->nodedev);
    virResetLastError();
    virConnectClose(s->vc);
    free(s);
}
