#!/bin/sh
# nodedev-daemon.sh - the node-device source against a real libvirt
# daemon on this machine, reached through a transport URI as a remote
# host would be: `list --source libvirt` must agree with the sysfs
# `list` on the devices and their IDs.
. "$top_srcdir/tests/lib.sh"

use_session_user
# qemu:///session starts the daemon; the unix transport then reaches it
# by its socket, as a remote client reaches a remote daemon.
as_user virsh -q -c qemu:///session version > "$T/version" 2>&1 ||
    { fail "cannot reach qemu:///session: $(cat "$T/version")"; finish; }
sock=$SESSION_HOME/.cache/libvirt/libvirt-sock
[ -S "$sock" ] || sock=${XDG_RUNTIME_DIR:-/nonexistent}/libvirt/libvirt-sock
as_user test -S "$sock" || { fail "no session socket at $sock"; finish; }
URI="qemu+unix:///session?socket=$sock"

ids() { sed -n 's/^\t\([0-9a-f:.]\{12\}\) .*\[\([0-9a-f]\{4\}:[0-9a-f]\{4\}\)\].*/\1 \2/p' "$1" | sort; }

expect_status 0 "list from sysfs" as_user "$VT" --no-domains list
ids "$T/out" > "$T/sysfs"
expect_status 0 "list --source libvirt over $URI" as_user "$VT" -c "$URI" --source libvirt list
ids "$T/out" > "$T/libvirt"
[ -s "$T/sysfs" ] || fail "sysfs list is empty"
if diff -u "$T/sysfs" "$T/libvirt"; then
    ok "node devices agree with sysfs ($(wc -l < "$T/sysfs") devices)"
else
    fail "node-device source and sysfs disagree"
fi
# JSON agrees on IOMMU state and device count too.
as_user "$VT" --no-domains list --json > "$T/a.json"
as_user "$VT" -c "$URI" --source libvirt list --json > "$T/b.json"
[ "$(grep -c '"address"' "$T/a.json")" -eq "$(grep -c '"address"' "$T/b.json")" ] ||
    fail "JSON device counts differ"
[ "$(grep '"iommu"' "$T/a.json")" = "$(grep '"iommu"' "$T/b.json")" ] || fail "iommu state differs"
# check through libvirt cannot judge the host's disks: a storage
# controller gets host-disks-unknown (an error) instead of passing.
as_user "$VT" -c "$URI" --source libvirt list > "$T/lvlist" 2>&1
addr=$(sed -n 's/^\t\([0-9a-f:.]\{12\}\) [^[]*\[01[0-9a-f][0-9a-f]\].*/\1/p' "$T/lvlist" | head -n 1)
if [ -n "$addr" ]; then
    as_user "$VT" -c "$URI" --source libvirt check "$addr" > "$T/chk" 2>&1
    grep -q "^error\[host-disks-unknown\]: $addr .*cannot be told from this source" "$T/chk" ||
        fail "remote check of storage controller $addr did not say its disks cannot be judged: $(cat "$T/chk")"
else
    ok "no storage controller on this machine to check remotely"
fi
finish
