#!/usr/bin/env bash
# Union-read throughput and memory: fluss-native's union read (Client::Scan: the readable lake
# snapshot + the Fluss log tail, PK buckets merged by key) against Fluss's own union read (the
# Flink connector's BATCH read of SELECT * through Flink SQL, testing/union-read.sh), of the same
# tables in the same run. Prints rows/s, the ratio, peak RSS of both and checks the row counts.
#   bench/union-read/run.sh [LAKE_ROWS] [TAIL_CHANGES]     (defaults 10000000 and 1000000)
# Two tables in database $DB (default fn_unionbench, dropped and re-created): `pk` (PK id) and
# `log`, 4 buckets each, lake-enabled. LAKE_ROWS rows are written and tiered by Fluss's real
# tiering job (testing/tiering.sh), which is then stopped; then TAIL_CHANGES changes stay in the
# log (PK: 60% updates of lake keys, 20% deletes, 20% inserts; log: appends). Both readers are
# measured; then 9*TAIL_CHANGES more changes make the tail 10x larger and both are measured again.
# fluss-native runs with the default per-split merge budget (256 MiB), with 64 MiB and with
# 16 MiB (small enough that these sizes spill; the bench reports the spill bytes it saw).
# CAUTION with BOOTSTRAP: the tiering job tiers EVERY lake table of that cluster whose log has
# untiered rows, not only ours (Fluss's tiering service is cluster-wide), so other tables' lake
# snapshots move on (e.g. the integration fixture's fn_union tails get tiered). Hence
# BOOTSTRAP needs TIER_SHARED_CLUSTER=1.
# Env: BOOTSTRAP + WAREHOUSE (use this cluster and its Paimon warehouse; else one is started the
#      way bench/log-scan/run.sh does), DB, FN_BUILD_DIR, KEEP=1 (keep the database at the end),
#      FRESHNESS (table.datalake.freshness, default 5s). See README.md.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
LAKE_ROWS=${1:-10000000}
TAIL=${2:-1000000}
DB=${DB:-fn_unionbench}
BUILD="${FN_BUILD_DIR:-$ROOT/build}"
CHUNK=1000000   # rows per write call (the data tool keeps one ack future per row)

"$ROOT/testing/build.sh"
FN_BUILD_DIR="$BUILD" FN_NINJA_ARGS="-j2 union_read_bench" "$ROOT/scripts/build.sh" >/dev/null
BENCH="$BUILD/bench/union-read/union_read_bench"

WORK="$(mktemp -d /tmp/fluss-union-read.XXXXXX)"
CLUSTER_DIR=""
cleanup() {
  if [[ -n "${TIER_DIR:-}" ]]; then "$ROOT/testing/tiering.sh" stop "$TIER_DIR" >/dev/null 2>&1 || true; fi
  if [[ -n "$CLUSTER_DIR" ]]; then
    "$ROOT/testing/cluster.sh" stop "$CLUSTER_DIR" >/dev/null 2>&1 || true
  elif [[ "${KEEP:-0}" != 1 && -n "${BOOTSTRAP:-}" ]]; then
    drop_db
  fi
  rm -rf "$WORK"
}
drop_db() {
  "$ROOT/testing/datatool.sh" drop-database --bootstrap "$BOOTSTRAP" --database "$DB" >&2 || true
  # dropping a Fluss table leaves its Paimon table (and re-creating it would then fail)
  rm -rf "${WAREHOUSE:?}/$DB.db"
}
trap cleanup EXIT

if [[ -z "${BOOTSTRAP:-}" ]]; then
  CLUSTER_DIR="$WORK/cluster"
  BOOTSTRAP=$("$ROOT/testing/cluster.sh" start "$CLUSTER_DIR")
  WAREHOUSE="$CLUSTER_DIR/warehouse"
  TIER_DIR="$CLUSTER_DIR"
else
  [[ -n "${WAREHOUSE:-}" ]] || { echo "run.sh: BOOTSTRAP needs WAREHOUSE (its Paimon warehouse)" >&2; exit 2; }
  [[ "${TIER_SHARED_CLUSTER:-0}" == 1 ]] || {
    echo "run.sh: tiering on $BOOTSTRAP tiers every lake table of that cluster; set TIER_SHARED_CLUSTER=1 if that is fine" >&2
    exit 2; }
  # tiering.sh wants a cluster directory: give it one of our own with the cluster's bootstrap and
  # warehouse, so its pid, logs and temp files stay out of the cluster's directory.
  TIER_DIR="$WORK/tiering"
  mkdir -p "$TIER_DIR"
  echo "$BOOTSTRAP" >"$TIER_DIR/bootstrap"
  ln -s "$WAREHOUSE" "$TIER_DIR/warehouse"
  drop_db 2>/dev/null   # a previous run's leftovers
