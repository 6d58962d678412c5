#!/bin/sh
# watch-daemon.sh - `vfiotui watch --json -c qemu:///session` against a
# real libvirt daemon: `virsh define` and `virsh start` from another
# process show up as JSON Lines, through libvirt's domain events (the
# watcher never polls); the daemon killed is a lost connection, and the
# watcher reconnects by itself.  Run it under flock
# /tmp/vfiotui-daemon.lock.
. "$top_srcdir/tests/lib.sh"

DOM=vfiotui-watch-test
# a user of its own: killing its daemon disturbs no other test
use_session_user vfiotui-watch
virsh_s() { as_user virsh -q -c qemu:///session "$@"; }
cleanup_dom() { virsh_s destroy "$DOM" >/dev/null 2>&1; virsh_s undefine "$DOM" >/dev/null 2>&1; }

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
# the daemon up (the client autostarts it) and no guest of ours left
virsh_s list --all > "$T/list.log" 2>&1 || { fail "cannot reach qemu:///session: $(cat "$T/list.log")"; finish; }
cleanup_dom

touch "$T/watch.out" "$T/watch.err"
chmod 666 "$T/watch.out" "$T/watch.err"
touch "$T/watch.pid"; chmod 666 "$T/watch.pid"
as_user sh -c "echo \$\$ > '$T/watch.pid'; exec '$VT' -c qemu:///session watch --json --timeout 60 > '$T/watch.out' 2> '$T/watch.err'" &
WPID=$!
# ready once it says so on stderr
i=0
while [ $i -lt 100 ] && ! grep -q "watching for changes" "$T/watch.err"; do sleep 0.1; i=$((i + 1)); done
grep -q "watching for changes" "$T/watch.err" || { fail "watch did not start: $(cat "$T/watch.err")"; kill $WPID; cleanup_dom; finish; }

# wait_line KIND [SUBJECT]: the JSON line of that kind about our guest
# (10 s at most)
wait_line() {
    i=0
    while [ $i -lt 100 ]; do
        grep -q "\"kind\":\"$1\",\"subject\":\"${2:-$DOM}\"" "$T/watch.out" && { ok "watch printed $1"; return 0; }
        sleep 0.1
        i=$((i + 1))
    done
    fail "watch never printed $1; it printed: $(cat "$T/watch.out") $(cat "$T/watch.err")"
    return 1
}

virsh_s define "$T/guest.xml" > "$T/define.log" 2>&1 || fail "virsh define: $(cat "$T/define.log")"
wait_line domain-defined
virsh_s start "$DOM" > "$T/start.log" 2>&1 || fail "virsh start: $(cat "$T/start.log")"
wait_line domain-started
grep -q "\"text\":\"$DOM started\"" "$T/watch.out" || fail "the start line's text: $(cat "$T/watch.out")"
virsh_s destroy "$DOM" > /dev/null 2>&1
wait_line domain-stopped
virsh_s undefine "$DOM" > /dev/null 2>&1
wait_line domain-undefined

# the daemon dies: the close callback says so; every 2 s the watcher
# tries again, and the client library starts the daemon again
pid=
for f in "$SESSION_HOME/.cache/libvirt/libvirtd.pid" "${XDG_RUNTIME_DIR:-/nonexistent}/libvirt/libvirtd.pid"; do
    [ -r "$f" ] && { pid=$(cat "$f"); break; }
done
if [ -n "$pid" ] && kill -TERM "$pid"; then
    wait_line connection-lost qemu:///session
    wait_line connection-reconnected qemu:///session
else
    fail "no session daemon to stop"
fi

# every line is a JSON object of the schema
if python3 -c 'import jsonschema' 2>/dev/null; then
    python3 - "$top_srcdir/data/watch.schema.json" "$T/watch.out" <<'PY' || fail "watch --json does not match data/watch.schema.json"
import json, sys, jsonschema
schema = json.load(open(sys.argv[1]))
for line in open(sys.argv[2]):
    jsonschema.validate(json.loads(line), schema)
PY
fi

# SIGINT: the run ends at once, with status 130
kill -INT "$(cat "$T/watch.pid")"
wait $WPID
st=$?
[ $st -eq 130 ] && ok "SIGINT ends watch with 130" || fail "watch after SIGINT: exit $st"
cleanup_dom
finish
