/* output.c - printing findings for the plain commands */
#include <config.h>

#include "output.h"

#include <stdlib.h>
#include <string.h>

#include "esc.h"
#include "i18n.h"

static const char *
sev_label(enum rules_sev s)
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
        fprintf(f, "%s[%s]: %s\n", sev_label(x->sev), x->code,
                esc_pool_text(&ep, x->message));
        if (x->remedy)
            fprintf(f, _("  remedy: %s\n"), esc_pool_text(&ep, x->remedy));
        esc_pool_clear(&ep);
    }
    fprintf(f, _("%zu error(s), %zu warning(s), %zu note(s)\n"),
            r->n_errors, r->n_warnings, r->n_infos);
}

void
output_widened(const struct cmd_ctx *ctx, FILE *f)
{
    size_t i;

    if (!ctx->whole_groups)
        return;
    if (ctx->n_widened == 0) {
        fprintf(f, _("--whole-groups: the selection already covers its groups\n"));
        return;
    }
    fprintf(f, _("--whole-groups added:"));
    for (i = 0; i < ctx->n_widened; i++)
        fprintf(f, " %s", ctx->host->devs[ctx->widened[i]].addr_str);
    fputc('\n', f);
}
