/* pcisim.c - a kernel-behaviour simulator for PCI driver binding in a
 * fixture sysroot, preloaded into vfiotui (LD_PRELOAD), as libvirt's
 * virpcimock does for its own PCI code.
 *
 * Under $PCISIM_ROOT it stands in for the kernel's sysfs attributes that
 * act when written, and moves the driver links as the kernel does:
 *
 *   devices/ADDR/driver_override   stores the value; "" or "\n" clears it
 *                                  (reads back "(null)")
 *   drivers/X/unbind (or devices/ADDR/driver/unbind)
 *                                  ENODEV unless ADDR is bound to X; else
 *                                  removes devices/ADDR/driver and
 *                                  drivers/X/ADDR
 *   drivers/X/bind                 EBUSY if ADDR has a driver; ENODEV if X
 *                                  does not match it (driver_override names
 *                                  another driver, or X is not its own)
 *   drivers_probe                  nothing if ADDR has a driver; else binds
 *                                  driver_override's driver if that is
 *                                  registered (drivers/NAME exists), or,
 *                                  without an override, the device's own
 *                                  driver if registered; vfio-pci's
 *                                  probe fails (the device stays unbound,
 *                                  the write succeeds) for a device with
 *                                  no iommu_group link, as the kernel's
 *
 * A device's "own" driver (what the kernel's ID tables would match) is
 * the first non-vfio driver the simulator sees it bound to, kept in
 * $PCISIM_ROOT/.pcisim/ADDR.  What is not simulated: modalias matching,
 * new_id/remove_id, dynamic IDs, the time a real probe takes, probe
 * failures, and anything the driver itself does (reset, firmware).
 *
 * Mediated devices and SR-IOV:
 *
 *   devices/P/mdev_supported_types/T/create
 *                                  EINVAL unless the value is a UUID;
 *                                  EEXIST if P has it; ENOSPC when T's
 *                                  available_instances is 0; else makes
 *                                  P/UUID (mdev_type, driver, subsystem
 *                                  links, a remove file), T/devices/UUID
 *                                  and bus/mdev/devices/UUID, and takes
 *                                  one from T's available_instances
 *   devices/P/UUID/remove          "1" undoes all of that; ENODEV if gone
 *   devices/PF/sriov_numvfs        N > sriov_totalvfs: ERANGE; N > 0 while
 *                                  non-zero: EBUSY (as the kernel); N
 *                                  makes VFs at sriov_offset/sriov_stride
 *                                  (directories beside the PF with
 *                                  physfn, virtfnK, a new IOMMU group),
 *                                  0 removes them
 *
 * Not simulated: how types on one parent share its capacity (only the
 * created type's count changes), VF drivers, mdev IOMMU groups. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <ctype.h>
#include <ftw.h>
#include <stdbool.h>

enum kind { K_NONE = 0, K_OVERRIDE, K_UNBIND, K_BIND, K_PROBE,
            K_MDEV_CREATE, K_MDEV_REMOVE, K_NUMVFS };

struct slot {
    enum kind kind;
    char addr[32];              /* K_OVERRIDE, K_MDEV_*, K_NUMVFS: the device */
    char driver[64];            /* K_UNBIND, K_BIND: the driver;
                                 * K_MDEV_CREATE: the type; K_MDEV_REMOVE:
                                 * the UUID */
};

static int mdev_create(const char *parent, const char *type, const char *uuid);
static int mdev_remove(const char *parent, const char *uuid);
static int set_numvfs(const char *pf, const char *val);

#define MAX_FD 1024
static struct slot slots[MAX_FD];

static int (*real_open)(const char *, int, ...);
static int (*real_open64)(const char *, int, ...);
static ssize_t (*real_write)(int, const void *, size_t);
static int (*real_close)(int);

static void
init(void)
{
    if (!real_write) {
        real_open = dlsym(RTLD_NEXT, "open");
        real_open64 = dlsym(RTLD_NEXT, "open64");
        real_write = dlsym(RTLD_NEXT, "write");
        real_close = dlsym(RTLD_NEXT, "close");
    }
}

static const char *
root(void)
{
    const char *r = getenv("PCISIM_ROOT");

    return r && *r ? r : NULL;
}

