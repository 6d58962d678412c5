/* sysread.c - bounded, non-blocking reads of /sys and /proc files. */
#include <config.h>

#include "sysread.h"

#include <errno.h>
#include <stdio.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "io/readfd.h"

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

ssize_t
sysread_attr(int dirfd, const char *path, char *buf, size_t size)
{
    ssize_t n;
    int fd, e = 0;
    char spare;

    if (size < 2) {
        errno = EINVAL;
        return -1;
    }
    if ((fd = openat(dirfd, path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY)) < 0)
        return -1;
    /* One read: sysfs hands over a whole attribute at once, and a
     * regular file is short only at its end.  A full buffer may be
     * a longer file, so only then one more read looks for the end. */
    do {
        n = read(fd, buf, size - 1);
    } while (n < 0 && errno == EINTR);
    if (n < 0) {
        e = errno;
    } else if ((size_t)n == size - 1) {
        ssize_t m;

        do {
            m = read(fd, &spare, 1);
        } while (m < 0 && errno == EINTR);
        if (m != 0) {
            e = m < 0 ? errno : EFBIG;
            n = -1;
        }
    }
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
    char *buf;
    int fd, e;

    if ((fd = sysread_open(dirfd, path)) < 0)
        return NULL;
    buf = readfd_all(fd, max, len);
    e = errno;
    close(fd);
    if (!buf)
        errno = e;
    return buf;
}

const char *
sysread_base(const char *path)
{
    const char *s = strrchr(path, '/');

    return s ? s + 1 : path;
}

int
sysread_last_bdf(const char *path, struct bdf *out, size_t *end_off)
{
    const char *p = path + strlen(path);

    while (p > path) {
        const char *q = p;
        char comp[16];
        size_t len;

        while (q > path && q[-1] != '/')
            q--;
        len = (size_t)(p - q);
        if (len == 12) {
            memcpy(comp, q, len);
            comp[len] = '\0';
            if (bdf_parse(comp, out) == 0) {
                if (end_off)
                    *end_off = (size_t)(p - path);
                return 0;
            }
        }
        p = q > path ? q - 1 : path;
    }
    return -1;
}

char *
sysread_resolve(const char *link, const char *target)
{
    char out[8192];
    char *slash;
    const char *t;
    size_t olen;

    if (target[0] == '/') {
        errno = EINVAL;
        return NULL;
    }
    snprintf(out, sizeof(out), "%s", link);
    if ((slash = strrchr(out, '/')))
        *slash = '\0';
    else
        out[0] = '\0';
    olen = strlen(out);
    for (t = target; *t; ) {
        const char *e = strchr(t, '/');
        size_t clen = e ? (size_t)(e - t) : strlen(t);

        if (clen == 2 && t[0] == '.' && t[1] == '.') {
            char *s = strrchr(out, '/');

            if (s)
                *s = '\0';
            else
                out[0] = '\0';
            olen = strlen(out);
        } else if (!(clen == 1 && t[0] == '.') && clen > 0) {
            if (olen + clen + 2 >= sizeof(out)) {
                errno = ENAMETOOLONG;
                return NULL;
            }
            if (olen)
                out[olen++] = '/';
            memcpy(out + olen, t, clen);
            olen += clen;
            out[olen] = '\0';
        }
        t += clen;
        if (*t == '/')
            t++;
    }
    return strdup(out);
}

char *
sysread_link(int rootfd, const char *link)
{
    char target[4096];
    ssize_t n;

    if ((n = readlinkat(rootfd, link, target, sizeof(target) - 1)) < 0)
        return NULL;
    target[n] = '\0';
    return sysread_resolve(link, target);
}
