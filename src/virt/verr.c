/* verr.c - libvirt's errors: kept off the terminal, and read back for
 * the messages and decisions of this layer. */
#include <config.h>

#include "verr.h"
#include "virtload.h"

#include "i18n.h"

static void
silent_error(void *data, virErrorPtr e)
{
    (void)data;
    (void)e;
}

void
verr_silence(virConnectPtr vc)
{
    virSetErrorFunc(NULL, silent_error);
    if (vc)
        virConnSetErrorFunc(vc, NULL, silent_error);
}

const char *
verr_last_msg(void)
{
    const char *m = virGetLastErrorMessage();

    return m ? m : _("unknown libvirt error");
}

int
verr_last_code(void)
{
    virErrorPtr e = virGetLastError();

    return e ? e->code : VIR_ERR_OK;
}
