#!/bin/sh
# list-vs-lspci.sh - time `vfiotui list` on a synthetic host of >= 4096
# devices against lspci on the same tree (paired: one run of each in
# turn, so a busy machine slows both alike), and against the seed
# page's shell loop (one lspci per device); the peak RSS of both; how
# `list` scales from about 10,000 to 20,000 devices; and, when
# ASAN_VFIOTUI names a sanitizer build (configure --enable-sanitizers),
# how much slower that build lists 20,000 devices.  Prints medians and
# ratios.
# Usage: bench/list-vs-lspci.sh [BUILDDIR]
#   (VFIOTUI, MKHOST, LSPCI, RUNS, LOOP_RUNS, DEVICES, BIG, ASAN_VFIOTUI
#    override; LOOP_RUNS=0 skips the shell loop, BIG=0 the scaling lines)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-.}
VFIOTUI=${VFIOTUI:-$build/src/vfiotui}
MKHOST=${MKHOST:-$build/tests/mkhost}
LSPCI=${LSPCI:-lspci}
RUNS=${RUNS:-9}
LOOP_RUNS=${LOOP_RUNS:-1}
BIG=${BIG:-1}
ASAN_VFIOTUI=${ASAN_VFIOTUI:-}
TIME=/usr/bin/time
[ -x "$TIME" ] || { echo "$0: needs GNU time as $TIME (Debian: apt-get install time)" >&2; exit 2; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/vfiotui-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

# mktree N DIR: a mkbig.sh host of about N devices in DIR
mktree() {
    sh "$here/mkbig.sh" "$1" > "$tmp/$2.host"
    mkdir "$tmp/$2"
    "$MKHOST" "$tmp/$2.host" "$tmp/$2"
}
mktree "${DEVICES:-4500}" big
ndev=$(ls "$tmp/big/sys/bus/pci/devices" | wc -l)
ngrp=$(ls "$tmp/big/sys/kernel/iommu_groups" | wc -l)
pcipath=$tmp/big/sys/bus/pci

# wall time of "$@" in microseconds
us() {
    s=$(date +%s%N)
    "$@" > /dev/null 2>&1 || true
    e=$(date +%s%N)
    echo $(( (e - s) / 1000 ))
}
# median of the numbers in FILE, in milliseconds
median_ms() {
    sort -n "$1" | awk '{ a[NR] = $1 } END { m = (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2; printf "%.1f", m / 1000 }'
}
ours() { "$VFIOTUI" --sysroot "$1" list; }
theirs() { "$LSPCI" -A linux-sysfs -O sysfs.path="$1/sys/bus/pci" -O hwdb.disable=1 -nnk; }

# peak resident memory in KiB of `ours DIR` (rss ours DIR) or `theirs DIR`
rss() {
    case $1 in
    ours) "$TIME" -f %M -o "$tmp/rss" "$VFIOTUI" --sysroot "$2" list ;;
    theirs) "$TIME" -f %M -o "$tmp/rss" "$LSPCI" -A linux-sysfs -O sysfs.path="$2/sys/bus/pci" -O hwdb.disable=1 -nnk ;;
    esac > /dev/null 2>&1 || true
    tail -n 1 "$tmp/rss"
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
ours "$tmp/big" > /dev/null 2>&1
theirs "$tmp/big" > /dev/null 2>&1

: > "$tmp/a"; : > "$tmp/b"
i=0
while [ "$i" -lt "$RUNS" ]; do
    us ours "$tmp/big" >> "$tmp/a"
    us theirs "$tmp/big" >> "$tmp/b"
    i=$((i + 1))
done
t_ours=$(median_ms "$tmp/a")
t_theirs=$(median_ms "$tmp/b")
m_ours=$(rss ours "$tmp/big")
m_theirs=$(rss theirs "$tmp/big")

echo "synthetic host: $ndev devices in $ngrp IOMMU groups ($RUNS paired runs, median)"
printf '  vfiotui list                 %8.1f ms  %6.1f MiB peak RSS\n' "$t_ours" "$(echo "$m_ours" | awk '{ print $1 / 1024 }')"
printf '  lspci -nnk                   %8.1f ms  %6.1f MiB peak RSS\n' "$t_theirs" "$(echo "$m_theirs" | awk '{ print $1 / 1024 }')"
awk -v a="$t_ours" -v b="$t_theirs" 'BEGIN { printf "ratio vfiotui list / lspci -nnk:      %.2fx\n", a / b }'
if [ "$LOOP_RUNS" -gt 0 ]; then
    : > "$tmp/c"
    i=0
    while [ "$i" -lt "$LOOP_RUNS" ]; do
        us seed_loop >> "$tmp/c"
        i=$((i + 1))
    done
    loop=$(median_ms "$tmp/c")
    printf '  seed shell loop (lspci each) %8.1f ms  (%s run)\n' "$loop" "$LOOP_RUNS"
    awk -v a="$t_ours" -v c="$loop" 'BEGIN { printf "ratio vfiotui list / seed shell loop: %.4fx\n", a / c }'
fi

[ "$BIG" -gt 0 ] || exit 0
rm -rf "$tmp/big"
mktree 10000 b10
mktree 20000 b20
n10=$(ls "$tmp/b10/sys/bus/pci/devices" | wc -l)
n20=$(ls "$tmp/b20/sys/bus/pci/devices" | wc -l)
ours "$tmp/b10" > /dev/null 2>&1
ours "$tmp/b20" > /dev/null 2>&1
: > "$tmp/a"; : > "$tmp/b"; : > "$tmp/c"; : > "$tmp/d"
i=0
while [ "$i" -lt 5 ]; do
    us ours "$tmp/b10" >> "$tmp/a"
    us ours "$tmp/b20" >> "$tmp/b"
    us theirs "$tmp/b10" >> "$tmp/c"
    us theirs "$tmp/b20" >> "$tmp/d"
    i=$((i + 1))
done
t10=$(median_ms "$tmp/a"); t20=$(median_ms "$tmp/b")
l10=$(median_ms "$tmp/c"); l20=$(median_ms "$tmp/d")
m10=$(rss ours "$tmp/b10"); m20=$(rss ours "$tmp/b20")
echo "scaling (5 paired runs, median):"
printf '  %6d devices: vfiotui list %8.1f ms %6.1f MiB   lspci -nnk %8.1f ms   ratio %.2fx\n' \
    "$n10" "$t10" "$(echo "$m10" | awk '{ print $1 / 1024 }')" "$l10" "$(awk -v a="$t10" -v b="$l10" 'BEGIN { print a / b }')"
printf '  %6d devices: vfiotui list %8.1f ms %6.1f MiB   lspci -nnk %8.1f ms   ratio %.2fx\n' \
    "$n20" "$t20" "$(echo "$m20" | awk '{ print $1 / 1024 }')" "$l20" "$(awk -v a="$t20" -v b="$l20" 'BEGIN { print a / b }')"
awk -v a="$t10" -v b="$t20" -v n="$n10" -v m="$n20" 'BEGIN {
    printf "ratio %d / %d devices: time %.2fx for %.2fx the devices (linear: the same)\n", m, n, b / a, m / n }'
if [ -n "$ASAN_VFIOTUI" ]; then
    a=$(us "$ASAN_VFIOTUI" --sysroot "$tmp/b20" list)
    p=$(us ours "$tmp/b20")
    awk -v a="$a" -v p="$p" -v n="$n20" 'BEGIN {
        printf "sanitizer build, %d devices: %.1f ms against %.1f ms plain, ratio %.1fx\n", n, a / 1000, p / 1000, a / p }'
fi
