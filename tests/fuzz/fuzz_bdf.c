/* fuzz_bdf.c - libFuzzer harness for the PCI address parsers: whatever
 * bdf_parse takes is exactly one of the three written forms of its
 * value, and prints back to an address that parses to the same value;
 * bdf_parse_user agrees with it and stays in range. */
#include <config.h>

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <stdio.h>

#include "bdf.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = malloc(size + 1);
    struct bdf a, b;
    char buf[BDF_STRLEN];

    if (!s)
        return 0;
    memcpy(s, data, size);
    s[size] = '\0';
    if (bdf_parse(s, &a) == 0) {
        char shortf[16], virt[32];

        if (a.domain > 0xffff || a.bus > 0xff || a.slot > 0x1f || a.func > 7)
            abort();
        snprintf(shortf, sizeof(shortf), "%02x:%02x.%x", a.bus, a.slot, a.func);
        snprintf(virt, sizeof(virt), "pci_%04x_%02x_%02x_%x", a.domain, a.bus, a.slot, a.func);
        if (strcasecmp(s, bdf_format(&a, buf)) != 0 && strcasecmp(s, virt) != 0 &&
            (a.domain != 0 || strcasecmp(s, shortf) != 0))
            abort();
        bdf_format(&a, buf);
        if (strlen(buf) != BDF_STRLEN - 1 || bdf_parse(buf, &b) != 0 ||
            !bdf_equal(&a, &b) || bdf_cmp(&a, &b) != 0)
            abort();
    }
    /* the lenient reader: in range, the strict forms read alike, and a
     * slot is "bus:slot" or "domain:bus:slot" with no function */
    {
        bool all = false;

        if (bdf_parse_user(s, &a, &all) == 0) {
            if (a.domain > 0xffff || a.bus > 0xff || a.slot > 0x1f || a.func > 7 ||
                (all && (a.func != 0 || strchr(s, '.'))) || (!all && !strchr(s, '.') &&
                                                              strncmp(s, "pci_", 4) != 0))
                abort();
            if (bdf_parse(s, &b) == 0 && (all || !bdf_equal(&a, &b)))
                abort();
        }
    }
    free(s);
    return 0;
}
