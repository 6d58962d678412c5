/* hostdev.c - build and read libvirt <hostdev> XML with libxml2
 * (domedit.c edits documents, domfile.c writes files). */
#include <config.h>

#include "hostdev.h"

#include <errno.h>
#include <limits.h>
#include <libxml/tree.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hostdev_priv.h"
#include "i18n.h"
#include "vxml.h"
#include "io/errmsg.h"

/* Entity references would hide elements from the tree walk and from
 * the byte ranges edited; libvirt's own files never declare entities. */
static bool
has_entity_ref(xmlNodePtr n)
{
    for (; n; n = n->next) {
        if (n->type == XML_ENTITY_REF_NODE)
            return true;
        if (n->type == XML_ELEMENT_NODE &&
            (has_entity_ref((xmlNodePtr)n->properties) || has_entity_ref(n->children)))
            return true;
        if (n->type == XML_ATTRIBUTE_NODE && has_entity_ref(n->children))
            return true;
    }
    return false;
}

xmlDocPtr
hostdev_parse(const char *text, char **err)
{
    xmlDocPtr doc = vxml_read(text, err);

    if (!doc)
        return NULL;
    if ((doc->intSubset && (doc->intSubset->entities || doc->intSubset->pentities)) ||
        has_entity_ref(doc->children)) {
        errmsg_set(err, _("the document declares or uses its own entities (<!ENTITY>), "
                          "which vfiotui does not read or edit"));
        xmlFreeDoc(doc);
        return NULL;
    }
    return doc;
}

/* A new <hostdev> element for @a, not yet in any tree. */
xmlNodePtr
hostdev_new_pci(xmlDocPtr doc, const struct bdf *a, bool managed)
{
    xmlNodePtr hd, src, addr;
    char v[16];

    if (!(hd = xmlNewDocNode(doc, NULL, BAD_CAST "hostdev", NULL)))
        return NULL;
    xmlNewProp(hd, BAD_CAST "mode", BAD_CAST "subsystem");
    xmlNewProp(hd, BAD_CAST "type", BAD_CAST "pci");
    xmlNewProp(hd, BAD_CAST "managed", BAD_CAST(managed ? "yes" : "no"));
    src = xmlNewChild(hd, NULL, BAD_CAST "source", NULL);
    addr = xmlNewChild(src, NULL, BAD_CAST "address", NULL);
    snprintf(v, sizeof(v), "0x%04x", a->domain);
    xmlNewProp(addr, BAD_CAST "domain", BAD_CAST v);
    snprintf(v, sizeof(v), "0x%02x", a->bus);
    xmlNewProp(addr, BAD_CAST "bus", BAD_CAST v);
    snprintf(v, sizeof(v), "0x%02x", a->slot);
    xmlNewProp(addr, BAD_CAST "slot", BAD_CAST v);
    snprintf(v, sizeof(v), "0x%x", a->func);
    xmlNewProp(addr, BAD_CAST "function", BAD_CAST v);
    return hd;
}

char *
hostdev_dump_root(xmlDocPtr doc)
{
    char *root = vxml_dump(xmlDocGetRootElement(doc), true);
    char *ret = NULL;

    if (root && asprintf(&ret, "%s\n", root) < 0)
        ret = NULL;
    free(root);
    return ret;
}

char *
hostdev_xml_one(const struct bdf *a, bool managed)
{
    xmlDocPtr doc = xmlNewDoc(BAD_CAST "1.0");
    xmlNodePtr hd;
    char *ret = NULL;

    if (!doc)
        return NULL;
    if ((hd = hostdev_new_pci(doc, a, managed))) {
        xmlDocSetRootElement(doc, hd);
        ret = hostdev_dump_root(doc);
    }
    xmlFreeDoc(doc);
    return ret;
}

