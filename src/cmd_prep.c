/* cmd_prep.c - the ready and boot commands: the host's readiness for
 * VFIO, and binding devices to vfio-pci at boot. */
#include <config.h>

#include "cmd.h"

#include <errno.h>
#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "prep.h"

static const char *
status_label(enum prep_status s)
{
    switch (s) {
    case PREP_OK: return _("ok");
    case PREP_WARN: return _("warning");
    case PREP_FAIL: return _("error");
    case PREP_UNKNOWN:
    default: return _("unknown");
    }
}

static int
ready_json(const struct cmd_ctx *ctx, const struct prep_facts *f, const struct prep_report *r)
{
    json_object *root = json_object_new_object(), *arr = json_object_new_array();
    size_t i;
    int ret;

    json_object_object_add(root, "schema", json_object_new_int(2));
    json_object_object_add(root, "source", json_object_new_string(ctx->host->source ? ctx->host->source : ""));
    json_object_object_add(root, "os", f->os_name ? json_object_new_string(f->os_name) : NULL);
    json_object_object_add(root, "ready", json_object_new_boolean(prep_report_ready(r)));
    for (i = 0; i < r->n_items; i++) {
        json_object *o = json_object_new_object();

        json_object_object_add(o, "id", json_object_new_string(r->items[i].id));
        json_object_object_add(o, "status", json_object_new_string(prep_status_str(r->items[i].status)));
        json_object_object_add(o, "text", json_object_new_string(r->items[i].text));
        json_object_object_add(o, "remedy", r->items[i].remedy ? json_object_new_string(r->items[i].remedy) : NULL);
        json_object_array_add(arr, o);
    }
    json_object_object_add(root, "facts", arr);
    ret = printf("%s\n", json_object_to_json_string_ext(root, JSON_C_TO_STRING_PRETTY |
                                                           JSON_C_TO_STRING_SPACED |
                                                           JSON_C_TO_STRING_NOSLASHESCAPE));
    json_object_put(root);
    return ret < 0 ? -1 : 0;
}

int
cmd_ready(struct cmd_ctx *ctx, int argc, char **argv)
{
    struct prep_facts *f = NULL;
    struct prep_report *r = NULL;
    char *err = NULL;
    int ret;
    size_t i;

    if (argc > 0) {
        cmd_error(ctx, _("ready takes no arguments (got '%s')"), argv[0]);
        return CMD_EXIT_ERROR;
    }
    if ((ret = cmd_load(ctx, false, true)) != CMD_EXIT_OK)
        return ret;
    if (session_ready(ctx->session, &f, &err) < 0) {
        cmd_error(ctx, "%s", err ? err : "?");
        free(err);
        return CMD_EXIT_ERROR;
    }
    if (!(r = prep_ready(f, ctx->host, ctx->opts.progname))) {
        prep_facts_free(f);
        cmd_error(ctx, "%s", strerror(ENOMEM));
        return CMD_EXIT_ERROR;
    }
    if (ctx->json) {
        if (ready_json(ctx, f, r) < 0)
            ret = CMD_EXIT_ERROR;
    } else {
        if (f->os_name)
            printf(_("Host %s (%s)\n"), ctx->host->source, f->os_name);
        else
            printf(_("Host %s (distribution unknown)\n"), ctx->host->source);
        for (i = 0; i < r->n_items; i++) {
            printf("%s[%s]: %s\n", status_label(r->items[i].status), r->items[i].id, r->items[i].text);
            if (r->items[i].remedy)
                printf(_("  remedy: %s\n"), r->items[i].remedy);
        }
        fputs(prep_report_ready(r) ? _("The host is ready for VFIO.\n")
                                   : _("The host is not ready for VFIO, or vfiotui cannot tell: see the errors and unknowns above.\n"),
              stdout);
    }
    if (ret == CMD_EXIT_OK && !prep_report_ready(r))
        ret = CMD_EXIT_PROBLEMS;
    if (fflush(stdout) != 0 || ferror(stdout)) {
        cmd_error(ctx, _("cannot write the report: %s"), strerror(errno));
        ret = CMD_EXIT_ERROR;
    }
    prep_report_free(r);
    prep_facts_free(f);
    return ret;
}

/* Refuses bridges and (without --force) host-critical devices. */
static int
boot_check(struct cmd_ctx *ctx, const struct model_sel *sel)
{
    size_t i;
    int ret = CMD_EXIT_OK;

    for (i = 0; i < sel->n_unknown; i++) {
        cmd_error(ctx, _("%s is not a PCI device on this host"), sel->unknown[i]);
        ret = CMD_EXIT_ERROR;
    }
    for (i = 0; i < sel->n_devs; i++) {
        const struct model_dev *d = &ctx->host->devs[i];
        char *why;

        if (!sel->marked[i] || !(why = prep_critical(ctx->host, i)))
            continue;
        if (model_dev_is_bridge(d) || !ctx->force) {
            cmd_error(ctx, _("%s stays with the host: %s (--force binds it all the same)"),
                      d->addr_str, why);
            ret = CMD_EXIT_ERROR;
        }
        free(why);
    }
    return ret;
}

