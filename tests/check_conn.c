/* check_conn.c - Check suite for src/virt/conn and nodedev against the
 * real libvirt test driver, in-process: node devices, devices in use,
 * attach and detach through the redefinition fallback, refusals and
 * dry runs. */
#include <config.h>

#include <check.h>
#include <libvirt/libvirt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "host/fixture.h"
#include "host/sysfs.h"
#include "rules.h"
#include "virt/conn.h"
#include "virt/hostdev.h"
#include "virt/nodedev.h"

static char uri[PATH_MAX + 64];

static struct conn *
open_demo(void)
{
    char *err = NULL;
    struct conn *c = conn_open(uri, false, &err);

    ck_assert_msg(c != NULL, "%s: %s", uri, err);
    return c;
}

static struct bdf
A(const char *s)
{
    struct bdf a;

    ck_assert_int_eq(bdf_parse(s, &a), 0);
    return a;
}

/* The persistent XML of @dom through a second handle on the same
 * connection's driver state. */
static char *
inactive_xml(struct conn *c, const char *dom, unsigned int extra);
virConnectPtr conn_handle(struct conn *c);

static char *
inactive_xml(struct conn *c, const char *dom, unsigned int extra)
{
    virDomainPtr d = virDomainLookupByName(conn_handle(c), dom);
    char *x;

    ck_assert_ptr_nonnull(d);
    x = virDomainGetXMLDesc(d, VIR_DOMAIN_XML_INACTIVE | extra);
    virDomainFree(d);
    return x;
}

START_TEST(t_open_errors)
{
    char *err = NULL;
    struct conn *c = conn_open("test:///nonexistent/file.xml", true, &err);

    ck_assert_ptr_null(c);
    ck_assert_ptr_nonnull(err);
    ck_assert_ptr_nonnull(strstr(err, "test:///nonexistent/file.xml"));
    free(err);
    ck_assert(conn_uri_is_remote("qemu+ssh://server/system"));
    ck_assert(conn_uri_is_remote("qemu+tcp://10.0.0.1/system"));
    ck_assert(!conn_uri_is_remote("qemu:///system"));
    ck_assert(!conn_uri_is_remote("qemu+unix:///session?socket=/x"));
    ck_assert(!conn_uri_is_remote("qemu://localhost/system"));
    ck_assert(!conn_uri_is_remote(NULL));
    /* no connection is never alive; an open one is */
    ck_assert(!conn_alive(NULL));
    c = open_demo();
    ck_assert(conn_alive(c));
    ck_assert_str_eq(conn_lost_reason(c), "the connection is open");
    conn_close(c);
}
END_TEST

START_TEST(t_nodedev_matches_sysfs)
{
    const char *top = getenv("top_srcdir") ? getenv("top_srcdir") : ".";
    struct conn *c = open_demo();
    char *err = NULL, *desc;
    struct model_host *nd, *sf;
    char dir[] = "/tmp/check_conn.XXXXXX", path[4096];
    struct sysfs_opts o = { 0 };
    FILE *f;
    long n;
    size_t i;

    nd = nodedev_read(c, &err);
    ck_assert_msg(nd != NULL, "%s", err);
    snprintf(path, sizeof(path), "%s/data/demo.host", top);
    ck_assert_ptr_nonnull(f = fopen(path, "r"));
    fseek(f, 0, SEEK_END);
    n = ftell(f);
    rewind(f);
    desc = calloc(1, (size_t)n + 1);
    ck_assert_uint_eq(fread(desc, 1, (size_t)n, f), (size_t)n);
    fclose(f);
    ck_assert_ptr_nonnull(mkdtemp(dir));
    ck_assert_int_eq(fixture_build(desc, dir, &err), 0);
    o.sysroot = dir;
    o.quiet = true;
    ck_assert_ptr_nonnull(sf = sysfs_read(&o, &err));
    fixture_remove(dir);

    ck_assert_uint_eq(nd->n_devs, sf->n_devs);
    ck_assert_uint_eq(nd->n_groups, sf->n_groups);
    ck_assert(!nd->root_disk_known);
    for (i = 0; i < sf->n_devs; i++) {
        const struct model_dev *a = &sf->devs[i], *b = &nd->devs[i];

        ck_assert_str_eq(a->addr_str, b->addr_str);
        ck_assert_int_eq(a->vendor_id, b->vendor_id);
        ck_assert_int_eq(a->device_id, b->device_id);
        ck_assert_int_eq(a->class_id, b->class_id);
        ck_assert_int_eq(a->group, b->group);
        ck_assert_int_eq(model_dev_is_bridge(a), model_dev_is_bridge(b));
        ck_assert_int_eq(a->physfn, b->physfn);
        ck_assert_uint_eq(a->n_virtfns, b->n_virtfns);
        ck_assert_int_eq(a->parent, b->parent);
    }
    model_host_free(nd);
    model_host_free(sf);
    free(desc);
    conn_close(c);
}
END_TEST

