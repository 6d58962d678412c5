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
 * failures, and anything the driver itself does (reset, firmware). */
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

enum kind { K_NONE = 0, K_OVERRIDE, K_UNBIND, K_BIND, K_PROBE };

struct slot {
    enum kind kind;
    char addr[32];              /* K_OVERRIDE: the device */
    char driver[64];            /* K_UNBIND, K_BIND: the driver */
};

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
