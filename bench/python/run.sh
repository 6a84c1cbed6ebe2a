#!/usr/bin/env bash
# Python read throughput: fluss_native's Scan.to_arrow() against pyfluss
# (fluss-rust) on a full log scan, and against the C++ driver on the same
# log scan and on a union read (lake snapshot + log tail). Prints rows/s and
# the ratios (targets: >= 1.5x pyfluss, within 10% of the C++ driver).
#   bench/python/run.sh [ROWS] [RUNS]      (defaults: 5000000 rows, 3 runs)
# Env: BOOTSTRAP (a running cluster; else one is started), LOG_TABLE (default
# bench_log.log_scan, filled to ROWS with testing/datatool.sh bench-write
# unless SKIP_WRITE=1), UNION_TABLE (a lake-enabled table to union-read;
# default: none, the union part is skipped), PYFLUSS_PYTHON (an interpreter
# with pyfluss; default: bench/log-scan's venv), FN_BUILD_DIR.
# A small run on the fixture cluster, writing nothing:
#   BOOTSTRAP=$(cat build/it-cluster/bootstrap) LOG_TABLE=fn_types.log_big SKIP_WRITE=1 \
#     UNION_TABLE=fn_lake.log_part bench/python/run.sh 0 3
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
ROWS=${1:-5000000}
RUNS=${2:-3}
LOG_TABLE=${LOG_TABLE:-bench_log.log_scan}
BUILD="${FN_BUILD_DIR:-$ROOT/build}"

FN_BUILD_DIR="$BUILD" FN_NINJA_ARGS="-j2 fluss_native log_scan_bench union_read_bench" "$ROOT/scripts/build.sh" >/dev/null
# The package, on this tree's library (as ctest python_it installs it).
SITE="$BUILD/python-site"
FLUSS_NATIVE_BUILD_DIR="$BUILD" python3 -m pip install -q --disable-pip-version-check --no-build-isolation \
  --no-deps --upgrade --target "$SITE" --config-settings=build-dir="$BUILD/python-build" "$ROOT/python" 2>&1 |
  grep -v "WARNING: Running pip\|WARNING: Target directory" >&2 || true

if [[ -z "${PYFLUSS_PYTHON:-}" ]]; then
  VENV="$BUILD/log-scan-venv"
  if ! "$VENV/bin/python" -c 'import fluss' 2>/dev/null; then
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install -q -r "$ROOT/bench/log-scan/requirements.txt"
  fi
  PYFLUSS_PYTHON="$VENV/bin/python"
fi

if [[ -z "${BOOTSTRAP:-}" ]]; then
  "$ROOT/testing/build.sh"
  DIR="$(mktemp -d /tmp/fluss-python-bench.XXXXXX)"; rmdir "$DIR"
  trap '"$ROOT/testing/cluster.sh" stop "$DIR" >/dev/null 2>&1 || true' EXIT
  BOOTSTRAP=$("$ROOT/testing/cluster.sh" start "$DIR")
fi
if [[ "${SKIP_WRITE:-0}" != 1 ]]; then
  "$ROOT/testing/build.sh"
  echo "filling $LOG_TABLE to >= $ROWS rows on $BOOTSTRAP ..." >&2
  "$ROOT/testing/datatool.sh" bench-write --bootstrap "$BOOTSTRAP" --table "$LOG_TABLE" --rows "$ROWS" >&2
fi

native_union() { # the C++ union driver reads once per process: RUNS+1 processes, the first a warm-up
  for i in $(seq 0 "$RUNS"); do
    out=$("$BUILD/bench/union-read/union_read_bench" "$BOOTSTRAP" "$1")
    [[ $i == 0 ]] || echo "$out"
  done
}
results=$(
  PYTHONPATH="$SITE" python3 "$HERE/fluss_native_scan.py" "$BOOTSTRAP" "$LOG_TABLE" "$RUNS" log | sed 's/^/python-log /'
  "$BUILD/bench/log-scan/log_scan_bench" "$BOOTSTRAP" "$LOG_TABLE" "$RUNS" | sed 's/^/cpp-log /'
  "$PYFLUSS_PYTHON" "$ROOT/bench/log-scan/pyfluss_scan.py" "$BOOTSTRAP" "$LOG_TABLE" "$RUNS" | sed 's/^/pyfluss-log /'
  if [[ -n "${UNION_TABLE:-}" ]]; then
    PYTHONPATH="$SITE" python3 "$HERE/fluss_native_scan.py" "$BOOTSTRAP" "$UNION_TABLE" "$RUNS" union | sed 's/^/python-union /'
    native_union "$UNION_TABLE" | sed 's/^/cpp-union /'
  fi
)

python3 - "$results" "$(nproc)" "$(cut -d' ' -f1-3 /proc/loadavg)" <<'PY'
import json, statistics, sys
lines, cores, load = sys.argv[1].splitlines(), sys.argv[2], sys.argv[3]
runs = {}
for line in lines:
    name, js = line.split(" ", 1)
    runs.setdefault(name, []).append(json.loads(js))
for kind in ("log", "union"):
    names = [n for n in runs if n.endswith("-" + kind)]
    counts = {r["rows"] for n in names for r in runs[n]}
    if len(counts) > 1:
        sys.exit(f"{kind}: row counts differ: { {n: [r['rows'] for r in runs[n]] for n in names} }")
med = {k: {"cpu_s": statistics.median(r["cpu_s"] for r in v), "wall_s": statistics.median(r["wall_s"] for r in v),
           "rows": v[0]["rows"]} for k, v in runs.items()}
print(f"median of {len(runs['python-log'])} runs each; {cores} cores, load avg {load}")
print(f"{'reader':14} {'rows':>10} {'cpu_s':>8} {'wall_s':>8} {'rows/s':>12}")
for k, m in med.items():
    print(f"{k:14} {m['rows']:>10} {m['cpu_s']:8.3f} {m['wall_s']:8.3f} {m['rows'] / m['wall_s']:12,.0f}")
def ratio(a, b):
    return (med[a]["rows"] / med[a]["wall_s"]) / (med[b]["rows"] / med[b]["wall_s"])
r = ratio("python-log", "pyfluss-log")
print(f"python/pyfluss (log scan, rows/s): {r:.2f}x (target >= 1.5x: {'met' if r >= 1.5 else 'NOT met'})")
for kind in ("log", "union"):
    if f"python-{kind}" in med and f"cpp-{kind}" in med:
        r = ratio(f"python-{kind}", f"cpp-{kind}")
        print(f"python/C++ ({kind}, rows/s): {r:.2f}x (target within 10%: {'met' if r >= 0.9 else 'NOT met'})")
PY
