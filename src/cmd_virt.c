/* cmd_virt.c - the commands that talk to libvirt: attach, detach,
 * domains, and finding a target domain. */
#include <config.h>

#include "cmd.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "esc.h"
#include "i18n.h"
#include "jsonout.h"
#include "output.h"
#include "rules.h"
#include "virt/conn.h"
#include "virt/hostdev.h"
#include "virt/nodedev.h"

static void
print_report(const struct conn_report *rep, FILE *f)
{
    size_t i;

    for (i = 0; i < rep->n; i++) {
        const struct conn_step *s = &rep->steps[i];

        struct esc_pool ep = ESC_POOL_INIT;

        fprintf(f, "%s %s%s%s%s%s\n", s->ok ? _("ok:    ") : _("FAILED:"),
                esc_pool_text(&ep, s->what), s->addr[0] ? " " : "", s->addr,
                s->msg ? ": " : "", s->msg ? esc_pool_text(&ep, s->msg) : "");
        esc_pool_clear(&ep);
    }
}

int
cmd_target(struct cmd_ctx *ctx, const char *which)
{
    char *err = NULL;
    int rc;

    free(ctx->target);
    ctx->target = NULL;
    if (!ctx->conn) {
        cmd_error(ctx, _("domain '%s' cannot be looked up without a libvirt connection: %s"),
                  which, session_conn_error(ctx->session) ? session_conn_error(ctx->session) :
                  ctx->opts.no_domains ? _("--no-domains was given") :
                  _("the local libvirt does not describe a --sysroot tree; give -c URI"));
        return CMD_EXIT_ERROR;
    }
    rc = conn_domain_lookup(ctx->conn, which, &ctx->target, &err);
    if (rc != 0)
        cmd_error(ctx, "%s", err ? err : "?");
    free(err);
    return rc == 0 ? CMD_EXIT_OK : CMD_EXIT_ERROR;
}

/* A well-formed address that is no device of this host, but that
 * domain @di still has a hostdev for (a VF gone after a reboot). */
static bool
stale_addr(const struct model_host *h, int di, const char *addr, struct bdf *out)
{
    size_t k;

    if (di < 0 || bdf_parse(addr, out) < 0)
        return false;
    for (k = 0; k < h->domains[di].n_stale; k++)
        if (bdf_equal(&h->domains[di].stale[k].addr, out))
            return true;
    return false;
}

