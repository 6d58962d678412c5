#!/bin/sh
# ui-reload.sh - F5 on a host that grew, and on one that shrank: the
# interface takes the new host from the session and rebuilds its marks
# (kept by address), rows and cursor for the new size.  Under
# --enable-sanitizers a mark sized for the old host is an ASan report.
. "$top_srcdir/tests/lib.sh"

command -v tmux >/dev/null 2>&1 || { fail "tmux is not installed"; finish; }
tmux_init reload reload
WAIT_FOR_HOOK=sanitizer_report

# sanitizer_report: a failure for each report the sanitizers wrote
sanitizer_report() {
    for f in "$T"/san.*; do
        case $f in *.seen) continue ;; esac
        [ -s "$f" ] || continue
        fail "the sanitizer reported ($f):"
        head -20 "$f" >&2
        mv "$f" "$f.seen"
    done
}

# desc N: a host of N endpoints 0000:BB:00.0 (BB = 01...), each alone
# in its group and bound to vfio-pci, so that any selection is clean.
desc() {
    echo "host reload"
    echo "kernel 6.1.0-18-amd64"
    echo "cmdline BOOT_IMAGE=/vmlinuz root=/dev/sda1 ro intel_iommu=on"
    echo "vfio loaded"
    i=1
    while [ "$i" -le "$1" ]; do
        printf 'dev 0000:%02x:00.0 8086:10fb class=020000 group=%d driver=vfio-pci\n' "$i" "$i"
        i=$((i + 1))
    done
}

# build N: the sysroot $T/root, made again with N devices.  It is built
# aside and put in place by a rename, so that the screen (which follows
# the tree it watches) sees no half-built host: only F5 reads the new one.
build() {
    desc "$1" > "$T/host.desc"
    rm -rf "$T/root.new" "$T/root.old"
    mkdir "$T/root.new"
    "$MKHOST" "$T/host.desc" "$T/root.new" || { echo "mkhost failed" >&2; exit 2; }
    [ -d "$T/root" ] && mv "$T/root" "$T/root.old"
    mv "$T/root.new" "$T/root"
}

# start DIR: the interface on $T/root, its working directory DIR (where
# F7's default file name lands)
start() {
    tm kill-server >/dev/null 2>&1
    mkdir -p "$1"
    : > "$T/stderr"
    # the interface holds stderr while curses runs: the sanitizers'
    # reports go to files of their own ($T/san.PID)
    tm new-session -d -s "$S" -x 100 -y 30 \
        "cd '$1' && env LANG=C.UTF-8 ASAN_OPTIONS='${ASAN_OPTIONS:+$ASAN_OPTIONS:}log_path=$T/san' UBSAN_OPTIONS='${UBSAN_OPTIONS:+$UBSAN_OPTIONS:}log_path=$T/san' '$VFIOTUI' --sysroot '$T/root' 2>'$T/stderr'; echo \"EXITED rc=\$?\"; sleep 60"
}

# mark ADDR: find the device and mark it
mark() {
    tm send-keys -t "$S" / "$1" Enter
    wait_for "$1"
    tm send-keys -t "$S" Space
    wait_for "marked $1"
}

# write_and_quit N: F7 to the default hostdevs.xml, then q
write_and_quit() {
    tm send-keys -t "$S" F7
    wait_for "hostdevs.xml"
    tm send-keys -t "$S" Enter
    wait_for "wrote $1 hostdevs to hostdevs.xml"
    tm send-keys -t "$S" q
    wait_for "EXITED rc=0"
    sanitizer_report
}

# holds FILE BUS...: FILE names exactly the devices on these buses
holds() {
    f=$1
    shift
    got=$(sed -n 's/.*<address domain="0x0000" bus="0x\([0-9a-f]*\)".*/\1/p' "$f" | sort | tr '\n' ' ')
    want=$(printf '%s\n' "$@" | sort | tr '\n' ' ')
    if [ "$got" = "$want" ]; then
        ok "$f holds the devices on buses $want"
    else
        fail "$f holds the devices on buses '$got', wanted '$want'"
    fi
}

# The host grows from 3 devices to 60: the marks follow their
# addresses, and a device past the old end can be marked and written.
build 3
start "$T/grew"
wait_for "3 devices"
mark 0000:01:00.0
mark 0000:03:00.0
wait_for "2 marked"
# a host that cannot be read again: the old one stays, marks and all
mv "$T/root" "$T/root.away"
tm send-keys -t "$S" F5
wait_for "rescan failed: the host could not be read again"
wait_for "3 devices, 2 marked"
mv "$T/root.away" "$T/root"
build 60
tm send-keys -t "$S" F5
wait_for "rescanned: 60 devices, 60 IOMMU groups"
wait_for "60 devices, 2 marked"
# the cursor stays on the device it was on
wait_for "> [x] 0000:03:00.0"
mark 0000:3c:00.0
wait_for "3 marked"
write_and_quit 3
holds "$T/grew/hostdevs.xml" 01 03 3c

# It shrinks from 60 to 3, the cursor on a row that is gone: marks of
# devices that left go with them, the rest stay.
build 60
start "$T/shrank"
wait_for "60 devices"
mark 0000:02:00.0
mark 0000:30:00.0
mark 0000:3c:00.0
wait_for "3 marked"
build 3
tm send-keys -t "$S" F5
wait_for "rescanned: 3 devices, 3 IOMMU groups"
wait_for "1 marked"
# the marks that went are told, in the log
tm send-keys -t "$S" M
wait_for "0000:30:00.0 was marked and is gone"
wait_for "0000:3c:00.0 was marked and is gone"
tm send-keys -t "$S" Escape
mark 0000:03:00.0
wait_for "2 marked"
write_and_quit 2
holds "$T/shrank/hostdevs.xml" 02 03
finish
