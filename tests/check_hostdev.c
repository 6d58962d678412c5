/* check_hostdev.c - Check suite for src/virt/hostdev: XML built with
 * libxml2, and domain files edited without disturbing any other byte
 * (the atomic writes are check_atomicfile's). */
#include <config.h>

#include <check.h>

#include "testutil.h"
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

#include "virt/domedit.h"
#include "virt/domfile.h"
#include "virt/hostdev.h"

static char *
domfile(const char *name)
{
    const char *top = getenv("top_srcdir") ? getenv("top_srcdir") : ".";
    char path[4096];
    char *t;

    snprintf(path, sizeof(path), "%s/tests/domains/%s", top, name);
    t = test_slurp(path);
    ck_assert_msg(t != NULL, "cannot read %s", path);
    return t;
}

static struct bdf
A(const char *s)
{
    struct bdf a;

    ck_assert_int_eq(bdf_parse(s, &a), 0);
    return a;
}

START_TEST(t_xml_one)
{
    struct bdf a = A("0000:3d:00.0");
    char *x = hostdev_xml_one(&a, true);

    ck_assert_str_eq(x,
        "<hostdev mode=\"subsystem\" type=\"pci\" managed=\"yes\">\n"
        "  <source>\n"
        "    <address domain=\"0x0000\" bus=\"0x3d\" slot=\"0x00\" function=\"0x0\"/>\n"
        "  </source>\n"
        "</hostdev>\n");
    free(x);
    a = A("abcd:01:1f.7");
    x = hostdev_xml_one(&a, false);
    ck_assert_ptr_nonnull(strstr(x, "managed=\"no\""));
    ck_assert_ptr_nonnull(strstr(x, "domain=\"0xabcd\" bus=\"0x01\" slot=\"0x1f\" function=\"0x7\""));
    free(x);
}
END_TEST

START_TEST(t_domain_devices)
{
    char *t = domfile("win11.xml");
    struct bdf *v = NULL;
    size_t n = 0;
    char *err = NULL;
    char *name;

    ck_assert_int_eq(hostdev_domain_devices(t, &v, &n, &err), 0);
    /* the PCI hostdev and the hostdev interface; not the USB hostdev */
    ck_assert_uint_eq(n, 2);
    ck_assert(bdf_equal(&v[0], &(struct bdf){ 0, 2, 0, 0 }));
    ck_assert(bdf_equal(&v[1], &(struct bdf){ 0, 5, 0x10, 0 }));
    free(v);
    name = hostdev_domain_name(t);
    ck_assert_str_eq(name, "win11");
    free(name);
    free(t);
}
END_TEST

/* The hostdevs that are not PCI, for the domain screen: the USB one,
 * never the PCI hostdev or the hostdev interface. */
START_TEST(t_domain_others)
{
    char *t = domfile("win11.xml");
    char **v = NULL;
    size_t n = 0;

    ck_assert_int_eq(hostdev_domain_others(t, &v, &n), 0);
    ck_assert_uint_eq(n, 1);
    ck_assert_str_eq(v[0], "usb 0x046d:0xc52b");
    free(v[0]);
    free(v);
    free(t);
    t = domfile("domscreen.xml");
    /* a <node> of the test driver is no domain: refused, nothing out */
    ck_assert_int_lt(hostdev_domain_others(t, &v, &n), 0);
    ck_assert_uint_eq(n, 0);
    free(t);
    ck_assert_int_eq(hostdev_domain_others("<domain><devices><hostdev mode='subsystem' type='mdev'>"
                                           "<source><address uuid='c2177883-f1bb-47f0-914d-32a22e3a8804'/>"
                                           "</source></hostdev><hostdev mode='capabilities' type='storage'/>"
                                           "</devices></domain>", &v, &n), 0);
    ck_assert_uint_eq(n, 2);
    ck_assert_str_eq(v[0], "mdev c2177883-f1bb-47f0-914d-32a22e3a8804");
    ck_assert_str_eq(v[1], "storage");
    free(v[0]);
    free(v[1]);
    free(v);
}
END_TEST

