#!/usr/bin/env bash
# Fluss's real lake tiering service (a Flink job in a local MiniCluster) for a cluster.sh cluster.
#   tiering.sh start DIR   starts it in the background (DIR/pids/tiering.pid, DIR/logs/tiering.*)
#                          and returns once the Flink job has been submitted
#   tiering.sh stop DIR    stops it (cluster.sh stop DIR stops it too)
# Env: TIERING_JVM_OPTS (extra JVM flags), TIERING_PARALLELISM (default 1),
#      TIERING_POLL_INTERVAL (how often the job asks the coordinator for a table, default 1s),
#      TIERING_START_TIMEOUT (seconds, default 90).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

die() { echo "tiering.sh: $*" >&2; exit 1; }
usage() { die "usage: tiering.sh start DIR | tiering.sh stop DIR"; }

# pid of the recorded tiering JVM if it is still ours (its command line mentions DIR)
live_pid() {
  local pid
  pid=$(cat "$DIR/pids/tiering.pid" 2>/dev/null) || return 1
  [[ -n "$pid" ]] && grep -qaF -- "$DIR/" "/proc/$pid/cmdline" 2>/dev/null && echo "$pid"
}

start() {
  [[ -s "$DIR/bootstrap" ]] || die "$DIR/bootstrap missing (start the cluster first)"
  if live_pid >/dev/null; then die "already running (pid $(live_pid))"; fi
  "$HERE/build.sh"
  local bootstrap warehouse
  bootstrap=$(cat "$DIR/bootstrap")
  warehouse="$DIR/warehouse"
  mkdir -p "$DIR/logs" "$DIR/pids" "$DIR/tiering-tmp"
  : >"$DIR/logs/tiering.out"
  local cp="$HERE/tiering/target/fluss-native-tiering.jar:$(cat "$HERE/tiering/target/classpath.txt")"
  # Flink on Java 17 needs these (same list as Flink's own env.java.opts.all default).
  local opens=()
  local p
  for p in java.lang java.net java.io java.nio sun.nio.ch java.lang.reflect java.text java.time \
           java.util java.util.concurrent java.util.concurrent.atomic java.util.concurrent.locks; do
    opens+=("--add-opens=java.base/$p=ALL-UNNAMED")
  done
  # shellcheck disable=SC2086
  setsid java -Xms64m -Xmx768m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 \
    -Xlog:disable -Xlog:all=warning:stderr "${opens[@]}" \
    --add-exports=java.base/sun.net.util=ALL-UNNAMED \
    -Djava.io.tmpdir="$DIR/tiering-tmp" \
    -Dlog4j2.configurationFile="$HERE/src/main/resources/log4j2-tiering.properties" \
    -Dlog.file="$DIR/logs/tiering.log" \
    -Dtiering.parallelism="${TIERING_PARALLELISM:-1}" \
    ${TIERING_JVM_OPTS:-} -cp "$cp" io.flussnative.tiering.TieringMain \
    --fluss.bootstrap.servers "$bootstrap" \
    --fluss.tiering.poll.table.interval "${TIERING_POLL_INTERVAL:-1s}" \
    --datalake.format paimon \
    --datalake.paimon.metastore filesystem \
    --datalake.paimon.warehouse "$warehouse" \
    >>"$DIR/logs/tiering.out" 2>&1 </dev/null &
  local pid=$!
  echo "$pid" >"$DIR/pids/tiering.pid"
  disown "$pid"
  local end=$((SECONDS + ${TIERING_START_TIMEOUT:-90}))
  until grep -q "^Started Fluss lake tiering" "$DIR/logs/tiering.out"; do
    if ! kill -0 "$pid" 2>/dev/null; then
      tail -n 30 "$DIR/logs/tiering.out" >&2
      die "tiering JVM exited during start-up (see $DIR/logs/tiering.*)"
    fi
    if ((SECONDS >= end)); then
      tail -n 30 "$DIR/logs/tiering.out" >&2
      stop
      die "tiering job not submitted within ${TIERING_START_TIMEOUT:-90}s"
    fi
    sleep 0.2
  done
}

stop() {
  local pid
  pid=$(live_pid) || { rm -f "$DIR/pids/tiering.pid"; return 0; }
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 50); do # up to 5 s for a clean MiniCluster shutdown
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  kill -KILL "$pid" 2>/dev/null || true
  while kill -0 "$pid" 2>/dev/null; do sleep 0.05; done
  rm -f "$DIR/pids/tiering.pid"
}

(($# == 2)) || usage
cmd=$1
DIR=$(realpath -m "$2")
case $cmd in
  start) start ;;
  stop) stop ;;
  *) usage ;;
esac
