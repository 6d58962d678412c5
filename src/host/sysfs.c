/* sysfs.c - read <sysroot>/sys and <sysroot>/proc into the host model.
 *
 * Devices come from sys/bus/pci/devices, their identity and attributes
 * from our own strict reads (src/core/sysval), with the real libpci
 * (pointed at the same tree with its sysfs.path parameter) used for
 * names from pci.ids and bridges' header type only: libpci turns a
 * malformed id into 0000 or ffff.  Groups come from
 * sys/kernel/iommu_groups and each device's iommu_group link, checked
 * against each other, and the host facts the rules judge (root disk,
 * management NIC, kernel, vfio) from sys/class and proc.  Nothing here
 * needs root.  A malformed or unreadable file makes that field unknown
 * (MODEL_NONE and a bit in model_dev.unknown, or a host flag) with a
 * warning naming the file and its escaped value; never a made-up
 * value. */
#include <config.h>

#include "sysfs.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pci/pci.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "i18n.h"
#include "pci.h"
#include "storage.h"
#include "sysread.h"
#include "sysval.h"

/* libpci's error handler takes no user pointer and must not return, so
 * the jump target (and where warnings go) can only be file-static.  They
 * are set and cleared around each libpci call in this file. */
static jmp_buf pci_jmp;
static struct model_host *pci_warn_host;

static void __attribute__((noreturn, format(printf, 1, 2)))
pci_error_cb(char *msg, ...)
{
    (void)msg;
    longjmp(pci_jmp, 1);
}

static void __attribute__((format(printf, 1, 2)))
pci_warning_cb(char *msg, ...)
{
    char buf[512];
    va_list ap;

    va_start(ap, msg);
    vsnprintf(buf, sizeof(buf), msg, ap);
    va_end(ap);
    if (pci_warn_host)
        model_warn(pci_warn_host, "libpci: %s", buf);
}

static void __attribute__((format(printf, 1, 2)))
pci_debug_cb(char *msg, ...)
{
    (void)msg;
}

struct rd {
    int rootfd;
    const char *root;
    struct model_host *h;
    bool netfs;                 /* mark_iface: the NIC carries storage */
    /* mark_iface: the same reason as data (struct model_hold) */
    enum model_hold_kind hold_kind;
    const char *hold_target;    /* NETWORK: the mount point */
    const char *hold_iface;     /* the interface the route names */
};

static ssize_t
read_small(int dirfd, const char *path, char *buf, size_t size)
{
    return sysread_small(dirfd, path, buf, size);
}

/* Reads a whole /proc table, bounded.  Caller frees.  NULL (errno set)
 * if it is absent, unreadable, not a regular file or too large. */
static char *
read_all(int dirfd, const char *path)
{
    return sysread_all(dirfd, path, SYSREAD_TABLE_MAX, NULL);
}

static int
add_str(char ***v, size_t *n, const char *s)
{
    char **nv = realloc(*v, (*n + 1) * sizeof(*nv));

    if (!nv)
        return -1;
    *v = nv;
    if (!(nv[*n] = strdup(s)))
        return -1;
    (*n)++;
    return 0;
}

/* ---- devices --------------------------------------------------------- */

struct found {
    struct bdf addr;
    char name[BDF_STRLEN];
};

static int
found_cmp(const void *a, const void *b)
{
    return bdf_cmp(&((const struct found *)a)->addr, &((const struct found *)b)->addr);
}

static char *
lookup(struct pci_access *pacc, int flags, ...)
{
    char buf[512];
    char *r;
    va_list ap;

    int a1, a2, a3, a4;

    /* the order in which call arguments are evaluated is unspecified */
    va_start(ap, flags);
    a1 = va_arg(ap, int);
    a2 = va_arg(ap, int);
    a3 = va_arg(ap, int);
    a4 = va_arg(ap, int);
    va_end(ap);
    r = pci_lookup_name(pacc, buf, sizeof(buf), flags | PCI_LOOKUP_NO_NUMBERS, a1, a2, a3, a4);
    return r ? strdup(r) : NULL;
}

/* Warns that @file of @dev holds @val (@len bytes), which does not parse. */
static void
warn_value(struct rd *r, const char *dev, const char *file, const char *val, size_t len)
{
    char *e = sysval_excerpt(val, len, 64);

    model_warn(r->h, _("%s: %s holds '%s', which is not a valid value; the value is unknown"),
               dev, file, e ? e : "?");
    free(e);
}

enum { ATTR_OK = 0, ATTR_ABSENT = 1, ATTR_BAD = -1 };

