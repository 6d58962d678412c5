/* readfd.h - read all that a file descriptor holds, up to a bound. */
#ifndef VFIOTUI_READFD_H
#define VFIOTUI_READFD_H

#include <stddef.h>

/* Reads @fd to its end, at most @max bytes, retrying on EINTR.
 * Returns a new NUL-terminated buffer (free it) with *len (may be NULL)
 * set to the bytes read, or NULL with errno set: EFBIG when @fd holds
 * more than @max bytes, ENOMEM, or what read(2) said. */
char *readfd_all(int fd, size_t max, size_t *len);

#endif /* VFIOTUI_READFD_H */
