/* complete.c - Tab in the write prompt: completing a file name from
 * the directory it names, as a shell does */
#include <config.h>

#include "app-priv.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define MAX_MATCHES 4096

static int
cmp_str(const void *x, const void *y)
{
    return strcmp(*(char *const *)x, *(char *const *)y);
}

/* The directory that @dirpart ("", "sub/", "~/x/") names, in @buf. */
static const char *
dir_of(const char *dirpart, char *buf, size_t sz)
{
    const char *home = getenv("HOME");

    if (!dirpart[0])
        return ".";
    if (strncmp(dirpart, "~/", 2) == 0 && home)
        snprintf(buf, sz, "%s/%s", home, dirpart + 2);
    else
        snprintf(buf, sz, "%s", dirpart);
    return buf;
}

static bool
is_dir(const char *dir, const char *name)
{
    char path[4096 + 256 + 2];
    struct stat st;

    snprintf(path, sizeof(path), "%s/%s", dir, name);
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* The matches' common prefix, cut back to a whole character. */
static size_t
common_len(char **m, size_t n)
{
    size_t len = strlen(m[0]), i, k;

    for (i = 1; i < n; i++) {
        for (k = 0; k < len && m[i][k] == m[0][k]; k++)
            ;
        len = k;
    }
    if (len < strlen(m[0]) && len > 0)
        len = ui_line_next(m[0], ui_line_prev(m[0], len)) == len ? len : ui_line_prev(m[0], len);
    return len;
}

size_t
ui_complete_path(char *line, size_t sz, size_t *pos, char *list, size_t lsz)
{
    char head[512], base[512], dirbuf[4096], add[512];
    char **m = NULL;
    const char *dir;
    char *slash;
    size_t n = 0, i, blen, clen, used = 0;
    DIR *d;
    struct dirent *e;

    list[0] = '\0';
    snprintf(head, sizeof(head), "%.*s", (int)*pos, line);
    slash = strrchr(head, '/');
    snprintf(base, sizeof(base), "%s", slash ? slash + 1 : head);
    blen = strlen(base);
    if (slash)
        slash[1] = '\0';               /* head is now the directory part */
    else
        head[0] = '\0';
    dir = dir_of(head, dirbuf, sizeof(dirbuf));
    if (!(d = opendir(dir)))
        return 0;
    while ((e = readdir(d)) && n < MAX_MATCHES) {
        char **grown;

        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0 ||
            (e->d_name[0] == '.' && base[0] != '.') || strncmp(e->d_name, base, blen) != 0)
            continue;
        if (!(grown = realloc(m, (n + 1) * sizeof(*m))))
            break;
        m = grown;
        if (!(m[n] = strdup(e->d_name)))
            break;
        n++;
    }
    closedir(d);
    if (n == 0) {
        free(m);
        return 0;
    }
    qsort(m, n, sizeof(*m), cmp_str);
    clen = common_len(m, n);
    snprintf(add, sizeof(add), "%.*s%s", (int)(clen - blen), m[0] + blen,
             n == 1 && is_dir(dir, m[0]) ? "/" : "");
    if (add[0]) {
        ui_line_insert(line, sz, pos, add, strlen(add));
    } else if (n > 1) {
        for (i = 0; i < n && used + strlen(m[i]) + 3 < lsz; i++)
            used += (size_t)snprintf(list + used, lsz - used, "%s%s", i ? "  " : "", m[i]);
    }
    for (i = 0; i < n; i++)
        free(m[i]);
    free(m);
    return n;
}
