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

# --- issue 9, item 10: the command-line contract ----------------------
# Options that do not apply to the command: exit 2, the option named.
for args in "xml --json 01:00.0" "list --dry-run" "list --force" "check --unmanaged 01:00.0" \
            "domains --whole-groups" "keys --json" "attach --json win11-gaming 01:00.0" \
            "detach --unmanaged fedora-dev 3d:00.0" "xml --live 01:00.0" "list --script x"; do
    opt=$(printf '%s\n' $args | grep -- '^--' | head -n 1)
    cmd=$(printf '%s\n' $args | grep -v -- '^-' | head -n 1)
    # shellcheck disable=SC2086
    expect_status 2 "$args" "$VFIOTUI" --demo $args
    grep -q "^vfiotui: option $opt does not apply to '$cmd'" "$T/err" ||
        fail "$args: message was: $(cat "$T/err")"
    [ -s "$T/out" ] && fail "$args printed output: $(cat "$T/out")"
done
# ... and those that do apply still work
expect_status 0 "list --json" "$VFIOTUI" --demo list --json
expect_status 0 "attach --dry-run --live --config --unmanaged" \
    "$VFIOTUI" --demo attach --dry-run --config --unmanaged win11-gaming 01:00.0 01:00.1

# Per-command help: help CMD, CMD --help and CMD -h print the command's
# usage and only its options, exit 0; help alone is --help.
for form in "help attach" "attach --help" "attach -h" "--help attach"; do
    # shellcheck disable=SC2086
    expect_status 0 "$form" "$VFIOTUI" $form
    grep -q '^Usage: vfiotui \[OPTION\]\.\.\. attach DOMAIN ADDRESS\.\.\.$' "$T/out" ||
        fail "$form: no attach usage line: $(head -n 2 "$T/out")"
    grep -q -- '--dry-run' "$T/out" || fail "$form: --dry-run not listed"
    grep -q -- '--json' "$T/out" && fail "$form lists --json, which attach does not take"
done
expect_status 0 "help xml" "$VFIOTUI" help xml
grep -q -- '--unmanaged' "$T/out" || fail "help xml lacks --unmanaged"
grep -q -- '--dry-run' "$T/out" && fail "help xml lists --dry-run"
"$VFIOTUI" --help > "$T/help"
expect_status 0 "help alone" "$VFIOTUI" help
cmp -s "$T/out" "$T/help" || fail "'help' differs from --help"
grep -q '^  help ' "$T/help" || fail "--help does not list the help command"
expect_status 2 "help for an unknown command" "$VFIOTUI" help frobnicate
grep -q "unknown command 'frobnicate'" "$T/err" || fail "help frobnicate: $(cat "$T/err")"

# The error prefix is the program's base name, also in getopt's own
# messages (it was the path it was run by).
mkdir "$T/bin"
cp "$VFIOTUI" "$T/bin/vfiotui"
expect_status 2 "unknown option, run by path" "$T/bin/vfiotui" --frobnicate
head -n 1 "$T/err" | grep -q "^vfiotui: unrecognized option '--frobnicate'" ||
    fail "getopt's message prefix: $(head -n 1 "$T/err")"
expect_status 2 "missing argument, run by path" "$T/bin/vfiotui" --group
head -n 1 "$T/err" | grep -q "^vfiotui: option '--group' requires an argument" ||
    fail "getopt's message prefix: $(head -n 1 "$T/err")"
grep -q "$T" "$T/err" && fail "a message carries the path: $(cat "$T/err")"

