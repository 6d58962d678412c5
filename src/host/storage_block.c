/* storage_block.c - follow one block device down to the PCI device that
 * reaches it: the visited set, stacked devices (dm, md, bcache) through
 * slaves/, NVMe multipath subsystems, iSCSI sessions (whose NIC holds
 * the disk), and the /dev names and MAJ:MIN that lead into sysfs. */
#include <config.h>

#include "storage_priv.h"

#include <arpa/inet.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "bdf.h"
#include "i18n.h"
#include "sysread.h"

/* ---- small helpers ----------------------------------------------------- */

/* The filesystem being followed cannot be followed completely. */
void
storage_fail(struct st *s, const char *fmt, ...)
{
    va_list ap;

    s->failed = true;
    if (s->why)
        return;
    va_start(ap, fmt);
    if (vasprintf(&s->why, fmt, ap) < 0)
        s->why = NULL;
    va_end(ap);
}

/* ---- the visited set ---------------------------------------------------- */

static uint64_t
hash_str(const char *p)
{
    uint64_t h = 1469598103934665603ull;

    for (; *p; p++)
        h = (h ^ (unsigned char)*p) * 1099511628211ull;
    return h;
}

void
storage_seen_clear(struct st *s)
{
    size_t i;

    for (i = 0; i < s->seen_cap; i++)
        free(s->seen[i]);
    free(s->seen);
    s->seen = NULL;
    s->seen_cap = s->n_seen = 0;
}

/* Adds @path; true if it was not there yet.  False also when the set
 * cannot grow, with the filesystem marked as not followed. */
static bool
seen_add(struct st *s, const char *path)
{
    size_t i;

    if ((s->n_seen + 1) * 2 > s->seen_cap) {
        size_t ncap = s->seen_cap ? s->seen_cap * 2 : 64;
        char **nv = calloc(ncap, sizeof(*nv));

        if (!nv) {
            storage_fail(s, "%s", _("out of memory"));
            return false;
        }
        for (i = 0; i < s->seen_cap; i++) {
            if (s->seen[i]) {
                size_t k = hash_str(s->seen[i]) & (ncap - 1);

                while (nv[k])
                    k = (k + 1) & (ncap - 1);
                nv[k] = s->seen[i];
            }
        }
        free(s->seen);
        s->seen = nv;
        s->seen_cap = ncap;
    }
    for (i = hash_str(path) & (s->seen_cap - 1); s->seen[i]; i = (i + 1) & (s->seen_cap - 1)) {
        if (strcmp(s->seen[i], path) == 0)
            return false;
    }
    if (!(s->seen[i] = strdup(path))) {
        storage_fail(s, "%s", _("out of memory"));
        return false;
    }
    s->n_seen++;
    return true;
}

/* ---- following block devices ------------------------------------------ */

static int
cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

void
storage_add_netfs(struct st *s, const char *server, const char *fmt, ...)
{
    struct storage_netfs *v;
    va_list ap;
    char *what = NULL;

    if (!s->net) {
        storage_fail(s, "%s", _("network storage cannot be judged here"));
        return;
    }
    va_start(ap, fmt);
    if (vasprintf(&what, fmt, ap) < 0)
        what = NULL;
    va_end(ap);
    if (!what || !(v = realloc(s->net->fs, (s->net->n + 1) * sizeof(*v)))) {
        free(what);
        storage_fail(s, "%s", _("out of memory"));
        return;
    }
    s->net->fs = v;
    v[s->net->n].what = what;
    v[s->net->n].server = server ? strdup(server) : NULL;
    v[s->net->n].target = s->target ? strdup(s->target) : NULL;
    s->net->n++;
}

/* @depth: where storage_walk() found device @k; s->stack holds the names from
 * the filesystem's block device (0) down to the device's (@depth). */
