#!/bin/sh
# remote-ssh.sh - the manual's remote example over a real ssh: sshd on
# 127.0.0.1 and the system libvirtd at the far end
# (tests/remote-ssh-setup.sh).  `list` through qemu+ssh://server/system
# must be byte for byte what the same daemon gives through its local
# socket with --source libvirt, and agree with the far host's own sysfs
# on the devices and their IDs.  Needs root (skipped otherwise).
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/remote-ssh-setup.sh"

remote_ssh_setup vfiotui-sshtest 2> "$T/setup.err"
rc=$?
if [ $rc -eq 77 ]; then
    echo "SKIP: $(cat "$T/setup.err")"
    exit 77
fi
[ $rc -eq 0 ] || { fail "$(cat "$T/setup.err")"; finish; }

# run CMDLINE: as printed, over ssh
run() {
    remote_ssh_run "$1" > "$T/out" 2> "$T/err"
    echo $?
}

st=$(run 'vfiotui -c qemu+ssh://server/system list')
cp "$T/out" "$T/ssh.list"
[ "$st" -eq 0 ] && ok "list over qemu+ssh://server/system (exit 0)" ||
    fail "list over ssh: exit $st: $(cat "$T/err")"
as_user "$VT" -c "$RD_URI" --source libvirt list > "$T/local.list" 2> "$T/local.err" ||
    fail "local --source libvirt list failed: $(cat "$T/local.err")"
[ -s "$T/ssh.list" ] || fail "list over ssh printed nothing"
if cmp -s "$T/ssh.list" "$T/local.list"; then
    ok "list over ssh is what the local socket gives ($(grep -c '^	' "$T/ssh.list") devices)"
else
    fail "list over ssh differs from --source libvirt locally: $(diff "$T/local.list" "$T/ssh.list" | head -n 6)"
fi

ids() { sed -n 's/^\t\([0-9a-f:.]\{12\}\) .*\[\([0-9a-f]\{4\}:[0-9a-f]\{4\}\)\].*/\1 \2/p' "$1" | sort; }
as_user "$VT" --sysroot "$REMOTE_SSH_HOST" list > "$T/sysfs.list" 2>&1
ids "$T/sysfs.list" > "$T/sysfs.ids"
ids "$T/ssh.list" > "$T/ssh.ids"
if [ -s "$T/sysfs.ids" ] && cmp -s "$T/sysfs.ids" "$T/ssh.ids"; then
    ok "the far end's node devices are its sysfs devices"
else
    fail "node devices over ssh and the far host's sysfs disagree: $(diff "$T/sysfs.ids" "$T/ssh.ids" | head -n 6)"
fi

# the man page's example: the T4 is alone in its group, so it can go
st=$(run 'vfiotui -c qemu+ssh://server/system check 0000:41:00.0')
[ "$st" -eq 0 ] && grep -q '^note\[host-driver\]: 0000:41:00.0 ' "$T/out" &&
    ! grep -q '^error' "$T/out" &&
    ok "check 0000:41:00.0 over ssh (exit 0)" ||
    fail "check over ssh: exit $st: $(cat "$T/out" "$T/err" | head -n 4)"
as_user "$VT" -c "$RD_URI" --source libvirt check 0000:41:00.0 > "$T/local.check" 2>&1
cmp -s "$T/out" "$T/local.check" && ok "check over ssh is what the local socket gives" ||
    fail "check over ssh differs: $(diff "$T/local.check" "$T/out" | head -n 6)"
# a group that is not whole is refused over ssh as it is locally
st=$(run 'vfiotui -c qemu+ssh://server/system check 0000:01:00.0')
[ "$st" -eq 1 ] && grep -q '^error\[' "$T/out" && ok "check 0000:01:00.0 (the root disk's controller) over ssh is refused (exit 1)" ||
    fail "check 0000:01:00.0 over ssh: exit $st: $(cat "$T/out" "$T/err" | head -n 4)"

st=$(run 'vfiotui -c qemu+ssh://server/system list --json')
[ "$st" -eq 0 ] && [ "$(grep -c '"address"' "$T/out")" -eq "$(grep -c '^	' "$T/ssh.list")" ] &&
    ok "list --json over ssh" || fail "list --json over ssh: exit $st: $(head -c 300 "$T/err")"
finish
