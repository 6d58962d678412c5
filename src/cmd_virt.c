/* cmd_virt.c - the commands that talk to libvirt: connecting, the node
 * device source, attach, detach and domains. */
#include <config.h>

#include "cmd.h"

#include <errno.h>
#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "demo.h"
#include "esc.h"
#include "host/sysfs.h"
#include "i18n.h"
#include "output.h"
#include "rules.h"
#include "virt/conn.h"
#include "virt/hostdev.h"

bool
cmd_uri_is_remote(const struct cmd_ctx *ctx)
{
    const char *uri = ctx->uri ? ctx->uri : getenv("LIBVIRT_DEFAULT_URI");

    return !ctx->demo && conn_uri_is_remote(uri);
}

/* The demo's guests live in a test-driver file, which the driver reads
 * once at connect time: the installed copy, or (for a copy run from the
 * build tree or staged with DESTDIR) the embedded one written to the
 * demo's temp dir and removed at once afterwards. */
static char *
demo_uri(struct cmd_ctx *ctx)
{
    char *path = NULL, *uri = NULL;
    FILE *f;

    if (access(PKGDATADIR "/demo-libvirt.xml", R_OK) == 0) {
        if (asprintf(&uri, "test://%s", PKGDATADIR "/demo-libvirt.xml") < 0)
            uri = NULL;
        return uri;
    }

    if (!ctx->demo_dir || asprintf(&path, "%s/demo-libvirt.xml", ctx->demo_dir) < 0)
        return NULL;
    if (!(f = fopen(path, "w")) || fputs(demo_libvirt_xml, f) < 0 || fclose(f) != 0) {
        free(path);
        return NULL;
    }
    if (asprintf(&uri, "test://%s", path) < 0)
        uri = NULL;
    free(path);
    return uri;
}

int
cmd_connect(struct cmd_ctx *ctx, bool readonly)
{
    char *err = NULL;
    char *uri = NULL;

    if (ctx->conn)
        return 0;
    if (ctx->demo && !(uri = demo_uri(ctx))) {
        free(ctx->conn_error);
        ctx->conn_error = strdup(_("cannot set up the demo's guests"));
        return -1;
    }
    ctx->conn = conn_open(uri ? uri : ctx->uri, readonly, &err);
    if (uri && ctx->demo_dir) {
        char *path = NULL;

        if (asprintf(&path, "%s/demo-libvirt.xml", ctx->demo_dir) >= 0)
            unlink(path);
        free(path);
    }
    free(uri);
    if (!ctx->conn) {
        free(ctx->conn_error);
        ctx->conn_error = err;
        return -1;
    }
    if (ctx->host && conn_load_domains(ctx->conn, ctx->host, &err) < 0) {
        free(ctx->conn_error);
        ctx->conn_error = err;
        return -1;
    }
    return 0;
}

int
cmd_reconnect(struct cmd_ctx *ctx, char **err)
{
    if (ctx->conn && conn_alive(ctx->conn))
        return 0;
    conn_close(ctx->conn);
    ctx->conn = NULL;
    if (cmd_connect(ctx, false) < 0) {
        free(*err);
        *err = strdup(ctx->conn_error ? ctx->conn_error : _("cannot connect"));
        return -1;
    }
    free(ctx->conn_error);
    ctx->conn_error = NULL;
    return 0;
}

int
cmd_load_nodedev(struct cmd_ctx *ctx)
{
    char *err = NULL;

    if (!(ctx->host = nodedev_read(ctx->conn, &err))) {
        cmd_error(ctx, "%s", err ? err : _("cannot read the host's devices through libvirt"));
        free(err);
        return CMD_EXIT_ERROR;
    }
    /* An empty list is a host we could not read, not a host without
     * devices: a silent empty `list` would look like success. */
    if (ctx->host->n_devs == 0) {
        cmd_error(ctx, _("no PCI devices in libvirt's node devices for URI %s "
                         "(that driver lists none, so this host cannot be judged)"),
                  conn_uri(ctx->conn) ? conn_uri(ctx->conn) : "?");
        model_host_free(ctx->host);
        ctx->host = NULL;
        return CMD_EXIT_ERROR;
    }
    sysfs_fill_names(ctx->host);
    if (conn_load_domains(ctx->conn, ctx->host, &err) < 0) {
        cmd_error(ctx, _("note: domain information is missing: %s"), err ? err : "?");
        free(err);
    }
    return CMD_EXIT_OK;
}

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

