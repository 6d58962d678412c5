/* fixture_store.c - the fixture writer's block devices (disks,
 * partitions, dm/md/bcache/nbd, btrfs), device nodes and mounts. */
#include <config.h>

#include "fixture_priv.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bdf.h"

static int add_block(struct fx *fx, const char *name, char *path, int major);

/* NVMe native multipath: the namespace head nvmeXnY sits on the
 * subsystem (devices/virtual/nvme-subsystem/nvme-subsysN), which links to
 * each controller, nvme0 and nvme1, under its PCI function. */
static int
disk_nvme_mp(struct fx *fx, const char *name, const char *on)
{
    char list[512];
    char sub[256], t[4096];
    char *a, *save = NULL;
    char *path;
    int n = 0;

    if (strlen(on) >= sizeof(list) || strlen(name) >= 64 || strchr(name, '/'))
        return fx_fail(fx, "bad nvme-mp disk");
    snprintf(list, sizeof(list), "%s", on);
    snprintf(sub, sizeof(sub), "sys/devices/virtual/nvme-subsystem/nvme-subsys%zu", fx->n_blocks);
    for (a = strtok_r(list, ",", &save); a; a = strtok_r(NULL, ",", &save), n++) {
        int di = fx_find_dev(fx, a);
        char ctrl[4096];

        if (di < 0)
            return fx_fail(fx, "disk %s: no device %s", name, a);
        snprintf(ctrl, sizeof(ctrl), "%s/nvme/nvme%d", fx->devs[di].path, n);
        if (snprintf(t, sizeof(t), "%s/subsysnqn", ctrl) >= (int)sizeof(t))
            return fx_fail(fx, "path too long");
        if (fx_putf(fx, t, "nqn.2014.08.org.nvmexpress:fixture\n") < 0)
            return -1;
        snprintf(t, sizeof(t), "%s/nvme%d", sub, n);
        if (fx_rel_link(fx, ctrl, t) < 0)
            return -1;
    }
    snprintf(t, sizeof(t), "%s/iopolicy", sub);
    if (fx_putf(fx, t, "numa\n") < 0)
        return -1;
    if (asprintf(&path, "%s/%s", sub, name) < 0)
        return fx_fail(fx, "out of memory");
    return add_block(fx, name, path, 259);
}

/* "disk NAME on=ADDR type=nvme|sata|scsi|usb|virtio" / "disk NAME type=iscsi [portal=IP]"
 * / "disk NAME type=nvme-mp on=ADDR,ADDR" */