START_TEST(t_nodedev_nic_unknown)
{
    struct conn *c = open_demo();
    char *err = NULL;
    struct model_host *h = nodedev_read(c, &err);
    struct model_sel *s;
    struct rules_report *r;
    size_t i;
    bool found = false;

    ck_assert_msg(h != NULL, "%s", err);
    /* a remote host cannot tell its management NIC: every NIC selected
     * gets a warning, as a known one does, not silence */
    ck_assert(!h->mgmt_nic_known);
    s = model_sel_new(h);
    ck_assert_int_eq(model_sel_add(s, h, "00:1f.6"), 0);
    r = rules_check(h, s, NULL);
    ck_assert_ptr_nonnull(r);
    for (i = 0; i < r->n; i++)
        if (strcmp(r->items[i].code, "host-nic-unknown") == 0 && r->items[i].sev == RULES_WARNING)
            found = true;
    ck_assert(found);
    rules_report_free(r);
    model_sel_free(s);
    model_host_free(h);
    conn_close(c);
}
END_TEST

START_TEST(t_in_use)
{
    struct conn *c = open_demo();
    char *err = NULL;
    struct model_host *h = nodedev_read(c, &err);
    struct bdf a = A("3d:00.0");
    const struct model_dev *d;
    int k;

    ck_assert_int_eq(conn_load_domains(c, h, &err), 0);
    ck_assert(h->domains_known);
    ck_assert_uint_eq(h->n_domains, 4);
    ck_assert_int_ge(k = model_find(h, &a), 0);
    d = &h->devs[k];
    ck_assert_uint_eq(d->n_uses, 1);
    ck_assert_str_eq(h->domains[d->uses[0].domain].name, "fedora-dev");
    ck_assert_int_eq(h->domains[d->uses[0].domain].state, MODEL_DOM_RUNNING);
    ck_assert(d->uses[0].live && d->uses[0].config);
    a = A("01:00.0");
    d = &h->devs[model_find(h, &a)];
    ck_assert_uint_eq(d->n_uses, 1);
    ck_assert_int_eq(h->domains[d->uses[0].domain].state, MODEL_DOM_SHUTOFF);
    ck_assert(!d->uses[0].live && d->uses[0].config);
    model_host_free(h);
    conn_close(c);
}
END_TEST

START_TEST(t_attach_detach_redefine)
{
    struct conn *c = open_demo();
    struct conn_report rep;
    struct bdf a[2] = { A("01:00.0"), A("01:00.1") };
    char *err = NULL, *x;
    struct bdf *have = NULL;
    size_t n = 0;

    ck_assert_int_eq(conn_attach(c, "win11-gaming", a, 2, CONN_CONFIG, true, false, &rep, &err), 0);
    ck_assert(rep.changed);
    ck_assert_int_eq(rep.outcome, CONN_OUTCOME_APPLIED);
    ck_assert_uint_ge(rep.n, 1);
    conn_report_clear(&rep);
    x = inactive_xml(c, "win11-gaming", VIR_DOMAIN_XML_SECURE);
    ck_assert_int_eq(hostdev_domain_devices(x, &have, &n, &err), 0);
    ck_assert_uint_eq(n, 2);
    /* the redefinition kept the VNC password */
    ck_assert_ptr_nonnull(strstr(x, "demo-secret"));
    free(x);
    free(have);

    /* again: reported, not duplicated */
    ck_assert_int_eq(conn_attach(c, "win11-gaming", a, 2, CONN_CONFIG, true, false, &rep, &err), 1);
    ck_assert_ptr_nonnull(strstr(err, "already has 0000:01:00.0"));
    ck_assert(!rep.changed);
    ck_assert_int_eq(rep.outcome, CONN_OUTCOME_NONE);
    conn_report_clear(&rep);
    free(err);
    err = NULL;

    ck_assert_int_eq(conn_detach(c, "win11-gaming", a, 2, CONN_CONFIG, false, &rep, &err), 0);
    conn_report_clear(&rep);
    x = inactive_xml(c, "win11-gaming", VIR_DOMAIN_XML_SECURE);
    ck_assert_int_eq(hostdev_domain_devices(x, &have, &n, &err), 0);
    ck_assert_uint_eq(n, 0);
    ck_assert_ptr_nonnull(strstr(x, "demo-secret"));
    free(x);
    free(have);

    /* detach of a device the domain lacks */
    ck_assert_int_eq(conn_detach(c, "win11-gaming", a, 1, CONN_CONFIG, false, &rep, &err), 1);
    conn_report_clear(&rep);
    free(err);
    conn_close(c);
}
END_TEST

