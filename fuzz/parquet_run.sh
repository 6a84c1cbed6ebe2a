#!/bin/sh
# Builds the Parquet fuzz driver with address+undefined sanitizers and runs it
# for a bounded time. Usage: fuzz/parquet_run.sh [seconds=60] [build-dir]
set -eu
SECONDS_TOTAL=${1:-60}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${2:-$ROOT/build-fuzz}
cmake -S "$ROOT" -B "$BUILD" -G Ninja -DFN_SANITIZE=ON -DFN_BUILD_FUZZ=ON \
  -DFN_BUILD_BENCH=OFF -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
ninja -C "$BUILD" -j"${FN_JOBS:-1}" fuzz_parquet
echo "== fuzz_parquet (${SECONDS_TOTAL}s)"
cd "$BUILD" && ASAN_OPTIONS=allocator_may_return_null=1 ./src/format/parquet/fuzz_parquet "$SECONDS_TOTAL" "${FUZZ_SEED:-1}"
