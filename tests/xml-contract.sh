#!/bin/sh
# xml-contract.sh - what `xml`, `xml --split`, `write` and the interface's
# F7 produce is one well-formed document that vfiotui reads back and
# libvirt accepts: one device gives a <hostdev> (for virsh
# attach-device), several a <devices> (for virsh edit and write).
. "$top_srcdir/tests/lib.sh"

V() { "$VFIOTUI" --demo "$@"; }
# wellformed FILE: one XML document, and its root element's name
root_of() {
    python3 -c 'import sys, xml.dom.minidom as m; print(m.parse(sys.argv[1]).documentElement.tagName)' "$1" 2>&1
}
count() { grep -c '<hostdev ' "$1" || true; }

mkdir "$T/w"
cd "$T/w" || exit 2

# xml: several devices make one <devices> document, one device a <hostdev>.
expect_status 0 "xml GPU and audio" V xml 01:00.0 01:00.1
cp "$T/out" two.xml
[ "$(root_of two.xml)" = devices ] || fail "xml of two devices is not one <devices> document: $(root_of two.xml)"
[ "$(count two.xml)" -eq 2 ] || fail "xml of two devices holds $(count two.xml) hostdevs"
expect_status 0 "xml one device" V xml --force 01:00.0
cp "$T/out" one.xml
[ "$(root_of one.xml)" = hostdev ] || fail "xml of one device is not a <hostdev> document: $(root_of one.xml)"

# write to a new file: the same document xml prints, no backup.
expect_status 0 "write a new file, two devices" V write new2.xml 01:00.0 01:00.1
cmp -s new2.xml two.xml || fail "write to a new file differs from xml: $(diff two.xml new2.xml)"
[ -e new2.xml~ ] && fail "write to a new file left a backup"
expect_status 0 "write a new file, one device" V write --force new1.xml 01:00.0
cmp -s new1.xml one.xml || fail "write of one device to a new file differs from xml: $(diff one.xml new1.xml)"

# Every file written reads back: write adds to each kind.
# A <devices> document gets the new hostdev at its end, nothing else changes.
cp new2.xml before.xml
expect_status 0 "write reads back its <devices> file" V write new2.xml 02:00.0
[ "$(root_of new2.xml)" = devices ] || fail "the <devices> file is no longer one document: $(root_of new2.xml)"
[ "$(count new2.xml)" -eq 3 ] || fail "the <devices> file holds $(count new2.xml) hostdevs, wanted 3"
cmp -s new2.xml~ before.xml || fail "FILE~ is not the previous <devices> file"
diff before.xml new2.xml | grep -q '^<' && fail "write changed lines of the <devices> file: $(diff before.xml new2.xml)"
grep -q 'bus="0x02" slot="0x00" function="0x0"' new2.xml || fail "the new hostdev is missing: $(cat new2.xml)"
# A <hostdev> document becomes a <devices> document holding it.
# (02:00.0: a device alone in its group; the GPU's audio function would
# be judged without the GPU the file holds.)
expect_status 0 "write reads back its <hostdev> file" V write new1.xml 02:00.0
[ "$(root_of new1.xml)" = devices ] || fail "the <hostdev> file did not become a <devices> document: $(root_of new1.xml)"
[ "$(count new1.xml)" -eq 2 ] || fail "the <hostdev> file now holds $(count new1.xml) hostdevs, wanted 2"
cmp -s new1.xml~ one.xml || fail "FILE~ is not the previous <hostdev> file"
V xml --force 01:00.0 02:00.0 > both.xml 2>/dev/null
cmp -s new1.xml both.xml || fail "a <hostdev> file with a second device is not what xml prints for both: $(diff both.xml new1.xml)"
# The GPU's file takes its audio function: what the file holds counts
# toward the group, as a target domain's devices do.
cp one.xml gpuonly.xml
expect_status 0 "write the audio function into the GPU's file" V write gpuonly.xml 01:00.1
cmp -s gpuonly.xml two.xml || fail "the GPU's file with its audio is not what xml prints for both"
# Again: already there, refused, unchanged.
cp new1.xml after.xml
expect_status 1 "write a device the file has" V write new1.xml 01:00.0 01:00.1
grep -q "already has host device 0000:01:00.0" "$T/err" || fail "duplicate message: $(cat "$T/err")"
cmp -s new1.xml after.xml || fail "a refused write changed the file"
# xml's own output, saved by a redirect, is read by write too.
cp one.xml redirected.xml
expect_status 0 "write reads xml's output" V write redirected.xml 02:00.0
# A hostdev document that is not PCI is refused, not rewritten.
printf "<hostdev mode='subsystem' type='usb'>\n  <source><vendor id='0x1'/><product id='0x2'/></source>\n</hostdev>\n" > usb.xml
cp usb.xml usb.orig
expect_status 2 "write to a USB <hostdev> document" V write usb.xml 01:00.0 01:00.1
grep -q "not a PCI host device" "$T/err" || fail "USB hostdev message: $(cat "$T/err")"
cmp -s usb.xml usb.orig || fail "the USB hostdev file was changed"

