#!/bin/sh
# remote-concurrent.sh - node-device XML is fetched on several threads
# (src/virt/nodedev.c); the output must be byte for byte what fetching
# one at a time (VFIOTUI_FETCH_JOBS=1) gives.
#  1. The test driver, in-process, with 150 PCI node devices.
#  2. As root: a real libvirtd (tests/remote-daemon.sh) whose node
#     devices are a 150-device fixture host, with 6 guests, reached through
#     bench/delayproxy.py with a 4 ms round trip, which also counts the
#     calls in flight: 1 at a time with VFIOTUI_FETCH_JOBS=1, more by
#     default.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/remote-daemon.sh"

proxy_pid=
cleanup() {
    [ -n "$proxy_pid" ] && kill "$proxy_pid" 2>/dev/null && wait "$proxy_pid" 2>/dev/null
    remote_daemon_stop
    rm -rf "$T"
}
trap cleanup EXIT

# same_output NAME URI ARGS...: the command's stdout and stderr with
# VFIOTUI_FETCH_JOBS unset, 3 and 64 equal those with 1
same_output() {
    name=$1; shift
    VFIOTUI_FETCH_JOBS=1 "$VFIOTUI" "$@" > "$T/$name.1" 2>&1
    echo "exit $?" >> "$T/$name.1"
    for j in default 3 64; do
        if [ "$j" = default ]; then
            env -u VFIOTUI_FETCH_JOBS "$VFIOTUI" "$@" > "$T/$name.$j" 2>&1
        else
            VFIOTUI_FETCH_JOBS=$j "$VFIOTUI" "$@" > "$T/$name.$j" 2>&1
        fi
        echo "exit $?" >> "$T/$name.$j"
        if cmp -s "$T/$name.1" "$T/$name.$j"; then
            ok "$name: $j fetch threads give what one does"
        else
            fail "$name: $j fetch threads differ from one: $(diff "$T/$name.1" "$T/$name.$j" | head -n 5)"
        fi
    done
}

# --- 1. the test driver ----------------------------------------------
# 150 functions, 8 to a bus, 4 to an IOMMU group; one guest holds 01:00.0.
awk -v n=150 'BEGIN {
    print "<node>"
    print "<domain type=\"test\"><name>g1</name><uuid>4dea22b3-1d52-d8f3-2516-782e98ab3fa0</uuid>"
    print "<memory>65536</memory><os><type>hvm</type></os><devices>"
    print "<hostdev mode=\"subsystem\" type=\"pci\" managed=\"yes\"><source>"
    print "<address domain=\"0x0000\" bus=\"0x01\" slot=\"0x00\" function=\"0x0\"/></source></hostdev>"
    print "</devices></domain>"
    for (i = 0; i < n; i++) {
        bus = 1 + int(i / 8); fn = i % 8; g = int(i / 4)
        printf "<device><name>pci_0000_%02x_00_%d</name><parent>computer</parent>\n", bus, fn
        printf "<capability type=\"pci\"><class>0x020000</class><domain>0</domain>"
        printf "<bus>%d</bus><slot>0</slot><function>%d</function>\n", bus, fn
        printf "<product id=\"0x1572\">Ethernet Controller X710</product><vendor id=\"0x8086\">Intel Corporation</vendor>\n"
        printf "<iommuGroup number=\"%d\">", g
        for (k = 4 * g; k < 4 * g + 4 && k < n; k++)
            printf "<address domain=\"0x0000\" bus=\"0x%02x\" slot=\"0x00\" function=\"0x%x\"/>", 1 + int(k / 8), k % 8
        print "</iommuGroup></capability></device>"
    }
    print "</node>"
}' > "$T/node.xml"
URI="test://$T/node.xml"
VFIOTUI_FETCH_JOBS=1 "$VFIOTUI" -c "$URI" --source libvirt list > "$T/seq" 2>&1
[ "$(grep -c '^	0000:' "$T/seq")" -eq 150 ] ||
    fail "the test driver's 150 devices are not all listed: $(head -n 5 "$T/seq")"
grep -q '^	0000:01:00.0 .* used-by=g1' "$T/seq" ||
    fail "the guest's device is not shown in use: $(head -n 3 "$T/seq")"
same_output test-list -c "$URI" --source libvirt list
same_output test-json -c "$URI" --source libvirt list --json
same_output test-check -c "$URI" --source libvirt check 0000:02:00.0 0000:02:00.1

# --- 2. a real daemon over a slow link ----------------------------------
if [ "$(id -u)" -ne 0 ]; then
    ok "not root: no private libvirtd, the daemon half is skipped"
    finish
fi
sh "$top_srcdir/bench/mkbig.sh" 140 > "$T/big.host"
mkdir "$T/big"
"$MKHOST" "$T/big.host" "$T/big" || { fail "mkhost failed"; finish; }
remote_daemon_start "$T/daemon" "$T/big" 2> "$T/daemon.err" ||
    { fail "cannot start a private libvirtd: $(cat "$T/daemon.err")"; finish; }
remote_daemon_guests 6 2> "$T/daemon.err" || fail "cannot define guests: $(cat "$T/daemon.err")"
python3 "$top_srcdir/bench/delayproxy.py" "$T/proxy.sock" "$RD_SOCK" 4 "$T/stats" &
proxy_pid=$!
i=0
while [ ! -S "$T/proxy.sock" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
URI="qemu+unix:///system?socket=$T/proxy.sock"
ndev=$(ls "$T/big/sys/bus/pci/devices" | wc -l)

# in flight at most: the proxy's line for the connection just closed
in_flight() {
    : > "$T/stats"
    "$@" > /dev/null 2>&1
    i=0
    while [ ! -s "$T/stats" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
    sed -n 's/.*max_in_flight \([0-9]*\).*/\1/p' "$T/stats"
}
f1=$(in_flight env VFIOTUI_FETCH_JOBS=1 "$VFIOTUI" -c "$URI" --source libvirt list)
fn=$(in_flight env -u VFIOTUI_FETCH_JOBS "$VFIOTUI" -c "$URI" --source libvirt list)
[ "$f1" = 1 ] && ok "VFIOTUI_FETCH_JOBS=1: one call in flight" ||
    fail "VFIOTUI_FETCH_JOBS=1: '$f1' calls in flight at most, wanted 1"
[ -n "$fn" ] && [ "$fn" -gt 1 ] && ok "by default: $fn calls in flight" ||
    fail "by default: '$fn' calls in flight at most, wanted more than 1"

same_output daemon-list -c "$URI" --source libvirt list
[ "$(grep -c '^	0000:' "$T/daemon-list.1")" -eq "$ndev" ] ||
    fail "the daemon's $ndev devices are not all listed: $(head -n 5 "$T/daemon-list.1")"
[ "$(grep -c 'used-by=guest[1-6](shut off' "$T/daemon-list.1")" -eq 6 ] ||
    fail "the 6 guests' devices are not shown in use: $(grep used-by "$T/daemon-list.1" | head -n 3)"
same_output daemon-json -c "$URI" --source libvirt list --json
finish
