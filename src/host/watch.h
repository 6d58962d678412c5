/* watch.h - the host watcher: a file descriptor that becomes readable
 * when the host's devices change (udev on the running host, inotify
 * under a --sysroot tree), so that nothing polls. */
#ifndef VFIOTUI_WATCH_H
#define VFIOTUI_WATCH_H

#include <stdbool.h>
#include <stddef.h>

#include "bdf.h"

struct watch;

/* Watches the host under @sysroot: "/" (or NULL) is the running host,
 * watched through libudev's monitor (add, remove, bind, unbind and
 * change on the pci, block and net subsystems); any other directory is
 * a fixture tree, watched with inotify (devices appearing and going in
 * bus/pci/devices, each device's driver link and files, the IOMMU
 * groups, the network interfaces).  NULL with *err set (caller frees). */
struct watch *watch_open(const char *sysroot, char **err);
/* Accepts NULL. */
void watch_close(struct watch *w);

/* The descriptor to poll for reading.  Borrowed. */
int watch_fd(const struct watch *w);

/* What the pending events changed: only some devices' driver links
 * (bind, unbind), which can be read again one by one, or more (a device
 * made or gone, a group, a NIC...): then the whole host is read again. */
struct watch_delta {
    bool full;
    char (*drivers)[BDF_STRLEN];    /* devices whose driver changed */
    size_t n_drivers, cap_drivers;
};

/* Reads every pending event without blocking and adds what they
 * changed to @d (the caller's; watch_delta_clear() empties it).
 * Returns how many may change the host (0: none, a spurious wake-up),
 * or -1 with *err set when the watcher broke. */
int watch_read(struct watch *w, struct watch_delta *d, char **err);
void watch_delta_clear(struct watch_delta *d);

/* The driver device @addr of the host under @sysroot is bound to now:
 * 0 with *driver set (the caller's; NULL: none), or -1 when that cannot
 * be read (the device is gone...). */
int watch_driver(const char *sysroot, const char *addr, char **driver);

#endif /* VFIOTUI_WATCH_H */
