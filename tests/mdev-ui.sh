#!/bin/sh
# mdev-ui.sh - the interface's rows under mdev parents at 80x24 on the
# fixture mdev-host with the test-driver domains of mdev-guests.xml:
# the types with what is left of each, the mdevs (active or defined,
# and who uses each), their details, marking an mdev (the findings
# judge it) and Space on a type (how to make one).  Golden dumps in
# tests/golden/screens/mdev/.
. "$top_srcdir/tests/lib.sh"

ROOT=$(host mdev-host)
cp "$top_srcdir/tests/domains/mdev-guests.xml" "$T/guests.xml"
DUMPS="mdev-row mdev-marked attach-refused type-row type-mark"
mkdir -p "$T/dumps"
expect_status 0 "interface script mdev at 80x24" env LANG=C.UTF-8 "$VFIOTUI" --sysroot "$ROOT" \
    -c "test://$T/guests.xml" ui --size 80x24 --script "$top_srcdir/tests/ui/mdev.script" \
    --dump-dir "$T/dumps"
# the URI in the header holds the temporary directory: @URI@ in the goldens
for d in $DUMPS; do
    if [ -f "$T/dumps/$d.txt" ]; then
        sed '2s|uri test://.*|uri @URI@|' "$T/dumps/$d.txt" > "$T/$d.txt"
        golden "screens/mdev/$d.txt" "$T/$d.txt"
    else
        fail "the script did not dump $d"
    fi
done
finish
