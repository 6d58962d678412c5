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

#include "cmd.h"
#include "esc.h"
#include "i18n.h"
#include "session.h"
#include "ui/app.h"

/* What the command line asks of the interface (the ui command). */
struct main_ui {
    const char *script;         /* --script FILE (headless) */
    const char *dump_dir;       /* --dump-dir DIR */
    int cols, lines;            /* --size COLSxLINES */
    bool ascii;                 /* --ascii */
};

typedef int (*cmd_fn)(struct cmd_ctx *ctx, int argc, char **argv);

/* main dispatches to a command, to the interface or to help. */
enum run_kind {
    RUN_COMMAND,
    RUN_INTERFACE,
    RUN_KEYS,
    RUN_HELP,
};

/* Every option, in the order --help lists them.  One table feeds
 * getopt, --help, each command's help and the check that an option
 * applies to the command it was given with. */
enum opt_id {
    O_DEMO,
    O_SYSROOT,
    O_CONNECT,
    O_SOURCE,
    O_NO_DOMAINS,
    O_QUIET,
    O_HELP,
    O_VERSION,
    O_GROUP,                    /* the first command option */
    O_WHOLE_GROUPS,
    O_DOMAIN,
    O_JSON,
    O_ADDRESSES,
    O_GROUPS,
    O_NAMES,
    O_UNMANAGED,
    O_SPLIT,
    O_FORCE,
    O_CONFIG,
    O_LIVE,
    O_DRY_RUN,
    O_APPLY,
    O_UNDO,
    O_UUID,
    O_YES,
    O_ASCII,
    O_SCRIPT,
    O_DUMP_DIR,
    O_SIZE,
    O_MAX_CHANGES,
    O_TIMEOUT,
    O_COUNT,
};

#define OPT(id) (1u << (id))
/* Options every command takes. */
#define OPTS_GLOBAL (OPT(O_GROUP) - 1)

struct opt_info {
    const char *name;
    int has_arg;
    char short_name;            /* or 0 */
    const char *arg;            /* the argument's name, or NULL */
    const char *help;           /* N_(); lines after the first are indented */
};

static const struct opt_info opt_table[O_COUNT] = {
    [O_DEMO] = { "demo", no_argument, 0, NULL,
                 N_("use the built-in demo host and guests") },
    [O_SYSROOT] = { "sysroot", required_argument, 0, "DIR",
                    N_("read DIR/sys and DIR/proc instead of /") },
    [O_CONNECT] = { "connect", required_argument, 'c', "URI",
                    N_("libvirt connection URI (as for virsh)") },
    [O_SOURCE] = { "source", required_argument, 0, "sysfs|libvirt",
                   N_("read devices from sysfs or from libvirt's\n"
                      "node devices (default: sysfs when local)") },
    [O_NO_DOMAINS] = { "no-domains", no_argument, 0, NULL,
                       N_("do not contact libvirt for domains") },
    [O_QUIET] = { "quiet", no_argument, 'q', NULL,
                  N_("no warnings or notes, only errors") },
    [O_HELP] = { "help", no_argument, 'h', NULL,
                 N_("display this help (or the command's) and exit") },
    [O_VERSION] = { "version", no_argument, 'V', NULL,
                    N_("output version information and exit") },
    [O_GROUP] = { "group", required_argument, 0, "N",
                  N_("select the endpoints of IOMMU group N") },
    [O_WHOLE_GROUPS] = { "whole-groups", no_argument, 0, NULL,
                         N_("widen the selection to whole groups") },
    [O_DOMAIN] = { "domain", required_argument, 0, "DOMAIN",
                   N_("judge the selection against what DOMAIN\n"
                      "(a name, UUID or ID) already holds") },
    [O_JSON] = { "json", no_argument, 0, NULL,
                 N_("machine-readable output") },
    [O_ADDRESSES] = { "addresses", no_argument, 0, NULL,
                      N_("only the PCI addresses, one a line") },
    [O_GROUPS] = { "groups", no_argument, 0, NULL,
                   N_("only the IOMMU group numbers, one a line") },
    [O_NAMES] = { "names", no_argument, 0, NULL,
                  N_("only the domain names, one a line") },
    [O_UNMANAGED] = { "unmanaged", no_argument, 0, NULL,
                      N_("write managed=\"no\" hostdevs") },
    [O_SPLIT] = { "split", required_argument, 0, "PREFIX",
                  N_("write PREFIX-1.xml... one <hostdev> each") },
    [O_FORCE] = { "force", no_argument, 0, NULL,
                  N_("act even when checks report errors") },
    [O_CONFIG] = { "config", no_argument, 0, NULL,
                   N_("change the persistent definition (default)") },
    [O_LIVE] = { "live", no_argument, 0, NULL,
                 N_("change the running guest (check: judge that)") },
    [O_DRY_RUN] = { "dry-run", no_argument, 0, NULL,
                    N_("print what would be sent; change nothing") },
    [O_APPLY] = { "apply", no_argument, 0, NULL,
                  N_("write the files shown (vfiotui's own only)") },
    [O_UNDO] = { "undo", no_argument, 0, NULL,
                 N_("remove the files boot --apply wrote") },
    [O_UUID] = { "uuid", required_argument, 0, "UUID",
                 N_("the new mdev's UUID (default: a random one)") },
    [O_YES] = { "yes", no_argument, 'y', NULL,
                N_("do not ask for confirmation") },
    [O_ASCII] = { "ascii", no_argument, 0, NULL,
                  N_("ASCII line drawing in the interface") },
    [O_SCRIPT] = { "script", required_argument, 0, "FILE",
                   N_("run the interface headless on a key script") },
    [O_DUMP_DIR] = { "dump-dir", required_argument, 0, "DIR",
                     N_("where the script's screen dumps go") },
    [O_SIZE] = { "size", required_argument, 0, "COLSxLINES",
                 N_("the headless screen size (default 80x24)") },
    [O_MAX_CHANGES] = { "count", required_argument, 0, "N",
                        N_("stop after N changes") },
    [O_TIMEOUT] = { "timeout", required_argument, 0, "SECONDS",
                    N_("stop after SECONDS") },
};

