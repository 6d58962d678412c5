#!/bin/sh
# mdev-xml.sh - the <hostdev type='mdev'> XML of xml for mdev UUIDs on
# the fixture mdev-host: display='on' with ramfb for a GVT-g vGPU, none
# for the NVIDIA one, PCI devices and mdevs in one <devices> document.
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
expect_status 2 "write with a UUID" "$VFIOTUI" --sysroot "$ROOT" --no-domains write "$T/w.xml" $GVT
grep -q 'not mdev UUIDs' "$T/err" || fail "write: $(cat "$T/err")"
[ -e "$T/w.xml" ] && fail "the refused write made a file"
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
finish
