#!/bin/sh
# scan-threads.sh - the device scan reads on two threads (src/host/sysfs.c
# scan_read) and says exactly what one reader says: the same devices,
# warnings and findings in the same order, on a tree damaged in both
# halves, whether VFIOTUI_SCAN_JOBS=1 or not, run after run.
. "$top_srcdir/tests/lib.sh"

R=$T/big
sh "$top_srcdir/bench/mkbig.sh" 600 > "$T/big.host"
mkdir -p "$R"
"$MKHOST" "$T/big.host" "$R" || { echo "mkhost failed" >&2; exit 2; }
DEV=$R/sys/bus/pci/devices
ls "$DEV" > "$T/names"
n=$(wc -l < "$T/names")
[ "$n" -gt 500 ] || fail "the host has $n devices, wanted over 500"
# nth K: the device name at K percent of the address order
nth() { sed -n "$((n * $1 / 100 + 1))p" "$T/names"; }

# damage on either side of the middle, where the two slices meet, and
# further out: identity (config short, so the files count), the driver
# link, the class, the NUMA node and reset methods (not in list's text)
d1=$(nth 10); d2=$(nth 49); d3=$(nth 50); d4=$(nth 51); d5=$(nth 90)
printf 'short' > "$DEV/$d1/config"
printf 'zzzz\n' > "$DEV/$d1/vendor"
rm -f "$DEV/$d2/driver"
ln -s ../../../nowhere "$DEV/$d2/driver"
printf 'short' > "$DEV/$d3/config"
printf '0xZZ\n' > "$DEV/$d3/class"
printf 'xyz\n' > "$DEV/$d4/numa_node"
printf 'flr b@d\n' > "$DEV/$d5/reset_method"

# run NAME JOBS ARGS...: stdout and stderr of vfiotui ARGS into $T/NAME
run() {
    name=$1; jobs=$2; shift 2
    if [ "$jobs" = 1 ]; then
        VFIOTUI_SCAN_JOBS=1 "$VFIOTUI" --sysroot "$R" --no-domains "$@" > "$T/$name.out" 2> "$T/$name.err"
    else
        "$VFIOTUI" --sysroot "$R" --no-domains "$@" > "$T/$name.out" 2> "$T/$name.err"
    fi
    echo $? > "$T/$name.rc"
}

for cmd in list "list --json" "check $d1 $d2 $d3 $d4 $d5"; do
    tag=$(echo "$cmd" | cut -d' ' -f1-2 | tr -c 'a-z\n' _)
    # shellcheck disable=SC2086
    run "$tag.1" 1 $cmd
    for k in a b c; do
        # shellcheck disable=SC2086
        run "$tag.2$k" 2 $cmd
        for f in out err rc; do
            cmp -s "$T/$tag.1.$f" "$T/$tag.2$k.$f" ||
                fail "$cmd: two readers ($k) differ from one in $f: $(diff "$T/$tag.1.$f" "$T/$tag.2$k.$f" | head -5)"
        done
    done
    ok "$cmd: the same on one reader and on two, three times"
done

# list --json has a warning for each damaged device, in address order
cat "$T/list___json.1.err" |
    grep -o "0000:[0-9a-f:.]*: \(vendor\|the driver\|class\|numa_node\|reset_method\)" |
    cut -d' ' -f1 > "$T/order"
printf '%s:\n' "$d1" "$d2" "$d3" "$d4" "$d5" > "$T/want"
diff "$T/want" "$T/order" > /dev/null ||
    fail "the warnings are not one per damaged device in address order: $(diff "$T/want" "$T/order")"
grep -q 'host-warning' "$T/check_$d1.1.out" 2>/dev/null || grep -q 'host-warning' "$T"/check_*.1.out ||
    fail "check has no host-warning finding: $(cat "$T"/check_*.1.out)"

finish
