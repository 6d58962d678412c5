/* check_core.c - Check suites for src/core: bdf, model, pci and esc */
#include <config.h>

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bdf.h"
#include "esc.h"
#include "model.h"
#include "pci.h"

START_TEST(bdf_parse_forms)
{
    struct bdf a;
    char buf[BDF_STRLEN];

    ck_assert_int_eq(bdf_parse("0000:01:00.0", &a), 0);
    ck_assert_str_eq(bdf_format(&a, buf), "0000:01:00.0");
    ck_assert_int_eq(bdf_parse("01:00.1", &a), 0);
    ck_assert_str_eq(bdf_format(&a, buf), "0000:01:00.1");
    ck_assert_int_eq(bdf_parse("pci_0000_3e_00_0", &a), 0);
    ck_assert_str_eq(bdf_format(&a, buf), "0000:3e:00.0");
    ck_assert_int_eq(bdf_parse("ABCD:FF:1F.7", &a), 0);
    ck_assert_str_eq(bdf_format(&a, buf), "abcd:ff:1f.7");
    ck_assert_uint_eq(a.domain, 0xabcd);
    ck_assert_uint_eq(a.bus, 0xff);
    ck_assert_uint_eq(a.slot, 0x1f);
    ck_assert_uint_eq(a.func, 7);
}
END_TEST

START_TEST(bdf_parse_rejects)
{
    static const char *const bad[] = {
        "", "0", "01:00", "01:00.8", "01:20.0", "0000:01:00.0 ", " 01:00.0",
        "0000-01:00.0", "g0:00.0", "pci_0000_01_00.0", "pci_0000:01:00.0",
        "00000:01:00.0", "1:00.0", "01:0.0", "01:00.00", "pci_", "zz:zz",
    };
    struct bdf a = { 1, 2, 3, 4 };
    size_t i;

    for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
        ck_assert_msg(bdf_parse(bad[i], &a) < 0, "accepted '%s'", bad[i]);
    ck_assert_int_lt(bdf_parse(NULL, &a), 0);
    /* a failed parse leaves the output alone */
    ck_assert_uint_eq(a.domain, 1);
}
END_TEST

/* What a person types, as lspci -s takes it (issue 9, item 10). */
START_TEST(bdf_parse_user_forms)
{
    static const struct {
        const char *in, *out;
        bool all;
    } good[] = {
        { "0000:01:00.0", "0000:01:00.0", false },
        { "01:00.1", "0000:01:00.1", false },
        { "pci_0000_3e_00_0", "0000:3e:00.0", false },
        { "1:0.0", "0000:01:00.0", false },
        { "1:1f.7", "0000:01:1f.7", false },
        { "0:1:0.3", "0000:01:00.3", false },
        { "a:b:c.1", "000a:0b:0c.1", false },
        { "01:00", "0000:01:00.0", true },
        { "1:0", "0000:01:00.0", true },
        { "0000:3d:00", "0000:3d:00.0", true },
    };
    static const char *const bad[] = {
        "", "0", "01", "01:00.8", "01:20.0", "01:20", "0000:01:00.0 ", " 01:00.0",
        "0000-01:00.0", "g0:00.0", "pci_0000_01_00.0", "pci_0000:01:00.0",
        "pci_0000_01_00", "00000:01:00.0", "01:00.00", "01:00.", "001:00.0",
        "01:000.0", "0:0:0:0.0", ":01:00.0", "01::00.0", "pci_", "zz:zz", "01:00.0.0",
    };
    struct bdf a = { 1, 2, 3, 4 };
    char buf[BDF_STRLEN];
    bool all = true;
    size_t i;

    for (i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
        ck_assert_msg(bdf_parse_user(good[i].in, &a, &all) == 0, "rejected '%s'", good[i].in);
        ck_assert_str_eq(bdf_format(&a, buf), good[i].out);
        ck_assert_msg(all == good[i].all, "'%s': all functions %d", good[i].in, all);
    }
    a.domain = 1;
    for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
        ck_assert_msg(bdf_parse_user(bad[i], &a, &all) < 0, "accepted '%s'", bad[i]);
    ck_assert_int_lt(bdf_parse_user(NULL, &a, &all), 0);
    ck_assert_uint_eq(a.domain, 1);
}
END_TEST

