/* check_watch.c - Check suite for the session's watcher, in process:
 * the libvirt test driver raises domain events when the test defines,
 * starts, destroys and undefines a domain, and a fixture tree changes
 * under inotify; the change records must say so. */
#include <config.h>

#include <check.h>
#include <libvirt/libvirt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "session.h"
#include "host/fixture.h"

virConnectPtr conn_handle(struct conn *c);      /* src/virt/conn_priv.h */

static const char host_desc[] =
    "host watched\n"
    "kernel 6.1.0-18-amd64\n"
    "vfio loaded\n"
    "dev 0000:00:00.0 8086:2020 class=060000 group=0 reset=-\n"
    "dev 0000:01:00.0 10de:1b80 class=030000 group=1 driver=nouveau\n"
    "dev 0000:01:00.1 10de:10f0 class=040300 group=1 driver=snd_hda_intel\n";

static const char dom_xml[] =
    "<domain type='test'><name>w1</name><uuid>6b2a2e1c-5f0a-4c4e-9d7e-0a1b2c3d4e5f</uuid><memory>1024</memory>"
    "<os><type>hvm</type></os><devices>"
    "<hostdev mode='subsystem' type='pci' managed='yes'><source>"
    "<address domain='0x0000' bus='0x01' slot='0x00' function='0x0'/>"
    "</source></hostdev></devices></domain>";

struct fx {
    char dir[PATH_MAX];
    struct session *s;
    struct session_watch *w;
    int tick;
};

static void
on_tick(void *opaque)
{
    (void)opaque;
}

