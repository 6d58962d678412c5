/* pci.h - what the program knows about PCI itself, once: the header
 * type a class implies, what a driver's name means for VFIO, and the
 * name a device is shown by.  Pure: no I/O. */
#ifndef VFIOTUI_PCI_H
#define VFIOTUI_PCI_H

#include <stdbool.h>

#include "model.h"

/* The header type of a function of class @class_id (16 bit base and
 * sub class, MODEL_NONE if unknown), given @config_byte, the header
 * type byte of its config space (offset 0x0e), or -1 when that was not
 * read.
 *
 * Config space wins when it was read and holds a type (0, 1 or 2; the
 * multi-function bit is ignored); 0xff, what a missing or short config
 * file reads as, does not count.  Otherwise the class decides, as the
 * PCI specification ties them: PCI-to-PCI bridges (0x0604) and
 * semi-transparent ones (0x0609) have type 1, CardBus bridges (0x0607)
 * type 2, every other class type 0, including host, ISA and "other"
 * bridges (0x0600, 0x0601, 0x0680), which are not in the PCI hierarchy
 * as bridges.  An unknown class gives MODEL_HDR_UNKNOWN, and so does a
 * header type beyond 2. */
enum model_header pci_header(int class_id, int config_byte);

/* Whether reading config space may change what pci_header() says from
 * the class alone: only bridge-class (0x06xx) functions can have a type
 * 1 or 2 header. */
bool pci_header_needs_config(int class_id);

/* What a bound driver means for VFIO. */
enum pci_driver_kind {
    PCI_DRIVER_NONE = 0,        /* bound to no driver */
    PCI_DRIVER_VFIO,            /* vfio-pci or a variant (mlx5_vfio_pci...) */
    PCI_DRIVER_STUB,            /* pci-stub: parked, not used */
    PCI_DRIVER_BRIDGE_PORT,     /* pcieport: the port services of a bridge */
    PCI_DRIVER_HOST,            /* any other: the host uses the device */
};

/* The kind of driver @driver (a driver's name, NULL or "" for none). */
enum pci_driver_kind pci_driver_kind(const char *driver);

/* True for the kinds that set driver_managed_dma (none, vfio, stub,
 * bridge port): such a driver does not keep VFIO from claiming the
 * group on Linux 5.19 and later. */
bool pci_driver_managed_dma(enum pci_driver_kind kind);

/* The name a device is shown by: its device name, else its class name,
 * else "unknown device" (translated).  Borrowed from @d or static. */
const char *pci_dev_label(const struct model_dev *d);

/* The short name of class @class_id (16 bit base+sub class), as the
 * tree's class column shows it: "VGA", "Audio", "NVMe", "PCI bridge"...
 * NULL when the class is unknown (MODEL_NONE) or not in the table: the
 * caller falls back to the class name.  Translated; static. */
const char *pci_class_short(int class_id);

#endif /* VFIOTUI_PCI_H */
