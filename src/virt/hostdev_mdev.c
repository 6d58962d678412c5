/* hostdev_mdev.c - <hostdev type='mdev'> XML for marked mediated
 * devices, alone or with PCI hostdevs in one document. */
#include <config.h>

#include "hostdev.h"
#include "hostdev_priv.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "model.h"
#include "vxml.h"
#include "io/errmsg.h"

size_t
hostdev_sel_mdevs(const struct model_host *h, const struct model_sel *s,
                  struct hostdev_mdev **out)
{
    size_t i, n = 0;
    bool ramfb = false;

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
        (*out)[n].no_ramfb = (*out)[n].display && ramfb;
        ramfb = ramfb || (*out)[n].display;
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
        if (!m->no_ramfb)
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
hostdev_xml_many_all(const struct bdf *addrs, size_t n,
                     const struct hostdev_mdev *m, size_t n_m, bool managed)
{
    char *ret = hostdev_xml_many(addrs, n, managed);
    size_t i;

    for (i = 0; ret && i < n_m; i++) {
        char *one = hostdev_xml_mdev_one(&m[i]), *both = NULL;

        if (!one || asprintf(&both, "%s%s", ret, one) < 0)
            both = NULL;
        free(one);
        free(ret);
        ret = both;
    }
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

int
hostdev_mdev_source(xmlNodePtr n, struct hostdev_mdev *m)
{
    xmlChar *u;
    size_t i;
    int ret = -1;

    if (!vxml_is(n, "hostdev") || !vxml_prop_is(n, "type", "mdev"))
        return 0;
    u = xmlGetProp(vxml_child(vxml_child(n, "source"), "address"), BAD_CAST "uuid");
    if (u && model_is_uuid((const char *)u)) {
        memset(m, 0, sizeof(*m));
        for (i = 0; i < sizeof(m->uuid) - 1 && u[i]; i++)
            m->uuid[i] = (char)tolower(u[i]);
        m->display = vxml_prop_is(n, "display", "on");
        m->no_ramfb = !vxml_prop_is(n, "ramfb", "on");
        ret = 1;
    }
    xmlFree(u);
    return ret;
}

/* Adds the mdev of @n, if it is one, to *out; -1 with *err for one
 * without a UUID. */
static int
collect(xmlNodePtr n, struct hostdev_mdev **out, size_t *k, char **err)
{
    struct hostdev_mdev m, *nv;
    int r = hostdev_mdev_source(n, &m);

    if (r == 0)
        return 0;
    if (r < 0) {
        errmsg_set(err, _("the <%s> at line %ld has no mdev UUID that libvirt would accept"),
                   (const char *)n->name, xmlGetLineNo(n));
        return -1;
    }
    if (!(nv = realloc(*out, (*k + 1) * sizeof(**out)))) {
        errmsg_set(err, "%s", strerror(ENOMEM));
        return -1;
    }
    *out = nv;
    (*out)[(*k)++] = m;
    return 0;
}

int
hostdev_doc_mdevs(xmlDocPtr doc, enum hostdev_doc kind, xmlNodePtr devs,
                  struct hostdev_mdev **out, size_t *n, char **err)
{
    xmlNodePtr c;
    size_t k = 0;

    *out = NULL;
    *n = 0;
    if (kind == HOSTDEV_DOC_HOSTDEV) {
        if (collect(xmlDocGetRootElement(doc), out, &k, err) < 0)
            goto error;
    } else {
        for (c = devs ? devs->children : NULL; c; c = c->next) {
            if (collect(c, out, &k, err) < 0)
                goto error;
        }
    }
    *n = k;
    return 0;

 error:
    free(*out);
    *out = NULL;
    return -1;
}

bool
hostdev_domain_ramfb(const char *domain_xml)
{
    xmlDocPtr doc = hostdev_parse(domain_xml, NULL);
    xmlNodePtr devs = NULL;
    enum hostdev_doc kind;
    struct hostdev_mdev *m = NULL;
    size_t n = 0, i;
    bool ret = false;

    if (!doc)
        return false;
    if (hostdev_devices_elem(doc, false, &kind, &devs, NULL) == 0 &&
        hostdev_doc_mdevs(doc, kind, devs, &m, &n, NULL) == 0)
        for (i = 0; i < n; i++)
            ret = ret || (m[i].display && !m[i].no_ramfb);
    free(m);
    xmlFreeDoc(doc);
    return ret;
}
