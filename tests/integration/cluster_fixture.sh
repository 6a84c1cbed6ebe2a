#!/usr/bin/env bash
# ctest fixture: a real Fluss cluster with the data tool's catalog loaded.
#   cluster_fixture.sh start DIR   starts the cluster, creates and writes the
#                                  spec's tables, runs Fluss's lake tiering for
#                                  the lake spec's rounds (Paimon oracle in
#                                  DIR/lake/), dumps the Java client's view of
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
    "$ROOT/testing/datatool.sh" create --bootstrap "$bootstrap" --spec "$lake_spec"
    wait "$tiering"
    lake_start=$(date +%s)
    "$ROOT/testing/datatool.sh" lake-rounds --bootstrap "$bootstrap" --spec "$lake_spec" \
      --warehouse "$DIR/warehouse" --out-dir "$DIR/lake"
    # Stop tiering so lake snapshots (in meta.json, for every lake-enabled table) stay put.
    "$ROOT/testing/tiering.sh" stop "$DIR"
    echo "lake rounds tiered and dumped in $(( $(date +%s) - lake_start ))s"
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
    for table in $(python3 -c 'import json,sys; print(" ".join(json.load(open(sys.argv[1]))["tables"]))' "$DIR/meta.json"); do
      "$ROOT/testing/datatool.sh" dump-rows --bootstrap "$bootstrap" --table "$table" --out "$DIR/rows/$table.jsonl"
    done
    # And every primary-key table's current state (changelog applied by key).
    for table in $(python3 -c 'import json,sys; print(" ".join(k for k, t in json.load(open(sys.argv[1]))["tables"].items() if t["primary_key"]))' "$DIR/meta.json"); do
      "$ROOT/testing/datatool.sh" dump-state --bootstrap "$bootstrap" --table "$table" --out "$DIR/rows/$table.state.jsonl"
    done
    echo "catalog loaded and dumped in $(( $(date +%s) - start ))s"
    ;;
  stop)
    "$ROOT/testing/cluster.sh" stop "$DIR"
    ;;
  *) echo "usage: cluster_fixture.sh start|stop DIR" >&2; exit 2 ;;
esac