/* "ROOT/sys/bus/pci/REL" into @buf. */
static void
bus_path(char *buf, size_t size, const char *fmt, ...)
{
    char rel[PATH_MAX];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(rel, sizeof(rel), fmt, ap);
    va_end(ap);
    snprintf(buf, size, "%s/sys/bus/pci/%s", root(), rel);
}

/* The driver ADDR is bound to into @drv ("" for none). */
static void
current_driver(const char *addr, char *drv, size_t size)
{
    char p[PATH_MAX], t[PATH_MAX];
    ssize_t n;
    const char *base;

    bus_path(p, sizeof(p), "devices/%s/driver", addr);
    drv[0] = '\0';
    if ((n = readlink(p, t, sizeof(t) - 1)) < 0)
        return;
    t[n] = '\0';
    base = strrchr(t, '/');
    snprintf(drv, size, "%s", base ? base + 1 : t);
}

static void
read_override(const char *addr, char *buf, size_t size)
{
    char p[PATH_MAX];
    FILE *f;

    bus_path(p, sizeof(p), "devices/%s/driver_override", addr);
    buf[0] = '\0';
    if ((f = fopen(p, "r"))) {
        if (fgets(buf, (int)size, f))
            buf[strcspn(buf, "\n")] = '\0';
        fclose(f);
    }
    if (strcmp(buf, "(null)") == 0)
        buf[0] = '\0';
}

static void
native_path(char *buf, size_t size, const char *addr)
{
    snprintf(buf, size, "%s/.pcisim/%s", root(), addr);
}

/* The device's own driver, learnt the first time it was seen bound. */
static void
native(const char *addr, char *drv, size_t size)
{
    char p[PATH_MAX], cur[64];
    FILE *f;

    native_path(p, sizeof(p), addr);
    drv[0] = '\0';
    if ((f = fopen(p, "r"))) {
        if (fgets(drv, (int)size, f))
            drv[strcspn(drv, "\n")] = '\0';
        fclose(f);
        return;
    }
    current_driver(addr, cur, sizeof(cur));
    if (*cur && strcmp(cur, "vfio-pci") != 0) {
        char d[PATH_MAX];

        snprintf(d, sizeof(d), "%s/.pcisim", root());
        mkdir(d, 0755);
        if ((f = fopen(p, "w"))) {
            fprintf(f, "%s\n", cur);
            fclose(f);
        }
        snprintf(drv, size, "%s", cur);
    }
}

/* The relative path from directory @from to @to (both absolute). */
static void
relpath(const char *from, const char *to, char *out, size_t size)
{
    size_t i = 0, common = 0;
    const char *p;

    while (from[i] && from[i] == to[i]) {
        if (from[i] == '/')
            common = i;
        i++;
    }
    if (!from[i] && (to[i] == '/' || !to[i]))
        common = i;
    out[0] = '\0';
    for (p = from + common; *p; p++)
        if (*p == '/')
            strncat(out, "../", size - strlen(out) - 1);
    strncat(out, to[common] == '/' ? to + common + 1 : to + common, size - strlen(out) - 1);
}

/* Binds @drv to @addr: 0, a probe failure (1: the device stays
 * unbound, as the kernel leaves it), or -errno. */
static int
do_bind(const char *addr, const char *drv)
{
    char dev[PATH_MAX], ddir[PATH_MAX], p[PATH_MAX], real_dev[PATH_MAX], real_drv[PATH_MAX];
    char rel[PATH_MAX];
    struct stat st;

    bus_path(dev, sizeof(dev), "devices/%s", addr);
    bus_path(ddir, sizeof(ddir), "drivers/%s", drv);
    if (!realpath(dev, real_dev) || !realpath(ddir, real_drv))
        return -ENODEV;
    /* vfio-pci's probe fails for a device outside any IOMMU group */
    snprintf(p, sizeof(p), "%s/iommu_group", real_dev);
    if (strcmp(drv, "vfio-pci") == 0 && lstat(p, &st) < 0)
        return 1;
    relpath(real_dev, real_drv, rel, sizeof(rel));
    snprintf(p, sizeof(p), "%s/driver", real_dev);
    if (symlink(rel, p) < 0)
        return -errno;
    relpath(real_drv, real_dev, rel, sizeof(rel));
    snprintf(p, sizeof(p), "%s/%s", real_drv, addr);
    if (symlink(rel, p) < 0)
        return -errno;
    return 0;
}

