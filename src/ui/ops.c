/* ops.c - everything the interface asks of the session: the
 * connection's state, rescan, attach and detach, write.  With
 * ops_live.c (the event loop and the watcher's records), the only file
 * of src/ui that includes session.h; none includes the command layer,
 * virt/ or host/. */
#include <config.h>

#include "app-priv.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "i18n.h"
#include "session.h"

struct model_host *
ui_host(const struct app *a)
{
    return session_host(a->s);
}

const char *
ui_ops_uri(const struct app *a)
{
    return session_conn_uri(a->s);
}

bool
ui_ops_demo(const struct app *a)
{
    return session_is_demo(a->s);
}

bool
ui_ops_connected(const struct app *a)
{
    return session_conn_state(a->s) != SESSION_CONN_NONE;
}

const char *
ui_ops_conn_error(const struct app *a)
{
    return session_conn_error(a->s);
}

const char *
ui_ops_progname(const struct app *a)
{
    return a->o->progname;
}

/* Notices a connection that went away (libvirt's close callback, run
 * from the event loop) and says so once.  While the screen follows the
 * host, the watcher's records say it instead. */
void
ui_ops_watch_conn(struct app *a)
{
    bool lost = session_conn_state(a->s) == SESSION_CONN_LOST;

    if (a->watch)
        return;
    if (lost && !a->conn_lost)
        ui_set_status(a, true, _("connection to %s lost: %s; F5 reconnects"),
                      session_conn_uri(a->s), session_conn_error(a->s));
    a->conn_lost = lost;
}

/* Rereads the host (F5), makes the screen again for it and says how it
 * went: the marks dropped, then the counts. */
int
ui_ops_rescan(struct app *a, const struct ui_keep *k)
{
    char *msg = NULL;
    struct bdf *lost = NULL;
    size_t n_lost = 0;
    int rc = session_rescan(a->s, &msg);

    if (rc >= 0 && ui_keep_restore(a, k, &lost, &n_lost) < 0) {
        free(lost);
        free(msg);
        ui_set_status(a, true, "%s", _("out of memory"));
        return -2;
    }
    ui_keep_report_lost(a, lost, n_lost);
    free(lost);
    /* a big host whose rest could not be read was not followed yet */
    if (rc >= 0 && a->input_id >= 0)
        ui_ops_follow(a);
    if (rc < 0)
        ui_set_status(a, true, _("rescan failed: %s"), msg ? msg : "?");
    else if (rc > 0)
        ui_set_status(a, true, _("rescanned the host; %s"), msg ? msg : "?");
    else {
        char devs[64], groups[64];
        size_t nd = ui_host(a)->n_devs, ng = ui_host(a)->n_groups;

        snprintf(devs, sizeof(devs), ngettext("%zu device", "%zu devices", nd), nd);
        snprintf(groups, sizeof(groups), ngettext("%zu IOMMU group", "%zu IOMMU groups", ng), ng);
        /* TRANSLATORS: the counts of devices and of IOMMU groups */
        ui_set_status(a, false, _("rescanned: %s, %s"), devs, groups);
    }
    if (session_conn_state(a->s) == SESSION_CONN_UP)
        a->conn_lost = false;
    free(msg);
    /* the watcher compares with the host it last saw: a new one starts
     * from this host, with this connection's events */
    if (rc >= 0 && a->watch) {
        session_watch_free(a->watch);
        a->watch = NULL;
        ui_ops_follow(a);
    }
    return rc;
}

/* The marked devices' addresses, in address order (the host's). */
static struct bdf *
marked_addrs(struct app *a, size_t *n)
{
    const struct model_host *h = ui_host(a);
    struct bdf *v = calloc(h->n_devs + 1, sizeof(*v));
    size_t i;

    *n = 0;
    for (i = 0; v && i < h->n_devs && i < a->sel->n_devs; i++)
        if (a->sel->marked[i])
            v[(*n)++] = h->devs[i].addr;
    return v;
}

/* What F9 with nothing marked removes: the target's hostdevs whose
 * address is not on this host (VFs gone after a reboot), which no row
 * of the tree can mark. */
static struct bdf *
stale_addrs(struct app *a, size_t *n)
{
    int di = a->target[0] ? model_find_domain(ui_host(a), a->target) : -1;
    const struct model_domain *dm;
    struct bdf *v;
    size_t k;

    *n = 0;
    if (di < 0 || !(dm = &ui_host(a)->domains[di])->n_stale ||
        !(v = calloc(dm->n_stale, sizeof(*v))))
        return NULL;
    for (k = 0; k < dm->n_stale; k++)
        v[k] = dm->stale[k].addr;
    *n = dm->n_stale;
    return v;
}

/* What an attach sends: the marked devices the target does not hold
 * already (all of them if it holds every one: libvirt then says so). */
