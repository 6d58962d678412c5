/* hostdev.c - build, read and edit libvirt <hostdev> XML with libxml2
 * (domfile.c writes the files). */
#include <config.h>

#include "hostdev.h"

#include <errno.h>
#include <limits.h>
#include <libxml/tree.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>

#include "i18n.h"
#include "vxml.h"
#include "io/errmsg.h"

/* Entity references would hide elements from the tree walk and from
 * the byte ranges edited; libvirt's own files never declare entities. */
static bool
has_entity_ref(xmlNodePtr n)
{
    for (; n; n = n->next) {
        if (n->type == XML_ENTITY_REF_NODE)
            return true;
        if (n->type == XML_ELEMENT_NODE &&
            (has_entity_ref((xmlNodePtr)n->properties) || has_entity_ref(n->children)))
            return true;
        if (n->type == XML_ATTRIBUTE_NODE && has_entity_ref(n->children))
            return true;
    }
    return false;
}

static xmlDocPtr
parse_doc(const char *text, char **err)
{
    xmlDocPtr doc = vxml_read(text, err);

    if (!doc)
        return NULL;
    if ((doc->intSubset && (doc->intSubset->entities || doc->intSubset->pentities)) ||
        has_entity_ref(doc->children)) {
        errmsg_set(err, _("the document declares or uses its own entities (<!ENTITY>), "
                          "which vfiotui does not read or edit"));
        xmlFreeDoc(doc);
        return NULL;
    }
    return doc;
}

/* A new <hostdev> element for @a, not yet in any tree. */
static xmlNodePtr
new_hostdev(xmlDocPtr doc, const struct bdf *a, bool managed)
{
    xmlNodePtr hd, src, addr;
    char v[16];

    if (!(hd = xmlNewDocNode(doc, NULL, BAD_CAST "hostdev", NULL)))
        return NULL;
    xmlNewProp(hd, BAD_CAST "mode", BAD_CAST "subsystem");
    xmlNewProp(hd, BAD_CAST "type", BAD_CAST "pci");
    xmlNewProp(hd, BAD_CAST "managed", BAD_CAST(managed ? "yes" : "no"));
    src = xmlNewChild(hd, NULL, BAD_CAST "source", NULL);
    addr = xmlNewChild(src, NULL, BAD_CAST "address", NULL);
    snprintf(v, sizeof(v), "0x%04x", a->domain);
    xmlNewProp(addr, BAD_CAST "domain", BAD_CAST v);
    snprintf(v, sizeof(v), "0x%02x", a->bus);
    xmlNewProp(addr, BAD_CAST "bus", BAD_CAST v);
    snprintf(v, sizeof(v), "0x%02x", a->slot);
    xmlNewProp(addr, BAD_CAST "slot", BAD_CAST v);
    snprintf(v, sizeof(v), "0x%x", a->func);
    xmlNewProp(addr, BAD_CAST "function", BAD_CAST v);
    return hd;
}

/* The root element of @doc, indented two spaces a level, with a
 * newline.  Caller frees; NULL on allocation failure. */
static char *
dump_root(xmlDocPtr doc)
{
    char *root = vxml_dump(xmlDocGetRootElement(doc), true);
    char *ret = NULL;

    if (root && asprintf(&ret, "%s\n", root) < 0)
        ret = NULL;
    free(root);
    return ret;
}

char *
hostdev_xml_one(const struct bdf *a, bool managed)
{
    xmlDocPtr doc = xmlNewDoc(BAD_CAST "1.0");
    xmlNodePtr hd;
    char *ret = NULL;

    if (!doc)
        return NULL;
    if ((hd = new_hostdev(doc, a, managed))) {
        xmlDocSetRootElement(doc, hd);
        ret = dump_root(doc);
    }
    xmlFreeDoc(doc);
    return ret;
}

char *
hostdev_xml_doc(const struct bdf *addrs, size_t n, bool managed)
{
    xmlDocPtr doc;
    xmlNodePtr devs, hd;
    char *ret = NULL;
    size_t i;

    if (n == 1)
        return hostdev_xml_one(&addrs[0], managed);
    if (!(doc = xmlNewDoc(BAD_CAST "1.0")))
        return NULL;
    if (!(devs = xmlNewDocNode(doc, NULL, BAD_CAST "devices", NULL)))
        goto cleanup;
    xmlDocSetRootElement(doc, devs);
    for (i = 0; i < n; i++) {
        if (!(hd = new_hostdev(doc, &addrs[i], managed)))
            goto cleanup;
        xmlAddChild(devs, hd);
    }
    ret = dump_root(doc);

 cleanup:
    xmlFreeDoc(doc);
    return ret;
}

char *
hostdev_xml_many(const struct bdf *addrs, size_t n, bool managed)
{
    char *all = strdup("");
    size_t len = 0, i;

    for (i = 0; all && i < n; i++) {
        char *one = hostdev_xml_one(&addrs[i], managed);
        char *nb;
        size_t l;

        if (!one) {
            free(all);
            return NULL;
        }
        l = strlen(one);
        if (!(nb = realloc(all, len + l + 1))) {
            free(one);
            free(all);
            return NULL;
        }
        all = nb;
        memcpy(all + len, one, l + 1);
        len += l;
        free(one);
    }
    return all;
}