START_TEST(t_dry_run_and_errors)
{
    struct conn *c = open_demo();
    struct conn_report rep;
    struct bdf a = A("01:00.0");
    char *err = NULL, *before, *after;

    before = inactive_xml(c, "win11-gaming", VIR_DOMAIN_XML_SECURE);
    ck_assert_int_eq(conn_attach(c, "win11-gaming", &a, 1, CONN_CONFIG, true, true, &rep, &err), 0);
    ck_assert_ptr_nonnull(rep.sent);
    ck_assert_ptr_nonnull(strstr(rep.sent, "bus=\"0x01\""));
    ck_assert(!rep.changed);
    ck_assert_int_eq(rep.outcome, CONN_OUTCOME_NONE);
    conn_report_clear(&rep);
    after = inactive_xml(c, "win11-gaming", VIR_DOMAIN_XML_SECURE);
    ck_assert_str_eq(before, after);
    free(before);
    free(after);

    ck_assert_int_eq(conn_attach(c, "no-such-guest", &a, 1, CONN_CONFIG, true, false, &rep, &err), 2);
    ck_assert_ptr_nonnull(strstr(err, "no-such-guest"));
    conn_report_clear(&rep);
    free(err);
    err = NULL;
    /* --live on a shut-off guest */
    ck_assert_int_eq(conn_attach(c, "win11-gaming", &a, 1, CONN_LIVE, true, false, &rep, &err), 2);
    ck_assert_ptr_nonnull(strstr(err, "not running"));
    conn_report_clear(&rep);
    free(err);
    err = NULL;
    /* --live on a running guest: the test driver cannot; nothing stays */
    ck_assert_int_eq(conn_attach(c, "router", &a, 1, CONN_LIVE, true, false, &rep, &err), 1);
    ck_assert(!rep.changed);
    ck_assert_int_eq(rep.outcome, CONN_OUTCOME_NONE);
    ck_assert_uint_eq(rep.n, 1);
    ck_assert(!rep.steps[0].ok);
    conn_report_clear(&rep);
    free(err);
    conn_close(c);
}
END_TEST

/* A --live --config attach to a running guest: the persistent part
 * goes through (here by the redefinition path), the live part fails
 * (the test driver has no live attach), and the rollback puts the
 * saved definition back byte for byte. */
START_TEST(t_rollback_exact)
{
    struct conn *c = open_demo();
    struct conn_report rep;
    struct bdf a[3] = { A("01:00.0"), A("01:00.1"), A("3d:00.0") };
    char *err = NULL, *before, *after;
    bool redefined = false, restored = false;
    size_t i;

    before = inactive_xml(c, "router", VIR_DOMAIN_XML_SECURE);
    ck_assert_int_eq(conn_attach(c, "router", a, 3, CONN_CONFIG | CONN_LIVE, true, false,
                                 &rep, &err), 1);
    ck_assert_ptr_nonnull(err);
    for (i = 0; i < rep.n; i++) {
        if (!rep.steps[i].undo && rep.steps[i].ok && !rep.steps[i].addr[0])
            redefined = true;
        if (rep.steps[i].undo) {
            ck_assert_msg(rep.steps[i].ok, "%s: %s", rep.steps[i].what,
                          rep.steps[i].msg ? rep.steps[i].msg : "");
            restored = true;
        }
    }
    ck_assert_msg(redefined, "the persistent part was not changed first");
    ck_assert_msg(restored, "no rollback step");
    ck_assert(!rep.changed);
    ck_assert_int_eq(rep.outcome, CONN_OUTCOME_ROLLED_BACK);
    conn_report_clear(&rep);
    free(err);
    after = inactive_xml(c, "router", VIR_DOMAIN_XML_SECURE);
    ck_assert_str_eq(before, after);
    free(before);
    free(after);
    conn_close(c);
}
END_TEST

