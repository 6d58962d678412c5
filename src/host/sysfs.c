/* sysfs.c - read <sysroot>/sys and <sysroot>/proc into the host model.
 *
 * Devices come from sys/bus/pci/devices through the real libpci (pointed
 * at the same tree with its sysfs.path parameter), groups from
 * sys/kernel/iommu_groups, and the host facts the rules judge (root
 * disk, management NIC, kernel, vfio) from sys/class and proc.  Nothing
 * here needs root, and a malformed file degrades one field to unknown
 * with a warning. */
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
#include "storage.h"
#include "sysread.h"

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
parse_hexval(const char *s, long max, int *out)
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

/* Reads "0x8086" style files; -1 if absent or malformed. */
static int
read_hex(int dirfd, const char *path, long max, int *out)
{
    char buf[64];

    if (read_small(dirfd, path, buf, sizeof(buf)) <= 0)
        return -1;
    return parse_hexval(buf, max, out);
}

/* Last path component that is a PCI address, searching from the end. */
static int
last_bdf_in_path(const char *path, struct bdf *out, size_t *end_off)
{
    const char *p = path + strlen(path);

    while (p > path) {
        const char *q = p;
        char comp[64];
        size_t len;

        while (q > path && q[-1] != '/')
            q--;
        len = (size_t)(p - q);
        if (len < sizeof(comp)) {
            memcpy(comp, q, len);
            comp[len] = '\0';
            if (len == 12 && bdf_parse(comp, out) == 0) {
                if (end_off)
                    *end_off = (size_t)(p - path);
                return 0;
            }
        }
        p = q > path ? q - 1 : path;
    }
    return -1;
}

/* Resolves the relative symlink @link (relative to the sysroot) into a
 * sysroot-relative path without "..": e.g. "sys/devices/pci0000:00/...".
 * Returns a new string or NULL. */
static char *
resolve_link(int rootfd, const char *link)
{
    char target[4096];
    char base[4096];
    char out[8192];
    ssize_t n;
    char *slash;
    const char *t;
    size_t olen;

    if ((n = readlinkat(rootfd, link, target, sizeof(target) - 1)) < 0)
        return NULL;
    target[n] = '\0';
    if (target[0] == '/')
        return NULL;            /* the kernel writes relative links only */
    snprintf(base, sizeof(base), "%s", link);
    if ((slash = strrchr(base, '/')))
        *slash = '\0';
    else
        base[0] = '\0';
    snprintf(out, sizeof(out), "%s", base);
    olen = strlen(out);
    for (t = target; *t; ) {
        const char *e = strchr(t, '/');
        size_t clen = e ? (size_t)(e - t) : strlen(t);

        if (clen == 2 && t[0] == '.' && t[1] == '.') {
            char *s = strrchr(out, '/');

            if (s) {
                *s = '\0';
            } else {
                out[0] = '\0';
            }
            olen = strlen(out);
        } else if (!(clen == 1 && t[0] == '.') && clen > 0) {
            if (olen + clen + 2 >= sizeof(out))
                return NULL;
            if (olen)
                out[olen++] = '/';
            memcpy(out + olen, t, clen);
            olen += clen;
            out[olen] = '\0';
        }
        t += clen;
        if (*t == '/')
            t++;
    }
    return strdup(out);
}