START_TEST(t_refusals)
{
    char *t = domfile("win11.xml");
    char *err = NULL;
    struct bdf a[2] = { A("01:00.0"), A("02:00.0") };
    struct bdf *v;
    size_t n;

    ck_assert_ptr_null(domedit_add(t, a, 2, true, &err));
    ck_assert_ptr_nonnull(strstr(err, "0000:02:00.0"));
    free(err);
    err = NULL;
    /* the same device twice in one request */
    a[1] = a[0];
    ck_assert_ptr_null(domedit_add(t, a, 2, true, &err));
    free(err);
    err = NULL;
    ck_assert_ptr_null(domedit_remove(t, a, 1, &err));
    ck_assert_ptr_nonnull(strstr(err, "0000:01:00.0"));
    free(err);
    err = NULL;
    free(t);

    t = domfile("network.xml");
    ck_assert_int_lt(hostdev_domain_devices(t, &v, &n, &err), 0);
    ck_assert_ptr_nonnull(strstr(err, "<network>"));
    free(err);
    err = NULL;
    ck_assert_ptr_null(domedit_add(t, a, 1, true, &err));
    free(err);
    err = NULL;
    free(t);

    t = domfile("broken.xml");
    ck_assert_int_lt(hostdev_domain_devices(t, &v, &n, &err), 0);
    ck_assert_ptr_nonnull(strstr(err, "malformed XML"));
    free(err);
    free(t);
}
END_TEST

/* Every line of @orig must appear, in order, in @edited; the other
 * lines of @edited are exactly @inserted lines. */
static void
only_inserted(const char *orig, const char *edited, size_t inserted)
{
    const char *o = orig, *e = edited;
    size_t extra = 0;

    while (*e) {
        const char *oe = strchr(o, '\n'), *ee = strchr(e, '\n');
        size_t ol = oe ? (size_t)(oe - o) : strlen(o);
        size_t el = ee ? (size_t)(ee - e) : strlen(e);

        if (*o && ol == el && memcmp(o, e, ol) == 0) {
            o += ol + (oe ? 1 : 0);
        } else {
            extra++;
        }
        e += el + (ee ? 1 : 0);
    }
    ck_assert_msg(*o == '\0', "original text was lost at: %.60s", o);
    ck_assert_uint_eq(extra, inserted);
}

START_TEST(t_add_remove_keeps_everything)
{
    char *t = domfile("win11.xml");
    struct bdf a[2] = { A("01:00.0"), A("01:00.1") };
    char *err = NULL;
    char *added, *removed;
    struct bdf *v;
    size_t n;

    added = domedit_add(t, a, 2, true, &err);
    ck_assert_msg(added != NULL, "%s", err);
    only_inserted(t, added, 10);
    ck_assert_ptr_nonnull(strstr(added, "passwd='s3cret-pass'"));
    ck_assert_ptr_nonnull(strstr(added,
        "    <hostdev mode=\"subsystem\" type=\"pci\" managed=\"yes\">\n"
        "      <source>\n"
        "        <address domain=\"0x0000\" bus=\"0x01\" slot=\"0x00\" function=\"0x1\"/>\n"
        "      </source>\n"
        "    </hostdev>\n"
        "  </devices>\n"));
    ck_assert_int_eq(hostdev_domain_devices(added, &v, &n, &err), 0);
    ck_assert_uint_eq(n, 4);
    free(v);

    removed = domedit_remove(added, a, 2, &err);
    ck_assert_msg(removed != NULL, "%s", err);
    ck_assert_str_eq(removed, t);
    free(removed);
    /* removing a device that was in the original file */
    a[0] = A("02:00.0");
    removed = domedit_remove(t, a, 1, &err);
    ck_assert_msg(removed != NULL, "%s", err);
    only_inserted(removed, t, 6);
    free(removed);
    free(added);
    free(t);
}
END_TEST

