/* storage_priv.h - what the parts of the storage reader share: the
 * state of following one filesystem down to its PCI devices, and the
 * functions of storage_block.c and storage_pools.c that storage.c calls. */
#ifndef VFIOTUI_STORAGE_PRIV_H
#define VFIOTUI_STORAGE_PRIV_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "model.h"
#include "storage.h"

/* Block devices followed for one filesystem, and how deeply they may be
 * stacked: far beyond any real host, small enough to bound the work. */
#define ST_MAX_NODES 65536
#define ST_MAX_DEPTH 64

struct st {
    int rootfd;
    struct model_host *h;
    struct storage_net *net;

    /* per filesystem: the visited set (open addressing, sysfs paths) */
    char **seen;
    size_t seen_cap;
    size_t n_seen;
    bool failed;                /* some device could not be followed */
    char *why;                  /* the first reason, for the warning */

    /* what is being followed, as data (struct model_hold) */
    enum model_hold_kind kind;  /* MODEL_HOLD_MOUNT or _SWAP */
    const char *target;         /* its mount point or swap device */
    const char *stack[ST_MAX_DEPTH + 1];    /* walk(): the block device
                                             * names at each depth */
};

/* The filesystem being followed cannot be followed completely; the
 * first reason is kept for the warning. */
void storage_fail(struct st *s, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Empties the visited set. */
void storage_seen_clear(struct st *s);

/* Records a filesystem or disk reached over the network (@server an
 * IPv4 address, or NULL if unknown). */
void storage_add_netfs(struct st *s, const char *server, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Follows the block device whose sysfs directory is @path (relative to
 * the root) down to the PCI devices under it, marking them. */
void storage_walk(struct st *s, const char *path, const char *chain, const char *what,
                  int depth);

/* The sysfs directory of block device @name (sys/class/block/NAME). */
char *storage_block_dir(struct st *s, const char *name);

/* The block device name for a /dev path, or NULL. */
char *storage_block_for_source(struct st *s, const char *src);

/* Follows sys/dev/block/MAJ:MIN. */
void storage_follow_devno(struct st *s, dev_t devno, const char *what);

/* Follows the members of the btrfs filesystem mounted from @src. */
void storage_follow_btrfs(struct st *s, const char *src, const char *what);

/* Follows the members of the ZFS pool of dataset @src. */
void storage_follow_zfs(struct st *s, const char *src, const char *what);

#endif /* VFIOTUI_STORAGE_PRIV_H */
