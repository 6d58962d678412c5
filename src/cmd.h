/* cmd.h - the plain commands (list, check, xml, write, attach, detach)
 * and what they share: loading the host and building a selection. */
#ifndef VFIOTUI_CMD_H
#define VFIOTUI_CMD_H

#include <stdbool.h>
#include <stdio.h>

#include "model.h"
#include "session.h"

/* GNU-style exit statuses. */
enum {
    CMD_EXIT_OK = 0,            /* success, nothing wrong */
    CMD_EXIT_PROBLEMS = 1,      /* the command found problems (errors) */
    CMD_EXIT_ERROR = 2,         /* usage or system error */
};

struct conn;                    /* src/virt/conn.h */

struct cmd_ctx {
    struct session_opts opts;   /* the global options, for the session */
    struct session *session;    /* made and loaded by cmd_load(); main frees it */
    /* command options */
    bool json;                  /* --json */
    bool addresses;             /* list --addresses */
    bool groups;                /* list --groups */
    bool names;                 /* domains --names */
    bool whole_groups;          /* --whole-groups */
    int group;                  /* --group N, or MODEL_NONE */
    bool unmanaged;             /* --unmanaged */
    bool force;                 /* --force */
    bool live;                  /* --live */
    bool config;                /* --config */
    bool dry_run;               /* --dry-run */
    bool apply;                 /* boot --apply */
    bool undo;                  /* boot --undo */
    const char *uuid;           /* mdev create --uuid U */
    bool yes;                   /* --yes: no confirmation */
    bool takes_mdevs;           /* the command takes mdev UUIDs in its
                                 * selection (check, xml, attach, detach); cmd_selection
                                 * refuses them for the others */
    const char *split;          /* xml --split PREFIX */
    const char *domain;         /* check --domain DOM, as given */
    long count;                 /* watch --count N: stop after N changes (0: never) */
    int timeout_ms;             /* watch --timeout S, in ms (0: never) */
    bool warnings_in_report;    /* the command reports the host's warnings
                                 * itself (check): cmd_load does not print them */

    /* set by cmd_load() and cmd_connect(): the session's, borrowed (a
     * command never reads the host twice) */
    struct model_host *host;
    struct conn *conn;          /* NULL if no connection */
    size_t *widened;            /* devices --whole-groups added (indices) */
    size_t n_widened;
    char *target;               /* the target domain's name (attach, detach,
                                 * check --domain), set by cmd_target() */
};

/* Reads the host model (sysfs, demo or libvirt node devices) into the
 * session and, if @want_conn, opens the libvirt connection (read-only
 * if @readonly) and loads domains.  A failed connection is not fatal
 * for read-only commands: ctx->conn stays NULL and a note goes to
 * stderr (unless -q).  Prints the host's warnings unless -q or
 * ctx->warnings_in_report.  Returns a CMD_EXIT_* status. */
int cmd_load(struct cmd_ctx *ctx, bool want_conn, bool readonly);

/* Opens the connection if cmd_load() did not, and loads the domains.
 * Prints the error itself.  Returns a CMD_EXIT_* status. */
int cmd_connect(struct cmd_ctx *ctx, bool readonly);

/* Releases what the commands hold beside the session. */
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

/* src/cmd_virt.c: finds domain @which (a name, a UUID or an ID, as
 * virsh takes them) on ctx->conn and sets ctx->target to its name,
 * before anything is judged.  Prints the error itself.  Returns a
 * CMD_EXIT_* status (CMD_EXIT_ERROR for a missing domain). */
int cmd_target(struct cmd_ctx *ctx, const char *which);
/* The definitions a change is for: the running one with --live, the
 * persistent one with --config or when neither is given. */
void cmd_target_mode(const struct cmd_ctx *ctx, bool *live, bool *config);
/* Each command takes the arguments after its name. */
int cmd_list(struct cmd_ctx *ctx, int argc, char **argv);
int cmd_check(struct cmd_ctx *ctx, int argc, char **argv);
int cmd_xml(struct cmd_ctx *ctx, int argc, char **argv);
int cmd_write(struct cmd_ctx *ctx, int argc, char **argv);
int cmd_attach(struct cmd_ctx *ctx, int argc, char **argv);
int cmd_detach(struct cmd_ctx *ctx, int argc, char **argv);
int cmd_domains(struct cmd_ctx *ctx, int argc, char **argv);
int cmd_codes(struct cmd_ctx *ctx, int argc, char **argv);     /* cmd_codes.c */
int cmd_ready(struct cmd_ctx *ctx, int argc, char **argv);     /* cmd_prep.c */
int cmd_boot(struct cmd_ctx *ctx, int argc, char **argv);
int cmd_bind(struct cmd_ctx *ctx, int argc, char **argv);      /* cmd_bind.c */
int cmd_unbind(struct cmd_ctx *ctx, int argc, char **argv);
int cmd_mdev(struct cmd_ctx *ctx, int argc, char **argv);       /* cmd_mdev.c */
int cmd_sriov(struct cmd_ctx *ctx, int argc, char **argv);
int cmd_watch(struct cmd_ctx *ctx, int argc, char **argv);     /* cmd_watch.c */

#endif /* VFIOTUI_CMD_H */
