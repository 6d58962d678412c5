/* check_snap.c - Check suite for src/core/snap: the copy of a host's
 * devices and domains, and the changes between two copies. */
#include <config.h>

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "snap.h"

/* A host of two devices and one domain that holds the first (live
 * when @running) and, when @second, the second in its definition. */
static void
fill(struct model_host *h, struct model_dev d[2], struct model_domain *dom,
     struct model_use u[2], const char *drv1, bool running, bool second)
{
    memset(h, 0, sizeof(*h));
    memset(d, 0, 2 * sizeof(*d));
    memset(dom, 0, sizeof(*dom));
    memset(u, 0, 2 * sizeof(*u));
    strcpy(d[0].addr_str, "0000:01:00.0");
    strcpy(d[1].addr_str, "0000:01:00.1");
    d[0].driver = (char *)"vfio-pci";
    d[1].driver = (char *)drv1;
    u[0].domain = 0;
    u[0].live = running;
    u[0].config = true;
    d[0].uses = &u[0];
    d[0].n_uses = 1;
    u[1].domain = 0;
    u[1].config = true;
    d[1].uses = second ? &u[1] : NULL;
    d[1].n_uses = second ? 1 : 0;
    dom->name = (char *)"win11";
    dom->persistent = true;
    dom->state = running ? MODEL_DOM_RUNNING : MODEL_DOM_SHUTOFF;
    h->devs = d;
    h->n_devs = 2;
    h->domains = dom;
    h->n_domains = 1;
}

static struct snap *
take(const char *drv1, bool running, bool second)
{
    struct model_host h;
    struct model_dev d[2];
    struct model_domain dom;
    struct model_use u[2];
    struct snap *s;

    fill(&h, d, &dom, u, drv1, running, second);
    ck_assert_ptr_nonnull(s = snap_take(&h));
    return s;
}

START_TEST(t_same_is_silent)
{
    struct snap *a = take("snd_hda_intel", false, false), *b = take("snd_hda_intel", false, false);
    struct snap_change *c;
    size_t n;

    ck_assert_int_eq(snap_diff(a, b, &c, &n), 0);
    ck_assert_uint_eq(n, 0);
    snap_changes_free(c, n);
    snap_free(a);
    snap_free(b);
}
END_TEST

START_TEST(t_driver_and_start)
{
    struct snap *a = take("snd_hda_intel", false, false), *b = take(NULL, true, true);
    struct snap_change *c;
    size_t n;

    ck_assert_int_eq(snap_diff(a, b, &c, &n), 0);
    ck_assert_uint_eq(n, 3);
    ck_assert_int_eq(c[0].kind, SNAP_DRIVER_UNBOUND);
    ck_assert_str_eq(c[0].subject, "0000:01:00.1");
    ck_assert_str_eq(c[0].detail, "snd_hda_intel");
    ck_assert_int_eq(c[1].kind, SNAP_DOM_ATTACHED);
    ck_assert_str_eq(c[1].detail, "0000:01:00.1");
    ck_assert_int_eq(c[2].kind, SNAP_DOM_STARTED);
    ck_assert_str_eq(c[2].subject, "win11");
    ck_assert_str_eq(c[2].detail, "0000:01:00.0");
    snap_changes_free(c, n);
    /* and back: bound, detached, stopped */
    ck_assert_int_eq(snap_diff(b, a, &c, &n), 0);
    ck_assert_uint_eq(n, 3);
    ck_assert_int_eq(c[0].kind, SNAP_DRIVER_BOUND);
    ck_assert_str_eq(c[0].detail, "snd_hda_intel");
    ck_assert_int_eq(c[1].kind, SNAP_DOM_STOPPED);
    ck_assert_int_eq(c[2].kind, SNAP_DOM_DETACHED);
    snap_changes_free(c, n);
    snap_free(a);
    snap_free(b);
}
END_TEST

START_TEST(t_devices_and_domains_come_and_go)
{
    struct snap *a = take("snd_hda_intel", true, false);
    struct snap empty = { 0 };
    struct snap_change *c;
    size_t n;

    ck_assert_int_eq(snap_diff(&empty, a, &c, &n), 0);
    /* two devices (one bound, one bound) and a running domain */
    ck_assert_uint_eq(n, 6);
    ck_assert_int_eq(c[0].kind, SNAP_DEV_ADDED);
    ck_assert_int_eq(c[1].kind, SNAP_DRIVER_BOUND);
    ck_assert_int_eq(c[4].kind, SNAP_DOM_DEFINED);
    ck_assert_int_eq(c[5].kind, SNAP_DOM_STARTED);
    snap_changes_free(c, n);
    ck_assert_int_eq(snap_diff(a, &empty, &c, &n), 0);
    ck_assert_uint_eq(n, 4);
    ck_assert_int_eq(c[0].kind, SNAP_DEV_REMOVED);
    ck_assert_int_eq(c[2].kind, SNAP_DOM_STOPPED);
    ck_assert_int_eq(c[3].kind, SNAP_DOM_UNDEFINED);
    snap_changes_free(c, n);
    snap_free(a);
}
END_TEST

int
main(void)
{
    Suite *s = suite_create("snap");
    TCase *tc = tcase_create("snap");
    SRunner *sr;
    int failed;

    tcase_add_test(tc, t_same_is_silent);
    tcase_add_test(tc, t_driver_and_start);
    tcase_add_test(tc, t_devices_and_domains_come_and_go);
    suite_add_tcase(s, tc);
    sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
