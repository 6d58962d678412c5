/* bdf.h - parsing and printing PCI addresses (domain:bus:slot.function) */
#ifndef VFIOTUI_BDF_H
#define VFIOTUI_BDF_H

#include <stdbool.h>

/* "0000:01:00.0" plus NUL */
#define BDF_STRLEN 13

struct bdf {
    unsigned int domain;    /* 0..0xffff */
    unsigned int bus;       /* 0..0xff */
    unsigned int slot;      /* 0..0x1f */
    unsigned int func;      /* 0..7 */
};

/* Accepts "0000:01:00.0", "01:00.0" (domain 0) and libvirt's
 * "pci_0000_01_00_0".  Returns 0, or -1 if @s is not an address. */
int bdf_parse(const char *s, struct bdf *out);

/* What a person may type, as lspci -s takes it: the forms above, hex
 * fields with fewer digits ("1:0.0", "0:1:0.0"), and a slot without a
 * function ("01:00", "0000:01:00"), for which *all_funcs is set and
 * out->func is 0.  Returns 0, or -1 if @s is not an address. */
int bdf_parse_user(const char *s, struct bdf *out, bool *all_funcs);

/* Writes the full form "dddd:bb:ss.f" into @buf (BDF_STRLEN bytes).
 * Returns @buf. */
char *bdf_format(const struct bdf *a, char *buf);

/* Total order: domain, bus, slot, function. */
int bdf_cmp(const struct bdf *a, const struct bdf *b);

int bdf_equal(const struct bdf *a, const struct bdf *b);

#endif /* VFIOTUI_BDF_H */