struct command {
    const char *name;
    enum run_kind kind;
    cmd_fn fn;                  /* RUN_COMMAND's */
    const char *args;           /* N_(), or "" */
    const char *summary;        /* N_() */
    unsigned int opts;          /* OPT() bits beyond OPTS_GLOBAL */
    bool judges;                /* runs the checks, which carry the
                                 * host's warnings as findings */
};

#define OPTS_SELECT (OPT(O_GROUP) | OPT(O_WHOLE_GROUPS))
#define OPTS_UI (OPT(O_ASCII) | OPT(O_SCRIPT) | OPT(O_DUMP_DIR) | OPT(O_SIZE) | \
                 OPT(O_UNMANAGED))

static const struct command commands[] = {
    { "list", RUN_COMMAND, cmd_list, "", N_("show IOMMU groups and their devices"),
      OPT(O_JSON) | OPT(O_ADDRESSES) | OPT(O_GROUPS), false },
    { "check", RUN_COMMAND, cmd_check, N_("ADDRESS..."), N_("judge a selection: can it go to a guest?"),
      OPTS_SELECT | OPT(O_DOMAIN) | OPT(O_JSON) | OPT(O_LIVE), true },
    { "xml", RUN_COMMAND, cmd_xml, N_("ADDRESS..."),
      N_("print one <hostdev> or <devices> document"),
      OPTS_SELECT | OPT(O_UNMANAGED) | OPT(O_SPLIT) | OPT(O_FORCE), true },
    { "write", RUN_COMMAND, cmd_write, N_("FILE ADDRESS..."),
      N_("add the hostdevs to a domain or xml file"),
      OPTS_SELECT | OPT(O_UNMANAGED) | OPT(O_FORCE), true },
    { "attach", RUN_COMMAND, cmd_attach, N_("DOMAIN ADDRESS..."), N_("add the hostdevs to a libvirt domain"),
      OPTS_SELECT | OPT(O_UNMANAGED) | OPT(O_FORCE) | OPT(O_CONFIG) | OPT(O_LIVE) |
      OPT(O_DRY_RUN), true },
    { "detach", RUN_COMMAND, cmd_detach, N_("DOMAIN ADDRESS..."), N_("remove them again"),
      OPTS_SELECT | OPT(O_CONFIG) | OPT(O_LIVE) | OPT(O_DRY_RUN), false },
    { "domains", RUN_COMMAND, cmd_domains, "", N_("list libvirt domains and their hostdevs"),
      OPT(O_JSON) | OPT(O_NAMES), false },
    { "ready", RUN_COMMAND, cmd_ready, "", N_("report whether the host is ready for VFIO"),
      OPT(O_JSON), false },
    { "boot", RUN_COMMAND, cmd_boot, N_("ADDRESS..."),
      N_("bind devices to vfio-pci at boot: a diff, then --apply"),
      OPTS_SELECT | OPT(O_APPLY) | OPT(O_UNDO) | OPT(O_DRY_RUN) | OPT(O_FORCE), false },
    { "bind", RUN_COMMAND, cmd_bind, N_("ADDRESS..."), N_("bind devices to vfio-pci now, by address"),
      OPTS_SELECT | OPT(O_DRY_RUN) | OPT(O_FORCE), false },
    { "unbind", RUN_COMMAND, cmd_unbind, N_("ADDRESS..."),
      N_("give bound devices back to their drivers"),
      OPTS_SELECT | OPT(O_DRY_RUN), false },
    { "mdev", RUN_COMMAND, cmd_mdev, N_("create PARENT TYPE | remove UUID"),
      N_("create or remove a mediated device (vGPU)"),
      OPT(O_UUID) | OPT(O_DRY_RUN) | OPT(O_YES), false },
    { "sriov", RUN_COMMAND, cmd_sriov, N_("PF N"),
      N_("set the number of virtual functions of a PF"),
      OPT(O_DRY_RUN) | OPT(O_YES), false },
    { "ui", RUN_INTERFACE, NULL, "", N_("the full-screen interface (the default)"),
      OPTS_UI, false },
    { "keys", RUN_KEYS, NULL, "", N_("list the interface's keys"), 0, false },
    { "codes", RUN_COMMAND, cmd_codes, "", N_("list the finding codes the checks report"), OPT(O_JSON), false },
    { "watch", RUN_COMMAND, cmd_watch, "", N_("print one line per change of the host or its guests"),
      OPT(O_JSON) | OPT(O_MAX_CHANGES) | OPT(O_TIMEOUT), false },
    { "help", RUN_HELP, NULL, N_("[COMMAND]"), N_("display the help of COMMAND, or this help"),
      0, false },
};

