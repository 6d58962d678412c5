#!/bin/sh
# ui-bind.sh - issue 13 in the interface, headless: the header's
# readiness indicator on the Fedora/Intel and Debian/AMD prep layers and
# on a host without an IOMMU (never "ready"), R's report, and the bind
# and unbind keys against the kernel-behaviour simulator tests/pcisim.c
# (preloaded, as tests/bind-sim.sh does) on a copy of twin-gpu: the
# confirmation lists the writes, y makes them, the tree and the
# fixture's driver link show vfio-pci, u gives the device back to its
# driver, a host-critical device is refused without F, g parks the
# group-mates.
. "$top_srcdir/tests/lib.sh"

[ -f "${PCISIM:-}" ] || { fail "the simulator is not built (PCISIM=${PCISIM:-})"; finish; }
if ldd "$VFIOTUI" 2>/dev/null | grep -q libasan; then
    ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0"
    export ASAN_OPTIONS
fi

# mk NAME HOST LAYER: the fixture HOST with LAYER laid over it, in $T/NAME
mk() {
    mkdir -p "$T/$1"
    "$MKHOST" "$top_srcdir/tests/hosts/$2.host" "$T/$1" || { fail "mkhost $2"; finish; }
    prep_layer "$3" "$T/$1"
}
# ui NAME SCRIPT: the interface on $T/NAME under the simulator, the
# script's dumps in $T/NAME.d
ui() {
    mkdir -p "$T/$1.d"
    expect_status 0 "$1: interface script" env LANG=C.UTF-8 PCISIM_ROOT="$T/$1" LD_PRELOAD="$PCISIM" \
        "$VFIOTUI" --sysroot "$T/$1" --no-domains ui --size 100x30 --script "$2" --dump-dir "$T/$1.d"
}
drv() {
    l=$(readlink "$T/fedora/sys/bus/pci/devices/$1/driver") && basename "$l" || echo none
}
want_drv() {
    [ "$(drv "$1")" = "$2" ] && ok "$3: $1 on $2" || fail "$3: $1 is on $(drv "$1"), not $2"
}
# has DUMP TEXT WHAT / hasnt DUMP TEXT WHAT: a fixed string in a dump
has() { grep -qF -- "$2" "$D/$1.txt" && ok "$3" || fail "$3: '$2' not in $1: $(cat "$D/$1.txt")"; }
hasnt() { grep -qF -- "$2" "$D/$1.txt" && fail "$3: '$2' in $1: $(cat "$D/$1.txt")" || ok "$3"; }
# header DUMP: the first line of a dump
header() { head -n 1 "$D/$1.txt"; }

mk fedora twin-gpu fedora-intel
mk debian twin-gpu debian-amd
mk noiommu no-iommu fedora-intel

# ---- the indicator ---------------------------------------------------------
printf 'dump start\nkey R\ndump report\nkey PgDn\nkey Esc\ndump closed\n' > "$T/ready.script"
for h in fedora debian noiommu; do
    ui "$h" "$T/ready.script"
done
D=$T/fedora.d
header start | grep -q ' ready$' && ok "fedora-intel: the header says ready" ||
    fail "fedora-intel: the header does not end in ready: $(header start)"
has report "Readiness: ready" "fedora-intel: R opens the report"
has report "ok[irq-remap]: Every IOMMU unit remaps interrupts." "fedora-intel: the report has ready's facts"
has report "Fedora Linux 39" "fedora-intel: the report names the distribution"
has report "The host is ready for VFIO." "fedora-intel: the report's verdict"
hasnt closed "Readiness:" "Esc closes the report"
D=$T/debian.d
header start | grep -q ' not ready: 1$' && ok "debian-amd: the header says not ready: 1" ||
    fail "debian-amd: $(header start)"
has report "error[vfio-ids]" "debian-amd: the report shows the error"
has report "  -> " "debian-amd: the remedy"
D=$T/noiommu.d
header start | grep -q ' not ready: [0-9]*$' && ok "no IOMMU: the header says not ready" ||
    fail "no IOMMU: $(header start)"
header start | grep -q ' ready$' && fail "no IOMMU: the header says ready"
has report "The host is not ready for VFIO" "no IOMMU: the report's verdict"

