/* output_mdev.c - the mediated devices of a parent in `list`'s text. */
#include <config.h>

#include "output.h"

#include <stdlib.h>
#include <string.h>

#include "esc.h"
#include "i18n.h"

/* "active,defined", "active" or "defined": untranslated, as list --json. */
const char *
output_mdev_state(const struct model_mdev *m)
{
    return m->active && m->defined ? "active,defined" :
           m->active ? "active" : "defined";
}

void
output_mdevs_text(const struct model_host *h, size_t dev, FILE *f)
{
    struct esc_pool ep = ESC_POOL_INIT;
    size_t i, k;

    for (i = 0; i < h->n_mdev_types; i++) {
        const struct model_mdev_type *t = &h->mdev_types[i];
        char *desc = NULL;

        if (t->parent != dev)
            continue;
        fprintf(f, "\t\tmdev-type %s", esc_pool_text(&ep, t->id));
        if (t->name)
            fprintf(f, " name=\"%s\"", esc_pool_text(&ep, t->name));
        fprintf(f, " api=%s", t->device_api ? esc_pool_text(&ep, t->device_api) : _("unknown"));
        if (t->available == MODEL_NONE)
            fprintf(f, " available=%s", _("unknown"));
        else
            fprintf(f, " available=%d", t->available);
        /* the description is several lines for GVT-g: one line here */
        if (t->description && (desc = strdup(t->description))) {
            char *p;

            for (p = desc; *p; p++)
                if (*p == '\n')
                    *p = ';';
            fprintf(f, " (%s)", esc_pool_text(&ep, desc));
            free(desc);
        }
        fputc('\n', f);
    }
    for (i = 0; i < h->n_mdevs; i++) {
        const struct model_mdev *m = &h->mdevs[i];

        if (m->parent != dev)
            continue;
        fprintf(f, "\t\tmdev %s type=%s %s", m->uuid,
                m->type ? esc_pool_text(&ep, m->type) : _("unknown"), output_mdev_state(m));
        for (k = 0; k < m->n_uses; k++) {
            const struct model_use *u = &m->uses[k];
            const struct model_domain *dom = &h->domains[u->domain];

            fprintf(f, " used-by=%s(%s%s%s)", esc_pool_text(&ep, dom->name),
                    model_dom_state_str(dom->state),
                    u->live ? ",live" : "", u->config ? ",config" : "");
        }
        fputc('\n', f);
    }
    esc_pool_clear(&ep);
}
