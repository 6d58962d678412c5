#!/bin/sh
# bind-sim.sh - vfiotui bind and unbind against the kernel-behaviour
# simulator tests/pcisim.c (preloaded; see its header for what it
# simulates and what not) on the fixture twin-gpu: the driver links
# move as the kernel moves them, the original driver is recorded in
# run/vfiotui/bound and restored, host-critical devices are refused,
# --dry-run prints every write and changes nothing.  The libvirt path:
# the test driver has no node-device detach (virNodeDeviceDettach is
# "not supported"), so its dry run is the test, and the real call must
# fail cleanly.
. "$top_srcdir/tests/lib.sh"

[ -f "${PCISIM:-}" ] || { fail "the simulator is not built (PCISIM=${PCISIM:-})"; finish; }
# an ASan build wants its runtime first; the simulator only wraps
# open/write/close and calls on to whatever comes next
if ldd "$VFIOTUI" 2>/dev/null | grep -q libasan; then
    ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0"
    export ASAN_OPTIONS
fi

ROOT=$T/twin
mkdir -p "$ROOT"
"$MKHOST" "$top_srcdir/tests/hosts/twin-gpu.host" "$ROOT" || { fail "mkhost"; finish; }

sim() { env PCISIM_ROOT="$ROOT" LD_PRELOAD="$PCISIM" "$VFIOTUI" --sysroot "$ROOT" --no-domains "$@"; }
drv() {
    l=$(readlink "$ROOT/sys/bus/pci/devices/$1/driver") && basename "$l" || echo none
}
ovr() { cat "$ROOT/sys/bus/pci/devices/$1/driver_override"; }
# want_drv ADDR DRIVER WHAT
want_drv() {
    [ "$(drv "$1")" = "$2" ] && ok "$3: $1 on $2" || fail "$3: $1 is on $(drv "$1"), not $2"
}
# gold NAME: stdout against tests/golden/NAME
gold() { cp "$T/out" "$T/$1"; golden "$1" "$T/$1"; }

# ---- dry run: every write, none made -------------------------------------
expect_status 0 "bind --dry-run --whole-groups 01:00.0" sim bind --dry-run --whole-groups 01:00.0
gold bind-dry-run.txt
want_drv 0000:01:00.0 nvidia "after the dry run"
[ "$(ovr 0000:01:00.0)" = "(null)" ] || fail "the dry run set driver_override"
[ -e "$ROOT/run/vfiotui/bound" ] && fail "the dry run recorded a driver"

# ---- bind the GPU and park its audio function (--whole-groups) -----------
expect_status 0 "bind --whole-groups 01:00.0" sim bind --whole-groups 01:00.0
gold bind-group.txt
want_drv 0000:01:00.0 vfio-pci "bind"
want_drv 0000:01:00.1 vfio-pci "bind"
[ "$(ovr 0000:01:00.0)" = "vfio-pci" ] || fail "driver_override is '$(ovr 0000:01:00.0)', not vfio-pci"
[ -L "$ROOT/sys/bus/pci/drivers/vfio-pci/0000:01:00.1" ] || fail "drivers/vfio-pci has no link to 0000:01:00.1"
[ -L "$ROOT/sys/bus/pci/drivers/nvidia/0000:01:00.0" ] && fail "drivers/nvidia still links 0000:01:00.0"
printf '0000:01:00.0 nvidia\n0000:01:00.1 snd_hda_intel\n' > "$T/want-state"
cmp -s "$T/want-state" "$ROOT/run/vfiotui/bound" ||
    fail "run/vfiotui/bound: $(cat "$ROOT/run/vfiotui/bound")"
# the real libpci and the readers see the new driver; the group is whole
"$VFIOTUI" --sysroot "$ROOT" --no-domains list > "$T/list" 2>&1
grep -q '0000:01:00.1 .*driver=vfio-pci' "$T/list" || fail "list does not show 01:00.1 on vfio-pci"
expect_status 0 "check 01:00.0 once its group-mate is parked" "$VFIOTUI" --sysroot "$ROOT" --no-domains check 01:00.0
grep -q group-incomplete "$T/out" "$T/err" && fail "the parked group-mate still makes the group incomplete"
# the other GPU, with the same IDs, did not move
want_drv 0000:02:00.0 nvidia "its twin"

# again: nothing to do, the record unchanged
expect_status 0 "bind 01:00.0 again" sim bind 01:00.0
grep -q 'already' "$T/out" || fail "a second bind does not say it is done: $(cat "$T/out")"
cmp -s "$T/want-state" "$ROOT/run/vfiotui/bound" || fail "a second bind changed the record"

# ---- host-critical devices -----------------------------------------------
for a in 02:00.0 03:00.0 00:1f.6; do
    expect_status 1 "bind refuses $a" sim bind "$a"
    [ -s "$T/err" ] || fail "bind $a: no reason given"
