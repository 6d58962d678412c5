#!/bin/sh
# fuzz-smoke.sh - a short run of every libFuzzer harness in tests/fuzz,
# where configure found clang with libFuzzer (skipped otherwise).  A
# crash, leak, sanitizer report or broken invariant fails the suite.
. "$top_srcdir/tests/lib.sh"

cd "$top_builddir" || exit 2
if [ ! -x tests/fuzz/fuzz_bdf ]; then
    echo "SKIP: no libFuzzer harnesses (configure found no clang with -fsanitize=fuzzer)"
    exit 77
fi
# its own directory: a long `make fuzz` may be running at the same time
FUZZ_OUT=tests/fuzz/smoke
export FUZZ_OUT
for name in bdf esc nodedev hostdev sysval; do
    if srcdir=$top_srcdir sh "$top_srcdir/tests/fuzz/run.sh" "$name" \
            "${FUZZ_SMOKE_SECONDS:-10}" "${FUZZ_SMOKE_RUNS:-5000}"; then
        ok "fuzz_$name"
    else
        fail "fuzz_$name crashed; reproduce with tests/fuzz/fuzz_$name $FUZZ_OUT/crashes/$name-*"
    fi
done
finish