char *
hostdev_xml_doc(const struct bdf *addrs, size_t n, bool managed)
{
    xmlDocPtr doc;
    xmlNodePtr devs, hd;
    char *ret = NULL;
    size_t i;

    if (n == 1)
        return hostdev_xml_one(&addrs[0], managed);
    if (!(doc = xmlNewDoc(BAD_CAST "1.0")))
        return NULL;
    if (!(devs = xmlNewDocNode(doc, NULL, BAD_CAST "devices", NULL)))
        goto cleanup;
    xmlDocSetRootElement(doc, devs);
    for (i = 0; i < n; i++) {
        if (!(hd = hostdev_new_pci(doc, &addrs[i], managed)))
            goto cleanup;
        xmlAddChild(devs, hd);
    }
    ret = hostdev_dump_root(doc);

 cleanup:
    xmlFreeDoc(doc);
    return ret;
}

char *
hostdev_xml_many(const struct bdf *addrs, size_t n, bool managed)
{
    char *all = strdup("");
    size_t len = 0, i;

    for (i = 0; all && i < n; i++) {
        char *one = hostdev_xml_one(&addrs[i], managed);
        char *nb;
        size_t l;

        if (!one) {
            free(all);
            return NULL;
        }
        l = strlen(one);
        if (!(nb = realloc(all, len + l + 1))) {
            free(one);
            free(all);
            return NULL;
        }
        all = nb;
        memcpy(all + len, one, l + 1);
        len += l;
        free(one);
    }
    return all;
}

size_t
hostdev_sel_addrs(const struct model_host *h, const struct model_sel *s,
                  struct bdf **out)
{
    size_t n = 0, i;

    *out = calloc(h->n_devs ? h->n_devs : 1, sizeof(**out));
    if (!*out)
        return 0;
    for (i = 0; i < h->n_devs && i < s->n_devs; i++) {
        if (s->marked[i])
            (*out)[n++] = h->devs[i].addr;
    }
    return n;
}

static unsigned int
attr_num(xmlNodePtr n, const char *name, bool *ok)
{
    xmlChar *v = xmlGetProp(n, BAD_CAST name);
    char *end;
    unsigned long x;

    if (!v) {
        *ok = false;
        return 0;
    }
    /* as libvirt reads it: base 0 (0x.., 0.., decimal), no sign */
    errno = 0;
    x = strtoul((const char *)v, &end, 0);
    if (errno || end == (char *)v || *end || strchr((const char *)v, '-') || x > UINT_MAX)
        *ok = false;
    xmlFree(v);
    return (unsigned int)x;
}

/* The PCI source address of a <hostdev> or <interface type='hostdev'>.
 * Returns 1 with *a, 0 for any other element, or -1 for a PCI hostdev
 * whose address cannot be read: libvirt would refuse it, and whether it
 * is one of ours cannot be told, so the callers refuse the document. */
int
hostdev_pci_source(xmlNodePtr n, struct bdf *a)
{
    xmlNodePtr src, addr;
    xmlChar *dom;
    bool ok = true;

    if (vxml_is(n, "hostdev")) {
        xmlChar *mode = xmlGetProp(n, BAD_CAST "mode");
        bool subsys = !mode || xmlStrcmp(mode, BAD_CAST "subsystem") == 0;

        xmlFree(mode);
        if (!subsys || !vxml_prop_is(n, "type", "pci"))
            return 0;
    } else if (!(vxml_is(n, "interface") && vxml_prop_is(n, "type", "hostdev"))) {
        return 0;
    }
    src = vxml_child(n, "source");
    addr = vxml_child(src, "address");
    /* an <interface type='hostdev'> names its address type; USB is not ours */
    if (vxml_is(n, "interface") && addr && !vxml_prop_is(addr, "type", "pci"))
        return 0;
    if (!addr)
        return -1;
    /* libvirt defaults an absent domain to 0; a malformed one is not 0 */
    if ((dom = xmlGetProp(addr, BAD_CAST "domain"))) {
        xmlFree(dom);
        a->domain = attr_num(addr, "domain", &ok);
    } else {
        a->domain = 0;
    }
    a->bus = attr_num(addr, "bus", &ok);
    a->slot = attr_num(addr, "slot", &ok);
    a->func = attr_num(addr, "function", &ok);
    if (!ok || a->domain > 0xffff || a->bus > 0xff || a->slot > 0x1f || a->func > 7)
        return -1;
    return 1;
}