static void
mark_dev(struct st *s, int k, const char *chain, const char *what, int depth)
{
    const char *via[ST_MAX_DEPTH + 1];
    char *reason;
    int i;

    if (asprintf(&reason, _("%s holds %s"), chain, what) < 0) {
        storage_fail(s, "%s", _("out of memory"));
        return;
    }
    model_add_reason(&s->h->devs[k].root_disk, reason);
    free(reason);
    for (i = 0; i <= depth; i++)
        via[i] = s->stack[depth - i];
    if (model_add_hold(&s->h->devs[k], s->kind, s->target, via, (size_t)depth + 1, NULL) < 0)
        storage_fail(s, "%s", _("out of memory"));
}

/* An NVMe multipath namespace sits on its subsystem; the subsystem's
 * controllers (nvme0, nvme1...) link to their PCI functions. */
static bool
mark_nvme_subsystem(struct st *s, const char *path, const char *chain, const char *what,
                    int depth)
{
    char *sub = strdup(path);
    char *mark = sub ? strstr(sub, "/nvme-subsystem/") : NULL;
    char *slash = mark ? strchr(mark + 16, '/') : NULL;   /* after nvme-subsysN */
    int dfd;
    DIR *dir;
    struct dirent *de;
    bool any = false;

    if (!slash) {
        free(sub);
        return false;
    }
    *slash = '\0';
    if ((dfd = openat(s->rootfd, sub, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0 ||
        !(dir = fdopendir(dfd))) {
        if (dfd >= 0)
            close(dfd);
        free(sub);
        return false;
    }
    while ((de = readdir(dir))) {
        char lp[8192];
        char *t;
        struct bdf a;
        int k;
        unsigned int num;
        char tail;

        if (sscanf(de->d_name, "nvme%u%c", &num, &tail) != 1)
            continue;
        if (snprintf(lp, sizeof(lp), "%s/%s", sub, de->d_name) >= (int)sizeof(lp) ||
            !(t = sysread_link(s->rootfd, lp)))
            continue;
        if (sysread_last_bdf(t, &a, NULL) == 0 && (k = model_find(s->h, &a)) >= 0) {
            mark_dev(s, k, chain, what, depth);
            any = true;
        }
        else if (sysread_last_bdf(t, &a, NULL) == 0 && model_unread(s->h, &a))
            any = true;         /* a controller not on the first screen */
        free(t);
    }
    closedir(dir);
    free(sub);
    return any;
}

/* The portal address of the iSCSI session an sd device sits on:
 * .../sessionN/connectionN:C/iscsi_connection/connectionN:C/persistent_address. */
static bool
iscsi_server(struct st *s, const char *path, char *out, size_t size)
{
    const char *p = strstr(path, "/session");
    const char *end = p ? strchr(p + 1, '/') : NULL;
    char sess[4096];
    int dfd;
    DIR *dir;
    struct dirent *de;
    bool found = false;

    if (!end || (size_t)(end - path) >= sizeof(sess))
        return false;
    snprintf(sess, sizeof(sess), "%.*s", (int)(end - path), path);
    if ((dfd = openat(s->rootfd, sess, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0)
        return false;
    if (!(dir = fdopendir(dfd))) {
        close(dfd);
        return false;
    }
    while (!found && (de = readdir(dir))) {
        char ap[600];
        char buf[INET6_ADDRSTRLEN];
        struct in_addr a;

        if (strncmp(de->d_name, "connection", 10) != 0 || strlen(de->d_name) > 100)
            continue;
        snprintf(ap, sizeof(ap), "%s/iscsi_connection/%s/persistent_address", de->d_name, de->d_name);
        if (sysread_small(dfd, ap, buf, sizeof(buf)) > 0 && inet_pton(AF_INET, buf, &a) == 1) {
            snprintf(out, size, "%s", buf);
            found = true;
        }
    }
    closedir(dir);
    return found;
}

/* Follows the block device whose sysfs directory is @path (relative to
 * the sysroot) down to the PCI devices that reach its data, marking
 * each with "@chain holds @what". */
void
storage_walk(struct st *s, const char *path, const char *chain, const char *what, int depth)
{
    char p[4096];
    char buf[256];
    char *nchain = NULL;
    const char *name = sysread_base(path);
    bool virt = strncmp(path, "sys/devices/virtual/block/", 26) == 0;
    int sfd;
    DIR *dir;
    struct dirent *de;
    size_t n_slaves = 0;
    struct bdf a;
    int k;

    if (strncmp(path, "sys/devices/", 12) != 0) {
        storage_fail(s, _("%s is not a device directory"), path);
        return;
    }
    if (depth > ST_MAX_DEPTH) {
        storage_fail(s, _("block devices are stacked more than %d deep at %s"), ST_MAX_DEPTH, name);
        return;
    }
    if (!seen_add(s, path))
        return;
    if (s->n_seen > ST_MAX_NODES) {
        storage_fail(s, ngettext("more than %d block device under one filesystem",
                            "more than %d block devices under one filesystem", ST_MAX_NODES),
                ST_MAX_NODES);
        return;
    }
    s->stack[depth] = name;

    snprintf(p, sizeof(p), "%s/dm/name", path);
    if (sysread_small(s->rootfd, p, buf, sizeof(buf)) > 0)
        k = *chain ? asprintf(&nchain, "%s (%s) -> %s", name, buf, chain)
                   : asprintf(&nchain, "%s (%s)", name, buf);
    else
        k = *chain ? asprintf(&nchain, "%s -> %s", name, chain)
                   : asprintf(&nchain, "%s", name);
    if (k < 0) {
        storage_fail(s, "%s", _("out of memory"));
        return;
    }
    /* the chain is for people; past a few links it says nothing more */
    if (strlen(nchain) > 512)
        strcpy(nchain + 505, " -> ...");

    if (virt && (strncmp(name, "zram", 4) == 0 || strncmp(name, "ram", 3) == 0))
        goto cleanup;           /* memory: no disk to keep */
    if (virt && strncmp(name, "nbd", 3) == 0) {
        storage_add_netfs(s, NULL, _("%s is on network block device %s"), what, name);
        goto cleanup;
    }

    /* stacked devices (dm, md, bcache): go down to what they sit on, in
     * name order so that the reasons read the same on every machine */
    snprintf(p, sizeof(p), "%s/slaves", path);
    if ((sfd = openat(s->rootfd, p, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) >= 0) {
        if ((dir = fdopendir(sfd))) {
            char **names = NULL;
            size_t i;

            while ((de = readdir(dir))) {
                char **nv;

                if (de->d_name[0] == '.')
                    continue;
                if (n_slaves >= ST_MAX_NODES || !(nv = realloc(names, (n_slaves + 1) * sizeof(*nv))) ||
                    !(nv[n_slaves] = strdup(de->d_name))) {
                    storage_fail(s, _("cannot list %s/slaves"), name);
                    break;
                }
                names = nv;
                n_slaves++;
            }
            closedir(dir);
            if (n_slaves > 1)
                qsort(names, n_slaves, sizeof(*names), cmp_str);
            for (i = 0; i < n_slaves; i++) {
                char *lp = NULL;
                char *t = NULL;

                if (asprintf(&lp, "%s/%s", p, names[i]) < 0)
                    lp = NULL;
                if (!lp || !(t = sysread_link(s->rootfd, lp)))
                    storage_fail(s, _("cannot follow %s/slaves/%s: %s"), name, names[i],
                            strerror(errno));
                else
                    storage_walk(s, t, nchain, what, depth + 1);
                free(lp);
                free(t);
                free(names[i]);
            }
            free(names);
        } else {
            close(sfd);
        }
    } else if (virt) {
        storage_fail(s, _("cannot read %s/slaves: %s"), name, strerror(errno));
        goto cleanup;
    }
    if (n_slaves)
        goto cleanup;
    snprintf(p, sizeof(p), "%s/partition", path);
    if (virt && faccessat(s->rootfd, p, F_OK, 0) == 0) {
        /* md0p1, nbd0p1: the partition's data is on its whole device */
        char *up = strdup(path);
        char *slash = up ? strrchr(up, '/') : NULL;

        if (slash) {
            *slash = '\0';
            storage_walk(s, up, nchain, what, depth + 1);
        } else {
            storage_fail(s, "%s", _("out of memory"));
        }
        free(up);
        goto cleanup;
    }
    if (virt) {
        if (strncmp(name, "loop", 4) == 0)
            storage_fail(s, _("%s is a loop device backed by a file"), name);
        else
            storage_fail(s, _("%s is a stacked device with no slaves"), name);
        goto cleanup;
    }

    if (sysread_last_bdf(path, &a, NULL) == 0) {
        if ((k = model_find(s->h, &a)) >= 0)
            mark_dev(s, k, nchain, what, depth);
        else if (!model_unread(s->h, &a))      /* else: not on the first screen */
            storage_fail(s, _("%s sits on a PCI device that is not listed"), name);
    } else if (strstr(path, "/nvme-subsystem/")) {
        if (!mark_nvme_subsystem(s, path, nchain, what, depth))
            storage_fail(s, _("no controller of %s's NVMe subsystem is a PCI device here"), name);
    } else if (strstr(path, "/session")) {
        /* iSCSI: platform/hostN/sessionM/target...: over the network */
        char server[64];
        bool known = iscsi_server(s, path, server, sizeof(server));

        storage_add_netfs(s, known ? server : NULL, _("%s is on iSCSI disk %s"), what, name);
    } else {
        storage_fail(s, _("%s is on no PCI device (%s)"), name, path);
    }

 cleanup:
    free(nchain);
}

/* The sysfs directory of block device @name (sys/class/block/NAME). */
char *
storage_block_dir(struct st *s, const char *name)
{
    char p[512];

    if (!*name || strchr(name, '/') || strcmp(name, ".") == 0 || strcmp(name, "..") == 0) {
        errno = EINVAL;
        return NULL;
    }
    snprintf(p, sizeof(p), "sys/class/block/%s", name);
    return sysread_link(s->rootfd, p);
}

/* The block device name for a /dev path ("/dev/sda2", "/dev/mapper/x"),
 * or NULL.  Other links under /dev (by-uuid, vg/lv) are not followed:
 * nothing in the sysroot says where they point. */
char *
storage_block_for_source(struct st *s, const char *src)
{
    char p[512];
    char buf[256];
    const char *name;
    int bfd;
    DIR *dir;
    struct dirent *de;
    char *found = NULL;

    if (strncmp(src, "/dev/", 5) != 0)
        return NULL;
    name = src + 5;
    if (strncmp(name, "mapper/", 7) != 0)
        return strchr(name, '/') ? NULL : strdup(name);
    name += 7;
    if ((bfd = openat(s->rootfd, "sys/class/block", O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0)
        return NULL;
    if (!(dir = fdopendir(bfd))) {
        close(bfd);
        return NULL;
    }
    while (!found && (de = readdir(dir))) {
        if (strncmp(de->d_name, "dm-", 3) != 0)
            continue;
        snprintf(p, sizeof(p), "%s/dm/name", de->d_name);
        if (sysread_small(bfd, p, buf, sizeof(buf)) > 0 && strcmp(buf, name) == 0)
            found = strdup(de->d_name);
    }
    closedir(dir);
    return found;
}

void
storage_follow_devno(struct st *s, dev_t devno, const char *what)
{
    char p[64];
    char *path;

    snprintf(p, sizeof(p), "sys/dev/block/%u:%u", major(devno), minor(devno));
    if (!(path = sysread_link(s->rootfd, p))) {
        storage_fail(s, _("%s does not lead to a block device (%s)"), p, strerror(errno));
        return;
    }
    storage_walk(s, path, "", what, 0);
    free(path);
}
