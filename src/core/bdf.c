/* bdf.c - parsing and printing PCI addresses */
#include <config.h>

#include "bdf.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

/* Reads exactly @ndig hex digits from @s into @out.  Returns the
 * pointer past them, or NULL. */
static const char *
hex_field(const char *s, int ndig, unsigned int *out)
{
    unsigned int v = 0;
    int i;

    for (i = 0; i < ndig; i++) {
        int c = (unsigned char)s[i];
        if (!isxdigit(c))
            return NULL;
        v = v * 16 + (unsigned int)(isdigit(c) ? c - '0' : tolower(c) - 'a' + 10);
    }
    *out = v;
    return s + ndig;
}

static int
bdf_valid(const struct bdf *a)
{
    return a->domain <= 0xffff && a->bus <= 0xff &&
           a->slot <= 0x1f && a->func <= 7;
}

int
bdf_parse(const char *s, struct bdf *out)
{
    struct bdf a = { 0, 0, 0, 0 };
    const char *p = s;
    char sep1 = ':', sep2 = ':', sep3 = '.';

    if (!s)
        return -1;

    if (strncmp(p, "pci_", 4) == 0) {
        p += 4;
        sep1 = sep2 = sep3 = '_';
        if (!(p = hex_field(p, 4, &a.domain)) || *p++ != sep1)
            return -1;
    } else if (strlen(p) == 12) {
        if (!(p = hex_field(p, 4, &a.domain)) || *p++ != sep1)
            return -1;
    } else if (strlen(p) != 7) {
        return -1;
    }

    if (!(p = hex_field(p, 2, &a.bus)) || *p++ != sep2)
        return -1;
    if (!(p = hex_field(p, 2, &a.slot)) || *p++ != sep3)
        return -1;
    if (!(p = hex_field(p, 1, &a.func)) || *p != '\0')
        return -1;
    if (!bdf_valid(&a))
        return -1;

    *out = a;
    return 0;
}

/* Reads 1 to @max hex digits.  Returns the pointer past them, or NULL. */
static const char *
hex_upto(const char *s, int max, unsigned int *out)
{
    int n = 0;

    while (n < max && isxdigit((unsigned char)s[n]))
        n++;
    if (n == 0 || isxdigit((unsigned char)s[n]))
        return NULL;
    return hex_field(s, n, out);
}

int
bdf_parse_user(const char *s, struct bdf *out, bool *all_funcs)
{
    struct bdf a = { 0, 0, 0, 0 };
    unsigned int v[3];
    size_t len[3];
    const char *p = s;
    int n = 0;

    if (!s)
        return -1;
    if (strncmp(s, "pci_", 4) == 0 || strlen(s) == 7 || strlen(s) == 12) {
        if (bdf_parse(s, out) == 0) {
            *all_funcs = false;
            return 0;
        }
        if (strncmp(s, "pci_", 4) == 0)
            return -1;
    }
    /* [domain:]bus:slot, each field 1 to 4, 2, 2 digits */
    for (;;) {
        const char *q;

        if (n == 3 || !(q = hex_upto(p, 4, &v[n])))
            return -1;
        len[n++] = (size_t)(q - p);
        p = q;
        if (*p != ':')
            break;
        p++;
    }
    if (n < 2 || len[n - 1] > 2 || len[n - 2] > 2)
        return -1;
    if (n == 3)
        a.domain = v[0];
    a.bus = v[n - 2];
    a.slot = v[n - 1];
    if (*p == '.') {
        if (!(p = hex_field(p + 1, 1, &a.func)) || *p != '\0')
            return -1;
    } else if (*p != '\0') {
        return -1;
    }
    if (!bdf_valid(&a))
        return -1;
    *all_funcs = !strchr(s, '.');
    *out = a;
    return 0;
}

char *
bdf_format(const struct bdf *a, char *buf)
{
    snprintf(buf, BDF_STRLEN, "%04x:%02x:%02x.%x",
             a->domain & 0xffff, a->bus & 0xff, a->slot & 0x1f, a->func & 7);
    return buf;
}

int
bdf_cmp(const struct bdf *a, const struct bdf *b)
{
    if (a->domain != b->domain)
        return a->domain < b->domain ? -1 : 1;
    if (a->bus != b->bus)
        return a->bus < b->bus ? -1 : 1;
    if (a->slot != b->slot)
        return a->slot < b->slot ? -1 : 1;
    if (a->func != b->func)
        return a->func < b->func ? -1 : 1;
    return 0;
}

int
bdf_equal(const struct bdf *a, const struct bdf *b)
{
    return bdf_cmp(a, b) == 0;
}
