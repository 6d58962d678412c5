/* term.h - the one place for terminal state: starting and stopping
 * curses (on a real terminal or headless for scripted tests), colours,
 * line-drawing glyphs, signals and the stderr guard. */
#ifndef VFIOTUI_UI_TERM_H
#define VFIOTUI_UI_TERM_H

#include <stdbool.h>

enum ui_color {
    UI_C_NORMAL = 0,
    UI_C_HEADER,
    UI_C_ERROR,
    UI_C_WARNING,
    UI_C_OK,
    UI_C_INFO,
    UI_C_CURSOR,
    UI_C_KEY,
    UI_C_DIM,
    UI_C_MARK,
    UI_C_CHANGED,               /* a row that just changed (live.c) */
};

struct ui_glyphs {
    const char *open;           /* expanded group */
    const char *closed;         /* collapsed group */
    const char *hline;
    const char *vline;
    const char *err;
    const char *warn;
    const char *info;
    const char *ell;            /* marks text cut to fit */
};

struct ui_term {
    bool headless;
    bool color;
    bool started;
    struct ui_glyphs g;
    int saved_stderr;           /* real stderr while curses runs, or -1 */
    int captured;               /* fd of the file stderr goes to, or -1 */
    void *screen;               /* SCREEN * when headless */
    void *tty_screen;           /* SCREEN * on the real terminal */
    bool nowait;                /* getch() returns at once (event loop) */
    void *in, *out;             /* FILE * for the headless screen */
};

/* Starts curses on the real terminal, or headless at @cols x @lines.
 * Returns 0 or -1 (a message was printed: not a terminal...). */
int ui_term_start(struct ui_term *t, bool headless, int cols, int lines, bool ascii);
/* Restores the terminal and replays anything written to stderr. */
void ui_term_stop(struct ui_term *t);
int ui_term_attr(const struct ui_term *t, enum ui_color c);

/* How long a key after Esc may take to make Esc and a digit an F-key. */
#define UI_ESC_DIGIT_MS 500

/* @nowait: getch() returns at once (the event loop polls); otherwise it
 * waits half a second at most, so that a stop signal is noticed. */
void ui_term_nowait(struct ui_term *t, bool nowait);
/* The next key as ui_term_getkey's caller sees it: Esc and a digit
 * (1 to 9, 0) come back as F1 to F10; ERR if none came. */
int ui_term_getkey(struct ui_term *t);
/* The signal (SIGINT, SIGTERM, SIGHUP) that asked the program to end,
 * or 0: the interface then ends with status 128 + that number. */
int ui_term_interrupted(void);
/* Readable once a stop signal came (on a terminal; -1 headless): for
 * the event loop.  Reading it is the caller's. */
int ui_term_signal_fd(void);

#endif /* VFIOTUI_UI_TERM_H */
