#!/usr/bin/env bash
# Log-scan throughput: fluss-native (C++) against the Fluss Java LogScanner and
# pyfluss (fluss-rust), scanning the same log table on the same cluster. Prints
# client CPU seconds per million rows, rows/s and the ratios. See README.md.
#   bench/log-scan/run.sh [ROWS] [RUNS]        (defaults: 5000000 rows, 3 runs)
# Env: BOOTSTRAP (use this cluster instead of starting one), TABLE (default
# bench_log.log_scan), PYTHON (an interpreter with pyfluss; default: a venv
# at $FN_BUILD_DIR/log-scan-venv built from requirements.txt), FN_BUILD_DIR.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
ROWS=${1:-5000000}
RUNS=${2:-3}
TABLE=${TABLE:-bench_log.log_scan}
BUILD="${FN_BUILD_DIR:-$ROOT/build}"

"$ROOT/testing/build.sh"
FN_BUILD_DIR="$BUILD" FN_NINJA_ARGS="-j2 log_scan_bench" "$ROOT/scripts/build.sh" >/dev/null

if [[ -z "${PYTHON:-}" ]]; then
  VENV="$BUILD/log-scan-venv"
  if ! "$VENV/bin/python" -c 'import fluss' 2>/dev/null ||
     [[ "$HERE/requirements.txt" -nt "$VENV/.stamp" ]]; then
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install -q -r "$HERE/requirements.txt"
    touch "$VENV/.stamp"
  fi
  PYTHON="$VENV/bin/python"
fi

if [[ -z "${BOOTSTRAP:-}" ]]; then
  DIR="$(mktemp -d /tmp/fluss-log-scan.XXXXXX)"; rmdir "$DIR"
  trap '"$ROOT/testing/cluster.sh" stop "$DIR" >/dev/null 2>&1 || true' EXIT
  BOOTSTRAP=$("$ROOT/testing/cluster.sh" start "$DIR")
fi

echo "filling $TABLE to >= $ROWS rows on $BOOTSTRAP ..." >&2
write_json=$("$ROOT/testing/datatool.sh" bench-write --bootstrap "$BOOTSTRAP" --table "$TABLE" --rows "$ROWS")
echo "$write_json" >&2

load() { cut -d' ' -f1-3 /proc/loadavg; }
run_client() { # name cmd...: one warm-up + RUNS measured scans, one JSON line each
  local name=$1; shift
  echo "$name: load before $(load)" >&2
  "$@" | sed "s/^/$name /"
  echo "$name: load after $(load)" >&2
}
results=$(
  run_client native "$BUILD/bench/log-scan/log_scan_bench" "$BOOTSTRAP" "$TABLE" "$RUNS"
  # datatool.sh caps the JIT at C1 for short tool runs; a scan benchmark gets C2
  DATATOOL_JVM_OPTS="-XX:TieredStopAtLevel=4 ${DATATOOL_JVM_OPTS:-}" \
  run_client java "$ROOT/testing/datatool.sh" bench-scan --bootstrap "$BOOTSTRAP" --table "$TABLE" --runs "$RUNS"
  run_client pyfluss "$PYTHON" "$HERE/pyfluss_scan.py" "$BOOTSTRAP" "$TABLE" "$RUNS"
)

python3 - "$write_json" "$results" "$(nproc)" "$(load)" <<'PY'
import json, statistics, sys
write, lines, cores, load = json.loads(sys.argv[1]), sys.argv[2].splitlines(), sys.argv[3], sys.argv[4]
runs = {}
for line in lines:
    name, js = line.split(" ", 1)
    runs.setdefault(name, []).append(json.loads(js))
counts = {r["rows"] for rs in runs.values() for r in rs}
if len(counts) != 1 or set(runs) != {"native", "java", "pyfluss"}:
    sys.exit(f"row counts differ between clients/runs: { {k: [r['rows'] for r in v] for k, v in runs.items()} }")
rows = counts.pop()
med = {k: {"cpu_s": statistics.median(r["cpu_s"] for r in v),
           "wall_s": statistics.median(r["wall_s"] for r in v)} for k, v in runs.items()}
print(f"log scan of {rows} rows ({write['buckets']} buckets, {write['log_format']}, "
      f"{write['compression']}); median of {len(runs['native'])} runs each; "
      f"{cores} cores, load avg {load}")
print(f"{'client':8} {'rows':>10} {'cpu_s':>8} {'cpu_s/M rows':>13} {'wall_s':>8} {'rows/s':>12}")
for k in ("native", "java", "pyfluss"):
    m = med[k]
    print(f"{k:8} {rows:>10} {m['cpu_s']:8.3f} {m['cpu_s'] * 1e6 / rows:13.4f} "
          f"{m['wall_s']:8.3f} {rows / m['wall_s']:12,.0f}")
n = med["native"]
for k in ("java", "pyfluss"):
    print(f"{k}/native: CPU per row {med[k]['cpu_s'] / n['cpu_s']:.2f}x, "
          f"wall {med[k]['wall_s'] / n['wall_s']:.2f}x")
print("targets: native CPU/row <= 1/3 of Java's: "
      + ("met" if n["cpu_s"] * 3 <= med["java"]["cpu_s"] else "NOT met")
      + "; native CPU/row below pyfluss: "
      + ("met" if n["cpu_s"] < med["pyfluss"]["cpu_s"] else "NOT met"))
print("per-run cpu_s: " + "; ".join(f"{k} " + " ".join(f"{r['cpu_s']:.3f}" for r in v)
                                    for k, v in runs.items()))
PY
