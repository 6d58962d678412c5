/* snap.h - what a watcher compares: a small copy of a host's devices
 * (address, driver) and domains (state, the devices they hold), and
 * the changes from one copy to the next.  No I/O. */
#ifndef VFIOTUI_SNAP_H
#define VFIOTUI_SNAP_H

#include <stdbool.h>
#include <stddef.h>

#include "bdf.h"
#include "model.h"

struct snap_dev {
    char addr[BDF_STRLEN];
    char *driver;               /* NULL: none */
};

struct snap_dom {
    char *name;
    enum model_dom_state state;
    bool persistent;
    char (*held)[BDF_STRLEN];   /* sorted: every PCI hostdev, live or config */
    size_t n_held;
    char (*live)[BDF_STRLEN];   /* sorted: those of the running definition */
    size_t n_live;
};

struct snap {
    struct snap_dev *devs;      /* sorted by address */
    size_t n_devs;
    struct snap_dom *doms;      /* sorted by name */
    size_t n_doms;
};

/* A copy of @h's devices and domains.  NULL without memory. */
struct snap *snap_take(const struct model_host *h);
void snap_free(struct snap *s);     /* accepts NULL */

enum snap_kind {
    SNAP_DEV_ADDED,             /* subject: address */
    SNAP_DEV_REMOVED,
    SNAP_DRIVER_BOUND,          /* detail: the new driver */
    SNAP_DRIVER_UNBOUND,        /* detail: the driver it had */
    SNAP_DOM_DEFINED,           /* subject: domain name */
    SNAP_DOM_UNDEFINED,
    SNAP_DOM_STARTED,           /* detail: the addresses it holds, ", " between */
    SNAP_DOM_STOPPED,
    SNAP_DOM_ATTACHED,          /* detail: the address */
    SNAP_DOM_DETACHED,
};

struct snap_change {
    enum snap_kind kind;
    char *subject;
    char *detail;               /* or NULL */
};

/* The changes from @a to @b, devices first (by address), then domains
 * (by name); *out is the caller's (snap_changes_free).  Returns 0, or
 * -1 without memory. */
int snap_diff(const struct snap *a, const struct snap *b,
              struct snap_change **out, size_t *n);
void snap_changes_free(struct snap_change *c, size_t n);

#endif /* VFIOTUI_SNAP_H */
