#!/bin/sh
# safe-output.sh - host and libvirt strings with ESC sequences, C1 and
# bidi controls and invalid UTF-8 never reach the terminal raw, and JSON
# stays valid UTF-8 (issue 8, item 4).
. "$top_srcdir/tests/lib.sh"

command -v python3 >/dev/null 2>&1 || { fail "python3 is needed to judge the output"; finish; }

# The sysroot itself sits under a hostile name, so every path in a
# message or in JSON carries one.
BAD=$(printf 'root\033[7m\377')
R=$T/$BAD
mkdir -p "$R"
"$MKHOST" "$top_srcdir/tests/hosts/desktop-gpu.host" "$R" || { fail "mkhost"; finish; }

# A driver whose name holds a colour sequence and an invalid byte.
DRV=$(printf 'nv\033[31mX\377')
mkdir -p "$R/sys/bus/pci/drivers/$DRV"
dev=$(cd "$R/sys/bus/pci/devices/0000:01:00.0" && pwd -P)
rm -f "$dev/driver"
ln -sr "$R/sys/bus/pci/drivers/$DRV" "$dev/driver"
# An OSC title sequence in the hostname, a clear-screen in the kernel
# release, and a C1 CSI (valid UTF-8 U+009B) and a bidi override there too.
printf 'evil\033]0;pwn\007\377host\n' > "$R/proc/sys/kernel/hostname"
printf '6.5.0\033[2J\302\2332J\342\200\256x\n' > "$R/proc/sys/kernel/osrelease"

# judge FILE WHAT: valid UTF-8 and no control character but \n and \t.
judge() {
    if python3 - "$1" <<'PY'
import sys, unicodedata
data = open(sys.argv[1], 'rb').read()
text = data.decode('utf-8')          # strict: invalid UTF-8 fails
for ch in text:
    if ch in '\n\t':
        continue
    if unicodedata.category(ch) in ('Cc', 'Cf', 'Zl', 'Zp'):
        sys.exit('raw control %r in %r' % (ch, text[:200]))
PY
    then ok "$2: no raw control bytes"; else fail "$2 passes raw control bytes"; fi
}

expect_status 0 "list" "$VFIOTUI" --sysroot "$R" list
judge "$T/out" "list stdout"
judge "$T/err" "list stderr"
# A stricter reader may refuse such a driver name (then it is unknown and
# the warning quotes it); if it is shown, it is shown escaped.
grep -q '0000:01:00.0.*driver=nv' "$T/out" && { grep -qF 'driver=nv\x1b[31mX\xff' "$T/out" ||
    fail "list does not show the driver escaped: $(grep 01:00.0 "$T/out")"; }
grep -qF 'nv\x1b[31mX\xff' "$T/out" "$T/err" || fail "the driver name is neither shown nor warned about"

expect_status 0 "list --json" "$VFIOTUI" --sysroot "$R" list --json
if python3 - "$T/out" <<'PY'
import json, sys
doc = json.loads(open(sys.argv[1], 'rb').read().decode('utf-8'))
gpu = [d for d in doc['devices'] if d['address'] == '0000:01:00.0'][0]
assert gpu['driver'] in ('nv\x1b[31mX\ufffd', None), gpu['driver']
# a stricter reader may refuse a host name or kernel release with
# control bytes (then it is unknown, null); if kept, it is repaired
assert doc['host'] in ('evil\x1b]0;pwn\x07\ufffdhost', None), doc['host']
assert doc['kernel'] is None or doc['kernel'].startswith('6.5.0\x1b[2J\x9b2J\u202ex'), doc['kernel']
assert doc['source'].endswith('root\x1b[7m\ufffd'), doc['source']
PY
then ok "list --json is valid UTF-8 JSON with the strings repaired"
else fail "list --json is not valid UTF-8 JSON: $(head -c 300 "$T/out")"; fi

expect_status 1 "check the GPU alone" "$VFIOTUI" --sysroot "$R" check 01:00.0
judge "$T/out" "check stdout"
judge "$T/err" "check stderr"
expect_status 1 "check --json" "$VFIOTUI" --sysroot "$R" check --json 01:00.0
python3 -c 'import json,sys; json.loads(open(sys.argv[1],"rb").read().decode("utf-8"))' "$T/out" ||
    fail "check --json is not valid UTF-8 JSON"

