/* nodedev.h - the host model from libvirt's node-device XML */
#ifndef VFIOTUI_NODEDEV_H
#define VFIOTUI_NODEDEV_H

#include <stdbool.h>
#include <stddef.h>

#include "model.h"

struct conn;

/* Builds a host model from @n node-device documents (virsh
 * nodedev-dumpxml), with no connection: @xmls[i] may be NULL or
 * malformed (the device is skipped with a warning naming @names[i];
 * @names may be NULL).  The facts libvirt cannot tell (root disk,
 * management NIC, vfio) are marked unknown; source and hostname are
 * left NULL.  Returns a new model (model_host_free), or NULL if memory
 * runs out.  nodedev_read() is this plus the connection. */
struct model_host *nodedev_parse(const char *const *names, const char *const *xmls, size_t n);

/* Builds the host model from the PCI node devices of @c (conn.h), for
 * hosts reached only through libvirt: their XML is fetched on a few
 * threads (pool.h) and given to nodedev_parse().  The model's source is
 * "libvirt:URI" and its hostname libvirt's.  Returns a new model, or
 * NULL with *err. */
struct model_host *nodedev_read(struct conn *c, char **err);

/* nodedev_mdev.c: adds the mdev of one node-device document with the
 * mdev capability to @h (its parent must be a device of @h).  Returns
 * 0, or -1 (with a warning) when it is no such document. */
int nodedev_parse_mdev(struct model_host *h, const char *xml, bool active, bool defined);
/* Adds the mdevs of @c's node devices to @h, then sorts them. */
void nodedev_read_mdevs(struct conn *c, struct model_host *h);

#endif /* VFIOTUI_NODEDEV_H */
