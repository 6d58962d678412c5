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
    a->status_seq++;
    ui_log_add(a, err, a->status);
}
void
ui_set_event(struct app *a, bool err, const char *text)
{
    snprintf(a->status, sizeof(a->status), "%s", text);
    a->status_err = err;
    a->status_seq++;
    ui_log_add_kept(a, err, a->status);
}

/* The glyphs tell the modes apart: ASCII mode draws lines with "-". */
bool
ui_ascii(const struct app *a)
{
    return !a->t.g.hline || strcmp(a->t.g.hline, "-") == 0;
}

int
ui_cells(const char *s)
{
    wchar_t wbuf[1024];
    size_t n = mbstowcs(wbuf, s, sizeof(wbuf) / sizeof(wbuf[0]) - 1), i;
    int w = 0;

    if (n == (size_t)-1)
        return (int)strlen(s);
    for (i = 0; i < n; i++)
        w += wcwidth(wbuf[i]) < 0 ? 1 : wcwidth(wbuf[i]);
    return w;
}

bool
ui_put_cut(const struct app *a, int y, int x, int w, const char *s)
{
    char *safe = NULL;
    bool cut;

    if (w <= 0)
        return s && *s;
    if (s && esc_text_needed(s))
        s = safe = esc_text(s);
    cut = s && ui_cells(s) > w;
    if (cut) {
        ui_put(y, x, w - 1, s);
        ui_put(y, x + w - 1, 1, ui_ascii(a) ? "~" : "\u2026");
    } else {
        ui_put(y, x, w, s);
    }
    free(safe);
    return cut;
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

void
ui_box_at(struct app *a, int h, int w, const char *title, int *y0, int *x0)
{
    int y = (a->lines - h) / 2, x = (a->cols - w) / 2, i, j;
    bool ascii = ui_ascii(a);
    const char *hl = a->t.g.hline, *vl = a->t.g.vline;
    char t[512];

    a->box_y = y;
    a->box_x = x;
    a->box_h = h;
    a->box_w = w;
    attrset(A_NORMAL);
    for (i = 1; i < h - 1; i++) {
        ui_put(y + i, x, w, "");
        ui_put(y + i, x, 1, vl);
        ui_put(y + i, x + w - 1, 1, vl);
    }
    attrset(ui_term_attr(&a->t, UI_C_HEADER));
    for (j = 1; j < w - 1; j++)
        ui_put(y, x + j, 1, hl);
    ui_put(y, x, 1, ascii ? "+" : "\u250c");
    ui_put(y, x + w - 1, 1, ascii ? "+" : "\u2510");
    snprintf(t, sizeof(t), " %s ", title);
    ui_put_cut(a, y, x + 2, ui_cells(t) < w - 4 ? ui_cells(t) : w - 4, t);
    attrset(A_NORMAL);
    for (j = 1; j < w - 1; j++)
        ui_put(y + h - 1, x + j, 1, hl);
    ui_put(y + h - 1, x, 1, ascii ? "+" : "\u2514");
    ui_put(y + h - 1, x + w - 1, 1, ascii ? "+" : "\u2518");
    *y0 = y + 1;
    *x0 = x + 2;
}

const char *
ui_dialog_message(const struct app *a)
{
    return a->mode != M_TREE && a->status_seq != a->dialog_seq && a->status[0] ? a->status : NULL;
}

/* The message, wrapped to the dialog's inner width, at most half of it
 * (the log holds it whole). */
static void
dialog_lines(struct app *a, struct ui_lines *l)
{
    const char *m = ui_dialog_message(a);

    if (m)
        ui_lines_wrap(l, a->status_err ? ui_term_attr(&a->t, UI_C_ERROR) : (int)A_BOLD,
                      a->box_w - 4, 2, "", m);
}

int
ui_dialog_message_rows(struct app *a)
{
    struct ui_lines l = { 0 };
    int n, max = (a->box_h - 2) / 2;

    dialog_lines(a, &l);
    n = (int)l.n;
    ui_lines_clear(&l);
    return n > max ? max : n;
}

void
ui_dialog_message_draw(struct app *a)
{
    struct ui_lines l = { 0 };
    int rows = ui_dialog_message_rows(a), i;

    if (rows <= 0)
        return;
    dialog_lines(a, &l);
    if (l.n > (size_t)rows) {
        /* too long for the dialog: padding past the width makes
         * ui_put_cut end the last row with the ellipsis; the whole
         * message is in the log */
        char *t = l.v[rows - 1].text;
        size_t k = strlen(t);
        char *p = realloc(t, k + (size_t)a->box_w + 2);

        if (p) {
            memset(p + k, ' ', (size_t)a->box_w);
            p[k + (size_t)a->box_w] = '.';
            p[k + (size_t)a->box_w + 1] = '\0';
            l.v[rows - 1].text = p;
        }
    }
    for (i = 1; i < a->box_w - 1; i++)
        ui_put(a->box_y + a->box_h - 2 - rows, a->box_x + i, 1, a->t.g.hline);
    ui_lines_draw(a, &l, a->box_y + a->box_h - 1 - rows, a->box_x + 2, a->box_w - 4, rows, 0);
    ui_lines_clear(&l);
}

const char *
ui_pad(char *buf, size_t sz, const char *s, int w)
{
    int n = ui_cells(s);
    size_t len;

    snprintf(buf, sz, "%s", s);
    len = strlen(buf);
    for (; n < w && len + 1 < sz; n++)
        buf[len++] = ' ';
    buf[len] = '\0';
    return buf;
}
