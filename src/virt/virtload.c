/* virtload.c - loads libvirt on first use (dlopen, dlsym) and fills the
 * pointers virtload.h names, as systemd does for its optional libraries. */
#include <config.h>

#define VIRTLOAD_NO_NAMES       /* here the names are libvirt's own */
#include "virtload.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>

#include "i18n.h"
#include "io/errmsg.h"

/* The one exception to "no mutable globals": a process maps a library
 * once.  Written only inside pthread_once(), so every caller of
 * virtload_open() (and every thread it starts afterwards) sees them
 * complete; read-only after that. */
#define VIRTLOAD_DEFINE(f) __typeof__(f) *virtload_##f;
VIRTLOAD_FUNCS(VIRTLOAD_DEFINE)
#undef VIRTLOAD_DEFINE

static pthread_once_t load_once = PTHREAD_ONCE_INIT;
static int load_status = -1;
static char load_error[512];

static void
load(void)
{
    void *lib;
    const char *why;

    /* never closed: libvirt keeps threads, thread-locals and atexit
     * handlers of its own */
    if (!(lib = dlopen(LIBVIRT_SONAME, RTLD_NOW | RTLD_LOCAL))) {
        why = dlerror();
        snprintf(load_error, sizeof(load_error), "%s", why ? why : "?");
        return;
    }
#define VIRTLOAD_RESOLVE(f) \
    if (!(virtload_##f = (__typeof__(virtload_##f))dlsym(lib, #f))) \
        goto missing;
    VIRTLOAD_FUNCS(VIRTLOAD_RESOLVE)
#undef VIRTLOAD_RESOLVE
    load_status = 0;
    return;

 missing:
    why = dlerror();
    snprintf(load_error, sizeof(load_error), "%s", why ? why : "?");
    /* all or nothing: no caller may see half a table */
#define VIRTLOAD_CLEAR(f) virtload_##f = NULL;
    VIRTLOAD_FUNCS(VIRTLOAD_CLEAR)
#undef VIRTLOAD_CLEAR
    dlclose(lib);
}

int
virtload_open(char **err)
{
    if (pthread_once(&load_once, load) != 0 || load_status < 0) {
        errmsg_set(err, _("cannot load the libvirt library %s: %s"), LIBVIRT_SONAME,
                   load_error[0] ? load_error : "?");
        return -1;
    }
    return 0;
}
