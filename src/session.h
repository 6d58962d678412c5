/* session.h - the global options, the host they name (sysfs, libvirt
 * node devices or the demo), the libvirt connection and its domains;
 * and the few operations the interface may ask of them. */
#ifndef VFIOTUI_SESSION_H
#define VFIOTUI_SESSION_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>

#include "bdf.h"
#include "model.h"

enum session_source {
    SESSION_SOURCE_AUTO = 0,    /* sysfs for local URIs, libvirt for remote */
    SESSION_SOURCE_SYSFS,
    SESSION_SOURCE_LIBVIRT,
};

/* The options every command takes.  Strings are borrowed: they must
 * outlive the session (argv and the environment do). */
struct session_opts {
    const char *progname;
    const char *sysroot;        /* --sysroot, NULL for "/" */
    bool sysroot_from_env;      /* it is VFIOTUI_SYSROOT's: no --sysroot */
    bool demo;                  /* --demo */
    const char *uri;            /* -c/--connect, NULL for libvirt's default */
    bool uri_given;
    enum session_source source; /* --source */
    bool no_domains;            /* --no-domains: don't contact libvirt */
    bool quiet;                 /* -q: the readers print no warnings */
    bool brief;                 /* the host is read for `list`'s text only
                                 * (struct sysfs_opts) */
    size_t first;               /* the interface: a big local host is read
                                 * in part first, about this many devices
                                 * in whole IOMMU groups, and the rest in
                                 * the background (model_host.partial_of);
                                 * 0: all before session_load returns */
};

struct session;                 /* opaque */
struct conn;                    /* src/virt/conn.h, for the commands only */

/* Makes SIGINT, SIGTERM and SIGHUP end the program as they should: the
 * demo's temp dir removed, then death by the signal (status 128+N).
 * The interface replaces them with its own while the terminal is raw. */
void session_signals_init(void);

/* With @hold, holds SIGINT, SIGTERM and SIGHUP back (the old mask goes
 * to *old) so that an all-or-nothing libvirt change and its rollback
 * finish before the signal ends the program; without, restores *old,
 * and a signal that came meanwhile is delivered then. */
void session_signals_hold(bool hold, sigset_t *old);

/* A session with nothing loaded.  @o is copied.  NULL without memory. */
struct session *session_new(const struct session_opts *o);
/* Closes the connection, frees the host, removes the demo's temp dir.
 * Accepts NULL. */
void session_free(struct session *s);

/* Reads the host (sysfs, demo or libvirt node devices) and, if
 * @want_conn and libvirt describes that host, opens the connection
 * (read-only if @readonly) and loads its domains.  A failed connection
 * is not fatal for a local host: session_conn_error() says why and
 * session_note() has the sentence to show.  Returns 0, or -1 with *err
 * set (caller frees) and nothing loaded. */
int session_load(struct session *s, bool want_conn, bool readonly, char **err);

/* Opens the connection if there is none (read-only if @readonly) and
 * loads the domains into the host.  Returns 0, or -1 with *err set
 * (caller frees; session_conn_error() says the same). */
int session_connect(struct session *s, bool readonly, char **err);

/* A note about the last load or rescan that did not stop it (no
 * connection, domains missing), one translated sentence, or NULL.
 * Borrowed. */
const char *session_note(const struct session *s);

/* While the host is only the first screen's part of a big host
 * (session_opts.first, model_host.partial_of: nothing may be judged,
 * marked or sent on it), readable once the whole host is read; -1 if
 * nothing is being read (a part then stays only if that read failed:
 * session_rest_finish said so). */
int session_rest_fd(const struct session *s);
/* Waits for the whole host and puts it in place of the part (the part
 * is freed), then connects as session_load was asked to.  1: replaced;
 * 0: nothing was being read; -1: the read failed (*msg set, caller
 * frees), the part stays and session_rescan() is the way on. */
int session_rest_finish(struct session *s, char **msg);

/* The host.  Borrowed: it stays valid until session_rescan() returns
 * 0 or 1, or session_free(). */
struct model_host *session_host(const struct session *s);

/* The connection for the commands' own libvirt calls, or NULL.
 * Borrowed, as session_host(). */
struct conn *session_conn(const struct session *s);