/* ---- edits compared byte for byte with expected files -------------- */

static size_t
addr_list(const char *s, struct bdf *v, size_t max)
{
    char *copy = strdup(s), *tok, *save = NULL;
    size_t n = 0;

    for (tok = strtok_r(copy, " ", &save); tok; tok = strtok_r(NULL, " ", &save)) {
        ck_assert_uint_lt(n, max);
        v[n++] = A(tok);
    }
    free(copy);
    return n;
}

static const struct edit_case {
    const char *in;             /* tests/domains/edit/IN */
    bool add;
    const char *addrs;
    const char *out;            /* expected text; NULL: refused */
    const char *err;            /* ... with this in the message */
    bool roundtrip;             /* removing what was added gives IN back */
} edit_cases[] = {
    { "crlf.xml", true, "01:00.0 01:00.1", "crlf.add.xml", NULL, true },
    { "tabs.xml", true, "01:00.0", "tabs.add.xml", NULL, true },
    { "empty-devices.xml", true, "01:00.0", "empty-devices.add.xml", NULL, false },
    { "empty-devices-space.xml", true, "01:00.0", "empty-devices-space.add.xml", NULL, false },
    { "no-devices.xml", true, "01:00.0 01:00.1", "no-devices.add.xml", NULL, false },
    { "traps.xml", true, "01:00.0", "traps.add.xml", NULL, true },
    { "traps.xml", false, "02:00.0", "traps.rm.xml", NULL, false },
    { "oneline.xml", false, "03:00.0", "oneline.rm1.xml", NULL, false },
    { "oneline.xml", false, "03:00.0 03:00.1", "oneline.rm2.xml", NULL, false },
    { "oneline.xml", false, "03:00.1 04:00.0", "oneline.rm3.xml", NULL, false },
    { "multiline-tag.xml", false, "05:00.0", "multiline-tag.rm.xml", NULL, false },
    { "dup3.xml", false, "07:00.0", "dup3.rm.xml", NULL, false },
    { "radix.xml", false, "01:08.1 0a:1f.7", "radix.rm.xml", NULL, false },
    { "compact.xml", true, "01:00.0", "compact.add.xml", NULL, false },
    { "dup3.xml", true, "07:00.0", NULL, "already has host device 0000:07:00.0", false },
    { "dup3.xml", false, "07:00.0 07:00.0 07:00.0", NULL, "0000:07:00.0 is given more than once", false },
    { "crlf.xml", true, "01:00.0 01:00.0", NULL, "0000:01:00.0 is given more than once", false },
    { "radix.xml", false, "ff:00.0", NULL, "has no host device 0000:ff:00.0", false },
    { "entity.xml", true, "02:00.0", NULL, "entities", false },
    { "entity.xml", false, "01:00.0", NULL, "entities", false },
    { "two-devices.xml", false, "01:00.0", NULL, "more than one <devices>", false },
    { "two-devices.xml", true, "02:00.0", NULL, "more than one <devices>", false },
    /* an address libvirt would refuse: it may be any device, so no edit */
    { "bad-address.xml", true, "02:00.0", NULL, "<hostdev> at line 9 has no PCI address", false },
    { "bad-address.xml", false, "01:00.0", NULL, "<hostdev> at line 9 has no PCI address", false },
    { "bad-domain.xml", true, "03:00.0", NULL, "<hostdev> at line 9 has no PCI address", false },
};

