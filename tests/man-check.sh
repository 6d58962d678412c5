#!/bin/sh
# man-check.sh - the manual page documents every command and option that
# --help lists and every finding code the rules module can emit.
. "$top_srcdir/tests/lib.sh"

man=$top_srcdir/man/vfiotui.1
# roff escapes "-" as "\-"; undo that for searching.
sed 's/\\-/-/g; s/\\f[BIRP]//g' "$man" > "$T/man.txt"

"$VFIOTUI" --help > "$T/help" || fail "--help failed"
for opt in $(grep -o -- '--[a-z][a-z-]*' "$T/help" | sort -u); do
    grep -q -- "$opt" "$T/man.txt" && ok "man documents $opt" ||
        fail "man page does not document $opt"
done
for cmd in $(sed -n 's/^  \([a-z][a-z]*\) .*/\1/p' "$T/help"); do
    grep -q "^\.B.* $cmd\b\|^\.B $cmd\|\.B $cmd$" "$man" && ok "man documents command $cmd" ||
        fail "man page does not document command $cmd"
done

# Every code in the rules table must have its own entry.
codes=$(sed -n 's/^ *{ *"\([a-z-]*\)", *RULES_.*/\1/p' "$top_srcdir/src/core/rules.c")
[ -n "$codes" ] || fail "found no finding codes in src/core/rules.c"
for code in $codes; do
    grep -q "^\.BR $code \|^\.B $code$" "$T/man.txt" && ok "man documents finding $code" ||
        fail "man page does not document finding code $code"
done

# And the exit statuses.
for st in 0 1 2; do
    grep -q "^\.B $st$" "$T/man.txt" || fail "man page EXIT STATUS lacks $st"
done
finish
