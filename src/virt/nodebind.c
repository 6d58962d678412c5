/* nodebind.c - node-device detach and reattach, the host's IOMMU
 * capability, through libvirt. */
#include <config.h>

#include "nodebind.h"

#include <libvirt/libvirt.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conn.h"
#include "conn_priv.h"
#include "i18n.h"
#include "io/errmsg.h"
#include "verr.h"
#include "virtload.h"

void
nodebind_name(const char *addr, char *buf, unsigned size)
{
    unsigned i;

    snprintf(buf, size, "pci_%s", addr);
    for (i = 4; buf[i]; i++)
        if (buf[i] == ':' || buf[i] == '.')
            buf[i] = '_';
}

static virNodeDevicePtr
lookup(struct conn *c, const char *addr, char **err)
{
    char name[64];
    virNodeDevicePtr d;

    nodebind_name(addr, name, sizeof(name));
    if (!(d = virNodeDeviceLookupByName(conn_handle(c), name)))
        errmsg_set(err, _("libvirt has no node device %s: %s"), name, verr_last_msg());
    return d;
}

int
nodebind_detach(struct conn *c, const char *addr, bool reattach, char **err)
{
    virNodeDevicePtr d = lookup(c, addr, err);
    int rc;

    if (!d)
        return -1;
    rc = reattach ? virNodeDeviceReAttach(d) : virNodeDeviceDetachFlags(d, "vfio", 0);
    if (rc < 0)
        errmsg_set(err, reattach ? _("libvirt cannot give %s back to its host driver: %s")
                                 : _("libvirt cannot detach %s to vfio: %s"),
                   addr, verr_last_msg());
    virNodeDeviceFree(d);
    return rc < 0 ? -1 : 0;
}

int
nodebind_driver(struct conn *c, const char *addr, char **driver, char **err)
{
    virNodeDevicePtr d = lookup(c, addr, err);
    char *xml;
    xmlDocPtr doc;
    xmlNodePtr n, k;

    *driver = NULL;
    if (!d)
        return -1;
    xml = virNodeDeviceGetXMLDesc(d, 0);
    virNodeDeviceFree(d);
    if (!xml || !(doc = xmlReadMemory(xml, (int)strlen(xml), "nodedev.xml", NULL, XML_PARSE_NONET))) {
        errmsg_set(err, _("cannot read libvirt's description of %s"), addr);
        free(xml);
        return -1;
    }
    free(xml);
    for (n = xmlDocGetRootElement(doc)->children; n; n = n->next) {
        if (n->type != XML_ELEMENT_NODE || strcmp((const char *)n->name, "driver") != 0)
            continue;
        for (k = n->children; k; k = k->next) {
            if (k->type == XML_ELEMENT_NODE && strcmp((const char *)k->name, "name") == 0) {
                xmlChar *t = xmlNodeGetContent(k);

                *driver = t ? strdup((const char *)t) : NULL;
                xmlFree(t);
            }
        }
    }
    xmlFreeDoc(doc);
    return 0;
}

int
nodebind_caps_iommu(struct conn *c)
{
    char *xml = virConnectGetCapabilities(conn_handle(c));
    xmlDocPtr doc;
    xmlNodePtr n, k;
    int ret = -1;

    if (!xml || !(doc = xmlReadMemory(xml, (int)strlen(xml), "caps.xml", NULL, XML_PARSE_NONET))) {
        free(xml);
        return -1;
    }
    free(xml);
    for (n = xmlDocGetRootElement(doc)->children; n; n = n->next) {
        if (n->type != XML_ELEMENT_NODE || strcmp((const char *)n->name, "host") != 0)
            continue;
        for (k = n->children; k; k = k->next) {
            if (k->type == XML_ELEMENT_NODE && strcmp((const char *)k->name, "iommu") == 0) {
                xmlChar *s = xmlGetProp(k, (const xmlChar *)"support");

                if (s)
                    ret = strcmp((const char *)s, "yes") == 0 ? 1 : strcmp((const char *)s, "no") == 0 ? 0 : -1;
                xmlFree(s);
            }
        }
    }
    xmlFreeDoc(doc);
    return ret;
}
