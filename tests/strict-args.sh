#!/bin/sh
# strict-args.sh - what --force cannot override and what --sysroot
# refuses: an absent address is never dropped to make the rest succeed,
# and an empty, missing or non-directory sysroot never reads the real host.
. "$top_srcdir/tests/lib.sh"

# attach --force with one absent address attaches nothing (issue 8)
expect_status 1 "attach --force with an absent address" \
    "$VFIOTUI" --demo attach --force win11-gaming 01:00.0 01:00.1 09:00.0
grep -q "0000:09:00.0 is not a PCI device on this host" "$T/err" ||
    fail "the absent address is not named: $(cat "$T/err")"
grep -q "nothing was attached to 'win11-gaming'" "$T/err" ||
    fail "did not say nothing was attached: $(cat "$T/err")"
grep -q "attached" "$T/out" && fail "attach reported success: $(cat "$T/out")"
grep -q "^ok:" "$T/out" && fail "attach sent something: $(cat "$T/out")"
# the same with --dry-run: nothing would be sent either
expect_status 1 "attach --force --dry-run with an absent address" \
    "$VFIOTUI" --demo attach --force --dry-run win11-gaming 01:00.0 09:00.0
grep -q "virDomainDefineXML\|virDomainAttach" "$T/out" && fail "dry run showed a call: $(cat "$T/out")"
expect_status 2 "detach with an absent address" \
    "$VFIOTUI" --demo detach fedora-dev 3d:00.0 09:00.0
grep -q "0000:09:00.0" "$T/err" || fail "detach: absent address not named: $(cat "$T/err")"

# xml and write: the same rule
expect_status 1 "xml --force with an absent address" "$VFIOTUI" --demo xml --force 01:00.0 01:00.1 09:00.0
[ -s "$T/out" ] && fail "xml printed XML for a partial selection: $(cat "$T/out")"
grep -q "0000:09:00.0 is not a PCI device" "$T/err" || fail "xml: absent address not named: $(cat "$T/err")"
cp "$top_srcdir/tests/domains/win11.xml" "$T/w.xml"
expect_status 1 "write --force with an absent address" "$VFIOTUI" --demo write --force "$T/w.xml" 01:00.0 01:00.1 09:00.0
cmp -s "$T/w.xml" "$top_srcdir/tests/domains/win11.xml" || fail "write --force changed the file"
[ -e "$T/w.xml~" ] && fail "a refused write left a backup"
grep -q "0000:09:00.0 is not a PCI device" "$T/err" || fail "write: absent address not named: $(cat "$T/err")"
# a malformed address stays a usage error with --force
expect_status 2 "attach --force with a malformed address" \
    "$VFIOTUI" --demo attach --force win11-gaming 01:00.0 zz:zz

# --sysroot: empty, missing, a file
expect_status 2 "--sysroot ''" "$VFIOTUI" --sysroot "" list
grep -q -- "--sysroot needs a directory" "$T/err" || fail "empty sysroot message: $(cat "$T/err")"
[ -s "$T/out" ] && fail "--sysroot '' listed something (the real host?)"
expect_status 2 "--sysroot= (empty)" "$VFIOTUI" --sysroot= check 00:00.0
grep -q -- "--sysroot needs a directory" "$T/err" || fail "--sysroot= message: $(cat "$T/err")"
expect_status 2 "--sysroot missing" "$VFIOTUI" --sysroot "$T/nonexistent" list
grep -q "$T/nonexistent: No such file or directory" "$T/err" || fail "missing sysroot message: $(cat "$T/err")"
: > "$T/afile"
expect_status 2 "--sysroot a file" "$VFIOTUI" --sysroot "$T/afile" list
grep -qi "$T/afile: not a directory" "$T/err" || fail "file sysroot message: $(cat "$T/err")"
finish
