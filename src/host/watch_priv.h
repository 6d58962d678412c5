/* watch_priv.h - the host watcher's state, shared by its two back ends
 * (watch_udev.c for the running host, watch_inotify.c for a tree). */
#ifndef VFIOTUI_WATCH_PRIV_H
#define VFIOTUI_WATCH_PRIV_H

struct udev;
struct udev_monitor;

struct watch {
    int fd;
    /* udev */
    struct udev *udev;
    struct udev_monitor *mon;
    /* inotify */
    char *devices;              /* <sysroot>/sys/bus/pci/devices */
    int wd_devices;             /* its watch */
};

int watch_udev_open(struct watch *w, char **err);
int watch_udev_read(struct watch *w, char **err);
void watch_udev_close(struct watch *w);

int watch_inotify_open(struct watch *w, const char *sysroot, char **err);
int watch_inotify_read(struct watch *w, char **err);
void watch_inotify_close(struct watch *w);

#endif /* VFIOTUI_WATCH_PRIV_H */
