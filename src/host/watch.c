/* watch.c - the host watcher: libudev on the running host, inotify
 * under a --sysroot tree; one descriptor to poll either way. */
#include <config.h>

#include "watch.h"

#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "watch_priv.h"

struct watch *
watch_open(const char *sysroot, char **err)
{
    struct watch *w = calloc(1, sizeof(*w));
    bool live = !sysroot || strcmp(sysroot, "/") == 0;
    int rc;

    if (!w)
        return NULL;
    w->fd = -1;
    w->wd_devices = -1;
    w->wd_max = -1;
    rc = live ? watch_udev_open(w, err) : watch_inotify_open(w, sysroot, err);
    if (rc < 0) {
        watch_close(w);
        return NULL;
    }
    return w;
}

void
watch_close(struct watch *w)
{
    if (!w)
        return;
    if (w->mon || w->udev)
        watch_udev_close(w);
    else
        watch_inotify_close(w);
    free(w->devs);
    free(w);
}

int
watch_fd(const struct watch *w)
{
    return w->fd;
}

int
watch_read(struct watch *w, struct watch_delta *d, char **err)
{
    return w->mon ? watch_udev_read(w, d, err) : watch_inotify_read(w, d, err);
}

void
watch_delta_driver(struct watch_delta *d, const char *addr)
{
    size_t i;

    for (i = 0; i < d->n_drivers; i++)
        if (strcmp(d->drivers[i], addr) == 0)
            return;
    if (strlen(addr) >= BDF_STRLEN) {
        d->full = true;
        return;
    }
    if (d->n_drivers == d->cap_drivers) {
        size_t cap = d->cap_drivers ? d->cap_drivers * 2 : 8;
        char (*nd)[BDF_STRLEN] = realloc(d->drivers, cap * sizeof(*nd));

        if (!nd) {
            d->full = true;
            return;
        }
        d->drivers = nd;
        d->cap_drivers = cap;
    }
    strcpy(d->drivers[d->n_drivers++], addr);
}

void
watch_delta_clear(struct watch_delta *d)
{
    free(d->drivers);
    memset(d, 0, sizeof(*d));
}

int
watch_driver(const char *sysroot, const char *addr, char **driver)
{
    char path[PATH_MAX], target[PATH_MAX];
    const char *base;
    ssize_t n;

    *driver = NULL;
    if (snprintf(path, sizeof(path), "%s/sys/bus/pci/devices/%s", sysroot, addr) >= (int)sizeof(path) ||
        access(path, F_OK) < 0)
        return -1;
    strcat(path, "/driver");
    if ((n = readlink(path, target, sizeof(target) - 1)) < 0)
        return errno == ENOENT ? 0 : -1;
    target[n] = '\0';
    base = strrchr(target, '/');
    if (!(*driver = strdup(base ? base + 1 : target)))
        return -1;
    return 0;
}
