#!/bin/sh
# Builds the fuzz drivers with address+undefined sanitizers and runs each for
# a bounded time. Usage: fuzz/run.sh [seconds-per-target=20] [build-dir]
set -eu
SECONDS_EACH=${1:-20}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${2:-$ROOT/build-fuzz}
cmake -S "$ROOT" -B "$BUILD" -G Ninja -DFN_SANITIZE=ON -DFN_BUILD_FUZZ=ON \
  -DFN_BUILD_BENCH=OFF -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
ninja -C "$BUILD" -j"${FN_JOBS:-1}" fuzz_arrow_ipc fuzz_logbatch
for t in fuzz_arrow_ipc fuzz_logbatch; do
  echo "== $t (${SECONDS_EACH}s)"
  (cd "$BUILD" && ASAN_OPTIONS=allocator_may_return_null=1 "./src/format/logbatch/$t" "$SECONDS_EACH" "${FUZZ_SEED:-1}")
done
