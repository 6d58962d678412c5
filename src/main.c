/* main.c - argv, locale and wiring; the only place that exits. */
#include <config.h>

#include <errno.h>
#include <getopt.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "cmd.h"
#include "esc.h"
#include "i18n.h"
#include "session.h"
#include "sysval.h"
#include "ui/app.h"

/* What the command line asks of the interface (the ui command). */
struct main_ui {
    const char *script;         /* --script FILE (headless) */
    const char *dump_dir;       /* --dump-dir DIR */
    int cols, lines;            /* --size COLSxLINES */
    bool ascii;                 /* --ascii */
};

/* Whether @dir can be a sysroot: 0, or an errno value. */
static int
sysroot_error(const char *dir)
{
    struct stat st;

    return stat(dir, &st) < 0 ? errno : S_ISDIR(st.st_mode) ? 0 : ENOTDIR;
}


/* How many devices the interface reads before its first screen on a
 * big host (session_opts.first): enough for the tallest terminal, or
 * VFIOTUI_FIRST (0: the whole host first). */
static size_t
first_screen_devices(void)
{
    const char *e = getenv("VFIOTUI_FIRST");
    long n;

    if (!e || sysval_dec(e, 0, 1000000, &n) < 0)
        return 256;
    return (size_t)n;
}

static int
run_interface(struct cmd_ctx *ctx, const struct main_ui *ui, int argc, char **argv)
{
    struct ui_opts o = { 0 };
    char *err = NULL;
    int ret;

    if (argc > 0) {
        cmd_error(ctx, _("unknown command '%s'"), argv[0]);
        return CMD_EXIT_ERROR;
    }
    if (ui->dump_dir && !ui->script) {
        cmd_error(ctx, _("--dump-dir goes with --script"));
        return CMD_EXIT_ERROR;
    }
    /* warnings and connection notes go to the status line, not under
     * the screen */
    ctx->opts.quiet = true;
    /* libvirt's event loop, so a dead daemon is noticed (close
     * callback, keepalive) and the screen follows the host; the
     * interface runs it with its keys, a script in its "wait" */
    if (session_events_init(&err) < 0 && !ui->script) {
        cmd_error(ctx, _("note: no libvirt event loop; a lost connection shows only when it is used"));
        if (err)
            cmd_error(ctx, "%s", err);
    }
    free(err);
    /* a big host's first screen before the rest is read; a script's
     * screens are the same on every run */
    if (!ui->script)
        ctx->opts.first = first_screen_devices();
    if ((ret = cmd_load(ctx, true, false)) != CMD_EXIT_OK)
        return ret;
    o.session = ctx->session;
    o.progname = ctx->opts.progname;
    o.unmanaged = ctx->unmanaged;
    o.script = ui->script;
    o.dump_dir = ui->dump_dir;
    o.cols = ui->cols;
    o.lines = ui->lines;
    o.ascii = ui->ascii;
    return ui_run(&o);
}

