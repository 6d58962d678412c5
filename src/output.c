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

json_object *
output_findings_json(const struct rules_report *r)
{
    json_object *arr = json_object_new_array();
    size_t i, k;

    for (i = 0; i < r->n; i++) {
        const struct rules_finding *x = &r->items[i];
        json_object *o = json_object_new_object();
        json_object *a = json_object_new_array();

        json_object_object_add(o, "code", json_object_new_string(x->code));
        json_object_object_add(o, "severity", json_object_new_string(rules_sev_str(x->sev)));
        for (k = 0; k < x->n_addrs; k++)
            json_object_array_add(a, json_object_new_string(x->addrs[k]));
        json_object_object_add(o, "addresses", a);
        json_object_object_add(o, "group", x->group == MODEL_NONE ? NULL : json_object_new_int(x->group));
        json_object_object_add(o, "message", json_object_new_string(x->message));
        json_object_object_add(o, "remedy", x->remedy ? json_object_new_string(x->remedy) : NULL);
        json_object_array_add(arr, o);
    }
    return arr;
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

int
output_json(json_object *root, int flags, FILE *f)
{
    const char *text = json_object_to_json_string_ext(root, JSON_C_TO_STRING_PRETTY |
                                                      JSON_C_TO_STRING_SPACED | flags);
    char *fixed = esc_utf8(text);

    /* json-c copies bytes >= 0x80 as they are; a host's invalid UTF-8
     * would make the whole document invalid JSON.  Such bytes can only
     * sit inside strings, so repairing the text keeps its structure. */
    if (!fixed)
        return -1;
    fputs(fixed, f);
    fputc('\n', f);
    free(fixed);
    return 0;
}
