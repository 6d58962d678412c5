/* prep.c - the readiness facts and the report vfiotui ready prints. */
#include <config.h>

#include "prep.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "i18n.h"

static char *
fmt_new(const char *fmt, ...)
{
    va_list ap;
    char *s = NULL;

    va_start(ap, fmt);
    if (vasprintf(&s, fmt, ap) < 0)
        s = NULL;
    va_end(ap);
    return s;
}

struct prep_facts *
prep_facts_new(void)
{
    struct prep_facts *f = calloc(1, sizeof(*f));

    if (f) {
        f->n_iommu_units = -1;
        f->irq_remap = MODEL_TRI_UNKNOWN;
        f->caps_iommu = MODEL_TRI_UNKNOWN;
    }
    return f;
}

void
prep_facts_free(struct prep_facts *f)
{
    size_t i;

    if (!f)
        return;
    for (i = 0; f->iommu_units && i < (size_t)(f->n_iommu_units > 0 ? f->n_iommu_units : 0); i++)
        free(f->iommu_units[i]);
    free(f->iommu_units);
    free(f->cpu_vendor);
    for (i = 0; i < f->n_ids; i++) {
        free(f->ids[i].ids);
        free(f->ids[i].where);
    }
    free(f->ids);
    for (i = 0; i < f->n_overrides; i++)
        free(f->overrides[i].driver);
    free(f->overrides);
    free(f->os_name);
    for (i = 0; i < f->n_drivers; i++) {
        free(f->drivers[i].driver);
        free(f->drivers[i].module);
    }
    free(f->drivers);
    free(f);
}

int
prep_facts_add_driver(struct prep_facts *f, const char *driver, const char *module, bool builtin)
{
    struct prep_driver *n = realloc(f->drivers, (f->n_drivers + 1) * sizeof(*n));

    if (!n)
        return -1;
    f->drivers = n;
    n[f->n_drivers].driver = strdup(driver);
    n[f->n_drivers].module = strdup(module);
    n[f->n_drivers].builtin = builtin;
    if (!n[f->n_drivers].driver || !n[f->n_drivers].module) {
        free(n[f->n_drivers].driver);
        free(n[f->n_drivers].module);
        return -1;
    }
    f->n_drivers++;
    return 0;
}

const struct prep_driver *
prep_facts_driver(const struct prep_facts *f, const char *name)
{
    size_t i;

    for (i = 0; i < f->n_drivers; i++)
        if (strcmp(f->drivers[i].driver, name) == 0)
            return &f->drivers[i];
    return NULL;
}

int
prep_facts_add_ids(struct prep_facts *f, const char *ids, const char *where)
{
    struct prep_ids *n = realloc(f->ids, (f->n_ids + 1) * sizeof(*n));

    if (!n)
        return -1;
    f->ids = n;
    n[f->n_ids].ids = strdup(ids);
    n[f->n_ids].where = strdup(where);
    if (!n[f->n_ids].ids || !n[f->n_ids].where) {
        free(n[f->n_ids].ids);
        free(n[f->n_ids].where);
        return -1;
    }
    f->n_ids++;
    return 0;
}

int
prep_facts_add_override(struct prep_facts *f, const char *addr, const char *driver)
{
    struct prep_override *n = realloc(f->overrides, (f->n_overrides + 1) * sizeof(*n));

    if (!n)
        return -1;
    f->overrides = n;
    snprintf(n[f->n_overrides].addr, sizeof(n[f->n_overrides].addr), "%s", addr);
    if (!(n[f->n_overrides].driver = strdup(driver)))
        return -1;
    f->n_overrides++;
    return 0;
}

/* Whether the blank-separated list @list holds word @w. */
static bool
has_word(const char *list, const char *w)
{
    size_t n = strlen(w);
    const char *p = list;

    while (p && *p) {
        p += strspn(p, " \t\"'");
        if (strncmp(p, w, n) == 0 && (p[n] == '\0' || strchr(" \t\"'", p[n])))
            return true;
        p += strcspn(p, " \t\"'");
    }
    return false;
}

