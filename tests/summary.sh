#!/bin/sh
# summary.sh - print each Check suite's own summary line and, with
# --final, one closing "N passed, N failed" line for CI to read.
# Usage: summary.sh BUILDDIR [--final]
dir=${1:-.}
log=$dir/test-suite.log
if [ "${2:-}" != --final ]; then
    for f in "$dir"/tests/*.log; do
        [ -f "$f" ] || continue
        line=$(grep -E '^[0-9]+%: Checks: ' "$f" | tail -n 1)
        [ -n "$line" ] && printf '%s: %s\n' "$(basename "$f" .log)" "$line"
    done
    exit 0
fi
[ -f "$log" ] || { echo "0 passed, 1 failed"; exit 1; }
get() { sed -n "s/^# $1: *\([0-9]*\).*/\1/p" "$log" | head -n 1; }
pass=$(get PASS); fail=$(get FAIL); err=$(get ERROR); skip=$(get SKIP); xpass=$(get XPASS)
# A skipped test is a failure here: no test is allowed to skip.
failed=$(( ${fail:-0} + ${err:-0} + ${skip:-0} + ${xpass:-0} ))
echo "${pass:-0} passed, $failed failed"
