/* output.c - printing findings for the plain commands */
#include <config.h>

#include "output.h"

#include <stdlib.h>
#include <string.h>

#include "esc.h"
#include "i18n.h"

const char *
output_sev_label(enum rules_sev s)
{
    switch (s) {
    case RULES_ERROR:
        return _("error");
    case RULES_WARNING:
        return _("warning");
    case RULES_INFO:
    default:
        return _("note");
    }
}

/* The closing count line: "1 error, 2 warnings, 0 notes". */
static void
output_counts(const struct rules_report *r, FILE *f)
{
    char e[64], w[64], n[64];

    /* each count agrees with its own noun; the line joins the three */
    snprintf(e, sizeof(e), ngettext("%zu error", "%zu errors", r->n_errors), r->n_errors);
    snprintf(w, sizeof(w), ngettext("%zu warning", "%zu warnings", r->n_warnings), r->n_warnings);
    snprintf(n, sizeof(n), ngettext("%zu note", "%zu notes", r->n_infos), r->n_infos);
    /* TRANSLATORS: the counts of errors, warnings and notes */
    fprintf(f, _("%s, %s, %s\n"), e, w, n);
}

void
output_findings_text(const struct rules_report *r, bool quiet, FILE *f)
{
    size_t i;

    for (i = 0; i < r->n; i++) {
        const struct rules_finding *x = &r->items[i];
        struct esc_pool ep = ESC_POOL_INIT;

        if (quiet && x->sev != RULES_ERROR)
            continue;

        /* messages quote device, driver, domain names and paths */
        fprintf(f, "%s[%s]: %s\n", output_sev_label(x->sev), x->code,
                esc_pool_text(&ep, x->message));
        if (x->remedy)
            fprintf(f, _("  remedy: %s\n"), esc_pool_text(&ep, x->remedy));
        esc_pool_clear(&ep);
    }
    output_counts(r, f);
}

void
output_widened(const struct model_host *h, const size_t *widened, size_t n, FILE *f)
{
    size_t i;

    if (n == 0) {
        fprintf(f, _("--whole-groups: the selection already covers its groups\n"));
        return;
    }
    fprintf(f, _("--whole-groups added:"));
    for (i = 0; i < n; i++)
        fprintf(f, " %s", h->devs[widened[i]].addr_str);
    fputc('\n', f);
}