enum prep_distro
prep_distro_of(const char *id, const char *id_like)
{
    static const char *const fedora[] = { "fedora", "rhel", "centos", "rocky", "almalinux" };
    static const char *const debian[] = { "debian", "ubuntu" };
    size_t i;

    for (i = 0; i < sizeof(fedora) / sizeof(fedora[0]); i++)
        if ((id && strcmp(id, fedora[i]) == 0) || (id_like && has_word(id_like, fedora[i])))
            return PREP_DISTRO_FEDORA;
    for (i = 0; i < sizeof(debian) / sizeof(debian[0]); i++)
        if ((id && strcmp(id, debian[i]) == 0) || (id_like && has_word(id_like, debian[i])))
            return PREP_DISTRO_DEBIAN;
    return PREP_DISTRO_UNKNOWN;
}

void
prep_module_name(const char *path, char *buf, size_t size)
{
    const char *base = strrchr(path, '/');
    size_t i;

    base = base ? base + 1 : path;
    snprintf(buf, size, "%s", base);
    if (strstr(buf, ".ko"))
        *strstr(buf, ".ko") = '\0';
    for (i = 0; buf[i]; i++)
        if (buf[i] == '-')
            buf[i] = '_';
}

bool
prep_cmdline_has(const char *cmdline, const char *arg)
{
    size_t n = strlen(arg);
    const char *p = cmdline;

    while (p && *p) {
        p += strspn(p, " \t\n");
        if (strncmp(p, arg, n) == 0 &&
            (p[n] == '\0' || p[n] == ' ' || p[n] == '\t' || p[n] == '\n' ||
             (!strchr(arg, '=') && p[n] == '=')))
            return true;
        p += strcspn(p, " \t\n");
    }
    return false;
}

/* The value of argument NAME= on the command line, copied, or NULL. */
static char *
cmdline_value(const char *cmdline, const char *name)
{
    size_t n = strlen(name);
    const char *p = cmdline;

    while (p && *p) {
        p += strspn(p, " \t\n");
        if (strncmp(p, name, n) == 0 && p[n] == '=')
            return strndup(p + n + 1, strcspn(p + n + 1, " \t\n"));
        p += strcspn(p, " \t\n");
    }
    return NULL;
}

const char *
prep_status_str(enum prep_status s)
{
    switch (s) {
    case PREP_OK: return "ok";
    case PREP_WARN: return "warning";
    case PREP_FAIL: return "error";
    case PREP_UNKNOWN:
    default: return "unknown";
    }
}

bool
prep_report_ready(const struct prep_report *r)
{
    size_t i;

    for (i = 0; i < r->n_items; i++)
        if (r->items[i].status == PREP_FAIL || r->items[i].status == PREP_UNKNOWN)
            return false;
    return true;
}

void
prep_report_free(struct prep_report *r)
{
    size_t i;

    if (!r)
        return;
    for (i = 0; i < r->n_items; i++) {
        free(r->items[i].text);
        free(r->items[i].remedy);
    }
    free(r->items);
    free(r);
}

struct rb {
    struct prep_report *r;
    bool failed;
};

/* Adds an item; @text and @remedy are taken (may be NULL: remedy none). */
static void
item(struct rb *b, const char *id, enum prep_status st, char *text, char *remedy)
{
    struct prep_item *n;

    if (b->failed || !text ||
        !(n = realloc(b->r->items, (b->r->n_items + 1) * sizeof(*n)))) {
        b->failed = true;
        free(text);
        free(remedy);
        return;
    }
    b->r->items = n;
    n[b->r->n_items].id = id;
    n[b->r->n_items].status = st;
    n[b->r->n_items].text = text;
    n[b->r->n_items].remedy = remedy;
    b->r->n_items++;
}

/* How to add kernel argument @arg on this distribution (translated). */
static char *
karg_remedy(const struct prep_facts *f, const char *arg)
{
    switch (f->distro) {
    case PREP_DISTRO_FEDORA:
        return fmt_new(_("Enable the IOMMU (VT-d or AMD-Vi) in the firmware, add %s to the kernel command line with 'grubby --update-kernel=ALL --args=%s' and reboot."),
                       arg, arg);
    case PREP_DISTRO_DEBIAN:
        return fmt_new(_("Enable the IOMMU (VT-d or AMD-Vi) in the firmware, add %s to GRUB_CMDLINE_LINUX_DEFAULT in /etc/default/grub, run 'update-grub' and reboot."),
                       arg);
    case PREP_DISTRO_UNKNOWN:
    default:
        return fmt_new(_("Enable the IOMMU (VT-d or AMD-Vi) in the firmware, add %s to the kernel command line in the boot loader's configuration and reboot."),
                       arg);
    }
}