# xml --split PREFIX: one <hostdev> document per device, in address order.
expect_status 0 "xml --split" V xml --split gpu 01:00.0 01:00.1
printf 'gpu-1.xml\ngpu-2.xml\n' | cmp -s - "$T/out" || fail "--split did not list its files: $(cat "$T/out")"
cmp -s gpu-1.xml one.xml || fail "gpu-1.xml is not the GPU's <hostdev>: $(cat gpu-1.xml)"
[ "$(root_of gpu-2.xml)" = hostdev ] || fail "gpu-2.xml is not a <hostdev> document"
grep -q 'function="0x1"' gpu-2.xml || fail "gpu-2.xml is not the audio function"
cp gpu-2.xml split2.xml
expect_status 0 "write reads a --split file" V write split2.xml 02:00.0
# Refused while any PREFIX-*.xml exists, so the glob names only new files.
ls > ls.before
expect_status 2 "xml --split over earlier files" V xml --split gpu 01:00.0 01:00.1
grep -q "gpu-[12].xml exists" "$T/err" || fail "--split over files: $(cat "$T/err")"
ls | cmp -s - ls.before || fail "a refused --split changed the directory"
expect_status 2 "xml --split into a missing directory" V xml --split nodir/gpu 01:00.0 01:00.1
[ -e nodir ] && fail "--split created a directory"
expect_status 2 "xml --split with a directory for PREFIX" V xml --split ./ 01:00.0 01:00.1
expect_status 1 "xml --split refused by the checks" V xml --split solo 01:00.0
ls solo-* >/dev/null 2>&1 && fail "a refused --split wrote files"
expect_status 2 "write --split" V write --split x w.xml 01:00.0 01:00.1

# The interface's F7 writes the same documents and adds to them.
mkdir "$T/f7"
printf 'type /GTX\nkey Enter\nkey g\nkey F7\nkey Enter\ndump written\n' > "$T/f7.script"
(cd "$T/f7" && "$VFIOTUI" --demo ui --script "$T/f7.script" --dump-dir "$T/f7") > "$T/out" 2> "$T/err" ||
    fail "F7 script failed: $(cat "$T/err")"
grep -q "wrote 2 hostdev" "$T/f7/written.txt" || fail "F7 did not report the write: $(cat "$T/f7/written.txt")"
cmp -s "$T/f7/hostdevs.xml" two.xml || fail "F7 to a new file is not what xml prints: $(cat "$T/f7/hostdevs.xml")"
printf 'type /SD/MMC\nkey Enter\nkey Space\nkey F7\nkey Enter\ndump again\n' > "$T/f7b.script"
(cd "$T/f7" && "$VFIOTUI" --demo ui --script "$T/f7b.script" --dump-dir "$T/f7") > "$T/out" 2> "$T/err" ||
    fail "second F7 script failed: $(cat "$T/err")"
grep -q "wrote 1 hostdev" "$T/f7/again.txt" || fail "F7 did not add to its own file: $(cat "$T/f7/again.txt")"
[ "$(count "$T/f7/hostdevs.xml")" -eq 3 ] || fail "F7's file holds $(count "$T/f7/hostdevs.xml") hostdevs, wanted 3"
expect_status 1 "write reads F7's file" V write "$T/f7/hostdevs.xml" 01:00.0 01:00.1
grep -q "already has host device 0000:01:00.0" "$T/err" || fail "write did not read F7's file: $(cat "$T/err")"

# F7 counts what the file already holds toward its groups, as write
# does: the GPU's audio function goes into a file that has the GPU.
mkdir "$T/f7c"
(cd "$T/f7c" && "$VFIOTUI" --demo xml --force 01:00.0 > hostdevs.xml 2> /dev/null) ||
    fail "xml --force 01:00.0 failed"
printf 'type /01:00.1\nkey Enter\nkey Space\nkey F7\nkey Enter\ndump audio\n' > "$T/f7c.script"
(cd "$T/f7c" && "$VFIOTUI" --demo ui --script "$T/f7c.script" --dump-dir "$T/f7c") > "$T/out" 2> "$T/err" ||
    fail "F7 audio script failed: $(cat "$T/err")"
grep -q "wrote 1 hostdev" "$T/f7c/audio.txt" ||
    fail "F7 refused the audio function for a file holding its GPU: $(cat "$T/f7c/audio.txt")"
