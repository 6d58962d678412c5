/* check_sysval.c - Check suite for the strict sysfs value parsers */
#include <config.h>

#include <check.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "sysval.h"

START_TEST(t_hex_accepts)
{
    unsigned long v = 0;

    ck_assert_int_eq(sysval_hex("0x8086", 0xffff, &v), 0);
    ck_assert_uint_eq(v, 0x8086);
    ck_assert_int_eq(sysval_hex("10DE", 0xffff, &v), 0);
    ck_assert_uint_eq(v, 0x10de);
    ck_assert_int_eq(sysval_hex("0X0", 0xffff, &v), 0);
    ck_assert_uint_eq(v, 0);
    ck_assert_int_eq(sysval_hex("0xffff", 0xffff, &v), 0);
    ck_assert_uint_eq(v, 0xffff);
    ck_assert_int_eq(sysval_hex("0x030000", 0xffffff, &v), 0);
    ck_assert_uint_eq(v, 0x030000);
    ck_assert_int_eq(sysval_hex("00000000000000000000001", 1, &v), 0);
    ck_assert_uint_eq(v, 1);
    ck_assert_int_eq(sysval_hex("ffffffffffffffff", ULONG_MAX, &v), 0);
    ck_assert_uint_eq(v, ULONG_MAX);
}
END_TEST

START_TEST(t_hex_rejects)
{
    static const char *const bad[] = {
        "", "0x", "0X", "zzzz", "0xZZ", "0x1ffff", "10000", " 0x8086",
        "0x8086 ", "0x8086\n", "-1", "+1", "0x-1", "0xx1", "x12", "12g",
        "0x 1", "1 2", "\x1b[31m", "0x0x1", "ffffffffffffffffff",
    };
    unsigned long v = 42;
    size_t i;

    for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
        ck_assert_msg(sysval_hex(bad[i], 0xffff, &v) < 0, "accepted '%s'", bad[i]);
    ck_assert_int_lt(sysval_hex(NULL, 0xffff, &v), 0);
    ck_assert_int_lt(sysval_hex("5", 0, &v), 0);
    ck_assert_int_lt(sysval_hex("10", 0xf, &v), 0);
    ck_assert_uint_eq(v, 42);      /* untouched on failure */
}
END_TEST

START_TEST(t_dec)
{
    long v = 7;

    ck_assert_int_eq(sysval_dec("-1", -1, 1024, &v), 0);
    ck_assert_int_eq(v, -1);
    ck_assert_int_eq(sysval_dec("0", -1, 1024, &v), 0);
    ck_assert_int_eq(v, 0);
    ck_assert_int_eq(sysval_dec("1024", -1, 1024, &v), 0);
    ck_assert_int_eq(v, 1024);
    ck_assert_int_eq(sysval_dec("9223372036854775807", LONG_MIN, LONG_MAX, &v), 0);
    ck_assert_int_eq(v, LONG_MAX);
    ck_assert_int_eq(sysval_dec("-9223372036854775808", LONG_MIN, LONG_MAX, &v), 0);
    ck_assert_int_eq(v, LONG_MIN);
    v = 7;
    ck_assert_int_lt(sysval_dec("9223372036854775808", LONG_MIN, LONG_MAX, &v), 0);
    ck_assert_int_lt(sysval_dec("-9223372036854775809", LONG_MIN, LONG_MAX, &v), 0);
    ck_assert_int_lt(sysval_dec("99999999999999999999999", LONG_MIN, LONG_MAX, &v), 0);
    ck_assert_int_lt(sysval_dec("xyz", -1, 1024, &v), 0);
    ck_assert_int_lt(sysval_dec("", -1, 1024, &v), 0);
    ck_assert_int_lt(sysval_dec("-", -1, 1024, &v), 0);
    ck_assert_int_lt(sysval_dec("1x", -1, 1024, &v), 0);
    ck_assert_int_lt(sysval_dec(" 1", -1, 1024, &v), 0);
    ck_assert_int_lt(sysval_dec("+1", -1, 1024, &v), 0);
    ck_assert_int_lt(sysval_dec("0x10", -1, 1024, &v), 0);
    ck_assert_int_lt(sysval_dec("-2", -1, 1024, &v), 0);
    ck_assert_int_lt(sysval_dec("1025", -1, 1024, &v), 0);
    ck_assert_int_lt(sysval_dec("1", 2, 1, &v), 0);
    ck_assert_int_lt(sysval_dec(NULL, -1, 1024, &v), 0);
    ck_assert_int_eq(v, 7);
}
END_TEST

