/* term.c - curses start and stop, colours, glyphs, signals, stderr guard */
#include <config.h>

#include "term.h"

#include <curses.h>
#include <errno.h>
#include <fcntl.h>
#include <langinfo.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "actions.h"
#include "esc.h"
#include "i18n.h"

/* Signal handlers can only reach file-scope state: a flag for the main
 * loop, and whether curses must be ended on a crash. */
static volatile sig_atomic_t interrupted;
static volatile sig_atomic_t curses_on;
static volatile sig_atomic_t atexit_set;
/* The self-pipe: a stop signal that comes just before the event loop
 * sleeps in poll still wakes it (made once, never closed). */
static int sig_pipe[2] = { -1, -1 };

static void
on_stop_signal(int sig)
{
    int saved = errno;

    interrupted = sig;
    if (sig_pipe[1] >= 0 && write(sig_pipe[1], "s", 1) < 0) {
        /* full: a wakeup is pending already */
    }
    errno = saved;
}

/* A crash must not leave the terminal in raw mode: end curses, then let
 * the default action (core dump) happen. */
static void
on_crash(int sig)
{
    if (curses_on)
        endwin();
    signal(sig, SIG_DFL);
    raise(sig);
}

/* Something that calls exit() while curses runs (a library's error
 * handler, say) must still leave a sane terminal. */
static void
at_exit(void)
{
    if (curses_on) {
        endwin();
        curses_on = 0;
    }
}

int
ui_term_interrupted(void)
{
    return interrupted;
}

int
ui_term_signal_fd(void)
{
    return sig_pipe[0];
}

static void
set_glyphs(struct ui_term *t, bool ascii)
{
    if (ascii) {
        /* "+"/"-" for the groups: ">" is the cursor */
        t->g = (struct ui_glyphs){ "-", "+", "-", "|", "E", "W", "i", "~" };
    } else {
        t->g = (struct ui_glyphs){ "\u25be", "\u25b8", "\u2500", "\u2502",
                                   "\u2716", "\u25b2", "\u2022", "\u2026" };
    }
}

/* Writes what libraries printed while curses ran to stderr, line by
 * line with control bytes escaped: it may quote host or libvirt text. */
static void
replay_escaped(int fd)
{
    char buf[4096];
    char *line = NULL, *nl;
    size_t len = 0;
    ssize_t n;
    bool more = true;

    while (more) {
        char *grown;

        n = read(fd, buf, sizeof(buf));
        more = n > 0;
        if (more && len + (size_t)n <= 1024 * 1024 &&
            (grown = realloc(line, len + (size_t)n + 1))) {
            line = grown;
            memcpy(line + len, buf, (size_t)n);
            len += (size_t)n;
        } else if (more) {
            more = false;       /* too much or no memory: what we have */
        }
        while (line && (len > 0) && ((nl = memchr(line, '\n', len)) || !more)) {
            size_t cut = nl ? (size_t)(nl - line) : len;
            char *e;

            line[cut] = '\0';
            if ((e = esc_text(line))) {
                fprintf(stderr, "%s\n", e);
                free(e);
            }
            len -= nl ? cut + 1 : cut;
            memmove(line, line + cut + (nl ? 1 : 0), len);
        }
    }
    free(line);
}

/* newterm() rather than initscr(), which prints its own message and
 * exits: an unknown terminal type, or one that cannot move the cursor
 * (dumb, a printing terminal), gets a message that says what to do. */
static int
open_terminal(struct ui_term *t)
{
    const char *term = getenv("TERM");
    SCREEN *s;
    const char *cup;

    if (!term || !*term) {
        fprintf(stderr, _("%s: TERM is not set; set it to the terminal's type (for example TERM=xterm-256color or TERM=vt100)\n"),
                program_invocation_short_name);
        return -1;
    }
    if (!(s = newterm(NULL, stdout, stdin))) {
        fprintf(stderr, _("%s: unknown terminal type '%s'; set TERM to a type this system's terminfo knows (for example TERM=xterm-256color or TERM=vt100)\n"),
                program_invocation_short_name, term);
        return -1;
    }
    cup = tigetstr("cup");
    if (!cup || cup == (const char *)-1 || tigetflag("hc") > 0) {
        endwin();
        delscreen(s);
        fprintf(stderr, _("%s: the terminal type '%s' cannot move the cursor, which the full-screen interface needs; set TERM to the terminal's real type (for example TERM=xterm-256color or TERM=vt100), or use a command such as 'list' or 'check'\n"),
                program_invocation_short_name, term);
        return -1;
    }
    set_term(s);
    t->tty_screen = s;
    return 0;
}

