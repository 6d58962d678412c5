/* hostdev.c - build, read and edit libvirt <hostdev> XML with libxml2,
 * and write domain files atomically. */
#include <config.h>

#include "hostdev.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "i18n.h"

static void
set_err(char **err, const char *fmt, ...)
{
    va_list ap;

    if (!err)
        return;
    free(*err);
    va_start(ap, fmt);
    if (vasprintf(err, fmt, ap) < 0)
        *err = NULL;
    va_end(ap);
}

/* libxml2 prints parse errors to stderr by default; that would corrupt
 * the full-screen interface, so they are collected instead. */
static void
xml_quiet(void *ctx, const char *msg, ...)
{
    (void)ctx;
    (void)msg;
}

static xmlDocPtr
parse_doc(const char *text, char **err)
{
    xmlDocPtr doc;
    const xmlError *e;

    xmlSetGenericErrorFunc(NULL, xml_quiet);
    xmlResetLastError();
    doc = xmlReadMemory(text, (int)strlen(text), NULL, NULL,
                        XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    if (!doc) {
        e = xmlGetLastError();
        if (e && e->message) {
            char *m = strdup(e->message);
            size_t l = m ? strlen(m) : 0;

            while (l > 0 && m[l - 1] == '\n')
                m[--l] = '\0';
            set_err(err, _("malformed XML at line %d: %s"), e->line, m ? m : "?");
            free(m);
        } else {
            set_err(err, _("malformed XML"));
        }
    }
    return doc;
}

char *
hostdev_xml_one(const struct bdf *a, bool managed)
{
    xmlDocPtr doc = xmlNewDoc(BAD_CAST "1.0");
    xmlNodePtr hd, src, addr;
    xmlBufferPtr buf = NULL;
    char v[16];
    char *ret = NULL;

    if (!doc)
        return NULL;
    hd = xmlNewNode(NULL, BAD_CAST "hostdev");
    xmlDocSetRootElement(doc, hd);
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

    if ((buf = xmlBufferCreate()) && xmlNodeDump(buf, doc, hd, 0, 1) >= 0 &&
        asprintf(&ret, "%s\n", (const char *)xmlBufferContent(buf)) < 0)
        ret = NULL;
    xmlBufferFree(buf);
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
    errno = 0;
    x = strtoul((const char *)v, &end, 0);
    if (errno || end == (char *)v || *end)
        *ok = false;
    xmlFree(v);
    return (unsigned int)x;
}

static bool
name_is(xmlNodePtr n, const char *name)
{
    return n && n->type == XML_ELEMENT_NODE && xmlStrcmp(n->name, BAD_CAST name) == 0;
}

static bool
prop_is(xmlNodePtr n, const char *prop, const char *val)
{
    xmlChar *v = xmlGetProp(n, BAD_CAST prop);
    bool r = v && xmlStrcmp(v, BAD_CAST val) == 0;

    xmlFree(v);
    return r;
}

static xmlNodePtr
child(xmlNodePtr n, const char *name)
{
    for (n = n ? n->children : NULL; n; n = n->next) {
        if (name_is(n, name))
            return n;
    }
    return NULL;
}

/* The PCI source address of a <hostdev> or <interface type='hostdev'>. */
static bool
pci_source(xmlNodePtr n, struct bdf *a)
{
    xmlNodePtr src, addr;
    bool ok = true;

    if (name_is(n, "hostdev")) {
        if (!prop_is(n, "type", "pci"))
            return false;
        xmlChar *mode = xmlGetProp(n, BAD_CAST "mode");
        bool subsys = !mode || xmlStrcmp(mode, BAD_CAST "subsystem") == 0;

        xmlFree(mode);
        if (!subsys)
            return false;
    } else if (!(name_is(n, "interface") && prop_is(n, "type", "hostdev"))) {
        return false;
    }
    if (!(src = child(n, "source")) || !(addr = child(src, "address")))
        return false;
    if (name_is(n, "interface") && !prop_is(addr, "type", "pci"))
        return false;
    a->domain = attr_num(addr, "domain", &ok);
    if (!ok) {
        ok = true;
        a->domain = 0;          /* libvirt defaults the domain to 0 */
    }
    a->bus = attr_num(addr, "bus", &ok);
    a->slot = attr_num(addr, "slot", &ok);
    a->func = attr_num(addr, "function", &ok);
    return ok && a->domain <= 0xffff && a->bus <= 0xff && a->slot <= 0x1f && a->func <= 7;
}

static xmlNodePtr
domain_devices(xmlDocPtr doc, char **err)
{
    xmlNodePtr root = xmlDocGetRootElement(doc);
    xmlNodePtr devs;

    if (!name_is(root, "domain")) {
        set_err(err, _("not a libvirt domain: the root element is <%s>, not <domain>"),
                root ? (const char *)root->name : "?");
        return NULL;
    }
    if (!(devs = child(root, "devices")))
        set_err(err, _("the domain has no <devices> element"));
    return devs;
}

int
hostdev_domain_devices(const char *domain_xml, struct bdf **out, size_t *n, char **err)
{
    xmlDocPtr doc = parse_doc(domain_xml, err);
    xmlNodePtr devs, c;
    struct bdf *v = NULL;
    size_t k = 0;
    int ret = -1;

    if (!doc)
        return -1;
    if (!(devs = domain_devices(doc, err)))
        goto cleanup;
    for (c = devs->children; c; c = c->next) {
        struct bdf a;
        struct bdf *nv;

        if (!pci_source(c, &a))
            continue;
        if (!(nv = realloc(v, (k + 1) * sizeof(*nv))))
            goto cleanup;
        v = nv;
        v[k++] = a;
    }
    *out = v;
    *n = k;
    v = NULL;
    ret = 0;

 cleanup:
    free(v);
    xmlFreeDoc(doc);
    return ret;
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
    if (name_is(root, "domain") && (nm = child(root, "name"))) {
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

/* Offset of the start of the line holding @off. */
static size_t
line_start(const char *text, size_t off)
{
    while (off > 0 && text[off - 1] != '\n')
        off--;
    return off;
}

/* Start offset of line number @line (1-based). */
static ssize_t
line_offset(const char *text, long line)
{
    const char *p = text;
    long l = 1;

    while (l < line) {
        if (!(p = strchr(p, '\n')))
            return -1;
        p++;
        l++;
    }
    return p - text;
}

/* Checks that @text parses, is a domain, and has exactly @want as its
 * PCI hostdevs (as a set of @n_want). */
static int
verify(const char *text, const struct bdf *want, size_t n_want, char **err)
{
    struct bdf *got = NULL;
    size_t n_got = 0, i;
    int ret = -1;

    if (hostdev_domain_devices(text, &got, &n_got, err) < 0)
        return -1;
    if (n_got != n_want)
        goto cleanup;
    for (i = 0; i < n_want; i++) {
        if (!has_addr(got, n_got, &want[i]))
            goto cleanup;
    }
    ret = 0;

 cleanup:
    if (ret < 0 && err && !*err)
        set_err(err, _("internal error: the edited document does not have the expected devices"));
    free(got);
    return ret;
}

char *
hostdev_domain_add(const char *domain_xml, const struct bdf *addrs, size_t n,
                   bool managed, char **err)
{
    struct bdf *have = NULL, *want = NULL;
    size_t n_have = 0, i;
    const char *close, *p;
    size_t ins, indent_len, out_len = 0;
    char indent[64];
    char *out = NULL;
    char buf[BDF_STRLEN];

    if (hostdev_domain_devices(domain_xml, &have, &n_have, err) < 0)
        return NULL;
    for (i = 0; i < n; i++) {
        if (has_addr(have, n_have, &addrs[i]) || has_addr(addrs, i, &addrs[i])) {
            set_err(err, _("the domain already has host device %s"), bdf_format(&addrs[i], buf));
            goto cleanup;
        }
    }
    /* Splice text in before </devices> so every other byte of the file
     * stays as it was (libxml2 would rewrite quotes and spacing). */
    close = NULL;
    for (p = strstr(domain_xml, "</devices>"); p; p = strstr(p + 1, "</devices>"))
        close = p;
    if (!close) {
        set_err(err, _("the domain has no </devices> closing tag"));
        goto cleanup;
    }
    ins = line_start(domain_xml, (size_t)(close - domain_xml));
    indent_len = (size_t)(close - domain_xml) - ins;
    if (strspn(domain_xml + ins, " \t") != indent_len) {
        ins = (size_t)(close - domain_xml);     /* </devices> shares its line */
        indent_len = 0;
    }
    snprintf(indent, sizeof(indent), "%.*s  ", (int)(indent_len < 60 ? indent_len : 60),
             domain_xml + line_start(domain_xml, (size_t)(close - domain_xml)));

    if (!(out = malloc(strlen(domain_xml) + n * 512 + 64)))
        goto cleanup;
    memcpy(out, domain_xml, ins);
    out_len = ins;
    if (indent_len == 0 && ins > 0 && domain_xml[ins - 1] != '\n')
        out[out_len++] = '\n';
    for (i = 0; i < n; i++) {
        char *one = hostdev_xml_one(&addrs[i], managed);
        char *line, *save = NULL;

        if (!one) {
            free(out);
            out = NULL;
            goto cleanup;
        }
        for (line = strtok_r(one, "\n", &save); line; line = strtok_r(NULL, "\n", &save))
            out_len += (size_t)sprintf(out + out_len, "%s%s\n", indent, line);
        free(one);
    }
    strcpy(out + out_len, domain_xml + ins);

    if (!(want = malloc((n_have + n) * sizeof(*want) + 1)))
        goto fail;
    if (n_have)
        memcpy(want, have, n_have * sizeof(*want));
    memcpy(want + n_have, addrs, n * sizeof(*want));
    if (verify(out, want, n_have + n, err) < 0)
        goto fail;
    goto cleanup;

 fail:
    free(out);
    out = NULL;
 cleanup:
    free(have);
    free(want);
    return out;
}

char *
hostdev_domain_remove(const char *domain_xml, const struct bdf *addrs, size_t n,
                      char **err)
{
    xmlDocPtr doc;
    xmlNodePtr devs, c;
    struct bdf *have = NULL, *want = NULL;
    size_t n_have = 0, n_want = 0, i;
    size_t *cut_from = NULL, *cut_to = NULL, n_cut = 0;
    char *out = NULL;
    char buf[BDF_STRLEN];

    if (hostdev_domain_devices(domain_xml, &have, &n_have, err) < 0)
        return NULL;
    for (i = 0; i < n; i++) {
        if (!has_addr(have, n_have, &addrs[i])) {
            set_err(err, _("the domain has no host device %s"), bdf_format(&addrs[i], buf));
            free(have);
            return NULL;
        }
    }
    if (!(doc = parse_doc(domain_xml, err))) {
        free(have);
        return NULL;
    }
    devs = domain_devices(doc, err);
    cut_from = calloc(n + 1, sizeof(*cut_from));
    cut_to = calloc(n + 1, sizeof(*cut_to));
    if (!devs || !cut_from || !cut_to)
        goto cleanup;
    for (c = devs->children; c; c = c->next) {
        struct bdf a;
        ssize_t start;
        const char *tag, *end;
        const char *closetag;

        if (!pci_source(c, &a) || !has_addr(addrs, n, &a))
            continue;
        closetag = name_is(c, "hostdev") ? "</hostdev>" : "</interface>";
        if ((start = line_offset(domain_xml, xmlGetLineNo(c))) < 0 ||
            !(tag = strstr(domain_xml + start, name_is(c, "hostdev") ? "<hostdev" : "<interface")) ||
            !(end = strstr(tag, closetag))) {
            set_err(err, _("cannot locate host device %s in the text"), bdf_format(&a, buf));
            goto cleanup;
        }
        end += strlen(closetag);
        /* whole lines when the element stands on its own lines */
        if (strspn(domain_xml + start, " \t") == (size_t)(tag - domain_xml - start) &&
            end[strspn(end, " \t")] == '\n') {
            cut_from[n_cut] = (size_t)start;
            cut_to[n_cut] = (size_t)(end - domain_xml) + strspn(end, " \t") + 1;
        } else {
            cut_from[n_cut] = (size_t)(tag - domain_xml);
            cut_to[n_cut] = (size_t)(end - domain_xml);
        }
        n_cut++;
    }
    if (!(out = malloc(strlen(domain_xml) + 1)))
        goto cleanup;
    {
        size_t pos = 0, olen = 0, k;

        for (k = 0; k < n_cut; k++) {
            memcpy(out + olen, domain_xml + pos, cut_from[k] - pos);
            olen += cut_from[k] - pos;
            pos = cut_to[k];
        }
        strcpy(out + olen, domain_xml + pos);
    }
    if (!(want = malloc((n_have + 1) * sizeof(*want))))
        goto fail;
    for (i = 0; i < n_have; i++) {
        if (!has_addr(addrs, n, &have[i]))
            want[n_want++] = have[i];
    }
    if (verify(out, want, n_want, err) < 0)
        goto fail;
    goto cleanup;

 fail:
    free(out);
    out = NULL;
 cleanup:
    xmlFreeDoc(doc);
    free(have);
    free(want);
    free(cut_from);
    free(cut_to);
    return out;
}

static int
write_all(int fd, const char *text, size_t len)
{
    while (len > 0) {
        ssize_t w = write(fd, text, len);

        if (w < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        text += w;
        len -= (size_t)w;
    }
    return 0;
}

int
hostdev_write_file(const char *path, const char *text, char **err)
{
    struct stat st;
    char *dir = NULL, *dcopy = NULL, *tmp = NULL, *backup = NULL;
    int fd = -1, dfd = -1;
    int ret = -1;

    if (lstat(path, &st) < 0) {
        set_err(err, _("%s: %s (it was read a moment ago; it may have been removed)"),
                path, strerror(errno));
        return -1;
    }
    if (!S_ISREG(st.st_mode)) {
        set_err(err, _("%s: not a regular file"), path);
        return -1;
    }
    if (!(dcopy = strdup(path)) || asprintf(&tmp, "%s/.%s.vfiotui-XXXXXX",
                                            (dir = dirname(dcopy)), "new") < 0) {
        tmp = NULL;
        set_err(err, "%s", strerror(ENOMEM));
        goto cleanup;
    }
    if ((fd = mkstemp(tmp)) < 0) {
        set_err(err, _("cannot create a temporary file in %s: %s"), dir, strerror(errno));
        free(tmp);
        tmp = NULL;
        goto cleanup;
    }
    if (write_all(fd, text, strlen(text)) < 0) {
        set_err(err, _("cannot write %s: %s"), tmp, strerror(errno));
        goto cleanup;
    }
    if (fchmod(fd, st.st_mode & 07777) < 0) {
        set_err(err, _("cannot give %s the mode of %s: %s"), tmp, path, strerror(errno));
        goto cleanup;
    }
    if ((st.st_uid != geteuid() || st.st_gid != getegid()) &&
        fchown(fd, st.st_uid, st.st_gid) < 0) {
        set_err(err, _("cannot give the new file the owner of %s: %s"), path, strerror(errno));
        goto cleanup;
    }
    if (fsync(fd) < 0) {
        set_err(err, _("cannot write %s to disk: %s"), tmp, strerror(errno));
        goto cleanup;
    }
    if (close(fd) < 0) {
        fd = -1;
        set_err(err, _("cannot write %s: %s"), tmp, strerror(errno));
        goto cleanup;
    }
    fd = -1;

    /* Keep the previous version as FILE~ before the rename replaces it. */
    if (asprintf(&backup, "%s~", path) < 0) {
        backup = NULL;
        goto cleanup;
    }
    if (unlink(backup) < 0 && errno != ENOENT) {
        set_err(err, _("cannot replace the backup %s: %s"), backup, strerror(errno));
        goto cleanup;
    }
    if (link(path, backup) < 0) {
        set_err(err, _("cannot keep the previous version as %s: %s"), backup, strerror(errno));
        goto cleanup;
    }
    if (rename(tmp, path) < 0) {
        set_err(err, _("cannot replace %s: %s"), path, strerror(errno));
        goto cleanup;
    }
    free(tmp);
    tmp = NULL;
    if ((dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) >= 0) {
        fsync(dfd);
        close(dfd);
    }
    ret = 0;

 cleanup:
    if (fd >= 0)
        close(fd);
    if (tmp) {
        unlink(tmp);
        free(tmp);
    }
    free(backup);
    free(dcopy);
    return ret;
}

char *
hostdev_read_file(const char *path, char **err)
{
    FILE *f = fopen(path, "r");
    char *buf = NULL;
    size_t len = 0, cap = 0, got;

    if (!f) {
        set_err(err, "%s: %s", path, strerror(errno));
        return NULL;
    }
    do {
        if (len + 4096 + 1 > cap) {
            char *nb = realloc(buf, cap = cap ? cap * 2 : 65536);

            if (!nb) {
                free(buf);
                fclose(f);
                set_err(err, "%s: %s", path, strerror(ENOMEM));
                return NULL;
            }
            buf = nb;
        }
        got = fread(buf + len, 1, cap - len - 1, f);
        len += got;
    } while (got > 0);
    if (ferror(f)) {
        set_err(err, "%s: %s", path, strerror(errno));
        free(buf);
        fclose(f);
        return NULL;
    }
    fclose(f);
    buf[len] = '\0';
    if (strlen(buf) != len) {
        set_err(err, _("%s: not a text file"), path);
        free(buf);
        return NULL;
    }
    return buf;
}

int
hostdev_save(const char *path, const char *xml, const struct bdf *addrs, size_t n,
             bool managed, char **err)
{
    struct stat st;
    char *text, *newtext, *dcopy, *tmp = NULL;
    int fd, ret = -1;

    if (stat(path, &st) == 0) {
        if (!(text = hostdev_read_file(path, err)))
            return -1;
        newtext = hostdev_domain_add(text, addrs, n, managed, err);
        free(text);
        if (!newtext)
            return -1;
        ret = hostdev_write_file(path, newtext, err);
        free(newtext);
        return ret;
    }
    /* a new file: written in full under a temporary name, then linked
     * into place, which fails rather than replace a file made meanwhile */
    if (!(dcopy = strdup(path)) ||
        asprintf(&tmp, "%s/.new.vfiotui-XXXXXX", dirname(dcopy)) < 0) {
        free(dcopy);
        set_err(err, "%s", strerror(ENOMEM));
        return -1;
    }
    if ((fd = mkstemp(tmp)) < 0) {
        set_err(err, _("cannot create a file in the directory of %s: %s"), path, strerror(errno));
        goto cleanup;
    }
    if (write_all(fd, xml, strlen(xml)) < 0 || fchmod(fd, 0644) < 0 || fsync(fd) < 0) {
        set_err(err, _("cannot write %s: %s"), path, strerror(errno));
        close(fd);
        goto cleanup;
    }
    close(fd);
    if (link(tmp, path) < 0) {
        set_err(err, "%s: %s", path, strerror(errno));
        goto cleanup;
    }
    ret = 0;

 cleanup:
    unlink(tmp);
    free(tmp);
    free(dcopy);
    return ret;
}
