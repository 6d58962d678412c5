/* prep.h - preparing a host for VFIO, as pure logic: the readiness
 * facts a host reader gathers, the report judged from them (vfiotui
 * ready), the boot-time binding plan (vfiotui boot) and a unified diff
 * of a planned file.  No I/O here. */
#ifndef VFIOTUI_PREP_H
#define VFIOTUI_PREP_H

#include <stdbool.h>
#include <stddef.h>

#include "model.h"

enum prep_mod_state {
    PREP_MOD_UNKNOWN = 0,       /* could not be read */
    PREP_MOD_ABSENT,            /* neither built in nor installed */
    PREP_MOD_INSTALLED,         /* in modules.dep, not loaded */
    PREP_MOD_BUILTIN,           /* in modules.builtin */
    PREP_MOD_LOADED,            /* in /proc/modules */
};

/* The modules VFIO needs, in this order in struct prep_facts.mods. */
enum prep_mod {
    PREP_MOD_VFIO = 0,
    PREP_MOD_VFIO_PCI,
    PREP_MOD_VFIO_IOMMU_TYPE1,
    PREP_N_MODS,
};

enum prep_cpu {
    PREP_CPU_UNKNOWN = 0,
    PREP_CPU_INTEL,
    PREP_CPU_AMD,
    PREP_CPU_OTHER,
};

enum prep_distro {
    PREP_DISTRO_UNKNOWN = 0,    /* no os-release, or a family we do not know */
    PREP_DISTRO_FEDORA,         /* Fedora, RHEL, CentOS...: grubby, dracut */
    PREP_DISTRO_DEBIAN,         /* Debian, Ubuntu...: update-grub, initramfs-tools */
};

/* vfio-pci IDs set somewhere: the kernel command line or a modprobe.d file. */
struct prep_ids {
    char *ids;                  /* "10de:2484,10de:228b" as written */
    char *where;                /* "the kernel command line" or "etc/modprobe.d/x.conf" */
};

struct prep_override {
    char addr[BDF_STRLEN];
    char *driver;               /* the driver_override value */
};

/* A PCI driver of the host and the module that carries it: softdep
 * names modules (xhci_hcd is in xhci_pci), and a built-in driver takes
 * its devices before any module loads. */
struct prep_driver {
    char *driver;               /* sys/bus/pci/drivers/NAME */
    char *module;               /* its module link, else the driver's name */
    bool builtin;               /* the module is in modules.builtin */
};

/* What a host reader found; every field says when it is unknown. */
struct prep_facts {
    bool remote;                /* read through libvirt: only its view */
    int n_iommu_units;          /* entries of sys/class/iommu; -1 unknown */
    char **iommu_units;
    enum model_tri irq_remap;   /* every unit remaps interrupts */
    enum model_tri caps_iommu;  /* remote: <iommu support='yes'/> */
    enum prep_cpu cpu;
    char *cpu_vendor;           /* vendor_id as read, or NULL */
    enum prep_mod_state mods[PREP_N_MODS];
    bool ids_known;             /* modprobe.d could be read */
    struct prep_ids *ids;
    size_t n_ids;
    bool overrides_known;       /* every driver_override could be read */
    struct prep_override *overrides;
    size_t n_overrides;
    enum prep_distro distro;
    char *os_name;              /* PRETTY_NAME or ID, or NULL */
    struct prep_driver *drivers;
    size_t n_drivers;
};

struct prep_facts *prep_facts_new(void);
void prep_facts_free(struct prep_facts *f);     /* accepts NULL */
int prep_facts_add_ids(struct prep_facts *f, const char *ids, const char *where);
int prep_facts_add_override(struct prep_facts *f, const char *addr, const char *driver);
int prep_facts_add_driver(struct prep_facts *f, const char *driver, const char *module,
                          bool builtin);