#define N_COMMANDS (sizeof(commands) / sizeof(commands[0]))

static const struct command *
find_command(const char *name)
{
    size_t i;

    for (i = 0; i < N_COMMANDS; i++)
        if (strcmp(commands[i].name, name) == 0)
            return &commands[i];
    return NULL;
}

/* "  -c, --connect URI" padded to the help column, then the text, its
 * later lines indented to the same column. */
static void
print_option(enum opt_id id)
{
    const struct opt_info *o = &opt_table[id];
    const char *help = _(o->help);
    const char *nl;
    int w;

    w = printf("  %c%c%s--%s%s%s", o->short_name ? '-' : ' ',
               o->short_name ? o->short_name : ' ', o->short_name ? ", " : "  ",
               o->name, o->arg ? " " : "", o->arg ? o->arg : "");
    if (w < 0)
        return;
    if (w > 28) {
        putchar('\n');
        w = 0;
    }
    while ((nl = strchr(help, '\n'))) {
        printf("%*s%.*s\n", 29 - w, "", (int)(nl - help), help);
        help = nl + 1;
        w = 0;
    }
    printf("%*s%s\n", 29 - w, "", help);
}

static void
print_command(const struct command *c)
{
    int w = printf("  %s%s%s", c->name, *c->args ? " " : "", *c->args ? _(c->args) : "");

    if (w < 0)
        return;
    if (w > 28) {
        putchar('\n');
        w = 0;
    }
    printf("%*s%s\n", 29 - w, "", _(c->summary));
}

/* "--json (list, check, domains)": which commands take option @id. */
static void
print_option_commands(enum opt_id id)
{
    size_t i;
    bool first = true;

    for (i = 0; i < N_COMMANDS; i++) {
        if (!(commands[i].opts & OPT(id)))
            continue;
        printf("%s%s", first ? "" : ", ", commands[i].name);
        first = false;
    }
}