static const char *
base_name(const char *p)
{
    const char *s = strrchr(p, '/');

    return s ? s + 1 : p;
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

/* Appends "; @s" to a reason string, or sets it. */
static void
add_reason(char **dst, const char *s)
{
    char *n;

    if (!*dst) {
        *dst = strdup(s);
        return;
    }
    if (strstr(*dst, s))
        return;
    if (asprintf(&n, "%s; %s", *dst, s) >= 0) {
        free(*dst);
        *dst = n;
    }
}

/* ---- devices --------------------------------------------------------- */

struct found {
    struct bdf addr;
    char name[BDF_STRLEN];
    bool ids_ok;                /* vendor, device and class are readable */
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

/* Everything libpci can tell about one device with valid IDs. */
static int
fill_from_libpci(struct rd *r, struct pci_access *pacc, const struct found *f,
                 struct model_dev *d)
{
    struct pci_dev *volatile pd = NULL;     /* read after a longjmp */
    int hdr;

    if (setjmp(pci_jmp)) {
        if (pd)
            pci_free_dev(pd);
        model_warn(r->h, _("%s: vendor, device or class file missing or malformed; the device's identity is unknown"),
                   f->name);
        return -1;
    }
    pd = pci_get_dev(pacc, (int)f->addr.domain, (int)f->addr.bus,
                     (int)f->addr.slot, (int)f->addr.func);
    if (!pd)
        return -1;
    /* The driver is read in fill_own: libpci's PCI_FILL_DRIVER resolves
     * the link with realpath(), a readlink per path component, which
     * alone would cost more than all the rest of the scan. */
    pci_fill_info(pd, PCI_FILL_IDENT | PCI_FILL_CLASS | PCI_FILL_CLASS_EXT |
                  PCI_FILL_SUBSYS | PCI_FILL_NUMA_NODE);
    d->vendor_id = pd->vendor_id;
    d->device_id = pd->device_id;
    d->class_id = pd->device_class;
    d->prog_if = pd->prog_if;
    d->revision = pd->rev_id;
    if (pd->subsys_vendor_id && pd->subsys_vendor_id != 0xffff) {
        d->subsys_vendor_id = pd->subsys_vendor_id;
        d->subsys_device_id = pd->subsys_id;
    }
    d->numa_node = pd->numa_node >= 0 ? pd->numa_node : MODEL_NONE;
    /* Only bridge-class functions can have a type 1 or 2 header, so
     * config space (open, read, close) is read just for those. */
    hdr = (d->class_id >> 8) == 0x06 ? pci_read_byte(pd, PCI_HEADER_TYPE) : 0;
    if (hdr != 0xff)
        d->header = (enum model_header)(hdr & 0x7f) <= MODEL_HDR_CARDBUS ?
            (enum model_header)(hdr & 0x7f) : MODEL_HDR_UNKNOWN;
    else if (d->class_id == 0x0604 || d->class_id == 0x0609)
        d->header = MODEL_HDR_BRIDGE;
    else if (d->class_id == 0x0607)
        d->header = MODEL_HDR_CARDBUS;
    d->vendor_name = lookup(pacc, PCI_LOOKUP_VENDOR, d->vendor_id, 0, 0, 0);
    d->device_name = lookup(pacc, PCI_LOOKUP_DEVICE, d->vendor_id, d->device_id, 0, 0);
    d->class_name = lookup(pacc, PCI_LOOKUP_CLASS, d->class_id, 0, 0, 0);
    if (d->subsys_vendor_id != MODEL_NONE)
        d->subsys_name = lookup(pacc, PCI_LOOKUP_SUBSYSTEM | PCI_LOOKUP_VENDOR | PCI_LOOKUP_DEVICE,
                                d->vendor_id, d->device_id,
                                d->subsys_vendor_id, d->subsys_device_id);
    pci_free_dev(pd);
    return 0;
}

/* What we read ourselves: the files libpci does not interpret. */
static void
fill_own(struct rd *r, const struct found *f, struct model_dev *d)
{
    char p[512];
    char buf[512];
    ssize_t n;
    int v;

    if (!d->driver) {
        char *t;

        snprintf(p, sizeof(p), "sys/bus/pci/devices/%s/driver", f->name);
        if ((t = resolve_link(r->rootfd, p))) {
            d->driver = strdup(base_name(t));
            free(t);
        }
    }

    /* the kernel writes boot_vga for display devices only */
    if (!model_dev_is_vga(d) && d->class_id != MODEL_NONE) {
        d->boot_vga = MODEL_TRI_NO;
    } else {
        snprintf(p, sizeof(p), "sys/bus/pci/devices/%s/boot_vga", f->name);
        if (read_small(r->rootfd, p, buf, sizeof(buf)) > 0)
            d->boot_vga = strcmp(buf, "1") == 0 ? MODEL_TRI_YES : MODEL_TRI_NO;
    }

    snprintf(p, sizeof(p), "sys/bus/pci/devices/%s/reset_method", f->name);
    n = read_small(r->rootfd, p, buf, sizeof(buf));
    if (n >= 0) {
        char *tok, *save = NULL;

        d->reset_known = true;
        for (tok = strtok_r(buf, " \t", &save); tok; tok = strtok_r(NULL, " \t", &save))
            add_str(&d->reset_methods, &d->n_reset_methods, tok);
    } else if (errno != ENOENT) {
        model_warn(r->h, _("%s: cannot read reset_method (%s); reset methods unknown"),
                   f->name, strerror(errno));
    }

    snprintf(p, sizeof(p), "sys/bus/pci/devices/%s/sriov_totalvfs", f->name);
    if (read_small(r->rootfd, p, buf, sizeof(buf)) > 0) {
        char *end;
        long t = strtol(buf, &end, 10);

        if (!*end && t >= 0 && t < 65536)
            d->sriov_totalvfs = (int)t;
        snprintf(p, sizeof(p), "sys/bus/pci/devices/%s/sriov_numvfs", f->name);
        d->n_virtfns = 0;
        if (read_small(r->rootfd, p, buf, sizeof(buf)) > 0) {
            t = strtol(buf, &end, 10);
            /* kept in virtfns' place until read_topology resolves them */
            if (!*end && t >= 0 && t <= d->sriov_totalvfs)
                d->n_virtfns = (size_t)t;
        } else {
            d->n_virtfns = (size_t)d->sriov_totalvfs;
        }
    }

    if (!f->ids_ok) {
        snprintf(p, sizeof(p), "sys/bus/pci/devices/%s/vendor", f->name);
        if (read_hex(r->rootfd, p, 0xffff, &v) == 0)
            d->vendor_id = v;
        snprintf(p, sizeof(p), "sys/bus/pci/devices/%s/device", f->name);
        if (read_hex(r->rootfd, p, 0xffff, &v) == 0)
            d->device_id = v;
        snprintf(p, sizeof(p), "sys/bus/pci/devices/%s/class", f->name);
        if (read_hex(r->rootfd, p, 0xffffff, &v) == 0) {
            d->class_id = v >> 8;
            d->prog_if = v & 0xff;
        }
        if (d->class_id == 0x0604)
            d->header = MODEL_HDR_BRIDGE;
    }
}

/* Reads the device list; checks the three files libpci treats as
 * mandatory, so a broken device never reaches libpci's error path. */
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
            model_warn(r->h, _("ignoring '%s' in sys/bus/pci/devices: not a PCI address"),
                       de->d_name);
            continue;
        }
        bdf_format(&f.addr, f.name);
        /* libpci reads vendor, device and class itself, and its error
         * handler is caught (fill_from_libpci), so they are not read
         * twice here. */
        f.ids_ok = true;
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

static void
read_groups(struct rd *r)
{
    int gfd = openat(r->rootfd, "sys/kernel/iommu_groups", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    DIR *dir;
    struct dirent *de;

    if (gfd < 0 || !(dir = fdopendir(gfd))) {
        if (gfd >= 0)
            close(gfd);
        return;                 /* no IOMMU: a real state, not an error */
    }
    while ((de = readdir(dir))) {
        char p[512];
        char *end;
        long id;
        int dfd;

        if (de->d_name[0] == '.')
            continue;
        id = strtol(de->d_name, &end, 10);
        if (*end || id < 0 || id > 1000000) {
            model_warn(r->h, _("ignoring '%s' in sys/kernel/iommu_groups: not a group number"),
                       de->d_name);
            continue;
        }
        snprintf(p, sizeof(p), "%s/devices", de->d_name);
        if ((dfd = openat(gfd, p, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0) {
            model_warn(r->h, _("IOMMU group %ld has no readable device list"), id);
            continue;
        }
        /* Thousands of small directories: read them with getdents64
         * directly, without the fstat and fcntl calls of fdopendir. */
        for (;;) {
            char dbuf[4096];
            long nread = syscall(SYS_getdents64, dfd, dbuf, sizeof(dbuf));
            long pos;

            if (nread <= 0)
                break;
            for (pos = 0; pos < nread; ) {
                struct dirent64 *e = (struct dirent64 *)(dbuf + pos);
                struct bdf a;
                int k;

                pos += e->d_reclen;
                if (e->d_name[0] == '.')
                    continue;
                if (bdf_parse(e->d_name, &a) < 0 || (k = model_find(r->h, &a)) < 0) {
                    model_warn(r->h, _("IOMMU group %ld lists '%s', which is not a PCI device here"),
                               id, e->d_name);
                    continue;
                }
                r->h->devs[k].group = (int)id;
            }
        }
        close(dfd);
    }
    closedir(dir);
}

/* Paths, parents and SR-IOV links, once indices are final. */
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

        snprintf(p, sizeof(p), "sys/bus/pci/devices/%s", d->addr_str);
        if ((path = resolve_link(r->rootfd, p))) {
            size_t end;
            char *up;

            if (asprintf(&d->sysfs_path, "/%s", path) < 0)
                d->sysfs_path = NULL;
            /* the parent is the directory above, if it is a PCI device */
            if ((up = strrchr(path, '/'))) {
                *up = '\0';
                if (last_bdf_in_path(path, &a, &end) == 0 && end == strlen(path) &&
                    (k = model_find(h, &a)) >= 0)
                    d->parent = k;
            }
            free(path);
        }

        snprintf(p, sizeof(p), "sys/bus/pci/devices/%s/physfn", d->addr_str);
        if ((path = resolve_link(r->rootfd, p))) {
            if (bdf_parse(base_name(path), &a) == 0 && (k = model_find(h, &a)) >= 0)
                d->physfn = k;
            free(path);
        }
        n_vf = (int)d->n_virtfns;       /* sriov_numvfs, from fill_own */
        d->n_virtfns = 0;
        for (vf = 0; vf < n_vf; vf++) {
            size_t *nv;

            snprintf(p, sizeof(p), "sys/bus/pci/devices/%s/virtfn%d", d->addr_str, vf);
            if (!(path = resolve_link(r->rootfd, p)))
                continue;
            if (bdf_parse(base_name(path), &a) == 0 && (k = model_find(h, &a)) >= 0 &&
                (nv = realloc(d->virtfns, (d->n_virtfns + 1) * sizeof(*nv)))) {
                d->virtfns = nv;
                d->virtfns[d->n_virtfns++] = (size_t)k;
            }
            free(path);
        }
    }
}

/* ---- host facts: management NIC --------------------------------------- */

static void
mark_iface(struct rd *r, const char *iface, const char *why, int depth)
{
    char p[512];
    char *path;
    struct bdf a;
    int k, dfd;
    DIR *dir;
    struct dirent *de;

    if (depth > 4 || strchr(iface, '/'))
        return;
    snprintf(p, sizeof(p), "sys/class/net/%s", iface);
    if (!(path = resolve_link(r->rootfd, p)))
        return;
    if (last_bdf_in_path(path, &a, NULL) == 0 && (k = model_find(r->h, &a)) >= 0) {
        add_reason(r->netfs ? &r->h->devs[k].root_disk : &r->h->devs[k].mgmt_nic, why);
        free(path);
        return;
    }
    free(path);
    /* bridges, bonds, VLANs: follow to the ports they sit on */
    snprintf(p, sizeof(p), "sys/class/net/%s/brif", iface);
    if ((dfd = openat(r->rootfd, p, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) >= 0) {
        if ((dir = fdopendir(dfd))) {
            while ((de = readdir(dir)))
                if (de->d_name[0] != '.')
                    mark_iface(r, de->d_name, why, depth + 1);
            closedir(dir);
        } else {
            close(dfd);
        }
    }
    snprintf(p, sizeof(p), "sys/class/net/%s", iface);
    if ((dfd = openat(r->rootfd, p, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) >= 0) {
        if ((dir = fdopendir(dfd))) {
            while ((de = readdir(dir)))
                if (strncmp(de->d_name, "lower_", 6) == 0)
                    mark_iface(r, de->d_name + 6, why, depth + 1);
            closedir(dir);
        } else {
            close(dfd);
        }
    }
}

static int
ipv4_le(const char *ip, unsigned long *out)
{
    unsigned int a, b, c, d;
    char tail;

    if (sscanf(ip, "%u.%u.%u.%u%c", &a, &b, &c, &d, &tail) != 4 ||
        a > 255 || b > 255 || c > 255 || d > 255)
        return -1;
    *out = a | (b << 8) | (c << 16) | ((unsigned long)d << 24);
    return 0;
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
        bool v4 = net->fs[i].server && ipv4_le(net->fs[i].server, &ip) == 0;
        char best[64] = "";
        int best_len = -1, pass;

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
                    mark_iface(r, iface, why, 0);
                }
            }
            free(copy);
            if (pass == 0 && best[0]) {
                char why[1600];

                snprintf(why, sizeof(why), _("%s; its traffic goes through %s"),
                         net->fs[i].what, best);
                mark_iface(r, best, why, 0);
                break;
            }
        }
    }
    r->netfs = false;
    free(text);
}

