#!/bin/sh
# target-domain.sh - a selection judged against the domain it is for
# (check --domain, attach, detach), domains named as virsh names them,
# stale hostdevs, and what the messages say about the domain.  The
# demo's guests and a test-driver file on a fixture host; the real
# daemon's side is in session-daemon.sh.
. "$top_srcdir/tests/lib.sh"

V() { "$VFIOTUI" "$@"; }
DEMO_XML=$(cd "$top_srcdir/data" && pwd)/demo-libvirt.xml

# --- what the target already holds (issue 9, item 3) -------------------
# media-server has the GPU 01:00.0: its audio function completes the group.
expect_status 0 "check --domain: the guest has the GPU, add its audio" V --demo check --domain media-server 01:00.1
grep -q "group-incomplete" "$T/out" && fail "group-incomplete although the domain holds the GPU: $(cat "$T/out")"
expect_status 1 "check without --domain: the GPU is missing" V --demo check 01:00.1
grep -q "group-incomplete" "$T/out" || fail "no group-incomplete without a target: $(cat "$T/out")"
expect_status 1 "check --domain another guest: the GPU is missing" V --demo check --domain win11-gaming 01:00.1
# a device the domain has already is a note, and the rest is judged
expect_status 0 "check --domain with a device already there" V --demo check --domain media-server 01:00.0 01:00.1
grep -q "^note\[in-target-domain\]: 0000:01:00.0" "$T/out" || fail "the device already there is not reported: $(cat "$T/out")"
V --demo check --json --domain media-server 01:00.1 > "$T/check.json"
grep -q '"domain": "media-server"' "$T/check.json" || fail "check --json does not name the domain"
# --whole-groups adds nothing the domain holds
expect_status 0 "check --whole-groups --domain" V --demo check --whole-groups --domain media-server 01:00.1
grep -q "already covers its groups" "$T/out" || fail "--whole-groups added a device the domain holds: $(cat "$T/out")"
# attach: the audio function goes, no --force; the GPU is not sent again
expect_status 0 "attach the audio function to the guest with the GPU" V --demo attach media-server 01:00.1
grep -q "attached 1 device to media-server" "$T/out" || fail "attach did not report: $(cat "$T/out" "$T/err")"
expect_status 0 "attach --whole-groups to the guest with the GPU" V --demo attach --whole-groups media-server 01:00.1
grep -q "already covers its groups" "$T/out" || fail "attach --whole-groups widened to the GPU: $(cat "$T/out")"
expect_status 0 "attach both, one already there" V --demo attach media-server 01:00.0 01:00.1
grep -q "attached 1 device to media-server; devices it already had, left as they were: 1" "$T/out" || fail "the device already there was not left out: $(cat "$T/out" "$T/err")"
V --demo attach --dry-run media-server 01:00.0 01:00.1 > "$T/dry" 2>&1
[ "$(grep -c "bus='0x01' slot='0x00' function='0x0'" "$T/dry")" -eq 1 ] ||
    fail "the dry run sends the GPU again: $(cat "$T/dry")"

# the interface judges and attaches the same way
printf 'type /GTX\nkey Enter\nkey g\nkey F2\nkey Down Enter\ndump marked\nkey F8\ndump confirm\nkey y\ndump attached\nkey q\n' > "$T/gpu.script"
mkdir -p "$T/gpu"
expect_status 0 "interface: the whole group to the guest with the GPU" V --demo ui --script "$T/gpu.script" --dump-dir "$T/gpu"
grep -q "target media-server" "$T/gpu/marked.txt" || fail "the script did not choose media-server: $(cat "$T/gpu/marked.txt")"
grep -q "0 errors" "$T/gpu/marked.txt" || fail "the interface reports errors: $(cat "$T/gpu/marked.txt")"
grep -q 'function="0x1"' "$T/gpu/confirm.txt" || fail "the confirmation lacks the audio function"
grep -q 'function="0x0"' "$T/gpu/confirm.txt" && fail "the confirmation sends the GPU again: $(cat "$T/gpu/confirm.txt")"
grep -q "attached 1 device to media-server" "$T/gpu/attached.txt" || fail "the interface's attach: $(cat "$T/gpu/attached.txt")"

# --- a missing domain comes first, exit 2 (item 10) --------------------
for cmd in "attach nosuch 01:00.0" "detach nosuch 01:00.0" "check --domain nosuch 01:00.0" \
           "attach nosuch 09:00.0" "attach nosuch 00:01.0"; do
    expect_status 2 "missing domain: $cmd" V --demo $cmd
    grep -q "failed to get domain 'nosuch'" "$T/err" || fail "$cmd: missing domain not said: $(cat "$T/err")"
    grep -q "error\[\|not a PCI device\|checks found" "$T/out" "$T/err" &&
        fail "$cmd: the selection was judged before the domain was looked up: $(cat "$T/out" "$T/err")"
done
expect_status 2 "check --domain without libvirt" V --demo --no-domains check --domain media-server 01:00.1

