/* hostdev_priv.h - reading the documents that hostdev.c and domedit.c
 * share, for those two only (it needs libxml2, which hostdev.h keeps
 * out of the commands). */
#ifndef VFIOTUI_HOSTDEV_PRIV_H
#define VFIOTUI_HOSTDEV_PRIV_H

#include <libxml/tree.h>
#include <stdbool.h>
#include <stddef.h>

#include "bdf.h"

/* What a document that vfiotui reads or edits is: a domain, or what
 * `xml` prints (one <hostdev>, or a <devices> holding several). */
enum hostdev_doc {
    HOSTDEV_DOC_DOMAIN,
    HOSTDEV_DOC_DEVICES,
    HOSTDEV_DOC_HOSTDEV,
};

/* @text parsed (vxml_read), refusing a document that declares or uses
 * its own entities.  Returns the document, or NULL with *err. */
xmlDocPtr hostdev_parse(const char *text, char **err);

/* The PCI source address of a <hostdev> or <interface type='hostdev'>:
 * 1 with *a, 0 for any other element, -1 for a PCI hostdev whose
 * address cannot be read. */
int hostdev_pci_source(xmlNodePtr n, struct bdf *a);

/* The element whose children are the devices, and the document's kind;
 * with !@any only a <domain>.  Returns 0, or -1 with *err. */
int hostdev_devices_elem(xmlDocPtr doc, bool any, enum hostdev_doc *kind, xmlNodePtr *devs,
                         char **err);

/* The PCI hostdevs among the children of @devs (NULL: none).  Caller
 * frees *out.  Returns 0, or -1 with *err. */
int hostdev_devices_of(xmlNodePtr devs, struct bdf **out, size_t *n, char **err);

/* The PCI hostdevs of a document of @kind (see hostdev_devices_elem).
 * Caller frees *out.  Returns 0, or -1 with *err. */
int hostdev_doc_devices(xmlDocPtr doc, enum hostdev_doc kind, xmlNodePtr devs,
                        struct bdf **out, size_t *n, char **err);

struct hostdev_mdev;            /* hostdev.h */

/* The UUID of a <hostdev mode='subsystem' type='mdev'>: 1 with @m's
 * uuid (lower case; display as the element says), 0 for any other
 * element, -1 for an mdev hostdev without a UUID libvirt would take. */
int hostdev_mdev_source(xmlNodePtr n, struct hostdev_mdev *m);

/* The mdev hostdevs of a document of @kind (see hostdev_devices_elem).
 * Caller frees *out.  Returns 0, or -1 with *err. */
int hostdev_doc_mdevs(xmlDocPtr doc, enum hostdev_doc kind, xmlNodePtr devs,
                      struct hostdev_mdev **out, size_t *n, char **err);

/* A new <hostdev type='pci'> element for @a (hostdev.c). */
xmlNodePtr hostdev_new_pci(xmlDocPtr doc, const struct bdf *a, bool managed);
/* The root element of @doc, indented two spaces a level, with a
 * newline.  Caller frees; NULL on allocation failure. */
char *hostdev_dump_root(xmlDocPtr doc);

#endif /* VFIOTUI_HOSTDEV_PRIV_H */
