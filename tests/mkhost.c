/* mkhost.c - build a fixture sysroot: mkhost DESCRIPTION OUTDIR */
#include <config.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "host/fixture.h"

static char *
slurp(const char *path)
{
    FILE *f = fopen(path, "r");
    char *buf = NULL;
    size_t len = 0, cap = 0, n;

    if (!f)
        return NULL;
    do {
        if (len + 65536 + 1 > cap) {
            char *nb = realloc(buf, cap = len + 65536 * 4);

            if (!nb) {
                free(buf);
                fclose(f);
                return NULL;
            }
            buf = nb;
        }
        n = fread(buf + len, 1, cap - len - 1, f);
        len += n;
    } while (n > 0);
    buf[len] = '\0';
    fclose(f);
    return buf;
}

int
main(int argc, char **argv)
{
    char *desc, *err = NULL;

    if (argc != 3) {
        fprintf(stderr, "usage: mkhost DESCRIPTION OUTDIR\n");
        return 2;
    }
    if (!(desc = slurp(argv[1]))) {
        fprintf(stderr, "mkhost: %s: %s\n", argv[1], strerror(errno));
        return 2;
    }
    if (mkdir(argv[2], 0755) < 0 && errno != EEXIST) {
        fprintf(stderr, "mkhost: %s: %s\n", argv[2], strerror(errno));
        free(desc);
        return 2;
    }
    if (fixture_build(desc, argv[2], &err) < 0) {
        fprintf(stderr, "mkhost: %s: %s\n", argv[1], err ? err : "failed");
        free(err);
        free(desc);
        return 1;
    }
    free(desc);
    return 0;
}
