/* cmd.c - what the plain commands share (the loaded host, messages,
 * building a selection) and the `list` command. */
#include <config.h>

#include "cmd.h"

#include <errno.h>
#include <json-c/json.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "esc.h"
#include "i18n.h"
#include "output.h"
#include "rules.h"

/* A message is one line: whatever host, libvirt or user text it carries
 * is escaped as a whole, so no control byte reaches the terminal. */
void
cmd_error(const struct cmd_ctx *ctx, const char *fmt, ...)
{
    va_list ap;
    char *msg = NULL;
    char *safe = NULL;
    int n;

    va_start(ap, fmt);
    n = vasprintf(&msg, fmt, ap);
    va_end(ap);
    if (n >= 0)
        safe = esc_text(msg);
    fprintf(stderr, "%s: %s\n", ctx->opts.progname ? ctx->opts.progname : PACKAGE,
            safe ? safe : _("(out of memory formatting a message)"));
    free(safe);
    if (n >= 0)
        free(msg);
}

void
cmd_report(const struct cmd_ctx *ctx, const struct rules_report *rep)
{
    if (!rep || rep->n_errors + (ctx->opts.quiet ? 0 : rep->n_warnings + rep->n_infos) == 0)
        return;
    output_findings_text(rep, ctx->opts.quiet, stderr);
}

int
cmd_load(struct cmd_ctx *ctx, bool want_conn, bool readonly)
{
    const char *note;
    char *err = NULL;
    size_t i;

    if (!ctx->session && !(ctx->session = session_new(&ctx->opts))) {
        cmd_error(ctx, "%s", strerror(ENOMEM));
        return CMD_EXIT_ERROR;
    }
    if (session_load(ctx->session, want_conn, readonly, &err) < 0) {
        cmd_error(ctx, "%s", err ? err : "?");
        free(err);
        return CMD_EXIT_ERROR;
    }
    ctx->host = session_host(ctx->session);
    ctx->conn = session_conn(ctx->session);
    if (ctx->opts.quiet)
        return CMD_EXIT_OK;
    if ((note = session_note(ctx->session)))
        cmd_error(ctx, "%s", note);
    if (!ctx->warnings_in_report) {
        for (i = 0; i < ctx->host->n_warnings; i++)
            cmd_error(ctx, _("warning: %s"), ctx->host->warnings[i]);
    }
    return CMD_EXIT_OK;
}

int
cmd_connect(struct cmd_ctx *ctx, bool readonly)
{
    char *err = NULL;
    int rc = session_connect(ctx->session, readonly, &err);

    ctx->conn = session_conn(ctx->session);
    if (rc < 0) {
        cmd_error(ctx, "%s", err ? err : "?");
        free(err);
        return CMD_EXIT_ERROR;
    }
    return CMD_EXIT_OK;
}

void
cmd_ctx_clear(struct cmd_ctx *ctx)
{
    ctx->host = NULL;
    ctx->conn = NULL;
    free(ctx->widened);
    ctx->widened = NULL;
    ctx->n_widened = 0;
    free(ctx->target);
    ctx->target = NULL;
}

void
cmd_target_mode(const struct cmd_ctx *ctx, bool *live, bool *config)
{
    *live = ctx->live;
    *config = ctx->config || !ctx->live;
}