int
fx_line_disk(struct fx *fx, char **tok, int ntok)
{
    struct fx_block *b, *v;
    const char *on = NULL, *type = "nvme", *portal = NULL;
    int i, di;
    char *base = NULL;

    for (i = 2; i < ntok; i++) {
        if (strncmp(tok[i], "on=", 3) == 0)
            on = tok[i] + 3;
        else if (strncmp(tok[i], "portal=", 7) == 0)
            portal = tok[i] + 7;
        else if (strncmp(tok[i], "type=", 5) == 0)
            type = tok[i] + 5;
        else
            return fx_fail(fx, "unknown disk key '%s'", tok[i]);
    }
    if (ntok < 2 || (!on && strcmp(type, "iscsi") != 0))
        return fx_fail(fx, "disk needs a name and on=ADDR");
    if (strcmp(type, "nvme-mp") == 0)
        return disk_nvme_mp(fx, tok[1], on);
    if (on && (di = fx_find_dev(fx, on)) < 0)
        return fx_fail(fx, "disk %s: no device %s", tok[1], on);
    if (!on)
        di = -1;
    if (strlen(tok[1]) >= sizeof(b->name) || strchr(tok[1], '/'))
        return fx_fail(fx, "bad disk name '%s'", tok[1]);
    if (strcmp(type, "nvme") == 0) {
        /* nvme0n1 -> controller nvme0 */
        char ctrl[64];
        size_t k = strcspn(tok[1] + 4, "n") + 4;

        snprintf(ctrl, sizeof(ctrl), "%.*s", (int)k, tok[1]);
        if (asprintf(&base, "%s/nvme/%s/%s", fx->devs[di].path, ctrl, tok[1]) < 0)
            base = NULL;
    } else if (strcmp(type, "sata") == 0) {
        if (asprintf(&base, "%s/ata%zu/host%zu/target%zu:0:0/%zu:0:0:0/block/%s",
                     fx->devs[di].path, fx->n_blocks + 1, fx->n_blocks,
                     fx->n_blocks, fx->n_blocks, tok[1]) < 0)
            base = NULL;
    } else if (strcmp(type, "scsi") == 0) {
        /* a SAS or Fibre Channel HBA: SCSI host right under the function */
        if (asprintf(&base, "%s/host%zu/target%zu:0:0/%zu:0:0:0/block/%s",
                     fx->devs[di].path, fx->n_blocks, fx->n_blocks, fx->n_blocks, tok[1]) < 0)
            base = NULL;
    } else if (strcmp(type, "usb") == 0) {
        /* usb-storage: xHCI -> root hub -> port -> interface -> SCSI host */
        if (asprintf(&base, "%s/usb2/2-%zu/2-%zu:1.0/host%zu/target%zu:0:0/%zu:0:0:0/block/%s",
                     fx->devs[di].path, fx->n_blocks + 1, fx->n_blocks + 1, fx->n_blocks,
                     fx->n_blocks, fx->n_blocks, tok[1]) < 0)
            base = NULL;
    } else if (strcmp(type, "iscsi") == 0) {
        /* iscsi_tcp: a software SCSI host under platform, not under PCI */
        if (on)
            return fx_fail(fx, "an iscsi disk is on no PCI device");
        if (asprintf(&base, "sys/devices/platform/host%zu/session%zu/target%zu:0:0/%zu:0:0:0/block/%s",
                     fx->n_blocks, fx->n_blocks + 1, fx->n_blocks, fx->n_blocks, tok[1]) < 0)
            base = NULL;
        if (base && portal) {
            char t[4096];

            snprintf(t, sizeof(t), "sys/devices/platform/host%zu/session%zu/connection%zu:0/"
                     "iscsi_connection/connection%zu:0/persistent_address",
                     fx->n_blocks, fx->n_blocks + 1, fx->n_blocks + 1, fx->n_blocks + 1);
            if (fx_putf(fx, t, "%s\n", portal) < 0) {
                free(base);
                return -1;
            }
        }
    } else if (strcmp(type, "virtio") == 0) {
        if (asprintf(&base, "%s/virtio%zu/block/%s", fx->devs[di].path,
                     fx->n_blocks, tok[1]) < 0)
            base = NULL;
    } else {
        return fx_fail(fx, "unknown disk type '%s'", type);
    }
    if (!base)
        return fx_fail(fx, "out of memory");
    if (!(v = realloc(fx->blocks, (fx->n_blocks + 1) * sizeof(*v)))) {
        free(base);
        return fx_fail(fx, "out of memory");
    }
    fx->blocks = v;
    b = &fx->blocks[fx->n_blocks++];
    memset(b, 0, sizeof(*b));
    snprintf(b->name, sizeof(b->name), "%s", tok[1]);
    b->path = base;
    b->major = strcmp(type, "nvme") == 0 ? 259 : strcmp(type, "virtio") == 0 ? 254 : 8;
    b->minor = fx->next_minor++;
    return 0;
}

static int
add_block(struct fx *fx, const char *name, char *path, int major)
{
    struct fx_block *v;

    if (!(v = realloc(fx->blocks, (fx->n_blocks + 1) * sizeof(*v)))) {
        free(path);
        return fx_fail(fx, "out of memory");
    }
    fx->blocks = v;
    v = &fx->blocks[fx->n_blocks++];
    memset(v, 0, sizeof(*v));
    snprintf(v->name, sizeof(v->name), "%s", name);
    v->path = path;
    v->major = major;
    v->minor = fx->next_minor++;
    return 0;
}

