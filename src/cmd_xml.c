/* cmd_xml.c - the xml and write commands: hostdev XML for a selection,
 * printed or added to a domain file */
#include <config.h>

#include "cmd.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "esc.h"
#include "i18n.h"
#include "output.h"
#include "rules.h"
#include "virt/atomicfile.h"
#include "virt/hostdev.h"

/* Selection plus checks; refuses errors unless --force.  On success
 * *addrs and *n hold the selected addresses. */
static int
checked_selection(struct cmd_ctx *ctx, int argc, char **argv, const char *domain,
                  struct bdf **addrs, size_t *n)
{
    struct model_sel *sel = NULL;
    struct rules_report *rep = NULL;
    struct rules_opts ro = { 0 };
    int ret;

    if ((ret = cmd_selection(ctx, argc, argv, &sel)) != CMD_EXIT_OK)
        return ret;
    output_widened(ctx, stderr);
    ro.domain = domain;
    if (!(rep = rules_check(ctx->host, sel, &ro))) {
        ret = CMD_EXIT_ERROR;
        goto cleanup;
    }
    cmd_report(ctx, rep);
    /* --force overrides findings; an absent address stays an error */
    if (sel->n_unknown) {
        size_t k;

        for (k = 0; k < sel->n_unknown; k++)
            cmd_error(ctx, _("%s is not a PCI device on this host"), sel->unknown[k]);
        cmd_error(ctx, _("refusing: every address must exist (--force does not change that)"));
        ret = CMD_EXIT_PROBLEMS;
        goto cleanup;
    }
    if (rep->n_errors) {
        if (!ctx->force) {
            cmd_error(ctx, _("refusing: the checks found errors (--force overrides)"));
            ret = CMD_EXIT_PROBLEMS;
            goto cleanup;
        }
        cmd_error(ctx, _("--force: going on despite the errors above"));
    }
    if ((*n = hostdev_sel_addrs(ctx->host, sel, addrs)) == 0) {
        cmd_error(ctx, _("no device on this host is selected"));
        free(*addrs);
        *addrs = NULL;
        ret = CMD_EXIT_PROBLEMS;
        goto cleanup;
    }
    ret = CMD_EXIT_OK;

 cleanup:
    rules_report_free(rep);
    model_sel_free(sel);
    return ret;
}

int
cmd_xml(struct cmd_ctx *ctx, int argc, char **argv)
{
    struct bdf *addrs = NULL;
    size_t n = 0;
    char *xml;
    int ret;

    if (argc == 0 && ctx->group == MODEL_NONE) {
        cmd_error(ctx, _("xml needs PCI addresses or --group N"));
        return CMD_EXIT_ERROR;
    }
    if ((ret = cmd_load(ctx, true, true)) != CMD_EXIT_OK)
        return ret;
    if ((ret = checked_selection(ctx, argc, argv, NULL, &addrs, &n)) != CMD_EXIT_OK)
        return ret;
    if (!(xml = hostdev_xml_many(addrs, n, !ctx->unmanaged))) {
        free(addrs);
        cmd_error(ctx, _("out of memory"));
        return CMD_EXIT_ERROR;
    }
    fputs(xml, stdout);
    free(xml);
    free(addrs);
    return CMD_EXIT_OK;
}

int
cmd_write(struct cmd_ctx *ctx, int argc, char **argv)
{
    const char *path;
    struct atomicfile *f = NULL;
    char *newtext = NULL, *err = NULL, *name = NULL;
    struct bdf *addrs = NULL, *have = NULL;
    size_t n = 0, n_have = 0;
    int ret;

    if (argc < 1 || (argc < 2 && ctx->group == MODEL_NONE)) {
        cmd_error(ctx, _("write needs a domain XML file and PCI addresses (or --group N)"));
        return CMD_EXIT_ERROR;
    }
    path = argv[0];
    /* The file is checked before anything else is read; what was read
     * is what the write compares the file with before replacing it. */
    if (!(f = atomicfile_read(path, &err)) ||
        hostdev_domain_devices(f->text, &have, &n_have, &err) < 0) {
        cmd_error(ctx, "%s%s%s", f ? path : "", f ? ": " : "", err ? err : "?");
        ret = CMD_EXIT_ERROR;
        goto cleanup;
    }
    name = hostdev_domain_name(f->text);
    if ((ret = cmd_load(ctx, true, true)) != CMD_EXIT_OK)
        goto cleanup;
    if ((ret = checked_selection(ctx, argc - 1, argv + 1, name, &addrs, &n)) != CMD_EXIT_OK)
        goto cleanup;
    if (!(newtext = hostdev_domain_add(f->text, addrs, n, !ctx->unmanaged, &err))) {
        cmd_error(ctx, "%s: %s", path, err ? err : "?");
        ret = CMD_EXIT_PROBLEMS;
        goto cleanup;
    }
    if (atomicfile_replace(f, newtext, &err) < 0) {
        cmd_error(ctx, _("%s was not changed: %s"), path, err ? err : "?");
        ret = CMD_EXIT_ERROR;
        goto cleanup;
    }
    {
        struct esc_pool ep = ESC_POOL_INIT;

        printf(_("added %zu hostdev(s) to %s; the previous version is %s~\n"), n,
               esc_pool_text(&ep, path), esc_pool_text(&ep, f->path));
        esc_pool_clear(&ep);
    }
    ret = CMD_EXIT_OK;

 cleanup:
    atomicfile_free(f);
    free(newtext);
    free(err);
    free(name);
    free(addrs);
    free(have);
    return ret;
}
