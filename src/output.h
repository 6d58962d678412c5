/* output.h - printing findings for the plain commands */
#ifndef VFIOTUI_OUTPUT_H
#define VFIOTUI_OUTPUT_H

#include <json-c/json.h>
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

/* A JSON document printed while it is built, so that memory stays flat
 * however many devices there are: the envelope is written here, each
 * value is built with json-c, printed and freed at once.  The text is
 * the same as json-c's pretty, spaced output of the whole tree, and
 * valid UTF-8 whatever bytes the host's strings hold.
 *
 *     struct output_stream s;
 *     output_stream_begin(&s, stdout);        {
 *     output_stream_add(&s, "schema", v);       "schema": 2,
 *     output_stream_open(&s, "devices", '[');   "devices": [
 *     output_stream_add(&s, NULL, dev);           { ... },
 *     output_stream_close(&s);                  ]
 *     ret = output_stream_end(&s);            }
 */
#define OUTPUT_STREAM_DEPTH 8
struct output_stream {
    FILE *f;
    int depth;                          /* open containers */
    char close[OUTPUT_STREAM_DEPTH];    /* '}' or ']' for each */
    bool first[OUTPUT_STREAM_DEPTH];    /* nothing written in it yet */
    bool failed;                        /* out of memory: the text is cut */
};

/* Writes "{" and opens the document's object. */
void output_stream_begin(struct output_stream *s, FILE *f);
/* Writes member @key (NULL inside an array) with the value @v, which
 * may be NULL for null; takes @v and frees it. */
void output_stream_add(struct output_stream *s, const char *key, json_object *v);
/* Opens an object ('{') or array ('[') member @key (NULL inside an
 * array). */
void output_stream_open(struct output_stream *s, const char *key, char kind);
/* Closes what output_stream_open() opened last. */
void output_stream_close(struct output_stream *s);
/* Closes the document, writes a newline and flushes.  Returns 0, or -1
 * with errno set if memory ran out on the way or writing failed (the
 * text is then not valid JSON). */
int output_stream_end(struct output_stream *s);

/* The number every document's "schema" member carries (see the man
 * page, JSON OUTPUT: a new number whenever a shape changes). */
#define OUTPUT_JSON_SCHEMA 2

/* Writes the findings of @r as member "findings" of @s, and their counts
 * as "errors", "warnings" and "notes". */
void output_findings_stream(struct output_stream *s, const struct rules_report *r);

#endif /* VFIOTUI_OUTPUT_H */