int
fx_write_block_common(struct fx *fx, const struct fx_block *b)
{
    char t[4096];

    snprintf(t, sizeof(t), "%s/dev", b->path);
    if (fx_putf(fx, t, "%d:%d\n", b->major, b->minor) < 0)
        return -1;
    snprintf(t, sizeof(t), "%s/holders", b->path);
    if (fx_mkdirs(fx, t) < 0)
        return -1;
    snprintf(t, sizeof(t), "%s/slaves", b->path);
    if (fx_mkdirs(fx, t) < 0)
        return -1;
    snprintf(t, sizeof(t), "%s/size", b->path);
    if (fx_putf(fx, t, "%d\n", 1000215216) < 0)
        return -1;
    snprintf(t, sizeof(t), "%s/uevent", b->path);
    if (fx_putf(fx, t, "MAJOR=%d\nMINOR=%d\nDEVNAME=%s\n", b->major, b->minor, b->name) < 0)
        return -1;
    snprintf(t, sizeof(t), "sys/class/block/%s", b->name);
    if (fx_rel_link(fx, b->path, t) < 0)
        return -1;
    snprintf(t, sizeof(t), "sys/dev/block/%d:%d", b->major, b->minor);
    return fx_rel_link(fx, b->path, t);
}

/* "part NAME of=DISK" */
int
fx_line_part(struct fx *fx, char **tok, int ntok)
{
    struct fx_block *disk;
    char *path;
    char t[4096];
    int n;

    if (ntok != 3 || strncmp(tok[2], "of=", 3) != 0)
        return fx_fail(fx, "usage: part NAME of=DISK");
    if (!(disk = fx_find_block(fx, tok[2] + 3)))
        return fx_fail(fx, "part %s: no disk %s", tok[1], tok[2] + 3);
    if (asprintf(&path, "%s/%s", disk->path, tok[1]) < 0)
        return fx_fail(fx, "out of memory");
    n = (int)strlen(tok[1]);
    while (n > 0 && tok[1][n - 1] >= '0' && tok[1][n - 1] <= '9')
        n--;
    if (add_block(fx, tok[1], path, disk->major) < 0)
        return -1;
    snprintf(t, sizeof(t), "%s/partition", path);
    return fx_putf(fx, t, "%s\n", tok[1] + n);
}

/* "dm NAME name=VG-LV [uuid=UUID] slaves=A,B" / "md NAME slaves=A,B" /
 * "bcache NAME slaves=BACKING,CACHE" / "nbd NAME" */
