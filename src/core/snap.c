/* snap.c - a watcher's copy of the host, and the changes between two. */
#include <config.h>

#include "snap.h"

#include <stdlib.h>
#include <string.h>

static int
cmp_addr(const void *a, const void *b)
{
    return strcmp(a, b);
}

static int
cmp_dom(const void *a, const void *b)
{
    return strcmp(((const struct snap_dom *)a)->name, ((const struct snap_dom *)b)->name);
}

static char *
dup_or_null(const char *s, bool *oom)
{
    char *d;

    if (!s)
        return NULL;
    if (!(d = strdup(s)))
        *oom = true;
    return d;
}

/* Appends @addr to a domain's list (grown one at a time: a domain
 * holds a handful of devices). */
static bool
push_addr(char (**list)[BDF_STRLEN], size_t *n, const char *addr)
{
    char (*nl)[BDF_STRLEN] = realloc(*list, (*n + 1) * sizeof(**list));

    if (!nl)
        return false;
    *list = nl;
    memcpy(nl[*n], addr, BDF_STRLEN);
    nl[*n][BDF_STRLEN - 1] = '\0';
    (*n)++;
    return true;
}

struct snap *
snap_take(const struct model_host *h)
{
    struct snap *s = calloc(1, sizeof(*s));
    bool oom = false;
    size_t i, k;

    if (!s)
        return NULL;
    if (h->n_devs && !(s->devs = calloc(h->n_devs, sizeof(*s->devs))))
        goto oom;
    s->n_devs = h->n_devs;
    if (h->n_domains && !(s->doms = calloc(h->n_domains, sizeof(*s->doms))))
        goto oom;
    s->n_doms = h->n_domains;
    for (i = 0; i < h->n_domains; i++) {
        const struct model_domain *d = &h->domains[i];
        struct snap_dom *sd = &s->doms[i];

        sd->name = dup_or_null(d->name ? d->name : "", &oom);
        sd->state = d->state;
        sd->persistent = d->persistent;
        for (k = 0; k < d->n_stale; k++) {
            if (!push_addr(&sd->held, &sd->n_held, d->stale[k].addr_str) ||
                (d->stale[k].live && !push_addr(&sd->live, &sd->n_live, d->stale[k].addr_str)))
                goto oom;
        }
    }
    for (i = 0; i < h->n_devs; i++) {
        const struct model_dev *d = &h->devs[i];

        memcpy(s->devs[i].addr, d->addr_str, BDF_STRLEN);
        s->devs[i].driver = dup_or_null(d->driver, &oom);
        for (k = 0; k < d->n_uses; k++) {
            struct snap_dom *sd;

            if (d->uses[k].domain >= s->n_doms)
                continue;
            sd = &s->doms[d->uses[k].domain];
            if (!push_addr(&sd->held, &sd->n_held, d->addr_str) ||
                (d->uses[k].live && !push_addr(&sd->live, &sd->n_live, d->addr_str)))
                goto oom;
        }
    }
    if (oom)
        goto oom;
    /* qsort's array must not be NULL, even for no elements (UBSan) */
    if (s->n_devs)
        qsort(s->devs, s->n_devs, sizeof(*s->devs), cmp_addr);
    for (i = 0; i < s->n_doms; i++) {
        if (s->doms[i].n_held)
            qsort(s->doms[i].held, s->doms[i].n_held, BDF_STRLEN, cmp_addr);
        if (s->doms[i].n_live)
            qsort(s->doms[i].live, s->doms[i].n_live, BDF_STRLEN, cmp_addr);
    }
    if (s->n_doms)
        qsort(s->doms, s->n_doms, sizeof(*s->doms), cmp_dom);
    return s;

 oom:
    snap_free(s);
    return NULL;
}

void
snap_free(struct snap *s)
{
    size_t i;

    if (!s)
        return;
    for (i = 0; i < s->n_devs; i++)
        free(s->devs[i].driver);
    for (i = 0; i < s->n_doms; i++) {
        free(s->doms[i].name);
        free(s->doms[i].held);
        free(s->doms[i].live);
    }
    free(s->devs);
    free(s->doms);
    free(s);
}

struct out {
    struct snap_change *c;
    size_t n, cap;
    bool oom;
};

static void
add(struct out *o, enum snap_kind kind, const char *subject, const char *detail)
{
    struct snap_change *c;

    if (o->oom)
        return;
    if (o->n == o->cap) {
        size_t cap = o->cap ? o->cap * 2 : 8;
        struct snap_change *nc = realloc(o->c, cap * sizeof(*nc));

        if (!nc) {
            o->oom = true;
            return;
        }
        o->c = nc;
        o->cap = cap;
    }
    c = &o->c[o->n];
    c->kind = kind;
    c->subject = strdup(subject);
    c->detail = detail ? strdup(detail) : NULL;
    if (!c->subject || (detail && !c->detail)) {
        free(c->subject);
        free(c->detail);
        o->oom = true;
        return;
    }
    o->n++;
}

