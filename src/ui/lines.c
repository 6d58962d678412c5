/* lines.c - text laid out in lines of display cells for the panes,
 * the dialogs and the message log: wrapped, never cut, drawn from any
 * first line */
#include <config.h>

#include "app-priv.h"

#include <curses.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

void
ui_lines_clear(struct ui_lines *l)
{
    size_t i;

    for (i = 0; i < l->n; i++)
        free(l->v[i].text);
    free(l->v);
    l->v = NULL;
    l->n = l->cap = 0;
}

void
ui_lines_add(struct ui_lines *l, int attr, const char *text)
{
    char *t;

    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 16;
        struct ui_line *v = realloc(l->v, cap * sizeof(*v));

        if (!v)
            return;
        l->v = v;
        l->cap = cap;
    }
    if (!(t = strdup(text ? text : "")))
        return;
    l->v[l->n].attr = attr;
    l->v[l->n].text = t;
    l->n++;
}

static int
cells(wchar_t c)
{
    int w = wcwidth(c);

    return w < 0 ? 1 : w;
}

/* Adds wide characters [@s, @s + @n) as a line, after @indent spaces. */
static void
add_wide(struct ui_lines *l, int attr, int indent, const wchar_t *s, size_t n)
{
    size_t sz = (size_t)indent + n * MB_LEN_MAX + 1, i, o;
    char *buf = malloc(sz);

    if (!buf)
        return;
    memset(buf, ' ', (size_t)indent);
    o = (size_t)indent;
    for (i = 0; i < n; i++) {
        char mb[MB_LEN_MAX];
        int k = wctomb(mb, s[i]);

        if (k < 0) {
            mb[0] = '?';
            k = 1;
        }
        memcpy(buf + o, mb, (size_t)k);
        o += (size_t)k;
    }
    buf[o] = '\0';
    ui_lines_add(l, attr, buf);
    free(buf);
}

void
ui_lines_wrap(struct ui_lines *l, int attr, int w, int indent, const char *prefix, const char *text)
{
    size_t len = strlen(prefix) + strlen(text) + 1, n, i;
    char *mb = malloc(len);
    wchar_t *ws = calloc(len, sizeof(*ws));
    bool first = true;

    if (!mb || !ws)
        goto cleanup;
    strcpy(mb, prefix);
    strcat(mb, text);
    n = mbstowcs(ws, mb, len);
    if (n == (size_t)-1) {
        for (n = 0; mb[n]; n++)
            ws[n] = (unsigned char)mb[n] < 0x80 ? (wchar_t)mb[n] : L'?';
    }
    if (indent >= w)
        indent = 0;
    i = 0;
    do {
        int room = first ? w : w - indent, used = 0;
        size_t end = i, brk = 0;

        while (end < n && ws[end] != L'\n' && used + cells(ws[end]) <= room) {
            used += cells(ws[end]);
            end++;
            if (end < n && ws[end] == L' ')
                brk = end;
        }
        if (end < n && ws[end] != L'\n' && ws[end] != L' ' && brk > i)
            end = brk;
        if (end == i && end < n && ws[end] != L'\n')
            end++;              /* a character wider than the room */
        add_wide(l, attr, first ? 0 : indent, ws + i, end - i);
        first = false;
        i = end;
        if (i < n && ws[i] == L'\n')
            i++;
        else
            while (i < n && ws[i] == L' ')
                i++;
    } while (i < n);
 cleanup:
    free(mb);
    free(ws);
}

size_t
ui_lines_clamp(const struct ui_lines *l, int h, size_t *top)
{
    size_t max = h > 0 && l->n > (size_t)h ? l->n - (size_t)h : 0;

    if (*top > max)
        *top = max;
    return *top;
}

void
ui_lines_draw(const struct app *a, const struct ui_lines *l, int y, int x, int w, int h, size_t top)
{
    int r;

    for (r = 0; r < h; r++) {
        size_t i = top + (size_t)r;

        attrset(i < l->n ? l->v[i].attr : (int)A_NORMAL);
        ui_put_cut(a, y + r, x, w, i < l->n ? l->v[i].text : "");
    }
    attrset(A_NORMAL);
}

void
ui_scroll(size_t *top, int delta)
{
    if (delta == INT_MIN)
        *top = 0;
    else if (delta == INT_MAX)
        *top = SIZE_MAX / 2;
    else if (delta < 0)
        *top = *top > (size_t)-delta ? *top - (size_t)-delta : 0;
    else
        *top += (size_t)delta;
}