int
cmd_selection(struct cmd_ctx *ctx, int argc, char **argv, struct model_sel **out)
{
    struct model_sel *sel;
    int i;

    if (argc == 0 && ctx->group == MODEL_NONE) {
        cmd_error(ctx, _("no device given: name PCI addresses or use --group N"));
        return CMD_EXIT_ERROR;
    }
    if (!(sel = model_sel_new(ctx->host))) {
        cmd_error(ctx, "%s", strerror(ENOMEM));
        return CMD_EXIT_ERROR;
    }
    for (i = 0; i < argc; i++) {
        if (model_sel_add(sel, ctx->host, argv[i]) < 0) {
            cmd_error(ctx, _("'%s' is not a PCI address (expected 0000:01:00.0, 01:00.0, 1:0.0, the slot 01:00 or pci_0000_01_00_0)"),
                      argv[i]);
            model_sel_free(sel);
            return CMD_EXIT_ERROR;
        }
    }
    if (ctx->group != MODEL_NONE &&
        model_sel_group(sel, ctx->host, ctx->group) < 0) {
        cmd_error(ctx, _("there is no IOMMU group %d on this host"), ctx->group);
        model_sel_free(sel);
        return CMD_EXIT_ERROR;
    }
    if (ctx->whole_groups) {
        bool *before = malloc(sel->n_devs + 1);
        bool live, config;
        size_t k;

        free(ctx->widened);
        ctx->widened = calloc(sel->n_devs + 1, sizeof(*ctx->widened));
        ctx->n_widened = 0;
        if (!before || !ctx->widened) {
            free(before);
            model_sel_free(sel);
            cmd_error(ctx, "%s", strerror(ENOMEM));
            return CMD_EXIT_ERROR;
        }
        memcpy(before, sel->marked, sel->n_devs);
        model_sel_whole_groups(sel, ctx->host);
        cmd_target_mode(ctx, &live, &config);
        for (k = 0; k < sel->n_devs; k++) {
            if (!sel->marked[k] || before[k])
                continue;
            /* the target has it already: the group is whole without it */
            if (model_dom_holds(ctx->host, k, ctx->target, live, config))
                sel->marked[k] = false;
            else
                ctx->widened[ctx->n_widened++] = k;
        }
        free(before);
    }
    *out = sel;
    return CMD_EXIT_OK;
}

/* ---- list ------------------------------------------------------------ */

static void
hex_or_q(char *buf, size_t sz, int v, int ndig)
{
    if (v == MODEL_NONE)
        snprintf(buf, sz, "%.*s", ndig, "????");
    else
        snprintf(buf, sz, "%0*x", ndig, (unsigned int)v);
}

/* Whether @name ends with " [@id]", as libpci names an unknown subclass. */
static bool
has_suffix_id(const char *name, const char *id)
{
    size_t n = strlen(name), k = strlen(id);

    return n >= k + 3 && name[n - 1] == ']' && name[n - k - 2] == '[' &&
           name[n - k - 3] == ' ' && strncasecmp(name + n - k - 1, id, k) == 0;
}

static void
list_dev_text(const struct model_host *h, const struct model_dev *d, FILE *f)
{
    struct esc_pool ep = ESC_POOL_INIT;
    char ven[16], dev[16], cls[16];
    size_t i;

    hex_or_q(ven, sizeof(ven), d->vendor_id, 4);
    hex_or_q(dev, sizeof(dev), d->device_id, 4);
    hex_or_q(cls, sizeof(cls), d->class_id, 4);

    /* lspci -nn's words: "Class [cccc]" for an unknown class (libpci's
     * name of an unknown subclass already ends in "[cccc]"), "Device"
     * for an unknown device, no vendor name when it is unknown */
    fprintf(f, "\t%s ", d->addr_str);
    if (!d->class_name)
        fprintf(f, _("Class [%s]"), cls);
    else if (has_suffix_id(d->class_name, cls))
        fputs(esc_pool_text(&ep, d->class_name), f);
    else
        fprintf(f, "%s [%s]", esc_pool_text(&ep, d->class_name), cls);
    fputs(": ", f);
    if (d->vendor_name)
        fprintf(f, "%s ", esc_pool_text(&ep, d->vendor_name));
    if (d->vendor_name && d->device_name)
        fputs(esc_pool_text(&ep, d->device_name), f);
    else
        fputs(_("Device"), f);
    fprintf(f, " [%s:%s]", ven, dev);
    if (d->revision != MODEL_NONE && d->revision != 0)
        fprintf(f, " (rev %02x)", (unsigned int)d->revision);
    fprintf(f, " driver=%s", (d->unknown & MODEL_UNK_DRIVER) ? _("unknown") :
            d->driver ? esc_pool_text(&ep, d->driver) : _("none"));
    if (d->unknown & MODEL_UNK_GROUP)
        fputs(" group-unknown", f);
    /* config space reads all-ones: the device is gone or powered off,
     * and its class and names are not the device's own */
    if (d->vendor_id == 0xffff)
        fputs(" not-responding", f);
    if (d->boot_vga == MODEL_TRI_YES)
        fputs(" boot-vga", f);
    if (d->root_disk)
        fputs(" root-disk", f);
    if (d->mgmt_nic)
        fputs(" mgmt-nic", f);
    if (d->n_virtfns)
        fprintf(f, " sriov-pf(%zu vfs)", d->n_virtfns);
    if (d->physfn != MODEL_NONE)
        fprintf(f, " sriov-vf(of %s)", h->devs[d->physfn].addr_str);
    for (i = 0; i < d->n_uses; i++) {
        const struct model_use *u = &d->uses[i];
        const struct model_domain *dom = &h->domains[u->domain];

        fprintf(f, " used-by=%s(%s%s%s)", esc_pool_text(&ep, dom->name),
                model_dom_state_str(dom->state),
                u->live ? ",live" : "", u->config ? ",config" : "");
    }
    fputc('\n', f);
    esc_pool_clear(&ep);
}

