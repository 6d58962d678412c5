#!/bin/sh
# write-cmd.sh - `write` on real dumpxml-style files: only the hostdevs
# are added, the previous version is kept as FILE~, and every failure
# leaves the file as it was.
. "$top_srcdir/tests/lib.sh"

D=$top_srcdir/tests/domains
cp "$D/win11.xml" "$T/win11.xml"
chmod 640 "$T/win11.xml"
cp "$T/win11.xml" "$T/orig.xml"

expect_status 0 "write GPU and audio" "$VFIOTUI" --demo write "$T/win11.xml" 01:00.0 01:00.1
cmp -s "$T/win11.xml~" "$T/orig.xml" || fail "FILE~ is not the previous version"
diff "$T/orig.xml" "$T/win11.xml" > "$T/diff"
[ "$(grep -c '^>' "$T/diff")" -eq 10 ] || fail "expected 10 added lines: $(cat "$T/diff")"
grep -q '^<' "$T/diff" && fail "write changed or removed existing lines: $(cat "$T/diff")"
[ "$(stat -c %a "$T/win11.xml")" = 640 ] || fail "write did not keep the file's mode"
grep -q "passwd='s3cret-pass'" "$T/win11.xml" || fail "the graphics password was lost"
[ "$(ls -A "$T" | grep -c '^\.')" -eq 0 ] || fail "a temporary file was left behind"

# Again: the file already has them; refused, and nothing changes.
cp "$T/win11.xml" "$T/after.xml"
expect_status 1 "write duplicate" "$VFIOTUI" --demo write "$T/win11.xml" 01:00.0 01:00.1
grep -q "already has host device 0000:01:00.0" "$T/err" || fail "duplicate message: $(cat "$T/err")"
cmp -s "$T/win11.xml" "$T/after.xml" || fail "a refused write changed the file"

# Refused by the checks: the GPU without its audio function.
cp "$D/win11.xml" "$T/w2.xml"
expect_status 1 "write incomplete group" "$VFIOTUI" --demo write "$T/w2.xml" 01:00.0
cmp -s "$T/w2.xml" "$D/win11.xml" || fail "a refused write changed the file"
[ -e "$T/w2.xml~" ] && fail "a refused write left a backup"

# Not a domain, broken XML, a missing file: exit 2, nothing touched.
cp "$D/network.xml" "$T/net.xml"
expect_status 2 "write to a <network>" "$VFIOTUI" --demo write "$T/net.xml" 01:00.0 01:00.1
grep -q "not a libvirt domain" "$T/err" || fail "non-domain message: $(cat "$T/err")"
cmp -s "$T/net.xml" "$D/network.xml" || fail "the network file was changed"
cp "$D/broken.xml" "$T/broken.xml"
expect_status 2 "write to broken XML" "$VFIOTUI" --demo write "$T/broken.xml" 01:00.0 01:00.1
grep -q "malformed XML" "$T/err" || fail "broken XML message: $(cat "$T/err")"
cmp -s "$T/broken.xml" "$D/broken.xml" || fail "the broken file was changed"
# A new file gets the document `xml` prints (see xml-contract.sh).
expect_status 0 "write to a new file" "$VFIOTUI" --demo write "$T/nope.xml" 01:00.0 01:00.1
[ "$(grep -c '<hostdev ' "$T/nope.xml")" -eq 2 ] || fail "write did not create the new file"
expect_status 2 "write without devices" "$VFIOTUI" --demo write "$T/win11.xml"

