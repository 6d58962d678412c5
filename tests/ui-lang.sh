#!/bin/sh
# ui-lang.sh - the interface and --help in each language of po/LINGUAS,
# at 80x24, through the headless runner: the start screen, a marked
# group, the help, the domain picker, the attach confirmation, the
# domain screen (F3) and the message log (M).  The catalogue is compiled
# afresh from po/LANG.po into $T and found through VFIOTUI_LOCALEDIR;
# gettext(1) reads the same catalogue to say what each text should be.
#  - every F-key bar label is on the bar whole, right after its key;
#  - no English label of the bar, pane title or dialog title is left;
#  - --help is translated.
# A language whose catalogue still has untranslated or fuzzy messages
# is skipped with a note (tests/po-complete.sh fails for it).
. "${top_srcdir:-.}/tests/lib.sh"

po=$top_srcdir/po
script=$top_srcdir/tests/ui/lang.script
DUMPS="start marked help help-more picker confirm domains log"
BAR_DUMPS="start marked picker confirm log"

# The F-key bar's keys and labels, from the key table:
# X(TREE, HELP, "F1 ?", N_("Help"), ...) gives "F1<TAB>Help".
bar=$(sed -n 's/^ *X([A-Z]*, [A-Z_]*, "\([^" ]*\)[^"]*", N_("\([^"]*\)").*/\1	\2/p' \
    "$top_srcdir/src/ui/actions.h")
[ -n "$bar" ] || fail "no F-key bar label found in src/ui/actions.h"

# English texts that must not be left on the screens: the message
# (what gettext is asked) and the part of it that would show.  A text
# whose translation is the English word itself (German "Details") is
# not a leftover, and is not checked.
titles='Details	Details
Findings	Findings
Findings: %s, %s, %s	Findings:
Choose the target domain (%s: choose, %s: cancel, %s: hostdevs)	Choose the target domain
Attach to %s	Attach to
XML to send:	XML to send
flags: %s   (%s: --live, %s: --config)	flags:
Help: %s/%s for more, any other key closes	for more, any other key
Help: keys (any key closes)	Help: keys
In the device tree:	In the device tree
 Domains of %s: %zu  target %s	Domains of
DOMAIN	DOMAIN
STATE	STATE
HOST DEVICE	HOST DEVICE
 %s: show in tree  %s: make target  %s: detach  %s: detach stale  %s: close	show in tree
 vfiotui %s  host %s  IOMMU %s  kernel %s	kernel
%s marks a device, %s its whole group; %s chooses a guest; %s help	marks a device'

# --help: English lines that must be gone, and one that must be there
# translated (a command's description).
help_en='\nCommands:\n	Commands:
\nOptions for every command:\n	Options for every command
\nExit status: 0 if all is well, 1 if the command found problems,\n2 for usage or system errors, 128+N when signal N ended it.\n	Exit status:
Usage: %s [OPTION]... [COMMAND [ARG]...]\n	Usage:'

tab=$(printf '\t')
checked=0
# the checks in pipelines run in subshells: each failure is a line in $T/bad
nbad() { if [ -f "$T/bad" ]; then wc -l < "$T/bad"; else echo 0; fi; }
for lang in $(sed 's/#.*//' "$po/LINGUAS"); do
    stats=$(LC_ALL=C msgfmt --check --statistics -o /dev/null "$po/$lang.po" 2>&1)
    case $stats in
    *untranslated* | *fuzzy*)
        echo "SKIP: $lang: the catalogue is not complete ($stats); po-complete.sh reports it"
        continue
        ;;
    esac
    loc=$T/locale
    mkdir -p "$loc/$lang/LC_MESSAGES"
    if ! msgfmt --check -o "$loc/$lang/LC_MESSAGES/vfiotui.mo" "$po/$lang.po"; then
        fail "$lang: msgfmt failed"
        continue
    fi
    checked=$((checked + 1))
    tl() { TEXTDOMAINDIR=$loc LANGUAGE=$lang LC_ALL=C.UTF-8 gettext "$@" vfiotui "$msg"; }
    run() { env VFIOTUI_LOCALEDIR="$loc" LANGUAGE="$lang" LC_ALL=C.UTF-8 "$VFIOTUI" "$@"; }

    D=$T/$lang
    mkdir -p "$D"
    expect_status 0 "$lang: the screens at 80x24" run --demo ui --size 80x24 --script "$script" --dump-dir "$D"
    for d in $DUMPS; do
        [ -s "$D/$d.txt" ] || fail "$lang: no $d screen"
    done

    # every bar label whole, right after its key, on the bottom line
    b=$(nbad)
    printf '%s\n' "$bar" | while IFS=$tab read -r key msg; do
        want=$(tl)
        for d in $BAR_DUMPS; do
            [ -s "$D/$d.txt" ] || continue
            line=$(tail -n 1 "$D/$d.txt")
            case $line in
            *"$key$want"*) ;;
            *) echo "FAIL: $lang $d: the bar does not show $key$want whole: $line" >&2; echo x >> "$T/bad" ;;
            esac
            if [ "$want" != "$msg" ] && echo "$line" | grep -qw -- "$msg"; then
                echo "FAIL: $lang $d: English label '$msg' on the bar: $line" >&2
                echo x >> "$T/bad"
            fi
        done
    done
    [ "$(nbad)" = "$b" ] && ok "$lang: the F-key bar labels, whole"

    # no English title or label left on any screen
    b=$(nbad)
    printf '%s\n' "$titles" | while IFS=$tab read -r msg frag; do
        [ "$(tl)" = "$msg" ] && continue
        for d in $DUMPS; do
            if [ -s "$D/$d.txt" ] && grep -qwF -- "$frag" "$D/$d.txt"; then
                echo "FAIL: $lang $d: English '$frag' left: $(grep -wF -- "$frag" "$D/$d.txt" | head -n 1)" >&2
                echo x >> "$T/bad"
            fi
        done
    done
    [ "$(nbad)" = "$b" ] && ok "$lang: no English title or key hint on the screens"
    if [ "$(TEXTDOMAINDIR=$loc LANGUAGE=$lang LC_ALL=C.UTF-8 ngettext vfiotui \
        'Messages: line %zu-%zu of %zu (%s closes)' 'Messages: lines %zu-%zu of %zu (%s closes)' 2)" \
        != 'Messages: lines %zu-%zu of %zu (%s closes)' ]; then
        grep -q 'Messages: line' "$D/log.txt" && fail "$lang: the message log's title is English"
    fi

    # --help
    b=$(nbad)
    run --help > "$D/help.out" 2>&1 || fail "$lang: --help failed"
    printf '%s\n' "$help_en" | while IFS=$tab read -r msg frag; do
        [ "$(tl -e)" = "$(printf '%b' "$msg")" ] && continue
        if grep -qF -- "$frag" "$D/help.out"; then
            echo "FAIL: $lang --help: English '$frag' left" >&2
            echo x >> "$T/bad"
        fi
    done
    msg='show IOMMU groups and their devices'
    grep -qF -- "$(tl)" "$D/help.out" || fail "$lang --help: '$(tl)' (list) is not in it"
    [ "$(nbad)" = "$b" ] && ok "$lang: --help is translated"
done
if [ -f "$T/bad" ]; then
    failures=$((failures + $(wc -l < "$T/bad")))
fi
[ "$checked" -gt 0 ] || fail "no language of po/LINGUAS could be checked"
finish
