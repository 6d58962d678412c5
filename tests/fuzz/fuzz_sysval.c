/* fuzz_sysval.c - libFuzzer harness for the strict sysfs value parsers
 * (src/core/sysval.h): byte 0 picks the bounds, the rest is the value.
 * A value that parses is within its bounds and is exactly what the text
 * says.  Until sysval.h is in the tree this builds as a harness that
 * does nothing, and says so once. */
#include <config.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#if defined(__has_include)
# if __has_include("sysval.h")
#  include "sysval.h"
#  define HAVE_SYSVAL 1
# endif
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#ifdef HAVE_SYSVAL
static const unsigned long hex_max[] = { 0xff, 0xffff, 0xffffff, 0xffffffffUL, (unsigned long)-1 };
static const long dec_lim[][2] = {
    { -1, 1 }, { 0, 255 }, { -1, 1024 }, { -2147483647L - 1, 2147483647L },
    { -9223372036854775807L - 1, 9223372036854775807L },
};

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s;
    unsigned long hv = 12345, hmax;
    long dv = 12345, dmin, dmax;

    if (size < 1)
        return 0;
    hmax = hex_max[data[0] % 5];
    dmin = dec_lim[(data[0] >> 3) % 5][0];
    dmax = dec_lim[(data[0] >> 3) % 5][1];
    if (!(s = malloc(size)))
        return 0;
    memcpy(s, data + 1, size - 1);
    s[size - 1] = '\0';

    if (sysval_hex(s, hmax, &hv) == 0) {
        const char *p = (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) ? s + 2 : s;
        char *end;
        unsigned long again = strtoul(p, &end, 16);

        if (hv > hmax || *end || again != hv || !*p || *p == '-' || *p == '+' || *p == ' ')
            abort();
    } else if (hv != 12345) {
        abort();                /* *out touched on failure */
    }
    if (sysval_dec(s, dmin, dmax, &dv) == 0) {
        char *end;
        long again = strtol(s, &end, 10);

        if (dv < dmin || dv > dmax || *end || again != dv || !*s || *s == '+' || *s == ' ')
            abort();
    } else if (dv != 12345) {
        abort();
    }
    free(s);
    return 0;
}
#else
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static int said;

    (void)data;
    (void)size;
    if (!said++)
        fprintf(stderr, "fuzz_sysval: src/core/sysval.h is not in this tree; nothing to fuzz\n");
    return 0;
}
#endif