# Error messages name the hostile path and argument, escaped.
expect_status 2 "missing sysroot" "$VFIOTUI" --sysroot "$T/none$BAD" list
judge "$T/err" "missing sysroot message"
grep -qF 'noneroot\x1b[7m\xff' "$T/err" || fail "the error does not show the path escaped: $(cat "$T/err")"
expect_status 2 "bad address" "$VFIOTUI" --sysroot "$R" check "$(printf '01:00.0\033[K')"
judge "$T/err" "bad address message"
expect_status 2 "bad command" "$VFIOTUI" "$(printf 'li\033st')"
judge "$T/err" "unknown command message"
expect_status 2 "bad --group" "$VFIOTUI" --group "$(printf '\2331')" list
judge "$T/err" "--group message"

# Domain names from libvirt: XML forbids ESC, but C1 controls and bidi
# overrides are allowed characters.
DOMNAME=$(printf 'guest\302\2332J\342\200\256evil')
cat > "$T/node.xml" <<XML
<node>
  <domain type='test'>
    <name>$DOMNAME</name>
    <uuid>7e6c4a56-7a8b-4c2d-9e0f-112233445566</uuid>
    <memory>1048576</memory>
    <os><type>hvm</type></os>
    <devices>
      <hostdev mode='subsystem' type='pci' managed='yes'>
        <source><address domain='0x0000' bus='0x01' slot='0x00' function='0x0'/></source>
      </hostdev>
    </devices>
  </domain>
</node>
XML
expect_status 0 "list with a hostile domain name" "$VFIOTUI" --sysroot "$R" -c "test://$T/node.xml" list
judge "$T/out" "list used-by"
grep -qF 'used-by=guest\xc2\x9b2J\xe2\x80\xaeevil' "$T/out" || fail "used-by does not show the domain escaped: $(grep 01:00.0 "$T/out")"
"$VFIOTUI" --sysroot "$R" -c "test://$T/node.xml" check 01:00.0 01:00.1 > "$T/out" 2> "$T/err"
judge "$T/out" "check naming the domain"
expect_status 0 "domains" "$VFIOTUI" -c "test://$T/node.xml" domains
judge "$T/out" "domains"
"$VFIOTUI" --sysroot "$R" -c "test://$T/node.xml" attach --dry-run --force "$DOMNAME" 00:14.0 \
    > "$T/out" 2> "$T/err"
judge "$T/out" "attach --dry-run"
judge "$T/err" "attach --dry-run messages"
grep -qF 'guest&#x9b;2J&#x202e;evil' "$T/out" || fail "the dry run does not show the name as XML references: $(cat "$T/out" "$T/err")"

# The interface: what it writes to the terminal, byte for byte.
if command -v tmux >/dev/null 2>&1; then
    SOCK=vfiotui-safe-$$
    tm() { tmux -L "$SOCK" "$@"; }
    trap 'tm kill-server >/dev/null 2>&1; rm -rf "$T"' EXIT
    : > "$T/raw"
    tm new-session -d -s S -x 120 -y 40 \
        "sleep 0.5; env LANG=C.UTF-8 '$VFIOTUI' --sysroot '$R' -c 'test://$T/node.xml'; sleep 30"
    tm pipe-pane -o -t S "cat >> '$T/raw'"
    i=0
    while [ $i -lt 100 ] && ! grep -qF 'IOMMU group' "$T/raw" 2>/dev/null; do
        sleep 0.1; i=$((i + 1))
    done
    tm send-keys -t S Down Down Down
    sleep 1
    tm send-keys -t S q
    sleep 0.5
    tm kill-server >/dev/null 2>&1
    python3 - "$T/raw" <<'PY' && ok "the interface writes no hostile bytes" || fail "the interface writes hostile bytes raw"
import sys
raw = open(sys.argv[1], 'rb').read()
assert b'IOMMU' in raw, 'nothing captured'
for bad in (b']0;pwn\x07', b'\xff', b'\x1b[2J\xc2\x9b', b'\xc2\x9b', b'\xe2\x80\xae', b'\x1b[31mX'):
    assert bad not in raw, bad
# the host name may be refused as unknown (a stricter reader); then the
# domain name must still be shown, escaped
assert b'\\x1b]0;pwn' in raw or b'guest\\xc2' in raw, 'no hostile name is shown escaped'
PY
else
    fail "tmux is not installed"
fi
finish
