#!/usr/bin/env bash
# The union-read oracle: Fluss's own union read (the Flink connector's BATCH read through Flink
# SQL, lake snapshot + Fluss log tail) of one or more tables, in a local Flink MiniCluster.
#   union-read.sh --bootstrap H:P --table db.t [--out FILE]
#   union-read.sh --bootstrap H:P --tables db.a,db.b --out-dir DIR    (DIR/union.<db.t>.jsonl)
# Env: UNION_READ_JVM_OPTS (extra JVM flags), UNION_READ_LOG (log file, default /dev/null).
# See README.md, "Union-read oracle".
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
"$HERE/build.sh"
cp="$HERE/tiering/target/fluss-native-tiering.jar:$(cat "$HERE/tiering/target/classpath.txt")"
# Flink on Java 17 needs these (same list as Flink's own env.java.opts.all default).
opens=()
for p in java.lang java.net java.io java.nio sun.nio.ch java.lang.reflect java.text java.time \
         java.util java.util.concurrent java.util.concurrent.atomic java.util.concurrent.locks; do
  opens+=("--add-opens=java.base/$p=ALL-UNNAMED")
done
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# shellcheck disable=SC2086
java -Xms64m -Xmx1g -XX:+UseSerialGC -XX:TieredStopAtLevel=1 \
  -Xlog:disable -Xlog:all=warning:stderr "${opens[@]}" \
  --add-exports=java.base/sun.net.util=ALL-UNNAMED \
  -Djava.io.tmpdir="$tmp" \
  -Dlog4j2.configurationFile="$HERE/src/main/resources/log4j2-tiering.properties" \
  -Dlog.file="${UNION_READ_LOG:-/dev/null}" \
  ${UNION_READ_JVM_OPTS:-} -cp "$cp" io.flussnative.tiering.UnionRead "$@"
