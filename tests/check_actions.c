/* check_actions.c - Check suite for src/ui/actions: the key table and
 * the keymap built from it once; and the prompts' line editing and
 * file name completion (src/ui/lineedit.c, complete.c) */
#include <config.h>

#include <check.h>
#include <curses.h>
#include <locale.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ui/actions.h"
#include "ui/app-priv.h"

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

/* Every action on the key bar has a letter as well as its F-key:
 * terminals without F5-F10 (TERM=vt100 in tmux) must reach them all. */
START_TEST(every_bar_action_has_a_letter)
{
    struct ui_keymap km;
    size_t i;

    ck_assert_int_eq(ui_keymap_init(&km), 0);
    for (i = 0; i < ui_n_actions; i++) {
        const struct ui_action_info *ai = &ui_action_table[i];
        char buf[64];
        char *tok, *save = NULL;
        bool letter = false, fkey = false;

        if (!ai->bar)
            continue;
        strcpy(buf, ai->keys);
        for (tok = strtok_r(buf, " ", &save); tok; tok = strtok_r(NULL, " ", &save)) {
            letter |= tok[1] == '\0' && tok[0] > ' ' && tok[0] < 127;
            fkey |= tok[0] == 'F' && tok[1] >= '0' && tok[1] <= '9';
        }
        ck_assert_msg(letter && fkey, "'%s' needs an F-key and a letter", ai->keys);
    }
    ck_assert_int_eq(ui_keymap_lookup(&km, UI_KM_TREE, 'r'), UI_RESCAN);
    ck_assert_int_eq(ui_keymap_lookup(&km, UI_KM_TREE, 'x'), UI_DETACH);
    ck_assert_int_eq(ui_keymap_lookup(&km, UI_KM_TREE, KEY_F(5)), UI_RESCAN);
    ck_assert_int_eq(ui_keymap_lookup(&km, UI_KM_TREE, KEY_F(9)), UI_DETACH);
}
END_TEST

START_TEST(esc_digit_is_an_fkey)
{
    int d;

    for (d = 1; d <= 9; d++)
        ck_assert_int_eq(ui_key_esc_digit('0' + d), KEY_F(d));
    ck_assert_int_eq(ui_key_esc_digit('0'), KEY_F(10));
    ck_assert_int_eq(ui_key_esc_digit('a'), -1);
    ck_assert_int_eq(ui_key_esc_digit(27), -1);
    ck_assert_int_eq(ui_key_esc_digit(ERR), -1);
    ck_assert_int_eq(ui_key_esc_digit(KEY_F(1)), -1);
}
END_TEST

/* The prompts' readline keys */
START_TEST(prompt_keys)
{
    struct ui_keymap km;

    ck_assert_int_eq(ui_key_code("C-a"), 1);
    ck_assert_int_eq(ui_key_code("C-z"), 26);
    ck_assert_int_eq(ui_key_code("C-"), -1);
    ck_assert_int_eq(ui_key_code("C-A"), -1);
    ck_assert_int_eq(ui_key_code("Delete"), KEY_DC);
    ck_assert_int_eq(ui_keymap_init(&km), 0);
    ck_assert_int_eq(ui_keymap_lookup(&km, UI_KM_PROMPT, 1), UI_LINE_START);
    ck_assert_int_eq(ui_keymap_lookup(&km, UI_KM_PROMPT, KEY_HOME), UI_LINE_START);
    ck_assert_int_eq(ui_keymap_lookup(&km, UI_KM_PROMPT, 5), UI_LINE_END);
    ck_assert_int_eq(ui_keymap_lookup(&km, UI_KM_PROMPT, KEY_LEFT), UI_CHAR_LEFT);
    ck_assert_int_eq(ui_keymap_lookup(&km, UI_KM_PROMPT, KEY_RIGHT), UI_CHAR_RIGHT);
    ck_assert_int_eq(ui_keymap_lookup(&km, UI_KM_PROMPT, 21), UI_KILL_START);
    ck_assert_int_eq(ui_keymap_lookup(&km, UI_KM_PROMPT, 23), UI_KILL_WORD);
    ck_assert_int_eq(ui_keymap_lookup(&km, UI_KM_PROMPT, 11), UI_KILL_END);
    ck_assert_int_eq(ui_keymap_lookup(&km, UI_KM_PROMPT, KEY_DC), UI_DELETE);
    ck_assert_int_eq(ui_keymap_lookup(&km, UI_KM_PROMPT, KEY_UP), UI_HIST_PREV);
    ck_assert_int_eq(ui_keymap_lookup(&km, UI_KM_PROMPT, KEY_DOWN), UI_HIST_NEXT);
    ck_assert_int_eq(ui_keymap_lookup(&km, UI_KM_PROMPT, '\t'), UI_COMPLETE);
    ck_assert_int_eq(ui_keymap_lookup(&km, UI_KM_PROMPT, 27), UI_ABORT);
    /* letters are text in a prompt */
    ck_assert_int_eq(ui_keymap_lookup(&km, UI_KM_PROMPT, 'r'), UI_NONE);
    ck_assert_int_eq(ui_keymap_lookup(&km, UI_KM_PROMPT, 'x'), UI_NONE);
}
END_TEST

