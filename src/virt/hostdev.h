/* hostdev.h - libvirt <hostdev> XML: build it for a selection, read the
 * PCI hostdevs of a domain.  domedit.h adds or removes them in a
 * document; io/atomicfile.h and domfile.h write files. */
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

/* The domain's hostdevs that are not PCI ones (USB, mdev, SCSI), each
 * as a short label ("usb 0x046d:0xc52b", "mdev UUID").  *out and its
 * strings are the caller's.  Returns 0, or -1 when @domain_xml cannot
 * be read. */
int hostdev_domain_others(const char *domain_xml, char ***out, size_t *n);

/* A mediated device for <hostdev mode='subsystem' type='mdev'
 * model='vfio-pci'>: its UUID, and whether its vGPU has a display
 * (GVT-g: display='on' ramfb='on', the guest's boot display). */
struct hostdev_mdev {
    char uuid[37];
    bool display;
    bool no_ramfb;              /* a display without ramfb: libvirt allows
                                 * ramfb on one vGPU of a domain */
};

/* The marked mdevs, in the model's order; of those with a display
 * only the first has ramfb.  Caller frees *out.  Returns the count. */
size_t hostdev_sel_mdevs(const struct model_host *h, const struct model_sel *s,
                         struct hostdev_mdev **out);

/* Whether the domain XML @domain_xml has a vGPU with ramfb='on'
 * already (libvirt allows one): new ones then go without. */
bool hostdev_domain_ramfb(const char *domain_xml);

/* One <hostdev type='mdev'> element, indented, ending in a newline.
 * Caller frees; NULL on allocation failure. */
char *hostdev_xml_mdev_one(const struct hostdev_mdev *m);

/* As hostdev_xml_many, then the @n_m mdevs' elements after them, one
 * after another as a change sends them.  Caller frees; NULL on
 * allocation failure. */
char *hostdev_xml_many_all(const struct bdf *addrs, size_t n,
                           const struct hostdev_mdev *m, size_t n_m, bool managed);

/* As hostdev_xml_doc, with the PCI devices first and then @n_m mdevs:
 * one element alone, else a <devices> element.  Caller frees. */
char *hostdev_xml_doc_all(const struct bdf *addrs, size_t n,
                          const struct hostdev_mdev *m, size_t n_m, bool managed);

/* The domain's <name>, or NULL.  Caller frees. */
char *hostdev_domain_name(const char *domain_xml);

#endif /* VFIOTUI_HOSTDEV_H */