/* ---- the operations the interface uses ------------------------------ */

/* Reads the host again as session_load() did, reopens a connection
 * that is gone, and loads the domains into the new host.  Returns 0
 * with a new host in place (the previous one is freed: rebuild what
 * was sized for it); 1 with a new host in place and *msg saying what
 * went wrong on the way (the connection, the domains); or -1 with *msg
 * set and the session as it was.  The caller frees *msg. */
int session_rescan(struct session *s, char **msg);

/* Loads the domains again into the current host, if the connection is
 * up (a dead connection keeps the last view).  Returns 0, or -1 with
 * *err set (caller frees). */
int session_reload_domains(struct session *s, char **err);

enum session_conn_state {
    SESSION_CONN_NONE,          /* never opened, or opening failed */
    SESSION_CONN_UP,
    SESSION_CONN_LOST,          /* it was open and went away */
};

enum session_conn_state session_conn_state(const struct session *s);
/* The connection's URI, or NULL without one.  Borrowed. */
const char *session_conn_uri(const struct session *s);
/* Why there is no connection (SESSION_CONN_NONE) or why it was lost,
 * or NULL.  Borrowed. */
const char *session_conn_error(const struct session *s);
bool session_is_demo(const struct session *s);

/* An all-or-nothing change of domain @domain's hostdevs. */
struct session_change {
    const char *domain;
    const struct bdf *addrs;
    size_t n;
    bool detach;                /* remove them, else add them */
    bool live, config;          /* the definitions to change */
    bool managed;               /* attach: managed="yes" */
    const struct model_sel *sel;  /* its marked mdevs go after @addrs,
                                   * in the same change (NULL: none) */
};

/* Sends @c through the connection; on any failure what was done is
 * rolled back.  Returns 0, 1 when libvirt refused (the domain's
 * fault), -1 on other errors, with *err set (caller frees) and
 * *left_changed true if the rollback did not complete. */
int session_change(struct session *s, const struct session_change *c,
                   bool *left_changed, char **err);

/* How many of @sel's marked mdevs domain @domain already holds in the
 * definitions to change: an attach (session_change) leaves them out,
 * unless nothing else is sent. */
size_t session_mdevs_held(const struct session *s, const struct model_sel *sel,
                          const char *domain, bool live, bool config);

/* The <hostdev> elements for @addrs, one after another, as a change
 * sends them (for display).  Caller frees; NULL without memory. */
char *session_hostdev_xml(const struct bdf *addrs, size_t n, bool managed);

/* The PCI addresses the domain or hostdev XML file @path already holds
 * (*have is the caller's).  Returns 0, or -1 with *err set when it
 * cannot be read or parsed. */
int session_file_holds(const char *path, struct bdf **have, size_t *n, char **err);

/* Adds hostdevs for @addrs to the XML file @path, or creates it, as
 * `vfiotui write` does (atomically, the old file kept as PATH~).
 * Returns 0, or -1 with *err set (caller frees). */
int session_save(const char *path, const struct bdf *addrs, size_t n, bool managed,
                 char **err);

/* session_mdev.c: as session_hostdev_xml and session_save, with the
 * mdevs marked in @sel (may be NULL) after @addrs: <hostdev
 * type='mdev'>, display and ramfb for a GVT-g vGPU. */
char *session_hostdev_xml_sel(const struct session *s, const struct bdf *addrs, size_t n,
                              const struct model_sel *sel, bool managed);
int session_save_sel(const struct session *s, const char *path, const struct bdf *addrs,
                     size_t n, const struct model_sel *sel, bool managed, char **err);
/* session_change.c: session_hostdev_xml_sel for an attach to @domain:
 * without the marked mdevs it holds already, as session_change sends. */
char *session_attach_xml_sel(const struct session *s, const struct bdf *addrs, size_t n,
                             const struct model_sel *sel, const char *domain, bool live,
                             bool config, bool managed);

/* libvirt's event loop, so that a dead daemon is noticed (close
 * callback, keepalive).  session_events_init() before the connection
 * is opened; then session_events_watch() has it wake on @fd (setting
 * *hup when that hangs up) or after @ms, and each
 * session_events_run() waits for and runs one round.  Each returns 0,
 * or -1 when there is no event loop; session_events_init() says why in
 * *err (caller frees), e.g. that libvirt cannot be loaded. */
