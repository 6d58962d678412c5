#!/bin/sh
# realhost-check.sh - on this machine's real host, find the PCI device
# behind / independently (findmnt, lsblk, sysfs) and require `check` to
# call it host storage (and to report no-iommu when there are no groups).
. "$top_srcdir/tests/lib.sh"

src=$(findmnt -n -o SOURCE /)
[ -n "$src" ] || { fail "findmnt found no source for /"; finish; }
dev=$(basename "$(readlink -f "$src")")
# go down through partitions and dm/md to the disks
disks=$(lsblk -n -s -r -o NAME,TYPE "/dev/$dev" 2>/dev/null | awk '$2=="disk"{print $1}' | sort -u)
[ -n "$disks" ] || disks=$dev
found=
for d in $disks; do
    path=$(readlink -f "/sys/class/block/$d")
    addr=$(printf '%s\n' "$path" | tr '/' '\n' |
           grep -E '^[0-9a-f]{4}:[0-9a-f]{2}:[0-9a-f]{2}\.[0-7]$' | tail -n 1)
    [ -n "$addr" ] && found="$found $addr"
done
if [ -z "$found" ]; then
    fail "/ is on $src, which is not behind a PCI device here; cannot test"
    finish
fi
for addr in $found; do
    expect_status 1 "check $addr (holds /)" "$VFIOTUI" --no-domains check "$addr"
    grep -q '^error\[host-root-disk\]' "$T/out" || fail "check $addr did not report host-root-disk: $(cat "$T/out")"
    if [ -z "$(ls /sys/kernel/iommu_groups 2>/dev/null)" ]; then
        grep -q '^error\[no-iommu\]' "$T/out" || fail "host has no IOMMU groups but check did not say no-iommu"
    fi
done
finish
