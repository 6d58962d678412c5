/* pcibind.h - bind a PCI device to a driver now, by address, the way
 * driverctl does: driver_override, unbind, drivers_probe. */
#ifndef VFIOTUI_PCIBIND_H
#define VFIOTUI_PCIBIND_H

#include <stdbool.h>

/* Called with each write before it is made (or instead, on a dry run):
 * @path is relative to the sysroot with a leading '/', @value the bytes
 * written without the newline. */
typedef void (*pcibind_trace_fn)(void *ctx, const char *path, const char *value);

/* The driver device @addr (full form) is bound to: 0 with *driver set
 * (NULL: none; the caller frees), or -1 with errno set. */
int pcibind_driver(const char *sysroot, const char *addr, char **driver);

/* Whether driver @name is registered (sys/bus/pci/drivers/NAME). */
bool pcibind_driver_loaded(const char *sysroot, const char *name);

/* With @target, sets the device's driver_override to it, unbinds it
 * from its driver and asks the kernel to probe it (which binds
 * @target).  Without, clears driver_override, unbinds it and, if
 * @probe, has the kernel probe it again (its own driver then takes
 * it).  @dry_run only traces.  Returns 0, or -1 with *err set (caller
 * frees). */
int pcibind_set(const char *sysroot, const char *addr, const char *target, bool probe,
                bool dry_run, pcibind_trace_fn trace, void *ctx, char **err);

/* Writes @value to the sysfs attribute @rel (relative to the sysroot,
 * with a leading '/') in one write, tracing it first; @dry_run only
 * traces.  Returns 0, or -1 with *err set (caller frees). */
int pcibind_write(const char *sysroot, const char *rel, const char *value, bool dry_run,
                  pcibind_trace_fn trace, void *ctx, char **err);

#endif /* VFIOTUI_PCIBIND_H */
