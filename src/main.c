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

typedef int (*cmd_fn)(struct cmd_ctx *ctx, int argc, char **argv);

struct command {
    const char *name;
    cmd_fn fn;
};

static const struct command commands[] = {
    { "list", cmd_list },
    { "check", cmd_check },
    { "xml", cmd_xml },
    { "write", cmd_write },
    { "attach", cmd_attach },
    { "detach", cmd_detach },
    { "domains", cmd_domains },
    { "ui", cmd_ui },
    { "keys", cmd_keys },
};

enum {
    OPT_SYSROOT = 256,
    OPT_DEMO,
    OPT_SOURCE,
    OPT_JSON,
    OPT_WHOLE_GROUPS,
    OPT_GROUP,
    OPT_UNMANAGED,
    OPT_FORCE,
    OPT_LIVE,
    OPT_CONFIG,
    OPT_DRY_RUN,
    OPT_ASCII,
    OPT_NO_DOMAINS,
    OPT_SCRIPT,
    OPT_DUMP_DIR,
    OPT_SIZE,
    OPT_DOMAIN,
};

static const struct option long_options[] = {
    { "help", no_argument, NULL, 'h' },
    { "version", no_argument, NULL, 'V' },
    { "connect", required_argument, NULL, 'c' },
    { "quiet", no_argument, NULL, 'q' },
    { "sysroot", required_argument, NULL, OPT_SYSROOT },
    { "demo", no_argument, NULL, OPT_DEMO },
    { "source", required_argument, NULL, OPT_SOURCE },
    { "json", no_argument, NULL, OPT_JSON },
    { "whole-groups", no_argument, NULL, OPT_WHOLE_GROUPS },
    { "group", required_argument, NULL, OPT_GROUP },
    { "unmanaged", no_argument, NULL, OPT_UNMANAGED },
    { "force", no_argument, NULL, OPT_FORCE },
    { "live", no_argument, NULL, OPT_LIVE },
    { "config", no_argument, NULL, OPT_CONFIG },
    { "dry-run", no_argument, NULL, OPT_DRY_RUN },
    { "ascii", no_argument, NULL, OPT_ASCII },
    { "no-domains", no_argument, NULL, OPT_NO_DOMAINS },
    { "script", required_argument, NULL, OPT_SCRIPT },
    { "dump-dir", required_argument, NULL, OPT_DUMP_DIR },
    { "size", required_argument, NULL, OPT_SIZE },
    { "domain", required_argument, NULL, OPT_DOMAIN },
    { NULL, 0, NULL, 0 },
};

