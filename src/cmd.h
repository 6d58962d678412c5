/* cmd.h - the plain commands (list, check, xml, write, attach, detach)
 * and what they share: loading the host and building a selection. */
#ifndef VFIOTUI_CMD_H
#define VFIOTUI_CMD_H

#include <signal.h>
#include <stdbool.h>
#include <stdio.h>

#include "model.h"

/* GNU-style exit statuses. */
enum {
    CMD_EXIT_OK = 0,            /* success, nothing wrong */
    CMD_EXIT_PROBLEMS = 1,      /* the command found problems (errors) */
    CMD_EXIT_ERROR = 2,         /* usage or system error */
};

enum cmd_source {
    CMD_SOURCE_AUTO = 0,        /* sysfs for local URIs, libvirt for remote */
    CMD_SOURCE_SYSFS,
    CMD_SOURCE_LIBVIRT,
};

struct conn;                    /* src/virt/conn.h */

struct cmd_ctx {
    const char *progname;
    /* global options */
    const char *sysroot;        /* --sysroot, NULL for "/" */
    bool sysroot_from_env;      /* it is VFIOTUI_SYSROOT's: no --sysroot */
    bool demo;                  /* --demo */
    const char *uri;            /* -c/--connect, NULL for libvirt's default */
    bool uri_given;
    enum cmd_source source;     /* --source */
    bool ascii;                 /* --ascii */
    bool quiet;                 /* -q */
    /* command options */
    bool json;                  /* --json */
    bool whole_groups;          /* --whole-groups */
    int group;                  /* --group N, or MODEL_NONE */
    bool unmanaged;             /* --unmanaged */
    bool force;                 /* --force */
    bool live;                  /* --live */
    bool config;                /* --config */
    bool dry_run;               /* --dry-run */
    const char *split;          /* xml --split PREFIX */
    bool no_domains;            /* --no-domains: don't contact libvirt */
    const char *domain;         /* check --domain DOM, as given */
    const char *script;         /* ui --script FILE (headless) */
    const char *dump_dir;       /* ui --dump-dir DIR */
    int cols, lines;            /* ui --size COLSxLINES */
    bool warnings_in_report;    /* the command reports the host's warnings
                                 * itself (check): cmd_load does not print them */

    /* filled by cmd_load() */
    struct model_host *host;
    struct conn *conn;          /* NULL if no connection */
    char *demo_dir;             /* temp dir while the demo tree exists */
    char *conn_error;           /* why there is no connection, or NULL */
    size_t *widened;            /* devices --whole-groups added (indices) */
    size_t n_widened;
    char *target;               /* the target domain's name (attach, detach,
                                 * check --domain), set by cmd_target() */
};

/* Makes SIGINT, SIGTERM and SIGHUP end a command as they should: the
 * demo's temp dir removed, then death by the signal (status 128+N).
 * The interface replaces them with its own while the terminal is raw. */
void cmd_signals_init(void);

/* With @hold, holds SIGINT, SIGTERM and SIGHUP back (the old mask goes
 * to *old) so that an all-or-nothing libvirt change and its rollback
 * finish before the signal ends the program; without, restores *old,
 * and a signal that came meanwhile is delivered then. */
void cmd_signals_hold(bool hold, sigset_t *old);

/* Reads the host model (sysfs, demo or libvirt node devices) into
 * ctx->host and, if @want_conn, opens the libvirt connection (read-only
 * if @readonly) and loads domains.  A failed connection is not fatal
 * for read-only commands: ctx->conn stays NULL, ctx->conn_error says
 * why, and a note goes to stderr.  Returns a CMD_EXIT_* status. */
int cmd_load(struct cmd_ctx *ctx, bool want_conn, bool readonly);

/* Rereads the host (and the domains, if connected) into ctx->host, for
 * the interface's F5.  Returns 0, or -1 with *err set (caller frees). */
int cmd_reload(struct cmd_ctx *ctx, char **err);

/* Releases everything cmd_load() acquired. */
void cmd_ctx_clear(struct cmd_ctx *ctx);

/* Builds the selection from address arguments, --group and
 * --whole-groups; with ctx->target, --whole-groups does not add what
 * that domain already holds.  Prints usage errors itself.  Returns a
 * CMD_EXIT_* status; on CMD_EXIT_OK *out is the caller's. */
int cmd_selection(struct cmd_ctx *ctx, int argc, char **argv,
                  struct model_sel **out);

struct rules_report;            /* src/core/rules.h */

/* Prints a selection's findings on stderr, for every command that acts
 * on one (xml, write, attach, detach, --dry-run): the errors always, the
 * warnings and notes unless -q, and the count line; nothing at all when
 * none of them is to be shown. */
void cmd_report(const struct cmd_ctx *ctx, const struct rules_report *rep);

/* Prints "PROG: message" to stderr (printf style). */
void cmd_error(const struct cmd_ctx *ctx, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* src/cmd_virt.c: opens ctx->conn for ctx->uri (or the demo's test
 * driver file), read-only if @readonly, and loads its domains' hostdevs
 * into ctx->host.  Returns 0, or -1 with ctx->conn_error set. */
int cmd_connect(struct cmd_ctx *ctx, bool readonly);
/* src/cmd_virt.c: opens the connection again if it is gone (or was
 * never opened), for F5.  Returns 0, or -1 with *err set. */
int cmd_reconnect(struct cmd_ctx *ctx, char **err);
/* src/cmd_virt.c: finds domain @which (a name, a UUID or an ID, as
 * virsh takes them) on ctx->conn and sets ctx->target to its name,
 * before anything is judged.  Prints the error itself.  Returns a
 * CMD_EXIT_* status (CMD_EXIT_ERROR for a missing domain). */
int cmd_target(struct cmd_ctx *ctx, const char *which);
/* The definitions a change is for: the running one with --live, the
 * persistent one with --config or when neither is given. */
void cmd_target_mode(const struct cmd_ctx *ctx, bool *live, bool *config);
/* src/cmd_virt.c: true when ctx->uri names a remote host. */
bool cmd_uri_is_remote(const struct cmd_ctx *ctx);
/* src/cmd_virt.c: builds ctx->host from libvirt node devices (needs a
 * connection).  Returns a CMD_EXIT_* status. */
int cmd_load_nodedev(struct cmd_ctx *ctx);

/* Each command takes the arguments after its name. */
int cmd_list(struct cmd_ctx *ctx, int argc, char **argv);
int cmd_check(struct cmd_ctx *ctx, int argc, char **argv);
int cmd_xml(struct cmd_ctx *ctx, int argc, char **argv);
int cmd_write(struct cmd_ctx *ctx, int argc, char **argv);
int cmd_attach(struct cmd_ctx *ctx, int argc, char **argv);
int cmd_detach(struct cmd_ctx *ctx, int argc, char **argv);
int cmd_domains(struct cmd_ctx *ctx, int argc, char **argv);
int cmd_ui(struct cmd_ctx *ctx, int argc, char **argv);
int cmd_keys(struct cmd_ctx *ctx, int argc, char **argv);
int cmd_codes(struct cmd_ctx *ctx, int argc, char **argv);     /* cmd_codes.c */

#endif /* VFIOTUI_CMD_H */
