/* model.c - host model allocation and lookup (model_sel.c: selections) */
#include <config.h>

#include "model.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct model_host *
model_host_new(void)
{
    struct model_host *h = calloc(1, sizeof(*h));

    if (!h)
        return NULL;
    h->kernel_major = MODEL_NONE;
    h->kernel_minor = MODEL_NONE;
    return h;
}

static void
hold_clear(struct model_hold *o)
{
    size_t i;

    free(o->target);
    for (i = 0; i < o->n_via; i++)
        free(o->via[i]);
    free(o->via);
    free(o->iface);
}

static void
dev_clear(struct model_dev *d)
{
    size_t i;

    free(d->driver);
    for (i = 0; i < d->n_reset_methods; i++)
        free(d->reset_methods[i]);
    free(d->reset_methods);
    free(d->virtfns);
    free(d->sysfs_path);
    free(d->vendor_name);
    free(d->device_name);
    free(d->class_name);
    free(d->subsys_name);
    free(d->root_disk);
    free(d->mgmt_nic);
    for (i = 0; i < d->n_holds; i++)
        hold_clear(&d->holds[i]);
    free(d->holds);
    free(d->uses);
}

void
model_clear_domains(struct model_host *h)
{
    size_t i, k;

    for (i = 0; i < h->n_domains; i++) {
        free(h->domains[i].name);
        free(h->domains[i].uuid);
        free(h->domains[i].stale);
        for (k = 0; k < h->domains[i].n_other; k++)
            free(h->domains[i].other[k].label);
        free(h->domains[i].other);
    }
    free(h->domains);
    h->domains = NULL;
    h->n_domains = 0;
    h->domains_known = false;
    for (i = 0; i < h->n_devs; i++) {
        free(h->devs[i].uses);
        h->devs[i].uses = NULL;
        h->devs[i].n_uses = 0;
    }
    for (i = 0; i < h->n_mdevs; i++) {
        free(h->mdevs[i].uses);
        h->mdevs[i].uses = NULL;
        h->mdevs[i].n_uses = 0;
    }
}

static void
groups_clear(struct model_host *h)
{
    size_t i;

    for (i = 0; i < h->n_groups; i++)
        free(h->groups[i].devs);
    free(h->groups);
    h->groups = NULL;
    h->n_groups = 0;
}

void
model_host_free(struct model_host *h)
{
    size_t i;

    if (!h)
        return;
    model_clear_domains(h);
    model_mdev_clear(h);
    for (i = 0; i < h->n_devs; i++)
        dev_clear(&h->devs[i]);
    free(h->devs);
    groups_clear(h);
    for (i = 0; i < h->n_warnings; i++)
        free(h->warnings[i]);
    free(h->warnings);
    free(h->unread);
    for (i = 0; i < h->n_disks_unknown; i++)
        free(h->disks_unknown[i]);
    free(h->disks_unknown);
    free(h->hostname);
    free(h->source);
    free(h->kernel_release);
    free(h->cmdline);
    free(h);
}

int
model_reserve_devs(struct model_host *h, size_t n)
{
    struct model_dev *devs;

    if (n <= h->cap_devs)
        return 0;
    if (n > SIZE_MAX / sizeof(*devs) || !(devs = realloc(h->devs, n * sizeof(*devs))))
        return -1;
    h->devs = devs;
    h->cap_devs = n;
    return 0;
}

int
model_add_dev(struct model_host *h, const struct bdf *addr)
{
    struct model_dev *d;

    /* geometric growth: a realloc per device is quadratic (ASan's
     * realloc always moves) */
    if (h->n_devs == h->cap_devs &&
        model_reserve_devs(h, h->cap_devs ? h->cap_devs * 2 : 64) < 0)
        return -1;
    d = &h->devs[h->n_devs];
    memset(d, 0, sizeof(*d));
    d->addr = *addr;
    bdf_format(addr, d->addr_str);
    d->group = MODEL_NONE;
    d->vendor_id = d->device_id = MODEL_NONE;
    d->subsys_vendor_id = d->subsys_device_id = MODEL_NONE;
    d->class_id = d->prog_if = d->revision = MODEL_NONE;
    d->header = MODEL_HDR_UNKNOWN;
    d->boot_vga = MODEL_TRI_UNKNOWN;
    d->numa_node = MODEL_NONE;
    d->physfn = MODEL_NONE;
    d->sriov_totalvfs = MODEL_NONE;
    d->sriov_numvfs = MODEL_NONE;
    d->parent = MODEL_NONE;
    return (int)h->n_devs++;
}

