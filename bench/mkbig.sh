#!/bin/sh
# mkbig.sh - print a synthetic large host description (tests/hosts/README
# format) with about N devices (default 4500): root ports across several
# PCI domains, each with a 4-function NIC behind it whose first function
# is an SR-IOV PF with 8 VFs in groups of their own.
# Usage: mkbig.sh [N] > big.host
n=${1:-4500}
awk -v n="$n" 'BEGIN {
    print "host big"
    print "kernel 6.1.0-18-amd64"
    print "cmdline root=/dev/sda1 ro intel_iommu=on"
    print "vfio loaded"
    ports = int((n + 12) / 13)
    group = 0
    for (p = 0; p < ports; p++) {
        dom = int(p / 64); k = p % 64
        slot = 1 + int(k / 8) * 3; fn = k % 8
        bus = k + 1
        rp = sprintf("%04x:00:%02x.%x", dom, slot, fn)
        printf "dev %s 8086:2030 class=060400 rev=07 group=%d driver=pcieport bridge\n", rp, group
        for (f = 0; f < 4; f++)
            printf "dev %04x:%02x:00.%x 8086:1572 class=020000 rev=02 sub=8086:0001 group=%d driver=i40e parent=%s%s\n", \
                dom, bus, f, group, rp, (f == 0 ? " totalvfs=64" : "")
        group++
        for (v = 0; v < 8; v++) {
            printf "dev %04x:%02x:%02x.%x 8086:154c class=020000 rev=02 group=%d driver=iavf physfn=%04x:%02x:00.0 reset=flr\n", \
                dom, bus, 2 + int(v / 8), v % 8, group, dom, bus
            group++
        }
    }
}'
