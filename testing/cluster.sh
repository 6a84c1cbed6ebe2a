#!/usr/bin/env bash
# Local Fluss cluster for tests, loopback only.
#   cluster.sh start DIR [--tablet-servers N]   -> prints 127.0.0.1:PORT (coordinator)
#   cluster.sh stop DIR                          -> kills everything, deletes DIR
# Env: FLUSS_JVM_OPTS (extra JVM flags), FLUSS_START_TIMEOUT (seconds, default 90),
#      FLUSS_KEEP_FAILED=1 (keep DIR when start fails), FLUSS_CDS=0 (no CDS archives),
#      FLUSS_ZK_SESSION_TIMEOUT_MS (default 20000).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

die() { echo "cluster.sh: $*" >&2; exit 1; }
usage() { die "usage: cluster.sh start DIR [--tablet-servers N] | cluster.sh stop DIR"; }

# Class-data-sharing archives (one per role) cut JVM start-up time. A cluster started while an
# archive is missing runs that role's first process with -XX:+RecordDynamicDumpInfo; `stop`
# then dumps its loaded classes (jcmd VM.cds dynamic_dump) into target/cds/ for later starts.
cds_opts() { # cds_opts ROLE NAME
  local role=$1 name=$2
  [[ "${FLUSS_CDS:-1}" == 1 ]] || return 0
  if [[ -s "$HERE/target/cds/$role.jsa" ]]; then
    echo "-XX:SharedArchiveFile=$HERE/target/cds/$role.jsa"
  elif [[ "$name" == "$role" || "$name" == "$role-0" ]]; then
    mkdir -p "$DIR/cds"
    echo "$name" >>"$DIR/cds/record"
    echo "-XX:+RecordDynamicDumpInfo"
  fi
}

record_cds() { # dump archives of recording processes (see cds_opts); best effort
  local name role pid tmp
  [[ -f "$DIR/cds/record" ]] && command -v jcmd >/dev/null || return 0
  mkdir -p "$HERE/target/cds"
  while read -r name; do
    role=${name%-[0-9]*}
    [[ -e "$HERE/target/cds/$role.jsa" ]] && continue
    pid=$(live_pid "$DIR/pids/$name.pid") || continue
    tmp="$HERE/target/cds/.$role.$$.jsa"
    timeout 60 jcmd "$pid" VM.cds dynamic_dump "$tmp" >/dev/null 2>&1 &&
      [[ -s "$tmp" ]] && mv -n "$tmp" "$HERE/target/cds/$role.jsa"
    rm -f "$tmp"
  done <"$DIR/cds/record"
}

jvm() { # jvm NAME HEAP MAIN ARGS...   (starts a detached JVM, records its pid)
  local name=$1 heap=$2 main=$3; shift 3
  local role=${name%-[0-9]*}
  # shellcheck disable=SC2086
  setsid java -Xms32m -Xmx"$heap" -XX:+UseSerialGC -XX:TieredStopAtLevel=1 \
    -Xlog:disable -Xlog:all=warning,cds*=off:stderr \
    $(cds_opts "$role" "$name") \
    --add-opens=java.base/java.nio=ALL-UNNAMED \
    -Dlog4j2.configurationFile="$HERE/src/main/resources/log4j2-server.properties" \
    -Dlog.file="$DIR/logs/$name.log" -Dzookeeper.admin.enableServer=false \
    ${FLUSS_JVM_OPTS:-} -cp "$CP" "$main" "$@" \
    >"$DIR/logs/$name.out" 2>&1 </dev/null &
  echo $! >"$DIR/pids/$name.pid"
  disown $! # no "Killed" job notices from this shell
}

# pid of a recorded process if it is still ours (its command line mentions DIR)
live_pid() {
  local f=$1 pid
  pid=$(cat "$f" 2>/dev/null) || return 1
  [[ -n "$pid" ]] && grep -qaF -- "$DIR/" "/proc/$pid/cmdline" 2>/dev/null && echo "$pid"
}

