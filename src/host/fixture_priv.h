/* fixture_priv.h - what the files of the fixture writer (fixture.c,
 * fixture_pci.c, fixture_store.c) share: the description as read, and
 * the helpers that write the tree.  Not for use outside them. */
#ifndef VFIOTUI_FIXTURE_PRIV_H
#define VFIOTUI_FIXTURE_PRIV_H

#include <stdbool.h>
#include <stddef.h>

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

enum fx_virt { FX_DM, FX_MD, FX_BCACHE, FX_NBD };

/* Records the first failure (with the line number being read) as the
 * build's error; returns -1. */
int fx_fail(struct fx *fx, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Writing the tree, relative to the sysroot (fixture.c).  Each returns
 * 0, or -1 through fx_fail. */
int fx_mkdirs(struct fx *fx, const char *rel);
int fx_parent_dirs(struct fx *fx, const char *rel);
int fx_put(struct fx *fx, const char *rel, const void *data, size_t len);
int fx_putf(struct fx *fx, const char *rel, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
int fx_rel_link(struct fx *fx, const char *target, const char *link);
int fx_appendf(struct fx *fx, char **buf, size_t *len, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
int fx_find_dev(const struct fx *fx, const char *name);
struct fx_block *fx_find_block(struct fx *fx, const char *name);
int fx_parse_int(const char *s, int *out);

/* PCI devices, NICs and routes (fixture_pci.c). */
int fx_line_dev(struct fx *fx, char **tok, int ntok);
int fx_write_dev(struct fx *fx, size_t idx);
int fx_line_net(struct fx *fx, char **tok, int ntok);
int fx_line_route(struct fx *fx, char **tok, int ntok, int v6);

/* Mediated device types and mdevs (fixture_mdev.c). */
int fx_line_mdevtype(struct fx *fx, char **tok, int ntok);
int fx_line_mdev(struct fx *fx, char **tok, int ntok);

/* Block devices, device nodes and mounts (fixture_store.c). */
int fx_line_disk(struct fx *fx, char **tok, int ntok);
int fx_write_block_common(struct fx *fx, const struct fx_block *b);
int fx_line_part(struct fx *fx, char **tok, int ntok);
int fx_line_virtual(struct fx *fx, char **tok, int ntok, enum fx_virt kind);
int fx_line_btrfs(struct fx *fx, char **tok, int ntok);
int fx_line_devnode(struct fx *fx, char **tok, int ntok);
int fx_line_mount(struct fx *fx, char **tok, int ntok);
int fx_write_mountinfo(struct fx *fx);

#endif /* VFIOTUI_FIXTURE_PRIV_H */
