/* rules.c - judge a selection: group completeness by the running kernel's
 * rule, and every other hazard the model shows.  Pure: no I/O. */
#include <config.h>

#include "rules.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "pci.h"
#include "rules_priv.h"

const struct rules_code_info rules_codes[RULES_N_CODES] = {
#define RULES_CODE_ROW(id, code, sev, summary, remedy) \
    [RULES_CODE_##id] = { code, sev, summary, remedy },
    RULES_CODES(RULES_CODE_ROW)
#undef RULES_CODE_ROW
};
const size_t rules_n_codes = RULES_N_CODES;

const char *
rules_sev_str(enum rules_sev s)
{
    switch (s) {
    case RULES_ERROR:
        return "error";
    case RULES_WARNING:
        return "warning";
    case RULES_INFO:
    default:
        return "note";
    }
}

static char *
fmt(const char *f, va_list ap)
{
    char *s = NULL;

    if (vasprintf(&s, f, ap) < 0)
        return NULL;
    return s;
}

/* A finding of code @id; @remedy NULL gives the table's (codes.h). */
struct rules_finding *
rules_add(struct builder *b, enum rules_code id, enum rules_sev sev, int group,
    const char *remedy, const char *msgfmt, ...)
{
    struct rules_finding *v, *f;
    va_list ap;

    v = realloc(b->r->items, (b->r->n + 1) * sizeof(*v));
    if (!v) {
        b->failed = true;
        return NULL;
    }
    b->r->items = v;
    f = &v[b->r->n];
    memset(f, 0, sizeof(*f));
    f->id = id;
    f->code = rules_codes[id].code;
    f->sev = sev;
    f->group = group;
    va_start(ap, msgfmt);
    f->message = fmt(msgfmt, ap);
    va_end(ap);
    if (!remedy && rules_codes[id].remedy)
        remedy = _(rules_codes[id].remedy);
    f->remedy = remedy ? strdup(remedy) : NULL;
    if (!f->message || (remedy && !f->remedy)) {
        free(f->message);
        free(f->remedy);
        b->failed = true;
        return NULL;
    }
    b->r->n++;
    return f;
}

void
rules_add_addr(struct builder *b, struct rules_finding *f, const char *addr)
{
    char **v;

    if (!f)
        return;
    if (!(v = realloc(f->addrs, (f->n_addrs + 1) * sizeof(*v))) ||
        !(v[f->n_addrs] = strdup(addr))) {
        if (v)
            f->addrs = v;
        b->failed = true;
        return;
    }
    f->addrs = v;
    f->n_addrs++;
}

static char *
sprintf_new(const char *f, ...) __attribute__((format(printf, 1, 2)));

static char *
sprintf_new(const char *f, ...)
{
    va_list ap;
    char *s;

    va_start(ap, f);
    s = fmt(f, ap);
    va_end(ap);
    return s;
}

/* Whether a member left behind keeps VFIO from claiming the group. */
static bool
blocks_group(const struct model_host *h, const struct model_dev *d)
{
    bool new_rule = h->kernel_major == MODEL_NONE || h->kernel_major > 5 ||
                    (h->kernel_major == 5 && h->kernel_minor >= 19);

    if (!new_rule && model_dev_is_bridge(d))
        return false;           /* before 5.19, bridges were exempt */
    if (d->unknown & MODEL_UNK_DRIVER)
        return true;            /* cannot tell: assume the worst */
    return !pci_driver_managed_dma(pci_driver_kind(d->driver));
}

static bool
domain_active(const struct model_domain *dom)
{
    return dom->state == MODEL_DOM_RUNNING || dom->state == MODEL_DOM_PAUSED;
}

static bool
other_domain(const struct model_domain *dom, const struct rules_opts *o)
{
    return !o->domain || strcmp(o->domain, dom->name) != 0;
}

/* Whether the target domain already holds device @i in the definitions
 * the change is for: it goes to the guest as if it were selected. */
static bool
held(const struct model_host *h, size_t i, const struct rules_opts *o)
{
    size_t k;

    for (k = 0; k < o->n_file_holds; k++) {
        if (bdf_equal(&o->file_holds[k], &h->devs[i].addr))
            return true;
    }
    return model_dom_holds(h, i, o->domain, o->live, o->config || !o->live);
}

static void
check_group(struct builder *b, const struct model_host *h, const struct model_sel *s,
            const struct model_group *g, const struct rules_opts *o)
{
    char *list = NULL, *park = NULL;
    struct rules_finding *f;
    size_t i, k, n_bad = 0;

    for (i = 0; i < g->n_devs; i++) {
        const struct model_dev *d = &h->devs[g->devs[i]];
        char *item, *nl, *np;

        if (s->marked[g->devs[i]] || held(h, g->devs[i], o) || !blocks_group(h, d))
            continue;
        item = (d->unknown & MODEL_UNK_DRIVER) ?
                   sprintf_new(_("%s (%s, driver unknown)"), d->addr_str, pci_dev_label(d)) :
               d->driver ? sprintf_new(_("%s (%s, driver %s)"), d->addr_str, pci_dev_label(d), d->driver)
                         : sprintf_new(_("%s (%s)"), d->addr_str, pci_dev_label(d));
        if (!item) {
            b->failed = true;
            break;
        }
        nl = list ? sprintf_new("%s, %s", list, item) : strdup(item);
        /* the command to run, with the addresses filled in */
        np = park ? sprintf_new("%s %s", park, d->addr_str) : sprintf_new("vfiotui bind %s", d->addr_str);
        free(item);
        free(list);
        free(park);
        list = nl;
        if (!(park = np) || !list) {
            b->failed = true;
            free(list);
            free(park);
            return;
        }
        n_bad++;
    }
    if (n_bad) {
        char *remedy;
        bool unknown = h->kernel_major == MODEL_NONE;

        remedy = sprintf_new(unknown ?
            ngettext("Pass it to the guest too (--whole-groups, or g in the interface), or park it on vfio-pci without passing it (%s). libvirt's managed mode detaches only the devices in the XML, so QEMU would fail with \"group %d is not viable\". The kernel version is unknown, so the rule of Linux 5.19 and later was assumed.",
                     "Pass them to the guest too (--whole-groups, or g in the interface), or park them on vfio-pci without passing them (%s). libvirt's managed mode detaches only the devices in the XML, so QEMU would fail with \"group %d is not viable\". The kernel version is unknown, so the rule of Linux 5.19 and later was assumed.",
                     n_bad) :
            ngettext("Pass it to the guest too (--whole-groups, or g in the interface), or park it on vfio-pci without passing it (%s). libvirt's managed mode detaches only the devices in the XML, so QEMU would fail with \"group %d is not viable\".",
                     "Pass them to the guest too (--whole-groups, or g in the interface), or park them on vfio-pci without passing them (%s). libvirt's managed mode detaches only the devices in the XML, so QEMU would fail with \"group %d is not viable\".",
                     n_bad),
            park, g->id);
        f = rules_add(b, RULES_CODE_GROUP_INCOMPLETE, RULES_ERROR, g->id, remedy,
                ngettext("IOMMU group %d is incomplete: this member stays on a host driver and keeps VFIO from claiming the group: %s.",
                         "IOMMU group %d is incomplete: these members stay on host drivers and keep VFIO from claiming the group: %s.",
                         n_bad),
                g->id, list);
        free(remedy);
        for (i = 0; f && i < g->n_devs; i++) {
            const struct model_dev *d = &h->devs[g->devs[i]];

            if (!s->marked[g->devs[i]] && !held(h, g->devs[i], o) && blocks_group(h, d))
                rules_add_addr(b, f, d->addr_str);
        }
    }
    free(list);
    free(park);

    /* a group-mate that another running guest holds blocks the group */
    for (i = 0; i < g->n_devs; i++) {
        const struct model_dev *d = &h->devs[g->devs[i]];

        if (s->marked[g->devs[i]])
            continue;
        for (k = 0; k < d->n_uses; k++) {
            const struct model_domain *dom = &h->domains[d->uses[k].domain];
            char *remedy;

            if (!d->uses[k].live || !domain_active(dom) || !other_domain(dom, o))
                continue;
            remedy = sprintf_new(_("Shut %s down, or detach %s from it, first."), dom->name, d->addr_str);
            if (o->live)
                f = rules_add(b, RULES_CODE_GROUP_IN_USE, RULES_ERROR, g->id, remedy,
                        _("IOMMU group %d is held by running domain %s through %s (%s); libvirt would refuse the live change with \"in use by driver QEMU, domain %s\"."),
                        g->id, dom->name, d->addr_str, pci_dev_label(d), dom->name);
            else
                f = rules_add(b, RULES_CODE_GROUP_IN_USE, RULES_ERROR, g->id, remedy,
                        _("IOMMU group %d is held by running domain %s through %s (%s); libvirt accepts the change to the persistent definition, but the guest cannot start while %s runs (\"in use by driver QEMU, domain %s\")."),
                        g->id, dom->name, d->addr_str, pci_dev_label(d), dom->name, dom->name);
            free(remedy);
            rules_add_addr(b, f, d->addr_str);
        }
    }
}

/* Storage (01xx), USB (0c03) and Fibre Channel (0c04) controllers, and
 * devices whose class is unknown, may be where a host disk is.  Base
 * class ff ("unassigned": the device fits no class) tells no more than
 * an unknown class does. */
static bool
may_hold_disks(const struct model_dev *d)
{
    return d->class_id == MODEL_NONE || (d->class_id >> 8) == 0xff || (d->class_id >> 8) == 0x01 ||
           d->class_id == 0x0c03 || d->class_id == 0x0c04;
}

/* "/ (zfs rpool/ROOT/pve-1), swap (/dev/sdz1)": caller frees. */
static char *
join_unknown(const struct model_host *h)
{
    char *s = NULL, *n;
    size_t i;

    for (i = 0; i < h->n_disks_unknown; i++) {
        if (asprintf(&n, "%s%s%s", s ? s : "", s ? ", " : "", h->disks_unknown[i]) < 0) {
            free(s);
            return NULL;
        }
        free(s);
        s = n;
    }
    return s;
}

static void
check_dev(struct builder *b, const struct model_host *h, const struct model_sel *s,
          size_t i, const struct rules_opts *o)
{
    const struct model_dev *d = &h->devs[i];
    struct rules_finding *f;
    enum pci_driver_kind kind;
    size_t k;

    if (d->unknown & (MODEL_UNK_CLASS | MODEL_UNK_DRIVER)) {
        f = rules_add(b, RULES_CODE_DEV_UNREADABLE, RULES_ERROR, d->group, NULL,
                (d->unknown & MODEL_UNK_CLASS) && (d->unknown & MODEL_UNK_DRIVER) ?
                    _("%s (%s): its class and its driver cannot be determined, so it may be a bridge, a disk controller or NIC the host needs, or in use.") :
                (d->unknown & MODEL_UNK_CLASS) ?
                    _("%s (%s): its class cannot be determined, so it may be a bridge, a disk controller or NIC the host needs.") :
                    _("%s (%s): its driver cannot be determined, so it may be in use by the host."),
                d->addr_str, pci_dev_label(d));
        rules_add_addr(b, f, d->addr_str);
    }
    if (!h->iommu_unknown && (d->unknown & MODEL_UNK_GROUP)) {
        if (d->group != MODEL_NONE)
            f = rules_add(b, RULES_CODE_GROUP_UNREADABLE, RULES_ERROR, d->group, NULL,
                    _("%s (%s) is in IOMMU group %d, whose member list cannot be read or disagrees with the devices' own links."),
                    d->addr_str, pci_dev_label(d), d->group);
        else
            f = rules_add(b, RULES_CODE_GROUP_UNREADABLE, RULES_ERROR, MODEL_NONE, NULL,
                    _("%s (%s) may be in an IOMMU group whose member list cannot be read or is inconsistent."),
                    d->addr_str, pci_dev_label(d));
        rules_add_addr(b, f, d->addr_str);
    } else if (h->iommu && !h->iommu_unknown && d->group == MODEL_NONE) {
        f = rules_add(b, RULES_CODE_NO_IOMMU_GROUP, RULES_ERROR, MODEL_NONE, NULL,
                _("%s (%s) has no IOMMU group, although the host has an IOMMU."),
                d->addr_str, pci_dev_label(d));
        rules_add_addr(b, f, d->addr_str);
    }
    if (!h->mgmt_nic_known && d->class_id != MODEL_NONE && (d->class_id >> 8) == 0x02) {
        f = rules_add(b, RULES_CODE_HOST_NIC_UNKNOWN, o->live ? RULES_ERROR : RULES_WARNING, d->group, NULL,
                _("%s (%s) is a network controller, and which NIC the host is reached through cannot be told from this source (%s)."),
                d->addr_str, pci_dev_label(d), h->source ? h->source : "?");
        rules_add_addr(b, f, d->addr_str);
    }
    if (model_dev_is_bridge(d)) {
        f = rules_add(b, RULES_CODE_BRIDGE_SELECTED, RULES_ERROR, d->group, NULL,
                _("%s (%s) is a bridge or root port; it cannot be assigned to a guest."),
                d->addr_str, pci_dev_label(d));
        rules_add_addr(b, f, d->addr_str);
    }
    if (d->root_disk) {
        f = rules_add(b, RULES_CODE_HOST_ROOT_DISK, RULES_ERROR, d->group,
                (d->class_id >> 8) == 0x02 ?
                _("Leave it with the host: the host's storage is reached through it. Give the guest another NIC, or an SR-IOV virtual function.") :
                _("Leave it with the host. Give the guest another disk controller, or a virtio disk backed by a file or volume."),
                _("%s (%s) is host storage in use: %s."), d->addr_str, pci_dev_label(d), d->root_disk);
        rules_add_addr(b, f, d->addr_str);
    }
    if (may_hold_disks(d) && (!h->root_disk_known || h->n_disks_unknown)) {
        if (!h->root_disk_known) {
            f = rules_add(b, RULES_CODE_HOST_DISKS_UNKNOWN, RULES_ERROR, d->group, NULL,
                    _("%s (%s): which disks hold the host's filesystems cannot be told from this source (%s); this controller may hold them."),
                    d->addr_str, pci_dev_label(d), h->source ? h->source : "?");
        } else {
            char *list = join_unknown(h);

            f = rules_add(b, RULES_CODE_HOST_DISKS_UNKNOWN, RULES_ERROR, d->group,
                    _("Find the disks with findmnt and lsblk -s on the host; if none is on this controller, use --force."),
                    _("%s (%s): cannot tell which disks hold %s; this controller may hold them."),
                    d->addr_str, pci_dev_label(d), list ? list : "?");
            free(list);
        }
        rules_add_addr(b, f, d->addr_str);
    }
    if (d->boot_vga == MODEL_TRI_YES) {
        f = rules_add(b, RULES_CODE_HOST_BOOT_VGA, RULES_WARNING, d->group, NULL,
                _("%s (%s) drives the host console (boot VGA)."), d->addr_str, pci_dev_label(d));
        rules_add_addr(b, f, d->addr_str);
    }
    if (d->mgmt_nic) {
        f = rules_add(b, RULES_CODE_HOST_MGMT_NIC, o->live ? RULES_ERROR : RULES_WARNING, d->group, NULL,
                _("%s (%s) is how the host is reached: %s."), d->addr_str, pci_dev_label(d), d->mgmt_nic);
        rules_add_addr(b, f, d->addr_str);
    }
    if (d->reset_known ? d->n_reset_methods == 0 : h->root_disk_known) {
        f = rules_add(b, RULES_CODE_NO_RESET, RULES_WARNING, d->group, NULL,
                d->reset_known ? _("%s (%s) has no reset method the kernel can use (reset_method is empty).")
                               : _("%s (%s) has no reset method the kernel can use (reset_method is absent)."),
                d->addr_str, pci_dev_label(d));
        rules_add_addr(b, f, d->addr_str);
    }
    if (d->n_virtfns > 0) {
        f = rules_add(b, RULES_CODE_SRIOV_PF, RULES_WARNING, d->group, NULL,
                ngettext("%s (%s) is an SR-IOV physical function with %zu active virtual function.",
                         "%s (%s) is an SR-IOV physical function with %zu active virtual functions.",
                         d->n_virtfns),
                d->addr_str, pci_dev_label(d), d->n_virtfns);
        rules_add_addr(b, f, d->addr_str);
    }
    if (d->physfn != MODEL_NONE && s->marked[d->physfn]) {
        f = rules_add(b, RULES_CODE_SRIOV_VF_WITH_PF, RULES_WARNING, d->group, NULL,
                _("%s is a virtual function of %s, which is selected too."),
                d->addr_str, h->devs[d->physfn].addr_str);
        rules_add_addr(b, f, d->addr_str);
    }
    for (k = 0; k < d->n_uses; k++) {
        const struct model_domain *dom = &h->domains[d->uses[k].domain];
        bool running = domain_active(dom);
        bool active = running && d->uses[k].live;
        char *remedy;

        if (!other_domain(dom, o)) {
            if (held(h, i, o)) {
                f = rules_add(b, RULES_CODE_IN_TARGET_DOMAIN, RULES_INFO, d->group, NULL,
                        !o->live ? _("%s (%s) is already in the persistent definition of domain %s; attach leaves it as it is.") :
                        o->config ? _("%s (%s) is already in both definitions of domain %s; attach leaves it as it is.")
                                  : _("%s (%s) is already in running domain %s; attach leaves it as it is."),
                        d->addr_str, pci_dev_label(d), dom->name);
                rules_add_addr(b, f, d->addr_str);
            }
            continue;
        }
        remedy = active ? sprintf_new(_("Detach it from %s or shut %s down first."), dom->name, dom->name)
                        : sprintf_new(_("Only one of the guests can run with it at a time."));
        /* say what is true: a running domain may hold it only in its
         * persistent definition */
        f = rules_add(b, RULES_CODE_IN_USE_BY_DOMAIN, active ? RULES_ERROR : RULES_WARNING, d->group, remedy,
                active ? _("%s (%s) is in use by running domain %s.") :
                running ? _("%s (%s) is in the persistent definition of running domain %s (not live).") :
                dom->state == MODEL_DOM_SHUTOFF ? _("%s (%s) is also in the definition of domain %s, which is shut off.")
                                                : _("%s (%s) is also in the definition of domain %s, which is not running."),
                d->addr_str, pci_dev_label(d), dom->name);
        free(remedy);
        rules_add_addr(b, f, d->addr_str);
    }
    kind = pci_driver_kind(d->driver);
    if ((kind == PCI_DRIVER_HOST || kind == PCI_DRIVER_BRIDGE_PORT) && !model_dev_is_bridge(d)) {
        f = rules_add(b, RULES_CODE_HOST_DRIVER, RULES_INFO, d->group, NULL,
                _("%s (%s) is bound to %s; libvirt detaches it from that driver when the guest starts (managed mode)."),
                d->addr_str, pci_dev_label(d), d->driver);
        rules_add_addr(b, f, d->addr_str);
    }
}

static int
finding_cmp(const void *pa, const void *pb)
{
    const struct rules_finding *a = pa, *b = pb;
    int c;

    if (a->sev != b->sev)
        return a->sev < b->sev ? -1 : 1;
    if (a->group != b->group)
        return a->group < b->group ? -1 : 1;
    if (a->n_addrs && b->n_addrs && (c = strcmp(a->addrs[0], b->addrs[0])) != 0)
        return c;
    if (a->n_addrs != b->n_addrs)
        return a->n_addrs < b->n_addrs ? -1 : 1;
    return strcmp(a->code, b->code);
}

struct rules_report *
rules_check(const struct model_host *h, const struct model_sel *s,
            const struct rules_opts *opts)
{
    static const struct rules_opts none = { 0 };
    struct builder b = { NULL, false };
    struct rules_finding *f;
    size_t i, n_marked = 0;

    if (!opts)
        opts = &none;
    if (!(b.r = calloc(1, sizeof(*b.r))))
        return NULL;

    for (i = 0; i < s->n_unknown; i++) {
        f = rules_add(&b, RULES_CODE_UNKNOWN_DEVICE, RULES_ERROR, MODEL_NONE, NULL,
                _("%s is not a PCI device on this host."), s->unknown[i]);
        rules_add_addr(&b, f, s->unknown[i]);
    }
    for (i = 0; i < h->n_devs && i < s->n_devs; i++)
        n_marked += s->marked[i];
    rules_check_mdevs(&b, h, s, opts);

    for (i = 0; i < h->n_warnings; i++)
        rules_add(&b, RULES_CODE_HOST_WARNING, RULES_WARNING, MODEL_NONE, NULL, "%s", h->warnings[i]);

    if (n_marked) {
        if (h->iommu_unknown) {
            f = rules_add(&b, RULES_CODE_IOMMU_UNKNOWN, RULES_ERROR, MODEL_NONE, NULL,
                    _("sys/kernel/iommu_groups exists but cannot be read, so whether the IOMMU is on, and which devices share a group, is unknown."));
            for (i = 0; i < h->n_devs; i++)
                if (s->marked[i])
                    rules_add_addr(&b, f, h->devs[i].addr_str);
        } else if (!h->iommu) {
            f = rules_add(&b, RULES_CODE_NO_IOMMU, RULES_ERROR, MODEL_NONE, NULL,
                    _("This host has no IOMMU groups: the IOMMU is disabled or absent, so no device can be passed through with VFIO."));
            for (i = 0; i < h->n_devs; i++)
                if (s->marked[i])
                    rules_add_addr(&b, f, h->devs[i].addr_str);
        }
        if (h->cmdline && strstr(h->cmdline, "pcie_acs_override")) {
            rules_add(&b, RULES_CODE_ACS_OVERRIDE, RULES_WARNING, MODEL_NONE, NULL,
                _("The kernel command line has pcie_acs_override, so IOMMU group boundaries are not enforced by the hardware."));
        }
        if (h->vfio == MODEL_VFIO_ABSENT) {
            rules_add(&b, RULES_CODE_VFIO_UNAVAILABLE, RULES_WARNING, MODEL_NONE, NULL,
                _("The vfio-pci driver is neither loaded nor installed for kernel %s."),
                h->kernel_release ? h->kernel_release : _("(unknown)"));
        }
        for (i = 0; i < h->n_devs; i++)
            if (s->marked[i])
                check_dev(&b, h, s, i, opts);
        for (i = 0; i < h->n_groups; i++) {
            const struct model_group *g = &h->groups[i];
            size_t k;
            bool touched = false;

            for (k = 0; k < g->n_devs && !touched; k++)
                touched = s->marked[g->devs[k]];
            if (touched)
                check_group(&b, h, s, g, opts);
        }
    }

    if (b.failed) {
        rules_report_free(b.r);
        return NULL;
    }
    if (b.r->n > 1)
        qsort(b.r->items, b.r->n, sizeof(*b.r->items), finding_cmp);
    for (i = 0; i < b.r->n; i++) {
        if (b.r->items[i].sev == RULES_ERROR)
            b.r->n_errors++;
        else if (b.r->items[i].sev == RULES_WARNING)
            b.r->n_warnings++;
        else
            b.r->n_infos++;
    }
    return b.r;
}

void
rules_report_free(struct rules_report *r)
{
    size_t i, k;

    if (!r)
        return;
    for (i = 0; i < r->n; i++) {
        for (k = 0; k < r->items[i].n_addrs; k++)
            free(r->items[i].addrs[k]);
        free(r->items[i].addrs);
        free(r->items[i].message);
        free(r->items[i].remedy);
    }
    free(r->items);
    free(r);
}

const char *
rules_group_state_str(enum rules_group_state s)
{
    switch (s) {
    case RULES_GROUP_INCOMPLETE:
        return "incomplete";
    case RULES_GROUP_HOST_CRITICAL:
    case RULES_GROUP_HOST_WARNING:
        return "host-critical";
    case RULES_GROUP_IN_USE:
        return "in-use";
    case RULES_GROUP_OK:
    default:
        return "ok";
    }
}

const char *
rules_group_state_label(enum rules_group_state s)
{
    switch (s) {
    case RULES_GROUP_INCOMPLETE:
        return N_("INCOMPLETE");
    case RULES_GROUP_HOST_CRITICAL:
        /* TRANSLATORS: a group's state in the tree: marking a member of
         * this group gives an error */
        return N_("host-critical: error if marked");
    case RULES_GROUP_HOST_WARNING:
        /* TRANSLATORS: a group's state: marking a member gives a warning */
        return N_("host-critical: warning if marked");
    case RULES_GROUP_IN_USE:
        return N_("in use");
    case RULES_GROUP_OK:
    default:
        return N_("ok");
    }
}

enum rules_group_state
rules_group_state(const struct model_host *h, const struct model_sel *s,
                  size_t gi, const struct rules_opts *opts)
{
    static const struct rules_opts none = { 0 };
    const struct model_group *g = &h->groups[gi];
    bool marked = false, bad = false, critical = false, warn = false, used = false;
    size_t i, k;

    if (!opts)
        opts = &none;
    for (i = 0; i < g->n_devs; i++) {
        const struct model_dev *d = &h->devs[g->devs[i]];

        if (s && s->marked[g->devs[i]])
            marked = true;
        else if (!held(h, g->devs[i], opts) && blocks_group(h, d))
            bad = true;
        if (d->unknown & MODEL_UNK_GROUP)
            bad = true;
        /* the same severities as the findings check_dev gives */
        if (d->root_disk || (d->mgmt_nic && opts->live))
            critical = true;
        if (d->boot_vga == MODEL_TRI_YES || (d->mgmt_nic && !opts->live))
            warn = true;
        /* the tree's badge fails closed as check does */
        if (may_hold_disks(d) && (!h->root_disk_known || h->n_disks_unknown))
            critical = true;
        for (k = 0; k < d->n_uses; k++)
            if (other_domain(&h->domains[d->uses[k].domain], opts))
                used = true;
    }
    if (marked && bad)
        return RULES_GROUP_INCOMPLETE;
    if (critical)
        return RULES_GROUP_HOST_CRITICAL;
    if (used)
        return RULES_GROUP_IN_USE;
    if (warn)
        return RULES_GROUP_HOST_WARNING;
    return RULES_GROUP_OK;
}
