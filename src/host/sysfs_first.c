/* sysfs_first.c - the part of a big host the interface's first screen
 * shows: the devices of the lowest-numbered IOMMU groups, whole, until
 * there are about as many as asked for (the first addresses when there
 * are no groups to go by), so that the screen comes before the rest of
 * the host is read.  The whole host is read afterwards all the same
 * (session.c); what this part lacks is marked (model_host.partial_of). */
#include <config.h>

#include "sysfs_priv.h"

#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sysval.h"

static int
int_cmp(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;

    return (x > y) - (x < y);
}

static int
found_key_cmp(const void *key, const void *elem)
{
    return bdf_cmp(key, &((const struct sysfs_found *)elem)->addr);
}

/* The group numbers listed in @gfd, sorted; NULL with *n 0 if none or
 * out of memory.  Names that are not numbers are skipped here: the
 * whole read warns about them. */
static int *
list_groups(int gfd, size_t *n)
{
    DIR *dir;
    struct dirent *de;
    int *v = NULL;
    size_t cap = 0;
    int fd = dup(gfd);

    *n = 0;
    if (fd < 0 || !(dir = fdopendir(fd))) {
        if (fd >= 0)
            close(fd);
        return NULL;
    }
    while ((de = readdir(dir))) {
        long id;

        if (de->d_name[0] == '.' || sysval_dec(de->d_name, 0, 1000000, &id) < 0)
            continue;
        if (*n == cap) {
            int *nv = realloc(v, (cap = cap ? cap * 2 : 1024) * sizeof(*nv));

            if (!nv)
                break;
            v = nv;
        }
        v[(*n)++] = (int)id;
    }
    closedir(dir);
    if (*n > 1)
        qsort(v, *n, sizeof(*v), int_cmp);
    return v;
}

/* Marks in @keep the devices of @found that group @id lists; returns
 * how many were not marked before. */
static size_t
keep_members(int gfd, int id, const struct sysfs_found *found, size_t n_found, bool *keep)
{
    char p[64];
    int dfd;
    DIR *dir;
    struct dirent *de;
    size_t added = 0;

    snprintf(p, sizeof(p), "%d/devices", id);
    if ((dfd = openat(gfd, p, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0)
        return 0;
    if (!(dir = fdopendir(dfd))) {
        close(dfd);
        return 0;
    }
    while ((de = readdir(dir))) {
        struct bdf a;
        const struct sysfs_found *f;

        if (de->d_name[0] == '.' || bdf_parse(de->d_name, &a) < 0)
            continue;
        f = bsearch(&a, found, n_found, sizeof(*found), found_key_cmp);
        if (f && !keep[f - found]) {
            keep[f - found] = true;
            added++;
        }
    }
    closedir(dir);
    return added;
}

int
sysfs_first_select(struct rd *r, struct sysfs_found *found, size_t *n_found, size_t first)
{
    int gfd = openat(r->rootfd, "sys/kernel/iommu_groups", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    int *ids = NULL;
    size_t n_ids = 0, i, k, count = 0;
    bool *keep = calloc(*n_found ? *n_found : 1, sizeof(*keep));

    if (!keep) {
        if (gfd >= 0)
            close(gfd);
        return -1;
    }
    if (gfd >= 0)
        ids = list_groups(gfd, &n_ids);
    for (i = 0; i < n_ids && count < first; i++)
        count += keep_members(gfd, ids[i], found, *n_found, keep);
    if (count > 0) {
        /* the groups read: read_group_dir reads only these again */
        r->only_groups = ids;
        r->n_only_groups = i;
        ids = NULL;
    }
    else {
        /* no groups to go by: the first addresses */
        for (i = 0; i < *n_found && i < first; i++)
            keep[i] = true;
    }
    /* the rest's addresses, so that a disk or route there is known to
     * be on a device, only not this part's */
    if (!(r->h->unread = malloc((*n_found + 1) * sizeof(*r->h->unread)))) {
        free(keep);
        free(ids);
        if (gfd >= 0)
            close(gfd);
        return -1;
    }
    for (i = 0, k = 0; i < *n_found; i++)
        if (keep[i])
            found[k++] = found[i];
        else
            r->h->unread[r->h->n_unread++] = found[i].addr;
    *n_found = k;
    free(keep);
    free(ids);
    if (gfd >= 0)
        close(gfd);
    return 0;
}
