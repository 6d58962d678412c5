#!/bin/sh
# session-daemon.sh - attach and detach against a real libvirt daemon,
# qemu:///session, which the client starts itself.  As root (CI), the
# session daemon would be the system one, so the test runs the client as
# an unprivileged user it creates.  A daemon that cannot be reached is a
# failure, not a skip.
. "$top_srcdir/tests/lib.sh"

DOM=vfiotui-session-test
use_session_user
V() { as_user "$VT" -c qemu:///session "$@"; }
virsh_s() { as_user virsh -q -c qemu:///session "$@"; }
hostdevs() { virsh_s dumpxml "$@" "$DOM" | grep -c '<hostdev' || true; }

# Three real host devices (nothing checks they exist for --config).
set -- $(ls /sys/bus/pci/devices | head -n 3)
[ $# -eq 3 ] || { fail "this machine has fewer than 3 PCI devices"; finish; }
D1=$1 D2=$2 D3=$3

cat > "$T/guest.xml" <<XML
<domain type='qemu'>
  <name>$DOM</name>
  <memory unit='MiB'>96</memory>
  <vcpu>1</vcpu>
  <os><type arch='x86_64' machine='q35'>hvm</type></os>
  <devices>
    <emulator>/usr/bin/qemu-system-x86_64</emulator>
    <graphics type='vnc' port='-1' passwd='secret12'/>
  </devices>
</domain>
XML
chmod 644 "$T/guest.xml"
virsh_s destroy "$DOM" >/dev/null 2>&1
virsh_s undefine "$DOM" >/dev/null 2>&1
virsh_s define "$T/guest.xml" > "$T/define.log" 2>&1 ||
    { fail "cannot reach qemu:///session or define a guest: $(cat "$T/define.log")"; finish; }
cleanup_dom() { virsh_s destroy "$DOM" >/dev/null 2>&1; virsh_s undefine "$DOM" >/dev/null 2>&1; }

# --config (the default): the daemon keeps exactly these hostdevs.
expect_status 0 "attach --config two devices" V attach --force "$DOM" "$D1" "$D2"
virsh_s dumpxml --inactive --security-info "$DOM" > "$T/def.xml"
[ "$(grep -c '<hostdev' "$T/def.xml")" -eq 2 ] || fail "daemon keeps $(grep -c '<hostdev' "$T/def.xml") hostdevs, wanted 2"
for d in "$D1" "$D2"; do
    b=$(echo "$d" | cut -d: -f2); s=$(echo "$d" | cut -d: -f3 | cut -d. -f1)
    grep -q "bus='0x$b' slot='0x$s'" "$T/def.xml" || fail "hostdev $d missing from the daemon's definition"
done
grep -q "passwd='secret12'" "$T/def.xml" || fail "the guest's VNC password was lost"
# again: reported, not duplicated
expect_status 1 "attach a device already there" V attach --force "$DOM" "$D1"
grep -q "already has $D1" "$T/err" || fail "duplicate not reported: $(cat "$T/err")"
[ "$(hostdevs --inactive)" -eq 2 ] || fail "a refused attach changed the definition"
# dry run: prints what would be sent, changes nothing
expect_status 0 "attach --dry-run" V attach --force --dry-run "$DOM" "$D3"
grep -q "virDomainAttachDeviceFlags $DOM --config" "$T/out" || fail "dry run did not show the call: $(cat "$T/out")"
[ "$(hostdevs --inactive)" -eq 2 ] || fail "--dry-run changed the definition"
# refused without --force: this host has no IOMMU / holds its disks
if [ -z "$(ls /sys/kernel/iommu_groups 2>/dev/null)" ]; then
    expect_status 1 "attach refused by the checks" V attach "$DOM" "$D3"
    grep -q "no-iommu" "$T/err" || fail "refusal did not name the finding: $(cat "$T/err")"
fi
expect_status 0 "detach --config" V detach "$DOM" "$D1" "$D2"
[ "$(hostdevs --inactive)" -eq 0 ] || fail "detach left hostdevs behind"
expect_status 1 "detach a device not there" V detach "$DOM" "$D1"
expect_status 2 "attach to a missing domain" V attach --force no-such-domain-xyz "$D1"
grep -q "no-such-domain-xyz" "$T/err" || fail "missing domain not named: $(cat "$T/err")"

# --live on a running TCG guest: the daemon refuses passthrough, and
# nothing stays attached.
virsh_s start "$DOM" > "$T/start.log" 2>&1 || { fail "cannot start the guest: $(cat "$T/start.log")"; cleanup_dom; finish; }
expect_status 1 "attach --live refused by the daemon" V attach --live --force "$DOM" "$D1"
grep -qi "passthrough" "$T/err" "$T/out" || fail "daemon's refusal not shown: $(cat "$T/out" "$T/err")"
[ "$(hostdevs)" -eq 0 ] || fail "a failed --live attach left a hostdev in the running guest"


# Partial failure: three devices.  The persistent part succeeds for all
# three, then the daemon refuses the live part; every persistent change
# is rolled back, so neither definition keeps anything.
virsh_s dumpxml --inactive --security-info "$DOM" > "$T/lc-before.xml"
expect_status 1 "attach --live --config, live part fails" V attach --live --config --force "$DOM" "$D1" "$D2" "$D3"
virsh_s dumpxml --inactive --security-info "$DOM" > "$T/lc-after.xml"
if cmp -s "$T/lc-before.xml" "$T/lc-after.xml"; then
    ok "--live --config rollback: the inactive XML is byte-identical"
else
    fail "--live --config rollback changed the inactive XML: $(diff "$T/lc-before.xml" "$T/lc-after.xml")"
fi
grep -c "^ok: *attach (--config)" "$T/out" > "$T/n"
[ "$(cat "$T/n")" -eq 3 ] || fail "expected 3 persistent attaches before the failure: $(cat "$T/out")"
grep -q "^ok: *rollback: restore the saved definition (config)" "$T/out" || fail "no rollback reported: $(cat "$T/out")"
grep -q "nothing stayed changed" "$T/err" || fail "did not say nothing stayed changed: $(cat "$T/err")"
[ "$(hostdevs --inactive)" -eq 0 ] || fail "rollback left hostdevs in the persistent definition"
[ "$(hostdevs)" -eq 0 ] || fail "rollback left hostdevs in the running guest"

# Exact rollback of a --config attach that fails on its third device.
# The guest's PCIe slots are full but for two functions of the
# root-port slot: libvirt adds a pcie-root-port for each of the first
# two hostdevs and refuses the third (no slot for another port).  A
# rollback by detach would keep the two ports; the saved definition,
# defined again, is byte-identical.
FULL=$DOM-full
{
    echo "<domain type='qemu'><name>$FULL</name><memory unit='MiB'>96</memory><vcpu>1</vcpu>"
    echo "<os><type arch='x86_64' machine='q35'>hvm</type></os><devices>"
    echo "<emulator>/usr/bin/qemu-system-x86_64</emulator>"
    echo "<controller type='usb' model='none'/><memballoon model='none'/>"
    echo "<graphics type='vnc' port='-1' passwd='secret34'/><video><model type='none'/></video>"
    f=0; idx=0
    while [ $f -lt 6 ]; do
        mf=; [ $f -eq 0 ] && mf=" multifunction='on'"
        echo "<controller type='pci' index='$((f + 1))' model='pcie-root-port'><address type='pci' domain='0' bus='0' slot='1' function='$f'$mf/></controller>"
        echo "<controller type='virtio-serial' index='$idx'><address type='pci' domain='0' bus='$((f + 1))' slot='0' function='0'/></controller>"
        f=$((f + 1)); idx=$((idx + 1))
    done
    s=2
    while [ $s -lt 31 ]; do
        echo "<controller type='virtio-serial' index='$idx'><address type='pci' domain='0' bus='0' slot='$s' function='0'/></controller>"
        s=$((s + 1)); idx=$((idx + 1))
    done
    echo "</devices></domain>"
} > "$T/full.xml"
chmod 644 "$T/full.xml"
virsh_s undefine "$FULL" >/dev/null 2>&1
if virsh_s define "$T/full.xml" > "$T/define.log" 2>&1; then
    # devices of a fixture host, absent here, which libvirt takes for
    # PCIe endpoints (a real conventional PCI device would go behind a
    # pcie-to-pci bridge instead)
    ROOT=$(host desktop-gpu)
    chmod -R a+rX "$ROOT"
    F1=0000:00:14.0 F2=0000:01:00.0 F3=0000:01:00.1
    # full_attach WHAT: the attach that fails on its third device
    full_attach() {
        virsh_s dumpxml --inactive --security-info "$FULL" > "$T/full-before.xml"
        expect_status 1 "attach --config, third device refused ($1)" V --sysroot "$ROOT" attach --force "$FULL" $F1 $F2 $F3
        virsh_s dumpxml --inactive --security-info "$FULL" > "$T/full-after.xml"
        [ "$(grep -c "^ok: *attach (--config)" "$T/out")" -eq 2 ] ||
            fail "expected 2 persistent attaches before the refusal: $(cat "$T/out")"
        grep -q "^FAILED: *attach (--config) $F3" "$T/out" || fail "the third attach did not fail: $(cat "$T/out")"
        grep -q "^ok: *rollback: restore the saved definition (config)" "$T/out" ||
            fail "no exact rollback reported: $(cat "$T/out")"
        grep -q "nothing stayed changed" "$T/err" || fail "did not say nothing stayed changed: $(cat "$T/err")"
        grep -q "passwd='secret34'" "$T/full-after.xml" || fail "the rollback lost the VNC password"
    }
    # A definition libvirt has never parsed back has its own pcie-root
    # last; any define (ours too) moves it to the front.  The rollback
    # says so, and nothing else may differ.
    full_attach "fresh definition"
    grep -q "^ok: *rollback: restore the saved definition (config): libvirt lists the same devices in its own order" "$T/out" ||
        fail "the reorder was not reported: $(cat "$T/out")"
    sort "$T/full-before.xml" > "$T/sb"; sort "$T/full-after.xml" > "$T/sa"
    cmp -s "$T/sb" "$T/sa" || fail "the rollback of a fresh definition changed more than the order: $(diff "$T/full-before.xml" "$T/full-after.xml")"
    # Once libvirt has read the definition back (any edit does that), the
    # rollback is byte for byte.
    full_attach "defined from its own dump"
    if cmp -s "$T/full-before.xml" "$T/full-after.xml"; then
        ok "--config rollback after 2 of 3: the inactive XML is byte-identical"
    else
        fail "--config rollback changed the inactive XML: $(diff "$T/full-before.xml" "$T/full-after.xml")"
    fi
    grep -q "own order" "$T/out" && fail "a byte-exact rollback reported a reorder: $(cat "$T/out")"
    virsh_s undefine "$FULL" >/dev/null 2>&1
else
    fail "cannot define the guest with full PCIe slots: $(cat "$T/define.log")"
fi

# --- issue 9 against the real daemon (the guest is running) -----------
# item 9: a --config attach to a running guest says when it applies
expect_status 0 "attach --config to the running guest" V attach --force "$DOM" "$D1"
grep -q "next shut down and started" "$T/err" || fail "no note that --config applies at the next start: $(cat "$T/err")"
# item 5: it holds D1 only in its persistent definition: not "shut off"
V check "$D1" > "$T/chk" 2>&1
grep -q "in the persistent definition of running domain $DOM (not live)" "$T/chk" ||
    fail "the running domain's persistent-only use is misstated: $(cat "$T/chk")"
grep "in-use-by-domain" "$T/chk" | grep -q "shut off" && fail "a running domain is called shut off: $(cat "$T/chk")"
# item 3: judged against the domain, D1 is its own, and attach leaves it
V check --domain "$DOM" "$D1" "$D2" > "$T/chk" 2>&1
grep -q "note\[in-target-domain\]: $D1" "$T/chk" || fail "check --domain does not see what the domain holds: $(cat "$T/chk")"
grep -q "in-use-by-domain" "$T/chk" && fail "the target's own device is in-use-by-domain: $(cat "$T/chk")"
expect_status 0 "attach two, one already there" V attach --force "$DOM" "$D1" "$D2"
grep -q "attached 1 device to $DOM; devices it already had, left as they were: 1" "$T/out" || fail "the device already there was sent again: $(cat "$T/out" "$T/err")"
[ "$(hostdevs --inactive)" -eq 2 ] || fail "wanted 2 persistent hostdevs, have $(hostdevs --inactive)"
# item 7: the domain by UUID and by ID, as virsh takes them
UUID=$(virsh_s domuuid "$DOM" | tr -d ' \n')
ID=$(virsh_s domid "$DOM" | tr -d ' \n')
expect_status 0 "detach by UUID" V detach "$UUID" "$D2"
[ "$(hostdevs --inactive)" -eq 1 ] || fail "detach by UUID left $(hostdevs --inactive) hostdevs"
expect_status 0 "detach by ID" V detach "$ID" "$D1"
[ "$(hostdevs --inactive)" -eq 0 ] || fail "detach by ID left $(hostdevs --inactive) hostdevs"
# item 10: a missing domain first, exit 2, whatever the checks say
expect_status 2 "attach to a missing domain, no --force" V attach no-such-domain-xyz "$D1"
grep -q "error\[" "$T/err" && fail "the selection was judged before the domain was looked up: $(cat "$T/err")"
# item 4: a hostdev whose address the host does not have (a VF gone)
cat > "$T/stale-hd.xml" <<XML
<hostdev mode='subsystem' type='pci' managed='yes'>
  <source><address domain='0x0000' bus='0xee' slot='0x1f' function='0x7'/></source>
</hostdev>
XML
chmod 644 "$T/stale-hd.xml"
if virsh_s attach-device "$DOM" "$T/stale-hd.xml" --config > "$T/ad.log" 2>&1; then
    expect_status 0 "domains with a stale hostdev" V domains
    grep -q "0000:ee:1f.7 .*stale" "$T/out" || fail "domains does not show the stale hostdev: $(cat "$T/out")"
    V domains --json | grep -A1 '"config": true' | grep -q '"present": false' ||
        fail "domains --json does not mark the stale hostdev"
    expect_status 0 "detach the stale hostdev, no --force" V detach "$DOM" 0000:ee:1f.7
    virsh_s dumpxml --inactive "$DOM" | grep -q "bus='0xee'" && fail "the stale hostdev is still defined"
else
    fail "virsh cannot attach a hostdev for an absent address: $(cat "$T/ad.log")"
fi
# item 9: a transient domain: libvirt refuses --config; we say --live
TRANS=$DOM-transient
sed "s/<name>$DOM</<name>$TRANS</" "$T/guest.xml" > "$T/trans.xml"
chmod 644 "$T/trans.xml"
if virsh_s create "$T/trans.xml" > "$T/create.log" 2>&1; then
    expect_status 2 "attach --config to a transient domain" V attach --force "$TRANS" "$D1"
    grep -q "use --live" "$T/err" || fail "no --live suggestion for a transient domain: $(cat "$T/err")"
    virsh_s attach-device "$TRANS" "$T/stale-hd.xml" --config > "$T/ad.log" 2>&1
    grep -q "transient domains do not have any persistent config" "$T/ad.log" ||
        fail "libvirt's own refusal differs from what we quote: $(cat "$T/ad.log")"
    grep -q "transient domains do not have any persistent config" "$T/err" ||
        fail "the message does not say what libvirt says: $(cat "$T/err")"
    virsh_s destroy "$TRANS" >/dev/null 2>&1
else
    fail "cannot start a transient guest: $(cat "$T/create.log")"
fi

# A dead daemon: a URI whose socket does not exist.
expect_status 2 "unreachable daemon" V -c "qemu+unix:///session?socket=$T/no-sock" attach --force "$DOM" "$D1"
grep -q "cannot connect" "$T/err" || fail "dead daemon message: $(cat "$T/err")"

cleanup_dom
finish
