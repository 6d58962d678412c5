/* model.h - the plain in-memory model of a host: IOMMU groups, PCI
 * devices, the host facts the rules judge, and domains' hostdevs.
 *
 * The model is filled by src/host/sysfs.c (local) or src/virt/nodedev.c
 * (remote) and by src/virt/conn.c (domains); everything else only reads
 * it.  No I/O here.  All strings are owned by the model and freed by
 * model_host_free(). */
#ifndef VFIOTUI_MODEL_H
#define VFIOTUI_MODEL_H

#include <stdbool.h>
#include <stddef.h>

#include "bdf.h"

#define MODEL_NONE (-1)          /* "unknown" / "absent" for int fields */

enum model_header {
    MODEL_HDR_UNKNOWN = -1,
    MODEL_HDR_NORMAL = 0,       /* endpoint */
    MODEL_HDR_BRIDGE = 1,
    MODEL_HDR_CARDBUS = 2,
};

enum model_tri {
    MODEL_TRI_UNKNOWN = -1,
    MODEL_TRI_NO = 0,
    MODEL_TRI_YES = 1,
};

enum model_vfio {
    MODEL_VFIO_UNKNOWN = 0,     /* could not be judged (remote host) */
    MODEL_VFIO_ABSENT,          /* neither loaded nor installed */
    MODEL_VFIO_INSTALLED,       /* module file present, not loaded */
    MODEL_VFIO_LOADED,          /* driver registered / module loaded */
};

/* Bits of model_dev.unknown: what could not be read or did not parse,
 * as opposed to being absent.  driver == NULL without MODEL_UNK_DRIVER
 * means "bound to no driver"; with it, "cannot tell". */
enum model_unknown {
    MODEL_UNK_IDS = 1u << 0,        /* vendor or device id */
    MODEL_UNK_CLASS = 1u << 1,
    MODEL_UNK_DRIVER = 1u << 2,
    MODEL_UNK_GROUP = 1u << 3,      /* membership unreadable or inconsistent:
                                     * the device is, or may be, in a group
                                     * whose member list is not trustworthy */
    MODEL_UNK_NUMA = 1u << 4,
    MODEL_UNK_SUBSYS = 1u << 5,
    MODEL_UNK_REVISION = 1u << 6,
    MODEL_UNK_SRIOV = 1u << 7,      /* sriov_totalvfs / sriov_numvfs */
};

/* One reason the host needs a device, as data (list --json); the
 * root_disk and mgmt_nic strings of struct model_dev say the same for
 * people. */
enum model_hold_kind {
    MODEL_HOLD_MOUNT = 0,       /* a mounted filesystem is on it */
    MODEL_HOLD_SWAP,            /* a swap area is on it */
    MODEL_HOLD_NETWORK,         /* a NIC that a network filesystem or
                                 * disk (NFS, iSCSI, nbd) goes through */
    MODEL_HOLD_DEFAULT_ROUTE,   /* a NIC under the IPv4 default route */
    MODEL_HOLD_DEFAULT_ROUTE6,  /* a NIC under the IPv6 default route */
    MODEL_HOLD_SSH,             /* a NIC that carries the SSH session */
};

struct model_hold {
    enum model_hold_kind kind;
    char *target;               /* MOUNT, NETWORK: the mount point (or swap
                                 * device); SWAP: the swap device; else NULL */
    char **via;                 /* MOUNT, SWAP: the block devices from this
                                 * device's up to the one the filesystem is
                                 * on, e.g. "nvme0n1p3", "dm-0" */
    size_t n_via;
    char *iface;                /* NETWORK and the route kinds: the interface
                                 * the route names (it may be a bridge, bond
                                 * or VLAN above this device); else NULL */
};

/* True for the kinds that make a device host storage (root_disk),
 * false for the management NIC kinds (mgmt_nic). */
bool model_hold_is_storage(enum model_hold_kind kind);

/* One reference to a device from a domain definition. */
struct model_use {
    size_t domain;              /* index into host->domains */
    bool live;                  /* in the running definition */
    bool config;                /* in the persistent definition */
};

struct model_dev {
    struct bdf addr;
    char addr_str[BDF_STRLEN];  /* full form, e.g. "0000:01:00.0" */
    int group;                  /* IOMMU group, MODEL_NONE without */