static void
usage(const char *prog)
{
    size_t i;
    int id;

    printf(_("Usage: %s [OPTION]... [COMMAND [ARG]...]\n"), prog);
    fputs(_("See and check a host's IOMMU groups, choose PCI devices for VFIO\n"
            "passthrough, and write or attach the libvirt <hostdev> XML.\n"
            "With no COMMAND, open the full-screen interface.\n"), stdout);
    fputs(_("\nCommands:\n"), stdout);
    for (i = 0; i < N_COMMANDS; i++)
        print_command(&commands[i]);
    fputs(_("\nAddresses are 0000:01:00.0, 01:00.0, 1:0.0 or pci_0000_01_00_0;\n"
            "01:00 means every function of that slot.\n"
            "A DOMAIN is a name, a UUID or an ID, as for virsh.\n"), stdout);
    fputs(_("\nOptions for every command:\n"), stdout);
    for (id = 0; id < O_GROUP; id++)
        print_option(id);
    fputs(_("\nCommand options (the commands that take each are in brackets):\n"), stdout);
    for (id = O_GROUP; id < O_COUNT; id++) {
        print_option(id);
        printf("%29s[", "");
        print_option_commands(id);
        puts("]");
    }
    printf(_("\n'%s help COMMAND' or '%s COMMAND --help' describes one command.\n"),
           prog, prog);
    fputs(_("\nExit status: 0 if all is well, 1 if the command found problems,\n"
            "2 for usage or system errors, 128+N when signal N ended it.\n"), stdout);
    printf(_("\nReport bugs to: %s\n"), PACKAGE_BUGREPORT);
    printf(_("%s home page: <%s>\n"), PACKAGE_NAME, PACKAGE_URL);
}

static void
command_usage(const char *prog, const struct command *c)
{
    int id;

    printf(_("Usage: %s [OPTION]... %s%s%s\n"), prog, c->name,
           *c->args ? " " : "", *c->args ? _(c->args) : "");
    printf("%s\n", _(c->summary));
    if (c->opts) {
        fputs(_("\nOptions:\n"), stdout);
        for (id = O_GROUP; id < O_COUNT; id++)
            if (c->opts & OPT(id))
                print_option(id);
    }
    printf(_("\nThe options of every command (--demo, --sysroot, --connect, --source,\n"
             "--no-domains, --quiet) are in '%s --help'.\n"), prog);
}

static void
version(void)
{
    printf("%s %s\n", PACKAGE_NAME, PACKAGE_VERSION);
    fputs(_("Copyright (C) 2026 The vfiotui authors.\n"
            "License GPLv2+: GNU GPL version 2 or later <https://gnu.org/licenses/gpl.html>.\n"
            "This is free software: you are free to change and redistribute it.\n"
            "There is NO WARRANTY, to the extent permitted by law.\n"), stdout);
}

/* Whether @dir can be a sysroot: 0, or an errno value. */
static int
sysroot_error(const char *dir)
{
    struct stat st;

    return stat(dir, &st) < 0 ? errno : S_ISDIR(st.st_mode) ? 0 : ENOTDIR;
}

static void
try_help(const char *prog, const struct command *c)
{
    if (c)
        fprintf(stderr, _("Try '%s help %s' for more information.\n"), prog, c->name);
    else
        fprintf(stderr, _("Try '%s --help' for more information.\n"), prog);
}

/* The "help" command: help alone is --help. */
static int
help_command(const char *prog, int argc, char **argv)
{
    const struct command *c;

    if (argc == 0) {
        usage(prog);
        return CMD_EXIT_OK;
    }
    if (argc > 1 || !(c = find_command(argv[0]))) {
        struct esc_pool ep = ESC_POOL_INIT;

        if (argc > 1)
            fprintf(stderr, _("%s: help takes one command name\n"), prog);
        else
            fprintf(stderr, _("%s: unknown command '%s'\n"), prog, esc_pool_text(&ep, argv[0]));
        esc_pool_clear(&ep);
        try_help(prog, NULL);
        return CMD_EXIT_ERROR;
    }
    command_usage(prog, c);
    return CMD_EXIT_OK;
}

static int
run_interface(struct cmd_ctx *ctx, const struct main_ui *ui, int argc, char **argv)
{
    struct ui_opts o = { 0 };
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
     * callback, keepalive); the interface runs it with its keys */
    if (!ui->script && session_events_init() < 0)
        cmd_error(ctx, _("note: no libvirt event loop; a lost connection shows only when it is used"));
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
    unsigned int given = 0;
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