int
fx_line_virtual(struct fx *fx, char **tok, int ntok, enum fx_virt kind)
{
    static const char *const kw[] = { "dm", "md", "bcache", "nbd" };
    static const int majors[] = { 253, 9, 252, 43 };
    const char *dmname = NULL;
    const char *uuid = NULL;
    const char *size = NULL;
    char *slaves = NULL;
    char *path;
    char t[4096];
    char *s, *save = NULL;
    struct fx_block *self;
    int i;

    if (ntok < 2 || strchr(tok[1], '/') || strlen(tok[1]) >= sizeof(self->name))
        return fx_fail(fx, "%s needs a name", kw[kind]);
    for (i = 2; i < ntok; i++) {
        if (kind == FX_DM && strncmp(tok[i], "name=", 5) == 0)
            dmname = tok[i] + 5;
        else if (kind == FX_DM && strncmp(tok[i], "uuid=", 5) == 0)
            uuid = tok[i] + 5;
        else if (kind != FX_NBD && strncmp(tok[i], "slaves=", 7) == 0)
            slaves = tok[i] + 7;
        else if (kind == FX_NBD && strcmp(tok[i], "size=0") == 0)
            size = "0";
        else
            return fx_fail(fx, "unknown key '%s'", tok[i]);
    }
    if (!slaves && kind != FX_NBD)
        return fx_fail(fx, "%s %s needs slaves=", kw[kind], tok[1]);
    if (fx_find_block(fx, tok[1]))
        return fx_fail(fx, "block device %s given twice", tok[1]);
    if (asprintf(&path, "sys/devices/virtual/block/%s", tok[1]) < 0)
        return fx_fail(fx, "out of memory");
    if (add_block(fx, tok[1], path, majors[kind]) < 0)
        return -1;
    self = &fx->blocks[fx->n_blocks - 1];
    if (fx_write_block_common(fx, self) < 0)
        return -1;
    if (kind == FX_DM) {
        snprintf(self->dmname, sizeof(self->dmname), "%s", dmname ? dmname : tok[1]);
        snprintf(t, sizeof(t), "%s/dm/name", self->path);
        if (fx_putf(fx, t, "%s\n", self->dmname) < 0)
            return -1;
        snprintf(t, sizeof(t), "%s/dm/uuid", self->path);
        if (uuid ? fx_putf(fx, t, "%s\n", uuid) < 0 : fx_putf(fx, t, "LVM-%s\n", self->dmname) < 0)
            return -1;
    } else if (kind == FX_MD) {
        snprintf(t, sizeof(t), "%s/md/level", self->path);
        if (fx_putf(fx, t, "raid1\n") < 0)
            return -1;
    } else if (kind == FX_NBD && size) {
        /* not connected: no pid, no size */
        snprintf(t, sizeof(t), "%s/size", self->path);
        if (fx_putf(fx, t, "0\n") < 0)
            return -1;
    } else if (kind == FX_NBD) {
        snprintf(t, sizeof(t), "%s/pid", self->path);
        if (fx_putf(fx, t, "%d\n", 812) < 0)
            return -1;
    }
    for (s = slaves ? strtok_r(slaves, ",", &save) : NULL; s; s = strtok_r(NULL, ",", &save)) {
        struct fx_block *sl = fx_find_block(fx, s);
        char l[4096];

        self = &fx->blocks[fx->n_blocks - 1];
        if (!sl)
            return fx_fail(fx, "%s: no block device %s", tok[1], s);
        snprintf(l, sizeof(l), "%s/slaves/%s", self->path, sl->name);
        if (fx_rel_link(fx, sl->path, l) < 0)
            return -1;
        snprintf(l, sizeof(l), "%s/holders/%s", sl->path, self->name);
        if (fx_rel_link(fx, self->path, l) < 0)
            return -1;
    }
    return 0;
}

/* "btrfs UUID devices=A,B [label=L]": sys/fs/btrfs/UUID, as the kernel
 * lays it out, with devices/NAME links to each member's block device. */
int
fx_line_btrfs(struct fx *fx, char **tok, int ntok)
{
    char *devs = NULL;
    const char *label = "";
    char t[4096];
    char *s, *save = NULL;
    int i;

    if (ntok < 3 || strchr(tok[1], '/') || strlen(tok[1]) != 36)
        return fx_fail(fx, "usage: btrfs UUID devices=A,B [label=L]");
    for (i = 2; i < ntok; i++) {
        if (strncmp(tok[i], "devices=", 8) == 0)
            devs = tok[i] + 8;
        else if (strncmp(tok[i], "label=", 6) == 0)
            label = tok[i] + 6;
        else
            return fx_fail(fx, "unknown btrfs key '%s'", tok[i]);
    }
    if (!devs)
        return fx_fail(fx, "btrfs %s needs devices=", tok[1]);
    if (fx_mkdirs(fx, "sys/fs/btrfs/features") < 0)
        return -1;
    snprintf(t, sizeof(t), "sys/fs/btrfs/%s/label", tok[1]);
    if (fx_putf(fx, t, "%s\n", label) < 0)
        return -1;
    snprintf(t, sizeof(t), "sys/fs/btrfs/%s/metadata_uuid", tok[1]);
    if (fx_putf(fx, t, "%s\n", tok[1]) < 0)
        return -1;
    for (s = strtok_r(devs, ",", &save), i = 1; s; s = strtok_r(NULL, ",", &save), i++) {
        struct fx_block *b = fx_find_block(fx, s);

        if (!b)
            return fx_fail(fx, "btrfs: no block device %s", s);
        snprintf(t, sizeof(t), "sys/fs/btrfs/%s/devices/%s", tok[1], b->name);
        if (fx_rel_link(fx, b->path, t) < 0)
            return -1;
        snprintf(t, sizeof(t), "sys/fs/btrfs/%s/devinfo/%d/in_fs_metadata", tok[1], i);
        if (fx_putf(fx, t, "1\n") < 0)
            return -1;
    }
    return 0;
}

