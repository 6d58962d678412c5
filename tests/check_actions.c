/* check_actions.c - Check suite for src/ui/actions: the key table and
 * the keymap built from it once */
#include <config.h>

#include <check.h>
#include <curses.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "ui/actions.h"

START_TEST(keymap_binds_every_key_of_the_table)
{
    struct ui_keymap km;
    size_t i;

    ck_assert_int_eq(ui_keymap_init(&km), 0);
    for (i = 0; i < ui_n_actions; i++) {
        const struct ui_action_info *ai = &ui_action_table[i];
        char buf[64];
        char *tok, *save = NULL;

        ck_assert(ai->help && ai->help[0]);
        strcpy(buf, ai->keys);
        for (tok = strtok_r(buf, " ", &save); tok; tok = strtok_r(NULL, " ", &save)) {
            int code = ui_key_code(tok);

            ck_assert_msg(code >= 0, "unknown key name '%s'", tok);
            ck_assert_int_eq(ui_keymap_lookup(&km, ai->mode, code), ai->action);
        }
    }
}
END_TEST

START_TEST(keymap_other_codes_of_a_key)
{
    struct ui_keymap km;

    ck_assert_int_eq(ui_keymap_init(&km), 0);
    /* what terminals send for Enter and Backspace */
    ck_assert_int_eq(ui_keymap_lookup(&km, UI_KM_TREE, '\n'), UI_EXPAND);
    ck_assert_int_eq(ui_keymap_lookup(&km, UI_KM_TREE, '\r'), UI_EXPAND);
    ck_assert_int_eq(ui_keymap_lookup(&km, UI_KM_TREE, KEY_ENTER), UI_EXPAND);
    ck_assert_int_eq(ui_keymap_lookup(&km, UI_KM_PICKER, '\r'), UI_PICK);
    ck_assert_int_eq(ui_keymap_lookup(&km, UI_KM_PROMPT, KEY_BACKSPACE), UI_ERASE);
    ck_assert_int_eq(ui_keymap_lookup(&km, UI_KM_PROMPT, 127), UI_ERASE);
    ck_assert_int_eq(ui_keymap_lookup(&km, UI_KM_PROMPT, 8), UI_ERASE);
    /* a key means something else in each screen */
    ck_assert_int_eq(ui_keymap_lookup(&km, UI_KM_TREE, 'q'), UI_QUIT);
    ck_assert_int_eq(ui_keymap_lookup(&km, UI_KM_PICKER, 'q'), UI_PICK_CANCEL);
    ck_assert_int_eq(ui_keymap_lookup(&km, UI_KM_CONFIRM, 'q'), UI_CANCEL);
    ck_assert_int_eq(ui_keymap_lookup(&km, UI_KM_PROMPT, 'q'), UI_NONE);
    ck_assert_int_eq(ui_keymap_lookup(&km, UI_KM_TREE, 'y'), UI_NONE);
    ck_assert_int_eq(ui_keymap_lookup(&km, UI_KM_TREE, -1), UI_NONE);
    ck_assert_int_eq(ui_keymap_lookup(&km, UI_KM_TREE, UI_KEY_CODES), UI_NONE);
    ck_assert_int_eq(ui_keymap_lookup(&km, UI_N_KEYMODES, 'q'), UI_NONE);
}
END_TEST

START_TEST(key_names)
{
    ck_assert_int_eq(ui_key_code("F1"), KEY_F(1));
    ck_assert_int_eq(ui_key_code("F10"), KEY_F(10));
    ck_assert_int_eq(ui_key_code("F12"), KEY_F(12));
    ck_assert_int_eq(ui_key_code("F13"), -1);
    ck_assert_int_eq(ui_key_code("Space"), ' ');
    ck_assert_int_eq(ui_key_code("Enter"), '\n');
    ck_assert_int_eq(ui_key_code("g"), 'g');
    ck_assert_int_eq(ui_key_code("NoSuchKey"), -1);
    ck_assert_int_eq(ui_key_code(""), -1);
    ck_assert_int_eq(ui_key_code(NULL), -1);
}
END_TEST

/* The F-key bar is the actions with a label, each under its first key. */
START_TEST(bar_and_first_keys)
{
    static const char *const want[] = { "F1", "F2", "F5", "F7", "F8", "F9", "F10" };
    char key[16];
    size_t i, n = 0;

    for (i = 0; i < ui_n_actions; i++) {
        if (!ui_action_table[i].bar)
            continue;
        ck_assert_uint_lt(n, sizeof(want) / sizeof(want[0]));
        ck_assert_int_eq(ui_action_table[i].mode, UI_KM_TREE);
        ck_assert_str_eq(ui_action_key(ui_action_table[i].action, key, sizeof(key)), want[n]);
        n++;
    }
    ck_assert_uint_eq(n, sizeof(want) / sizeof(want[0]));
    ck_assert_str_eq(ui_action_key(UI_MARK, key, sizeof(key)), "Space");
    ck_assert_str_eq(ui_action_key(UI_XML_UP, key, sizeof(key)), "PgUp");
    ck_assert_str_eq(ui_action_key(UI_NONE, key, sizeof(key)), "");
}
END_TEST

/* Every screen has keys, a name and a heading. */
START_TEST(every_screen_has_keys)
{
    size_t i;
    int m;

    for (m = 0; m < UI_N_KEYMODES; m++) {
        bool any = false;

        for (i = 0; i < ui_n_actions; i++)
            any |= ui_action_table[i].mode == (enum ui_keymode)m;
        ck_assert_msg(any, "screen %d has no keys", m);
        ck_assert(ui_keymode_name((enum ui_keymode)m)[0]);
        ck_assert(ui_keymode_heading((enum ui_keymode)m)[0]);
    }
    ck_assert_str_eq(ui_keymode_name(UI_KM_PICKER), "picker");
}
END_TEST

static Suite *
actions_suite(void)
{
    Suite *s = suite_create("actions");
    TCase *tc = tcase_create("keys");

    tcase_add_test(tc, keymap_binds_every_key_of_the_table);
    tcase_add_test(tc, keymap_other_codes_of_a_key);
    tcase_add_test(tc, key_names);
    tcase_add_test(tc, bar_and_first_keys);
    tcase_add_test(tc, every_screen_has_keys);
    suite_add_tcase(s, tc);
    return s;
}

int
main(void)
{
    SRunner *sr = srunner_create(actions_suite());
    int failed;

    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
