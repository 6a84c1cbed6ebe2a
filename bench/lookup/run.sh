#!/usr/bin/env bash
# Point-lookup latency: fluss-native's Client::Lookup against the Fluss Java
# Lookuper and pyfluss's Lookuper (fluss-rust), on the same table and keys of
# the same cluster, one peer after another. For single keys and for batches
# of BATCH keys: p50/p99/p999 latency per call (µs) and lookups/s, plus the
# ratios to native. See README.md.
#   bench/lookup/run.sh [ITERATIONS] [BATCH]     (defaults: 20000 iterations, batches of 100)
# Env: BOOTSTRAP (use this cluster instead of starting one; then TABLE and
# KEYS default to fn_lake.pk and ids 0..599 of the test fixture), TABLE,
# ROWS (rows written to bench_lookup.pk on a cluster of our own; default
# 100000), PYTHON (an interpreter with pyfluss; default: a venv at
# $FN_BUILD_DIR/lookup-venv from requirements.txt), FN_BUILD_DIR.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
ITERATIONS=${1:-20000}
BATCH=${2:-100}
WARMUP=${WARMUP:-$(( ITERATIONS / 10 > 50 ? ITERATIONS / 10 : 50 ))}
BUILD="${FN_BUILD_DIR:-$ROOT/build}"

"$ROOT/testing/build.sh"
FN_BUILD_DIR="$BUILD" FN_NINJA_ARGS="-j2 lookup_bench" "$ROOT/scripts/build.sh" >/dev/null

if [[ -z "${PYTHON:-}" ]]; then
  VENV="$BUILD/lookup-venv"
  if ! "$VENV/bin/python" -c 'import fluss' 2>/dev/null || [[ "$HERE/requirements.txt" -nt "$VENV/.stamp" ]]; then
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install -q -r "$HERE/requirements.txt"
    touch "$VENV/.stamp"
  fi
  PYTHON="$VENV/bin/python"
fi

KEYS="$(mktemp /tmp/fluss-lookup-keys.XXXXXX)"
cleanup() { rm -f "$KEYS"; }
if [[ -z "${BOOTSTRAP:-}" ]]; then
  DIR="$(mktemp -d /tmp/fluss-lookup.XXXXXX)"; rmdir "$DIR"
  cleanup() { rm -f "$KEYS"; "$ROOT/testing/cluster.sh" stop "$DIR" >/dev/null 2>&1 || true; }
  BOOTSTRAP=$("$ROOT/testing/cluster.sh" start "$DIR")
  ROWS=${ROWS:-100000}
  TABLE=${TABLE:-bench_lookup.pk}
  SPEC="$(mktemp /tmp/fluss-lookup-spec.XXXXXX)"
  sed "s/\"count\": 100000/\"count\": $ROWS/" "$HERE/spec.json" >"$SPEC"
  echo "creating and filling $TABLE ($ROWS keys) on $BOOTSTRAP ..." >&2
  "$ROOT/testing/datatool.sh" create --bootstrap "$BOOTSTRAP" --spec "$SPEC" >&2
  "$ROOT/testing/datatool.sh" write --bootstrap "$BOOTSTRAP" --spec "$SPEC" >&2
  rm -f "$SPEC"
else
  ROWS=${ROWS:-600}
  TABLE=${TABLE:-fn_lake.pk}
fi
trap cleanup EXIT
# Keys 0..ROWS-1 in a fixed shuffled order (every 5th was deleted by the writer: a miss).
python3 -c "
import random; r = random.Random(1); ks = list(range($ROWS)); r.shuffle(ks)
print('\n'.join('[%d]' % k for k in ks))" >"$KEYS"

