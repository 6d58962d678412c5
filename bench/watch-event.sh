#!/bin/sh
# watch-event.sh - the cost of `vfiotui watch` on a host of about
# 10,000 devices: the CPU an idle watch uses over 5 s (from
# /proc/PID/stat: it should be 0, as it blocks in poll), and the
# latency from a change in the tree (a driver unbound, then bound
# again) to its line printed, RUNS times, median and worst.  Then the
# same for the full-screen interface in tmux at 80x24: its idle CPU and
# wakeups, and the latency from the change to its status line on the
# screen (handled, drawn, and read back through tmux).
# Usage: watch-event.sh [BUILDDIR] [TREE]; DEVICES and RUNS override the
# defaults.  TREE: an existing tree (mkhost of 10,000 devices takes a
# minute or two on a slow disk).
b=${1:-.}
VFIOTUI=${VFIOTUI:-$b/src/vfiotui}
MKHOST=${MKHOST:-$b/tests/mkhost}
DEVICES=${DEVICES:-10000}
RUNS=${RUNS:-20}
here=$(dirname "$0")
T=$(mktemp -d "${TMPDIR:-/tmp}/watch-bench.XXXXXX")
SOCK=watch-bench-$$
trap 'kill $WPID 2>/dev/null; tmux -L "$SOCK" kill-server 2>/dev/null; rm -rf "$T"' EXIT

if [ -n "${2:-}" ]; then
    D=$2
else
    D=$T/big
    mkdir "$D"
    sh "$here/mkbig.sh" "$DEVICES" > "$T/big.host"
    "$MKHOST" "$T/big.host" "$D" || exit 2
fi
n=$(ls "$D/sys/bus/pci/devices" | wc -l)

"$VFIOTUI" -q --sysroot "$D" watch > "$T/out" 2> "$T/err" &
WPID=$!
# ready: it has read the host and set its watches (no line says so with -q)
i=0
while [ $i -lt 600 ] && [ "$(ls -l /proc/$WPID/fd 2>/dev/null | grep -c inotify)" -eq 0 ]; do
    sleep 0.1; i=$((i + 1))
done
sleep 1
ticks() { awk '{ print $14 + $15 }' "/proc/$WPID/stat"; }
c0=$(ticks); sleep 5; c1=$(ticks)
echo "devices: $n"
echo "idle CPU over 5 s: $((c1 - c0)) ticks"

# the first device with a driver
dev=$(for l in "$D"/sys/bus/pci/devices/*; do [ -L "$l/driver" ] && { basename "$l"; break; }; done)
link=$(readlink "$D/sys/bus/pci/devices/$dev/driver")
now_us() { echo $(( $(date +%s%N) / 1000 )); }
: > "$T/lat"
lines=0
for r in $(seq 1 "$RUNS"); do
    for step in unbind bind; do
        t0=$(now_us)
        if [ $step = unbind ]; then rm "$D/sys/bus/pci/devices/$dev/driver"
        else ln -s "$link" "$D/sys/bus/pci/devices/$dev/driver"; fi
        lines=$((lines + 1))
        while [ "$(wc -l < "$T/out")" -lt $lines ]; do :; done
        echo $(( $(now_us) - t0 )) >> "$T/lat"
    done
done
sort -n "$T/lat" | awk '{ a[NR] = $1 } END {
    printf "event -> line, %d changes: median %.1f ms, worst %.1f ms\n", NR, a[int((NR + 1) / 2)] / 1000, a[NR] / 1000 }'

kill $WPID 2>/dev/null
wait $WPID 2>/dev/null

# the interface, in a real terminal
command -v tmux >/dev/null 2>&1 || { echo "interface: tmux is not installed"; exit 0; }
printf '#!/bin/sh\necho $$ > "%s/uipid"\nexec env LANG=C.UTF-8 "%s" --sysroot "%s" --no-domains\n' \
    "$T" "$VFIOTUI" "$D" > "$T/ui.sh"
chmod +x "$T/ui.sh"
tmux -L "$SOCK" new-session -d -s b -x 80 -y 24 "$T/ui.sh"
screen() { tmux -L "$SOCK" capture-pane -p -t b; }
i=0
while [ $i -lt 1200 ] && ! screen | grep -q "IOMMU group"; do sleep 0.1; i=$((i + 1)); done
UPID=$(cat "$T/uipid")
sleep 1
uticks() { awk '{ print $14 + $15 }' "/proc/$UPID/stat"; }
wakeups() { awk '/ctxt_switches/ { n += $2 } END { print n }' "/proc/$UPID/status"; }
c0=$(uticks); w0=$(wakeups); sleep 5; c1=$(uticks); w1=$(wakeups)
echo "interface idle over 5 s: $((c1 - c0)) ticks, $((w1 - w0)) wakeups"
: > "$T/uilat"
for r in $(seq 1 "$RUNS"); do
    for step in unbind bind; do
        t0=$(now_us)
        if [ $step = unbind ]; then rm "$D/sys/bus/pci/devices/$dev/driver"; want="$dev unbound from"
        else ln -s "$link" "$D/sys/bus/pci/devices/$dev/driver"; want="$dev bound to"; fi
        while ! screen | tail -n 2 | grep -qF "$want"; do :; done
        echo $(( $(now_us) - t0 )) >> "$T/uilat"
    done
done
sort -n "$T/uilat" | awk '{ a[NR] = $1 } END {
    printf "interface: event -> status line on the screen, %d changes: median %.1f ms, worst %.1f ms\n", NR, a[int((NR + 1) / 2)] / 1000, a[NR] / 1000 }'
