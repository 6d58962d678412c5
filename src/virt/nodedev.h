/* nodedev.h - the host model from libvirt's node-device XML */
#ifndef VFIOTUI_NODEDEV_H
#define VFIOTUI_NODEDEV_H

#include <stddef.h>

#include "model.h"

/* Builds a host model from @n node-device documents (virsh
 * nodedev-dumpxml), with no connection: @xmls[i] may be NULL or
 * malformed (the device is skipped with a warning naming @names[i];
 * @names may be NULL).  The facts libvirt cannot tell (root disk,
 * management NIC, vfio) are marked unknown; source and hostname are
 * left NULL.  Returns a new model (model_host_free), or NULL if memory
 * runs out.  nodedev_read() (conn.h) is this plus the connection. */
struct model_host *nodedev_parse(const char *const *names, const char *const *xmls, size_t n);

#endif /* VFIOTUI_NODEDEV_H */
