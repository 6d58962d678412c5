/* draw.c - what every screen draws with: the one text writer (escaped,
 * by display width), wrapping, boxes, the status line's text */
#include <config.h>

#include "app-priv.h"

#include <ctype.h>
#include <curses.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "esc.h"
#include "i18n.h"

void
ui_set_status(struct app *a, bool err, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(a->status, sizeof(a->status), fmt, ap);
    va_end(ap);
    a->status_err = err;
}

/* Writes @s at (@y, @x), at most @w columns, padding with spaces.
 * Everything drawn passes here; host and libvirt text is escaped (as in
 * the commands' output) so no control byte reaches the terminal. */
void
ui_put(int y, int x, int w, const char *s)
{
    wchar_t wbuf[1024];
    char *safe = NULL;
    size_t n;
    int used = 0, i;

    if (w <= 0)
        return;
    if (s && esc_text_needed(s))
        s = safe = esc_text(s);
    n = mbstowcs(wbuf, s ? s : "", sizeof(wbuf) / sizeof(wbuf[0]) - 1);
    if (n == (size_t)-1) {
        n = 0;
        for (; s && *s && n < 1023; s++)
            wbuf[n++] = isprint((unsigned char)*s) ? (wchar_t)*s : L'?';
    }
    wbuf[n] = L'\0';
    move(y, x);
    for (i = 0; (size_t)i < n; i++) {
        int cw = wcwidth(wbuf[i]);

        if (cw < 0)
            cw = 1;
        if (used + cw > w)
            break;
        addnwstr(&wbuf[i], 1);
        used += cw;
    }
    for (; used < w; used++)
        addch(' ');
    free(safe);
}

struct rules_opts
ui_ropts(const struct app *a)
{
    struct rules_opts o;

    o.live = a->live;
    o.config = a->config;
    o.domain = a->target[0] ? a->target : NULL;
    return o;
}

void
ui_recheck(struct app *a)
{
    struct rules_opts o = ui_ropts(a);

    rules_report_free(a->rep);
    a->rep = rules_check(ui_host(a), a->sel, &o);
}

/* Wraps @text into the box, continuation lines indented; returns the
 * rows used. */
int
ui_wrap(int y, int x, int w, int maxrows, const char *prefix, const char *text)
{
    char buf[2048];
    const char *p;
    int rows = 0;

    snprintf(buf, sizeof(buf), "%s%s", prefix, text);
    p = buf;
    while (*p && rows < maxrows) {
        int room = rows ? w - 3 : w;
        int len = (int)strlen(p), cut = len;
        char line[1024];

        if (room < 1)
            break;
        if (len > room) {
            cut = room;
            while (cut > 0 && p[cut] != ' ')
                cut--;
            if (cut == 0)
                cut = room;
        }
        snprintf(line, sizeof(line), "%s%.*s", rows ? "   " : "", cut, p);
        ui_put(y + rows, x, w, line);
        rows++;
        p += cut;
        while (*p == ' ')
            p++;
    }
    return rows;
}

/* A framed box in the middle of the screen; returns its inner origin. */
void
ui_box_at(struct app *a, int h, int w, const char *title, int *y0, int *x0)
{
    int y = (a->lines - h) / 2, x = (a->cols - w) / 2, i, j;
    char t[256];

    for (i = 0; i < h; i++) {
        attrset(i == 0 ? ui_term_attr(&a->t, UI_C_HEADER) : (int)A_NORMAL);
        ui_put(y + i, x, w, "");
        if (i > 0) {
            ui_put(y + i, x, 1, a->t.g.vline);
            ui_put(y + i, x + w - 1, 1, a->t.g.vline);
        }
    }
    for (j = 1; j < w - 1; j++)
        ui_put(y + h - 1, x + j, 1, a->t.g.hline);
    attrset(ui_term_attr(&a->t, UI_C_HEADER));
    snprintf(t, sizeof(t), " %s", title);
    ui_put(y, x, w, t);
    attrset(A_NORMAL);
    *y0 = y + 1;
    *x0 = x + 2;
}