static int
dev_cmp(const void *a, const void *b)
{
    return bdf_cmp(&((const struct model_dev *)a)->addr,
                   &((const struct model_dev *)b)->addr);
}

/* A device's group and index, to build the groups by sorting. */
struct grp_pair {
    int group;
    size_t dev;
};

static int
pair_cmp(const void *a, const void *b)
{
    const struct grp_pair *x = a, *y = b;

    if (x->group != y->group)
        return (x->group > y->group) - (x->group < y->group);
    return (x->dev > y->dev) - (x->dev < y->dev);
}

int
model_finish(struct model_host *h)
{
    struct grp_pair *p = NULL;
    size_t i, n = 0, ng = 0;
    int ret = -1;

    if (h->n_devs > 1)
        qsort(h->devs, h->n_devs, sizeof(*h->devs), dev_cmp);
    groups_clear(h);
    /* each group and each member list allocated once, in O(n log n):
     * sort (group, device) pairs and cut them into runs */
    if (h->n_devs && !(p = malloc(h->n_devs * sizeof(*p))))
        return -1;
    for (i = 0; i < h->n_devs; i++) {
        if (h->devs[i].group < 0)
            continue;
        p[n].group = h->devs[i].group;
        p[n++].dev = i;
    }
    if (n > 1)
        qsort(p, n, sizeof(*p), pair_cmp);
    for (i = 0; i < n; i++)
        if (i == 0 || p[i].group != p[i - 1].group)
            ng++;
    if (ng && !(h->groups = calloc(ng, sizeof(*h->groups))))
        goto cleanup;
    for (i = 0; i < n; i++) {
        struct model_group *g;
        size_t j;

        if (i > 0 && p[i].group == p[i - 1].group)
            continue;
        for (j = i; j < n && p[j].group == p[i].group; j++)
            ;
        g = &h->groups[h->n_groups++];
        g->id = p[i].group;
        if (!(g->devs = malloc((j - i) * sizeof(*g->devs))))
            goto cleanup;
        for (; i < j; i++)
            g->devs[g->n_devs++] = p[i].dev;
        i--;
    }
    h->iommu = h->n_groups > 0;
    ret = 0;

 cleanup:
    free(p);
    return ret;
}

static int
bdf_key_cmp(const void *a, const void *b)
{
    return bdf_cmp(a, b);
}

bool
model_unread(const struct model_host *h, const struct bdf *addr)
{
    return h->n_unread && bsearch(addr, h->unread, h->n_unread, sizeof(*h->unread), bdf_key_cmp);
}

int
model_find(const struct model_host *h, const struct bdf *addr)
{
    size_t lo = 0, hi = h->n_devs;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = bdf_cmp(&h->devs[mid].addr, addr);

        if (c == 0)
            return (int)mid;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return -1;
}

