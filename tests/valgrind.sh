#!/bin/sh
# valgrind.sh - list, check, xml (and --split), write (a domain, a new
# file and a <hostdev> file), domains, a dry-run attach and a
# scripted interface run under valgrind (memcheck, full leak check), on a
# binary built without sanitizers (`make valgrind` builds it as
# tests/valgrind/vfiotui).  Any memory error or definite/possible leak
# fails.  valgrind's error exit code is 99, not 1, because 1 is also
# vfiotui's "problems found".
. "$top_srcdir/tests/lib.sh"

command -v valgrind >/dev/null 2>&1 || { fail "valgrind is not installed"; finish; }
# valgrind itself reads VALGRIND_OPTS from the environment: add
# --track-origins=yes there to find where an uninitialised value came
# from (it makes the runs about twice as slow).
VG="valgrind -q --error-exitcode=99 --leak-check=full --show-leak-kinds=definite,possible \
--errors-for-leak-kinds=definite,possible \
--suppressions=$top_srcdir/tests/valgrind.supp"
n=0
t0=$(date +%s)

# vg WANT WHAT ARGS...: vfiotui under valgrind must exit WANT, cleanly.
vg() {
    want=$1; what=$2; shift 2
    n=$((n + 1))
    s=$(date +%s)
    $VG --log-file="$T/vg.$n" "$VFIOTUI" "$@" > "$T/out" 2> "$T/err"
    got=$?
    if [ "$got" -eq 99 ] || [ -s "$T/vg.$n" ]; then
        fail "$what: valgrind reports:"
        cat "$T/vg.$n" >&2
    elif [ "$got" -ne "$want" ]; then
        fail "$what: exit $got, wanted $want; stderr: $(cat "$T/err")"
    else
        ok "$what under valgrind ($(( $(date +%s) - s )) s)"
    fi
}

R=$(host desktop-gpu)
vg 0 "list (demo)" --demo list
vg 0 "list --json (demo)" --demo list --json
vg 0 "list (sysroot)" --sysroot "$R" list
vg 1 "check (sysroot)" --sysroot "$R" check 01:00.0
# the storage walk: libblkid on ZFS member images, libmount, md, LUKS, LVM
Z=$(host zfs-mirror)
vg 1 "check (zfs-mirror, libblkid)" --sysroot "$Z" --no-domains check 02:00.0
L=$(host luks-on-lvm-on-md)
vg 0 "list (luks-on-lvm-on-md)" --sysroot "$L" --no-domains list
vg 1 "check (demo)" --demo check 01:00.0 00:02.0 3e:00.0 00:1f.6
vg 0 "check --json --whole-groups" --demo check --json --whole-groups 01:00.0
vg 0 "xml" --demo xml --whole-groups 01:00.0
vg 2 "xml bad address" --demo xml zz:zz
cp "$top_srcdir/tests/domains/win11.xml" "$T/win11.xml"
vg 0 "write" --demo write "$T/win11.xml" 01:00.0 01:00.1
vg 0 "write a new file" --demo write --force "$T/new.xml" 01:00.0
vg 0 "write into a <hostdev> file" --demo write "$T/new.xml" 01:00.1
vg 0 "xml --split" --demo xml --split "$T/gpu" 01:00.0 01:00.1
vg 0 "domains" --demo domains
vg 0 "attach --dry-run" --demo attach --dry-run win11-gaming 01:00.0 01:00.1
mkdir -p "$T/dumps"
vg 0 "interface script" --demo ui --script "$top_srcdir/tests/ui/demo.script" --dump-dir "$T/dumps"
[ -s "$T/dumps/attached.txt" ] || fail "the interface script dumped no screens"
echo "valgrind: $n runs in $(( $(date +%s) - t0 )) s"
finish
