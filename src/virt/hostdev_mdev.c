/* hostdev_mdev.c - <hostdev type='mdev'> XML for marked mediated
 * devices, alone or with PCI hostdevs in one document. */
#include <config.h>

#include "hostdev.h"
#include "hostdev_priv.h"

#include <stdlib.h>
#include <string.h>

size_t
hostdev_sel_mdevs(const struct model_host *h, const struct model_sel *s,
                  struct hostdev_mdev **out)
{
    size_t i, n = 0;

    *out = calloc(h->n_mdevs + 1, sizeof(**out));
    if (!*out)
        return 0;
    for (i = 0; i < h->n_mdevs && i < s->n_mdevs; i++) {
        const struct model_mdev *m = &h->mdevs[i];

        if (!s->mdev_marked[i])
            continue;
        memcpy((*out)[n].uuid, m->uuid, sizeof(m->uuid));
        /* GVT-g vGPUs have a display the guest can boot on (ramfb) */
        (*out)[n].display = m->type && strncmp(m->type, "i915-GVTg", 9) == 0;
        n++;
    }
    return n;
}

static xmlNodePtr
new_mdev(xmlDocPtr doc, const struct hostdev_mdev *m)
{
    xmlNodePtr hd, src, addr;

    if (!(hd = xmlNewDocNode(doc, NULL, BAD_CAST "hostdev", NULL)))
        return NULL;
    xmlNewProp(hd, BAD_CAST "mode", BAD_CAST "subsystem");
    xmlNewProp(hd, BAD_CAST "type", BAD_CAST "mdev");
    xmlNewProp(hd, BAD_CAST "model", BAD_CAST "vfio-pci");
    if (m->display) {
        xmlNewProp(hd, BAD_CAST "display", BAD_CAST "on");
        xmlNewProp(hd, BAD_CAST "ramfb", BAD_CAST "on");
    }
    src = xmlNewChild(hd, NULL, BAD_CAST "source", NULL);
    addr = xmlNewChild(src, NULL, BAD_CAST "address", NULL);
    xmlNewProp(addr, BAD_CAST "uuid", BAD_CAST m->uuid);
    return hd;
}

char *
hostdev_xml_mdev_one(const struct hostdev_mdev *m)
{
    xmlDocPtr doc = xmlNewDoc(BAD_CAST "1.0");
    xmlNodePtr hd;
    char *ret = NULL;

    if (!doc)
        return NULL;
    if ((hd = new_mdev(doc, m))) {
        xmlDocSetRootElement(doc, hd);
        ret = hostdev_dump_root(doc);
    }
    xmlFreeDoc(doc);
    return ret;
}

char *
hostdev_xml_doc_all(const struct bdf *addrs, size_t n,
                    const struct hostdev_mdev *m, size_t n_m, bool managed)
{
    xmlDocPtr doc;
    xmlNodePtr devs, hd;
    char *ret = NULL;
    size_t i;

    if (n_m == 0)
        return hostdev_xml_doc(addrs, n, managed);
    if (n == 0 && n_m == 1)
        return hostdev_xml_mdev_one(&m[0]);
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
    for (i = 0; i < n_m; i++) {
        if (!(hd = new_mdev(doc, &m[i])))
            goto cleanup;
        xmlAddChild(devs, hd);
    }
    ret = hostdev_dump_root(doc);

 cleanup:
    xmlFreeDoc(doc);
    return ret;
}
