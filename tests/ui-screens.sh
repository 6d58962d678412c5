#!/bin/sh
# ui-screens.sh - the full-screen interface, headless after tig's: key
# scripts drive it at 80x24, 120x40 and 200x50, and every screen is
# compared with its golden dump, by name: a missing dump fails, and so
# does one nobody expects.
. "$top_srcdir/tests/lib.sh"

SIZES="80x24 120x40 200x50"

# run SCRIPT SIZE DIR "DUMP..." [OPTION...]: run tests/ui/SCRIPT.script
# at SIZE and compare exactly the named dumps with
# tests/golden/screens/DIR/DUMP.txt.
run() {
    name=$1 size=$2 dir=$3 dumps=$4; shift 4
    out=$T/$dir/$name
    mkdir -p "$out"
    expect_status 0 "interface script $name at $size" env LANG=C.UTF-8 "$VFIOTUI" "$@" ui \
        --size "$size" --script "$top_srcdir/tests/ui/$name.script" --dump-dir "$out"
    for d in $dumps; do
        if [ -f "$out/$d.txt" ]; then
            golden "screens/$dir/$d.txt" "$out/$d.txt"
        else
            fail "script $name at $size did not dump $d"
        fi
    done
    for f in "$out"/*.txt; do
        [ -f "$f" ] || continue
        d=$(basename "$f" .txt)
        case " $dumps " in
        *" $d "*) ;;
        *) fail "script $name at $size dumped $d, which no golden expects" ;;
        esac
    done
}

for size in $SIZES; do
    run demo "$size" "$size" "start search gpu-marked group-fixed picker target attach-confirm attached help help-more filtered collapsed too-small resized-back" --demo
    run detach "$size" "$size" "detach-confirm detached" --demo
    run scroll "$size" "$size" "margin end end-collapsed end-filtered" --demo
done
# ASCII: the group glyphs are + and -, never > (the cursor)
run scroll 80x24 ascii-80x24 "margin end end-collapsed end-filtered" --demo --ascii

# The story of the README, checked screen by screen.
for size in $SIZES; do
    D=$T/$size/demo
    grep -q "group-incomplete" "$D/gpu-marked.txt" || fail "$size: marking the GPU alone shows no group-incomplete"
    grep -q "0000:01:00.1" "$D/gpu-marked.txt" || fail "$size: the missing audio function is not named"
    grep -q "No errors" "$D/group-fixed.txt" || fail "$size: g did not fix the group"
    grep -q "Choose the target domain" "$D/picker.txt" || fail "$size: F2 shows no picker"
    grep -q "target win11-gaming" "$D/target.txt" || fail "$size: the picker did not set the target"
    grep -q 'bus="0x01" slot="0x00" function="0x1"' "$D/attach-confirm.txt" || fail "$size: the confirmation does not show the XML"
    grep -q -- "--config" "$D/attach-confirm.txt" || fail "$size: the confirmation does not show the flags"
    grep -q "in-use-by-win11-gaming" "$D/attached.txt" || fail "$size: the tree does not show the new state after attach"
    for k in F1 F2 F5 F7 F8 F9 F10 "Space" "/"; do
        grep -qF "$k " "$D/help.txt" "$D/help-more.txt" || fail "$size: the help screens do not list $k"
    done
    grep -q "needs at least 80x24" "$D/too-small.txt" || fail "$size: a small terminal gets no message"
    grep -q "IOMMU group" "$D/resized-back.txt" || fail "$size: the layout did not come back after the resize"
    grep -q "detached 1 device" "$T/$size/detach/detached.txt" || fail "$size: detach did not report"
    grep -q "host-critical: error if marked" "$D/start.txt" "$D/collapsed.txt" ||
        fail "$size: the root disk's group does not say marking it is an error"
done
grep -q "^ + IOMMU group" "$T/ascii-80x24/scroll/end-collapsed.txt" || fail "ASCII: a collapsed group is not drawn with +"
grep -q "^>+ IOMMU group" "$T/ascii-80x24/scroll/end-collapsed.txt" || fail "ASCII: the cursor is not on a collapsed group"
grep -q "^ - IOMMU group" "$T/ascii-80x24/scroll/end-filtered.txt" || fail "ASCII: an open group is not drawn with -"

# Bad scripts are refused clearly.
printf 'key NoSuchKey\n' > "$T/bad.script"
expect_status 2 "unknown key in a script" "$VFIOTUI" --demo ui --script "$T/bad.script" --dump-dir "$T"
grep -q "unknown key 'NoSuchKey'" "$T/err" || fail "bad key message: $(cat "$T/err")"
expect_status 2 "missing script" "$VFIOTUI" --demo ui --script "$T/none.script"
# Without a terminal the interface says so instead of garbling a pipe.
expect_status 2 "no terminal" "$VFIOTUI" --demo
grep -q "needs a terminal" "$T/err" || fail "no-terminal message: $(cat "$T/err")"

# The man page's key list: tests/man-check.sh holds it to the key table.
finish
