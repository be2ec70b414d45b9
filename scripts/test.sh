#!/usr/bin/env bash
# Everything CI checks, in two stages, each timed:
#   1. asan-ubsan  g++ build (-Werror) under AddressSanitizer +
#                  UndefinedBehaviorSanitizer; ctest runs every unit suite,
#                  tool test and fuzz corpus replay
#   2. fuzz        clang/libFuzzer build (-Werror); ctest replays each corpus,
#                  then fuzzes each target for FUZZ_SECONDS (default 20) from it
# A plain debug build would rerun the same tests without the sanitizers;
# `./scripts/setup.sh debug && ctest --preset debug` does it by hand.
# Every stage runs even if an earlier one failed; the exit status is non-zero
# if any failed. The last line sums the ctest counts of all stages (a stage
# that failed before its ctest summary counts as one failure).
set -uo pipefail

cd "$(dirname "$0")/.."
fuzz_seconds="${FUZZ_SECONDS:-20}"
logs=build/test-logs
mkdir -p "$logs"

stages=()
failed_stages=0
total_passed=0
total_failed=0

# run_stage NAME COMMAND...: runs, logs to build/test-logs/NAME.log, times.
run_stage() {
    local name="$1"; shift
    local start=$SECONDS status
    echo "=== stage $name: $*"
    "$@" 2>&1 | tee "$logs/$name.log"
    status=${PIPESTATUS[0]}
    local elapsed=$((SECONDS - start))
    # ctest: "100% tests passed, 0 tests failed out of 12"
    local summary
    summary=$(grep -E '^[0-9]+% tests passed, [0-9]+ tests? failed out of [0-9]+' "$logs/$name.log" | tail -1)
    if [[ -n "$summary" ]]; then
        local failed total
        failed=$(sed -E 's/.* ([0-9]+) tests? failed out of ([0-9]+).*/\1/' <<<"$summary")
        total=$(sed -E 's/.* ([0-9]+) tests? failed out of ([0-9]+).*/\2/' <<<"$summary")
        total_passed=$((total_passed + total - failed))
        total_failed=$((total_failed + failed))
    fi
    local verdict=ok
    if ((status != 0)); then
        verdict="FAILED (exit $status)"
        failed_stages=$((failed_stages + 1))
        # A stage that failed before ctest reported (a build error) counts once.
        [[ -n "$summary" ]] || total_failed=$((total_failed + 1))
    fi
    stages+=("$(printf '%-12s %5ds  %s' "$name" "$elapsed" "$verdict")")
    echo "=== stage $name: $verdict after ${elapsed}s"
}

# build_and_test PRESET [CMAKE_ARGS...]
build_and_test() {
    local preset="$1"; shift
    ./scripts/setup.sh "$preset" "$@" && ctest --preset "$preset"
}

run_stage asan-ubsan build_and_test asan-ubsan
run_stage fuzz build_and_test fuzz -DCPM_FUZZ_SECONDS="$fuzz_seconds"

echo
echo "stage        time   result"
printf '%s\n' "${stages[@]}"
echo "total ${SECONDS}s; logs in $logs/"
echo "tests: $total_passed passed, $total_failed failed"
((failed_stages == 0))
