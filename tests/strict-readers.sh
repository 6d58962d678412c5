#!/bin/sh
# strict-readers.sh - one broken file at a time on a fixture host: the
# value becomes "unknown" with a warning, never a made-up number, and
# `check` of the device it concerns says so with a finding (issue 8).
. "$top_srcdir/tests/lib.sh"

# fresh: a new copy of desktop-gpu in $T/h; prints nothing.  The GPU and
# its audio function (group 1) pass check cleanly on an intact host.
fresh() {
    rm -rf "$T/h"
    mkdir -p "$T/h"
    "$MKHOST" "$top_srcdir/tests/hosts/desktop-gpu.host" "$T/h" || { echo "mkhost failed" >&2; exit 2; }
    R=$T/h
    DEV=$R/sys/bus/pci/devices
}

# untrust_config DEV HOW: make DEV's config space unbelievable, so that
# its identity comes from the vendor, device, class and revision files
# (HACKING, "Identity from config"): HOW is short (16 bytes), zero (a
# link to /dev/zero), ones (64 bytes of ff: the device is gone), rm,
# fifo or vf (vendor and device ffff, as an SR-IOV VF reads).
untrust_config() {
    c=$(cd "$DEV/$1" && pwd -P)/config
    case $2 in
    short) head -c 16 "$c" > "$T/cfg" && cat "$T/cfg" > "$c" ;;
    zero)  rm -f "$c" && ln -s /dev/zero "$c" ;;
    ones)  head -c 64 /dev/zero | tr '\000' '\377' > "$c" ;;
    rm)    rm -f "$c" ;;
    fifo)  rm -f "$c" && mkfifo "$c" ;;
    vf)    { printf '\377\377\377\377'; tail -c +5 "$c"; } > "$T/cfg" && cat "$T/cfg" > "$c" ;;
    esac
}

# check_has CODE WANT_EXIT DESCRIPTION ADDR...: check exits WANT_EXIT
# and reports CODE.
check_has() {
    code=$1; want=$2; what=$3; shift 3
    expect_status "$want" "$what" timeout 30 "$VFIOTUI" --sysroot "$R" --no-domains check "$@"
    grep -q "^[a-z]*\[$code\]" "$T/out" && ok "$what: $code" ||
        fail "$what: no $code finding in: $(cat "$T/out")"
}

# the intact host passes
fresh
expect_status 0 "intact host: GPU and audio" "$VFIOTUI" --sysroot "$R" --no-domains check 01:00.0 01:00.1
grep -q 'host-warning\|unreadable\|unknown' "$T/out" && fail "intact host has findings: $(cat "$T/out")"

# Identity comes from config space; the files are not read when it is
# believable, so a broken vendor file there changes nothing.
fresh
printf 'zzzz\n' > "$DEV/0000:01:00.0/vendor"
printf 'zzzz\n' > "$DEV/0000:01:00.0/class"
expect_status 0 "config intact, vendor and class files broken" "$VFIOTUI" --sysroot "$R" --no-domains check 01:00.0 01:00.1
grep -q 'host-warning\|unreadable\|unknown' "$T/out" && fail "config intact: the files were read: $(cat "$T/out")"
"$VFIOTUI" --sysroot "$R" --no-domains list > "$T/l"
grep -q '01:00.0 .*\[0300\].*\[10de:2484\]' "$T/l" || fail "config intact: not the GPU's ids: $(cat "$T/l")"
# Unbelievable config space with intact files: the files' identity, no
# warning.
for how in short zero ones rm fifo vf; do
    fresh
    untrust_config 0000:01:00.0 "$how"
    expect_status 0 "config $how, files intact" timeout 30 "$VFIOTUI" --sysroot "$R" --no-domains check 01:00.0 01:00.1
    grep -q 'host-warning\|unreadable\|unknown' "$T/out" && fail "config $how: findings: $(cat "$T/out")"
    "$VFIOTUI" --sysroot "$R" --no-domains list > "$T/l"
    grep -q '01:00.0 .*\[0300\].*\[10de:2484\]' "$T/l" || fail "config $how: not the files' ids: $(cat "$T/l")"
done

# Malformed ids are unknown, with a warning that check carries and that
# names the file and the escaped value (-q hides it like any warning).
# Config space is made unbelievable in a different way each time, so
# that the files are the identity.
set -- short zero ones rm fifo
for bad in zzzz "" 0x1ffff "0x10de junk" "$(printf '\033[31m')"; do
    fresh
    untrust_config 0000:01:00.0 "$1"; shift
    printf '%s\n' "$bad" > "$DEV/0000:01:00.0/vendor"
    expect_status 0 "vendor '$bad': list" "$VFIOTUI" --sysroot "$R" --no-domains list --json
    python3 - "$T/out" <<'PY' || fail "vendor '$bad': JSON does not say the ids are unknown"