    int vendor_id;              /* 16 bit, MODEL_NONE if unknown */
    int device_id;
    int subsys_vendor_id;       /* MODEL_NONE if unknown/absent */
    int subsys_device_id;
    int class_id;               /* 16 bit base+sub class, e.g. 0x0403 */
    int prog_if;                /* 8 bit */
    int revision;
    enum model_header header;
    char *driver;               /* NULL: bound to no driver */

    enum model_tri boot_vga;
    bool reset_known;           /* reset_method file was readable */
    char **reset_methods;       /* e.g. "flr", "bus"; n_reset_methods */
    size_t n_reset_methods;
    int numa_node;              /* MODEL_NONE when absent or -1 */

    int physfn;                 /* index of the PF if this is a VF */
    size_t *virtfns;            /* indices of VFs if this is a PF */
    size_t n_virtfns;
    int sriov_totalvfs;         /* MODEL_NONE if not SR-IOV capable */
    int sriov_numvfs;           /* MODEL_NONE if unknown or not capable */
    int parent;                 /* index of the upstream bridge, or MODEL_NONE */

    char *sysfs_path;           /* e.g. "/sys/devices/pci0000:00/0000:00:01.0/0000:01:00.0"
                                 * (relative to the sysroot), NULL if unknown */

    char *vendor_name;          /* from libpci / libvirt; NULL if unknown */
    char *device_name;
    char *class_name;
    char *subsys_name;

    /* Host facts, filled by the host reader (see struct model_host *_known) */
    char *root_disk;            /* why this device must stay: e.g.
                                 * "nvme0n1 -> dm-0 (vg0-root) holds /"; NULL if not */
    char *mgmt_nic;             /* e.g. "eth0 carries the default route"; NULL if not */
    struct model_hold *holds;   /* the same facts as data, root_disk's and
                                 * mgmt_nic's together */
    size_t n_holds;

    struct model_use *uses;     /* domains that reference this device */
    size_t n_uses;

    unsigned int unknown;       /* enum model_unknown bits; 0: all known */
};

struct model_group {
    int id;
    size_t *devs;               /* indices into host->devs, sorted by address */
    size_t n_devs;
};

enum model_dom_state {
    MODEL_DOM_UNKNOWN = 0,
    MODEL_DOM_RUNNING,
    MODEL_DOM_PAUSED,
    MODEL_DOM_SHUTOFF,
    MODEL_DOM_OTHER,
};

/* A PCI hostdev of a domain whose address is no device of this host
 * (VFs gone after a reboot, a card taken out): it is still in the
 * definition, and can still be detached. */
struct model_stale {
    struct bdf addr;
    char addr_str[BDF_STRLEN];
    bool live;                  /* in the running definition */
    bool config;                /* in the persistent definition */
};

/* A hostdev that is not a PCI one (USB, mdev, SCSI): shown, never
 * changed, by this program. */
struct model_other {
    char *label;                /* "usb 0x046d:0x0a1f", "mdev UUID" */
    bool live;
    bool config;
};

struct model_domain {
    char *name;
    char *uuid;
    enum model_dom_state state;
    bool persistent;
    struct model_stale *stale;  /* sorted by address */
    size_t n_stale;
    struct model_other *other;  /* in the definitions' order */
    size_t n_other;
};

/* A mediated device type a parent offers (mdev_supported_types/ID). */
struct model_mdev_type {
    size_t parent;              /* index into host->devs */
    char *id;                   /* "i915-GVTg_V5_4", "nvidia-63" */
    char *name;                 /* its name file, NULL if absent */
    char *description;          /* NULL if absent; may hold newlines */
    char *device_api;           /* "vfio-pci", NULL if unknown */
    int available;              /* available_instances, MODEL_NONE if unknown */
};

/* A mediated device: active (it exists on the parent), defined
 * (mdevctl's or libvirt's persistent definition), or both. */
struct model_mdev {
    char uuid[37];              /* lower case, 8-4-4-4-12 */
    size_t parent;              /* index into host->devs */
    char *type;                 /* the type id, NULL if unknown */
    bool active;
    bool defined;
    struct model_use *uses;     /* domains whose <hostdev type='mdev'> names it */
    size_t n_uses;
};

