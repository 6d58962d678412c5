# remote-daemon.sh - a private, real libvirtd for the remote tests and
# bench/remote-latency.sh; sourced, not run.
#
# remote_daemon_start DIR [SYSROOT]
#   Starts the system libvirtd (what qemu:///system talks to) as root in
#   a mount namespace of its own, so that nothing it does is seen
#   outside: /run, /var/lib, /var/cache and /var/log are empty tmpfs
#   there, /etc/libvirt is DIR/etc, and /etc/passwd and /etc/group gain
#   the libvirt-qemu user and kvm group the qemu driver insists on.
#   Its sockets are DIR/sock/libvirt-sock (read-write, no auth: only this
#   machine's users can reach them, and only while the test runs) and
#   DIR/sock/libvirt-sock-ro.
#   With SYSROOT (a tests/mkhost tree), the daemon's /sys/bus/pci, PCI
#   device trees and /sys/kernel/iommu_groups are that tree's, so its
#   node-device driver (udev) lists the fixture's devices: a real daemon
#   with hundreds of PCI node devices.  libudev accepts a tree that is not
#   sysfs only with SYSTEMD_DEVICE_VERIFY_SYSFS=0.
#   Sets RD_PID (the daemon), RD_SOCK and RD_URI (qemu:///system through
#   that socket).  Returns non-zero with a reason on stderr.
# remote_daemon_guests N
#   Defines N guests there (below).
# remote_daemon_stop
#   Stops it (SIGTERM, then SIGKILL) and waits; the namespace goes with it.

remote_daemon_start() {
    RD_DIR=$1
    RD_ROOT=${2:-}
    RD_PID=
    RD_SOCK=$RD_DIR/sock/libvirt-sock
    RD_URI="qemu:///system?socket=$RD_SOCK"
    if [ "$(id -u)" -ne 0 ]; then
        echo "a private system libvirtd needs root (a mount namespace)" >&2
        return 1
    fi
    for p in unshare libvirtd virsh; do
        command -v "$p" >/dev/null 2>&1 || { echo "$p is not installed" >&2; return 1; }
    done
    mkdir -p "$RD_DIR/etc" "$RD_DIR/sock" || return 1
    chmod 755 "$RD_DIR" "$RD_DIR/sock"
    cat > "$RD_DIR/etc/libvirtd.conf" <<EOF
unix_sock_dir = "$RD_DIR/sock"
unix_sock_rw_perms = "0777"
unix_sock_ro_perms = "0777"
auth_unix_rw = "none"
auth_unix_ro = "none"
log_outputs = "3:file:$RD_DIR/libvirtd.log"
EOF
    # read after the compiled-in user is looked up: both must exist
    printf 'user = "root"\ngroup = "root"\n' > "$RD_DIR/etc/qemu.conf"
    cp /etc/passwd "$RD_DIR/passwd" && cp /etc/group "$RD_DIR/group" || return 1
    getent passwd libvirt-qemu >/dev/null ||
        echo "libvirt-qemu:x:64055:64055::/var/lib/libvirt:/usr/sbin/nologin" >> "$RD_DIR/passwd"
    getent group kvm >/dev/null || echo "kvm:x:64055:" >> "$RD_DIR/group"
    getent group libvirt-qemu >/dev/null || echo "libvirt-qemu:x:64056:" >> "$RD_DIR/group"
    if [ -n "$RD_ROOT" ]; then
        for d in "$RD_ROOT"/sys/devices/pci*; do
            [ -d "/sys/devices/${d##*/}" ] || {
                echo "the fixture's ${d##*/} has no counterpart in /sys to mount over" >&2
                return 1
            }
        done
    fi
    # shellcheck disable=SC2016
    env ${RD_ROOT:+SYSTEMD_DEVICE_VERIFY_SYSFS=0} unshare -m --propagation private sh -c '
        dir=$1 root=$2
        set -e
        for m in /run /var/lib /var/cache /var/log; do mount -t tmpfs rd "$m"; done
        mount --bind "$dir/etc" /etc/libvirt
        mount --bind "$dir/passwd" /etc/passwd
        mount --bind "$dir/group" /etc/group
        if [ -n "$root" ]; then
            mount --bind "$root/sys/bus/pci" /sys/bus/pci
            for d in "$root"/sys/devices/pci*; do
                mount --bind "$d" "/sys/devices/${d##*/}"
            done
            if [ -d "$root/sys/kernel/iommu_groups" ] && [ -d /sys/kernel/iommu_groups ]; then
                mount --bind "$root/sys/kernel/iommu_groups" /sys/kernel/iommu_groups
            fi
        fi
        exec libvirtd -f "$dir/etc/libvirtd.conf" -p "$dir/libvirtd.pid"
    ' sh "$RD_DIR" "$RD_ROOT" > "$RD_DIR/daemon.out" 2>&1 &
    RD_PID=$!
    i=0
    while [ $i -lt 300 ]; do
        if ! kill -0 "$RD_PID" 2>/dev/null; then
            echo "libvirtd exited: $(cat "$RD_DIR/daemon.out" "$RD_DIR/libvirtd.log" 2>/dev/null | tail -n 5)" >&2
            RD_PID=
            return 1
        fi
        if [ -S "$RD_SOCK" ] && virsh -q -c "$RD_URI" version >/dev/null 2>&1; then
            return 0
        fi
        sleep 0.1
        i=$((i + 1))
    done
    echo "libvirtd did not answer on $RD_SOCK within 30 s" >&2
    remote_daemon_stop
    return 1
}

remote_daemon_stop() {
    [ -n "${RD_PID:-}" ] || return 0
    kill "$RD_PID" 2>/dev/null
    i=0
    while kill -0 "$RD_PID" 2>/dev/null && [ $i -lt 50 ]; do
        sleep 0.1
        i=$((i + 1))
    done
    kill -9 "$RD_PID" 2>/dev/null
    wait "$RD_PID" 2>/dev/null
    RD_PID=
}

# remote_daemon_guests N: defines N shut-off q35 guests guest1 ... guestN
# in the daemon, guest K holding 0000:KK:00.1 (a mkbig.sh NIC function)
# in its definition, so that listing costs what a host with guests does.
remote_daemon_guests() {
    k=1
    while [ "$k" -le "$1" ]; do
        cat > "$RD_DIR/guest$k.xml" <<XML
<domain type='qemu'>
  <name>guest$k</name>
  <memory unit='MiB'>96</memory>
  <vcpu>1</vcpu>
  <os><type arch='x86_64' machine='q35'>hvm</type></os>
  <devices>
    <emulator>/usr/bin/qemu-system-x86_64</emulator>
    <hostdev mode='subsystem' type='pci' managed='yes'>
      <source><address domain='0x0000' bus='$(printf '0x%02x' "$k")' slot='0x00' function='0x1'/></source>
    </hostdev>
  </devices>
</domain>
XML
        virsh -q -c "$RD_URI" define "$RD_DIR/guest$k.xml" > /dev/null || return 1
        k=$((k + 1))
    done
}