size_t
hostdev_sel_addrs(const struct model_host *h, const struct model_sel *s,
                  struct bdf **out)
{
    size_t n = 0, i;

    *out = calloc(h->n_devs ? h->n_devs : 1, sizeof(**out));
    if (!*out)
        return 0;
    for (i = 0; i < h->n_devs && i < s->n_devs; i++) {
        if (s->marked[i])
            (*out)[n++] = h->devs[i].addr;
    }
    return n;
}

static unsigned int
attr_num(xmlNodePtr n, const char *name, bool *ok)
{
    xmlChar *v = xmlGetProp(n, BAD_CAST name);
    char *end;
    unsigned long x;

    if (!v) {
        *ok = false;
        return 0;
    }
    /* as libvirt reads it: base 0 (0x.., 0.., decimal), no sign */
    errno = 0;
    x = strtoul((const char *)v, &end, 0);
    if (errno || end == (char *)v || *end || strchr((const char *)v, '-') || x > UINT_MAX)
        *ok = false;
    xmlFree(v);
    return (unsigned int)x;
}

/* The PCI source address of a <hostdev> or <interface type='hostdev'>.
 * Returns 1 with *a, 0 for any other element, or -1 for a PCI hostdev
 * whose address cannot be read: libvirt would refuse it, and whether it
 * is one of ours cannot be told, so the callers refuse the document. */
static int
pci_source(xmlNodePtr n, struct bdf *a)
{
    xmlNodePtr src, addr;
    xmlChar *dom;
    bool ok = true;

    if (vxml_is(n, "hostdev")) {
        xmlChar *mode = xmlGetProp(n, BAD_CAST "mode");
        bool subsys = !mode || xmlStrcmp(mode, BAD_CAST "subsystem") == 0;

        xmlFree(mode);
        if (!subsys || !vxml_prop_is(n, "type", "pci"))
            return 0;
    } else if (!(vxml_is(n, "interface") && vxml_prop_is(n, "type", "hostdev"))) {
        return 0;
    }
    src = vxml_child(n, "source");
    addr = vxml_child(src, "address");
    /* an <interface type='hostdev'> names its address type; USB is not ours */
    if (vxml_is(n, "interface") && addr && !vxml_prop_is(addr, "type", "pci"))
        return 0;
    if (!addr)
        return -1;
    /* libvirt defaults an absent domain to 0; a malformed one is not 0 */
    if ((dom = xmlGetProp(addr, BAD_CAST "domain"))) {
        xmlFree(dom);
        a->domain = attr_num(addr, "domain", &ok);
    } else {
        a->domain = 0;
    }
    a->bus = attr_num(addr, "bus", &ok);
    a->slot = attr_num(addr, "slot", &ok);
    a->func = attr_num(addr, "function", &ok);
    if (!ok || a->domain > 0xffff || a->bus > 0xff || a->slot > 0x1f || a->func > 7)
        return -1;
    return 1;
}

/* What a document that vfiotui reads or edits is: a domain, or what
 * `xml` prints (one <hostdev>, or a <devices> holding several). */
enum doc_kind {
    DOC_DOMAIN,
    DOC_DEVICES,
    DOC_HOSTDEV,
};

/* The element whose children are the devices: a domain's one <devices>
 * (*devs NULL when it has none), or a <devices> root.  For a <hostdev>
 * root *devs is NULL.  With !@any only a <domain> is accepted.
 * Returns 0, or -1 with *err set. */
static int
domain_devices(xmlDocPtr doc, bool any, enum doc_kind *kind, xmlNodePtr *devs, char **err)
{
    xmlNodePtr root = xmlDocGetRootElement(doc);
    xmlNodePtr c;

    *devs = NULL;
    *kind = DOC_DOMAIN;
    if (any && vxml_is(root, "devices")) {
        *kind = DOC_DEVICES;
        *devs = root;
        return 0;
    }
    if (any && vxml_is(root, "hostdev")) {
        *kind = DOC_HOSTDEV;
        return 0;
    }
    if (!vxml_is(root, "domain")) {
        if (any)
            errmsg_set(err, _("not a libvirt domain, <devices> or <hostdev> document: the root element is <%s>"),
                       root ? (const char *)root->name : "?");
        else
            errmsg_set(err, _("not a libvirt domain: the root element is <%s>, not <domain>"),
                       root ? (const char *)root->name : "?");
        return -1;
    }
    for (c = root->children; c; c = c->next) {
        if (!vxml_is(c, "devices"))
            continue;
        if (*devs) {
            /* libvirt would read both; refuse rather than guess */
            errmsg_set(err, _("the domain has more than one <devices> element"));
            return -1;
        }
        *devs = c;
    }
    return 0;
}

/* The PCI hostdevs among the children of @devs (which may be NULL).
 * Returns 0, or -1 with *err set. */