START_TEST(bdf_order)
{
    struct bdf a, b;

    bdf_parse("0000:00:1f.6", &a);
    bdf_parse("0000:01:00.0", &b);
    ck_assert_int_lt(bdf_cmp(&a, &b), 0);
    ck_assert_int_gt(bdf_cmp(&b, &a), 0);
    bdf_parse("0001:00:00.0", &a);
    ck_assert_int_gt(bdf_cmp(&a, &b), 0);
    bdf_parse("01:00.0", &a);
    ck_assert(bdf_equal(&a, &b));
}
END_TEST

/* A small host: group 1 = root port + GPU + audio, group 2 = NIC,
 * added out of order to prove model_finish sorts. */
static struct model_host *
small_host(void)
{
    static const struct {
        const char *addr;
        int group;
        enum model_header hdr;
    } devs[] = {
        { "0000:00:1f.6", 2, MODEL_HDR_NORMAL },
        { "0000:01:00.1", 1, MODEL_HDR_NORMAL },
        { "0000:00:01.0", 1, MODEL_HDR_BRIDGE },
        { "0000:01:00.0", 1, MODEL_HDR_NORMAL },
    };
    struct model_host *h = model_host_new();
    size_t i;

    ck_assert_ptr_nonnull(h);
    for (i = 0; i < sizeof(devs) / sizeof(devs[0]); i++) {
        struct bdf a;
        int k;

        ck_assert_int_eq(bdf_parse(devs[i].addr, &a), 0);
        k = model_add_dev(h, &a);
        ck_assert_int_ge(k, 0);
        h->devs[k].group = devs[i].group;
        h->devs[k].header = devs[i].hdr;
    }
    ck_assert_int_eq(model_finish(h), 0);
    return h;
}

START_TEST(model_sorted_groups)
{
    struct model_host *h = small_host();
    const struct model_group *g;
    struct bdf a;

    ck_assert(h->iommu);
    ck_assert_uint_eq(h->n_devs, 4);
    ck_assert_str_eq(h->devs[0].addr_str, "0000:00:01.0");
    ck_assert_str_eq(h->devs[3].addr_str, "0000:01:00.1");
    ck_assert_uint_eq(h->n_groups, 2);
    ck_assert_int_eq(h->groups[0].id, 1);
    ck_assert_uint_eq(h->groups[0].n_devs, 3);
    g = model_find_group(h, 2);
    ck_assert_ptr_nonnull(g);
    ck_assert_uint_eq(g->n_devs, 1);
    ck_assert_str_eq(h->devs[g->devs[0]].addr_str, "0000:00:1f.6");
    ck_assert_ptr_null(model_find_group(h, 3));
    bdf_parse("01:00.1", &a);
    ck_assert_int_eq(model_find(h, &a), 3);
    bdf_parse("02:00.0", &a);
    ck_assert_int_eq(model_find(h, &a), -1);
    ck_assert_int_eq(h->devs[0].vendor_id, MODEL_NONE);
    ck_assert_int_eq(h->devs[0].physfn, MODEL_NONE);
    model_host_free(h);
}
END_TEST

START_TEST(model_many_scattered)
{
    /* 3,000 devices added out of order, in groups that arrive scattered
     * (group of device i: (i * 7) % 500, so every group has 6 members
     * spread over the whole host), after a reservation smaller than the
     * count: every device is there in address order, every group
     * holds exactly its members in address order, and many warnings
     * keep their order. */
    struct model_host *h = model_host_new();
    size_t i, j, total = 0;
    char msg[32];

    ck_assert_ptr_nonnull(h);
    ck_assert_int_eq(model_reserve_devs(h, 100), 0);
    for (i = 0; i < 3000; i++) {
        size_t k = (i * 1237) % 3000;   /* a permutation of 0..2999 */
        struct bdf a = { 0, (unsigned int)(k / 32), (unsigned int)(k % 32 / 8 * 2), (unsigned int)(k % 8) };
        int d = model_add_dev(h, &a);

        ck_assert_int_ge(d, 0);
        h->devs[d].group = (int)((k * 7) % 500);
    }
    for (i = 0; i < 1000; i++) {
        ck_assert_int_eq(model_warn(h, "w%zu", i), 0);
    }
    ck_assert_int_eq(model_finish(h), 0);
    ck_assert_uint_eq(h->n_devs, 3000);
    for (i = 1; i < h->n_devs; i++)
        ck_assert_int_lt(bdf_cmp(&h->devs[i - 1].addr, &h->devs[i].addr), 0);
    ck_assert_uint_eq(h->n_groups, 500);
    for (i = 0; i < h->n_groups; i++) {
        const struct model_group *g = &h->groups[i];

        ck_assert_int_eq(g->id, (int)i);
        ck_assert_uint_eq(g->n_devs, 6);
        for (j = 0; j < g->n_devs; j++) {
            ck_assert_int_eq(h->devs[g->devs[j]].group, g->id);
            if (j > 0)
                ck_assert_uint_lt(g->devs[j - 1], g->devs[j]);
        }
        total += g->n_devs;
    }
    ck_assert_uint_eq(total, 3000);
    ck_assert_uint_eq(h->n_warnings, 1000);
    for (i = 0; i < 1000; i += 111) {
        snprintf(msg, sizeof(msg), "w%zu", i);
        ck_assert_str_eq(h->warnings[i], msg);
    }
    /* finishing again (devices added later) rebuilds the same groups */
    ck_assert_int_eq(model_finish(h), 0);
    ck_assert_uint_eq(h->n_groups, 500);
    model_host_free(h);
}
END_TEST

