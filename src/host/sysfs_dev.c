/* sysfs_dev.c - the sysfs reader's per-device reads: identity from
 * config space (or the files where config is not believable, HACKING
 * "Identity from config"), the attribute files, the driver link and
 * the links the later steps judge (sysfs_link.c), all through the
 * device's open directory.  Nothing here touches libpci or anything
 * shared but the sysroot's descriptor: sysfs_read_dev runs on the
 * scan's threads (sysfs.c), each with its own struct rd, whose model
 * only collects that thread's warnings. */
#include <config.h>

#include "sysfs_priv.h"

#include <errno.h>
#include <fcntl.h>
#include <pci/header.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "i18n.h"
#include "pci.h"
#include "sysread.h"
#include "sysval.h"
/* What anyone may read of config space, and what ids_from_config took
 * from it. */
#define SYSFS_CONFIG_SIZE 64
enum { SYSFS_CFG_IDS = 1, SYSFS_CFG_CLASS = 2, SYSFS_CFG_SUBSYS = 4 };

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

/* The 64 bytes of config space anyone may read, into @cfg, in one
 * open, read and close.  Returns how many bytes were read (a FIFO, a
 * directory or a short file read fewer), or -1. */
static ssize_t
read_config(int dfd, unsigned char cfg[SYSFS_CONFIG_SIZE])
{
    int fd = openat(dfd, "config", O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
    ssize_t n;

    if (fd < 0)
        return -1;
    n = pread(fd, cfg, SYSFS_CONFIG_SIZE, 0);
    close(fd);
    return n;
}

static unsigned
cfg16(const unsigned char *cfg, int off)
{
    return (unsigned)cfg[off] | (unsigned)cfg[off + 1] << 8;
}

/* Identity from config space, as HACKING ("Identity from config")
 * says: used when all 64 bytes were read and they are believable: not
 * a vendor of 0000 (a /dev/zero) and not all ones (a device gone).  A
 * vendor or device of ffff (an SR-IOV VF reads so) takes both from the
 * files.  Returns the SYSFS_CFG_* bits of what config gave. */
static unsigned
ids_from_config(const unsigned char *cfg, ssize_t n, bool brief, struct model_dev *d)
{
    unsigned vendor, device, got = 0;

    if (n != SYSFS_CONFIG_SIZE)
        return 0;
    vendor = cfg16(cfg, 0x00);
    device = cfg16(cfg, 0x02);
    if (vendor == 0 || (vendor == 0xffff && device == 0xffff &&
                        cfg16(cfg, 0x08) == 0xffff && cfg16(cfg, 0x0a) == 0xffff))
        return 0;
    if (vendor != 0xffff && device != 0xffff) {
        d->vendor_id = (int)vendor;
        d->device_id = (int)device;
        got |= SYSFS_CFG_IDS;
    }
    d->revision = cfg[0x08];
    d->prog_if = cfg[0x09];
    d->class_id = (int)cfg16(cfg, 0x0a);
    got |= SYSFS_CFG_CLASS;
    /* a type 0 header has the subsystem at 2c; a bridge's is in a
     * capability, a CardBus bridge's past the 64 bytes: the files */
    if (!brief && (cfg[PCI_HEADER_TYPE] & 0x7f) == 0) {
        unsigned sv = cfg16(cfg, 0x2c), sd = cfg16(cfg, 0x2e);

        if (sv != 0 && sv != 0xffff) {
            d->subsys_vendor_id = (int)sv;
            d->subsys_device_id = (int)sd;
        }
        got |= SYSFS_CFG_SUBSYS;
    }
    return got;
}

/* Identity and the other attribute files, read strictly: a value that
 * does not parse stays unknown (MODEL_NONE and a bit in d->unknown)
 * with a warning naming the file and what it holds.  Config space gives
 * what it can (ids_from_config), the files the rest. */
static void
read_ids(struct rd *r, int dfd, const struct sysfs_found *f, struct model_dev *d)
{
    unsigned char cfg[SYSFS_CONFIG_SIZE];
    ssize_t n_cfg = read_config(dfd, cfg);
    unsigned got = ids_from_config(cfg, n_cfg, r->brief, d);
    unsigned long v, w;
    long n, t;

    if (!(got & SYSFS_CFG_IDS)) {
        if (dev_hex(r, dfd, f->name, "vendor", false, 0xffff, &v) == ATTR_OK &&
            dev_hex(r, dfd, f->name, "device", false, 0xffff, &w) == ATTR_OK) {
            d->vendor_id = (int)v;
            d->device_id = (int)w;
        } else {
            d->unknown |= MODEL_UNK_IDS;
        }
    }
    if (!(got & SYSFS_CFG_CLASS)) {
        if (dev_hex(r, dfd, f->name, "class", false, 0xffffff, &v) == ATTR_OK) {
            d->class_id = (int)(v >> 8);
            d->prog_if = (int)(v & 0xff);
        } else {
            d->unknown |= MODEL_UNK_CLASS;
        }
        /* revision and the subsystem files are optional (older
         * kernels, bridges); absent is not malformed */
        switch (dev_hex(r, dfd, f->name, "revision", true, 0xff, &v)) {
        case ATTR_OK:
            d->revision = (int)v;
            break;
        case ATTR_BAD:
            d->unknown |= MODEL_UNK_REVISION;
            break;
        }
    }
    /* only bridge-class functions can have a type 1 or 2 header */
    d->header = pci_header(d->class_id, n_cfg > PCI_HEADER_TYPE &&
                           pci_header_needs_config(d->class_id) ? cfg[PCI_HEADER_TYPE] : -1);
    if (r->brief)
        goto sriov;             /* list's text shows neither */
    if (got & SYSFS_CFG_SUBSYS)
        goto numa;
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

 numa:
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

/* Reads the device @f into @d (see sysfs_priv.h). */
void
sysfs_read_dev(struct rd *r, struct sysfs_found *f, struct model_dev *d)
{
    char p[512];
    char *dir = dev_dir(r, f->name);
    int dfd;

    if (dir && asprintf(&d->sysfs_path, "/%s", dir) < 0)
        d->sysfs_path = NULL;
    snprintf(p, sizeof(p), "sys/bus/pci/devices/%s", f->name);
    f->dir = d->sysfs_path ? d->sysfs_path + 1 : NULL;     /* one copy */
    f->opened = (dfd = openat(r->rootfd, p, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) >= 0;
    if (!f->opened) {
        model_warn(r->h, _("%s: cannot open its directory (%s); nothing about it is known"),
                   f->name, strerror(errno));
        d->unknown |= MODEL_UNK_IDS | MODEL_UNK_CLASS | MODEL_UNK_DRIVER |
                      MODEL_UNK_NUMA | MODEL_UNK_SUBSYS | MODEL_UNK_REVISION;
        f->warn_mid = r->h->n_warnings;
        sysfs_read_links(r, r->rootfd, f, d);
    } else {
        read_ids(r, dfd, f, d);
        f->warn_mid = r->h->n_warnings;         /* libpci's names go here */
        fill_own(r, dfd, f, dir, d);
        sysfs_read_links(r, dfd, f, d);
        close(dfd);
    }
    free(dir);
    f->warn_end = r->h->n_warnings;
}
