/* pci.c - PCI knowledge, once: header type from class, driver kinds,
 * device labels.  Pure: no I/O. */
#include <config.h>

#include "pci.h"

#include <string.h>

#include "i18n.h"

enum model_header
pci_header(int class_id, int config_byte)
{
    if (config_byte >= 0 && config_byte != 0xff) {
        switch (config_byte & 0x7f) {
        case 0:
            return MODEL_HDR_NORMAL;
        case 1:
            return MODEL_HDR_BRIDGE;
        case 2:
            return MODEL_HDR_CARDBUS;
        default:
            return MODEL_HDR_UNKNOWN;
        }
    }
    switch (class_id) {
    case MODEL_NONE:
        return MODEL_HDR_UNKNOWN;
    case 0x0604:
    case 0x0609:
        return MODEL_HDR_BRIDGE;
    case 0x0607:
        return MODEL_HDR_CARDBUS;
    default:
        return MODEL_HDR_NORMAL;
    }
}

bool
pci_header_needs_config(int class_id)
{
    return class_id != MODEL_NONE && (class_id >> 8) == 0x06;
}

enum pci_driver_kind
pci_driver_kind(const char *driver)
{
    if (!driver || !*driver)
        return PCI_DRIVER_NONE;
    /* variant drivers carry the name: mlx5_vfio_pci, hisi_acc_vfio_pci... */
    if (strstr(driver, "vfio-pci") || strstr(driver, "vfio_pci"))
        return PCI_DRIVER_VFIO;
    if (strcmp(driver, "pci-stub") == 0)
        return PCI_DRIVER_STUB;
    if (strcmp(driver, "pcieport") == 0)
        return PCI_DRIVER_BRIDGE_PORT;
    return PCI_DRIVER_HOST;
}

bool
pci_driver_managed_dma(enum pci_driver_kind kind)
{
    return kind != PCI_DRIVER_HOST;
}

const char *
pci_dev_label(const struct model_dev *d)
{
    if (d->device_name)
        return d->device_name;
    if (d->class_name)
        return d->class_name;
    return _("unknown device");
}