START_TEST(model_no_iommu)
{
    struct model_host *h = model_host_new();
    struct bdf a;

    bdf_parse("00:02.0", &a);
    ck_assert_int_eq(model_add_dev(h, &a), 0);
    ck_assert_int_eq(model_finish(h), 0);
    ck_assert(!h->iommu);
    ck_assert_uint_eq(h->n_groups, 0);
    model_host_free(h);
}
END_TEST

START_TEST(model_selection)
{
    struct model_host *h = small_host();
    struct model_sel *s = model_sel_new(h);

    ck_assert_int_eq(model_sel_add(s, h, "pci_0000_01_00_0"), 0);
    ck_assert_int_eq(model_sel_add(s, h, "05:00.0"), 0);
    ck_assert_int_eq(model_sel_add(s, h, "0000:05:00.0"), 0);
    ck_assert_int_eq(model_sel_add(s, h, "nonsense"), -1);
    ck_assert_uint_eq(model_sel_count(s), 1);
    ck_assert_uint_eq(s->n_unknown, 1);
    ck_assert_str_eq(s->unknown[0], "0000:05:00.0");
    /* widening adds the audio function but never the root port */
    ck_assert_uint_eq(model_sel_whole_groups(s, h), 1);
    ck_assert(s->marked[3]);
    ck_assert(!s->marked[0]);
    ck_assert(!s->marked[1]);
    ck_assert_int_eq(model_sel_group(s, h, 2), 0);
    ck_assert(s->marked[1]);
    ck_assert_int_eq(model_sel_group(s, h, 9), -1);
    ck_assert_uint_eq(model_sel_count(s), 3);
    model_sel_free(s);
    model_host_free(h);
}
END_TEST

/* "01:00" selects every function of the slot; "1:0.1" one of them; an
 * empty slot is an unknown address like any other. */
START_TEST(model_selection_slot)
{
    struct model_host *h = small_host();
    struct model_sel *s = model_sel_new(h);

    ck_assert_int_eq(model_sel_add(s, h, "01:00"), 0);
    ck_assert(s->marked[2]);
    ck_assert(s->marked[3]);
    ck_assert_uint_eq(model_sel_count(s), 2);
    ck_assert_int_eq(model_sel_add(s, h, "0:0:1f.6"), 0);
    ck_assert(s->marked[1]);
    ck_assert_int_eq(model_sel_add(s, h, "07:00"), 0);
    ck_assert_int_eq(model_sel_add(s, h, "0000:07:00"), 0);
    ck_assert_uint_eq(s->n_unknown, 1);
    ck_assert_str_eq(s->unknown[0], "0000:07:00");
    ck_assert_uint_eq(model_sel_count(s), 3);
    model_sel_free(s);
    model_host_free(h);
}
END_TEST