static struct bdf *
attach_addrs(struct app *a, size_t *n)
{
    struct model_host *h = ui_host(a);
    struct bdf *v = marked_addrs(a, n);
    size_t i, k = 0;

    if (!v || !a->target[0])
        return v;
    for (i = 0; i < h->n_devs && i < a->sel->n_devs; i++) {
        if (!a->sel->marked[i])
            continue;
        if (!model_dom_holds(h, i, a->target, a->live, a->config || !a->live))
            v[k++] = h->devs[i].addr;
    }
    if (k)
        *n = k;
    return v;
}

/* Whether a change can be sent; if not, the status line says why. */
static bool
conn_ready(struct app *a)
{
    switch (session_conn_state(a->s)) {
    case SESSION_CONN_NONE:
        ui_set_status(a, true, _("no libvirt connection: %s"),
                      session_conn_error(a->s) ? session_conn_error(a->s) : "?");
        return false;
    case SESSION_CONN_LOST:
        a->conn_lost = true;
        ui_set_status(a, true, _("connection to %s lost: %s; F5 reconnects"),
                      session_conn_uri(a->s), session_conn_error(a->s));
        return false;
    case SESSION_CONN_UP:
    default:
        return true;
    }
}

/* A selection of the one mdev of a domain-screen detach (NULL: none,
 * or no memory).  Made when needed: the host may have been read again. */
static struct model_sel *
cfm_sel(struct app *a)
{
    struct model_sel *s;

    if (!a->cfm_mdev[0] || !(s = model_sel_new(ui_host(a))))
        return NULL;
    if (model_sel_add_mdev(s, ui_host(a), a->cfm_mdev) < 0 || !model_sel_count_mdevs(s)) {
        model_sel_free(s);
        return NULL;
    }
    return s;
}

static void
open_detach(struct app *a, size_t di, const struct bdf *addrs, size_t n, const char *mdev,
            bool live, bool config)
{
    struct model_sel *ms;
    struct bdf *v;

    if (!conn_ready(a) || (n == 0 && !mdev) || di >= ui_host(a)->n_domains)
        return;
    if (!(v = calloc(n + 1, sizeof(*v)))) {
        ui_set_status(a, true, "%s", _("out of memory"));
        return;
    }
    if (n)
        memcpy(v, addrs, n * sizeof(*v));
    snprintf(a->cfm_mdev, sizeof(a->cfm_mdev), "%s", mdev ? mdev : "");
    ui_picker_choose(a, di);
    /* the definitions that hold it, as F9's confirmation shows them */
    a->live = live;
    a->config = config || !live;
    free(a->xml);
    ms = cfm_sel(a);
    a->xml = session_hostdev_xml_sel(a->s, v, n, ms, !a->o->unmanaged);
    model_sel_free(ms);
    rules_report_free(a->crep);
    a->crep = NULL;
    free(a->cfm_addrs);
    a->cfm_addrs = v;
    a->n_cfm_addrs = n;
    a->cfm_back = M_DOMAINS;
    a->detach = true;
    a->stale_only = false;
    a->scroll = 0;
    a->mode = M_CONFIRM;
}

void
ui_ops_open_detach(struct app *a, size_t di, const struct bdf *addrs, size_t n,
                   bool live, bool config)
{
    open_detach(a, di, addrs, n, NULL, live, config);
}

void
ui_ops_open_detach_mdev(struct app *a, size_t di, const char *uuid, bool live, bool config)
{
    open_detach(a, di, NULL, 0, uuid, live, config);
}

/* The confirmation's addresses when the domain screen gave them. */
static struct bdf *
cfm_addrs(struct app *a, size_t *n)
{
    struct bdf *v = calloc(a->n_cfm_addrs + 1, sizeof(*v));

    *n = 0;
    if (v && a->cfm_addrs) {
        memcpy(v, a->cfm_addrs, a->n_cfm_addrs * sizeof(*v));
        *n = a->n_cfm_addrs;
    }
    return v;
}