# Addresses as lspci -s takes them: 1:0.0, and the slot 01:00 for all
# of its functions; an empty slot is the usual unknown address.
expect_status 0 "xml --whole-groups 1:0.0" "$VFIOTUI" --demo xml 1:0.0 1:0.1
[ "$(grep -c '<hostdev' "$T/out")" -eq 2 ] || fail "1:0.0 1:0.1 gave: $(cat "$T/out")"
expect_status 0 "check 01:00 (the slot)" "$VFIOTUI" --demo check 01:00
grep -q "group-incomplete" "$T/out" && fail "01:00 did not select both functions: $(cat "$T/out")"
expect_status 0 "xml 01:00" "$VFIOTUI" --demo xml 01:00
grep -q 'function="0x0"' "$T/out" && grep -q 'function="0x1"' "$T/out" ||
    fail "xml 01:00 lacks a function: $(cat "$T/out")"
expect_status 1 "check an empty slot" "$VFIOTUI" --demo check 42:00
grep -q '^error\[unknown-device\]: 0000:42:00 is not a PCI device' "$T/out" ||
    fail "empty slot: $(cat "$T/out")"
expect_status 2 "check 01:20 (no such slot number)" "$VFIOTUI" --demo check 01:20
grep -q "'01:20' is not a PCI address" "$T/err" || fail "01:20: $(cat "$T/err")"

# A signal ends a command with 128+N, and the demo's temp dir goes with
# it (a blocked read of a FIFO holds the program after the demo loaded).
mkfifo "$T/fifo"
for sig in TERM INT HUP; do
    rm -rf "$T/tmp"
    mkdir "$T/tmp"
    # a background job of a script starts with SIGINT ignored: undo that
    env --default-signal=INT TMPDIR="$T/tmp" "$VFIOTUI" --demo ui --script "$T/fifo" \
        > /dev/null 2>&1 &
    pid=$!
    i=0
    while [ -z "$(ls -A "$T/tmp")" ] && [ $i -lt 100 ]; do
        sleep 0.1
        i=$((i + 1))
    done
    [ -n "$(ls -A "$T/tmp")" ] || fail "SIG$sig: the demo made no temp dir (the test is wrong)"
    kill -s "$sig" "$pid"
    wait "$pid"
    rc=$?
    case $sig in HUP) want=129 ;; INT) want=130 ;; TERM) want=143 ;; esac
    [ "$rc" -eq "$want" ] && ok "SIG$sig: exit $rc" || fail "SIG$sig: exit $rc, wanted $want"
    [ -z "$(ls -A "$T/tmp")" ] || fail "SIG$sig left the demo's files: $(find "$T/tmp" | head -n 5)"
done

# Messages that misled (item 9).  A remote URI with --sysroot: say what
# conflicts, not "the libvirt source" the user never chose.
expect_status 2 "--sysroot with a remote URI" "$VFIOTUI" --sysroot "$T" -c qemu+ssh://h.invalid/system list
grep -q -- "--sysroot reads a local tree, but qemu+ssh://h.invalid/system is a remote URI" "$T/err" ||
    fail "remote URI + --sysroot: $(cat "$T/err")"
grep -q "source" "$T/err" && fail "talks of a source nobody chose: $(cat "$T/err")"
expect_status 2 "--sysroot with --source libvirt" "$VFIOTUI" --sysroot "$T" --source libvirt list
grep -q -- "--sysroot reads a local tree, but --source libvirt" "$T/err" ||
    fail "--source libvirt + --sysroot: $(cat "$T/err")"
# root is not told to join the libvirt group (no daemon runs on the
# system socket here); another user is
if [ "$(id -u)" -eq 0 ]; then
    expect_status 2 "root, no system daemon" "$VFIOTUI" -c qemu:///system domains
    grep -q "cannot connect to qemu:///system" "$T/err" || fail "no connect error: $(cat "$T/err")"
    grep -q "libvirt group" "$T/err" && fail "root is told to join the libvirt group: $(cat "$T/err")"
    chmod 755 "$T" "$T/bin"
    expect_status 2 "a user, no system daemon" runuser -u nobody -- "$T/bin/vfiotui" -c qemu:///system domains
    grep -q "libvirt group" "$T/err" || fail "a user is not told of the libvirt group: $(cat "$T/err")"
fi
finish
