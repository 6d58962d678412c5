#!/bin/sh
# ui-first-draw.sh - the interface draws its first screen before it
# reads the host's readiness facts (one file per device) and starts
# following the host: in a real terminal (tmux) on a host of about 3,000
# devices, the first screen shows the tree with "ready?: checking" in
# the header, then the real badge replaces it with no key pressed.
# No key is handled before that (main_loop reads them only after).
. "$top_srcdir/tests/lib.sh"

command -v tmux >/dev/null 2>&1 || { fail "tmux is not installed"; finish; }
tmux_init uifirst uf

sh "$top_srcdir/bench/mkbig.sh" 3000 > "$T/big.host"
mkdir "$T/big"
"$MKHOST" "$T/big.host" "$T/big" || { fail "mkhost failed"; finish; }

tm new-session -d -s "$S" -x 120 -y 30 -c "$T" \
    "env LANG=C.UTF-8 '$VFIOTUI' --sysroot '$T/big' --no-domains 2>'$T/stderr'; echo \"EXITED rc=\$?\"; sleep 60"
# poll as fast as tmux answers: the first screen shows for some 10 ms
seen=
i=0
while [ $i -lt 3000 ]; do
    tm capture-pane -p -t "$S" > "$T/screen" 2>/dev/null
    if grep -qF "IOMMU group 0" "$T/screen"; then
        head -1 "$T/screen" > "$T/first"
        break
    fi
    i=$((i + 1))
done
if grep -q 'ready?: checking$' "$T/first" 2>/dev/null; then
    ok "the first screen with the tree says ready?: checking"
else
    fail "the first screen with the tree does not say ready?: checking: $(cat "$T/first" 2>/dev/null)"
fi
# this fixture has an IOMMU but no iommu units, no cmdline: not ready
wait_for "not ready:" && ok "the readiness facts replaced it without a key"
grep -q 'ready?: checking' "$T/screen" && fail "still checking: $(head -1 "$T/screen")"
tm send-keys -t "$S" q
wait_for "EXITED rc=0"
finish
