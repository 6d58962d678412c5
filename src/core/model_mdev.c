/* model_mdev.c - the mediated devices of the host model: the types a
 * parent offers, the mdevs that exist or are defined, who uses them. */
#include <config.h>

#include "model.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

bool
model_is_uuid(const char *s)
{
    size_t i;

    if (!s || strlen(s) != 36)
        return false;
    for (i = 0; i < 36; i++) {
        if (i == 8 || i == 13 || i == 18 || i == 23) {
            if (s[i] != '-')
                return false;
        } else if (!isxdigit((unsigned char)s[i])) {
            return false;
        }
    }
    return true;
}

int
model_add_mdev_type(struct model_host *h, size_t parent, const char *id,
                    char *name, char *description, char *device_api,
                    int available)
{
    struct model_mdev_type *v, *t;

    if (!(v = realloc(h->mdev_types, (h->n_mdev_types + 1) * sizeof(*v))))
        goto fail;
    h->mdev_types = v;
    t = &v[h->n_mdev_types];
    memset(t, 0, sizeof(*t));
    if (!(t->id = strdup(id)))
        goto fail;
    t->parent = parent;
    t->name = name;
    t->description = description;
    t->device_api = device_api;
    t->available = available;
    return (int)h->n_mdev_types++;

 fail:
    free(name);
    free(description);
    free(device_api);
    return -1;
}

int
model_find_mdev(const struct model_host *h, const char *uuid)
{
    size_t i;

    for (i = 0; uuid && i < h->n_mdevs; i++) {
        if (strcasecmp(h->mdevs[i].uuid, uuid) == 0)
            return (int)i;
    }
    return -1;
}

int
model_add_mdev(struct model_host *h, size_t parent, const char *uuid,
               const char *type, bool active, bool defined)
{
    struct model_mdev *v, *m;
    int k;
    size_t i;

    if (!model_is_uuid(uuid))
        return -1;
    if ((k = model_find_mdev(h, uuid)) >= 0) {
        m = &h->mdevs[k];
        m->active |= active;
        m->defined |= defined;
        if (!m->type && type && !(m->type = strdup(type)))
            return -1;
        return k;
    }
    if (!(v = realloc(h->mdevs, (h->n_mdevs + 1) * sizeof(*v))))
        return -1;
    h->mdevs = v;
    m = &v[h->n_mdevs];
    memset(m, 0, sizeof(*m));
    for (i = 0; i < 36; i++)
        m->uuid[i] = (char)tolower((unsigned char)uuid[i]);
    m->parent = parent;
    if (type && !(m->type = strdup(type)))
        return -1;
    m->active = active;
    m->defined = defined;
    return (int)h->n_mdevs++;
}

static int
mdev_cmp(const void *pa, const void *pb)
{
    const struct model_mdev *a = pa, *b = pb;

    if (a->parent != b->parent)
        return a->parent < b->parent ? -1 : 1;
    return strcmp(a->uuid, b->uuid);
}

void
model_mdev_sort(struct model_host *h)
{
    if (h->n_mdevs > 1)
        qsort(h->mdevs, h->n_mdevs, sizeof(*h->mdevs), mdev_cmp);
}

const struct model_mdev_type *
model_find_mdev_type(const struct model_host *h, size_t parent, const char *id)
{
    size_t i;

    for (i = 0; id && i < h->n_mdev_types; i++) {
        if (h->mdev_types[i].parent == parent && strcmp(h->mdev_types[i].id, id) == 0)
            return &h->mdev_types[i];
    }
    return NULL;
}

bool
model_dev_is_mdev_parent(const struct model_host *h, size_t dev)
{
    size_t i;

    for (i = 0; i < h->n_mdev_types; i++)
        if (h->mdev_types[i].parent == dev)
            return true;
    for (i = 0; i < h->n_mdevs; i++)
        if (h->mdevs[i].parent == dev)
            return true;
    return false;
}

int
model_add_mdev_use(struct model_host *h, size_t m, size_t domain,
                   bool live, bool config)
{
    struct model_mdev *md = &h->mdevs[m];
    struct model_use *v;
    size_t i;

    for (i = 0; i < md->n_uses; i++) {
        if (md->uses[i].domain == domain) {
            md->uses[i].live |= live;
            md->uses[i].config |= config;
            return 0;
        }
    }
    if (!(v = realloc(md->uses, (md->n_uses + 1) * sizeof(*v))))
        return -1;
    md->uses = v;
    v[md->n_uses].domain = domain;
    v[md->n_uses].live = live;
    v[md->n_uses].config = config;
    md->n_uses++;
    return 0;
}

void
model_mdev_clear(struct model_host *h)
{
    size_t i;

    for (i = 0; i < h->n_mdev_types; i++) {
        free(h->mdev_types[i].id);
        free(h->mdev_types[i].name);
        free(h->mdev_types[i].description);
        free(h->mdev_types[i].device_api);
    }
    free(h->mdev_types);
    h->mdev_types = NULL;
    h->n_mdev_types = 0;
    for (i = 0; i < h->n_mdevs; i++) {
        free(h->mdevs[i].type);
        free(h->mdevs[i].uses);
    }
    free(h->mdevs);
    h->mdevs = NULL;
    h->n_mdevs = 0;
}

int
model_sel_add_mdev(struct model_sel *s, const struct model_host *h, const char *uuid)
{
    char buf[37];
    size_t k;
    int m;

    if (!model_is_uuid(uuid))
        return -1;
    if ((m = model_find_mdev(h, uuid)) >= 0 && (size_t)m < s->n_mdevs) {
        s->mdev_marked[m] = true;
        return 1;
    }
    for (k = 0; k < 36; k++)
        buf[k] = (char)tolower((unsigned char)uuid[k]);
    buf[36] = '\0';
    return model_sel_add_unknown(s, buf);
}

size_t
model_sel_count_mdevs(const struct model_sel *s)
{
    size_t i, n = 0;

    for (i = 0; i < s->n_mdevs; i++)
        n += s->mdev_marked[i];
    return n;
}
