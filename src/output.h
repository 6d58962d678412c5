/* output.h - printing findings for the plain commands */
#ifndef VFIOTUI_OUTPUT_H
#define VFIOTUI_OUTPUT_H

#include <stdbool.h>
#include <stdio.h>

#include "model.h"
#include "rules.h"

/* "error", "warning", "note", translated: the words the text output
 * and the interface use for a severity. */
const char *output_sev_label(enum rules_sev s);

/* "error[group-incomplete]: message" then "  remedy: ..." per finding,
 * errors first, and a closing count line.  @quiet (-q) leaves out the
 * warnings and notes, never the errors; the count still counts them. */
void output_findings_text(const struct rules_report *r, bool quiet, FILE *f);

/* Says which devices of @h --whole-groups added (@n indices in
 * @widened), or that it added none. */
void output_widened(const struct model_host *h, const size_t *widened, size_t n, FILE *f);

/* output_mdev.c: the mdev types and mdevs of parent @dev, a line each
 * under the parent's line of `list`. */
void output_mdevs_text(const struct model_host *h, size_t dev, FILE *f);
/* "active,defined", "active" or "defined" (untranslated). */
const char *output_mdev_state(const struct model_mdev *m);

#endif /* VFIOTUI_OUTPUT_H */
