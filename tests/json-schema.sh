#!/bin/sh
# json-schema.sh - every JSON document vfiotui prints (list, check,
# domains, codes, ready) validates against its schema in data/, on the demo, this
# machine, fixture hosts, the libvirt test driver and a node-device
# (remote-style) source;
# and the schemas are strict enough to reject a document that breaks
# the contract.
. "$top_srcdir/tests/lib.sh"

PY=${PYTHON:-python3}
if ! "$PY" -c 'import jsonschema' 2>/dev/null; then
    fail "$PY cannot import jsonschema (Debian: apt-get install python3-jsonschema)"
    finish
fi
mkdir "$T/docs"

# doc KIND NAME STATUS CMD...: run CMD (a vfiotui command printing a
# KIND document), expect STATUS, keep its output for validation.
doc() {
    kind=$1; name=$2; want=$3; shift 3
    expect_status "$want" "$kind --json: $name" "$@"
    cp "$T/out" "$T/docs/$kind@$name.json"
}

# The demo: its guests make "in-use", shut off and running domains.
doc list demo 0 "$VFIOTUI" --demo list --json
doc check demo-gpu 1 "$VFIOTUI" --demo check --json 01:00.0
doc check demo-whole 0 "$VFIOTUI" --demo check --json --whole-groups 01:00.0
doc check demo-host 1 "$VFIOTUI" --demo check --json --live 00:02.0 3e:00.0 00:1f.6 3d:00.0 05:00.0
doc check demo-domain 0 "$VFIOTUI" --demo check --json --domain win11-gaming 01:00.0 01:00.1
grep -q '"domain": "win11-gaming"' "$T/out" || fail "check --domain --json does not name the domain"
doc check demo-unknown 1 "$VFIOTUI" --demo check --json 42:00.0
doc domains demo 0 "$VFIOTUI" --demo domains --json

# This machine, whatever its disks and routes are.
doc list this-host 0 "$VFIOTUI" --no-domains list --json

# Fixture hosts: every storage stack and route the readers know, and
# every device of each judged at once (most finding codes).
for h in demo desktop-gpu amd-chipset sriov-server no-iommu lvm-nvme nfs-root \
         iscsi-root md-partition nvme-multipath zfs-root btrfs-raid1 usb-root \
         acs-override old-kernel mdev-host gvtg-aperture; do
    root=$(host "$h")
    doc list "$h" 0 env SSH_CONNECTION="192.0.2.50 51000 198.51.100.10 22" \
        "$VFIOTUI" --sysroot "$root" --no-domains list --json
    addrs=$(ls "$root/sys/bus/pci/devices")
    # shellcheck disable=SC2086 # one argument per address
    "$VFIOTUI" --sysroot "$root" --no-domains check --json $addrs > "$T/docs/check@$h.json" 2> "$T/err"
    [ -s "$T/docs/check@$h.json" ] || fail "check --json on $h printed nothing: $(cat "$T/err")"
done