/* What turns the IOMMU on: the firmware, and on Intel the argument. */
static char *
iommu_remedy(const struct prep_facts *f)
{
    if (f->cpu == PREP_CPU_AMD)
        return fmt_new("%s", _("Enable the IOMMU (AMD-Vi, sometimes called IOMMU or SVM) in the firmware and reboot; the kernel turns it on by default, so remove any amd_iommu=off or iommu=off."));
    return karg_remedy(f, "intel_iommu=on");
}

static void
ready_iommu(struct rb *b, const struct prep_facts *f, const struct model_host *h)
{
    if (f->remote) {
        if (f->caps_iommu == MODEL_TRI_YES)
            item(b, "iommu", PREP_OK, fmt_new(_("libvirt reports IOMMU support on the host (<iommu support='yes'/>); %zu IOMMU groups."), h->n_groups), NULL);
        else if (f->caps_iommu == MODEL_TRI_NO)
            item(b, "iommu", PREP_FAIL, fmt_new("%s", _("libvirt reports no IOMMU support on the host (<iommu support='no'/>).")),
                 fmt_new("%s", _("On the host: enable VT-d or AMD-Vi in the firmware and the kernel (run 'vfiotui ready' there for the exact arguments).")));
        else
            item(b, "iommu", PREP_UNKNOWN, fmt_new("%s", _("libvirt's host capabilities do not say whether the host has an IOMMU.")),
                 fmt_new("%s", _("Run 'vfiotui ready' on the host itself.")));
        return;
    }
    if (h->iommu_unknown || f->n_iommu_units < 0) {
        item(b, "iommu", PREP_UNKNOWN, fmt_new("%s", _("sys/class/iommu or sys/kernel/iommu_groups cannot be read: whether the IOMMU is on is unknown.")),
             fmt_new("%s", _("Check that /sys is mounted and readable, and run vfiotui ready again.")));
    } else if (h->iommu) {
        char *units = NULL;
        int i;

        for (i = 0; i < f->n_iommu_units; i++) {
            char *n = units ? fmt_new("%s, %s", units, f->iommu_units[i]) : strdup(f->iommu_units[i]);

            free(units);
            if (!(units = n))
                break;
        }
        item(b, "iommu", PREP_OK,
             f->n_iommu_units > 0 ?
                 fmt_new(ngettext("The IOMMU is on: %d unit (%s), %zu IOMMU groups.",
                                  "The IOMMU is on: %d units (%s), %zu IOMMU groups.",
                                  f->n_iommu_units), f->n_iommu_units, units ? units : "", h->n_groups) :
                 fmt_new(_("The IOMMU is on: %zu IOMMU groups (sys/class/iommu lists no unit)."), h->n_groups),
             NULL);
        free(units);
    } else if (f->n_iommu_units > 0) {
        item(b, "iommu", PREP_FAIL,
             fmt_new(ngettext("The firmware describes %d IOMMU unit, but the kernel made no IOMMU groups: the IOMMU is off.",
                              "The firmware describes %d IOMMU units, but the kernel made no IOMMU groups: the IOMMU is off.",
                              f->n_iommu_units), f->n_iommu_units),
             iommu_remedy(f));
    } else {
        item(b, "iommu", PREP_FAIL, fmt_new("%s", _("No IOMMU: sys/class/iommu is empty and there are no IOMMU groups.")),
             iommu_remedy(f));
    }
}