static int
devices_of(xmlNodePtr devs, struct bdf **out, size_t *n, char **err)
{
    xmlNodePtr c;
    struct bdf *v = NULL;
    size_t k = 0;

    for (c = devs ? devs->children : NULL; c; c = c->next) {
        struct bdf a;
        struct bdf *nv;
        int r = pci_source(c, &a);

        if (r == 0)
            continue;
        if (r < 0) {
            errmsg_set(err, _("the <%s> at line %ld has no PCI address that libvirt would accept"),
                       (const char *)c->name, xmlGetLineNo(c));
            free(v);
            return -1;
        }
        if (!(nv = realloc(v, (k + 1) * sizeof(*nv)))) {
            errmsg_set(err, "%s", strerror(ENOMEM));
            free(v);
            return -1;
        }
        v = nv;
        v[k++] = a;
    }
    *out = v;
    *n = k;
    return 0;
}

/* The PCI hostdevs of a document of @kind (see domain_devices). */
static int
doc_devices(xmlDocPtr doc, enum doc_kind kind, xmlNodePtr devs, struct bdf **out,
            size_t *n, char **err)
{
    xmlNodePtr root = xmlDocGetRootElement(doc);
    struct bdf a;
    int r;

    if (kind != DOC_HOSTDEV)
        return devices_of(devs, out, n, err);
    if ((r = pci_source(root, &a)) <= 0) {
        if (r == 0)
            errmsg_set(err, _("the <hostdev> document is not a PCI host device"));
        else
            errmsg_set(err, _("the <%s> at line %ld has no PCI address that libvirt would accept"),
                       (const char *)root->name, xmlGetLineNo(root));
        return -1;
    }
    if (!(*out = malloc(sizeof(**out)))) {
        errmsg_set(err, "%s", strerror(ENOMEM));
        return -1;
    }
    **out = a;
    *n = 1;
    return 0;
}

static int
read_devices(const char *text, bool any, struct bdf **out, size_t *n, char **err)
{
    xmlDocPtr doc = parse_doc(text, err);
    xmlNodePtr devs;
    enum doc_kind kind;
    int ret = -1;

    if (!doc)
        return -1;
    if (domain_devices(doc, any, &kind, &devs, err) < 0)
        goto cleanup;
    if (doc_devices(doc, kind, devs, out, n, err) < 0)
        goto cleanup;
    ret = 0;

 cleanup:
    xmlFreeDoc(doc);
    return ret;
}

int
hostdev_domain_devices(const char *domain_xml, struct bdf **out, size_t *n, char **err)
{
    return read_devices(domain_xml, false, out, n, err);
}

int
hostdev_file_devices(const char *text, struct bdf **out, size_t *n, char **err)
{
    return read_devices(text, true, out, n, err);
}

char *
hostdev_domain_name(const char *domain_xml)
{
    xmlDocPtr doc = parse_doc(domain_xml, NULL);
    xmlNodePtr root, nm;
    char *ret = NULL;

    if (!doc)
        return NULL;
    root = xmlDocGetRootElement(doc);
    if (vxml_is(root, "domain") && (nm = vxml_child(root, "name"))) {
        xmlChar *t = xmlNodeGetContent(nm);

        if (t)
            ret = strdup((const char *)t);
        xmlFree(t);
    }
    xmlFreeDoc(doc);
    return ret;
}


static bool
has_addr(const struct bdf *v, size_t n, const struct bdf *a)
{
    size_t i;

    for (i = 0; i < n; i++) {
        if (bdf_equal(&v[i], a))
            return true;
    }
    return false;
}

/* Refuses an address given twice in one request. */
static int
no_repeats(const struct bdf *addrs, size_t n, char **err)
{
    char buf[BDF_STRLEN];
    size_t i;

    for (i = 1; i < n; i++) {
        if (has_addr(addrs, i, &addrs[i])) {
            errmsg_set(err, _("host device %s is given more than once"), bdf_format(&addrs[i], buf));
            return -1;
        }
    }
    return 0;
}

/* ---- where each element is in the bytes ---------------------------- */

/* One element as the lexical scan finds it: byte offsets into the text. */
struct lex_elem {
    size_t name, name_len;      /* the qualified name */
    size_t start, start_end;    /* the start tag: '<' .. just past '>' */
    size_t end, end_end;        /* the end tag; both start_end for <x/> */
    bool empty;                 /* <x/> */
};

struct lex {
    struct lex_elem *v;
    size_t n, cap;
};

static bool
at(const char *t, size_t len, size_t i, const char *s)
{
    size_t l = strlen(s);

    return i + l <= len && memcmp(t + i, s, l) == 0;
}

/* Offset just past @s searched from @i, or 0 if it is not there. */
static size_t
past(const char *t, size_t len, size_t i, const char *s)
{
    const char *p = i <= len ? memmem(t + i, len - i, s, strlen(s)) : NULL;

    return p ? (size_t)(p - t) + strlen(s) : 0;
}

static bool
is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* Past a <!DOCTYPE ...> declaration at @i, its internal subset, quoted
 * literals, comments and processing instructions included; 0 if it
 * does not end. */
static size_t
past_doctype(const char *t, size_t len, size_t i)
{
    int depth = 0;

    i += strlen("<!DOCTYPE");
    while (i < len) {
        char c = t[i];

        if (depth > 0 && at(t, len, i, "<!--")) {
            if (!(i = past(t, len, i + 4, "-->")))
                return 0;
        } else if (depth > 0 && at(t, len, i, "<?")) {
            if (!(i = past(t, len, i + 2, "?>")))
                return 0;
        } else if (c == '"' || c == '\'') {
            const char *q = memchr(t + i + 1, c, len - i - 1);

            if (!q)
                return 0;
            i = (size_t)(q - t) + 1;
        } else if (c == '[') {
            depth++;
            i++;
        } else if (c == ']') {
            depth--;
            i++;
        } else if (c == '>' && depth <= 0) {
            return i + 1;
        } else {
            i++;
        }
    }
    return 0;
}

