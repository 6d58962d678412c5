/* domedit_verify.c - checking an edited domain (or hostdev) document
 * against the one it was made from, in the libxml2 trees. */
#include <config.h>

#include "domedit_priv.h"

#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "vxml.h"
#include "io/errmsg.h"

static int
cmp_bdf(const void *a, const void *b)
{
    return bdf_cmp(a, b);
}

static int
cmp_mdev(const void *a, const void *b)
{
    const struct hostdev_mdev *x = a, *y = b;
    int c = strcmp(x->uuid, y->uuid);

    if (c == 0)
        c = (int)x->display - (int)y->display;
    if (c == 0 && x->display)
        c = (int)x->no_ramfb - (int)y->no_ramfb;
    return c;
}

/* Whether @a and @b (@na and @nb items of @size) hold the same items
 * under @cmp, in any order; sorts both. */
static bool
same_items(void *a, size_t na, void *b, size_t nb, size_t size,
           int (*cmp)(const void *, const void *))
{
    size_t i;

    if (na != nb)
        return false;
    if (na == 0)
        return true;
    qsort(a, na, size, cmp);
    qsort(b, nb, size, cmp);
    for (i = 0; i < na; i++) {
        if (cmp((char *)a + i * size, (char *)b + i * size) != 0)
            return false;
    }
    return true;
}

/* The same PCI addresses, and the same mdevs (UUID and display). */
static bool
same_hostdevs(struct bdf *a, size_t na, struct hostdev_mdev *am, size_t nam,
              struct bdf *b, size_t nb, struct hostdev_mdev *bm, size_t nbm)
{
    return same_items(a, na, b, nb, sizeof(*a), cmp_bdf) &&
           same_items(am, nam, bm, nbm, sizeof(*am), cmp_mdev);
}

/* Whether @n is one of the hostdevs an edit added: a PCI one of
 * @added or an mdev of @added_m. */
static bool
is_added(xmlNodePtr n, const struct bdf *added, size_t n_added,
         const struct hostdev_mdev *added_m, size_t n_added_m)
{
    struct bdf a;
    struct hostdev_mdev m;

    if (hostdev_pci_source(n, &a) == 1)
        return domedit_has_addr(added, n_added, &a);
    return hostdev_mdev_source(n, &m) == 1 && domedit_has_mdev(added_m, n_added_m, m.uuid);
}

/* The end of both checks: @ret, after saying in *err (unless it says
 * something already) that a failed check is an internal error; frees
 * @got and @doc. */
static int
verify_end(int ret, struct bdf *got, struct hostdev_mdev *got_m, xmlDocPtr doc, char **err)
{
    if (ret < 0 && err && !*err)
        errmsg_set(err, _("internal error: the edited document is not the expected one; nothing was changed"));
    free(got);
    free(got_m);
    xmlFreeDoc(doc);
    return ret;
}

/* Checks the edited text: it parses, its PCI and mdev hostdevs are
 * exactly @w's, and apart from @skip_old (removed) and what it added
 * (@w's added hostdevs, or a whole new <devices>) its tree is the old
 * one, whitespace between the children of the edited element aside. */
int
domedit_verify(const struct edit *ed, const char *text, const struct want *w,
       xmlNodePtr *skip_old, size_t n_skip_old, char **err)
{
    xmlDocPtr doc = hostdev_parse(text, err);
    xmlNodePtr devs, c;
    xmlNodePtr *skip_new = NULL;
    struct bdf *got = NULL;
    struct hostdev_mdev *got_m = NULL;
    size_t n_got = 0, n_got_m = 0, n_skip_new = 0;
    struct vxml_cmp cm = { 0 };
    enum hostdev_doc kind;
    int ret = -1;

    if (!doc || hostdev_devices_elem(doc, ed->any, &kind, &devs, err) < 0 || kind != ed->kind ||
        hostdev_devices_of(devs, &got, &n_got, err) < 0 ||
        hostdev_doc_mdevs(doc, kind, devs, &got_m, &n_got_m, err) < 0)
        goto cleanup;
    if (!same_hostdevs(got, n_got, got_m, n_got_m, w->pci, w->n_pci, w->m, w->n_m))
        goto cleanup;
    if (!(skip_new = calloc(n_got + n_got_m + 1, sizeof(*skip_new))))
        goto cleanup;
    if (ed->devs) {
        for (c = devs->children; c; c = c->next) {
            if (is_added(c, w->added, w->n_added, w->added_m, w->n_added_m))
                skip_new[n_skip_new++] = c;
        }
        cm.old_parent = ed->devs;
    } else {
        skip_new[n_skip_new++] = devs;
        cm.old_parent = ed->root;
    }
    cm.skip_old = skip_old;
    cm.n_skip_old = n_skip_old;
    cm.skip_new = skip_new;
    cm.n_skip_new = n_skip_new;
    if (!vxml_same_children((xmlNodePtr)ed->doc, (xmlNodePtr)doc, &cm))
        goto cleanup;
    ret = 0;

 cleanup:
    free(skip_new);
    return verify_end(ret, got, got_m, doc, err);
}

/* Checks a <hostdev> document made a <devices> one: it parses, its
 * PCI and mdev hostdevs are exactly @w's, its root holds the old
 * element (its blanks aside) and then only the hostdevs added, and
 * everything around the root is as it was. */
int
domedit_verify_wrap(const struct edit *ed, const char *text, const struct want *w, char **err)
{
    xmlDocPtr doc = hostdev_parse(text, err);
    xmlNodePtr devs, c, x, y;
    struct bdf *got = NULL;
    struct hostdev_mdev *got_m = NULL;
    size_t n_got = 0, n_got_m = 0;
    struct vxml_cmp loose = { .blanks = true }, strict = { 0 };
    enum hostdev_doc kind;
    bool first = true;
    int ret = -1;

    if (!doc || hostdev_devices_elem(doc, true, &kind, &devs, err) < 0 ||
        kind != HOSTDEV_DOC_DEVICES ||
        hostdev_devices_of(devs, &got, &n_got, err) < 0 ||
        hostdev_doc_mdevs(doc, kind, devs, &got_m, &n_got_m, err) < 0 ||
        !same_hostdevs(got, n_got, got_m, n_got_m, w->pci, w->n_pci, w->m, w->n_m))
        goto cleanup;
    for (c = devs->children; c; c = c->next) {
        if (vxml_is_blank(c))
            continue;
        if (first) {
            if (!vxml_same_node(ed->root, c, &loose))
                goto cleanup;
            first = false;
        } else if (!is_added(c, w->added, w->n_added, w->added_m, w->n_added_m)) {
            goto cleanup;
        }
    }
    if (first)
        goto cleanup;
    for (x = ed->doc->children, y = doc->children; x && y; x = x->next, y = y->next) {
        if (x == ed->root ? y != devs : !vxml_same_node(x, y, &strict))
            goto cleanup;
    }
    if (x || y)
        goto cleanup;
    ret = 0;

 cleanup:
    return verify_end(ret, got, got_m, doc, err);
}