/* issue 9 item 8: a dry run prints the definition without secrets, as
 * virsh dumpxml does; the real redefinition keeps them */
START_TEST(t_dry_run_no_secrets)
{
    struct conn *c = open_demo();
    struct conn_report rep;
    struct bdf a = A("01:00.0");
    char *err = NULL, *x;

    ck_assert_int_eq(conn_attach(c, "win11-gaming", &a, 1, CONN_CONFIG, true, true, &rep, &err), 0);
    ck_assert_ptr_nonnull(rep.sent);
    ck_assert_ptr_nonnull(strstr(rep.sent, "<graphics type='vnc'"));
    ck_assert_msg(strstr(rep.sent, "demo-secret") == NULL, "%s", rep.sent);
    ck_assert_ptr_null(strstr(rep.sent, "passwd"));
    conn_report_clear(&rep);
    ck_assert_int_eq(conn_attach(c, "win11-gaming", &a, 1, CONN_CONFIG, true, false, &rep, &err), 0);
    conn_report_clear(&rep);
    x = inactive_xml(c, "win11-gaming", VIR_DOMAIN_XML_SECURE);
    ck_assert_ptr_nonnull(strstr(x, "passwd='demo-secret'"));
    free(x);
    conn_close(c);
}
END_TEST

/* issue 9 item 7: a domain by name, UUID or ID, in virsh's order */
START_TEST(t_lookup)
{
    struct conn *c = open_demo();
    virDomainPtr d = virDomainLookupByName(conn_handle(c), "router");
    char *name = NULL, *err = NULL, id[16];
    struct conn_report rep;
    struct bdf a = A("01:00.0");

    ck_assert_ptr_nonnull(d);
    snprintf(id, sizeof(id), "%u", virDomainGetID(d));
    virDomainFree(d);
    ck_assert_int_eq(conn_domain_lookup(c, "router", &name, &err), 0);
    ck_assert_str_eq(name, "router");
    free(name);
    ck_assert_int_eq(conn_domain_lookup(c, "2b8f1a4d-7e3c-4d8f-8b62-6a1d3fac9e02", &name, &err), 0);
    ck_assert_str_eq(name, "win11-gaming");
    free(name);
    ck_assert_int_eq(conn_domain_lookup(c, id, &name, &err), 0);
    ck_assert_str_eq(name, "router");
    free(name);
    ck_assert_int_eq(conn_domain_lookup(c, "no-such-guest", &name, &err), 1);
    ck_assert_ptr_null(name);
    ck_assert_ptr_nonnull(strstr(err, "no-such-guest"));
    free(err);
    err = NULL;
    /* a number that is no ID is still tried as a name */
    ck_assert_int_eq(conn_domain_lookup(c, "4242", &name, &err), 1);
    free(err);
    err = NULL;

    /* issue 9 item 9: a transient domain suggests --live and says what
     * libvirt would */
    d = virDomainCreateXML(conn_handle(c),
                           "<domain type='test'><name>transient-guest</name>"
                           "<memory>1024</memory><os><type>hvm</type></os></domain>", 0);
    ck_assert_ptr_nonnull(d);
    virDomainFree(d);
    ck_assert_int_eq(conn_attach(c, "transient-guest", &a, 1, CONN_CONFIG, true, false, &rep, &err), 2);
    ck_assert_ptr_nonnull(strstr(err, "use --live"));
    ck_assert_ptr_nonnull(strstr(err, "transient domains do not have any persistent config"));
    conn_report_clear(&rep);
    free(err);
    conn_close(c);
}
END_TEST

/* domains --names: every domain, active or not, by name and sorted,
 * and a transient one too */
