/* mdevsys.h - create and remove mediated devices and set a PF's number
 * of virtual functions through sysfs, as mdevctl and the kernel's
 * documentation do. */
#ifndef VFIOTUI_MDEVSYS_H
#define VFIOTUI_MDEVSYS_H

#include <stdbool.h>

#include "pcibind.h"

/* A new random (version 4) UUID into @out (37 bytes).  Returns 0, or -1
 * with errno set. */
int mdevsys_new_uuid(char out[37]);

/* Writes @uuid to PARENT/mdev_supported_types/TYPE/create, then checks
 * that the kernel made the device.  Returns 0, or -1 with *err set. */
int mdevsys_create(const char *sysroot, const char *parent, const char *type,
                   const char *uuid, bool dry_run, pcibind_trace_fn trace, void *ctx,
                   char **err);

/* Writes 1 to PARENT/UUID/remove and checks that it went. */
int mdevsys_remove(const char *sysroot, const char *parent, const char *uuid,
                   bool dry_run, pcibind_trace_fn trace, void *ctx, char **err);

/* Sets sriov_numvfs of @pf to @n; the kernel refuses a change between
 * two non-zero counts (EBUSY), so with @cur > 0 and @n > 0 it writes 0
 * first.  Checks the count read back. */
int mdevsys_set_numvfs(const char *sysroot, const char *pf, int cur, int n,
                       bool dry_run, pcibind_trace_fn trace, void *ctx, char **err);

#endif