START_TEST(t_edit_case)
{
    const struct edit_case *c = &edit_cases[_i];
    char path[256];
    char *in, *want = NULL, *got, *back, *err = NULL;
    struct bdf a[8];
    size_t n = addr_list(c->addrs, a, 8);

    snprintf(path, sizeof(path), "edit/%s", c->in);
    in = domfile(path);
    got = c->add ? domedit_add(in, a, n, true, &err)
                 : domedit_remove(in, a, n, &err);
    if (!c->out) {
        ck_assert_msg(got == NULL, "%s: the edit was not refused", c->in);
        ck_assert_msg(err && strstr(err, c->err), "%s: message \"%s\" lacks \"%s\"",
                      c->in, err ? err : "(none)", c->err);
        free(err);
        free(in);
        return;
    }
    ck_assert_msg(got != NULL, "%s: %s", c->in, err ? err : "?");
    snprintf(path, sizeof(path), "edit/%s", c->out);
    want = domfile(path);
    ck_assert_msg(strcmp(got, want) == 0, "%s: got\n%s\nexpected\n%s", c->in, got, want);
    if (c->roundtrip) {
        back = domedit_remove(got, a, n, &err);
        ck_assert_msg(back != NULL, "%s: %s", c->in, err ? err : "?");
        ck_assert_str_eq(back, in);
        free(back);
    }
    free(got);
    free(want);
    free(in);
}
END_TEST

/* The fuzzer's crashes, as plain strings: two hostdevs on one line,
 * a start tag over several lines, one address three times. */
START_TEST(t_fuzz_crashes)
{
    static const char three[] =
        "<domain><devices><hostdev type='pci'><source><address bus='1' slot='0' function='0'/>"
        "</source></hostdev><hostdev type='pci'><source><address bus='1' slot='0' function='0'/>"
        "</source></hostdev>\n<hostdev type='pci'><source><address bus='1' slot='0' function='0'/>"
        "</source></hostdev></devices></domain>";
    static const char span[] =
        "<domain><devices><hostdev\ntype='pci'\n><source><address bus='1' slot='0' function='0'\n"
        "/></source></hostdev></devices></domain>\n";
    struct bdf a = A("01:00.0");
    char *err = NULL, *got;

    got = domedit_remove(three, &a, 1, &err);
    ck_assert_msg(got != NULL, "%s", err ? err : "?");
    ck_assert_str_eq(got, "<domain><devices>\n</devices></domain>");
    free(got);
    got = domedit_remove(span, &a, 1, &err);
    ck_assert_msg(got != NULL, "%s", err ? err : "?");
    ck_assert_str_eq(got, "<domain><devices></devices></domain>\n");
    free(got);
    /* no address at all (found by fuzzing the new code): no change */
    got = domedit_add(span, &a, 0, true, &err);
    ck_assert_msg(got != NULL, "%s", err ? err : "?");
    ck_assert_str_eq(got, span);
    free(got);
    got = domedit_remove(span, &a, 0, &err);
    ck_assert_msg(got != NULL, "%s", err ? err : "?");
    ck_assert_str_eq(got, span);
    free(got);
}
END_TEST

/* Every truncation of the tricky files is refused or edited; none may
 * crash (the suite runs under ASan) or return a document that lost a
 * byte outside the edit. */
START_TEST(t_truncations)
{
    static const char *const files[] = {
        "edit/traps.xml", "edit/oneline.xml", "edit/multiline-tag.xml", "edit/crlf.xml",
    };
    struct bdf a[2] = { A("02:00.0"), A("03:00.0") };
    size_t f, cut;

    for (f = 0; f < sizeof(files) / sizeof(files[0]); f++) {
        char *t = domfile(files[f]);
        size_t len = strlen(t);

        for (cut = 0; cut <= len; cut++) {
            char *err = NULL, *got;
            char saved = t[cut];

            t[cut] = '\0';
            got = domedit_add(t, a, 1, true, &err);
            if (got)
                ck_assert_uint_gt(strlen(got), cut);
            free(got);
            free(err);
            err = NULL;
            got = domedit_remove(t, a, 1, &err);
            if (got)
                ck_assert_uint_lt(strlen(got), cut);
            free(got);
            free(err);
            err = NULL;
            got = domedit_remove(t, &a[1], 1, &err);
            free(got);
            free(err);
            t[cut] = saved;
        }
        free(t);
    }
}
END_TEST

