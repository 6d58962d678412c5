/* fixture.c - build a kernel-faithful sysroot from a compact description.
 *
 * The tree has the same files, symlinks and relative link targets as a
 * real /sys: bus/pci/devices/X points into devices/pci0000:00/..., nested
 * bridges are nested directories, drivers and IOMMU groups are relative
 * links.  The format is documented in tests/hosts/README.  This file
 * reads the description and writes /proc; fixture_pci.c writes the PCI
 * devices, NICs and routes, fixture_store.c the block devices and mounts. */
#include <config.h>

#include "fixture.h"
#include "fixture_priv.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bdf.h"

int
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
int
fx_mkdirs(struct fx *fx, const char *rel)
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

int
fx_parent_dirs(struct fx *fx, const char *rel)
{
    char buf[4096];
    char *slash;

    snprintf(buf, sizeof(buf), "%s", rel);
    if ((slash = strrchr(buf, '/'))) {
        *slash = '\0';
        return fx_mkdirs(fx, buf);
    }
    return 0;
}

int
fx_put(struct fx *fx, const char *rel, const void *data, size_t len)
{
    int fd;

    if (fx_parent_dirs(fx, rel) < 0)
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

int
fx_putf(struct fx *fx, const char *rel, const char *fmt, ...)
{
    char buf[4096];
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = vsnprintf(buf, sizeof(buf), fmt, ap);
    va_end(ap);
    if (n < 0 || n >= (int)sizeof(buf))
        return fx_fail(fx, "file %s too long", rel);
    return fx_put(fx, rel, buf, (size_t)n);
}

/* A symlink at @link pointing at @target (both relative to the sysroot),
 * written as a relative link, as the kernel does. */
int
fx_rel_link(struct fx *fx, const char *target, const char *link)
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
    if (fx_parent_dirs(fx, link) < 0)
        return -1;
    if (symlinkat(rel, fx->dfd, link) < 0 && errno != EEXIST)
        return fx_fail(fx, "symlink %s: %s", link, strerror(errno));
    return 0;
}

int
fx_appendf(struct fx *fx, char **buf, size_t *len, const char *fmt, ...)
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

int
fx_find_dev(const struct fx *fx, const char *name)
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

struct fx_block *
fx_find_block(struct fx *fx, const char *name)
{
    size_t i;

    for (i = 0; i < fx->n_blocks; i++) {
        if (strcmp(fx->blocks[i].name, name) == 0)
            return &fx->blocks[i];
    }
    return NULL;
}

int
fx_parse_int(const char *s, int *out)
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
        return fx_line_dev(fx, tok, ntok);
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
        return fx_line_disk(fx, tok, ntok);
    if (strcmp(tok[0], "part") == 0)
        return fx_line_part(fx, tok, ntok);
    if (strcmp(tok[0], "dm") == 0)
        return fx_line_virtual(fx, tok, ntok, FX_DM);
    if (strcmp(tok[0], "md") == 0)
        return fx_line_virtual(fx, tok, ntok, FX_MD);
    if (strcmp(tok[0], "bcache") == 0)
        return fx_line_virtual(fx, tok, ntok, FX_BCACHE);
    if (strcmp(tok[0], "nbd") == 0)
        return fx_line_virtual(fx, tok, ntok, FX_NBD);
    if (strcmp(tok[0], "btrfs") == 0)
        return fx_line_btrfs(fx, tok, ntok);
    if (strcmp(tok[0], "net") == 0)
        return fx_line_net(fx, tok, ntok);
    if (strcmp(tok[0], "mdevtype") == 0)
        return fx_line_mdevtype(fx, tok, ntok);
    if (strcmp(tok[0], "mdev") == 0)
        return fx_line_mdev(fx, tok, ntok);
    if (strcmp(tok[0], "route") == 0)
        return fx_line_route(fx, tok, ntok, 0);
    if (strcmp(tok[0], "route6") == 0)
        return fx_line_route(fx, tok, ntok, 1);
    if (strcmp(tok[0], "mount") == 0)
        return fx_line_mount(fx, tok, ntok);
    if (strcmp(tok[0], "devnode") == 0)
        return fx_line_devnode(fx, tok, ntok);
    if (strcmp(tok[0], "swap") == 0) {
        if (ntok != 2)
            return fx_fail(fx, "usage: swap SOURCE");
        return fx_appendf(fx, &fx->swaps, &fx->swaps_len,
                          "%-40s%s\t\t8388604\t\t0\t\t-2\n", tok[1],
                          strncmp(tok[1], "/dev/", 5) == 0 ? "partition" : "file");
    }
    return fx_fail(fx, "unknown keyword '%s'", tok[0]);
}

