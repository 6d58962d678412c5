#!/bin/sh
# ui-screens.sh - the full-screen interface, headless after tig's: key
# scripts drive it and each screen is compared with a golden dump.
. "$top_srcdir/tests/lib.sh"

run() {
    name=$1; shift
    mkdir -p "$T/$name"
    expect_status 0 "interface script $name" "$VFIOTUI" "$@" ui \
        --script "$top_srcdir/tests/ui/$name.script" --dump-dir "$T/$name"
    for f in "$T/$name"/*.txt; do
        [ -f "$f" ] || { fail "script $name dumped nothing"; return; }
        golden "screens/$(basename "$f")" "$f"
    done
}

run demo --demo
run detach --demo

# The story of the README, checked screen by screen.
D=$T/demo
grep -q "group-incomplete" "$D/gpu-marked.txt" || fail "marking the GPU alone shows no group-incomplete"
grep -q "0000:01:00.1" "$D/gpu-marked.txt" || fail "the missing audio function is not named"
grep -q "No errors" "$D/group-fixed.txt" || fail "g did not fix the group"
grep -q "Choose the target domain" "$D/picker.txt" || fail "F2 shows no picker"
grep -q "target win11-gaming" "$D/target.txt" || fail "the picker did not set the target"
grep -q 'bus="0x01" slot="0x00" function="0x1"' "$D/attach-confirm.txt" || fail "the confirmation does not show the XML"
grep -q -- "--config" "$D/attach-confirm.txt" || fail "the confirmation does not show the flags"
grep -q "in-use-by-win11-gaming" "$D/attached.txt" || fail "the tree does not show the new state after attach"
for k in F1 F2 F5 F7 F8 F9 F10 "Space" "/"; do
    grep -qF "$k " "$D/help.txt" "$D/help-more.txt" || fail "the help screens do not list $k"
done
grep -q "needs at least 80x24" "$D/too-small.txt" || fail "a small terminal gets no message"
grep -q "IOMMU group" "$D/resized-back.txt" || fail "the layout did not come back after the resize"
grep -q "detached 1 device" "$T/detach/detached.txt" || fail "detach did not report"

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
