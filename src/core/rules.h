/* rules.h - judge a selection on a host model: group completeness and
 * every other hazard, as a list of findings.  Pure: no I/O. */
#ifndef VFIOTUI_RULES_H
#define VFIOTUI_RULES_H

#include <stdbool.h>
#include <stddef.h>

#include "codes.h"
#include "model.h"

enum rules_sev {
    RULES_ERROR = 0,            /* order matters: reports sort by it */
    RULES_WARNING = 1,
    RULES_INFO = 2,
};

/* RULES_CODE_GROUP_INCOMPLETE, ...: one per row of RULES_CODES (codes.h). */
enum rules_code {
#define RULES_CODE_ENUM(id, code, sev, summary, remedy) RULES_CODE_##id,
    RULES_CODES(RULES_CODE_ENUM)
#undef RULES_CODE_ENUM
    RULES_N_CODES
};

struct rules_finding {
    enum rules_code id;
    const char *code;           /* its name, static: "group-incomplete", ... */
    enum rules_sev sev;
    char **addrs;               /* full-form addresses it concerns */
    size_t n_addrs;
    int group;                  /* the IOMMU group concerned, or MODEL_NONE */
    char *message;              /* translated, one sentence or two */
    char *remedy;               /* translated; NULL when there is none */
};

struct rules_opts {
    bool live;                  /* applied to a running guest: host-mgmt-nic
                                 * becomes an error */
    const char *domain;         /* target domain or NULL; its own use of a
                                 * device is not "in use by another", and
                                 * what it holds (host->devs[].uses) counts
                                 * toward its groups */
    bool config;                /* the persistent definition is changed
                                 * too; without live it always is */
    const struct bdf *file_holds; /* what the file `write` adds to holds: */
    size_t n_file_holds;        /* it counts toward its groups, as a
                                 * domain's does */
};

struct rules_report {
    struct rules_finding *items;    /* errors, then warnings, then info */
    size_t n;
    size_t n_errors;
    size_t n_warnings;
    size_t n_infos;
};

/* Every code the module can emit (`vfiotui codes`, the man page,
 * tests), indexed by enum rules_code. */
struct rules_code_info {
    const char *code;
    enum rules_sev sev;         /* default severity */
    const char *summary;        /* N_() marked, translate with _() */
    const char *remedy;         /* N_() marked, or NULL */
};
extern const struct rules_code_info rules_codes[RULES_N_CODES];
extern const size_t rules_n_codes;

/* Returns a new report (caller frees with rules_report_free), or NULL
 * on allocation failure.  @opts may be NULL. */
struct rules_report *rules_check(const struct model_host *h,
                                 const struct model_sel *sel,
                                 const struct rules_opts *opts);
void rules_report_free(struct rules_report *r);

/* "error", "warning", "note": untranslated, for JSON; the text output
 * and the interface use the same words, translated. */
const char *rules_sev_str(enum rules_sev s);

/* The summary a UI shows for one group given a selection. */
enum rules_group_state {
    RULES_GROUP_OK = 0,         /* nothing wrong (marked or not) */
    RULES_GROUP_INCOMPLETE,     /* marked, but members would block VFIO */
    RULES_GROUP_HOST_CRITICAL,  /* marking it is an error: it holds the root
                                 * disk (or may), or the mgmt NIC when live */
    RULES_GROUP_IN_USE,         /* a member is used by a domain */
    RULES_GROUP_HOST_WARNING,   /* marking it is a warning: the boot GPU, or
                                 * the mgmt NIC when not live */
};
/* The state of group @group_index (an index into h->groups) with @sel
 * marked (may be NULL: nothing is).  The interface's group badge and
 * list --json's group "status" both come from here. */
enum rules_group_state rules_group_state(const struct model_host *h,
                                         const struct model_sel *sel,
                                         size_t group_index,
                                         const struct rules_opts *opts);
/* "ok", "incomplete", "host-critical", "in-use": untranslated, for JSON
 * (both host kinds are "host-critical" there). */
const char *rules_group_state_str(enum rules_group_state s);
/* The badge for people, N_() marked: translate it with _(). */
const char *rules_group_state_label(enum rules_group_state s);

#endif /* VFIOTUI_RULES_H */
