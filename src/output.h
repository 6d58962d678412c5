/* output.h - printing findings for the plain commands */
#ifndef VFIOTUI_OUTPUT_H
#define VFIOTUI_OUTPUT_H

#include <json-c/json.h>
#include <stdbool.h>
#include <stdio.h>

#include "cmd.h"
#include "rules.h"

/* "error[group-incomplete]: message" then "  remedy: ..." per finding,
 * errors first, and a closing count line.  @quiet (-q) leaves out the
 * warnings and notes, never the errors; the count still counts them. */
void output_findings_text(const struct rules_report *r, bool quiet, FILE *f);

/* The findings as a JSON array (caller owns it). */
json_object *output_findings_json(const struct rules_report *r);

/* Says which devices --whole-groups added, if any. */
void output_widened(const struct cmd_ctx *ctx, FILE *f);

/* Prints @root pretty and spaced (plus json-c's @flags) and a newline,
 * as valid UTF-8 whatever bytes its strings hold.  Returns 0, or -1
 * (nothing printed) if memory runs out. */
int output_json(json_object *root, int flags, FILE *f);

#endif /* VFIOTUI_OUTPUT_H */
