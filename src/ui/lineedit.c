/* lineedit.c - editing one line of text in the locale's encoding
 * (UTF-8): moving by characters and measuring by display cells, so
 * that a prompt's cursor stays on a character and in its column */
#include <config.h>

#include "app-priv.h"

#include <string.h>
#include <wchar.h>

/* The length of the character at @s (at least 1: a byte that is not a
 * character counts as one). */
static size_t
char_len(const char *s, size_t left)
{
    mbstate_t st;
    size_t n;

    memset(&st, 0, sizeof(st));
    n = mbrlen(s, left, &st);
    return n == 0 || n == (size_t)-1 || n == (size_t)-2 ? 1 : n;
}

size_t
ui_line_prev(const char *s, size_t pos)
{
    size_t i = 0, last = 0, len = strlen(s);

    while (i < pos && i < len) {
        last = i;
        i += char_len(s + i, len - i);
    }
    return last;
}

size_t
ui_line_next(const char *s, size_t pos)
{
    size_t len = strlen(s);

    return pos >= len ? len : pos + char_len(s + pos, len - pos);
}

int
ui_line_width(const char *s, size_t len)
{
    size_t i = 0;
    int w = 0;

    while (i < len && s[i]) {
        mbstate_t st;
        wchar_t wc;
        size_t n;
        int cw;

        memset(&st, 0, sizeof(st));
        n = mbrtowc(&wc, s + i, len - i, &st);
        if (n == 0 || n == (size_t)-1 || n == (size_t)-2) {
            n = 1;
            cw = 1;
        } else {
            cw = wcwidth(wc);
        }
        w += cw < 0 ? 1 : cw;
        i += n;
    }
    return w;
}

bool
ui_line_insert(char *s, size_t sz, size_t *pos, const char *text, size_t len)
{
    size_t have = strlen(s);

    if (have + len + 1 > sz || *pos > have)
        return false;
    memmove(s + *pos + len, s + *pos, have - *pos + 1);
    memcpy(s + *pos, text, len);
    *pos += len;
    return true;
}

void
ui_line_cut(char *s, size_t from, size_t to)
{
    size_t have = strlen(s);

    if (to > have)
        to = have;
    if (from >= to)
        return;
    memmove(s + from, s + to, have - to + 1);
}

/* As readline's C-w: back over spaces, then over what is not a space
 * (a path's slashes included). */
size_t
ui_line_word_start(const char *s, size_t pos)
{
    while (pos > 0 && s[pos - 1] == ' ')
        pos--;
    while (pos > 0 && s[pos - 1] != ' ')
        pos--;
    return pos;
}
