/* cli.c - the option and command tables, and the help they print */
#include <config.h>

#include "cli.h"

#include <stdio.h>
#include <string.h>

#include "esc.h"
#include "i18n.h"

const struct opt_info opt_table[O_COUNT] = {
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



const struct command commands[] = {
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

const size_t n_commands = sizeof(commands) / sizeof(commands[0]);


const struct command *
find_command(const char *name)
{
    size_t i;

    for (i = 0; i < n_commands; i++)
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

    for (i = 0; i < n_commands; i++) {
        if (!(commands[i].opts & OPT(id)))
            continue;
        printf("%s%s", first ? "" : ", ", commands[i].name);
        first = false;
    }
}

void
usage(const char *prog)
{
    size_t i;
    int id;

    printf(_("Usage: %s [OPTION]... [COMMAND [ARG]...]\n"), prog);
    fputs(_("See and check a host's IOMMU groups, choose PCI devices for VFIO\n"
            "passthrough, and write or attach the libvirt <hostdev> XML.\n"
            "With no COMMAND, open the full-screen interface.\n"), stdout);
    fputs(_("\nCommands:\n"), stdout);
    for (i = 0; i < n_commands; i++)
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

void
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

void
version(void)
{
    printf("%s %s\n", PACKAGE_NAME, PACKAGE_VERSION);
    fputs(_("Copyright (C) 2026 The vfiotui authors.\n"
            "License GPLv2+: GNU GPL version 2 or later <https://gnu.org/licenses/gpl.html>.\n"
            "This is free software: you are free to change and redistribute it.\n"
            "There is NO WARRANTY, to the extent permitted by law.\n"), stdout);
}


void
try_help(const char *prog, const struct command *c)
{
    if (c)
        fprintf(stderr, _("Try '%s help %s' for more information.\n"), prog, c->name);
    else
        fprintf(stderr, _("Try '%s --help' for more information.\n"), prog);
}

/* The "help" command: help alone is --help. */
int
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