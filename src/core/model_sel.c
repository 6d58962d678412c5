/* model_sel.c - selections: the devices (and mdevs) marked on a host
 * model, by address or by group. */
#include <config.h>

#include "model.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct model_sel *
model_sel_new(const struct model_host *h)
{
    struct model_sel *s = calloc(1, sizeof(*s));

    if (!s)
        return NULL;
    s->n_devs = h->n_devs;
    s->marked = calloc(h->n_devs ? h->n_devs : 1, sizeof(*s->marked));
    s->n_mdevs = h->n_mdevs;
    s->mdev_marked = calloc(h->n_mdevs ? h->n_mdevs : 1, sizeof(*s->mdev_marked));
    if (!s->marked || !s->mdev_marked) {
        free(s->marked);
        free(s->mdev_marked);
        free(s);
        return NULL;
    }
    return s;
}

void
model_sel_free(struct model_sel *s)
{
    size_t i;

    if (!s)
        return;
    for (i = 0; i < s->n_unknown; i++)
        free(s->unknown[i]);
    free(s->unknown);
    free(s->marked);
    free(s->mdev_marked);
    free(s);
}

int
model_sel_add(struct model_sel *s, const struct model_host *h, const char *addr)
{
    struct bdf a;
    char buf[BDF_STRLEN];
    bool all_funcs, found = false;
    int i;
    size_t k;

    if (model_is_uuid(addr))
        return model_sel_add_mdev(s, h, addr) < 0 ? -1 : 0;
    if (bdf_parse_user(addr, &a, &all_funcs) < 0)
        return -1;
    if (all_funcs) {
        /* "01:00" is every function of the slot, as for lspci -s */
        for (k = 0; k < h->n_devs; k++) {
            const struct bdf *d = &h->devs[k].addr;

            if (d->domain == a.domain && d->bus == a.bus && d->slot == a.slot) {
                s->marked[k] = true;
                found = true;
            }
        }
        if (found)
            return 0;
        snprintf(buf, sizeof(buf), "%04x:%02x:%02x", a.domain, a.bus, a.slot);
    } else if ((i = model_find(h, &a)) >= 0) {
        s->marked[i] = true;
        return 0;
    } else {
        bdf_format(&a, buf);
    }
    return model_sel_add_unknown(s, buf);
}

int
model_sel_add_unknown(struct model_sel *s, const char *name)
{
    char **v;
    size_t k;

    for (k = 0; k < s->n_unknown; k++)
        if (strcmp(s->unknown[k], name) == 0)
            return 0;
    if (!(v = realloc(s->unknown, (s->n_unknown + 1) * sizeof(*v))))
        return -1;
    s->unknown = v;
    if (!(s->unknown[s->n_unknown] = strdup(name)))
        return -1;
    s->n_unknown++;
    return 0;
}

int
model_sel_group(struct model_sel *s, const struct model_host *h, int id)
{
    const struct model_group *g = model_find_group(h, id);
    size_t i;

    if (!g)
        return -1;
    for (i = 0; i < g->n_devs; i++) {
        if (!model_dev_is_bridge(&h->devs[g->devs[i]]))
            s->marked[g->devs[i]] = true;
    }
    return 0;
}

size_t
model_sel_whole_groups(struct model_sel *s, const struct model_host *h)
{
    size_t added = 0;
    size_t gi, i;

    for (gi = 0; gi < h->n_groups; gi++) {
        const struct model_group *g = &h->groups[gi];
        bool touched = false;

        for (i = 0; i < g->n_devs && !touched; i++)
            touched = s->marked[g->devs[i]];
        if (!touched)
            continue;
        for (i = 0; i < g->n_devs; i++) {
            size_t d = g->devs[i];

            if (!s->marked[d] && !model_dev_is_bridge(&h->devs[d])) {
                s->marked[d] = true;
                added++;
            }
        }
    }
    return added;
}

size_t
model_sel_count(const struct model_sel *s)
{
    size_t n = 0, i;

    for (i = 0; i < s->n_devs; i++)
        n += s->marked[i];
    return n;
}
