/* app.h - the full-screen interface */
#ifndef VFIOTUI_UI_APP_H
#define VFIOTUI_UI_APP_H

#include <stdbool.h>

struct session;                 /* src/session.h */

struct ui_opts {
    /* the loaded host, connection and domains; the interface reaches
     * them, libvirt and files only through the session's operations */
    struct session *session;
    const char *progname;       /* for messages before the screen is up */
    bool unmanaged;             /* --unmanaged: managed="no" hostdevs */
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
