#!/bin/sh
# ui-domains.sh - the domain screen (F3, v, or F3 in the picker): each
# domain with its state and hostdevs, stale and non-PCI ones included,
# the host device each maps to; detach, show in the tree, make the
# target.  Headless scripts; every dump is asserted by name.
. "$top_srcdir/tests/lib.sh"

# run NAME SCRIPT DUMP... -- ARGS: runs SCRIPT, then checks that each
# DUMP was written (a missing dump is a failure, not a skipped check)
run() {
    name=$1; script=$2; shift 2
    dumps=
    while [ "$1" != -- ]; do dumps="$dumps $1"; shift; done
    shift
    mkdir -p "$T/$name"
    expect_status 0 "domain screen: $name" "$VFIOTUI" "$@" ui --script "$script" --dump-dir "$T/$name"
    for d in $dumps; do
        [ -f "$T/$name/$d.txt" ] || fail "$name: no dump $d"
    done
}
has() { grep -q -- "$2" "$1" || fail "$(basename "$1"): no '$2' in: $(cat "$1")"; }
hasnt() { grep -q -- "$2" "$1" && fail "$(basename "$1"): '$2' is still in: $(cat "$1")"; }

# --- the demo guests --------------------------------------------------
run demo "$top_srcdir/tests/ui/domains.script" dom-open dom-jumped dom-on-gpu dom-confirm \
    dom-detached dom-target dom-closed dom-from-picker dom-esc -- --demo