# --- a domain by name, UUID or ID, as virsh takes it (item 7) ----------
expect_status 0 "check --domain by UUID" V --demo check --domain 4dab3c6f-9a5e-4fab-8d84-8c3f5bce1a04 01:00.1
expect_status 0 "attach by UUID" V --demo attach --dry-run --force 2b8f1a4d-7e3c-4d8f-8b62-6a1d3fac9e02 00:14.0
grep -q "win11-gaming" "$T/out" || fail "attach by UUID did not find win11-gaming: $(cat "$T/out")"
id=$(virsh -q -c "test://$DEMO_XML" domid router 2>/dev/null)
[ -n "$id" ] || { fail "virsh gives no ID for router"; id=2; }
expect_status 0 "attach by ID $id" V --demo attach --force "$id" 00:14.0
grep -q "attached 1 device to router" "$T/out" || fail "attach by ID did not find router: $(cat "$T/out")"
expect_status 0 "detach by ID $id" V --demo detach --dry-run "$id" 05:10.4
grep -q "router" "$T/out" || fail "detach by ID did not find router: $(cat "$T/out")"

# --- the dry run shows no secrets (item 8) -----------------------------
expect_status 0 "attach --dry-run (the redefinition path)" V --demo attach --dry-run --force win11-gaming 01:00.0 01:00.1
grep -q "demo-secret\|passwd" "$T/out" && fail "the dry run prints the VNC password: $(grep passwd "$T/out")"
grep "<graphics" "$T/out" > "$T/g-ours"
virsh -q -c "test://$DEMO_XML" dumpxml --inactive win11-gaming | grep "<graphics" > "$T/g-virsh"
cmp -s "$T/g-ours" "$T/g-virsh" || fail "the dry run's <graphics> is not what virsh dumpxml shows: $(cat "$T/g-ours" "$T/g-virsh")"

# --- messages (item 9) -------------------------------------------------
# a --config change to a running guest says when it applies
expect_status 0 "attach --config to a running guest" V --demo attach router 00:14.0 --force
grep -q "next shut down and started" "$T/err" || fail "no note that --config applies at the next start: $(cat "$T/err")"
expect_status 0 "attach --config to a shut-off guest" V --demo attach win11-gaming 00:14.0 --force
grep -q "next shut down" "$T/err" && fail "the note is given for a shut-off guest"

# --- stale hostdevs (item 4) -------------------------------------------
# A fixture host and a test-driver domain holding a device the host
# does not have (0000:ee:00.0) and one it has (01:00.0).
ROOT=$(host desktop-gpu)
cp "$top_srcdir/tests/domains/stale.xml" "$T/stale.xml"
S() { "$VFIOTUI" --sysroot "$ROOT" -c "test://$T/stale.xml" "$@"; }
expect_status 0 "domains with a stale hostdev" S domains
grep -q "^	0000:ee:00.0 .*stale.*\[config\]" "$T/out" || fail "domains does not show the stale hostdev: $(cat "$T/out")"
grep -q "^	0000:01:00.0 " "$T/out" || fail "domains lost the present hostdev: $(cat "$T/out")"
S domains --json > "$T/d.json"
python3 - "$T/d.json" <<'PY' || fail "domains --json: stale hostdev not marked present: false"
import json, sys
doms = json.load(open(sys.argv[1]))["domains"]
hd = {h["address"]: h for h in doms[0]["hostdevs"]}
assert hd["0000:ee:00.0"]["present"] is False, hd
assert hd["0000:01:00.0"]["present"] is True, hd
assert [h["address"] for h in doms[0]["hostdevs"]] == ["0000:01:00.0", "0000:ee:00.0"]
PY
# detach takes it by address, without --force
expect_status 0 "detach a stale hostdev" S detach vf-guest 0000:ee:00.0
grep -q "detached 1 device from vf-guest" "$T/out" || fail "stale detach did not report: $(cat "$T/out" "$T/err")"
S detach --dry-run vf-guest ee:00.0 > "$T/dry" 2>&1
grep -q "bus='0xee'" "$T/dry" && fail "the dry run still has the stale hostdev: $(cat "$T/dry")"
grep -q "bus='0x01'" "$T/dry" || fail "the dry run lost the other hostdev: $(cat "$T/dry")"
# an address neither on the host nor in the domain is still refused
expect_status 2 "detach an address nobody has" S detach vf-guest 0000:ef:00.0
grep -q "0000:ef:00.0 is not a PCI device on this host" "$T/err" || fail "unknown address message: $(cat "$T/err")"
# the interface's domain picker shows it
printf 'key F2\ndump picker\nkey Enter\ndump target\nkey q\n' > "$T/pick.script"
mkdir -p "$T/ui"
expect_status 0 "interface with a stale hostdev" S ui --script "$T/pick.script" --dump-dir "$T/ui"
grep -q "0000:ee:00.0 (stale)" "$T/ui/picker.txt" || fail "the picker does not show the stale hostdev: $(cat "$T/ui/picker.txt")"
grep -q "not on this host" "$T/ui/target.txt" || fail "choosing the target does not mention the stale hostdev"
# and F9 with nothing marked removes it, after a confirmation
printf 'key F2\nkey Enter\nkey F9\ndump stale-confirm\nkey y\ndump stale-done\nkey F2\ndump stale-picker\nkey q\n' > "$T/unstale.script"
expect_status 0 "interface: F9 removes a stale hostdev" S ui --script "$T/unstale.script" --dump-dir "$T/ui"
grep -q "bus=.0xee" "$T/ui/stale-confirm.txt" || fail "F9's confirmation does not show the stale hostdev: $(cat "$T/ui/stale-confirm.txt")"
grep -q "detached 1 device from vf-guest" "$T/ui/stale-done.txt" ||
    fail "F9 did not detach the stale hostdev: $(cat "$T/ui/stale-done.txt")"
grep -q "0000:ee:00.0 (stale)" "$T/ui/stale-picker.txt" && fail "the picker still shows the detached stale hostdev"

finish
