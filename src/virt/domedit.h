/* domedit.h - add hostdevs to, or remove them from, the text of a
 * domain (or hostdev) document, keeping every other byte. */
#ifndef VFIOTUI_DOMEDIT_H
#define VFIOTUI_DOMEDIT_H

#include <stdbool.h>
#include <stddef.h>

#include "bdf.h"

/* Returns a new document with hostdevs for @addrs added inside
 * <devices> (expanding <devices/>, or creating <devices> before
 * </domain>), or with every PCI <hostdev>/<interface type='hostdev'>
 * of @addrs removed.  The elements are found in the libxml2 tree; every
 * other byte of the text (comments, CRLF, indentation, quoting) is
 * kept, and the result is parsed again and checked before it is
 * returned.  Refuses a document that is not a <domain>, that declares
 * entities, an address given twice, and any address the domain already
 * has (add) or lacks (remove), naming it in *err.  Caller frees. */
char *domedit_add(const char *domain_xml, const struct bdf *addrs, size_t n, bool managed,
                  char **err);
char *domedit_remove(const char *domain_xml, const struct bdf *addrs, size_t n, char **err);

/* As domedit_add, for any document `write` edits: a domain, a
 * <devices> document (the hostdevs go at its end), or a <hostdev>
 * document, which becomes a <devices> document holding it (one level
 * deeper) and then the new ones. */
char *domedit_file_add(const char *text, const struct bdf *addrs, size_t n, bool managed,
                       char **err);

struct hostdev_mdev;            /* hostdev.h */

/* As domedit_file_add, with <hostdev type='mdev'> elements for the
 * @n_m mdevs @m after the PCI ones; an mdev the document already has
 * (by UUID) is refused as a PCI address is. */
char *domedit_file_add_all(const char *text, const struct bdf *addrs, size_t n,
                           const struct hostdev_mdev *m, size_t n_m, bool managed,
                           char **err);

#endif /* VFIOTUI_DOMEDIT_H */