int
main(int argc, char **argv)
{
    struct option long_options[O_COUNT + 1];
    char short_options[3 * O_COUNT + 1];
    struct cmd_ctx ctx;
    struct main_ui ui;
    /* as GNU tools do: the name it was run by, without the directory */
    const char *prog = program_invocation_short_name;
    const struct command *cmd;
    const char *cmdname;
    uint64_t given = 0;
    bool help = false;
    size_t n = 0;
    int id, c, ret, first;

    /* A daemon that goes away mid-call must give an error from libvirt,
     * not kill the program (and leave the terminal raw). */
    signal(SIGPIPE, SIG_IGN);
    session_signals_init();
    setlocale(LC_ALL, "");
    /* VFIOTUI_LOCALEDIR: the catalogues of a build tree, not yet
     * installed (tests/ui-lang.sh); otherwise the configured one */
    {
        const char *ld = getenv("VFIOTUI_LOCALEDIR");

        bindtextdomain(PACKAGE, ld && *ld ? ld : LOCALEDIR);
    }
    textdomain(PACKAGE);

    /* getopt's own messages start with argv[0] */
    argv[0] = (char *)prog;
    memset(&ctx, 0, sizeof(ctx));
    memset(&ui, 0, sizeof(ui));
    ctx.opts.progname = prog;
    ctx.group = MODEL_NONE;

    memset(long_options, 0, sizeof(long_options));
    for (id = 0; id < O_COUNT; id++) {
        long_options[id].name = opt_table[id].name;
        long_options[id].has_arg = opt_table[id].has_arg;
        long_options[id].val = 256 + id;
        if (opt_table[id].short_name) {
            short_options[n++] = opt_table[id].short_name;
            if (opt_table[id].has_arg == required_argument)
                short_options[n++] = ':';
        }
    }
    short_options[n] = '\0';

    while ((c = getopt_long(argc, argv, short_options, long_options, NULL)) != -1) {
        char *end;
        long num;

        if (c < 256) {
            for (id = 0; id < O_COUNT; id++)
                if (opt_table[id].short_name && opt_table[id].short_name == c)
                    break;
        } else {
            id = c - 256;
        }
        if (id < 0 || id >= O_COUNT) {
            try_help(prog, NULL);
            return CMD_EXIT_ERROR;
        }
        given |= OPT(id);

        switch ((enum opt_id)id) {
        case O_HELP:
            help = true;
            break;
        case O_VERSION:
            version();
            return CMD_EXIT_OK;
        case O_CONNECT:
            ctx.opts.uri = optarg;
            ctx.opts.uri_given = true;
            break;
        case O_QUIET:
            ctx.opts.quiet = true;
            break;
        case O_SYSROOT: {
            int e;

            /* "" would mean "/" further down: the real host, silently */
            if (!*optarg) {
                fprintf(stderr, _("%s: --sysroot needs a directory\n"), prog);
                try_help(prog, NULL);
                return CMD_EXIT_ERROR;
            }
            if ((e = sysroot_error(optarg))) {
                struct esc_pool ep = ESC_POOL_INIT;

                fprintf(stderr, _("%s: --sysroot %s: %s\n"), prog,
                        esc_pool_text(&ep, optarg), strerror(e));
                esc_pool_clear(&ep);
                return CMD_EXIT_ERROR;
            }
            ctx.opts.sysroot = optarg;
            break;
        }
        case O_DEMO:
            ctx.opts.demo = true;
            break;
        case O_SOURCE:
            if (strcmp(optarg, "sysfs") == 0) {
                ctx.opts.source = SESSION_SOURCE_SYSFS;
            } else if (strcmp(optarg, "libvirt") == 0) {
                ctx.opts.source = SESSION_SOURCE_LIBVIRT;
            } else {
                struct esc_pool ep = ESC_POOL_INIT;

                fprintf(stderr, _("%s: --source must be 'sysfs' or 'libvirt', not '%s'\n"),
                        prog, esc_pool_text(&ep, optarg));
                esc_pool_clear(&ep);
                try_help(prog, NULL);
                return CMD_EXIT_ERROR;
            }
            break;
        case O_JSON:
            ctx.json = true;
            break;
        case O_ADDRESSES:
            ctx.addresses = true;
            break;
        case O_GROUPS:
            ctx.groups = true;
            break;
        case O_NAMES:
            ctx.names = true;
            break;
        case O_WHOLE_GROUPS:
            ctx.whole_groups = true;
            break;
        case O_GROUP:
            num = strtol(optarg, &end, 10);
            if (!*optarg || *end || num < 0 || num > 1000000) {
                struct esc_pool ep = ESC_POOL_INIT;

                fprintf(stderr, _("%s: --group needs a group number, not '%s'\n"),
                        prog, esc_pool_text(&ep, optarg));
                esc_pool_clear(&ep);
                try_help(prog, NULL);
                return CMD_EXIT_ERROR;
            }
            ctx.group = (int)num;
            break;
        case O_UNMANAGED:
            ctx.unmanaged = true;
            break;
        case O_FORCE:
            ctx.force = true;
            break;
        case O_LIVE:
            ctx.live = true;
            break;
        case O_CONFIG:
            ctx.config = true;
            break;
        case O_DRY_RUN:
            ctx.dry_run = true;
            break;
        case O_APPLY:
            ctx.apply = true;
            break;
        case O_UNDO:
            ctx.undo = true;
            break;
        case O_UUID:
            ctx.uuid = optarg;
            break;
        case O_YES:
            ctx.yes = true;
            break;
        case O_ASCII:
            ui.ascii = true;
            break;
        case O_DOMAIN:
            ctx.domain = optarg;
            break;
        case O_NO_DOMAINS:
            ctx.opts.no_domains = true;
            break;
        case O_SCRIPT:
            ui.script = optarg;
            break;
        case O_SPLIT:
            if (!*optarg) {
                fprintf(stderr, _("%s: --split needs a file name prefix\n"), prog);
                try_help(prog, NULL);
                return CMD_EXIT_ERROR;
            }
            ctx.split = optarg;
            break;
        case O_DUMP_DIR:
            ui.dump_dir = optarg;
            break;
        case O_SIZE:
            if (sscanf(optarg, "%dx%d", &ui.cols, &ui.lines) != 2 ||
                ui.cols < 1 || ui.lines < 1 || ui.cols > 1000 || ui.lines > 1000) {
                struct esc_pool ep = ESC_POOL_INIT;

                fprintf(stderr, _("%s: --size needs COLSxLINES, such as 80x24, not '%s'\n"),
                        prog, esc_pool_text(&ep, optarg));
                esc_pool_clear(&ep);
                try_help(prog, NULL);
                return CMD_EXIT_ERROR;
            }
            break;
        case O_MAX_CHANGES:
            num = strtol(optarg, &end, 10);
            if (!*optarg || *end || num < 1 || num > 1000000000) {
                struct esc_pool ep = ESC_POOL_INIT;

                fprintf(stderr, _("%s: --count needs a number of changes from 1, not '%s'\n"),
                        prog, esc_pool_text(&ep, optarg));
                esc_pool_clear(&ep);
                try_help(prog, NULL);
                return CMD_EXIT_ERROR;
            }
            ctx.count = num;
            break;
        case O_TIMEOUT: {
            double secs = strtod(optarg, &end);

            if (!*optarg || *end || !(secs > 0) || secs > 86400.0 * 365) {
                struct esc_pool ep = ESC_POOL_INIT;

                fprintf(stderr, _("%s: --timeout needs a number of seconds above 0, not '%s'\n"),
                        prog, esc_pool_text(&ep, optarg));
                esc_pool_clear(&ep);
                try_help(prog, NULL);
                return CMD_EXIT_ERROR;
            }
            ctx.timeout_ms = secs * 1000 < 1 ? 1 : (int)(secs * 1000);
            break;
        }
        case O_COUNT:
        default:
            try_help(prog, NULL);
            return CMD_EXIT_ERROR;
        }
    }

    cmdname = optind < argc ? argv[optind] : NULL;
    first = optind < argc ? optind + 1 : argc;
    if (!cmdname) {
        if (help) {
            usage(prog);
            return CMD_EXIT_OK;
        }
        cmdname = "ui";
    }
    if (!(cmd = find_command(cmdname))) {
        struct esc_pool ep = ESC_POOL_INIT;

        fprintf(stderr, _("%s: unknown command '%s'\n"), prog, esc_pool_text(&ep, cmdname));
        esc_pool_clear(&ep);
        try_help(prog, NULL);
        return CMD_EXIT_ERROR;
    }
    if (help) {
        if (cmd->kind != RUN_HELP)
            command_usage(prog, cmd);
        else
            usage(prog);
        return CMD_EXIT_OK;
    }

    /* an option the command does not take would be silently ignored */
    if (given & ~(OPTS_GLOBAL | cmd->opts)) {
        for (id = O_GROUP; id < O_COUNT; id++)
            if (given & ~(OPTS_GLOBAL | cmd->opts) & OPT(id))
                break;
        fprintf(stderr, _("%s: option --%s does not apply to '%s'\n"), prog,
                opt_table[id].name, cmd->name);
        try_help(prog, cmd);
        return CMD_EXIT_ERROR;
    }
    if (cmd->kind == RUN_HELP)
        return help_command(prog, argc - first, argv + first);
    if (ctx.opts.demo && (ctx.opts.sysroot || ctx.opts.uri_given)) {
        fprintf(stderr, _("%s: --demo cannot be combined with --sysroot or --connect\n"), prog);
        return CMD_EXIT_ERROR;
    }

    /* VFIOTUI_SYSROOT: the default for --sysroot, checked the same way */
    if (!ctx.opts.sysroot && !ctx.opts.demo) {
        const char *env = getenv("VFIOTUI_SYSROOT");
        int e;

        if (env && *env) {
            if ((e = sysroot_error(env))) {
                struct esc_pool ep = ESC_POOL_INIT;

                fprintf(stderr, _("%s: VFIOTUI_SYSROOT=%s: %s\n"), prog,
                        esc_pool_text(&ep, env), strerror(e));
                esc_pool_clear(&ep);
                return CMD_EXIT_ERROR;
            }
            ctx.opts.sysroot = env;
            ctx.opts.sysroot_from_env = true;
        }
    }

    ctx.warnings_in_report = cmd->judges;
    switch (cmd->kind) {
    case RUN_INTERFACE:
        ret = run_interface(&ctx, &ui, argc - first, argv + first);
        break;
    case RUN_KEYS:
        ui_print_keys();
        ret = CMD_EXIT_OK;
        break;
    case RUN_COMMAND:
    case RUN_HELP:
    default:
        ret = cmd->fn(&ctx, argc - first, argv + first);
        break;
    }
    cmd_ctx_clear(&ctx);
    session_free(ctx.session);
    return ret;
}
