#!/bin/sh
# ui-columns.sh - the tree's columns, computed from screen dumps
# independently of the goldens (tests/ui-columns.py): the
# [vendor:device], class, name, driver and badge columns align on every
# row, every badge of the model is whole, group rows align, and no blank
# row shows while rows are hidden above.  On the demo host, on a host of
# long names, wide characters and 4- to 6-digit groups, and on a big one.
. "$top_srcdir/tests/lib.sh"

command -v python3 >/dev/null 2>&1 || { fail "python3 is not installed"; finish; }
CHECK="python3 $top_srcdir/tests/ui-columns.py"
DUMPS="top end end-collapsed end-filtered"
export LC_ALL=C.UTF-8 LANGUAGE=

# columns NAME SIZE CHECKER-OPTION... -- VFIOTUI-OPTION...: dump the
# columns script at SIZE and check the dumps against list --json; $host
# names the model, $UIOPTS holds options for the interface alone.
UIOPTS=
columns() {
    name=$1 size=$2; shift 2
    copts=
    while [ "$1" != "--" ]; do copts="$copts $1"; shift; done
    shift
    out=$T/$name/$size
    mkdir -p "$out"
    # the model, once per host
    [ -s "$T/$host.json" ] || "$VFIOTUI" "$@" list --json > "$T/$host.json" 2> "$T/err" ||
        { fail "$name: list --json failed: $(cat "$T/err")"; return; }
    # shellcheck disable=SC2086
    expect_status 0 "$name at $size" "$VFIOTUI" "$@" ui $UIOPTS --size "$size" \
        --script "$top_srcdir/tests/ui/columns.script" --dump-dir "$out"
    files=
    for d in $DUMPS; do
        [ -f "$out/$d.txt" ] || { fail "$name at $size: no dump $d"; return; }
        files="$files $out/$d.txt"
    done
    # shellcheck disable=SC2086
    if $CHECK --json "$T/$host.json" --cols "${size%x*}" --filtered end-filtered $copts $files; then
        ok "$name at $size: the columns hold"
    else
        fail "$name at $size: the columns do not hold"
    fi
}

host=demo
for size in 80x24 110x30 120x40 160x48 200x50 300x60; do
    columns demo "$size" -- --demo
done
UIOPTS=--ascii columns demo-ascii 80x24 -- --demo
grep -q "~ " "$T/demo-ascii/80x24/top.txt" || fail "ASCII: nothing cut with ~ at 80 columns"
grep -q "…" "$T/demo-ascii/80x24/top.txt" && fail "ASCII: a … in ASCII mode"

WIDE=$(host wide)
NODE=test:///$(cd "$top_srcdir/tests/domains" && pwd)/wide-node.xml
host=wide
# at 80 columns the guest's 31-character name cannot fit whole
columns wide 80x24 --cut-domain -- --sysroot "$WIDE" -c "$NODE"
for size in 110x30 200x50 300x60; do
    columns wide "$size" -- --sysroot "$WIDE" -c "$NODE"
done
# names in wide characters before the [vendor:device] column: node
# devices read through libvirt
host=wide-nodedev
columns wide-nodedev 80x24 --cut-domain -- -c "$NODE" --source libvirt
columns wide-nodedev 120x40 -- -c "$NODE" --source libvirt
grep -q "イーサネット仮想機能" "$T/wide-nodedev/120x40/top.txt" || fail "a name in wide characters is not shown"
grep -q "in-use-by-客人-ゲスト VF" "$T/wide/200x50/top.txt" || fail "the guest with a wide name is not shown whole"
grep -q "IOMMU group 123456  2 devices" "$T/wide/200x50/top.txt" || fail "a 6-digit group runs into its count"

# no IOMMU: the devices' row is never "ok", and the filter keeps it
host=no-iommu
NOIOMMU=$(host no-iommu)
columns no-iommu 80x24 -- --sysroot "$NOIOMMU" --no-domains
for d in top end-filtered; do
    grep -q "devices without an IOMMU group  5 devices  IOMMU off: none can be assigned" \
        "$T/no-iommu/80x24/$d.txt" || fail "no IOMMU ($d): the devices' row does not say they cannot be assigned"
    grep -q " ok$" "$T/no-iommu/80x24/$d.txt" && fail "no IOMMU ($d): something says ok"
done
# ... and the details under the cursor (the devices' row) explain it in full
grep -q "The IOMMU is off: the kernel" "$T/no-iommu/80x24/top.txt" ||
    fail "no IOMMU: the details do not explain that the IOMMU is off: $(cat "$T/no-iommu/80x24/top.txt")"
grep -q "intel_iommu=on" "$T/no-iommu/80x24/top.txt" || fail "no IOMMU: the details give no remedy"

# a big host: 4-digit groups, End then e shows a full screen
sh "$top_srcdir/bench/mkbig.sh" 1500 > "$T/big.host"
mkdir "$T/big"
"$MKHOST" "$T/big.host" "$T/big" || fail "mkhost failed for the big host"
host=big
for size in 80x24 200x50; do
    columns big "$size" -- --sysroot "$T/big" --no-domains
done
grep -q "^>. IOMMU group 10[0-9][0-9] " "$T/big/80x24/end-collapsed.txt" ||
    fail "End then e: the cursor is not on the last group"
[ "$(grep -c "IOMMU group" "$T/big/80x24/end-collapsed.txt")" -ge 12 ] ||
    fail "End then e on the big host does not fill the screen: $(cat "$T/big/80x24/end-collapsed.txt")"
finish
