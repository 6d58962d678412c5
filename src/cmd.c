/* cmd.c - what the plain commands share (the loaded host, messages,
 * building a selection) and the `list` command. */
#include <config.h>

#include "cmd.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "esc.h"
#include "i18n.h"
#include "jsonout.h"
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
    /* write, attach, detach, bind: PCI devices only, never a UUID
     * silently left out of a change */
    if (!ctx->takes_mdevs && model_sel_count_mdevs(sel)) {
        cmd_error(ctx, _("this command takes PCI addresses, not mdev UUIDs (check, xml, attach and detach take them)"));
        model_sel_free(sel);
        return CMD_EXIT_ERROR;
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
    if (d->n_virtfns && d->sriov_totalvfs != MODEL_NONE)
        fprintf(f, " sriov-pf(%zu of %d vfs)", d->n_virtfns, d->sriov_totalvfs);
    else if (d->n_virtfns)
        fprintf(f, " sriov-pf(%zu vfs)", d->n_virtfns);
    else if (d->sriov_totalvfs > 0)
        fprintf(f, " sriov-pf(0 of %d vfs)", d->sriov_totalvfs);
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
    output_mdevs_text(h, (size_t)(d - h->devs), f);
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

/* list --addresses or --groups: one word a line, for scripts and shell
 * completion. */
static int
list_words(const struct cmd_ctx *ctx, FILE *f)
{
    const struct model_host *h = ctx->host;
    size_t i;

    if (ctx->groups) {
        for (i = 0; i < h->n_groups; i++)
            if (fprintf(f, "%d\n", h->groups[i].id) < 0)
                return -1;
        return 0;
    }
    for (i = 0; i < h->n_devs; i++)
        if (fprintf(f, "%s\n", h->devs[i].addr_str) < 0)
            return -1;
    return 0;
}

int
cmd_list(struct cmd_ctx *ctx, int argc, char **argv)
{
    bool words = ctx->addresses || ctx->groups;
    int ret;

    if (argc > 0) {
        cmd_error(ctx, _("list takes no arguments (got '%s')"), argv[0]);
        return CMD_EXIT_ERROR;
    }
    if (ctx->json + ctx->addresses + ctx->groups > 1) {
        cmd_error(ctx, _("--json, --addresses and --groups exclude each other"));
        return CMD_EXIT_ERROR;
    }
    /* the text shows no NUMA node, reset method or subsystem */
    ctx->opts.brief = !ctx->json;
    /* the bare words need no domains: no libvirt connection */
    if ((ret = cmd_load(ctx, !words, true)) != CMD_EXIT_OK)
        return ret;
    if ((ctx->json ? jsonout_list(stdout, ctx->host) :
         words ? list_words(ctx, stdout) : list_text(ctx, stdout)) < 0 ||
        fflush(stdout) != 0 || ferror(stdout)) {
        cmd_error(ctx, _("write error: %s"), strerror(errno));
        return CMD_EXIT_ERROR;
    }
    return CMD_EXIT_OK;
}
