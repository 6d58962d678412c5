/* mdevsys.c - mdev create and remove, sriov_numvfs, through sysfs. */
#include <config.h>

#include "mdevsys.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#include "io/errmsg.h"
#include "i18n.h"
#include "sysread.h"
#include "sysval.h"

static const char *
root_of(const char *sysroot)
{
    return sysroot && strcmp(sysroot, "/") != 0 ? sysroot : "";
}

int
mdevsys_new_uuid(char out[37])
{
    unsigned char b[16];

    if (getrandom(b, sizeof(b), 0) != (ssize_t)sizeof(b))
        return -1;
    b[6] = (unsigned char)((b[6] & 0x0f) | 0x40);
    b[8] = (unsigned char)((b[8] & 0x3f) | 0x80);
    snprintf(out, 37, "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
             b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9],
             b[10], b[11], b[12], b[13], b[14], b[15]);
    return 0;
}

static bool
exists(const char *sysroot, const char *rel)
{
    char path[PATH_MAX];
    struct stat st;

    snprintf(path, sizeof(path), "%s%s", root_of(sysroot), rel);
    return lstat(path, &st) == 0;
}

int
mdevsys_create(const char *sysroot, const char *parent, const char *type,
               const char *uuid, bool dry_run, pcibind_trace_fn trace, void *ctx,
               char **err)
{
    char rel[512];

    snprintf(rel, sizeof(rel), "/sys/bus/pci/devices/%s/mdev_supported_types/%s/create",
             parent, type);
    if (pcibind_write(sysroot, rel, uuid, dry_run, trace, ctx, err) < 0)
        return -1;
    snprintf(rel, sizeof(rel), "/sys/bus/pci/devices/%s/%s/mdev_type", parent, uuid);
    if (!dry_run && !exists(sysroot, rel)) {
        errmsg_set(err, _("the kernel took the write, but mdev %s did not appear on %s"),
                   uuid, parent);
        return -1;
    }
    return 0;
}

int
mdevsys_remove(const char *sysroot, const char *parent, const char *uuid,
               bool dry_run, pcibind_trace_fn trace, void *ctx, char **err)
{
    char rel[512];

    snprintf(rel, sizeof(rel), "/sys/bus/pci/devices/%s/%s/remove", parent, uuid);
    if (pcibind_write(sysroot, rel, "1", dry_run, trace, ctx, err) < 0)
        return -1;
    snprintf(rel, sizeof(rel), "/sys/bus/pci/devices/%s/%s", parent, uuid);
    if (!dry_run && exists(sysroot, rel)) {
        errmsg_set(err, _("the kernel took the write, but mdev %s is still on %s"), uuid, parent);
        return -1;
    }
    return 0;
}

int
mdevsys_set_numvfs(const char *sysroot, const char *pf, int cur, int n,
                   bool dry_run, pcibind_trace_fn trace, void *ctx, char **err)
{
    char rel[256], val[16], path[PATH_MAX], buf[32];
    long got;

    snprintf(rel, sizeof(rel), "/sys/bus/pci/devices/%s/sriov_numvfs", pf);
    if (cur > 0 && n > 0 && pcibind_write(sysroot, rel, "0", dry_run, trace, ctx, err) < 0)
        return -1;
    snprintf(val, sizeof(val), "%d", n);
    if (pcibind_write(sysroot, rel, val, dry_run, trace, ctx, err) < 0)
        return -1;
    if (dry_run)
        return 0;
    snprintf(path, sizeof(path), "%s%s", root_of(sysroot), rel);
    if (sysread_small(AT_FDCWD, path, buf, sizeof(buf)) < 0 ||
        sysval_dec(buf, 0, 65535, &got) < 0 || got != n) {
        errmsg_set(err, _("%s: sriov_numvfs does not read back as %d"), pf, n);
        return -1;
    }
    return 0;
}
