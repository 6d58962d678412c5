#!/bin/sh
# ui-live.sh - the interface follows the host: in a real terminal
# (tmux, 80x24) on a fixture tree, a driver unbound and bound, a VF
# added and a marked device removed each show on the screen within 1 s
# with no key pressed; the marks and the cursor stay; the user is told
# of the marked device that went; the changed row is highlighted and
# the highlight goes away; idle, the program sleeps (no wakeups).
. "$top_srcdir/tests/lib.sh"

command -v tmux >/dev/null 2>&1 || { fail "tmux is not installed"; finish; }
tmux_init uilive ul

D=$(host sriov-server)
B=$D/sys/devices/pci0000:17/0000:17:00.0

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

# the program's own pid, for /proc
cat > "$T/run.sh" <<EOF
#!/bin/sh
echo \$\$ > '$T/pid'
exec env LANG=C.UTF-8 '$VFIOTUI' --sysroot '$D' -c test:///default 2>'$T/stderr'
EOF
chmod +x "$T/run.sh"
tm new-session -d -s "$S" -x 80 -y 24 -c "$T" "'$T/run.sh'; echo \"EXITED rc=\$?\"; sleep 60"
wait_for "IOMMU group 0"
PID=$(cat "$T/pid")

# row ADDR: the tree's row of the device; attr ADDR: the same with its
# attributes (capture-pane -e)
row() { tm capture-pane -p -t "$S" | grep -F -- "] $1 "; }
attr() { tm capture-pane -e -p -t "$S" | grep -F -- "] $1 "; }

# within_1s TEXT: since $t0, TEXT showed on the screen in at most 1 s
within_1s() {
    while :; do
        tm capture-pane -p -t "$S" > "$T/screen"
        if grep -qF -- "$1" "$T/screen"; then
            took=$(( $(now_ms) - t0 ))
            if [ $took -le 1000 ]; then ok "'$1' on the screen after $took ms"; else fail "'$1' took $took ms"; fi
            return 0
        fi
        if [ $(( $(now_ms) - t0 )) -gt 3000 ]; then
            fail "'$1' not on the screen after 3 s; it shows:"; cat "$T/screen" >&2
            return 1
        fi
        sleep 0.02
    done
}

# mark 0000:18:02.0 (it goes later), 0000:18:02.1 (it changes) and
# 0000:18:02.2, where the cursor stays
tm send-keys -t "$S" / 18:02.0 Enter Space
wait_for "marked 0000:18:02.0"
tm send-keys -t "$S" / 18:02.1 Enter Space
wait_for "marked 0000:18:02.1"
tm send-keys -t "$S" / 18:02.2 Enter Space
wait_for "marked 0000:18:02.2"
row 0000:18:02.2 | grep -q "^> \[x\]" || fail "the cursor is not on the marked 0000:18:02.2: $(row 0000:18:02.2)"

# unbind: the driver link removed
t0=$(now_ms)
rm "$B/0000:18:02.1/driver"
within_1s "0000:18:02.1 unbound from iavf"
# the findings follow at once: no host driver to take it from any more
grep -q "Findings: 0 errors, 0 warnings, 1 note" "$T/screen" ||
    fail "the findings did not follow the unbind: $(grep Findings "$T/screen")"
row 0000:18:02.1 | grep -q "iavf" && fail "the row still shows iavf: $(row 0000:18:02.1)"
# highlighted (black on green), then not
attr 0000:18:02.1 | grep -q "42m" && ok "the changed row is highlighted" ||
    fail "the changed row is not highlighted: $(attr 0000:18:02.1 | od -c | head)"
sleep 2.5
attr 0000:18:02.1 | grep -q "42m" && fail "the highlight did not go away: $(attr 0000:18:02.1 | od -c | head)" ||
    ok "the highlight went away"

# bind: a driver link made
t0=$(now_ms)
ln -s ../../../../bus/pci/drivers/vfio-pci "$B/0000:18:02.1/driver"
within_1s "0000:18:02.1 bound to vfio-pci"
row 0000:18:02.1 | grep -q "vfio-pci" || fail "the row does not show vfio-pci: $(row 0000:18:02.1)"

# a VF appears (the whole host is read again: marks and cursor kept)
t0=$(now_ms)
cp -a "$B/0000:18:02.3" "$B/0000:18:02.4"
rm -f "$B/0000:18:02.4/driver"
mkdir -p "$D/sys/kernel/iommu_groups/64/devices"
ln -sfn ../../../../kernel/iommu_groups/64 "$B/0000:18:02.4/iommu_group"
ln -s ../../../../devices/pci0000:17/0000:17:00.0/0000:18:02.4 "$D/sys/kernel/iommu_groups/64/devices/0000:18:02.4"
ln -s ../0000:18:02.4 "$B/0000:18:00.0/virtfn4"
ln -s ../../../devices/pci0000:17/0000:17:00.0/0000:18:02.4 "$D/sys/bus/pci/devices/0000:18:02.4"
within_1s "0000:18:02.4 appeared"
row 0000:18:02.2 | grep -q "^> \[x\]" || fail "after the re-read, the cursor or the mark moved: $(row 0000:18:02.2)"
row 0000:18:02.0 | grep -q "\[x\]" || fail "after the re-read, the mark of 0000:18:02.0 is gone"

# the marked 0000:18:02.0 goes: the user is told, the mark dropped
t0=$(now_ms)
rm "$D/sys/bus/pci/devices/0000:18:02.0" "$D/sys/kernel/iommu_groups/60/devices/0000:18:02.0" \
    "$B/0000:18:00.0/virtfn0"