static int
act(struct slot *s, const char *val)
{
    char cur[64], ovr[64], own[64], p[PATH_MAX];
    int rc;

    switch (s->kind) {
    case K_OVERRIDE: {
        FILE *f;

        bus_path(p, sizeof(p), "devices/%s/driver_override", s->addr);
        native(s->addr, own, sizeof(own));
        if (!(f = fopen(p, "w")))
            return -errno;
        fprintf(f, "%s\n", *val ? val : "(null)");
        fclose(f);
        return 0;
    }
    case K_UNBIND:
        native(val, own, sizeof(own));
        current_driver(val, cur, sizeof(cur));
        if (!*cur || strcmp(cur, s->driver) != 0)
            return -ENODEV;
        bus_path(p, sizeof(p), "devices/%s/driver", val);
        unlink(p);
        bus_path(p, sizeof(p), "drivers/%s/%s", s->driver, val);
        unlink(p);
        return 0;
    case K_BIND:
        native(val, own, sizeof(own));
        current_driver(val, cur, sizeof(cur));
        if (*cur)
            return -EBUSY;
        read_override(val, ovr, sizeof(ovr));
        if (*ovr ? strcmp(ovr, s->driver) != 0 : strcmp(own, s->driver) != 0)
            return -ENODEV;
        rc = do_bind(val, s->driver);
        return rc > 0 ? -EINVAL : rc;
    case K_PROBE: {
        const char *want;
        struct stat st;

        bus_path(p, sizeof(p), "devices/%s", val);
        if (stat(p, &st) < 0)
            return -ENODEV;
        native(val, own, sizeof(own));
        current_driver(val, cur, sizeof(cur));
        if (*cur)
            return 0;
        read_override(val, ovr, sizeof(ovr));
        want = *ovr ? ovr : own;
        if (!*want)
            return 0;
        bus_path(p, sizeof(p), "drivers/%s", want);
        if (stat(p, &st) < 0)
            return 0;           /* no such driver registered: stays unbound */
        rc = do_bind(val, want);
        return rc > 0 ? 0 : rc; /* a failed probe: the write succeeds, unbound */
    }
    case K_MDEV_CREATE:
        return mdev_create(s->addr, s->driver, val);
    case K_MDEV_REMOVE:
        return strcmp(val, "1") == 0 ? mdev_remove(s->addr, s->driver) : -EINVAL;
    case K_NUMVFS:
        return set_numvfs(s->addr, val);
    case K_NONE:
    default:
        return 0;
    }
}

/* What @path names, if it is one of the simulated attributes. */
static enum kind
classify(const char *path, struct slot *s)
{
    const char *r = root(), *rel;
    char a[64], d[64], tail[64];
    size_t n;

    memset(s, 0, sizeof(*s));
    if (!r || strncmp(path, r, (n = strlen(r))) != 0 || path[n] != '/')
        return K_NONE;
    rel = path + n;
    if (strcmp(rel, "/sys/bus/pci/drivers_probe") == 0)
        return s->kind = K_PROBE;
    if (sscanf(rel, "/sys/bus/pci/devices/%63[^/]/%63s", a, tail) == 2) {
        char t[64];

        snprintf(s->addr, sizeof(s->addr), "%s", a);
        if (sscanf(tail, "mdev_supported_types/%63[^/]/create", t) == 1 &&
            strcmp(tail + strlen(tail) - 7, "/create") == 0) {
            snprintf(s->driver, sizeof(s->driver), "%s", t);
            return s->kind = K_MDEV_CREATE;
        }
        if (strlen(tail) == 36 + 7 && strcmp(tail + 36, "/remove") == 0) {
            snprintf(s->driver, sizeof(s->driver), "%.36s", tail);
            return s->kind = K_MDEV_REMOVE;
        }
        if (strcmp(tail, "sriov_numvfs") == 0)
            return s->kind = K_NUMVFS;
        if (strcmp(tail, "driver_override") == 0) {
            snprintf(s->addr, sizeof(s->addr), "%s", a);
            return s->kind = K_OVERRIDE;
        }
        if (strcmp(tail, "driver/unbind") == 0) {
            current_driver(a, s->driver, sizeof(s->driver));
            return s->kind = *s->driver ? K_UNBIND : K_NONE;
        }
        return K_NONE;
    }
    if (sscanf(rel, "/sys/bus/pci/drivers/%63[^/]/%63s", d, tail) == 2) {
        snprintf(s->driver, sizeof(s->driver), "%s", d);
        if (strcmp(tail, "unbind") == 0)
            return s->kind = K_UNBIND;
        if (strcmp(tail, "bind") == 0)
            return s->kind = K_BIND;
    }
    return K_NONE;
}

