#!/bin/sh
# watch-fixture.sh - `vfiotui watch --json --sysroot D` on a fixture
# tree (inotify): a driver link changed, a VF directory added with its
# IOMMU group, a device removed; each must be printed within 1 s
# (measured).  Then the cost: an idle watch uses no CPU at all (it
# blocks in poll), from /proc/PID/stat over 2 s.
. "$top_srcdir/tests/lib.sh"

D=$(host sriov-server)
B=$D/sys/devices/pci0000:17/0000:17:00.0

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

# start_watch DIR: watch DIR in the background ($WPID), ready when it
# says so on stderr
start_watch() {
    : > "$T/out"; : > "$T/err"
    "$VFIOTUI" --sysroot "$1" watch --json --timeout 120 > "$T/out" 2> "$T/err" &
    WPID=$!
    i=0
    while [ $i -lt 600 ] && ! grep -q "watching for changes" "$T/err"; do sleep 0.05; i=$((i + 1)); done
    grep -q "watching for changes" "$T/err" || { fail "watch did not start: $(cat "$T/err")"; kill $WPID; finish; }
}

# within_1s KIND SUBJECT TEXT: since $t0, the line of KIND about SUBJECT
# with TEXT was printed, and it took at most 1 s
within_1s() {
    while :; do
        if grep -q "\"kind\":\"$1\",\"subject\":\"$2\"" "$T/out"; then
            took=$(( $(now_ms) - t0 ))
            grep "\"kind\":\"$1\",\"subject\":\"$2\"" "$T/out" | grep -qF "\"text\":\"$3\"" ||
                fail "$1 $2: text is not '$3': $(cat "$T/out")"
            if [ $took -le 1000 ]; then ok "$3 (printed after $took ms)"; else fail "$3 took $took ms"; fi
            return 0
        fi
        if [ $(( $(now_ms) - t0 )) -gt 3000 ]; then
            fail "no $1 line for $2 after 3 s; printed: $(cat "$T/out")"
            return 1
        fi
        sleep 0.01
    done
}

start_watch "$D"

# bind: a driver link made
t0=$(now_ms)
ln -s ../../../../bus/pci/drivers/vfio-pci "$B/0000:18:02.3/driver"
within_1s driver-bound 0000:18:02.3 "0000:18:02.3 bound to vfio-pci"

# unbind: the link removed
t0=$(now_ms)
rm "$B/0000:18:02.1/driver"
within_1s driver-unbound 0000:18:02.1 "0000:18:02.1 unbound from iavf"

# a VF appears: its directory, its group, its links (as the kernel
# makes them, the bus link last)
t0=$(now_ms)
cp -a "$B/0000:18:02.3" "$B/0000:18:02.4"
rm "$B/0000:18:02.4/driver"
mkdir -p "$D/sys/kernel/iommu_groups/64/devices"
ln -sfn ../../../../kernel/iommu_groups/64 "$B/0000:18:02.4/iommu_group"
ln -s ../../../../devices/pci0000:17/0000:17:00.0/0000:18:02.4 "$D/sys/kernel/iommu_groups/64/devices/0000:18:02.4"
ln -s ../0000:18:02.4 "$B/0000:18:00.0/virtfn4"
ln -s ../../../devices/pci0000:17/0000:17:00.0/0000:18:02.4 "$D/sys/bus/pci/devices/0000:18:02.4"
within_1s device-added 0000:18:02.4 "0000:18:02.4 appeared"

# a device goes
t0=$(now_ms)
rm "$D/sys/bus/pci/devices/0000:18:02.0" "$D/sys/kernel/iommu_groups/60/devices/0000:18:02.0" \
    "$B/0000:18:00.0/virtfn0"
rm -rf "$B/0000:18:02.0"
within_1s device-removed 0000:18:02.0 "0000:18:02.0 is gone"

# nothing else was printed, and every line matches the schema
n=$(wc -l < "$T/out")
[ "$n" -eq 4 ] && ok "four changes, four lines" || fail "$n lines for four changes: $(cat "$T/out")"
if python3 -c 'import jsonschema' 2>/dev/null; then
    python3 - "$top_srcdir/data/watch.schema.json" "$T/out" <<'PY' && ok "lines match data/watch.schema.json" || fail "watch --json does not match data/watch.schema.json"
import json, sys, jsonschema
schema = json.load(open(sys.argv[1]))
for line in open(sys.argv[2]):
    jsonschema.validate(json.loads(line), schema)
PY
fi

# SIGTERM ends it at once with 128 + 15
kill -TERM $WPID
wait $WPID
st=$?
[ $st -eq 143 ] && ok "SIGTERM ends watch with 143" || fail "watch after SIGTERM: exit $st"

# --count: stops by itself after N changes, status 0
start_watch "$D"
"$VFIOTUI" --sysroot "$D" watch --count 1 > "$T/count.out" 2>/dev/null &
CPID=$!
sleep 0.5
rm "$B/0000:18:02.2/driver"
i=0
while kill -0 $CPID 2>/dev/null && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
if kill -0 $CPID 2>/dev/null; then
    fail "--count 1 did not stop after one change"; kill $CPID
else
    wait $CPID; st=$?
    [ $st -eq 0 ] && grep -q "driver-unbound *0000:18:02.2" "$T/count.out" &&
        ok "--count 1 printed one line and stopped (exit 0)" ||
        fail "--count 1: exit $st, printed: $(cat "$T/count.out")"
fi
kill $WPID; wait $WPID 2>/dev/null

# --timeout: stops by itself, status 0
expect_status 0 "--timeout 0.3 ends the run" "$VFIOTUI" --sysroot "$D" watch --timeout 0.3
expect_status 2 "--timeout 0 is refused" "$VFIOTUI" --sysroot "$D" watch --timeout 0
expect_status 2 "--count x is refused" "$VFIOTUI" --sysroot "$D" watch --count x

# the cost: no CPU while nothing changes (it blocks in poll); the
# same on 10,000 devices is measured by bench/watch-event.sh, whose tree
# takes minutes to build here
start_watch "$D"
ticks() { awk '{ print $14 + $15 }' "/proc/$WPID/stat"; }
sleep 0.3
c0=$(ticks)
sleep 2
c1=$(ticks)
[ "$c1" -eq "$c0" ] && ok "idle watch: 0 CPU ticks in 2 s" ||
    fail "idle watch used $((c1 - c0)) CPU ticks in 2 s"
kill $WPID; wait $WPID 2>/dev/null
finish
