/* storage.c - find the PCI devices that hold the host's filesystems and swap.
 *
 * The kernel's own account is followed: each mount's MAJ:MIN from
 * proc/self/mountinfo (parsed by libmount) names sys/dev/block/MAJ:MIN,
 * whose sysfs directory sits under the PCI device that reaches the disk;
 * stacked devices (device-mapper, md, bcache) list what they sit on in
 * slaves/.  btrfs spans the devices in sys/fs/btrfs/UUID/devices, a ZFS
 * pool the block devices whose label (libblkid) names it, and a network
 * filesystem the NIC that routes to its server.  Whatever cannot be
 * followed is recorded in h->disks_unknown, never dropped.
 *
 * This file reads the mounts and swaps and says how each is followed;
 * storage_block.c follows one block device, storage_pools.c the members
 * of btrfs filesystems and ZFS pools. */
#include <config.h>

#include "storage.h"
#include "storage_priv.h"

#include <arpa/inet.h>
#include <errno.h>
#include <libmount/libmount.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "i18n.h"
#include "sysread.h"

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

/* Forgets what was followed for the previous filesystem. */
static void
st_reset(struct st *s)
{
    storage_seen_clear(s);
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
    st_reset(s);
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
    st_reset(s);
    s->kind = MODEL_HOLD_MOUNT;
    s->target = target;
    if (network_fs(type, superopts)) {
        bool known = netfs_server(src, superopts, server, sizeof(server));

        storage_add_netfs(s, known ? server : NULL, _("%s is on %s (%s)"), target, type, src);
    } else if (strcmp(type, "zfs") == 0) {
        storage_follow_zfs(s, src, target);
    } else if (strcmp(type, "btrfs") == 0) {
        storage_follow_btrfs(s, src, target);
    } else if (virtual_fs(type)) {
        /* nothing on a disk */
    } else if (major(devno) == 0) {
        /* pseudo filesystems have anonymous numbers; one that names a
         * device, or that we cannot place, is not let through */
        if (strncmp(src, "/dev/", 5) == 0 || strcmp(type, "9p") == 0 ||
            strcmp(type, "virtiofs") == 0)
            storage_fail(s, _("its device number %u:%u is anonymous"), major(devno), minor(devno));
    } else {
        storage_follow_devno(s, devno, target);
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
        st_reset(s);
        s->kind = MODEL_HOLD_SWAP;
        s->target = src;
        if (strcmp(type, "partition") != 0) {
            storage_fail(s, _("unknown swap type %s"), type);
        } else if (!(blk = storage_block_for_source(s, src))) {
            storage_fail(s, _("%s is not a block device name"), src);
        } else {
            if ((dirp = storage_block_dir(s, blk))) {
                storage_walk(s, dirp, "", _("swap"), 0);
                free(dirp);
            } else {
                storage_fail(s, _("cannot follow sys/class/block/%s: %s"), blk, strerror(errno));
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
    storage_seen_clear(&s);
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
