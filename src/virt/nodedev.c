/* nodedev.c - build the host model from libvirt's node devices, for hosts
 * reached only through libvirt.  libvirt does not expose the boot VGA
 * flag, reset methods, the kernel, mounts or routes, so those facts stay
 * unknown and the rules say so. */
#include <config.h>

#include "nodedev.h"

#include <libvirt/libvirt.h>
#include <libxml/tree.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conn.h"
#include "conn_priv.h"
#include "i18n.h"
#include "pci.h"
#include "pool.h"
#include "sysval.h"
#include "verr.h"
#include "virtload.h"
#include "vxml.h"
#include "io/errmsg.h"

/* Parses libvirt's numbers strictly: "0x..." as hex, else decimal, in
 * [0, max].  Returns 0, 1 if absent, -1 if malformed (never a number
 * made up from the digits that happened to lead the text). */
static int
parse_num(const xmlChar *t, long max, long *out)
{
    unsigned long u;

    if (!t)
        return 1;
    if ((t[0] == '0' && (t[1] == 'x' || t[1] == 'X'))) {
        if (sysval_hex((const char *)t, (unsigned long)max, &u) < 0)
            return -1;
        *out = (long)u;
        return 0;
    }
    return sysval_dec((const char *)t, 0, max, out) < 0 ? -1 : 0;
}

static int
num_text(xmlNodePtr n, long max, long *out)
{
    xmlChar *t = n ? xmlNodeGetContent(n) : NULL;
    int r = parse_num(t, max, out);

    xmlFree(t);
    return r;
}

static int
num_prop(xmlNodePtr n, const char *prop, long max, long *out)
{
    xmlChar *t = n ? xmlGetProp(n, BAD_CAST prop) : NULL;
    int r = parse_num(t, max, out);

    xmlFree(t);
    return r;
}

static char *
text_of(xmlNodePtr n)
{
    xmlChar *t = n ? xmlNodeGetContent(n) : NULL;
    char *r = NULL;

    if (t && *t)
        r = strdup((const char *)t);
    xmlFree(t);
    return r;
}

static bool
addr_of(xmlNodePtr a, struct bdf *out)
{
    long d = 0, b, sl, f;

    if (num_prop(a, "domain", 0xffff, &d) < 0 ||
        num_prop(a, "bus", 0xff, &b) != 0 || num_prop(a, "slot", 0x1f, &sl) != 0 ||
        num_prop(a, "function", 7, &f) != 0)
        return false;
    out->domain = (unsigned int)d;
    out->bus = (unsigned int)b;
    out->slot = (unsigned int)sl;
    out->func = (unsigned int)f;
    return true;
}

struct pending {
    char *parent_name;          /* <parent>pci_0000_00_1c_4</parent> */
    struct bdf physfn;
    bool has_physfn;
    struct bdf *vfs;
    size_t n_vfs;
};

/* <capability type='mdev_types'>: each <type id> with its name,
 * deviceAPI and availableInstances (libvirt gives no description).
 * @dev is the index before model_finish() sorts; nodedev_parse maps it. */
static void
parse_mdev_types(struct model_host *h, size_t dev, xmlNodePtr cap)
{
    xmlNodePtr t;

    for (t = cap->children; t; t = t->next) {
        xmlChar *id;
        long avail = MODEL_NONE;

        if (!vxml_is(t, "type") || !(id = xmlGetProp(t, BAD_CAST "id")))
            continue;
        if (sysval_name_ok((const char *)id)) {
            if (num_text(vxml_child(t, "availableInstances"), 1L << 30, &avail) != 0)
                avail = MODEL_NONE;
            model_add_mdev_type(h, dev, (const char *)id, text_of(vxml_child(t, "name")), NULL,
                                text_of(vxml_child(t, "deviceAPI")), (int)avail);
        }
        xmlFree(id);
    }
}

/* One device's XML into @h; @pend is indexed like h->devs.  Returns 0,
 * or -1 if memory ran out. */