struct model_host {
    char *hostname;             /* NULL if unknown */
    char *source;               /* "sysfs:/", "sysfs:DIR", "libvirt:URI", "demo" */
    bool iommu;                 /* true when any IOMMU group exists */
    bool iommu_unknown;         /* sys/kernel/iommu_groups exists but
                                 * cannot be read: iommu is meaningless */

    struct model_dev *devs;     /* sorted by address */
    size_t n_devs;
    size_t cap_devs;            /* allocated; model_add_dev grows it */
    struct model_group *groups; /* sorted by id */
    size_t n_groups;
    struct model_mdev_type *mdev_types; /* by parent, then in the parent's order */
    size_t n_mdev_types;
    struct model_mdev *mdevs;   /* by parent, then UUID */
    size_t n_mdevs;

    /* Kernel facts.  kernel_release NULL if unknown. */
    char *kernel_release;       /* "6.1.0-18-amd64" */
    int kernel_major;           /* MODEL_NONE if unknown */
    int kernel_minor;
    char *cmdline;              /* kernel command line, NULL if unknown */
    enum model_vfio vfio;

    /* Whether the host reader could judge these facts at all: a remote
     * host (libvirt node devices) cannot tell which disk holds "/". */
    bool root_disk_known;
    bool mgmt_nic_known;
    /* With root_disk_known: the host filesystems (or swap) whose disks
     * could not be followed, e.g. "/ (zfs rpool/ROOT/pve-1)".  Any
     * storage or USB controller may hold them.  Empty: all were found. */
    char **disks_unknown;
    size_t n_disks_unknown;

    struct model_domain *domains;
    size_t n_domains;
    bool domains_known;         /* false: no libvirt connection */

    char **warnings;            /* things that degraded to "unknown" */
    size_t n_warnings;

    /* Nonzero: only the first screen's part of the host, the devices of
     * its lowest-numbered IOMMU groups, of this many; nothing may be
     * judged on it (sysfs_opts.first) */
    size_t partial_of;
    /* With partial_of: the host's devices that were not read, sorted:
     * a disk or route on one of them is not "unknown", only elsewhere */
    struct bdf *unread;
    size_t n_unread;
};

/* A set of marked devices, parallel to host->devs. */
struct model_sel {
    bool *marked;               /* n_devs entries */
    size_t n_devs;
    bool *mdev_marked;          /* n_mdevs entries: mdevs by UUID */
    size_t n_mdevs;
    char **unknown;             /* addresses not on the host, as given */
    size_t n_unknown;
};

struct model_host *model_host_new(void);
void model_host_free(struct model_host *h);

/* Appends a zeroed device (fields set to MODEL_NONE / NULL) with @addr.
 * Returns its index, or -1 on allocation failure.  Pointers into
 * h->devs are invalidated. */
int model_add_dev(struct model_host *h, const struct bdf *addr);

/* Makes room for @n devices in all, so that as many model_add_dev calls
 * move nothing (a reader that knows the count allocates once).
 * Returns 0 or -1. */
int model_reserve_devs(struct model_host *h, size_t n);

/* Sorts devices by address and rebuilds groups from each dev's group
 * field.  Call after all devices were added and before any index
 * (physfn, virtfns, parent, uses) is set, since sorting moves devices.
 * May be called again after devices are added.  Returns 0 or -1. */
int model_finish(struct model_host *h);

/* Returns the device index or -1. Requires model_finish(). */
int model_find(const struct model_host *h, const struct bdf *addr);
/* Whether @addr is a device of a partly read host that was not read
 * (model_host.unread). */
bool model_unread(const struct model_host *h, const struct bdf *addr);
const struct model_group *model_find_group(const struct model_host *h, int id);

/* Appends a printf-formatted warning.  Returns 0 or -1. */
/* Appends "; S" to the reason string *DST unless it already holds S,
 * or sets it.  On allocation failure *DST is left as it was. */
void model_add_reason(char **dst, const char *s);

/* Adds a hold to @d unless it has an equal one.  @via has @n_via
 * strings; @target, @via and @iface may be NULL.  Returns 0 or -1. */
int model_add_hold(struct model_dev *d, enum model_hold_kind kind, const char *target,
                   const char *const *via, size_t n_via, const char *iface);