static int
change(struct cmd_ctx *ctx, int argc, char **argv, bool attach)
{
    struct model_sel *sel = NULL;
    struct rules_report *rep = NULL;
    struct rules_opts ro = { 0 };
    struct conn_report cr;
    struct bdf *addrs = NULL, *stale = NULL;
    struct hostdev_mdev *mdevs = NULL;
    size_t n = 0, n_stale = 0, n_unknown = 0, n_held = 0, n_m = 0, k;
    unsigned int flags = 0;
    bool live, config;
    sigset_t sigold;
    char *err = NULL;
    const char *dom;
    int ret, di;

    memset(&cr, 0, sizeof(cr));
    if (argc < 1) {
        cmd_error(ctx, _("%s needs a domain and at least one device"), attach ? "attach" : "detach");
        return CMD_EXIT_ERROR;
    }
    if ((ret = cmd_load(ctx, false, false)) != CMD_EXIT_OK)
        return ret;
    if ((ret = cmd_connect(ctx, false)) != CMD_EXIT_OK)
        return ret;
    /* the domain first: a missing one is reported (exit 2) before the
     * selection is judged, and the selection is judged against it */
    if ((ret = cmd_target(ctx, argv[0])) != CMD_EXIT_OK)
        return ret;
    dom = ctx->target;
    di = model_find_domain(ctx->host, dom);
    ctx->takes_mdevs = true;
    if ((ret = cmd_selection(ctx, argc - 1, argv + 1, &sel)) != CMD_EXIT_OK)
        return ret;
    if (attach && ctx->whole_groups)
        output_widened(ctx->host, ctx->widened, ctx->n_widened, stdout);
    cmd_target_mode(ctx, &live, &config);
    flags = (live ? CONN_LIVE : 0) | (config ? CONN_CONFIG : 0);

    if (attach) {
        ro.live = live;
        ro.config = config;
        ro.domain = dom;
        if (!(rep = rules_check(ctx->host, sel, &ro))) {
            ret = CMD_EXIT_ERROR;
            goto cleanup;
        }
        cmd_report(ctx, rep);
    }
    /* --force overrides findings, never an address that is not there:
     * attaching the rest would be a partial success.  Detach takes an
     * address the domain holds even when the host no longer has it. */
    if (!attach && sel->n_unknown &&
        !(stale = calloc(sel->n_unknown, sizeof(*stale)))) {
        ret = CMD_EXIT_ERROR;
        goto cleanup;
    }
    for (k = 0; k < sel->n_unknown; k++) {
        if (!attach && stale_addr(ctx->host, di, sel->unknown[k], &stale[n_stale])) {
            n_stale++;
            continue;
        }
        n_unknown++;
        if (attach)
            cmd_error(ctx, _("%s is not a PCI device on this host"), sel->unknown[k]);
        else
            cmd_error(ctx, _("%s is not a PCI device on this host, nor a hostdev of '%s'"),
                      sel->unknown[k], dom);
    }
    if (n_unknown) {
        if (attach)
            cmd_error(ctx, _("nothing was attached to '%s': every address must exist (--force does not change that)"), dom);
        else
            cmd_error(ctx, _("nothing was detached from '%s': every address must exist"), dom);
        ret = attach ? CMD_EXIT_PROBLEMS : CMD_EXIT_ERROR;
        goto cleanup;
    }
    if (rep && rep->n_errors) {
        if (!ctx->force) {
            cmd_error(ctx, _("not attaching to '%s': the checks found errors (--force overrides)"), dom);
            ret = CMD_EXIT_PROBLEMS;
            goto cleanup;
        }
        cmd_error(ctx, _("--force: going on despite the errors above"));
    }
    if (!(addrs = calloc(ctx->host->n_devs + n_stale + 1, sizeof(*addrs)))) {
        ret = CMD_EXIT_ERROR;
        goto cleanup;
    }
    for (k = 0; k < ctx->host->n_devs && k < sel->n_devs; k++) {
        if (!sel->marked[k])
            continue;
        /* what the domain already has is left as it is (in-target-domain) */
        if (attach && model_dom_holds(ctx->host, k, dom, live, config)) {
            n_held++;
            continue;
        }
        addrs[n++] = ctx->host->devs[k].addr;
    }
    for (k = 0; k < n_stale; k++)
        addrs[n++] = stale[k];
    /* the mdevs go after the PCI devices, in the same change */
    if (!(mdevs = calloc(ctx->host->n_mdevs + 1, sizeof(*mdevs)))) {
        ret = CMD_EXIT_ERROR;
        goto cleanup;
    }
    {
        struct hostdev_mdev *all = NULL;
        size_t n_all = hostdev_sel_mdevs(ctx->host, sel, &all), j;

        for (j = 0; j < n_all; j++) {
            int mi = model_find_mdev(ctx->host, all[j].uuid);
            const struct model_mdev *md = mi >= 0 ? &ctx->host->mdevs[mi] : NULL;
            bool held = false;

            for (k = 0; attach && md && k < md->n_uses; k++)
                held |= di >= 0 && md->uses[k].domain == (size_t)di &&
                        (!live || md->uses[k].live) && (!config || md->uses[k].config);
            if (held)
                n_held++;
            else
                mdevs[n_m++] = all[j];
        }
        free(all);
    }
    if (n == 0 && n_m == 0 && n_held) {
        /* all of them: libvirt would refuse each; conn says which */
        n_held = 0;
        for (k = 0; k < ctx->host->n_devs && k < sel->n_devs; k++)
            if (sel->marked[k])
                addrs[n++] = ctx->host->devs[k].addr;
        free(mdevs);
        n_m = hostdev_sel_mdevs(ctx->host, sel, &mdevs);
    }
    if (n == 0 && n_m == 0) {
        cmd_error(ctx, _("no device selected"));
        ret = CMD_EXIT_ERROR;
        goto cleanup;
    }
    /* Ctrl-C between two devices must not leave half a change: the
     * signal waits until the change or its rollback is complete */
    session_signals_hold(true, &sigold);
    ret = attach ? conn_attach_all(ctx->conn, dom, addrs, n, mdevs, n_m, flags, !ctx->unmanaged,
                                   ctx->dry_run, &cr, &err)
                 : conn_detach_all(ctx->conn, dom, addrs, n, mdevs, n_m, flags, ctx->dry_run,
                                   &cr, &err);
    n += n_m;
    session_signals_hold(false, &sigold);
    if (ctx->dry_run && ret == 0) {
        char *shown = esc_xml(cr.sent ? cr.sent : "");

        /* the domain's own XML: names may hold C1 or bidi controls */
        fputs(shown ? shown : "", stdout);
        free(shown);
        printf(_("# dry run: nothing was changed\n"));
    } else {
        print_report(&cr, stdout);
    }
    if (ret != 0) {
        cmd_error(ctx, "%s", err ? err : "?");
        if (cr.n)
            cmd_error(ctx, cr.changed ? _("WARNING: the rollback did not complete; check the domain")
                                      : _("nothing stayed changed"));
        ret = ret == 1 ? CMD_EXIT_PROBLEMS : CMD_EXIT_ERROR;
        goto cleanup;
    }
    if (!ctx->dry_run) {
        struct esc_pool ep = ESC_POOL_INIT;

        if (attach && n_held)
            printf(ngettext("attached %zu device to %s; devices it already had, left as they were: %zu\n",
                            "attached %zu devices to %s; devices it already had, left as they were: %zu\n", n),
                   n, esc_pool_text(&ep, dom), n_held);
        else if (attach)
            printf(ngettext("attached %zu device to %s\n", "attached %zu devices to %s\n", n),
                   n, esc_pool_text(&ep, dom));
        else
            printf(ngettext("detached %zu device from %s\n", "detached %zu devices from %s\n", n),
                   n, esc_pool_text(&ep, dom));
        esc_pool_clear(&ep);
    }
    /* libvirt says nothing about when a persistent change applies */
    if (!ctx->opts.quiet && config && !live && di >= 0 &&
        (ctx->host->domains[di].state == MODEL_DOM_RUNNING ||
         ctx->host->domains[di].state == MODEL_DOM_PAUSED))
        cmd_error(ctx, _("note: '%s' is running: the change is in its persistent definition and takes effect when the guest is next shut down and started (a reboot from inside the guest is not enough); --live changes the running guest"),
                  dom);

 cleanup:
    free(err);
    free(addrs);
    free(mdevs);
    free(stale);
    conn_report_clear(&cr);
    rules_report_free(rep);
    model_sel_free(sel);
    return ret;
}

