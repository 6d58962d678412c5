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
# the first screen in a real terminal: a script reads the readiness
# facts and starts the watcher before its first screen, the interface
# after (tmux polled every 5 ms, not in a busy loop that would take a
# core from the readers; 0 without tmux)
first_ms() {
    command -v tmux >/dev/null 2>&1 || { echo 0; return; }
    sock=vfiotui-uibench-$$
    s=$(date +%s%N)
    tmux -L "$sock" new-session -d -x 120 -y 40 \
        "env LANG=C.UTF-8 '$VFIOTUI' --sysroot '$tmp/big' --no-domains ui; sleep 30"
    until tmux -L "$sock" capture-pane -p 2>/dev/null | grep -q 'IOMMU group 0'; do sleep 0.005; done
    e=$(date +%s%N)
    tmux -L "$sock" kill-server
    echo $(( (e - s) / 1000 ))
}
first=
for i in 1 2 3; do
    t=$(first_ms)
    if [ -z "$first" ] || [ "$t" -lt "$first" ]; then first=$t; fi
done
base=$(best "$tmp/none.script")
with=$(best "$tmp/keys.script")
awk -v d="$ndev" -v k="$KEYS" -v b="$base" -v w="$with" -v f="$first" 'BEGIN {
    printf "host: %d devices; %d scripted keys, handled and drawn at 80x24\n", d, k
    printf "start-up and first draw: %.1f ms (a script: readiness and watcher included)\n", b / 1000
    if (f > 0)
        printf "first screen in a terminal (tmux): %.1f ms, %.2fx the script run\n", f / 1000, f / b
    printf "per key: %.3f ms (a frame at 60 Hz is 16.7 ms)\n", (w - b) / 1000 / k
}'
