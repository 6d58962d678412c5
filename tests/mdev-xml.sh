#!/bin/sh
# mdev-xml.sh - the <hostdev type='mdev'> XML of xml for mdev UUIDs on
# the fixture mdev-host: display='on' with ramfb for a GVT-g vGPU, none
# for the NVIDIA one, PCI devices and mdevs in one <devices> document;
# write of mdevs into new, own, domain and dumpxml files, refusing the
# ones a file has.
# virt-xml-validate accepts the domain they go into, and libvirt
# defines it (the test driver, and qemu:///session); attach and detach
# with mdevs, all or nothing, on qemu:///session guests.  Run it under
# flock /tmp/vfiotui-daemon.lock.
. "$top_srcdir/tests/lib.sh"

ROOT=$(host mdev-host)
GVT=4b20d080-1b54-4048-85b3-a6a62d165c01
VGPU=c3a8e2f1-5d47-4b6e-9a02-7f1e3b4c5d6e
gold() { cp "$T/out" "$T/$1"; golden "$1" "$T/$1"; }

expect_status 0 "xml of the GVT-g vGPU" "$VFIOTUI" --sysroot "$ROOT" --no-domains -q xml $GVT
gold xml-mdev-gvtg.txt
expect_status 0 "xml of a VF and both vGPUs" "$VFIOTUI" --sysroot "$ROOT" --no-domains -q xml 02:02.0 $VGPU $GVT
gold xml-mdev-mixed.txt
expect_status 0 "a UUID in upper case" "$VFIOTUI" --sysroot "$ROOT" --no-domains -q xml "$(echo $VGPU | tr a-f A-F)"
grep -q "uuid=\"$VGPU\"" "$T/out" || fail "the upper-case UUID did not select the mdev"
expect_status 1 "xml of a UUID that is no mdev" "$VFIOTUI" --sysroot "$ROOT" --no-domains xml 11111111-2222-4333-8444-555555555555
expect_status 2 "xml --split with a UUID" "$VFIOTUI" --sysroot "$ROOT" --no-domains xml --split "$T/x" $GVT

# ---- write with mdevs: a new file is what xml prints; an existing one
# gets the elements added, and an mdev it has (in any case) is refused
W() { "$VFIOTUI" --sysroot "$ROOT" --no-domains -q write "$@"; }
expect_status 0 "write the GVT-g vGPU to a new file" W "$T/w.xml" $GVT
cmp -s "$T/w.xml" "$top_srcdir/tests/golden/xml-mdev-gvtg.txt" || fail "the new file is not what xml prints: $(cat "$T/w.xml")"
cp "$T/w.xml" "$T/w.before"
expect_status 1 "write the vGPU the file has" W "$T/w.xml" "$(echo $GVT | tr a-f A-F)"
grep -q "the document already has mdev $GVT" "$T/err" || fail "write: $(cat "$T/err")"
cmp -s "$T/w.xml" "$T/w.before" || fail "the refused write changed the file"
expect_status 0 "write a VF and the NVIDIA vGPU into that file" W "$T/w.xml" 02:02.0 $VGPU
cmp -s "$T/w.xml~" "$T/w.before" || fail "FILE~ is not the previous version"
[ "$(grep -c '<hostdev ' "$T/w.xml")" -eq 3 ] && grep -q "uuid=\"$VGPU\"" "$T/w.xml" ||
    fail "the file does not hold the three hostdevs: $(cat "$T/w.xml")"
expect_status 1 "write a UUID that is no mdev" W "$T/w.xml" 11111111-2222-4333-8444-555555555555
cmp -s "$T/w.xml~" "$T/w.before" || fail "the refused write replaced the backup"
cp "$top_srcdir/tests/domains/mdev-guests.xml" "$T/guests.xml"
# the test driver redefines (no per-device persistent change): PCI only
expect_status 1 "attach of an mdev through the test driver" "$VFIOTUI" --sysroot "$ROOT" -c "test://$T/guests.xml" -q attach spare 02:02.0 $VGPU --dry-run
grep -q 'PCI hostdevs only' "$T/err" || fail "attach: $(cat "$T/err")"
expect_status 2 "bind with a UUID" "$VFIOTUI" --sysroot "$ROOT" --no-domains bind $VGPU --dry-run

# the document pasted into a domain's <devices>; display='on' wants a
# graphics device in the domain (libvirt: "graphics device is needed"):
# egl-headless renders the vGPU's display, VNC shows it
"$VFIOTUI" --sysroot "$ROOT" --no-domains -q xml 02:02.0 $VGPU $GVT > "$T/devs.xml"
cat > "$T/guest.xml" <<XML
<domain type='qemu'>
  <name>vfiotui-mdev-xml</name>
  <memory unit='MiB'>96</memory>
  <os><type arch='x86_64' machine='q35'>hvm</type></os>
  <devices>
    <emulator>/usr/bin/qemu-system-x86_64</emulator>
    <graphics type='egl-headless'/>
    <graphics type='vnc' port='-1'/>
  </devices>
