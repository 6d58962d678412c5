#!/bin/sh
# realhost-list.sh - on this machine's own /sys, `vfiotui list` must agree
# with `lspci -D -n` on the set of devices and their vendor:device IDs.
. "$top_srcdir/tests/lib.sh"

LSPCI=${LSPCI:-lspci}
command -v "$LSPCI" >/dev/null 2>&1 || { fail "lspci not found (install pciutils)"; finish; }

"$LSPCI" -D -n | awk '{ print $1, $3 }' | sort > "$T/lspci"
[ -s "$T/lspci" ] || fail "lspci saw no PCI devices on this machine"

expect_status 0 "list on the real host" "$VFIOTUI" --no-domains list
sed -n 's/^\t\([0-9a-f]\{4\}:[0-9a-f]\{2\}:[0-9a-f]\{2\}\.[0-7]\) .*\[\([0-9a-f]\{4\}:[0-9a-f]\{4\}\)\].*/\1 \2/p' \
    "$T/out" | sort > "$T/ours"
if diff -u "$T/lspci" "$T/ours"; then
    ok "list agrees with lspci -D -n ($(wc -l < "$T/ours") devices)"
else
    fail "list and lspci -D -n disagree"
fi

# The JSON form must name the same devices.
expect_status 0 "list --json on the real host" "$VFIOTUI" --no-domains list --json
grep -c '"address"' "$T/out" > "$T/n"
[ "$(cat "$T/n")" -eq "$(wc -l < "$T/lspci")" ] ||
    fail "list --json has $(cat "$T/n") devices, lspci $(wc -l < "$T/lspci")"

# Without IOMMU groups on the host, the model must say so.
if [ -z "$(ls /sys/kernel/iommu_groups 2>/dev/null)" ]; then
    grep -q '"iommu": false' "$T/out" || fail "host has no IOMMU groups but JSON says iommu true"
else
    grep -q '"iommu": true' "$T/out" || fail "host has IOMMU groups but JSON says iommu false"
fi
finish
