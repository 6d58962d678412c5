/* sysread.c - bounded, non-blocking reads of /sys and /proc files. */
#include <config.h>

#include "sysread.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int
sysread_open(int dirfd, const char *path)
{
    struct stat st;
    int fd = openat(dirfd, path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);

    if (fd < 0)
        return -1;
    if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
        int e = S_ISDIR(st.st_mode) ? EISDIR : EINVAL;

        close(fd);
        errno = e;
        return -1;
    }
    return fd;
}

/* Reads up to MAX bytes into BUF; one byte more means the file is too
 * long.  Returns the length or -1 (errno set). */
static ssize_t
read_upto(int fd, char *buf, size_t max)
{
    size_t total = 0;

    while (total <= max) {
        ssize_t n = read(fd, buf + total, max + 1 - total);

        if (n < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        if (n == 0)
            return (ssize_t)total;
        total += (size_t)n;
    }
    errno = EFBIG;
    return -1;
}

ssize_t
sysread_small(int dirfd, const char *path, char *buf, size_t size)
{
    ssize_t n;
    int fd, e;

    if (size < 2) {
        errno = EINVAL;
        return -1;
    }
    if ((fd = sysread_open(dirfd, path)) < 0)
        return -1;
    /* buf holds size - 1 characters and the NUL; read_upto may need
     * one more byte to see that the file is too long, so it reads at
     * most size - 2 and one spare. */
    n = read_upto(fd, buf, size - 2);
    e = errno;
    close(fd);
    if (n < 0) {
        errno = e;
        return -1;
    }
    buf[n] = '\0';
    while (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == ' ' || buf[n - 1] == '\t'))
        buf[--n] = '\0';
    return n;
}

char *
sysread_all(int dirfd, const char *path, size_t max, size_t *len)
{
    char *buf = NULL;
    size_t used = 0, cap = 0;
    int fd, e = 0;

    if ((fd = sysread_open(dirfd, path)) < 0)
        return NULL;
    for (;;) {
        ssize_t n;

        if (used + 4096 + 1 > cap) {
            size_t ncap = cap ? cap * 2 : 16384;
            char *nb;

            if (ncap > max + 4096 + 1)
                ncap = max + 4096 + 1;
            if (ncap <= used + 1 || !(nb = realloc(buf, ncap))) {
                e = ncap <= used + 1 ? EFBIG : ENOMEM;
                goto error;
            }
            buf = nb;
            cap = ncap;
        }
        n = read(fd, buf + used, cap - used - 1);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            e = errno;
            goto error;
        }
        if (n == 0)
            break;
        used += (size_t)n;
        if (used > max) {
            e = EFBIG;
            goto error;
        }
    }
    close(fd);
    buf[used] = '\0';
    if (len)
        *len = used;
    return buf;

 error:
    free(buf);
    close(fd);
    errno = e;
    return NULL;
}