/* Moving and measuring by characters and cells, not bytes. */
START_TEST(line_editing_utf8)
{
    char s[32] = "a\xc3\xa9\xe4\xb8\xad";  /* a, e-acute, a CJK character */
    size_t pos;

    ck_assert_ptr_nonnull(setlocale(LC_CTYPE, "C.UTF-8"));
    ck_assert_int_eq(ui_line_width(s, strlen(s)), 4);
    ck_assert_int_eq(ui_line_width(s, 3), 2);
    ck_assert_uint_eq(ui_line_next(s, 0), 1);
    ck_assert_uint_eq(ui_line_next(s, 1), 3);
    ck_assert_uint_eq(ui_line_next(s, 3), 6);
    ck_assert_uint_eq(ui_line_next(s, 6), 6);
    ck_assert_uint_eq(ui_line_prev(s, 6), 3);
    ck_assert_uint_eq(ui_line_prev(s, 3), 1);
    ck_assert_uint_eq(ui_line_prev(s, 1), 0);
    ck_assert_uint_eq(ui_line_prev(s, 0), 0);
    pos = 3;
    ck_assert(ui_line_insert(s, sizeof(s), &pos, "xy", 2));
    ck_assert_str_eq(s, "a\xc3\xa9xy\xe4\xb8\xad");
    ck_assert_uint_eq(pos, 5);
    ui_line_cut(s, 1, 3);
    ck_assert_str_eq(s, "axy\xe4\xb8\xad");
    pos = 0;
    ck_assert(!ui_line_insert(s, 8, &pos, "toolong", 7));
    strcpy(s, "dir/sub name  ");
    ck_assert_uint_eq(ui_line_word_start(s, strlen(s)), 8);
    ck_assert_uint_eq(ui_line_word_start(s, 8), 0);
}
END_TEST

/* Tab in the write prompt: the common prefix, a slash after a lone
 * directory, the list when nothing more is common. */
START_TEST(path_completion)
{
    char dir[] = "/tmp/check_actions.XXXXXX", path[256], line[512], list[512];
    size_t pos, n;
    const char *files[] = { "guest-one.xml", "guest-two.xml", "other.xml" };
    size_t i;

    ck_assert_ptr_nonnull(mkdtemp(dir));
    for (i = 0; i < 3; i++) {
        FILE *f;

        snprintf(path, sizeof(path), "%s/%s", dir, files[i]);
        ck_assert_ptr_nonnull(f = fopen(path, "w"));
        fclose(f);
    }
    snprintf(path, sizeof(path), "%s/sub", dir);
    ck_assert_int_eq(mkdir(path, 0700), 0);

    snprintf(line, sizeof(line), "%s/g", dir);
    pos = strlen(line);
    n = ui_complete_path(line, sizeof(line), &pos, list, sizeof(list));
    ck_assert_uint_eq(n, 2);
    snprintf(path, sizeof(path), "%s/guest-", dir);
    ck_assert_str_eq(line, path);
    ck_assert_uint_eq(pos, strlen(path));
    ck_assert_str_eq(list, "");
    /* again: nothing more in common, so the names are listed */
    n = ui_complete_path(line, sizeof(line), &pos, list, sizeof(list));
    ck_assert_uint_eq(n, 2);
    ck_assert_str_eq(line, path);
    ck_assert_str_eq(list, "guest-one.xml  guest-two.xml");

    snprintf(line, sizeof(line), "%s/s TAIL", dir);
    pos = strlen(dir) + 2;
    ck_assert_uint_eq(ui_complete_path(line, sizeof(line), &pos, list, sizeof(list)), 1);
    snprintf(path, sizeof(path), "%s/sub/ TAIL", dir);
    ck_assert_str_eq(line, path);

    snprintf(line, sizeof(line), "%s/nothing", dir);
    pos = strlen(line);
    ck_assert_uint_eq(ui_complete_path(line, sizeof(line), &pos, list, sizeof(list)), 0);

    for (i = 0; i < 3; i++) {
        snprintf(path, sizeof(path), "%s/%s", dir, files[i]);
        unlink(path);
    }
    snprintf(path, sizeof(path), "%s/sub", dir);
    rmdir(path);
    rmdir(dir);
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
    tcase_add_test(tc, every_bar_action_has_a_letter);
    tcase_add_test(tc, esc_digit_is_an_fkey);
    tcase_add_test(tc, prompt_keys);
    tcase_add_test(tc, line_editing_utf8);
    tcase_add_test(tc, path_completion);
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
