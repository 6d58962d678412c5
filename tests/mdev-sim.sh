#!/bin/sh
# mdev-sim.sh - mediated devices and SR-IOV on the fixture mdev-host
# (an i915 GVT-g parent with the kernel's four types, a vGPU-style
# Tesla P40 whose types share its capacity, an X710 PF with two VFs)
# and gvtg-aperture: what list shows, what check finds, and mdev
# create/remove and sriov against the kernel-behaviour simulator
# tests/pcisim.c (the UUID device appears and goes, the VFs come and
# go, the kernel's EBUSY for a change between non-zero counts).
. "$top_srcdir/tests/lib.sh"

[ -f "${PCISIM:-}" ] || { fail "the simulator is not built (PCISIM=${PCISIM:-})"; finish; }
if ldd "$VFIOTUI" 2>/dev/null | grep -q libasan; then
    ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0"
    export ASAN_OPTIONS
fi

ROOT=$(host mdev-host)
cp "$top_srcdir/tests/domains/mdev-guests.xml" "$T/guests.xml"
DOMS="test://$T/guests.xml"
GVT=4b20d080-1b54-4048-85b3-a6a62d165c01       # GVT-g V5_4, gvt-desktop (running)
STOPPED=9d2f5a3e-6c1b-4e0a-8f57-2b1c4d7e8a90   # GVT-g V5_8, mdevctl-defined only
VGPU=c3a8e2f1-5d47-4b6e-9a02-7f1e3b4c5d6e      # P40-1Q, cad-vm (shut off)
NEW=11111111-2222-4333-8444-555555555555

sim() { env PCISIM_ROOT="$ROOT" LD_PRELOAD="$PCISIM" "$VFIOTUI" --sysroot "$ROOT" "$@"; }
gold() { cp "$T/out" "$T/$1"; golden "$1" "$T/$1"; }
has() { grep -q -- "$2" "$T/$1" || fail "$3: no '$2' in $1: $(cat "$T/$1")"; }

# ---- list: types, mdevs with their users, sriov counts ------------------
expect_status 0 "list" "$VFIOTUI" --sysroot "$ROOT" -c "$DOMS" list
gold list-mdev-host.txt
expect_status 0 "list --json" "$VFIOTUI" --sysroot "$ROOT" -c "$DOMS" list --json
python3 - "$T/out" <<'PY' || fail "list --json: the mdevs are not as the fixture has them"
import json, sys
d = json.load(open(sys.argv[1]))
types = {(t["parent"], t["id"]): t for t in d["mdev_types"]}
t = types[("0000:00:02.0", "i915-GVTg_V5_4")]
assert t["name"] == "GVTg_V5_4" and t["device_api"] == "vfio-pci", t
assert t["available_instances"] == 0 and "low_gm_size: 128MB\n" in t["description"], t
assert types[("0000:01:00.0", "nvidia-46")]["available_instances"] == 23
m = {x["uuid"]: x for x in d["mdevs"]}
g = m["4b20d080-1b54-4048-85b3-a6a62d165c01"]
assert g["active"] and g["defined"] and g["type"] == "i915-GVTg_V5_4", g
assert g["used_by"][0]["domain"] == "gvt-desktop" and g["used_by"][0]["state"] == "running", g
s = m["9d2f5a3e-6c1b-4e0a-8f57-2b1c4d7e8a90"]
assert not s["active"] and s["defined"], s
pf = [x for x in d["devices"] if x["address"] == "0000:02:00.0"][0]
assert pf["sriov_totalvfs"] == 8 and pf["sriov_numvfs"] == 2 and len(pf["virtfns"]) == 2, pf
PY

