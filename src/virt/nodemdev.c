/* nodemdev.c - mdev define, create, stop and undefine through libvirt. */
#include <config.h>

#include "nodemdev.h"

#include <errno.h>
#include <libvirt/libvirt.h>
#include <libxml/tree.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conn.h"
#include "conn_priv.h"
#include "i18n.h"
#include "io/errmsg.h"
#include "nodebind.h"
#include "verr.h"
#include "virtload.h"
#include "vxml.h"

char *
nodemdev_xml(const char *parent, const char *type, const char *uuid)
{
    xmlDocPtr doc = xmlNewDoc(BAD_CAST "1.0");
    xmlNodePtr dev, cap, t;
    char name[64];
    char *ret = NULL;

    if (!doc)
        return NULL;
    nodebind_name(parent, name, sizeof(name));
    if (!(dev = xmlNewDocNode(doc, NULL, BAD_CAST "device", NULL)))
        goto cleanup;
    xmlDocSetRootElement(doc, dev);
    xmlNewTextChild(dev, NULL, BAD_CAST "parent", BAD_CAST name);
    cap = xmlNewChild(dev, NULL, BAD_CAST "capability", NULL);
    xmlNewProp(cap, BAD_CAST "type", BAD_CAST "mdev");
    t = xmlNewChild(cap, NULL, BAD_CAST "type", NULL);
    xmlNewProp(t, BAD_CAST "id", BAD_CAST type);
    xmlNewTextChild(cap, NULL, BAD_CAST "uuid", BAD_CAST uuid);
    ret = vxml_dump(dev, true);

 cleanup:
    xmlFreeDoc(doc);
    return ret;
}

int
nodemdev_create(struct conn *c, const char *parent, const char *type,
                const char *uuid, char **err)
{
    char *xml = nodemdev_xml(parent, type, uuid);
    virNodeDevicePtr d = NULL;
    int ret = -1;

    if (!xml) {
        errmsg_set(err, "%s", _("out of memory"));
        return -1;
    }
    if (!(d = virNodeDeviceDefineXML(conn_handle(c), xml, 0))) {
        virErrorPtr e = virGetLastError();

        errmsg_set(err, _("libvirt cannot define mdev %s: %s"), uuid, verr_last_msg());
        /* nothing was defined: the caller may take another way */
        if (e && (e->code == VIR_ERR_NO_SUPPORT ||
                  (e->code == VIR_ERR_SYSTEM_ERROR && e->int1 == ENOENT)))
            ret = NODEMDEV_UNSUPPORTED;
        goto cleanup;
    }
    if (virNodeDeviceCreate(d, 0) < 0) {
        errmsg_set(err, _("libvirt defined mdev %s but cannot start it: %s"), uuid, verr_last_msg());
        goto cleanup;
    }
    ret = 0;

 cleanup:
    if (d)
        virNodeDeviceFree(d);
    free(xml);
    return ret;
}

/* Whether the last libvirt error says the connection cannot do it
 * (rather than that it tried and failed): the caller may take another way. */
static bool
unsupported(void)
{
    virErrorPtr e = virGetLastError();

    return e && (e->code == VIR_ERR_NO_SUPPORT || e->code == VIR_ERR_NO_NODE_DEVICE ||
                 (e->code == VIR_ERR_SYSTEM_ERROR && e->int1 == ENOENT));
}

int
nodemdev_remove(struct conn *c, const char *parent, const char *uuid, char **err)
{
    char name[160], pname[64];
    virNodeDevicePtr d;
    size_t i;
    int ret = -1, active, persistent;

    /* libvirt 7.3 and later name mdevs mdev_UUID_PARENT, older ones mdev_UUID */
    nodebind_name(parent, pname, sizeof(pname));
    snprintf(name, sizeof(name), "mdev_%s_%s", uuid, pname + 4);
    for (i = 0; name[i]; i++)
        if (name[i] == '-')
            name[i] = '_';
    if (!(d = virNodeDeviceLookupByName(conn_handle(c), name))) {
        name[5 + 36] = '\0';
        d = virNodeDeviceLookupByName(conn_handle(c), name);
    }
    if (!d) {
        errmsg_set(err, _("libvirt has no node device for mdev %s: %s"), uuid, verr_last_msg());
        return unsupported() ? NODEMDEV_UNSUPPORTED : -1;
    }
    active = virNodeDeviceIsActive(d);
    persistent = virNodeDeviceIsPersistent(d);
    if (active != 1 && persistent != 1) {
        errmsg_set(err, _("libvirt cannot tell whether mdev %s is active or defined: %s"),
                   uuid, verr_last_msg());
        if (unsupported())
            ret = NODEMDEV_UNSUPPORTED;
        goto cleanup;
    }
    if (active == 1 && virNodeDeviceDestroy(d) < 0) {
        errmsg_set(err, _("libvirt cannot stop mdev %s: %s"), uuid, verr_last_msg());
        /* nothing changed yet */
        if (unsupported())
            ret = NODEMDEV_UNSUPPORTED;
        goto cleanup;
    }
    if (persistent == 1 && virNodeDeviceUndefine(d, 0) < 0) {
        errmsg_set(err, _("libvirt cannot undefine mdev %s: %s"), uuid, verr_last_msg());
        /* nothing changed yet if it was not running */
        if (active != 1 && unsupported())
            ret = NODEMDEV_UNSUPPORTED;
        goto cleanup;
    }
    ret = 0;

 cleanup:
    virNodeDeviceFree(d);
    return ret;
}
