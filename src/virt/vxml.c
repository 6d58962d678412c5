/* vxml.c - what the XML modules of this layer share: a quiet, safe
 * parse of a document held in memory, and small libxml2 tree helpers. */
#include <config.h>

#include "vxml.h"

#include <libxml/parser.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "io/errmsg.h"

/* Collects nothing: errors are read back with xmlGetLastError(). */
static void
quiet(void *ctx, const char *msg, ...)
{
    (void)ctx;
    (void)msg;
}

xmlDocPtr
vxml_read(const char *text, char **err)
{
    xmlDocPtr doc;
    const xmlError *e;
    size_t len = strlen(text);

    if (len > INT_MAX) {
        errmsg_set(err, _("the document is too large"));
        return NULL;
    }
    xmlSetGenericErrorFunc(NULL, quiet);
    xmlResetLastError();
    /* NONET and no NOENT/DTDLOAD: nothing is fetched, no entity is
     * substituted. */
    doc = xmlReadMemory(text, (int)len, NULL, NULL,
                        XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    if (doc || !err)
        return doc;
    e = xmlGetLastError();
    if (e && e->message) {
        char *m = strdup(e->message);
        size_t l = m ? strlen(m) : 0;

        while (l > 0 && m[l - 1] == '\n')
            m[--l] = '\0';
        errmsg_set(err, _("malformed XML at line %d: %s"), e->line, m ? m : "?");
        free(m);
    } else {
        errmsg_set(err, _("malformed XML"));
    }
    return NULL;
}

bool
vxml_is(xmlNodePtr n, const char *name)
{
    return n && n->type == XML_ELEMENT_NODE && xmlStrcmp(n->name, BAD_CAST name) == 0;
}

xmlNodePtr
vxml_child(xmlNodePtr n, const char *name)
{
    for (n = n ? n->children : NULL; n; n = n->next) {
        if (vxml_is(n, name))
            return n;
    }
    return NULL;
}

bool
vxml_prop_is(xmlNodePtr n, const char *prop, const char *val)
{
    xmlChar *v = xmlGetProp(n, BAD_CAST prop);
    bool r = v && xmlStrcmp(v, BAD_CAST val) == 0;

    xmlFree(v);
    return r;
}

char *
vxml_dump(xmlNodePtr n, bool format)
{
    xmlBufferPtr buf = xmlBufferCreate();
    char *ret = NULL;

    if (buf && xmlNodeDump(buf, n->doc, n, 0, format ? 1 : 0) >= 0)
        ret = strdup((const char *)xmlBufferContent(buf));
    xmlBufferFree(buf);
    return ret;
}

bool
vxml_is_blank(xmlNodePtr n)
{
    const xmlChar *p;

    if (n->type != XML_TEXT_NODE)
        return false;
    for (p = n->content; p && *p; p++) {
        if (*p != ' ' && *p != '\t' && *p != '\r' && *p != '\n')
            return false;
    }
    return true;
}

static xmlNodePtr
kept(xmlNodePtr n, bool blanks, xmlNodePtr *skip, size_t n_skip)
{
    for (; n; n = n->next) {
        size_t i;
        bool drop = blanks && vxml_is_blank(n);

        for (i = 0; !drop && i < n_skip; i++)
            drop = skip[i] == n;
        if (!drop)
            return n;
    }
    return NULL;
}

static bool
same_ns(xmlNsPtr a, xmlNsPtr b)
{
    if (!a || !b)
        return a == b;
    return xmlStrEqual(a->href, b->href) && xmlStrEqual(a->prefix, b->prefix);
}

bool
vxml_same_node(xmlNodePtr a, xmlNodePtr b, const struct vxml_cmp *c)
{
    xmlAttrPtr pa, pb;
    xmlNsPtr na, nb;

    if (a->type != b->type || !xmlStrEqual(a->name, b->name))
        return false;
    switch (a->type) {
    case XML_ELEMENT_NODE:
        if (!same_ns(a->ns, b->ns))
            return false;
        for (na = a->nsDef, nb = b->nsDef; na && nb; na = na->next, nb = nb->next) {
            if (!same_ns(na, nb))
                return false;
        }
        if (na || nb)
            return false;
        for (pa = a->properties, pb = b->properties; pa && pb; pa = pa->next, pb = pb->next) {
            xmlChar *va = xmlNodeListGetString(a->doc, pa->children, 1);
            xmlChar *vb = xmlNodeListGetString(b->doc, pb->children, 1);
            bool same = xmlStrEqual(pa->name, pb->name) && same_ns(pa->ns, pb->ns) &&
                        xmlStrEqual(va, vb);

            xmlFree(va);
            xmlFree(vb);
            if (!same)
                return false;
        }
        if (pa || pb)
            return false;
        return vxml_same_children(a, b, c);
    case XML_TEXT_NODE:
    case XML_CDATA_SECTION_NODE:
    case XML_COMMENT_NODE:
    case XML_PI_NODE:
        return xmlStrEqual(a->content, b->content);
    case XML_DTD_NODE:
        return true;
    default:
        return false;
    }
}

bool
vxml_same_children(xmlNodePtr a, xmlNodePtr b, const struct vxml_cmp *c)
{
    bool edited = a == c->old_parent;
    xmlNodePtr x = a->children, y = b->children;

    for (;;) {
        x = kept(x, edited || c->blanks, edited ? c->skip_old : NULL,
                 edited ? c->n_skip_old : 0);
        y = kept(y, edited || c->blanks, edited ? c->skip_new : NULL,
                 edited ? c->n_skip_new : 0);
        if (!x || !y)
            return x == y;
        if (!vxml_same_node(x, y, c))
            return false;
        x = x->next;
        y = y->next;
    }
}