[ "$(count "$T/f7c/hostdevs.xml")" -eq 2 ] || fail "F7's GPU file holds $(count "$T/f7c/hostdevs.xml") hostdevs, wanted 2"

# F7 into an existing domain definition adds the hostdevs inside its
# <devices>, keeps the rest, and libvirt still takes the domain.
mkdir "$T/f7d"
virsh -q -c test:///default dumpxml test > "$T/f7d/dom.xml" || fail "virsh dumpxml failed"
cp "$T/f7d/dom.xml" "$T/f7d/dom.orig"
printf 'type /GTX\nkey Enter\nkey g\nkey F7\nkey C-u\ntype dom.xml\nkey Enter\ndump domfile\n' > "$T/f7d.script"
(cd "$T/f7d" && "$VFIOTUI" --demo ui --script "$T/f7d.script" --dump-dir "$T/f7d") > "$T/out" 2> "$T/err" ||
    fail "F7 domain-file script failed: $(cat "$T/err")"
grep -q "wrote 2 hostdev" "$T/f7d/domfile.txt" || fail "F7 did not write into the domain file: $(cat "$T/f7d/domfile.txt")"
[ "$(count "$T/f7d/dom.xml")" -eq 2 ] || fail "the domain file holds $(count "$T/f7d/dom.xml") hostdevs, wanted 2"
[ "$(root_of "$T/f7d/dom.xml")" = domain ] || fail "F7 changed the root of the domain file: $(root_of "$T/f7d/dom.xml")"
n=$(python3 -c 'import sys, xml.dom.minidom as m
d = m.parse(sys.argv[1]).documentElement
print(sum(len(x.getElementsByTagName("hostdev")) for x in d.childNodes if x.nodeName == "devices"))' "$T/f7d/dom.xml")
[ "$n" = 2 ] || fail "the domain's <devices> holds $n hostdevs, wanted 2"
cmp -s "$T/f7d/dom.xml~" "$T/f7d/dom.orig" || fail "F7 kept no backup of the domain file as it was"
virt-xml-validate "$T/f7d/dom.xml" domain > "$T/out" 2>&1 || fail "the domain F7 wrote does not validate: $(cat "$T/out")"

# libvirt accepts them.  The <devices> document pasted into a domain
# (what a virsh edit user does) validates and defines; each <hostdev>
# document attaches with virsh attach-device --config to a real
# qemu:///session domain.
virsh -q -c test:///default dumpxml test > test.xml || fail "virsh dumpxml failed"
python3 - two.xml test.xml > pasted.xml <<'PY' || fail "cannot paste"
import sys
devs = open(sys.argv[1]).read().splitlines()[1:-1]
dom = open(sys.argv[2]).read()
i = dom.index('</devices>')
print(dom[:i] + '\n'.join(devs) + '\n  ' + dom[i:], end='')
PY
virt-xml-validate pasted.xml > "$T/validate" 2>&1 || fail "virt-xml-validate rejects the pasted <devices>: $(cat "$T/validate")"
virsh -q -c test:///default "define pasted.xml; dumpxml --inactive test" > "$T/defined" 2>&1 ||
    fail "libvirt rejects the pasted <devices>: $(cat "$T/defined")"
grep -q "bus='0x01' slot='0x00' function='0x1'" "$T/defined" || fail "the defined domain lacks the pasted hostdev"

use_session_user
DOM=vfiotui-xml-contract
virsh_s() { as_user virsh -q -c qemu:///session "$@"; }
cat > "$T/guest.xml" <<XML
<domain type='qemu'>
  <name>$DOM</name>
  <memory unit='MiB'>96</memory>
  <os><type arch='x86_64' machine='q35'>hvm</type></os>
  <devices><emulator>/usr/bin/qemu-system-x86_64</emulator></devices>
</domain>
XML
chmod -R a+rX "$T"
virsh_s undefine "$DOM" >/dev/null 2>&1
virsh_s define "$T/guest.xml" > "$T/define.log" 2>&1 ||
    { fail "cannot reach qemu:///session or define a guest: $(cat "$T/define.log")"; finish; }
for f in gpu-1.xml gpu-2.xml; do
    virsh_s attach-device "$DOM" "$T/w/$f" --config > "$T/attach.log" 2>&1 ||
        fail "virsh attach-device refuses $f: $(cat "$T/attach.log")"
done
virsh_s dumpxml --inactive "$DOM" > "$T/dom.xml"
[ "$(count "$T/dom.xml")" -eq 2 ] || fail "the session domain holds $(count "$T/dom.xml") hostdevs, wanted 2"
virsh_s undefine "$DOM" >/dev/null 2>&1
finish
