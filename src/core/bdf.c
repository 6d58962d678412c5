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
