/* sysfs_priv.h - what the parts of the sysfs reader share: the reader's
 * state and the steps sysfs_read runs in order.  sysfs.c reads the
 * devices (with libpci for names), sysfs_iommu.c the IOMMU groups,
 * the device topology and the kernel facts, sysfs_net.c the route
 * tables and the NICs they lead to.  Only for src/host/sysfs*.c. */
#ifndef VFIOTUI_SYSFS_PRIV_H
#define VFIOTUI_SYSFS_PRIV_H

#include <stdbool.h>
#include <stddef.h>

#include "bdf.h"
#include "model.h"
#include "storage.h"

/* What the device scan keeps for the later steps, parallel to h->devs:
 * the links read through the device's directory while it was open, so
 * that no step walks the long sys/devices path again. */
struct sysfs_found {
    struct bdf addr;
    char name[BDF_STRLEN];
    const char *dir;            /* its real directory (sysroot relative,
                                 * "sys/devices/..."), NULL if unknown;
                                 * borrowed from the model's sysfs_path */
    char *group_link;           /* the iommu_group link's target as read */
    int group_errno;            /* 0: read; else readlinkat's errno
                                 * (ENOENT: no link) */
    bool has_physfn;
    struct bdf physfn;          /* where the physfn link leads */
    struct bdf *virtfns;        /* where virtfn0.. lead, in order */
    size_t n_virtfns;
    /* set by sysfs_read_dev: whether its directory opened (libpci's
     * names are looked up only then), and how many warnings its reader
     * had after its identity and after the rest */
    bool opened;
    size_t warn_mid, warn_end;
};

/* Names whose directory was seen to exist (few: the drivers). */
struct sysfs_seen {
    char **v;
    size_t n;
};

struct rd {
    int rootfd;
    const char *root;
    struct model_host *h;
    bool netfs;                 /* mark_iface: the NIC carries storage */
    /* mark_iface: the same reason as data (struct model_hold) */
    enum model_hold_kind hold_kind;
    const char *hold_target;    /* NETWORK: the mount point */
    const char *hold_iface;     /* the interface the route names */
    struct sysfs_found *found;  /* parallel to h->devs once scanned */
    size_t n_found;
    struct sysfs_seen drivers;  /* driver directories seen to exist */
    bool brief;                 /* struct sysfs_opts */
    /* the first screen's part only (sysfs_first.c): the IOMMU groups
     * read_group_dir reads, in order, or NULL for all it lists */
    int *only_groups;
    size_t n_only_groups;
};

/* sysfs_first.c: keeps in @found (sorted by address, *@n_found long)
 * only the devices of the lowest-numbered IOMMU groups, whole groups
 * until there are at least @first, or the first @first addresses when
 * no group lists any; the groups go to r->only_groups.  0, or -1 out of
 * memory (found[] untouched). */
int sysfs_first_select(struct rd *r, struct sysfs_found *found, size_t *n_found, size_t first);

/* Reads a whole /proc table, bounded.  Caller frees.  NULL (errno set)
 * if it is absent, unreadable, not a regular file or too large. */
char *sysfs_read_all(int dirfd, const char *path);

/* Warns that @file of @dev holds @val (@len bytes), which does not parse. */
void sysfs_warn_value(struct rd *r, const char *dev, const char *file,
                      const char *val, size_t len);

/* Judges the symlink @file of the device directory @dir, whose target
 * readlinkat gave as @target (NULL: it failed with @err), as a link to
 * the directory "@under/NAME" (see sysfs.c).  @exists: that directory
 * is known to exist; else it is looked up in @seen (may be NULL) or
 * looked at, and added to @seen.  1 and *name (caller frees), 0 if
 * absent, -1 if bad. */
int sysfs_judge_named(struct rd *r, const char *dev, const char *dir, const char *file,
                      const char *target, int err, const char *under, bool quiet,
                      bool exists, struct sysfs_seen *seen, char **name);

/* sysfs_link.c: the target of the link @file in @dfd, a new string, or
 * NULL with errno set */
char *sysfs_read_target(int dfd, const char *file);
/* Reads @f's iommu_group, physfn and virtfnN links (as many as
 * d->n_virtfns says) through @dfd, its open directory, or the sysroot
 * when that could not be opened. */
void sysfs_read_links(struct rd *r, int dfd, struct sysfs_found *f, struct model_dev *d);

/* sysfs_dev.c: reads the device @f (its name and address set) into @d,
 * a fresh model_add_dev entry: its real directory, identity, attribute
 * files, driver and the links above, warnings into r->h, and sets
 * f->dir, f->opened, f->warn_mid and f->warn_end.  Touches nothing
 * shared but r->rootfd: the scan runs it on several threads, each with
 * its own struct rd. */
void sysfs_read_dev(struct rd *r, struct sysfs_found *f, struct model_dev *d);

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
