/* sysfs_priv.h - what the parts of the sysfs reader share: the reader's
 * state and the steps sysfs_read runs in order.  sysfs.c reads the
 * devices (with libpci for names), sysfs_iommu.c the IOMMU groups,
 * the device topology and the kernel facts, sysfs_net.c the route
 * tables and the NICs they lead to.  Only for src/host/sysfs*.c. */
#ifndef VFIOTUI_SYSFS_PRIV_H
#define VFIOTUI_SYSFS_PRIV_H

#include <stdbool.h>
#include <stddef.h>

#include "model.h"
#include "storage.h"

struct rd {
    int rootfd;
    const char *root;
    struct model_host *h;
    bool netfs;                 /* mark_iface: the NIC carries storage */
    /* mark_iface: the same reason as data (struct model_hold) */
    enum model_hold_kind hold_kind;
    const char *hold_target;    /* NETWORK: the mount point */
    const char *hold_iface;     /* the interface the route names */
};

/* Reads a whole /proc table, bounded.  Caller frees.  NULL (errno set)
 * if it is absent, unreadable, not a regular file or too large. */
char *sysfs_read_all(int dirfd, const char *path);

/* Warns that @file of @dev holds @val (@len bytes), which does not parse. */
void sysfs_warn_value(struct rd *r, const char *dev, const char *file,
                      const char *val, size_t len);

/* Follows the symlink @file of the device directory @dir to "@under/NAME"
 * (see sysfs.c).  1 and *name (caller frees), 0 if absent, -1 if bad. */
int sysfs_follow_named(struct rd *r, const char *dev, const char *dir, const char *file,
                       const char *under, bool quiet, char **name);

/* sysfs_iommu.c */
void sysfs_read_groups(struct rd *r);
void sysfs_read_topology(struct rd *r);
void sysfs_read_kernel(struct rd *r, bool is_root);

/* sysfs_net.c */
void sysfs_read_routes(struct rd *r, const char *ssh, const struct storage_net *net);

/* sysfs_mdev.c: mdev types and mdevs under their parents, and
 * mdevctl's definitions (etc/mdevctl.d) */
void sysfs_read_mdevs(struct rd *r);

#endif /* VFIOTUI_SYSFS_PRIV_H */