/* Reads one attribute of the device at @dfd into @buf.  A missing file
 * is ATTR_ABSENT when @optional, else a warning and ATTR_BAD; so is a
 * file that cannot be read or holds a NUL. */
static int
dev_attr(struct rd *r, int dfd, const char *dev, const char *file, bool optional,
         char *buf, size_t size)
{
    ssize_t n = sysread_small(dfd, file, buf, size);

    if (n < 0) {
        if (errno == ENOENT && optional)
            return ATTR_ABSENT;
        model_warn(r->h, _("%s: cannot read %s (%s); the value is unknown"),
                   dev, file, strerror(errno));
        return ATTR_BAD;
    }
    if (strlen(buf) != (size_t)n) {
        warn_value(r, dev, file, buf, (size_t)n);
        return ATTR_BAD;
    }
    return ATTR_OK;
}

static int
dev_hex(struct rd *r, int dfd, const char *dev, const char *file, bool optional,
        unsigned long max, unsigned long *out)
{
    char buf[64];
    int st = dev_attr(r, dfd, dev, file, optional, buf, sizeof(buf));

    if (st != ATTR_OK)
        return st;
    if (sysval_hex(buf, max, out) < 0) {
        warn_value(r, dev, file, buf, strlen(buf));
        return ATTR_BAD;
    }
    return ATTR_OK;
}

static int
dev_dec(struct rd *r, int dfd, const char *dev, const char *file, bool optional,
        long min, long max, long *out)
{
    char buf[64];
    int st = dev_attr(r, dfd, dev, file, optional, buf, sizeof(buf));

    if (st != ATTR_OK)
        return st;
    if (sysval_dec(buf, min, max, out) < 0) {
        warn_value(r, dev, file, buf, strlen(buf));
        return ATTR_BAD;
    }
    return ATTR_OK;
}

/* Follows the symlink @file in the device directory @dir (sysroot
 * relative, without symlinks) and returns NAME if it leads to the
 * existing directory "@under/NAME": the way the kernel writes driver
 * and iommu_group links.  Returns 1 and sets *name (caller frees),
 * 0 if there is no such link, or -1 with a warning when the link is
 * there but unreadable, absolute, dangling, looping or pointing
 * elsewhere (no warning when @quiet: the caller has said why). */
static int
follow_named(struct rd *r, const char *dev, const char *dir, const char *file,
             const char *under, bool quiet, char **name)
{
    char p[4096], q[4096], target[4096];
    struct stat st;
    char *res = NULL;
    const char *base;
    ssize_t n;
    int ret = -1;

    *name = NULL;
    snprintf(p, sizeof(p), "%s/%s", dir, file);
    if (fstatat(r->rootfd, p, &st, AT_SYMLINK_NOFOLLOW) < 0) {
        if (errno == ENOENT)
            return 0;
        if (!quiet)
            model_warn(r->h, _("%s: cannot read the %s link (%s); it is unknown"),
                       dev, file, strerror(errno));
        return -1;
    }
    if (!S_ISLNK(st.st_mode) ||
        (n = readlinkat(r->rootfd, p, target, sizeof(target) - 1)) < 0) {
        if (!quiet)
            model_warn(r->h, _("%s: %s is not a readable symbolic link; it is unknown"),
                       dev, file);
        return -1;
    }
    target[n] = '\0';
    if (target[0] == '/' || !(res = sysread_link(r->rootfd, p)) ||
        !(base = sysval_under(res, under))) {
        char *e = sysval_excerpt(target, (size_t)n, 128);

        if (!quiet)
            model_warn(r->h, _("%s: the %s link points to '%s', not to a well-formed name in %s; it is unknown"),
                       dev, file, e ? e : "?", under);
        free(e);
        goto cleanup;
    }
    snprintf(q, sizeof(q), "%s/%s", under, base);
    if (fstatat(r->rootfd, q, &st, 0) < 0 || !S_ISDIR(st.st_mode)) {
        int e = S_ISLNK(st.st_mode) || S_ISDIR(st.st_mode) ? errno : ENOTDIR;

        if (!quiet)
            model_warn(r->h, _("%s: the %s link to %s dangles or loops (%s); it is unknown"),
                       dev, file, q, strerror(e));
        goto cleanup;
    }
    if (!(*name = strdup(base)))
        goto cleanup;
    ret = 1;

 cleanup:
    free(res);
    return ret;
}

/* What libpci is still used for: the header type from config space
 * (bridges only) and names from pci.ids.  Identity comes from our own
 * strict reads, since libpci turns a malformed id into 0000 or ffff. */
