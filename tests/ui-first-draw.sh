#!/bin/sh
# ui-first-draw.sh - a big host's first screen before the rest is read,
# in a real terminal (tmux).  VFIOTUI_FIRST=8 makes a host of ~200
# devices "big"; VFIOTUI_TEST_REST_GATE holds the background read back
# until the test creates the gate file, so every state is seen for
# sure, with no timing:
#  - the first screen shows the lowest groups (whole), "N of M devices",
#    "ready?: checking", and findings that wait for the rest;
#  - the moving keys work on the part; a marking key waits for the
#    whole host, then marks the device under the cursor (kept by
#    address), and F7 writes it;
#  - if the rest cannot be read, nothing can be marked, and F5 reads
#    the whole host again.
. "$top_srcdir/tests/lib.sh"

command -v tmux >/dev/null 2>&1 || { fail "tmux is not installed"; finish; }
tmux_init uifirst uf

sh "$top_srcdir/bench/mkbig.sh" 200 > "$T/big.host"
mkdir "$T/big" "$T/out"
"$MKHOST" "$T/big.host" "$T/big" || { fail "mkhost failed"; finish; }
n=$(ls "$T/big/sys/bus/pci/devices" | wc -l)

# start N: the interface, its stderr (sanitizers' reports included) in
# $T/stderrN, kept for the end
start() {
    rm -f "$T/gate"
    tm kill-session -t "$S" >/dev/null 2>&1
    tm new-session -d -s "$S" -x 120 -y 30 -c "$T/out" \
        "env LANG=C.UTF-8 VFIOTUI_FIRST=8 VFIOTUI_TEST_REST_GATE='$T/gate' '$VFIOTUI' --sysroot '$T/big' --no-domains 2>'$T/stderr$1'; echo \"EXITED rc=\$?\"; sleep 60"
}
# the address on the cursor's row ("> " or ">[ ]" at the left)
cursor_addr() {
    tm capture-pane -p -t "$S" | sed -n 's/^>.*\(0000:[0-9a-f][0-9a-f]:[0-9a-f][0-9a-f]\.[0-7]\).*/\1/p' | head -1
}

# ---- the part, then the whole host -------------------------------------
start 1
wait_for "of $n devices" || finish
head -2 "$T/screen" > "$T/header"
grep -q 'ready?: checking' "$T/header" && ok "the readiness waits for the whole host" ||
    fail "the header does not say ready?: checking: $(cat "$T/header")"
# whole groups, the lowest numbers first: 0 .. k with at least 8 devices
part=$(sed -n 's/.* \([0-9]*\) of '"$n"' devices.*/\1/p' "$T/header")
groups=$(sed -n 's/^ *\([0-9]*\) groups,.*/\1/p' "$T/header")
want=$(awk -v g="$groups" '/^dev / { for (i = 3; i <= NF; i++) if ($i ~ /^group=/) { split($i, a, "="); if (a[2] + 0 < g + 0) c++ } } END { print c + 0 }' "$T/big.host")
[ -n "$part" ] && [ "$part" -ge 8 ] && [ "$part" = "$want" ] &&
    ok "the part is groups 0 to $((groups - 1)), whole: $part devices" ||
    fail "the part has '$part' devices in '$groups' groups; groups 0 to $((groups - 1)) have $want"
# a group is "ok" only once the whole host (and who holds what) is known
grep -q 'IOMMU group 1 .*in use? known with the whole host' "$T/screen" && ! grep -q ' ok *$' "$T/screen" &&
    ok "no group is ok on the part" || fail "a group of the part is ok, or says nothing: $(grep 'IOMMU group' "$T/screen")"
grep -q "uri (not yet: the host is being read)" "$T/header" && ok "the connection waits for the whole host" ||
    fail "the header does not say the connection waits: $(cat "$T/header")"
grep -q "The rest of the host is being read" "$T/screen" && ok "findings wait for the rest" ||
    fail "the findings pane does not say the rest is being read"