/* Finds every element's byte range, in document order.  The text has
 * already been parsed by libxml2, so anything unexpected here means the
 * scan and the parser disagree: refuse.  Returns 0 or -1. */
static int
lex_scan(const char *t, size_t len, struct lex *lx, char **err)
{
    size_t *stack = NULL, depth = 0, cap = 0, i = 0;
    int ret = -1;

    while (i < len) {
        const char *lt = memchr(t + i, '<', len - i);
        size_t j;

        if (!lt)
            break;
        i = (size_t)(lt - t);
        if (at(t, len, i, "<!--")) {
            j = past(t, len, i + 4, "-->");
        } else if (at(t, len, i, "<![CDATA[")) {
            j = past(t, len, i + 9, "]]>");
        } else if (at(t, len, i, "<?")) {
            j = past(t, len, i + 2, "?>");
        } else if (at(t, len, i, "<!DOCTYPE")) {
            j = past_doctype(t, len, i);
        } else if (at(t, len, i, "</")) {
            struct lex_elem *e;
            size_t nm = i + 2, nl = 0;

            while (nm + nl < len && !is_space(t[nm + nl]) && t[nm + nl] != '>')
                nl++;
            j = nm + nl;
            while (j < len && is_space(t[j]))
                j++;
            if (j >= len || t[j] != '>' || depth == 0)
                goto bad;
            e = &lx->v[stack[--depth]];
            if (e->name_len != nl || memcmp(t + e->name, t + nm, nl) != 0)
                goto bad;
            e->end = i;
            e->end_end = ++j;
        } else if (at(t, len, i, "<!")) {
            goto bad;
        } else {
            struct lex_elem *e;

            if (lx->n == lx->cap) {
                size_t ncap = lx->cap ? lx->cap * 2 : 64;
                struct lex_elem *nv = realloc(lx->v, ncap * sizeof(*nv));

                if (!nv)
                    goto oom;
                lx->v = nv;
                lx->cap = ncap;
            }
            e = &lx->v[lx->n];
            memset(e, 0, sizeof(*e));
            e->start = i;
            e->name = i + 1;
            while (e->name + e->name_len < len && !is_space(t[e->name + e->name_len]) &&
                   t[e->name + e->name_len] != '>' && t[e->name + e->name_len] != '/')
                e->name_len++;
            if (e->name_len == 0)
                goto bad;
            /* attributes: a quoted value may hold '>' and '/' */
            for (j = e->name + e->name_len; j < len && t[j] != '>'; j++) {
                if (t[j] == '"' || t[j] == '\'') {
                    const char *q = memchr(t + j + 1, t[j], len - j - 1);

                    if (!q)
                        goto bad;
                    j = (size_t)(q - t);
                }
            }
            if (j >= len)
                goto bad;
            e->empty = t[j - 1] == '/';
            e->start_end = ++j;
            if (e->empty) {
                e->end = e->end_end = e->start_end;
            } else {
                if (depth == cap) {
                    size_t ncap = cap ? cap * 2 : 64;
                    size_t *ns = realloc(stack, ncap * sizeof(*ns));

                    if (!ns)
                        goto oom;
                    stack = ns;
                    cap = ncap;
                }
                stack[depth++] = lx->n;
            }
            lx->n++;
        }
        if (j == 0)
            goto bad;
        i = j;
    }
    if (depth != 0)
        goto bad;
    ret = 0;
    goto cleanup;

 bad:
    errmsg_set(err, _("cannot edit this document: its text and its XML tree disagree near byte %zu"), i);
    goto cleanup;
 oom:
    errmsg_set(err, "%s", strerror(ENOMEM));
 cleanup:
    free(stack);
    return ret;
}

/* ---- one edit: the parsed tree and where its elements are ----------- */

struct edit {
    const char *text;
    size_t len;
    xmlDocPtr doc;
    xmlNodePtr root, devs;      /* devs NULL when the domain has none */
    bool any;                   /* also a <devices> or <hostdev> document */
    enum doc_kind kind;
    struct lex lx;
    const char *eol;            /* "\r\n" if the file uses CRLF */
    char unit[16];              /* one level of indentation */
};

static void
edit_close(struct edit *ed)
{
    xmlFreeDoc(ed->doc);
    free(ed->lx.v);
    memset(ed, 0, sizeof(*ed));
}

/* Numbers the element nodes in document order into _private (1-based)
 * and checks that the scan found the same names in the same order. */