static void
ready_kargs(struct rb *b, const struct prep_facts *f, const struct model_host *h)
{
    if (f->remote) {
        item(b, "kernel-args", PREP_UNKNOWN, fmt_new("%s", _("The host's kernel command line cannot be read through libvirt.")),
             fmt_new("%s", _("Run 'vfiotui ready' on the host itself.")));
        return;
    }
    if (!h->cmdline || f->cpu == PREP_CPU_UNKNOWN) {
        item(b, "kernel-args", PREP_UNKNOWN,
             fmt_new("%s", !h->cmdline ? _("proc/cmdline cannot be read: which IOMMU arguments the kernel has is unknown.")
                                       : _("proc/cpuinfo names no known CPU vendor: which IOMMU argument the kernel needs is unknown.")),
             fmt_new("%s", _("Check /proc/cmdline and /proc/cpuinfo on the host.")));
        return;
    }
    if (prep_cmdline_has(h->cmdline, "iommu=off")) {
        item(b, "kernel-args", PREP_FAIL, fmt_new("%s", _("The kernel command line has iommu=off.")),
             fmt_new("%s", _("Remove iommu=off from the kernel command line in the boot loader's configuration and reboot.")));
        return;
    }
    if (f->cpu == PREP_CPU_INTEL) {
        if (prep_cmdline_has(h->cmdline, "intel_iommu=on"))
            item(b, "kernel-args", PREP_OK, fmt_new(_("Intel CPU (%s): the kernel command line has intel_iommu=on."), f->cpu_vendor), NULL);
        else if (h->iommu && !prep_cmdline_has(h->cmdline, "intel_iommu"))
            item(b, "kernel-args", PREP_OK, fmt_new(_("Intel CPU (%s): this kernel turns the IOMMU on without intel_iommu=on."), f->cpu_vendor), NULL);
        else
            item(b, "kernel-args", PREP_FAIL, fmt_new(_("Intel CPU (%s): the kernel needs intel_iommu=on, which the command line lacks."), f->cpu_vendor),
                 karg_remedy(f, "intel_iommu=on"));
    } else if (f->cpu == PREP_CPU_AMD) {
        if (prep_cmdline_has(h->cmdline, "amd_iommu=off"))
            item(b, "kernel-args", PREP_FAIL, fmt_new(_("AMD CPU (%s): the kernel command line has amd_iommu=off."), f->cpu_vendor),
                 fmt_new("%s", _("Remove amd_iommu=off from the kernel command line in the boot loader's configuration and reboot.")));
        else
            item(b, "kernel-args", PREP_OK, fmt_new(_("AMD CPU (%s): the kernel turns AMD-Vi on by default; no argument is needed."), f->cpu_vendor), NULL);
    } else {
        item(b, "kernel-args", PREP_UNKNOWN, fmt_new(_("CPU vendor %s: vfiotui knows the IOMMU arguments of Intel and AMD only."), f->cpu_vendor),
             fmt_new("%s", _("Look up the IOMMU argument for this platform in the kernel's documentation (kernel-parameters).")));
    }
}

static void
ready_irq(struct rb *b, const struct prep_facts *f)
{
    if (f->irq_remap == MODEL_TRI_YES)
        item(b, "irq-remap", PREP_OK, fmt_new("%s", _("Every IOMMU unit remaps interrupts.")), NULL);
    else if (f->irq_remap == MODEL_TRI_NO)
        item(b, "irq-remap", PREP_FAIL, fmt_new("%s", _("An IOMMU unit does not remap interrupts: vfio refuses to assign devices.")),
             fmt_new("%s", _("Enable interrupt remapping (and x2APIC) in the firmware; only if you accept the risk, boot with vfio_iommu_type1.allow_unsafe_interrupts=1.")));
    else
        item(b, "irq-remap", PREP_UNKNOWN,
             fmt_new("%s", f->remote ? _("Interrupt remapping cannot be read through libvirt.")
                                     : _("Interrupt remapping cannot be read here (only Intel units show it in sys/class/iommu).")),
             fmt_new("%s", _("Look for 'Enabled IRQ remapping' or 'AMD-Vi: Interrupt remapping enabled' in the kernel log (dmesg).")));
}

