/* watch_priv.h - the host watcher's state, shared by its two back ends
 * (watch_udev.c for the running host, watch_inotify.c for a tree). */
#ifndef VFIOTUI_WATCH_PRIV_H
#define VFIOTUI_WATCH_PRIV_H

#include "watch.h"

struct udev;
struct udev_monitor;

struct watch_dev {
    int wd;
    char addr[BDF_STRLEN];
};

struct watch {
    int fd;
    /* udev */
    struct udev *udev;
    struct udev_monitor *mon;
    /* inotify */
    char *devices;              /* <sysroot>/sys/bus/pci/devices */
    int wd_devices;             /* its watch */
    struct watch_dev *devs;     /* the device dirs' watches */
    size_t n_devs, cap_devs;
    int wd_max;                 /* the largest wd in devs, -1: none */
};

int watch_udev_open(struct watch *w, char **err);
int watch_udev_read(struct watch *w, struct watch_delta *d, char **err);
void watch_udev_close(struct watch *w);

int watch_inotify_open(struct watch *w, const char *sysroot, char **err);
int watch_inotify_read(struct watch *w, struct watch_delta *d, char **err);

/* Adds @addr to d->drivers (d->full without memory). */
void watch_delta_driver(struct watch_delta *d, const char *addr);
void watch_inotify_close(struct watch *w);

#endif /* VFIOTUI_WATCH_PRIV_H */
