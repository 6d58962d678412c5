#!/bin/sh
# remote-empty.sh - a node-device source with no PCI devices is an
# error (exit 2, as an unreadable host), never an empty list that looks
# like success: test:///default has no node devices at all, and a custom
# test-driver host has only a non-PCI one.
. "$top_srcdir/tests/lib.sh"

# empty URI ARGS...: exit 2, the reason on stderr, nothing on stdout
empty() {
    uri=$1; shift
    expect_status 2 "--source libvirt $* on $uri" "$VFIOTUI" -c "$uri" --source libvirt "$@"
    grep -q "no PCI devices in libvirt's node devices for URI $uri" "$T/err" ||
        fail "$*: the reason is missing: $(cat "$T/err")"
    [ ! -s "$T/out" ] || fail "$*: something on stdout: $(head -c 200 "$T/out")"
}

empty test:///default list
empty test:///default list --json
empty test:///default check 0000:01:00.0
empty test:///default domains

cat > "$T/nopci.xml" <<'XML'
<node>
  <domain type='test'>
    <name>g1</name><uuid>4dea22b3-1d52-d8f3-2516-782e98ab3fa1</uuid>
    <memory>65536</memory><os><type>hvm</type></os>
  </domain>
  <device>
    <name>scsi_host0</name><parent>computer</parent>
    <capability type='scsi_host'><host>0</host><unique_id>0</unique_id></capability>
  </device>
</node>
XML
empty "test://$T/nopci.xml" list
empty "test://$T/nopci.xml" list --json
finish