static void
fill_from_libpci(struct pci_access *pacc, const struct found *f, struct model_dev *d)
{
    struct pci_dev *volatile pd = NULL;     /* read after a longjmp */
    volatile int hdr = -1;

    /* Only bridge-class functions can have a type 1 or 2 header, so
     * config space (open, read, close) is read just for those. */
    if (pci_header_needs_config(d->class_id) && !setjmp(pci_jmp)) {
        pd = pci_get_dev(pacc, (int)f->addr.domain, (int)f->addr.bus,
                         (int)f->addr.slot, (int)f->addr.func);
        if (pd)
            hdr = pci_read_byte(pd, PCI_HEADER_TYPE);
    }
    if (pd)
        pci_free_dev(pd);
    d->header = pci_header(d->class_id, hdr);
    if (setjmp(pci_jmp))
        return;                 /* no pci.ids: the names stay unknown */
    if (d->vendor_id != MODEL_NONE)
        d->vendor_name = lookup(pacc, PCI_LOOKUP_VENDOR, d->vendor_id, 0, 0, 0);
    if (d->vendor_id != MODEL_NONE && d->device_id != MODEL_NONE)
        d->device_name = lookup(pacc, PCI_LOOKUP_DEVICE, d->vendor_id, d->device_id, 0, 0);
    if (d->class_id != MODEL_NONE)
        d->class_name = lookup(pacc, PCI_LOOKUP_CLASS, d->class_id, 0, 0, 0);
    if (d->subsys_vendor_id != MODEL_NONE && d->vendor_id != MODEL_NONE &&
        d->device_id != MODEL_NONE)
        d->subsys_name = lookup(pacc, PCI_LOOKUP_SUBSYSTEM | PCI_LOOKUP_VENDOR | PCI_LOOKUP_DEVICE,
                                d->vendor_id, d->device_id,
                                d->subsys_vendor_id, d->subsys_device_id);
}

/* Identity and the other attribute files, read strictly: a value that
 * does not parse stays unknown (MODEL_NONE and a bit in d->unknown)
 * with a warning naming the file and what it holds. */
static void
read_ids(struct rd *r, int dfd, const struct found *f, struct model_dev *d)
{
    unsigned long v, w;
    long n, t;

    if (dev_hex(r, dfd, f->name, "vendor", false, 0xffff, &v) == ATTR_OK &&
        dev_hex(r, dfd, f->name, "device", false, 0xffff, &w) == ATTR_OK) {
        d->vendor_id = (int)v;
        d->device_id = (int)w;
    } else {
        d->unknown |= MODEL_UNK_IDS;
    }
    if (dev_hex(r, dfd, f->name, "class", false, 0xffffff, &v) == ATTR_OK) {
        d->class_id = (int)(v >> 8);
        d->prog_if = (int)(v & 0xff);
    } else {
        d->unknown |= MODEL_UNK_CLASS;
    }
    /* revision and the subsystem files are optional (older kernels,
     * bridges); absent is not malformed */
    switch (dev_hex(r, dfd, f->name, "revision", true, 0xff, &v)) {
    case ATTR_OK:
        d->revision = (int)v;
        break;
    case ATTR_BAD:
        d->unknown |= MODEL_UNK_REVISION;
        break;
    }
    switch (dev_hex(r, dfd, f->name, "subsystem_vendor", true, 0xffff, &v)) {
    case ATTR_OK:
        if (dev_hex(r, dfd, f->name, "subsystem_device", false, 0xffff, &w) != ATTR_OK)
            d->unknown |= MODEL_UNK_SUBSYS;
        else if (v != 0 && v != 0xffff) {
            d->subsys_vendor_id = (int)v;
            d->subsys_device_id = (int)w;
        }
        break;
    case ATTR_BAD:
        d->unknown |= MODEL_UNK_SUBSYS;
        break;
    }
    switch (dev_dec(r, dfd, f->name, "numa_node", true, -1, 65535, &n)) {
    case ATTR_OK:
        d->numa_node = n >= 0 ? (int)n : MODEL_NONE;
        break;
    case ATTR_BAD:
        d->unknown |= MODEL_UNK_NUMA;
        break;
    }

    switch (dev_dec(r, dfd, f->name, "sriov_totalvfs", true, 0, 65535, &t)) {
    case ATTR_OK:
        d->sriov_totalvfs = (int)t;
        /* kept in virtfns' place until read_topology resolves them;
         * when sriov_numvfs cannot be told, assume all are active */
        d->n_virtfns = (size_t)t;
        switch (dev_dec(r, dfd, f->name, "sriov_numvfs", true, 0, t, &n)) {
        case ATTR_OK:
            d->n_virtfns = (size_t)n;
            break;
        case ATTR_BAD:
            d->unknown |= MODEL_UNK_SRIOV;
            break;
        }
        break;
    case ATTR_BAD:
        d->unknown |= MODEL_UNK_SRIOV;
        break;
    }
}