static int
list_text(const struct cmd_ctx *ctx, FILE *f)
{
    const struct model_host *h = ctx->host;
    size_t gi, i;
    bool header = false;

    for (gi = 0; gi < h->n_groups; gi++) {
        const struct model_group *g = &h->groups[gi];

        fprintf(f, _("IOMMU Group %d:\n"), g->id);
        for (i = 0; i < g->n_devs; i++)
            list_dev_text(h, &h->devs[g->devs[i]], f);
    }
    for (i = 0; i < h->n_devs; i++) {
        if (h->devs[i].group != MODEL_NONE)
            continue;
        if (!header) {
            fputs(h->iommu_unknown ? _("Devices whose IOMMU group is unknown (sys/kernel/iommu_groups cannot be read):\n") :
                  h->iommu ? _("Devices without an IOMMU group:\n")
                           : _("No IOMMU groups (the IOMMU is disabled or absent):\n"), f);
            header = true;
        }
        list_dev_text(h, &h->devs[i], f);
    }
    return 0;
}

static json_object *
json_hex(int v, int ndig)
{
    char buf[16];

    if (v == MODEL_NONE)
        return NULL;
    snprintf(buf, sizeof(buf), "%0*x", ndig, (unsigned int)v);
    return json_object_new_string(buf);
}

static json_object *
json_str(const char *s)
{
    return s ? json_object_new_string(s) : NULL;
}

static json_object *
json_int(int v)
{
    return v == MODEL_NONE ? NULL : json_object_new_int(v);
}

static const char *
header_str(enum model_header hdr)
{
    switch (hdr) {
    case MODEL_HDR_NORMAL:
        return "endpoint";
    case MODEL_HDR_BRIDGE:
        return "bridge";
    case MODEL_HDR_CARDBUS:
        return "cardbus";
    case MODEL_HDR_UNKNOWN:
    default:
        return NULL;
    }
}

/* Names of the fields of @d that could not be read: a null beside one
 * of them means "unknown", a null elsewhere means "none". */
static json_object *
dev_unknown_json(const struct model_dev *d)
{
    static const struct {
        unsigned int bit;
        const char *name;
    } names[] = {
        { MODEL_UNK_IDS, "ids" },
        { MODEL_UNK_CLASS, "class" },
        { MODEL_UNK_DRIVER, "driver" },
        { MODEL_UNK_GROUP, "group" },
        { MODEL_UNK_NUMA, "numa_node" },
        { MODEL_UNK_SUBSYS, "subsystem" },
        { MODEL_UNK_REVISION, "revision" },
        { MODEL_UNK_SRIOV, "sriov" },
    };
    json_object *arr = json_object_new_array();
    size_t i;

    for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
        if (d->unknown & names[i].bit)
            json_object_array_add(arr, json_object_new_string(names[i].name));
    if (d->boot_vga == MODEL_TRI_UNKNOWN)
        json_object_array_add(arr, json_object_new_string("boot_vga"));
    return arr;
}

static const char *
hold_kind_str(enum model_hold_kind k)
{
    switch (k) {
    case MODEL_HOLD_MOUNT:
        return "mount";
    case MODEL_HOLD_SWAP:
        return "swap";
    case MODEL_HOLD_NETWORK:
        return "network";
    case MODEL_HOLD_DEFAULT_ROUTE:
        return "default-route";
    case MODEL_HOLD_DEFAULT_ROUTE6:
        return "default-route-ipv6";
    case MODEL_HOLD_SSH:
    default:
        return "ssh";
    }
}

/* The device's holds of one side (storage or NIC) as an array of
 * objects, or null if it has none: the facts, not the prose. */
