/* watch_inotify.c - a --sysroot tree's changes through inotify: the
 * tree is plain files, so what a test (or a person) does to it shows
 * as directory entries made and removed, with no polling. */
#include <config.h>

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <unistd.h>

#include "i18n.h"
#include "watch_priv.h"
#include "io/errmsg.h"

/* What changes in a device's directory: its driver link made or
 * removed (bind, unbind), its files rewritten or touched, the
 * directory itself removed. */
#define DEV_MASK (IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO | IN_ATTRIB | \
                  IN_CLOSE_WRITE | IN_DELETE_SELF)
/* Entries made and removed: devices, groups, interfaces, drivers. */
#define DIR_MASK (IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO | IN_ATTRIB)

/* The directories beside bus/pci/devices that the model reads.  A
 * missing one (a tree without IOMMU groups) is just not watched. */
static const char *const dirs[] = {
    "sys/kernel/iommu_groups",
    "sys/class/net",
    "sys/bus/pci/drivers",
};

/* Watches one device, through its link in bus/pci/devices (inotify
 * follows it to the directory under sys/devices).  A device that went
 * again before it could be watched is no error: the re-read sees it
 * gone. */
static void
watch_device(struct watch *w, const char *name)
{
    char path[PATH_MAX];

    int wd;
    size_t i;

    if (name[0] == '.' || strlen(name) >= BDF_STRLEN ||
        snprintf(path, sizeof(path), "%s/%s", w->devices, name) >= (int)sizeof(path))
        return;
    if ((wd = inotify_add_watch(w->fd, path, DEV_MASK)) < 0)
        return;
    /* which device a watch is for, so that a driver link made or
     * removed needs only that device read again.  The kernel hands out
     * increasing wds and gives an inode watched already its old one, so
     * only a wd not above the largest can be in the list: no scan per
     * device (10,000 devices made it quadratic) */
    for (i = 0; wd <= w->wd_max && i < w->n_devs; i++) {
        if (w->devs[i].wd == wd) {
            strcpy(w->devs[i].addr, name);
            return;
        }
    }
    if (w->n_devs == w->cap_devs) {
        size_t cap = w->cap_devs ? w->cap_devs * 2 : 256;
        struct watch_dev *nd = realloc(w->devs, cap * sizeof(*nd));

        if (!nd)
            return;
        w->devs = nd;
        w->cap_devs = cap;
    }
    if (wd > w->wd_max)
        w->wd_max = wd;
    w->devs[w->n_devs].wd = wd;
    strcpy(w->devs[w->n_devs++].addr, name);
}

/* The device a watch is on, or NULL (the list, a group, a NIC...). */
static const char *
device_of(const struct watch *w, int wd)
{
    size_t i;

    for (i = 0; i < w->n_devs; i++)
        if (w->devs[i].wd == wd)
            return w->devs[i].addr;
    return NULL;
}

int
watch_inotify_open(struct watch *w, const char *sysroot, char **err)
{
    char path[PATH_MAX];
    struct dirent **names = NULL;
    int n, i;
    size_t k;

    if ((w->fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC)) < 0) {
        errmsg_set(err, _("cannot watch the host under %s: %s"), sysroot, strerror(errno));
        return -1;
    }
    if (asprintf(&w->devices, "%s/sys/bus/pci/devices", sysroot) < 0) {
        w->devices = NULL;
        errmsg_set(err, "%s", strerror(ENOMEM));
        return -1;
    }
    if ((w->wd_devices = inotify_add_watch(w->fd, w->devices, DIR_MASK | IN_ONLYDIR)) < 0) {
        errmsg_set(err, _("cannot watch %s: %s"), w->devices, strerror(errno));
        return -1;
    }
    for (k = 0; k < sizeof(dirs) / sizeof(dirs[0]); k++) {
        if (snprintf(path, sizeof(path), "%s/%s", sysroot, dirs[k]) < (int)sizeof(path))
            inotify_add_watch(w->fd, path, DIR_MASK | IN_ONLYDIR);
    }
    /* after the watch on the list, so a device made meanwhile is seen */
    if ((n = scandir(w->devices, &names, NULL, NULL)) < 0) {
        errmsg_set(err, _("cannot read %s: %s"), w->devices, strerror(errno));
        return -1;
    }
    for (i = 0; i < n; i++) {
        watch_device(w, names[i]->d_name);
        free(names[i]);
    }
    free(names);
    return 0;
}

int
watch_inotify_read(struct watch *w, struct watch_delta *d, char **err)
{
    char buf[16384] __attribute__((aligned(__alignof__(struct inotify_event))));
    int count = 0;

    for (;;) {
        ssize_t len = read(w->fd, buf, sizeof(buf));
        char *p;

        if (len < 0) {
            if (errno == EINTR)
                continue;
            if (errno == EAGAIN)
                return count;
            errmsg_set(err, _("cannot read the host's changes: %s"), strerror(errno));
            return -1;
        }
        for (p = buf; p < buf + len; ) {
            const struct inotify_event *e = (const struct inotify_event *)p;
            const char *dev;

            p += sizeof(*e) + e->len;
            if (e->mask & IN_IGNORED)
                continue;           /* a watched directory is gone */
            count++;
            dev = device_of(w, e->wd);
            if (dev && e->len && strcmp(e->name, "driver") == 0 &&
                (e->mask & (IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO)))
                watch_delta_driver(d, dev);
            else
                d->full = true;
            /* a new device: watch its driver link and files too */
            if (e->wd == w->wd_devices && (e->mask & (IN_CREATE | IN_MOVED_TO)) && e->len)
                watch_device(w, e->name);
        }
    }
}

void
watch_inotify_close(struct watch *w)
{
    if (w->fd >= 0)
        close(w->fd);
    w->fd = -1;
    free(w->devices);
    w->devices = NULL;
}