static int
number_elems(xmlNodePtr n, const struct edit *ed, size_t *k)
{
    for (; n; n = n->next) {
        const struct lex_elem *e;
        size_t pl, nl;

        if (n->type != XML_ELEMENT_NODE)
            continue;
        if (*k >= ed->lx.n)
            return -1;
        e = &ed->lx.v[*k];
        nl = strlen((const char *)n->name);
        pl = n->ns && n->ns->prefix ? strlen((const char *)n->ns->prefix) : 0;
        if (pl ? (e->name_len != pl + 1 + nl ||
                  memcmp(ed->text + e->name, n->ns->prefix, pl) != 0 ||
                  ed->text[e->name + pl] != ':' ||
                  memcmp(ed->text + e->name + pl + 1, n->name, nl) != 0)
               : (e->name_len != nl || memcmp(ed->text + e->name, n->name, nl) != 0))
            return -1;
        n->_private = (void *)(uintptr_t)++*k;
        if (number_elems(n->children, ed, k) < 0)
            return -1;
    }
    return 0;
}

static const struct lex_elem *
lex_of(const struct edit *ed, xmlNodePtr n)
{
    return &ed->lx.v[(uintptr_t)n->_private - 1];
}

static size_t
line_start(const char *text, size_t off)
{
    while (off > 0 && text[off - 1] != '\n')
        off--;
    return off;
}

/* Whether only blanks stand between the start of its line and @off;
 * *ls is that line start. */
static bool
starts_line(const char *text, size_t off, size_t *ls)
{
    *ls = line_start(text, off);
    return strspn(text + *ls, " \t") >= off - *ls;
}

/* The blanks an element's line starts with (its indentation). */
static void
indent_of(const struct edit *ed, xmlNodePtr n, const char **s, size_t *l)
{
    size_t off = lex_of(ed, n)->start;
    size_t ls = line_start(ed->text, off);
    size_t w = strspn(ed->text + ls, " \t");

    *s = ed->text + ls;
    *l = w < off - ls ? w : off - ls;
}

static xmlNodePtr
last_elem_child(xmlNodePtr n)
{
    xmlNodePtr c, last = NULL;

    for (c = n->children; c; c = c->next) {
        if (c->type == XML_ELEMENT_NODE)
            last = c;
    }
    return last;
}

static int
edit_open(struct edit *ed, const char *text, bool any, char **err)
{
    const char *nl;
    xmlNodePtr c;
    size_t k = 0;

    memset(ed, 0, sizeof(*ed));
    ed->text = text;
    ed->len = strlen(text);
    if (!(ed->doc = parse_doc(text, err)))
        return -1;
    ed->root = xmlDocGetRootElement(ed->doc);
    ed->any = any;
    if (domain_devices(ed->doc, any, &ed->kind, &ed->devs, err) < 0)
        goto error;
    if (lex_scan(text, ed->len, &ed->lx, err) < 0)
        goto error;
    if (number_elems(ed->doc->children, ed, &k) < 0 || k != ed->lx.n) {
        errmsg_set(err, _("cannot edit this document: its text and its XML tree disagree"));
        goto error;
    }
    nl = strchr(text, '\n');
    ed->eol = nl && nl > text && nl[-1] == '\r' ? "\r\n" : "\n";
    /* one level: what the root's first child on a line of its own adds */
    strcpy(ed->unit, "  ");
    for (c = ed->root->children; c; c = c->next) {
        const char *rs, *cs;
        size_t rl, cl, ls;

        if (c->type != XML_ELEMENT_NODE || !starts_line(text, lex_of(ed, c)->start, &ls))
            continue;
        indent_of(ed, ed->root, &rs, &rl);
        indent_of(ed, c, &cs, &cl);
        if (!starts_line(text, lex_of(ed, ed->root)->start, &ls))
            rl = 0;
        if (cl > rl && cl - rl < sizeof(ed->unit) && memcmp(rs, cs, rl) == 0)
            snprintf(ed->unit, sizeof(ed->unit), "%.*s", (int)(cl - rl), cs + rl);
        break;
    }
    return 0;

 error:
    edit_close(ed);
    return -1;
}

/* ---- building the new text ------------------------------------------ */

struct sbuf {
    char *s;
    size_t len, cap;
    bool oom;
};

static void
sb_add(struct sbuf *b, const char *p, size_t n)
{
    if (b->oom)
        return;
    if (b->len + n + 1 > b->cap) {
        size_t ncap = b->cap ? b->cap : 4096;
        char *ns;

        while (b->len + n + 1 > ncap)
            ncap *= 2;
        if (!(ns = realloc(b->s, ncap))) {
            b->oom = true;
            return;
        }
        b->s = ns;
        b->cap = ncap;
    }
    memcpy(b->s + b->len, p, n);
    b->len += n;
    b->s[b->len] = '\0';
}

static void
sb_str(struct sbuf *b, const char *s)
{
    sb_add(b, s, strlen(s));
}

/* Adds the lines of @block (indented by two spaces a level, as
 * hostdev_xml_one writes them), each after @ind and in the file's
 * own indentation and line ends. */
static void
sb_block(struct sbuf *b, const struct edit *ed, const char *block,
         const char *ind, size_t ind_len)
{
    const char *p = block;

    while (*p) {
        const char *e = strchr(p, '\n');
        size_t l = e ? (size_t)(e - p) : strlen(p);
        size_t lvl = 0;

        while (lvl * 2 + 1 < l && p[lvl * 2] == ' ' && p[lvl * 2 + 1] == ' ')
            lvl++;
        sb_add(b, ind, ind_len);
        while (lvl-- > 0) {
            sb_str(b, ed->unit);
            p += 2;
            l -= 2;
        }
        sb_add(b, p, l);
        sb_str(b, ed->eol);
        p += l + (e ? 1 : 0);
    }
}

