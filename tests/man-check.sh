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

# The Keys section is the key table, key by key and in order: each
# screen's keys follow a comment ".\" keys: SCREEN", each entry is
# ".TP", ".B KEYS" and a first line that begins with the help text.
"$VFIOTUI" keys > "$T/keys" || fail "keys failed"
awk -F '\t' '$1 != screen { screen = $1; print "screen " screen }
              { print "keys " $2; print "help " $3 }' "$T/keys" > "$T/keys.want"
awk '/^\.SS Keys$/ { on = 1; next }
     on && /^\.S[SH] / { exit }
     !on { next }
     /^\.\\" keys: / { print "screen " $3; next }
     /^\.TP$/ { tp = 1; next }
     tp && /^\.B / { sub(/^\.B /, ""); print "keys " $0; want_help = 1; tp = 0; next }
     want_help { print "help " tolower(substr($0, 1, 1)) substr($0, 2); want_help = 0; next }
     { tp = 0 }' "$T/man.txt" > "$T/keys.man"
[ -s "$T/keys.want" ] || fail "vfiotui keys printed nothing"
n_want=$(wc -l < "$T/keys.want")
n_man=$(wc -l < "$T/keys.man")
[ "$n_want" -eq "$n_man" ] ||
    fail "the man page's Keys section has $n_man lines of keys, the key table $n_want"
paste -d '\n' "$T/keys.want" "$T/keys.man" | while IFS= read -r want && IFS= read -r man; do
    case $want in
    help\ *) case $man in "$want"*) continue ;; esac ;;
    *) [ "$want" = "$man" ] && continue ;;
    esac
    echo "FAIL: man page Keys section: '$man' where the key table has '$want'" >&2
    echo x >> "$T/keys.bad"
done
[ -f "$T/keys.bad" ] && fail "the man page's Keys section differs from 'vfiotui keys'" ||
    ok "man page Keys section matches the key table ($n_want lines)"

# And the exit statuses.
for st in 0 1 2; do
    grep -q "^\.B $st$" "$T/man.txt" || fail "man page EXIT STATUS lacks $st"
done
finish
