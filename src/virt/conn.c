/* conn.c - the libvirt connection: opening it, its events, the domains
 * and the devices they use, and finding one domain.  The all-or-nothing
 * attach and detach are in change.c. */
#include <config.h>

#include "conn.h"

#include <errno.h>
#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "conn_priv.h"
#include "hostdev.h"
#include "i18n.h"
#include "pool.h"
#include "verr.h"
#include "virtload.h"
#include "io/errmsg.h"

struct conn {
    virConnectPtr vc;
    char *uri;
    int closed;                 /* 1 + virConnectCloseReason, or 0 */
};

bool
conn_uri_is_remote(const char *uri)
{
    const char *p, *end;

    if (!uri || !(p = strstr(uri, "://")))
        return false;
    p += 3;
    end = p + strcspn(p, "/?");
    if (end == p)
        return false;
    if ((size_t)(end - p) == 9 && strncmp(p, "localhost", 9) == 0)
        return false;
    return true;
}

/* Runs inside libvirt's event dispatch (or an RPC call) on this thread:
 * it only records the reason. */
static void
on_close(virConnectPtr vc, int reason, void *opaque)
{
    struct conn *c = opaque;

    (void)vc;
    c->closed = 1 + reason;
}

/* The terminal is readable: returning is all that is needed, unless
 * it hung up (then reading would spin). */
static void
on_input(int watch, int fd, int events, void *opaque)
{
    bool *hup = opaque;

    (void)fd;
    if (events & (VIR_EVENT_HANDLE_HANGUP | VIR_EVENT_HANDLE_ERROR)) {
        *hup = true;
        virEventRemoveHandle(watch);
    }
}

static void
noop_timeout(int timer, void *opaque)
{
    (void)timer;
    (void)opaque;
}

int
conn_events_init(char **err)
{
    if (virtload_open(err) < 0)
        return -1;
    if (virEventRegisterDefaultImpl() < 0) {
        errmsg_set(err, _("libvirt's event loop is not available"));
        return -1;
    }
    return 0;
}

int
conn_events_watch(int fd, int ms, bool *hup)
{
    *hup = false;
    if (virtload_open(NULL) < 0)
        return -1;
    if (virEventAddHandle(fd, VIR_EVENT_HANDLE_READABLE, on_input, hup, NULL) < 0)
        return -1;
    return virEventAddTimeout(ms, noop_timeout, NULL, NULL) < 0 ? -1 : 0;
}

int
conn_events_run(void)
{
    if (virtload_open(NULL) < 0)
        return -1;
    return virEventRunDefaultImpl() < 0 ? -1 : 0;
}

bool
conn_alive(struct conn *c)
{
    if (!c || c->closed)
        return false;
    if (virConnectIsAlive(c->vc) == 0) {
        c->closed = 1 + VIR_CONNECT_CLOSE_REASON_ERROR;
        return false;
    }
    return true;
}

const char *
conn_lost_reason(const struct conn *c)
{
    if (!c || !c->closed)
        return _("the connection is open");
    switch (c->closed - 1) {
    case VIR_CONNECT_CLOSE_REASON_EOF:
        return _("the daemon closed the connection");
    case VIR_CONNECT_CLOSE_REASON_KEEPALIVE:
        return _("the daemon stopped answering keepalives");
    case VIR_CONNECT_CLOSE_REASON_CLIENT:
        return _("closed by this program");
    case VIR_CONNECT_CLOSE_REASON_ERROR:
    default:
        return _("input/output error on the connection");
    }
}

/* Sets *err when the connection is gone; true then. */
static bool
gone(struct conn *c, char **err)
{
    if (conn_alive(c))
        return false;
    errmsg_set(err, _("connection to %s lost: %s"), c->uri, conn_lost_reason(c));
    return true;
}

