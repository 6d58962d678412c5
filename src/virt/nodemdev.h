/* nodemdev.h - create and remove mediated devices through libvirt's
 * node-device API: persistent (define, then create) where the
 * connection has virNodeDeviceDefineXML, remote hosts too. */
#ifndef VFIOTUI_NODEMDEV_H
#define VFIOTUI_NODEMDEV_H

#include <stdbool.h>

struct conn;

/* The <device> XML that defines mdev @uuid of @type on PCI device
 * @parent (full address).  Caller frees; NULL on allocation failure. */
char *nodemdev_xml(const char *parent, const char *type, const char *uuid);

/* virNodeDeviceDefineXML then virNodeDeviceCreate with that XML.
 * Returns 0; NODEMDEV_UNSUPPORTED with *err when the connection cannot
 * define mdevs (its driver lacks virNodeDeviceDefineXML, as the test
 * driver does, or mdevctl is missing, as on qemu:///session here);
 * -1 with *err set (caller frees) for any other failure. */
#define NODEMDEV_UNSUPPORTED 1
int nodemdev_create(struct conn *c, const char *parent, const char *type,
                    const char *uuid, char **err);

/* Stops (virNodeDeviceDestroy) and undefines the mdev @uuid of
 * @parent.  Returns 0; NODEMDEV_UNSUPPORTED with *err when nothing was
 * changed because the connection cannot (no such node device, as when
 * its driver does not see the host's mdevs, or a call it lacks, or a
 * missing mdevctl); -1 with *err set for any other failure. */
int nodemdev_remove(struct conn *c, const char *parent, const char *uuid, char **err);

#endif
