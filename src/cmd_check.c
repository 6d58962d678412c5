/* cmd_check.c - the check command: judge a selection and say why */
#include <config.h>

#include "cmd.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "i18n.h"
#include "jsonout.h"
#include "output.h"
#include "rules.h"

int
cmd_check(struct cmd_ctx *ctx, int argc, char **argv)
{
    struct model_sel *sel = NULL;
    struct rules_report *rep = NULL;
    struct rules_opts ro = { 0 };
    int ret;

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
    ctx->takes_mdevs = true;
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
        if (jsonout_check(stdout, ctx->host, sel, ctx->target, ctx->widened,
                          ctx->n_widened, rep) < 0) {
            cmd_error(ctx, _("write error: %s"), strerror(errno));
            ret = CMD_EXIT_ERROR;
            goto cleanup;
        }
    } else {
        if (ctx->whole_groups)
            output_widened(ctx->host, ctx->widened, ctx->n_widened, stdout);
        output_findings_text(rep, ctx->opts.quiet, stdout);
    }
    ret = rep->n_errors ? CMD_EXIT_PROBLEMS : CMD_EXIT_OK;

 cleanup:
    rules_report_free(rep);
    model_sel_free(sel);
    return ret;
}
