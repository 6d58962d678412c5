/* sysval.h - strict parsers for the values sysfs, procfs and libvirt's
 * node-device XML hold.  Pure: no I/O, no allocation except
 * sysval_excerpt.  A value that does not parse is never turned into a
 * number: the caller records it as unknown. */
#ifndef VFIOTUI_SYSVAL_H
#define VFIOTUI_SYSVAL_H

#include <stdbool.h>
#include <stddef.h>

/* Parses @s as hexadecimal: an optional "0x" or "0X", then one or more
 * hex digits and nothing else (no sign, no blanks; the caller strips a
 * trailing newline).  Returns 0 and sets *out, or -1 (*out untouched)
 * for NULL, empty, junk or a value above @max. */
int sysval_hex(const char *s, unsigned long max, unsigned long *out);

/* Parses @s as a decimal integer: an optional '-', then one or more
 * digits and nothing else.  Returns 0 and sets *out, or -1 (*out
 * untouched) for NULL, empty, junk or a value outside [@min, @max]. */
int sysval_dec(const char *s, long min, long max, long *out);

/* True if @s can be the name of a sysfs entry we compare or print (a
 * driver, a reset method, an interface): 1 to 63 bytes of letters,
 * digits, '_', '-', '.', '+' and ':', and not "." or "..". */
bool sysval_name_ok(const char *s);

/* If @path is exactly "@dir/NAME" with NAME passing sysval_name_ok,
 * returns NAME (borrowed from @path), else NULL.  @dir has no trailing
 * slash: sysval_under("sys/bus/pci/drivers/ahci", "sys/bus/pci/drivers")
 * gives "ahci". */
const char *sysval_under(const char *path, const char *dir);

/* Returns a new string (caller frees) holding at most @max of the @len
 * bytes at @s, then "..." if there were more; a NUL byte becomes U+FFFD.
 * The bytes are kept as they are: whoever prints the string escapes it
 * (esc.h), so escaping here too would show every backslash twice.  NULL
 * on allocation failure. */
char *sysval_excerpt(const char *s, size_t len, size_t max);

/* Parses @s as an IPv4 dotted quad ("192.0.2.1", nothing after it)
 * and sets *out to the address as /proc/net/route prints it: the
 * first byte lowest, so "192.0.2.1" gives 0x010200c0.  Returns 0, or
 * -1 (*out untouched) when @s is not four numbers up to 255. */
int sysval_ipv4_le(const char *s, unsigned long *out);

#endif /* VFIOTUI_SYSVAL_H */
