/* session_change.c - an all-or-nothing change of a domain's hostdevs
 * through the connection; an attach leaves out the marked mdevs the
 * domain already has, as the command line does. */
#include <config.h>

#include "session.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "session_priv.h"
#include "i18n.h"
#include "io/errmsg.h"
#include "virt/conn.h"
#include "virt/hostdev.h"

/* Whether domain @dom holds mdev @uuid in the definitions to change. */
static bool
mdev_held(const struct model_host *h, const char *uuid, const char *dom, bool live, bool config)
{
    int mi = model_find_mdev(h, uuid), di = model_find_domain(h, dom);
    size_t k;

    if (mi < 0 || di < 0)
        return false;
    if (!live && !config)
        config = true;
    for (k = 0; k < h->mdevs[mi].n_uses; k++) {
        const struct model_use *u = &h->mdevs[mi].uses[k];

        if (u->domain == (size_t)di && (!live || u->live) && (!config || u->config))
            return true;
    }
    return false;
}

static size_t
drop_held(const struct session *s, struct hostdev_mdev *m, size_t n,
                        const char *domain, bool live, bool config)
{
    size_t i, k = 0;

    for (i = 0; i < n; i++)
        if (!domain || !mdev_held(session_host(s), m[i].uuid, domain, live, config))
            m[k++] = m[i];
    return k;
}

size_t
session_mdevs_held(const struct session *s, const struct model_sel *sel, const char *domain,
                   bool live, bool config)
{
    struct hostdev_mdev *m = NULL;
    size_t n = sel ? hostdev_sel_mdevs(session_host(s), sel, &m) : 0;
    size_t kept = drop_held(s, m, n, domain, live, config);

    free(m);
    return n - kept;
}

int
session_change(struct session *s, const struct session_change *c,
               bool *left_changed, char **err)
{
    struct conn_report rep;
    struct hostdev_mdev *m = NULL;
    unsigned int flags = (c->config ? CONN_CONFIG : 0) | (c->live ? CONN_LIVE : 0);
    size_t n_m;
    int rc;

    memset(&rep, 0, sizeof(rep));
    *left_changed = false;
    if (!s->conn) {
        errmsg_set(err, "%s", s->conn_error ? s->conn_error : _("no libvirt connection"));
        return -1;
    }
    n_m = c->sel ? hostdev_sel_mdevs(session_host(s), c->sel, &m) : 0;
    /* libvirt refuses an mdev the domain has: left as it is, as the
     * command line does (unless it is all there is: libvirt says which) */
    if (!c->detach) {
        size_t kept = drop_held(s, m, n_m, c->domain, c->live, c->config);

        if (kept || c->n)
            n_m = kept;
        else if (n_m) {
            free(m);
            n_m = hostdev_sel_mdevs(session_host(s), c->sel, &m);
        }
    }
    rc = c->detach ? conn_detach_all(s->conn, c->domain, c->addrs, c->n, m, n_m, flags, false,
                                     &rep, err)
                   : conn_attach_all(s->conn, c->domain, c->addrs, c->n, m, n_m, flags,
                                     c->managed, false, &rep, err);
    free(m);
    *left_changed = rep.changed;
    conn_report_clear(&rep);
    return rc;
}

char *
session_attach_xml_sel(const struct session *s, const struct bdf *addrs, size_t n,
                       const struct model_sel *sel, const char *domain, bool live,
                       bool config, bool managed)
{
    struct hostdev_mdev *m = NULL;
    size_t n_m = sel ? hostdev_sel_mdevs(session_host(s), sel, &m) : 0, i;
    size_t kept = drop_held(s, m, n_m, domain, live, config);
    char *ret;

    /* what session_change sends: all of them if nothing else is left */
    if (kept || n)
        n_m = kept;
    else if (n_m) {
        free(m);
        n_m = hostdev_sel_mdevs(session_host(s), sel, &m);
    }
    /* the domain's own ramfb vGPU: the new ones go without, as sent */
    if (n_m && domain && s->conn && conn_domain_has_ramfb(s->conn, domain, live, config))
        for (i = 0; i < n_m; i++)
            m[i].no_ramfb = m[i].no_ramfb || m[i].display;
    ret = hostdev_xml_many_all(addrs, n, m, n_m, managed);
    free(m);
    return ret;
}
