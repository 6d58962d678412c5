#!/bin/sh
# run.sh - run one libFuzzer harness: run.sh NAME SECONDS [RUNS]
# Seeds come from $srcdir/tests/fuzz/corpus/NAME (read only); what the
# fuzzer adds goes to $out/work/NAME, a crash to $out/crashes/NAME-*,
# the log to $out/NAME.log, where $out is $FUZZ_OUT or tests/fuzz (in
# the build tree).  Prints the exec count; exits 1 if the harness
# crashed.
set -u
name=$1; secs=$2; runs=${3:--1}
: "${srcdir:=.}"
bin=tests/fuzz/fuzz_$name
out=${FUZZ_OUT:-tests/fuzz}
log=$out/$name.log
[ -x "$bin" ] || { echo "run.sh: $bin is not built" >&2; exit 2; }
mkdir -p "$out/work/$name" "$out/crashes"
start=$(date +%s)
"$bin" -max_total_time="$secs" -runs="$runs" -print_final_stats=1 \
    -artifact_prefix="$out/crashes/$name-" ${FUZZ_OPTS:-} \
    "$out/work/$name" "$srcdir/tests/fuzz/corpus/$name" > "$log" 2>&1
rc=$?
execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
echo "fuzz_$name: ${execs:-?} execs in $(( $(date +%s) - start )) s, exit $rc (log $log)"
if [ "$rc" -ne 0 ]; then
    grep -E 'ERROR: |SUMMARY: |runtime error|Test unit written' "$log" | head -n 20
    exit 1
fi
exit 0