/* What we read ourselves: the files libpci does not interpret. */
static void
fill_own(struct rd *r, int dfd, const struct found *f, const char *dir,
         struct model_dev *d)
{
    char buf[512];
    ssize_t n;
    long v;

    if (!dir) {
        d->unknown |= MODEL_UNK_DRIVER;
    } else if (follow_named(r, f->name, dir, "driver", "sys/bus/pci/drivers", false, &d->driver) < 0) {
        d->unknown |= MODEL_UNK_DRIVER;
    }

    /* the kernel writes boot_vga for display devices only */
    if (!model_dev_is_vga(d) && d->class_id != MODEL_NONE) {
        d->boot_vga = MODEL_TRI_NO;
    } else if (dev_dec(r, dfd, f->name, "boot_vga", true, 0, 1, &v) == ATTR_OK) {
        d->boot_vga = v ? MODEL_TRI_YES : MODEL_TRI_NO;
    }

    n = sysread_small(dfd, "reset_method", buf, sizeof(buf));
    if (n >= 0 && strlen(buf) == (size_t)n) {
        char *tok, *save = NULL;
        bool ok = true;

        for (tok = strtok_r(buf, " \t", &save); tok; tok = strtok_r(NULL, " \t", &save)) {
            if (!sysval_name_ok(tok)) {
                char *e = sysval_excerpt(tok, strlen(tok), 64);

                model_warn(r->h, _("%s: reset_method lists '%s', which is not a reset method; reset methods unknown"),
                           f->name, e ? e : "?");
                free(e);
                ok = false;
                break;
            }
            add_str(&d->reset_methods, &d->n_reset_methods, tok);
        }
        if (ok) {
            d->reset_known = true;
        } else {
            while (d->n_reset_methods)
                free(d->reset_methods[--d->n_reset_methods]);
        }
    } else if (n >= 0) {
        warn_value(r, f->name, "reset_method", buf, (size_t)n);
    } else if (errno != ENOENT) {
        model_warn(r->h, _("%s: cannot read reset_method (%s); reset methods unknown"),
                   f->name, strerror(errno));
    }
}

