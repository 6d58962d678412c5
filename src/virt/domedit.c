/* domedit.c - add hostdevs to, or remove them from, the text of a
 * domain (or hostdev) document: the elements are found in the libxml2
 * tree, every other byte is kept, and the result is checked. */
#include <config.h>

#include "domedit.h"

#include <errno.h>
#include <libxml/tree.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domedit_priv.h"
#include "hostdev.h"
#include "hostdev_priv.h"
#include "i18n.h"
#include "vxml.h"
#include "xmllex.h"
#include "io/errmsg.h"

bool
domedit_has_addr(const struct bdf *v, size_t n, const struct bdf *a)
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
        if (domedit_has_addr(addrs, i, &addrs[i])) {
            errmsg_set(err, _("host device %s is given more than once"), bdf_format(&addrs[i], buf));
            return -1;
        }
    }
    return 0;
}

bool
domedit_has_mdev(const struct hostdev_mdev *v, size_t n, const char *uuid)
{
    size_t i;

    for (i = 0; i < n; i++) {
        if (strcmp(v[i].uuid, uuid) == 0)
            return true;
    }
    return false;
}

/* Refuses an mdev given twice in one request. */
static int
no_mdev_repeats(const struct hostdev_mdev *m, size_t n, char **err)
{
    size_t i;

    for (i = 1; i < n; i++) {
        if (domedit_has_mdev(m, i, m[i].uuid)) {
            errmsg_set(err, _("mdev %s is given more than once"), m[i].uuid);
            return -1;
        }
    }
    return 0;
}

/* ---- one edit: the parsed tree and where its elements are ----------- */

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
        const struct xmllex_elem *e;
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

static const struct xmllex_elem *
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
    if (!(ed->doc = hostdev_parse(text, err)))
        return -1;
    ed->root = xmlDocGetRootElement(ed->doc);
    ed->any = any;
    if (hostdev_devices_elem(ed->doc, any, &ed->kind, &ed->devs, err) < 0)
        goto error;
    if (xmllex_scan(text, ed->len, &ed->lx, err) < 0)
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
    const struct xmllex_elem *e = lex_of(ed, n);
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
    const struct xmllex_elem *e = lex_of(ed, ed->root);
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

/* ---- the two edits -------------------------------------------------- */

/* The end of both edits: closes @ed, frees @have and @want and gives
 * @out's text when @rc is 0; NULL when it is -1 (*err set) or -ENOMEM
 * (*err then says so). */
static char *
edit_end(struct edit *ed, struct sbuf *out, int rc, struct bdf *have, struct want *w,
         char **err)
{
    if (rc == -ENOMEM)
        errmsg_set(err, "%s", strerror(ENOMEM));
    if (rc < 0) {
        free(out->s);
        out->s = NULL;
    }
    edit_close(ed);
    free(have);
    free(w->pci);
    free(w->m);
    return out->s;
}