static json_object *
dev_holds_json(const struct model_dev *d, bool storage)
{
    json_object *arr = NULL;
    size_t i, k;

    for (i = 0; i < d->n_holds; i++) {
        const struct model_hold *x = &d->holds[i];
        json_object *o, *via;

        if (model_hold_is_storage(x->kind) != storage)
            continue;
        if (!arr)
            arr = json_object_new_array();
        o = json_object_new_object();
        if (storage) {
            json_object_object_add(o, "kind", json_object_new_string(hold_kind_str(x->kind)));
            json_object_object_add(o, "target", json_str(x->target));
            if (x->kind == MODEL_HOLD_NETWORK) {
                json_object_object_add(o, "interface", json_str(x->iface));
            } else {
                via = json_object_new_array();
                for (k = 0; k < x->n_via; k++)
                    json_object_array_add(via, json_object_new_string(x->via[k]));
                json_object_object_add(o, "via", via);
            }
        } else {
            json_object_object_add(o, "interface", json_str(x->iface));
            json_object_object_add(o, "reason", json_object_new_string(hold_kind_str(x->kind)));
        }
        json_object_array_add(arr, o);
    }
    return arr;
}

static json_object *
list_dev_json(const struct model_host *h, const struct model_dev *d)
{
    json_object *o = json_object_new_object();
    json_object *arr;
    size_t i;

    json_object_object_add(o, "address", json_object_new_string(d->addr_str));
    json_object_object_add(o, "group", json_int(d->group));
    json_object_object_add(o, "vendor_id", json_hex(d->vendor_id, 4));
    json_object_object_add(o, "device_id", json_hex(d->device_id, 4));
    json_object_object_add(o, "subsystem_vendor_id", json_hex(d->subsys_vendor_id, 4));
    json_object_object_add(o, "subsystem_device_id", json_hex(d->subsys_device_id, 4));
    json_object_object_add(o, "class", json_hex(d->class_id, 4));
    json_object_object_add(o, "prog_if", json_hex(d->prog_if, 2));
    json_object_object_add(o, "revision", json_hex(d->revision, 2));
    json_object_object_add(o, "header", json_str(header_str(d->header)));
    json_object_object_add(o, "bridge", json_object_new_boolean(model_dev_is_bridge(d)));
    json_object_object_add(o, "driver", json_str(d->driver));
    json_object_object_add(o, "boot_vga", json_object_new_boolean(d->boot_vga == MODEL_TRI_YES));
    arr = json_object_new_array();
    for (i = 0; i < d->n_reset_methods; i++)
        json_object_array_add(arr, json_object_new_string(d->reset_methods[i]));
    json_object_object_add(o, "reset_methods", arr);
    json_object_object_add(o, "reset_known", json_object_new_boolean(d->reset_known));
    json_object_object_add(o, "numa_node", json_int(d->numa_node));
    json_object_object_add(o, "physfn",
                           d->physfn == MODEL_NONE ? NULL :
                           json_object_new_string(h->devs[d->physfn].addr_str));
    arr = json_object_new_array();
    for (i = 0; i < d->n_virtfns; i++)
        json_object_array_add(arr, json_object_new_string(h->devs[d->virtfns[i]].addr_str));
    json_object_object_add(o, "virtfns", arr);
    json_object_object_add(o, "sriov_totalvfs", json_int(d->sriov_totalvfs));
    json_object_object_add(o, "parent",
                           d->parent == MODEL_NONE ? NULL :
                           json_object_new_string(h->devs[d->parent].addr_str));
    json_object_object_add(o, "sysfs_path", json_str(d->sysfs_path));
    json_object_object_add(o, "vendor", json_str(d->vendor_name));
    json_object_object_add(o, "device", json_str(d->device_name));
    json_object_object_add(o, "class_name", json_str(d->class_name));
    json_object_object_add(o, "subsystem", json_str(d->subsys_name));
    json_object_object_add(o, "root_disk", dev_holds_json(d, true));
    json_object_object_add(o, "mgmt_nic", dev_holds_json(d, false));
    arr = json_object_new_array();
    for (i = 0; i < d->n_uses; i++) {
        json_object *u = json_object_new_object();
        const struct model_domain *dom = &h->domains[d->uses[i].domain];

        json_object_object_add(u, "domain", json_object_new_string(dom->name));
        json_object_object_add(u, "state", json_object_new_string(model_dom_state_str(dom->state)));
        json_object_object_add(u, "live", json_object_new_boolean(d->uses[i].live));
        json_object_object_add(u, "config", json_object_new_boolean(d->uses[i].config));
        json_object_array_add(arr, u);
    }
    json_object_object_add(o, "used_by", arr);
    json_object_object_add(o, "unknown", dev_unknown_json(d));
    return o;
}