static void
ready_mods(struct rb *b, const struct prep_facts *f, const struct model_host *h)
{
    static const char *const names[PREP_N_MODS] = { "vfio", "vfio_pci", "vfio_iommu_type1" };
    size_t i;

    for (i = 0; i < PREP_N_MODS; i++) {
        enum prep_mod_state st = f->mods[i];
        bool vfio_bound = false;
        size_t k;

        for (k = 0; k < h->n_devs; k++)
            if (h->devs[k].driver && strcmp(h->devs[k].driver, "vfio-pci") == 0)
                vfio_bound = true;
        if (st == PREP_MOD_LOADED)
            item(b, names[i], PREP_OK, fmt_new(_("Module %s is loaded."), names[i]), NULL);
        else if (st == PREP_MOD_BUILTIN)
            item(b, names[i], PREP_OK, fmt_new(_("Module %s is built into the kernel."), names[i]), NULL);
        else if (st == PREP_MOD_INSTALLED)
            item(b, names[i], PREP_OK, fmt_new(_("Module %s is installed (loaded when it is needed)."), names[i]), NULL);
        else if (st == PREP_MOD_ABSENT)
            item(b, names[i], PREP_FAIL, fmt_new(_("Module %s is neither loaded, built in nor installed."), names[i]),
                 fmt_new("%s", _("Install the distribution's kernel modules package (most distribution kernels ship vfio), or a kernel built with CONFIG_VFIO_PCI.")));
        else if (f->remote && i == PREP_MOD_VFIO_PCI && vfio_bound)
            item(b, names[i], PREP_OK, fmt_new("%s", _("Module vfio_pci is loaded: libvirt reports a device on vfio-pci.")), NULL);
        else
            item(b, names[i], PREP_UNKNOWN,
                 fmt_new(f->remote ? _("Whether module %s is available cannot be read through libvirt.")
                                   : _("Whether module %s is available cannot be read (proc/modules, modules.builtin, modules.dep)."), names[i]),
                 fmt_new(_("Check with 'modinfo %s' on the host."), names[i]));
    }
}

static void
ready_acs(struct rb *b, const struct prep_facts *f, const struct model_host *h)
{
    if (f->remote || !h->cmdline)
        item(b, "acs-override", PREP_UNKNOWN, fmt_new("%s", _("Whether the ACS override is in use is unknown (no kernel command line).")),
             fmt_new("%s", _("Check /proc/cmdline on the host for pcie_acs_override.")));
    else if (prep_cmdline_has(h->cmdline, "pcie_acs_override"))
        item(b, "acs-override", PREP_WARN, fmt_new("%s", _("pcie_acs_override is on the kernel command line: group boundaries are not enforced by hardware.")),
             fmt_new("%s", _("Remove pcie_acs_override for real isolation; until then rely on it only for devices you trust together.")));
    else
        item(b, "acs-override", PREP_OK, fmt_new("%s", _("No ACS override: the IOMMU groups are the hardware's.")), NULL);
}

/* Whether the ID list "v:d,v:d" holds device @d's IDs. */
bool
prep_ids_catch(const char *ids, const struct model_dev *d)
{
    const char *p = ids;
    char want[24];

    if (d->vendor_id < 0 || d->device_id < 0)
        return false;
    snprintf(want, sizeof(want), "%04x:%04x", (unsigned)d->vendor_id, (unsigned)d->device_id);
    while (*p) {
        size_t n = strcspn(p, ",");

        /* "v:d:sv:sd:class:mask" entries: the first two fields */
        if (n >= 9 && strncasecmp(p, want, 9) == 0 && (n == 9 || p[9] == ':'))
            return true;
        p += n;
        p += *p == ',';
    }
    return false;
}

static void
ready_ids(struct rb *b, const struct prep_facts *f, const struct model_host *h)
{
    size_t i, k;

    if (f->remote) {
        item(b, "vfio-ids", PREP_UNKNOWN, fmt_new("%s", _("vfio-pci.ids settings cannot be read through libvirt.")),
             fmt_new("%s", _("Run 'vfiotui ready' on the host itself.")));
        return;
    }
    if (!f->ids_known)
        item(b, "vfio-ids", PREP_UNKNOWN, fmt_new("%s", _("etc/modprobe.d cannot be read: vfio-pci.ids set there is unknown.")),
             fmt_new("%s", _("Check /etc/modprobe.d on the host.")));
    else if (f->n_ids == 0)
        item(b, "vfio-ids", PREP_OK, fmt_new("%s", _("No vfio-pci.ids are set: vfio-pci takes no device by ID at boot.")), NULL);
    for (i = 0; i < f->n_ids; i++) {
        char *caught = NULL, *crit = NULL;
        size_t n = 0;

        for (k = 0; k < h->n_devs; k++) {
            char *c, *why;

            if (!prep_ids_catch(f->ids[i].ids, &h->devs[k]))
                continue;
            c = caught ? fmt_new("%s, %s", caught, h->devs[k].addr_str) : strdup(h->devs[k].addr_str);
            free(caught);
            caught = c;
            n++;
            if (!crit && (why = prep_critical(h, k)))
                crit = fmt_new(_("%s must stay with the host: %s"), h->devs[k].addr_str, why), free(why);
        }
        if (crit) {
            item(b, "vfio-ids", PREP_FAIL,
                 fmt_new(_("vfio-pci.ids=%s (%s) catches %s; %s."), f->ids[i].ids, f->ids[i].where,
                         caught ? caught : "?", crit),
                 fmt_new("%s", _("Bind by address instead: remove these IDs and use 'vfiotui boot' with the addresses, which binds by address the devices whose ID a host device shares.")));
        } else {
            item(b, "vfio-ids", PREP_OK,
                 n ? fmt_new(ngettext("vfio-pci.ids=%s (%s) catches %zu device: %s.",
                                      "vfio-pci.ids=%s (%s) catches %zu devices: %s.", n),
                             f->ids[i].ids, f->ids[i].where, n, caught)
                   : fmt_new(_("vfio-pci.ids=%s (%s) catches no device of this host."),
                             f->ids[i].ids, f->ids[i].where),
                 NULL);
        }
        free(caught);
        free(crit);
    }
}