START_TEST(t_radix)
{
    char *t = domfile("edit/radix.xml");
    struct bdf *v = NULL;
    size_t n = 0;
    char *err = NULL;

    ck_assert_int_eq(hostdev_domain_devices(t, &v, &n, &err), 0);
    /* bus='1' slot='010' (octal) function='0X1'; decimal slot='31',
     * as libvirt reads them */
    ck_assert_uint_eq(n, 2);
    ck_assert(bdf_equal(&v[0], &(struct bdf){ 0, 1, 8, 1 }));
    ck_assert(bdf_equal(&v[1], &(struct bdf){ 0, 0xa, 0x1f, 7 }));
    free(v);
    free(t);
}
END_TEST

/* What F7 does: a new path gets the document `xml` prints; an existing
 * file gets the hostdevs added, keeps its previous version as FILE~,
 * and an address it already has is refused with the file untouched. */
START_TEST(t_domfile_save)
{
    struct bdf a[2] = { A("01:00.0"), A("01:00.1") };
    char dir[] = "/tmp/check_hostdev.XXXXXX";
    char p[256], bak[256], cmd[128];
    char *err = NULL, *got, *want;
    struct bdf *v = NULL;
    size_t n = 0;

    ck_assert_ptr_nonnull(mkdtemp(dir));
    snprintf(p, sizeof(p), "%s/gpu.xml", dir);
    snprintf(bak, sizeof(bak), "%s/gpu.xml~", dir);
    ck_assert_msg(domfile_save(p, a, 1, true, &err) == 0, "%s", err ? err : "?");
    got = test_slurp(p);
    want = hostdev_xml_doc(a, 1, true);
    ck_assert_str_eq(got, want);
    ck_assert_int_eq(access(bak, F_OK), -1);
    ck_assert_msg(domfile_save(p, &a[1], 1, true, &err) == 0, "%s", err ? err : "?");
    free(got);
    got = test_slurp(bak);
    ck_assert_str_eq(got, want);
    free(got);
    got = test_slurp(p);
    ck_assert_int_eq(hostdev_file_devices(got, &v, &n, &err), 0);
    ck_assert_uint_eq(n, 2);
    ck_assert_int_lt(domfile_save(p, a, 1, true, &err), 0);
    ck_assert_ptr_nonnull(strstr(err, "01:00.0"));
    free(want);
    want = test_slurp(p);
    ck_assert_str_eq(want, got);
    free(err);
    free(got);
    free(want);
    free(v);
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
    ck_assert_int_eq(system(cmd), 0);
}
END_TEST

/* The documents `xml` prints and `write` creates are one document each,
 * and every one of them reads back and takes more hostdevs. */