int session_events_init(char **err);
int session_events_watch(int fd, int ms, bool *hup);
int session_events_run(void);

/* ---- preparing the host (src/session_prep.c) ------------------------- */

/* The local tree the host was read from (NULL for "/"), the demo's
 * included.  Borrowed. */
const char *session_sysroot(const struct session *s);
/* Whether the host was read through libvirt's node devices. */
bool session_remote(const struct session *s);

struct prep_facts;              /* src/core/prep.h */

/* The readiness facts of the loaded host: read under the sysroot, or
 * what libvirt's capabilities and node devices say of a remote host.
 * Returns 0 with *out the caller's (prep_facts_free), or -1 with *err
 * set (caller frees).  prep_ready() judges them. */
int session_ready(struct session *s, struct prep_facts **out, char **err);

/* Where bind records each device's original driver, under the sysroot:
 * driver_override does not outlive a reboot, so neither does this. */
#define SESSION_BIND_STATE "run/vfiotui/bound"

enum session_bind_flags {
    SESSION_BIND_UNBIND = 1u << 0,  /* give them back instead */
    SESSION_BIND_FORCE = 1u << 1,   /* host-critical devices too */
    SESSION_BIND_DRY_RUN = 1u << 2, /* trace every write, make none */
};

/* One device's outcome. */
struct session_bind_result {
    char addr[BDF_STRLEN];
    char *before;               /* its driver before, NULL for none */
    char *after;                /* its driver after, re-read (dry run: before) */
    int status;                 /* 0 done (or nothing to do), 1 refused, -1 failed */
    char *msg;                  /* why (translated), or NULL */
};

/* Called with each step, one translated line (a write and its value,
 * or the libvirt call), before it is made or, on a dry run, instead. */
typedef void (*session_trace_fn)(void *ctx, const char *line);

/* Binds each of @addrs to vfio-pci now (the interface's bind key and
 * `vfiotui bind`), or gives it back (SESSION_BIND_UNBIND): locally by
 * driver_override, unbind and drivers_probe, recording the original
 * driver in SESSION_BIND_STATE so that unbind restores it; for a
 * remote host through libvirt's node-device detach and reattach.
 * Host-critical devices (prep_critical) are refused without
 * SESSION_BIND_FORCE.  Each result is verified by reading the driver
 * again.  Returns 0 when all went through, 1 when one was refused or
 * failed (see *res, @n entries, free with session_bind_results_free),
 * or -1 with *err set and nothing done. */
int session_bind(struct session *s, const struct bdf *addrs, size_t n, unsigned flags,
                 session_trace_fn trace, void *ctx, struct session_bind_result **res,
                 char **err);
void session_bind_results_free(struct session_bind_result *r, size_t n);

/* session_mdev.c: mediated devices and SR-IOV, each step traced
 * before it is made (or instead, with @dry_run).  Each returns 0 when
 * done, 1 when refused (a device in use, no capacity; *err says why),
 * or -1 with *err set (bad input, a failed write or call). */
/* Creates an mdev of @type on @parent (an address) with @uuid (NULL:
 * a new random one), written to @uuid_out: through libvirt's
 * node-device define and create for a remote host, else sysfs. */
int session_mdev_create(struct session *s, const char *parent, const char *type,
                        const char *uuid, bool dry_run, session_trace_fn trace, void *ctx,
                        char uuid_out[37], char **err);
/* Removes mdev @uuid; refused while a running domain uses it: through
 * libvirt's node-device destroy and undefine where there is a
 * connection, falling back to sysfs on a local host when the
 * connection cannot (a remote host never falls back). */
int session_mdev_remove(struct session *s, const char *uuid, bool dry_run,
                        session_trace_fn trace, void *ctx, char **err);
/* Sets sriov_numvfs of PF @pf to @n; refused while a VF is in a
 * domain's definition. */
int session_sriov_set(struct session *s, const char *pf, int n, bool dry_run,
                      session_trace_fn trace, void *ctx, char **err);

/* The text of file @rel under the sysroot, or NULL: *errnum 0 when the
 * file is absent, else why it cannot be read.  Caller frees. */