/* Reads the device list; each name must be a PCI address. */
static int
list_devices(struct rd *r, struct found **out, size_t *n_out, char **err)
{
    int dfd = openat(r->rootfd, "sys/bus/pci/devices", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    DIR *dir;
    struct dirent *de;
    struct found *v = NULL;
    size_t n = 0, cap = 0;

    if (dfd < 0 || !(dir = fdopendir(dfd))) {
        if (asprintf(err, _("no PCI devices to read at %s/sys/bus/pci/devices: %s"),
                     strcmp(r->root, "/") == 0 ? "" : r->root, strerror(errno)) < 0)
            *err = NULL;
        if (dfd >= 0)
            close(dfd);
        return -1;
    }
    while ((de = readdir(dir))) {
        struct found f;
        if (de->d_name[0] == '.')
            continue;
        if (bdf_parse(de->d_name, &f.addr) < 0 || strlen(de->d_name) != 12) {
            char *e = sysval_excerpt(de->d_name, strlen(de->d_name), 64);

            model_warn(r->h, _("ignoring '%s' in sys/bus/pci/devices: not a PCI address"),
                       e ? e : "?");
            free(e);
            continue;
        }
        bdf_format(&f.addr, f.name);
        if (n == cap) {
            struct found *nv = realloc(v, (cap = cap ? cap * 2 : 256) * sizeof(*nv));

            if (!nv) {
                closedir(dir);
                free(v);
                return -1;
            }
            v = nv;
        }
        v[n++] = f;
    }
    closedir(dir);
    if (n > 1)
        qsort(v, n, sizeof(*v), found_cmp);
    *out = v;
    *n_out = n;
    return 0;
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

/* Reads the groups twice over: the kernel's list per group and each
 * device's own iommu_group link.  Where they disagree, or a list cannot
 * be read, the devices that are or may be in that group are marked
 * MODEL_UNK_GROUP; the link, when there is one, still gives the group,
 * so group-incomplete is judged on what is known. */
static void
read_groups(struct rd *r)
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

        st = d->sysfs_path ? follow_named(r, d->addr_str, d->sysfs_path + 1, "iommu_group",
                                          "sys/kernel/iommu_groups", h->iommu_unknown, &name) : -1;
        if (st > 0 && sysval_dec(name, 0, 1000000, &id) < 0) {
            model_warn(r->h, _("%s: iommu_group links to '%s', not a group number"),
                       d->addr_str, name);
            st = -1;
        }
        free(name);
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
static void
read_topology(struct rd *r)
{
    struct model_host *h = r->h;
    size_t i;

    for (i = 0; i < h->n_devs; i++) {
        struct model_dev *d = &h->devs[i];
        char p[512];
        char *path;
        struct bdf a;
        int k, vf, n_vf;

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

        snprintf(p, sizeof(p), "sys/bus/pci/devices/%s/physfn", d->addr_str);
        if ((path = sysread_link(r->rootfd, p))) {
            if (bdf_parse(sysread_base(path), &a) == 0 && (k = model_find(h, &a)) >= 0)
                d->physfn = k;
            free(path);
        }
        n_vf = (int)d->n_virtfns;       /* sriov_numvfs, from read_ids */
        d->n_virtfns = 0;
        for (vf = 0; vf < n_vf; vf++) {
            size_t *nv;

            snprintf(p, sizeof(p), "sys/bus/pci/devices/%s/virtfn%d", d->addr_str, vf);
            if (!(path = sysread_link(r->rootfd, p)))
                continue;
            if (bdf_parse(sysread_base(path), &a) == 0 && (k = model_find(h, &a)) >= 0 &&
                (nv = realloc(d->virtfns, (d->n_virtfns + 1) * sizeof(*nv)))) {
                d->virtfns = nv;
                d->virtfns[d->n_virtfns++] = (size_t)k;
            }
            free(path);
        }
    }
}

/* ---- host facts: management NIC --------------------------------------- */

/* Marks the PCI device(s) under interface @iface with @why.  Returns 0,
 * or -1 (with a warning) when @iface cannot be followed to a device:
 * the management NIC is then unknown. */
static int
mark_iface(struct rd *r, const char *iface, const char *why, int depth)
{
    char p[512];
    char *path;
    struct bdf a;
    int k, dfd, ret = 0;
    DIR *dir;
    struct dirent *de;

    if (depth > 4)
        return 0;
    if (!sysval_name_ok(iface)) {
        char *e = sysval_excerpt(iface, strlen(iface), 64);

        model_warn(r->h, _("the route table names interface '%s', which is not an interface name; the management NIC is unknown"),
                   e ? e : "?");
        free(e);
        return -1;
    }
    snprintf(p, sizeof(p), "sys/class/net/%s", iface);
    if (!(path = sysread_link(r->rootfd, p))) {
        model_warn(r->h, _("interface %s carries a route, but sys/class/net/%s cannot be followed (%s); the management NIC is unknown"),
                   iface, iface, strerror(errno));
        return -1;
    }
    if (sysread_last_bdf(path, &a, NULL) == 0 && (k = model_find(r->h, &a)) >= 0) {
        model_add_reason(r->netfs ? &r->h->devs[k].root_disk : &r->h->devs[k].mgmt_nic, why);
        free(path);
        if (model_add_hold(&r->h->devs[k], r->hold_kind, r->hold_target, NULL, 0,
                           r->hold_iface) < 0) {
            model_warn(r->h, "%s", _("out of memory"));
            return -1;
        }
        return 0;
    }
    free(path);
    /* bridges, bonds, VLANs: follow to the ports they sit on */
    snprintf(p, sizeof(p), "sys/class/net/%s/brif", iface);
    if ((dfd = openat(r->rootfd, p, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) >= 0) {
        if ((dir = fdopendir(dfd))) {
            while ((de = readdir(dir)))
                if (de->d_name[0] != '.' && mark_iface(r, de->d_name, why, depth + 1) < 0)
                    ret = -1;
            closedir(dir);
        } else {
            close(dfd);
        }
    }
    snprintf(p, sizeof(p), "sys/class/net/%s", iface);
    if ((dfd = openat(r->rootfd, p, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) >= 0) {
        if ((dir = fdopendir(dfd))) {
            while ((de = readdir(dir)))
                if (strncmp(de->d_name, "lower_", 6) == 0 &&
                    mark_iface(r, de->d_name + 6, why, depth + 1) < 0)
                    ret = -1;
            closedir(dir);
        } else {
            close(dfd);
        }
    } else {
        model_warn(r->h, _("cannot read sys/class/net/%s (%s); the management NIC is unknown"),
                   iface, strerror(errno));
        ret = -1;
    }
    return ret;
}

/* Marks the device(s) under @iface, which a route of @kind (towards
 * the mount point @target, or NULL) goes through, with @why. */
static int
mark_route(struct rd *r, enum model_hold_kind kind, const char *target,
           const char *iface, const char *why)
{
    r->hold_kind = kind;
    r->hold_target = target;
    r->hold_iface = iface;
    return mark_iface(r, iface, why, 0);
}

/* Network storage: the NIC that routes to its server (longest prefix,
 * the default route included) stays with the host; when that cannot be
 * told, every NIC with a route does. */
static void
mark_netfs(struct rd *r, const struct storage_net *net)
{
    char *text;
    size_t i;

    if (!net || !net->n || !(text = read_all(r->rootfd, "proc/net/route")))
        return;
    /* losing it loses a filesystem: host-root-disk, not host-mgmt-nic */
    r->netfs = true;
    for (i = 0; i < net->n; i++) {
        unsigned long ip = 0;
        bool v4 = net->fs[i].server && sysval_ipv4_le(net->fs[i].server, &ip) == 0;
        char best[64] = "";
        int best_len = -1, pass, n_marked = 0;

        for (pass = 0; pass < 2; pass++) {
            char *copy = strdup(text);
            char *line, *save = NULL;

            if (!copy)
                break;
            line = strtok_r(copy, "\n", &save);
            for (line = line ? strtok_r(NULL, "\n", &save) : NULL; line;
                 line = strtok_r(NULL, "\n", &save)) {
                char iface[64];
                unsigned long dest, gw, mask;
                unsigned int flags;
                char why[1600];

                if (sscanf(line, "%63s %lx %lx %x %*s %*s %*s %lx", iface, &dest, &gw, &flags, &mask) != 5 ||
                    !(flags & 0x1) || strcmp(iface, "lo") == 0)
                    continue;
                if (pass == 0) {
                    if (v4 && (ip & mask) == dest && __builtin_popcountl(mask) > best_len) {
                        best_len = __builtin_popcountl(mask);
                        snprintf(best, sizeof(best), "%s", iface);
                    }
                } else if (!best[0]) {
                    snprintf(why, sizeof(why), _("%s; its traffic may go through %s"),
                             net->fs[i].what, iface);
                    if (mark_route(r, MODEL_HOLD_NETWORK, net->fs[i].target, iface, why) < 0)
                        r->h->mgmt_nic_known = false;
                    n_marked++;
                }
            }
            free(copy);
            if (pass == 1 && !n_marked) {
                /* no NIC to flag: every NIC is in doubt instead */
                model_warn(r->h, _("%s, but no interface has a route; the NIC it needs is unknown"),
                           net->fs[i].what);
                r->h->mgmt_nic_known = false;
            }
            if (pass == 0 && best[0]) {
                char why[1600];

                snprintf(why, sizeof(why), _("%s; its traffic goes through %s"),
                         net->fs[i].what, best);
                if (mark_route(r, MODEL_HOLD_NETWORK, net->fs[i].target, best, why) < 0)
                    r->h->mgmt_nic_known = false;
                n_marked++;
                break;
            }
        }
    }
    r->netfs = false;
    r->hold_target = NULL;
    r->hold_iface = NULL;
    free(text);
}

/* Marks the NICs that carry the default routes and the SSH session.
 * mgmt_nic_known stays true only if both route tables were read whole
 * (an absent ipv6_route is a host without IPv6) and every interface
 * they name could be followed. */
static void
read_routes(struct rd *r, const char *ssh, const struct storage_net *net)
{
    char *v4 = read_all(r->rootfd, "proc/net/route");
    char *v6 = NULL;
    char *line, *save = NULL;
    char ssh_ip[64] = "";
    unsigned long ssh_le = 0;
    bool ssh_v4 = false, known = true;
    char best_if[64] = "";
    int best_len = -1;

    if (ssh && sscanf(ssh, "%*s %*s %63s", ssh_ip) == 1)
        ssh_v4 = sysval_ipv4_le(ssh_ip, &ssh_le) == 0;

    if (!v4) {
        model_warn(r->h, _("cannot read proc/net/route (%s): the management NIC is unknown"),
                   strerror(errno));
        known = false;
    }
    if (!(v6 = read_all(r->rootfd, "proc/net/ipv6_route")) && errno != ENOENT) {
        model_warn(r->h, _("cannot read proc/net/ipv6_route (%s): the management NIC is unknown"),
                   strerror(errno));
        known = false;
    }

    if (v4) {
        line = strtok_r(v4, "\n", &save);
        for (line = line ? strtok_r(NULL, "\n", &save) : NULL; line;
             line = strtok_r(NULL, "\n", &save)) {
            char iface[64];
            unsigned long dest, gw, mask;
            unsigned int flags;

            if (sscanf(line, "%63s %lx %lx %x %*s %*s %*s %lx", iface, &dest, &gw, &flags, &mask) != 5) {
                char *e = sysval_excerpt(line, strlen(line), 80);

                model_warn(r->h, _("proc/net/route has a line that does not parse ('%s'); the management NIC is unknown"),
                           e ? e : "?");
                free(e);
                known = false;
                continue;
            }
            if (dest == 0 && mask == 0 && (flags & 0x3) == 0x3) {
                char why[256];

                snprintf(why, sizeof(why), _("%s carries the default route"), iface);
                if (mark_route(r, MODEL_HOLD_DEFAULT_ROUTE, NULL, iface, why) < 0)
                    known = false;
            }
            if (ssh_v4 && (ssh_le & mask) == dest && mask != 0) {
                int len = __builtin_popcountl(mask);

                if (len > best_len) {
                    best_len = len;
                    snprintf(best_if, sizeof(best_if), "%s", iface);
                }
            }
        }
    }
    if (best_if[0]) {
        char why[256];

        snprintf(why, sizeof(why), _("%s carries your SSH session (%s)"), best_if, ssh_ip);
        if (mark_route(r, MODEL_HOLD_SSH, NULL, best_if, why) < 0)
            known = false;
    }

    if (v6) {
        save = NULL;
        for (line = strtok_r(v6, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
            char dest[64], plen[8], iface[64];

            if (sscanf(line, "%63s %7s %*s %*s %*s %*s %*s %*s %*s %63s", dest, plen, iface) != 3) {
                char *e = sysval_excerpt(line, strlen(line), 80);

                model_warn(r->h, _("proc/net/ipv6_route has a line that does not parse ('%s'); the management NIC is unknown"),
                           e ? e : "?");
                free(e);
                known = false;
                continue;
            }
            if (strcmp(dest, "00000000000000000000000000000000") == 0 &&
                strcmp(plen, "00") == 0 && strcmp(iface, "lo") != 0) {
                char why[256];

                snprintf(why, sizeof(why), _("%s carries the default IPv6 route"), iface);
                if (mark_route(r, MODEL_HOLD_DEFAULT_ROUTE6, NULL, iface, why) < 0)
                    known = false;
            }
        }
    }
    free(v4);
    free(v6);
    r->h->mgmt_nic_known = known;
    mark_netfs(r, net);
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

static void
read_kernel(struct rd *r, bool is_root)
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
            warn_value(r, "proc/sys/kernel", "osrelease", buf, (size_t)n);
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
            warn_value(r, "proc/sys/kernel", "hostname", buf, (size_t)n);
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
        if ((builtin = read_all(r->rootfd, buf))) {
            if (strstr(builtin, "vfio-pci.ko"))
                h->vfio = MODEL_VFIO_LOADED;
            free(builtin);
        }
    }
}

/* The device's real directory, sysroot relative ("sys/devices/..."),
 * or NULL with a warning: driver and group links are relative to it. */
static char *
dev_dir(struct rd *r, const char *name)
{
    char p[512];
    struct stat st;
    char *path;

    snprintf(p, sizeof(p), "sys/bus/pci/devices/%s", name);
    if ((path = sysread_link(r->rootfd, p)) && strncmp(path, "sys/devices/", 12) == 0)
        return path;
    free(path);
    if (fstatat(r->rootfd, p, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISDIR(st.st_mode))
        return strdup(p);
    model_warn(r->h, _("%s: sys/bus/pci/devices/%s does not lead into sys/devices; its driver and group are unknown"),
               name, name);
    return NULL;
}

/* Adds every device to the model.  Returns 0, or -1 with *err set. */
static int
scan_pci(struct rd *r, const struct found *found, size_t n_found, bool quiet,
         char **err)
{
    struct pci_access *pacc;
    char pcipath[4096];
    volatile size_t i;          /* read after a longjmp */

    if (!(pacc = pci_alloc()))
        return -1;
    snprintf(pcipath, sizeof(pcipath), "%s/sys/bus/pci",
             strcmp(r->root, "/") == 0 ? "" : r->root);
    /* libpci's warnings go into the model whatever -q says: check
     * reports them as findings */
    (void)quiet;
    pci_warn_host = r->h;
    if (setjmp(pci_jmp)) {
        if (err && asprintf(err, _("libpci cannot read %s"), pcipath) < 0)
            *err = NULL;
        pci_warn_host = NULL;
        return -1;              /* pacc is left: its state is unknown */
    }
    pacc->error = pci_error_cb;
    pacc->warning = pci_warning_cb;
    pacc->debug = pci_debug_cb;
    pacc->method = PCI_ACCESS_SYS_BUS_PCI;
    pci_set_param(pacc, "sysfs.path", pcipath);
    pci_set_param(pacc, "hwdb.disable", "1");
    pci_init(pacc);

    for (i = 0; i < n_found; i++) {
        const struct found *f = &found[i];
        int k = model_add_dev(r->h, &f->addr);
        struct model_dev *d;
        char p[512];
        char *dir;
        int dfd;

        if (k < 0)
            break;
        d = &r->h->devs[k];
        dir = dev_dir(r, f->name);
        if (dir && asprintf(&d->sysfs_path, "/%s", dir) < 0)
            d->sysfs_path = NULL;
        snprintf(p, sizeof(p), "sys/bus/pci/devices/%s", f->name);
        if ((dfd = openat(r->rootfd, p, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0) {
            model_warn(r->h, _("%s: cannot open its directory (%s); nothing about it is known"),
                       f->name, strerror(errno));
            d->unknown |= MODEL_UNK_IDS | MODEL_UNK_CLASS | MODEL_UNK_DRIVER |
                          MODEL_UNK_NUMA | MODEL_UNK_SUBSYS | MODEL_UNK_REVISION;
            free(dir);
            continue;
        }
        read_ids(r, dfd, f, d);
        fill_from_libpci(pacc, f, d);
        fill_own(r, dfd, f, dir, d);
        close(dfd);
        free(dir);
    }
    if (!setjmp(pci_jmp))
        pci_cleanup(pacc);
    pci_warn_host = NULL;
    return i == n_found ? 0 : -1;
}

void
sysfs_fill_names(struct model_host *h)
{
    struct pci_access *pacc = pci_alloc();
    size_t i;

    if (!pacc)
        return;
    pci_warn_host = NULL;
    if (setjmp(pci_jmp))
        return;                 /* no pci.ids: the names stay unknown */
    pacc->error = pci_error_cb;
    pacc->warning = pci_warning_cb;
    pacc->debug = pci_debug_cb;
    pci_set_param(pacc, "hwdb.disable", "1");
    for (i = 0; i < h->n_devs; i++) {
        struct model_dev *d = &h->devs[i];

        if (d->vendor_id == MODEL_NONE)
            continue;
        if (!d->vendor_name)
            d->vendor_name = lookup(pacc, PCI_LOOKUP_VENDOR, d->vendor_id, 0, 0, 0);
        if (!d->device_name && d->device_id != MODEL_NONE)
            d->device_name = lookup(pacc, PCI_LOOKUP_DEVICE, d->vendor_id, d->device_id, 0, 0);
        if (!d->class_name && d->class_id != MODEL_NONE)
            d->class_name = lookup(pacc, PCI_LOOKUP_CLASS, d->class_id, 0, 0, 0);
    }
    if (!setjmp(pci_jmp))
        pci_cleanup(pacc);
}

/* ---- entry point ------------------------------------------------------- */

struct model_host *
sysfs_read(const struct sysfs_opts *opts, char **err)
{
    struct rd r;
    struct found *found = NULL;
    size_t n_found = 0;
    struct model_host *ret = NULL;
    struct storage_net net = { NULL, 0 };
    bool is_root;

    memset(&r, 0, sizeof(r));
    r.root = opts->sysroot && *opts->sysroot ? opts->sysroot : "/";
    is_root = strcmp(r.root, "/") == 0;
    if (err)
        *err = NULL;
    if (!(r.h = model_host_new()))
        goto cleanup;
    if ((r.rootfd = open(r.root, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0) {
        if (err && asprintf(err, "%s: %s", r.root, strerror(errno)) < 0)
            *err = NULL;
        goto cleanup;
    }
    if (asprintf(&r.h->source, "sysfs:%s", r.root) < 0)
        r.h->source = NULL;

    if (list_devices(&r, &found, &n_found, err) < 0)
        goto cleanup;

    if (scan_pci(&r, found, n_found, opts->quiet, err) < 0)
        goto cleanup;
    /* found[] is sorted, so the model is already in address order */
    if (model_finish(r.h) < 0)
        goto cleanup;
    read_groups(&r);
    if (model_finish(r.h) < 0)
        goto cleanup;
    read_topology(&r);
    read_kernel(&r, is_root);
    storage_read(r.rootfd, r.h, &net);
    read_routes(&r, opts->ssh_connection, &net);

    ret = r.h;
    r.h = NULL;

 cleanup:
    if (r.rootfd > 0)
        close(r.rootfd);
    free(found);
    storage_net_clear(&net);
    model_host_free(r.h);
    if (!ret && err && !*err)
        *err = strdup(_("out of memory"));
    return ret;
}