D=$T/demo
# each domain with its state and persistence, as `vfiotui domains` has it
"$VFIOTUI" --demo domains > "$T/domains.txt" || fail "vfiotui domains failed"
n=0
grep -v '^[[:space:]]' "$T/domains.txt" > "$T/domain-lines.txt"
while read -r dom state; do
    state=${state#(}; state=${state%)}
    grep -q "^[ >][ *]$dom  *$state  *persistent" "$D/dom-open.txt" || fail "dom-open: no '$dom $state persistent'"
    n=$((n + 1))
done < "$T/domain-lines.txt"
[ "$n" -eq 4 ] || fail "the demo has $n domains, wanted 4"
# each hostdev under its domain, with the host device it maps to
has "$D/dom-open.txt" "0000:3d:00.0  live+config  group 15 .* vfio-pci .* NVMe SSD Controller"
has "$D/dom-open.txt" "0000:01:00.0  config       group 17 .* nouveau .*GeForce GTX 1080"
has "$D/dom-open.txt" "0000:05:10.4  live+config  group 20 "
has "$D/dom-open.txt" "win11-gaming .* 0 hostdevs"
awk '/fedora-dev/ { f = NR } /0000:3d:00.0/ { d = NR } END { exit !(f && d == f + 1) }' "$D/dom-open.txt" ||
    fail "fedora-dev's hostdev is not the row under it"
# Enter: the tree's cursor lands on the device, its group expanded
has "$D/dom-jumped.txt" "^> \[ \] 0000:3d:00.0 "
has "$D/dom-jumped.txt" "IOMMU group 15 "
# x: F9's confirmation, for this hostdev of this domain only
has "$D/dom-on-gpu.txt" "^>   0000:01:00.0"
has "$D/dom-confirm.txt" "Detach from media-server"
has "$D/dom-confirm.txt" 'bus="0x01" slot="0x00" function="0x0"'
has "$D/dom-confirm.txt" "flags: --config "
hasnt "$D/dom-confirm.txt" 'bus="0x3d"'
# y: detached, and the domains as libvirt now has them no longer list it
has "$D/dom-detached.txt" "detached 1 device from media-server"
has "$D/dom-detached.txt" "media-server .* 0 hostdevs"
hasnt "$D/dom-detached.txt" "0000:01:00.0"
has "$D/dom-detached.txt" "0000:3d:00.0  live+config"
# t: the target, in the screen's title and in the tree's header
has "$D/dom-target.txt" "^>\*router "
has "$D/dom-target.txt" "target router"
has "$D/dom-closed.txt" " target router  uri"
# F3 in the picker opens the screen at the picker's domain; Esc closes
has "$D/dom-from-picker.txt" "^> win11-gaming"
has "$D/dom-esc.txt" "IOMMU group"

# --- a stale hostdev and non-PCI ones (fixture host, test driver file) --
ROOT=$(host desktop-gpu)
cp "$top_srcdir/tests/domains/domscreen.xml" "$T/domscreen.xml"
run stale "$top_srcdir/tests/ui/domains-stale.script" stale-open stale-no-jump stale-usb \
    stale-jumped stale-confirm stale-detached stale-none-left -- \
    --sysroot "$ROOT" -c "test://$T/domscreen.xml"
D=$T/stale
has "$D/stale-open.txt" "vf-guest .* shut off .* persistent 4 hostdevs, 1 stale"
has "$D/stale-open.txt" "busy-guest .* running "
has "$D/stale-open.txt" "0000:ee:00.0  config       stale: no device of this host"
has "$D/stale-open.txt" "0000:01:00.0  config       group 1 .* nvidia .*GeForce RTX 3070"
has "$D/stale-open.txt" "0000:00:14.0  live+config  group 3 .* xhci_hcd"
has "$D/stale-open.txt" "not PCI       config       usb 0x046d:0xc52b"
has "$D/stale-open.txt" "not PCI       config       mdev c2177883-"
has "$D/stale-no-jump.txt" "0000:ee:00.0 is stale"
has "$D/stale-usb.txt" "is not a PCI hostdev"
hasnt "$D/stale-usb.txt" "Detach from"
has "$D/stale-jumped.txt" "^> \[ \] 0000:01:00.0 "
has "$D/stale-confirm.txt" "Detach from vf-guest"
has "$D/stale-confirm.txt" 'bus="0xee"'
hasnt "$D/stale-confirm.txt" 'bus="0x01"'
has "$D/stale-detached.txt" "detached 1 device from vf-guest"
hasnt "$D/stale-detached.txt" "0000:ee:00.0"
has "$D/stale-detached.txt" "0000:01:00.0  config"
has "$D/stale-detached.txt" "usb 0x046d:0xc52b"
has "$D/stale-none-left.txt" "vf-guest has no stale hostdevs"
# in a real terminal at 80x24, the stale row is red (the dumps have no colours)
if command -v tmux > /dev/null 2>&1; then
    tmux_init domains dom
    tm new-session -d -s "$S" -x 80 -y 24 \
        "env LANG=C.UTF-8 '$VFIOTUI' --sysroot '$ROOT' -c 'test://$T/domscreen.xml'; sleep 60"
    wait_for "IOMMU group 0"
    tm send-keys -t "$S" v
    wait_for "stale: no device"
    tm capture-pane -e -p -t "$S" > "$T/colours"
    grep "stale: no device" "$T/colours" | grep -q "$(printf '\033')\[[0-9;]*3[1]m" ||
        fail "the stale row is not red: $(grep "stale: no device" "$T/colours" | od -c | head -5)"
    grep "0000:01:00.0  config" "$T/colours" | grep -q "$(printf '\033')\[[0-9;]*31m" &&
        fail "a present hostdev is red"
    # a click (X10 mouse report, as tmux sends it) on the 8th line
    # selects that row: the stale hostdev
    tm send-keys -t "$S" -l "$(printf '\033[M *(\033[M#*(')"
    sleep 0.5
    tm capture-pane -p -t "$S" > "$T/clicked"
    grep -q "^>   0000:ee:00.0" "$T/clicked" || fail "a click did not select the row: $(cat "$T/clicked")"
    tm send-keys -t "$S" q q
else
    fail "tmux is not installed"
fi

# --- more rows than fit at 80x24: the screen scrolls --------------------
{
    echo "<node>"
    for i in 01 02 03 04 05 06 07 08 09 10 11 12 13 14 15; do
        cat <<XML
  <domain type='test'><name>guest-$i</name><uuid>00000000-0000-4000-8000-0000000000$i</uuid>
    <memory unit='KiB'>1048576</memory><os><type arch='x86_64'>hvm</type></os>
    <devices><hostdev mode='subsystem' type='pci' managed='yes'>
      <source><address domain='0x0000' bus='0x00' slot='0x14' function='0x0'/></source>
    </hostdev></devices></domain>
XML
    done
    echo "</node>"
} > "$T/many.xml"
printf 'key F3\ndump top\nkey End\ndump end\nkey PgUp\ndump pgup\nkey Home\ndump home\nkey q\n' > "$T/scroll.script"
run scroll "$T/scroll.script" top end pgup home -- --sysroot "$ROOT" -c "test://$T/many.xml"
D=$T/scroll
[ "$(wc -l < "$D/top.txt")" -eq 24 ] || fail "the dump is not 24 lines"
has "$D/top.txt" "^> guest-01 "
has "$D/top.txt" "more rows below"
hasnt "$D/top.txt" "guest-15"
has "$D/end.txt" "^>   0000:00:14.0"
has "$D/end.txt" "guest-15 "
hasnt "$D/end.txt" "guest-01 "
hasnt "$D/end.txt" "more rows below"
grep -q "^>" "$D/pgup.txt" || fail "PgUp lost the cursor off the screen"
has "$D/home.txt" "^> guest-01 "
# the list fills its 18 lines at 80x24 (title, 2 headings, "more", status
# and keys take 6) at the top and at the end alike: no blank row is left
for f in top end pgup home; do
    n=$(grep -c "^[ >][ *]guest-\|^[ >]   0000:" "$D/$f.txt")
    [ "$n" -eq 18 ] || fail "$f: the list shows $n rows at 80x24, wanted 18"
done

# --- no connection: the screen says so, and x changes nothing -----------
printf 'key v\ndump none\nkey x\nkey X\nkey Enter\nkey t\ndump none-keys\nkey q\n' > "$T/none.script"
run none "$T/none.script" none none-keys -- --demo --no-domains
has "$T/none/none.txt" "No libvirt connection"
hasnt "$T/none/none-keys.txt" "Detach from"

# --- the key table: `vfiotui keys`, and so the man page and the help ----
"$VFIOTUI" keys > "$T/keys" || fail "vfiotui keys failed"
for k in "Up k" "PgDn" "Enter" "t" "F9 x" "X" "Esc q F3"; do
    grep -q "^domains	$k	" "$T/keys" || fail "vfiotui keys: no '$k' in the domains keymode"
done
# every page of the help, however long it grows
{ printf 'key F1\ndump help-0\n'; for i in 1 2 3 4 5 6 7 8 9; do printf 'key PgDn\ndump help-%s\n' $i; done; } > "$T/help.script"
run help "$T/help.script" help-0 help-9 -- --demo
cat "$T"/help/help-[0-9].txt > "$T/help/help-domains.txt"
has "$T/help/help-domains.txt" "In the domain screen:"
has "$T/help/help-domains.txt" "X  *detach all the domain's stale hostdevs"
grep -q "^tree	F3 v	" "$T/keys" || fail "vfiotui keys: the tree has no F3 v"
grep -q "^picker	F3 v	" "$T/keys" || fail "vfiotui keys: the picker has no F3 v"
finish