int
cmd_attach(struct cmd_ctx *ctx, int argc, char **argv)
{
    return change(ctx, argc, argv, true);
}

int
cmd_detach(struct cmd_ctx *ctx, int argc, char **argv)
{
    return change(ctx, argc, argv, false);
}

/* One hostdev line of `domains`: @d is the host's device, or NULL for
 * a stale hostdev (no device of this host has the address). */
static void
domains_hostdev(const char *addr, const struct model_dev *d, bool live, bool config,
                json_object *dom)
{
    if (dom) {
        jsonout_domain_hostdev(dom, addr, d != NULL, live, config);
    } else {
        struct esc_pool ep = ESC_POOL_INIT;

        printf("\t%s %s%s%s\n", addr,
               !d ? _("(not on this host: stale)") :
               d->device_name ? esc_pool_text(&ep, d->device_name) : "",
               live ? " [live]" : "", config ? " [config]" : "");
        esc_pool_clear(&ep);
    }
}

/* domains --names: the names alone, in one round trip; the host is not
 * read (the demo's guests need its tree, which is local and quick). */
static int
domains_names(struct cmd_ctx *ctx)
{
    char **names = NULL;
    char *err = NULL;
    size_t i, n = 0;
    int ret;

    if (ctx->opts.demo)
        ret = cmd_load(ctx, false, true);
    else if (!(ctx->session = session_new(&ctx->opts)))
        ret = CMD_EXIT_ERROR;
    else
        ret = CMD_EXIT_OK;
    if (ret != CMD_EXIT_OK || (ret = cmd_connect(ctx, true)) != CMD_EXIT_OK)
        return ret;
    if (conn_domain_names(ctx->conn, &names, &n, &err) < 0) {
        cmd_error(ctx, "%s", err ? err : "?");
        free(err);
        return CMD_EXIT_ERROR;
    }
    for (i = 0; i < n; i++) {
        struct esc_pool ep = ESC_POOL_INIT;

        printf("%s\n", esc_pool_text(&ep, names[i]));
        esc_pool_clear(&ep);
        free(names[i]);
    }
    free(names);
    if (fflush(stdout) != 0 || ferror(stdout)) {
        cmd_error(ctx, _("write error: %s"), strerror(errno));
        return CMD_EXIT_ERROR;
    }
    return CMD_EXIT_OK;
}