</domain>
XML
# write into the domain file: only lines added, then the same checks
cp "$T/guest.xml" "$T/written.xml"
expect_status 0 "write a VF and both vGPUs into a domain file" W "$T/written.xml" 02:02.0 $VGPU $GVT
diff "$T/guest.xml" "$T/written.xml" > "$T/wdiff"
grep -q '^<' "$T/wdiff" && fail "write changed existing lines: $(cat "$T/wdiff")"
[ "$(grep -c '^>' "$T/wdiff")" -eq 15 ] || fail "expected 15 added lines: $(cat "$T/wdiff")"
virt-xml-validate "$T/written.xml" > "$T/validate" 2>&1 || fail "virt-xml-validate (write): $(cat "$T/validate")"
python3 - "$T/devs.xml" "$T/guest.xml" > "$T/pasted.xml" <<'PY'
import sys
devs = open(sys.argv[1]).read().splitlines()[1:-1]
dom = open(sys.argv[2]).read()
i = dom.index('  </devices>')
print(dom[:i] + '\n'.join(devs) + '\n' + dom[i:], end='')
PY
virt-xml-validate "$T/pasted.xml" > "$T/validate" 2>&1 || fail "virt-xml-validate: $(cat "$T/validate")"
sed 's/type=.qemu./type="test"/' "$T/pasted.xml" > "$T/test.xml"
virsh -q -c test:///default "define $T/test.xml; dumpxml --inactive vfiotui-mdev-xml" > "$T/defined" 2>&1 ||
    fail "the test driver refuses it: $(cat "$T/defined")"
grep -q "uuid='$GVT'" "$T/defined" || fail "the test driver's definition lacks the GVT-g vGPU"