static int
parse_one(struct model_host *h, struct pending *pend, const char *name, const char *xml)
{
    xmlDocPtr doc = xml ? vxml_read(xml, NULL) : NULL;
    xmlNodePtr root, cap = NULL, x;
    struct model_dev *d;
    struct bdf a;
    int di;
    int hdr = -1;               /* libvirt names a type 1 or 2 header
                                 * (from config space) as a capability */
    long cls;

    if (!xml) {
        model_warn(h, _("node device %s could not be read from libvirt; skipped"),
                   name ? name : "?");
        return 0;
    }
    root = doc ? xmlDocGetRootElement(doc) : NULL;
    for (x = root ? root->children : NULL; x; x = x->next)
        if (vxml_is(x, "capability") && vxml_prop_is(x, "type", "pci"))
            cap = x;
    if (!cap) {
        model_warn(h, _("node device %s has no PCI capability; skipped"),
                   name ? name : "?");
        xmlFreeDoc(doc);
        return 0;
    }
    {
        long dom = 0, bus, slot, fn;

        if (num_text(vxml_child(cap, "domain"), 0xffff, &dom) < 0 ||
            num_text(vxml_child(cap, "bus"), 0xff, &bus) != 0 ||
            num_text(vxml_child(cap, "slot"), 0x1f, &slot) != 0 ||
            num_text(vxml_child(cap, "function"), 7, &fn) != 0) {
            model_warn(h, _("node device %s has no valid PCI address; skipped"),
                       name ? name : "?");
            xmlFreeDoc(doc);
            return 0;
        }
        a.domain = (unsigned int)dom;
        a.bus = (unsigned int)bus;
        a.slot = (unsigned int)slot;
        a.func = (unsigned int)fn;
    }
    if ((di = model_add_dev(h, &a)) < 0) {
        xmlFreeDoc(doc);
        return -1;
    }
    d = &h->devs[di];
    {
        long v, w;

        if (num_prop(vxml_child(cap, "vendor"), "id", 0xffff, &v) == 0 &&
            num_prop(vxml_child(cap, "product"), "id", 0xffff, &w) == 0) {
            d->vendor_id = (int)v;
            d->device_id = (int)w;
        } else {
            d->unknown |= MODEL_UNK_IDS;
            model_warn(h, _("%s: libvirt gives no valid vendor or product id; the ids are unknown"),
                       d->addr_str);
        }
    }
    d->vendor_name = text_of(vxml_child(cap, "vendor"));
    d->device_name = text_of(vxml_child(cap, "product"));
    if (num_text(vxml_child(cap, "class"), 0xffffff, &cls) == 0) {
        d->class_id = (int)(cls >> 8);
        d->prog_if = (int)(cls & 0xff);
    } else {
        d->unknown |= MODEL_UNK_CLASS;
        model_warn(h, _("%s: libvirt gives no valid class; the class is unknown"),
                   d->addr_str);
    }
    if ((x = vxml_child(cap, "iommuGroup"))) {
        long g;

        if (num_prop(x, "number", 1000000, &g) == 0) {
            d->group = (int)g;
        } else {
            d->unknown |= MODEL_UNK_GROUP;
            model_warn(h, _("%s: libvirt gives an IOMMU group without a valid number; the group is unknown"),
                       d->addr_str);
        }
    }
    if ((x = vxml_child(cap, "numa"))) {
        long nn;
        xmlChar *t = xmlGetProp(x, BAD_CAST "node");

        /* libvirt writes node='-1' for "no node" */
        if (t && xmlStrcmp(t, BAD_CAST "-1") == 0)
            d->numa_node = MODEL_NONE;
        else if (parse_num(t, 65535, &nn) == 0)
            d->numa_node = (int)nn;
        else
            d->unknown |= MODEL_UNK_NUMA;
        xmlFree(t);
    }
    if ((x = vxml_child(root, "driver"))) {
        d->driver = text_of(vxml_child(x, "name"));
        if (d->driver && !sysval_name_ok(d->driver)) {
            free(d->driver);
            d->driver = NULL;
            d->unknown |= MODEL_UNK_DRIVER;
            model_warn(h, _("%s: libvirt gives a malformed driver name; the driver is unknown"),
                       d->addr_str);
        }
    }
    if ((x = vxml_child(root, "path"))) {
        d->sysfs_path = text_of(x);
    }
    d->boot_vga = model_dev_is_vga(d) ? MODEL_TRI_UNKNOWN : MODEL_TRI_NO;
    pend[di].parent_name = text_of(vxml_child(root, "parent"));
    for (x = cap->children; x; x = x->next) {
        xmlChar *t;

        if (!vxml_is(x, "capability"))
            continue;
        t = xmlGetProp(x, BAD_CAST "type");
        if (t && xmlStrcmp(t, BAD_CAST "pci-bridge") == 0) {
            hdr = 1;
        } else if (t && xmlStrcmp(t, BAD_CAST "cardbus-bridge") == 0) {
            hdr = 2;
        } else if (t && xmlStrcmp(t, BAD_CAST "phys_function") == 0) {
            pend[di].has_physfn = addr_of(vxml_child(x, "address"), &pend[di].physfn);
        } else if (t && xmlStrcmp(t, BAD_CAST "mdev_types") == 0) {
            parse_mdev_types(h, (size_t)di, x);
        } else if (t && xmlStrcmp(t, BAD_CAST "virt_functions") == 0) {
            xmlNodePtr v;

            long mc;

            if (num_prop(x, "maxCount", 65535, &mc) == 0)
                d->sriov_totalvfs = (int)mc;
            for (v = x->children; v; v = v->next) {
                struct bdf va;
                struct bdf *nv;

                if (vxml_is(v, "address") && addr_of(v, &va) &&
                    (nv = realloc(pend[di].vfs, (pend[di].n_vfs + 1) * sizeof(*nv)))) {
                    pend[di].vfs = nv;
                    nv[pend[di].n_vfs++] = va;
                }
            }
        }
        xmlFree(t);
    }
    d->header = pci_header(d->class_id, hdr);
    xmlFreeDoc(doc);
    return 0;
}

