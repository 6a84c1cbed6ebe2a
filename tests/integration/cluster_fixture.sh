#!/usr/bin/env bash
# ctest fixture: a real Fluss cluster with the data tool's catalog loaded.
#   cluster_fixture.sh start DIR   starts the cluster, creates and writes the
#                                  spec's tables, runs Fluss's lake tiering for
#                                  the lake spec's rounds (Paimon oracle in
#                                  DIR/lake/), the union-read fixtures and
#                                  Fluss's union-read oracle (DIR/union/),
#                                  dumps the Java client's view of
#                                  all tables to DIR/meta.json (the oracle)
#   cluster_fixture.sh stop DIR    stops everything and removes DIR
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cmd=${1:?start|stop}
DIR=${2:?cluster dir}
case "$cmd" in
  start)
    "$ROOT/testing/cluster.sh" stop "$DIR" >/dev/null 2>&1 || true
    start=$(date +%s)
    # One retry: a JVM can lose a race for a just-probed free port.
    bootstrap=$("$ROOT/testing/cluster.sh" start "$DIR") ||
      bootstrap=$("$ROOT/testing/cluster.sh" start "$DIR")
    echo "cluster up at $bootstrap in $(( $(date +%s) - start ))s"
    spec="$ROOT/testing/specs/catalog.json"
    "$ROOT/testing/datatool.sh" create --bootstrap "$bootstrap" --spec "$spec"
    # the tiering job (a Flink MiniCluster) starts while the catalog is written
    "$ROOT/testing/tiering.sh" start "$DIR" &
    tiering=$!
    "$ROOT/testing/datatool.sh" write --bootstrap "$bootstrap" --spec "$spec"
    # Lake tables: write each round, wait until tiering made it readable, record the Paimon
    # snapshot id, then dump every recorded snapshot with Paimon's Java reader into DIR/lake/.
    lake_spec="$ROOT/testing/specs/lake.json"
    union_spec="$ROOT/testing/specs/union.json"
    "$ROOT/testing/datatool.sh" create --bootstrap "$bootstrap" --spec "$lake_spec"
    "$ROOT/testing/datatool.sh" create --bootstrap "$bootstrap" --spec "$union_spec"
    wait "$tiering"
    lake_start=$(date +%s)
    # The union-read fixtures' tiered rounds (DIR/union/) run beside the lake rounds.
    "$ROOT/testing/datatool.sh" lake-rounds --bootstrap "$bootstrap" --spec "$union_spec" \
      --warehouse "$DIR/warehouse" --out-dir "$DIR/union" &
    union_rounds=$!
    # After each round, Fluss's own union read of every fn_lake table (DIR/lake/round-N/).
    lake_tables=$(python3 - "$lake_spec" <<'PY'
import json, sys
print(",".join(db["name"] + "." + t["name"] for db in json.load(open(sys.argv[1]))["databases"]
               for t in db.get("tables", []) if t.get("rounds")))
PY
)
    after_round="UNION_READ_LOG='$DIR/logs/union-read-rounds.log' '$ROOT/testing/union-read.sh'"
    after_round+=" --bootstrap '$bootstrap' --tables '$lake_tables' --out-dir '$DIR/lake/round-{round}'"
    "$ROOT/testing/datatool.sh" lake-rounds --bootstrap "$bootstrap" --spec "$lake_spec" \
      --warehouse "$DIR/warehouse" --out-dir "$DIR/lake" --after-round "$after_round || true"
    wait "$union_rounds"
    # Stop tiering so lake snapshots (in meta.json, for every lake-enabled table) stay put.
    "$ROOT/testing/tiering.sh" stop "$DIR"
    echo "lake rounds tiered and dumped in $(( $(date +%s) - lake_start ))s"
    # Union read (issue 9): with tiering stopped, drop the tiered partitions, write the log
    # tails, wait for the log TTL to delete tiered segments, dump the Java client's and Paimon's
    # views (union-tail), then Fluss's own union read of every fn_lake and fn_union table
    # (union-read.sh; fn_lake's into DIR/lake/union.<t>.jsonl). See testing/README.md.
    union_start=$(date +%s)
    "$ROOT/testing/datatool.sh" union-tail --phase write --bootstrap "$bootstrap" \
      --spec "$union_spec" --warehouse "$DIR/warehouse" --out-dir "$DIR/union"
    # the TTL wait and the Java/Paimon dumps run beside the union read (which needs neither)
    "$ROOT/testing/datatool.sh" union-tail --phase dump --bootstrap "$bootstrap" \
      --spec "$union_spec" --warehouse "$DIR/warehouse" --out-dir "$DIR/union" &
    union_dumps=$!
    union_tables=$(python3 - "$lake_spec" "$union_spec" <<'PY'
import json, sys
print(",".join(db["name"] + "." + t["name"] for f in sys.argv[1:]
               for db in json.load(open(f))["databases"] for t in db.get("tables", [])))
PY
)
    # exit 1 only means some table's union read failed (recorded as union.<t>.error; Fluss
    # 0.9.1 refuses some of these tables, see README.md)
    UNION_READ_LOG="$DIR/logs/union-read.log" "$ROOT/testing/union-read.sh" \
      --bootstrap "$bootstrap" --tables "$union_tables" --out-dir "$DIR/union" || true
    wait "$union_dumps"
    for f in "$DIR"/union/union.fn_lake.*; do if [[ -e "$f" ]]; then mv "$f" "$DIR/lake/"; fi; done
    python3 "$ROOT/testing/check_union.py" "$DIR/union" "$union_spec" >"$DIR/union/check.txt" || true
    echo "union read fixtures in $(( $(date +%s) - union_start ))s ($(tail -1 "$DIR/union/check.txt"))"
    # KV snapshots are taken periodically: dump once every primary-key bucket's
    # latest snapshot covers its whole changelog, so the oracle stops moving.
    for _ in $(seq 30); do
      "$ROOT/testing/datatool.sh" dump-meta --bootstrap "$bootstrap" --out "$DIR/meta.json"
      python3 - "$DIR/meta.json" <<'PY' && break