int
ui_term_start(struct ui_term *t, bool headless, int cols, int lines, bool ascii)
{
    struct sigaction sa;
    const char *cs = nl_langinfo(CODESET);

    memset(t, 0, sizeof(*t));
    t->saved_stderr = t->captured = -1;
    t->headless = headless;
    set_glyphs(t, ascii || !cs || strcmp(cs, "UTF-8") != 0);

    if (headless) {
        FILE *out = fopen("/dev/null", "w"), *in = fopen("/dev/null", "r");
        SCREEN *s;

        if (!out || !in || !(s = newterm("xterm-256color", out, in))) {
            fprintf(stderr, _("%s: cannot start a headless screen\n"),
                    program_invocation_short_name);
            if (out)
                fclose(out);
            if (in)
                fclose(in);
            return -1;
        }
        t->screen = s;
        t->in = in;
        t->out = out;
        set_term(s);
        resizeterm(lines, cols);
    } else {
        if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
            fprintf(stderr, _("%s: the full-screen interface needs a terminal; use a command such as 'list' or 'check' in scripts\n"),
                    program_invocation_short_name);
            return -1;
        }
        if (open_terminal(t) < 0)
            return -1;
        /* Anything written to stderr while curses runs (libraries, say)
         * would corrupt the screen: it goes to a file and is replayed
         * after the terminal is restored. */
        {
            FILE *cap = tmpfile();

            if (cap) {
                t->captured = dup(fileno(cap));
                fclose(cap);
                t->saved_stderr = dup(STDERR_FILENO);
                if (t->captured < 0 || t->saved_stderr < 0 ||
                    dup2(t->captured, STDERR_FILENO) < 0) {
                    t->captured = t->saved_stderr = -1;
                }
            }
        }
        if (sig_pipe[0] < 0 && pipe2(sig_pipe, O_CLOEXEC | O_NONBLOCK) < 0)
            sig_pipe[0] = sig_pipe[1] = -1;
        memset(&sa, 0, sizeof(sa));
        sa.sa_handler = on_stop_signal;
        sigaction(SIGINT, &sa, NULL);
        sigaction(SIGTERM, &sa, NULL);
        sigaction(SIGHUP, &sa, NULL);
        sa.sa_handler = on_crash;
        sigaction(SIGSEGV, &sa, NULL);
        sigaction(SIGABRT, &sa, NULL);
        sigaction(SIGBUS, &sa, NULL);
        sigaction(SIGFPE, &sa, NULL);
        /* the wheel is buttons 4 and 5 */
        mousemask(BUTTON1_CLICKED | BUTTON1_DOUBLE_CLICKED | BUTTON4_PRESSED | BUTTON5_PRESSED, NULL);
        mouseinterval(200);
    }
    if (!atexit_set && atexit(at_exit) == 0)
        atexit_set = 1;
    curses_on = 1;
    t->started = true;
    cbreak();
    noecho();
    nonl();
    keypad(stdscr, TRUE);
    curs_set(0);
    ui_term_nowait(t, false);
    set_escdelay(50);

    t->color = !getenv("NO_COLOR") && has_colors() && !headless;
    if (t->color) {
        start_color();
        use_default_colors();
        init_pair(UI_C_HEADER, COLOR_BLACK, COLOR_CYAN);
        init_pair(UI_C_ERROR, COLOR_RED, -1);
        init_pair(UI_C_WARNING, COLOR_YELLOW, -1);
        init_pair(UI_C_OK, COLOR_GREEN, -1);
        init_pair(UI_C_INFO, COLOR_CYAN, -1);
        init_pair(UI_C_CURSOR, COLOR_BLACK, COLOR_WHITE);
        init_pair(UI_C_KEY, COLOR_BLACK, COLOR_CYAN);
        init_pair(UI_C_DIM, COLOR_BLUE, -1);
        init_pair(UI_C_MARK, COLOR_MAGENTA, -1);
        init_pair(UI_C_CHANGED, COLOR_BLACK, COLOR_GREEN);
    }
    return 0;
}

int
ui_term_attr(const struct ui_term *t, enum ui_color c)
{
    if (t->color) {
        switch (c) {
        case UI_C_NORMAL:
            return A_NORMAL;
        case UI_C_ERROR:
            return COLOR_PAIR(c) | A_BOLD;
        default:
            return COLOR_PAIR(c);
        }
    }
    /* monochrome: meaning through weight and video */
    switch (c) {
    case UI_C_HEADER:
    case UI_C_CURSOR:
    case UI_C_KEY:
        return A_REVERSE;
    case UI_C_ERROR:
        return A_BOLD;
    case UI_C_WARNING:
    case UI_C_MARK:
        return A_UNDERLINE;
    case UI_C_DIM:
        return A_DIM;
    case UI_C_CHANGED:
        return A_BOLD | A_STANDOUT;
    default:
        return A_NORMAL;
    }
}

void
ui_term_stop(struct ui_term *t)
{
    if (t->started) {
        endwin();
        curses_on = 0;
        if (t->screen) {
            delscreen((SCREEN *)t->screen);
            fclose((FILE *)t->in);
            fclose((FILE *)t->out);
        }
        if (t->tty_screen)
            delscreen((SCREEN *)t->tty_screen);
        t->tty_screen = NULL;
        t->started = false;
    }
    if (t->saved_stderr >= 0) {
        dup2(t->saved_stderr, STDERR_FILENO);
        close(t->saved_stderr);
        t->saved_stderr = -1;
        if (lseek(t->captured, 0, SEEK_SET) == 0)
            replay_escaped(t->captured);
        close(t->captured);
        t->captured = -1;
    }
}

void
ui_term_nowait(struct ui_term *t, bool nowait)
{
    t->nowait = nowait;
    if (nowait) {
        cbreak();               /* halfdelay() would override nodelay() */
        nodelay(stdscr, TRUE);
    } else {
        nodelay(stdscr, FALSE);
        /* wake up now and then so a stop signal is noticed */
        halfdelay(5);
    }
}

int
ui_term_getkey(struct ui_term *t)
{
    int key = getch(), next, f;

    if (key != 27)
        return key;
    /* Esc and a digit is an F-key; a lone Esc stays Esc once the wait
     * is over (typing Esc 5 by hand takes a moment) */
    if (t->nowait)
        timeout(UI_ESC_DIGIT_MS);
    else
        halfdelay(UI_ESC_DIGIT_MS / 100);
    next = getch();
    ui_term_nowait(t, t->nowait);
    if (next == ERR)
        return 27;
    if ((f = ui_key_esc_digit(next)) >= 0)
        return f;
    ungetch(next);
    return 27;
}