START_TEST(t_domain_names)
{
    static const char *const want[] = {
        "fedora-dev", "media-server", "router", "transient-guest", "win11-gaming",
    };
    struct conn *c = open_demo();
    virDomainPtr d;
    char **names = NULL, *err = NULL;
    size_t i, n = 0;

    d = virDomainCreateXML(conn_handle(c),
                           "<domain type='test'><name>transient-guest</name>"
                           "<memory>1024</memory><os><type>hvm</type></os></domain>", 0);
    ck_assert_ptr_nonnull(d);
    virDomainFree(d);
    ck_assert_int_eq(conn_domain_names(c, &names, &n, &err), 0);
    ck_assert_ptr_null(err);
    ck_assert_uint_eq(n, sizeof(want) / sizeof(want[0]));
    for (i = 0; i < n; i++) {
        ck_assert_str_eq(names[i], want[i]);
        free(names[i]);
    }
    ck_assert_ptr_null(names[n]);
    free(names);
    conn_close(c);
}
END_TEST

/* issue 9 item 4: a hostdev whose address is not on the host is kept,
 * as stale, and can be detached */
START_TEST(t_stale)
{
    const char *top = getenv("top_srcdir") ? getenv("top_srcdir") : ".";
    struct conn *c = open_demo();
    struct model_host *h;
    struct sysfs_opts o = { 0 };
    char dir[] = "/tmp/check_conn.XXXXXX", path[PATH_MAX], *desc, *err = NULL;
    struct conn_report rep;
    struct bdf a = A("3d:00.0");
    FILE *f;
    long n;
    int di;

    /* a host without the demo's NVMe drive at 3d:00.0 */
    snprintf(path, sizeof(path), "%s/tests/hosts/desktop-gpu.host", top);
    ck_assert_ptr_nonnull(f = fopen(path, "r"));
    fseek(f, 0, SEEK_END);
    n = ftell(f);
    rewind(f);
    desc = calloc(1, (size_t)n + 1);
    ck_assert_uint_eq(fread(desc, 1, (size_t)n, f), (size_t)n);
    fclose(f);
    ck_assert_ptr_nonnull(mkdtemp(dir));
    ck_assert_msg(fixture_build(desc, dir, &err) == 0, "%s", err);
    free(desc);
    o.sysroot = dir;
    o.quiet = true;
    ck_assert_ptr_nonnull(h = sysfs_read(&o, &err));
    fixture_remove(dir);
    ck_assert_int_lt(model_find(h, &a), 0);

    ck_assert_int_eq(conn_load_domains(c, h, &err), 0);
    ck_assert_int_ge(di = model_find_domain(h, "fedora-dev"), 0);
    ck_assert_uint_eq(h->domains[di].n_stale, 1);
    ck_assert_str_eq(h->domains[di].stale[0].addr_str, "0000:3d:00.0");
    ck_assert(h->domains[di].stale[0].live && h->domains[di].stale[0].config);
    /* the GPU is on this host: a use, not stale */
    ck_assert_int_ge(di = model_find_domain(h, "media-server"), 0);
    ck_assert_uint_eq(h->domains[di].n_stale, 0);
    model_host_free(h);

    ck_assert_int_eq(conn_detach(c, "fedora-dev", &a, 1, CONN_CONFIG, false, &rep, &err), 0);
    conn_report_clear(&rep);
    conn_close(c);
}
END_TEST

int
main(void)
{
    const char *top = getenv("top_srcdir") ? getenv("top_srcdir") : ".";
    char abs[PATH_MAX - 64];
    Suite *s = suite_create("conn");
    TCase *tc = tcase_create("testdriver");
    SRunner *sr;
    int failed;

    char full[PATH_MAX];

    if (!realpath(top, full) || strlen(full) >= sizeof(abs)) {
        perror(top);
        return EXIT_FAILURE;
    }
    strcpy(abs, full);
    snprintf(uri, sizeof(uri), "test://%s/data/demo-libvirt.xml", abs);
    tcase_set_timeout(tc, 30);
    tcase_add_test(tc, t_open_errors);
    tcase_add_test(tc, t_nodedev_matches_sysfs);
    tcase_add_test(tc, t_nodedev_nic_unknown);
    tcase_add_test(tc, t_in_use);
    tcase_add_test(tc, t_attach_detach_redefine);
    tcase_add_test(tc, t_dry_run_and_errors);
    tcase_add_test(tc, t_rollback_exact);
    tcase_add_test(tc, t_dry_run_no_secrets);
    tcase_add_test(tc, t_lookup);
    tcase_add_test(tc, t_domain_names);
    tcase_add_test(tc, t_stale);
    suite_add_tcase(s, tc);
    sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
