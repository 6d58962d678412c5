#!/bin/sh
# po-complete.sh - every catalogue in po/LINGUAS is complete against the
# sources as they are now: the messages are extracted afresh (as
# po/Makevars says), merged into a copy of each catalogue, and msgfmt
# --statistics must report no untranslated and no fuzzy message.  A
# message added to the code without its translations fails here.
. "${top_srcdir:-.}/tests/lib.sh"

po=$top_srcdir/po
# xgettext as po/Makefile runs it (po/Makevars: XGETTEXT_OPTIONS)
opts=$(sed -n 's/^XGETTEXT_OPTIONS *= *//p' "$po/Makevars")
files=$(sed -e 's/#.*//' -e '/^[[:space:]]*$/d' "$po/POTFILES.in")
# shellcheck disable=SC2086
if ! (cd "$top_srcdir" && xgettext $opts --package-name=vfiotui -o "$T/vfiotui.pot" $files); then
    fail "xgettext failed"
    finish
fi
n=$(grep -c '^msgid ' "$T/vfiotui.pot")
echo "$((n - 1)) messages in the sources"

langs=$(sed 's/#.*//' "$po/LINGUAS")
[ -n "$langs" ] || fail "po/LINGUAS names no language"
for lang in $langs; do
    if ! msgmerge --quiet --no-fuzzy-matching -o "$T/$lang.po" "$po/$lang.po" "$T/vfiotui.pot"; then
        fail "$lang: msgmerge failed"
        continue
    fi
    stats=$(LC_ALL=C msgfmt --check --statistics -o /dev/null "$T/$lang.po" 2>&1)
    case $stats in
    *untranslated* | *fuzzy*)
        fail "$lang: $stats"
        msgattrib --untranslated "$T/$lang.po" | sed -n 's/^msgid //p' | sed -n '2,6p' |
            sed "s/^/  $lang untranslated: /" >&2
        ;;
    *' translated message'*) ok "$lang: $stats" ;;
    *) fail "$lang: msgfmt says: $stats" ;;
    esac
done
finish