struct conn *
conn_open(const char *uri, bool readonly, char **err)
{
    struct conn *c = calloc(1, sizeof(*c));
    char *actual;

    if (!c)
        return NULL;
    /* the first use of libvirt for most commands: load it now */
    if (virtload_open(err) < 0) {
        free(c);
        return NULL;
    }
    verr_silence(NULL);
    c->vc = readonly ? virConnectOpenReadOnly(uri) : virConnectOpen(uri);
    if (!c->vc) {
        const char *hint;

        /* root needs no group: only the daemon can be missing */
        if ((!uri || strcmp(uri, "qemu:///system") == 0) && geteuid() == 0)
            hint = _("is libvirtd running?");
        else if (!uri || strcmp(uri, "qemu:///system") == 0)
            hint = _("is libvirtd running, and may you use it? Try -c qemu:///session, or join the libvirt group");
        else if (conn_uri_is_remote(uri))
            hint = _("check the host name, the transport (ssh keys, TLS) and that libvirtd runs there");
        else
            hint = _("check the URI, and that the daemon for it is running");
        errmsg_set(err, _("cannot connect to %s: %s (%s)"),
                   uri ? uri : _("libvirt's default URI"), verr_last_msg(), hint);
        free(c);
        return NULL;
    }
    verr_silence(c->vc);
    /* Both need libvirt's event loop (conn_events_init); without one
     * (the plain commands) they fail harmlessly and a dead daemon shows
     * as a failed call. */
    if (virConnectRegisterCloseCallback(c->vc, on_close, c, NULL) < 0)
        virResetLastError();
    if (virConnectSetKeepAlive(c->vc, 5, 3) < 0)
        virResetLastError();
    actual = virConnectGetURI(c->vc);
    c->uri = actual ? actual : strdup(uri ? uri : "");
    return c;
}

void
conn_close(struct conn *c)
{
    if (!c)
        return;
    if (c->vc) {
        virConnectUnregisterCloseCallback(c->vc, on_close);
        virConnectClose(c->vc);
    }
    free(c->uri);
    free(c);
}

const char *
conn_uri(const struct conn *c)
{
    return c ? c->uri : NULL;
}

static enum model_dom_state
dom_state(virDomainPtr d)
{
    int state, reason;

    if (virDomainGetState(d, &state, &reason, 0) < 0)
        return MODEL_DOM_UNKNOWN;
    switch (state) {
    case VIR_DOMAIN_RUNNING:
    case VIR_DOMAIN_BLOCKED:
        return MODEL_DOM_RUNNING;
    case VIR_DOMAIN_PAUSED:
    case VIR_DOMAIN_PMSUSPENDED:
        return MODEL_DOM_PAUSED;
    case VIR_DOMAIN_SHUTOFF:
    case VIR_DOMAIN_CRASHED:
        return MODEL_DOM_SHUTOFF;
    default:
        return MODEL_DOM_OTHER;
    }
}

static int
record_uses(struct model_host *h, size_t di, const char *xml, bool live, bool config)
{
    struct bdf *addrs = NULL;
    char **others = NULL;
    size_t n = 0, i;

    if (xml && hostdev_domain_others(xml, &others, &n) == 0) {
        for (i = 0; i < n; i++) {
            model_add_other(h, di, others[i], live, config);
            free(others[i]);
        }
        free(others);
        n = 0;
    }
    if (!xml || hostdev_domain_devices(xml, &addrs, &n, NULL) < 0)
        return 0;               /* a domain we cannot parse uses nothing we know */
    for (i = 0; i < n; i++) {
        int k = model_find(h, &addrs[i]);

        if (k >= 0)
            model_add_use(h, (size_t)k, di, live, config);
        else
            model_add_stale(h, di, &addrs[i], live, config);
    }
    free(addrs);
    return 0;
}

static int
dom_name_cmp(const void *a, const void *b)
{
    const char *x = virDomainGetName(*(virDomainPtr const *)a);
    const char *y = virDomainGetName(*(virDomainPtr const *)b);

    return strcmp(x ? x : "", y ? y : "");
}

/* What libvirt says about one domain: four or five round trips, so
 * domains are read on a few threads (pool.h), each into its own slot. */
struct dom_facts {
    enum model_dom_state state;
    bool active;
    bool persistent;
    char *live_xml;
    char *config_xml;
};

struct dom_fetch {
    virDomainPtr *doms;
    struct dom_facts *facts;
};

static void
dom_fetch_one(void *opaque, size_t i)
{
    struct dom_fetch *f = opaque;
    struct dom_facts *x = &f->facts[i];
    virDomainPtr d = f->doms[i];

    x->active = virDomainIsActive(d) == 1;
    x->persistent = virDomainIsPersistent(d) == 1;
    x->state = dom_state(d);
    if (x->active)
        x->live_xml = virDomainGetXMLDesc(d, 0);
    if (x->persistent)
        x->config_xml = virDomainGetXMLDesc(d, VIR_DOMAIN_XML_INACTIVE);
}

