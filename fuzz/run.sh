#!/bin/sh
# Builds every fuzz driver with address+undefined sanitizers and runs each for
# a bounded time (ctest runs them briefly without sanitizers).
# Usage: fuzz/run.sh [seconds-per-target=20] [build-dir] [target...]
set -eu
SECONDS_EACH=${1:-20}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${2:-$ROOT/build-fuzz}
shift $(( $# < 2 ? $# : 2 ))
TARGETS=${*:-fuzz_frame fuzz_arrow_ipc fuzz_logbatch fuzz_parquet fuzz_paimon_meta fuzz_split fuzz_predicate fuzz_like fuzz_lookup_values fuzz_scan_kv fuzz_cli_text}
cmake -S "$ROOT" -B "$BUILD" -G Ninja -DFN_SANITIZE=ON -DFN_BUILD_FUZZ=ON \
  -DFN_BUILD_BENCH=OFF -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
# shellcheck disable=SC2086
ninja -C "$BUILD" -j"${FN_JOBS:-1}" $TARGETS
for t in $TARGETS; do
  bin=$(find "$BUILD" -type f -name "$t" -perm -u+x | head -n 1)
  echo "== $t (${SECONDS_EACH}s)"
  (cd "$BUILD" && ASAN_OPTIONS=allocator_may_return_null=1 "$bin" "$SECONDS_EACH" "${FUZZ_SEED:-1}")
done
