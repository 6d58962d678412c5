/* fuzz_esc.c - libFuzzer harness for the output escaping: the escaped
 * text is valid UTF-8 with no control byte and unescapes to the input;
 * the XML form has no control byte but line ends and tabs and leaves
 * harmless text alone; the UTF-8 repair gives valid UTF-8 and leaves
 * valid input alone. */
#include <config.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "esc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int
hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    return -1;
}

/* The inverse of esc_text(); aborts on anything it could not produce. */
static void
unescape_check(const char *e, const char *orig)
{
    static const char named[] = "a\ab\bt\tn\nv\vf\fr\r\\\\";
    size_t n = 0;

    while (*e) {
        char c = *e++;

        if ((unsigned char)c < 0x20 || c == 0x7f)
            abort();
        if (c == '\\') {
            const char *p;

            if (*e == 'x') {
                int hi = hexval(e[1]), lo = hexval(hi >= 0 ? e[2] : '\0');

                if (hi < 0 || lo < 0)
                    abort();
                c = (char)(hi * 16 + lo);
                e += 3;
            } else {
                for (p = named; *p && *p != *e; p += 2)
                    ;
                if (!*p)
                    abort();
                c = p[1];
                e++;
            }
        }
        if (orig[n] != c)
            abort();
        n++;
    }
    if (orig[n] != '\0')
        abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = malloc(size + 1), *e, *u, *x;
    struct esc_pool ep = ESC_POOL_INIT;

    if (!s)
        return 0;
    memcpy(s, data, size);
    s[size] = '\0';

    e = esc_text(s);
    if (e) {
        if (!esc_utf8_valid(e))
            abort();
        unescape_check(e, s);
        if (esc_text_needed(s) != (strcmp(e, s) != 0))
            abort();
    }
    u = esc_utf8(s);
    if (u) {
        if (!esc_utf8_valid(u))
            abort();
        if (esc_utf8_valid(s) && strcmp(u, s) != 0)
            abort();
    }
    if ((x = esc_xml(s))) {
        const char *p;

        if (!esc_utf8_valid(x))
            abort();
        for (p = x; *p; p++)
            if (((unsigned char)*p < 0x20 && *p != '\t' && *p != '\n' &&
                 !(*p == '\r' && p[1] == '\n')) || *p == 0x7f)
                abort();
        if (esc_text_needed(s) == false && esc_utf8_valid(s) && strcmp(x, s) != 0 &&
            !strchr(s, '\\') && !strpbrk(s, "\t\n\r"))
            abort();            /* harmless text is left alone */
        free(x);
    }
    if (e && strcmp(esc_pool_text(&ep, s), e) != 0)
        abort();
    esc_pool_clear(&ep);
    free(e);
    free(u);
    free(s);
    return 0;
}
