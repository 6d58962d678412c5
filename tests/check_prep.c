/* check_prep.c - Check suite for src/core/prep: the unified diff, the
 * command-line and module-name helpers, the distribution families, the
 * boot plan's managed block and by-address binding. */
#include <config.h>

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"
#include "prep.h"

static void
diff_is(const char *old, const char *new, const char *want)
{
    char *d = prep_udiff("etc/x", old, new);

    ck_assert_ptr_nonnull(d);
    ck_assert_str_eq(d, want);
    free(d);
}

START_TEST(udiff_cases)
{
    diff_is("a\n", "a\n", "");
    diff_is(NULL, NULL, "");
    diff_is(NULL, "a\nb\n", "--- /dev/null\n+++ b/etc/x\n@@ -0,0 +1,2 @@\n+a\n+b\n");
    diff_is("a\n", NULL, "--- a/etc/x\n+++ /dev/null\n@@ -1,1 +0,0 @@\n-a\n");
    /* three lines of context each side, no more */
    diff_is("1\n2\n3\n4\n5\n6\n7\n8\n9\n", "1\n2\n3\n4\nX\n6\n7\n8\n9\n",
            "--- a/etc/x\n+++ b/etc/x\n@@ -2,7 +2,7 @@\n 2\n 3\n 4\n-5\n+X\n 6\n 7\n 8\n");
    /* an appended line after a last line without a newline */
    diff_is("a", "a\nb\n",
            "--- a/etc/x\n+++ b/etc/x\n@@ -1,1 +1,2 @@\n-a\n\\ No newline at end of file\n+a\n+b\n");
    /* an empty file that exists is not an absent one */
    diff_is("", NULL, "--- a/etc/x\n+++ /dev/null\n@@ -0,0 +0,0 @@\n");
}
END_TEST

START_TEST(cmdline_and_modules)
{
    char buf[64];

    ck_assert(prep_cmdline_has("ro intel_iommu=on quiet", "intel_iommu=on"));
    ck_assert(!prep_cmdline_has("ro intel_iommu=onx quiet", "intel_iommu=on"));
    ck_assert(!prep_cmdline_has("ro xintel_iommu=on", "intel_iommu=on"));
    ck_assert(prep_cmdline_has("pcie_acs_override=downstream,multifunction", "pcie_acs_override"));
    ck_assert(prep_cmdline_has("a intel_iommu=off", "intel_iommu"));
    ck_assert(!prep_cmdline_has(NULL, "iommu=off"));
    prep_module_name("kernel/drivers/vfio/pci/vfio-pci.ko.xz", buf, sizeof(buf));
    ck_assert_str_eq(buf, "vfio_pci");
    prep_module_name("vfio_iommu_type1", buf, sizeof(buf));
    ck_assert_str_eq(buf, "vfio_iommu_type1");
    ck_assert_int_eq(prep_distro_of("fedora", NULL), PREP_DISTRO_FEDORA);
    ck_assert_int_eq(prep_distro_of("rocky", "\"rhel centos fedora\""), PREP_DISTRO_FEDORA);
    ck_assert_int_eq(prep_distro_of("linuxmint", "ubuntu debian"), PREP_DISTRO_DEBIAN);
    ck_assert_int_eq(prep_distro_of("arch", NULL), PREP_DISTRO_UNKNOWN);
    ck_assert_int_eq(prep_distro_of(NULL, NULL), PREP_DISTRO_UNKNOWN);
}
END_TEST

/* Two identical devices and a third: marking one twin binds it by
 * address, the third by ID. */
static struct model_host *
twins(void)
{
    struct model_host *h = model_host_new();
    static const char *const addrs[] = { "0000:01:00.0", "0000:02:00.0", "0000:03:00.0" };
    size_t i;

    ck_assert_ptr_nonnull(h);
    for (i = 0; i < 3; i++) {
        struct bdf a;
        int k;

        ck_assert_int_eq(bdf_parse(addrs[i], &a), 0);
        ck_assert_int_ge(k = model_add_dev(h, &a), 0);
        h->devs[k].vendor_id = 0x10de;
        h->devs[k].device_id = i < 2 ? 0x2484 : 0x1234;
        h->devs[k].class_id = 0x0300;
        h->devs[k].header = MODEL_HDR_NORMAL;
        h->devs[k].group = (int)i;
        h->devs[k].driver = strdup("nvidia");
    }
    ck_assert_int_eq(model_finish(h), 0);
    h->iommu = true;
    return h;
}

