/* fuzz_bdf.c - libFuzzer harness for the PCI address parser: whatever
 * parses is exactly one of the three written forms of its value, and
 * prints back to an address that parses to the same value. */
#include <config.h>

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
    free(s);
    return 0;
}
