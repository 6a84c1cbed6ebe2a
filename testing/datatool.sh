#!/usr/bin/env bash
# Runs the Java data tool: datatool.sh <subcommand> --bootstrap H:P [...]  (see README.md)
# Env: DATATOOL_JVM_OPTS (extra JVM flags), FLUSS_CDS=0 (disable class-data sharing).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
"$HERE/build.sh"

# JVM class-data-sharing archive: recorded by the first successful write/dump-* run,
# then reused (saves ~1.5 s per invocation). build.sh deletes it when jars change.
CDS="$HERE/target/cds/datatool.jsa" CDS_OPTS=() RECORD=""
if [[ "${FLUSS_CDS:-1}" == 1 ]]; then
  if [[ -s "$CDS" ]]; then
    CDS_OPTS=(-XX:SharedArchiveFile="$CDS")
  elif [[ "${1:-}" =~ ^(write|dump-rows|dump-state|dump-meta)$ ]]; then
    mkdir -p "$HERE/target/cds"
    RECORD="$HERE/target/cds/.datatool.$$.jsa"
    CDS_OPTS=(-XX:ArchiveClassesAtExit="$RECORD")
  fi
fi

rc=0
# -Xlog: JVM warnings go to stderr, never into stdout (which may carry JSON output)
java -Xmx1g -XX:+UseSerialGC -XX:TieredStopAtLevel=1 \
  -Xlog:disable -Xlog:all=warning,cds*=off:stderr "${CDS_OPTS[@]}" \
  --add-opens=java.base/java.nio=ALL-UNNAMED \
  -Dlog4j2.configurationFile="$HERE/src/main/resources/log4j2-tool.properties" \
  ${DATATOOL_JVM_OPTS:-} \
  -cp "$HERE/target/fluss-native-testing.jar:$(cat "$HERE/target/classpath.txt")" \
  io.flussnative.testing.DataTool "$@" || rc=$?

if [[ -n "$RECORD" ]]; then
  [[ $rc == 0 && -s "$RECORD" ]] && mv -n "$RECORD" "$CDS"
  rm -f "$RECORD"
fi
exit $rc
