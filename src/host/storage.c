/* storage.c - find the PCI devices that hold the host's filesystems and swap.
 *
 * The kernel's own account is followed: each mount's MAJ:MIN from
 * proc/self/mountinfo (parsed by libmount) names sys/dev/block/MAJ:MIN,
 * whose sysfs directory sits under the PCI device that reaches the disk;
 * stacked devices (device-mapper, md, bcache) list what they sit on in
 * slaves/.  btrfs spans the devices in sys/fs/btrfs/UUID/devices, a ZFS
 * pool the block devices whose label (libblkid) names it, and a network
 * filesystem the NIC that routes to its server.  Whatever cannot be
 * followed is recorded in h->disks_unknown, never dropped. */
#include <config.h>

#include "storage.h"

#include <arpa/inet.h>
#include <blkid/blkid.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <libmount/libmount.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "bdf.h"
#include "i18n.h"
#include "sysread.h"

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

/* ---- small helpers ----------------------------------------------------- */

static void st_fail(struct st *s, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* The filesystem being followed cannot be followed completely. */
static void
st_fail(struct st *s, const char *fmt, ...)
{
    va_list ap;

    s->failed = true;
    if (s->why)
        return;
    va_start(ap, fmt);
    if (vasprintf(&s->why, fmt, ap) < 0)
        s->why = NULL;
    va_end(ap);
}

/* ---- the visited set ---------------------------------------------------- */

static uint64_t
hash_str(const char *p)
{
    uint64_t h = 1469598103934665603ull;

    for (; *p; p++)
        h = (h ^ (unsigned char)*p) * 1099511628211ull;
    return h;
}

static void
seen_clear(struct st *s)
{
    size_t i;

    for (i = 0; i < s->seen_cap; i++)
        free(s->seen[i]);
    free(s->seen);
    s->seen = NULL;
    s->seen_cap = s->n_seen = 0;
}

/* Adds @path; true if it was not there yet.  False also when the set
 * cannot grow, with the filesystem marked as not followed. */
static bool
seen_add(struct st *s, const char *path)
{
    size_t i;

    if ((s->n_seen + 1) * 2 > s->seen_cap) {
        size_t ncap = s->seen_cap ? s->seen_cap * 2 : 64;
        char **nv = calloc(ncap, sizeof(*nv));

        if (!nv) {
            st_fail(s, "%s", _("out of memory"));
            return false;
        }
        for (i = 0; i < s->seen_cap; i++) {
            if (s->seen[i]) {
                size_t k = hash_str(s->seen[i]) & (ncap - 1);

                while (nv[k])
                    k = (k + 1) & (ncap - 1);
                nv[k] = s->seen[i];
            }
        }
        free(s->seen);
        s->seen = nv;
        s->seen_cap = ncap;
    }
    for (i = hash_str(path) & (s->seen_cap - 1); s->seen[i]; i = (i + 1) & (s->seen_cap - 1)) {
        if (strcmp(s->seen[i], path) == 0)
            return false;
    }
    if (!(s->seen[i] = strdup(path))) {
        st_fail(s, "%s", _("out of memory"));
        return false;
    }
    s->n_seen++;
    return true;
}

/* ---- following block devices ------------------------------------------ */

static int
cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void
add_netfs(struct st *s, const char *server, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
add_netfs(struct st *s, const char *server, const char *fmt, ...)
{
    struct storage_netfs *v;
    va_list ap;
    char *what = NULL;

    if (!s->net) {
        st_fail(s, "%s", _("network storage cannot be judged here"));
        return;
    }
    va_start(ap, fmt);
    if (vasprintf(&what, fmt, ap) < 0)
        what = NULL;
    va_end(ap);
    if (!what || !(v = realloc(s->net->fs, (s->net->n + 1) * sizeof(*v)))) {
        free(what);
        st_fail(s, "%s", _("out of memory"));
        return;
    }
    s->net->fs = v;
    v[s->net->n].what = what;
    v[s->net->n].server = server ? strdup(server) : NULL;
    v[s->net->n].target = s->target ? strdup(s->target) : NULL;
    s->net->n++;
}

/* @depth: where walk() found device @k; s->stack holds the names from
 * the filesystem's block device (0) down to the device's (@depth). */
static void
mark_dev(struct st *s, int k, const char *chain, const char *what, int depth)
{
    const char *via[ST_MAX_DEPTH + 1];
    char *reason;
    int i;

    if (asprintf(&reason, _("%s holds %s"), chain, what) < 0) {
        st_fail(s, "%s", _("out of memory"));
        return;
    }
    model_add_reason(&s->h->devs[k].root_disk, reason);
    free(reason);
    for (i = 0; i <= depth; i++)
        via[i] = s->stack[depth - i];
    if (model_add_hold(&s->h->devs[k], s->kind, s->target, via, (size_t)depth + 1, NULL) < 0)
        st_fail(s, "%s", _("out of memory"));
}

/* An NVMe multipath namespace sits on its subsystem; the subsystem's
 * controllers (nvme0, nvme1...) link to their PCI functions. */
static bool
mark_nvme_subsystem(struct st *s, const char *path, const char *chain, const char *what,
                    int depth)
{
    char *sub = strdup(path);
    char *mark = sub ? strstr(sub, "/nvme-subsystem/") : NULL;
    char *slash = mark ? strchr(mark + 16, '/') : NULL;   /* after nvme-subsysN */
    int dfd;
    DIR *dir;
    struct dirent *de;
    bool any = false;

    if (!slash) {
        free(sub);
        return false;
    }
    *slash = '\0';
    if ((dfd = openat(s->rootfd, sub, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0 ||
        !(dir = fdopendir(dfd))) {
        if (dfd >= 0)
            close(dfd);
        free(sub);
        return false;
    }
    while ((de = readdir(dir))) {
        char lp[8192];
        char *t;
        struct bdf a;
        int k;
        unsigned int num;
        char tail;

        if (sscanf(de->d_name, "nvme%u%c", &num, &tail) != 1)
            continue;
        if (snprintf(lp, sizeof(lp), "%s/%s", sub, de->d_name) >= (int)sizeof(lp) ||
            !(t = sysread_link(s->rootfd, lp)))
            continue;
        if (sysread_last_bdf(t, &a, NULL) == 0 && (k = model_find(s->h, &a)) >= 0) {
            mark_dev(s, k, chain, what, depth);
            any = true;
        }
        free(t);
    }
    closedir(dir);
    free(sub);
    return any;
}

/* The portal address of the iSCSI session an sd device sits on:
 * .../sessionN/connectionN:C/iscsi_connection/connectionN:C/persistent_address. */
static bool
iscsi_server(struct st *s, const char *path, char *out, size_t size)
{
    const char *p = strstr(path, "/session");
    const char *end = p ? strchr(p + 1, '/') : NULL;
    char sess[4096];
    int dfd;
    DIR *dir;
    struct dirent *de;
    bool found = false;

    if (!end || (size_t)(end - path) >= sizeof(sess))
        return false;
    snprintf(sess, sizeof(sess), "%.*s", (int)(end - path), path);
    if ((dfd = openat(s->rootfd, sess, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0)
        return false;
    if (!(dir = fdopendir(dfd))) {
        close(dfd);
        return false;
    }
    while (!found && (de = readdir(dir))) {
        char ap[600];
        char buf[INET6_ADDRSTRLEN];
        struct in_addr a;

        if (strncmp(de->d_name, "connection", 10) != 0 || strlen(de->d_name) > 100)
            continue;
        snprintf(ap, sizeof(ap), "%s/iscsi_connection/%s/persistent_address", de->d_name, de->d_name);
        if (sysread_small(dfd, ap, buf, sizeof(buf)) > 0 && inet_pton(AF_INET, buf, &a) == 1) {
            snprintf(out, size, "%s", buf);
            found = true;
        }
    }
    closedir(dir);
    return found;
}

/* Follows the block device whose sysfs directory is @path (relative to
 * the sysroot) down to the PCI devices that reach its data, marking
 * each with "@chain holds @what". */
static void
walk(struct st *s, const char *path, const char *chain, const char *what, int depth)
{
    char p[4096];
    char buf[256];
    char *nchain = NULL;
    const char *name = sysread_base(path);
    bool virt = strncmp(path, "sys/devices/virtual/block/", 26) == 0;
    int sfd;
    DIR *dir;
    struct dirent *de;
    size_t n_slaves = 0;
    struct bdf a;
    int k;

    if (strncmp(path, "sys/devices/", 12) != 0) {
        st_fail(s, _("%s is not a device directory"), path);
        return;
    }
    if (depth > ST_MAX_DEPTH) {
        st_fail(s, _("block devices are stacked more than %d deep at %s"), ST_MAX_DEPTH, name);
        return;
    }
    if (!seen_add(s, path))
        return;
    if (s->n_seen > ST_MAX_NODES) {
        st_fail(s, ngettext("more than %d block device under one filesystem",
                            "more than %d block devices under one filesystem", ST_MAX_NODES),
                ST_MAX_NODES);
        return;
    }
    s->stack[depth] = name;

    snprintf(p, sizeof(p), "%s/dm/name", path);
    if (sysread_small(s->rootfd, p, buf, sizeof(buf)) > 0)
        k = *chain ? asprintf(&nchain, "%s (%s) -> %s", name, buf, chain)
                   : asprintf(&nchain, "%s (%s)", name, buf);
    else
        k = *chain ? asprintf(&nchain, "%s -> %s", name, chain)
                   : asprintf(&nchain, "%s", name);
    if (k < 0) {
        st_fail(s, "%s", _("out of memory"));
        return;
    }
    /* the chain is for people; past a few links it says nothing more */
    if (strlen(nchain) > 512)
        strcpy(nchain + 505, " -> ...");

    if (virt && (strncmp(name, "zram", 4) == 0 || strncmp(name, "ram", 3) == 0))
        goto cleanup;           /* memory: no disk to keep */
    if (virt && strncmp(name, "nbd", 3) == 0) {
        add_netfs(s, NULL, _("%s is on network block device %s"), what, name);
        goto cleanup;
    }

    /* stacked devices (dm, md, bcache): go down to what they sit on, in
     * name order so that the reasons read the same on every machine */
    snprintf(p, sizeof(p), "%s/slaves", path);
    if ((sfd = openat(s->rootfd, p, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) >= 0) {
        if ((dir = fdopendir(sfd))) {
            char **names = NULL;
            size_t i;

            while ((de = readdir(dir))) {
                char **nv;

                if (de->d_name[0] == '.')
                    continue;
                if (n_slaves >= ST_MAX_NODES || !(nv = realloc(names, (n_slaves + 1) * sizeof(*nv))) ||
                    !(nv[n_slaves] = strdup(de->d_name))) {
                    st_fail(s, _("cannot list %s/slaves"), name);
                    break;
                }
                names = nv;
                n_slaves++;
            }
            closedir(dir);
            if (n_slaves > 1)
                qsort(names, n_slaves, sizeof(*names), cmp_str);
            for (i = 0; i < n_slaves; i++) {
                char *lp = NULL;
                char *t = NULL;

                if (asprintf(&lp, "%s/%s", p, names[i]) < 0)
                    lp = NULL;
                if (!lp || !(t = sysread_link(s->rootfd, lp)))
                    st_fail(s, _("cannot follow %s/slaves/%s: %s"), name, names[i],
                            strerror(errno));
                else
                    walk(s, t, nchain, what, depth + 1);
                free(lp);
                free(t);
                free(names[i]);
            }
            free(names);
        } else {
            close(sfd);
        }
    } else if (virt) {
        st_fail(s, _("cannot read %s/slaves: %s"), name, strerror(errno));
        goto cleanup;
    }
    if (n_slaves)
        goto cleanup;
    snprintf(p, sizeof(p), "%s/partition", path);
    if (virt && faccessat(s->rootfd, p, F_OK, 0) == 0) {
        /* md0p1, nbd0p1: the partition's data is on its whole device */
        char *up = strdup(path);
        char *slash = up ? strrchr(up, '/') : NULL;

        if (slash) {
            *slash = '\0';
            walk(s, up, nchain, what, depth + 1);
        } else {
            st_fail(s, "%s", _("out of memory"));
        }
        free(up);
        goto cleanup;
    }
    if (virt) {
        if (strncmp(name, "loop", 4) == 0)
            st_fail(s, _("%s is a loop device backed by a file"), name);
        else
            st_fail(s, _("%s is a stacked device with no slaves"), name);
        goto cleanup;
    }

    if (sysread_last_bdf(path, &a, NULL) == 0) {
        if ((k = model_find(s->h, &a)) >= 0)
            mark_dev(s, k, nchain, what, depth);
        else
            st_fail(s, _("%s sits on a PCI device that is not listed"), name);
    } else if (strstr(path, "/nvme-subsystem/")) {
        if (!mark_nvme_subsystem(s, path, nchain, what, depth))
            st_fail(s, _("no controller of %s's NVMe subsystem is a PCI device here"), name);
    } else if (strstr(path, "/session")) {
        /* iSCSI: platform/hostN/sessionM/target...: over the network */
        char server[64];
        bool known = iscsi_server(s, path, server, sizeof(server));

        add_netfs(s, known ? server : NULL, _("%s is on iSCSI disk %s"), what, name);
    } else {
        st_fail(s, _("%s is on no PCI device (%s)"), name, path);
    }

 cleanup:
    free(nchain);
}

/* The sysfs directory of block device @name (sys/class/block/NAME). */
static char *
block_dir(struct st *s, const char *name)
{
    char p[512];

    if (!*name || strchr(name, '/') || strcmp(name, ".") == 0 || strcmp(name, "..") == 0) {
        errno = EINVAL;
        return NULL;
    }
    snprintf(p, sizeof(p), "sys/class/block/%s", name);
    return sysread_link(s->rootfd, p);
}

/* The block device name for a /dev path ("/dev/sda2", "/dev/mapper/x"),
 * or NULL.  Other links under /dev (by-uuid, vg/lv) are not followed:
 * nothing in the sysroot says where they point. */
static char *
block_for_source(struct st *s, const char *src)
{
    char p[512];
    char buf[256];
    const char *name;
    int bfd;
    DIR *dir;
    struct dirent *de;
    char *found = NULL;

    if (strncmp(src, "/dev/", 5) != 0)
        return NULL;
    name = src + 5;
    if (strncmp(name, "mapper/", 7) != 0)
        return strchr(name, '/') ? NULL : strdup(name);
    name += 7;
    if ((bfd = openat(s->rootfd, "sys/class/block", O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0)
        return NULL;
    if (!(dir = fdopendir(bfd))) {
        close(bfd);
        return NULL;
    }
    while (!found && (de = readdir(dir))) {
        if (strncmp(de->d_name, "dm-", 3) != 0)
            continue;
        snprintf(p, sizeof(p), "%s/dm/name", de->d_name);
        if (sysread_small(bfd, p, buf, sizeof(buf)) > 0 && strcmp(buf, name) == 0)
            found = strdup(de->d_name);
    }
    closedir(dir);
    return found;
}

static void
follow_devno(struct st *s, dev_t devno, const char *what)
{
    char p[64];
    char *path;

    snprintf(p, sizeof(p), "sys/dev/block/%u:%u", major(devno), minor(devno));
    if (!(path = sysread_link(s->rootfd, p))) {
        st_fail(s, _("%s does not lead to a block device (%s)"), p, strerror(errno));
        return;
    }
    walk(s, path, "", what, 0);
    free(path);
}

/* btrfs mounts have an anonymous MAJ:MIN; its members are listed in
 * sys/fs/btrfs/UUID/devices, one of which is the mount's source. */
static void
follow_btrfs(struct st *s, const char *src, const char *what)
{
    char *blk = block_for_source(s, src);
    int bfd;
    DIR *dir;
    struct dirent *de;
    bool found = false;

    if (!blk) {
        st_fail(s, _("btrfs source %s is not a block device name"), src);
        return;
    }
    if ((bfd = openat(s->rootfd, "sys/fs/btrfs", O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0 ||
        !(dir = fdopendir(bfd))) {
        st_fail(s, _("cannot read sys/fs/btrfs: %s"), strerror(errno));
        if (bfd >= 0)
            close(bfd);
        free(blk);
        return;
    }
    while (!found && (de = readdir(dir))) {
        char p[1024];
        int dfd;
        DIR *dd;
        struct dirent *me;

        if (de->d_name[0] == '.' || strcmp(de->d_name, "features") == 0)
            continue;
        snprintf(p, sizeof(p), "%s/devices/%s", de->d_name, blk);
        if (faccessat(bfd, p, F_OK, AT_SYMLINK_NOFOLLOW) < 0)
            continue;
        found = true;
        snprintf(p, sizeof(p), "sys/fs/btrfs/%s/devices", de->d_name);
        if ((dfd = openat(s->rootfd, p, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0 ||
            !(dd = fdopendir(dfd))) {
            st_fail(s, _("cannot read %s: %s"), p, strerror(errno));
            if (dfd >= 0)
                close(dfd);
            continue;
        }
        while ((me = readdir(dd))) {
            char lp[2048];
            char *t;

            if (me->d_name[0] == '.')
                continue;
            snprintf(lp, sizeof(lp), "%s/%s", p, me->d_name);
            if (!(t = sysread_link(s->rootfd, lp))) {
                st_fail(s, _("cannot follow %s: %s"), lp, strerror(errno));
                continue;
            }
            walk(s, t, "", what, 0);
            free(t);
        }
        closedir(dd);
    }
    closedir(dir);
    if (!found)
        st_fail(s, _("no btrfs filesystem in sys/fs/btrfs lists %s"), blk);
    free(blk);
}

/* A ZFS dataset "pool/ROOT/x": the pool's members are the block devices
 * whose zfs_member label is the pool name, which only reading the
 * devices (libblkid) tells.  One unreadable device leaves it open. */
static void
follow_zfs(struct st *s, const char *src, const char *what)
{
    char pool[256];
    int bfd;
    DIR *dir;
    struct dirent *de;
    size_t n_unreadable = 0, n_members = 0;
    char first[300] = "";

    snprintf(pool, sizeof(pool), "%.*s", (int)strcspn(src, "/@"), src);
    if ((bfd = openat(s->rootfd, "sys/class/block", O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0 ||
        !(dir = fdopendir(bfd))) {
        st_fail(s, _("cannot read sys/class/block: %s"), strerror(errno));
        if (bfd >= 0)
            close(bfd);
        return;
    }
    while ((de = readdir(dir))) {
        char p[512];
        int fd;
        struct stat st;
        blkid_probe pr;
        const char *type = NULL, *label = NULL;
        char size[32];

        if (de->d_name[0] == '.' || strncmp(de->d_name, "loop", 4) == 0 ||
            strncmp(de->d_name, "ram", 3) == 0 || strncmp(de->d_name, "zram", 4) == 0 ||
            strncmp(de->d_name, "sr", 2) == 0 || strncmp(de->d_name, "fd", 2) == 0)
            continue;
        /* an empty device (an unconnected nbd, a card reader with no
         * card) holds no pool */
        snprintf(p, sizeof(p), "%s/size", de->d_name);
        if (sysread_small(bfd, p, size, sizeof(size)) > 0 && strcmp(size, "0") == 0)
            continue;
        snprintf(p, sizeof(p), "dev/%s", de->d_name);
        fd = openat(s->rootfd, p, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
        if (fd < 0 || fstat(fd, &st) < 0 || !(S_ISBLK(st.st_mode) || S_ISREG(st.st_mode))) {
            if (!first[0] &&
                snprintf(first, sizeof(first), "%s: %s", p,
                         fd < 0 ? strerror(errno) : _("not a block device")) >= (int)sizeof(first))
                strcpy(first, "?");
            n_unreadable++;
            if (fd >= 0)
                close(fd);
            continue;
        }
        if ((pr = blkid_new_probe()) && blkid_probe_set_device(pr, fd, 0, 0) == 0) {
            blkid_probe_enable_superblocks(pr, 1);
            blkid_probe_set_superblocks_flags(pr, BLKID_SUBLKS_TYPE | BLKID_SUBLKS_LABEL);
            if (blkid_do_safeprobe(pr) == 0 &&
                blkid_probe_lookup_value(pr, "TYPE", &type, NULL) == 0 &&
                strcmp(type, "zfs_member") == 0 &&
                blkid_probe_lookup_value(pr, "LABEL", &label, NULL) == 0 &&
                strcmp(label, pool) == 0) {
                char *dirp = block_dir(s, de->d_name);

                n_members++;
                if (dirp)
                    walk(s, dirp, "", what, 0);
                else
                    st_fail(s, _("cannot follow sys/class/block/%s: %s"), de->d_name,
                            strerror(errno));
                free(dirp);
            }
        } else {
            if (!first[0])
                snprintf(first, sizeof(first), _("%s: cannot probe"), p);
            n_unreadable++;
        }
        blkid_free_probe(pr);
        close(fd);
    }
    closedir(dir);
    if (n_unreadable)
        st_fail(s, ngettext("%zu block device cannot be read to find the members of ZFS pool %s (%s)",
                            "%zu block devices cannot be read to find the members of ZFS pool %s (%s)",
                            n_unreadable),
                n_unreadable, pool, first);
    else if (!n_members)
        st_fail(s, _("no block device is a member of ZFS pool %s"), pool);
}

/* ---- which filesystems, and how ------------------------------------------ */

static bool
in_list(const char *type, const char *const *list, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++) {
        if (strcmp(type, list[i]) == 0)
            return true;
    }
    return false;
}

/* Filesystems that hold no disk (or only a loop image of one, squashfs). */
static bool
virtual_fs(const char *type)
{
    static const char *const skip[] = {
        "proc", "sysfs", "tmpfs", "devtmpfs", "devpts", "cgroup", "cgroup2",
        "overlay", "securityfs", "debugfs", "tracefs", "mqueue", "hugetlbfs",
        "pstore", "bpf", "fusectl", "configfs", "autofs", "binfmt_misc",
        "efivarfs", "ramfs", "nsfs", "rpc_pipefs", "squashfs", "selinuxfs",
        "nfsd", "fuse", "fuse.portal", "fuse.gvfsd-fuse", "fuse.lxcfs",
        "fuse.snapfuse",
    };

    return in_list(type, skip, sizeof(skip) / sizeof(skip[0]));
}

/* The server of a network filesystem, if it is an IPv4 literal: from the
 * addr= superblock option (nfs, cifs) or the source ("srv:/x", "//srv/x",
 * "srv:6789,...:/").  Writes into @out (at least INET_ADDRSTRLEN). */
static bool
netfs_server(const char *src, const char *superopts, char *out, size_t size)
{
    char *val = NULL;
    size_t len = 0;
    char buf[INET_ADDRSTRLEN];
    struct in_addr a;

    if (superopts && mnt_optstr_get_option(superopts, "addr", &val, &len) == 0 &&
        val && len < sizeof(buf)) {
        memcpy(buf, val, len);
        buf[len] = '\0';
        if (inet_pton(AF_INET, buf, &a) == 1) {
            snprintf(out, size, "%s", buf);
            return true;
        }
    }
    while (*src == '/')
        src++;
    len = strcspn(src, ":/,");
    if (len && len < sizeof(buf)) {
        memcpy(buf, src, len);
        buf[len] = '\0';
        if (inet_pton(AF_INET, buf, &a) == 1) {
            snprintf(out, size, "%s", buf);
            return true;
        }
    }
    return false;
}

static bool
network_fs(const char *type, const char *superopts)
{
    static const char *const net[] = {
        "nfs", "nfs4", "cifs", "smb3", "smbfs", "ceph", "glusterfs",
        "fuse.glusterfs", "fuse.sshfs", "fuse.ceph", "afs", "lustre",
    };
    char *val = NULL;
    size_t len = 0;

    if (in_list(type, net, sizeof(net) / sizeof(net[0])))
        return true;
    /* 9p over virtio or xen is a device, over tcp or rdma a server */
    return strcmp(type, "9p") == 0 && superopts &&
           mnt_optstr_get_option(superopts, "trans", &val, &len) == 0 && val &&
           ((len == 3 && strncmp(val, "tcp", 3) == 0) || (len == 4 && strncmp(val, "rdma", 4) == 0));
}

static void
st_begin(struct st *s)
{
    seen_clear(s);
    free(s->why);
    s->why = NULL;
    s->failed = false;
}

/* Records the filesystem as unknown if it could not be followed. */
static void
st_end(struct st *s, const char *entry)
{
    if (s->failed) {
        model_disk_unknown(s->h, "%s", entry);
        model_warn(s->h, _("cannot tell which disks hold %s: %s"), entry,
                   s->why ? s->why : _("out of memory"));
    }
    seen_clear(s);
    free(s->why);
    s->why = NULL;
    s->failed = false;
}

static void
one_mount(struct st *s, struct libmnt_fs *fs)
{
    const char *type = mnt_fs_get_fstype(fs);
    const char *target = mnt_fs_get_target(fs);
    const char *src = mnt_fs_get_source(fs);
    const char *superopts = mnt_fs_get_fs_options(fs);
    dev_t devno = mnt_fs_get_devno(fs);
    char entry[1200];
    char server[64];

    if (!type)
        type = "";
    if (!target)
        target = "?";
    if (!src)
        src = "";
    snprintf(entry, sizeof(entry), "%s (%s %s)", target, type, src);
    st_begin(s);
    s->kind = MODEL_HOLD_MOUNT;
    s->target = target;
    if (network_fs(type, superopts)) {
        bool known = netfs_server(src, superopts, server, sizeof(server));

        add_netfs(s, known ? server : NULL, _("%s is on %s (%s)"), target, type, src);
    } else if (strcmp(type, "zfs") == 0) {
        follow_zfs(s, src, target);
    } else if (strcmp(type, "btrfs") == 0) {
        follow_btrfs(s, src, target);
    } else if (virtual_fs(type)) {
        /* nothing on a disk */
    } else if (major(devno) == 0) {
        /* pseudo filesystems have anonymous numbers; one that names a
         * device, or that we cannot place, is not let through */
        if (strncmp(src, "/dev/", 5) == 0 || strcmp(type, "9p") == 0 ||
            strcmp(type, "virtiofs") == 0)
            st_fail(s, _("its device number %u:%u is anonymous"), major(devno), minor(devno));
    } else {
        follow_devno(s, devno, target);
    }
    st_end(s, entry);
    s->target = NULL;
}

static int
parse_err_cb(struct libmnt_table *tb, const char *filename, int line)
{
    int *bad = mnt_table_get_userdata(tb);

    (void)filename;
    if (bad && *bad == 0)
        *bad = line;
    return 1;                   /* skip the line, keep parsing */
}

static void
read_mountinfo(struct st *s)
{
    size_t len = 0;
    char *text = sysread_all(s->rootfd, "proc/self/mountinfo", SYSREAD_TABLE_MAX, &len);
    struct libmnt_table *tb = NULL;
    struct libmnt_iter *it = NULL;
    struct libmnt_fs *fs;
    FILE *f = NULL;
    unsigned int id, parent, ma, mi;
    int bad = 0;
    bool have_root = false;

    if (!text) {
        model_disk_unknown(s->h, "%s", _("the host's filesystems"));
        model_warn(s->h, _("cannot read proc/self/mountinfo (%s): the disks the host needs are unknown"),
                   strerror(errno));
        return;
    }
    /* libmount guesses the format from the first line; only mountinfo
     * carries MAJ:MIN, so anything else is refused here */
    if (sscanf(text, "%u %u %u:%u", &id, &parent, &ma, &mi) != 4 ||
        !(f = fmemopen(text, len, "r")) || !(tb = mnt_new_table()) ||
        !(it = mnt_new_iter(MNT_ITER_FORWARD))) {
        model_disk_unknown(s->h, "%s", _("the host's filesystems"));
        model_warn(s->h, "%s", _("proc/self/mountinfo is not in the kernel's mountinfo format: the disks the host needs are unknown"));
        goto cleanup;
    }
    mnt_table_set_userdata(tb, &bad);
    mnt_table_set_parser_errcb(tb, parse_err_cb);
    if (mnt_table_parse_stream(tb, f, "proc/self/mountinfo") < 0) {
        model_disk_unknown(s->h, "%s", _("the host's filesystems"));
        model_warn(s->h, "%s", _("libmount cannot parse proc/self/mountinfo: the disks the host needs are unknown"));
        goto cleanup;
    }
    if (bad) {
        model_disk_unknown(s->h, _("the filesystem on line %d of proc/self/mountinfo"), bad);
        model_warn(s->h, _("proc/self/mountinfo line %d is malformed"), bad);
    }
    while (mnt_table_next_fs(tb, it, &fs) == 0) {
        const char *t = mnt_fs_get_target(fs);

        if (t && strcmp(t, "/") == 0)
            have_root = true;
        one_mount(s, fs);
    }
    if (!have_root) {
        model_disk_unknown(s->h, "%s", "/");
        model_warn(s->h, "%s", _("proc/self/mountinfo has no entry for /"));
    }

 cleanup:
    mnt_free_iter(it);
    mnt_unref_table(tb);
    if (f)
        fclose(f);
    free(text);
}

/* /proc/swaps escapes spaces as \040 and so on. */
static void
unescape_octal(char *p)
{
    char *w = p;

    for (; *p; p++) {
        if (p[0] == '\\' && p[1] >= '0' && p[1] <= '3' && p[2] >= '0' && p[2] <= '7' &&
            p[3] >= '0' && p[3] <= '7') {
            *w++ = (char)((p[1] - '0') * 64 + (p[2] - '0') * 8 + (p[3] - '0'));
            p += 3;
        } else {
            *w++ = *p;
        }
    }
    *w = '\0';
}

static void
read_swaps(struct st *s)
{
    char *text = sysread_all(s->rootfd, "proc/swaps", SYSREAD_TABLE_MAX, NULL);
    char *line, *save = NULL;

    if (!text) {
        model_disk_unknown(s->h, "%s", _("swap"));
        model_warn(s->h, _("cannot read proc/swaps (%s): the disks swap is on are unknown"),
                   strerror(errno));
        return;
    }
    line = strtok_r(text, "\n", &save);         /* header */
    for (line = line ? strtok_r(NULL, "\n", &save) : NULL; line;
         line = strtok_r(NULL, "\n", &save)) {
        char src[512], type[64];
        char entry[600];
        char *blk, *dirp;

        if (sscanf(line, "%511s %63s", src, type) != 2) {
            model_disk_unknown(s->h, "%s", _("swap"));
            model_warn(s->h, "%s", _("proc/swaps has a malformed line"));
            continue;
        }
        unescape_octal(src);
        /* a swap file is on a filesystem, whose mount is followed */
        if (strcmp(type, "file") == 0)
            continue;
        snprintf(entry, sizeof(entry), _("swap (%s)"), src);
        st_begin(s);
        s->kind = MODEL_HOLD_SWAP;
        s->target = src;
        if (strcmp(type, "partition") != 0) {
            st_fail(s, _("unknown swap type %s"), type);
        } else if (!(blk = block_for_source(s, src))) {
            st_fail(s, _("%s is not a block device name"), src);
        } else {
            if ((dirp = block_dir(s, blk))) {
                walk(s, dirp, "", _("swap"), 0);
                free(dirp);
            } else {
                st_fail(s, _("cannot follow sys/class/block/%s: %s"), blk, strerror(errno));
            }
            free(blk);
        }
        st_end(s, entry);
        s->target = NULL;
    }
    free(text);
}

void
storage_read(int rootfd, struct model_host *h, struct storage_net *net)
{
    struct st s;

    memset(&s, 0, sizeof(s));
    s.rootfd = rootfd;
    s.h = h;
    s.net = net;
    h->root_disk_known = true;
    read_mountinfo(&s);
    read_swaps(&s);
    seen_clear(&s);
    free(s.why);
}

void
storage_net_clear(struct storage_net *net)
{
    size_t i;

    if (!net)
        return;
    for (i = 0; i < net->n; i++) {
        free(net->fs[i].what);
        free(net->fs[i].target);
        free(net->fs[i].server);
    }
    free(net->fs);
    net->fs = NULL;
    net->n = 0;
}