START_TEST(plan_by_address_and_block)
{
    struct model_host *h = twins();
    struct model_sel *s = model_sel_new(h);
    struct prep_facts *f = prep_facts_new();
    struct prep_plan *p;
    size_t i;
    const char *modprobe = NULL, *udev = NULL, *modules = NULL;

    f->distro = PREP_DISTRO_DEBIAN;
    f->cpu = PREP_CPU_AMD;
    ck_assert_int_eq(prep_facts_add_driver(f, "nvidia", "nvidia_drm_x", false), 0);
    ck_assert_int_eq(model_sel_add(s, h, "01:00.0"), 0);
    ck_assert_int_eq(model_sel_add(s, h, "03:00.0"), 0);
    p = prep_boot_plan(h, s, f, "raid1\n", false);
    ck_assert_ptr_nonnull(p);
    for (i = 0; i < p->n_files; i++) {
        if (strcmp(p->files[i].path, PREP_MODPROBE_CONF) == 0)
            modprobe = p->files[i].text;
        else if (strcmp(p->files[i].path, PREP_UDEV_RULES) == 0)
            udev = p->files[i].text;
        else if (strcmp(p->files[i].path, PREP_INITRAMFS_MODULES) == 0)
            modules = p->files[i].text;
    }
    ck_assert_ptr_nonnull(strstr(modprobe, "options vfio-pci ids=10de:1234\n"));
    ck_assert_ptr_null(strstr(modprobe, "2484"));
    /* softdep names the driver's module */
    ck_assert_ptr_nonnull(strstr(modprobe, "softdep nvidia_drm_x pre: vfio-pci\n"));
    ck_assert_ptr_nonnull(strstr(udev, "KERNEL==\"0000:01:00.0\", ATTR{driver_override}=\"vfio-pci\""));
    ck_assert_ptr_null(strstr(udev, "0000:02:00.0"));
    ck_assert_ptr_nonnull(modules);
    ck_assert(strncmp(modules, "raid1\n# BEGIN vfiotui", 21) == 0);
    ck_assert_ptr_null(p->kernel_args);
    ck_assert_uint_eq(p->n_commands, 1);
    ck_assert_str_eq(p->commands[0], "update-initramfs -u");

    ck_assert_uint_eq(p->n_notes, 0);
    {
        struct prep_plan *b;

        /* a built-in driver: no softdep, a note */
        f->drivers[0].builtin = true;
        b = prep_boot_plan(h, s, f, NULL, false);
        ck_assert_ptr_nonnull(b);
        ck_assert_ptr_null(strstr(b->files[0].text, "softdep"));
        ck_assert_uint_eq(b->n_notes, 1);
        ck_assert_ptr_nonnull(strstr(b->notes[0], "nvidia is built into the kernel"));
        prep_plan_free(b);
        f->drivers[0].builtin = false;
    }

    {
        struct prep_plan *b = prep_boot_plan(h, s, f, "raid1\n# BEGIN vfiotui: managed by 'vfiotui boot'; 'vfiotui boot --undo' removes this block\nvfio\n", false);

        /* a block without its end: the file is left alone, with a note */
        ck_assert_ptr_nonnull(b);
        for (i = 0; i < b->n_files; i++)
            ck_assert_str_ne(b->files[i].path, PREP_INITRAMFS_MODULES);
        ck_assert_uint_eq(b->n_notes, 1);
        prep_plan_free(b);
    }

    /* the undo plan takes the block out again, byte for byte */
    {
        char *with = strdup(modules);
        struct prep_plan *u;

        prep_plan_free(p);
        u = prep_boot_plan(h, s, f, with, true);
        ck_assert_ptr_nonnull(u);
        for (i = 0; i < u->n_files; i++) {
            if (strcmp(u->files[i].path, PREP_INITRAMFS_MODULES) == 0)
                ck_assert_str_eq(u->files[i].text, "raid1\n");
            else
                ck_assert_ptr_null(u->files[i].text);
        }
        prep_plan_free(u);
        free(with);
    }
    prep_facts_free(f);
    model_sel_free(s);
    model_host_free(h);
}
END_TEST

static Suite *
prep_suite(void)
{
    Suite *s = suite_create("prep");
    TCase *tc = tcase_create("core");

    tcase_add_test(tc, udiff_cases);
    tcase_add_test(tc, cmdline_and_modules);
    tcase_add_test(tc, plan_by_address_and_block);
    suite_add_tcase(s, tc);
    return s;
}

int
main(void)
{
    SRunner *sr = srunner_create(prep_suite());
    int failed;

    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