static void
read_routes(struct rd *r, const char *ssh, const struct storage_net *net)
{
    char *text = read_all(r->rootfd, "proc/net/route");
    char *line, *save = NULL;
    char ssh_ip[64] = "";
    unsigned long ssh_le = 0;
    bool ssh_v4 = false;
    char best_if[64] = "";
    int best_len = -1;

    if (ssh && sscanf(ssh, "%*s %*s %63s", ssh_ip) == 1)
        ssh_v4 = ipv4_le(ssh_ip, &ssh_le) == 0;

    if (!text && !(text = read_all(r->rootfd, "proc/net/ipv6_route"))) {
        model_warn(r->h, _("cannot read proc/net/route: the management NIC is unknown"));
        return;
    }
    free(text);
    r->h->mgmt_nic_known = true;

    if ((text = read_all(r->rootfd, "proc/net/route"))) {
        line = strtok_r(text, "\n", &save);
        for (line = line ? strtok_r(NULL, "\n", &save) : NULL; line;
             line = strtok_r(NULL, "\n", &save)) {
            char iface[64];
            unsigned long dest, gw, mask;
            unsigned int flags;

            if (sscanf(line, "%63s %lx %lx %x %*s %*s %*s %lx", iface, &dest, &gw, &flags, &mask) != 5)
                continue;
            if (dest == 0 && mask == 0 && (flags & 0x3) == 0x3) {
                char why[256];

                snprintf(why, sizeof(why), _("%s carries the default route"), iface);
                mark_iface(r, iface, why, 0);
            }
            if (ssh_v4 && (ssh_le & mask) == dest && mask != 0) {
                int len = __builtin_popcountl(mask);

                if (len > best_len) {
                    best_len = len;
                    snprintf(best_if, sizeof(best_if), "%s", iface);
                }
            }
        }
        free(text);
    }
    if (best_if[0]) {
        char why[256];

        snprintf(why, sizeof(why), _("%s carries your SSH session (%s)"), best_if, ssh_ip);
        mark_iface(r, best_if, why, 0);
    }

    if ((text = read_all(r->rootfd, "proc/net/ipv6_route"))) {
        save = NULL;
        for (line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
            char dest[64], plen[8], iface[64];

            if (sscanf(line, "%63s %7s %*s %*s %*s %*s %*s %*s %*s %63s", dest, plen, iface) != 3)
                continue;
            if (strcmp(dest, "00000000000000000000000000000000") == 0 &&
                strcmp(plen, "00") == 0 && strcmp(iface, "lo") != 0) {
                char why[256];

                snprintf(why, sizeof(why), _("%s carries the default IPv6 route"), iface);
                mark_iface(r, iface, why, 0);
            }
        }
        free(text);
    }
    mark_netfs(r, net);
}

