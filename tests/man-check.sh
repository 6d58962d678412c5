#!/bin/sh
# man-check.sh - the manual page documents every command and option that
# --help lists and, in FINDINGS, exactly the finding codes (and their
# severities) that `vfiotui codes` lists.
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

# FINDINGS has one entry per code that `vfiotui codes` lists, each
# ".BR code " (severity...)"" with the code's default severity: the
# same pairs, no more and no fewer.
"$VFIOTUI" codes > "$T/codes" || fail "vfiotui codes failed"
awk '{ print $1, $2 }' "$T/codes" | sort > "$T/codes.want"
[ -s "$T/codes.want" ] || fail "vfiotui codes listed no finding codes"
sed -n '/^\.SH FINDINGS/,/^\.SH /p' "$T/man.txt" |
    sed -n '/^\.TP/{n;s/^\.BR* \([a-z][a-z-]*\) " *(\([a-z]*\).*/\1 \2/p;}' |
    sort > "$T/codes.man"
if diff -u "$T/codes.want" "$T/codes.man" > "$T/codes.diff"; then
    ok "man FINDINGS lists exactly the codes and severities of vfiotui codes"
else
    fail "man FINDINGS and vfiotui codes differ (- codes, + man):
$(cat "$T/codes.diff")"
fi

# And the exit statuses.
for st in 0 1 2; do
    grep -q "^\.B $st$" "$T/man.txt" || fail "man page EXIT STATUS lacks $st"
done
finish
