/* cmd_check.c - the check command: judge a selection and say why */
#include <config.h>

#include "cmd.h"

#include <stdio.h>
#include <string.h>

#include "i18n.h"
#include "output.h"
#include "rules.h"

int
cmd_check(struct cmd_ctx *ctx, int argc, char **argv)
{
    struct model_sel *sel = NULL;
    struct rules_report *rep = NULL;
    struct rules_opts ro = { 0 };
    int ret;
    size_t i;

    if (argc == 0 && ctx->group == MODEL_NONE) {
        cmd_error(ctx, _("check needs PCI addresses or --group N"));
        return CMD_EXIT_ERROR;
    }
    /* the host's warnings are findings (host-warning) in the report,
     * so they are not printed twice; -q hides them with the others */
    ctx->warnings_in_report = true;
    if ((ret = cmd_load(ctx, true, true)) != CMD_EXIT_OK)
        return ret;
    /* a missing domain is reported before anything is judged */
    if (ctx->domain && (ret = cmd_target(ctx, ctx->domain)) != CMD_EXIT_OK)
        return ret;
    if ((ret = cmd_selection(ctx, argc, argv, &sel)) != CMD_EXIT_OK)
        return ret;
    cmd_target_mode(ctx, &ro.live, &ro.config);
    ro.domain = ctx->target;
    if (!(rep = rules_check(ctx->host, sel, &ro))) {
        cmd_error(ctx, _("out of memory"));
        model_sel_free(sel);
        return CMD_EXIT_ERROR;
    }

    if (ctx->json) {
        json_object *root = json_object_new_object();
        json_object *a = json_object_new_array();

        for (i = 0; i < ctx->host->n_devs; i++)
            if (sel->marked[i])
                json_object_array_add(a, json_object_new_string(ctx->host->devs[i].addr_str));
        for (i = 0; i < sel->n_unknown; i++)
            json_object_array_add(a, json_object_new_string(sel->unknown[i]));
        json_object_object_add(root, "selection", a);
        if (ctx->target)
            json_object_object_add(root, "domain", json_object_new_string(ctx->target));
        a = json_object_new_array();
        for (i = 0; i < ctx->n_widened; i++)
            json_object_array_add(a, json_object_new_string(ctx->host->devs[ctx->widened[i]].addr_str));
        json_object_object_add(root, "widened", a);
        json_object_object_add(root, "findings", output_findings_json(rep));
        json_object_object_add(root, "errors", json_object_new_int((int)rep->n_errors));
        json_object_object_add(root, "warnings", json_object_new_int((int)rep->n_warnings));
        json_object_object_add(root, "infos", json_object_new_int((int)rep->n_infos));
        output_json(root, JSON_C_TO_STRING_NOSLASHESCAPE, stdout);
        json_object_put(root);
    } else {
        output_widened(ctx, stdout);
        output_findings_text(rep, ctx->quiet, stdout);
    }
    ret = rep->n_errors ? CMD_EXIT_PROBLEMS : CMD_EXIT_OK;
    rules_report_free(rep);
    model_sel_free(sel);
    return ret;
}
