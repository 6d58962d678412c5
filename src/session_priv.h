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
};

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