void
ui_ops_open_confirm(struct app *a, bool detach)
{
    struct bdf *addrs;
    size_t n;

    if (!conn_ready(a))
        return;
    free(a->cfm_addrs);
    a->cfm_addrs = NULL;
    a->n_cfm_addrs = 0;
    a->cfm_back = M_TREE;
    if (!a->target[0]) {
        ui_set_status(a, false, "%s", _("choose the target domain first"));
        a->mode = M_PICKER;
        a->pick = 0;
        return;
    }
    addrs = detach ? marked_addrs(a, &n) : attach_addrs(a, &n);
    a->stale_only = false;
    /* the marked mdevs go in the same change, after the PCI devices */
    if (n == 0 && detach && !model_sel_count_mdevs(a->sel)) {
        free(addrs);
        addrs = stale_addrs(a, &n);
        a->stale_only = n > 0;
    }
    if (n + model_sel_count_mdevs(a->sel) == 0) {
        free(addrs);
        ui_set_status(a, true, "%s", _("mark devices first (Space, or g for a whole group)"));
        return;
    }
    free(a->xml);
    a->xml = detach ? session_hostdev_xml_sel(a->s, addrs, n, a->stale_only ? NULL : a->sel,
                                              !a->o->unmanaged)
                    : session_attach_xml_sel(a->s, addrs, n, a->sel, a->target, a->live,
                                             a->config, !a->o->unmanaged);
    free(addrs);
    rules_report_free(a->crep);
    {
        struct rules_opts ro = ui_ropts(a);

        a->crep = rules_check(ui_host(a), a->sel, &ro);
    }
    a->detach = detach;
    a->scroll = 0;
    a->mode = M_CONFIRM;
}

static void
reload_domains(struct app *a)
{
    char *err = NULL;

    /* a dead connection keeps the last view; the header says so */
    if (session_reload_domains(a->s, &err) < 0) {
        ui_set_status(a, true, _("cannot reload domains: %s"), err ? err : "?");
        free(err);
    }
}

void
ui_ops_apply(struct app *a, bool force)
{
    struct session_change c = { 0 };
    struct bdf *addrs;
    size_t n, i, held;
    struct model_sel *ms;
    bool left_changed;
    char *err = NULL;
    int rc;

    if (a->sel->n_unknown && !a->cfm_addrs) {
        /* F overrides findings, never a marked device that is gone */
        ui_set_status(a, true, _("%s is no longer on this host: unmark it (or press F5) first; nothing was changed"),
                      a->sel->unknown[0]);
        a->mode = M_TREE;
        return;
    }
    if (!a->detach && a->crep && a->crep->n_errors && !force) {
        ui_set_status(a, true, "%s", _("the checks found errors: press F to override, Esc to cancel"));
        return;
    }
    addrs = a->cfm_addrs ? cfm_addrs(a, &n) : !a->detach ? attach_addrs(a, &n) :
            a->stale_only ? stale_addrs(a, &n) : marked_addrs(a, &n);
    c.domain = a->target;
    c.addrs = addrs;
    c.n = n;
    c.detach = a->detach;
    c.live = a->live;
    c.config = a->config;
    c.managed = !a->o->unmanaged;
    ms = a->cfm_addrs ? cfm_sel(a) : NULL;
    c.sel = a->cfm_addrs ? ms : a->stale_only ? NULL : a->sel;
    n += c.sel ? model_sel_count_mdevs(c.sel) : 0;
    /* the marked mdevs the domain has stay out of the change */
    held = c.sel && !c.detach ? session_mdevs_held(a->s, c.sel, c.domain, c.live, c.config) : 0;
    if (held && held < n)
        n -= held;
    else
        held = 0;
    rc = session_change(a->s, &c, &left_changed, &err);
    model_sel_free(ms);
    a->host_gen++;              /* the domains were read again: in-use badges */
    if (rc == 0 || left_changed)
        ui_live_own_change(a, a->target);
    if (rc == 0) {
        int di = model_find_domain(ui_host(a), a->target);
        bool running = di >= 0 && (ui_host(a)->domains[di].state == MODEL_DOM_RUNNING ||
                                   ui_host(a)->domains[di].state == MODEL_DOM_PAUSED);

        /* a persistent change to a running guest waits for its next start */
        if (running && !a->live && a->detach)
            ui_set_status(a, false, ngettext("detached %zu device from %s (--config: applies after its next shutdown)",
                                             "detached %zu devices from %s (--config: applies after its next shutdown)", n),
                          n, a->target);
        else if (running && !a->live)
            ui_set_status(a, false, ngettext("attached %zu device to %s (--config: applies after its next shutdown)",
                                             "attached %zu devices to %s (--config: applies after its next shutdown)", n),
                          n, a->target);
        else if (a->detach)
            ui_set_status(a, false, ngettext("detached %zu device from %s", "detached %zu devices from %s", n),
                          n, a->target);
        else
            ui_set_status(a, false, ngettext("attached %zu device to %s", "attached %zu devices to %s", n),
                          n, a->target);
        if (held)
            ui_set_status(a, false, ngettext("attached %zu device to %s; mdevs it already had, left out: %zu",
                                             "attached %zu devices to %s; mdevs it already had, left out: %zu", n),
                          n, a->target, held);
        /* a detach from the domain screen leaves the marks alone */
        for (i = 0; !a->cfm_addrs && i < ui_host(a)->n_devs; i++)
            a->sel->marked[i] = false;
        for (i = 0; !a->cfm_addrs && i < a->sel->n_mdevs; i++)
            a->sel->mdev_marked[i] = false;
    } else {
        ui_set_status(a, true, left_changed ? _("%s (WARNING: the rollback did not complete)")
                                           : _("%s (nothing was changed)"), err ? err : "?");
    }
    free(err);
    free(addrs);
    reload_domains(a);
    a->mode = a->cfm_back;
}

