#!/usr/bin/env bash
# A 1%-selective predicate on a sorted column of a lake-enabled table:
# fluss-native's filtered lake read against the same query unfiltered, and
# against DuckDB running the same WHERE over the same Paimon Parquet files
# (the files of the plan's lake snapshot). Prints rows, bytes read, CPU and
# wall per run and the ratios (filtered/unfiltered CPU, fluss-native/DuckDB).
#
#   bench/filter/run.sh [ROWS]          (default 20000000)
#     starts its own cluster (testing/cluster.sh), inserts ROWS keys into the
#     primary-key table fn_filterbench.events (PK `id`, one bucket, keys in
#     ascending 1M-row rounds, so each lake file holds a key range sorted by
#     key), tiers them with Fluss's tiering job, and filters
#     id >= ROWS/2 AND id < ROWS/2 + ROWS/100 (files and row groups pruned by
#     the key's stats). Insert-only keys: DuckDB's plain read of the files
#     sees each row once, as our merged read does.
#
#   TABLE=db.t WHERE='...' BOOTSTRAP=host:port bench/filter/run.sh
#     measures an existing lake table instead (nothing is written or tiered):
#     the small smoke run uses the integration fixture's fn_lake.log_part.
#
# Env: FN_BUILD_DIR, REPEAT (runs per reader, default 3; the best is kept),
#      VENV (a virtualenv for duckdb; default a temporary one from
#      requirements.txt).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
ROWS=${1:-20000000}
REPEAT=${REPEAT:-3}
BUILD="${FN_BUILD_DIR:-$ROOT/build}"
WORK="$(mktemp -d /tmp/fluss-filter.XXXXXX)"
CLUSTER_DIR=""
cleanup() {
  if [[ -n "$CLUSTER_DIR" ]]; then
    "$ROOT/testing/tiering.sh" stop "$CLUSTER_DIR" >/dev/null 2>&1 || true
    "$ROOT/testing/cluster.sh" stop "$CLUSTER_DIR" >/dev/null 2>&1 || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT
log() { echo "[$(date -u +%T)] $*" >&2; }

FN_BUILD_DIR="$BUILD" FN_NINJA_ARGS="-j2 filter_bench" "$ROOT/scripts/build.sh" >/dev/null
BENCH="$BUILD/bench/filter/filter_bench"

if [[ -z "${VENV:-}" ]]; then
  VENV="$WORK/venv"
  python3 -m venv --system-site-packages "$VENV"  # pyarrow as the tests use it
  "$VENV/bin/pip" install -q -r "$HERE/requirements.txt" >&2
fi
PY="$VENV/bin/python"

if [[ -z "${TABLE:-}" ]]; then
  "$ROOT/testing/build.sh"
  CLUSTER_DIR="$WORK/cluster"
  BOOTSTRAP=$("$ROOT/testing/cluster.sh" start "$CLUSTER_DIR")
  TABLE=fn_filterbench.events
  LO=$((ROWS / 2)); HI=$((ROWS / 2 + ROWS / 100))
  WHERE="id >= $LO AND id < $HI"
  SPEC="$WORK/spec.json"
  python3 - "$ROWS" >"$SPEC" <<'PY'
import json, sys
rows, chunk = int(sys.argv[1]), 1000000
cols = [{"name": "id", "type": "BIGINT NOT NULL"}, {"name": "qty", "type": "INT"},
        {"name": "price", "type": "DOUBLE"}, {"name": "name", "type": "STRING"},
        {"name": "ts", "type": "TIMESTAMP_LTZ(3)"}]
# Insert-only keys 0..rows in 1M-row rounds: every lake file holds a key
# range and is sorted by key (the fixture writer fills only key columns from
# the round's range; other columns are random).
rounds = [{"seed": 700 + i, "insert": {"from": a, "to": min(a + chunk, rows)}}
          for i, a in enumerate(range(0, rows, chunk))]
print(json.dumps({"skip_existing": False, "databases": [{"name": "fn_filterbench", "tables": [
    {"name": "events", "columns": cols, "primary_key": ["id"], "bucket_count": 1,
     "properties": {"table.datalake.enabled": "true", "table.datalake.freshness": "5s"},
     "rounds": rounds}]}]}))
PY
  DT() { "$ROOT/testing/datatool.sh" "$1" --bootstrap "$BOOTSTRAP" "${@:2}"; }
  DT create --spec "$SPEC" >&2
  N=$(python3 -c "import json,sys; print(len(json.load(open(sys.argv[1]))['databases'][0]['tables'][0]['rounds']))" "$SPEC")
  log "writing $ROWS rows in $N rounds"
  for ((r = 1; r <= N; r++)); do DT write --spec "$SPEC" --round "$r" >&2; done
  log "tiering"
  "$ROOT/testing/tiering.sh" start "$CLUSTER_DIR" >&2
  DT wait-lake --table "$TABLE" --timeout-s 3600 >&2
  "$ROOT/testing/tiering.sh" stop "$CLUSTER_DIR" >&2
fi
: "${BOOTSTRAP:?BOOTSTRAP is needed with TABLE}"
: "${WHERE:?WHERE is needed with TABLE}"

"$BENCH" --bootstrap "$BOOTSTRAP" --table "$TABLE" --files >"$WORK/files"
log "$TABLE: $(wc -l <"$WORK/files") lake files; WHERE $WHERE; best of $REPEAT"
best() { python3 -c "import json,sys; rs=[json.loads(l) for l in sys.stdin if l.startswith('{')]; print(json.dumps(min(rs, key=lambda r: r['cpu_s'])))"; }
OURS_ALL=$("$BENCH" --bootstrap "$BOOTSTRAP" --table "$TABLE" --repeat "$REPEAT" | best)
OURS=$("$BENCH" --bootstrap "$BOOTSTRAP" --table "$TABLE" --where "$WHERE" --repeat "$REPEAT" | best)
DUCK=$("$PY" "$HERE/duckdb_filter.py" "$WORK/files" "$WHERE" "$REPEAT" | best)
echo "fluss-native unfiltered: $OURS_ALL"
echo "fluss-native filtered:   $OURS"
echo "duckdb filtered:         $DUCK"
python3 - "$OURS_ALL" "$OURS" "$DUCK" <<'PY'
import json, sys
a, f, d = (json.loads(x) for x in sys.argv[1:])
if f["rows"] != d["rows"]:
    print(f"ROW COUNTS DIFFER: fluss-native {f['rows']}, duckdb {d['rows']}")
    sys.exit(1)
r = lambda x, y: (x / y) if y else float("nan")
print(f"rows: {f['rows']} of {a['rows']} ({r(100 * f['rows'], a['rows']):.2f}%)")
print(f"CPU filtered/unfiltered: {r(f['cpu_s'], a['cpu_s']):.3f} (target <= 0.10)")
print(f"lake bytes filtered/unfiltered: {r(f['lake_bytes'], a['lake_bytes']):.3f}; "
      f"row groups {f['row_groups_kept']}/{f['row_groups_total']}, files {f['files_kept']}/{f['files_total']}, "
      f"predicate pages {f['pages_kept']}/{f['pages_total']}, pages skipped {f['pages_skipped']}, "
      f"rows skipped in kept row groups {f['rows_skipped']}")
print(f"CPU fluss-native/duckdb: {r(f['cpu_s'], d['cpu_s']):.3f} (target < 1); "
      f"bytes fluss-native/duckdb: {r(f['lake_bytes'], d['bytes_read']):.3f}")
PY