START_TEST(t_file_kinds)
{
    struct bdf a[3] = { A("01:00.0"), A("01:00.1"), A("02:00.0") };
    struct bdf *v = NULL;
    size_t n = 0;
    char *err = NULL, *one, *two, *got;

    one = hostdev_xml_doc(a, 1, true);
    ck_assert_ptr_nonnull(one);
    ck_assert(strncmp(one, "<hostdev ", 9) == 0);
    two = hostdev_xml_doc(a, 2, true);
    ck_assert_str_eq(two,
        "<devices>\n"
        "  <hostdev mode=\"subsystem\" type=\"pci\" managed=\"yes\">\n"
        "    <source>\n"
        "      <address domain=\"0x0000\" bus=\"0x01\" slot=\"0x00\" function=\"0x0\"/>\n"
        "    </source>\n"
        "  </hostdev>\n"
        "  <hostdev mode=\"subsystem\" type=\"pci\" managed=\"yes\">\n"
        "    <source>\n"
        "      <address domain=\"0x0000\" bus=\"0x01\" slot=\"0x00\" function=\"0x1\"/>\n"
        "    </source>\n"
        "  </hostdev>\n"
        "</devices>\n");
    ck_assert_int_eq(hostdev_file_devices(two, &v, &n, &err), 0);
    ck_assert_uint_eq(n, 2);
    free(v);
    ck_assert_int_eq(hostdev_file_devices(one, &v, &n, &err), 0);
    ck_assert_uint_eq(n, 1);
    ck_assert(bdf_equal(&v[0], &a[0]));
    free(v);
    /* libvirt's domain XML is never one of these */
    ck_assert_int_lt(hostdev_domain_devices(two, &v, &n, &err), 0);
    ck_assert_ptr_null(domedit_add(one, &a[1], 1, true, &err));
    free(err);
    err = NULL;

    /* a <hostdev> with a second device is what xml prints for both */
    got = domedit_file_add(one, &a[1], 1, true, &err);
    ck_assert_msg(got != NULL, "%s", err ? err : "?");
    ck_assert_str_eq(got, two);
    free(got);
    /* a <devices> gets the new one at its end */
    got = domedit_file_add(two, &a[2], 1, true, &err);
    ck_assert_msg(got != NULL, "%s", err ? err : "?");
    ck_assert(strncmp(got, two, strlen(two) - strlen("</devices>\n")) == 0);
    ck_assert_int_eq(hostdev_file_devices(got, &v, &n, &err), 0);
    ck_assert_uint_eq(n, 3);
    free(v);
    free(got);
    /* already there */
    ck_assert_ptr_null(domedit_file_add(two, &a[1], 1, true, &err));
    ck_assert_ptr_nonnull(strstr(err, "already has host device 0000:01:00.1"));
    free(err);
    err = NULL;
    free(one);
    free(two);
}
END_TEST

/* A hand-kept <hostdev> file: comments, a declaration, CRLF, tabs and
 * extra children stay; only line-start blanks before tags are added. */
START_TEST(t_file_hostdev_wrap)
{
    struct bdf a = A("02:00.0");
    const char *in =
        "<?xml version=\"1.0\"?>\r\n"
        "<!-- the GPU -->\r\n"
        "<hostdev mode='subsystem' type='pci' managed='yes'>\r\n"
        "\t<source>\r\n"
        "\t\t<address domain='0x0000' bus='0x01' slot='0x00' function='0x0'/>\r\n"
        "\t</source>\r\n"
        "\t<rom bar='off'/><!-- keep -->\r\n"
        "</hostdev>\r\n"
        "<!-- end -->\r\n";
    const char *want =
        "<?xml version=\"1.0\"?>\r\n"
        "<!-- the GPU -->\r\n"
        "<devices>\r\n"
        "\t<hostdev mode='subsystem' type='pci' managed='yes'>\r\n"
        "\t\t<source>\r\n"
        "\t\t\t<address domain='0x0000' bus='0x01' slot='0x00' function='0x0'/>\r\n"
        "\t\t</source>\r\n"
        "\t\t<rom bar='off'/><!-- keep -->\r\n"
        "\t</hostdev>\r\n"
        "\t<hostdev mode=\"subsystem\" type=\"pci\" managed=\"yes\">\r\n"
        "\t\t<source>\r\n"
        "\t\t\t<address domain=\"0x0000\" bus=\"0x02\" slot=\"0x00\" function=\"0x0\"/>\r\n"
        "\t\t</source>\r\n"
        "\t</hostdev>\r\n"
        "</devices>\r\n"
        "<!-- end -->\r\n";
    char *err = NULL, *got;

    got = domedit_file_add(in, &a, 1, true, &err);
    ck_assert_msg(got != NULL, "%s", err ? err : "?");
    ck_assert_str_eq(got, want);
    free(got);
    /* on one line, and <devices/>: still one document */
    got = domedit_file_add("<hostdev type='pci'><source><address bus='1' slot='0' function='0'/>"
                           "</source></hostdev>", &a, 1, true, &err);
    ck_assert_msg(got != NULL, "%s", err ? err : "?");
    ck_assert(strncmp(got, "<devices>\n  <hostdev type='pci'>", 32) == 0);
    free(got);
    got = domedit_file_add("<devices/>\n", &a, 1, true, &err);
    ck_assert_msg(got != NULL, "%s", err ? err : "?");
    ck_assert(strncmp(got, "<devices>\n  <hostdev ", 21) == 0);
    free(got);
    /* a USB hostdev, or another root: refused */
    ck_assert_ptr_null(domedit_file_add("<hostdev mode='subsystem' type='usb'/>", &a, 1, true, &err));
    ck_assert_ptr_nonnull(strstr(err, "not a PCI host device"));
    ck_assert_ptr_null(domedit_file_add("<network/>", &a, 1, true, &err));
    ck_assert_ptr_nonnull(strstr(err, "not a libvirt domain, <devices> or <hostdev>"));
    free(err);
}
END_TEST