static void
be32(unsigned char *p, uint32_t v)
{
    p[0] = (unsigned char)(v >> 24);
    p[1] = (unsigned char)(v >> 16);
    p[2] = (unsigned char)(v >> 8);
    p[3] = (unsigned char)v;
}

/* "devnode NAME [zfs=POOL]": dev/NAME as a sparse 64 MiB image a prober
 * can read (the smallest ZFS vdev libblkid accepts); with zfs=, label 0
 * of a pool member: the nvlist's "name" pair at 16 KiB, four uberblocks
 * at 128 KiB (what libblkid's zfs_member probe needs). */
int
fx_line_devnode(struct fx *fx, char **tok, int ntok)
{
    const char *pool = NULL;
    char t[4096];
    int fd, i, ret = -1;

    if (ntok < 2 || !fx_find_block(fx, tok[1]))
        return fx_fail(fx, "usage: devnode BLOCK [zfs=POOL] (a block device given earlier)");
    for (i = 2; i < ntok; i++) {
        if (strncmp(tok[i], "zfs=", 4) == 0 && tok[i][4] && strlen(tok[i] + 4) < 200)
            pool = tok[i] + 4;
        else
            return fx_fail(fx, "unknown devnode key '%s'", tok[i]);
    }
    snprintf(t, sizeof(t), "dev/%s", tok[1]);
    if (fx_parent_dirs(fx, t) < 0)
        return -1;
    if ((fd = openat(fx->dfd, t, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644)) < 0)
        return fx_fail(fx, "create %s: %s", t, strerror(errno));
    if (ftruncate(fd, 64L * 1024 * 1024) < 0) {
        fx_fail(fx, "truncate %s: %s", t, strerror(errno));
        goto cleanup;
    }
    if (pool) {
        unsigned char nv[512];
        unsigned char ub[1024];
        size_t len = strlen(pool), pad = (len + 3) & ~(size_t)3;
        size_t n = 0;

        memset(nv, 0, sizeof(nv));
        nv[0] = 1;                              /* XDR encoding */
        nv[1] = 1;                              /* little-endian host */
        be32(nv + 8, 1);                        /* NV_UNIQUE_NAME */
        n = 12;
        be32(nv + n, (uint32_t)(12 + 4 + 12 + pad));   /* encoded size */
        be32(nv + n + 4, (uint32_t)(16 + 8 + 8 + len));  /* decoded size */
        be32(nv + n + 8, 4);
        memcpy(nv + n + 12, "name", 4);
        be32(nv + n + 16, 9);                   /* DATA_TYPE_STRING */
        be32(nv + n + 20, 1);
        be32(nv + n + 24, (uint32_t)len);
        memcpy(nv + n + 28, pool, len);
        if (pwrite(fd, nv, sizeof(nv), 16 * 1024) != (ssize_t)sizeof(nv)) {
            fx_fail(fx, "write %s: %s", t, strerror(errno));
            goto cleanup;
        }
        memset(ub, 0, sizeof(ub));
        for (i = 0; i < 8; i++)                 /* host-endian magic 0x00bab10c */
            ub[i] = (unsigned char)((0x00bab10cULL >> (8 * i)) & 0xff);
        ub[8] = 0x88;                           /* version 5000 */
        ub[9] = 0x13;
        for (i = 0; i < 4; i++) {
            if (pwrite(fd, ub, sizeof(ub), 128 * 1024 + i * 1024) != (ssize_t)sizeof(ub)) {
                fx_fail(fx, "write %s: %s", t, strerror(errno));
                goto cleanup;
            }
        }
    }
    ret = 0;

 cleanup:
    close(fd);
    return ret;
}