/* The entry of driver @name, or NULL.  Borrowed. */
const struct prep_driver *prep_facts_driver(const struct prep_facts *f, const char *name);
/* The distribution family of an os-release file's ID and ID_LIKE. */
enum prep_distro prep_distro_of(const char *id, const char *id_like);
/* The module name of a path in modules.dep or modules.builtin
 * ("kernel/drivers/vfio/pci/vfio-pci.ko.xz" -> "vfio_pci") into @buf. */
void prep_module_name(const char *path, char *buf, size_t size);
/* Whether the kernel command line has argument @arg ("intel_iommu=on",
 * or a name alone for any value). */
bool prep_cmdline_has(const char *cmdline, const char *arg);

/* Whether the vfio-pci ID list @ids ("v:d,v:d:sv:sd...") matches @d. */
bool prep_ids_catch(const char *ids, const struct model_dev *d);

/* ---- vfiotui ready -------------------------------------------------- */

enum prep_status {
    PREP_OK = 0,
    PREP_WARN,
    PREP_FAIL,
    PREP_UNKNOWN,               /* could not be read: a finding, never "ok" */
};

struct prep_item {
    const char *id;             /* "iommu", "kernel-args", ... (static) */
    enum prep_status status;
    char *text;
    char *remedy;               /* NULL when there is nothing to do */
};

struct prep_report {
    struct prep_item *items;
    size_t n_items;
};

/* Judges @f and the host @h.  @prog names the program in remedies.
 * Returns a report (free with prep_report_free), NULL without memory. */
struct prep_report *prep_ready(const struct prep_facts *f, const struct model_host *h,
                               const char *prog);
void prep_report_free(struct prep_report *r);
/* "ok", "warning", "error", "unknown" (untranslated). */
const char *prep_status_str(enum prep_status s);
/* Whether the report holds anything but ok and warnings. */
bool prep_report_ready(const struct prep_report *r);

/* ---- host-critical devices (bind, boot) ----------------------------- */

/* Why device @i must stay with the host (translated, caller frees), or
 * NULL when it may leave: the root disk's controller, the management
 * NIC, the console GPU, a bridge. */
char *prep_critical(const struct model_host *h, size_t i);

/* ---- vfiotui boot ----------------------------------------------------- */

/* The files vfiotui boot owns or manages, relative to the sysroot. */
#define PREP_MODPROBE_CONF "etc/modprobe.d/vfiotui.conf"
#define PREP_UDEV_RULES "etc/udev/rules.d/10-vfiotui.rules"
#define PREP_DRACUT_CONF "etc/dracut.conf.d/vfiotui.conf"
#define PREP_INITRAMFS_MODULES "etc/initramfs-tools/modules"

struct prep_file {
    const char *path;           /* one of PREP_*, relative to the sysroot */
    bool managed_block;         /* a block between markers in another's file */
    char *text;                 /* the new contents; NULL: the file goes */
};

struct prep_plan {
    struct prep_file *files;
    size_t n_files;
    char *kernel_args;          /* to add, or NULL (never written) */
    char **commands;            /* to run afterwards, in order */
    size_t n_commands;
    char **notes;               /* translated sentences */
    size_t n_notes;
};

/* The plan for binding the marked devices of @sel at boot, or (with
 * @undo, @sel unused) for removing it.  @modules_text is the current
 * etc/initramfs-tools/modules (NULL if absent).  Returns a plan (free
 * with prep_plan_free) or NULL without memory. */
struct prep_plan *prep_boot_plan(const struct model_host *h, const struct model_sel *sel,
                                 const struct prep_facts *f, const char *modules_text,
                                 bool undo);
void prep_plan_free(struct prep_plan *p);

/* A unified diff of @path from @old to @new (either may be NULL for an
 * absent file), one hunk with three lines of context; "" when they are
 * equal.  Caller frees; NULL without memory. */
char *prep_udiff(const char *path, const char *old, const char *new);

#endif /* VFIOTUI_PREP_H */