fi
load() { cut -d' ' -f1-3 /proc/loadavg; }
log() { echo "[$(date -u +%T)] $*" >&2; }

# The spec: lake rounds of at most CHUNK rows, then tail round 1 (TAIL changes) and tail round 2
# (9*TAIL more). PK tail key ranges never overlap between rounds, so every change is a real one.
SPEC="$WORK/spec.json"
python3 - "$LAKE_ROWS" "$TAIL" "$CHUNK" "$DB" "${FRESHNESS:-5s}" >"$SPEC" <<'PY'
import json, sys
lake, tail, chunk, db, fresh = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], sys.argv[5]
cols = [{"name": "id", "type": "BIGINT NOT NULL"}, {"name": "qty", "type": "INT"},
        {"name": "price", "type": "DOUBLE"}, {"name": "name", "type": "STRING"},
        {"name": "amount", "type": "DECIMAL(18, 4)"}, {"name": "ts", "type": "TIMESTAMP_LTZ(3)"},
        {"name": "flag", "type": "BOOLEAN"}]
props = {"table.datalake.enabled": "true", "table.datalake.freshness": fresh}
lake_chunks = [(a, min(a + chunk, lake)) for a in range(0, lake, chunk)]
tails = [tail, 9 * tail]
pk_rounds = [{"seed": 900 + i, "insert": {"from": a, "to": b}} for i, (a, b) in enumerate(lake_chunks)]
log_rounds = [{"seed": 900 + i, "append": {"from": a, "to": b}} for i, (a, b) in enumerate(lake_chunks)]
cursor = 0                                   # next lake key to update/delete
fresh_key = max(lake, (8 * sum(tails)) // 10)  # next new key (never a lake key or an updated one)
appended = lake
for r, n in enumerate(tails):
    up, de = (6 * n) // 10, (2 * n) // 10
    ins = n - up - de
    pk_rounds.append({"seed": 950 + r, "update": {"from": cursor, "to": cursor + up},
                      "delete": {"from": cursor + up, "to": cursor + up + de},
                      "insert": {"from": fresh_key, "to": fresh_key + ins}})
    cursor += up + de
    fresh_key += ins
    log_rounds.append({"seed": 950 + r, "append": {"from": appended, "to": appended + n}})
    appended += n
if cursor > lake:
    print(f"note: {cursor} tail updates/deletes > {lake} lake keys: some are upserts of new keys",
          file=sys.stderr)
print(json.dumps({"skip_existing": False, "databases": [{"name": db, "tables": [
    {"name": "pk", "columns": cols, "primary_key": ["id"], "bucket_count": 4,
     "properties": props, "rounds": pk_rounds},
    {"name": "log", "columns": cols, "bucket_count": 4, "properties": props,
     "rounds": log_rounds}]}]}))
PY
LAKE_ROUNDS=$(python3 -c "import json,sys; print(len(json.load(open(sys.argv[1]))['databases'][0]['tables'][0]['rounds']) - 2)" "$SPEC")
DT() { "$ROOT/testing/datatool.sh" "$1" --bootstrap "$BOOTSTRAP" "${@:2}"; }

log "creating $DB.pk and $DB.log on $BOOTSTRAP; writing $LAKE_ROWS lake rows each ($LAKE_ROUNDS calls)"
DT create --spec "$SPEC" >&2
t0=$SECONDS
for ((r = 1; r <= LAKE_ROUNDS; r++)); do DT write --spec "$SPEC" --round "$r" >&2; done
log "lake rows written in $((SECONDS - t0)) s; tiering (load $(load))"
t0=$SECONDS
"$ROOT/testing/tiering.sh" start "$TIER_DIR" >&2
for t in pk log; do DT wait-lake --table "$DB.$t" --timeout-s 1800 >&2; done
"$ROOT/testing/tiering.sh" stop "$TIER_DIR" >&2
log "tiered in $((SECONDS - t0)) s; tiering stopped"

RESULTS="$WORK/results.jsonl"
: >"$RESULTS"
measure() { # stage: every reader over both tables, one JSON line each into $RESULTS (and stderr,
            # so a run that dies half-way still shows what it measured)
  local stage=$1 t budget out
  for t in pk log; do
    for budget in 256 64 16; do
      log "$stage $t: fluss-native, budget $budget MiB (load $(load))"
      mkdir -p "$WORK/spill"
      out=$("$BENCH" "$BOOTSTRAP" "$DB.$t" "$budget" "$WORK/spill")
      echo "{\"stage\":\"$stage\",\"table\":\"$t\",\"reader\":\"native-$budget\",\"load\":\"$(load)\",\"r\":$out}" | tee -a "$RESULTS" >&2
    done
    log "$stage $t: Flink union read (load $(load))"
    /usr/bin/time -v -o "$WORK/time.txt" "$ROOT/testing/union-read.sh" --bootstrap "$BOOTSTRAP" \
      --table "$DB.$t" --count true --out "$WORK/flink.count" 2>"$WORK/flink.err" || { cat "$WORK/flink.err" "$WORK/time.txt" >&2; exit 1; }
    python3 - "$stage" "$t" "$(load)" "$WORK/time.txt" "$WORK/flink.count" "$WORK/flink.err" <<'PY' | tee -a "$RESULTS" >&2
import json, re, sys
stage, t, load, tv, rows, err = sys.argv[1:]
tv = open(tv).read()
def field(name):
    return re.search(re.escape(name) + r": (.*)", tv).group(1).strip()
wall = field("Elapsed (wall clock) time (h:mm:ss or m:ss)").split(":")
wall_s = sum(float(x) * 60 ** i for i, x in enumerate(reversed(wall)))
job = re.search(r"took (\d+) ms|tables in (\d+) ms", open(err).read())
print(json.dumps({"stage": stage, "table": t, "reader": "flink", "load": load, "r": {
    "rows": int(open(rows).read().strip()), "wall_s": wall_s,
    "cpu_s": float(field("User time (seconds)")) + float(field("System time (seconds)")),
    "peak_rss_mib": int(field("Maximum resident set size (kbytes)")) / 1024,
    "job_s": int(next(g for g in job.groups() if g)) / 1000 if job else None}}))
PY
  done
}
log "writing the tail: $TAIL changes per table"
DT write --spec "$SPEC" --round $((LAKE_ROUNDS + 1)) >&2
measure "tail=$TAIL"
log "writing $((9 * TAIL)) more changes per table (tail = $((10 * TAIL)))"
DT write --spec "$SPEC" --round $((LAKE_ROUNDS + 2)) >&2
measure "tail=$((10 * TAIL))"

python3 - "$RESULTS" "$LAKE_ROWS" "$(nproc)" "$(load)" <<'PY'
import json, sys
res = [json.loads(l) for l in open(sys.argv[1])]
lake, cores, load = int(sys.argv[2]), sys.argv[3], sys.argv[4]
print(f"union read, {lake} lake rows per table, 4 buckets; {cores} cores, load avg at end {load}")
print(f"{'stage':14} {'table':5} {'reader':11} {'rows':>9} {'tail_recs':>9} {'wall_s':>7} {'cpu_s':>7} "
      f"{'rows/s':>11} {'peak_rss_MiB':>12} {'spill_MiB':>9}  load")
bad = []
for r in res:
    m = r["r"]
    print(f"{r['stage']:14} {r['table']:5} {r['reader']:11} {m['rows']:>9} "
          f"{m.get('tail_log_records', ''):>9} {m['wall_s']:7.2f} {m['cpu_s']:7.2f} "
          f"{m['rows'] / m['wall_s']:11,.0f} {m['peak_rss_mib']:12.1f} "
          f"{m['spill_peak_mib'] if 'spill_peak_mib' in m else '':>9}  {r['load']}"
          + (f"  (Flink job {m['job_s']:.2f} s)" if m.get("job_s") else ""))
print()
for stage in dict.fromkeys(r["stage"] for r in res):
    for t in ("pk", "log"):
        rs = {r["reader"]: r["r"] for r in res if r["stage"] == stage and r["table"] == t}
        counts = {k: v["rows"] for k, v in rs.items()}
        if len(set(counts.values())) != 1:
            bad.append(f"{stage} {t}: row counts differ {counts}")
        f = rs["flink"]
        for k in ("native-256", "native-64", "native-16"):
            n = rs[k]
            ratio = (n["rows"] / n["wall_s"]) / (f["rows"] / f["wall_s"])
            job = (n["rows"] / n["wall_s"]) / (f["rows"] / f["job_s"]) if f.get("job_s") else float("nan")
            print(f"{stage} {t} {k}/flink: rows/s {ratio:.1f}x ({job:.1f}x of the Flink job alone; target >= 5x: "
                  f"{'met' if ratio >= 5 else 'NOT met'}); peak RSS {n['peak_rss_mib']:.0f} MiB vs "
                  f"Flink {f['peak_rss_mib']:.0f} MiB (target < 300 MiB: "
                  f"{'met' if n['peak_rss_mib'] < 300 else 'NOT met'})")
print("row counts: " + ("agree (fluss-native = Flink in every stage and table)" if not bad else "; ".join(bad)))
sys.exit(1 if bad else 0)
PY