# Targets that are not regular files: refused at once, never a hang
# (timeout makes a hang exit 124), and nothing is created beside them.
mkdir "$T/targets"
mkfifo "$T/targets/fifo.xml"
ln -s /dev/zero "$T/targets/zero.xml"
ln -s fifo.xml "$T/targets/tofifo.xml"
mkdir "$T/targets/dir.xml"
for t in fifo.xml zero.xml tofifo.xml dir.xml /dev/zero; do
    case $t in /*) p=$t ;; *) p=$T/targets/$t ;; esac
    expect_status 2 "write to $t" timeout 10 "$VFIOTUI" --demo write "$p" 01:00.0 01:00.1
    grep -q "not a regular file" "$T/err" || fail "$t: message: $(cat "$T/err")"
done
[ -p "$T/targets/fifo.xml" ] || fail "the FIFO was replaced"
[ "$(ls -A "$T/targets" | wc -l)" -eq 4 ] || fail "files were left beside the targets: $(ls -A "$T/targets")"
expect_status 2 "write into a missing directory" timeout 10 "$VFIOTUI" --demo write "$T/no/such/dir.xml" 01:00.0 01:00.1
grep -q "No such file or directory" "$T/err" || fail "missing directory message: $(cat "$T/err")"
[ -e "$T/no" ] && fail "write created the missing directory"

# A file too large for a domain definition is refused, not read for ever.
truncate -s 17M "$T/huge.xml"
expect_status 2 "write to a 17 MiB file" timeout 10 "$VFIOTUI" --demo write "$T/huge.xml" 01:00.0 01:00.1
grep -q "larger than 16 MiB" "$T/err" || fail "large file message: $(cat "$T/err")"

# Through a symlink: the file it points to gets the hostdevs, the link stays.
cp "$D/win11.xml" "$T/real.xml"
ln -s real.xml "$T/link.xml"
expect_status 0 "write through a symlink" "$VFIOTUI" --demo write "$T/link.xml" 01:00.0 01:00.1
[ -L "$T/link.xml" ] || fail "the symlink was replaced by a file"
cmp -s "$T/real.xml~" "$D/win11.xml" || fail "the symlink target's backup is not the previous version"
grep -q "bus=\"0x01\" slot=\"0x00\" function=\"0x1\"" "$T/real.xml" || fail "the target lacks the hostdevs"

# CRLF files stay CRLF, comments and all; a domain without <devices> gets one.
printf '<!-- crlf -->\r\n<domain type="kvm">\r\n  <name>w</name>\r\n  <devices>\r\n  </devices>\r\n</domain>\r\n' > "$T/crlf.xml"
expect_status 0 "write to a CRLF file" "$VFIOTUI" --demo write "$T/crlf.xml" 01:00.0 01:00.1
[ "$(grep -c "$(printf '\r')\$" "$T/crlf.xml")" -eq "$(wc -l < "$T/crlf.xml")" ] ||
    fail "a line lost its CR: $(od -c "$T/crlf.xml" | head)"
printf "<domain type='kvm'>\n  <name>w</name>\n</domain>\n" > "$T/nodevs.xml"
expect_status 0 "write to a domain without <devices>" "$VFIOTUI" --demo write "$T/nodevs.xml" 01:00.0 01:00.1
[ "$(grep -c '<hostdev ' "$T/nodevs.xml")" -eq 2 ] || fail "no hostdevs in the new <devices>: $(cat "$T/nodevs.xml")"

# A domain with mdev hostdevs (and one in upper case): PCI devices go in
# after them, and the mdevs stay as they were.
sed -n '/<name>cad-vm/,/<\/domain>/p' "$D/mdev-guests.xml" | sed '/test:runstate/d; s/c3a8e2f1/C3A8E2F1/' |
    { echo "<domain type='kvm'>"; cat; } > "$T/mdevdom.xml"
cp "$T/mdevdom.xml" "$T/mdevdom.orig"
expect_status 0 "write into a domain with mdevs" "$VFIOTUI" --demo -q write "$T/mdevdom.xml" 01:00.0 01:00.1
diff "$T/mdevdom.orig" "$T/mdevdom.xml" > "$T/diff"
grep -q '^<' "$T/diff" && fail "write changed the mdev domain's lines: $(cat "$T/diff")"
[ "$(grep -c '^>' "$T/diff")" -eq 10 ] || fail "expected 10 added lines: $(cat "$T/diff")"

# A real `virsh dumpxml` file round-trips, and libvirt accepts the result.
virsh -q -c test:///default dumpxml test > "$T/test.xml" || fail "virsh dumpxml failed"
cp "$T/test.xml" "$T/test.orig"
expect_status 0 "write into virsh dumpxml output" "$VFIOTUI" --demo write "$T/test.xml" 01:00.0 01:00.1
diff "$T/test.orig" "$T/test.xml" | grep -q '^<' && fail "write changed existing lines of the dumpxml file"
virsh -q -c test:///default "define $T/test.xml; dumpxml --inactive test" > "$T/redefined" 2>&1 ||
    fail "libvirt rejected the written file: $(cat "$T/redefined")"
grep -q "bus='0x01' slot='0x00' function='0x1'" "$T/redefined" ||
    fail "libvirt's definition lacks the new hostdev"
finish
