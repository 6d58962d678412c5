/* output.h - printing findings for the plain commands */
#ifndef VFIOTUI_OUTPUT_H
#define VFIOTUI_OUTPUT_H

#include <stdbool.h>
#include <stdio.h>

#include "cmd.h"
#include "rules.h"

/* "error[group-incomplete]: message" then "  remedy: ..." per finding,
 * errors first, and a closing count line.  @quiet (-q) leaves out the
 * warnings and notes, never the errors; the count still counts them. */
void output_findings_text(const struct rules_report *r, bool quiet, FILE *f);

/* Says which devices --whole-groups added, if any. */
void output_widened(const struct cmd_ctx *ctx, FILE *f);

#endif /* VFIOTUI_OUTPUT_H */
