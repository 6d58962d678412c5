/* readfd.c - read all that a file descriptor holds, up to a bound: the
 * one loop behind the /sys and /proc tables and the domain files. */
#include <config.h>

#include "readfd.h"

#include <errno.h>
#include <stdlib.h>
#include <unistd.h>

char *
readfd_all(int fd, size_t max, size_t *len)
{
    char *buf = NULL;
    size_t used = 0, cap = 0;
    int e;

    for (;;) {
        ssize_t n;

        if (used + 1 >= cap) {
            size_t ncap = cap ? cap * 2 : 16384;
            char *nb;

            /* room for one byte past @max, to see that there is one,
             * and the NUL */
            if (ncap > max + 2)
                ncap = max + 2;
            if (ncap <= used + 1) {
                e = EFBIG;
                goto error;
            }
            if (!(nb = realloc(buf, ncap))) {
                e = ENOMEM;
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
    buf[used] = '\0';
    if (len)
        *len = used;
    return buf;

 error:
    free(buf);
    errno = e;
    return NULL;
}
