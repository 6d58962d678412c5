/* session_priv.h - the session's state and the steps of a reload, for
 * the session's own files (session_watch.c) only. */
#ifndef VFIOTUI_SESSION_PRIV_H
#define VFIOTUI_SESSION_PRIV_H

#include <stdbool.h>

#include "model.h"
#include "session.h"

struct session {
    struct session_opts o;
    struct model_host *host;
    struct conn *conn;          /* NULL if no connection */
    bool readonly;              /* how the connection was first opened */
    char *demo_dir;             /* temp dir while the demo tree exists */
    char *conn_error;           /* why there is no connection, or NULL */
    char *note;
    struct session_rest *rest;  /* the whole host being read in the
                                 * background (session_rest.c), or NULL */
    /* the readiness facts that thread read for its host, for the next
     * session_ready() while that host is still the session's */
    const struct model_host *ready_host;
    struct prep_facts *ready_facts;
    char *ready_err;
    int ready_rc;
};

/* Reads the host under @so->sysroot (sysfs_opts.first: @first).
 * 0, or -1 with *err set. */
int session_read_sysfs(const struct session_opts *so, const char *ssh_connection, size_t first,
                       struct model_host **out, char **err);

/* session_rest.c: starts reading the whole host in the background; the
 * connection waits for it (session_rest_finish).  0, or -1 if no
 * thread could start. */
int session_rest_start(struct session *s, bool want_conn, bool readonly);
/* session_rest.c: the readiness facts its thread read with the
 * session's host, handed over once (session_ready's return, *out or
 * *err), or -2 if there are none for this host (then dropped). */
int session_ready_cached(struct session *s, struct prep_facts **out, char **err);
void session_ready_drop(struct session *s);

/* Waits for the background read, if any, and frees it. */
void session_rest_stop(struct session *s);
/* Waits for the background read and hands over its host (*@host) and
 * what session_load was asked: 1; 0 if none was going; -1 if it
 * failed (*msg set). */
int session_rest_take(struct session *s, struct model_host **host, bool *want_conn, bool *readonly,
                      char **msg);

/* Whether the host is read through libvirt's node devices. */
bool session_from_libvirt(const struct session *s);

/* Opens the connection again if it is gone (or was never opened).
 * Returns 0, or -1 with *err set (caller frees). */
int session_reconnect(struct session *s, char **err);

/* session_rescan(), but the previous host goes to *old (the caller's,
 * NULL when nothing was replaced) instead of being freed, so that the
 * caller can compare the two. */
int session_rescan_keep(struct session *s, struct model_host **old, char **msg);

#endif /* VFIOTUI_SESSION_PRIV_H */