int
cmd_domains(struct cmd_ctx *ctx, int argc, char **argv)
{
    const struct model_host *h;
    struct jsonout js;
    size_t i, j, k, s;
    int ret;

    if (argc > 0) {
        cmd_error(ctx, _("domains takes no arguments (got '%s')"), argv[0]);
        return CMD_EXIT_ERROR;
    }
    if (ctx->names && ctx->json) {
        cmd_error(ctx, _("--json and --names exclude each other"));
        return CMD_EXIT_ERROR;
    }
    if (ctx->names)
        return domains_names(ctx);
    if ((ret = cmd_load(ctx, false, true)) != CMD_EXIT_OK)
        return ret;
    if ((ret = cmd_connect(ctx, true)) != CMD_EXIT_OK)
        return ret;
    h = ctx->host;
    if (ctx->json) {
        jsonout_begin(&js, stdout);
        jsonout_open(&js, "domains", '[');
    }
    for (i = 0; i < h->n_domains; i++) {
        const struct model_domain *dm = &h->domains[i];
        json_object *o = NULL;

        if (ctx->json) {
            o = jsonout_domain_new(dm);
        } else {
            struct esc_pool ep = ESC_POOL_INIT;

            printf("%s (%s)\n", esc_pool_text(&ep, dm->name), model_dom_state_str(dm->state));
            esc_pool_clear(&ep);
        }
        /* the host's devices and the stale hostdevs, in address order */
        s = 0;
        for (j = 0; j < h->n_devs; j++) {
            for (k = 0; k < h->devs[j].n_uses; k++) {
                const struct model_use *u = &h->devs[j].uses[k];

                if (u->domain != i)
                    continue;
                for (; s < dm->n_stale && bdf_cmp(&dm->stale[s].addr, &h->devs[j].addr) < 0; s++)
                    domains_hostdev(dm->stale[s].addr_str, NULL, dm->stale[s].live,
                                    dm->stale[s].config, o);
                domains_hostdev(h->devs[j].addr_str, &h->devs[j], u->live, u->config, o);
            }
        }
        for (; s < dm->n_stale; s++)
            domains_hostdev(dm->stale[s].addr_str, NULL, dm->stale[s].live,
                            dm->stale[s].config, o);
        if (o)
            jsonout_add(&js, NULL, o);
    }
    if (ctx->json && jsonout_end(&js) < 0) {
        cmd_error(ctx, _("write error: %s"), strerror(errno));
        return CMD_EXIT_ERROR;
    }
    return CMD_EXIT_OK;
}