static bool
same(const char *a, const char *b)
{
    return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

static void
diff_devs(const struct snap *a, const struct snap *b, struct out *o)
{
    size_t i = 0, j = 0;

    while (i < a->n_devs || j < b->n_devs) {
        int c = i == a->n_devs ? 1 : j == b->n_devs ? -1 : strcmp(a->devs[i].addr, b->devs[j].addr);

        if (c < 0) {
            add(o, SNAP_DEV_REMOVED, a->devs[i++].addr, NULL);
        } else if (c > 0) {
            add(o, SNAP_DEV_ADDED, b->devs[j].addr, NULL);
            if (b->devs[j].driver)
                add(o, SNAP_DRIVER_BOUND, b->devs[j].addr, b->devs[j].driver);
            j++;
        } else {
            const char *was = a->devs[i].driver, *now = b->devs[j].driver;

            if (!same(was, now)) {
                if (now)
                    add(o, SNAP_DRIVER_BOUND, b->devs[j].addr, now);
                else
                    add(o, SNAP_DRIVER_UNBOUND, b->devs[j].addr, was);
            }
            i++;
            j++;
        }
    }
}

static bool
running(enum model_dom_state s)
{
    return s == MODEL_DOM_RUNNING || s == MODEL_DOM_PAUSED;
}

/* "0000:01:00.0, 0000:01:00.1", or NULL when @n is 0. */
static char *
join(char (*list)[BDF_STRLEN], size_t n)
{
    char *s;
    size_t i;

    if (!n || !(s = malloc(n * (BDF_STRLEN + 2))))
        return NULL;
    s[0] = '\0';
    for (i = 0; i < n; i++) {
        if (i)
            strcat(s, ", ");
        strcat(s, list[i]);
    }
    return s;
}

static void
started(const struct snap_dom *d, struct out *o)
{
    char *held = join(d->live, d->n_live);

    if (d->n_live && !held)
        o->oom = true;
    else
        add(o, SNAP_DOM_STARTED, d->name, held);
    free(held);
}

/* The devices @b's domain holds that @a's does not, and back. */
static void
diff_held(const struct snap_dom *a, const struct snap_dom *b, struct out *o)
{
    size_t i = 0, j = 0;

    while (i < a->n_held || j < b->n_held) {
        int c = i == a->n_held ? 1 : j == b->n_held ? -1 : strcmp(a->held[i], b->held[j]);

        if (c < 0)
            add(o, SNAP_DOM_DETACHED, a->name, a->held[i++]);
        else if (c > 0)
            add(o, SNAP_DOM_ATTACHED, b->name, b->held[j++]);
        else {
            i++;
            j++;
        }
    }
}

static void
diff_doms(const struct snap *a, const struct snap *b, struct out *o)
{
    size_t i = 0, j = 0;

    while (i < a->n_doms || j < b->n_doms) {
        int c = i == a->n_doms ? 1 : j == b->n_doms ? -1 : strcmp(a->doms[i].name, b->doms[j].name);

        if (c < 0) {
            const struct snap_dom *d = &a->doms[i++];

            /* a transient guest that stops is gone with it */
            if (running(d->state))
                add(o, SNAP_DOM_STOPPED, d->name, NULL);
            if (d->persistent || !running(d->state))
                add(o, SNAP_DOM_UNDEFINED, d->name, NULL);
        } else if (c > 0) {
            const struct snap_dom *d = &b->doms[j++];

            /* a new domain's devices are part of its definition, not
             * attached: "started" names the ones it holds */
            if (d->persistent)
                add(o, SNAP_DOM_DEFINED, d->name, NULL);
            if (running(d->state))
                started(d, o);
        } else {
            const struct snap_dom *x = &a->doms[i++], *y = &b->doms[j++];

            if (!x->persistent && y->persistent)
                add(o, SNAP_DOM_DEFINED, y->name, NULL);
            else if (x->persistent && !y->persistent)
                add(o, SNAP_DOM_UNDEFINED, y->name, NULL);
            if (running(x->state) && !running(y->state))
                add(o, SNAP_DOM_STOPPED, y->name, NULL);
            diff_held(x, y, o);
            if (!running(x->state) && running(y->state))
                started(y, o);
        }
    }
}

int
snap_diff(const struct snap *a, const struct snap *b, struct snap_change **out, size_t *n)
{
    struct out o = { 0 };

    diff_devs(a, b, &o);
    diff_doms(a, b, &o);
    if (o.oom) {
        snap_changes_free(o.c, o.n);
        *out = NULL;
        *n = 0;
        return -1;
    }
    *out = o.c;
    *n = o.n;
    return 0;
}

void
snap_changes_free(struct snap_change *c, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++) {
        free(c[i].subject);
        free(c[i].detail);
    }
    free(c);
}