kill_all() {
  local f pid pids=()
  [[ -d "$DIR/pids" ]] || return 0
  for f in "$DIR"/pids/*.pid; do
    pid=$(live_pid "$f") && pids+=("$pid")
  done
  ((${#pids[@]})) || return 0
  kill -TERM "${pids[@]}" 2>/dev/null || true
  for _ in $(seq 15); do # up to 1.5 s for a clean exit; DIR is deleted anyway
    local alive=()
    for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null && alive+=("$pid"); done
    ((${#alive[@]})) || return 0
    sleep 0.1
  done
  kill -KILL "${alive[@]}" 2>/dev/null || true
  for pid in "${alive[@]}"; do while kill -0 "$pid" 2>/dev/null; do sleep 0.05; done; done
}

wait_port() { # wait_port PORT SECONDS PIDNAME
  local end=$((SECONDS + $2))
  until (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; do
    ((SECONDS < end)) || return 1
    live_pid "$DIR/pids/$3.pid" >/dev/null || return 1
    sleep 0.05
  done
}

dead_server() { # prints the name of a recorded process that has exited, if any
  local f
  for f in "$DIR"/pids/*.pid; do
    live_pid "$f" >/dev/null || { basename "$f" .pid; return 0; }
  done
  return 1
}

server_yaml() { # server_yaml NAME PORT [TABLET_ID]
  local d="$DIR/conf/$1"
  mkdir -p "$d"
  {
    echo "zookeeper.address: 127.0.0.1:$ZK_PORT"
    echo "zookeeper.path.root: /fluss"
    echo "zookeeper.client.session-timeout: ${ZK_SESSION_MS}ms"
    echo "bind.listeners: FLUSS://127.0.0.1:$2"
    echo "data.dir: $DIR/data/$1"
    echo "remote.data.dir: $DIR/remote"
    echo "default.replication.factor: $RF"
    echo "default.bucket.number: 1"
    echo "log.segment.file-size: 1mb"
    echo "remote.log.task-interval-duration: 5s"
    echo "kv.snapshot.interval: 10s"
    echo "datalake.format: paimon"
    echo "datalake.paimon.metastore: filesystem"
    echo "datalake.paimon.warehouse: $DIR/warehouse"
    echo "server.io-pool.size: 2"
    echo "netty.server.num-network-threads: 2"
    echo "netty.server.num-worker-threads: 4"
    [[ $# -ge 3 ]] && echo "tablet-server.id: $3"
  } >"$d/server.yaml"
  echo "$d"
}

start() {
  local n=2
  while (($#)); do
    case $1 in
      --tablet-servers) n=$2; shift 2 ;;
      *) usage ;;
    esac
  done
  [[ -e "$DIR" && -n "$(ls -A "$DIR" 2>/dev/null)" ]] && die "$DIR exists and is not empty"
  local t0=$SECONDS t0ms; t0ms=$(date +%s%3N)
  "$HERE/build.sh"
  CP="$HERE/target/fluss-native-testing.jar:$(cat "$HERE/target/classpath.txt")"
  mkdir -p "$DIR"/{logs,pids,conf,data,remote,warehouse}
  trap 'on_fail' ERR

  # free loopback ports: ZK, coordinator, tablet servers
  local ports
  ports=$(python3 - "$((n + 2))" <<'PY'
import socket, sys
socks = []
for _ in range(int(sys.argv[1])):
    s = socket.socket(); s.bind(("127.0.0.1", 0)); socks.append(s)
print(" ".join(str(s.getsockname()[1]) for s in socks))
PY
)
  read -r ZK_PORT CO_PORT TS_PORTS <<<"$ports"
  read -r -a TS_PORTS <<<"$TS_PORTS"
  RF=1; ((n >= 2)) && RF=2
  # ZK session timeout = how long until a kill -9'ed server is declared dead; too small and
  # servers on a CPU-starved box lose their session and exit.
  ZK_SESSION_MS=${FLUSS_ZK_SESSION_TIMEOUT_MS:-20000}

  cat >"$DIR/conf/zoo.cfg" <<CFG
tickTime=1000
maxSessionTimeout=$ZK_SESSION_MS
initLimit=10
syncLimit=5
dataDir=$DIR/data/zookeeper
clientPort=$ZK_PORT
clientPortAddress=127.0.0.1
maxClientCnxns=0
admin.enableServer=false
4lw.commands.whitelist=ruok
CFG
  mkdir -p "$DIR/data/zookeeper"
  # ZK and the Fluss servers start concurrently: the servers' ZK clients retry until ZK is up,
  # and ZK is listening long before the Fluss JVMs have loaded their classes.
  jvm zookeeper 128m org.apache.zookeeper.server.ZooKeeperServerMain "$DIR/conf/zoo.cfg"

  jvm coordinator 512m org.apache.fluss.server.coordinator.CoordinatorServer \
    --configDir "$(server_yaml coordinator "$CO_PORT")"
  local i
  for ((i = 0; i < n; i++)); do
    jvm "tablet-$i" 512m org.apache.fluss.server.tablet.TabletServer \
      --configDir "$(server_yaml "tablet-$i" "${TS_PORTS[$i]}" "$i")"
  done

  local timeout=${FLUSS_START_TIMEOUT:-90}
  local probe_cds=()
  [[ "${FLUSS_CDS:-1}" == 1 && -s "$HERE/target/cds/datatool.jsa" ]] &&
    probe_cds=(-XX:SharedArchiveFile="$HERE/target/cds/datatool.jsa")
  java -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 \
    -Xlog:disable -Xlog:all=warning,cds*=off:stderr "${probe_cds[@]}" \
    -Dlog4j2.configurationFile="$HERE/src/main/resources/log4j2-tool.properties" \
    -cp "$CP" io.flussnative.testing.DataTool wait-ready --bootstrap "127.0.0.1:$CO_PORT" \
    --tablet-servers "$n" --timeout "$((timeout - (SECONDS - t0)))" >"$DIR/logs/wait-ready.out" 2>&1 &
  local probe=$! dead rc=0
  while kill -0 "$probe" 2>/dev/null; do
    if dead=$(dead_server); then
      kill "$probe" 2>/dev/null; wait "$probe" 2>/dev/null || true
      fail "process '$dead' exited during startup (see $DIR/logs/$dead.*)"
    fi
    sleep 0.1
  done
  wait "$probe" || rc=$?
  ((rc == 0)) || fail "cluster not ready within ${timeout}s ($(tail -n1 "$DIR/logs/wait-ready.out"))"

  {
    echo "{"
    echo "  \"bootstrap\": \"127.0.0.1:$CO_PORT\","
    echo "  \"dir\": \"$DIR\","
    echo "  \"zookeeper\": {\"host\": \"127.0.0.1\", \"port\": $ZK_PORT, \"pid\": $(cat "$DIR/pids/zookeeper.pid")},"
    echo "  \"coordinator\": {\"host\": \"127.0.0.1\", \"port\": $CO_PORT, \"pid\": $(cat "$DIR/pids/coordinator.pid")},"
    echo "  \"tablet_servers\": ["
    for ((i = 0; i < n; i++)); do
      local sep=","; ((i == n - 1)) && sep=""
      echo "    {\"id\": $i, \"name\": \"tablet-$i\", \"host\": \"127.0.0.1\", \"port\": ${TS_PORTS[$i]}, \"pid\": $(cat "$DIR/pids/tablet-$i.pid")}$sep"
    done
    echo "  ],"
    echo "  \"replication_factor\": $RF,"
    echo "  \"paimon_warehouse\": \"$DIR/warehouse\","
    echo "  \"remote_data_dir\": \"$DIR/remote\","
    echo "  \"startup_ms\": $(($(date +%s%3N) - t0ms))"
    echo "}"
  } >"$DIR/cluster.json"
  echo "127.0.0.1:$CO_PORT" >"$DIR/bootstrap"
  trap - ERR
  echo "127.0.0.1:$CO_PORT"
}

on_fail() { fail "unexpected error (see $DIR/logs)"; }

fail() {
  trap - ERR
  echo "cluster.sh: start FAILED: $*" >&2
  local f
  for f in "$DIR"/logs/*.log "$DIR"/logs/*.out; do
    [[ -s "$f" ]] || continue
    echo "---- tail $f" >&2
    tail -n 15 "$f" >&2
  done
  kill_all
  if [[ "${FLUSS_KEEP_FAILED:-0}" != 1 ]]; then rm -rf "$DIR"; fi
  exit 1
}

stop() {
  [[ -d "$DIR" ]] || return 0
  record_cds
  kill_all
  rm -rf "$DIR"
}

(($# >= 2)) || usage
cmd=$1
DIR=$(realpath -m "$2")
shift 2
case $cmd in
  start) start "$@" ;;
  stop) (($# == 0)) || usage; stop ;;
  *) usage ;;
esac