# ---- rules ----------------------------------------------------------------
expect_status 1 "check the GVT-g parent itself" "$VFIOTUI" --sysroot "$ROOT" -c "$DOMS" check 00:02.0
has out 'error\[mdev-parent-in-use\]: 0000:00:02.0 is the parent of 1 mediated device' "parent"
has out "warning\[mdev-no-capacity\]: 0000:00:02.0: type i915-GVTg_V5_1 has no instances left: 1 mdev of another type uses the parent's capacity: $GVT (i915-GVTg_V5_4)" "capacity"
has out "warning\[mdev-not-started\]: mdev $STOPPED (i915-GVTg_V5_8 on 0000:00:02.0) is defined but not started" "not started"
expect_status 1 "check the running domain's vGPU for another" "$VFIOTUI" --sysroot "$ROOT" -c "$DOMS" check --domain spare $GVT
has out "error\[mdev-in-use\]: mdev $GVT is in use by the running domain gvt-desktop" "in use"
expect_status 0 "check the shut-off domain's vGPU for another" "$VFIOTUI" --sysroot "$ROOT" -c "$DOMS" check --domain spare $VGPU
has out "warning\[mdev-in-use\]: mdev $VGPU is in the definition of domain cad-vm (shut off)" "in use, shut off"
has out "warning\[mdev-no-capacity\]: 0000:01:00.0: type nvidia-47" "vGPU capacity"
expect_status 0 "the domain's own vGPU is no conflict" "$VFIOTUI" --sysroot "$ROOT" -c "$DOMS" check --domain gvt-desktop $GVT
grep -q 'mdev-in-use' "$T/out" && fail "its own domain's mdev is reported in use"
APER=$(host gvtg-aperture)
expect_status 0 "check the GVT-g parent with too little aperture" "$VFIOTUI" --sysroot "$APER" --no-domains check 00:02.0
has out 'warning\[mdev-gvtg-aperture\]: 0000:00:02.0: GVT-g type i915-GVTg_V5_4 has no instances although no vGPU exists' "aperture"
expect_status 1 "an unknown UUID" "$VFIOTUI" --sysroot "$ROOT" --no-domains check $NEW
has out "$NEW" "unknown UUID"

# ---- attach: one ramfb per domain, counting the vGPUs it has -------------
# gvt-desktop's vGPU gets ramfb='on' here: a new display vGPU goes without
# it (libvirt refuses a second), as write does; without it, the new one has it
sed "s/model='vfio-pci' display='on'>/model='vfio-pci' display='on' ramfb='on'>/" "$T/guests.xml" > "$T/ramfb.xml"
grep -q "ramfb='on'" "$T/ramfb.xml" || fail "the fixture edit did not give the vGPU ramfb"
expect_status 0 "attach --live --dry-run to a domain whose vGPU has ramfb" \
    "$VFIOTUI" --sysroot "$ROOT" -c "test://$T/ramfb.xml" -q attach --live --dry-run gvt-desktop $STOPPED
has out "display=\"on\"" "the new vGPU's display"
grep -q 'ramfb=' "$T/out" && fail "a second ramfb for gvt-desktop: $(cat "$T/out")"
expect_status 0 "attach --live --dry-run to a domain whose vGPU has no ramfb" \
    "$VFIOTUI" --sysroot "$ROOT" -c "$DOMS" -q attach --live --dry-run gvt-desktop $STOPPED
has out 'display="on" ramfb="on"' "the only ramfb"

# ---- mdev create and remove through sysfs (the simulator) ----------------
expect_status 0 "mdev create --dry-run" sim --no-domains mdev create 00:02.0 i915-GVTg_V5_8 --uuid $NEW --dry-run
gold mdev-create-dry-run.txt
[ -e "$ROOT/sys/bus/mdev/devices/$NEW" ] && fail "the dry run created the mdev"
expect_status 2 "mdev create without a terminal or --yes" sim --no-domains mdev create 00:02.0 i915-GVTg_V5_8 --uuid $NEW < /dev/null
has err "confirm with --yes" "no confirmation"
expect_status 0 "mdev create" sim --no-domains mdev create 00:02.0 i915-GVTg_V5_8 --uuid $NEW --yes
[ -L "$ROOT/sys/bus/mdev/devices/$NEW" ] || fail "bus/mdev/devices/$NEW is not there"
"$VFIOTUI" --sysroot "$ROOT" --no-domains list > "$T/list"
grep -q "mdev $NEW type=i915-GVTg_V5_8 active" "$T/list" || fail "list does not show the new mdev"
grep -q "mdev-type i915-GVTg_V5_8 .* available=0" "$T/list" || fail "available_instances did not go down"
expect_status 1 "mdev create when no instance is left" sim --no-domains mdev create 00:02.0 i915-GVTg_V5_8 --yes
has err "type i915-GVTg_V5_8 has no instances left" "full"
expect_status 2 "mdev create with a taken UUID" sim --no-domains mdev create 00:02.0 i915-GVTg_V5_8 --uuid $GVT --yes
expect_status 2 "mdev create of a type the parent lacks" sim --no-domains mdev create 00:02.0 nvidia-46 --yes
expect_status 2 "mdev create with a bad UUID" sim --no-domains mdev create 01:00.0 nvidia-46 --uuid 1234 --yes
expect_status 1 "mdev remove of a running domain's vGPU" sim -c "$DOMS" mdev remove $GVT --yes
has err "in use by the running domain gvt-desktop" "remove in use"
[ -d "$ROOT/sys/bus/pci/devices/0000:00:02.0/$GVT" ] || fail "the refused remove removed it"
expect_status 1 "mdev remove of one only defined" sim --no-domains mdev remove $STOPPED --yes
expect_status 0 "mdev remove" sim --no-domains mdev remove $NEW --yes
[ -e "$ROOT/sys/bus/pci/devices/0000:00:02.0/$NEW" ] && fail "the mdev is still there"
"$VFIOTUI" --sysroot "$ROOT" --no-domains list > "$T/list"
grep -q "mdev-type i915-GVTg_V5_8 .* available=1" "$T/list" || fail "available_instances did not come back"