/* "mount SOURCE MOUNTPOINT FSTYPE [on=BLOCK] [opts=SUPEROPTS]" */
int
fx_line_mount(struct fx *fx, char **tok, int ntok)
{
    struct fx_mount *v, *m;
    const char *on = NULL, *opts = "rw";
    int i;

    if (ntok < 4)
        return fx_fail(fx, "usage: mount SOURCE MOUNTPOINT FSTYPE [on=BLOCK] [opts=OPTS]");
    for (i = 4; i < ntok; i++) {
        if (strncmp(tok[i], "on=", 3) == 0)
            on = tok[i] + 3;
        else if (strncmp(tok[i], "opts=", 5) == 0)
            opts = tok[i] + 5;
        else
            return fx_fail(fx, "unknown mount key '%s'", tok[i]);
    }
    if (!(v = realloc(fx->mnts, (fx->n_mnts + 1) * sizeof(*v))))
        return fx_fail(fx, "out of memory");
    fx->mnts = v;
    m = &v[fx->n_mnts++];
    memset(m, 0, sizeof(*m));
    if (!(m->src = strdup(tok[1])) || !(m->mp = strdup(tok[2])) ||
        !(m->type = strdup(tok[3])) || (on && !(m->on = strdup(on))) ||
        !(m->opts = strdup(opts)))
        return fx_fail(fx, "out of memory");
    return fx_appendf(fx, &fx->mounts, &fx->mounts_len, "%s %s %s rw,relatime 0 0\n",
                      tok[1], tok[2], tok[3]);
}

/* The MAJ:MIN mountinfo shows for a mount: its block device's, or an
 * anonymous 0:N for btrfs (each mount gets one), network and pseudo
 * filesystems. */
static void
mount_devno(struct fx *fx, const struct fx_mount *m, int *anon, int *maj, int *min)
{
    const struct fx_block *b = NULL;
    size_t i;

    if (m->on) {
        b = fx_find_block(fx, m->on);
    } else if (strcmp(m->type, "btrfs") == 0) {
        /* one superblock, one anonymous device, however many subvolumes */
        for (i = 0; &fx->mnts[i] != m; i++) {
            if (strcmp(fx->mnts[i].type, "btrfs") == 0 && strcmp(fx->mnts[i].src, m->src) == 0) {
                *maj = fx->mnts[i].maj;
                *min = fx->mnts[i].min;
                return;
            }
        }
    } else if (strncmp(m->src, "/dev/mapper/", 12) == 0) {
        for (i = 0; i < fx->n_blocks && !b; i++)
            if (strcmp(fx->blocks[i].dmname, m->src + 12) == 0)
                b = &fx->blocks[i];
    } else if (strncmp(m->src, "/dev/", 5) == 0) {
        b = fx_find_block(fx, m->src + 5);
    }
    if (b) {
        *maj = b->major;
        *min = b->minor;
    } else {
        *maj = 0;
        *min = (*anon)++;
    }
}

int
fx_write_mountinfo(struct fx *fx)
{
    char *text = NULL;
    size_t len = 0, i;
    int anon = 30, root_id = 1;
    int ret = -1;

    for (i = 0; i < fx->n_mnts; i++) {
        if (strcmp(fx->mnts[i].mp, "/") == 0)
            root_id = 24 + (int)i;
    }
    for (i = 0; i < fx->n_mnts; i++) {
        struct fx_mount *m = &fx->mnts[i];
        int maj, min, id = 24 + (int)i;

        mount_devno(fx, m, &anon, &maj, &min);
        m->maj = maj;
        m->min = min;
        if (fx_appendf(fx, &text, &len, "%d %d %d:%d / %s rw,relatime shared:%d - %s %s %s\n",
                       id, id == root_id ? 1 : root_id, maj, min, m->mp, (int)i + 1,
                       m->type, m->src, m->opts) < 0)
            goto cleanup;
    }
    if (fx_appendf(fx, &text, &len,
                   "%d %d 0:21 / /sys rw,nosuid,nodev,noexec,relatime shared:7 - sysfs sysfs rw\n"
                   "%d %d 0:22 / /proc rw,nosuid,nodev,noexec,relatime shared:12 - proc proc rw\n"
                   "%d %d 0:25 / /run rw,nosuid,nodev shared:13 - tmpfs tmpfs rw,mode=755\n",
                   90, root_id, 91, root_id, 92, root_id) < 0)
        goto cleanup;
    ret = fx_put(fx, "proc/self/mountinfo", text, len);

 cleanup:
    free(text);
    return ret;
}
