#!/bin/sh
# layers.sh - the layering of src/ (HACKING) holds: tests/layers.py on
# the sources and on the built objects finds nothing.  Then each kind of
# violation is planted in a copy of the sources, and the checker must
# name it, so that a checker that has gone blind fails here too.
: "${top_srcdir:=.}" "${top_builddir:=.}"
. "$top_srcdir/tests/lib.sh"

layers() { python3 "$top_srcdir/tests/layers.py" "$@"; }

if layers "$top_srcdir/src" "$top_builddir" > "$T/out" 2>&1; then
    ok "the sources and objects keep to their layers"
else
    fail "layering violations:"; cat "$T/out" >&2
fi

# plant FILE TEXT EXPECTED: append TEXT to a fresh copy's FILE; the
# checker must fail and print EXPECTED on a line naming FILE.
plant() {
    rm -rf "$T/src"; cp -R "$top_srcdir/src" "$T/src"; chmod -R u+w "$T/src"
    printf '%s\n' "$2" >> "$T/src/$1"
    if layers "$T/src" > "$T/out" 2>&1; then
        fail "planted in $1 ($2): the checker saw nothing"
    elif grep -F -- "${1%.*}" "$T/out" | grep -q -- "$3"; then
        ok "planted in $1: $3"
    else
        fail "planted in $1 ($2): expected '$3', got:"; cat "$T/out" >&2
    fi
}

plant core/bdf.c '#include <curses.h>' 'includes <curses.h>, which only the ui layer may'
plant core/bdf.c '#include <libvirt/libvirt.h>' 'only the virt layer may'
plant main.c '#include <pci/pci.h>' 'only the host layer may'
plant ui/term.c '#include "cmd.h"' 'the ui layer may not use the cmd layer'
plant ui/term.c '#include "virt/conn.h"' 'the ui layer may not use the virt layer'
plant ui/term.c '#include "host/sysfs.h"' 'the ui layer may not use the host layer'
plant core/model.c '#include "host/sysfs.h"' 'the core layer may not use the host layer'
plant core/esc.c 'static void f(void) { FILE *x = fopen("a", "r"); (void)x; }' 'calls fopen(): core does no I/O'
plant core/bdf.c '#include <dirent.h>' 'core does no I/O'
plant ui/term.c 'static const char *p = "/sys/bus/pci";' 'only host reads /sys and /proc'
plant core/bdf.h '#include "model.h"' 'include cycle'
plant core/bdf.c '#include "model.h"' 'modules use each other'
plant virt/pool.c 'static void f(void) { virConnectClose(0); }' 'not through virtload.h'
finish
