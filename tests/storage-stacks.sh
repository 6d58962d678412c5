#!/bin/sh
# storage-stacks.sh - for each storage fixture host, `check` flags exactly
# the controllers that hold its filesystems (host-root-disk), or, where
# the disks cannot be followed, every storage and USB controller
# (host-disks-unknown); the other devices are not flagged.
. "$top_srcdir/tests/lib.sh"

# flagged ROOT LABEL ADDR CODE [TEXT]: check ADDR exits 1 with an error
# CODE about ADDR, whose message contains TEXT.
flagged() {
    expect_status 1 "$2: $3 $4" timeout 20 "$VFIOTUI" --sysroot "$1" --no-domains check "$3"
    if ! grep -q "^error\[$4\]: $3 " "$T/out"; then
        fail "$2: no $4 error on $3: $(head -c 600 "$T/out")"
    elif [ -n "${5-}" ] && ! grep "^error\[$4\]: $3 " "$T/out" | grep -q -F -- "$5"; then
        fail "$2: the $4 error on $3 does not say '$5': $(grep "^error\[$4\]" "$T/out")"
    fi
}

# clean ROOT LABEL ADDR: check ADDR says nothing about host disks.
clean() {
    timeout 20 "$VFIOTUI" --sysroot "$1" --no-domains check "$3" > "$T/out" 2> "$T/err"
    if grep -q -e 'host-root-disk' -e 'host-disks-unknown' "$T/out"; then
        fail "$2: $3 is flagged but holds nothing: $(grep -e host-root-disk -e host-disks-unknown "$T/out")"
    else
        ok "$2: $3 not flagged"
    fi
}

NV0=0000:02:00.0 NV1=0000:03:00.0 XHCI=0000:00:14.0 AHCI=0000:00:17.0
NIC=0000:00:1f.6 GPU=0000:00:02.0

# --- ZFS: the pool's members are unknown without the disks: fail closed
R=$(host zfs-root)
for a in $NV0 $NV1 $AHCI $XHCI; do
    flagged "$R" zfs-root $a host-disks-unknown "/ (zfs rpool/ROOT/pve-1)"
done
clean "$R" zfs-root $NIC
clean "$R" zfs-root $GPU
expect_status 1 "zfs-root: xml refuses a maybe-root controller" \
    "$VFIOTUI" --sysroot "$R" --no-domains xml $NV0
[ -s "$T/out" ] && fail "zfs-root: xml printed XML for $NV0"
expect_status 0 "zfs-root: --force overrides host-disks-unknown" \
    "$VFIOTUI" --sysroot "$R" --no-domains xml --force $NV0
"$VFIOTUI" --sysroot "$R" --no-domains list --json > "$T/list.json" 2> "$T/err"
grep -q 'rpool/ROOT/pve-1' "$T/err" "$T/list.json" || fail "zfs-root: no warning names the pool"
# in JSON a null root_disk proves nothing when some disks are unknown
python3 -c 'import json,sys; sys.exit("root_disk" not in json.load(open(sys.argv[1]))["unknown"])' "$T/list.json" &&
    ok "zfs-root: JSON lists root_disk as unknown" || fail "zfs-root: JSON unknown lacks root_disk"

# --- ZFS with readable devices: libblkid finds the pool's members
R=$(host zfs-mirror)
flagged "$R" zfs-mirror $NV0 host-root-disk "nvme0n1p3 holds /"
flagged "$R" zfs-mirror $NV1 host-root-disk "nvme1n1p3 holds /"
clean "$R" zfs-mirror $AHCI
clean "$R" zfs-mirror $XHCI
# one device that cannot be read might be a member too
rm -f "$R/dev/sda"
flagged "$R" zfs-mirror-unreadable $AHCI host-disks-unknown "/ (zfs rpool/ROOT/pve-1)"
flagged "$R" zfs-mirror-unreadable $NV0 host-root-disk "nvme0n1p3 holds /"

# --- /dev/root: the MAJ:MIN leads to sda2 on the AHCI controller
R=$(host dev-root)
flagged "$R" dev-root $AHCI host-root-disk "sda2 holds /"
clean "$R" dev-root $NV0
clean "$R" dev-root $NV1
clean "$R" dev-root $XHCI
"$VFIOTUI" --sysroot "$R" --no-domains list --json > "$T/list.json"
python3 -c 'import json,sys; sys.exit("root_disk" in json.load(open(sys.argv[1]))["unknown"])' "$T/list.json" &&
    ok "dev-root: JSON root_disk is known" || fail "dev-root: JSON lists root_disk as unknown"
# ...and when that MAJ:MIN leads nowhere, nothing is let through
majmin=$(awk '$5 == "/" { print $3 }' "$R/proc/self/mountinfo")
rm -f "$R/sys/dev/block/$majmin"
flagged "$R" dev-root-unresolved $AHCI host-disks-unknown "/ (ext4 /dev/root)"
flagged "$R" dev-root-unresolved $NV0 host-disks-unknown
flagged "$R" dev-root-unresolved $XHCI host-disks-unknown
clean "$R" dev-root-unresolved $NIC

# --- /dev/disk/by-uuid/...: the MAJ:MIN leads to the second NVMe drive
R=$(host byuuid-root)
flagged "$R" byuuid-root $NV1 host-root-disk "nvme1n1p2 holds /"
clean "$R" byuuid-root $NV0
clean "$R" byuuid-root $AHCI

