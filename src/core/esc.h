/* esc.h - making host- and libvirt-supplied bytes safe to print on a
 * terminal (as `ls -b` and systemd do) and valid UTF-8 for JSON */
#ifndef VFIOTUI_ESC_H
#define VFIOTUI_ESC_H

#include <stdbool.h>
#include <stddef.h>

/* What esc_text() does to a byte string:
 *   - printable ASCII and valid UTF-8 printable characters stay as they are;
 *   - backslash becomes "\\", and \a \b \t \n \v \f \r their C escapes;
 *   - every other control byte (ESC, DEL, ...), every byte that is not
 *     part of valid UTF-8, and the bytes of C1 controls (U+0080..U+009F)
 *     and of the invisible line/bidi controls (U+200E, U+200F,
 *     U+2028..U+202E, U+2066..U+2069, U+FEFF) become "\xNN" per byte.
 * The result is reversible, valid UTF-8 and contains no control
 * character, so it cannot move the cursor, change colours or split a
 * line. */

/* True if esc_text(@s) would differ from @s. */
bool esc_text_needed(const char *s);

/* The escaped copy of @s.  Caller frees; NULL if @s is NULL or on
 * allocation failure. */
char *esc_text(const char *s);

/* For XML (or text quoting it) shown on a terminal: the hidden
 * characters above (C1, bidi and line controls) become character
 * references such as "&#x9b;", which an XML reader takes as the same
 * character; other control bytes but \t, \n and a \r before \n, and
 * bytes that are not valid UTF-8 (neither can be in well-formed XML),
 * become "\xNN".  Everything else, backslashes included, is kept.
 * Caller frees; NULL if @s is NULL or on allocation failure. */
char *esc_xml(const char *s);

/* A copy of @s that is valid UTF-8: each byte that is not part of a
 * valid sequence becomes U+FFFD.  Control characters are kept (json-c
 * escapes them itself).  Caller frees; NULL if @s is NULL or on
 * allocation failure. */
char *esc_utf8(const char *s);

/* True if @s is valid UTF-8 (NULL is not). */
bool esc_utf8_valid(const char *s);

/* Escaped strings for one print statement, freed together:
 *     struct esc_pool ep = ESC_POOL_INIT;
 *     printf(_("... %s ... %s\n"), esc_pool_text(&ep, a), esc_pool_text(&ep, b));
 *     esc_pool_clear(&ep);
 */
struct esc_pool {
    char **v;
    size_t n;
};
#define ESC_POOL_INIT { NULL, 0 }

/* esc_text(@s), owned by @p until esc_pool_clear().  Returns @s itself
 * when nothing needs escaping, NULL for NULL, and a fixed "?" if memory
 * runs out (never the raw bytes). */
const char *esc_pool_text(struct esc_pool *p, const char *s);

/* Frees what the pool holds; the pool can be used again. */
void esc_pool_clear(struct esc_pool *p);

#endif /* VFIOTUI_ESC_H */