/* The element whose children are the devices: a domain's one <devices>
 * (*devs NULL when it has none), or a <devices> root.  For a <hostdev>
 * root *devs is NULL.  With !@any only a <domain> is accepted.
 * Returns 0, or -1 with *err set. */
int
hostdev_devices_elem(xmlDocPtr doc, bool any, enum hostdev_doc *kind, xmlNodePtr *devs,
                     char **err)
{
    xmlNodePtr root = xmlDocGetRootElement(doc);
    xmlNodePtr c;

    *devs = NULL;
    *kind = HOSTDEV_DOC_DOMAIN;
    if (any && vxml_is(root, "devices")) {
        *kind = HOSTDEV_DOC_DEVICES;
        *devs = root;
        return 0;
    }
    if (any && vxml_is(root, "hostdev")) {
        *kind = HOSTDEV_DOC_HOSTDEV;
        return 0;
    }
    if (!vxml_is(root, "domain")) {
        if (any)
            errmsg_set(err, _("not a libvirt domain, <devices> or <hostdev> document: the root element is <%s>"),
                       root ? (const char *)root->name : "?");
        else
            errmsg_set(err, _("not a libvirt domain: the root element is <%s>, not <domain>"),
                       root ? (const char *)root->name : "?");
        return -1;
    }
    for (c = root->children; c; c = c->next) {
        if (!vxml_is(c, "devices"))
            continue;
        if (*devs) {
            /* libvirt would read both; refuse rather than guess */
            errmsg_set(err, _("the domain has more than one <devices> element"));
            return -1;
        }
        *devs = c;
    }
    return 0;
}

/* The PCI hostdevs among the children of @devs (which may be NULL).
 * Returns 0, or -1 with *err set. */
int
hostdev_devices_of(xmlNodePtr devs, struct bdf **out, size_t *n, char **err)
{
    xmlNodePtr c;
    struct bdf *v = NULL;
    size_t k = 0;

    for (c = devs ? devs->children : NULL; c; c = c->next) {
        struct bdf a;
        struct bdf *nv;
        int r = hostdev_pci_source(c, &a);

        if (r == 0)
            continue;
        if (r < 0) {
            errmsg_set(err, _("the <%s> at line %ld has no PCI address that libvirt would accept"),
                       (const char *)c->name, xmlGetLineNo(c));
            free(v);
            return -1;
        }
        if (!(nv = realloc(v, (k + 1) * sizeof(*nv)))) {
            errmsg_set(err, "%s", strerror(ENOMEM));
            free(v);
            return -1;
        }
        v = nv;
        v[k++] = a;
    }
    *out = v;
    *n = k;
    return 0;
}

/* The PCI hostdevs of a document of @kind (see hostdev_devices_elem). */
int
hostdev_doc_devices(xmlDocPtr doc, enum hostdev_doc kind, xmlNodePtr devs, struct bdf **out,
                    size_t *n, char **err)
{
    xmlNodePtr root = xmlDocGetRootElement(doc);
    struct bdf a;
    int r;

    if (kind != HOSTDEV_DOC_HOSTDEV)
        return hostdev_devices_of(devs, out, n, err);
    /* one mdev, as `xml` prints it: no PCI device */
    if (vxml_is(root, "hostdev") && vxml_prop_is(root, "type", "mdev")) {
        *out = NULL;
        *n = 0;
        return 0;
    }
    if ((r = hostdev_pci_source(root, &a)) <= 0) {
        if (r == 0)
            errmsg_set(err, _("the <hostdev> document is not a PCI host device"));
        else
            errmsg_set(err, _("the <%s> at line %ld has no PCI address that libvirt would accept"),
                       (const char *)root->name, xmlGetLineNo(root));
        return -1;
    }
    if (!(*out = malloc(sizeof(**out)))) {
        errmsg_set(err, "%s", strerror(ENOMEM));
        return -1;
    }
    **out = a;
    *n = 1;
    return 0;
}