static int
write_proc(struct fx *fx)
{
    char t[4096];

    if (fx_mkdirs(fx, "sys/kernel/iommu_groups") < 0 ||
        fx_mkdirs(fx, "sys/bus/pci/drivers") < 0 ||
        fx_mkdirs(fx, "sys/class/block") < 0 ||
        fx_mkdirs(fx, "sys/class/net") < 0 ||
        fx_mkdirs(fx, "proc/self") < 0 ||
        fx_mkdirs(fx, "proc/net") < 0)
        return -1;
    if (fx->release && fx_putf(fx, "proc/sys/kernel/osrelease", "%s\n", fx->release) < 0)
        return -1;
    if (fx->hostname && fx_putf(fx, "proc/sys/kernel/hostname", "%s\n", fx->hostname) < 0)
        return -1;
    if (fx_putf(fx, "proc/cmdline", "%s\n", fx->cmdline ? fx->cmdline : "") < 0)
        return -1;
    if (fx_appendf(fx, &fx->mounts, &fx->mounts_len,
                   "proc /proc proc rw,nosuid,nodev,noexec,relatime 0 0\n"
                   "sysfs /sys sysfs rw,nosuid,nodev,noexec,relatime 0 0\n"
                   "tmpfs /run tmpfs rw,nosuid,nodev,mode=755 0 0\n") < 0)
        return -1;
    if (fx_put(fx, "proc/self/mounts", fx->mounts, fx->mounts_len) < 0 ||
        fx_put(fx, "proc/mounts", fx->mounts, fx->mounts_len) < 0 ||
        fx_write_mountinfo(fx) < 0)
        return -1;
    snprintf(t, sizeof(t), "Filename\t\t\t\tType\t\tSize\t\tUsed\t\tPriority\n%s",
             fx->swaps ? fx->swaps : "");
    if (fx_put(fx, "proc/swaps", t, strlen(t)) < 0)
        return -1;
    snprintf(t, sizeof(t), "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT\n");
    if (fx_appendf(fx, &fx->route, &fx->route_len, "%s", "") < 0)
        return -1;
    {
        size_t hl = strlen(t);
        char *all = malloc(hl + fx->route_len + 1);

        if (!all)
            return fx_fail(fx, "out of memory");
        memcpy(all, t, hl);
        memcpy(all + hl, fx->route, fx->route_len + 1);
        if (fx_put(fx, "proc/net/route", all, hl + fx->route_len) < 0) {
            free(all);
            return -1;
        }
        free(all);
    }
    if (fx_put(fx, "proc/net/ipv6_route", fx->route6 ? fx->route6 : "", fx->route6_len) < 0)
        return -1;
    if (fx->vfio == 2) {
        static const char modules[] =
            "vfio_pci 16384 0 - Live 0x0000000000000000\n"
            "vfio_pci_core 94208 1 vfio_pci, Live 0x0000000000000000\n"
            "vfio 57344 2 vfio_pci_core,vfio_iommu_type1, Live 0x0000000000000000\n";

        if (fx_put(fx, "proc/modules", modules, strlen(modules)) < 0 ||
            fx_mkdirs(fx, "sys/bus/pci/drivers/vfio-pci") < 0 ||
            fx_mkdirs(fx, "sys/module/vfio_pci/parameters") < 0)
            return -1;
    } else if (fx_putf(fx, "proc/modules", "e1000e 344064 0 - Live 0x0000000000000000\n") < 0) {
        return -1;
    }
    if (fx->vfio >= 1 && fx->release) {
        snprintf(t, sizeof(t), "lib/modules/%s/kernel/drivers/vfio/pci/vfio-pci.ko", fx->release);
        if (fx_put(fx, t, "", 0) < 0)
            return -1;
        snprintf(t, sizeof(t), "lib/modules/%s/modules.dep", fx->release);
        if (fx_putf(fx, t, "kernel/drivers/vfio/pci/vfio-pci.ko: kernel/drivers/vfio/pci/vfio-pci-core.ko\n") < 0)
            return -1;
    } else if (fx->release) {
        snprintf(t, sizeof(t), "lib/modules/%s/modules.dep", fx->release);
        if (fx_putf(fx, t, "kernel/drivers/net/ethernet/intel/e1000e/e1000e.ko:\n") < 0)
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
                if (fx_write_block_common(&fx, &fx.blocks[fx.n_blocks - 1]) < 0)
                    goto cleanup;
            }
        }
        if (pass == 0) {
            fx.lineno = 0;
            for (i = 0; i < fx.n_devs; i++) {
                if (fx_write_dev(&fx, i) < 0)
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
