#!/bin/sh
# ready-boot.sh - vfiotui ready and boot on fixture hosts: twin-gpu.host
# (two identical GPUs, 01:00 for a guest, 02:00 the host's console)
# under the layers tests/hosts/prep/fedora-intel (Fedora, Intel, both
# DMAR units remapping interrupts) and debian-amd (Debian, AMD, a
# vfio-pci.ids in modprobe.d that also catches the host's GPU), and
# no-iommu.host under the Fedora layer.  Exact output (goldens), the
# exact files boot --apply writes under the sysroot, a second --apply
# that changes nothing (same inode and mtime), and --undo.
. "$top_srcdir/tests/lib.sh"

# mk NAME HOST LAYER: the fixture HOST with LAYER laid over it, in $T/NAME
mk() {
    mkdir -p "$T/$1"
    "$MKHOST" "$top_srcdir/tests/hosts/$2.host" "$T/$1" || { fail "mkhost $2"; finish; }
    prep_layer "$3" "$T/$1"
}

# run NAME WANT GOLDEN ARGS...: vfiotui --sysroot $T/NAME ARGS, exit
# WANT, stdout (the sysroot's path as ROOT) against tests/golden/GOLDEN
run() {
    name=$1 want=$2 gold=$3; shift 3
    expect_status "$want" "$name: vfiotui $*" "$VFIOTUI" --sysroot "$T/$name" "$@"
    sed "s|$T/$name|ROOT|g" "$T/out" > "$T/$gold"
    golden "$gold" "$T/$gold"
}

# files NAME: every file under the sysroot's etc and run, with its text
files() {
    (cd "$T/$1" && find etc run -type f 2>/dev/null | LC_ALL=C sort | while read -r f; do
        echo "== $f"
        cat "$f"
    done)
}

# stamp NAME: inode, mtime and size of vfiotui's files
stamp() {
    (cd "$T/$1" && stat -c '%n %i %Y.%y %s' etc/modprobe.d/vfiotui.conf \
        etc/udev/rules.d/10-vfiotui.rules etc/dracut.conf.d/vfiotui.conf \
        etc/initramfs-tools/modules 2>/dev/null)
}

mk fedora twin-gpu fedora-intel
mk debian twin-gpu debian-amd
mk noiommu no-iommu fedora-intel

# ---- ready ---------------------------------------------------------------
run fedora 0 ready-fedora-intel.txt ready
run debian 1 ready-debian-amd.txt ready
run noiommu 1 ready-no-iommu.txt ready
grep -q '^unknown\[irq-remap\]' "$T/ready-debian-amd.txt" ||
    fail "an AMD host's interrupt remapping is not reported unknown"
# fail closed: a host whose cpuinfo and modules cannot be read
mkdir -p "$T/bare"
"$MKHOST" "$top_srcdir/tests/hosts/twin-gpu.host" "$T/bare" || fail "mkhost bare"
rm -rf "$T/bare/lib"
expect_status 1 "bare: ready with no cpuinfo, os-release or modules" "$VFIOTUI" --sysroot "$T/bare" ready
grep -q '^unknown\[kernel-args\]' "$T/out" || fail "an unreadable cpuinfo is not unknown: $(cat "$T/out")"
grep -q '^unknown\[vfio_iommu_type1\]' "$T/out" || fail "unreadable modules are not unknown: $(cat "$T/out")"
grep -q '^ok\[kernel-args\]' "$T/out" && fail "an unreadable cpuinfo reads as ok"

# ---- boot: the plan ------------------------------------------------------
before=$(files fedora)
run fedora 0 boot-fedora-twin.txt boot 01:00.0 01:00.1
[ "$(files fedora)" = "$before" ] || fail "boot without --apply wrote something"
run debian 0 boot-debian-twin.txt boot --whole-groups 01:00.0
run noiommu 0 boot-no-iommu.txt boot 00:14.0
grep -q 'intel_iommu=on' "$T/boot-no-iommu.txt" || fail "boot on an Intel host without IOMMU names no intel_iommu=on"
# vfio-pci built in: modprobe.d cannot reach it, the IDs go on the
# kernel command line (printed, never written)
mk builtin desktop-gpu fedora-intel
echo kernel/drivers/vfio/pci/vfio-pci.ko >> "$T/builtin/lib/modules/6.5.0-21-generic/modules.builtin"
run builtin 0 boot-builtin.txt boot 01:00.0 01:00.1
grep -q '^Kernel arguments.*: vfio-pci.ids=10de:2484,10de:228b$' "$T/boot-builtin.txt" ||
    fail "a built-in vfio-pci gets no vfio-pci.ids argument"