grep -q "reading the rest of the host ($part of $n devices so far)" "$T/screen" &&
    ok "the status line says the rest is being read" || fail "no status line for the rest"

# moving keys work on the part: Down Down, then End (the last row of
# the part: a VF in a group of its own, which can go alone)
tm send-keys -t "$S" Down Down
i=0
while [ $i -lt 100 ] && [ -z "$(cursor_addr)" ]; do sleep 0.1; i=$((i + 1)); done
a0=$(cursor_addr)
tm send-keys -t "$S" End
i=0
while [ $i -lt 100 ] && [ "$(cursor_addr)" = "$a0" ]; do sleep 0.1; i=$((i + 1)); done
a1=$(cursor_addr)
[ -n "$a0" ] && [ -n "$a1" ] && [ "$a1" != "$a0" ] && ok "Down and End move on the part ($a0, $a1)" ||
    fail "the moving keys did not move the cursor on the part ('$a0' -> '$a1')"
# Space waits for the whole host, then marks the device under the cursor
tm send-keys -t "$S" Space
wait_for "reading the rest of the host..."
sleep 0.3
tm capture-pane -p -t "$S" | grep -q "of $n devices, 0 marked" && ok "nothing is marked on the part" ||
    fail "a mark was made before the whole host was in"
: > "$T/gate"
wait_for "groups, $n devices, 1 marked"
grep -q 'ready?: checking' "$T/screen" && fail "the readiness was not read with the whole host"
grep -q 'IOMMU group 1 .* ok *$' "$T/screen" && ok "groups are judged on the whole host" ||
    fail "group 1 is not ok on the whole host: $(grep 'IOMMU group 1 ' "$T/screen")"
[ "$(cursor_addr)" = "$a1" ] && ok "the cursor stays on $a1 in the whole host" ||
    fail "the cursor moved to '$(cursor_addr)' (was $a1)"
tm send-keys -t "$S" w
wait_for "Write the XML to file: hostdevs.xml"
tm send-keys -t "$S" Enter
wait_for "wrote 1 hostdev to"
"$VFIOTUI" --sysroot "$T/big" --no-domains -q xml "$a1" > "$T/want.xml"
cmp -s "$T/out/hostdevs.xml" "$T/want.xml" && ok "F7 writes the device marked while the rest was read" ||
    fail "F7 wrote: $(cat "$T/out/hostdevs.xml" 2>&1)"
tm send-keys -t "$S" q
wait_for "EXITED rc=0"

# ---- the rest cannot be read ---------------------------------------------
start 2
wait_for "of $n devices" || finish
mv "$T/big/sys/bus/pci/devices" "$T/big/sys/bus/pci/devices.away"
: > "$T/gate"
wait_for "the rest of the host could not be read"
tm send-keys -t "$S" Space
wait_for "only part of the host could be read; F5 reads it again"
grep -q "of $n devices, 0 marked" "$T/screen" && ok "nothing is marked on a part that stays a part" ||
    fail "a mark on a part: $(sed -n 2p "$T/screen")"
grep -q "Only part of the host could be read" "$T/screen" && ok "the findings pane says so" ||
    fail "the findings pane does not say the host is only in part"
mv "$T/big/sys/bus/pci/devices.away" "$T/big/sys/bus/pci/devices"
tm send-keys -t "$S" r
wait_for "groups, $n devices, 0 marked"
tm send-keys -t "$S" End Space
wait_for "groups, $n devices, 1 marked"
# and the screen follows the whole host from then on
rm "$T/big/sys/bus/pci/devices/0000:01:02.0/driver"
wait_for "0000:01:02.0 unbound from iavf"
tm send-keys -t "$S" q
wait_for "EXITED rc=0"
for i in 1 2; do
    [ -f "$T/stderr$i" ] || fail "run $i left no stderr file"
    [ -s "$T/stderr$i" ] && fail "run $i wrote to stderr: $(cat "$T/stderr$i")"
done
finish
