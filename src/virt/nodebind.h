/* nodebind.h - a remote host's devices to vfio and back through
 * libvirt's node-device API, and what its capabilities say of the
 * IOMMU. */
#ifndef VFIOTUI_NODEBIND_H
#define VFIOTUI_NODEBIND_H

#include <stdbool.h>

struct conn;

/* virNodeDeviceDetachFlags(@addr, "vfio") or, with @reattach,
 * virNodeDeviceReAttach, on the device with PCI address @addr (full
 * form).  Returns 0, or -1 with *err set (caller frees). */
int nodebind_detach(struct conn *c, const char *addr, bool reattach, char **err);

/* The node device name of @addr ("pci_0000_01_00_1") into @buf. */
void nodebind_name(const char *addr, char *buf, unsigned size);

/* The driver libvirt reports for @addr now: 0 with *driver (NULL for
 * none; caller frees), or -1 with *err set. */
int nodebind_driver(struct conn *c, const char *addr, char **driver, char **err);

/* From the host capabilities: 1 for <iommu support='yes'/>, 0 for
 * 'no', -1 when they do not say or cannot be read. */
int nodebind_caps_iommu(struct conn *c);

#endif /* VFIOTUI_NODEBIND_H */
