#!/usr/bin/env bash
# The example host (examples/host) as a Doris BE would run it: a planner
# process (`fluss-native plan ... --splits-out`) writes a table's splits,
# then two host processes read disjoint halves of them (--shard 0/2, 1/2),
# each with a pool of reader threads over one client through the C ABI.
# The union of their rows must equal a single SELECT (the CLI's) and the
# Fluss Java client's rows: compared by row count and by the count, sum and
# hashed sum of the id column, all independent of order.
#   host_it.sh CLI HOST IT_DIR
set -euo pipefail
CLI="$1"; HOST="$2"; DIR="$3"
bootstrap="$(tr -d ' \n' < "$DIR/bootstrap")"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
fail=0

# count, sum, hashed sum of "id" over JSON lines (the host's checksum:
# splitmix64's finaliser, sums mod 2^64), from FILE; KEY selects the row
# object ("row" for the Java dumps, "" for the CLI's jsonl).
checksum() {
  python3 - "$1" "$2" <<'PY'
import json, sys
M = (1 << 64) - 1
def mix(x):
    x = (x + 0x9e3779b97f4a7c15) & M
    x = ((x ^ (x >> 30)) * 0xbf58476d1ce4e5b9) & M
    x = ((x ^ (x >> 27)) * 0x94d049bb133111eb) & M
    return x ^ (x >> 31)
rows = n = s = h = 0
for line in open(sys.argv[1]):
    if not line.strip():
        continue
    row = json.loads(line)
    if sys.argv[2]:
        row = row[sys.argv[2]]
    rows += 1
    v = row.get("id")
    if v is None:
        continue
    v = int(v) & M
    n += 1; s = (s + v) & M; h = (h + mix(v)) & M
print(rows, n, s, h)
PY
}

for table in fn_lake.log_nokey fn_lake.pk; do
  splits="$work/$table"
  "$CLI" --bootstrap "$bootstrap" --split-target-bytes 1 plan -e "SELECT * FROM $table" --splits-out "$splits" \
    > "$work/plan.out" 2>&1 || { cat "$work/plan.out"; echo "FAIL $table: plan"; exit 1; }
  nsplits=$(ls "$splits"/*.thrift | wc -l)
  for shard in 0 1; do
    "$HOST" --bootstrap "$bootstrap" --readers 2 --shard "$shard/2" "$splits" > "$work/host$shard.json" \
      || { echo "FAIL $table: host shard $shard"; exit 1; }
  done
  ours="$(python3 - "$work/host0.json" "$work/host1.json" <<'PY'
import json, sys
M = (1 << 64) - 1
a, b = (json.load(open(p)) for p in sys.argv[1:3])
print(a["rows"] + b["rows"], a["id_count"] + b["id_count"], (a["id_sum"] + b["id_sum"]) & M,
      (a["id_hash_sum"] + b["id_hash_sum"]) & M)
PY
)"
  "$CLI" --bootstrap "$bootstrap" --format jsonl -e "SELECT * FROM $table" > "$work/select.jsonl"
  single="$(checksum "$work/select.jsonl" "")"
  if [[ "$table" == fn_lake.pk ]]; then java_file="$DIR/rows/$table.state.jsonl"; else java_file="$DIR/rows/$table.jsonl"; fi
  java="$(checksum "$java_file" row)"
  echo "$table: $nsplits splits; hosts (rows ids sum hash): $ours; SELECT: $single; Java: $java"
  echo "  host 0: $(cat "$work/host0.json")"
  echo "  host 1: $(cat "$work/host1.json")"
  if [[ "$ours" != "$single" || "$ours" != "$java" ]]; then
    echo "FAIL $table: the hosts' union differs from the single SELECT or the Java client"
    fail=1
  fi
  if [[ "$nsplits" -lt 2 ]]; then echo "FAIL $table: fewer than 2 splits"; fail=1; fi
done
# The memory hook through the C ABI: a log read of fn_types.log_big under a
# 4 MiB budget allocates through the host's counting hook, stays under the
# budget, gives everything back and returns the Java client's rows; a hook
# that refuses (the host's limit) fails the split with ResourceExhausted
# naming it, without aborting.
big="$work/log_big"
"$CLI" --bootstrap "$bootstrap" --tier log plan -e "SELECT * FROM fn_types.log_big" --splits-out "$big" > /dev/null
"$HOST" --bootstrap "$bootstrap" --readers 8 --budget 4194304 "$big" > "$work/big.json" || { echo "FAIL log_big: host"; fail=1; }
java_rows="$(grep -c . "$DIR/rows/fn_types.log_big.jsonl")"
echo "fn_types.log_big under a 4 MiB budget: $(cat "$work/big.json"); Java rows: $java_rows"
python3 - "$work/big.json" "$java_rows" <<'PY' || fail=1
import json, sys
r = json.load(open(sys.argv[1]))
problems = []
if r["rows"] != int(sys.argv[2]): problems.append("rows %d != Java's %s" % (r["rows"], sys.argv[2]))
if not 0 < r["hook_peak_bytes"] <= 4194304: problems.append("hook peak %d not in (0, budget]" % r["hook_peak_bytes"])
if r["hook_outstanding_bytes"] != 0: problems.append("%d bytes never released" % r["hook_outstanding_bytes"])
for p in problems: print("FAIL log_big:", p)
sys.exit(1 if problems else 0)
PY
if "$HOST" --bootstrap "$bootstrap" --readers 2 --budget 4194304 --fail-over 100000 "$big" > /dev/null 2> "$work/refused.err"; then
  echo "FAIL log_big: a refusing hook did not fail the read"; fail=1
elif ! grep -q "ResourceExhausted: split LOG_ONLY of table 'fn_types.log_big'" "$work/refused.err"; then
  echo "FAIL log_big: refusal error: $(cat "$work/refused.err")"; fail=1
else
  echo "refusing hook: $(cat "$work/refused.err")"
fi

[[ $fail -eq 0 ]] && echo "host_it: OK"
exit $fail