rm -rf "$B/0000:18:02.0"
within_1s "0000:18:02.0 was marked and is gone"
grep -q "2 marked" "$T/screen" || fail "the header does not count two marks: $(cat "$T/screen")"
row 0000:18:02.2 | grep -q "^> \[x\]" || fail "after the removal, the cursor or the mark moved: $(row 0000:18:02.2)"

# idle: it sleeps in poll (no timer, no wakeup) once the highlights are over
sleep 2.5
sw() { awk '/^voluntary_ctxt_switches/ { v = $2 } /^nonvoluntary_ctxt_switches/ { n = $2 } END { print v + n }' "/proc/$PID/status"; }
ticks() { awk '{ print $14 + $15 }' "/proc/$PID/stat"; }
w0=$(sw); c0=$(ticks)
sleep 2
w1=$(sw); c1=$(ticks)
[ "$c1" -eq "$c0" ] && ok "idle: 0 CPU ticks in 2 s" || fail "idle: $((c1 - c0)) CPU ticks in 2 s"
[ "$w1" -eq "$w0" ] && ok "idle: no wakeup in 2 s" || fail "idle: $((w1 - w0)) wakeups in 2 s"

# F5 is still a full rescan, and keeps the marks and the cursor too
tm send-keys -t "$S" F5
wait_for "rescanned: 13 devices"
row 0000:18:02.2 | grep -q "^> \[x\]" || fail "after F5, the cursor or the mark moved: $(row 0000:18:02.2)"

# the log has each change, and the VF is in the tree
tm send-keys -t "$S" M
wait_for "Messages"
for m in "0000:18:02.1 unbound from iavf" "0000:18:02.1 bound to vfio-pci" \
         "0000:18:02.4 appeared" "0000:18:02.0 is gone"; do
    grep -qF "$m" "$T/screen" || fail "the log lacks '$m': $(cat "$T/screen")"
done
tm send-keys -t "$S" Escape End
wait_for "> [ ] 0000:18:02.4"

# a change while a search is typed: the search's messages replace one
# another in the log, the change's stays
tm send-keys -t "$S" / 18:0
wait_for "/18:0"
rm "$B/0000:18:02.2/driver"
sleep 1
tm send-keys -t "$S" z z
wait_for "/18:0zz"
tm send-keys -t "$S" Escape
sleep 0.3
tm send-keys -t "$S" M
wait_for "Messages"
grep -qF "0000:18:02.2 unbound from vfio-pci" "$T/screen" ||
    fail "a change during a search is not in the log: $(cat "$T/screen")"
tm send-keys -t "$S" Escape

tm send-keys -t "$S" q
wait_for "EXITED rc=0"

# Headless, with the test driver in process: an attach and a detach
# through the interface raise libvirt's domain events; a script's
# "wait" lets them arrive, and the screen and the log show them.
cat > "$T/live.script" <<'EOF'
type /GTX
key Enter
key g
key F2
key Down Down Down Enter
key F8
key y
wait 300
dump attached
key g F9
key y
wait 300
dump detached
key M
dump log
EOF
mkdir -p "$T/dumps"
expect_status 0 "a script that waits for events" "$VFIOTUI" --demo ui --script "$T/live.script" --dump-dir "$T/dumps"
# the events of our own change go to the log; its summary stays on
# the status line
tail -n 2 "$T/dumps/attached.txt" | grep -q "attached 2 devices to win11-gaming" ||
    fail "the attach's summary is not on the status line: $(cat "$T/dumps/attached.txt")"
tail -n 2 "$T/dumps/detached.txt" | grep -q "detached 2 devices from win11-gaming" ||
    fail "the detach's summary is not on the status line: $(cat "$T/dumps/detached.txt")"
for m in "0000:01:00.0 attached to win11-gaming" "0000:01:00.1 attached to win11-gaming" \
         "0000:01:00.0 detached from win11-gaming" "0000:01:00.1 detached from win11-gaming"; do
    grep -qF "$m" "$T/dumps/log.txt" || fail "the log lacks '$m': $(cat "$T/dumps/log.txt")"
done
# an mdev's mark, and the cursor on it, stay through F5 (by UUID)
M=$(host mdev-host)
cp "$top_srcdir/tests/domains/mdev-guests.xml" "$T/guests.xml"
cat > "$T/mdev.script" <<'EOF'
key Down Down Down Down Down Down Down Down Space
dump before
key F5
dump after
EOF
expect_status 0 "F5 with an mdev marked" "$VFIOTUI" --sysroot "$M" -c "test://$T/guests.xml" ui \
    --script "$T/mdev.script" --dump-dir "$T/dumps"
u=$(sed -n 's/^> \[x\] \([0-9a-f-]*\) .*/\1/p' "$T/dumps/before.txt")
[ -n "$u" ] || fail "no mdev marked under the cursor: $(cat "$T/dumps/before.txt")"
grep -q "^> \[x\] $u " "$T/dumps/after.txt" && ok "F5 kept the mdev's mark and the cursor on it" ||
    fail "F5 lost the mdev's mark or the cursor: $(cat "$T/dumps/after.txt")"

printf 'wait x\n' > "$T/bad.script"
expect_status 2 "wait x is refused" "$VFIOTUI" --demo ui --script "$T/bad.script" --dump-dir "$T"
grep -q "wait MILLISECONDS" "$T/err" || fail "wait x: $(cat "$T/err")"
finish
