/* bdf.h - parsing and printing PCI addresses (domain:bus:slot.function) */
#ifndef VFIOTUI_BDF_H
#define VFIOTUI_BDF_H

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

/* Writes the full form "dddd:bb:ss.f" into @buf (BDF_STRLEN bytes).
 * Returns @buf. */
char *bdf_format(const struct bdf *a, char *buf);

/* Total order: domain, bus, slot, function. */
int bdf_cmp(const struct bdf *a, const struct bdf *b);

int bdf_equal(const struct bdf *a, const struct bdf *b);

#endif /* VFIOTUI_BDF_H */