/* mdevs: added after the PCI ones with every other byte kept, refused
 * when the document has them (in any case), read back from a file of
 * one mdev, and kept by a removal of PCI devices. */
START_TEST(t_mdev_edit)
{
    struct bdf a = A("02:00.0");
    struct hostdev_mdev m[2] = {
        { "4b20d080-1b54-4048-85b3-a6a62d165c01", true, false },
        { "c3a8e2f1-5d47-4b6e-9a02-7f1e3b4c5d6e", false, false },
    };
    const char *dom =
        "<domain type='kvm'>\r\n"
        "\t<name>g</name><!-- keep -->\r\n"
        "\t<devices>\r\n"
        "\t\t<hostdev mode='subsystem' type='mdev' model='vfio-pci'>\r\n"
        "\t\t\t<source><address uuid='C3A8E2F1-5D47-4B6E-9A02-7F1E3B4C5D6E'/></source>\r\n"
        "\t\t</hostdev>\r\n"
        "\t</devices>\r\n"
        "</domain>\r\n";
    const char *want =
        "<domain type='kvm'>\r\n"
        "\t<name>g</name><!-- keep -->\r\n"
        "\t<devices>\r\n"
        "\t\t<hostdev mode='subsystem' type='mdev' model='vfio-pci'>\r\n"
        "\t\t\t<source><address uuid='C3A8E2F1-5D47-4B6E-9A02-7F1E3B4C5D6E'/></source>\r\n"
        "\t\t</hostdev>\r\n"
        "\t\t<hostdev mode=\"subsystem\" type=\"pci\" managed=\"yes\">\r\n"
        "\t\t\t<source>\r\n"
        "\t\t\t\t<address domain=\"0x0000\" bus=\"0x02\" slot=\"0x00\" function=\"0x0\"/>\r\n"
        "\t\t\t</source>\r\n"
        "\t\t</hostdev>\r\n"
        "\t\t<hostdev mode=\"subsystem\" type=\"mdev\" model=\"vfio-pci\" display=\"on\" ramfb=\"on\">\r\n"
        "\t\t\t<source>\r\n"
        "\t\t\t\t<address uuid=\"4b20d080-1b54-4048-85b3-a6a62d165c01\"/>\r\n"
        "\t\t\t</source>\r\n"
        "\t\t</hostdev>\r\n"
        "\t</devices>\r\n"
        "</domain>\r\n";
    char *err = NULL, *got, *back, *one;
    struct bdf *have = NULL;
    size_t n_have = 9;

    got = domedit_file_add_all(dom, &a, 1, m, 1, true, &err);
    ck_assert_msg(got != NULL, "%s", err ? err : "?");
    ck_assert_str_eq(got, want);
    /* the PCI device out again: the mdevs stay */
    back = domedit_remove(got, &a, 1, &err);
    ck_assert_msg(back != NULL, "%s", err ? err : "?");
    ck_assert_ptr_nonnull(strstr(back, "4b20d080-1b54-4048-85b3-a6a62d165c01"));
    free(back);
    free(got);
    /* the domain has the NVIDIA one, in upper case: refused */
    ck_assert_ptr_null(domedit_file_add_all(dom, NULL, 0, &m[1], 1, true, &err));
    ck_assert_str_eq(err, "the domain already has mdev c3a8e2f1-5d47-4b6e-9a02-7f1e3b4c5d6e");
    ck_assert_ptr_null(domedit_file_add_all(dom, NULL, 0, (struct hostdev_mdev[]){ m[0], m[0] }, 2,
                                            true, &err));
    ck_assert_ptr_nonnull(strstr(err, "more than once"));
    /* a file of one mdev (what xml and write make) reads back and grows */
    one = hostdev_xml_doc_all(NULL, 0, m, 1, true);
    ck_assert_int_eq(hostdev_file_devices(one, &have, &n_have, &err), 0);
    ck_assert_uint_eq(n_have, 0);
    free(have);
    ck_assert_ptr_null(domedit_file_add_all(one, NULL, 0, m, 1, true, &err));
    ck_assert_ptr_nonnull(strstr(err, "the document already has mdev 4b20d080"));
    got = domedit_file_add_all(one, &a, 1, &m[1], 1, true, &err);
    ck_assert_msg(got != NULL, "%s", err ? err : "?");
    ck_assert(strncmp(got, "<devices>\n  <hostdev mode=\"subsystem\" type=\"mdev\"",
                      strlen("<devices>\n  <hostdev mode=\"subsystem\" type=\"mdev\"")) == 0);
    ck_assert_ptr_nonnull(strstr(got, "c3a8e2f1-5d47-4b6e-9a02-7f1e3b4c5d6e"));
    free(got);
    free(one);
    /* a second display: libvirt takes ramfb on one vGPU of a domain */
    got = domedit_file_add_all("<devices><hostdev mode='subsystem' type='mdev' display='on' ramfb='on'>"
                               "<source><address uuid='9d2f5a3e-6c1b-4e0a-8f57-2b1c4d7e8a90'/></source>"
                               "</hostdev></devices>", NULL, 0, m, 1, true, &err);
    ck_assert_msg(got != NULL, "%s", err ? err : "?");
    ck_assert_ptr_nonnull(strstr(got, "model=\"vfio-pci\" display=\"on\">"));
    ck_assert_ptr_null(strstr(got, "ramfb=\"on\""));
    free(got);
    /* an mdev hostdev without a UUID: refused, named */
    ck_assert_ptr_null(domedit_file_add_all("<devices><hostdev type='mdev'><source/></hostdev></devices>",
                                            NULL, 0, m, 1, true, &err));
    ck_assert_ptr_nonnull(strstr(err, "no mdev UUID"));
    free(err);
}
END_TEST

int
main(void)
{
    Suite *s = suite_create("hostdev");
    TCase *tc = tcase_create("hostdev");
    SRunner *sr;
    int failed;

    tcase_add_test(tc, t_xml_one);
    tcase_add_test(tc, t_file_kinds);
    tcase_add_test(tc, t_file_hostdev_wrap);
    tcase_add_test(tc, t_mdev_edit);
    tcase_add_test(tc, t_domain_devices);
    tcase_add_test(tc, t_domain_others);
    tcase_add_test(tc, t_refusals);
    tcase_add_test(tc, t_add_remove_keeps_everything);
    tcase_add_loop_test(tc, t_edit_case, 0, sizeof(edit_cases) / sizeof(edit_cases[0]));
    tcase_add_test(tc, t_fuzz_crashes);
    tcase_add_test(tc, t_radix);
    tcase_add_test(tc, t_domfile_save);
    suite_add_tcase(s, tc);
    /* thousands of parses under ASan on a busy machine */
    tc = tcase_create("truncations");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, t_truncations);
    suite_add_tcase(s, tc);
    sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
