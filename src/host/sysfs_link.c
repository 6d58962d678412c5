/* sysfs_link.c - the sysfs reader's device links: driver, iommu_group,
 * physfn and virtfnN, each read once through the device's open
 * directory during the scan (sysfs_read_links) and judged against what
 * the kernel writes (sysfs_judge_named), so that no later step walks
 * the long sys/devices path again. */
#include <config.h>

#include "sysfs_priv.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "i18n.h"
#include "sysread.h"
#include "sysval.h"

static bool
seen_has(const struct sysfs_seen *seen, const char *name)
{
    size_t i;

    for (i = 0; seen && i < seen->n; i++)
        if (strcmp(seen->v[i], name) == 0)
            return true;
    return false;
}

/* Judges the symlink @file in the device directory @dir (sysroot
 * relative, without symlinks), whose target readlinkat gave as @target
 * (NULL: readlinkat failed with @err), and returns NAME if it leads to
 * the existing directory "@under/NAME": the way the kernel writes
 * driver and iommu_group links.  Returns 1 and sets *name (caller
 * frees), 0 if there is no such link, or -1 with a warning when the
 * link is there but unreadable, absolute, dangling, looping or
 * pointing elsewhere (no warning when @quiet: the caller has said
 * why).  Whether "@under/NAME" exists is looked at only when neither
 * @exists nor @seen says so already. */
int
sysfs_judge_named(struct rd *r, const char *dev, const char *dir, const char *file,
                  const char *target, int err, const char *under, bool quiet,
                  bool exists, struct sysfs_seen *seen, char **name)
{
    char p[4096], q[4096];
    struct stat st;
    char *res = NULL;
    const char *base;
    int ret = -1;

    *name = NULL;
    if (!target) {
        if (err == ENOENT)
            return 0;
        if (quiet)
            return -1;
        if (err == EINVAL)
            model_warn(r->h, _("%s: %s is not a readable symbolic link; it is unknown"),
                       dev, file);
        else
            model_warn(r->h, _("%s: cannot read the %s link (%s); it is unknown"),
                       dev, file, strerror(err));
        return -1;
    }
    snprintf(p, sizeof(p), "%s/%s", dir, file);
    if (target[0] == '/' || !(res = sysread_resolve(p, target)) ||
        !(base = sysval_under(res, under))) {
        char *e = sysval_excerpt(target, strlen(target), 128);

        if (!quiet)
            model_warn(r->h, _("%s: the %s link points to '%s', not to a well-formed name in %s; it is unknown"),
                       dev, file, e ? e : "?", under);
        free(e);
        goto cleanup;
    }
    snprintf(q, sizeof(q), "%s/%s", under, base);
    if (!exists && !seen_has(seen, base)) {
        char **nv;

        if (fstatat(r->rootfd, q, &st, 0) < 0 || !S_ISDIR(st.st_mode)) {
            int e = S_ISLNK(st.st_mode) || S_ISDIR(st.st_mode) ? errno : ENOTDIR;

            if (!quiet)
                model_warn(r->h, _("%s: the %s link to %s dangles or loops (%s); it is unknown"),
                           dev, file, q, strerror(e));
            goto cleanup;
        }
        if (seen && (nv = realloc(seen->v, (seen->n + 1) * sizeof(*nv)))) {
            seen->v = nv;
            if ((nv[seen->n] = strdup(base)))
                seen->n++;
        }
    }
    if (!(*name = strdup(base)))
        goto cleanup;
    ret = 1;

 cleanup:
    free(res);
    return ret;
}

/* Reads the target of the link @file in @dfd into a new string, or
 * NULL with errno set. */
char *
sysfs_read_target(int dfd, const char *file)
{
    char t[4096];
    ssize_t n = readlinkat(dfd, file, t, sizeof(t) - 1);

    if (n < 0)
        return NULL;
    t[n] = '\0';
    return strdup(t);
}

/* The links the later steps judge (iommu_group, physfn, virtfnN), read
 * now through the device's open directory @dfd; @dfd is the sysroot
 * when the directory could not be opened. */
void
sysfs_read_links(struct rd *r, int dfd, struct sysfs_found *f, struct model_dev *d)
{
    char p[4200], t[4096], *path;
    size_t vf, n_vf = d->n_virtfns;     /* sriov_numvfs, from read_ids */
    ssize_t n;

    if (dfd == r->rootfd && f->dir)
        snprintf(p, sizeof(p), "%s/iommu_group", f->dir);
    else
        snprintf(p, sizeof(p), "iommu_group");
    f->group_errno = 0;
    if (!f->dir)
        f->group_errno = -1;
    else if (!(f->group_link = sysfs_read_target(dfd, p)))
        f->group_errno = errno;

    /* resolved against sys/bus/pci/devices/NAME, as the kernel's
     * relative targets are written; only the last component counts */
    snprintf(p, sizeof(p), "sys/bus/pci/devices/%s/physfn", f->name);
    if ((n = readlinkat(dfd, dfd == r->rootfd ? p : "physfn", t, sizeof(t) - 1)) >= 0) {
        t[n] = '\0';
        if ((path = sysread_resolve(p, t))) {
            f->has_physfn = bdf_parse(sysread_base(path), &f->physfn) == 0;
            free(path);
        }
    }
    if (dfd == r->rootfd || n_vf == 0 || !(f->virtfns = malloc(n_vf * sizeof(*f->virtfns))))
        return;
    for (vf = 0; vf < n_vf; vf++) {
        char name[32];

        snprintf(name, sizeof(name), "virtfn%zu", vf);
        if ((n = readlinkat(dfd, name, t, sizeof(t) - 1)) < 0)
            continue;
        t[n] = '\0';
        snprintf(p, sizeof(p), "sys/bus/pci/devices/%s/%s", f->name, name);
        if ((path = sysread_resolve(p, t))) {
            if (bdf_parse(sysread_base(path), &f->virtfns[f->n_virtfns]) == 0)
                f->n_virtfns++;
            free(path);
        }
    }
}
