/* domfile.h - a domain (or hostdev) XML file on disk: hostdevs saved
 * into it with the XML of hostdev.h and the atomic write of
 * io/atomicfile.h. */
#ifndef VFIOTUI_DOMFILE_H
#define VFIOTUI_DOMFILE_H

#include <stdbool.h>
#include <stddef.h>

#include "bdf.h"

/* Saves hostdevs where the interface's F7 points, as `write` does: an
 * existing file gets them added (as domedit_file_add; atomicfile_replace,
 * so FILE~ is kept and a change made meanwhile is refused); a new path
 * gets hostdev_xml_doc in a file created atomically.  Returns 0 or -1. */
int domfile_save(const char *path, const struct bdf *addrs, size_t n, bool managed,
                 char **err);

struct hostdev_mdev;            /* hostdev.h */

/* As domfile_save, with the @n_m mdevs @m after the PCI devices. */
int domfile_save_all(const char *path, const struct bdf *addrs, size_t n,
                     const struct hostdev_mdev *m, size_t n_m, bool managed, char **err);

#endif /* VFIOTUI_DOMFILE_H */
