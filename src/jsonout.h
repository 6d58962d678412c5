/* jsonout.h - every JSON document the commands print (list, check,
 * domains): the values built with json-c, and the one set of print
 * flags they are written with. */
#ifndef VFIOTUI_JSONOUT_H
#define VFIOTUI_JSONOUT_H

#include <json-c/json.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "model.h"
#include "rules.h"

/* The number every document's "schema" member carries (see the man
 * page, JSON OUTPUT: a new number whenever a shape changes). */
#define JSONOUT_SCHEMA 2

/* A JSON document printed while it is built, so that memory stays flat
 * however many devices there are: the envelope is written here, each
 * value is built with json-c, printed and freed at once.  The text is
 * the same as json-c's pretty, spaced output of the whole tree, and
 * valid UTF-8 whatever bytes the host's strings hold.
 *
 *     struct jsonout s;
 *     jsonout_begin(&s, stdout);          {  "schema": 2,
 *     jsonout_open(&s, "devices", '[');     "devices": [
 *     jsonout_add(&s, NULL, dev);             { ... },
 *     jsonout_close(&s);                    ]
 *     ret = jsonout_end(&s);              }
 */
#define JSONOUT_DEPTH 8
struct jsonout {
    FILE *f;
    int depth;                          /* open containers */
    char close[JSONOUT_DEPTH];          /* '}' or ']' for each */
    bool first[JSONOUT_DEPTH];          /* nothing written in it yet */
    bool failed;                        /* out of memory: the text is cut */
};

/* Writes "{", opens the document's object and writes its "schema". */
void jsonout_begin(struct jsonout *s, FILE *f);
/* Writes member @key (NULL inside an array) with the value @v, which
 * may be NULL for null; takes @v and frees it. */
void jsonout_add(struct jsonout *s, const char *key, json_object *v);
/* Opens an object ('{') or array ('[') member @key (NULL inside an
 * array). */
void jsonout_open(struct jsonout *s, const char *key, char kind);
/* Closes what jsonout_open() opened last. */
void jsonout_close(struct jsonout *s);
/* Closes the document, writes a newline and flushes.  Returns 0, or -1
 * with errno set if memory ran out on the way or writing failed (the
 * text is then not valid JSON). */
int jsonout_end(struct jsonout *s);

/* `list --json`: the whole document for @h.  Returns as jsonout_end. */
int jsonout_list(FILE *f, const struct model_host *h);

/* Writes the document of `codes --json`: every finding code with its
 * severity, summary and remedy.  Returns 0, or -1 with errno set. */
int jsonout_codes(FILE *f);

/* `check --json`: the selection (marked devices of @h, then the
 * addresses it does not have), the target @domain (or NULL), the
 * devices --whole-groups added (indices into h->devs) and the findings
 * of @rep with their counts.  Returns as jsonout_end. */
int jsonout_check(FILE *f, const struct model_host *h, const struct model_sel *sel,
                  const char *domain, const size_t *widened, size_t n_widened,
                  const struct rules_report *rep);

/* `domains --json`: one domain's object, with an empty "hostdevs"
 * array that jsonout_domain_hostdev() fills; the caller adds it to the
 * document with jsonout_add(), which takes it. */
json_object *jsonout_domain_new(const struct model_domain *dm);
/* Appends one hostdev of the domain: @present is false for a stale one
 * (no device of this host has the address). */
void jsonout_domain_hostdev(json_object *dom, const char *addr, bool present, bool live,
                            bool config);

#endif /* VFIOTUI_JSONOUT_H */
