/* storage.h - which PCI devices hold the host's filesystems and swap */
#ifndef VFIOTUI_STORAGE_H
#define VFIOTUI_STORAGE_H

#include <stddef.h>

#include "model.h"

/* A filesystem (or disk) the host reaches over the network: the NIC that
 * routes to @server must stay with the host. */
struct storage_netfs {
    char *what;                 /* "/ is on NFS (srv:/export)", translated */
    char *server;               /* IPv4 address, or NULL if unknown */
    char *target;               /* its mount point or swap device, or NULL */
};

struct storage_net {
    struct storage_netfs *fs;
    size_t n;
};

/* Reads <sysroot>/proc/self/mountinfo (through libmount) and proc/swaps,
 * follows each filesystem's MAJ:MIN through sys/dev/block, stacked
 * devices (dm, md, bcache), btrfs members and ZFS pools (libblkid) down
 * to PCI devices, and sets their root_disk reason.  What cannot be
 * followed goes to h->disks_unknown; network filesystems go to @net
 * (may be NULL), whose NICs the route reader marks.  Sets
 * h->root_disk_known. */
void storage_read(int rootfd, struct model_host *h, struct storage_net *net);

/* Frees what storage_read put in @net (not @net itself); accepts NULL. */
void storage_net_clear(struct storage_net *net);

#endif /* VFIOTUI_STORAGE_H */
