/* events.h - libvirt's event loop as the program's one loop (file
 * descriptors, timers) and the connection's events: domain lifecycle,
 * devices added to or removed from a domain, node devices. */
#ifndef VFIOTUI_EVENTS_H
#define VFIOTUI_EVENTS_H

#include <stdbool.h>

struct conn;

/* ---- the loop (conn_events_init() first) ---- */

typedef void (*events_fd_cb)(int fd, bool hangup, void *opaque);
typedef void (*events_timer_cb)(void *opaque);

/* Calls @cb when @fd is readable (or hangs up).  Returns the watch's
 * id, or -1. */
int events_add_fd(int fd, events_fd_cb cb, void *opaque);
void events_remove_fd(int id);
/* Calls @cb every @ms milliseconds; -1: not now.  Returns the timer's
 * id, or -1. */
int events_add_timer(int ms, events_timer_cb cb, void *opaque);
void events_update_timer(int id, int ms);
void events_remove_timer(int id);

/* ---- the connection's events ---- */

enum events_kind {
    EVENTS_DOMAIN_LIFECYCLE,    /* defined, undefined, started, stopped... */
    EVENTS_DOMAIN_DEVICE,       /* a device added or removed */
    EVENTS_NODEDEV,             /* a node device created or deleted */
};

/* @name: the domain's or node device's name, borrowed for the call. */
typedef void (*events_cb)(enum events_kind kind, const char *name, void *opaque);

struct events_sub;

/* Subscribes to @c's domain events and, with @nodedev, its node-device
 * lifecycle events; @cb runs inside the loop.  NULL with *err set. */
struct events_sub *events_subscribe(struct conn *c, bool nodedev, events_cb cb,
                                    void *opaque, char **err);
/* Accepts NULL.  Call it before the connection is closed. */
void events_unsubscribe(struct events_sub *s);

#endif /* VFIOTUI_EVENTS_H */