static int
sim_open(int (*fn)(const char *, int, ...), const char *path, int flags, mode_t mode)
{
    struct slot s;
    int fd;

    if (classify(path, &s) == K_NONE || !(flags & (O_WRONLY | O_RDWR)))
        return fn(path, flags, mode);
    if ((fd = fn("/dev/null", O_WRONLY | (flags & O_CLOEXEC))) < 0)
        return fd;
    if (fd < MAX_FD)
        slots[fd] = s;
    return fd;
}

int
open(const char *path, int flags, ...)
{
    va_list ap;
    mode_t mode = 0;

    init();
    va_start(ap, flags);
    if (flags & (O_CREAT | O_TMPFILE))
        mode = va_arg(ap, mode_t);
    va_end(ap);
    return sim_open(real_open, path, flags, mode);
}

int
open64(const char *path, int flags, ...)
{
    va_list ap;
    mode_t mode = 0;

    init();
    va_start(ap, flags);
    if (flags & (O_CREAT | O_TMPFILE))
        mode = va_arg(ap, mode_t);
    va_end(ap);
    return sim_open(real_open64 ? real_open64 : real_open, path, flags, mode);
}

ssize_t
write(int fd, const void *buf, size_t n)
{
    char val[128];
    size_t len = n < sizeof(val) - 1 ? n : sizeof(val) - 1;
    int rc;

    init();
    if (fd < 0 || fd >= MAX_FD || slots[fd].kind == K_NONE)
        return real_write(fd, buf, n);
    memcpy(val, buf, len);
    val[len] = '\0';
    val[strcspn(val, "\n")] = '\0';
    if ((rc = act(&slots[fd], val)) < 0) {
        errno = -rc;
        return -1;
    }
    return (ssize_t)n;
}

int
close(int fd)
{
    init();
    if (fd >= 0 && fd < MAX_FD)
        slots[fd].kind = K_NONE;
    return real_close(fd);
}

/* ---- mediated devices and SR-IOV ------------------------------------- */

static void
mkdir_p(const char *path)
{
    char buf[PATH_MAX], *p;

    snprintf(buf, sizeof(buf), "%s", path);
    for (p = buf + 1; *p; p++) {
        if (*p == '/') {
            *p = '\0';
            mkdir(buf, 0755);
            *p = '/';
        }
    }
    mkdir(buf, 0755);
}

static int
rm_one(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
    (void)sb;
    (void)flag;
    (void)ftw;
    return remove(path) < 0 && errno != ENOENT ? -1 : 0;
}