import json, sys
meta = json.load(open(sys.argv[1]))
for t in meta["tables"].values():
    latest = {(o["partition"], o["bucket"]): o["latest"] for o in t["offsets"]}
    for s in t["kv_snapshots"]:
        if latest.get((s["partition"], s["bucket"]), 0) > 0 and s["log_offset"] != latest[(s["partition"], s["bucket"])]:
            sys.exit(1)
PY
      sleep 2
    done
    # Every table's log as the Java LogScanner reads it: the oracle for log reads.
    mkdir -p "$DIR/rows"
    # (fn_union's were dumped by union-tail after its last write: copied, saving a JVM each)
    for table in $(python3 -c 'import json,sys; print(" ".join(json.load(open(sys.argv[1]))["tables"]))' "$DIR/meta.json"); do
      if [[ -f "$DIR/union/$table.rows.jsonl" ]]; then
        cp "$DIR/union/$table.rows.jsonl" "$DIR/rows/$table.jsonl"
        continue
      fi
      "$ROOT/testing/datatool.sh" dump-rows --bootstrap "$bootstrap" --table "$table" --out "$DIR/rows/$table.jsonl"
    done
    # And every primary-key table's current state (changelog applied by key).
    for table in $(python3 -c 'import json,sys; print(" ".join(k for k, t in json.load(open(sys.argv[1]))["tables"].items() if t["primary_key"]))' "$DIR/meta.json"); do
      if [[ -f "$DIR/union/$table.state.jsonl" ]]; then
        cp "$DIR/union/$table.state.jsonl" "$DIR/rows/$table.state.jsonl"
        continue
      fi
      "$ROOT/testing/datatool.sh" dump-state --bootstrap "$bootstrap" --table "$table" --out "$DIR/rows/$table.state.jsonl"
    done
    echo "catalog loaded and dumped in $(( $(date +%s) - start ))s"
    ;;
  stop)
    "$ROOT/testing/cluster.sh" stop "$DIR"
    ;;
  *) echo "usage: cluster_fixture.sh start|stop DIR" >&2; exit 2 ;;
esac