done
grep -q 'default route' "$T/err" || fail "the NIC's refusal does not say why: $(cat "$T/err")"
want_drv 0000:02:00.0 nvidia "refused"
want_drv 0000:03:00.0 nvme "refused"
want_drv 0000:00:1f.6 e1000e "refused"
expect_status 1 "bind --force still refuses a bridge" sim bind --force 00:01.0
want_drv 0000:00:01.0 pcieport "refused"
expect_status 2 "bind an address not on the host" sim bind 42:00.0

# --force: the console GPU goes, and comes back
expect_status 0 "bind --force 02:00.0" sim bind --force 02:00.0
want_drv 0000:02:00.0 vfio-pci "forced"
expect_status 0 "unbind 02:00.0" sim unbind 02:00.0
want_drv 0000:02:00.0 nvidia "unbind"

# ---- a device with no driver stays without one ---------------------------
expect_status 0 "bind 00:00.0 (no driver)" sim bind 00:00.0
want_drv 0000:00:00.0 vfio-pci "bind"
grep -q '^0000:00:00.0 -$' "$ROOT/run/vfiotui/bound" || fail "no driver is not recorded as '-'"
expect_status 0 "unbind 00:00.0" sim unbind 00:00.0
want_drv 0000:00:00.0 none "unbind"

# ---- unbind restores what was recorded -----------------------------------
expect_status 0 "unbind --dry-run 01:00.0" sim unbind --dry-run 01:00.0
gold unbind-dry-run.txt
want_drv 0000:01:00.0 vfio-pci "after the dry run"
expect_status 0 "unbind 01:00.0 01:00.1" sim unbind 01:00.0 01:00.1
gold unbind-group.txt
want_drv 0000:01:00.0 nvidia "unbind"
want_drv 0000:01:00.1 snd_hda_intel "unbind"
[ "$(ovr 0000:01:00.0)" = "(null)" ] || fail "unbind left driver_override '$(ovr 0000:01:00.0)'"
[ -s "$ROOT/run/vfiotui/bound" ] && fail "unbind left records: $(cat "$ROOT/run/vfiotui/bound")"
expect_status 0 "unbind a device not on vfio-pci" sim unbind 01:00.0
want_drv 0000:01:00.0 nvidia "unbind again"

# ---- vfio-pci's probe refuses a device without an IOMMU group: the
# driver link is read again, the failure reported, the device given back
rm "$ROOT/sys/bus/pci/devices/0000:00:14.0/iommu_group"
expect_status 1 "bind a device vfio-pci refuses" sim bind 00:14.0
grep -q 'no driver after the bind' "$T/err" || fail "the failed bind is not reported: $(cat "$T/err")"
want_drv 0000:00:14.0 xhci_hcd "given back"
[ "$(ovr 0000:00:14.0)" = "(null)" ] || fail "the failed bind left driver_override '$(ovr 0000:00:14.0)'"
grep -q 0000:00:14.0 "$ROOT/run/vfiotui/bound" && fail "the failed bind left its record"

# ---- vfio-pci not loaded: refused before any write -----------------------
mv "$ROOT/sys/bus/pci/drivers/vfio-pci" "$T/vfio-pci.away"
expect_status 1 "bind without vfio-pci loaded" sim bind 01:00.1
grep -q 'modprobe vfio-pci' "$T/err" || fail "no modprobe hint: $(cat "$T/err")"
want_drv 0000:01:00.1 snd_hda_intel "without vfio-pci"
[ "$(ovr 0000:01:00.1)" = "(null)" ] || fail "a refused bind set driver_override"
mv "$T/vfio-pci.away" "$ROOT/sys/bus/pci/drivers/vfio-pci"

# ---- the libvirt path ----------------------------------------------------
XML=$top_srcdir/data/demo-libvirt.xml
case $XML in /*) ;; *) XML=$PWD/$XML ;; esac
expect_status 0 "bind --dry-run through libvirt" "$VFIOTUI" -c "test://$XML" --source libvirt bind --dry-run 01:00.1
sed "s|$XML|XML|g" "$T/out" > "$T/out2" && mv "$T/out2" "$T/out"
gold bind-libvirt-dry-run.txt
# fail closed: a remote host's disks and routes cannot be judged, so its
# storage controllers and NICs need --force
expect_status 1 "bind refuses a remote NIC" "$VFIOTUI" -c "test://$XML" --source libvirt bind --dry-run 00:1f.6
grep -q 'cannot be told' "$T/err" || fail "the remote NIC's refusal does not say why: $(cat "$T/err")"
expect_status 0 "bind --force --dry-run a remote NIC" "$VFIOTUI" -c "test://$XML" --source libvirt bind --force --dry-run 00:1f.6
expect_status 1 "bind through the test driver (no node-device detach)" \
    "$VFIOTUI" -c "test://$XML" --source libvirt bind 01:00.1
grep -q 'not supported' "$T/err" || fail "the test driver's refusal is not passed on: $(cat "$T/err")"
finish