START_TEST(t_names)
{
    ck_assert(sysval_name_ok("snd_hda_intel"));
    ck_assert(sysval_name_ok("vfio-pci"));
    ck_assert(sysval_name_ok("enp0s31f6.100"));
    ck_assert(!sysval_name_ok(""));
    ck_assert(!sysval_name_ok("."));
    ck_assert(!sysval_name_ok(".."));
    ck_assert(!sysval_name_ok("a/b"));
    ck_assert(!sysval_name_ok("a b"));
    ck_assert(!sysval_name_ok("\x1b[2J"));
    ck_assert(!sysval_name_ok("caf\xc3\xa9"));
    ck_assert(!sysval_name_ok(NULL));
    ck_assert(!sysval_name_ok("0123456789012345678901234567890123456789012345678901234567890123"));
    ck_assert(sysval_name_ok("012345678901234567890123456789012345678901234567890123456789012"));

    ck_assert_str_eq(sysval_under("sys/bus/pci/drivers/ahci", "sys/bus/pci/drivers"), "ahci");
    ck_assert_ptr_null(sysval_under("sys/bus/pci/drivers", "sys/bus/pci/drivers"));
    ck_assert_ptr_null(sysval_under("sys/bus/pci/drivers/", "sys/bus/pci/drivers"));
    ck_assert_ptr_null(sysval_under("sys/bus/pci/drivers/a/b", "sys/bus/pci/drivers"));
    ck_assert_ptr_null(sysval_under("sys/bus/pci/driversx/a", "sys/bus/pci/drivers"));
    ck_assert_ptr_null(sysval_under("sys/bus/usb/drivers/a", "sys/bus/pci/drivers"));
    ck_assert_ptr_null(sysval_under("sys/bus/pci/drivers/..", "sys/bus/pci/drivers"));
    ck_assert_ptr_null(sysval_under(NULL, "x"));
}
END_TEST

START_TEST(t_escape)
{
    char *s;

    /* bytes kept as they are: the printer escapes them once */
    s = sysval_excerpt("zz\x1b[31m\n\\\xff", 10, 64);
    ck_assert_str_eq(s, "zz\x1b[31m\n\\\xff");
    free(s);
    s = sysval_excerpt("a\0b", 3, 64);
    ck_assert_str_eq(s, "a\xef\xbf\xbd" "b");
    free(s);
    s = sysval_excerpt("abcdef", 6, 3);
    ck_assert_str_eq(s, "abc...");
    free(s);
    s = sysval_excerpt(NULL, 0, 3);
    ck_assert_str_eq(s, "");
    free(s);
}
END_TEST

START_TEST(t_ipv4_le)
{
    unsigned long v = 7;

    ck_assert_int_eq(sysval_ipv4_le("192.0.2.1", &v), 0);
    ck_assert_uint_eq(v, 0x010200c0ul);
    ck_assert_int_eq(sysval_ipv4_le("255.255.255.255", &v), 0);
    ck_assert_uint_eq(v, 0xfffffffful);
    ck_assert_int_eq(sysval_ipv4_le("0.0.0.0", &v), 0);
    ck_assert_uint_eq(v, 0);
    v = 7;
    ck_assert_int_eq(sysval_ipv4_le("256.0.0.1", &v), -1);
    ck_assert_int_eq(sysval_ipv4_le("10.0.0", &v), -1);
    ck_assert_int_eq(sysval_ipv4_le("10.0.0.1x", &v), -1);
    ck_assert_int_eq(sysval_ipv4_le("10.0.0.1 ", &v), -1);
    ck_assert_int_eq(sysval_ipv4_le("fe80::1", &v), -1);
    ck_assert_int_eq(sysval_ipv4_le("", &v), -1);
    ck_assert_uint_eq(v, 7);
}
END_TEST

int
main(void)
{
    Suite *s = suite_create("sysval");
    TCase *tc = tcase_create("parsers");
    SRunner *sr;
    int failed;

    tcase_add_test(tc, t_hex_accepts);
    tcase_add_test(tc, t_hex_rejects);
    tcase_add_test(tc, t_dec);
    tcase_add_test(tc, t_names);
    tcase_add_test(tc, t_escape);
    tcase_add_test(tc, t_ipv4_le);
    suite_add_tcase(s, tc);
    sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
