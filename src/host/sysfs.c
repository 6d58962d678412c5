/* sysfs.c - read <sysroot>/sys and <sysroot>/proc into the host model.
 *
 * Devices come from sys/bus/pci/devices, their identity and attributes
 * from our own strict reads (src/core/sysval), each file once through
 * the device's open directory, with the real libpci used for names from
 * pci.ids only: libpci turns a malformed id into 0000 or ffff.  Groups
 * come from sys/kernel/iommu_groups and each device's iommu_group link,
 * checked against each other, and the host facts the rules judge (root
 * disk, management NIC, kernel, vfio) from sys/class and proc.  Nothing
 * here needs root.  A malformed or unreadable file makes that field
 * unknown (MODEL_NONE and a bit in model_dev.unknown, or a host flag)
 * with a warning naming the file and its escaped value; never a
 * made-up value.  This file holds the device reader and the entry
 * point; the device links are in sysfs_link.c, the groups and kernel
 * facts in sysfs_iommu.c, the routes in sysfs_net.c (sysfs_priv.h). */
#include <config.h>

#include "sysfs.h"
#include "sysfs_priv.h"

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

/* Reads a whole /proc table, bounded.  Caller frees.  NULL (errno set)
 * if it is absent, unreadable, not a regular file or too large. */
char *
sysfs_read_all(int dirfd, const char *path)
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

static int
found_cmp(const void *a, const void *b)
{
    return bdf_cmp(&((const struct sysfs_found *)a)->addr, &((const struct sysfs_found *)b)->addr);
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
void
sysfs_warn_value(struct rd *r, const char *dev, const char *file, const char *val, size_t len)
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
    ssize_t n = sysread_attr(dfd, file, buf, size);

    if (n < 0) {
        if (errno == ENOENT && optional)
            return ATTR_ABSENT;
        model_warn(r->h, _("%s: cannot read %s (%s); the value is unknown"),
                   dev, file, strerror(errno));
        return ATTR_BAD;
    }
    if (strlen(buf) != (size_t)n) {
        sysfs_warn_value(r, dev, file, buf, (size_t)n);
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
        sysfs_warn_value(r, dev, file, buf, strlen(buf));
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
        sysfs_warn_value(r, dev, file, buf, strlen(buf));
        return ATTR_BAD;
    }
    return ATTR_OK;
}

/* What libpci is still used for: names from pci.ids.  Identity comes
 * from our own strict reads, since libpci turns a malformed id into
 * 0000 or ffff, and the header type from the 64 bytes of config space
 * anyone may read, read ourselves in one open, read and close. */
