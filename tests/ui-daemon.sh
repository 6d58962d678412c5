#!/bin/sh
# ui-daemon.sh - the interface follows its daemon: in a real terminal
# (tmux), against a real qemu:///session daemon of a user of its own,
# `virsh define` and `virsh start` from another process show on the
# screen with no key pressed; then the daemon is killed: the interface
# says so in the header, keeps running, refuses what needs the
# connection, and reconnects by itself once the daemon is back (its
# own retries do not start one: LIBVIRT_AUTOSTART=0).  The terminal is
# sane afterwards.  Run it under flock /tmp/vfiotui-daemon.lock.
. "$top_srcdir/tests/lib.sh"

command -v tmux >/dev/null 2>&1 || { fail "tmux is not installed"; finish; }
# a user of its own: killing its daemon disturbs no other test
use_session_user vfiotui-uidaemon
tmux_init uidaemon ud

# the daemon's pid, from the pid file the session daemon writes
daemon_pid() {
    for f in "$SESSION_HOME/.cache/libvirt/libvirtd.pid" "${XDG_RUNTIME_DIR:-/nonexistent}/libvirt/libvirtd.pid"; do
        [ -r "$f" ] && { cat "$f"; return 0; }
    done
    return 1
}

ROOT=$(host desktop-gpu)
chmod -R a+rX "$ROOT"
# start the daemon (the client autostarts it) before the interface
as_user virsh -q -c qemu:///session list --all > "$T/virsh.log" 2>&1 ||
    { fail "cannot reach qemu:///session: $(cat "$T/virsh.log")"; finish; }

if [ "$(id -u)" -eq 0 ]; then
    RUNAS="runuser -u $SESSION_USER -- env HOME=$SESSION_HOME"
else
    RUNAS=env
fi
DOM=vfiotui-uidaemon-test
virsh_s() { as_user virsh -q -c qemu:///session "$@"; }
cleanup_dom() { virsh_s destroy "$DOM" >/dev/null 2>&1; virsh_s undefine "$DOM" >/dev/null 2>&1; }
cleanup_dom
cat > "$T/guest.xml" <<XML
<domain type='qemu'>
  <name>$DOM</name>
  <memory unit='MiB'>96</memory>
  <vcpu>1</vcpu>
  <os><type arch='x86_64' machine='q35'>hvm</type></os>
  <devices>
    <emulator>/usr/bin/qemu-system-x86_64</emulator>
  </devices>
</domain>
XML
chmod 644 "$T/guest.xml"

tm new-session -d -s "$S" -x 120 -y 30 \
    "$RUNAS LANG=C.UTF-8 LIBVIRT_AUTOSTART=0 '$VT' --sysroot '$ROOT' -c qemu:///session; echo \"EXITED rc=\$?\"; stty -a; sleep 60"
wait_for "uri qemu:///session"
wait_for "IOMMU group 0"

# another process defines and starts a guest: the screen follows,
# through libvirt's domain events, with no key pressed
virsh_s define "$T/guest.xml" > "$T/define.log" 2>&1 || fail "virsh define: $(cat "$T/define.log")"
wait_for "$DOM defined"
virsh_s start "$DOM" > "$T/start.log" 2>&1 || fail "virsh start: $(cat "$T/start.log")"
wait_for "$DOM started"
# the domain screen lists it, running
tm send-keys -t "$S" v
wait_for "$DOM"
grep "$DOM" "$T/screen" | grep -q "running" || fail "the domain screen does not show $DOM running: $(cat "$T/screen")"
tm send-keys -t "$S" Escape
cleanup_dom
wait_for "$DOM undefined"

pid=$(daemon_pid) || { fail "no pid file for the session daemon"; finish; }
kill -TERM "$pid" || fail "could not stop the session daemon $pid"
# the close callback, through the event loop, with no key pressed
wait_for "connection to qemu:///session lost"
wait_for "connection lost; F5 reconnects"
# keys that need the connection: a clear refusal, no exit
tm send-keys -t "$S" Down Space
sleep 0.5
tm capture-pane -p -t "$S" > "$T/screen"
grep -q "lost: " "$T/screen" && fail "Space did not replace the status line: $(cat "$T/screen")"
tm send-keys -t "$S" F8
wait_for "lost: "
grep -q "EXITED" "$T/screen" && fail "the interface ended after the daemon died"
tm send-keys -t "$S" F9
sleep 0.5
tm capture-pane -p -t "$S" > "$T/screen"
grep -q "EXITED" "$T/screen" && fail "the interface ended on F9 after the daemon died"
grep -q "F5 reconnects" "$T/screen" || fail "F9 did not say the connection is lost: $(cat "$T/screen")"

# the daemon back (virsh starts it): the interface reconnects by itself
as_user virsh -q -c qemu:///session list > /dev/null 2>&1 || fail "virsh could not start the daemon again"
wait_for "reconnected to qemu:///session"
tm capture-pane -p -t "$S" > "$T/screen"
grep -q "connection lost" "$T/screen" && fail "the header still says the connection is lost: $(cat "$T/screen")"
daemon_pid > /dev/null || fail "no daemon runs after the reconnection"
# F5 is still a full rescan
tm send-keys -t "$S" F5
wait_for "rescanned:"
# and the connection works: F8 gets past the connection check
tm send-keys -t "$S" F8
wait_for "Choose the target domain"
tm send-keys -t "$S" Escape
sleep 0.3

tm send-keys -t "$S" q
wait_for "EXITED rc=0"
wait_for "icanon"
grep -q "F1Help" "$T/screen" && fail "the interface was left on the screen after q"
# the terminal is back in its normal modes
grep -q -- "-icanon" "$T/screen" && fail "the terminal was left without icanon"
grep -q -- " -echo " "$T/screen" && fail "the terminal was left without echo"
grep -q " icanon" "$T/screen" || fail "stty did not show icanon: $(cat "$T/screen")"

# SIGHUP and SIGINT restore the terminal too
for sig in HUP INT; do
    tm kill-server >/dev/null 2>&1
    SOCK=vfiotui-uidaemon-$$-$sig
    tm new-session -d -s "$S" -x 120 -y 30 \
        "env LANG=C.UTF-8 '$VFIOTUI' --demo; echo \"EXITED rc=\$?\"; stty -a; sleep 60"
    wait_for "IOMMU group 0"
    pane=$(tm list-panes -t "$S" -F '#{pane_pid}')
    child=$(pgrep -P "$pane" | head -n 1)
    # SIGPIPE is ignored: a daemon that goes away mid-write gives an
    # error from libvirt, not death by signal (exit 141)
    ign=$(sed -n 's/^SigIgn:[[:space:]]*//p' "/proc/$child/status" 2>/dev/null)
    [ -n "$ign" ] && [ $(( 0x$ign & 0x1000 )) -ne 0 ] || fail "SIGPIPE is not ignored (SigIgn=$ign)"
    [ -n "$child" ] && kill -"$sig" "$child" || fail "could not signal the program ($sig)"
    wait_for "EXITED rc="
    wait_for "icanon"
    grep -q "F1Help" "$T/screen" && fail "the interface was left on the screen after SIG$sig"
    grep -q -- "-icanon" "$T/screen" && fail "SIG$sig left the terminal without icanon"
done

# commands against a daemon that is not there: exit 2, a clear message
expect_status 2 "domains with no daemon" as_user "$VT" -c "qemu+unix:///session?socket=$T/no-sock" domains
grep -q "cannot connect to qemu+unix:///session" "$T/err" || fail "no clear message: $(cat "$T/err")"
finish
