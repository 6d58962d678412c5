/* script.c - the headless runner, after tig's: keys come from a script
 * and "dump" writes the screen as text for the golden-screen tests */
#include <config.h>

#include "app-priv.h"

#include <curses.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "i18n.h"

static int
dump_screen(struct app *a, const char *name)
{
    char path[4096];
    FILE *f;
    int y;

    snprintf(path, sizeof(path), "%s/%s.txt", a->o->dump_dir ? a->o->dump_dir : ".", name);
    if (!(f = fopen(path, "w")))
        return -1;
    for (y = 0; y < a->lines; y++) {
        wchar_t wbuf[1024];
        char mb[4096];
        int n;

        n = mvinnwstr(y, 0, wbuf, a->cols < 1023 ? a->cols : 1023);
        if (n < 0)
            n = 0;
        wbuf[n] = L'\0';
        while (n > 0 && wbuf[n - 1] == L' ')
            wbuf[--n] = L'\0';
        if (wcstombs(mb, wbuf, sizeof(mb)) == (size_t)-1)
            mb[0] = '\0';
        fprintf(f, "%s\n", mb);
    }
    return fclose(f) == 0 ? 0 : -1;
}

/* "key NAME...": returns 0, 1 when a key quit, or 2 (a message was
 * printed). */
static int
script_keys(struct app *a, int lineno, char *arg)
{
    char *tok, *save = NULL;

    for (tok = strtok_r(arg, " ", &save); tok; tok = strtok_r(NULL, " ", &save)) {
        int k = ui_key_code(tok);

        if (k < 0) {
            fprintf(stderr, _("script line %d: unknown key '%s'\n"), lineno, tok);
            return 2;
        }
        if (ui_handle_key(a, k) & RE_QUIT)
            return 1;
        ui_draw(a);
    }
    return 0;
}

int
ui_script_run(struct app *a, FILE *in)
{
    char line[1024];
    int lineno = 0;

    ui_draw(a);
    while (fgets(line, sizeof(line), in)) {
        char *cmd = line, *arg;
        size_t l = strlen(line);

        lineno++;
        while (l && (line[l - 1] == '\n' || line[l - 1] == '\r'))
            line[--l] = '\0';
        while (*cmd == ' ')
            cmd++;
        if (!*cmd || *cmd == '#')
            continue;
        arg = strchr(cmd, ' ');
        if (arg)
            *arg++ = '\0';
        if (strcmp(cmd, "key") == 0 && arg) {
            int rc = script_keys(a, lineno, arg);

            if (rc)
                return rc == 1 ? 0 : rc;
        } else if (strcmp(cmd, "type") == 0) {
            const char *p;

            for (p = arg ? arg : ""; *p; p++) {
                ui_handle_key(a, (unsigned char)*p);
                ui_draw(a);
            }
        } else if (strcmp(cmd, "resize") == 0 && arg) {
            int c, r;

            if (sscanf(arg, "%d %d", &c, &r) != 2 || c < 1 || r < 1) {
                fprintf(stderr, _("script line %d: resize COLS LINES\n"), lineno);
                return 2;
            }
            resizeterm(r, c);
            ui_handle_key(a, KEY_RESIZE);
            ui_draw(a);
        } else if (strcmp(cmd, "wait") == 0) {
            char *end = NULL;
            long ms = arg ? strtol(arg, &end, 10) : -1;

            /* the host's and guests' changes arrive while it waits */
            if (!arg || end == arg || *end || ms < 0 || ms > 60000) {
                fprintf(stderr, _("script line %d: wait MILLISECONDS (0 to 60000)\n"), lineno);
                return 2;
            }
            if (ui_ops_events_wait(a, (int)ms) < 0) {
                fprintf(stderr, _("script line %d: libvirt's event loop is not available\n"), lineno);
                return 2;
            }
            ui_draw(a);
        } else if (strcmp(cmd, "dump") == 0 && arg) {
            if (dump_screen(a, arg) < 0) {
                fprintf(stderr, _("script line %d: cannot write the dump '%s': %s\n"),
                        lineno, arg, strerror(errno));
                return 2;
            }
        } else {
            fprintf(stderr, _("script line %d: unknown command '%s'\n"), lineno, cmd);
            return 2;
        }
    }
    return 0;
}
