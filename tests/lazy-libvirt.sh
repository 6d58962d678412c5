#!/bin/sh
# lazy-libvirt.sh - libvirt is loaded with dlopen only by the commands
# that need it (issue 16, src/virt/virtload.c): the program does not
# link it, list, check and codes on a sysroot never map it, a command
# that connects still works, and a libvirt that cannot be loaded gives
# a clear message and a non-zero exit, not a crash.
. "$top_srcdir/tests/lib.sh"

root=$(host desktop-gpu)
READELF=${READELF:-readelf}

# 1. not linked: no DT_NEEDED entry for libvirt.  A sanitized build
# (--enable-sanitizers) links it on purpose (configure.ac: ASan's xdr
# interceptors and LeakSanitizer's scan of dynamic TLS need it mapped
# from the start); there only the connecting commands are checked, and
# the plain build (distcheck's) checks the rest.
if ! command -v "$READELF" > /dev/null 2>&1; then
    fail "no $READELF (binutils) to read the program's dynamic section"
    finish
fi
"$READELF" -d "$VFIOTUI" > "$T/dyn" 2>&1
sanitized=no
grep NEEDED "$T/dyn" | grep -q 'libasan\.so' && sanitized=yes
if [ $sanitized = yes ]; then
    if grep NEEDED "$T/dyn" | grep -q 'libvirt\.so'; then
        ok "a sanitized build links libvirt (configure.ac says why): laziness checked in a plain build"
    else
        fail "a sanitized build that does not link libvirt crashes on RPC calls (configure.ac)"
    fi
elif grep -q NEEDED "$T/dyn"; then
    if grep NEEDED "$T/dyn" | grep -q 'libvirt\.so'; then
        fail "the program links libvirt: $(grep NEEDED "$T/dyn" | grep libvirt)"
    else
        ok "the program does not link libvirt"
    fi
else
    fail "cannot read the program's dynamic section: $(cat "$T/dyn")"
fi

# loaded CMD...: run CMD with the dynamic loader's file trace (LD_DEBUG
# goes to stderr); 0 when it mapped libvirt, 1 when not.  The trace
# shows a library linked ("needed by") and one dlopen loads ("dynamically
# loaded by") alike.
loaded() {
    LD_DEBUG=files "$@" > "$T/out" 2> "$T/trace"
    echo $? > "$T/status"
    grep -q 'file=libvirt\.so' "$T/trace"
}

# 2. commands that need no connection never map it
for args in "--sysroot $root list" "--sysroot $root --no-domains list" \
            "--sysroot $root list --json" "--sysroot $root check 01:00.0" "codes"; do
    [ $sanitized = yes ] && break
    # shellcheck disable=SC2086 # the words are the arguments
    if loaded "$VFIOTUI" $args; then
        fail "vfiotui $args mapped libvirt: $(grep 'file=libvirt' "$T/trace" | head -3)"
    elif [ "$(cat "$T/status")" -gt 1 ] || ! [ -s "$T/out" ]; then
        fail "vfiotui $args: exit $(cat "$T/status"), output: $(head -5 "$T/out")"
    else
        ok "vfiotui $args does not map libvirt"
    fi
done

# 3. commands that connect load it and work as before (this is also
# what shows that the trace above would see libvirt if it were mapped)
if loaded "$VFIOTUI" -c test:///default --sysroot "$root" list --json; then
    if [ "$(cat "$T/status")" = 0 ] &&
       grep -A3 '"domains": \[' "$T/out" | grep -q '"name": "test"'; then
        ok "-c test:///default list loads libvirt and has the test domain"
    else
        fail "-c test:///default list: exit $(cat "$T/status"): $(head -5 "$T/out")"
    fi
else
    fail "-c test:///default list did not map libvirt: $(cat "$T/status") $(head -5 "$T/out")"
fi
if loaded "$VFIOTUI" -c test:///default domains && [ "$(cat "$T/status")" = 0 ] &&
   grep -q '^test ' "$T/out"; then
    ok "-c test:///default domains loads libvirt and lists the domain"
else
    fail "-c test:///default domains: exit $(cat "$T/status"): $(head -5 "$T/out")"
fi

[ $sanitized = yes ] && finish

# 4. a libvirt.so.0 that dlopen cannot load (found first through
# LD_LIBRARY_PATH, as a broken install would be): a message naming the
# library and the loader's reason, a non-zero exit, no crash
mkdir -p "$T/badlib"
echo 'not a shared object' > "$T/badlib/libvirt.so.0"
for args in "-c test:///default domains" "--sysroot $root --count 1 --timeout 1 watch"; do
    # shellcheck disable=SC2086
    LD_LIBRARY_PATH=$T/badlib "$VFIOTUI" $args > "$T/out" 2> "$T/err"
    st=$?
    if [ "$st" -ne 0 ] && [ "$st" -lt 128 ] &&
       grep -q "cannot load the libvirt library libvirt\.so\.0: $T/badlib/libvirt\.so\.0: " "$T/err"; then
        ok "vfiotui $args without a loadable libvirt: exit $st, $(head -1 "$T/err")"
    else
        fail "vfiotui $args without a loadable libvirt: exit $st, stderr: $(cat "$T/err")"
    fi
done
# list with a connection that fails says so in a note, as it does when
# the daemon is down, and lists the host
LD_LIBRARY_PATH=$T/badlib "$VFIOTUI" -c test:///default --sysroot "$root" list > "$T/out" 2> "$T/err"
st=$?
if [ "$st" = 0 ] && grep -q '^IOMMU Group' "$T/out" &&
   grep -q "note: .*cannot load the libvirt library libvirt\.so\.0: $T/badlib/libvirt\.so\.0: " "$T/err"; then
    ok "-c URI list without a loadable libvirt: $(cat "$T/err")"
else
    fail "-c URI list without a loadable libvirt: exit $st, $(head -3 "$T/out") $(cat "$T/err")"
fi
# ... while the commands that do not need it work as ever
LD_LIBRARY_PATH=$T/badlib "$VFIOTUI" --sysroot "$root" list > "$T/out" 2> "$T/err"
st=$?
if [ "$st" = 0 ] && grep -q '^IOMMU Group' "$T/out" && ! [ -s "$T/err" ]; then
    ok "list on a sysroot works without a loadable libvirt"
else
    fail "list without a loadable libvirt: exit $st, $(head -3 "$T/out") $(cat "$T/err")"
fi

finish
