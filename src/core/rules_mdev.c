/* rules_mdev.c - the checks for mediated devices: a parent marked for
 * passthrough while its mdevs exist, an mdev another domain uses, a
 * type with no instances left (why), an mdev defined but not started. */
#include <config.h>

#include "rules_priv.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"

static bool
running(const struct model_domain *dom)
{
    return dom->state == MODEL_DOM_RUNNING || dom->state == MODEL_DOM_PAUSED;
}

static bool
is_gvtg(const struct model_mdev_type *t)
{
    return strncmp(t->id, "i915-GVTg", 9) == 0;
}

void
rules_mdev_parent_notes(struct builder *b, const struct model_host *h, size_t parent)
{
    const struct model_dev *p = &h->devs[parent];
    struct rules_finding *f;
    size_t i, k;

    for (i = 0; i < h->n_mdev_types; i++) {
        const struct model_mdev_type *t = &h->mdev_types[i];
        size_t same = 0, other = 0;
        char *others = NULL;

        if (t->parent != parent || t->available != 0)
            continue;
        for (k = 0; k < h->n_mdevs; k++) {
            const struct model_mdev *m = &h->mdevs[k];

            if (m->parent != parent || !m->active)
                continue;
            if (m->type && strcmp(m->type, t->id) == 0) {
                same++;
            } else {
                char *n = NULL;

                other++;
                if (asprintf(&n, "%s%s%s (%s)", others ? others : "", others ? ", " : "",
                             m->uuid, m->type ? m->type : "?") < 0) {
                    b->failed = true;
                    free(others);
                    return;
                }
                free(others);
                others = n;
            }
        }
        if (other) {
            f = rules_add(b, RULES_CODE_MDEV_NO_CAPACITY, RULES_WARNING, p->group, NULL,
                          ngettext("%s: type %s has no instances left: %zu mdev of another type uses the parent's capacity: %s.",
                                   "%s: type %s has no instances left: %zu mdevs of other types use the parent's capacity: %s.",
                                   other),
                          p->addr_str, t->id, other, others);
            rules_add_addr(b, f, p->addr_str);
        } else if (!same && is_gvtg(t)) {
            f = rules_add(b, RULES_CODE_MDEV_GVTG_APERTURE, RULES_WARNING, p->group, NULL,
                          _("%s: GVT-g type %s has no instances although no vGPU exists: the GPU's aperture memory is too small for it."),
                          p->addr_str, t->id);
            rules_add_addr(b, f, p->addr_str);
        }
        free(others);
    }
    for (k = 0; k < h->n_mdevs; k++) {
        const struct model_mdev *m = &h->mdevs[k];

        if (m->parent != parent || m->active || !m->defined)
            continue;
        f = rules_add(b, RULES_CODE_MDEV_NOT_STARTED, RULES_WARNING, p->group, NULL,
                      _("mdev %s (%s on %s) is defined but not started."),
                      m->uuid, m->type ? m->type : "?", p->addr_str);
        rules_add_addr(b, f, m->uuid);
    }
}

void
rules_check_mdevs(struct builder *b, const struct model_host *h,
                  const struct model_sel *s, const struct rules_opts *o)
{
    bool *noted = calloc(h->n_devs + 1, sizeof(*noted));
    struct rules_finding *f;
    size_t i, k;

    if (!noted) {
        b->failed = true;
        return;
    }
    /* a marked parent: its mdevs vanish when it leaves its driver */
    for (i = 0; i < h->n_devs && i < s->n_devs; i++) {
        size_t n = 0;

        if (!s->marked[i])
            continue;
        for (k = 0; k < h->n_mdevs; k++)
            n += h->mdevs[k].parent == i && h->mdevs[k].active;
        if (n) {
            f = rules_add(b, RULES_CODE_MDEV_PARENT_IN_USE, RULES_ERROR, h->devs[i].group, NULL,
                          ngettext("%s is the parent of %zu mediated device, which vanishes when it leaves its host driver.",
                                   "%s is the parent of %zu mediated devices, which vanish when it leaves its host driver.",
                                   n),
                          h->devs[i].addr_str, n);
            rules_add_addr(b, f, h->devs[i].addr_str);
        }
        if (model_dev_is_mdev_parent(h, i))
            noted[i] = true;
    }
    for (k = 0; k < h->n_mdevs && k < s->n_mdevs; k++) {
        const struct model_mdev *m = &h->mdevs[k];

        if (!s->mdev_marked[k])
            continue;
        noted[m->parent] = true;
        for (i = 0; i < m->n_uses; i++) {
            const struct model_domain *dom = &h->domains[m->uses[i].domain];
            bool run = running(dom);

            if (o->domain && strcmp(o->domain, dom->name) == 0)
                continue;
            f = rules_add(b, RULES_CODE_MDEV_IN_USE, run ? RULES_ERROR : RULES_WARNING,
                          MODEL_NONE, NULL,
                          run ? _("mdev %s is in use by the running domain %s.")
                              : _("mdev %s is in the definition of domain %s (shut off): only one of the two can run with it."),
                          m->uuid, dom->name);
            rules_add_addr(b, f, m->uuid);
        }
    }
    for (i = 0; i < h->n_devs; i++)
        if (noted[i])
            rules_mdev_parent_notes(b, h, i);
    free(noted);
}