static int
list_json(const struct cmd_ctx *ctx, FILE *f)
{
    const struct model_host *h = ctx->host;
    struct output_stream js;
    json_object *arr;
    size_t i, j;

    /* printed as it is built: one device at a time is in memory */
    output_stream_begin(&js, f);
    output_stream_add(&js, "schema", json_object_new_int(OUTPUT_JSON_SCHEMA));
    output_stream_add(&js, "source", json_str(h->source));
    output_stream_add(&js, "host", json_str(h->hostname));
    output_stream_add(&js, "kernel", json_str(h->kernel_release));
    output_stream_add(&js, "iommu", h->iommu_unknown ? NULL : json_object_new_boolean(h->iommu));
    arr = json_object_new_array();
    if (h->iommu_unknown)
        json_object_array_add(arr, json_object_new_string("iommu"));
    if (!h->root_disk_known || h->n_disks_unknown)     /* some disks, at least */
        json_object_array_add(arr, json_object_new_string("root_disk"));
    if (!h->mgmt_nic_known)
        json_object_array_add(arr, json_object_new_string("mgmt_nic"));
    if (!h->kernel_release)
        json_object_array_add(arr, json_object_new_string("kernel"));
    output_stream_add(&js, "unknown", arr);

    output_stream_open(&js, "groups", '[');
    for (i = 0; i < h->n_groups; i++) {
        json_object *g = json_object_new_object();
        json_object *devs = json_object_new_array();

        json_object_object_add(g, "id", json_object_new_int(h->groups[i].id));
        /* the interface's badge with nothing marked */
        json_object_object_add(g, "status",
                               json_object_new_string(rules_group_state_str(rules_group_state(h, NULL, i, NULL))));
        for (j = 0; j < h->groups[i].n_devs; j++)
            json_object_array_add(devs, json_object_new_string(h->devs[h->groups[i].devs[j]].addr_str));
        json_object_object_add(g, "devices", devs);
        output_stream_add(&js, NULL, g);
    }
    output_stream_close(&js);

    output_stream_open(&js, "devices", '[');
    for (i = 0; i < h->n_devs; i++)
        output_stream_add(&js, NULL, list_dev_json(h, &h->devs[i]));
    output_stream_close(&js);

    if (h->domains_known) {
        output_stream_open(&js, "domains", '[');
        for (i = 0; i < h->n_domains; i++) {
            json_object *d = json_object_new_object();

            json_object_object_add(d, "name", json_object_new_string(h->domains[i].name));
            json_object_object_add(d, "state", json_object_new_string(model_dom_state_str(h->domains[i].state)));
            json_object_object_add(d, "persistent", json_object_new_boolean(h->domains[i].persistent));
            output_stream_add(&js, NULL, d);
        }
        output_stream_close(&js);
    } else {
        output_stream_add(&js, "domains", NULL);
    }

    output_stream_open(&js, "warnings", '[');
    for (i = 0; i < h->n_warnings; i++)
        output_stream_add(&js, NULL, json_object_new_string(h->warnings[i]));
    output_stream_close(&js);
    return output_stream_end(&js);
}

int
cmd_list(struct cmd_ctx *ctx, int argc, char **argv)
{
    int ret;

    if (argc > 0) {
        cmd_error(ctx, _("list takes no arguments (got '%s')"), argv[0]);
        return CMD_EXIT_ERROR;
    }
    if ((ret = cmd_load(ctx, true, true)) != CMD_EXIT_OK)
        return ret;
    if ((ctx->json ? list_json(ctx, stdout) : list_text(ctx, stdout)) < 0 ||
        fflush(stdout) != 0 || ferror(stdout)) {
        cmd_error(ctx, _("write error: %s"), strerror(errno));
        return CMD_EXIT_ERROR;
    }
    return CMD_EXIT_OK;
}
