#!/bin/sh
# mdev-ui.sh - the interface's rows under mdev parents at 80x24 on the
# fixture mdev-host with the test-driver domains of mdev-guests.xml:
# the types with what is left of each, the mdevs (active or defined,
# and who uses each), their details, marking an mdev (the findings
# judge it), F7 writing its <hostdev type='mdev'>, F8's confirmation
# showing that XML and F8 and F9 going through the session's change (the
# test driver refuses mdevs: nothing changes), and Space on a type (how
# to make one).  Golden dumps in
# tests/golden/screens/mdev/.
. "$top_srcdir/tests/lib.sh"

ROOT=$(host mdev-host)
cp "$top_srcdir/tests/domains/mdev-guests.xml" "$T/guests.xml"
DUMPS="mdev-row mdev-marked mdev-written attach-confirm attach-refused detach-refused type-row type-mark"
mkdir -p "$T/dumps" "$T/cwd"
cp "$T/guests.xml" "$T/guests.orig"
# in a directory of its own: F7 writes hostdevs.xml there
expect_status 0 "interface script mdev at 80x24" sh -c 'cd "$1" && shift && exec "$@"' sh "$T/cwd" \
    env LANG=C.UTF-8 "$VFIOTUI" --sysroot "$ROOT" \
    -c "test://$T/guests.xml" ui --size 80x24 --script "$top_srcdir/tests/ui/mdev.script" \
    --dump-dir "$T/dumps"
# F7's file is what `xml` prints for that mdev
"$VFIOTUI" --sysroot "$ROOT" --no-domains -q xml 9d2f5a3e-6c1b-4e0a-8f57-2b1c4d7e8a90 > "$T/want.xml"
cmp -s "$T/cwd/hostdevs.xml" "$T/want.xml" || fail "F7 did not write the mdev's hostdev: $(cat "$T/cwd/hostdevs.xml" 2>&1)"
cmp -s "$T/guests.xml" "$T/guests.orig" || fail "the refused attach changed the domains' file"
# F8 leaves out a marked mdev the target already has, and says so
cp "$top_srcdir/tests/domains/mdev-guests.xml" "$T/held.xml"
expect_status 0 "interface script mdev-held at 80x24" env LANG=C.UTF-8 "$VFIOTUI" --sysroot "$ROOT" \
    -c "test://$T/held.xml" ui --size 80x24 --script "$top_srcdir/tests/ui/mdev-held.script" \
    --dump-dir "$T/dumps"
grep -q "attached 1 device to cad-vm; mdevs it already had, left out: 1" "$T/dumps/held.txt" ||
    fail "F8 did not leave out the mdev cad-vm has: $(tail -2 "$T/dumps/held.txt")"
grep -q "0000:02:02.0 .*in-use-by-cad-vm" "$T/dumps/held.txt" || fail "F8 did not attach the VF"
grep -q 'type="pci"' "$T/dumps/held-confirm.txt" || fail "F8's confirmation lacks the VF: $(cat "$T/dumps/held-confirm.txt")"
cat "$T/dumps/held-confirm.txt" "$T/dumps/held-confirm-end.txt" > "$T/held-confirm.txt"
grep -q 'uuid="c3a8e2f1' "$T/held-confirm.txt" && fail "F8's confirmation shows the mdev cad-vm has: $(cat "$T/held-confirm.txt")"

# x on the domain screen detaches an mdev too, through the same change
cp "$top_srcdir/tests/domains/mdev-guests.xml" "$T/domdetach.xml"
expect_status 0 "interface script mdev-domdetach at 80x24" env LANG=C.UTF-8 "$VFIOTUI" --sysroot "$ROOT" \
    -c "test://$T/domdetach.xml" ui --size 80x24 --script "$top_srcdir/tests/ui/mdev-domdetach.script" \
    --dump-dir "$T/dumps"
grep -q 'Detach from cad-vm' "$T/dumps/domdetach-confirm.txt" &&
    grep -q 'type="mdev"' "$T/dumps/domdetach-confirm.txt" &&
    grep -q 'address uuid="c3a8e2f1-5d47-4b6e-9a02-7f1e3b4c5d6e"' "$T/dumps/domdetach-confirm.txt" ||
    fail "x on the mdev row did not open its detach: $(cat "$T/dumps/domdetach-confirm.txt")"
grep -q "this connection's driver cannot change a persistent definition device by device" "$T/dumps/domdetach-refused.txt" ||
    fail "the mdev detach did not go through the change: $(tail -3 "$T/dumps/domdetach-refused.txt")"
# the URI in the header holds the temporary directory: @URI@ in the goldens
for d in $DUMPS; do
    if [ -f "$T/dumps/$d.txt" ]; then
        # (and a dialog's top edge on that line shows a piece of it)
        sed '2s|uri test://.*|uri @URI@|; 2s|┐.*|┐|' "$T/dumps/$d.txt" > "$T/$d.txt"
        golden "screens/mdev/$d.txt" "$T/$d.txt"
    else
        fail "the script did not dump $d"
    fi
done
# The confirmation shows what is sent: no second ramfb for a domain
# whose vGPU has one, ramfb for one whose vGPU has none.
sed "s/model='vfio-pci' display='on'>/model='vfio-pci' display='on' ramfb='on'>/" \
    "$top_srcdir/tests/domains/mdev-guests.xml" > "$T/ramfb.xml"
grep -q "ramfb='on'" "$T/ramfb.xml" || fail "the fixture edit did not give gvt-desktop's vGPU ramfb"
cp "$top_srcdir/tests/domains/mdev-guests.xml" "$T/noramfb.xml"
for f in ramfb noramfb; do
    mkdir -p "$T/$f.d"
    expect_status 0 "interface script mdev-ramfb ($f)" env LANG=C.UTF-8 "$VFIOTUI" --sysroot "$ROOT" \
        -c "test://$T/$f.xml" ui --size 80x24 --script "$top_srcdir/tests/ui/mdev-ramfb.script" \
        --dump-dir "$T/$f.d"
    grep -q 'uuid="9d2f5a3e-6c1b-4e0a-8f57-2b1c4d7e8a90"' "$T/$f.d/ramfb-confirm.txt" ||
        fail "mdev-ramfb ($f): the confirmation does not show the vGPU: $(cat "$T/$f.d/ramfb-confirm.txt")"
done
grep -q 'ramfb=' "$T/ramfb.d/ramfb-confirm.txt" &&
    fail "the confirmation shows a second ramfb for gvt-desktop: $(cat "$T/ramfb.d/ramfb-confirm.txt")"
grep -q 'ramfb="on"' "$T/noramfb.d/ramfb-confirm.txt" ||
    fail "the confirmation shows no ramfb for a domain without one: $(cat "$T/noramfb.d/ramfb-confirm.txt")"

finish
