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
