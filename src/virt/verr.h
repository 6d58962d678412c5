/* verr.h - libvirt's errors: kept off the terminal, and read back for
 * the messages and decisions of this layer. */
#ifndef VFIOTUI_VERR_H
#define VFIOTUI_VERR_H

#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>

/* libvirt prints every error to stderr unless told otherwise; that
 * would corrupt the full-screen interface, and the callers report
 * errors themselves.  Silences the default handler, and @vc's when it
 * is not NULL. */
void verr_silence(virConnectPtr vc);

/* The message of this thread's last libvirt error, or a translated
 * "unknown libvirt error"; borrowed until the next libvirt call. */
const char *verr_last_msg(void);

/* The code of this thread's last libvirt error (virErrorNumber), or
 * VIR_ERR_OK. */
int verr_last_code(void);

#endif /* VFIOTUI_VERR_H */
