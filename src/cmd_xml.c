/* cmd_xml.c - the xml and write commands: hostdev XML for a selection,
 * printed, split into one file per device, or added to a file */
#include <config.h>

#include "cmd.h"

#include <dirent.h>
#include <errno.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "esc.h"
#include "i18n.h"
#include "output.h"
#include "rules.h"
#include "io/atomicfile.h"
#include "virt/domedit.h"
#include "virt/hostdev.h"

/* Selection plus checks; refuses errors unless --force.  What the
 * file being written already holds (@file_holds) completes its groups,
 * as a target domain's devices do.  On success *addrs and *n hold the
 * selected addresses. */
static int
checked_selection(struct cmd_ctx *ctx, int argc, char **argv, const char *domain,
                  const struct bdf *file_holds, size_t n_file_holds,
                  struct bdf **addrs, size_t *n,
                  struct hostdev_mdev **mdevs, size_t *n_m)
{
    struct model_sel *sel = NULL;
    struct rules_report *rep = NULL;
    struct rules_opts ro = { 0 };
    int ret;

    if ((ret = cmd_selection(ctx, argc, argv, &sel)) != CMD_EXIT_OK)
        return ret;
    if (ctx->whole_groups)
        output_widened(ctx->host, ctx->widened, ctx->n_widened, stderr);
    ro.domain = domain;
    ro.file_holds = file_holds;
    ro.n_file_holds = n_file_holds;
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
    if (model_sel_count_mdevs(sel) && !mdevs) {
        cmd_error(ctx, _("this command takes PCI addresses only, not mdev UUIDs (use xml for them)"));
        ret = CMD_EXIT_ERROR;
        goto cleanup;
    }
    if (mdevs)
        *n_m = hostdev_sel_mdevs(ctx->host, sel, mdevs);
    if ((*n = hostdev_sel_addrs(ctx->host, sel, addrs)) == 0 && (!mdevs || *n_m == 0)) {
        if (mdevs) {
            free(*mdevs);
            *mdevs = NULL;
        }
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

/* The first PREFIX-*.xml that exists (caller frees), NULL if none;
 * -1 with *err if the directory cannot be read. */
static int
split_in_the_way(const char *prefix, char **found, char **err)
{
    char *dcopy = strdup(prefix), *bcopy = strdup(prefix);
    const char *dir, *base;
    size_t bl;
    DIR *d = NULL;
    struct dirent *de;
    int ret = -1;

    *found = NULL;
    if (!dcopy || !bcopy) {
        *err = strdup(strerror(ENOMEM));
        goto cleanup;
    }
    dir = dirname(dcopy);
    base = basename(bcopy);
    bl = strlen(base);
    if (!(d = opendir(dir))) {
        if (asprintf(err, _("cannot read the directory %s: %s"), dir, strerror(errno)) < 0)
            *err = NULL;
        goto cleanup;
    }
    while ((de = readdir(d))) {
        size_t l = strlen(de->d_name);

        if (l > bl + 5 && strncmp(de->d_name, base, bl) == 0 && de->d_name[bl] == '-' &&
            strcmp(de->d_name + l - 4, ".xml") == 0) {
            if (asprintf(found, "%s%s%s", strcmp(dir, ".") == 0 && prefix[0] != '.' ? "" : dir,
                         strcmp(dir, ".") == 0 && prefix[0] != '.' ? "" : "/", de->d_name) < 0)
                *found = NULL;
            break;
        }
    }
    ret = 0;

 cleanup:
    if (d)
        closedir(d);
    free(dcopy);
    free(bcopy);
    return ret;
}

/* xml --split PREFIX: PREFIX-1.xml ... PREFIX-N.xml, one <hostdev>
 * each, in address order, for one `virsh attach-device` each.  All or
 * nothing, and refused while any PREFIX-*.xml exists, so that the glob
 * PREFIX-*.xml names exactly the files written. */
static int
write_split(struct cmd_ctx *ctx, const struct bdf *addrs, size_t n)
{
    const char *prefix = ctx->split;
    char **names = NULL;
    char *found = NULL, *err = NULL;
    size_t i, made = 0;
    int ret = CMD_EXIT_ERROR;

    if (prefix[strlen(prefix) - 1] == '/') {
        cmd_error(ctx, _("--split needs a file name prefix, such as gpu or dir/gpu, not the directory %s"),
                  prefix);
        return CMD_EXIT_ERROR;
    }
    if (split_in_the_way(prefix, &found, &err) < 0) {
        cmd_error(ctx, "%s", err ? err : strerror(ENOMEM));
        goto cleanup;
    }
    if (found) {
        cmd_error(ctx, _("%s exists: remove %s-*.xml first, or choose another prefix; nothing was written"),
                  found, prefix);
        goto cleanup;
    }
    if (!(names = calloc(n, sizeof(*names))))
        goto oom;
    for (i = 0; i < n; i++) {
        char *xml;
        int r;

        if (asprintf(&names[i], "%s-%zu.xml", prefix, i + 1) < 0) {
            names[i] = NULL;
            goto oom;
        }
        if (!(xml = hostdev_xml_one(&addrs[i], !ctx->unmanaged)))
            goto oom;
        r = atomicfile_create(names[i], xml, 0644, &err);
        free(xml);
        if (r < 0) {
            cmd_error(ctx, _("%s; nothing was written"), err ? err : "?");
            goto cleanup;
        }
        made++;
    }
    for (i = 0; i < n; i++) {
        struct esc_pool ep = ESC_POOL_INIT;

        printf("%s\n", esc_pool_text(&ep, names[i]));
        esc_pool_clear(&ep);
    }
    made = 0;
    ret = CMD_EXIT_OK;
    goto cleanup;

 oom:
    cmd_error(ctx, _("out of memory"));
 cleanup:
    /* all or nothing: a failure takes back the files made so far */
    for (i = 0; i < made; i++)
        unlink(names[i]);
    for (i = 0; names && i < n; i++)
        free(names[i]);
    free(names);
    free(found);
    free(err);
    return ret;
}

int
cmd_xml(struct cmd_ctx *ctx, int argc, char **argv)
{
    struct bdf *addrs = NULL;
    struct hostdev_mdev *mdevs = NULL;
    size_t n = 0, n_m = 0;
    char *xml;
    int ret;

    if (argc == 0 && ctx->group == MODEL_NONE) {
        cmd_error(ctx, _("xml needs PCI addresses or --group N"));
        return CMD_EXIT_ERROR;
    }
    if ((ret = cmd_load(ctx, true, true)) != CMD_EXIT_OK)
        return ret;
    ctx->takes_mdevs = true;
    if ((ret = checked_selection(ctx, argc, argv, NULL, NULL, 0, &addrs, &n,
                                 &mdevs, &n_m)) != CMD_EXIT_OK)
        return ret;
    if (ctx->split && n_m) {
        cmd_error(ctx, _("--split takes PCI addresses only, not mdev UUIDs"));
        free(addrs);
        free(mdevs);
        return CMD_EXIT_ERROR;
    }
    if (ctx->split) {
        ret = write_split(ctx, addrs, n);
        free(addrs);
        free(mdevs);
        return ret;
    }
    /* one document, whatever the count: what virsh and `write` read */
    xml = hostdev_xml_doc_all(addrs, n, mdevs, n_m, !ctx->unmanaged);
    free(mdevs);
    if (!xml) {
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
    struct stat st;
    char *newtext = NULL, *err = NULL, *name = NULL;
    struct bdf *addrs = NULL, *have = NULL;
    struct hostdev_mdev *mdevs = NULL;
    size_t n = 0, n_have = 0, n_m = 0;
    bool create;
    int ret;

    if (argc < 1 || (argc < 2 && ctx->group == MODEL_NONE)) {
        cmd_error(ctx, _("write needs a domain XML file and PCI addresses or mdev UUIDs (or --group N)"));
        return CMD_EXIT_ERROR;
    }
    path = argv[0];
    /* A new FILE gets the document `xml` prints.  An existing one is
     * checked before anything else is read; what was read is what the
     * write compares the file with before replacing it.  (lstat: a
     * dangling symlink is not a new file, and is refused.) */
    create = lstat(path, &st) < 0 && errno == ENOENT;
    if (!create &&
        (!(f = atomicfile_read(path, &err)) ||
         hostdev_file_devices(f->text, &have, &n_have, &err) < 0)) {
        cmd_error(ctx, "%s%s%s", f ? path : "", f ? ": " : "", err ? err : "?");
        ret = CMD_EXIT_ERROR;
        goto cleanup;
    }
    name = f ? hostdev_domain_name(f->text) : NULL;
    ctx->takes_mdevs = true;
    if ((ret = cmd_load(ctx, true, true)) != CMD_EXIT_OK)
        goto cleanup;
    if ((ret = checked_selection(ctx, argc - 1, argv + 1, name, have, n_have,
                                 &addrs, &n, &mdevs, &n_m)) != CMD_EXIT_OK)
        goto cleanup;
    if (create) {
        if (!(newtext = hostdev_xml_doc_all(addrs, n, mdevs, n_m, !ctx->unmanaged)) ||
            atomicfile_create(path, newtext, 0644, &err) < 0) {
            cmd_error(ctx, _("%s was not written: %s"), path, err ? err : strerror(ENOMEM));
            ret = CMD_EXIT_ERROR;
            goto cleanup;
        }
        {
            struct esc_pool ep = ESC_POOL_INIT;

            printf(ngettext("wrote %zu hostdev to the new file %s\n",
                            "wrote %zu hostdevs to the new file %s\n", n + n_m), n + n_m, esc_pool_text(&ep, path));
            esc_pool_clear(&ep);
        }
        ret = CMD_EXIT_OK;
        goto cleanup;
    }
    if (!(newtext = domedit_file_add_all(f->text, addrs, n, mdevs, n_m, !ctx->unmanaged,
                                         &err))) {
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

        printf(ngettext("added %zu hostdev to %s; the previous version is %s~\n",
                        "added %zu hostdevs to %s; the previous version is %s~\n", n + n_m), n + n_m,
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
    free(mdevs);
    free(have);
    return ret;
}
