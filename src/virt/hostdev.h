/* hostdev.h - libvirt <hostdev> XML: build it for a selection, read the
 * PCI hostdevs of a domain, add or remove them in a domain document.
 * Files are read and written by io/atomicfile.h and domfile.h. */
#ifndef VFIOTUI_HOSTDEV_H
#define VFIOTUI_HOSTDEV_H

#include <stdbool.h>
#include <stddef.h>

#include "bdf.h"
#include "model.h"

/* One <hostdev mode="subsystem" type="pci" managed="yes|no"> element,
 * indented as virsh prints it, ending in a newline.  Caller frees;
 * NULL on allocation failure. */
char *hostdev_xml_one(const struct bdf *a, bool managed);

/* The elements for @n addresses, concatenated (for display, one per
 * device as attach sends them).  Caller frees. */
char *hostdev_xml_many(const struct bdf *addrs, size_t n, bool managed);

/* The one well-formed document `xml` prints and `write` creates: for one
 * address its <hostdev> (what `virsh attach-device` takes), for several
 * a <devices> element holding them, as a domain's <devices> does.
 * Caller frees; NULL on allocation failure. */
char *hostdev_xml_doc(const struct bdf *addrs, size_t n, bool managed);

/* The addresses of the marked devices, in address order.  Caller frees
 * *out.  Returns the count. */
size_t hostdev_sel_addrs(const struct model_host *h, const struct model_sel *s,
                         struct bdf **out);

/* The PCI host devices a domain document uses: <hostdev type='pci'> and
 * <interface type='hostdev'> sources.  Returns 0 or -1 with *err. */
int hostdev_domain_devices(const char *domain_xml, struct bdf **out, size_t *n,
                           char **err);

/* As hostdev_domain_devices, for any document `write` edits: a domain,
 * or a <devices> or <hostdev> document such as hostdev_xml_doc makes. */
int hostdev_file_devices(const char *text, struct bdf **out, size_t *n, char **err);

/* The domain's <name>, or NULL.  Caller frees. */
char *hostdev_domain_name(const char *domain_xml);

/* Returns a new document with hostdevs for @addrs added inside
 * <devices> (expanding <devices/>, or creating <devices> before
 * </domain>), or with every PCI <hostdev>/<interface type='hostdev'>
 * of @addrs removed.  The elements are found in the libxml2 tree; every
 * other byte of the text (comments, CRLF, indentation, quoting) is
 * kept, and the result is parsed again and checked before it is
 * returned.  Refuses a document that is not a <domain>, that declares
 * entities, an address given twice, and any address the domain already
 * has (add) or lacks (remove), naming it in *err.  Caller frees. */
char *hostdev_domain_add(const char *domain_xml, const struct bdf *addrs, size_t n,
                         bool managed, char **err);
char *hostdev_domain_remove(const char *domain_xml, const struct bdf *addrs, size_t n,
                            char **err);

/* As hostdev_domain_add, for any document `write` edits: a domain, a
 * <devices> document (the hostdevs go at its end), or a <hostdev>
 * document, which becomes a <devices> document holding it (one level
 * deeper) and then the new ones. */
char *hostdev_file_add(const char *text, const struct bdf *addrs, size_t n, bool managed,
                       char **err);

#endif /* VFIOTUI_HOSTDEV_H */