grep -q '^+options vfio-pci' "$T/boot-builtin.txt" && fail "a built-in vfio-pci gets a modprobe.d options line"
# a remote host: what libvirt's capabilities say
XML=$top_srcdir/data/demo-libvirt.xml
case $XML in /*) ;; *) XML=$PWD/$XML ;; esac
expect_status 1 "ready on the libvirt test driver" "$VFIOTUI" -c "test://$XML" --source libvirt ready
grep -q "^error\[iommu\]: libvirt reports no IOMMU support on the host (<iommu support='no'/>)" "$T/out" ||
    fail "ready does not report libvirt's <iommu support='no'/>: $(cat "$T/out")"
grep -q '^unknown\[kernel-args\]' "$T/out" || fail "a remote host's kernel arguments are not unknown"
# dry run: the same diff, nothing written
expect_status 0 "debian: boot --apply --dry-run" "$VFIOTUI" --sysroot "$T/debian" boot --apply --dry-run 01:00.0 01:00.1
[ -e "$T/debian/etc/modprobe.d/vfiotui.conf" ] && fail "boot --apply --dry-run wrote vfiotui.conf"
grep -q '^+softdep nvidia pre: vfio-pci$' "$T/out" || fail "the dry run shows no diff: $(cat "$T/out")"

# refusals: the host's GPU, a bridge, a missing device, a remote host
expect_status 2 "boot refuses the console GPU" "$VFIOTUI" --sysroot "$T/fedora" boot 02:00.0
grep -q 'boot_vga' "$T/err" || fail "the refusal does not say why: $(cat "$T/err")"
expect_status 0 "boot --force takes the console GPU" "$VFIOTUI" --sysroot "$T/fedora" boot --force 02:00.0
expect_status 2 "boot refuses a bridge, even with --force" "$VFIOTUI" --sysroot "$T/fedora" boot --force 00:01.0
expect_status 2 "boot refuses an address not on the host" "$VFIOTUI" --sysroot "$T/fedora" boot 42:00.0
expect_status 2 "boot --undo takes no address" "$VFIOTUI" --sysroot "$T/fedora" boot --undo 01:00.0
expect_status 2 "boot refuses a remote host" "$VFIOTUI" -c "test://$XML" --source libvirt boot 01:00.0
[ "$(files fedora)" = "$before" ] || fail "a refused boot wrote something"

# ---- boot --apply, twice, then --undo ------------------------------------
for v in fedora debian; do
    orig_modules=$(cat "$T/$v/etc/initramfs-tools/modules" 2>/dev/null)
    run $v 0 boot-apply-$v.txt boot --apply 01:00.0 01:00.1
    files $v > "$T/files-$v.txt"
    golden "boot-files-$v.txt" "$T/files-$v.txt"
    s1=$(stamp $v)
    sleep 1
    expect_status 0 "$v: a second boot --apply" "$VFIOTUI" --sysroot "$T/$v" boot --apply 01:00.0 01:00.1
    grep -q '^No file to change' "$T/out" || fail "$v: the second --apply plans a change: $(cat "$T/out")"
    grep -q '^Wrote\|^Created' "$T/out" && fail "$v: the second --apply wrote a file"
    [ "$(stamp $v)" = "$s1" ] || fail "$v: the second --apply touched a file: $s1 / $(stamp $v)"
    run $v 0 boot-undo-$v.txt boot --undo --apply
    [ -e "$T/$v/etc/modprobe.d/vfiotui.conf" ] && fail "$v: --undo left vfiotui.conf"
    [ -e "$T/$v/etc/udev/rules.d/10-vfiotui.rules" ] && fail "$v: --undo left the udev rule"
    [ -e "$T/$v/etc/dracut.conf.d/vfiotui.conf" ] && fail "$v: --undo left the dracut file"
    [ "$(cat "$T/$v/etc/initramfs-tools/modules" 2>/dev/null)" = "$orig_modules" ] ||
        fail "$v: --undo did not restore etc/initramfs-tools/modules"
    [ -e "$T/$v/etc/modprobe.d/vfiotui.conf~" ] || fail "$v: --undo kept no backup of vfiotui.conf"
    expect_status 0 "$v: a second --undo" "$VFIOTUI" --sysroot "$T/$v" boot --undo --apply
    grep -q '^No file to change' "$T/out" || fail "$v: the second --undo plans a change: $(cat "$T/out")"
done
finish