static void
fx_open(struct fx *f)
{
    struct session_opts o = { 0 };
    char *err = NULL;

    memset(f, 0, sizeof(*f));
    snprintf(f->dir, sizeof(f->dir), "%s/check_watch.XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
    ck_assert_ptr_nonnull(mkdtemp(f->dir));
    ck_assert_msg(fixture_build(host_desc, f->dir, &err) == 0, "%s", err);
    ck_assert_int_eq(session_events_init(NULL), 0);
    o.progname = "check_watch";
    o.sysroot = f->dir;
    o.uri = "test:///default";
    o.uri_given = true;
    o.quiet = true;
    ck_assert_ptr_nonnull(f->s = session_new(&o));
    ck_assert_msg(session_load(f->s, true, false, &err) == 0, "%s", err);
    ck_assert_int_eq(session_conn_state(f->s), SESSION_CONN_UP);
    ck_assert_msg((f->w = session_watch_start(f->s, &err)) != NULL, "%s", err);
    /* a tick, so that a round never waits for ever */
    ck_assert_int_ge(f->tick = session_events_add_timer(50, on_tick, NULL), 0);
}

static void
fx_close(struct fx *f)
{
    session_events_remove_timer(f->tick);
    session_watch_free(f->w);
    session_free(f->s);
    fixture_remove(f->dir);
}

/* Runs the loop until a record of @kind about @subject arrives (or 3 s
 * pass); returns its text (caller frees) or NULL. */
static char *
wait_for(struct fx *f, enum session_watch_kind kind, const char *subject)
{
    struct timespec t0, t;
    char *found = NULL;

    clock_gettime(CLOCK_MONOTONIC, &t0);
    do {
        struct session_watch_change *c;
        size_t n, i;

        ck_assert_int_eq(session_events_run(), 0);
        session_watch_take(f->w, &c, &n);
        for (i = 0; i < n; i++) {
            if (!found && c[i].kind == kind && strcmp(c[i].subject, subject) == 0)
                found = strdup(c[i].text);
        }
        session_watch_changes_free(c, n);
        clock_gettime(CLOCK_MONOTONIC, &t);
    } while (!found && (t.tv_sec - t0.tv_sec) * 1000 + (t.tv_nsec - t0.tv_nsec) / 1000000 < 3000);
    return found;
}

START_TEST(t_domain_lifecycle)
{
    struct fx f;
    virConnectPtr vc;
    virDomainPtr d;
    char *text;

    fx_open(&f);
    vc = conn_handle(session_conn(f.s));

    ck_assert_ptr_nonnull(d = virDomainDefineXML(vc, dom_xml));
    text = wait_for(&f, SESSION_WATCH_DOMAIN_DEFINED, "w1");
    ck_assert_ptr_nonnull(text);
    ck_assert_str_eq(text, "w1 defined");
    free(text);

    ck_assert_int_eq(virDomainCreate(d), 0);
    text = wait_for(&f, SESSION_WATCH_DOMAIN_STARTED, "w1");
    ck_assert_ptr_nonnull(text);
    ck_assert_str_eq(text, "w1 started: holds 0000:01:00.0");
    free(text);
    /* the model follows: the device is in use by the running guest */
    ck_assert_int_eq(session_host(f.s)->devs[1].n_uses, 1);
    ck_assert(session_host(f.s)->devs[1].uses[0].live);

    ck_assert_int_eq(virDomainDestroy(d), 0);
    text = wait_for(&f, SESSION_WATCH_DOMAIN_STOPPED, "w1");
    ck_assert_ptr_nonnull(text);
    ck_assert_str_eq(text, "w1 stopped");
    free(text);

    ck_assert_int_eq(virDomainUndefine(d), 0);
    text = wait_for(&f, SESSION_WATCH_DOMAIN_UNDEFINED, "w1");
    ck_assert_ptr_nonnull(text);
    ck_assert_str_eq(text, "w1 undefined");
    free(text);
    ck_assert_int_eq(session_host(f.s)->devs[1].n_uses, 0);

    virDomainFree(d);
    fx_close(&f);
}
END_TEST

/* A redefinition that adds a hostdev is a device attached. */
START_TEST(t_device_attached)
{
    struct fx f;
    virConnectPtr vc;
    virDomainPtr d;
    char *text, *two;

    fx_open(&f);
    vc = conn_handle(session_conn(f.s));
    ck_assert_ptr_nonnull(d = virDomainDefineXML(vc, dom_xml));
    free(wait_for(&f, SESSION_WATCH_DOMAIN_DEFINED, "w1"));
    virDomainFree(d);

    two = strdup(dom_xml);
    ck_assert_ptr_nonnull(two);
    {
        const char *add = "<hostdev mode='subsystem' type='pci' managed='yes'><source>"
            "<address domain='0x0000' bus='0x01' slot='0x00' function='0x1'/>"
            "</source></hostdev></devices>";
        char *p = strstr(two, "</devices>");
        char *x = NULL;

        ck_assert_ptr_nonnull(p);
        *p = '\0';
        ck_assert_int_ge(asprintf(&x, "%s%s%s", two, add, p + strlen("</devices>")), 0);
        free(two);
        two = x;
    }
    ck_assert_ptr_nonnull(d = virDomainDefineXML(vc, two));
    text = wait_for(&f, SESSION_WATCH_DEVICE_ATTACHED, "w1");
    ck_assert_ptr_nonnull(text);
    ck_assert_str_eq(text, "0000:01:00.1 attached to w1");
    free(text);
    free(two);
    virDomainUndefine(d);
    virDomainFree(d);
    fx_close(&f);
}
END_TEST

/* The fixture tree under inotify: a driver link removed is an unbind,
 * and the old host is what the record is compared with. */
START_TEST(t_fixture_unbind)
{
    struct fx f;
    char path[PATH_MAX + 64];
    char *text;

    fx_open(&f);
    snprintf(path, sizeof(path), "%s/sys/bus/pci/devices/0000:01:00.1/driver", f.dir);
    ck_assert_int_eq(unlink(path), 0);
    text = wait_for(&f, SESSION_WATCH_DRIVER_UNBOUND, "0000:01:00.1");
    ck_assert_ptr_nonnull(text);
    ck_assert_str_eq(text, "0000:01:00.1 unbound from snd_hda_intel");
    free(text);
    ck_assert_ptr_null(session_host(f.s)->devs[2].driver);
    fx_close(&f);
}
END_TEST

int
main(void)
{
    Suite *s = suite_create("watch");
    TCase *tc = tcase_create("watch");
    SRunner *sr;
    int failed;

    tcase_set_timeout(tc, 20);
    tcase_add_test(tc, t_domain_lifecycle);
    tcase_add_test(tc, t_device_attached);
    tcase_add_test(tc, t_fixture_unbind);
    suite_add_tcase(s, tc);
    sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