/* The errors a write to @path would meet: what the file already holds
 * completes its groups, as `vfiotui write` counts it (a GPU's audio
 * function added to a file that has the GPU).  A file that cannot be
 * read changes nothing here; session_save reports it. */
static size_t
write_errors(struct app *a, const char *path)
{
    struct rules_opts o = ui_ropts(a);
    struct rules_report *rep = NULL;
    struct bdf *have = NULL;
    size_t n_have = 0, n_errors = a->rep->n_errors;
    char *err = NULL;
    struct stat st;

    if (lstat(path, &st) < 0 || !S_ISREG(st.st_mode))
        goto cleanup;
    if (session_file_holds(path, &have, &n_have, &err) < 0 || n_have == 0)
        goto cleanup;
    o.file_holds = have;
    o.n_file_holds = n_have;
    if ((rep = rules_check(ui_host(a), a->sel, &o)))
        n_errors = rep->n_errors;

 cleanup:
    rules_report_free(rep);
    free(have);
    free(err);
    return n_errors;
}

void
ui_ops_write(struct app *a)
{
    struct bdf *addrs;
    size_t n;
    char *err = NULL;
    const char *path = a->input;

    a->mode = M_TREE;
    if (!path[0]) {
        ui_set_status(a, false, "%s", _("nothing written"));
        return;
    }
    addrs = marked_addrs(a, &n);
    if (n + model_sel_count_mdevs(a->sel) == 0) {
        free(addrs);
        ui_set_status(a, true, "%s", _("mark devices first"));
        return;
    }
    if (a->rep && a->rep->n_errors) {
        size_t n_errors = write_errors(a, path);

        if (n_errors) {
            free(addrs);
            ui_set_status(a, true, ngettext("not written: the checks found %zu error; fix it first, or use 'vfiotui write --force'",
                                            "not written: the checks found %zu errors; fix them first, or use 'vfiotui write --force'",
                                            n_errors), n_errors);
            return;
        }
    }
    if (session_save_sel(a->s, path, addrs, n, a->sel, !a->o->unmanaged, &err) == 0 &&
        (n += model_sel_count_mdevs(a->sel)) > 0)
        ui_set_status(a, false, ngettext("wrote %zu hostdev to %s", "wrote %zu hostdevs to %s", n), n, path);
    else
        ui_set_status(a, true, _("%s was not written: %s"), path, err ? err : "?");
    free(err);
    free(addrs);
}


/* ---- preparing the host: readiness, bind (issue 13) --------------------- */

int
ui_ops_ready(struct app *a, struct prep_facts **f, char **err)
{
    return session_ready(a->s, f, err);
}

int
ui_ops_bind(struct app *a, const struct bdf *addrs, size_t n, unsigned flags,
            void (*trace)(void *ctx, const char *line), void *ctx,
            struct ui_bind_result **res, char **err)
{
    struct session_bind_result *sr = NULL;
    struct ui_bind_result *r;
    unsigned sf = ((flags & UI_BF_UNBIND) ? SESSION_BIND_UNBIND : 0) |
                  ((flags & UI_BF_FORCE) ? SESSION_BIND_FORCE : 0) |
                  ((flags & UI_BF_DRY_RUN) ? SESSION_BIND_DRY_RUN : 0);
    size_t i;
    int rc;

    *res = NULL;
    if ((rc = session_bind(a->s, addrs, n, sf, trace, ctx, &sr, err)) < 0)
        return -1;
    if (!(r = calloc(n ? n : 1, sizeof(*r)))) {
        session_bind_results_free(sr, n);
        *err = strdup(_("out of memory"));
        return -1;
    }
    /* the strings change hands */
    for (i = 0; i < n; i++) {
        memcpy(r[i].addr, sr[i].addr, sizeof(r[i].addr));
        r[i].before = sr[i].before;
        r[i].after = sr[i].after;
        r[i].status = sr[i].status;
        r[i].msg = sr[i].msg;
        sr[i].before = sr[i].after = sr[i].msg = NULL;
    }
    session_bind_results_free(sr, n);
    *res = r;
    return rc;
}

void
ui_bind_results_free(struct ui_bind_result *r, size_t n)
{
    size_t i;

    for (i = 0; r && i < n; i++) {
        free(r[i].before);
        free(r[i].after);
        free(r[i].msg);
    }
    free(r);
}
