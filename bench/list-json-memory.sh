#!/bin/sh
# list-json-memory.sh - peak resident memory of `list --json` on a
# synthetic host of about 10,000 devices, against `list` (text) on the
# same host: the JSON is printed as it is built, so it should need
# little more than the host model itself (target: under 32 MiB).
# Usage: bench/list-json-memory.sh [BUILDDIR]   (VFIOTUI, MKHOST, DEVICES, RUNS)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-.}
VFIOTUI=${VFIOTUI:-$build/src/vfiotui}
MKHOST=${MKHOST:-$build/tests/mkhost}
RUNS=${RUNS:-3}
TIME=/usr/bin/time
[ -x "$TIME" ] || { echo "$0: needs GNU time as $TIME (Debian: apt-get install time)" >&2; exit 2; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/vfiotui-membench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
sh "$here/mkbig.sh" "${DEVICES:-10000}" > "$tmp/big.host"
mkdir "$tmp/big"
"$MKHOST" "$tmp/big.host" "$tmp/big"
ndev=$(ls "$tmp/big/sys/bus/pci/devices" | wc -l)

# the largest "Maximum resident set size" (KiB) of RUNS runs of "$@"
peak() {
    best=0
    i=0
    while [ "$i" -lt "$RUNS" ]; do
        "$TIME" -v -o "$tmp/time" "$@" > "$tmp/out" 2> /dev/null
        kb=$(sed -n 's/.*Maximum resident set size (kbytes): *//p' "$tmp/time")
        [ "$kb" -gt "$best" ] && best=$kb
        i=$((i + 1))
    done
    echo "$best"
}
text=$(peak "$VFIOTUI" --sysroot "$tmp/big" --no-domains list)
json=$(peak "$VFIOTUI" --sysroot "$tmp/big" --no-domains list --json)
bytes=$(wc -c < "$tmp/out")
awk -v d="$ndev" -v t="$text" -v j="$json" -v b="$bytes" 'BEGIN {
    printf "host: %d devices; list --json prints %.1f MiB\n", d, b / 1048576
    printf "peak RSS, list (text):  %6.1f MiB\n", t / 1024
    printf "peak RSS, list --json:  %6.1f MiB (target: under 32 MiB) %s\n", j / 1024,
        j < 32 * 1024 ? "ok" : "OVER"
}'
