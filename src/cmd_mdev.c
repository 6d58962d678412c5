/* cmd_mdev.c - the mdev and sriov commands: create and remove a
 * mediated device, set a PF's number of virtual functions; each step
 * is shown first, asked for (or --yes), and --dry-run only shows it. */
#include <config.h>

#include "cmd.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "i18n.h"

static void
print_step(void *ctx, const char *line)
{
    (void)ctx;
    printf("%s\n", line);
}

/* Asks @question on the terminal: CMD_EXIT_OK for yes.  Without a
 * terminal on stdin the answer must come from --yes. */
static int
confirm(struct cmd_ctx *ctx, const char *question)
{
    char buf[16];

    if (ctx->yes || ctx->dry_run)
        return CMD_EXIT_OK;
    if (!isatty(STDIN_FILENO)) {
        cmd_error(ctx, _("not asking without a terminal: confirm with --yes (or look first with --dry-run)"));
        return CMD_EXIT_ERROR;
    }
    /* TRANSLATORS: the answer is y for yes, in any language */
    printf(_("%s [y/N] "), question);
    fflush(stdout);
    if (!fgets(buf, sizeof(buf), stdin) || (buf[0] != 'y' && buf[0] != 'Y')) {
        cmd_error(ctx, _("nothing done"));
        return CMD_EXIT_PROBLEMS;
    }
    return CMD_EXIT_OK;
}

static int
finish(struct cmd_ctx *ctx, int rc, char *err)
{
    int ret = rc == 0 ? CMD_EXIT_OK : rc > 0 ? CMD_EXIT_PROBLEMS : CMD_EXIT_ERROR;

    if (rc != 0)
        cmd_error(ctx, "%s", err ? err : "?");
    free(err);
    if (rc == 0 && ctx->dry_run)
        fputs(_("Dry run: nothing was written.\n"), stdout);
    if (fflush(stdout) != 0 || ferror(stdout)) {
        cmd_error(ctx, _("cannot write the report: %s"), strerror(errno));
        ret = CMD_EXIT_ERROR;
    }
    return ret;
}

/* The full form of @addr if it is a device of the host, else @addr
 * (the session says what is wrong with it). */
static const char *
full_addr(const struct cmd_ctx *ctx, const char *addr)
{
    struct bdf a;
    bool all;
    int k;

    if (bdf_parse_user(addr, &a, &all) < 0 || all || (k = model_find(ctx->host, &a)) < 0)
        return addr;
    return ctx->host->devs[k].addr_str;
}

static int
mdev_create(struct cmd_ctx *ctx, const char *parent, const char *type)
{
    char uuid[37] = "", *err = NULL, *q = NULL;
    int rc, ret;

    /* a dry run first: checks everything and shows the steps */
    rc = session_mdev_create(ctx->session, parent, type, ctx->uuid, true,
                             ctx->dry_run ? print_step : NULL, NULL, uuid, &err);
    if (rc != 0 || ctx->dry_run) {
        if (rc == 0)
            printf(_("would create mdev %s of type %s on %s\n"), uuid, type, parent);
        return finish(ctx, rc, err);
    }
    if (asprintf(&q, _("Create mdev %s of type %s on %s?"), uuid, type, parent) < 0)
        q = NULL;
    ret = confirm(ctx, q ? q : "?");
    free(q);
    if (ret != CMD_EXIT_OK)
        return ret;
    rc = session_mdev_create(ctx->session, parent, type, uuid, false, print_step, NULL, uuid, &err);
    if (rc == 0)
        printf(_("created mdev %s\n"), uuid);
    return finish(ctx, rc, err);
}

static int
mdev_remove(struct cmd_ctx *ctx, const char *uuid)
{
    char *err = NULL, *q = NULL;
    int rc, ret;

    rc = session_mdev_remove(ctx->session, uuid, true, ctx->dry_run ? print_step : NULL, NULL, &err);
    if (rc != 0 || ctx->dry_run)
        return finish(ctx, rc, err);
    if (asprintf(&q, _("Remove mdev %s?"), uuid) < 0)
        q = NULL;
    ret = confirm(ctx, q ? q : "?");
    free(q);
    if (ret != CMD_EXIT_OK)
        return ret;
    rc = session_mdev_remove(ctx->session, uuid, false, print_step, NULL, &err);
    if (rc == 0)
        printf(_("removed mdev %s\n"), uuid);
    return finish(ctx, rc, err);
}

int
cmd_mdev(struct cmd_ctx *ctx, int argc, char **argv)
{
    int ret;

    if (argc < 1 || (strcmp(argv[0], "create") == 0 ? argc != 3 :
                     strcmp(argv[0], "remove") == 0 ? argc != 2 : true)) {
        cmd_error(ctx, _("usage: mdev create PARENT TYPE [--uuid UUID], or mdev remove UUID"));
        return CMD_EXIT_ERROR;
    }
    if (ctx->uuid && strcmp(argv[0], "create") != 0) {
        cmd_error(ctx, _("--uuid is for mdev create"));
        return CMD_EXIT_ERROR;
    }
    /* read-write: a remote host's mdevs are made through libvirt */
    if ((ret = cmd_load(ctx, true, false)) != CMD_EXIT_OK)
        return ret;
    return strcmp(argv[0], "create") == 0 ? mdev_create(ctx, full_addr(ctx, argv[1]), argv[2])
                                          : mdev_remove(ctx, argv[1]);
}

int
cmd_sriov(struct cmd_ctx *ctx, int argc, char **argv)
{
    char *err = NULL, *q = NULL, *end = NULL;
    long n;
    int rc, ret;

    if (argc != 2) {
        cmd_error(ctx, _("usage: sriov PF N"));
        return CMD_EXIT_ERROR;
    }
    errno = 0;
    n = strtol(argv[1], &end, 10);
    if (errno || !*argv[1] || *end || n < 0 || n > 65535) {
        cmd_error(ctx, _("'%s' is not a number of virtual functions"), argv[1]);
        return CMD_EXIT_ERROR;
    }
    if ((ret = cmd_load(ctx, true, true)) != CMD_EXIT_OK)
        return ret;
    argv[0] = (char *)full_addr(ctx, argv[0]);
    rc = session_sriov_set(ctx->session, argv[0], (int)n, true,
                           ctx->dry_run ? print_step : NULL, NULL, &err);
    if (rc != 0 || ctx->dry_run)
        return finish(ctx, rc, err);
    if (asprintf(&q, _("Set the virtual functions of %s to %ld?"), argv[0], n) < 0)
        q = NULL;
    ret = confirm(ctx, q ? q : "?");
    free(q);
    if (ret != CMD_EXIT_OK)
        return ret;
    rc = session_sriov_set(ctx->session, argv[0], (int)n, false, print_step, NULL, &err);
    if (rc == 0)
        printf(_("%s now has %ld virtual functions\n"), argv[0], n);
    return finish(ctx, rc, err);
}