# --- btrfs RAID1: both members' controllers, through sys/fs/btrfs
R=$(host btrfs-raid1)
flagged "$R" btrfs-raid1 $NV0 host-root-disk "nvme0n1p2 holds /"
flagged "$R" btrfs-raid1 $NV1 host-root-disk "nvme1n1p2 holds /"
clean "$R" btrfs-raid1 $AHCI
rm -rf "$R/sys/fs/btrfs"
flagged "$R" btrfs-no-sysfs $AHCI host-disks-unknown "/ (btrfs /dev/nvme0n1p2)"

# --- LUKS on LVM on md RAID1 across NVMe and SATA
R=$(host luks-on-lvm-on-md)
flagged "$R" luks-on-lvm-on-md $NV0 host-root-disk "nvme0n1p2 -> md0 -> dm-0 (vg0-cryptroot) -> dm-1 (luks-root) holds /"
flagged "$R" luks-on-lvm-on-md $AHCI host-root-disk "sda2 -> md0"
clean "$R" luks-on-lvm-on-md $NV1
clean "$R" luks-on-lvm-on-md $XHCI
# a stacked device whose slaves cannot be read fails closed
rm -rf "$R/sys/devices/virtual/block/md0/slaves"
flagged "$R" md-slaves-gone $NV1 host-disks-unknown "/ (ext4 /dev/mapper/luks-root)"

# --- a partitioned md array: md0p1 is followed to md0's slaves
R=$(host md-partition)
flagged "$R" md-partition $NV0 host-root-disk "nvme0n1 -> md0 -> md0p1 holds /"
flagged "$R" md-partition $NV1 host-root-disk "nvme1n1 -> md0 -> md0p2 holds swap"
clean "$R" md-partition $AHCI

# --- bcache: the backing disk and the caching partition
R=$(host bcache)
flagged "$R" bcache $AHCI host-root-disk "sda -> bcache0 holds /"
flagged "$R" bcache $NV0 host-root-disk "nvme0n1p2 -> bcache0 holds /"
clean "$R" bcache $NV1

# --- dm-multipath over two SAS HBAs
R=$(host multipath)
flagged "$R" multipath 0000:05:00.0 host-root-disk "sdb -> dm-0 (mpatha) -> dm-1 (mpatha1) holds /"
flagged "$R" multipath 0000:06:00.0 host-root-disk "sdc -> dm-0 (mpatha)"
flagged "$R" multipath $NV0 host-root-disk "nvme0n1p1 holds /boot"
clean "$R" multipath $NV1
clean "$R" multipath $AHCI

# --- native NVMe multipath: both controllers of the subsystem
R=$(host nvme-multipath)
flagged "$R" nvme-multipath $NV0 host-root-disk "nvme0n1p2 holds /"
flagged "$R" nvme-multipath $NV1 host-root-disk "nvme0n1p2 holds /"
clean "$R" nvme-multipath $AHCI

# --- a USB stick: its xHCI controller
R=$(host usb-root)
flagged "$R" usb-root $XHCI host-root-disk "sdb2 holds /"
clean "$R" usb-root $AHCI
clean "$R" usb-root $NV0

# --- NFS root: the NIC that routes to the server, not the default one
R=$(host nfs-root)
flagged "$R" nfs-root 0000:05:00.0 host-root-disk "/ is on nfs4 (10.0.0.5:/export/diskless); its traffic goes through enp5s0"
clean "$R" nfs-root $NIC
clean "$R" nfs-root $AHCI
clean "$R" nfs-root $NV0

# --- iSCSI: the NIC routing to the portal; NBD: every NIC with a route
R=$(host iscsi-root)
flagged "$R" iscsi-root 0000:05:00.0 host-root-disk "/ is on iSCSI disk sdb1; its traffic goes through enp5s0"
flagged "$R" iscsi-root $NIC host-root-disk "/var/lib/images is on network block device nbd0"
"$VFIOTUI" --sysroot "$R" --no-domains check $NIC | grep -q "/ is on iSCSI" &&
    fail "iscsi-root: $NIC flagged for / though the portal is routed elsewhere"
flagged "$R" iscsi-root $NV0 host-root-disk "nvme0n1p1 holds /boot"
clean "$R" iscsi-root $AHCI

# --- swap alone on another controller
R=$(host swap-elsewhere)
flagged "$R" swap-elsewhere $AHCI host-root-disk "sda1 holds swap"
flagged "$R" swap-elsewhere $NV0 host-root-disk "nvme0n1p2 holds /"
clean "$R" swap-elsewhere $NV1

# --- 10x10 fan-out of slaves: linear with the visited set
R=$(host slaves-fanout)
start=$(date +%s)
expect_status 1 "slaves-fanout: finishes" timeout 20 "$VFIOTUI" --sysroot "$R" --no-domains check $NV0
took=$(( $(date +%s) - start ))
[ "$took" -le 5 ] || fail "slaves-fanout took ${took}s (10^10 paths: no visited set?)"
grep -q "^error\[host-root-disk\]: $NV0 .*dm-100 (top) holds /" "$T/out" ||
    fail "slaves-fanout: $NV0 not flagged: $(head -c 400 "$T/out")"
clean "$R" slaves-fanout $NV1

# --- an unreadable sys/class/block and sys/dev/block: fail closed
R=$(host desktop-gpu)
rm -rf "$R/sys/class/block" "$R/sys/dev/block"
flagged "$R" class-block-gone $AHCI host-disks-unknown "/ (ext4 /dev/sda2)"
flagged "$R" class-block-gone $XHCI host-disks-unknown
clean "$R" class-block-gone 0000:01:00.0

# --- a malformed mountinfo line is not skipped silently
rm -rf "$T/desktop-gpu" && R=$(host desktop-gpu)
echo "this is not a mountinfo line" >> "$R/proc/self/mountinfo"
flagged "$R" mountinfo-bad-line $XHCI host-disks-unknown "of proc/self/mountinfo"

finish
