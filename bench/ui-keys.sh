#!/bin/sh
# ui-keys.sh - time per key press in the full-screen interface on a
# synthetic host of about 10,000 devices: thousands of scripted keys,
# handled and drawn headless, against the same run with no keys.
# Usage: bench/ui-keys.sh [BUILDDIR]   (VFIOTUI, MKHOST, DEVICES, KEYS)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-.}
VFIOTUI=${VFIOTUI:-$build/src/vfiotui}
MKHOST=${MKHOST:-$build/tests/mkhost}
KEYS=${KEYS:-4000}

tmp=$(mktemp -d "${TMPDIR:-/tmp}/vfiotui-uibench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
sh "$here/mkbig.sh" "${DEVICES:-10000}" > "$tmp/big.host"
mkdir "$tmp/big"
"$MKHOST" "$tmp/big.host" "$tmp/big"
ndev=$(ls "$tmp/big/sys/bus/pci/devices" | wc -l)

# a mix: movement, paging, marking single devices and whole groups
awk -v n="$KEYS" 'BEGIN {
    split("Down Down Space Down g PgDn Up Space End Home PgDn PgDn e e j k", k, " ")
    for (i = 0; i < n; i++) print "key " k[i % 16 + 1]
}' > "$tmp/keys.script"
: > "$tmp/none.script"

ms() {
    s=$(date +%s%N)
    "$VFIOTUI" --sysroot "$tmp/big" --no-domains ui --script "$1" > /dev/null
    e=$(date +%s%N)
    echo $(( (e - s) / 1000 ))
}
best() {
    b=
    for i in 1 2 3; do
        t=$(ms "$1")
        if [ -z "$b" ] || [ "$t" -lt "$b" ]; then b=$t; fi
    done
    echo "$b"
}
# The first screen in a real terminal (tmux, polled every 5 ms, not in
# a busy loop that would take a core from the readers), timed from the
# program's start (the pane notes the time just before it execs):
# until the tree's first group shows, and until the header counts the
# whole host.  $1: VFIOTUI_FIRST (the devices read before the first
# screen; 0 reads the whole host first, as before).  Prints "FIRST
# WHOLE" in microseconds, or "0 0" without tmux.
first_ms() {
    command -v tmux >/dev/null 2>&1 || { echo "0 0"; return; }
    sock=vfiotui-uibench-$$-$1-$2
    rm -f "$tmp/start"
    tmux -L "$sock" new-session -d -x 120 -y 40 \
        "date +%s%N > '$tmp/start.tmp'; mv '$tmp/start.tmp' '$tmp/start'; exec env LANG=C.UTF-8 VFIOTUI_FIRST=$1 '$VFIOTUI' --sysroot '$tmp/big' --no-domains ui"
    until tmux -L "$sock" capture-pane -p 2>/dev/null | grep -q 'IOMMU group 0'; do sleep 0.005; done
    f=$(date +%s%N)
    until tmux -L "$sock" capture-pane -p 2>/dev/null | grep -q "groups, $ndev devices"; do sleep 0.005; done
    w=$(date +%s%N)
    tmux -L "$sock" kill-server
    s=$(cat "$tmp/start")
    echo $(( (f - s) / 1000 )) $(( (w - s) / 1000 ))
}
# the best of 3 (each of the two, in turn)
first_best() {
    bf= bw=
    for i in 1 2 3; do
        set -- $(first_ms "$1" "$i") "$1"
        if [ -z "$bf" ] || [ "$1" -lt "$bf" ]; then bf=$1; fi
        if [ -z "$bw" ] || [ "$2" -lt "$bw" ]; then bw=$2; fi
        set -- "$3"
    done
    echo "$bf $bw"
}
set -- $(first_best 256) $(first_best 0)
part_first=$1 part_whole=$2 whole_first=$3
base=$(best "$tmp/none.script")
with=$(best "$tmp/keys.script")
awk -v d="$ndev" -v k="$KEYS" -v b="$base" -v w="$with" -v pf="$part_first" -v pw="$part_whole" -v wf="$whole_first" 'BEGIN {
    printf "host: %d devices; %d scripted keys, handled and drawn at 80x24\n", d, k
    if (pf > 0) {
        printf "first screen in a terminal (tmux, 120x40), from the start of the program:\n"
        printf "  first groups read first (the default):   %.1f ms; the whole host in at %.1f ms\n", pf / 1000, pw / 1000
        printf "  whole host read first (VFIOTUI_FIRST=0): %.1f ms\n", wf / 1000
        printf "  ratio: %.2fx\n", pf / wf
    }
    printf "a script run (the whole host, readiness and watcher, one screen): %.1f ms\n", b / 1000
    printf "per key: %.3f ms (a frame at 60 Hz is 16.7 ms)\n", (w - b) / 1000 / k
}'
