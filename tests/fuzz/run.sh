#!/bin/sh
# run.sh - run one libFuzzer harness: run.sh NAME SECONDS [RUNS]
# Seeds come from $srcdir/tests/fuzz/corpus/NAME (read only); what the
# fuzzer adds goes to tests/fuzz/work/NAME, a crash to
# tests/fuzz/crashes/NAME-*, the log to tests/fuzz/NAME.log (all in the
# build tree).  Prints the exec count; exits 1 if the harness crashed.
set -u
name=$1; secs=$2; runs=${3:--1}
: "${srcdir:=.}"
bin=tests/fuzz/fuzz_$name
log=tests/fuzz/$name.log
[ -x "$bin" ] || { echo "run.sh: $bin is not built" >&2; exit 2; }
mkdir -p "tests/fuzz/work/$name" tests/fuzz/crashes
start=$(date +%s)
"$bin" -max_total_time="$secs" -runs="$runs" -print_final_stats=1 \
    -artifact_prefix="tests/fuzz/crashes/$name-" ${FUZZ_OPTS:-} \
    "tests/fuzz/work/$name" "$srcdir/tests/fuzz/corpus/$name" > "$log" 2>&1
rc=$?
execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
echo "fuzz_$name: ${execs:-?} execs in $(( $(date +%s) - start )) s, exit $rc (log $log)"
if [ "$rc" -ne 0 ]; then
    grep -E 'ERROR: |SUMMARY: |runtime error|Test unit written' "$log" | head -n 20
    exit 1
fi
exit 0
