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

/* Short class names, after lspci's and the kernel's: the tree's class
 * column.  Exact base+sub class first, then the base class alone
 * (sub 0xff in the table). */
static const struct {
    int class_id;
    const char *name;
} short_names[] = {
    { 0x0000, N_("Unclassified") },
    { 0x0001, N_("VGA") },
    { 0x0100, N_("SCSI") },
    { 0x0101, N_("IDE") },
    { 0x0102, N_("Floppy") },
    { 0x0104, N_("RAID") },
    { 0x0105, N_("ATA") },
    { 0x0106, N_("SATA") },
    { 0x0107, N_("SAS") },
    { 0x0108, N_("NVMe") },
    { 0x0109, N_("UFS") },
    { 0x01ff, N_("Storage") },
    { 0x0200, N_("Ethernet") },
    { 0x0207, N_("InfiniBand") },
    { 0x02ff, N_("Network") },
    { 0x0300, N_("VGA") },
    { 0x0301, N_("XGA") },
    { 0x0302, N_("3D") },
    { 0x03ff, N_("Display") },
    { 0x0400, N_("Video") },
    { 0x0401, N_("Audio") },
    { 0x0403, N_("Audio") },
    { 0x04ff, N_("Multimedia") },
    { 0x0500, N_("RAM") },
    { 0x0501, N_("Flash") },
    { 0x0502, N_("CXL memory") },
    { 0x05ff, N_("Memory") },
    { 0x0600, N_("Host bridge") },
    { 0x0601, N_("ISA bridge") },
    { 0x0604, N_("PCI bridge") },
    { 0x0607, N_("CardBus") },
    { 0x0609, N_("PCI bridge") },
    { 0x06ff, N_("Bridge") },
    { 0x0700, N_("Serial") },
    { 0x0701, N_("Parallel") },
    { 0x0703, N_("Modem") },
    { 0x07ff, N_("Comm") },
    { 0x0800, N_("PIC") },
    { 0x0801, N_("DMA") },
    { 0x0802, N_("Timer") },
    { 0x0803, N_("RTC") },
    { 0x0805, N_("SD host") },
    { 0x0806, N_("IOMMU") },
    { 0x08ff, N_("System") },
    { 0x09ff, N_("Input") },
    { 0x0aff, N_("Docking") },
    { 0x0bff, N_("Processor") },
    { 0x0c00, N_("FireWire") },
    { 0x0c03, N_("USB") },
    { 0x0c04, N_("Fibre Ch.") },
    { 0x0c05, N_("SMBus") },
    { 0x0c07, N_("IPMI") },
    { 0x0cff, N_("Serial bus") },
    { 0x0dff, N_("Wireless") },
    { 0x0eff, N_("I2O") },
    { 0x0fff, N_("Satellite") },
    { 0x10ff, N_("Crypto") },
    { 0x1101, N_("Perf. ctr") },
    { 0x11ff, N_("Signal") },
    { 0x12ff, N_("Accel") },
    { 0x13ff, N_("Instrument") },
    { 0x40ff, N_("Coprocessor") },
    { 0xffff, N_("Unassigned") },
};

const char *
pci_class_short(int class_id)
{
    size_t i;

    if (class_id == MODEL_NONE || class_id < 0)
        return NULL;
    for (i = 0; i < sizeof(short_names) / sizeof(short_names[0]); i++)
        if (short_names[i].class_id == class_id)
            return _(short_names[i].name);
    for (i = 0; i < sizeof(short_names) / sizeof(short_names[0]); i++)
        if (short_names[i].class_id == ((class_id & 0xff00) | 0xff))
            return _(short_names[i].name);
    return NULL;
}