/* Adds @block as the last children of element @n, with the indentation
 * of its other children (or its own plus one level).  <x/> becomes
 * <x>...</x>.  Every other byte is copied. */
static void
insert_children(struct sbuf *b, const struct edit *ed, xmlNodePtr n, const char *block)
{
    const struct lex_elem *e = lex_of(ed, n);
    xmlNodePtr last = last_elem_child(n);
    const char *ind, *cind;
    size_t ind_len, cind_len, ls;
    char *own = NULL;

    indent_of(ed, n, &ind, &ind_len);
    if (last && starts_line(ed->text, lex_of(ed, last)->start, &ls)) {
        indent_of(ed, last, &cind, &cind_len);
    } else {
        if (asprintf(&own, "%.*s%s", (int)ind_len, ind, ed->unit) < 0) {
            b->oom = true;
            return;
        }
        cind = own;
        cind_len = strlen(own);
    }
    if (e->empty) {
        /* "<devices/>" or "<devices />": drop the '/', close it after */
        sb_add(b, ed->text, e->start_end - 2);
        sb_str(b, ">");
        sb_str(b, ed->eol);
        sb_block(b, ed, block, cind, cind_len);
        sb_add(b, ind, ind_len);
        sb_str(b, "</");
        sb_add(b, ed->text + e->name, e->name_len);
        sb_str(b, ">");
        sb_str(b, ed->text + e->start_end);
    } else if (starts_line(ed->text, e->end, &ls) && ls > e->start) {
        /* the end tag on a line of its own: new lines before that line */
        sb_add(b, ed->text, ls);
        sb_block(b, ed, block, cind, cind_len);
        sb_str(b, ed->text + ls);
    } else {
        sb_add(b, ed->text, e->end);
        sb_str(b, ed->eol);
        sb_block(b, ed, block, cind, cind_len);
        sb_add(b, ind, ind_len);
        sb_str(b, ed->text + e->end);
    }
    free(own);
}

/* Makes a <hostdev> document a <devices> one holding that element,
 * one level deeper, and then @block.  Only blanks at the starts of
 * lines that begin with a tag are added; every other byte is copied. */
static void
wrap_root(struct sbuf *b, const struct edit *ed, const char *block)
{
    const struct lex_elem *e = lex_of(ed, ed->root);
    const char *ind = "", *p, *end;
    size_t ind_len = 0, ls;
    char *cind = NULL;

    if (starts_line(ed->text, e->start, &ls))
        indent_of(ed, ed->root, &ind, &ind_len);
    else
        ls = e->start;
    if (asprintf(&cind, "%.*s%s", (int)ind_len, ind, ed->unit) < 0) {
        b->oom = true;
        return;
    }
    sb_add(b, ed->text, ls);
    sb_add(b, ind, ind_len);
    sb_str(b, "<devices>");
    sb_str(b, ed->eol);
    sb_str(b, cind);
    for (p = ed->text + e->start, end = ed->text + e->end_end; p < end;) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t l = nl ? (size_t)(nl - p) + 1 : (size_t)(end - p), k;

        sb_add(b, p, l);
        p += l;
        k = strspn(p, " \t");
        if (nl && p + k < end && p[k] == '<')
            sb_str(b, ed->unit);
    }
    sb_str(b, ed->eol);
    sb_block(b, ed, block, cind, strlen(cind));
    sb_add(b, ind, ind_len);
    sb_str(b, "</devices>");
    sb_str(b, ed->text + e->end_end);
    free(cind);
}

/* ---- checking the result -------------------------------------------- */

static int
cmp_bdf(const void *a, const void *b)
{
    return bdf_cmp(a, b);
}

static bool
same_set(struct bdf *a, size_t na, struct bdf *b, size_t nb)
{
    size_t i;

    if (na != nb)
        return false;
    if (na == 0)
        return true;
    qsort(a, na, sizeof(*a), cmp_bdf);
    qsort(b, nb, sizeof(*b), cmp_bdf);
    for (i = 0; i < na; i++) {
        if (!bdf_equal(&a[i], &b[i]))
            return false;
    }
    return true;
}

struct cmp {
    xmlNodePtr old_parent;      /* the element whose children changed */
    xmlNodePtr *skip_old;       /* removed there */
    size_t n_skip_old;
    xmlNodePtr *skip_new;       /* added there */
    size_t n_skip_new;
    bool blanks;                /* ignore blank text at every level */
};

static bool
is_blank_text(xmlNodePtr n)
{
    const xmlChar *p;

    if (n->type != XML_TEXT_NODE)
        return false;
    for (p = n->content; p && *p; p++) {
        if (!is_space((char)*p))
            return false;
    }
    return true;
}

static xmlNodePtr
kept(xmlNodePtr n, bool blanks, xmlNodePtr *skip, size_t n_skip)
{
    for (; n; n = n->next) {
        size_t i;
        bool drop = blanks && is_blank_text(n);

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

static bool same_children(xmlNodePtr a, xmlNodePtr b, const struct cmp *c);

static bool
same_node(xmlNodePtr a, xmlNodePtr b, const struct cmp *c)
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
        return same_children(a, b, c);
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

static bool
same_children(xmlNodePtr a, xmlNodePtr b, const struct cmp *c)
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
        if (!same_node(x, y, c))
            return false;
        x = x->next;
        y = y->next;
    }
}