# A local host with a connection: libvirt's node-device define first,
# and sysfs when the connection cannot (the test driver has no
# virNodeDeviceDefineXML); the output says which way it went.
expect_status 0 "mdev create --dry-run with a connection" sim -c "$DOMS" -q mdev create 00:02.0 i915-GVTg_V5_8 --uuid $NEW --dry-run
has out "virNodeDeviceDefineXML, then virNodeDeviceCreate" "the libvirt way first"
has out "or, if the connection cannot define node devices, through sysfs:" "the fallback shown"
has out "i915-GVTg_V5_8/create" "the sysfs write shown"
[ -e "$ROOT/sys/bus/mdev/devices/$NEW" ] && fail "the dry run created the mdev"
expect_status 0 "mdev create through the test driver falls back to sysfs" sim -c "$DOMS" -q mdev create 00:02.0 i915-GVTg_V5_8 --uuid $NEW --yes
has out "the connection cannot define node devices (.*virNodeDeviceDefineXML.*): through sysfs instead" "the way taken"
[ -L "$ROOT/sys/bus/mdev/devices/$NEW" ] || fail "the fallback did not create bus/mdev/devices/$NEW"
# and mdev remove the same way: libvirt's destroy and undefine first
# (one only defined has no sysfs way: libvirt is tried, then the refusal)
expect_status 1 "mdev remove of one only defined, with a connection" sim -c "$DOMS" -q mdev remove $STOPPED --yes
has out "virNodeDeviceDestroy and virNodeDeviceUndefine on mdev $STOPPED" "remove defined: libvirt tried"
has err "remove its definition with mdevctl undefine -u $STOPPED" "remove defined: the refusal"
expect_status 0 "mdev remove --dry-run with a connection" sim -c "$DOMS" -q mdev remove $NEW --dry-run
has out "virNodeDeviceDestroy and virNodeDeviceUndefine on mdev $NEW" "remove: the libvirt way first"
has out "or, if the connection cannot remove this node device, through sysfs:" "remove: the fallback shown"
has out "$NEW/remove" "remove: the sysfs write shown"
[ -L "$ROOT/sys/bus/mdev/devices/$NEW" ] || fail "the dry run removed the mdev"
expect_status 0 "mdev remove through the test driver falls back to sysfs" sim -c "$DOMS" -q mdev remove $NEW --yes
has out "the connection cannot remove this node device (.*$NEW.*): through sysfs instead" "remove: the way taken"
[ -e "$ROOT/sys/bus/mdev/devices/$NEW" ] && fail "the fallback did not remove bus/mdev/devices/$NEW"
# a connection that has the node device but cannot stop it (the test
# driver lacks virNodeDeviceIsActive): sysfs too, and the mdev is gone
cp "$top_srcdir/tests/domains/mdev-nodedev.xml" "$T/nodedev-local.xml"
sed "s/$GVT/$NEW/; s/4b20d080_1b54_4048_85b3_a6a62d165c01/11111111_2222_4333_8444_555555555555/" "$T/nodedev-local.xml" > "$T/nodedev-new.xml"
expect_status 0 "mdev create again" sim --no-domains mdev create 00:02.0 i915-GVTg_V5_8 --uuid $NEW --yes
expect_status 0 "mdev remove with a node device the connection cannot stop" sim -c "test://$T/nodedev-new.xml" -q mdev remove $NEW --yes
has out "the connection cannot remove this node device (libvirt cannot tell whether mdev $NEW is active .*): through sysfs instead" "remove: node device seen, sysfs taken"
[ -e "$ROOT/sys/bus/mdev/devices/$NEW" ] && fail "the second fallback did not remove bus/mdev/devices/$NEW"

