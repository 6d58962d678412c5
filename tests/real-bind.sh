#!/bin/sh
# real-bind.sh - `make check-real-bind DEVICE=0000:BB:SS.F`: bind a spare
# PCI device of THIS machine to vfio-pci with vfiotui and give it back,
# checking the kernel's driver link after each step.  Opt-in only: CI
# never runs it.  Run as root, with a device nothing uses (not the
# console GPU, the root disk's controller or the NIC you are on: vfiotui
# refuses those, and this test does not pass --force).
set -u
: "${VFIOTUI:?}" "${DEVICE:?make check-real-bind DEVICE=0000:BB:SS.F}"
fail() { echo "FAIL: $*" >&2; exit 1; }
drv() { l=$(readlink "/sys/bus/pci/devices/$DEVICE/driver") && basename "$l" || echo none; }

[ "$(id -u)" -eq 0 ] || fail "run it as root: it writes to /sys"
[ -e "/sys/bus/pci/devices/$DEVICE" ] || fail "no PCI device $DEVICE (use the full form 0000:01:00.0)"
modprobe vfio-pci 2>/dev/null || true
before=$(drv)
echo "$DEVICE is on $before"
"$VFIOTUI" bind --dry-run "$DEVICE" || fail "bind --dry-run failed"
[ "$(drv)" = "$before" ] || fail "the dry run moved the device"
"$VFIOTUI" bind "$DEVICE" || fail "bind failed (the device is back on $(drv))"
[ "$(drv)" = vfio-pci ] || fail "after bind $DEVICE is on $(drv)"
grep -q "^$DEVICE " /run/vfiotui/bound || fail "/run/vfiotui/bound does not record $DEVICE"
"$VFIOTUI" unbind "$DEVICE" || fail "unbind failed (the device is on $(drv))"
if [ "$before" = none ]; then
    [ "$(drv)" = none ] || fail "after unbind $DEVICE is on $(drv), it had no driver"
else
    [ "$(drv)" = "$before" ] || fail "after unbind $DEVICE is on $(drv), not $before"
fi
[ "$(cat "/sys/bus/pci/devices/$DEVICE/driver_override")" = "(null)" ] ||
    fail "unbind left driver_override set"
echo "ok: $DEVICE went to vfio-pci and back to $before"
