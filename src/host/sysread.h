/* sysread.h - bounded, non-blocking reads of /sys and /proc files. */
#ifndef VFIOTUI_SYSREAD_H
#define VFIOTUI_SYSREAD_H

#include <stddef.h>
#include <sys/types.h>

#include "bdf.h"

/* The most a /proc table (mountinfo, route, swaps) may hold; more is
 * refused with EFBIG rather than read for ever (a /dev/zero symlink). */
#define SYSREAD_TABLE_MAX (4u * 1024 * 1024)

/* Opens PATH relative to DIRFD for reading without blocking (a FIFO
 * must not hang the program) and refuses anything but a regular file
 * (errno EINVAL for a FIFO, device or directory... EISDIR for a
 * directory).  Returns the descriptor, or -1 with errno set. */
int sysread_open(int dirfd, const char *path);

/* Reads a small attribute file into BUF (SIZE bytes, NUL-terminated)
 * and strips trailing newlines and blanks.  A file longer than SIZE - 1
 * is refused with EFBIG, never truncated into a different value.
 * Returns the length, or -1 with errno set. */
ssize_t sysread_small(int dirfd, const char *path, char *buf, size_t size);

/* Like sysread_small, for a device attribute in sysfs, in three system
 * calls instead of five: no fstat (a directory fails with EISDIR, a FIFO
 * without a writer reads empty, /dev/zero reads as too long or a NUL,
 * so each still fails to parse) and no read that only sees the end,
 * unless the first one filled BUF.  Returns the length, or -1 with
 * errno set. */
ssize_t sysread_attr(int dirfd, const char *path, char *buf, size_t size);

/* Reads a whole file of at most MAX bytes.  Returns a NUL-terminated
 * buffer the caller frees (its length in *LEN when LEN is not NULL),
 * or NULL with errno set (ENOENT, EACCES, EINVAL for a non-regular
 * file, EFBIG past MAX, ENOMEM). */
char *sysread_all(int dirfd, const char *path, size_t max, size_t *len);

/* The last path component of PATH, borrowed from it. */
const char *sysread_base(const char *path);

/* The last component of PATH that is a PCI address (0000:01:00.0),
 * searching from the end, into *OUT; *END_OFF (if not NULL) is where
 * that component ends.  Returns 0, or -1 if there is none. */
int sysread_last_bdf(const char *path, struct bdf *out, size_t *end_off);

/* Resolves the relative symlink LINK (relative to the sysroot ROOTFD)
 * into a sysroot-relative path without "..", e.g.
 * "sys/devices/pci0000:00/0000:00:01.0".  An absolute target is refused
 * (EINVAL): the kernel writes relative links only, and following one out
 * of a --sysroot tree would read the wrong host.  Returns a new string,
 * or NULL with errno set. */
char *sysread_link(int rootfd, const char *link);

/* The same for a link at LINK (sysroot relative) whose TARGET was read
 * already: LINK's directory joined with TARGET, ".." and "." applied.
 * NULL with errno EINVAL for an absolute TARGET. */
char *sysread_resolve(const char *link, const char *target);

#endif