START_TEST(model_domains_and_uses)
{
    struct model_host *h = small_host();
    int d1, d2;

    d1 = model_add_domain(h, "win11", "uuid-1", MODEL_DOM_SHUTOFF, true);
    d2 = model_add_domain(h, "fedora", NULL, MODEL_DOM_RUNNING, true);
    ck_assert_int_eq(d1, 0);
    ck_assert_int_eq(d2, 1);
    ck_assert_int_eq(model_add_domain(h, "win11", NULL, MODEL_DOM_RUNNING, true), 0);
    ck_assert(h->domains_known);
    ck_assert_int_eq(model_add_use(h, 2, (size_t)d1, false, true), 0);
    ck_assert_int_eq(model_add_use(h, 2, (size_t)d1, true, false), 0);
    ck_assert_int_eq(model_add_use(h, 2, (size_t)d2, true, true), 0);
    ck_assert_uint_eq(h->devs[2].n_uses, 2);
    ck_assert(h->devs[2].uses[0].live && h->devs[2].uses[0].config);
    ck_assert_str_eq(model_dom_state_str(h->domains[1].state), "running");
    /* a non-PCI hostdev in both definitions is one entry */
    ck_assert_int_eq(model_add_other(h, (size_t)d1, "usb 0x046d:0xc52b", true, false), 0);
    ck_assert_int_eq(model_add_other(h, (size_t)d1, "usb 0x046d:0xc52b", false, true), 0);
    ck_assert_int_eq(model_add_other(h, (size_t)d1, "mdev U", false, true), 0);
    ck_assert_uint_eq(h->domains[0].n_other, 2);
    ck_assert(h->domains[0].other[0].live && h->domains[0].other[0].config);
    ck_assert_str_eq(h->domains[0].other[1].label, "mdev U");
    ck_assert_uint_eq(h->domains[1].n_other, 0);
    model_clear_domains(h);
    ck_assert_uint_eq(h->n_domains, 0);
    ck_assert_uint_eq(h->devs[2].n_uses, 0);
    ck_assert(!h->domains_known);
    ck_assert_int_eq(model_warn(h, "file %s unreadable", "x"), 0);
    ck_assert_str_eq(h->warnings[0], "file x unreadable");
    model_host_free(h);
    model_host_free(NULL);
    model_sel_free(NULL);
}
END_TEST

START_TEST(model_holds)
{
    struct model_host *h = small_host();
    const char *via[] = { "nvme0n1p2", "dm-0" };
    const char *other[] = { "nvme0n1p2", "dm-1" };

    ck_assert_int_eq(model_add_hold(&h->devs[1], MODEL_HOLD_MOUNT, "/", via, 2, NULL), 0);
    ck_assert_int_eq(model_add_hold(&h->devs[1], MODEL_HOLD_MOUNT, "/", via, 2, NULL), 0);
    ck_assert_uint_eq(h->devs[1].n_holds, 1);
    ck_assert_int_eq(model_add_hold(&h->devs[1], MODEL_HOLD_MOUNT, "/", other, 2, NULL), 0);
    ck_assert_int_eq(model_add_hold(&h->devs[1], MODEL_HOLD_SWAP, "/", via, 2, NULL), 0);
    ck_assert_int_eq(model_add_hold(&h->devs[1], MODEL_HOLD_SSH, NULL, NULL, 0, "eno1"), 0);
    ck_assert_int_eq(model_add_hold(&h->devs[1], MODEL_HOLD_SSH, NULL, NULL, 0, "eno1"), 0);
    ck_assert_uint_eq(h->devs[1].n_holds, 4);
    ck_assert_str_eq(h->devs[1].holds[1].via[1], "dm-1");
    ck_assert_str_eq(h->devs[1].holds[3].iface, "eno1");
    ck_assert(model_hold_is_storage(MODEL_HOLD_NETWORK));
    ck_assert(!model_hold_is_storage(MODEL_HOLD_DEFAULT_ROUTE6));
    model_host_free(h);
}
END_TEST

START_TEST(model_classes)
{
    struct model_dev d;

    memset(&d, 0, sizeof(d));
    d.class_id = 0x0300;
    ck_assert(model_dev_is_vga(&d));
    d.class_id = 0x0403;
    ck_assert(!model_dev_is_vga(&d));
    d.class_id = MODEL_NONE;
    ck_assert(!model_dev_is_vga(&d));
    d.header = MODEL_HDR_CARDBUS;
    ck_assert(model_dev_is_bridge(&d));
    d.header = MODEL_HDR_NORMAL;
    ck_assert(!model_dev_is_bridge(&d));
}
END_TEST

/* ---- esc ---------------------------------------------------------------- */

static void
text_is(const char *in, const char *want)
{
    char *got = esc_text(in);

    ck_assert_ptr_nonnull(got);
    ck_assert_str_eq(got, want);
    ck_assert(esc_utf8_valid(got));
    ck_assert(esc_text_needed(in) == (strcmp(in, want) != 0));
    free(got);
}