static int
change(struct cmd_ctx *ctx, int argc, char **argv, bool attach)
{
    struct model_sel *sel = NULL;
    struct rules_report *rep = NULL;
    struct rules_opts ro = { 0 };
    struct conn_report cr;
    struct bdf *addrs = NULL;
    size_t n;
    unsigned int flags = 0;
    char *err = NULL;
    const char *dom;
    int ret;

    memset(&cr, 0, sizeof(cr));
    if (argc < 1) {
        cmd_error(ctx, _("%s needs a domain and at least one device"), attach ? "attach" : "detach");
        return CMD_EXIT_ERROR;
    }
    dom = argv[0];
    if ((ret = cmd_load(ctx, false, false)) != CMD_EXIT_OK)
        return ret;
    if (cmd_connect(ctx, false) < 0) {
        cmd_error(ctx, "%s", ctx->conn_error ? ctx->conn_error : "?");
        return CMD_EXIT_ERROR;
    }
    if ((ret = cmd_selection(ctx, argc - 1, argv + 1, &sel)) != CMD_EXIT_OK)
        return ret;
    if (attach && ctx->whole_groups)
        output_widened(ctx, stdout);
    flags = (ctx->live ? CONN_LIVE : 0) | (ctx->config ? CONN_CONFIG : 0);
    if (!flags)
        flags = CONN_CONFIG;

    if (attach) {
        ro.live = (flags & CONN_LIVE) != 0;
        ro.domain = dom;
        if (!(rep = rules_check(ctx->host, sel, &ro))) {
            ret = CMD_EXIT_ERROR;
            goto cleanup;
        }
        if (rep->n_errors)
            output_findings_text(rep, stderr);
    }
    /* --force overrides findings, never an address that is not there:
     * attaching the rest would be a partial success. */
    if (sel->n_unknown) {
        size_t k;

        for (k = 0; k < sel->n_unknown; k++)
            cmd_error(ctx, _("%s is not a PCI device on this host"), sel->unknown[k]);
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
    n = hostdev_sel_addrs(ctx->host, sel, &addrs);
    if (n == 0) {
        cmd_error(ctx, _("no device selected"));
        ret = CMD_EXIT_ERROR;
        goto cleanup;
    }
    ret = attach ? conn_attach(ctx->conn, dom, addrs, n, flags, !ctx->unmanaged,
                               ctx->dry_run, &cr, &err)
                 : conn_detach(ctx->conn, dom, addrs, n, flags, ctx->dry_run, &cr, &err);
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
    } else if (!ctx->dry_run) {
        struct esc_pool ep = ESC_POOL_INIT;

        printf(attach ? _("attached %zu device(s) to %s\n") : _("detached %zu device(s) from %s\n"),
               n, esc_pool_text(&ep, dom));
        esc_pool_clear(&ep);
    }

 cleanup:
    free(err);
    free(addrs);
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

int
cmd_domains(struct cmd_ctx *ctx, int argc, char **argv)
{
    const struct model_host *h;
    json_object *root = NULL;
    size_t i, j, k;
    int ret;

    if (argc > 0) {
        cmd_error(ctx, _("domains takes no arguments (got '%s')"), argv[0]);
        return CMD_EXIT_ERROR;
    }
    if ((ret = cmd_load(ctx, false, true)) != CMD_EXIT_OK)
        return ret;
    if (cmd_connect(ctx, true) < 0) {
        cmd_error(ctx, "%s", ctx->conn_error ? ctx->conn_error : "?");
        return CMD_EXIT_ERROR;
    }
    h = ctx->host;
    if (ctx->json)
        root = json_object_new_array();
    for (i = 0; i < h->n_domains; i++) {
        json_object *o = NULL, *devs = NULL;

        if (root) {
            o = json_object_new_object();
            devs = json_object_new_array();
            json_object_object_add(o, "name", json_object_new_string(h->domains[i].name));
            json_object_object_add(o, "state", json_object_new_string(model_dom_state_str(h->domains[i].state)));
            json_object_object_add(o, "persistent", json_object_new_boolean(h->domains[i].persistent));
        } else {
            struct esc_pool ep = ESC_POOL_INIT;

            printf("%s (%s)\n", esc_pool_text(&ep, h->domains[i].name),
                   model_dom_state_str(h->domains[i].state));
            esc_pool_clear(&ep);
        }
        for (j = 0; j < h->n_devs; j++) {
            for (k = 0; k < h->devs[j].n_uses; k++) {
                const struct model_use *u = &h->devs[j].uses[k];

                if (u->domain != i)
                    continue;
                if (devs) {
                    json_object *d = json_object_new_object();

                    json_object_object_add(d, "address", json_object_new_string(h->devs[j].addr_str));
                    json_object_object_add(d, "live", json_object_new_boolean(u->live));
                    json_object_object_add(d, "config", json_object_new_boolean(u->config));
                    json_object_array_add(devs, d);
                } else {
                    struct esc_pool ep = ESC_POOL_INIT;

                    printf("\t%s %s%s%s\n", h->devs[j].addr_str,
                           h->devs[j].device_name ? esc_pool_text(&ep, h->devs[j].device_name) : "",
                           u->live ? " [live]" : "", u->config ? " [config]" : "");
                    esc_pool_clear(&ep);
                }
            }
        }
        if (o) {
            json_object_object_add(o, "hostdevs", devs);
            json_object_array_add(root, o);
        }
    }
    if (root) {
        output_json(root, 0, stdout);
        json_object_put(root);
    }
    return CMD_EXIT_OK;
}
