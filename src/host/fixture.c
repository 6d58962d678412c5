/* fixture.c - build a kernel-faithful sysroot from a compact description.
 *
 * The tree has the same files, symlinks and relative link targets as a
 * real /sys: bus/pci/devices/X points into devices/pci0000:00/..., nested
 * bridges are nested directories, drivers and IOMMU groups are relative
 * links.  The format is documented in tests/hosts/README. */
#include <config.h>

#include "fixture.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bdf.h"

#define FX_MAX_DEVS 65536

struct fx_dev {
    struct bdf addr;
    char name[BDF_STRLEN];
    int vendor, device, cls, rev, svendor, sdevice;
    int group;                  /* -1: none */
    char driver[64];
    int parent;                 /* index or -1 */
    int bridge;
    int sec;                    /* secondary bus if given, else -1 */
    char reset[128];            /* "" empty file; "-" absent */
    int boot_vga;               /* -1 not a VGA file */
    int numa;
    int totalvfs;               /* -1 */
    int physfn;                 /* index or -1 */
    int nvfs;                   /* filled while linking */
    char *path;                 /* "sys/devices/pci0000:00/.../ADDR" */
};

struct fx_block {
    char name[64];
    char dmname[128];           /* device-mapper name, "" if not dm */
    char *path;                 /* "sys/devices/.../NAME" */
    int major, minor;
};

struct fx_mount {
    char *src, *mp, *type;
    char *on;                   /* on=BLOCK: the device behind the mount */
    char *opts;                 /* opts=: superblock options */
    int maj, min;               /* as mountinfo shows it */
};

struct fx {
    const char *dir;
    int dfd;
    struct fx_dev *devs;
    size_t n_devs;
    struct fx_block *blocks;
    size_t n_blocks;
    char *release;
    char *cmdline;
    char *hostname;
    int vfio;                   /* 0 absent, 1 installed, 2 loaded */
    char *mounts;               /* accumulated proc/mounts text */
    size_t mounts_len;
    struct fx_mount *mnts;      /* for proc/self/mountinfo */
    size_t n_mnts;
    char *swaps;
    size_t swaps_len;
    char *route;
    size_t route_len;
    char *route6;
    size_t route6_len;
    int next_minor;
    int lineno;
    char *err;
};

static int
fx_fail(struct fx *fx, const char *fmt, ...)
{
    va_list ap;
    char *msg = NULL;

    if (fx->err)
        return -1;
    va_start(ap, fmt);
    if (vasprintf(&msg, fmt, ap) < 0)
        msg = NULL;
    va_end(ap);
    if (fx->lineno > 0) {
        if (asprintf(&fx->err, "line %d: %s", fx->lineno, msg ? msg : "?") < 0)
            fx->err = NULL;
        free(msg);
    } else {
        fx->err = msg;
    }
    return -1;
}

/* mkdir -p relative to the sysroot fd. */
static int
mkdirs(struct fx *fx, const char *rel)
{
    char buf[4096];
    char *p;

    if (snprintf(buf, sizeof(buf), "%s", rel) >= (int)sizeof(buf))
        return fx_fail(fx, "path too long: %s", rel);
    for (p = buf + 1; ; p++) {
        if (*p == '/' || *p == '\0') {
            char c = *p;

            *p = '\0';
            if (mkdirat(fx->dfd, buf, 0755) < 0 && errno != EEXIST)
                return fx_fail(fx, "mkdir %s: %s", buf, strerror(errno));
            *p = c;
            if (!c)
                break;
        }
    }
    return 0;
}

static int
parent_dirs(struct fx *fx, const char *rel)
{
    char buf[4096];
    char *slash;

    snprintf(buf, sizeof(buf), "%s", rel);
    if ((slash = strrchr(buf, '/'))) {
        *slash = '\0';
        return mkdirs(fx, buf);
    }
    return 0;
}

static int
put(struct fx *fx, const char *rel, const void *data, size_t len)
{
    int fd;

    if (parent_dirs(fx, rel) < 0)
        return -1;
    fd = openat(fx->dfd, rel, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0)
        return fx_fail(fx, "create %s: %s", rel, strerror(errno));
    if (len && write(fd, data, len) != (ssize_t)len) {
        close(fd);
        return fx_fail(fx, "write %s: %s", rel, strerror(errno));
    }
    close(fd);
    return 0;
}