START_TEST(esc_text_controls)
{
    text_is("", "");
    text_is("nvidia", "nvidia");
    text_is("vfio-pci 0000:01:00.0 [10de:2204]", "vfio-pci 0000:01:00.0 [10de:2204]");
    text_is("a\nb\tc\rd", "a\\nb\\tc\\rd");
    text_is("\a\b\v\f", "\\a\\b\\v\\f");
    text_is("back\\slash", "back\\\\slash");
    text_is("\x1b[31mred\x1b[0m", "\\x1b[31mred\\x1b[0m");
    text_is("\x1b]0;title\x07", "\\x1b]0;title\\a");
    text_is("del\x7f", "del\\x7f");
    text_is("\x01\x1f", "\\x01\\x1f");
}
END_TEST

START_TEST(esc_text_utf8)
{
    /* printable UTF-8 stays */
    text_is("Gr\xc3\xa4" "fik \xe2\x80\x94 \xe6\x97\xa5\xe6\x9c\xac \xf0\x9f\x98\x80",
            "Gr\xc3\xa4" "fik \xe2\x80\x94 \xe6\x97\xa5\xe6\x9c\xac \xf0\x9f\x98\x80");
    /* C1 control CSI (U+009B) is a control, even as valid UTF-8 */
    text_is("\xc2\x9b" "31m", "\\xc2\\x9b31m");
    /* raw C1 byte, not UTF-8 */
    text_is("\x9b" "31m", "\\x9b31m");
    /* invalid: lone continuation, truncated, overlong, surrogate, > U+10FFFF */
    text_is("\x80", "\\x80");
    text_is("ab\xc3", "ab\\xc3");
    text_is("\xe2\x82", "\\xe2\\x82");
    text_is("\xc0\xaf", "\\xc0\\xaf");
    text_is("\xe0\x80\xaf", "\\xe0\\x80\\xaf");
    text_is("\xed\xa0\x80", "\\xed\\xa0\\x80");
    text_is("\xf4\x90\x80\x80", "\\xf4\\x90\\x80\\x80");
    text_is("\xff\xfe", "\\xff\\xfe");
    /* bidi override and line separator are hidden characters */
    text_is("a\xe2\x80\xae" "b", "a\\xe2\\x80\\xaeb");
    text_is("a\xe2\x80\xa8" "b", "a\\xe2\\x80\\xa8b");
    ck_assert_ptr_null(esc_text(NULL));
    ck_assert(!esc_text_needed(NULL));
}
END_TEST

static void
utf8_is(const char *in, const char *want)
{
    char *got = esc_utf8(in);

    ck_assert_ptr_nonnull(got);
    ck_assert_str_eq(got, want);
    ck_assert(esc_utf8_valid(got));
    ck_assert(esc_utf8_valid(in) == (strcmp(in, want) == 0));
    free(got);
}

START_TEST(esc_utf8_repair)
{
    utf8_is("", "");
    utf8_is("plain \x1b[0m\n", "plain \x1b[0m\n");
    utf8_is("\xc3\xa4\xe6\x97\xa5\xf0\x9f\x98\x80", "\xc3\xa4\xe6\x97\xa5\xf0\x9f\x98\x80");
    utf8_is("a\xff" "b", "a\xef\xbf\xbd" "b");
    utf8_is("\xc3", "\xef\xbf\xbd");
    utf8_is("\xc0\xaf", "\xef\xbf\xbd\xef\xbf\xbd");
    utf8_is("\xed\xa0\x80", "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");
    utf8_is("\xe2\x82" "x", "\xef\xbf\xbd\xef\xbf\xbd" "x");
    ck_assert_ptr_null(esc_utf8(NULL));
    ck_assert(!esc_utf8_valid(NULL));
}
END_TEST