int
conn_load_domains(struct conn *c, struct model_host *h, char **err)
{
    virDomainPtr *doms = NULL;
    struct dom_facts *facts;
    int n, i;

    model_clear_domains(h);
    if ((n = virConnectListAllDomains(c->vc, &doms, 0)) < 0) {
        if (!gone(c, err))
            errmsg_set(err, _("cannot list domains: %s"), verr_last_msg());
        return -1;
    }
    /* by name, so lists and the picker do not depend on libvirt's order */
    if (n > 1)
        qsort(doms, (size_t)n, sizeof(*doms), dom_name_cmp);
    if ((facts = calloc((size_t)n + 1, sizeof(*facts)))) {
        struct dom_fetch f = { doms, facts };

        pool_run((size_t)n, pool_jobs(), dom_fetch_one, &f);
    }
    for (i = 0; i < n; i++) {
        char uuid[VIR_UUID_STRING_BUFLEN];
        const char *name = virDomainGetName(doms[i]);
        int di = -1;

        if (virDomainGetUUIDString(doms[i], uuid) < 0)
            uuid[0] = '\0';
        if (facts)
            di = model_add_domain(h, name ? name : "?", uuid[0] ? uuid : NULL,
                                  facts[i].state, facts[i].persistent);
        if (di >= 0 && facts[i].active)
            record_uses(h, (size_t)di, facts[i].live_xml, true, false);
        if (di >= 0 && facts[i].persistent)
            record_uses(h, (size_t)di, facts[i].config_xml, false, true);
        if (facts) {
            free(facts[i].live_xml);
            free(facts[i].config_xml);
        }
        virDomainFree(doms[i]);
    }
    free(doms);
    if (!facts) {
        errmsg_set(err, _("out of memory reading the domains"));
        return -1;
    }
    free(facts);
    h->domains_known = true;
    return 0;
}

int
conn_domain_names(struct conn *c, char ***names, size_t *n_names, char **err)
{
    virDomainPtr *doms = NULL;
    char **out;
    size_t k = 0;
    int n, i;

    *names = NULL;
    *n_names = 0;
    if ((n = virConnectListAllDomains(c->vc, &doms, 0)) < 0) {
        if (!gone(c, err))
            errmsg_set(err, _("cannot list domains: %s"), verr_last_msg());
        return -1;
    }
    if (n > 1)
        qsort(doms, (size_t)n, sizeof(*doms), dom_name_cmp);
    out = calloc((size_t)n + 1, sizeof(*out));
    for (i = 0; i < n; i++) {
        const char *name = virDomainGetName(doms[i]);

        if (out && name && !(out[k++] = strdup(name))) {
            for (; k > 0; k--)
                free(out[k - 1]);
            free(out);
            out = NULL;
        }
        virDomainFree(doms[i]);
    }
    free(doms);
    if (!out) {
        errmsg_set(err, _("out of memory reading the domains"));
        return -1;
    }
    *names = out;
    *n_names = k;
    return 0;
}

/* As virsh's virshLookupDomainBy: an ID (a number >= 0, as
 * virStrToLong_i reads it), then a UUID (36 characters), then a name. */
static virDomainPtr
lookup(struct conn *c, const char *which)
{
    virDomainPtr dom = NULL;
    char *end;
    long id;

    errno = 0;
    id = strtol(which, &end, 10);
    if (*which && end != which && !*end && errno == 0 && id >= 0 && id <= INT_MAX)
        dom = virDomainLookupByID(c->vc, (int)id);
    if (!dom && strlen(which) == VIR_UUID_STRING_BUFLEN - 1)
        dom = virDomainLookupByUUIDString(c->vc, which);
    if (!dom)
        dom = virDomainLookupByName(c->vc, which);
    return dom;
}

/* NULL with *err (and *missing when libvirt has no such domain).
 * @by_name: @which is a name, as the lookup returned it (a domain may
 * be called "7" while another has the ID 7). */
virDomainPtr
conn_lookup_domain(struct conn *c, const char *which, bool by_name, bool *missing, char **err)
{
    virDomainPtr dom;
    char *why;

    *missing = false;
    if (gone(c, err))
        return NULL;
    if ((dom = by_name ? virDomainLookupByName(c->vc, which) : lookup(c, which)))
        return dom;
    /* gone() asks libvirt again, which clears the last error */
    why = strdup(verr_last_msg());
    if (!gone(c, err)) {
        errmsg_set(err, _("failed to get domain '%s': %s"), which, why ? why : "?");
        *missing = true;
    }
    free(why);
    return NULL;
}

int
conn_domain_lookup(struct conn *c, const char *which, char **name, char **err)
{
    virDomainPtr dom;
    const char *n;
    bool missing;

    *name = NULL;
    if (!(dom = conn_lookup_domain(c, which, false, &missing, err)))
        return missing ? 1 : -1;
    n = virDomainGetName(dom);
    *name = strdup(n ? n : which);
    virDomainFree(dom);
    return *name ? 0 : -1;
}

virConnectPtr
conn_handle(struct conn *c)
{
    return c->vc;
}
