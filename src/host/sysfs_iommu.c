/* sysfs_iommu.c - the sysfs reader's IOMMU groups (the kernel's list
 * per group against each device's iommu_group link), the links between
 * devices (parents, SR-IOV) once the model is in order, and the kernel
 * facts: release, host name, command line, IOMMU and vfio. */
#include <config.h>

#include "sysfs_priv.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "i18n.h"
#include "sysread.h"
#include "sysval.h"

static ssize_t
read_small(int dirfd, const char *path, char *buf, size_t size)
{
    return sysread_small(dirfd, path, buf, size);
}

/* ---- IOMMU groups ------------------------------------------------------ */

struct groups_rd {
    int *listed;                /* per device: the group listing it, or MODEL_NONE */
    int *bad;                   /* groups whose member list is not trustworthy */
    size_t n_bad;
    bool any_bad;               /* a listing problem no group id can be given for */
};

static bool
in_set(const int *v, size_t n, int x)
{
    size_t i;

    for (i = 0; i < n; i++)
        if (v[i] == x)
            return true;
    return false;
}

static void
set_add(int **v, size_t *n, int x)
{
    int *nv;

    if (in_set(*v, *n, x))
        return;
    if (!(nv = realloc(*v, (*n + 1) * sizeof(*nv))))
        return;
    nv[(*n)++] = x;
    *v = nv;
}