START_TEST(esc_xml_refs)
{
    static const struct {
        const char *in, *want;
    } t[] = {
        { "<name>plain \\ back</name>\n", "<name>plain \\ back</name>\n" },
        { "\t<a/>\r\n", "\t<a/>\r\n" },
        { "<name>g\xc2\x9b" "2J\xe2\x80\xae" "x</name>", "<name>g&#x9b;2J&#x202e;x</name>" },
        { "\xc3\xa4\xe6\x97\xa5", "\xc3\xa4\xe6\x97\xa5" },
        { "a\x1b[0m\rb\x7f\xff", "a\\x1b[0m\\x0db\\x7f\\xff" },
    };
    size_t i;

    for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
        char *got = esc_xml(t[i].in);

        ck_assert_ptr_nonnull(got);
        ck_assert_str_eq(got, t[i].want);
        ck_assert(esc_utf8_valid(got));
        free(got);
    }
    ck_assert_ptr_null(esc_xml(NULL));
}
END_TEST

START_TEST(esc_pool_use)
{
    struct esc_pool ep = ESC_POOL_INIT;
    const char *plain = "plain";
    const char *a, *b;

    ck_assert_ptr_eq(esc_pool_text(&ep, plain), plain);
    ck_assert_ptr_null(esc_pool_text(&ep, NULL));
    a = esc_pool_text(&ep, "x\x1b");
    b = esc_pool_text(&ep, "y\n");
    ck_assert_str_eq(a, "x\\x1b");
    ck_assert_str_eq(b, "y\\n");
    ck_assert_uint_eq(ep.n, 2);
    esc_pool_clear(&ep);
    ck_assert_uint_eq(ep.n, 0);
    ck_assert_str_eq(esc_pool_text(&ep, "\t"), "\\t");
    esc_pool_clear(&ep);
    esc_pool_clear(NULL);
}
END_TEST

/* The class decides where config space was not read (a remote host,
 * or libpci could not read it); config space wins where it was. */
START_TEST(pci_header_rule)
{
    /* from the class alone */
    ck_assert_int_eq(pci_header(MODEL_NONE, -1), MODEL_HDR_UNKNOWN);
    ck_assert_int_eq(pci_header(0x0604, -1), MODEL_HDR_BRIDGE);
    ck_assert_int_eq(pci_header(0x0609, -1), MODEL_HDR_BRIDGE);
    ck_assert_int_eq(pci_header(0x0607, -1), MODEL_HDR_CARDBUS);
    ck_assert_int_eq(pci_header(0x0600, -1), MODEL_HDR_NORMAL);    /* host bridge */
    ck_assert_int_eq(pci_header(0x0601, -1), MODEL_HDR_NORMAL);    /* ISA bridge */
    ck_assert_int_eq(pci_header(0x0680, -1), MODEL_HDR_NORMAL);    /* other bridge */
    ck_assert_int_eq(pci_header(0x0300, -1), MODEL_HDR_NORMAL);
    ck_assert_int_eq(pci_header(0x0c03, -1), MODEL_HDR_NORMAL);
    /* 0xff is what a missing or short config file reads as */
    ck_assert_int_eq(pci_header(0x0604, 0xff), MODEL_HDR_BRIDGE);
    ck_assert_int_eq(pci_header(0x0680, 0xff), MODEL_HDR_NORMAL);
    /* config space wins; the multi-function bit does not count */
    ck_assert_int_eq(pci_header(0x0604, 0x00), MODEL_HDR_NORMAL);
    ck_assert_int_eq(pci_header(0x0680, 0x01), MODEL_HDR_BRIDGE);
    ck_assert_int_eq(pci_header(0x0604, 0x81), MODEL_HDR_BRIDGE);
    ck_assert_int_eq(pci_header(0x0607, 0x82), MODEL_HDR_CARDBUS);
    ck_assert_int_eq(pci_header(MODEL_NONE, 0x01), MODEL_HDR_BRIDGE);
    ck_assert_int_eq(pci_header(0x0604, 0x03), MODEL_HDR_UNKNOWN);
    ck_assert_int_eq(pci_header(0x0604, 0x7f), MODEL_HDR_UNKNOWN);
    /* config space is worth reading for bridge classes only */
    ck_assert(pci_header_needs_config(0x0604));
    ck_assert(pci_header_needs_config(0x0680));
    ck_assert(!pci_header_needs_config(0x0300));
    ck_assert(!pci_header_needs_config(MODEL_NONE));
}
END_TEST

