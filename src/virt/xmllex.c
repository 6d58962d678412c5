/* xmllex.c - where each element of an XML text is, in bytes: the scan
 * that lets an edit keep every byte it does not change. */
#include <config.h>

#include "xmllex.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "io/errmsg.h"

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

bool
xmllex_is_space(char c)
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
int
xmllex_scan(const char *t, size_t len, struct xmllex *lx, char **err)
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
            struct xmllex_elem *e;
            size_t nm = i + 2, nl = 0;

            while (nm + nl < len && !xmllex_is_space(t[nm + nl]) && t[nm + nl] != '>')
                nl++;
            j = nm + nl;
            while (j < len && xmllex_is_space(t[j]))
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
            struct xmllex_elem *e;

            if (lx->n == lx->cap) {
                size_t ncap = lx->cap ? lx->cap * 2 : 64;
                struct xmllex_elem *nv = realloc(lx->v, ncap * sizeof(*nv));

                if (!nv)
                    goto oom;
                lx->v = nv;
                lx->cap = ncap;
            }
            e = &lx->v[lx->n];
            memset(e, 0, sizeof(*e));
            e->start = i;
            e->name = i + 1;
            while (e->name + e->name_len < len && !xmllex_is_space(t[e->name + e->name_len]) &&
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