/* Checks the edited text: it parses, its PCI hostdevs are exactly
 * @want, and apart from @skip_old (removed) and what it added (the
 * hostdevs @added, or a whole new <devices>) its tree is the old one,
 * whitespace between the children of the edited element aside. */
static int
verify(const struct edit *ed, const char *text, struct bdf *want, size_t n_want,
       xmlNodePtr *skip_old, size_t n_skip_old, const struct bdf *added, size_t n_added,
       char **err)
{
    xmlDocPtr doc = parse_doc(text, err);
    xmlNodePtr devs, c;
    xmlNodePtr *skip_new = NULL;
    struct bdf *got = NULL;
    size_t n_got = 0, n_skip_new = 0;
    struct cmp cm = { 0 };
    enum doc_kind kind;
    int ret = -1;

    if (!doc || domain_devices(doc, ed->any, &kind, &devs, err) < 0 || kind != ed->kind ||
        devices_of(devs, &got, &n_got, err) < 0)
        goto cleanup;
    if (!same_set(got, n_got, want, n_want))
        goto cleanup;
    if (!(skip_new = calloc(n_got + 1, sizeof(*skip_new))))
        goto cleanup;
    if (ed->devs) {
        for (c = devs->children; c; c = c->next) {
            struct bdf a;

            if (pci_source(c, &a) == 1 && has_addr(added, n_added, &a))
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
    if (!same_children((xmlNodePtr)ed->doc, (xmlNodePtr)doc, &cm))
        goto cleanup;
    ret = 0;

 cleanup:
    if (ret < 0 && err && !*err)
        errmsg_set(err, _("internal error: the edited document is not the expected one; nothing was changed"));
    free(skip_new);
    free(got);
    xmlFreeDoc(doc);
    return ret;
}

/* Checks a <hostdev> document made a <devices> one: it parses, its
 * PCI hostdevs are exactly @want, its root holds the old element (its
 * blanks aside) and then only the hostdevs @added, and everything
 * around the root is as it was. */
static int
verify_wrap(const struct edit *ed, const char *text, struct bdf *want, size_t n_want,
            const struct bdf *added, size_t n_added, char **err)
{
    xmlDocPtr doc = parse_doc(text, err);
    xmlNodePtr devs, c, x, y;
    struct bdf *got = NULL;
    size_t n_got = 0;
    struct cmp loose = { .blanks = true }, strict = { 0 };
    enum doc_kind kind;
    bool first = true;
    int ret = -1;

    if (!doc || domain_devices(doc, true, &kind, &devs, err) < 0 || kind != DOC_DEVICES ||
        devices_of(devs, &got, &n_got, err) < 0 || !same_set(got, n_got, want, n_want))
        goto cleanup;
    for (c = devs->children; c; c = c->next) {
        struct bdf a;

        if (is_blank_text(c))
            continue;
        if (first) {
            if (!same_node(ed->root, c, &loose))
                goto cleanup;
            first = false;
        } else if (pci_source(c, &a) != 1 || !has_addr(added, n_added, &a)) {
            goto cleanup;
        }
    }
    if (first)
        goto cleanup;
    for (x = ed->doc->children, y = doc->children; x && y; x = x->next, y = y->next) {
        if (x == ed->root ? y != devs : !same_node(x, y, &strict))
            goto cleanup;
    }
    if (x || y)
        goto cleanup;
    ret = 0;

 cleanup:
    if (ret < 0 && err && !*err)
        errmsg_set(err, _("internal error: the edited document is not the expected one; nothing was changed"));
    free(got);
    xmlFreeDoc(doc);
    return ret;
}

/* ---- the two edits -------------------------------------------------- */

static char *
add_impl(const char *text, const struct bdf *addrs, size_t n, bool managed, bool any,
         char **err)
{
    struct edit ed;
    struct bdf *have = NULL, *want = NULL;
    size_t n_have = 0, i;
    struct sbuf block = { 0 }, out = { 0 };
    char buf[BDF_STRLEN];
    bool new_devs;

    if (edit_open(&ed, text, any, err) < 0)
        return NULL;
    /* a domain without <devices> gets one around the new elements */
    new_devs = ed.kind == DOC_DOMAIN && !ed.devs;
    if (no_repeats(addrs, n, err) < 0)
        goto fail;
    if (doc_devices(ed.doc, ed.kind, ed.devs, &have, &n_have, err) < 0)
        goto fail;
    for (i = 0; i < n; i++) {
        if (has_addr(have, n_have, &addrs[i])) {
            errmsg_set(err, ed.kind == DOC_DOMAIN ? _("the domain already has host device %s")
                                                  : _("the document already has host device %s"),
                       bdf_format(&addrs[i], buf));
            goto fail;
        }
    }
    if (n == 0) {
        /* nothing to add: the document as it is */
        sb_str(&out, text);
        if (out.oom)
            goto oom;
        goto cleanup;
    }
    if (new_devs)
        sb_str(&block, "<devices>\n");
    for (i = 0; i < n; i++) {
        char *one = hostdev_xml_one(&addrs[i], managed);
        const char *p;

        if (!one)
            goto oom;
        /* inside a new <devices>: one level deeper */
        for (p = one; new_devs && *p; p = strchr(p, '\n') + 1) {
            sb_str(&block, "  ");
            sb_add(&block, p, (size_t)(strchr(p, '\n') - p) + 1);
        }
        if (!new_devs)
            sb_str(&block, one);
        free(one);
    }
    if (new_devs)
        sb_str(&block, "</devices>\n");
    if (block.oom)
        goto oom;
    if (ed.kind == DOC_HOSTDEV)
        wrap_root(&out, &ed, block.s);
    else
        insert_children(&out, &ed, ed.devs ? ed.devs : ed.root, block.s);
    if (out.oom || !(want = malloc((n_have + n + 1) * sizeof(*want))))
        goto oom;
    if (n_have)
        memcpy(want, have, n_have * sizeof(*want));
    if (n)
        memcpy(want + n_have, addrs, n * sizeof(*want));
    if (ed.kind == DOC_HOSTDEV ? verify_wrap(&ed, out.s, want, n_have + n, addrs, n, err) < 0
                               : verify(&ed, out.s, want, n_have + n, NULL, 0, addrs, n, err) < 0)
        goto fail;
    goto cleanup;

 oom:
    errmsg_set(err, "%s", strerror(ENOMEM));
 fail:
    free(out.s);
    out.s = NULL;
 cleanup:
    edit_close(&ed);
    free(block.s);
    free(have);
    free(want);
    return out.s;
}

char *
hostdev_domain_add(const char *domain_xml, const struct bdf *addrs, size_t n,
                   bool managed, char **err)
{
    return add_impl(domain_xml, addrs, n, managed, false, err);
}

char *
hostdev_file_add(const char *text, const struct bdf *addrs, size_t n, bool managed,
                 char **err)
{
    return add_impl(text, addrs, n, managed, true, err);
}

/* Past the blanks and one line end after @off, if nothing else stands
 * there; @off itself otherwise. */
static size_t
past_line_end(const char *t, size_t len, size_t off)
{
    size_t j = off + strspn(t + off, " \t");

    if (j < len && t[j] == '\r' && j + 1 < len && t[j + 1] == '\n')
        return j + 2;
    if (j < len && t[j] == '\n')
        return j + 1;
    if (j == len)
        return j;
    return off;
}

char *
hostdev_domain_remove(const char *domain_xml, const struct bdf *addrs, size_t n,
                      char **err)
{
    struct edit ed;
    struct bdf *have = NULL, *want = NULL;
    size_t n_have = 0, n_want = 0, n_cut = 0, i, pos;
    xmlNodePtr *cut = NULL, c;
    struct sbuf out = { 0 };
    char buf[BDF_STRLEN];

    if (edit_open(&ed, domain_xml, false, err) < 0)
        return NULL;
    if (no_repeats(addrs, n, err) < 0)
        goto fail;
    if (devices_of(ed.devs, &have, &n_have, err) < 0)
        goto fail;
    for (i = 0; i < n; i++) {
        if (!has_addr(have, n_have, &addrs[i])) {
            errmsg_set(err, _("the domain has no host device %s"), bdf_format(&addrs[i], buf));
            goto fail;
        }
    }
    /* every element with one of the addresses, however often it is there */
    if (!(cut = calloc(n_have + 1, sizeof(*cut))) ||
        !(want = calloc(n_have + 1, sizeof(*want))))
        goto oom;
    for (c = ed.devs ? ed.devs->children : NULL; c; c = c->next) {
        struct bdf a;

        if (pci_source(c, &a) != 1)
            continue;
        if (has_addr(addrs, n, &a))
            cut[n_cut++] = c;
        else
            want[n_want++] = a;
    }

    /* Cut each element; a run of them separated by blanks only is one
     * cut, and a cut alone on its lines takes those lines with it. */
    pos = 0;
    for (i = 0; i < n_cut; i++) {
        size_t from = lex_of(&ed, cut[i])->start, to = lex_of(&ed, cut[i])->end_end;
        size_t ls, after;

        while (i + 1 < n_cut) {
            size_t next = lex_of(&ed, cut[i + 1])->start;

            if (strspn(ed.text + to, " \t") < next - to)
                break;
            to = lex_of(&ed, cut[++i])->end_end;
        }
        if (starts_line(ed.text, from, &ls)) {
            if ((after = past_line_end(ed.text, ed.len, to)) != to)
                from = ls;      /* alone on its lines: the lines go */
            else
                after = to + strspn(ed.text + to, " \t");
            to = after;
        }
        sb_add(&out, ed.text + pos, from - pos);
        pos = to;
    }
    sb_str(&out, ed.text + pos);
    if (out.oom)
        goto oom;
    if (verify(&ed, out.s, want, n_want, cut, n_cut, NULL, 0, err) < 0)
        goto fail;
    goto cleanup;

 oom:
    errmsg_set(err, "%s", strerror(ENOMEM));
 fail:
    free(out.s);
    out.s = NULL;
 cleanup:
    edit_close(&ed);
    free(have);
    free(want);
    free(cut);
    return out.s;
}
