# remote-ssh-setup.sh - make `vfiotui -c qemu+ssh://server/system ...`
# work for real, for the manual's remote example; sourced after
# tests/lib.sh, not run.
#
# remote_ssh_setup [USER]
#   As root, starts in $T:
#   - a real libvirtd, the system daemon, in a mount namespace of its own
#     (tests/remote-daemon.sh).  Its node-device driver sees the fixture
#     host "server" below (a Tesla T4 alone in IOMMU group 3 at
#     0000:41:00.0, an NVMe root disk, the NIC it is reached through) in
#     place of this machine's PCI bus;
#   - a real OpenSSH sshd on a free port of 127.0.0.1, with its own
#     config and host key, in a mount namespace whose /run/libvirt is
#     that daemon's socket directory.  So the far end runs exactly what
#     libvirt's client asks for (`virt-ssh-helper qemu:///system`, or nc)
#     and finds the system daemon where it always looks;
#   - for an unprivileged user, a ~/.ssh/config that makes `server` that
#     sshd, logging in as that user with a key made here.  OpenSSH reads
#     ~/.ssh/config from the passwd home, not $HOME, so the user's own
#     home is the only clean place.  The user is USER (use_session_user
#     USER), else the one use_session_user already chose, else
#     vfiotui-ssh.  Two tests that run at the same time need two users.
#   Defines remote_ssh_run CMDLINE: runs the shell command line CMDLINE
#   as that user with this build's vfiotui first on PATH, so
#       remote_ssh_run 'vfiotui -c qemu+ssh://server/system list'
#   runs the example exactly as printed.  Sets REMOTE_SSH_HOST (the
#   fixture's tree, for a local comparison) and RD_URI (the daemon's
#   local socket).  Adds remote_ssh_cleanup (stops sshd and the daemon)
#   in front of the EXIT trap already set (lib.sh's removes $T).
#   Returns 0; 77 when this machine cannot do it (not root, no sshd),
#   1 on a failure; the reason goes to stderr.

. "$top_srcdir/tests/remote-daemon.sh"

REMOTE_SSH_PID=
REMOTE_SSH_CONFIG=
REMOTE_SSH_MARK="# written by vfiotui's tests/remote-ssh-setup.sh for this test run"

remote_ssh_cleanup() {
    if [ -n "$REMOTE_SSH_PID" ]; then
        kill "$REMOTE_SSH_PID" 2>/dev/null
        wait "$REMOTE_SSH_PID" 2>/dev/null
        REMOTE_SSH_PID=
    fi
    remote_daemon_stop
    # the user's ssh config, if it is still the one written here
    if [ -n "$REMOTE_SSH_CONFIG" ] &&
       [ "$(head -n 1 "$REMOTE_SSH_CONFIG" 2>/dev/null)" = "$REMOTE_SSH_MARK" ]; then
        rm -f "$REMOTE_SSH_CONFIG"
    fi
    REMOTE_SSH_CONFIG=
}

# the remote host: an EPYC-like server with a compute GPU alone in its
# IOMMU group behind a root port, plus the NVMe disk and NIC it runs on
remote_ssh_host() {
    cat <<'EOF'
host server
kernel 6.1.0-18-amd64
cmdline root=/dev/nvme0n1p2 ro amd_iommu=on iommu=pt
vfio loaded

dev 0000:00:00.0 1022:1480 class=060000 group=0 reset=-
dev 0000:00:01.1 1022:1483 class=060400 group=1 driver=pcieport bridge
dev 0000:01:00.0 144d:a808 class=010802 sub=144d:a801 group=1 driver=nvme parent=0000:00:01.1
dev 0000:00:02.1 1022:1483 class=060400 group=2 driver=pcieport bridge
dev 0000:02:00.0 8086:1533 class=020000 rev=03 group=2 driver=igb parent=0000:00:02.1
dev 0000:00:03.1 1022:1483 class=060400 group=3 driver=pcieport bridge
dev 0000:41:00.0 10de:1eb8 class=030200 rev=a1 sub=10de:12a2 group=3 driver=nvidia parent=0000:00:03.1

disk nvme0n1 on=0000:01:00.0 type=nvme
part nvme0n1p1 of=nvme0n1
part nvme0n1p2 of=nvme0n1
mount /dev/nvme0n1p2 / ext4
mount /dev/nvme0n1p1 /boot/efi vfat
net eno1 on=0000:02:00.0
route eno1 default via 192.0.2.1
EOF
}