static int
read_devices(const char *text, bool any, struct bdf **out, size_t *n, char **err)
{
    xmlDocPtr doc = hostdev_parse(text, err);
    xmlNodePtr devs;
    enum hostdev_doc kind;
    int ret = -1;

    if (!doc)
        return -1;
    if (hostdev_devices_elem(doc, any, &kind, &devs, err) < 0)
        goto cleanup;
    if (hostdev_doc_devices(doc, kind, devs, out, n, err) < 0)
        goto cleanup;
    ret = 0;

 cleanup:
    xmlFreeDoc(doc);
    return ret;
}

int
hostdev_domain_devices(const char *domain_xml, struct bdf **out, size_t *n, char **err)
{
    return read_devices(domain_xml, false, out, n, err);
}

int
hostdev_file_devices(const char *text, struct bdf **out, size_t *n, char **err)
{
    return read_devices(text, true, out, n, err);
}

char *
hostdev_domain_name(const char *domain_xml)
{
    xmlDocPtr doc = hostdev_parse(domain_xml, NULL);
    xmlNodePtr root, nm;
    char *ret = NULL;

    if (!doc)
        return NULL;
    root = xmlDocGetRootElement(doc);
    if (vxml_is(root, "domain") && (nm = vxml_child(root, "name"))) {
        xmlChar *t = xmlNodeGetContent(nm);

        if (t)
            ret = strdup((const char *)t);
        xmlFree(t);
    }
    xmlFreeDoc(doc);
    return ret;
}

/* "usb 046d:c52b", "mdev 4b20d080-...", "scsi": what names a non-PCI
 * hostdev @n for a person, or NULL when @n is not one. */
static char *
other_label(xmlNodePtr n)
{
    xmlChar *type, *p1 = NULL, *p2 = NULL;
    xmlNodePtr src = vxml_child(n, "source"), x;
    struct bdf a;
    char *ret = NULL;

    if (!vxml_is(n, "hostdev") || hostdev_pci_source(n, &a) != 0 || vxml_prop_is(n, "type", "pci"))
        return NULL;
    if (!(type = xmlGetProp(n, BAD_CAST "type")))
        type = xmlGetProp(n, BAD_CAST "mode");
    if ((x = vxml_child(src, "vendor")) && vxml_child(src, "product")) {
        p1 = xmlGetProp(x, BAD_CAST "id");
        p2 = xmlGetProp(vxml_child(src, "product"), BAD_CAST "id");
    } else if ((x = vxml_child(src, "address"))) {
        p1 = xmlGetProp(x, BAD_CAST "uuid");
        if (!p1) {
            p1 = xmlGetProp(x, BAD_CAST "bus");
            p2 = xmlGetProp(x, BAD_CAST "device");
        }
    } else if ((x = vxml_child(src, "adapter"))) {
        p1 = xmlGetProp(x, BAD_CAST "name");
    }
    if (asprintf(&ret, "%s%s%s%s%s", type ? (const char *)type : "?", p1 ? " " : "",
                 p1 ? (const char *)p1 : "", p2 ? ":" : "", p2 ? (const char *)p2 : "") < 0)
        ret = NULL;
    xmlFree(type);
    xmlFree(p1);
    xmlFree(p2);
    return ret;
}

int
hostdev_domain_others(const char *domain_xml, char ***out, size_t *n)
{
    xmlDocPtr doc = hostdev_parse(domain_xml, NULL);
    xmlNodePtr devs = NULL, c;
    enum hostdev_doc kind;
    char **v = NULL;
    size_t k = 0;
    int ret = -1;

    *out = NULL;
    *n = 0;
    if (!doc)
        return -1;
    if (hostdev_devices_elem(doc, false, &kind, &devs, NULL) < 0)
        goto cleanup;
    for (c = devs ? devs->children : NULL; c; c = c->next) {
        char *l = other_label(c);
        char **nv;

        if (!l)
            continue;
        if (!(nv = realloc(v, (k + 1) * sizeof(*nv)))) {
            free(l);
            goto cleanup;
        }
        v = nv;
        v[k++] = l;
    }
    *out = v;
    *n = k;
    v = NULL;
    ret = 0;

 cleanup:
    while (v && k)
        free(v[--k]);
    free(v);
    xmlFreeDoc(doc);
    return ret;
}
