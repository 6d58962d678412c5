/* nodedev_mdev.c - a remote host's mediated devices from libvirt's
 * node devices with the mdev capability: UUID, type, parent, and
 * whether libvirt has it active or only defined. */
#include <config.h>

#include "nodedev.h"

#include <libvirt/libvirt.h>
#include <libxml/tree.h>
#include <stdlib.h>
#include <string.h>

#include "bdf.h"
#include "conn.h"
#include "conn_priv.h"
#include "i18n.h"
#include "vxml.h"
#include "virtload.h"

int
nodedev_parse_mdev(struct model_host *h, const char *xml, bool active, bool defined)
{
    xmlDocPtr doc = xml ? vxml_read(xml, NULL) : NULL;
    xmlNodePtr root = doc ? xmlDocGetRootElement(doc) : NULL, x, cap = NULL;
    xmlChar *type = NULL, *uuid = NULL, *parent = NULL;
    struct bdf a;
    bool all;
    int k, ret = -1;

    for (x = root ? root->children : NULL; x; x = x->next)
        if (vxml_is(x, "capability") && vxml_prop_is(x, "type", "mdev"))
            cap = x;
    if (!cap)
        goto cleanup;
    if ((x = vxml_child(cap, "type")))
        type = xmlGetProp(x, BAD_CAST "id");
    if ((x = vxml_child(cap, "uuid")))
        uuid = xmlNodeGetContent(x);
    if ((x = vxml_child(root, "parent")))
        parent = xmlNodeGetContent(x);
    if (!uuid || !parent || !model_is_uuid((const char *)uuid) ||
        bdf_parse_user((const char *)parent, &a, &all) < 0 || all ||
        (k = model_find(h, &a)) < 0)
        goto cleanup;
    if (model_add_mdev(h, (size_t)k, (const char *)uuid, (const char *)type, active, defined) >= 0)
        ret = 0;

 cleanup:
    if (ret < 0 && xml)
        model_warn(h, _("a mediated node device from libvirt has no UUID or no PCI parent of this host; skipped"));
    xmlFree(type);
    xmlFree(uuid);
    xmlFree(parent);
    xmlFreeDoc(doc);
    return ret;
}

void
nodedev_read_mdevs(struct conn *c, struct model_host *h)
{
    virNodeDevicePtr *devs = NULL;
    int n, i;

    /* without the ACTIVE/INACTIVE flags libvirt lists both */
    n = virConnectListAllNodeDevices(conn_handle(c), &devs,
                                     VIR_CONNECT_LIST_NODE_DEVICES_CAP_MDEV);
    if (n < 0) {
        model_warn(h, _("cannot list the host's mediated devices through libvirt; they are unknown"));
        return;
    }
    for (i = 0; i < n; i++) {
        char *xml = virNodeDeviceGetXMLDesc(devs[i], 0);
        int active = virNodeDeviceIsActive(devs[i]);
        int persistent = virNodeDeviceIsPersistent(devs[i]);

        /* an old libvirt cannot say: a listed device exists */
        nodedev_parse_mdev(h, xml, active != 0, persistent == 1);
        free(xml);
        virNodeDeviceFree(devs[i]);
    }
    free(devs);
    model_mdev_sort(h);
}
