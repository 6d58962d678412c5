/* sysval.c - strict parsers for sysfs, procfs and node-device values */
#include <config.h>

#include "sysval.h"

#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int
hexdigit(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

int
sysval_hex(const char *s, unsigned long max, unsigned long *out)
{
    unsigned long v = 0;
    int d;

    if (!s)
        return -1;
    if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
        s += 2;
    if (!*s)
        return -1;
    for (; *s; s++) {
        if ((d = hexdigit(*s)) < 0 || (unsigned long)d > max)
            return -1;
        if (v > (max - (unsigned long)d) / 16)
            return -1;          /* v * 16 + d would exceed max */
        v = v * 16 + (unsigned long)d;
    }
    *out = v;
    return 0;
}

int
sysval_dec(const char *s, long min, long max, long *out)
{
    bool neg = false;
    unsigned long v = 0, lim;

    if (!s || min > max)
        return -1;
    if (*s == '-') {
        neg = true;
        s++;
    }
    if (!*s)
        return -1;
    /* the magnitude may reach LONG_MAX, or LONG_MAX + 1 when negative */
    lim = neg ? (unsigned long)LONG_MAX + 1 : (unsigned long)LONG_MAX;
    for (; *s; s++) {
        unsigned long d;

        if (*s < '0' || *s > '9')
            return -1;
        d = (unsigned long)(*s - '0');
        if (v > (lim - d) / 10)
            return -1;
        v = v * 10 + d;
    }
    if (neg) {
        long r = v == (unsigned long)LONG_MAX + 1 ? LONG_MIN : -(long)v;

        if (r < min || r > max)
            return -1;
        *out = r;
    } else {
        if (v > (unsigned long)LONG_MAX || (long)v < min || (long)v > max)
            return -1;
        *out = (long)v;
    }
    return 0;
}

bool
sysval_name_ok(const char *s)
{
    size_t n;

    if (!s || !*s || strcmp(s, ".") == 0 || strcmp(s, "..") == 0)
        return false;
    for (n = 0; s[n]; n++) {
        char c = s[n];

        if (n >= 63)
            return false;
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
              (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.' ||
              c == '+' || c == ':'))
            return false;
    }
    return true;
}

const char *
sysval_under(const char *path, const char *dir)
{
    size_t n;

    if (!path || !dir)
        return NULL;
    n = strlen(dir);
    if (strncmp(path, dir, n) != 0 || path[n] != '/')
        return NULL;
    return sysval_name_ok(path + n + 1) ? path + n + 1 : NULL;
}

char *
sysval_excerpt(const char *s, size_t len, size_t max)
{
    size_t i, n = len < max ? len : max;
    char *out, *w;

    /* a NUL takes 3 bytes (U+FFFD), plus "..." and the NUL */
    if (!s)
        n = 0;
    if (n > (SIZE_MAX - 4) / 3 || !(out = malloc(n * 3 + 4)))
        return NULL;
    w = out;
    for (i = 0; i < n; i++) {
        if (s[i] == '\0') {
            memcpy(w, "\xef\xbf\xbd", 3);
            w += 3;
        } else {
            *w++ = s[i];
        }
    }
    if (len > n) {
        memcpy(w, "...", 3);
        w += 3;
    }
    *w = '\0';
    return out;
}

int
sysval_ipv4_le(const char *s, unsigned long *out)
{
    unsigned int a, b, c, d;
    char tail;

    if (sscanf(s, "%u.%u.%u.%u%c", &a, &b, &c, &d, &tail) != 4 ||
        a > 255 || b > 255 || c > 255 || d > 255)
        return -1;
    *out = a | (b << 8) | (c << 16) | ((unsigned long)d << 24);
    return 0;
}