import json, sys
d = [x for x in json.load(open(sys.argv[1]))["devices"] if x["address"] == "0000:01:00.0"][0]
assert d["vendor_id"] is None and "ids" in d["unknown"], d
PY
    grep -q '\[0000\]\|\[ffff:' "$T/out" && fail "vendor '$bad' became a made-up id"
    check_has host-warning 0 "vendor '$bad'" 01:00.0 01:00.1
    grep -q "vendor" "$T/out" || fail "vendor '$bad': the warning does not name the file"
    if LC_ALL=C grep -q "$(printf '\033')" "$T/out"; then fail "vendor '$bad': raw ESC in the report"; fi
    expect_status 0 "vendor '$bad': check -q" "$VFIOTUI" --sysroot "$R" --no-domains -q check 01:00.0 01:00.1
    grep -q 'host-warning' "$T/out" "$T/err" && fail "vendor '$bad': -q did not hide the warning"
done
fresh
untrust_config 0000:01:00.0 vf
printf '0x1ffff\n' > "$DEV/0000:01:00.0/device"
check_has host-warning 0 "device 0x1ffff" 01:00.0 01:00.1
grep -q "0x1ffff" "$T/out" || fail "device 0x1ffff: the value is not shown"

# An unknown class or driver is an error on the device.
fresh
untrust_config 0000:01:00.0 short
printf '0xZZ\n' > "$DEV/0000:01:00.0/class"
check_has dev-unreadable 1 "class 0xZZ" 01:00.0 01:00.1
check_has host-warning 1 "class 0xZZ warning" 01:00.0 01:00.1

# numa_node: a warning and "unknown" in JSON, not node 0
fresh
printf 'xyz\n' > "$DEV/0000:01:00.0/numa_node"
check_has host-warning 0 "numa_node xyz" 01:00.0 01:00.1
"$VFIOTUI" --sysroot "$R" --no-domains list --json > "$T/j"
python3 - "$T/j" <<'PY' || fail "numa_node xyz: JSON invents a node"
import json, sys
d = [x for x in json.load(open(sys.argv[1]))["devices"] if x["address"] == "0000:01:00.0"][0]
assert d["numa_node"] is None and "numa_node" in d["unknown"], d
PY

# Driver links that loop, dangle, are absolute or point elsewhere.
drv_case() {
    kind=$1
    fresh
    real=$(cd "$DEV/0000:01:00.1" && pwd -P)
    rm -f "$real/driver"
    case $kind in
    loop) ln -s driver "$real/driver" ;;
    loop2) ln -s loopy "$R/sys/bus/pci/drivers/loopy"
           ln -s "$(realpath -m -s --relative-to="$real" "$R/sys/bus/pci/drivers/loopy")" "$real/driver" ;;
    dangling) ln -s "$(realpath -m -s --relative-to="$real" "$R/sys/bus/pci/drivers/gone")" "$real/driver" ;;
    absolute) ln -s /sys/bus/pci/drivers/snd_hda_intel "$real/driver" ;;
    outside) ln -s "$(realpath -m -s --relative-to="$real" "$R/sys/kernel")" "$real/driver" ;;
    file) echo snd_hda_intel > "$real/driver" ;;
    esac
    check_has dev-unreadable 1 "driver link $kind" 01:00.0 01:00.1
    # the group-mate left behind with an unknown driver blocks the group
    check_has group-incomplete 1 "driver link $kind, mate" 01:00.0
    grep -q "driver unknown" "$T/out" || fail "driver link $kind: group-incomplete does not say the driver is unknown"
    "$VFIOTUI" --sysroot "$R" --no-domains list > "$T/l" 2>/dev/null
    grep -q "0000:01:00.1 .*driver=unknown" "$T/l" || fail "driver link $kind: list does not say unknown"
}
for c in loop loop2 dangling absolute outside file; do drv_case $c; done

