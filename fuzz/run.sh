#!/bin/sh
# The fuzz soak: builds every fuzz driver with address + undefined-behaviour
# sanitizers and runs each for a bounded time, recording executions and
# findings (ctest runs the same targets briefly without sanitizers; CI keeps
# those short runs).
#
# Usage: fuzz/run.sh [seconds-per-target=600] [build-dir=build-fuzz] [target...]
#   FUZZ_SEED=N   driver seed (default 1); FN_JOBS=N   build parallelism (1)
#
# Every target runs even after another fails. Results go to
# BUILD/fuzz-soak/: summary.txt (one line per target: name, seconds, runs,
# result), <target>.log (the driver's and sanitizers' output) and
# findings/<target>-seed<N>.bin (the input that failed, replayable with
# `BUILD/.../<target> --replay FILE`). Exits 1 if any target had a finding.
set -eu
SECONDS_EACH=${1:-600}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${2:-$ROOT/build-fuzz}
shift $(( $# < 2 ? $# : 2 ))
TARGETS=${*:-fuzz_frame fuzz_arrow_ipc fuzz_logbatch fuzz_parquet fuzz_paimon_meta fuzz_split fuzz_predicate fuzz_like fuzz_lookup_values fuzz_scan_kv fuzz_cli_text}
SEED=${FUZZ_SEED:-1}
# Debug in a sanitizer tree is -O1 -g1 (CMakeLists.txt): the same flags as
# build-asan/, so ccache shares its objects.
cmake -S "$ROOT" -B "$BUILD" -G Ninja -DFN_SANITIZE=ON -DFN_BUILD_FUZZ=ON \
  -DFN_BUILD_BENCH=OFF -DCMAKE_BUILD_TYPE="${FN_BUILD_TYPE:-Debug}" >/dev/null
# shellcheck disable=SC2086
ninja -C "$BUILD" -j"${FN_JOBS:-1}" $TARGETS
OUT=$BUILD/fuzz-soak
mkdir -p "$OUT/findings"
SUMMARY=$OUT/summary.txt
printf '# fuzz soak %s: %ss per target, seed %s, ASan+UBSan\n' "$(date -u +%FT%TZ)" "$SECONDS_EACH" "$SEED" >"$SUMMARY"
# halt_on_error makes a UBSan report a failure, not a line in a log.
export ASAN_OPTIONS=${ASAN_OPTIONS:-allocator_may_return_null=1:halt_on_error=1:detect_leaks=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}
findings=0
total_runs=0
for t in $TARGETS; do
  bin=$(find "$BUILD" -type f -name "$t" -perm -u+x | head -n 1)
  log=$OUT/$t.log
  echo "== $t (${SECONDS_EACH}s)"
  rm -f "$BUILD/fuzz-crash.bin"
  rc=0
  (cd "$BUILD" && "$bin" "$SECONDS_EACH" "$SEED") >"$log" 2>&1 || rc=$?
  runs=$(sed -n 's/^fuzz: \([0-9]*\) runs in.*/\1/p' "$log" | tail -n 1)
  if [ "$rc" -eq 0 ] && [ -n "$runs" ]; then
    result=ok
  else
    result="FINDING(exit $rc)"
    findings=$((findings + 1))
    if [ -f "$BUILD/fuzz-crash.bin" ]; then
      mv "$BUILD/fuzz-crash.bin" "$OUT/findings/$t-seed$SEED.bin"
      result="$result input=findings/$t-seed$SEED.bin"
    fi
    grep -m 3 -E 'ERROR: AddressSanitizer|runtime error|SUMMARY' "$log" || tail -n 5 "$log"
  fi
  runs=${runs:-0}
  total_runs=$((total_runs + runs))
  printf '%-20s %6ss %12s runs  %s\n' "$t" "$SECONDS_EACH" "$runs" "$result" | tee -a "$SUMMARY"
done
printf 'total: %s runs, %s finding(s)\n' "$total_runs" "$findings" | tee -a "$SUMMARY"
[ "$findings" -eq 0 ]
