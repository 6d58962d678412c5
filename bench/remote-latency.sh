#!/bin/sh
# remote-latency.sh - `vfiotui --source libvirt list` over a slow link,
# against `virsh nodedev-list --cap pci` over the same link.
#
# A real libvirtd (tests/remote-daemon.sh: the system daemon in a mount
# namespace of its own) lists the PCI devices of a synthetic host built
# by mkbig.sh and tests/mkhost as its node devices; bench/delayproxy.py
# sits in front of its socket and delays every chunk RTT/2 each way.
# Both clients reach it as qemu+unix:///system?socket=PROXY.  Prints the
# median wall time of each (RUNS runs), the ratio, the time with one
# fetch at a time (VFIOTUI_FETCH_JOBS=1, one run; SEQ=0 skips it), and
# the RPC calls each client made and how many were in flight at most.
# The daemon also holds DOMAINS shut-off guests, each with a hostdev.
# Usage: bench/remote-latency.sh [BUILDDIR]   as root
#   DEVICES (300), DOMAINS (10), RTT_MS (20), RUNS (5), VFIOTUI, MKHOST
#   override.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-.}
VFIOTUI=${VFIOTUI:-$build/src/vfiotui}
MKHOST=${MKHOST:-$build/tests/mkhost}
RUNS=${RUNS:-5}
RTT_MS=${RTT_MS:-20}
SEQ=${SEQ:-1}

. "$here/../tests/remote-daemon.sh"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/vfiotui-bench.XXXXXX")
proxy_pid=
cleanup() {
    set +e
    [ -n "$proxy_pid" ] && kill "$proxy_pid" 2>/dev/null && wait "$proxy_pid" 2>/dev/null
    remote_daemon_stop
    rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

sh "$here/mkbig.sh" "${DEVICES:-300}" > "$tmp/big.host"
mkdir "$tmp/big"
"$MKHOST" "$tmp/big.host" "$tmp/big"
remote_daemon_start "$tmp/daemon" "$tmp/big"
remote_daemon_guests "${DOMAINS:-10}"

python3 "$here/delayproxy.py" "$tmp/proxy.sock" "$RD_SOCK" "$RTT_MS" "$tmp/stats" &
proxy_pid=$!
i=0
while [ ! -S "$tmp/proxy.sock" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
URI="qemu+unix:///system?socket=$tmp/proxy.sock"

ndev=$(virsh -q -c "$RD_URI" nodedev-list --cap pci | grep -c .)
"$VFIOTUI" -c "$URI" --source libvirt list > "$tmp/list" 2> "$tmp/err" || {
    echo "vfiotui list failed: $(cat "$tmp/err")" >&2
    exit 1
}
nlist=$(grep -c '^	' "$tmp/list" || true)

# median wall time in seconds of RUNS runs of "$@"; the proxy's line for
# the last run goes to $tmp/last
median_s() {
    runs=$1; shift
    i=0
    : > "$tmp/times"
    while [ "$i" -lt "$runs" ]; do
        : > "$tmp/stats"
        s=$(date +%s%N)
        "$@" > /dev/null 2>&1
        e=$(date +%s%N)
        echo $(( (e - s) / 1000 )) >> "$tmp/times"
        i=$((i + 1))
    done
    sleep 0.2       # the proxy writes its line when the connection closes
    cp "$tmp/stats" "$tmp/last"
    sort -n "$tmp/times" | awk '{ a[NR] = $1 } END { m = (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2; printf "%.2f", m / 1000000 }'
}

echo "libvirtd with $ndev PCI node devices (vfiotui lists $nlist) and ${DOMAINS:-10} domains, round trip $RTT_MS ms, median of $RUNS runs"
tv=$(median_s "$RUNS" "$VFIOTUI" -c "$URI" --source libvirt list)
sv=$(cat "$tmp/last")
tr=$(median_s "$RUNS" virsh -q -c "$URI" nodedev-list --cap pci)
sr=$(cat "$tmp/last")
printf '%-44s %6s s   %s\n' "vfiotui --source libvirt list" "$tv" "$sv"
printf '%-44s %6s s   %s\n' "virsh nodedev-list --cap pci" "$tr" "$sr"
echo "ratio vfiotui / virsh: $(awk -v a="$tv" -v b="$tr" 'BEGIN { printf "%.1f", a / b }')"
if [ "$SEQ" = 1 ]; then
    ts=$(export VFIOTUI_FETCH_JOBS=1; median_s 1 "$VFIOTUI" -c "$URI" --source libvirt list)
    printf '%-44s %6s s   %s\n' "same, VFIOTUI_FETCH_JOBS=1 (one at a time)" "$ts" "$(cat "$tmp/last")"
    echo "speed-up from concurrent fetches: $(awk -v a="$ts" -v b="$tv" 'BEGIN { printf "%.1f", a / b }')x"
fi
