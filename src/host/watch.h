/* watch.h - the host watcher: a file descriptor that becomes readable
 * when the host's devices change (udev on the running host, inotify
 * under a --sysroot tree), so that nothing polls. */
#ifndef VFIOTUI_WATCH_H
#define VFIOTUI_WATCH_H

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

/* Reads every pending event without blocking.  Returns how many of
 * them may change the host (0: none, a spurious wake-up), or -1 with
 * *err set when the watcher broke. */
int watch_read(struct watch *w, char **err);

#endif /* VFIOTUI_WATCH_H */