static void
ready_overrides(struct rb *b, const struct prep_facts *f, const struct model_host *h)
{
    size_t i;
    int k;

    if (f->remote) {
        for (i = 0; i < h->n_devs; i++)
            if (h->devs[i].driver && strcmp(h->devs[i].driver, "vfio-pci") == 0)
                item(b, "driver-override", PREP_OK, fmt_new(_("%s is on vfio-pci."), h->devs[i].addr_str), NULL);
        return;
    }
    if (!f->overrides_known)
        item(b, "driver-override", PREP_UNKNOWN, fmt_new("%s", _("A device's driver_override cannot be read.")),
             fmt_new("%s", _("Check the driver_override files under /sys/bus/pci/devices on the host.")));
    else if (f->n_overrides == 0)
        item(b, "driver-override", PREP_OK, fmt_new("%s", _("No device has a driver_override.")), NULL);
    for (i = 0; i < f->n_overrides; i++) {
        struct bdf a;
        const char *drv = NULL;

        if (bdf_parse(f->overrides[i].addr, &a) == 0 && (k = model_find(h, &a)) >= 0)
            drv = h->devs[k].driver;
        item(b, "driver-override", PREP_OK,
             drv ? fmt_new(_("%s has driver_override %s and is bound to %s."), f->overrides[i].addr,
                           f->overrides[i].driver, drv)
                 : fmt_new(_("%s has driver_override %s and is bound to no driver."), f->overrides[i].addr,
                           f->overrides[i].driver),
             NULL);
    }
}

struct prep_report *
prep_ready(const struct prep_facts *f, const struct model_host *h, const char *prog)
{
    struct rb b = { calloc(1, sizeof(struct prep_report)), false };

    (void)prog;
    if (!b.r)
        return NULL;
    ready_iommu(&b, f, h);
    ready_kargs(&b, f, h);
    ready_irq(&b, f);
    ready_mods(&b, f, h);
    ready_acs(&b, f, h);
    ready_ids(&b, f, h);
    ready_overrides(&b, f, h);
    if (b.failed) {
        prep_report_free(b.r);
        return NULL;
    }
    return b.r;
}

char *
prep_critical(const struct model_host *h, size_t i)
{
    const struct model_dev *d = &h->devs[i];

    if (model_dev_is_bridge(d))
        return fmt_new("%s", _("it is a bridge or root port"));
    if (d->root_disk)
        return fmt_new(_("the host's storage: %s"), d->root_disk);
    if (d->mgmt_nic)
        return fmt_new(_("the management NIC: %s"), d->mgmt_nic);
    if (d->boot_vga == MODEL_TRI_YES)
        return fmt_new("%s", _("the host console is on this GPU (boot_vga)"));
    /* fail closed: what the host reader could not judge may be critical */
    if (((d->class_id >> 8) == 0x01 || d->class_id == 0x0c03) &&
        (!h->root_disk_known || h->n_disks_unknown > 0))
        return fmt_new("%s", _("a storage or USB controller, and which controllers hold the host's disks cannot be told"));
    if ((d->class_id >> 8) == 0x02 && !h->mgmt_nic_known)
        return fmt_new("%s", _("a network controller, and which NIC carries the host's network cannot be told"));
    return NULL;
}

/* for the boot plan: the cmdline value helper stays private here */
char *prep_cmdline_value(const char *cmdline, const char *name);
char *
prep_cmdline_value(const char *cmdline, const char *name)
{
    return cmdline_value(cmdline, name);
}