static void
rm_rf(const char *path)
{
    nftw(path, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

static bool
is_uuid(const char *s)
{
    size_t i;

    if (strlen(s) != 36)
        return false;
    for (i = 0; i < 36; i++) {
        if (i == 8 || i == 13 || i == 18 || i == 23 ? s[i] != '-' : !isxdigit((unsigned char)s[i]))
            return false;
    }
    return true;
}

static int
read_int(const char *path, int *out)
{
    FILE *f = fopen(path, "r");
    int ok;

    if (!f)
        return -1;
    ok = fscanf(f, "%d", out) == 1;
    fclose(f);
    return ok ? 0 : -1;
}

static int
write_int(const char *path, int v)
{
    FILE *f = fopen(path, "w");

    if (!f)
        return -errno;
    fprintf(f, "%d\n", v);
    fclose(f);
    return 0;
}

/* A relative symlink at @link to @target (both absolute). */
static int
link_rel(const char *target, const char *link)
{
    char dir[PATH_MAX], rel[PATH_MAX], *sl;

    snprintf(dir, sizeof(dir), "%s", link);
    if ((sl = strrchr(dir, '/')))
        *sl = '\0';
    relpath(dir, target, rel, sizeof(rel));
    return symlink(rel, link) < 0 ? -errno : 0;
}

static int
mdev_create(const char *parent, const char *type, const char *uuid)
{
    char pdir[PATH_MAX], tdir[PATH_MAX], d[PATH_MAX], p[PATH_MAX], bus[PATH_MAX];
    int avail;

    if (!is_uuid(uuid))
        return -EINVAL;
    bus_path(p, sizeof(p), "devices/%s", parent);
    if (!realpath(p, pdir))
        return -ENODEV;
    snprintf(tdir, sizeof(tdir), "%s/mdev_supported_types/%s", pdir, type);
    snprintf(p, sizeof(p), "%s/available_instances", tdir);
    if (read_int(p, &avail) < 0)
        return -ENODEV;
    snprintf(d, sizeof(d), "%s/%s", pdir, uuid);
    if (access(d, F_OK) == 0)
        return -EEXIST;
    if (avail <= 0)
        return -ENOSPC;
    if (mkdir(d, 0755) < 0)
        return -errno;
    snprintf(p, sizeof(p), "%s/mdev_type", d);
    link_rel(tdir, p);
    snprintf(p, sizeof(p), "%s/remove", d);
    write_int(p, 0);
    snprintf(bus, sizeof(bus), "%s/sys/bus/mdev/drivers/vfio_mdev", root());
    mkdir_p(bus);
    snprintf(p, sizeof(p), "%s/driver", d);
    link_rel(bus, p);
    snprintf(bus, sizeof(bus), "%s/sys/bus/mdev", root());
    snprintf(p, sizeof(p), "%s/subsystem", d);
    link_rel(bus, p);
    snprintf(p, sizeof(p), "%s/devices/%s", tdir, uuid);
    link_rel(d, p);
    snprintf(bus, sizeof(bus), "%s/sys/bus/mdev/devices", root());
    mkdir_p(bus);
    snprintf(p, sizeof(p), "%s/%s", bus, uuid);
    link_rel(d, p);
    snprintf(p, sizeof(p), "%s/available_instances", tdir);
    return write_int(p, avail - 1);
}

static int
mdev_remove(const char *parent, const char *uuid)
{
    char pdir[PATH_MAX], tdir[PATH_MAX], d[PATH_MAX], p[PATH_MAX];
    ssize_t n;
    int avail;

    bus_path(p, sizeof(p), "devices/%s", parent);
    if (!realpath(p, pdir))
        return -ENODEV;
    snprintf(d, sizeof(d), "%s/%s", pdir, uuid);
    snprintf(p, sizeof(p), "%s/mdev_type", d);
    if ((n = readlink(p, tdir, sizeof(tdir) - 1)) < 0)
        return -ENODEV;
    tdir[n] = '\0';
    snprintf(p, sizeof(p), "%s/%s", d, tdir);
    if (!realpath(p, tdir))
        return -ENODEV;
    rm_rf(d);
    snprintf(p, sizeof(p), "%s/devices/%s", tdir, uuid);
    unlink(p);
    snprintf(p, sizeof(p), "%s/sys/bus/mdev/devices/%s", root(), uuid);
    unlink(p);
    snprintf(p, sizeof(p), "%s/available_instances", tdir);
    if (read_int(p, &avail) == 0)
        write_int(p, avail + 1);
    return 0;
}

/* A free IOMMU group number from 100 on, its directory made. */
static int
new_group(char *gdir, size_t size)
{
    int g;

    for (g = 100; g < 10000; g++) {
        snprintf(gdir, size, "%s/sys/kernel/iommu_groups/%d", root(), g);
        if (access(gdir, F_OK) != 0) {
            char p[PATH_MAX];

            snprintf(p, sizeof(p), "%s/devices", gdir);
            mkdir_p(p);
            return g;
        }
    }
    return -1;
}

static int
set_numvfs(const char *pf, const char *val)
{
    char pdir[PATH_MAX], p[PATH_MAX], v[PATH_MAX], t[PATH_MAX], vf[64], gdir[PATH_MAX];
    char *end;
    long n = strtol(val, &end, 10);
    int cur = 0, total = 0, offset = 1, stride = 1, dom, bus, slot, fn, k;

    if (!*val || *end || n < 0)
        return -EINVAL;
    bus_path(p, sizeof(p), "devices/%s", pf);
    if (!realpath(p, pdir))
        return -ENODEV;
    snprintf(p, sizeof(p), "%s/sriov_totalvfs", pdir);
    if (read_int(p, &total) < 0)
        return -ENOENT;
    snprintf(p, sizeof(p), "%s/sriov_numvfs", pdir);
    read_int(p, &cur);
    if (n > total)
        return -ERANGE;
    if (n > 0 && cur > 0)
        return n == cur ? 0 : -EBUSY;
    if (n == 0) {
        for (k = 0; k < 4096; k++) {
            ssize_t l;
            char real[PATH_MAX];

            snprintf(p, sizeof(p), "%s/virtfn%d", pdir, k);
            if ((l = readlink(p, t, sizeof(t) - 1)) < 0)
                continue;
            t[l] = '\0';
            snprintf(v, sizeof(v), "%s/%s", pdir, t);
            if (realpath(v, real)) {
                const char *name = strrchr(real, '/') + 1;

                snprintf(v, sizeof(v), "%s/iommu_group", real);
                if ((l = readlink(v, t, sizeof(t) - 1)) >= 0) {
                    char g[PATH_MAX];

                    t[l] = '\0';
                    snprintf(v, sizeof(v), "%s/%s", real, t);
                    if (realpath(v, g))
                        rm_rf(g);
                }
                bus_path(v, sizeof(v), "devices/%s", name);
                unlink(v);
                rm_rf(real);
            }
            unlink(p);
        }
        snprintf(p, sizeof(p), "%s/sriov_numvfs", pdir);
        return write_int(p, 0);
    }
    snprintf(p, sizeof(p), "%s/sriov_offset", pdir);
    read_int(p, &offset);
    snprintf(p, sizeof(p), "%s/sriov_stride", pdir);
    read_int(p, &stride);
    if (sscanf(pf, "%x:%x:%x.%x", &dom, &bus, &slot, &fn) != 4)
        return -ENODEV;
    for (k = 0; k < n; k++) {
        int devfn = ((slot << 3) | fn) + offset + k * stride;
        const char *files[] = { "vendor", "device", "class", "config", "subsystem_vendor",
                                "subsystem_device", "revision", NULL };
        int i, g;

        snprintf(vf, sizeof(vf), "%04x:%02x:%02x.%x", dom, bus + devfn / 256,
                 (devfn % 256) >> 3, devfn & 7);
        snprintf(v, sizeof(v), "%.*s/%s", (int)(strrchr(pdir, '/') - pdir), pdir, vf);
        if (mkdir(v, 0755) < 0)
            return -errno;
        for (i = 0; files[i]; i++) {
            char src[PATH_MAX], dst[PATH_MAX], buf[4096];
            FILE *in, *out;
            size_t len;

            snprintf(src, sizeof(src), "%s/%s", pdir, files[i]);
            snprintf(dst, sizeof(dst), "%s/%s", v, files[i]);
            if (!(in = fopen(src, "r")))
                continue;
            if ((out = fopen(dst, "w"))) {
                while ((len = fread(buf, 1, sizeof(buf), in)) > 0)
                    fwrite(buf, 1, len, out);
                fclose(out);
            }
            fclose(in);
        }
        snprintf(p, sizeof(p), "%s/physfn", v);
        link_rel(pdir, p);
        snprintf(p, sizeof(p), "%s/virtfn%d", pdir, k);
        link_rel(v, p);
        bus_path(p, sizeof(p), "devices/%s", vf);
        link_rel(v, p);
        if ((g = new_group(gdir, sizeof(gdir))) >= 0) {
            snprintf(p, sizeof(p), "%s/iommu_group", v);
            link_rel(gdir, p);
            snprintf(p, sizeof(p), "%s/devices/%s", gdir, vf);
            link_rel(v, p);
        }
    }
    snprintf(p, sizeof(p), "%s/sriov_numvfs", pdir);
    return write_int(p, (int)n);
}