/* Reads one group's devices/ directory into g->listed. */
static void
read_group_members(struct rd *r, struct groups_rd *g, int gfd, int id)
{
    char p[64];
    int dfd;
    DIR *dir;
    struct dirent *de;

    snprintf(p, sizeof(p), "%d/devices", id);
    if ((dfd = openat(gfd, p, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0 ||
        !(dir = fdopendir(dfd))) {
        model_warn(r->h, _("IOMMU group %d: cannot read its device list (%s); its members are unknown"),
                   id, strerror(errno));
        if (dfd >= 0)
            close(dfd);
        set_add(&g->bad, &g->n_bad, id);
        return;
    }
    errno = 0;
    while ((de = readdir(dir))) {
        struct bdf a;
        int k;

        if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
            continue;
        if (strlen(de->d_name) != 12 || bdf_parse(de->d_name, &a) < 0 ||
            (k = model_find(r->h, &a)) < 0) {
            char *e = sysval_excerpt(de->d_name, strlen(de->d_name), 64);

            model_warn(r->h, _("IOMMU group %d lists '%s', which is not a PCI device here; its member list is not trustworthy"),
                       id, e ? e : "?");
            free(e);
            set_add(&g->bad, &g->n_bad, id);
            continue;
        }
        if (g->listed[k] != MODEL_NONE && g->listed[k] != id) {
            model_warn(r->h, _("%s is listed in IOMMU groups %d and %d"),
                       r->h->devs[k].addr_str, g->listed[k], id);
            set_add(&g->bad, &g->n_bad, id);
            set_add(&g->bad, &g->n_bad, g->listed[k]);
            r->h->devs[k].unknown |= MODEL_UNK_GROUP;
            continue;
        }
        g->listed[k] = id;
        errno = 0;
    }
    if (errno) {
        model_warn(r->h, _("IOMMU group %d: reading its device list failed (%s)"),
                   id, strerror(errno));
        set_add(&g->bad, &g->n_bad, id);
    }
    closedir(dir);
}

/* Lists sys/kernel/iommu_groups.  Only a truly absent directory means
 * "no IOMMU"; one that is there but cannot be read leaves the question
 * open (h->iommu_unknown). */
static void
read_group_dir(struct rd *r, struct groups_rd *g)
{
    const char *gp = "sys/kernel/iommu_groups";
    int gfd = openat(r->rootfd, gp, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    struct stat st;
    DIR *dir;
    struct dirent *de;

    if (gfd < 0 || !(dir = fdopendir(gfd))) {
        int e = errno;

        if (gfd >= 0)
            close(gfd);
        if (fstatat(r->rootfd, gp, &st, AT_SYMLINK_NOFOLLOW) < 0 && errno == ENOENT)
            return;             /* no IOMMU: a real state, not an error */
        model_warn(r->h, _("cannot read %s (%s): whether the IOMMU is on is unknown"),
                   gp, strerror(e));
        r->h->iommu_unknown = true;
        return;
    }
    if (r->only_groups) {
        /* the first screen's part: its groups alone */
        size_t i;

        for (i = 0; i < r->n_only_groups; i++)
            read_group_members(r, g, dirfd(dir), r->only_groups[i]);
        closedir(dir);
        return;
    }
    while ((de = readdir(dir))) {
        long id;

        if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
            continue;
        if (sysval_dec(de->d_name, 0, 1000000, &id) < 0) {
            char *e = sysval_excerpt(de->d_name, strlen(de->d_name), 64);

            model_warn(r->h, _("'%s' in sys/kernel/iommu_groups is not a group number; the group listing is not trustworthy"),
                       e ? e : "?");
            free(e);
            g->any_bad = true;
            continue;
        }
        read_group_members(r, g, dirfd(dir), (int)id);
    }
    closedir(dir);
}

/* Whether the link target @t ends in "/@id", the group that lists the
 * device: its directory was read, so it need not be looked at again. */
static bool
listed_target(const char *t, int id)
{
    char s[32];
    size_t n = (size_t)snprintf(s, sizeof(s), "/%d", id), len = strlen(t);

    return len > n && strcmp(t + len - n, s) == 0;
}

/* Reads the groups twice over: the kernel's list per group and each
 * device's own iommu_group link.  Where they disagree, or a list cannot
 * be read, the devices that are or may be in that group are marked
 * MODEL_UNK_GROUP; the link, when there is one, still gives the group,
 * so group-incomplete is judged on what is known. */
void
sysfs_read_groups(struct rd *r)
{
    struct model_host *h = r->h;
    struct groups_rd g;
    size_t i;

    memset(&g, 0, sizeof(g));
    if (!(g.listed = malloc((h->n_devs + 1) * sizeof(*g.listed))))
        return;
    for (i = 0; i < h->n_devs; i++)
        g.listed[i] = MODEL_NONE;
    read_group_dir(r, &g);

    for (i = 0; i < h->n_devs; i++) {
        struct model_dev *d = &h->devs[i];
        char *name = NULL;
        int st;
        long id = MODEL_NONE;

        const struct sysfs_found *f = &r->found[i];

        /* the group's directory was listed and read: it exists */
        st = f->group_errno >= 0 ?
             sysfs_judge_named(r, d->addr_str, f->dir, "iommu_group", f->group_link,
                               f->group_errno, "sys/kernel/iommu_groups", h->iommu_unknown,
                               g.listed[i] != MODEL_NONE && f->group_link &&
                               listed_target(f->group_link, g.listed[i]),
                               NULL, &name) : -1;
        if (st > 0 && sysval_dec(name, 0, 1000000, &id) < 0) {
            model_warn(r->h, _("%s: iommu_group links to '%s', not a group number"),
                       d->addr_str, name);
            st = -1;
        }
        free(name);
        free(r->found[i].group_link);   /* read once, not needed again */
        r->found[i].group_link = NULL;
        if (st < 0) {
            d->group = g.listed[i];
            d->unknown |= MODEL_UNK_GROUP;
            continue;
        }
        if (st == 0) {
            d->group = g.listed[i];
            if (g.listed[i] != MODEL_NONE) {
                model_warn(r->h, _("%s is listed in IOMMU group %d but has no iommu_group link"),
                           d->addr_str, g.listed[i]);
                set_add(&g.bad, &g.n_bad, g.listed[i]);
            }
            continue;
        }
        d->group = (int)id;
        if (g.listed[i] == (int)id)
            continue;
        if (g.listed[i] != MODEL_NONE) {
            model_warn(r->h, _("%s: its iommu_group link says group %ld, but group %d lists it"),
                       d->addr_str, id, g.listed[i]);
            set_add(&g.bad, &g.n_bad, g.listed[i]);
            d->unknown |= MODEL_UNK_GROUP;
        } else if (!h->iommu_unknown && !in_set(g.bad, g.n_bad, (int)id)) {
            model_warn(r->h, _("%s: its iommu_group link says group %ld, which does not list it"),
                       d->addr_str, id);
        }
        set_add(&g.bad, &g.n_bad, (int)id);
    }

    /* everything that is, or may be, in an untrustworthy group */
    for (i = 0; i < h->n_devs; i++) {
        struct model_dev *d = &h->devs[i];

        if (d->group != MODEL_NONE ? in_set(g.bad, g.n_bad, d->group)
                                   : (g.n_bad > 0 || g.any_bad))
            d->unknown |= MODEL_UNK_GROUP;
    }
    free(g.listed);
    free(g.bad);
}

/* Parents and SR-IOV links, once indices are final. */
void
sysfs_read_topology(struct rd *r)
{
    struct model_host *h = r->h;
    size_t i;

    for (i = 0; i < h->n_devs; i++) {
        struct model_dev *d = &h->devs[i];
        const struct sysfs_found *f;
        char *path;
        struct bdf a;
        size_t vf;
        int k;

        if (d->sysfs_path && (path = strdup(d->sysfs_path + 1))) {
            size_t end;
            char *up;

            /* the parent is the directory above, if it is a PCI device */
            if ((up = strrchr(path, '/'))) {
                *up = '\0';
                if (sysread_last_bdf(path, &a, &end) == 0 && end == strlen(path) &&
                    (k = model_find(h, &a)) >= 0)
                    d->parent = k;
            }
            free(path);
        }

        f = &r->found[i];
        if (f->has_physfn && (k = model_find(h, &f->physfn)) >= 0)
            d->physfn = k;
        d->n_virtfns = 0;
        if (f->n_virtfns && !(d->virtfns = malloc(f->n_virtfns * sizeof(*d->virtfns))))
            continue;
        for (vf = 0; vf < f->n_virtfns; vf++)
            if ((k = model_find(h, &f->virtfns[vf])) >= 0)
                d->virtfns[d->n_virtfns++] = (size_t)k;
    }
}

/* ---- host facts: kernel ------------------------------------------------ */

/* A kernel release or host name: printable ASCII without blanks, and
 * no NUL inside the @len bytes read. */
static bool
printable_word(const char *s, size_t len)
{
    size_t i;

    for (i = 0; i < len; i++)
        if ((unsigned char)s[i] <= 0x20 || (unsigned char)s[i] >= 0x7f)
            return false;
    return len > 0;
}

void
sysfs_read_kernel(struct rd *r, bool is_root)
{
    struct model_host *h = r->h;
    char buf[4096];
    ssize_t n;
    struct utsname u;
    static const char *const ko[] = { "", ".xz", ".zst", ".gz" };
    size_t i;

    if ((n = read_small(r->rootfd, "proc/sys/kernel/osrelease", buf, sizeof(buf))) > 0) {
        if (printable_word(buf, (size_t)n))
            h->kernel_release = strdup(buf);
        else
            sysfs_warn_value(r, "proc/sys/kernel", "osrelease", buf, (size_t)n);
    } else if (is_root && uname(&u) == 0) {
        h->kernel_release = strdup(u.release);
    }
    if (h->kernel_release) {
        int maj, min;

        if (sscanf(h->kernel_release, "%d.%d", &maj, &min) == 2) {
            h->kernel_major = maj;
            h->kernel_minor = min;
        }
    } else {
        model_warn(h, _("cannot read proc/sys/kernel/osrelease: the kernel version is unknown"));
    }

    if ((n = read_small(r->rootfd, "proc/sys/kernel/hostname", buf, sizeof(buf))) > 0) {
        if (printable_word(buf, (size_t)n))
            h->hostname = strdup(buf);
        else
            sysfs_warn_value(r, "proc/sys/kernel", "hostname", buf, (size_t)n);
    } else if (is_root && gethostname(buf, sizeof(buf)) == 0 &&
               printable_word(buf, strlen(buf))) {
        h->hostname = strdup(buf);
    }

    if (read_small(r->rootfd, "proc/cmdline", buf, sizeof(buf)) >= 0)
        h->cmdline = strdup(buf);
    else
        model_warn(h, _("cannot read proc/cmdline (%s): whether pcie_acs_override is set is unknown"),
                   strerror(errno));

    if (faccessat(r->rootfd, "sys/bus/pci/drivers/vfio-pci", F_OK, 0) == 0 ||
        faccessat(r->rootfd, "sys/module/vfio_pci", F_OK, 0) == 0) {
        h->vfio = MODEL_VFIO_LOADED;
    } else if (h->kernel_release) {
        char *builtin;

        h->vfio = MODEL_VFIO_ABSENT;
        for (i = 0; i < sizeof(ko) / sizeof(ko[0]); i++) {
            snprintf(buf, sizeof(buf), "lib/modules/%s/kernel/drivers/vfio/pci/vfio-pci.ko%s",
                     h->kernel_release, ko[i]);
            if (faccessat(r->rootfd, buf, F_OK, 0) == 0)
                h->vfio = MODEL_VFIO_INSTALLED;
        }
        snprintf(buf, sizeof(buf), "lib/modules/%s/modules.builtin", h->kernel_release);
        if ((builtin = sysfs_read_all(r->rootfd, buf))) {
            if (strstr(builtin, "vfio-pci.ko"))
                h->vfio = MODEL_VFIO_LOADED;
            free(builtin);
        }
    }
}