static void
usage(const char *prog)
{
    printf(_("Usage: %s [OPTION]... [COMMAND [ARG]...]\n"), prog);
    fputs(_("See and check a host's IOMMU groups, choose PCI devices for VFIO\n"
            "passthrough, and write or attach the libvirt <hostdev> XML.\n"
            "With no COMMAND, open the full-screen interface.\n"), stdout);
    fputs(_("\nCommands:\n"
            "  list                       show IOMMU groups and their devices\n"
            "  check ADDRESS...           judge a selection: can it go to a guest?\n"
            "  xml ADDRESS...             print <hostdev> XML for the selection\n"
            "  write FILE ADDRESS...      add the hostdevs to a domain XML file\n"
            "  attach DOMAIN ADDRESS...   add the hostdevs to a libvirt domain\n"
            "  detach DOMAIN ADDRESS...   remove them again\n"
            "  domains                    list libvirt domains and their hostdevs\n"
            "  ui                         the full-screen interface (the default)\n"
            "  keys                       list the interface's keys\n"), stdout);
    fputs(_("\nAddresses are 0000:01:00.0, 01:00.0 or pci_0000_01_00_0.\n"
            "A DOMAIN is a name, a UUID or an ID, as for virsh.\n"), stdout);
    fputs(_("\nHost and connection:\n"
            "      --demo                 use the built-in demo host and guests\n"
            "      --sysroot DIR          read DIR/sys and DIR/proc instead of /\n"
            "  -c, --connect URI          libvirt connection URI (as for virsh)\n"
            "      --source sysfs|libvirt read devices from sysfs or from libvirt's\n"
            "                             node devices (default: sysfs when local)\n"
            "      --no-domains           do not contact libvirt for domains\n"), stdout);
    fputs(_("\nSelection and output:\n"
            "      --group N              select the endpoints of IOMMU group N\n"
            "      --whole-groups         widen the selection to whole groups\n"
            "      --domain DOMAIN        check: judge the selection against what\n"
            "                             DOMAIN (a name, UUID or ID) already holds\n"
            "      --json                 machine-readable output (list, check, domains)\n"
            "      --unmanaged            write managed=\"no\" hostdevs\n"
            "      --force                act even when checks report errors\n"
            "      --config               change the persistent definition (default)\n"
            "      --live                 change the running guest\n"
            "      --dry-run              print what would be sent; change nothing\n"
            "      --ascii                ASCII line drawing in the interface\n"
            "      --script FILE          run the interface headless on a key script\n"
            "      --dump-dir DIR         where the script's screen dumps go\n"
            "      --size COLSxLINES      the headless screen size (default 80x24)\n"
            "  -q, --quiet                no warnings or notes on stderr\n"
            "  -h, --help                 display this help and exit\n"
            "  -V, --version              output version information and exit\n"), stdout);
    fputs(_("\nExit status: 0 if all is well, 1 if the command found problems,\n"
            "2 for usage or system errors.\n"), stdout);
    printf(_("\nReport bugs to: %s\n"), PACKAGE_BUGREPORT);
    printf(_("%s home page: <%s>\n"), PACKAGE_NAME, PACKAGE_URL);
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

static void
try_help(const char *prog)
{
    fprintf(stderr, _("Try '%s --help' for more information.\n"), prog);
}

int
main(int argc, char **argv)
{
    struct cmd_ctx ctx;
    const char *prog = argv[0];
    const char *slash;
    const char *cmdname;
    size_t i;
    int c, ret;

    /* A daemon that goes away mid-call must give an error from libvirt,
     * not kill the program (and leave the terminal raw). */
    signal(SIGPIPE, SIG_IGN);
    setlocale(LC_ALL, "");
    bindtextdomain(PACKAGE, LOCALEDIR);
    textdomain(PACKAGE);

    if ((slash = strrchr(prog, '/')))
        prog = slash + 1;
    memset(&ctx, 0, sizeof(ctx));
    ctx.progname = prog;
    ctx.group = MODEL_NONE;

    while ((c = getopt_long(argc, argv, "hVc:q", long_options, NULL)) != -1) {
        char *end;
        long n;

        switch (c) {
        case 'h':
            usage(prog);
            return CMD_EXIT_OK;
        case 'V':
            version();
            return CMD_EXIT_OK;
        case 'c':
            ctx.uri = optarg;
            ctx.uri_given = true;
            break;
        case 'q':
            ctx.quiet = true;
            break;
        case OPT_SYSROOT: {
            struct stat st;
            int e;

            /* "" would mean "/" further down: the real host, silently */
            if (!*optarg) {
                fprintf(stderr, _("%s: --sysroot needs a directory\n"), prog);
                try_help(prog);
                return CMD_EXIT_ERROR;
            }
            if ((e = stat(optarg, &st) < 0 ? errno : S_ISDIR(st.st_mode) ? 0 : ENOTDIR)) {
                struct esc_pool ep = ESC_POOL_INIT;

                fprintf(stderr, _("%s: --sysroot %s: %s\n"), prog,
                        esc_pool_text(&ep, optarg), strerror(e));
                esc_pool_clear(&ep);
                return CMD_EXIT_ERROR;
            }
            ctx.sysroot = optarg;
            break;
        }
        case OPT_DEMO:
            ctx.demo = true;
            break;
        case OPT_SOURCE:
            if (strcmp(optarg, "sysfs") == 0) {
                ctx.source = CMD_SOURCE_SYSFS;
            } else if (strcmp(optarg, "libvirt") == 0) {
                ctx.source = CMD_SOURCE_LIBVIRT;
            } else {
                struct esc_pool ep = ESC_POOL_INIT;

                fprintf(stderr, _("%s: --source must be 'sysfs' or 'libvirt', not '%s'\n"),
                        prog, esc_pool_text(&ep, optarg));
                esc_pool_clear(&ep);
                try_help(prog);
                return CMD_EXIT_ERROR;
            }
            break;
        case OPT_JSON:
            ctx.json = true;
            break;
        case OPT_WHOLE_GROUPS:
            ctx.whole_groups = true;
            break;
        case OPT_GROUP:
            n = strtol(optarg, &end, 10);
            if (!*optarg || *end || n < 0 || n > 1000000) {
                struct esc_pool ep = ESC_POOL_INIT;

                fprintf(stderr, _("%s: --group needs a group number, not '%s'\n"),
                        prog, esc_pool_text(&ep, optarg));
                esc_pool_clear(&ep);
                try_help(prog);
                return CMD_EXIT_ERROR;
            }
            ctx.group = (int)n;
            break;
        case OPT_UNMANAGED:
            ctx.unmanaged = true;
            break;
        case OPT_FORCE:
            ctx.force = true;
            break;
        case OPT_LIVE:
            ctx.live = true;
            break;
        case OPT_CONFIG:
            ctx.config = true;
            break;
        case OPT_DRY_RUN:
            ctx.dry_run = true;
            break;
        case OPT_ASCII:
            ctx.ascii = true;
            break;
        case OPT_DOMAIN:
            ctx.domain = optarg;
            break;
        case OPT_NO_DOMAINS:
            ctx.no_domains = true;
            break;
        case OPT_SCRIPT:
            ctx.script = optarg;
            break;
        case OPT_DUMP_DIR:
            ctx.dump_dir = optarg;
            break;
        case OPT_SIZE:
            if (sscanf(optarg, "%dx%d", &ctx.cols, &ctx.lines) != 2 ||
                ctx.cols < 1 || ctx.lines < 1 || ctx.cols > 1000 || ctx.lines > 1000) {
                struct esc_pool ep = ESC_POOL_INIT;

                fprintf(stderr, _("%s: --size needs COLSxLINES, such as 80x24, not '%s'\n"),
                        prog, esc_pool_text(&ep, optarg));
                esc_pool_clear(&ep);
                try_help(prog);
                return CMD_EXIT_ERROR;
            }
            break;
        default:
            try_help(prog);
            return CMD_EXIT_ERROR;
        }
    }

    if (ctx.demo && (ctx.sysroot || ctx.uri_given)) {
        fprintf(stderr, _("%s: --demo cannot be combined with --sysroot or --connect\n"), prog);
        return CMD_EXIT_ERROR;
    }

    cmdname = optind < argc ? argv[optind] : "ui";
    ret = -1;
    for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++) {
        if (strcmp(commands[i].name, cmdname) == 0) {
            int first = optind < argc ? optind + 1 : argc;

            ret = commands[i].fn(&ctx, argc - first, argv + first);
            break;
        }
    }
    if (ret < 0) {
        struct esc_pool ep = ESC_POOL_INIT;

        fprintf(stderr, _("%s: unknown command '%s'\n"), prog, esc_pool_text(&ep, cmdname));
        esc_pool_clear(&ep);
        try_help(prog);
        ret = CMD_EXIT_ERROR;
    }
    cmd_ctx_clear(&ctx);
    return ret;
}