struct model_host *
nodedev_parse(const char *const *names, const char *const *xmls, size_t n)
{
    struct model_host *h = model_host_new();
    struct pending *pend = NULL;
    size_t i, k;

    if (!h)
        return NULL;
    pend = calloc(n + 1, sizeof(*pend));
    for (i = 0; pend && i < n; i++)
        if (parse_one(h, pend, names ? names[i] : NULL, xmls[i]) < 0)
            break;

    /* Sorting moves devices: resolve relations by address afterwards. */
    {
        struct bdf *order = calloc((size_t)h->n_devs + 1, sizeof(*order));

        for (k = 0; order && k < h->n_devs; k++)
            order[k] = h->devs[k].addr;
        model_finish(h);
        for (k = 0; order && pend && k < h->n_devs; k++) {
            struct pending *p = &pend[k];
            int me = model_find(h, &order[k]);
            struct bdf pa;
            size_t j;
            int x;

            if (me < 0)
                continue;
            if (p->parent_name && bdf_parse(p->parent_name, &pa) == 0 &&
                (x = model_find(h, &pa)) >= 0)
                h->devs[me].parent = x;
            for (j = 0; j < h->n_mdev_types; j++)
                if (h->mdev_types[j].parent == k)
                    h->mdev_types[j].parent = (size_t)me + h->n_devs;
            if (p->has_physfn && (x = model_find(h, &p->physfn)) >= 0)
                h->devs[me].physfn = x;
            for (j = 0; j < p->n_vfs; j++) {
                size_t *nv;

                if ((x = model_find(h, &p->vfs[j])) < 0)
                    continue;
                if ((nv = realloc(h->devs[me].virtfns, (h->devs[me].n_virtfns + 1) * sizeof(*nv)))) {
                    h->devs[me].virtfns = nv;
                    nv[h->devs[me].n_virtfns++] = (size_t)x;
                }
            }
        }
        free(order);
    }
    for (k = 0; k < h->n_devs; k++)
        if (h->devs[k].sriov_totalvfs != MODEL_NONE)
            h->devs[k].sriov_numvfs = (int)h->devs[k].n_virtfns;
    /* the types' parents were marked with the new index + n_devs, so
     * that no index is mapped twice */
    for (k = 0; k < h->n_mdev_types; k++)
        if (h->mdev_types[k].parent >= h->n_devs)
            h->mdev_types[k].parent -= h->n_devs;
    for (k = 0; pend && k < n; k++) {
        free(pend[k].parent_name);
        free(pend[k].vfs);
    }
    free(pend);

    h->root_disk_known = false;
    h->mgmt_nic_known = false;
    h->vfio = MODEL_VFIO_UNKNOWN;
    return h;
}

/* One device's XML, for pool_run(). */
struct fetch {
    virNodeDevicePtr *devs;
    char **xmls;
};

static void
fetch_one(void *opaque, size_t i)
{
    struct fetch *f = opaque;

    f->xmls[i] = virNodeDeviceGetXMLDesc(f->devs[i], 0);
}

struct model_host *
nodedev_read(struct conn *c, char **err)
{
    virNodeDevicePtr *devs = NULL;
    struct model_host *h = NULL;
    char **xmls = NULL;
    const char **names = NULL;
    int n, i;

    /* one round trip for the list; the names come with the objects */
    n = virConnectListAllNodeDevices(conn_handle(c), &devs,
                                     VIR_CONNECT_LIST_NODE_DEVICES_CAP_PCI_DEV);
    if (n < 0) {
        errmsg_set(err, _("cannot list the host's PCI devices through libvirt: %s"),
                   verr_last_msg());
        return NULL;
    }
    xmls = calloc((size_t)n + 1, sizeof(*xmls));
    names = calloc((size_t)n + 1, sizeof(*names));
    if (xmls && names) {
        struct fetch f = { devs, xmls };

        for (i = 0; i < n; i++)
            names[i] = virNodeDeviceGetName(devs[i]);
        /* one round trip each, on a few threads (pool.h), by index */
        pool_run((size_t)n, pool_jobs(), fetch_one, &f);
        h = nodedev_parse(names, (const char *const *)xmls, (size_t)n);
    }
    for (i = 0; i < n; i++) {
        if (xmls)
            free(xmls[i]);
        virNodeDeviceFree(devs[i]);
    }
    free(xmls);
    free(names);
    free(devs);
    if (!h)
        return NULL;

    nodedev_read_mdevs(c, h);
    if (asprintf(&h->source, "libvirt:%s", conn_uri(c) ? conn_uri(c) : "") < 0)
        h->source = NULL;
    {
        char *hn = virConnectGetHostname(conn_handle(c));

        h->hostname = hn;
    }
    return h;
}
