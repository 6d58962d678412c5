/* pcibind.c - driver_override, unbind and drivers_probe under the
 * sysroot, as driverctl writes them. */
#include <config.h>

#include "pcibind.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "i18n.h"
#include "io/errmsg.h"
#include "sysread.h"

static const char *
root_of(const char *sysroot)
{
    return sysroot && strcmp(sysroot, "/") != 0 ? sysroot : "";
}

int
pcibind_driver(const char *sysroot, const char *addr, char **driver)
{
    char path[PATH_MAX], target[PATH_MAX];
    ssize_t n;

    *driver = NULL;
    snprintf(path, sizeof(path), "%s/sys/bus/pci/devices/%s/driver", root_of(sysroot), addr);
    if ((n = readlink(path, target, sizeof(target) - 1)) < 0)
        return errno == ENOENT ? 0 : -1;
    target[n] = '\0';
    if (!(*driver = strdup(sysread_base(target))))
        return -1;
    return 0;
}

bool
pcibind_driver_loaded(const char *sysroot, const char *name)
{
    char path[PATH_MAX];

    snprintf(path, sizeof(path), "%s/sys/bus/pci/drivers/%s", root_of(sysroot), name);
    return access(path, F_OK) == 0;
}

/* Writes @value to @rel (relative to the sysroot, leading '/'). */
static int
put(const char *sysroot, const char *rel, const char *value, bool dry_run,
    pcibind_trace_fn trace, void *ctx, char **err)
{
    char path[PATH_MAX];
    size_t len = strlen(value);
    int fd;

    if (trace)
        trace(ctx, rel, value);
    if (dry_run)
        return 0;
    snprintf(path, sizeof(path), "%s%s", root_of(sysroot), rel);
    if ((fd = open(path, O_WRONLY | O_CLOEXEC)) < 0) {
        errmsg_set(err, _("cannot open %s: %s"), rel, strerror(errno));
        return -1;
    }
    /* sysfs takes a whole value in one write; an empty one clears it */
    if (write(fd, len ? value : "\n", len ? len : 1) < 0) {
        errmsg_set(err, _("cannot write '%s' to %s: %s"), value, rel, strerror(errno));
        close(fd);
        return -1;
    }
    if (close(fd) < 0) {
        errmsg_set(err, _("cannot write '%s' to %s: %s"), value, rel, strerror(errno));
        return -1;
    }
    return 0;
}

int
pcibind_write(const char *sysroot, const char *rel, const char *value, bool dry_run,
              pcibind_trace_fn trace, void *ctx, char **err)
{
    return put(sysroot, rel, value, dry_run, trace, ctx, err);
}

int
pcibind_set(const char *sysroot, const char *addr, const char *target, bool probe,
            bool dry_run, pcibind_trace_fn trace, void *ctx, char **err)
{
    char rel[256];
    char *cur = NULL;

    if (pcibind_driver(sysroot, addr, &cur) < 0) {
        errmsg_set(err, _("cannot read the driver of %s: %s"), addr, strerror(errno));
        return -1;
    }
    snprintf(rel, sizeof(rel), "/sys/bus/pci/devices/%s/driver_override", addr);
    if (put(sysroot, rel, target ? target : "", dry_run, trace, ctx, err) < 0)
        goto fail;
    if (cur && (!target || strcmp(cur, target) != 0)) {
        snprintf(rel, sizeof(rel), "/sys/bus/pci/devices/%s/driver/unbind", addr);
        if (put(sysroot, rel, addr, dry_run, trace, ctx, err) < 0)
            goto fail;
    }
    if ((target && (!cur || strcmp(cur, target) != 0)) || (!target && probe)) {
        if (put(sysroot, "/sys/bus/pci/drivers_probe", addr, dry_run, trace, ctx, err) < 0)
            goto fail;
    }
    free(cur);
    return 0;
 fail:
    free(cur);
    return -1;
}
