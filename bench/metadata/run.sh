#!/usr/bin/env bash
# Metadata latency: fluss-native against the Fluss Java Admin client, in one
# run on the same cluster and the same 1,000 tables. Prints p50/p95 and the
# Java/native ratios. Uses BOOTSTRAP if set, else starts (and stops) a cluster.
#   bench/metadata/run.sh [TABLES] [ITERATIONS]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
TABLES=${1:-1000}
ITERS=${2:-500}
"$ROOT/testing/build.sh"
FN_NINJA_ARGS="metadata_bench" "$ROOT/scripts/build.sh"
if [[ -z "${BOOTSTRAP:-}" ]]; then
  DIR="$(mktemp -d /tmp/fluss-bench.XXXXXX)"; rmdir "$DIR"
  trap '"$ROOT/testing/cluster.sh" stop "$DIR" >/dev/null 2>&1 || true' EXIT
  BOOTSTRAP=$("$ROOT/testing/cluster.sh" start "$DIR")
fi
# The Java run also creates the tables when missing, so it goes first.
java_json=$("$ROOT/testing/datatool.sh" bench-meta --bootstrap "$BOOTSTRAP" --tables "$TABLES" --iterations "$ITERS")
native_json=$("${FN_BUILD_DIR:-$ROOT/build}/bench/metadata_bench" "$BOOTSTRAP" "$TABLES" "$ITERS")
python3 - "$java_json" "$native_json" "$TABLES" <<'PY'
import json, sys
java, native, tables = json.loads(sys.argv[1]), json.loads(sys.argv[2]), sys.argv[3]
rows = [
    ("describe p50 (cold)", "describe_p50_ms", "describe_cold_p50_ms"),
    ("describe p95 (cold)", "describe_p95_ms", "describe_cold_p95_ms"),
    ("describe p50 (cached)", "describe_p50_ms", "describe_cached_p50_ms"),
    ("describe p95 (cached)", "describe_p95_ms", "describe_cached_p95_ms"),
    ("list tables p50", "list_tables_p50_ms", "list_tables_p50_ms"),
    ("list tables p95", "list_tables_p95_ms", "list_tables_p95_ms"),
]
print(f"metadata latency over {tables} tables (ms; Java Admin has no cache, so its describe is always a round trip)")
print(f"{'metric':24} {'java':>10} {'native':>10} {'java/native':>12}")
for label, jk, nk in rows:
    j, n = java[jk], native[nk]
    ratio = f"{j / n:.1f}x" if n > 0 else "inf"
    print(f"{label:24} {j:10.3f} {n:10.3f} {ratio:>12}")
print(f"native client open: {native['open_ms']:.3f} ms; SLO: metadata p95 < 500 ms, target < 5 ms cold")
PY
