/* cli.h - the command line's one table: every option and command, for
 * getopt, --help, each command's help and the check that an option
 * applies to its command.  main.c parses with it; cli.c prints help. */
#ifndef VFIOTUI_CLI_H
#define VFIOTUI_CLI_H

#include <getopt.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cmd.h"

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

#define OPT(id) ((uint64_t)1 << (id))
/* Options every command takes. */
#define OPTS_GLOBAL (OPT(O_GROUP) - 1)

struct opt_info {
    const char *name;
    int has_arg;
    char short_name;            /* or 0 */
    const char *arg;            /* the argument's name, or NULL */
    const char *help;           /* N_(); lines after the first are indented */
};

struct command {
    const char *name;
    enum run_kind kind;
    cmd_fn fn;                  /* RUN_COMMAND's */
    const char *args;           /* N_(), or "" */
    const char *summary;        /* N_() */
    uint64_t opts;          /* OPT() bits beyond OPTS_GLOBAL */
    bool judges;                /* runs the checks, which carry the
                                 * host's warnings as findings */
};

#define OPTS_SELECT (OPT(O_GROUP) | OPT(O_WHOLE_GROUPS))
#define OPTS_UI (OPT(O_ASCII) | OPT(O_SCRIPT) | OPT(O_DUMP_DIR) | OPT(O_SIZE) | \
                 OPT(O_UNMANAGED))


extern const struct opt_info opt_table[O_COUNT];
extern const struct command commands[];
extern const size_t n_commands;

const struct command *find_command(const char *name);
void usage(const char *prog);
void command_usage(const char *prog, const struct command *c);
void version(void);
void try_help(const char *prog, const struct command *c);
/* The "help" command: help alone is --help. */
int help_command(const char *prog, int argc, char **argv);

#endif /* VFIOTUI_CLI_H */