static char *
add_impl(const char *text, const struct bdf *addrs, size_t n, const struct hostdev_mdev *m,
         size_t n_m, bool managed, bool any, char **err)
{
    struct edit ed;
    struct bdf *have = NULL;
    struct want w = { .added = addrs, .n_added = n, .added_m = m, .n_added_m = n_m };
    size_t n_have = 0, i;
    struct sbuf block = { 0 }, out = { 0 };
    char buf[BDF_STRLEN];
    struct hostdev_mdev *mine = NULL;
    bool new_devs, domain, ramfb = false;
    int rc = -1;

    if (edit_open(&ed, text, any, err) < 0)
        return NULL;
    /* a domain without <devices> gets one around the new elements */
    new_devs = ed.kind == HOSTDEV_DOC_DOMAIN && !ed.devs;
    domain = ed.kind == HOSTDEV_DOC_DOMAIN;
    if (no_repeats(addrs, n, err) < 0 || no_mdev_repeats(m, n_m, err) < 0)
        goto cleanup;
    if (hostdev_doc_devices(ed.doc, ed.kind, ed.devs, &have, &n_have, err) < 0 ||
        hostdev_doc_mdevs(ed.doc, ed.kind, ed.devs, &w.m, &w.n_m, err) < 0)
        goto cleanup;
    for (i = 0; i < n; i++) {
        if (domedit_has_addr(have, n_have, &addrs[i])) {
            errmsg_set(err, domain ? _("the domain already has host device %s")
                                   : _("the document already has host device %s"),
                       bdf_format(&addrs[i], buf));
            goto cleanup;
        }
    }
    for (i = 0; i < n_m; i++) {
        if (domedit_has_mdev(w.m, w.n_m, m[i].uuid)) {
            errmsg_set(err, domain ? _("the domain already has mdev %s")
                                   : _("the document already has mdev %s"), m[i].uuid);
            goto cleanup;
        }
    }
    /* libvirt takes ramfb on one vGPU of a domain: the document's, or
     * the first new one with a display */
    if (n_m && !(mine = malloc(n_m * sizeof(*mine))))
        goto oom;
    for (i = 0; i < w.n_m; i++)
        ramfb = ramfb || (w.m[i].display && !w.m[i].no_ramfb);
    for (i = 0; i < n_m; i++) {
        mine[i] = m[i];
        mine[i].no_ramfb = mine[i].display && (ramfb || m[i].no_ramfb);
        ramfb = ramfb || (mine[i].display && !mine[i].no_ramfb);
    }
    m = w.added_m = mine;
    if (n + n_m == 0) {
        /* nothing to add: the document as it is */
        sb_str(&out, text);
        if (out.oom)
            goto oom;
        rc = 0;
        goto cleanup;
    }
    if (new_devs)
        sb_str(&block, "<devices>\n");
    for (i = 0; i < n + n_m; i++) {
        char *one = i < n ? hostdev_xml_one(&addrs[i], managed) : hostdev_xml_mdev_one(&m[i - n]);
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
    if (ed.kind == HOSTDEV_DOC_HOSTDEV)
        wrap_root(&out, &ed, block.s);
    else
        insert_children(&out, &ed, ed.devs ? ed.devs : ed.root, block.s);
    if (out.oom || !(w.pci = malloc((n_have + n + 1) * sizeof(*w.pci))))
        goto oom;
    if (n_have)
        memcpy(w.pci, have, n_have * sizeof(*w.pci));
    if (n)
        memcpy(w.pci + n_have, addrs, n * sizeof(*w.pci));
    w.n_pci = n_have + n;
    if (n_m) {
        struct hostdev_mdev *nm = realloc(w.m, (w.n_m + n_m) * sizeof(*nm));

        if (!nm)
            goto oom;
        w.m = nm;
        memcpy(w.m + w.n_m, m, n_m * sizeof(*m));
        w.n_m += n_m;
    }
    rc = ed.kind == HOSTDEV_DOC_HOSTDEV ? domedit_verify_wrap(&ed, out.s, &w, err)
                                        : domedit_verify(&ed, out.s, &w, NULL, 0, err);
    goto cleanup;

 oom:
    rc = -ENOMEM;
 cleanup:
    free(block.s);
    free(mine);
    return edit_end(&ed, &out, rc, have, &w, err);
}

char *
domedit_add(const char *domain_xml, const struct bdf *addrs, size_t n, bool managed,
            char **err)
{
    return add_impl(domain_xml, addrs, n, NULL, 0, managed, false, err);
}

char *
domedit_file_add(const char *text, const struct bdf *addrs, size_t n, bool managed,
                 char **err)
{
    return add_impl(text, addrs, n, NULL, 0, managed, true, err);
}

char *
domedit_file_add_all(const char *text, const struct bdf *addrs, size_t n,
                     const struct hostdev_mdev *m, size_t n_m, bool managed, char **err)
{
    return add_impl(text, addrs, n, m, n_m, managed, true, err);
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
domedit_remove(const char *domain_xml, const struct bdf *addrs, size_t n, char **err)
{
    struct edit ed;
    struct bdf *have = NULL;
    struct want w = { 0 };
    size_t n_have = 0, n_cut = 0, i, pos;
    xmlNodePtr *cut = NULL, c;
    struct sbuf out = { 0 };
    char buf[BDF_STRLEN];
    int rc = -1;

    if (edit_open(&ed, domain_xml, false, err) < 0)
        return NULL;
    if (no_repeats(addrs, n, err) < 0)
        goto cleanup;
    if (hostdev_devices_of(ed.devs, &have, &n_have, err) < 0 ||
        hostdev_doc_mdevs(ed.doc, ed.kind, ed.devs, &w.m, &w.n_m, err) < 0)
        goto cleanup;
    for (i = 0; i < n; i++) {
        if (!domedit_has_addr(have, n_have, &addrs[i])) {
            errmsg_set(err, _("the domain has no host device %s"), bdf_format(&addrs[i], buf));
            goto cleanup;
        }
    }
    /* every element with one of the addresses, however often it is there */
    if (!(cut = calloc(n_have + 1, sizeof(*cut))) ||
        !(w.pci = calloc(n_have + 1, sizeof(*w.pci))))
        goto oom;
    for (c = ed.devs ? ed.devs->children : NULL; c; c = c->next) {
        struct bdf a;

        if (hostdev_pci_source(c, &a) != 1)
            continue;
        if (domedit_has_addr(addrs, n, &a))
            cut[n_cut++] = c;
        else
            w.pci[w.n_pci++] = a;
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
    rc = domedit_verify(&ed, out.s, &w, cut, n_cut, err);
    goto cleanup;

 oom:
    rc = -ENOMEM;
 cleanup:
    free(cut);
    return edit_end(&ed, &out, rc, have, &w, err);
}
