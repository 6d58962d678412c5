/* cmd_bind.c - the bind and unbind commands: devices to vfio-pci now,
 * by address, and back to their drivers. */
#include <config.h>

#include "cmd.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"

static void
print_step(void *ctx, const char *line)
{
    (void)ctx;
    printf("%s\n", line);
}

static int
bind_common(struct cmd_ctx *ctx, int argc, char **argv, bool unbind)
{
    struct model_sel *sel = NULL;
    struct session_bind_result *res = NULL;
    struct bdf *addrs = NULL;
    unsigned flags = (unbind ? SESSION_BIND_UNBIND : 0) | (ctx->force ? SESSION_BIND_FORCE : 0) |
                     (ctx->dry_run ? SESSION_BIND_DRY_RUN : 0);
    char *err = NULL;
    size_t i, n = 0;
    int ret, rc;

    if ((ret = cmd_load(ctx, false, false)) != CMD_EXIT_OK)
        return ret;
    if (session_remote(ctx->session) && (ret = cmd_connect(ctx, false)) != CMD_EXIT_OK)
        return ret;
    if ((ret = cmd_selection(ctx, argc, argv, &sel)) != CMD_EXIT_OK)
        return ret;
    for (i = 0; i < sel->n_unknown; i++) {
        cmd_error(ctx, _("%s is not a PCI device on this host"), sel->unknown[i]);
        ret = CMD_EXIT_ERROR;
    }
    if (ret != CMD_EXIT_OK || !(addrs = calloc(sel->n_devs + 1, sizeof(*addrs)))) {
        if (ret == CMD_EXIT_OK) {
            cmd_error(ctx, "%s", strerror(ENOMEM));
            ret = CMD_EXIT_ERROR;
        }
        model_sel_free(sel);
        return ret;
    }
    for (i = 0; i < sel->n_devs; i++)
        if (sel->marked[i])
            addrs[n++] = ctx->host->devs[i].addr;
    rc = session_bind(ctx->session, addrs, n, flags, print_step, NULL, &res, &err);
    if (rc < 0) {
        cmd_error(ctx, "%s", err ? err : "?");
        ret = CMD_EXIT_ERROR;
        goto out;
    }
    for (i = 0; i < n; i++) {
        const struct session_bind_result *r = &res[i];

        if (r->status != 0) {
            cmd_error(ctx, "%s", r->msg ? r->msg : "?");
            continue;
        }
        if (r->msg)
            printf("%s\n", r->msg);
        else if (ctx->dry_run)
            printf(unbind ? _("%s: would leave vfio-pci\n") : _("%s: would go from %s to vfio-pci\n"),
                   r->addr, r->before ? r->before : _("no driver"));
        else
            printf(_("%s: %s -> %s\n"), r->addr, r->before ? r->before : _("no driver"),
                   r->after ? r->after : _("no driver"));
    }
    if (ctx->dry_run)
        fputs(_("Dry run: nothing was written.\n"), stdout);
    ret = rc ? CMD_EXIT_PROBLEMS : CMD_EXIT_OK;
    if (fflush(stdout) != 0 || ferror(stdout)) {
        cmd_error(ctx, _("cannot write the report: %s"), strerror(errno));
        ret = CMD_EXIT_ERROR;
    }
 out:
    session_bind_results_free(res, n);
    free(err);
    free(addrs);
    model_sel_free(sel);
    return ret;
}

int
cmd_bind(struct cmd_ctx *ctx, int argc, char **argv)
{
    return bind_common(ctx, argc, argv, false);
}

int
cmd_unbind(struct cmd_ctx *ctx, int argc, char **argv)
{
    return bind_common(ctx, argc, argv, true);
}