# ---- sriov ---------------------------------------------------------------
expect_status 1 "sriov while a VF is in a domain" sim -c "$DOMS" sriov 02:00.0 4 --yes
has err "0000:02:02.1 (cad-vm)" "VF in use"
expect_status 0 "sriov --dry-run" sim --no-domains sriov 02:00.0 4 --dry-run
gold sriov-dry-run.txt
expect_status 0 "sriov 4" sim --no-domains sriov 02:00.0 4 --yes
[ "$(cat "$ROOT/sys/bus/pci/devices/0000:02:00.0/sriov_numvfs")" = 4 ] || fail "sriov_numvfs is not 4"
[ -L "$ROOT/sys/bus/pci/devices/0000:02:00.0/virtfn3" ] || fail "no virtfn3 link"
"$VFIOTUI" --sysroot "$ROOT" --no-domains list > "$T/list"
grep -q 'sriov-pf(4 of 8 vfs)' "$T/list" || fail "list does not show 4 of 8 VFs"
[ "$(grep -c 'sriov-vf(of 0000:02:00.0)' "$T/list")" = 4 ] || fail "list does not show 4 VFs"
# the kernel refuses a change between two non-zero counts: vfiotui goes through 0
# (python3: one open and one write on the same descriptor, as vfiotui)
if env PCISIM_ROOT="$ROOT" LD_PRELOAD="$PCISIM" python3 -c 'import os, sys
os.write(os.open(sys.argv[1], os.O_WRONLY), b"2")' "$ROOT/sys/bus/pci/devices/0000:02:00.0/sriov_numvfs" 2> "$T/busy"; then
    fail "the simulator took 4 -> 2 without going through 0"
fi
grep -q 'Device or resource busy' "$T/busy" || fail "not EBUSY: $(cat "$T/busy")"

expect_status 0 "sriov 2 from 4" sim --no-domains sriov 02:00.0 2 --yes
[ "$(cat "$ROOT/sys/bus/pci/devices/0000:02:00.0/sriov_numvfs")" = 2 ] || fail "sriov_numvfs is not 2"
expect_status 2 "sriov beyond sriov_totalvfs" sim --no-domains sriov 02:00.0 9 --yes
expect_status 2 "sriov on a device that is no PF" sim --no-domains sriov 00:02.0 1 --yes
expect_status 2 "sriov with a bad count" sim --no-domains sriov 02:00.0 two --yes
expect_status 0 "sriov 0" sim --no-domains sriov 02:00.0 0 --yes
[ -e "$ROOT/sys/bus/pci/devices/0000:02:00.0/virtfn0" ] && fail "virtfn0 is still there"

# ---- a remote host: libvirt's node devices (the test driver) -------------
# The test driver reads mdev_types and mdev node devices; it has no
# virNodeDeviceDefineXML, virNodeDeviceIsActive or IsPersistent, so the
# dry run is the test of the libvirt path and the real calls must fail
# cleanly.
cp "$top_srcdir/tests/domains/mdev-nodedev.xml" "$T/nodedev.xml"
REMOTE="-c test://$T/nodedev.xml --source libvirt"
# shellcheck disable=SC2086 # two options
expect_status 0 "list from node devices" "$VFIOTUI" $REMOTE list
has out 'mdev-type i915-GVTg_V5_8 name="GVTg_V5_8" api=vfio-pci available=1' "remote type"
has out "mdev $GVT type=i915-GVTg_V5_4 active" "remote mdev"
# shellcheck disable=SC2086
expect_status 0 "mdev create --dry-run through libvirt" "$VFIOTUI" $REMOTE mdev create 00:02.0 i915-GVTg_V5_8 --uuid $NEW --dry-run
gold mdev-create-libvirt-dry-run.txt
# shellcheck disable=SC2086
expect_status 2 "mdev create through the test driver" "$VFIOTUI" $REMOTE mdev create 00:02.0 i915-GVTg_V5_8 --uuid $NEW --yes
has err "virNodeDeviceDefineXML" "define unsupported"
# shellcheck disable=SC2086
expect_status 2 "mdev remove through the test driver" "$VFIOTUI" $REMOTE mdev remove $GVT --yes
# shellcheck disable=SC2086
expect_status 2 "sriov on a remote host" "$VFIOTUI" $REMOTE sriov 00:02.0 1 --yes

finish
