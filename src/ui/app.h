/* app.h - the full-screen interface */
#ifndef VFIOTUI_UI_APP_H
#define VFIOTUI_UI_APP_H

#include <stdbool.h>

struct cmd_ctx;

struct ui_opts {
    struct cmd_ctx *ctx;        /* the loaded host, connection and options */
    /* Re-reads the host and its domains (F5).  Returns 0, or -1 with
     * *err set.  The UI never reads the host itself. */
    int (*rescan)(struct cmd_ctx *ctx, char **err);
    const char *script;         /* headless: a key script (see the man page) */
    const char *dump_dir;       /* headless: where "dump NAME" writes */
    int cols, lines;            /* headless screen size */
    bool ascii;
};

/* Runs the interface until the user quits.  Returns an exit status. */
int ui_run(struct ui_opts *o);

/* Prints the key table, one action a line: the screen (tree, help,
 * picker, confirm, prompt), its keys and its help, separated by tabs. */
void ui_print_keys(void);

#endif /* VFIOTUI_UI_APP_H */
