#!/bin/sh
# check-cmd.sh - `check` and `xml` on the demo host: golden text, JSON and
# XML, exit statuses, and bad input.
. "$top_srcdir/tests/lib.sh"

# The GPU without its audio function: the group is incomplete.
expect_status 1 "check GPU alone" "$VFIOTUI" --demo check 01:00.0
golden check-gpu-alone.txt "$T/out"
expect_status 1 "check GPU alone --json" "$VFIOTUI" --demo check --json 01:00.0
golden check-gpu-alone.json "$T/out"
# --whole-groups fixes it, and says what it added.
expect_status 0 "check --whole-groups" "$VFIOTUI" --demo check --whole-groups 01:00.0
golden check-gpu-whole.txt "$T/out"
grep -q -- "--whole-groups added: 0000:01:00.1" "$T/out" || fail "--whole-groups did not say what it added"
expect_status 0 "check --group 17" "$VFIOTUI" --demo check --group 17
# Host-critical devices and a device another running guest holds.
expect_status 1 "check host devices" "$VFIOTUI" --demo check 00:02.0 3e:00.0 00:1f.6 3d:00.0 05:00.0
golden check-host-devices.txt "$T/out"
expect_status 1 "check --live mgmt NIC" "$VFIOTUI" --demo check --live 00:1f.6
grep -q '^error\[host-mgmt-nic\]' "$T/out" || fail "--live did not make host-mgmt-nic an error"
# Unknown but well-formed address: a finding, exit 1.
expect_status 1 "check unknown device" "$VFIOTUI" --demo check 42:00.0
grep -q '^error\[unknown-device\]' "$T/out" || fail "no unknown-device finding"
# Errors come first.
"$VFIOTUI" --demo check 01:00.0 00:02.0 | sed -n 's/^\([a-z]*\)\[.*/\1/p' > "$T/sev"
sort -c -t: -k1,1 "$T/sev" 2>/dev/null || true
[ "$(head -n 1 "$T/sev")" = error ] || fail "errors are not listed first"

# Usage errors: exit 2 and a message naming the problem.
expect_status 2 "check without devices" "$VFIOTUI" --demo check
expect_status 2 "check malformed address" "$VFIOTUI" --demo check zz:zz
grep -q "'zz:zz' is not a PCI address" "$T/err" || fail "malformed address message: $(cat "$T/err")"
expect_status 2 "check bad --group" "$VFIOTUI" --demo check --group x
expect_status 2 "check missing group" "$VFIOTUI" --demo check --group 999

# xml: refuses when check would report an error, unless --force.
expect_status 1 "xml GPU alone" "$VFIOTUI" --demo xml 01:00.0
[ -s "$T/out" ] && fail "xml printed XML despite errors"
grep -q "group-incomplete" "$T/err" || fail "xml did not say why it refused"
expect_status 0 "xml --force" "$VFIOTUI" --demo xml --force 01:00.0
grep -q 'bus="0x01"' "$T/out" || fail "xml --force printed no hostdev"
expect_status 0 "xml --whole-groups" "$VFIOTUI" --demo xml --whole-groups 01:00.0
golden xml-gpu.xml "$T/out"
expect_status 0 "xml --unmanaged" "$VFIOTUI" --demo xml --unmanaged 01:00.0 01:00.1
[ "$(grep -c 'managed="no"' "$T/out")" -eq 2 ] || fail "--unmanaged did not give managed=no"
finish
