/* watch.c - the host watcher: libudev on the running host, inotify
 * under a --sysroot tree; one descriptor to poll either way. */
#include <config.h>

#include "watch.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

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
    free(w);
}

int
watch_fd(const struct watch *w)
{
    return w->fd;
}

int
watch_read(struct watch *w, char **err)
{
    return w->mon ? watch_udev_read(w, err) : watch_inotify_read(w, err);
}
