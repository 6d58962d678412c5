/* session.c - loading the host from its source, the libvirt connection
 * and its domains, and the operations the interface asks for. */
#include <config.h>

#include "session.h"

#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "demo.h"
#include "session_priv.h"
#include "i18n.h"
#include "host/fixture.h"
#include "host/sysfs.h"
#include "io/atomicfile.h"
#include "io/errmsg.h"
#include "virt/conn.h"
#include "virt/domfile.h"
#include "virt/events.h"
#include "virt/hostdev.h"
#include "virt/nodedev.h"

/* ---- signals ---------------------------------------------------------- */

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
session_signals_init(void)
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
session_signals_hold(bool hold, sigset_t *old)
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

/* Removes the demo's temp dir @dir (NULL: none) and frees the name. */
static void
demo_dir_remove(char *dir)
{
    if (!dir)
        return;
    fixture_remove(dir);
    free(dir);
}

/* ---- reading the host --------------------------------------------------- */

/* Builds the embedded demo tree in a new private temp dir (*dir, the
 * caller's), reads it, and removes the tree at once: the model is all
 * we need afterwards, so nothing is left behind even if the program is
 * killed later.  The dir itself stays for the demo's libvirt file. */
static int
load_demo(const struct session *s, struct model_host **out, char **dir, char **err)
{
    const char *tmp = getenv("TMPDIR");
    char *root = NULL;
    char *ferr = NULL;
    struct sysfs_opts o = { 0 };
    sigset_t old;
    int ret = -1;

    /* a signal handler cannot remove a whole tree: a stop signal waits
     * until the tree is read and gone (well under a second) */
    session_signals_hold(true, &old);
    if (asprintf(dir, "%s/vfiotui-demo.XXXXXX", tmp && *tmp ? tmp : "/tmp") < 0) {
        *dir = NULL;
        errmsg_set(err, "%s", strerror(ENOMEM));
        goto cleanup;
    }
    if (!mkdtemp(*dir)) {
        errmsg_set(err, _("cannot create a directory for the demo host: %s"), strerror(errno));
        free(*dir);
        *dir = NULL;
        goto cleanup;
    }
    signal_cleanup(*dir);
    if (asprintf(&root, "%s/root", *dir) < 0) {
        root = NULL;
        errmsg_set(err, "%s", strerror(ENOMEM));
        goto cleanup;
    }
    if (mkdir(root, 0700) < 0 || fixture_build(demo_host_desc, root, &ferr) < 0) {
        errmsg_set(err, _("cannot build the demo host: %s"), ferr ? ferr : strerror(errno));
        goto cleanup;
    }
    o.sysroot = root;
    o.ssh_connection = NULL;    /* the operator's session is not on the demo host */
    o.quiet = s->o.quiet;
    if (!(*out = sysfs_read(&o, &ferr))) {
        errmsg_set(err, _("cannot read the demo host: %s"), ferr ? ferr : "?");
        goto cleanup;
    }
    free((*out)->source);
    (*out)->source = strdup("demo");
    ret = 0;

 cleanup:
    if (root) {
        fixture_remove(root);
        free(root);
    }
    if (ret < 0 && *dir) {
        /* the previous demo dir, if any, is the one to clean up on a signal */
        signal_cleanup(s->demo_dir);
        demo_dir_remove(*dir);
        *dir = NULL;
    }
    session_signals_hold(false, &old);
    free(ferr);
    return ret;
}

static int
load_sysfs(const struct session *s, struct model_host **out, char **err)
{
    return session_read_sysfs(&s->o, getenv("SSH_CONNECTION"), 0, out, err);
}

/* The host from libvirt's node devices, without domains. */
static int
load_nodedev(const struct session *s, struct model_host **out, char **err)
{
    char *nerr = NULL;

    if (!(*out = nodedev_read(s->conn, &nerr))) {
        errmsg_set(err, "%s", nerr ? nerr : _("cannot read the host's devices through libvirt"));
        free(nerr);
        return -1;
    }
    /* An empty list is a host we could not read, not a host without
     * devices: a silent empty `list` would look like success. */
    if ((*out)->n_devs == 0) {
        errmsg_set(err, _("no PCI devices in libvirt's node devices for URI %s "
                       "(that driver lists none, so this host cannot be judged)"),
                conn_uri(s->conn) ? conn_uri(s->conn) : "?");
        model_host_free(*out);
        *out = NULL;
        return -1;
    }
    sysfs_fill_names(*out);
    return 0;
}