static void
fill_from_libpci(struct pci_access *pacc, int dfd, struct model_dev *d)
{
    int hdr = -1;

    /* Only bridge-class functions can have a type 1 or 2 header, so
     * config space is read just for those. */
    if (pci_header_needs_config(d->class_id)) {
        unsigned char cfg[64];
        int fd = openat(dfd, "config", O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);

        if (fd >= 0) {
            if (pread(fd, cfg, sizeof(cfg), 0) > PCI_HEADER_TYPE)
                hdr = cfg[PCI_HEADER_TYPE];
            close(fd);
        }
    }
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
read_ids(struct rd *r, int dfd, const struct sysfs_found *f, struct model_dev *d)
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
    if (r->brief)
        goto sriov;             /* list's text shows neither */
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

 sriov:
    switch (dev_dec(r, dfd, f->name, "sriov_totalvfs", true, 0, 65535, &t)) {
    case ATTR_OK:
        d->sriov_totalvfs = (int)t;
        /* kept in virtfns' place until sysfs_read_topology resolves them;
         * when sriov_numvfs cannot be told, assume all are active */
        d->n_virtfns = (size_t)t;
        switch (dev_dec(r, dfd, f->name, "sriov_numvfs", true, 0, t, &n)) {
        case ATTR_OK:
            d->n_virtfns = (size_t)n;
            d->sriov_numvfs = (int)n;
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
fill_own(struct rd *r, int dfd, const struct sysfs_found *f, const char *dir,
         struct model_dev *d)
{
    char buf[512];
    ssize_t n;
    long v;

    if (!dir) {
        d->unknown |= MODEL_UNK_DRIVER;
    } else {
        char *t = sysfs_read_target(dfd, "driver");
        int e = errno;

        if (sysfs_judge_named(r, f->name, dir, "driver", t, e, "sys/bus/pci/drivers", false,
                              false, &r->drivers, &d->driver) < 0)
            d->unknown |= MODEL_UNK_DRIVER;
        free(t);
    }

    /* the kernel writes boot_vga for display devices only */
    if (!model_dev_is_vga(d) && d->class_id != MODEL_NONE) {
        d->boot_vga = MODEL_TRI_NO;
    } else if (dev_dec(r, dfd, f->name, "boot_vga", true, 0, 1, &v) == ATTR_OK) {
        d->boot_vga = v ? MODEL_TRI_YES : MODEL_TRI_NO;
    }

    if (r->brief)
        return;                 /* list's text does not show them */
    n = sysread_attr(dfd, "reset_method", buf, sizeof(buf));
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
        sysfs_warn_value(r, f->name, "reset_method", buf, (size_t)n);
    } else if (errno != ENOENT) {
        model_warn(r->h, _("%s: cannot read reset_method (%s); reset methods unknown"),
                   f->name, strerror(errno));
    }
}

/* Reads the device list; each name must be a PCI address. */
static int
list_devices(struct rd *r, struct sysfs_found **out, size_t *n_out, char **err)
{
    int dfd = openat(r->rootfd, "sys/bus/pci/devices", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    DIR *dir;
    struct dirent *de;
    struct sysfs_found *v = NULL;
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
        struct sysfs_found f;

        memset(&f, 0, sizeof(f));
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
            struct sysfs_found *nv = realloc(v, (cap = cap ? cap * 2 : 256) * sizeof(*nv));

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
    if (n > 0 && n < cap) {
        struct sysfs_found *nv = realloc(v, n * sizeof(*nv));   /* give back the slack */

        if (nv)
            v = nv;
    }
    if (n > 1)
        qsort(v, n, sizeof(*v), found_cmp);
    *out = v;
    *n_out = n;
    return 0;
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
scan_pci(struct rd *r, struct sysfs_found *found, size_t n_found, bool quiet,
         char **err)
{
    struct pci_access *pacc;
    char pcipath[4096];
    volatile size_t i;          /* read after a longjmp */

    /* one allocation for all the devices */
    if (model_reserve_devs(r->h, r->h->n_devs + n_found) < 0 || !(pacc = pci_alloc()))
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
        struct sysfs_found *f = &found[i];
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
        f->dir = d->sysfs_path ? d->sysfs_path + 1 : NULL;     /* one copy */
        if ((dfd = openat(r->rootfd, p, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0) {
            model_warn(r->h, _("%s: cannot open its directory (%s); nothing about it is known"),
                       f->name, strerror(errno));
            d->unknown |= MODEL_UNK_IDS | MODEL_UNK_CLASS | MODEL_UNK_DRIVER |
                          MODEL_UNK_NUMA | MODEL_UNK_SUBSYS | MODEL_UNK_REVISION;
            sysfs_read_links(r, r->rootfd, f, d);
            free(dir);
            continue;
        }
        read_ids(r, dfd, f, d);
        fill_from_libpci(pacc, dfd, d);
        fill_own(r, dfd, f, dir, d);
        sysfs_read_links(r, dfd, f, d);
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
    struct sysfs_found *found = NULL;
    size_t n_found = 0;
    struct model_host *ret = NULL;
    struct storage_net net = { NULL, 0 };
    bool is_root;
    size_t i;

    memset(&r, 0, sizeof(r));
    r.root = opts->sysroot && *opts->sysroot ? opts->sysroot : "/";
    r.brief = opts->brief;
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
    r.found = found;
    r.n_found = n_found;
    /* found[] is sorted, so the model is already in address order */
    if (model_finish(r.h) < 0)
        goto cleanup;
    sysfs_read_groups(&r);
    if (model_finish(r.h) < 0)
        goto cleanup;
    sysfs_read_topology(&r);
    sysfs_read_kernel(&r, is_root);
    storage_read(r.rootfd, r.h, &net);
    sysfs_read_routes(&r, opts->ssh_connection, &net);
    sysfs_read_mdevs(&r);

    ret = r.h;
    r.h = NULL;

 cleanup:
    if (r.rootfd > 0)
        close(r.rootfd);
    for (i = 0; i < n_found; i++) {
        free(found[i].group_link);
        free(found[i].virtfns);
    }
    free(found);
    for (i = 0; i < r.drivers.n; i++)
        free(r.drivers.v[i]);
    free(r.drivers.v);
    storage_net_clear(&net);
    model_host_free(r.h);
    if (!ret && err && !*err)
        *err = strdup(_("out of memory"));
    return ret;
}

