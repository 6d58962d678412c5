#!/bin/sh
# list-vs-lspci.sh - time `vfiotui list` on a synthetic host of >= 4096
# devices against lspci on the same tree, and against the seed page's
# shell loop (one lspci per device).  Prints medians and ratios.
# Usage: bench/list-vs-lspci.sh [BUILDDIR]   (VFIOTUI, MKHOST override)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-.}
VFIOTUI=${VFIOTUI:-$build/src/vfiotui}
MKHOST=${MKHOST:-$build/tests/mkhost}
LSPCI=${LSPCI:-lspci}
RUNS=${RUNS:-9}
LOOP_RUNS=${LOOP_RUNS:-1}

tmp=$(mktemp -d "${TMPDIR:-/tmp}/vfiotui-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
sh "$here/mkbig.sh" "${DEVICES:-4500}" > "$tmp/big.host"
mkdir "$tmp/big"
"$MKHOST" "$tmp/big.host" "$tmp/big"
ndev=$(ls "$tmp/big/sys/bus/pci/devices" | wc -l)
ngrp=$(ls "$tmp/big/sys/kernel/iommu_groups" | wc -l)
pcipath=$tmp/big/sys/bus/pci

# median wall time in milliseconds of RUNS runs of "$@"
median_ms() {
    runs=$1; shift
    i=0
    : > "$tmp/times"
    while [ "$i" -lt "$runs" ]; do
        s=$(date +%s%N)
        "$@" > /dev/null 2>&1
        e=$(date +%s%N)
        echo $(( (e - s) / 1000 )) >> "$tmp/times"
        i=$((i + 1))
    done
    sort -n "$tmp/times" | awk '{ a[NR] = $1 } END { m = (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2; printf "%.1f", m / 1000 }'
}

seed_loop() {
    # the loop from the seed page, pointed at the same tree
    for g in $(find "$tmp/big/sys/kernel/iommu_groups/" -mindepth 1 -maxdepth 1 -type d | sort -V); do
        echo "IOMMU Group ${g##*/}:"
        for d in "$g"/devices/*; do
            printf '\t%s\n' "$("$LSPCI" -A linux-sysfs -O sysfs.path="$pcipath" -O hwdb.disable=1 -nns "${d##*/}")"
        done
    done
}

# warm the page cache and pci.ids once
"$VFIOTUI" --sysroot "$tmp/big" list > /dev/null
"$LSPCI" -A linux-sysfs -O sysfs.path="$pcipath" -O hwdb.disable=1 -nnk > /dev/null 2>&1

ours=$(median_ms "$RUNS" "$VFIOTUI" --sysroot "$tmp/big" list)
theirs=$(median_ms "$RUNS" "$LSPCI" -A linux-sysfs -O sysfs.path="$pcipath" -O hwdb.disable=1 -nnk)
loop=$(median_ms "$LOOP_RUNS" seed_loop)

echo "synthetic host: $ndev devices in $ngrp IOMMU groups ($RUNS runs each, median)"
printf '  vfiotui list                 %8.1f ms\n' "$ours"
printf '  lspci -nnk                   %8.1f ms\n' "$theirs"
printf '  seed shell loop (lspci each) %8.1f ms  (%s run)\n' "$loop" "$LOOP_RUNS"
awk -v a="$ours" -v b="$theirs" -v c="$loop" 'BEGIN {
    printf "ratio vfiotui list / lspci -nnk:      %.2fx\n", a / b
    printf "ratio vfiotui list / seed shell loop: %.4fx\n", a / c
}'