int model_warn(struct model_host *h, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Adds a printf-formatted entry to h->disks_unknown (once).  Returns 0
 * or -1. */
int model_disk_unknown(struct model_host *h, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Records that domain @name uses @dev (live and/or config).  Adds the
 * domain if needed.  Returns 0 or -1. */
int model_add_domain(struct model_host *h, const char *name, const char *uuid,
                     enum model_dom_state state, bool persistent);
int model_add_use(struct model_host *h, size_t dev, size_t domain,
                  bool live, bool config);
/* Records that domain @domain has a hostdev for @addr, which is not a
 * device of this host.  Returns 0 or -1. */
int model_add_stale(struct model_host *h, size_t domain, const struct bdf *addr,
                    bool live, bool config);
/* Records that domain @domain has the non-PCI hostdev @label (once
 * per label, the definitions merged).  Returns 0 or -1. */
int model_add_other(struct model_host *h, size_t domain, const char *label,
                    bool live, bool config);
void model_clear_domains(struct model_host *h);
/* The index of the domain called @name, or -1. */
int model_find_domain(const struct model_host *h, const char *name);
/* Whether domain @name holds device @dev in the definitions named:
 * the running one if @live, the persistent one if @config (both when
 * both are).  False when @name is NULL or neither is named. */
bool model_dom_holds(const struct model_host *h, size_t dev, const char *name,
                     bool live, bool config);

bool model_dev_is_bridge(const struct model_dev *d);
bool model_dev_is_vga(const struct model_dev *d);   /* class 0x03xx */
const char *model_dom_state_str(enum model_dom_state s);  /* untranslated */

/* Selections. */
struct model_sel *model_sel_new(const struct model_host *h);
void model_sel_free(struct model_sel *s);
/* Marks @addr (any form bdf_parse_user() takes; a slot marks each of
 * its functions); unknown but well-formed addresses (or slots) go to
 * s->unknown.  Returns 0, or -1 if @addr is not an address at all. */
int model_sel_add(struct model_sel *s, const struct model_host *h, const char *addr);
/* Adds @name (an address, slot or mdev UUID not on the host) to
 * s->unknown unless it is there already.  0, or -1 out of memory. */
int model_sel_add_unknown(struct model_sel *s, const char *name);
/* Marks every endpoint (non-bridge) of each group that has a marked
 * device.  Returns how many devices were added. */
size_t model_sel_whole_groups(struct model_sel *s, const struct model_host *h);
/* Marks every endpoint of group @id. Returns -1 if no such group. */
int model_sel_group(struct model_sel *s, const struct model_host *h, int id);
size_t model_sel_count(const struct model_sel *s);

/* Mediated devices (model_mdev.c). */
/* Whether @s is a UUID (8-4-4-4-12 hex digits). */
bool model_is_uuid(const char *s);
/* Adds a type of parent @parent; @id is copied, the other strings are
 * taken (freed on failure too).  Returns its index or -1. */
int model_add_mdev_type(struct model_host *h, size_t parent, const char *id,
                        char *name, char *description, char *device_api,
                        int available);
/* Adds mdev @uuid of @parent (type copied, may be NULL), or merges it
 * into the one with that UUID (active and defined are or-ed).  Returns
 * its index or -1. */
int model_add_mdev(struct model_host *h, size_t parent, const char *uuid,
                   const char *type, bool active, bool defined);
/* Sorts the mdevs by parent and UUID (before any use is recorded). */
void model_mdev_sort(struct model_host *h);
/* The index of the mdev with @uuid (any case), or -1. */
int model_find_mdev(const struct model_host *h, const char *uuid);
/* The type @id of parent @parent, or NULL. */
const struct model_mdev_type *model_find_mdev_type(const struct model_host *h,
                                                   size_t parent, const char *id);
/* Whether device @dev offers mdev types or has mdevs. */
bool model_dev_is_mdev_parent(const struct model_host *h, size_t dev);
/* Records that domain @domain uses mdev @m.  Returns 0 or -1. */
int model_add_mdev_use(struct model_host *h, size_t m, size_t domain,
                       bool live, bool config);
void model_mdev_clear(struct model_host *h);
/* Marks the mdev @uuid if @uuid is one; returns 1 if it marked one,
 * 0 if @uuid is a UUID that is no mdev of the host (added to
 * s->unknown), -1 if it is no UUID. */
int model_sel_add_mdev(struct model_sel *s, const struct model_host *h, const char *uuid);
size_t model_sel_count_mdevs(const struct model_sel *s);

#endif /* VFIOTUI_MODEL_H */