use_session_user
virsh_s() { as_user virsh -q -c qemu:///session "$@"; }
chmod -R a+rX "$T"
virsh_s undefine vfiotui-mdev-xml > /dev/null 2>&1
if virsh_s define "$T/pasted.xml" > "$T/define.log" 2>&1; then
    virsh_s dumpxml --inactive vfiotui-mdev-xml > "$T/session.xml"
    grep -q "<hostdev mode='subsystem' type='mdev' managed='no' model='vfio-pci' display='on' ramfb='on'>" "$T/session.xml" ||
        fail "qemu:///session's definition: $(grep -A3 mdev "$T/session.xml")"
    grep -q "uuid='$VGPU'" "$T/session.xml" || fail "qemu:///session's definition lacks the vGPU"
    ok "qemu:///session defines the domain with both mdevs"
else
    fail "qemu:///session refuses the domain: $(cat "$T/define.log")"
fi
virsh_s undefine vfiotui-mdev-xml > /dev/null 2>&1
# the file write made, defined; its dumpxml (single quotes, managed='no')
# read back: the vGPUs it has are refused, a new one goes in
if virsh_s define "$T/written.xml" > "$T/define.log" 2>&1; then
    virsh_s dumpxml --inactive vfiotui-mdev-xml > "$T/dumped.xml"
    [ "$(grep -c "type='mdev'" "$T/dumped.xml")" -eq 2 ] || fail "qemu:///session's definition of the written file: $(grep -A3 hostdev "$T/dumped.xml")"
    ok "qemu:///session defines the domain write made"
    expect_status 1 "write a vGPU the dumped domain has" W "$T/dumped.xml" $VGPU
    grep -q "the domain already has mdev $VGPU" "$T/err" || fail "write: $(cat "$T/err")"
    expect_status 0 "write the defined-only GVT-g vGPU into the dumped domain" W "$T/dumped.xml" 9d2f5a3e-6c1b-4e0a-8f57-2b1c4d7e8a90
    chmod a+r "$T/dumped.xml"
    virsh_s define "$T/dumped.xml" > "$T/define.log" 2>&1 || fail "qemu:///session refuses the file written again: $(cat "$T/define.log")"
    # libvirt takes ramfb on one vGPU only: the second display has none
    grep -q 'uuid="9d2f5a3e-6c1b-4e0a-8f57-2b1c4d7e8a90"' "$T/dumped.xml" &&
        [ "$(grep -c "ramfb=.on." "$T/dumped.xml")" -eq 1 ] && [ "$(grep -c "display=.on." "$T/dumped.xml")" -eq 2 ] ||
        fail "the second GVT-g vGPU: $(grep -A1 "type=.mdev" "$T/dumped.xml")"
    [ "$(virsh_s dumpxml --inactive vfiotui-mdev-xml | grep -c "type='mdev'")" -eq 3 ] || fail "the redefined domain lacks the third vGPU"
else
    fail "qemu:///session refuses the domain write made: $(cat "$T/define.log")"
fi
virsh_s undefine vfiotui-mdev-xml > /dev/null 2>&1

# ---- mdev create on a local host through qemu:///session ---------------
# Its node-device driver needs mdevctl for virNodeDeviceDefineXML ("Cannot
# find 'mdevctl' in path" here), so the create falls back to sysfs (the
# simulator), and says so.
if [ -f "${PCISIM:-}" ]; then
    SROOT=$T/sroot
    cp -a "$ROOT" "$SROOT"
    cp "$PCISIM" "$T/pcisim.so"
    chmod -R a+rX "$T"
    [ "$(id -u)" -eq 0 ] && chown -R "$SESSION_USER" "$SROOT"
    NEWM=11111111-2222-4333-8444-555555555555
    # under ASan the preloaded simulator comes before the runtime: allowed
    # (as in bind-sim.sh); as_user does not pass the environment on
    asan=ASAN_OPTIONS=${ASAN_OPTIONS:-}
    ldd "$VFIOTUI" 2>/dev/null | grep -q libasan && asan="ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0"
    expect_status 0 "mdev create through qemu:///session" as_user env "$asan" PCISIM_ROOT="$SROOT" LD_PRELOAD="$T/pcisim.so" \
        "$VT" --sysroot "$SROOT" -c qemu:///session -q mdev create 00:02.0 i915-GVTg_V5_8 --uuid $NEWM --yes
    grep -q "the connection cannot define node devices (.*mdevctl.*): through sysfs instead" "$T/out" ||
        fail "the way taken is not said: $(cat "$T/out")"
    [ -L "$SROOT/sys/bus/mdev/devices/$NEWM" ] || fail "the fallback did not create the mdev"
    # and remove: its node-device driver does not know the fixture's
    # mdev, so sysfs again, and the output says so
    expect_status 0 "mdev remove through qemu:///session" as_user env "$asan" PCISIM_ROOT="$SROOT" LD_PRELOAD="$T/pcisim.so" \
        "$VT" --sysroot "$SROOT" -c qemu:///session -q mdev remove $NEWM --yes
    grep -q "the connection cannot remove this node device (.*$NEWM.*): through sysfs instead" "$T/out" ||
        fail "the way the remove took is not said: $(cat "$T/out")"
    [ -e "$SROOT/sys/bus/mdev/devices/$NEWM" ] && fail "the fallback did not remove the mdev"
else
    fail "the simulator is not built (PCISIM=${PCISIM:-})"
fi

# ---- attach and detach with mdevs, all or nothing (qemu:///session) -------
# A guest with a graphics device takes the GVT-g vGPU's display; one
# without makes libvirt refuse that hostdev ("graphics device is
# needed"), after the VF and the NVIDIA vGPU went in: they are taken
# out again and the definition is as it was.
DOM=vfiotui-mdev-attach
BARE=vfiotui-mdev-bare
sed "s/vfiotui-mdev-xml/$DOM/" "$T/guest.xml" > "$T/attach.xml"
sed "s/vfiotui-mdev-xml/$BARE/; /<graphics/d" "$T/guest.xml" > "$T/bare.xml"
chmod -R a+rX "$T"
for d in $DOM $BARE; do virsh_s undefine $d > /dev/null 2>&1; done
virsh_s define "$T/attach.xml" > /dev/null 2>&1 && virsh_s define "$T/bare.xml" > /dev/null 2>&1 ||
    { fail "cannot define the attach guests"; finish; }
vs() { as_user "$VT" --sysroot "$ROOT" -c qemu:///session "$@"; }
hostdevs() { virsh_s dumpxml --inactive "$1" | grep -c '<hostdev'; }
expect_status 0 "attach --dry-run of a VF and two vGPUs" vs -q attach $DOM 02:02.0 $VGPU $GVT --dry-run
grep -q "uuid=\"$GVT\"" "$T/out" || fail "the dry run does not show the GVT-g vGPU: $(cat "$T/out")"
[ "$(hostdevs $DOM)" -eq 0 ] || fail "the dry run changed $DOM"
expect_status 0 "attach a VF and two vGPUs" vs -q attach $DOM 02:02.0 $VGPU $GVT
virsh_s dumpxml --inactive $DOM > "$T/attached.xml"
[ "$(grep -c '<hostdev' "$T/attached.xml")" -eq 3 ] || fail "$DOM holds $(grep -c '<hostdev' "$T/attached.xml") hostdevs, wanted 3"
grep -q "uuid='$GVT'" "$T/attached.xml" && grep -q "display='on' ramfb='on'" "$T/attached.xml" ||
    fail "the GVT-g vGPU is not attached with its display"
expect_status 1 "attach an mdev the domain has" vs -q attach $DOM $VGPU
grep -q "already has $VGPU in its persistent definition; nothing was changed" "$T/err" ||
    fail "not refused before sending: $(cat "$T/err")"
expect_status 0 "detach them" vs -q detach $DOM $GVT $VGPU 02:02.0
[ "$(hostdevs $DOM)" -eq 0 ] || fail "$DOM still holds hostdevs after the detach"
virsh_s dumpxml --inactive $BARE > "$T/bare-before.xml"
expect_status 1 "attach to a guest without graphics: all or nothing" vs -q attach $BARE 02:02.0 $VGPU $GVT
grep -q 'graphics device is needed' "$T/err" || fail "not libvirt's refusal: $(cat "$T/err")"
virsh_s dumpxml --inactive $BARE > "$T/bare-after.xml"
cmp -s "$T/bare-before.xml" "$T/bare-after.xml" || fail "the failed attach left $BARE changed: $(diff "$T/bare-before.xml" "$T/bare-after.xml")"
for d in $DOM $BARE; do virsh_s undefine $d > /dev/null 2>&1; done

# ---- the interface's F8 and F9 with a marked mdev (qemu:///session) ----
# A user of its own, so that the picker lists this one guest: F8 attaches
# the GVT-g vGPU through the session's change, F9 detaches it.
# Only as root: the user's other guests are undefined first, which must
# never happen to a developer's own session.
[ "$(id -u)" -eq 0 ] || { ok "F8 and F9 on qemu:///session need root (a user of their own): skipped"; finish; }
use_session_user vfiotui-mdevui
chmod -R a+rX "$T"
for d in $(virsh_s list --all --name); do virsh_s undefine "$d" > /dev/null 2>&1; done
virsh_s define "$T/attach.xml" > /dev/null 2>&1 || { fail "cannot define $DOM for the interface"; finish; }
printf 'key Down Down Down Down Down Down Down Down\nkey Space\nkey F8\nkey Enter\nkey F8\nkey y\ndump ui-attached\n' > "$T/ui-attach.script"
printf 'key Down Down Down Down Down Down Down Down\nkey Space\nkey F8\nkey Enter\nkey F9\nkey y\ndump ui-detached\n' > "$T/ui-detach.script"
mkdir -p "$T/uidumps" && chmod 777 "$T/uidumps"
uirun() { as_user env LANG=C.UTF-8 "$VT" --sysroot "$ROOT" -c qemu:///session ui --size 80x24 --script "$T/$1.script" --dump-dir "$T/uidumps"; }
expect_status 0 "F8 with the GVT-g vGPU marked" uirun ui-attach
grep -q "attached 1 device to $DOM" "$T/uidumps/ui-attached.txt" || fail "F8: $(tail -3 "$T/uidumps/ui-attached.txt")"
virsh_s dumpxml --inactive $DOM > "$T/ui-attached.xml"
grep -q "uuid='$GVT'" "$T/ui-attached.xml" && grep -q "display='on' ramfb='on'" "$T/ui-attached.xml" ||
    fail "F8 did not attach the vGPU with its display: $(grep -A3 '<hostdev' "$T/ui-attached.xml")"
# x on the domain screen's mdev row detaches it the same way; then F8 again
printf 'key v\nkey Down\nkey x\nkey y\ndump ui-domdetached\n' > "$T/ui-domdetach.script"
expect_status 0 "x on the domain screen's vGPU row" uirun ui-domdetach
grep -q "detached 1 device from $DOM" "$T/uidumps/ui-domdetached.txt" || fail "x: $(tail -3 "$T/uidumps/ui-domdetached.txt")"
[ "$(hostdevs $DOM)" -eq 0 ] || fail "$DOM still holds the vGPU after x on the domain screen"
expect_status 0 "F8 with the GVT-g vGPU marked, again" uirun ui-attach
expect_status 0 "F9 with the GVT-g vGPU marked" uirun ui-detach
grep -q "detached 1 device from $DOM" "$T/uidumps/ui-detached.txt" || fail "F9: $(tail -3 "$T/uidumps/ui-detached.txt")"
[ "$(hostdevs $DOM)" -eq 0 ] || fail "$DOM still holds the vGPU after F9"
virsh_s undefine $DOM > /dev/null 2>&1
finish