/* ---- the connection ----------------------------------------------------- */

/* The demo's guests live in a test-driver file, which the driver reads
 * once at connect time: the installed copy, or (for a copy run from the
 * build tree or staged with DESTDIR) the embedded one written to the
 * demo's temp dir and removed at once afterwards. */
static char *
demo_uri(const struct session *s)
{
    char *path = NULL, *uri = NULL;
    FILE *f;

    if (access(PKGDATADIR "/demo-libvirt.xml", R_OK) == 0) {
        if (asprintf(&uri, "test://%s", PKGDATADIR "/demo-libvirt.xml") < 0)
            uri = NULL;
        return uri;
    }

    if (!s->demo_dir || asprintf(&path, "%s/demo-libvirt.xml", s->demo_dir) < 0)
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

/* Opens s->conn (for the demo, its test-driver file).  Returns 0, or
 * -1 with s->conn_error set. */
static int
open_conn(struct session *s, bool readonly)
{
    char *err = NULL;
    char *uri = NULL;

    if (s->o.demo && !(uri = demo_uri(s))) {
        free(s->conn_error);
        s->conn_error = strdup(_("cannot set up the demo's guests"));
        return -1;
    }
    s->conn = conn_open(uri ? uri : s->o.uri, readonly, &err);
    if (uri && s->demo_dir) {
        char *path = NULL;

        if (asprintf(&path, "%s/demo-libvirt.xml", s->demo_dir) >= 0)
            unlink(path);
        free(path);
    }
    free(uri);
    if (!s->conn) {
        free(s->conn_error);
        s->conn_error = err;
        return -1;
    }
    s->readonly = readonly;
    return 0;
}

/* Domains are only meaningful for the host libvirt manages: the running
 * host, the demo, or an explicit connection.  A --sysroot tree is some
 * other machine's snapshot, so the local libvirt would lie about it. */
static bool
conn_applies(const struct session *s)
{
    if (s->o.no_domains)
        return false;
    if (s->o.demo || s->o.uri_given)
        return true;
    return !s->o.sysroot || strcmp(s->o.sysroot, "/") == 0;
}

int
session_connect(struct session *s, bool readonly, char **err)
{
    char *derr = NULL;

    if (s->conn)
        return 0;
    if (open_conn(s, readonly) < 0)
        goto error;
    if (s->host && conn_load_domains(s->conn, s->host, &derr) < 0) {
        free(s->conn_error);
        s->conn_error = derr;
        goto error;
    }
    return 0;

 error:
    errmsg_set(err, "%s", s->conn_error ? s->conn_error : "?");
    return -1;
}

/* Opens the connection again if it is gone (or was never opened).
 * Returns 0, or -1 with *err set. */
int
session_reconnect(struct session *s, char **err)
{
    if (s->conn && conn_alive(s->conn))
        return 0;
    conn_close(s->conn);
    s->conn = NULL;
    if (open_conn(s, s->readonly) < 0) {
        errmsg_set(err, "%s", s->conn_error ? s->conn_error : _("cannot connect"));
        return -1;
    }
    free(s->conn_error);
    s->conn_error = NULL;
    return 0;
}

/* ---- the session -------------------------------------------------------- */

struct session *
session_new(const struct session_opts *o)
{
    struct session *s = calloc(1, sizeof(*s));

    if (s)
        s->o = *o;
    return s;
}

void
session_free(struct session *s)
{
    if (!s)
        return;
    session_rest_stop(s);
    session_ready_drop(s);
    conn_close(s->conn);
    model_host_free(s->host);
    if (s->demo_dir) {
        signal_cleanup(NULL);
        demo_dir_remove(s->demo_dir);
    }
    free(s->conn_error);
    free(s->note);
    free(s);
}

/* Whether the host is read through libvirt's node devices: --source
 * libvirt, or a remote URI with no --source. */
bool
session_from_libvirt(const struct session *s)
{
    const char *uri = s->o.uri ? s->o.uri : getenv("LIBVIRT_DEFAULT_URI");

    return s->o.source == SESSION_SOURCE_LIBVIRT ||
        (s->o.source == SESSION_SOURCE_AUTO && !s->o.demo && conn_uri_is_remote(uri));
}

/* The host through libvirt: the connection first, then its node
 * devices and their domains. */
static int
load_from_libvirt(struct session *s, bool readonly, struct model_host **out, char **err)
{
    char *derr = NULL;

    /* VFIOTUI_SYSROOT stands in only for the local tree */
    if (s->o.sysroot_from_env) {
        s->o.sysroot = NULL;
        s->o.sysroot_from_env = false;
    }
    if (s->o.sysroot) {
        /* say what conflicts: the user may never have chosen a source */
        if (s->o.source == SESSION_SOURCE_LIBVIRT)
            errmsg_set(err, "%s", _("--sysroot reads a local tree, but --source libvirt reads the devices through libvirt: use one or the other"));
        else
            errmsg_set(err, _("--sysroot reads a local tree, but %s is a remote URI: use one or the other"),
                    s->o.uri ? s->o.uri : getenv("LIBVIRT_DEFAULT_URI"));
        return -1;
    }
    /* the demo's tree holds the test driver's file while connecting */
    if (s->o.demo && !s->demo_dir) {
        struct model_host *demo = NULL;
        char *dir = NULL;

        if (load_demo(s, &demo, &dir, err) < 0)
            return -1;
        model_host_free(demo);
        s->demo_dir = dir;
    }
    if (session_connect(s, readonly, err) < 0 || load_nodedev(s, out, err) < 0)
        return -1;
    if (conn_load_domains(s->conn, *out, &derr) < 0) {
        errmsg_set(&s->note, _("note: domain information is missing: %s"), derr ? derr : "?");
        free(derr);
    }
    return 0;
}

/* Puts a complete new state in place of the old one: host @h and, if
 * not NULL, the demo's new temp dir @dir. */
static void
install(struct session *s, struct model_host *h, char *dir)
{
    if (h != s->ready_host)
        session_ready_drop(s);  /* facts read with another host */
    model_host_free(s->host);
    s->host = h;
    if (dir) {
        demo_dir_remove(s->demo_dir);
        s->demo_dir = dir;
        signal_cleanup(dir);
    }
}

static void load_conn(struct session *s, bool want_conn, bool readonly);

int
session_load(struct session *s, bool want_conn, bool readonly, char **err)
{
    struct model_host *h = NULL;
    char *dir = NULL;

    free(s->note);
    s->note = NULL;
    if (session_from_libvirt(s)) {
        if (load_from_libvirt(s, readonly, &h, err) < 0)
            return -1;
        install(s, h, NULL);
        return 0;
    }
    if (!s->o.demo && s->o.first) {
        /* a big host: its first screen's part now, the rest read in the
         * background (session_rest.c), the connection after it */
        if (session_read_sysfs(&s->o, getenv("SSH_CONNECTION"), s->o.first, &h, err) < 0)
            return -1;
        install(s, h, NULL);
        if (h->partial_of) {
            if (session_rest_start(s, want_conn, readonly) == 0)
                return 0;
            /* no thread: the whole host here and now */
            if (load_sysfs(s, &h, err) < 0) {
                install(s, NULL, NULL);
                return -1;
            }
            install(s, h, NULL);
        }
    }
    else if ((s->o.demo ? load_demo(s, &h, &dir, err) : load_sysfs(s, &h, err)) < 0)
        return -1;
    else
        install(s, h, dir);
    load_conn(s, want_conn, readonly);
    return 0;
}

static void
load_conn(struct session *s, bool want_conn, bool readonly)
{
    if (want_conn && conn_applies(s)) {
        char *cerr = NULL;

        if (session_connect(s, readonly, &cerr) < 0)
            errmsg_set(&s->note, _("note: no libvirt connection, so domain information is missing: %s"),
                    cerr ? cerr : "?");
        free(cerr);
    }
}

int
session_rest_finish(struct session *s, char **msg)
{
    struct model_host *h = NULL;
    bool want_conn = false, readonly = false;
    int rc = session_rest_take(s, &h, &want_conn, &readonly, msg);

    if (rc > 0) {
        install(s, h, NULL);
        load_conn(s, want_conn, readonly);
    }
    return rc;
}

const char *
session_sysroot(const struct session *s)
{
    return s->o.demo ? s->demo_dir : s->o.sysroot;
}

bool
session_remote(const struct session *s)
{
    return session_from_libvirt(s);
}

const char *
session_note(const struct session *s)
{
    return s->note;
}

struct model_host *
session_host(const struct session *s)
{
    return s->host;
}

struct conn *
session_conn(const struct session *s)
{
    return s->conn;
}

/* ---- operations --------------------------------------------------------- */

int
session_rescan(struct session *s, char **msg)
{
    struct model_host *old = NULL;
    int rc = session_rescan_keep(s, &old, msg);

    model_host_free(old);
    return rc;
}

int
session_rescan_keep(struct session *s, struct model_host **old, char **msg)
{
    struct model_host *h = NULL;
    char *dir = NULL, *cerr = NULL, *herr = NULL;
    bool remote = session_from_libvirt(s);
    int rc;

    /* a connection that died (or never came up) is opened again */
    if (remote || conn_applies(s))
        session_reconnect(s, &cerr);
    if (remote)
        rc = s->conn ? load_nodedev(s, &h, &herr) : -1;
    else if (s->o.demo)
        rc = load_demo(s, &h, &dir, &herr);
    else
        rc = load_sysfs(s, &h, &herr);
    if (rc < 0) {
        if (cerr)
            *msg = cerr;
        else
            errmsg_set(msg, _("the host could not be read again (%s); the previous view is kept"),
                    herr ? herr : "?");
        free(herr);
        return -1;
    }
    /* the new state is complete: the old one goes (to the caller) */
    *old = s->host;
    s->host = NULL;
    install(s, h, dir);
    if (cerr) {
        *msg = cerr;
        return 1;
    }
    if (s->conn && conn_load_domains(s->conn, s->host, msg) < 0)
        return 1;
    return 0;
}

int
session_reload_domains(struct session *s, char **err)
{
    if (!s->conn || !conn_alive(s->conn))
        return 0;
    return conn_load_domains(s->conn, s->host, err);
}

enum session_conn_state
session_conn_state(const struct session *s)
{
    if (!s->conn)
        return SESSION_CONN_NONE;
    return conn_alive(s->conn) ? SESSION_CONN_UP : SESSION_CONN_LOST;
}

const char *
session_conn_uri(const struct session *s)
{
    return s->conn ? conn_uri(s->conn) : NULL;
}

const char *
session_conn_error(const struct session *s)
{
    if (s->conn && !conn_alive(s->conn))
        return conn_lost_reason(s->conn);
    return s->conn_error;
}

bool
session_is_demo(const struct session *s)
{
    return s->o.demo;
}

char *
session_hostdev_xml(const struct bdf *addrs, size_t n, bool managed)
{
    return hostdev_xml_many(addrs, n, managed);
}

int
session_file_holds(const char *path, struct bdf **have, size_t *n, char **err)
{
    struct atomicfile *f;
    int ret;

    *have = NULL;
    *n = 0;
    if (!(f = atomicfile_read(path, err)))
        return -1;
    ret = hostdev_file_devices(f->text, have, n, err);
    atomicfile_free(f);
    return ret;
}

int
session_save(const char *path, const struct bdf *addrs, size_t n, bool managed, char **err)
{
    return domfile_save(path, addrs, n, managed, err);
}

int
session_events_init(char **err)
{
    return conn_events_init(err);
}

int
session_events_watch(int fd, int ms, bool *hup)
{
    return conn_events_watch(fd, ms, hup);
}

int
session_events_run(void)
{
    return conn_events_run();
}

int
session_events_add_fd(int fd, session_fd_cb cb, void *opaque)
{
    return events_add_fd(fd, cb, opaque);
}

void
session_events_remove_fd(int id)
{
    events_remove_fd(id);
}

int
session_events_add_timer(int ms, session_timer_cb cb, void *opaque)
{
    return events_add_timer(ms, cb, opaque);
}

void
session_events_remove_timer(int id)
{
    events_remove_timer(id);
}