# the colour, in a real terminal: green only for ready, red otherwise
if command -v tmux >/dev/null 2>&1; then
    tmux_init uibind hdr
    esc=$(printf '\033')
    # the demo's facts cannot be read (no cpuinfo, no modules): yellow
    for h in fedora:32:ready debian:31:"not ready: 1" noiommu:31:"not ready: " demo:33:"ready?: 5 unknown"; do
        name=${h%%:*} rest=${h#*:}; sgr=${rest%%:*} text=${rest#*:}
        tm kill-server >/dev/null 2>&1
        SOCK=vfiotui-uibind-$$-$name    # each run its own server
        if [ "$name" = demo ]; then where=--demo; else where="--sysroot '$T/$name' --no-domains"; fi
        tm new-session -d -s "$S" -x 100 -y 30 \
            "env LANG=C.UTF-8 '$VFIOTUI' $where; sleep 60"
        wait_for "IOMMU group" || continue
        tm capture-pane -e -p -t "$S" | head -n 1 > "$T/hdr-$name"
        grep -qF "${esc}[${sgr}m${esc}[49m$text" "$T/hdr-$name" &&
            ok "$name: the indicator '$text' is drawn in colour $sgr" ||
            fail "$name: the indicator is not in colour $sgr: $(cat -v "$T/hdr-$name")"
        [ "$sgr" != 32 ] && grep -qF "${esc}[32m" "$T/hdr-$name" &&
            fail "$name: green in the header of a host that is not ready"
    done
    tm kill-server >/dev/null 2>&1
else
    fail "tmux is not installed"
fi

# ---- bind and unbind the GPU's audio function ----------------------------
cat > "$T/bind.script" <<'EOF'
type /
type 01:00.1
key Enter Space
key b
dump bind-confirm
key y
dump bound
key u
dump unbind-confirm
key y
dump unbound
key M
dump log
EOF
ui fedora "$T/bind.script"
D=$T/fedora.d
has bind-confirm "Bind to vfio-pci" "b opens the bind confirmation"
has bind-confirm 'record "0000:01:00.1 snd_hda_intel" in /run/vfiotui/bound' "it lists the record"
has bind-confirm 'write "vfio-pci" to /sys/bus/pci/devices/0000:01:00.1/driver_override' "it lists driver_override"
has bind-confirm 'write "0000:01:00.1" to /sys/bus/pci/devices/0000:01:00.1/driver/unbind' "it lists the unbind"
has bind-confirm 'write "0000:01:00.1" to /sys/bus/pci/drivers_probe' "it lists drivers_probe"
has bind-confirm "1 group-mate stays on its driver" "it names the group-mate left behind"
grep -q '\[x\] 0000:01:00.1 .*vfio-pci' "$D/bound.txt" && ok "after y the tree shows vfio-pci, the mark kept" ||
    fail "after y: $(cat "$D/bound.txt")"
has bound "bound 1 device: 0000:01:00.1: snd_hda_intel -> vfio-pci" "the status line reports the device"
has unbind-confirm "Give back to their drivers" "u opens the unbind confirmation"
has unbind-confirm 'forget 0000:01:00.1 in /run/vfiotui/bound' "it lists forgetting the record"
grep -q '\[x\] 0000:01:00.1 .*snd_hda_i' "$D/unbound.txt" && ok "after the unbind the tree shows snd_hda_intel" ||
    fail "after the unbind: $(cat "$D/unbound.txt")"
has unbound "gave 1 device back: 0000:01:00.1: vfio-pci -> snd_hda_intel" "the status line reports the unbind"
has log "0000:01:00.1: snd_hda_intel -> vfio-pci" "the log has the bind's result"
has log 'write "0000:01:00.1" to /sys/bus/pci/drivers_probe' "the log has the writes made"
want_drv 0000:01:00.1 snd_hda_intel "after bind and unbind"
[ -s "$T/fedora/run/vfiotui/bound" ] && fail "the unbind left a record: $(cat "$T/fedora/run/vfiotui/bound")"

# ---- the fixture's link after the bind alone -----------------------------
printf 'type /\ntype 01:00.1\nkey Enter\nkey b y\ndump bound\nkey R\ndump bound-report\n' > "$T/bind1.script"
ui fedora "$T/bind1.script"
# the rescan after the bind read the readiness again
has bound-report "ok[driver-override]: 0000:01:00.1 has driver_override vfio-pci and is bound to vfio-pci." \
    "after the bind R shows the new driver_override"
want_drv 0000:01:00.1 vfio-pci "after b y"
want_drv 0000:01:00.0 nvidia "its group-mate, not asked for"
grep -qx '0000:01:00.1 snd_hda_intel' "$T/fedora/run/vfiotui/bound" && ok "the original driver is recorded" ||
    fail "run/vfiotui/bound: $(cat "$T/fedora/run/vfiotui/bound" 2>&1)"

# ---- group-mates: g in the confirmation parks 01:00.0 too; u on the
# group row gives both back -------------------------------------------------
cat > "$T/mates.script" <<'EOF'
type /
type 01:00.1
key Enter
key b g
dump mates-confirm
key y
dump mates-bound
key Up Up Up
key u
dump group-unbind-confirm
key y
dump group-unbound
EOF
ui fedora "$T/mates.script"
has mates-confirm '0000:01:00.1 is on vfio-pci already' "the bound device has nothing to do"
has mates-confirm 'write "vfio-pci" to /sys/bus/pci/devices/0000:01:00.0/driver_override' "g adds the group-mate's writes"
has mates-confirm "0000:01:00.0: would go from nvidia to vfio-pci" "g names the group-mate"
grep -q '0000:01:00.0 .*vfio-pci' "$D/mates-bound.txt" && ok "the group-mate is parked" ||
    fail "after g y: $(cat "$D/mates-bound.txt")"
has group-unbind-confirm "0000:01:00.0: would leave vfio-pci" "u on the group row takes the group's endpoints"
want_drv 0000:01:00.0 nvidia "u on the group row"
want_drv 0000:01:00.1 snd_hda_intel "u on the group row"

# ---- a host-critical device: refused without F ----------------------------
cat > "$T/crit.script" <<'EOF'
type /
type 02:00.0
key Enter
key b
dump crit-confirm
key y
dump crit-y
key Esc
dump crit-cancelled
key b F
dump crit-forced
key u y
dump crit-back
EOF
ui fedora "$T/crit.script"
has crit-confirm "REFUSED 0000:02:00.0 stays with the host" "the console GPU is refused in the confirmation"
has crit-confirm "1 device refused: F forces it" "the keys say F forces it"
hasnt crit-confirm "driver_override" "no write is listed for a refused device"
has crit-y "F forces them" "y does not bind a refused device"
has crit-cancelled "cancelled; nothing was changed" "Esc cancels"
grep -q '0000:02:00.0 .*vfio-pci' "$D/crit-forced.txt" && ok "F binds it all the same" ||
    fail "after F: $(cat "$D/crit-forced.txt")"
want_drv 0000:02:00.0 nvidia "forced, then given back"

# ---- a remote host: libvirt's node-device detach, which the test driver
# does not have (tests/bind-sim.sh); the call is listed, its refusal shown
XML=$top_srcdir/data/demo-libvirt.xml
case $XML in /*) ;; *) XML=$PWD/$XML ;; esac
printf 'type /\ntype 01:00.1\nkey Enter\nkey b\ndump remote-confirm\nkey y\ndump remote-y\n' > "$T/remote.script"
mkdir -p "$T/remote.d"
expect_status 0 "remote: b y" env LANG=C.UTF-8 "$VFIOTUI" -c "test://$XML" --source libvirt ui --size 100x30 \
    --script "$T/remote.script" --dump-dir "$T/remote.d"
D=$T/remote.d
has remote-confirm "call virNodeDeviceDetachFlags on pci_0000_01_00_1 with driver vfio" "remote: the libvirt call is listed"
has remote-y "1 of 1 device failed or was refused: libvirt cannot detach 0000:01:00.1" "remote: libvirt's refusal is reported"

# ---- an mdev is not bound: b on its row, or with one marked, says so and
# binds nothing (its parent stays on its driver)
MROOT=$(host mdev-host)
printf 'key Down Down Down Down Down Down Down Down\nkey b\ndump mdev-b\nkey Space Home\nkey b\ndump mdev-marked-b\n' > "$T/mdev.script"
mkdir -p "$T/mdev.d"
expect_status 0 "mdev-host: b" env LANG=C.UTF-8 PCISIM_ROOT="$MROOT" LD_PRELOAD="$PCISIM" \
    "$VFIOTUI" --sysroot "$MROOT" --no-domains ui --size 100x30 --script "$T/mdev.script" --dump-dir "$T/mdev.d"
D=$T/mdev.d
has mdev-b "mdevs and their types are not bound to vfio-pci" "b on an mdev row is refused"
hasnt mdev-b "Bind to vfio-pci" "no confirmation for an mdev"
has mdev-marked-b "mdevs and their types are not bound to vfio-pci" "b with an mdev marked is refused"
[ -e "$MROOT/run/vfiotui/bound" ] && fail "a refused bind recorded a driver: $(cat "$MROOT/run/vfiotui/bound")"

# ---- the demo host cannot bind: a message, nothing else --------------------
printf 'key b\ndump demo-bind\n' > "$T/demo.script"
mkdir -p "$T/demo.d"
expect_status 0 "demo: b" env LANG=C.UTF-8 "$VFIOTUI" --demo ui --size 100x30 --script "$T/demo.script" --dump-dir "$T/demo.d"
grep -q "cannot bind: the demo host has no devices to bind" "$T/demo.d/demo-bind.txt" &&
    ok "demo: b says why it cannot bind" || fail "demo: $(cat "$T/demo.d/demo-bind.txt")"
head -n 1 "$T/demo.d/demo-bind.txt" | grep -q 'ready?: [0-9]* unknown$' &&
    ok "demo: the indicator says what is unknown" || fail "demo: $(head -n 1 "$T/demo.d/demo-bind.txt")"

finish
