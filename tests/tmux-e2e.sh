#!/bin/sh
# tmux-e2e.sh - the real binary in a real terminal: tmux runs it, keys go
# in with send-keys, the screen comes back with capture-pane.
. "$top_srcdir/tests/lib.sh"

command -v tmux >/dev/null 2>&1 || { fail "tmux is not installed"; finish; }
RUN=0
tmux_init e2e e2e

# each run gets its own tmux server
start() {
    tm kill-server >/dev/null 2>&1
    RUN=$((RUN + 1))
    SOCK=vfiotui-e2e-$$-$RUN
    tm new-session -d -s "$S" -x "$1" -y "$2" \
        "env LANG=C.UTF-8 '$VFIOTUI' --demo; echo \"EXITED rc=\$?\"; sleep 60"
}

start 80 24
wait_for "IOMMU group 0"
tm send-keys -t "$S" / G T X Enter
wait_for "GP104 [GeForce"
tm send-keys -t "$S" Space
wait_for "group-incomplete"
wait_for "0000:01:00.1"
tm send-keys -t "$S" g
wait_for "No errors"
tm send-keys -t "$S" F2
wait_for "Choose the target domain"
tm send-keys -t "$S" Down Down Down Enter
wait_for "target win11-gaming"
tm send-keys -t "$S" F8
wait_for "Attach to win11-gaming"
tm send-keys -t "$S" y
wait_for "attached 2 devices to win11-gaming"
wait_for "in-use-by-win11-gaming"
# resize below the minimum and back
tm resize-window -t "$S" -x 60 -y 20
wait_for "needs at least 80x24"
tm resize-window -t "$S" -x 80 -y 24
wait_for "IOMMU group"
tm send-keys -t "$S" q
wait_for "EXITED rc=0"
grep -q "F1Help" "$T/screen" && fail "the interface was left on the screen after q"

# SIGTERM restores the terminal too, and ends with 128+15 as other
# tools do (it was 0).
start 80 24
wait_for "IOMMU group 0"
# only this test's program: the child of this pane's shell
pane=$(tm list-panes -t "$S" -F '#{pane_pid}')
pkill -TERM -P "$pane" -f vfiotui || fail "could not signal the program"
wait_for "EXITED rc=143"
grep -q "F1Help" "$T/screen" && fail "the interface was left on the screen after SIGTERM"

# Ctrl-C: 128+2, the terminal restored, the demo's temp dir removed.
mkdir "$T/tmp"
tm kill-server >/dev/null 2>&1
SOCK=vfiotui-e2e-$$-intr
tm new-session -d -s "$S" -x 80 -y 24 \
    "env LANG=C.UTF-8 TMPDIR='$T/tmp' '$VFIOTUI' --demo; echo \"EXITED rc=\$?\"; sleep 60"
wait_for "IOMMU group 0"
[ -n "$(ls -A "$T/tmp")" ] || fail "the demo made no temp dir under TMPDIR (the test is wrong)"
tm send-keys -t "$S" C-c
wait_for "EXITED rc=130"
grep -q "F1Help" "$T/screen" && fail "the interface was left on the screen after Ctrl-C"
[ -z "$(ls -A "$T/tmp")" ] || fail "Ctrl-C left the demo's temp dir: $(ls -A "$T/tmp")"

# ASCII fallback when the locale is not UTF-8.
tm kill-server >/dev/null 2>&1
SOCK=vfiotui-e2e-$$-ascii
tm new-session -d -s "$S" -x 80 -y 24 "env LANG=C LC_ALL=C '$VFIOTUI' --demo; sleep 60"
wait_for ">- IOMMU group 0 "
# collapsed groups are +, never > (the cursor)
tm send-keys -t "$S" e
wait_for ">+ IOMMU group 0 "
wait_for " + IOMMU group 1 "
tm send-keys -t "$S" q
finish
