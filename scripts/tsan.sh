#!/usr/bin/env bash
# Data-race check: builds fluss-native with ThreadSanitizer into build-tsan/
# (FN_TSAN; only the concurrency test, the CLI and the example host) and runs
# concurrency_it_test, in which 8 threads scan and query the catalog through
# one Client, then the example host (examples/host) with 8 reader threads
# over one client through the C ABI, on splits the CLI planned.
#   scripts/tsan.sh                     # starts (and stops) its own cluster
#   FN_IT_DIR=/path/to/it-cluster scripts/tsan.sh   # uses a running one
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD="${FN_BUILD_DIR:-$ROOT/build-tsan}"
own_cluster=0
if [[ -z "${FN_IT_DIR:-}" ]]; then
  FN_IT_DIR="$BUILD/it-cluster"
  own_cluster=1
fi
"$ROOT/scripts/install-deps.sh"
"$ROOT/testing/build.sh"
FN_BUILD_DIR="$BUILD" FN_BUILD_TYPE="${FN_BUILD_TYPE:-Debug}" \
  FN_CMAKE_ARGS="-DFN_TSAN=ON -DFN_BUILD_FUZZ=OFF -DFN_BUILD_BENCH=OFF -DFN_IT_DIR=$FN_IT_DIR ${FN_CMAKE_ARGS:-}" \
  FN_NINJA_ARGS="concurrency_it_test fluss-native fluss_native_host ${FN_NINJA_ARGS:-}" "$ROOT/scripts/build.sh"
if [[ "$own_cluster" == 1 ]]; then
  trap '"$ROOT/tests/integration/cluster_fixture.sh" stop "$FN_IT_DIR"' EXIT
  "$ROOT/tests/integration/cluster_fixture.sh" start "$FN_IT_DIR"
fi
export TSAN_OPTIONS="halt_on_error=1:second_deadlock_stack=1:${TSAN_OPTIONS:-}"
"$BUILD/tests/integration/concurrency_it_test"
splits="$(mktemp -d)"
trap 'rm -rf "$splits"; [[ "$own_cluster" == 1 ]] && "$ROOT/tests/integration/cluster_fixture.sh" stop "$FN_IT_DIR"' EXIT
bootstrap="$(tr -d ' \n' < "$FN_IT_DIR/bootstrap")"
for table in fn_lake.log_nokey fn_lake.pk fn_lake.pk_part; do
  "$BUILD/tools/cli/fluss-native" --bootstrap "$bootstrap" --split-target-bytes 1 plan \
    -e "SELECT * FROM $table" --splits-out "$splits/$table" >/dev/null
done
"$BUILD/examples/host/fluss_native_host" --bootstrap "$bootstrap" --readers 8 "$splits"/*