int
cmd_boot(struct cmd_ctx *ctx, int argc, char **argv)
{
    struct model_sel *sel = NULL;
    struct prep_facts *f = NULL;
    struct prep_plan *p = NULL;
    char *err = NULL, *modules = NULL, **old = NULL;
    bool *changed = NULL;
    size_t i, n_changed = 0;
    int ret, e = 0;

    if (ctx->undo && (argc > 0 || ctx->group != MODEL_NONE || ctx->whole_groups)) {
        cmd_error(ctx, _("boot --undo takes no devices: it removes every file boot --apply wrote"));
        return CMD_EXIT_ERROR;
    }
    if ((ret = cmd_load(ctx, false, true)) != CMD_EXIT_OK)
        return ret;
    if (session_remote(ctx->session) || session_is_demo(ctx->session)) {
        cmd_error(ctx, _("boot prepares a local host (/ or --sysroot DIR), not %s"), ctx->host->source);
        return CMD_EXIT_ERROR;
    }
    if (!ctx->undo) {
        if ((ret = cmd_selection(ctx, argc, argv, &sel)) != CMD_EXIT_OK)
            return ret;
        if ((ret = boot_check(ctx, sel)) != CMD_EXIT_OK)
            goto out;
    }
    if (session_ready(ctx->session, &f, &err) < 0) {
        cmd_error(ctx, "%s", err ? err : "?");
        ret = CMD_EXIT_ERROR;
        goto out;
    }
    modules = session_read_file(ctx->session, PREP_INITRAMFS_MODULES, &e);
    if (e) {
        cmd_error(ctx, _("cannot read %s: %s"), PREP_INITRAMFS_MODULES, strerror(e));
        ret = CMD_EXIT_ERROR;
        goto out;
    }
    if (!(p = prep_boot_plan(ctx->host, sel, f, modules, ctx->undo)) ||
        !(old = calloc(p->n_files + 1, sizeof(*old))) ||
        !(changed = calloc(p->n_files + 1, sizeof(*changed)))) {
        cmd_error(ctx, "%s", strerror(ENOMEM));
        ret = CMD_EXIT_ERROR;
        goto out;
    }
    /* the diff first: every change is shown before anything is written */
    for (i = 0; i < p->n_files; i++) {
        char *d;

        old[i] = session_read_file(ctx->session, p->files[i].path, &e);
        if (e) {
            cmd_error(ctx, _("cannot read %s: %s"), p->files[i].path, strerror(e));
            ret = CMD_EXIT_ERROR;
            goto out;
        }
        if (!(d = prep_udiff(p->files[i].path, old[i], p->files[i].text))) {
            cmd_error(ctx, "%s", strerror(ENOMEM));
            ret = CMD_EXIT_ERROR;
            goto out;
        }
        if (*d) {
            changed[i] = true;
            n_changed++;
            fputs(d, stdout);
        }
        free(d);
    }
    if (!n_changed)
        fputs(_("No file to change: vfiotui's files are as planned.\n"), stdout);
    if (p->kernel_args)
        printf(_("Kernel arguments to add (vfiotui never writes the boot loader's configuration): %s\n"),
               p->kernel_args);
    for (i = 0; i < p->n_notes; i++)
        printf(_("Note: %s\n"), p->notes[i]);
    if (ctx->apply && !ctx->dry_run) {
        for (i = 0; i < p->n_files; i++) {
            if (!changed[i])
                continue;
            if (session_write_file(ctx->session, p->files[i].path, p->files[i].text, &err) < 0) {
                cmd_error(ctx, "%s", err ? err : "?");
                ret = CMD_EXIT_ERROR;
                goto out;
            }
            if (!p->files[i].text)
                printf(_("Removed /%s (kept as /%s~).\n"), p->files[i].path, p->files[i].path);
            else if (old[i])
                printf(_("Wrote /%s (the previous version is /%s~).\n"), p->files[i].path, p->files[i].path);
            else
                printf(_("Created /%s.\n"), p->files[i].path);
        }
    } else if (n_changed) {
        fputs(ctx->apply ? _("Dry run: nothing was written.\n")
                         : _("Nothing was written: run the same command with --apply to write these files.\n"),
              stdout);
    }
    if ((n_changed || p->kernel_args) && p->n_commands) {
        fputs(ctx->apply && !ctx->dry_run ? _("Now run:\n") : _("After --apply, run:\n"), stdout);
        for (i = 0; i < p->n_commands; i++)
            printf("  %s\n", p->commands[i]);
    }
    if (fflush(stdout) != 0 || ferror(stdout)) {
        cmd_error(ctx, _("cannot write the plan: %s"), strerror(errno));
        ret = CMD_EXIT_ERROR;
    }
 out:
    for (i = 0; old && p && i < p->n_files; i++)
        free(old[i]);
    free(old);
    free(changed);
    free(err);
    free(modules);
    prep_plan_free(p);
    prep_facts_free(f);
    model_sel_free(sel);
    return ret;
}