# IOMMU group lists that cannot be read or are inconsistent.
G=sys/kernel/iommu_groups/1
fresh
rm -rf "$R/$G/devices"
check_has group-unreadable 1 "group devices/ removed" 01:00.0 01:00.1
# group-incomplete does not disappear: the links still give the group
check_has group-incomplete 1 "group devices/ removed, GPU alone" 01:00.0
fresh
ln -s "$(realpath -m -s --relative-to="$R/$G/devices" "$R/sys/devices/pci0000:00/0000:00:17.0")" "$R/$G/devices/junk"
check_has group-unreadable 1 "junk entry in group devices/" 01:00.0 01:00.1
fresh
rm "$R/$G/devices/0000:01:00.1"
check_has group-unreadable 1 "member missing from the list" 01:00.0 01:00.1
fresh
rm "$(cd "$DEV/0000:01:00.1" && pwd -P)/iommu_group"
check_has group-unreadable 1 "listed member without a link" 01:00.0 01:00.1
if [ "$(id -u)" -eq 0 ]; then
    fresh
    chmod 755 "$T"
    cp "$VFIOTUI" "$T/vfiotui-copy" && chmod 755 "$T/vfiotui-copy"
    chmod 000 "$R/$G/devices"
    expect_status 1 "group devices/ chmod 000 (as nobody)" timeout 30 \
        runuser -u nobody -- "$T/vfiotui-copy" --sysroot "$R" --no-domains check 01:00.0 01:00.1
    grep -q '^error\[group-unreadable\]' "$T/out" || fail "chmod 000 group: no group-unreadable: $(cat "$T/out")"
    chmod 755 "$R/$G/devices"
else
    fresh
    chmod 000 "$R/$G/devices"
    check_has group-unreadable 1 "group devices/ chmod 000" 01:00.0 01:00.1
    chmod 755 "$R/$G/devices"
fi

# A device with no group on a host with an IOMMU
fresh
rm "$R/sys/kernel/iommu_groups/3/devices/0000:00:14.0" "$(cd "$DEV/0000:00:14.0" && pwd -P)/iommu_group"
check_has no-iommu-group 1 "device without a group" 00:14.0

# iommu_groups that exists but cannot be read is not "no IOMMU"
fresh
rm -rf "$R/sys/kernel/iommu_groups"
echo not a directory > "$R/sys/kernel/iommu_groups"
check_has iommu-unknown 1 "iommu_groups is a file" 01:00.0 01:00.1
grep -q '\[no-iommu\]' "$T/out" && fail "iommu_groups is a file: reported as no IOMMU"
"$VFIOTUI" --sysroot "$R" --no-domains list > "$T/l" 2>/dev/null
grep -q 'disabled or absent' "$T/l" && fail "iommu_groups is a file: list says the IOMMU is off"
grep -q 'cannot be read' "$T/l" || fail "iommu_groups is a file: list does not say it cannot be read"
"$VFIOTUI" --sysroot "$R" --no-domains list --json > "$T/j" 2>/dev/null
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["iommu"] is None and "iommu" in d["unknown"], d["unknown"]' "$T/j" ||
    fail "iommu_groups is a file: JSON does not say unknown"
# ... while a truly absent one is
fresh
rm -rf "$R/sys/kernel/iommu_groups"
check_has no-iommu 1 "iommu_groups absent" 01:00.0 01:00.1

# Route tables that cannot be read: every NIC may be the management NIC.
fresh
rm "$R/proc/net/route"
check_has host-nic-unknown 0 "proc/net/route missing" 00:1f.6
expect_status 0 "proc/net/route missing: not a NIC" "$VFIOTUI" --sysroot "$R" --no-domains check 01:00.0 01:00.1
fresh
rm "$R/proc/net/route"
mkfifo "$R/proc/net/route"
check_has host-nic-unknown 0 "proc/net/route is a FIFO" 00:1f.6
fresh
chmod 000 "$R/sys/class/net"
rm -f "$R/sys/class/net/enp0s31f6"
check_has host-nic-unknown 0 "route names an interface that cannot be followed" 00:1f.6
# Kernel facts: a release or host name with control bytes is unknown,
# and an unreadable command line is said, not taken as empty.
fresh
printf '\033[2J6.5.0\n' > "$R/proc/sys/kernel/osrelease"
printf 'evil\033]0;pwned\007\n' > "$R/proc/sys/kernel/hostname"
rm "$R/proc/cmdline"
mkfifo "$R/proc/cmdline"
check_has host-warning 0 "osrelease, hostname, cmdline" 01:00.0 01:00.1
grep -q osrelease "$T/out" || fail "osrelease with ESC: no warning naming it"
grep -q hostname "$T/out" || fail "hostname with ESC: no warning naming it"
grep -q cmdline "$T/out" || fail "cmdline FIFO: no warning naming it"
"$VFIOTUI" --sysroot "$R" --no-domains list --json > "$T/j" 2>&1
if LC_ALL=C grep -q "$(printf '\033')" "$T/out" "$T/j"; then fail "kernel facts: raw ESC in the output"; fi
finish
