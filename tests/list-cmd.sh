#!/bin/sh
# list-cmd.sh - golden output of `list` and `list --json` on fixture hosts,
# and the command's handling of bad input.
. "$top_srcdir/tests/lib.sh"

for h in demo desktop-gpu amd-chipset sriov-server no-iommu lvm-nvme; do
    root=$(host "$h")
    expect_status 0 "list on $h" "$VFIOTUI" --sysroot "$root" list
    golden "list-$h.txt" "$T/out"
    expect_status 0 "list --json on $h" "$VFIOTUI" --sysroot "$root" list --json
    # the sysroot path differs run to run; the golden file says ROOT
    sed "s|$root|ROOT|g" "$T/out" > "$T/out.json"
    golden "list-$h.json" "$T/out.json"
done

# Names in lspci -nn's words (issue 9): "Device" for an unknown device,
# no vendor name when it is unknown, "Class [cccc]" for an unknown class,
# and the class code once ("Unassigned class [ffff]", not "... [ffff]
# [ffff]"); a function that reads all-ones is marked not-responding.
LSPCI=${LSPCI:-lspci}
root=$(host unknown-names)
expect_status 0 "list on unknown-names" "$VFIOTUI" --sysroot "$root" list
sed -n 's/^\t0000:\(.* \[[0-9a-f]\{4\}:[0-9a-f]\{4\}\]\).*/\1/p' "$T/out" | sort > "$T/ours"
grep -q '0000:04:00.0 .* not-responding' "$T/out" || fail "all-ones device not marked: $(cat "$T/out")"
if command -v "$LSPCI" >/dev/null 2>&1; then
    "$LSPCI" -nn -A linux-sysfs -O sysfs.path="$root/sys/bus/pci" -O hwdb.disable=1 |
        sed 's/ (rev [0-9a-f]*)$//' | sort > "$T/lspci"
    if diff -u "$T/lspci" "$T/ours"; then
        ok "list names devices as lspci -nn does"
    else
        fail "list's names differ from lspci -nn's"
    fi
else
    fail "lspci not found (install pciutils)"
fi
grep -q 'unknown' "$T/ours" && fail "list says 'unknown' where lspci says Device or Class"

# The demo is the same machine as the demo fixture, and leaves nothing
# behind (in a TMPDIR of its own, so parallel tests do not interfere).
mkdir "$T/tmpdir"
expect_status 0 "--demo list" env TMPDIR="$T/tmpdir" "$VFIOTUI" --demo list
[ -z "$(ls -A "$T/tmpdir")" ] || fail "--demo left something behind: $(ls -A "$T/tmpdir")"
expect_status 0 "--demo list without domains" "$VFIOTUI" --demo --no-domains list
golden "list-demo.txt" "$T/out"

# Bad input: a clear message, exit 2, never a crash.
expect_status 2 "list with an argument" "$VFIOTUI" --demo list extra
grep -q "no arguments" "$T/err" || fail "list extra: message was: $(cat "$T/err")"
expect_status 2 "missing sysroot" "$VFIOTUI" --sysroot "$T/nonexistent" list
grep -q "$T/nonexistent" "$T/err" || fail "missing sysroot: message does not name it: $(cat "$T/err")"
expect_status 2 "unknown command" "$VFIOTUI" --demo frobnicate
expect_status 2 "unknown option" "$VFIOTUI" --frobnicate
expect_status 2 "bad --source" "$VFIOTUI" --source nfs list
expect_status 0 "--help" "$VFIOTUI" --help
grep -q '^Usage: vfiotui' "$T/out" || fail "--help has no Usage line"
expect_status 0 "--version" "$VFIOTUI" --version
head -n 1 "$T/out" | grep -q '^vfiotui [0-9]' || fail "--version first line: $(head -n 1 "$T/out")"

# --addresses and --groups: the same devices and groups as the full
# list, one a line, nothing else
root=$(host desktop-gpu)
"$VFIOTUI" --sysroot "$root" --no-domains list > "$T/full"
expect_status 0 "list --addresses" "$VFIOTUI" --sysroot "$root" list --addresses
sed -n 's/^\t\([0-9a-f:.]*\) .*/\1/p' "$T/full" | sort > "$T/want"
sort "$T/out" | diff -u "$T/want" - || fail "list --addresses is not the devices of list"
[ -s "$T/out" ] || fail "list --addresses printed nothing"
expect_status 0 "list --groups" "$VFIOTUI" --sysroot "$root" list --groups
sed -n 's/^IOMMU Group \([0-9]*\):$/\1/p' "$T/full" > "$T/want"
diff -u "$T/want" "$T/out" || fail "list --groups is not the groups of list"
[ -s "$T/out" ] || fail "list --groups printed nothing"
[ -s "$T/err" ] && fail "list --groups wrote to stderr: $(cat "$T/err")"

# A malformed tree degrades with warnings but still lists what it can.
root=$(host demo)
# (identity comes from config space: a short one sends the reader to
# the files, HACKING "Identity from config")
printf 'garbage\n' > "$root/sys/bus/pci/devices/0000:00:02.0/class"
printf 'short' > "$root/sys/bus/pci/devices/0000:00:02.0/config"
rm -f "$root/sys/bus/pci/devices/0000:00:14.0/vendor"
rm -f "$root/sys/bus/pci/devices/0000:00:14.0/config"
expect_status 0 "list on a damaged tree" "$VFIOTUI" --sysroot "$root" list
grep -q '0000:00:14.0' "$T/out" || fail "device with a missing vendor file vanished from list"
grep -q 'warning' "$T/err" || fail "damaged tree gave no warning"
finish