# The libvirt test driver, and the demo's node devices read through
# libvirt as for a remote host (no disks or routes can be judged).
XML=$top_srcdir/data/demo-libvirt.xml
case $XML in /*) ;; *) XML=$PWD/$XML ;; esac
doc domains test-default 0 "$VFIOTUI" -c test:///default domains --json
doc domains test-file 0 "$VFIOTUI" -c "test://$XML" domains --json
# the mdevs with the test-driver domains that use them
cp "$top_srcdir/tests/domains/mdev-guests.xml" "$T/mdev-guests.xml"
doc list mdev-guests 0 "$VFIOTUI" --sysroot "$(host mdev-host)" -c "test://$T/mdev-guests.xml" list --json
doc list nodedev 0 "$VFIOTUI" -c "test://$XML" --source libvirt list --json
doc check nodedev 0 "$VFIOTUI" -c "test://$XML" --source libvirt check --json --whole-groups 01:00.0
# A domain holding an address the host does not have (a stale hostdev).
cp "$top_srcdir/tests/domains/stale.xml" "$T/stale.xml"
doc domains stale 0 "$VFIOTUI" --sysroot "$(host desktop-gpu)" -c "test://$T/stale.xml" domains --json
grep -q '"present": false' "$T/out" || fail "domains --json: the stale hostdev is not there"
doc check nodedev-all 1 "$VFIOTUI" -c "test://$XML" --source libvirt check --json 00:02.0 00:1f.6 3e:00.0 05:00.0
doc codes all 0 "$VFIOTUI" codes --json

# ready: the layers of tests/ready-boot.sh (every status), a bare
# fixture (unknowns), the demo and the libvirt view of a remote host.
for v in fedora-intel debian-amd; do
    mkdir -p "$T/ready-$v"
    "$MKHOST" "$top_srcdir/tests/hosts/twin-gpu.host" "$T/ready-$v" &&
        prep_layer "$v" "$T/ready-$v"
done
doc ready fedora-intel 0 "$VFIOTUI" --sysroot "$T/ready-fedora-intel" ready --json
doc ready debian-amd 1 "$VFIOTUI" --sysroot "$T/ready-debian-amd" ready --json
doc ready no-iommu 1 "$VFIOTUI" --sysroot "$(host no-iommu)" ready --json
doc ready acs-override 1 "$VFIOTUI" --sysroot "$(host acs-override)" ready --json
doc ready demo 1 "$VFIOTUI" --demo ready --json
doc ready nodedev 1 "$VFIOTUI" -c "test://$XML" --source libvirt ready --json

# Validate each document; then break each kind of document in ways the
# contract forbids and make sure its schema says no.
"$PY" - "$top_srcdir/data" "$T/docs" > "$T/py.out" 2>&1 <<'PYEOF'
import copy, glob, json, os, sys
import jsonschema

data, docs = sys.argv[1], sys.argv[2]
schemas = {}
for kind in ("list", "check", "domains", "codes", "ready"):
    with open(os.path.join(data, kind + ".schema.json")) as f:
        s = json.load(f)
    jsonschema.Draft202012Validator.check_schema(s)
    schemas[kind] = jsonschema.Draft202012Validator(s)

def errors(kind, doc):
    return [e.message for e in schemas[kind].iter_errors(doc)]

seen = {}
for path in sorted(glob.glob(os.path.join(docs, "*.json"))):
    kind, name = os.path.basename(path)[:-5].split("@", 1)
    with open(path, "rb") as f:
        doc = json.loads(f.read().decode("utf-8"))
    e = errors(kind, doc)
    print(("FAIL: %s %s: %s" % (kind, name, "; ".join(e[:3]))) if e else "ok: %s %s validates" % (kind, name))
    seen.setdefault(kind, doc)

def first(xs, pred):
    return next(x for x in xs if pred(x))

def breaks(kind, what, change):
    d = copy.deepcopy(seen[kind])
    try:
        change(d)
    except (KeyError, IndexError, StopIteration, AttributeError, TypeError) as e:
        print("FAIL: %s: cannot make %s: no %s in the document" % (kind, what, e))
        return
    print("ok: %s schema rejects %s" % (kind, what) if errors(kind, d)
          else "FAIL: %s schema accepts %s" % (kind, what))

lst, chk = seen["list"], seen["check"]
breaks("list", "a missing schema", lambda d: d.pop("schema"))
breaks("list", "schema 1", lambda d: d.update(schema=1))
breaks("list", "an unknown top-level key", lambda d: d.update(extra=1))
breaks("list", "an unknown device key", lambda d: d["devices"][0].update(extra=1))
breaks("list", "a group without status", lambda d: d["groups"][0].pop("status"))
breaks("list", "a status outside the enum", lambda d: d["groups"][0].update(status="fine"))
breaks("list", "root_disk as prose", lambda d: d["devices"][0].update(root_disk="sda holds /"))
breaks("list", "mgmt_nic as prose", lambda d: d["devices"][0].update(mgmt_nic="eno1 carries the default route"))
breaks("list", "a bad mgmt_nic reason", lambda d: d["devices"][0].update(
    mgmt_nic=[{"interface": "eno1", "reason": "because"}]))
breaks("list", "a mount without via", lambda d: d["devices"][0].update(
    root_disk=[{"kind": "mount", "target": "/"}]))
breaks("list", "a short address", lambda d: d["devices"][0].update(address="01:00.0"))
breaks("check", "severity info", lambda d: d["findings"][0].update(severity="info"))
breaks("check", "a missing schema", lambda d: d.pop("schema"))
breaks("check", "infos for notes", lambda d: d.update(infos=d.pop("notes")))
breaks("check", "a numeric domain", lambda d: d.update(domain=7))
breaks("check", "a finding without remedy", lambda d: d["findings"][0].pop("remedy"))
breaks("codes", "severity info", lambda d: d["codes"][0].update(severity="info"))
breaks("codes", "a code without remedy", lambda d: d["codes"][0].pop("remedy"))
breaks("ready", "a missing schema", lambda d: d.pop("schema"))
breaks("ready", "status fine", lambda d: d["facts"][0].update(status="fine"))
breaks("ready", "an unknown fact id", lambda d: d["facts"][0].update(id="magic"))
breaks("ready", "an error without remedy", lambda d: first(d["facts"], lambda x: x["status"] != "ok").update(remedy=None))
breaks("ready", "a string ready", lambda d: d.update(ready="yes"))
breaks("domains", "a bare array", lambda d: d.clear() or d.update(schema=2, domains=None))
breaks("domains", "an unknown hostdev key", lambda d: first(d["domains"], lambda x: x["hostdevs"])["hostdevs"][0].update(extra=1))
breaks("domains", "a non-boolean present", lambda d: first(d["domains"], lambda x: x["hostdevs"])["hostdevs"][0].update(present="yes"))
breaks("domains", "a hostdev without present", lambda d: first(d["domains"], lambda x: x["hostdevs"])["hostdevs"][0].pop("present"))
PYEOF
st=$?
cat "$T/py.out"
[ "$st" -eq 0 ] || fail "the validator stopped (exit $st)"
n=$(grep -c '^FAIL' "$T/py.out")
[ "$n" -eq 0 ] || failures=$((failures + n))
[ "$(grep -c '^ok: .* validates' "$T/py.out")" -ge 40 ] || fail "fewer documents were validated than written"
finish