/* ---- host facts: kernel ------------------------------------------------ */

static void
read_kernel(struct rd *r, bool is_root)
{
    struct model_host *h = r->h;
    char buf[4096];
    struct utsname u;
    static const char *const ko[] = { "", ".xz", ".zst", ".gz" };
    size_t i;

    if (read_small(r->rootfd, "proc/sys/kernel/osrelease", buf, sizeof(buf)) > 0)
        h->kernel_release = strdup(buf);
    else if (is_root && uname(&u) == 0)
        h->kernel_release = strdup(u.release);
    if (h->kernel_release) {
        int maj, min;

        if (sscanf(h->kernel_release, "%d.%d", &maj, &min) == 2) {
            h->kernel_major = maj;
            h->kernel_minor = min;
        }
    } else {
        model_warn(h, _("cannot read proc/sys/kernel/osrelease: the kernel version is unknown"));
    }

    if (read_small(r->rootfd, "proc/sys/kernel/hostname", buf, sizeof(buf)) > 0)
        h->hostname = strdup(buf);
    else if (is_root && gethostname(buf, sizeof(buf)) == 0)
        h->hostname = strdup(buf);

    if (read_small(r->rootfd, "proc/cmdline", buf, sizeof(buf)) >= 0)
        h->cmdline = strdup(buf);

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

/* Adds every device to the model, with what libpci reads for those
 * whose identity files are sound.  Returns 0, or -1 with *err set. */
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
    pci_warn_host = quiet ? NULL : r->h;
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
        int k = model_add_dev(r->h, &found[i].addr);

        if (k < 0)
            break;
        struct found f = found[i];

        if (fill_from_libpci(r, pacc, &f, &r->h->devs[k]) < 0)
            f.ids_ok = false;
        fill_own(r, &f, &r->h->devs[k]);
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
