/* esc.c - making host- and libvirt-supplied bytes safe to print */
#include <config.h>

#include "esc.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Length of the valid UTF-8 sequence at @p (1..4) with its code point in
 * *cp, or 0 if the bytes there are not valid UTF-8 (overlong forms,
 * surrogates and code points above U+10FFFF are not). */
static size_t
u8_seq(const unsigned char *p, uint32_t *cp)
{
    unsigned char c = p[0];
    unsigned char lo = 0x80, hi = 0xbf;
    size_t len, i;
    uint32_t v;

    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    if (c >= 0xc2 && c <= 0xdf) {
        len = 2;
        v = c & 0x1f;
    } else if (c >= 0xe0 && c <= 0xef) {
        len = 3;
        v = c & 0x0f;
        if (c == 0xe0)
            lo = 0xa0;
        else if (c == 0xed)
            hi = 0x9f;
    } else if (c >= 0xf0 && c <= 0xf4) {
        len = 4;
        v = c & 0x07;
        if (c == 0xf0)
            lo = 0x90;
        else if (c == 0xf4)
            hi = 0x8f;
    } else {
        return 0;
    }
    /* only the second byte has the narrowed range */
    if (p[1] < lo || p[1] > hi)
        return 0;
    for (i = 1; i < len; i++) {
        if (p[i] < 0x80 || p[i] > 0xbf)
            return 0;
        v = (v << 6) | (p[i] & 0x3f);
    }
    *cp = v;
    return len;
}

/* Valid characters that must not reach a terminal as they are. */
static bool
cp_hidden(uint32_t cp)
{
    return (cp >= 0x80 && cp <= 0x9f) ||
           cp == 0x200e || cp == 0x200f ||
           (cp >= 0x2028 && cp <= 0x202e) ||
           (cp >= 0x2066 && cp <= 0x2069) ||
           cp == 0xfeff;
}

static char
named_escape(unsigned char c)
{
    switch (c) {
    case '\a':
        return 'a';
    case '\b':
        return 'b';
    case '\t':
        return 't';
    case '\n':
        return 'n';
    case '\v':
        return 'v';
    case '\f':
        return 'f';
    case '\r':
        return 'r';
    case '\\':
        return '\\';
    default:
        return 0;
    }
}

/* Writes "\\xHH" for byte @c at @out + @n (if @out is not NULL);
 * returns its length. */
static size_t
put_hex(char *out, size_t n, unsigned char c)
{
    static const char hex[] = "0123456789abcdef";

    if (out) {
        out[n] = '\\';
        out[n + 1] = 'x';
        out[n + 2] = hex[c >> 4];
        out[n + 3] = hex[c & 0xf];
    }
    return 4;
}

/* Writes the escaped form of @s into @out (if not NULL) and returns its
 * length.  Each input byte becomes at most 4 output bytes. */
static size_t
text_escape(const unsigned char *s, char *out)
{
    size_t n = 0;

    while (*s) {
        uint32_t cp = 0;
        size_t len = u8_seq(s, &cp), i;
        char e;

        if (len == 1 && cp >= 0x20 && cp < 0x7f && cp != '\\') {
            if (out)
                out[n] = (char)*s;
            n++;
            s++;
        } else if (len > 1 && !cp_hidden(cp)) {
            if (out)
                memcpy(out + n, s, len);
            n += len;
            s += len;
        } else if (len == 1 && (e = named_escape(*s))) {
            if (out) {
                out[n] = '\\';
                out[n + 1] = e;
            }
            n += 2;
            s++;
        } else {
            /* a control byte, an invalid byte, or a hidden character's
             * bytes */
            if (len == 0)
                len = 1;
            for (i = 0; i < len; i++, s++)
                n += put_hex(out, n, *s);
        }
    }
    return n;
}

/* As text_escape, for esc_xml. */
static size_t
xml_escape(const unsigned char *s, char *out)
{
    size_t n = 0;

    while (*s) {
        uint32_t cp = 0;
        size_t len = u8_seq(s, &cp), i;
        char ref[16];
        int rl;

        if (len > 0 && cp_hidden(cp)) {
            rl = snprintf(ref, sizeof(ref), "&#x%x;", (unsigned int)cp);
            if (out)
                memcpy(out + n, ref, (size_t)rl);
            n += (size_t)rl;
            s += len;
        } else if (len > 1 || (len == 1 && (cp >= 0x20 ? cp != 0x7f :
                                            cp == '\t' || cp == '\n' ||
                                            (cp == '\r' && s[1] == '\n')))) {
            if (out)
                memcpy(out + n, s, len);
            n += len;
            s += len;
        } else {
            for (i = 0; i < (len ? len : 1); i++, s++)
                n += put_hex(out, n, *s);
        }
    }
    return n;
}

/* Runs an escaper twice: once to measure (@out NULL), once to write.
 * Returns a new string, or NULL for NULL or on allocation failure. */
static char *
two_pass(const char *s, size_t (*fn)(const unsigned char *, char *))
{
    size_t n;
    char *r;

    if (!s)
        return NULL;
    n = fn((const unsigned char *)s, NULL);
    if (!(r = malloc(n + 1)))
        return NULL;
    fn((const unsigned char *)s, r);
    r[n] = '\0';
    return r;
}

char *
esc_xml(const char *s)
{
    return two_pass(s, xml_escape);
}

bool
esc_text_needed(const char *s)
{
    return s && text_escape((const unsigned char *)s, NULL) != strlen(s);
}

char *
esc_text(const char *s)
{
    return two_pass(s, text_escape);
}

/* As text_escape, for esc_utf8: invalid bytes become U+FFFD. */
static size_t
utf8_fix(const unsigned char *s, char *out)
{
    size_t n = 0;

    while (*s) {
        uint32_t cp;
        size_t len = u8_seq(s, &cp);

        if (len == 0) {
            if (out)
                memcpy(out + n, "\xef\xbf\xbd", 3);
            n += 3;
            s++;
        } else {
            if (out)
                memcpy(out + n, s, len);
            n += len;
            s += len;
        }
    }
    return n;
}

bool
esc_utf8_valid(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    uint32_t cp;
    size_t len;

    if (!s)
        return false;
    for (; *p; p += len)
        if ((len = u8_seq(p, &cp)) == 0)
            return false;
    return true;
}

char *
esc_utf8(const char *s)
{
    return two_pass(s, utf8_fix);
}

const char *
esc_pool_text(struct esc_pool *p, const char *s)
{
    char **nv;
    char *e;

    if (!s)
        return NULL;
    if (!esc_text_needed(s))
        return s;
    if (!(e = esc_text(s)))
        return "?";
    if (!(nv = realloc(p->v, (p->n + 1) * sizeof(*nv)))) {
        free(e);
        return "?";
    }
    p->v = nv;
    p->v[p->n++] = e;
    return e;
}

void
esc_pool_clear(struct esc_pool *p)
{
    size_t i;

    if (!p)
        return;
    for (i = 0; i < p->n; i++)
        free(p->v[i]);
    free(p->v);
    p->v = NULL;
    p->n = 0;
}
