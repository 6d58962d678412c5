/* cmd.c - what the plain commands share (loading the host, building a
 * selection) and the `list` command. */
#include <config.h>

#include "cmd.h"

#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "demo.h"
#include "esc.h"
#include "i18n.h"
#include "jsonout.h"
#include "output.h"
#include "rules.h"
#include "host/fixture.h"
#include "host/sysfs.h"
#include "ui/app.h"
#include "virt/conn.h"

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
    fprintf(stderr, "%s: %s\n", ctx->progname ? ctx->progname : PACKAGE,
            safe ? safe : _("(out of memory formatting a message)"));
    free(safe);
    if (n >= 0)
        free(msg);
}

void
cmd_report(const struct cmd_ctx *ctx, const struct rules_report *rep)
{
    if (!rep || rep->n_errors + (ctx->quiet ? 0 : rep->n_warnings + rep->n_infos) == 0)
        return;
    output_findings_text(rep, ctx->quiet, stderr);
}

/* A signal handler can only reach file-scope state: the paths it must
 * remove, written before they can exist and cleared after they are
 * gone.  Only async-signal-safe calls (unlink, rmdir) in the handler. */
static char sig_file[PATH_MAX], sig_root[PATH_MAX], sig_dir[PATH_MAX];
static volatile sig_atomic_t sig_armed;

static void
on_signal(int sig)
{
    if (sig_armed) {
        unlink(sig_file);
        rmdir(sig_root);
        rmdir(sig_dir);
    }
    signal(sig, SIG_DFL);
    raise(sig);
}