START_TEST(pci_driver_kinds)
{
    ck_assert_int_eq(pci_driver_kind(NULL), PCI_DRIVER_NONE);
    ck_assert_int_eq(pci_driver_kind(""), PCI_DRIVER_NONE);
    ck_assert_int_eq(pci_driver_kind("vfio-pci"), PCI_DRIVER_VFIO);
    ck_assert_int_eq(pci_driver_kind("mlx5_vfio_pci"), PCI_DRIVER_VFIO);
    ck_assert_int_eq(pci_driver_kind("pci-stub"), PCI_DRIVER_STUB);
    ck_assert_int_eq(pci_driver_kind("pcieport"), PCI_DRIVER_BRIDGE_PORT);
    ck_assert_int_eq(pci_driver_kind("snd_hda_intel"), PCI_DRIVER_HOST);
    ck_assert_int_eq(pci_driver_kind("shpchp"), PCI_DRIVER_HOST);
    ck_assert_int_eq(pci_driver_kind("pci-stub2"), PCI_DRIVER_HOST);
    /* driver_managed_dma: what does not keep VFIO from a group */
    ck_assert(pci_driver_managed_dma(PCI_DRIVER_NONE));
    ck_assert(pci_driver_managed_dma(PCI_DRIVER_VFIO));
    ck_assert(pci_driver_managed_dma(PCI_DRIVER_STUB));
    ck_assert(pci_driver_managed_dma(PCI_DRIVER_BRIDGE_PORT));
    ck_assert(!pci_driver_managed_dma(PCI_DRIVER_HOST));
}
END_TEST

START_TEST(pci_label)
{
    struct model_dev d;

    memset(&d, 0, sizeof(d));
    ck_assert_str_eq(pci_dev_label(&d), "unknown device");
    d.class_name = (char *)"VGA compatible controller";
    ck_assert_str_eq(pci_dev_label(&d), "VGA compatible controller");
    d.device_name = (char *)"GA102 [GeForce RTX 3080]";
    ck_assert_str_eq(pci_dev_label(&d), "GA102 [GeForce RTX 3080]");
}
END_TEST

/* The tree's class column: exact class first, then the base class,
 * NULL for what the caller must name itself. */
START_TEST(pci_short_class)
{
    ck_assert_str_eq(pci_class_short(0x0300), "VGA");
    ck_assert_str_eq(pci_class_short(0x0403), "Audio");
    ck_assert_str_eq(pci_class_short(0x0200), "Ethernet");
    ck_assert_str_eq(pci_class_short(0x0108), "NVMe");
    ck_assert_str_eq(pci_class_short(0x0c03), "USB");
    ck_assert_str_eq(pci_class_short(0x0106), "SATA");
    ck_assert_str_eq(pci_class_short(0x0604), "PCI bridge");
    ck_assert_str_eq(pci_class_short(0x0c80), "Serial bus");     /* base class */
    ck_assert_str_eq(pci_class_short(0xff00), "Unassigned");
    ck_assert_ptr_null(pci_class_short(0x2000));                 /* no such base */
    ck_assert_ptr_null(pci_class_short(MODEL_NONE));
}
END_TEST

static Suite *
core_suite(void)
{
    Suite *s = suite_create("core");
    TCase *tc = tcase_create("bdf");

    tcase_add_test(tc, bdf_parse_forms);
    tcase_add_test(tc, bdf_parse_rejects);
    tcase_add_test(tc, bdf_parse_user_forms);
    tcase_add_test(tc, bdf_order);
    suite_add_tcase(s, tc);
    tc = tcase_create("model");
    tcase_add_test(tc, model_sorted_groups);
    tcase_add_test(tc, model_no_iommu);
    tcase_add_test(tc, model_many_scattered);
    tcase_add_test(tc, model_selection);
    tcase_add_test(tc, model_selection_slot);
    tcase_add_test(tc, model_domains_and_uses);
    tcase_add_test(tc, model_classes);
    tcase_add_test(tc, model_holds);
    suite_add_tcase(s, tc);
    tc = tcase_create("pci");
    tcase_add_test(tc, pci_header_rule);
    tcase_add_test(tc, pci_driver_kinds);
    tcase_add_test(tc, pci_short_class);
    tcase_add_test(tc, pci_label);
    suite_add_tcase(s, tc);
    tc = tcase_create("esc");
    tcase_add_test(tc, esc_text_controls);
    tcase_add_test(tc, esc_text_utf8);
    tcase_add_test(tc, esc_utf8_repair);
    tcase_add_test(tc, esc_xml_refs);
    tcase_add_test(tc, esc_pool_use);
    suite_add_tcase(s, tc);
    return s;
}

int
main(void)
{
    SRunner *sr = srunner_create(core_suite());
    int failed;

    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