static int
putf(struct fx *fx, const char *rel, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int
putf(struct fx *fx, const char *rel, const char *fmt, ...)
{
    char buf[4096];
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = vsnprintf(buf, sizeof(buf), fmt, ap);
    va_end(ap);
    if (n < 0 || n >= (int)sizeof(buf))
        return fx_fail(fx, "file %s too long", rel);
    return put(fx, rel, buf, (size_t)n);
}

/* A symlink at @link pointing at @target (both relative to the sysroot),
 * written as a relative link, as the kernel does. */
static int
rel_link(struct fx *fx, const char *target, const char *link)
{
    char rel[4096];
    const char *t = target, *l = link;
    const char *ls = link, *ts = target;
    size_t len = 0;

    /* skip the common leading directories */
    while (*t && *t == *l) {
        if (*t == '/') {
            ts = t + 1;
            ls = l + 1;
        }
        t++;
        l++;
    }
    rel[0] = '\0';
    for (l = ls; *l; l++) {
        if (*l == '/') {
            if (len + 3 >= sizeof(rel))
                return fx_fail(fx, "link path too long");
            memcpy(rel + len, "../", 4);
            len += 3;
        }
    }
    if (len + strlen(ts) + 1 > sizeof(rel))
        return fx_fail(fx, "link path too long");
    strcpy(rel + len, ts);
    if (parent_dirs(fx, link) < 0)
        return -1;
    if (symlinkat(rel, fx->dfd, link) < 0 && errno != EEXIST)
        return fx_fail(fx, "symlink %s: %s", link, strerror(errno));
    return 0;
}

static int
appendf(struct fx *fx, char **buf, size_t *len, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static int
appendf(struct fx *fx, char **buf, size_t *len, const char *fmt, ...)
{
    va_list ap;
    char *s = NULL;
    char *nb;
    int n;

    va_start(ap, fmt);
    n = vasprintf(&s, fmt, ap);
    va_end(ap);
    if (n < 0)
        return fx_fail(fx, "out of memory");
    if (!(nb = realloc(*buf, *len + (size_t)n + 1))) {
        free(s);
        return fx_fail(fx, "out of memory");
    }
    memcpy(nb + *len, s, (size_t)n + 1);
    *buf = nb;
    *len += (size_t)n;
    free(s);
    return 0;
}

static int
find_dev(const struct fx *fx, const char *name)
{
    struct bdf a;
    size_t i;

    if (bdf_parse(name, &a) < 0)
        return -1;
    for (i = fx->n_devs; i > 0; i--) {
        if (bdf_equal(&fx->devs[i - 1].addr, &a))
            return (int)(i - 1);
    }
    return -1;
}

static struct fx_block *
find_block(struct fx *fx, const char *name)
{
    size_t i;

    for (i = 0; i < fx->n_blocks; i++) {
        if (strcmp(fx->blocks[i].name, name) == 0)
            return &fx->blocks[i];
    }
    return NULL;
}

static int
parse_hex(const char *s, int *out, int max)
{
    char *end;
    long v;

    errno = 0;
    v = strtol(s, &end, 16);
    if (errno || end == s || *end || v < 0 || v > max)
        return -1;
    *out = (int)v;
    return 0;
}

static int
parse_int(const char *s, int *out)
{
    char *end;
    long v;

    errno = 0;
    v = strtol(s, &end, 10);
    if (errno || end == s || *end || v < -1 || v > 1000000)
        return -1;
    *out = (int)v;
    return 0;
}

static int
parse_ids(const char *s, int *v, int *d)
{
    char buf[16];
    char *colon;

    if (strlen(s) != 9)
        return -1;
    snprintf(buf, sizeof(buf), "%s", s);
    if (!(colon = strchr(buf, ':')))
        return -1;
    *colon = '\0';
    return parse_hex(buf, v, 0xffff) < 0 || parse_hex(colon + 1, d, 0xffff) < 0 ? -1 : 0;
}

/* "dev ADDR VVVV:DDDD class=CCSSPP key=value..." */
static int
line_dev(struct fx *fx, char **tok, int ntok)
{
    struct fx_dev *d, *v;
    int i;

    if (ntok < 3)
        return fx_fail(fx, "dev needs an address and vendor:device");
    if (fx->n_devs >= FX_MAX_DEVS)
        return fx_fail(fx, "too many devices");
    if (!(v = realloc(fx->devs, (fx->n_devs + 1) * sizeof(*v))))
        return fx_fail(fx, "out of memory");
    fx->devs = v;
    d = &fx->devs[fx->n_devs];
    memset(d, 0, sizeof(*d));
    if (bdf_parse(tok[1], &d->addr) < 0)
        return fx_fail(fx, "'%s' is not a PCI address", tok[1]);
    if (find_dev(fx, tok[1]) >= 0)
        return fx_fail(fx, "device %s given twice", tok[1]);
    bdf_format(&d->addr, d->name);
    if (parse_ids(tok[2], &d->vendor, &d->device) < 0)
        return fx_fail(fx, "'%s' is not vendor:device", tok[2]);
    d->cls = -1;
    d->rev = 0;
    d->svendor = d->sdevice = -1;
    d->group = -1;
    d->parent = -1;
    d->sec = -1;
    d->boot_vga = -1;
    d->numa = -1;
    d->totalvfs = -1;
    d->physfn = -1;
    strcpy(d->reset, "flr bus");
    for (i = 3; i < ntok; i++) {
        char *k = tok[i];
        char *val = strchr(k, '=');

        if (val)
            *val++ = '\0';
        if (strcmp(k, "bridge") == 0 && !val) {
            d->bridge = 1;
        } else if (strcmp(k, "boot_vga") == 0 && !val) {
            d->boot_vga = 1;
        } else if (!val) {
            return fx_fail(fx, "unknown flag '%s'", k);
        } else if (strcmp(k, "class") == 0) {
            if (parse_hex(val, &d->cls, 0xffffff) < 0 || strlen(val) != 6)
                return fx_fail(fx, "class must be 6 hex digits, not '%s'", val);
        } else if (strcmp(k, "rev") == 0) {
            if (parse_hex(val, &d->rev, 0xff) < 0)
                return fx_fail(fx, "bad revision '%s'", val);
        } else if (strcmp(k, "sub") == 0) {
            if (parse_ids(val, &d->svendor, &d->sdevice) < 0)
                return fx_fail(fx, "bad subsystem '%s'", val);
        } else if (strcmp(k, "group") == 0) {
            if (parse_int(val, &d->group) < 0 || d->group < 0)
                return fx_fail(fx, "bad group '%s'", val);
        } else if (strcmp(k, "driver") == 0) {
            if (strlen(val) >= sizeof(d->driver) || strchr(val, '/'))
                return fx_fail(fx, "bad driver name '%s'", val);
            strcpy(d->driver, val);
        } else if (strcmp(k, "parent") == 0) {
            if ((d->parent = find_dev(fx, val)) < 0)
                return fx_fail(fx, "parent %s is not a device given earlier", val);
            if (!fx->devs[d->parent].bridge)
                return fx_fail(fx, "parent %s is not a bridge", val);
        } else if (strcmp(k, "sec") == 0) {
            if (parse_hex(val, &d->sec, 0xff) < 0)
                return fx_fail(fx, "bad secondary bus '%s'", val);
        } else if (strcmp(k, "reset") == 0) {
            if (strlen(val) >= sizeof(d->reset))
                return fx_fail(fx, "reset list too long");
            if (strcmp(val, "none") == 0)
                d->reset[0] = '\0';
            else {
                char *c;

                strcpy(d->reset, val);
                for (c = d->reset; *c; c++)
                    if (*c == ',')
                        *c = ' ';
            }
        } else if (strcmp(k, "boot_vga") == 0) {
            if (parse_int(val, &d->boot_vga) < 0 || d->boot_vga > 1)
                return fx_fail(fx, "boot_vga is 0 or 1");
        } else if (strcmp(k, "numa") == 0) {
            if (parse_int(val, &d->numa) < 0)
                return fx_fail(fx, "bad numa node '%s'", val);
        } else if (strcmp(k, "totalvfs") == 0) {
            if (parse_int(val, &d->totalvfs) < 0)
                return fx_fail(fx, "bad totalvfs '%s'", val);
        } else if (strcmp(k, "physfn") == 0) {
            if ((d->physfn = find_dev(fx, val)) < 0)
                return fx_fail(fx, "physfn %s is not a device given earlier", val);
        } else {
            return fx_fail(fx, "unknown key '%s'", k);
        }
    }
    if (d->cls < 0)
        return fx_fail(fx, "dev %s has no class=", d->name);
    if (d->physfn >= 0) {
        /* VFs are siblings of their PF, as in the kernel */
        if (d->parent < 0)
            d->parent = fx->devs[d->physfn].parent;
    }
    if (d->boot_vga < 0 && (d->cls >> 16) == 0x03)
        d->boot_vga = 0;
    if (d->parent >= 0) {
        if (asprintf(&d->path, "%s/%s", fx->devs[d->parent].path, d->name) < 0)
            d->path = NULL;
    } else if (asprintf(&d->path, "sys/devices/pci%04x:%02x/%s",
                        d->addr.domain, d->addr.bus, d->name) < 0) {
        d->path = NULL;
    }
    if (!d->path)
        return fx_fail(fx, "out of memory");
    fx->n_devs++;
    return 0;
}

static void
put16(unsigned char *c, int off, int v)
{
    c[off] = (unsigned char)(v & 0xff);
    c[off + 1] = (unsigned char)((v >> 8) & 0xff);
}

/* Highest bus number at or below bridge @b. */
static int
subordinate(const struct fx *fx, int b)
{
    int max = fx->devs[b].sec;
    size_t i;

    for (i = 0; i < fx->n_devs; i++) {
        int p = fx->devs[i].parent;

        if (p < 0)
            continue;
        while (p >= 0 && p != b)
            p = fx->devs[p].parent;
        if (p == b && (int)fx->devs[i].addr.bus > max)
            max = (int)fx->devs[i].addr.bus;
    }
    return max < 0 ? 0 : max;
}

static int
write_dev(struct fx *fx, size_t idx)
{
    struct fx_dev *d = &fx->devs[idx];
    unsigned char cfg[64];
    char p[4096];
    char t[4096];
    size_t i;
    int multi = 0;

    if (mkdirs(fx, d->path) < 0)
        return -1;
#define F(name) (snprintf(p, sizeof(p), "%s/%s", d->path, name), p)
    if (putf(fx, F("vendor"), "0x%04x\n", d->vendor) < 0 ||
        putf(fx, F("device"), "0x%04x\n", d->device) < 0 ||
        putf(fx, F("class"), "0x%06x\n", d->cls) < 0 ||
        putf(fx, F("revision"), "0x%02x\n", d->rev) < 0 ||
        putf(fx, F("irq"), "%d\n", 16 + (int)(idx % 100)) < 0 ||
        putf(fx, F("enable"), "%d\n", d->driver[0] ? 1 : 0) < 0 ||
        putf(fx, F("numa_node"), "%d\n", d->numa) < 0 ||
        putf(fx, F("local_cpulist"), "0-7\n") < 0 ||
        putf(fx, F("driver_override"), "(null)\n") < 0 ||
        putf(fx, F("consistent_dma_mask_bits"), "64\n") < 0 ||
        putf(fx, F("dma_mask_bits"), "64\n") < 0 ||
        putf(fx, F("d3cold_allowed"), "1\n") < 0)
        return -1;
    if (d->svendor >= 0 &&
        (putf(fx, F("subsystem_vendor"), "0x%04x\n", d->svendor) < 0 ||
         putf(fx, F("subsystem_device"), "0x%04x\n", d->sdevice) < 0))
        return -1;
    if (putf(fx, F("resource"),
             "0x00000000f6000000 0x00000000f6ffffff 0x0000000000040200\n"
             "0x0000000000000000 0x0000000000000000 0x0000000000000000\n"
             "0x0000000000000000 0x0000000000000000 0x0000000000000000\n"
             "0x0000000000000000 0x0000000000000000 0x0000000000000000\n"
             "0x0000000000000000 0x0000000000000000 0x0000000000000000\n"
             "0x0000000000000000 0x0000000000000000 0x0000000000000000\n"
             "0x0000000000000000 0x0000000000000000 0x0000000000000000\n") < 0)
        return -1;
    if (putf(fx, F("modalias"), "pci:v%08Xd%08Xsv%08Xsd%08Xbc%02Xsc%02Xi%02X\n",
             d->vendor, d->device, d->svendor < 0 ? 0 : d->svendor,
             d->sdevice < 0 ? 0 : d->sdevice, (d->cls >> 16) & 0xff,
             (d->cls >> 8) & 0xff, d->cls & 0xff) < 0)
        return -1;
    snprintf(t, sizeof(t), "%s%s%sPCI_CLASS=%X\nPCI_ID=%04X:%04X\n"
             "PCI_SUBSYS_ID=%04X:%04X\nPCI_SLOT_NAME=%s\n",
             d->driver[0] ? "DRIVER=" : "", d->driver, d->driver[0] ? "\n" : "",
             d->cls, d->vendor, d->device,
             d->svendor < 0 ? 0 : d->svendor, d->sdevice < 0 ? 0 : d->sdevice,
             d->name);
    if (put(fx, F("uevent"), t, strlen(t)) < 0)
        return -1;
    if (d->boot_vga >= 0 && putf(fx, F("boot_vga"), "%d\n", d->boot_vga) < 0)
        return -1;
    if (strcmp(d->reset, "-") != 0 &&
        putf(fx, F("reset_method"), d->reset[0] ? "%s\n" : "%s", d->reset) < 0)
        return -1;

    /* 64 bytes of config space: what a non-root reader gets */
    for (i = 0; i < fx->n_devs; i++) {
        const struct fx_dev *o = &fx->devs[i];

        if (i != idx && o->addr.domain == d->addr.domain &&
            o->addr.bus == d->addr.bus && o->addr.slot == d->addr.slot &&
            o->physfn < 0)
            multi = 1;
    }
    memset(cfg, 0, sizeof(cfg));
    put16(cfg, 0x00, d->vendor);
    put16(cfg, 0x02, d->device);
    put16(cfg, 0x04, d->driver[0] ? 0x0406 : 0x0000);
    put16(cfg, 0x06, 0x0010);
    cfg[0x08] = (unsigned char)d->rev;
    cfg[0x09] = (unsigned char)(d->cls & 0xff);
    cfg[0x0a] = (unsigned char)((d->cls >> 8) & 0xff);
    cfg[0x0b] = (unsigned char)((d->cls >> 16) & 0xff);
    cfg[0x0e] = (unsigned char)((d->bridge ? 1 : 0) | (multi && d->physfn < 0 ? 0x80 : 0));
    cfg[0x34] = 0x40;
    if (d->bridge) {
        int sec = d->sec;

        if (sec < 0) {
            for (i = 0; i < fx->n_devs; i++) {
                if (fx->devs[i].parent == (int)idx &&
                    (sec < 0 || (int)fx->devs[i].addr.bus < sec))
                    sec = (int)fx->devs[i].addr.bus;
            }
            d->sec = sec;
        }
        cfg[0x18] = (unsigned char)d->addr.bus;
        cfg[0x19] = (unsigned char)(sec < 0 ? 0 : sec);
        cfg[0x1a] = (unsigned char)subordinate(fx, (int)idx);
    } else if (d->svendor >= 0) {
        put16(cfg, 0x2c, d->svendor);
        put16(cfg, 0x2e, d->sdevice);
    }
    cfg[0x3c] = (unsigned char)(16 + idx % 100);
    cfg[0x3d] = 1;
    if (put(fx, F("config"), cfg, sizeof(cfg)) < 0)
        return -1;

    /* links */
    if (rel_link(fx, "sys/bus/pci", F("subsystem")) < 0)
        return -1;
    snprintf(t, sizeof(t), "sys/bus/pci/devices/%s", d->name);
    if (rel_link(fx, d->path, t) < 0)
        return -1;
    if (d->driver[0]) {
        snprintf(t, sizeof(t), "sys/bus/pci/drivers/%s", d->driver);
        if (mkdirs(fx, t) < 0 || rel_link(fx, t, F("driver")) < 0)
            return -1;
        snprintf(t, sizeof(t), "sys/bus/pci/drivers/%s/%s", d->driver, d->name);
        if (rel_link(fx, d->path, t) < 0)
            return -1;
    }
    if (d->group >= 0) {
        snprintf(t, sizeof(t), "sys/kernel/iommu_groups/%d", d->group);
        if (mkdirs(fx, t) < 0 || rel_link(fx, t, F("iommu_group")) < 0)
            return -1;
        snprintf(t, sizeof(t), "sys/kernel/iommu_groups/%d/type", d->group);
        if (putf(fx, t, "DMA-FQ\n") < 0)
            return -1;
        snprintf(t, sizeof(t), "sys/kernel/iommu_groups/%d/reserved_regions", d->group);
        if (putf(fx, t, "0x00000000fee00000 0x00000000feefffff msi\n") < 0)
            return -1;
        snprintf(t, sizeof(t), "sys/kernel/iommu_groups/%d/devices/%s", d->group, d->name);
        if (rel_link(fx, d->path, t) < 0)
            return -1;
    }
    if (d->totalvfs >= 0 &&
        (putf(fx, F("sriov_totalvfs"), "%d\n", d->totalvfs) < 0 ||
         putf(fx, F("sriov_offset"), "128\n") < 0 ||
         putf(fx, F("sriov_stride"), "2\n") < 0))
        return -1;
    if (d->totalvfs >= 0) {
        size_t k;
        int nvfs = 0;

        for (k = 0; k < fx->n_devs; k++)
            nvfs += fx->devs[k].physfn == (int)idx;
        if (putf(fx, F("sriov_numvfs"), "%d\n", nvfs) < 0)
            return -1;
    }
    if (d->physfn >= 0) {
        struct fx_dev *pf = &fx->devs[d->physfn];
        char vl[4096];

        if (rel_link(fx, pf->path, F("physfn")) < 0)
            return -1;
        snprintf(vl, sizeof(vl), "%s/virtfn%d", pf->path, pf->nvfs++);
        if (rel_link(fx, d->path, vl) < 0)
            return -1;
    }
#undef F
    return 0;
}

static int add_block(struct fx *fx, const char *name, char *path, int major);

/* NVMe native multipath: the namespace head nvmeXnY sits on the
 * subsystem (devices/virtual/nvme-subsystem/nvme-subsysN), which links to
 * each controller, nvme0 and nvme1, under its PCI function. */
static int
disk_nvme_mp(struct fx *fx, const char *name, const char *on)
{
    char list[512];
    char sub[256], t[4096];
    char *a, *save = NULL;
    char *path;
    int n = 0;

    if (strlen(on) >= sizeof(list) || strlen(name) >= 64 || strchr(name, '/'))
        return fx_fail(fx, "bad nvme-mp disk");
    snprintf(list, sizeof(list), "%s", on);
    snprintf(sub, sizeof(sub), "sys/devices/virtual/nvme-subsystem/nvme-subsys%zu", fx->n_blocks);
    for (a = strtok_r(list, ",", &save); a; a = strtok_r(NULL, ",", &save), n++) {
        int di = find_dev(fx, a);
        char ctrl[4096];

        if (di < 0)
            return fx_fail(fx, "disk %s: no device %s", name, a);
        snprintf(ctrl, sizeof(ctrl), "%s/nvme/nvme%d", fx->devs[di].path, n);
        if (snprintf(t, sizeof(t), "%s/subsysnqn", ctrl) >= (int)sizeof(t))
            return fx_fail(fx, "path too long");
        if (putf(fx, t, "nqn.2014.08.org.nvmexpress:fixture\n") < 0)
            return -1;
        snprintf(t, sizeof(t), "%s/nvme%d", sub, n);
        if (rel_link(fx, ctrl, t) < 0)
            return -1;
    }
    snprintf(t, sizeof(t), "%s/iopolicy", sub);
    if (putf(fx, t, "numa\n") < 0)
        return -1;
    if (asprintf(&path, "%s/%s", sub, name) < 0)
        return fx_fail(fx, "out of memory");
    return add_block(fx, name, path, 259);
}

/* "disk NAME on=ADDR type=nvme|sata|scsi|usb|virtio" / "disk NAME type=iscsi [portal=IP]"
 * / "disk NAME type=nvme-mp on=ADDR,ADDR" */
static int
line_disk(struct fx *fx, char **tok, int ntok)
{
    struct fx_block *b, *v;
    const char *on = NULL, *type = "nvme", *portal = NULL;
    int i, di;
    char *base = NULL;

    for (i = 2; i < ntok; i++) {
        if (strncmp(tok[i], "on=", 3) == 0)
            on = tok[i] + 3;
        else if (strncmp(tok[i], "portal=", 7) == 0)
            portal = tok[i] + 7;
        else if (strncmp(tok[i], "type=", 5) == 0)
            type = tok[i] + 5;
        else
            return fx_fail(fx, "unknown disk key '%s'", tok[i]);
    }
    if (ntok < 2 || (!on && strcmp(type, "iscsi") != 0))
        return fx_fail(fx, "disk needs a name and on=ADDR");
    if (strcmp(type, "nvme-mp") == 0)
        return disk_nvme_mp(fx, tok[1], on);
    if (on && (di = find_dev(fx, on)) < 0)
        return fx_fail(fx, "disk %s: no device %s", tok[1], on);
    if (!on)
        di = -1;
    if (strlen(tok[1]) >= sizeof(b->name) || strchr(tok[1], '/'))
        return fx_fail(fx, "bad disk name '%s'", tok[1]);
    if (strcmp(type, "nvme") == 0) {
        /* nvme0n1 -> controller nvme0 */
        char ctrl[64];
        size_t k = strcspn(tok[1] + 4, "n") + 4;

        snprintf(ctrl, sizeof(ctrl), "%.*s", (int)k, tok[1]);
        if (asprintf(&base, "%s/nvme/%s/%s", fx->devs[di].path, ctrl, tok[1]) < 0)
            base = NULL;
    } else if (strcmp(type, "sata") == 0) {
        if (asprintf(&base, "%s/ata%zu/host%zu/target%zu:0:0/%zu:0:0:0/block/%s",
                     fx->devs[di].path, fx->n_blocks + 1, fx->n_blocks,
                     fx->n_blocks, fx->n_blocks, tok[1]) < 0)
            base = NULL;
    } else if (strcmp(type, "scsi") == 0) {
        /* a SAS or Fibre Channel HBA: SCSI host right under the function */
        if (asprintf(&base, "%s/host%zu/target%zu:0:0/%zu:0:0:0/block/%s",
                     fx->devs[di].path, fx->n_blocks, fx->n_blocks, fx->n_blocks, tok[1]) < 0)
            base = NULL;
    } else if (strcmp(type, "usb") == 0) {
        /* usb-storage: xHCI -> root hub -> port -> interface -> SCSI host */
        if (asprintf(&base, "%s/usb2/2-%zu/2-%zu:1.0/host%zu/target%zu:0:0/%zu:0:0:0/block/%s",
                     fx->devs[di].path, fx->n_blocks + 1, fx->n_blocks + 1, fx->n_blocks,
                     fx->n_blocks, fx->n_blocks, tok[1]) < 0)
            base = NULL;
    } else if (strcmp(type, "iscsi") == 0) {
        /* iscsi_tcp: a software SCSI host under platform, not under PCI */
        if (on)
            return fx_fail(fx, "an iscsi disk is on no PCI device");
        if (asprintf(&base, "sys/devices/platform/host%zu/session%zu/target%zu:0:0/%zu:0:0:0/block/%s",
                     fx->n_blocks, fx->n_blocks + 1, fx->n_blocks, fx->n_blocks, tok[1]) < 0)
            base = NULL;
        if (base && portal) {
            char t[4096];

            snprintf(t, sizeof(t), "sys/devices/platform/host%zu/session%zu/connection%zu:0/"
                     "iscsi_connection/connection%zu:0/persistent_address",
                     fx->n_blocks, fx->n_blocks + 1, fx->n_blocks + 1, fx->n_blocks + 1);
            if (putf(fx, t, "%s\n", portal) < 0) {
                free(base);
                return -1;
            }
        }
    } else if (strcmp(type, "virtio") == 0) {
        if (asprintf(&base, "%s/virtio%zu/block/%s", fx->devs[di].path,
                     fx->n_blocks, tok[1]) < 0)
            base = NULL;
    } else {
        return fx_fail(fx, "unknown disk type '%s'", type);
    }
    if (!base)
        return fx_fail(fx, "out of memory");
    if (!(v = realloc(fx->blocks, (fx->n_blocks + 1) * sizeof(*v)))) {
        free(base);
        return fx_fail(fx, "out of memory");
    }
    fx->blocks = v;
    b = &fx->blocks[fx->n_blocks++];
    memset(b, 0, sizeof(*b));
    snprintf(b->name, sizeof(b->name), "%s", tok[1]);
    b->path = base;
    b->major = strcmp(type, "nvme") == 0 ? 259 : strcmp(type, "virtio") == 0 ? 254 : 8;
    b->minor = fx->next_minor++;
    return 0;
}

static int
add_block(struct fx *fx, const char *name, char *path, int major)
{
    struct fx_block *v;

    if (!(v = realloc(fx->blocks, (fx->n_blocks + 1) * sizeof(*v)))) {
        free(path);
        return fx_fail(fx, "out of memory");
    }
    fx->blocks = v;
    v = &fx->blocks[fx->n_blocks++];
    memset(v, 0, sizeof(*v));
    snprintf(v->name, sizeof(v->name), "%s", name);
    v->path = path;
    v->major = major;
    v->minor = fx->next_minor++;
    return 0;
}

static int
write_block_common(struct fx *fx, const struct fx_block *b)
{
    char t[4096];

    snprintf(t, sizeof(t), "%s/dev", b->path);
    if (putf(fx, t, "%d:%d\n", b->major, b->minor) < 0)
        return -1;
    snprintf(t, sizeof(t), "%s/holders", b->path);
    if (mkdirs(fx, t) < 0)
        return -1;
    snprintf(t, sizeof(t), "%s/slaves", b->path);
    if (mkdirs(fx, t) < 0)
        return -1;
    snprintf(t, sizeof(t), "%s/size", b->path);
    if (putf(fx, t, "%d\n", 1000215216) < 0)
        return -1;
    snprintf(t, sizeof(t), "%s/uevent", b->path);
    if (putf(fx, t, "MAJOR=%d\nMINOR=%d\nDEVNAME=%s\n", b->major, b->minor, b->name) < 0)
        return -1;
    snprintf(t, sizeof(t), "sys/class/block/%s", b->name);
    if (rel_link(fx, b->path, t) < 0)
        return -1;
    snprintf(t, sizeof(t), "sys/dev/block/%d:%d", b->major, b->minor);
    return rel_link(fx, b->path, t);
}

/* "part NAME of=DISK" */
static int
line_part(struct fx *fx, char **tok, int ntok)
{
    struct fx_block *disk;
    char *path;
    char t[4096];
    int n;

    if (ntok != 3 || strncmp(tok[2], "of=", 3) != 0)
        return fx_fail(fx, "usage: part NAME of=DISK");
    if (!(disk = find_block(fx, tok[2] + 3)))
        return fx_fail(fx, "part %s: no disk %s", tok[1], tok[2] + 3);
    if (asprintf(&path, "%s/%s", disk->path, tok[1]) < 0)
        return fx_fail(fx, "out of memory");
    n = (int)strlen(tok[1]);
    while (n > 0 && tok[1][n - 1] >= '0' && tok[1][n - 1] <= '9')
        n--;
    if (add_block(fx, tok[1], path, disk->major) < 0)
        return -1;
    snprintf(t, sizeof(t), "%s/partition", path);
    return putf(fx, t, "%s\n", tok[1] + n);
}

enum fx_virt { FX_DM, FX_MD, FX_BCACHE, FX_NBD };

/* "dm NAME name=VG-LV [uuid=UUID] slaves=A,B" / "md NAME slaves=A,B" /
 * "bcache NAME slaves=BACKING,CACHE" / "nbd NAME" */
static int
line_virtual(struct fx *fx, char **tok, int ntok, enum fx_virt kind)
{
    static const char *const kw[] = { "dm", "md", "bcache", "nbd" };
    static const int majors[] = { 253, 9, 252, 43 };
    const char *dmname = NULL;
    const char *uuid = NULL;
    const char *size = NULL;
    char *slaves = NULL;
    char *path;
    char t[4096];
    char *s, *save = NULL;
    struct fx_block *self;
    int i;

    if (ntok < 2 || strchr(tok[1], '/') || strlen(tok[1]) >= sizeof(self->name))
        return fx_fail(fx, "%s needs a name", kw[kind]);
    for (i = 2; i < ntok; i++) {
        if (kind == FX_DM && strncmp(tok[i], "name=", 5) == 0)
            dmname = tok[i] + 5;
        else if (kind == FX_DM && strncmp(tok[i], "uuid=", 5) == 0)
            uuid = tok[i] + 5;
        else if (kind != FX_NBD && strncmp(tok[i], "slaves=", 7) == 0)
            slaves = tok[i] + 7;
        else if (kind == FX_NBD && strcmp(tok[i], "size=0") == 0)
            size = "0";
        else
            return fx_fail(fx, "unknown key '%s'", tok[i]);
    }
    if (!slaves && kind != FX_NBD)
        return fx_fail(fx, "%s %s needs slaves=", kw[kind], tok[1]);
    if (find_block(fx, tok[1]))
        return fx_fail(fx, "block device %s given twice", tok[1]);
    if (asprintf(&path, "sys/devices/virtual/block/%s", tok[1]) < 0)
        return fx_fail(fx, "out of memory");
    if (add_block(fx, tok[1], path, majors[kind]) < 0)
        return -1;
    self = &fx->blocks[fx->n_blocks - 1];
    if (write_block_common(fx, self) < 0)
        return -1;
    if (kind == FX_DM) {
        snprintf(self->dmname, sizeof(self->dmname), "%s", dmname ? dmname : tok[1]);
        snprintf(t, sizeof(t), "%s/dm/name", self->path);
        if (putf(fx, t, "%s\n", self->dmname) < 0)
            return -1;
        snprintf(t, sizeof(t), "%s/dm/uuid", self->path);
        if (uuid ? putf(fx, t, "%s\n", uuid) < 0 : putf(fx, t, "LVM-%s\n", self->dmname) < 0)
            return -1;
    } else if (kind == FX_MD) {
        snprintf(t, sizeof(t), "%s/md/level", self->path);
        if (putf(fx, t, "raid1\n") < 0)
            return -1;
    } else if (kind == FX_NBD && size) {
        /* not connected: no pid, no size */
        snprintf(t, sizeof(t), "%s/size", self->path);
        if (putf(fx, t, "0\n") < 0)
            return -1;
    } else if (kind == FX_NBD) {
        snprintf(t, sizeof(t), "%s/pid", self->path);
        if (putf(fx, t, "%d\n", 812) < 0)
            return -1;
    }
    for (s = slaves ? strtok_r(slaves, ",", &save) : NULL; s; s = strtok_r(NULL, ",", &save)) {
        struct fx_block *sl = find_block(fx, s);
        char l[4096];

        self = &fx->blocks[fx->n_blocks - 1];
        if (!sl)
            return fx_fail(fx, "%s: no block device %s", tok[1], s);
        snprintf(l, sizeof(l), "%s/slaves/%s", self->path, sl->name);
        if (rel_link(fx, sl->path, l) < 0)
            return -1;
        snprintf(l, sizeof(l), "%s/holders/%s", sl->path, self->name);
        if (rel_link(fx, self->path, l) < 0)
            return -1;
    }
    return 0;
}

static int
line_net(struct fx *fx, char **tok, int ntok)
{
    char path[2048], t[4096];
    int di;

    if (ntok != 3 || strncmp(tok[2], "on=", 3) != 0)
        return fx_fail(fx, "usage: net IFNAME on=ADDR");
    if ((di = find_dev(fx, tok[2] + 3)) < 0)
        return fx_fail(fx, "net %s: no device %s", tok[1], tok[2] + 3);
    snprintf(path, sizeof(path), "%s/net/%s", fx->devs[di].path, tok[1]);
    snprintf(t, sizeof(t), "%s/address", path);
    if (putf(fx, t, "52:54:00:%02x:%02x:%02x\n", di & 0xff, (di >> 8) & 0xff, 0x42) < 0)
        return -1;
    snprintf(t, sizeof(t), "%s/operstate", path);
    if (putf(fx, t, "up\n") < 0)
        return -1;
    snprintf(t, sizeof(t), "%s/device", path);
    if (rel_link(fx, fx->devs[di].path, t) < 0)
        return -1;
    snprintf(t, sizeof(t), "sys/class/net/%s", tok[1]);
    return rel_link(fx, path, t);
}

/* IPv4 dotted quad -> the little-endian hex /proc/net/route prints. */
static int
route_hex(const char *ip, unsigned int *out)
{
    unsigned int a, b, c, d;
    char tail;

    if (sscanf(ip, "%u.%u.%u.%u%c", &a, &b, &c, &d, &tail) != 4 ||
        a > 255 || b > 255 || c > 255 || d > 255)
        return -1;
    *out = a | (b << 8) | (c << 16) | (d << 24);
    return 0;
}

/* "route IF default via GW" / "route IF NET/LEN" / "route6 IF default" */
static int
line_route(struct fx *fx, char **tok, int ntok, int v6)
{
    if (ntok < 3)
        return fx_fail(fx, "usage: route IFNAME default [via GW] | NET/LEN");
    if (v6) {
        if (strcmp(tok[2], "default") != 0)
            return fx_fail(fx, "route6 supports only 'default'");
        return appendf(fx, &fx->route6, &fx->route6_len,
                       "00000000000000000000000000000000 00 "
                       "00000000000000000000000000000000 00 "
                       "fe800000000000000000000000000001 00000400 00000001 00000000 00000003 %8s\n",
                       tok[1]);
    }
    if (strcmp(tok[2], "default") == 0) {
        unsigned int gw = 0;

        if (ntok == 5 && strcmp(tok[3], "via") == 0) {
            if (route_hex(tok[4], &gw) < 0)
                return fx_fail(fx, "bad gateway '%s'", tok[4]);
        } else if (ntok != 3) {
            return fx_fail(fx, "usage: route IFNAME default [via GW]");
        }
        return appendf(fx, &fx->route, &fx->route_len,
                       "%s\t00000000\t%08X\t0003\t0\t0\t100\t00000000\t0\t0\t0\n",
                       tok[1], gw);
    } else {
        char net[32];
        char *slash;
        unsigned int addr, mask;
        int len;

        snprintf(net, sizeof(net), "%s", tok[2]);
        if (!(slash = strchr(net, '/')) || (*slash = '\0', route_hex(net, &addr) < 0) ||
            parse_int(slash + 1, &len) < 0 || len < 0 || len > 32)
            return fx_fail(fx, "bad network '%s'", tok[2]);
        mask = len == 0 ? 0 : (0xffffffffu << (32 - len));
        mask = ((mask >> 24) & 0xff) | ((mask >> 8) & 0xff00) |
               ((mask << 8) & 0xff0000) | ((mask << 24) & 0xff000000u);
        return appendf(fx, &fx->route, &fx->route_len,
                       "%s\t%08X\t00000000\t0001\t0\t0\t100\t%08X\t0\t0\t0\n",
                       tok[1], addr & mask, mask);
    }
}

/* "btrfs UUID devices=A,B [label=L]": sys/fs/btrfs/UUID, as the kernel
 * lays it out, with devices/NAME links to each member's block device. */
static int
line_btrfs(struct fx *fx, char **tok, int ntok)
{
    char *devs = NULL;
    const char *label = "";
    char t[4096];
    char *s, *save = NULL;
    int i;

    if (ntok < 3 || strchr(tok[1], '/') || strlen(tok[1]) != 36)
        return fx_fail(fx, "usage: btrfs UUID devices=A,B [label=L]");
    for (i = 2; i < ntok; i++) {
        if (strncmp(tok[i], "devices=", 8) == 0)
            devs = tok[i] + 8;
        else if (strncmp(tok[i], "label=", 6) == 0)
            label = tok[i] + 6;
        else
            return fx_fail(fx, "unknown btrfs key '%s'", tok[i]);
    }
    if (!devs)
        return fx_fail(fx, "btrfs %s needs devices=", tok[1]);
    if (mkdirs(fx, "sys/fs/btrfs/features") < 0)
        return -1;
    snprintf(t, sizeof(t), "sys/fs/btrfs/%s/label", tok[1]);
    if (putf(fx, t, "%s\n", label) < 0)
        return -1;
    snprintf(t, sizeof(t), "sys/fs/btrfs/%s/metadata_uuid", tok[1]);
    if (putf(fx, t, "%s\n", tok[1]) < 0)
        return -1;
    for (s = strtok_r(devs, ",", &save), i = 1; s; s = strtok_r(NULL, ",", &save), i++) {
        struct fx_block *b = find_block(fx, s);

        if (!b)
            return fx_fail(fx, "btrfs: no block device %s", s);
        snprintf(t, sizeof(t), "sys/fs/btrfs/%s/devices/%s", tok[1], b->name);
        if (rel_link(fx, b->path, t) < 0)
            return -1;
        snprintf(t, sizeof(t), "sys/fs/btrfs/%s/devinfo/%d/in_fs_metadata", tok[1], i);
        if (putf(fx, t, "1\n") < 0)
            return -1;
    }
    return 0;
}

static void
be32(unsigned char *p, uint32_t v)
{
    p[0] = (unsigned char)(v >> 24);
    p[1] = (unsigned char)(v >> 16);
    p[2] = (unsigned char)(v >> 8);
    p[3] = (unsigned char)v;
}

/* "devnode NAME [zfs=POOL]": dev/NAME as a sparse 64 MiB image a prober
 * can read (the smallest ZFS vdev libblkid accepts); with zfs=, label 0
 * of a pool member: the nvlist's "name" pair at 16 KiB, four uberblocks
 * at 128 KiB (what libblkid's zfs_member probe needs). */
static int
line_devnode(struct fx *fx, char **tok, int ntok)
{
    const char *pool = NULL;
    char t[4096];
    int fd, i, ret = -1;

    if (ntok < 2 || !find_block(fx, tok[1]))
        return fx_fail(fx, "usage: devnode BLOCK [zfs=POOL] (a block device given earlier)");
    for (i = 2; i < ntok; i++) {
        if (strncmp(tok[i], "zfs=", 4) == 0 && tok[i][4] && strlen(tok[i] + 4) < 200)
            pool = tok[i] + 4;
        else
            return fx_fail(fx, "unknown devnode key '%s'", tok[i]);
    }
    snprintf(t, sizeof(t), "dev/%s", tok[1]);
    if (parent_dirs(fx, t) < 0)
        return -1;
    if ((fd = openat(fx->dfd, t, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644)) < 0)
        return fx_fail(fx, "create %s: %s", t, strerror(errno));
    if (ftruncate(fd, 64L * 1024 * 1024) < 0) {
        fx_fail(fx, "truncate %s: %s", t, strerror(errno));
        goto cleanup;
    }
    if (pool) {
        unsigned char nv[512];
        unsigned char ub[1024];
        size_t len = strlen(pool), pad = (len + 3) & ~(size_t)3;
        size_t n = 0;

        memset(nv, 0, sizeof(nv));
        nv[0] = 1;                              /* XDR encoding */
        nv[1] = 1;                              /* little-endian host */
        be32(nv + 8, 1);                        /* NV_UNIQUE_NAME */
        n = 12;
        be32(nv + n, (uint32_t)(12 + 4 + 12 + pad));   /* encoded size */
        be32(nv + n + 4, (uint32_t)(16 + 8 + 8 + len));  /* decoded size */
        be32(nv + n + 8, 4);
        memcpy(nv + n + 12, "name", 4);
        be32(nv + n + 16, 9);                   /* DATA_TYPE_STRING */
        be32(nv + n + 20, 1);
        be32(nv + n + 24, (uint32_t)len);
        memcpy(nv + n + 28, pool, len);
        if (pwrite(fd, nv, sizeof(nv), 16 * 1024) != (ssize_t)sizeof(nv)) {
            fx_fail(fx, "write %s: %s", t, strerror(errno));
            goto cleanup;
        }
        memset(ub, 0, sizeof(ub));
        for (i = 0; i < 8; i++)                 /* host-endian magic 0x00bab10c */
            ub[i] = (unsigned char)((0x00bab10cULL >> (8 * i)) & 0xff);
        ub[8] = 0x88;                           /* version 5000 */
        ub[9] = 0x13;
        for (i = 0; i < 4; i++) {
            if (pwrite(fd, ub, sizeof(ub), 128 * 1024 + i * 1024) != (ssize_t)sizeof(ub)) {
                fx_fail(fx, "write %s: %s", t, strerror(errno));
                goto cleanup;
            }
        }
    }
    ret = 0;

 cleanup:
    close(fd);
    return ret;
}

/* "mount SOURCE MOUNTPOINT FSTYPE [on=BLOCK] [opts=SUPEROPTS]" */
static int
line_mount(struct fx *fx, char **tok, int ntok)
{
    struct fx_mount *v, *m;
    const char *on = NULL, *opts = "rw";
    int i;

    if (ntok < 4)
        return fx_fail(fx, "usage: mount SOURCE MOUNTPOINT FSTYPE [on=BLOCK] [opts=OPTS]");
    for (i = 4; i < ntok; i++) {
        if (strncmp(tok[i], "on=", 3) == 0)
            on = tok[i] + 3;
        else if (strncmp(tok[i], "opts=", 5) == 0)
            opts = tok[i] + 5;
        else
            return fx_fail(fx, "unknown mount key '%s'", tok[i]);
    }
    if (!(v = realloc(fx->mnts, (fx->n_mnts + 1) * sizeof(*v))))
        return fx_fail(fx, "out of memory");
    fx->mnts = v;
    m = &v[fx->n_mnts++];
    memset(m, 0, sizeof(*m));
    if (!(m->src = strdup(tok[1])) || !(m->mp = strdup(tok[2])) ||
        !(m->type = strdup(tok[3])) || (on && !(m->on = strdup(on))) ||
        !(m->opts = strdup(opts)))
        return fx_fail(fx, "out of memory");
    return appendf(fx, &fx->mounts, &fx->mounts_len, "%s %s %s rw,relatime 0 0\n",
                   tok[1], tok[2], tok[3]);
}

/* The MAJ:MIN mountinfo shows for a mount: its block device's, or an
 * anonymous 0:N for btrfs (each mount gets one), network and pseudo
 * filesystems. */
static void
mount_devno(struct fx *fx, const struct fx_mount *m, int *anon, int *maj, int *min)
{
    const struct fx_block *b = NULL;
    size_t i;

    if (m->on) {
        b = find_block(fx, m->on);
    } else if (strcmp(m->type, "btrfs") == 0) {
        /* one superblock, one anonymous device, however many subvolumes */
        for (i = 0; &fx->mnts[i] != m; i++) {
            if (strcmp(fx->mnts[i].type, "btrfs") == 0 && strcmp(fx->mnts[i].src, m->src) == 0) {
                *maj = fx->mnts[i].maj;
                *min = fx->mnts[i].min;
                return;
            }
        }
    } else if (strncmp(m->src, "/dev/mapper/", 12) == 0) {
        for (i = 0; i < fx->n_blocks && !b; i++)
            if (strcmp(fx->blocks[i].dmname, m->src + 12) == 0)
                b = &fx->blocks[i];
    } else if (strncmp(m->src, "/dev/", 5) == 0) {
        b = find_block(fx, m->src + 5);
    }
    if (b) {
        *maj = b->major;
        *min = b->minor;
    } else {
        *maj = 0;
        *min = (*anon)++;
    }
}

static int
write_mountinfo(struct fx *fx)
{
    char *text = NULL;
    size_t len = 0, i;
    int anon = 30, root_id = 1;
    int ret = -1;

    for (i = 0; i < fx->n_mnts; i++) {
        if (strcmp(fx->mnts[i].mp, "/") == 0)
            root_id = 24 + (int)i;
    }
    for (i = 0; i < fx->n_mnts; i++) {
        struct fx_mount *m = &fx->mnts[i];
        int maj, min, id = 24 + (int)i;

        mount_devno(fx, m, &anon, &maj, &min);
        m->maj = maj;
        m->min = min;
        if (appendf(fx, &text, &len, "%d %d %d:%d / %s rw,relatime shared:%d - %s %s %s\n",
                    id, id == root_id ? 1 : root_id, maj, min, m->mp, (int)i + 1,
                    m->type, m->src, m->opts) < 0)
            goto cleanup;
    }
    if (appendf(fx, &text, &len,
                "%d %d 0:21 / /sys rw,nosuid,nodev,noexec,relatime shared:7 - sysfs sysfs rw\n"
                "%d %d 0:22 / /proc rw,nosuid,nodev,noexec,relatime shared:12 - proc proc rw\n"
                "%d %d 0:25 / /run rw,nosuid,nodev shared:13 - tmpfs tmpfs rw,mode=755\n",
                90, root_id, 91, root_id, 92, root_id) < 0)
        goto cleanup;
    ret = put(fx, "proc/self/mountinfo", text, len);

 cleanup:
    free(text);
    return ret;
}

static int
set_str(struct fx *fx, char **dst, const char *line, const char *kw)
{
    const char *v = line + strlen(kw);

    while (*v == ' ' || *v == '\t')
        v++;
    free(*dst);
    if (!(*dst = strdup(v)))
        return fx_fail(fx, "out of memory");
    return 0;
}

static int
parse_line(struct fx *fx, char *line)
{
    char copy[4096];
    char *tok[64] = { NULL };
    int ntok = 0;
    char *s, *save = NULL;

    while (*line == ' ' || *line == '\t')
        line++;
    if (!*line || *line == '#')
        return 0;
    if (strlen(line) >= sizeof(copy))
        return fx_fail(fx, "line too long");
    if (strncmp(line, "cmdline ", 8) == 0 || strcmp(line, "cmdline") == 0)
        return set_str(fx, &fx->cmdline, line, "cmdline");
    strcpy(copy, line);
    for (s = strtok_r(copy, " \t", &save); s && ntok < 64; s = strtok_r(NULL, " \t", &save))
        tok[ntok++] = s;

    if (strcmp(tok[0], "dev") == 0)
        return line_dev(fx, tok, ntok);
    if (strcmp(tok[0], "host") == 0 && ntok == 2)
        return set_str(fx, &fx->hostname, line, "host");
    if (strcmp(tok[0], "kernel") == 0 && ntok == 2)
        return set_str(fx, &fx->release, line, "kernel");
    if (strcmp(tok[0], "vfio") == 0 && ntok == 2) {
        if (strcmp(tok[1], "absent") == 0)
            fx->vfio = 0;
        else if (strcmp(tok[1], "installed") == 0)
            fx->vfio = 1;
        else if (strcmp(tok[1], "loaded") == 0)
            fx->vfio = 2;
        else
            return fx_fail(fx, "vfio is absent, installed or loaded");
        return 0;
    }
    if (strcmp(tok[0], "disk") == 0)
        return line_disk(fx, tok, ntok);
    if (strcmp(tok[0], "part") == 0)
        return line_part(fx, tok, ntok);
    if (strcmp(tok[0], "dm") == 0)
        return line_virtual(fx, tok, ntok, FX_DM);
    if (strcmp(tok[0], "md") == 0)
        return line_virtual(fx, tok, ntok, FX_MD);
    if (strcmp(tok[0], "bcache") == 0)
        return line_virtual(fx, tok, ntok, FX_BCACHE);
    if (strcmp(tok[0], "nbd") == 0)
        return line_virtual(fx, tok, ntok, FX_NBD);
    if (strcmp(tok[0], "btrfs") == 0)
        return line_btrfs(fx, tok, ntok);
    if (strcmp(tok[0], "net") == 0)
        return line_net(fx, tok, ntok);
    if (strcmp(tok[0], "route") == 0)
        return line_route(fx, tok, ntok, 0);
    if (strcmp(tok[0], "route6") == 0)
        return line_route(fx, tok, ntok, 1);
    if (strcmp(tok[0], "mount") == 0)
        return line_mount(fx, tok, ntok);
    if (strcmp(tok[0], "devnode") == 0)
        return line_devnode(fx, tok, ntok);
    if (strcmp(tok[0], "swap") == 0) {
        if (ntok != 2)
            return fx_fail(fx, "usage: swap SOURCE");
        return appendf(fx, &fx->swaps, &fx->swaps_len,
                       "%-40s%s\t\t8388604\t\t0\t\t-2\n", tok[1],
                       strncmp(tok[1], "/dev/", 5) == 0 ? "partition" : "file");
    }
    return fx_fail(fx, "unknown keyword '%s'", tok[0]);
}

static int
write_proc(struct fx *fx)
{
    char t[4096];

    if (mkdirs(fx, "sys/kernel/iommu_groups") < 0 ||
        mkdirs(fx, "sys/bus/pci/drivers") < 0 ||
        mkdirs(fx, "sys/class/block") < 0 ||
        mkdirs(fx, "sys/class/net") < 0 ||
        mkdirs(fx, "proc/self") < 0 ||
        mkdirs(fx, "proc/net") < 0)
        return -1;
    if (fx->release && putf(fx, "proc/sys/kernel/osrelease", "%s\n", fx->release) < 0)
        return -1;
    if (fx->hostname && putf(fx, "proc/sys/kernel/hostname", "%s\n", fx->hostname) < 0)
        return -1;
    if (putf(fx, "proc/cmdline", "%s\n", fx->cmdline ? fx->cmdline : "") < 0)
        return -1;
    if (appendf(fx, &fx->mounts, &fx->mounts_len,
                "proc /proc proc rw,nosuid,nodev,noexec,relatime 0 0\n"
                "sysfs /sys sysfs rw,nosuid,nodev,noexec,relatime 0 0\n"
                "tmpfs /run tmpfs rw,nosuid,nodev,mode=755 0 0\n") < 0)
        return -1;
    if (put(fx, "proc/self/mounts", fx->mounts, fx->mounts_len) < 0 ||
        put(fx, "proc/mounts", fx->mounts, fx->mounts_len) < 0 ||
        write_mountinfo(fx) < 0)
        return -1;
    snprintf(t, sizeof(t), "Filename\t\t\t\tType\t\tSize\t\tUsed\t\tPriority\n%s",
             fx->swaps ? fx->swaps : "");
    if (put(fx, "proc/swaps", t, strlen(t)) < 0)
        return -1;
    snprintf(t, sizeof(t), "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT\n");
    if (appendf(fx, &fx->route, &fx->route_len, "%s", "") < 0)
        return -1;
    {
        size_t hl = strlen(t);
        char *all = malloc(hl + fx->route_len + 1);

        if (!all)
            return fx_fail(fx, "out of memory");
        memcpy(all, t, hl);
        memcpy(all + hl, fx->route, fx->route_len + 1);
        if (put(fx, "proc/net/route", all, hl + fx->route_len) < 0) {
            free(all);
            return -1;
        }
        free(all);
    }
    if (put(fx, "proc/net/ipv6_route", fx->route6 ? fx->route6 : "", fx->route6_len) < 0)
        return -1;
    if (fx->vfio == 2) {
        static const char modules[] =
            "vfio_pci 16384 0 - Live 0x0000000000000000\n"
            "vfio_pci_core 94208 1 vfio_pci, Live 0x0000000000000000\n"
            "vfio 57344 2 vfio_pci_core,vfio_iommu_type1, Live 0x0000000000000000\n";

        if (put(fx, "proc/modules", modules, strlen(modules)) < 0 ||
            mkdirs(fx, "sys/bus/pci/drivers/vfio-pci") < 0 ||
            mkdirs(fx, "sys/module/vfio_pci/parameters") < 0)
            return -1;
    } else if (putf(fx, "proc/modules", "e1000e 344064 0 - Live 0x0000000000000000\n") < 0) {
        return -1;
    }
    if (fx->vfio >= 1 && fx->release) {
        snprintf(t, sizeof(t), "lib/modules/%s/kernel/drivers/vfio/pci/vfio-pci.ko", fx->release);
        if (put(fx, t, "", 0) < 0)
            return -1;
        snprintf(t, sizeof(t), "lib/modules/%s/modules.dep", fx->release);
        if (putf(fx, t, "kernel/drivers/vfio/pci/vfio-pci.ko: kernel/drivers/vfio/pci/vfio-pci-core.ko\n") < 0)
            return -1;
    } else if (fx->release) {
        snprintf(t, sizeof(t), "lib/modules/%s/modules.dep", fx->release);
        if (putf(fx, t, "kernel/drivers/net/ethernet/intel/e1000e/e1000e.ko:\n") < 0)
            return -1;
    }
    return 0;
}

static void
fx_clear(struct fx *fx)
{
    size_t i;

    for (i = 0; i < fx->n_devs; i++)
        free(fx->devs[i].path);
    free(fx->devs);
    for (i = 0; i < fx->n_blocks; i++)
        free(fx->blocks[i].path);
    free(fx->blocks);
    free(fx->release);
    free(fx->cmdline);
    free(fx->hostname);
    free(fx->mounts);
    for (i = 0; i < fx->n_mnts; i++) {
        free(fx->mnts[i].src);
        free(fx->mnts[i].mp);
        free(fx->mnts[i].type);
        free(fx->mnts[i].on);
        free(fx->mnts[i].opts);
    }
    free(fx->mnts);
    free(fx->swaps);
    free(fx->route);
    free(fx->route6);
    if (fx->dfd >= 0)
        close(fx->dfd);
}

int
fixture_build(const char *desc, const char *dir, char **err)
{
    struct fx fx;
    const char *p = desc;
    size_t i;
    int pass;
    int ret = -1;

    memset(&fx, 0, sizeof(fx));
    fx.dir = dir;
    fx.vfio = 1;
    if ((fx.dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0) {
        fx_fail(&fx, "%s: %s", dir, strerror(errno));
        goto cleanup;
    }

    /* Two passes: devices first, because block devices, interfaces and
     * SR-IOV links need every device's path. */
    for (pass = 0; pass < 2; pass++) {
        p = desc;
        fx.lineno = 0;
        while (*p) {
            const char *nl = strchr(p, '\n');
            size_t len = nl ? (size_t)(nl - p) : strlen(p);
            char line[4096];
            bool is_dev;

            fx.lineno++;
            if (len >= sizeof(line)) {
                fx_fail(&fx, "line too long");
                goto cleanup;
            }
            memcpy(line, p, len);
            line[len] = '\0';
            if (len && line[len - 1] == '\r')
                line[len - 1] = '\0';
            p = nl ? nl + 1 : p + len;
            is_dev = strncmp(line, "dev ", 4) == 0;
            if (is_dev != (pass == 0))
                continue;
            if (parse_line(&fx, line) < 0)
                goto cleanup;
            if (strncmp(line, "disk ", 5) == 0 || strncmp(line, "part ", 5) == 0) {
                if (write_block_common(&fx, &fx.blocks[fx.n_blocks - 1]) < 0)
                    goto cleanup;
            }
        }
        if (pass == 0) {
            fx.lineno = 0;
            for (i = 0; i < fx.n_devs; i++) {
                if (write_dev(&fx, i) < 0)
                    goto cleanup;
            }
        }
    }
    fx.lineno = 0;
    if (write_proc(&fx) < 0)
        goto cleanup;
    ret = 0;

 cleanup:
    if (ret < 0 && err)
        *err = fx.err ? fx.err : strdup("cannot build the fixture");
    else
        free(fx.err);
    fx_clear(&fx);
    return ret;
}

static int
rm_one(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
    return remove(path) < 0 && errno != ENOENT ? -1 : 0;
}

int
fixture_remove(const char *dir)
{
    return nftw(dir, rm_one, 32, FTW_DEPTH | FTW_PHYS);
}