const struct model_group *
model_find_group(const struct model_host *h, int id)
{
    size_t lo = 0, hi = h->n_groups;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;

        if (h->groups[mid].id == id)
            return &h->groups[mid];
        if (h->groups[mid].id < id)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

void
model_add_reason(char **dst, const char *s)
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

bool
model_hold_is_storage(enum model_hold_kind kind)
{
    return kind == MODEL_HOLD_MOUNT || kind == MODEL_HOLD_SWAP || kind == MODEL_HOLD_NETWORK;
}

static bool
str_eq(const char *a, const char *b)
{
    return a == b || (a && b && strcmp(a, b) == 0);
}

static char *
dup_or_null(const char *s, bool *failed)
{
    char *c = s ? strdup(s) : NULL;

    if (s && !c)
        *failed = true;
    return c;
}

int
model_add_hold(struct model_dev *d, enum model_hold_kind kind, const char *target,
               const char *const *via, size_t n_via, const char *iface)
{
    struct model_hold o = { kind, NULL, NULL, 0, NULL };
    struct model_hold *nv;
    bool failed = false;
    size_t i, k;

    for (i = 0; i < d->n_holds; i++) {
        const struct model_hold *x = &d->holds[i];

        if (x->kind != kind || !str_eq(x->target, target) || !str_eq(x->iface, iface) ||
            x->n_via != n_via)
            continue;
        for (k = 0; k < n_via && str_eq(x->via[k], via[k]); k++)
            ;
        if (k == n_via)
            return 0;
    }
    o.target = dup_or_null(target, &failed);
    o.iface = dup_or_null(iface, &failed);
    if (n_via && !(o.via = calloc(n_via, sizeof(*o.via))))
        failed = true;
    for (k = 0; o.via && k < n_via; k++, o.n_via++)
        o.via[k] = dup_or_null(via[k], &failed);
    if (failed || !(nv = realloc(d->holds, (d->n_holds + 1) * sizeof(*nv)))) {
        hold_clear(&o);
        return -1;
    }
    d->holds = nv;
    d->holds[d->n_holds++] = o;
    return 0;
}

/* Appends the formatted message to the list *V of *N strings; with
 * @once, not if the list already holds it.  Returns 0 or -1. */
static int
append_fmt(char ***v, size_t *n, bool once, const char *fmt, va_list ap)
{
    char *msg = NULL;
    char **w;
    size_t i;

    if (vasprintf(&msg, fmt, ap) < 0)
        return -1;
    for (i = 0; once && i < *n; i++) {
        if (strcmp((*v)[i], msg) == 0) {
            free(msg);
            return 0;
        }
    }
    /* only ever appended to: the room is the next power of two (at
     * least 8), so it grows geometrically without a count of its own */
    if (*n == 0 || (*n >= 8 && (*n & (*n - 1)) == 0)) {
        if (!(w = realloc(*v, (*n ? *n * 2 : 8) * sizeof(*w)))) {
            free(msg);
            return -1;
        }
        *v = w;
    }
    (*v)[(*n)++] = msg;
    return 0;
}

int
model_warn(struct model_host *h, const char *fmt, ...)
{
    va_list ap;
    int ret;

    va_start(ap, fmt);
    ret = append_fmt(&h->warnings, &h->n_warnings, false, fmt, ap);
    va_end(ap);
    return ret;
}

int
model_disk_unknown(struct model_host *h, const char *fmt, ...)
{
    va_list ap;
    int ret;

    va_start(ap, fmt);
    ret = append_fmt(&h->disks_unknown, &h->n_disks_unknown, true, fmt, ap);
    va_end(ap);
    return ret;
}

int
model_add_domain(struct model_host *h, const char *name, const char *uuid,
                 enum model_dom_state state, bool persistent)
{
    struct model_domain *v;
    int i;

    if ((i = model_find_domain(h, name)) >= 0)
        return i;
    v = realloc(h->domains, (h->n_domains + 1) * sizeof(*v));
    if (!v)
        return -1;
    h->domains = v;
    v = &h->domains[h->n_domains];
    v->name = strdup(name);
    v->uuid = uuid ? strdup(uuid) : NULL;
    if (!v->name || (uuid && !v->uuid)) {
        free(v->name);
        free(v->uuid);
        return -1;
    }
    v->state = state;
    v->persistent = persistent;
    v->stale = NULL;
    v->n_stale = 0;
    v->other = NULL;
    v->n_other = 0;
    h->domains_known = true;
    return (int)h->n_domains++;
}

int
model_add_use(struct model_host *h, size_t dev, size_t domain,
              bool live, bool config)
{
    struct model_dev *d = &h->devs[dev];
    struct model_use *u;
    size_t i;

    for (i = 0; i < d->n_uses; i++) {
        if (d->uses[i].domain == domain) {
            d->uses[i].live |= live;
            d->uses[i].config |= config;
            return 0;
        }
    }
    u = realloc(d->uses, (d->n_uses + 1) * sizeof(*u));
    if (!u)
        return -1;
    d->uses = u;
    d->uses[d->n_uses].domain = domain;
    d->uses[d->n_uses].live = live;
    d->uses[d->n_uses].config = config;
    d->n_uses++;
    return 0;
}

int
model_add_stale(struct model_host *h, size_t domain, const struct bdf *addr,
                bool live, bool config)
{
    struct model_domain *dom = &h->domains[domain];
    struct model_stale *v;
    size_t i;

    for (i = 0; i < dom->n_stale && bdf_cmp(&dom->stale[i].addr, addr) < 0; i++)
        ;
    if (i < dom->n_stale && bdf_cmp(&dom->stale[i].addr, addr) == 0) {
        dom->stale[i].live |= live;
        dom->stale[i].config |= config;
        return 0;
    }
    if (!(v = realloc(dom->stale, (dom->n_stale + 1) * sizeof(*v))))
        return -1;
    dom->stale = v;
    memmove(&v[i + 1], &v[i], (dom->n_stale - i) * sizeof(*v));
    v[i].addr = *addr;
    bdf_format(addr, v[i].addr_str);
    v[i].live = live;
    v[i].config = config;
    dom->n_stale++;
    return 0;
}

int
model_add_other(struct model_host *h, size_t domain, const char *label,
                bool live, bool config)
{
    struct model_domain *dom = &h->domains[domain];
    struct model_other *v;
    size_t i;
    int m;

    for (i = 0; i < dom->n_other; i++) {
        if (strcmp(dom->other[i].label, label) == 0) {
            dom->other[i].live |= live;
            dom->other[i].config |= config;
            return 0;
        }
    }
    if (!(v = realloc(dom->other, (dom->n_other + 1) * sizeof(*v))))
        return -1;
    dom->other = v;
    if (!(v[dom->n_other].label = strdup(label)))
        return -1;
    v[dom->n_other].live = live;
    v[dom->n_other].config = config;
    dom->n_other++;
    /* an mdev hostdev of this host: the mdev records its user */
    if (strncmp(label, "mdev ", 5) == 0 && (m = model_find_mdev(h, label + 5)) >= 0)
        return model_add_mdev_use(h, (size_t)m, domain, live, config);
    return 0;
}

int
model_find_domain(const struct model_host *h, const char *name)
{
    size_t i;

    for (i = 0; name && i < h->n_domains; i++) {
        if (strcmp(h->domains[i].name, name) == 0)
            return (int)i;
    }
    return -1;
}

bool
model_dom_holds(const struct model_host *h, size_t dev, const char *name,
                bool live, bool config)
{
    const struct model_dev *d = &h->devs[dev];
    size_t k;

    if (!name || (!live && !config))
        return false;
    for (k = 0; k < d->n_uses; k++) {
        const struct model_use *u = &d->uses[k];

        if (strcmp(h->domains[u->domain].name, name) == 0)
            return (!live || u->live) && (!config || u->config);
    }
    return false;
}

bool
model_dev_is_bridge(const struct model_dev *d)
{
    return d->header == MODEL_HDR_BRIDGE || d->header == MODEL_HDR_CARDBUS;
}

bool
model_dev_is_vga(const struct model_dev *d)
{
    return d->class_id != MODEL_NONE && (d->class_id >> 8) == 0x03;
}

const char *
model_dom_state_str(enum model_dom_state s)
{
    switch (s) {
    case MODEL_DOM_RUNNING:
        return "running";
    case MODEL_DOM_PAUSED:
        return "paused";
    case MODEL_DOM_SHUTOFF:
        return "shut off";
    case MODEL_DOM_OTHER:
        return "other";
    case MODEL_DOM_UNKNOWN:
    default:
        return "unknown";
    }
}