char *session_read_file(struct session *s, const char *rel, int *errnum);
/* Writes @text to @rel under the sysroot atomically, the old version
 * kept as REL~ (a new file: created, directories made as needed); with
 * @text NULL removes it (kept as REL~).  Returns 0, or -1 with *err set. */
int session_write_file(struct session *s, const char *rel, const char *text, char **err);

/* Descriptors and timers of the program's own in that same loop (a
 * signal's self-pipe, a deadline): @cb runs inside session_events_run().
 * Each add returns an id for the remove, or -1. */
typedef void (*session_fd_cb)(int fd, bool hangup, void *opaque);
typedef void (*session_timer_cb)(void *opaque);
int session_events_add_fd(int fd, session_fd_cb cb, void *opaque);
void session_events_remove_fd(int id);
/* Every @ms milliseconds (-1: not now). */
int session_events_add_timer(int ms, session_timer_cb cb, void *opaque);
void session_events_remove_timer(int id);

/* ---- following the host and the guests (session_watch.c) ------------ */

/* What changed.  The names session_watch_kind_name() gives are the
 * kinds of `vfiotui watch` and its JSON (data/watch.schema.json). */
enum session_watch_kind {
    SESSION_WATCH_DEVICE_ADDED,     /* subject: the address */
    SESSION_WATCH_DEVICE_REMOVED,
    SESSION_WATCH_DRIVER_BOUND,     /* detail: the driver */
    SESSION_WATCH_DRIVER_UNBOUND,   /* detail: the driver it had */
    SESSION_WATCH_DOMAIN_DEFINED,   /* subject: the domain's name */
    SESSION_WATCH_DOMAIN_UNDEFINED,
    SESSION_WATCH_DOMAIN_STARTED,   /* detail: the addresses it holds, or NULL */
    SESSION_WATCH_DOMAIN_STOPPED,
    SESSION_WATCH_DEVICE_ATTACHED,  /* subject: the domain; detail: the address */
    SESSION_WATCH_DEVICE_DETACHED,
    SESSION_WATCH_NODEDEV_ADDED,    /* a remote host's device (libvirt source) */
    SESSION_WATCH_NODEDEV_REMOVED,
    SESSION_WATCH_CONN_LOST,        /* subject: the URI; detail: why */
    SESSION_WATCH_CONN_RECONNECTED,
    SESSION_WATCH_READ_FAILED,      /* the host could not be read again; the
                                     * previous view is kept; detail: why */
};

struct session_watch_change {
    enum session_watch_kind kind;
    long long when_ms;              /* when it was seen: ms since the epoch */
    char *subject;
    char *detail;                   /* or NULL */
    char *text;                     /* one translated sentence */
};

struct session_watch;

/* Follows the session's host and guests from now on: the host watcher
 * (udev, or inotify under --sysroot), libvirt's domain events and, for
 * a host read through libvirt, its node-device events, all in libvirt's
 * event loop (session_events_init() must have come first).  Each round
 * of session_events_run() may then have changed the model: a changed
 * host is read again (after a 20 ms settle delay, so that a burst of
 * events is one read): a device's driver alone in place, anything else
 * whole, and the old host is kept if that fails; domain events reload
 * the domains.  NULL with *err set (caller frees). */
struct session_watch *session_watch_start(struct session *s, char **err);
void session_watch_free(struct session_watch *w);   /* accepts NULL */

enum {
    SESSION_WATCH_NEW_HOST = 1,     /* session_host() is a new one: rebuild */
    SESSION_WATCH_NEW_DOMAINS = 2,  /* the domains were loaded again */
    SESSION_WATCH_DEVICES_CHANGED = 4, /* devices changed in place (a driver) */
};

/* Hands over what changed since the last call (*out is the caller's:
 * session_watch_changes_free; *n may be 0) and says what was replaced
 * (SESSION_WATCH_NEW_* bits).  Call it after each session_events_run(). */
int session_watch_take(struct session_watch *w, struct session_watch_change **out, size_t *n);
void session_watch_changes_free(struct session_watch_change *c, size_t n);

/* "device-added", "driver-bound", "domain-started"...: never translated. */
const char *session_watch_kind_name(enum session_watch_kind k);

#endif /* VFIOTUI_SESSION_H */