load() { cut -d' ' -f1-3 /proc/loadavg; }
run_peer() { # name cmd...: one JSON line
  local name=$1; shift
  echo "$name: load before $(load)" >&2
  "$@"
}
results=$(
  for b in 1 "$BATCH"; do
    run_peer native "$BUILD/bench/lookup/lookup_bench" "$BOOTSTRAP" "$TABLE" "$KEYS" "$b" "$ITERATIONS" "$WARMUP"
    # The Java Lookuper as configured by default (client.lookup.batch-timeout 100 ms: a lookup waits
    # up to that long for its batch to fill) and tuned for latency (1 ms).
    DATATOOL_JVM_OPTS="-XX:TieredStopAtLevel=4 ${DATATOOL_JVM_OPTS:-}" \
      run_peer java "$ROOT/testing/datatool.sh" bench-lookup --bootstrap "$BOOTSTRAP" --table "$TABLE" \
        --keys "$KEYS" --batch "$b" --iterations "$ITERATIONS" --warmup "$WARMUP"
    DATATOOL_JVM_OPTS="-XX:TieredStopAtLevel=4 ${DATATOOL_JVM_OPTS:-}" \
      run_peer java_1ms "$ROOT/testing/datatool.sh" bench-lookup --bootstrap "$BOOTSTRAP" --table "$TABLE" \
        --keys "$KEYS" --batch "$b" --iterations "$ITERATIONS" --warmup "$WARMUP" \
        --lookup-batch-timeout-ms 1 --peer java_1ms
    # pyfluss 1.0's Lookuper answers one key per ~100 ms (its lookups do not overlap), so it gets
    # fewer calls: PY_CALLS (default: 2000 keys' worth, at least 5 calls).
    py_iter=$(( ${PY_CALLS:-$(( 2000 / b > 5 ? 2000 / b : 5 ))} < ITERATIONS ? ${PY_CALLS:-$(( 2000 / b > 5 ? 2000 / b : 5 ))} : ITERATIONS ))
    py_warm=$(( WARMUP < py_iter ? WARMUP : py_iter ))
    py_warm=$(( py_warm > 2 ? 2 : py_warm ))
    run_peer pyfluss "$PYTHON" "$HERE/pyfluss_lookup.py" "$BOOTSTRAP" "$TABLE" "$KEYS" "$b" "$py_iter" "$py_warm"
  done
)

python3 - "$results" "$TABLE" "$ITERATIONS" "$(nproc)" "$(load)" <<'PY'
import json, sys
lines, table, iterations, cores, load = sys.argv[1].splitlines(), sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5]
runs = {}
for line in lines:
    r = json.loads(line)
    runs[(r["peer"], r["batch"])] = r
batches = sorted({b for _, b in runs})
PEERS = ("native", "java", "java_1ms", "pyfluss")
for b in batches:
    # Same calls over the same keys: the same rows (pyfluss makes fewer calls, see run.sh).
    found = {p: runs[(p, b)]["rows_found"] for p in ("native", "java", "java_1ms")}
    if len(set(found.values())) != 1:
        sys.exit(f"peers found different numbers of rows for batch {b}: {found}")
print(f"point lookups on {table}: {iterations} calls per peer and batch size; {cores} cores, load avg {load}")
print(f"{'peer':8} {'batch':>5} {'calls':>6} {'p50_us':>8} {'p99_us':>8} {'p999_us':>8} {'lookups/s':>11} {'hit %':>6}")
for b in batches:
    for p in PEERS:
        r = runs[(p, b)]
        hits = 100.0 * r["rows_found"] / max(1, r["iterations"] * b)
        print(f"{p:8} {b:>5} {r['iterations']:>6} {r['p50_us']:>8} {r['p99_us']:>8} {r['p999_us']:>8} "
              f"{r['lookups_per_s']:>11,} {hits:6.1f}")
for b in batches:
    n = runs[("native", b)]
    for p in PEERS[1:]:
        r = runs[(p, b)]
        print(f"batch {b}: native/{p} latency p50 {n['p50_us'] / max(r['p50_us'], 1):.3g}x, "
              f"p99 {n['p99_us'] / max(r['p99_us'], 1):.3g}x; throughput {n['lookups_per_s'] / max(r['lookups_per_s'], 1):.3g}x")
n1, j1 = runs[("native", 1)], runs[("java_1ms", 1)]
print("targets (single key): p50 <= 1 ms: " + ("met" if n1["p50_us"] <= 1000 else "NOT met")
      + "; p99 <= 5 ms: " + ("met" if n1["p99_us"] <= 5000 else "NOT met")
      + "; <= 0.5x Java's p50 (Java tuned to a 1 ms batch timeout): " + ("met" if n1["p50_us"] <= 0.5 * j1["p50_us"] else "NOT met"))
PY