void
cmd_signals_init(void)
{
    static const int sigs[] = { SIGINT, SIGTERM, SIGHUP };
    struct sigaction sa;
    size_t i;

    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    for (i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
        sigaddset(&sa.sa_mask, sigs[i]);
    for (i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++) {
        struct sigaction old;

        /* one ignored on purpose (nohup, a background job) stays so */
        if (sigaction(sigs[i], NULL, &old) == 0 && old.sa_handler == SIG_IGN)
            continue;
        sigaction(sigs[i], &sa, NULL);
    }
}

void
cmd_signals_hold(bool hold, sigset_t *old)
{
    sigset_t stop;

    if (!hold) {
        sigprocmask(SIG_SETMASK, old, NULL);
        return;
    }
    sigemptyset(&stop);
    sigaddset(&stop, SIGINT);
    sigaddset(&stop, SIGTERM);
    sigaddset(&stop, SIGHUP);
    sigprocmask(SIG_BLOCK, &stop, old);
}

/* @dir is the demo's temp dir, or NULL once it is gone. */
static void
signal_cleanup(const char *dir)
{
    sig_armed = 0;
    if (!dir)
        return;
    if (snprintf(sig_file, sizeof(sig_file), "%s/demo-libvirt.xml", dir) >= (int)sizeof(sig_file) ||
        snprintf(sig_root, sizeof(sig_root), "%s/root", dir) >= (int)sizeof(sig_root) ||
        snprintf(sig_dir, sizeof(sig_dir), "%s", dir) >= (int)sizeof(sig_dir))
        return;
    sig_armed = 1;
}

/* Builds the embedded demo tree in a private temp dir, reads it, and
 * removes the tree at once: the model is all we need afterwards, so
 * nothing is left behind even if the program is killed later. */
static int
load_demo(struct cmd_ctx *ctx)
{
    const char *tmp = getenv("TMPDIR");
    char *root = NULL;
    char *err = NULL;
    struct sysfs_opts o = { 0 };
    sigset_t stop, old;
    int ret = CMD_EXIT_ERROR;

    /* a signal handler cannot remove a whole tree: a stop signal waits
     * until the tree is read and gone (well under a second) */
    sigemptyset(&stop);
    sigaddset(&stop, SIGINT);
    sigaddset(&stop, SIGTERM);
    sigaddset(&stop, SIGHUP);
    sigprocmask(SIG_BLOCK, &stop, &old);
    if (asprintf(&ctx->demo_dir, "%s/vfiotui-demo.XXXXXX",
                 tmp && *tmp ? tmp : "/tmp") < 0) {
        ctx->demo_dir = NULL;
        goto cleanup;
    }
    if (!mkdtemp(ctx->demo_dir)) {
        cmd_error(ctx, _("cannot create a directory for the demo host: %s"),
                  strerror(errno));
        free(ctx->demo_dir);
        ctx->demo_dir = NULL;
        goto cleanup;
    }
    signal_cleanup(ctx->demo_dir);
    if (asprintf(&root, "%s/root", ctx->demo_dir) < 0) {
        root = NULL;
        goto cleanup;
    }
    if (mkdir(root, 0700) < 0 || fixture_build(demo_host_desc, root, &err) < 0) {
        cmd_error(ctx, _("cannot build the demo host: %s"),
                  err ? err : strerror(errno));
        goto cleanup;
    }
    o.sysroot = root;
    o.ssh_connection = NULL;    /* the operator's session is not on the demo host */
    o.quiet = ctx->quiet;
    if (!(ctx->host = sysfs_read(&o, &err))) {
        cmd_error(ctx, _("cannot read the demo host: %s"), err ? err : "?");
        goto cleanup;
    }
    free(ctx->host->source);
    ctx->host->source = strdup("demo");
    ret = CMD_EXIT_OK;

 cleanup:
    if (root) {
        fixture_remove(root);
        free(root);
    }
    sigprocmask(SIG_SETMASK, &old, NULL);
    free(err);
    return ret;
}

/* The demo's temp dir may still exist (it is removed at exit); reading
 * it again means building the tree again. */
static int
load_demo_again(struct cmd_ctx *ctx)
{
    if (ctx->demo_dir) {
        signal_cleanup(NULL);
        fixture_remove(ctx->demo_dir);
        free(ctx->demo_dir);
        ctx->demo_dir = NULL;
    }
    return load_demo(ctx);
}

static int
load_sysfs(struct cmd_ctx *ctx)
{
    struct sysfs_opts o = { 0 };
    char *err = NULL;

    o.sysroot = ctx->sysroot ? ctx->sysroot : "/";
    o.ssh_connection = getenv("SSH_CONNECTION");
    o.quiet = ctx->quiet;
    if (!(ctx->host = sysfs_read(&o, &err))) {
        cmd_error(ctx, _("cannot read the host under %s: %s"), o.sysroot,
                  err ? err : "?");
        free(err);
        return CMD_EXIT_ERROR;
    }
    return CMD_EXIT_OK;
}

/* Domains are only meaningful for the host libvirt manages: the running
 * host, the demo, or an explicit connection.  A --sysroot tree is some
 * other machine's snapshot, so the local libvirt would lie about it. */
static bool
conn_applies(const struct cmd_ctx *ctx)
{
    if (ctx->no_domains)
        return false;
    if (ctx->demo || ctx->uri_given)
        return true;
    return !ctx->sysroot || strcmp(ctx->sysroot, "/") == 0;
}

int
cmd_load(struct cmd_ctx *ctx, bool want_conn, bool readonly)
{
    bool from_libvirt;
    size_t i;
    int ret;

    from_libvirt = ctx->source == CMD_SOURCE_LIBVIRT ||
        (ctx->source == CMD_SOURCE_AUTO && cmd_uri_is_remote(ctx));

    if (from_libvirt) {
        /* VFIOTUI_SYSROOT stands in only for the local tree */
        if (ctx->sysroot_from_env) {
            ctx->sysroot = NULL;
            ctx->sysroot_from_env = false;
        }
        if (ctx->sysroot) {
            /* say what conflicts: the user may never have chosen a source */
            if (ctx->source == CMD_SOURCE_LIBVIRT)
                cmd_error(ctx, _("--sysroot reads a local tree, but --source libvirt reads the devices through libvirt: use one or the other"));
            else
                cmd_error(ctx, _("--sysroot reads a local tree, but %s is a remote URI: use one or the other"),
                          ctx->uri ? ctx->uri : getenv("LIBVIRT_DEFAULT_URI"));
            return CMD_EXIT_ERROR;
        }
        if (ctx->demo && (ret = load_demo(ctx)) != CMD_EXIT_OK)
            return ret;
        if (cmd_connect(ctx, readonly) < 0) {
            cmd_error(ctx, "%s", ctx->conn_error ? ctx->conn_error : "?");
            return CMD_EXIT_ERROR;
        }
        model_host_free(ctx->host);
        ctx->host = NULL;
        if ((ret = cmd_load_nodedev(ctx)) != CMD_EXIT_OK)
            return ret;
    } else {
        ret = ctx->demo ? load_demo(ctx) : load_sysfs(ctx);
        if (ret != CMD_EXIT_OK)
            return ret;
        if (want_conn && conn_applies(ctx) && cmd_connect(ctx, readonly) < 0 &&
            !ctx->quiet) {
            cmd_error(ctx, _("note: no libvirt connection, so domain information is missing: %s"),
                      ctx->conn_error ? ctx->conn_error : "?");
        }
    }

    if (!ctx->quiet && !ctx->warnings_in_report) {
        for (i = 0; i < ctx->host->n_warnings; i++)
            cmd_error(ctx, _("warning: %s"), ctx->host->warnings[i]);
    }
    return CMD_EXIT_OK;
}

int
cmd_reload(struct cmd_ctx *ctx, char **err)
{
    struct model_host *old = ctx->host;
    bool quiet = ctx->quiet;
    bool from_libvirt = ctx->source == CMD_SOURCE_LIBVIRT ||
        (ctx->source == CMD_SOURCE_AUTO && cmd_uri_is_remote(ctx));
    char *cerr = NULL;
    int ret;

    ctx->host = NULL;
    ctx->quiet = true;          /* warnings would land under the interface */
    /* a connection that died (or never came up) is opened again */
    if (from_libvirt || conn_applies(ctx))
        cmd_reconnect(ctx, &cerr);
    if (from_libvirt)
        ret = ctx->conn ? cmd_load_nodedev(ctx) : CMD_EXIT_ERROR;
    else if (ctx->demo)
        ret = load_demo_again(ctx);
    else
        ret = load_sysfs(ctx);
    ctx->quiet = quiet;
    if (ret != CMD_EXIT_OK || !ctx->host) {
        model_host_free(ctx->host);
        ctx->host = old;
        *err = cerr ? cerr : strdup(_("the host could not be read again; the previous view is kept"));
        return -1;
    }
    model_host_free(old);
    if (cerr) {
        *err = cerr;
        return -1;
    }
    if (ctx->conn && conn_load_domains(ctx->conn, ctx->host, err) < 0)
        return -1;
    return 0;
}

void
cmd_ctx_clear(struct cmd_ctx *ctx)
{
    conn_close(ctx->conn);
    ctx->conn = NULL;
    model_host_free(ctx->host);
    ctx->host = NULL;
    if (ctx->demo_dir) {
        signal_cleanup(NULL);
        fixture_remove(ctx->demo_dir);
        free(ctx->demo_dir);
        ctx->demo_dir = NULL;
    }
    free(ctx->conn_error);
    ctx->conn_error = NULL;
    free(ctx->widened);
    ctx->widened = NULL;
    ctx->n_widened = 0;
    free(ctx->target);
    ctx->target = NULL;
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
    if ((ctx->json ? jsonout_list(stdout, ctx->host) : list_text(ctx, stdout)) < 0 ||
        fflush(stdout) != 0 || ferror(stdout)) {
        cmd_error(ctx, _("write error: %s"), strerror(errno));
        return CMD_EXIT_ERROR;
    }
    return CMD_EXIT_OK;
}

/* ---- ui -------------------------------------------------------------- */

int
cmd_ui(struct cmd_ctx *ctx, int argc, char **argv)
{
    struct ui_opts o = { 0 };
    int ret;

    if (argc > 0) {
        cmd_error(ctx, _("unknown command '%s'"), argv[0]);
        return CMD_EXIT_ERROR;
    }
    if (ctx->dump_dir && !ctx->script) {
        cmd_error(ctx, _("--dump-dir goes with --script"));
        return CMD_EXIT_ERROR;
    }
    /* warnings and connection notes go to the status line, not under
     * the screen */
    ctx->quiet = true;
    /* libvirt's event loop, so a dead daemon is noticed (close
     * callback, keepalive); the interface runs it with its keys */
    if (!ctx->script && conn_events_init() < 0)
        cmd_error(ctx, _("note: no libvirt event loop; a lost connection shows only when it is used"));
    if ((ret = cmd_load(ctx, true, false)) != CMD_EXIT_OK)
        return ret;
    o.ctx = ctx;
    o.rescan = cmd_reload;
    o.script = ctx->script;
    o.dump_dir = ctx->dump_dir;
    o.cols = ctx->cols;
    o.lines = ctx->lines;
    o.ascii = ctx->ascii;
    return ui_run(&o);
}

int
cmd_keys(struct cmd_ctx *ctx, int argc, char **argv)
{
    (void)ctx;
    (void)argc;
    (void)argv;
    ui_print_keys();
    return CMD_EXIT_OK;
}
