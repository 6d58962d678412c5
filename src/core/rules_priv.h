/* rules_priv.h - what the parts of the rules share: the report being
 * built and how a finding is added.  Only for src/core/rules*.c. */
#ifndef VFIOTUI_RULES_PRIV_H
#define VFIOTUI_RULES_PRIV_H

#include <stdbool.h>

#include "model.h"
#include "rules.h"

struct builder {
    struct rules_report *r;
    bool failed;
};

/* A finding of code @id; @remedy NULL gives the table's (codes.h).
 * NULL (and b->failed) on allocation failure. */
struct rules_finding *rules_add(struct builder *b, enum rules_code id, enum rules_sev sev,
                                int group, const char *remedy, const char *msgfmt, ...)
    __attribute__((format(printf, 6, 7)));
void rules_add_addr(struct builder *b, struct rules_finding *f, const char *addr);

/* rules_mdev.c: the checks for marked mdevs and mdev parents. */
void rules_check_mdevs(struct builder *b, const struct model_host *h,
                       const struct model_sel *s, const struct rules_opts *o);
/* The notes on one parent's mdev capacity and its defined mdevs. */
void rules_mdev_parent_notes(struct builder *b, const struct model_host *h, size_t parent);

#endif /* VFIOTUI_RULES_PRIV_H */