remote_ssh_setup() {
    rs_arg=${1:-}
    rs=$T/ssh
    if [ "$(id -u)" -ne 0 ]; then
        echo "remote_ssh_setup: needs root (a private sshd and system libvirtd)" >&2
        return 77
    fi
    for p in /usr/sbin/sshd ssh ssh-keygen virt-ssh-helper unshare python3; do
        command -v "$p" >/dev/null 2>&1 ||
            { echo "remote_ssh_setup: $p is missing (openssh-server, libvirt-daemon)" >&2; return 77; }
    done
    # keep the caller's EXIT trap, after ours
    trap > "$T/traps"
    eval "set -- $(sed -n 's/^trap -- \(.*\) EXIT$/\1/p' "$T/traps")"
    # shellcheck disable=SC2064
    trap "remote_ssh_cleanup; ${1:-rm -rf \"\$T\"}" EXIT
    if [ -n "$rs_arg" ] || [ -z "${SESSION_USER:-}" ]; then
        use_session_user "${rs_arg:-vfiotui-ssh}"
    fi
    rs_user=$SESSION_USER
    mkdir -p "$rs" "$T/server" && chmod 755 "$rs" || return 1

    # the far end's daemon
    REMOTE_SSH_HOST=$T/server
    remote_ssh_host > "$rs/server.host"
    "$MKHOST" "$rs/server.host" "$REMOTE_SSH_HOST" ||
        { echo "remote_ssh_setup: mkhost failed" >&2; return 1; }
    remote_daemon_start "$T/rd" "$REMOTE_SSH_HOST" || return 1

    # sshd: its own host key and config; logins by key, as $rs_user only
    port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    ssh-keygen -q -t ed25519 -N '' -C server -f "$rs/host_key" || return 1
    ssh-keygen -q -t ed25519 -N '' -C "$rs_user" -f "$rs/id" || return 1
    cp "$rs/id.pub" "$rs/authorized_keys"
    chown "$rs_user" "$rs/id" "$rs/id.pub"
    cat > "$rs/sshd_config" <<EOF
ListenAddress 127.0.0.1
Port $port
HostKey $rs/host_key
PidFile none
AuthorizedKeysFile $rs/authorized_keys
StrictModes no
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM yes
AllowUsers $rs_user
PermitUserEnvironment no
X11Forwarding no
AllowTcpForwarding no
PrintMotd no
LogLevel ERROR
EOF
    # a fresh /run, with sshd's privilege-separation directory and the
    # daemon's sockets where clients on that host look for them
    unshare -m --propagation private sh -c '
        set -e
        mount -t tmpfs rs /run
        mkdir -p /run/sshd /run/libvirt
        chmod 755 /run /run/sshd /run/libvirt
        mount --bind "$1" /run/libvirt
        exec /usr/sbin/sshd -D -e -f "$2"
    ' sh "$RD_DIR/sock" "$rs/sshd_config" > "$rs/sshd.log" 2>&1 &
    REMOTE_SSH_PID=$!

    # the client: `server` is that sshd, for $rs_user
    echo "server $(cut -d' ' -f1,2 "$rs/host_key.pub")" > "$rs/known_hosts"
    mkdir -p "$SESSION_HOME/.ssh"
    REMOTE_SSH_CONFIG=$SESSION_HOME/.ssh/config
    cat > "$REMOTE_SSH_CONFIG" <<EOF
$REMOTE_SSH_MARK
Host server
    HostName 127.0.0.1
    Port $port
    User $rs_user
    HostKeyAlias server
    UserKnownHostsFile $rs/known_hosts
    StrictHostKeyChecking yes
    IdentityFile $rs/id
    IdentitiesOnly yes
    BatchMode yes
    ConnectTimeout 10
EOF
    chown -R "$rs_user" "$SESSION_HOME/.ssh"
    chmod 700 "$SESSION_HOME/.ssh"
    chmod 600 "$SESSION_HOME/.ssh/config"

    mkdir -p "$rs/bin"
    cp "$VT" "$rs/bin/vfiotui"
    chmod 755 "$rs/bin" "$rs/bin/vfiotui"
    remote_ssh_run() {
        as_user env PATH="$T/ssh/bin:$PATH" sh -c "$1"
    }

    i=0
    until as_user ssh -q server true < /dev/null > "$rs/probe.log" 2>&1; do
        i=$((i + 1))
        if [ $i -ge 100 ] || ! kill -0 "$REMOTE_SSH_PID" 2>/dev/null; then
            echo "remote_ssh_setup: cannot log in to the test sshd: $(cat "$rs/probe.log" "$rs/sshd.log" | tail -n 5)" >&2
            return 1
        fi
        sleep 0.1
    done
    return 0
}
