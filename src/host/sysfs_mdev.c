/* sysfs_mdev.c - mediated devices: the types each parent offers
 * (mdev_supported_types/TYPE), the mdevs that exist under it (a UUID
 * directory whose mdev_type link names the type) and mdevctl's
 * definitions (etc/mdevctl.d/PARENT/UUID), which may not be started. */
#include <config.h>

#include "sysfs_priv.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "i18n.h"
#include "model.h"
#include "sysread.h"
#include "sysval.h"

#define MDEV_DESC_MAX 4096

/* A small attribute of a type as a new string, NULL if absent. */
static char *
type_attr(int tfd, const char *file)
{
    char buf[256];

    if (sysread_small(tfd, file, buf, sizeof(buf)) < 0)
        return NULL;
    return strdup(buf);
}

static void
read_types(struct rd *r, size_t dev, int pfd)
{
    const char *addr = r->h->devs[dev].addr_str;
    int sfd = openat(pfd, "mdev_supported_types", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    struct dirent **ents = NULL;
    int n, i;

    if (sfd < 0)
        return;
    if ((n = scandirat(sfd, ".", &ents, NULL, alphasort)) < 0) {
        model_warn(r->h, _("%s: cannot read mdev_supported_types (%s)"), addr, strerror(errno));
        close(sfd);
        return;
    }
    for (i = 0; i < n; i++) {
        const char *id = ents[i]->d_name;
        char buf[64];
        char *desc;
        long avail = MODEL_NONE;
        int tfd;

        if (!sysval_name_ok(id) ||
            (tfd = openat(sfd, id, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0)
            continue;
        if (sysread_small(tfd, "available_instances", buf, sizeof(buf)) >= 0 &&
            sysval_dec(buf, 0, 1L << 30, &avail) < 0) {
            sysfs_warn_value(r, addr, "available_instances", buf, strlen(buf));
            avail = MODEL_NONE;
        }
        if ((desc = sysread_all(tfd, "description", MDEV_DESC_MAX, NULL))) {
            size_t len = strlen(desc);

            while (len && (desc[len - 1] == '\n' || desc[len - 1] == ' '))
                desc[--len] = '\0';
        }
        model_add_mdev_type(r->h, dev, id, type_attr(tfd, "name"), desc,
                            type_attr(tfd, "device_api"), (int)avail);
        close(tfd);
    }
    for (i = 0; i < n; i++)
        free(ents[i]);
    free(ents);
    close(sfd);
}

/* The UUID directories of the parent with an mdev_type link. */
static void
read_active(struct rd *r, size_t dev, int pfd)
{
    DIR *d;
    struct dirent *e;
    int dfd = dup(pfd);

    if (dfd < 0 || !(d = fdopendir(dfd))) {
        if (dfd >= 0)
            close(dfd);
        return;
    }
    while ((e = readdir(d))) {
        char link[512], target[512];
        const char *type = NULL;
        ssize_t n;

        if (!model_is_uuid(e->d_name))
            continue;
        snprintf(link, sizeof(link), "%s/mdev_type", e->d_name);
        if ((n = readlinkat(pfd, link, target, sizeof(target) - 1)) > 0) {
            target[n] = '\0';
            if (sysval_name_ok(sysread_base(target)))
                type = sysread_base(target);
        }
        model_add_mdev(r->h, dev, e->d_name, type, true, false);
    }
    closedir(d);
}

/* mdevctl 1.x keeps one JSON file a definition: {"mdev_type": "...",
 * "start": "auto|manual", "attrs": []}; only the type matters here. */
static char *
mdevctl_type(const char *json)
{
    const char *p = strstr(json, "\"mdev_type\"");
    const char *q;

    if (!p || !(p = strchr(p + 11, ':')))
        return NULL;
    p++;
    while (*p == ' ' || *p == '\t' || *p == '\n')
        p++;
    if (*p != '"' || !(q = strchr(p + 1, '"')))
        return NULL;
    return strndup(p + 1, (size_t)(q - p - 1));
}

static void
read_defined(struct rd *r, size_t dev)
{
    char p[256];
    struct dirent **ents = NULL;
    int n, i, dfd;

    snprintf(p, sizeof(p), "etc/mdevctl.d/%s", r->h->devs[dev].addr_str);
    if ((dfd = openat(r->rootfd, p, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0)
        return;
    if ((n = scandirat(dfd, ".", &ents, NULL, alphasort)) < 0) {
        close(dfd);
        return;
    }
    for (i = 0; i < n; i++) {
        char *text, *type;

        if (!model_is_uuid(ents[i]->d_name))
            continue;
        if (!(text = sysread_all(dfd, ents[i]->d_name, 65536, NULL))) {
            model_warn(r->h, _("%s/%s: cannot read the mdevctl definition (%s)"),
                       p, ents[i]->d_name, strerror(errno));
            continue;
        }
        type = mdevctl_type(text);
        model_add_mdev(r->h, dev, ents[i]->d_name, type, false, true);
        free(type);
        free(text);
    }
    for (i = 0; i < n; i++)
        free(ents[i]);
    free(ents);
    close(dfd);
}

void
sysfs_read_mdevs(struct rd *r)
{
    size_t i;

    for (i = 0; i < r->h->n_devs; i++) {
        char p[256];
        int pfd;

        snprintf(p, sizeof(p), "sys/bus/pci/devices/%s", r->h->devs[i].addr_str);
        if ((pfd = openat(r->rootfd, p, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) >= 0) {
            read_types(r, i, pfd);
            read_active(r, i, pfd);
            close(pfd);
        }
        read_defined(r, i);
    }
    model_mdev_sort(r->h);
}
