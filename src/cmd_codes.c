/* cmd_codes.c - the codes command: every finding code the checks can
 * report, with its severity and summary, from the table in codes.h */
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
cmd_codes(struct cmd_ctx *ctx, int argc, char **argv)
{
    int w = 0;
    size_t i;

    if (argc > 0) {
        cmd_error(ctx, _("codes takes no arguments (got '%s')"), argv[0]);
        return CMD_EXIT_ERROR;
    }
    if (ctx->json) {
        if (jsonout_codes(stdout) < 0) {
            cmd_error(ctx, _("cannot write the codes: %s"), strerror(errno));
            return CMD_EXIT_ERROR;
        }
        return CMD_EXIT_OK;
    }
    for (i = 0; i < rules_n_codes; i++)
        if ((int)strlen(rules_codes[i].code) > w)
            w = (int)strlen(rules_codes[i].code);
    /* "CODE  SEVERITY  SUMMARY", the code and severity one word each */
    for (i = 0; i < rules_n_codes; i++)
        printf("%-*s  %-8s %s\n", w, rules_codes[i].code,
               output_sev_label(rules_codes[i].sev), _(rules_codes[i].summary));
    if (fflush(stdout) != 0 || ferror(stdout)) {
        cmd_error(ctx, _("cannot write the codes: %s"), strerror(errno));
        return CMD_EXIT_ERROR;
    }
    return CMD_EXIT_OK;
}
