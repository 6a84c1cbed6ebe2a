#!/usr/bin/env bash
# The demo: starts a real local Fluss cluster (ZooKeeper, a coordinator and
# two tablet servers from Maven Central jars, on loopback), loads the test
# catalog with the Fluss Java client, runs Fluss's real lake tiering job into
# a Paimon warehouse, and queries both tiers through the fluss-native CLI.
# Everything is stopped and removed at the end.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$ROOT/scripts/install-deps.sh"
"$ROOT/testing/build.sh"
FN_NINJA_ARGS="fluss-native" "$ROOT/scripts/build.sh"
CLI="${FN_BUILD_DIR:-$ROOT/build}/tools/cli/fluss-native"
DIR="$(mktemp -d /tmp/fluss-demo.XXXXXX)"
rmdir "$DIR"
trap '"$ROOT/testing/cluster.sh" stop "$DIR" >/dev/null 2>&1 || true' EXIT

echo "== starting a local Fluss cluster"
BOOTSTRAP=$("$ROOT/testing/cluster.sh" start "$DIR")
echo "   bootstrap: $BOOTSTRAP"
echo "== loading tables and rows with the Fluss Java client"
"$ROOT/testing/datatool.sh" create --bootstrap "$BOOTSTRAP" --spec "$ROOT/testing/specs/catalog.json" >"$DIR/load.log" 2>&1
"$ROOT/testing/datatool.sh" write --bootstrap "$BOOTSTRAP" --spec "$ROOT/testing/specs/catalog.json" >>"$DIR/load.log" 2>&1
echo "== tiering the fn_lake tables into Paimon with Fluss's tiering job (3 rounds of writes, updates, deletes)"
"$ROOT/testing/tiering.sh" start "$DIR" >>"$DIR/load.log" 2>&1
"$ROOT/testing/datatool.sh" create --bootstrap "$BOOTSTRAP" --spec "$ROOT/testing/specs/lake.json" >>"$DIR/load.log" 2>&1
"$ROOT/testing/datatool.sh" lake-rounds --bootstrap "$BOOTSTRAP" --spec "$ROOT/testing/specs/lake.json" \
  --warehouse "$DIR/warehouse" --out-dir "$DIR/lake" >>"$DIR/load.log" 2>&1
"$ROOT/testing/tiering.sh" stop "$DIR" >>"$DIR/load.log" 2>&1
FIRST=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[0])' "$DIR/lake/fn_lake.pk.rounds.json")

run() {
  echo
  echo "fluss-native> $1"
  "$CLI" --bootstrap "$BOOTSTRAP" -e "$1"
}
run "SHOW CLUSTER"
run "SHOW DATABASES"
run "SHOW TABLES FROM fn_types"
run "DESC fn_types.log_nested"
run "SHOW PARTITIONS FROM fn_parts.log_part_multi"
run "SHOW OFFSETS FROM fn_parts.pk_part_region"
run "SHOW KV SNAPSHOTS FROM fn_parts.pk_part_region"
run "SHOW LAKE STATUS FROM fn_parts.pk_part_auto_day"
run "SHOW BUCKETS FROM fn_types.pk_all_types"
run "SELECT id, payload, ts FROM fn_types.log_big LIMIT 5"
run "SELECT * FROM fn_types.pk_composite LIMIT 5"
run "SELECT k1, k2, v_int FROM fn_types.pk_composite\$log LIMIT 8"
run "DESC fn_lake.pk_part"
run "SHOW LAKE STATUS FROM fn_lake.pk_part"
run "SELECT id, region, name, v, __offset FROM fn_lake.pk_part\$lake LIMIT 5"
run "SELECT id, name, score FROM fn_lake.pk\$lake FOR VERSION AS OF $FIRST LIMIT 3"
# One query over both tiers: the plan, then the union read (the lake snapshot
# merged with the changelog tail), its splits written as Thrift files and
# read back by another process.
run "EXPLAIN SELECT * FROM fn_lake.pk_part"
run "SELECT id, region, name, v FROM fn_lake.pk_part LIMIT 5"
echo
echo "fluss-native> plan -e 'SELECT * FROM fn_lake.pk' --splits-out $DIR/splits; read-split $DIR/splits/*"
"$CLI" --bootstrap "$BOOTSTRAP" plan -e "SELECT * FROM fn_lake.pk" --splits-out "$DIR/splits" | tail -1
echo "   rows read from the split files: $("$CLI" --bootstrap "$BOOTSTRAP" --format jsonl read-split "$DIR"/splits/* | wc -l)"
echo "   rows of SELECT * FROM fn_lake.pk: $("$CLI" --bootstrap "$BOOTSTRAP" --format jsonl -e "SELECT * FROM fn_lake.pk" | wc -l)"
echo
echo "fluss-native> rows per Paimon snapshot of fn_lake.pk (inserts, then updates and deletes)"
for id in $(python3 -c 'import json,sys; print(" ".join(map(str, json.load(open(sys.argv[1])))))' "$DIR/lake/fn_lake.pk.rounds.json"); do
  echo "   snapshot $id: $("$CLI" --bootstrap "$BOOTSTRAP" --format jsonl -e "SELECT id FROM fn_lake.pk\$lake FOR VERSION AS OF $id" | wc -l) rows"
done
echo
echo "fluss-native> SELECT * FROM fn_types.log_nested   (to an Arrow IPC stream file)"
"$CLI" --bootstrap "$BOOTSTRAP" --output-ipc "$DIR/log_nested.arrows" -e "SELECT * FROM fn_types.log_nested"
echo
echo "fluss-native> DESC fn_types.no_such_table   (an error, on purpose)"
"$CLI" --bootstrap "$BOOTSTRAP" -e "DESC fn_types.no_such_table" || echo "(exit code $?)"
echo
echo "== stopping the cluster"
