/* conn.h - the libvirt connection: domains, the devices they use, and
 * all-or-nothing attach and detach. */
#ifndef VFIOTUI_CONN_H
#define VFIOTUI_CONN_H

#include <stdbool.h>
#include <stddef.h>

#include "bdf.h"
#include "model.h"

struct conn;

/* Opens @uri (NULL: libvirt's own default, as virsh resolves it).
 * Nothing is printed: libvirt's message and a hint go to *err. */
struct conn *conn_open(const char *uri, bool readonly, char **err);
void conn_close(struct conn *c);

/* libvirt's event loop, for the interface: keepalives and the close
 * callback need it.  conn_events_init() once, before conn_open(); it
 * loads libvirt (virtload.h) and sets *err when it cannot;
 * conn_events_watch() makes @fd (the terminal) and a @ms timer wake
 * conn_events_run(), which dispatches what is due and returns; *hup
 * (which must outlive the loop) becomes true when @fd hangs up.
 * Each returns 0 or -1 (then the caller just reads keys as before). */
int conn_events_init(char **err);
int conn_events_watch(int fd, int ms, bool *hup);
int conn_events_run(void);

/* False once the connection is gone (the daemon died, a keepalive
 * timed out...): libvirt's close callback or a failed liveness test. */
bool conn_alive(struct conn *c);
/* Why the connection was lost, for a person; borrowed. */
const char *conn_lost_reason(const struct conn *c);
const char *conn_uri(const struct conn *c);        /* borrowed */
/* True when the URI names another host (it has a server part). */
bool conn_uri_is_remote(const char *uri);

/* Replaces h's domains with every domain's, and records which devices
 * each uses in its live and persistent definitions.  Returns 0 or -1. */
int conn_load_domains(struct conn *c, struct model_host *h, char **err);

/* The names of every domain, sorted, and nothing else: one round trip
 * (for shell completion).  Returns 0 with *names (*n_names of them, the
 * caller frees each and the array), or -1 with *err set. */
int conn_domain_names(struct conn *c, char ***names, size_t *n_names, char **err);

/* Finds a domain as virsh does: by ID when @which is a number >= 0,
 * then by UUID, then by name.  Returns 0 with *name set to the domain's
 * name (caller frees), 1 when there is no such domain, or -1 (the
 * connection is lost...); *err says why for 1 and -1. */
int conn_domain_lookup(struct conn *c, const char *which, char **name, char **err);

enum conn_flags {
    CONN_CONFIG = 1,            /* the persistent definition */
    CONN_LIVE = 2,              /* the running guest */
};

/* One step of an attach or detach, as the report shows it. */
struct conn_step {
    char addr[40];              /* the PCI address or mdev UUID; "" for a
                                 * step about the whole domain */
    char *what;                 /* "attach (config)", "rollback (live)"... */
    bool ok;
    bool undo;                  /* a step of the rollback */
    char *msg;                  /* libvirt's message, or NULL */
};

/* How an attach or detach ended, decided from the steps' ok and undo
 * flags (never from their text). */
enum conn_outcome {
    CONN_OUTCOME_NONE = 0,      /* nothing was sent: refused, dry run, or
                                 * failed before the first change */
    CONN_OUTCOME_APPLIED,       /* every change went through */
    CONN_OUTCOME_ROLLED_BACK,   /* a change failed and everything this call
                                 * changed was undone */
    CONN_OUTCOME_ROLLBACK_FAILED, /* a change failed and an undo step failed
                                 * too: the domain may be half changed */
};

struct conn_report {
    struct conn_step *steps;
    size_t n;
    char *sent;                 /* with dry_run: exactly what would be sent */
    enum conn_outcome outcome;
    bool changed;               /* something stayed changed: APPLIED or
                                 * ROLLBACK_FAILED */
};

void conn_report_clear(struct conn_report *r);

/* Adds (or removes) hostdevs for @addrs to domain @name (a name, as
 * conn_domain_lookup() gives it), all or nothing:
 * on any failure, what this call changed is undone, and every step is in
 * @rep.  The persistent definition is saved first (inactive, with
 * secrets) and a rollback redefines exactly that, then checks that the
 * definition reads back byte for byte; live changes are undone device
 * by device.  A device the domain already has (lacks, for detach) is refused
 * before anything is sent.  With @dry_run nothing is changed and
 * rep->sent holds the XML and flags that would be sent.
 * Returns 0, 1 (refused or rolled back) or 2 (no such domain, dead
 * daemon...), with *err set for 1 and 2. */
int conn_attach(struct conn *c, const char *name, const struct bdf *addrs, size_t n,
                unsigned int flags, bool managed, bool dry_run,
                struct conn_report *rep, char **err);
int conn_detach(struct conn *c, const char *name, const struct bdf *addrs, size_t n,
                unsigned int flags, bool dry_run, struct conn_report *rep, char **err);

struct hostdev_mdev;            /* virt/hostdev.h */

/* As conn_attach and conn_detach, with @n_m mediated devices (@m)
 * after the PCI ones, in the same all-or-nothing change.  A driver
 * that cannot change the persistent definition device by device (the
 * test driver) is refused for mdevs. */
/* Whether @name's definition (live and/or config) already has a vGPU
 * with ramfb, so that new display vGPUs go without (change.c). */
bool conn_domain_has_ramfb(struct conn *c, const char *name, bool live, bool config);

int conn_attach_all(struct conn *c, const char *name, const struct bdf *addrs, size_t n,
                    const struct hostdev_mdev *m, size_t n_m, unsigned int flags,
                    bool managed, bool dry_run, struct conn_report *rep, char **err);
int conn_detach_all(struct conn *c, const char *name, const struct bdf *addrs, size_t n,
                    const struct hostdev_mdev *m, size_t n_m, unsigned int flags,
                    bool dry_run, struct conn_report *rep, char **err);

#endif /* VFIOTUI_CONN_H */
