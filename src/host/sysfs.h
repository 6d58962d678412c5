/* sysfs.h - read <sysroot>/sys and <sysroot>/proc into a host model */
#ifndef VFIOTUI_SYSFS_H
#define VFIOTUI_SYSFS_H

#include "model.h"

struct sysfs_opts {
    const char *sysroot;        /* "/" for the running host */
    const char *ssh_connection; /* value of $SSH_CONNECTION, or NULL */
    bool quiet;                 /* unused: warnings, libpci's included,
                                 * always go into the model */
    bool brief;                 /* read only what `list` prints: not the
                                 * NUMA node, reset methods or subsystem */
    size_t first;               /* nonzero: on a host of more than
                                 * SYSFS_FIRST_MIN times as many devices,
                                 * read only the lowest-numbered IOMMU
                                 * groups', whole, until there are this
                                 * many (model_host.partial_of) */
};

/* How much bigger than sysfs_opts.first a host must be to be read in
 * part: a smaller one is read whole at once. */
#define SYSFS_FIRST_MIN 4

/* Reads the host.  Returns a new model (free with model_host_free), or
 * NULL with *err set (caller frees) when there is no PCI bus to read at
 * all.  Anything less (a malformed or unreadable file) degrades that
 * field to unknown (see enum model_unknown, iommu_unknown and
 * mgmt_nic_known) and adds a model warning. */
struct model_host *sysfs_read(const struct sysfs_opts *opts, char **err);

/* Fills missing vendor, device, class and subsystem names from pci.ids
 * (through libpci, without touching any device), for models built from
 * another source such as libvirt's node devices. */
void sysfs_fill_names(struct model_host *h);

#endif /* VFIOTUI_SYSFS_H */
