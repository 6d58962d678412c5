/* storage_pools.c - filesystems that span several block devices: the
 * members of a btrfs filesystem (sys/fs/btrfs/UUID/devices) and of a
 * ZFS pool (the block devices whose label, read by libblkid, names it). */
#include <config.h>

#include "storage_priv.h"

#include <blkid/blkid.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "i18n.h"
#include "sysread.h"

/* btrfs mounts have an anonymous MAJ:MIN; its members are listed in
 * sys/fs/btrfs/UUID/devices, one of which is the mount's source. */
void
storage_follow_btrfs(struct st *s, const char *src, const char *what)
{
    char *blk = storage_block_for_source(s, src);
    int bfd;
    DIR *dir;
    struct dirent *de;
    bool found = false;

    if (!blk) {
        storage_fail(s, _("btrfs source %s is not a block device name"), src);
        return;
    }
    if ((bfd = openat(s->rootfd, "sys/fs/btrfs", O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0 ||
        !(dir = fdopendir(bfd))) {
        storage_fail(s, _("cannot read sys/fs/btrfs: %s"), strerror(errno));
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
            storage_fail(s, _("cannot read %s: %s"), p, strerror(errno));
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
                storage_fail(s, _("cannot follow %s: %s"), lp, strerror(errno));
                continue;
            }
            storage_walk(s, t, "", what, 0);
            free(t);
        }
        closedir(dd);
    }
    closedir(dir);
    if (!found)
        storage_fail(s, _("no btrfs filesystem in sys/fs/btrfs lists %s"), blk);
    free(blk);
}

/* A ZFS dataset "pool/ROOT/x": the pool's members are the block devices
 * whose zfs_member label is the pool name, which only reading the
 * devices (libblkid) tells.  One unreadable device leaves it open. */
void
storage_follow_zfs(struct st *s, const char *src, const char *what)
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
        storage_fail(s, _("cannot read sys/class/block: %s"), strerror(errno));
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
                char *dirp = storage_block_dir(s, de->d_name);

                n_members++;
                if (dirp)
                    storage_walk(s, dirp, "", what, 0);
                else
                    storage_fail(s, _("cannot follow sys/class/block/%s: %s"), de->d_name,
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
        storage_fail(s, ngettext("%zu block device cannot be read to find the members of ZFS pool %s (%s)",
                            "%zu block devices cannot be read to find the members of ZFS pool %s (%s)",
                            n_unreadable),
                n_unreadable, pool, first);
    else if (!n_members)
        storage_fail(s, _("no block device is a member of ZFS pool %s"), pool);
}
