/* domedit_priv.h - what domedit.c and domedit_verify.c share: one
 * edit's parsed document, and what the edited text must hold. */
#ifndef VFIOTUI_DOMEDIT_PRIV_H
#define VFIOTUI_DOMEDIT_PRIV_H

#include <libxml/tree.h>
#include <stdbool.h>
#include <stddef.h>

#include "bdf.h"
#include "hostdev.h"
#include "hostdev_priv.h"
#include "xmllex.h"

struct edit {
    const char *text;
    size_t len;
    xmlDocPtr doc;
    xmlNodePtr root, devs;      /* devs NULL when the domain has none */
    bool any;                   /* also a <devices> or <hostdev> document */
    enum hostdev_doc kind;
    struct xmllex lx;
    const char *eol;            /* "\r\n" if the file uses CRLF */
    char unit[16];              /* one level of indentation */
};

/* What an edit must leave: the PCI and the mdev hostdevs, and those of
 * them it added. */
struct want {
    struct bdf *pci;
    size_t n_pci;
    struct hostdev_mdev *m;
    size_t n_m;
    const struct bdf *added;
    size_t n_added;
    const struct hostdev_mdev *added_m;
    size_t n_added_m;
};

bool domedit_has_addr(const struct bdf *v, size_t n, const struct bdf *a);
bool domedit_has_mdev(const struct hostdev_mdev *v, size_t n, const char *uuid);

/* Checks the edited text of a domain or <devices> document: it parses,
 * its PCI and mdev hostdevs are exactly @w's, and apart from @skip_old
 * (removed) and what it added (@w's added hostdevs, or a whole new
 * <devices>) its tree is the old one, whitespace between the children
 * of the edited element aside.  0, or -1 with *err. */
int domedit_verify(const struct edit *ed, const char *text, const struct want *w,
                   xmlNodePtr *skip_old, size_t n_skip_old, char **err);

/* Checks a <hostdev> document made a <devices> one: it parses, its
 * PCI and mdev hostdevs are exactly @w's, its root holds the old
 * element (its blanks aside) and then only the hostdevs added, and
 * everything around the root is as it was.  0, or -1 with *err. */
int domedit_verify_wrap(const struct edit *ed, const char *text, const struct want *w,
                        char **err);

#endif /* VFIOTUI_DOMEDIT_PRIV_H */
