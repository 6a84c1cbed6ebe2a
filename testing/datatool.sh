#!/usr/bin/env bash
# Runs the Java data tool: datatool.sh <subcommand> --bootstrap H:P [...]  (see README.md)
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
"$HERE/build.sh"
exec java -Xmx1g -XX:+UseSerialGC -XX:TieredStopAtLevel=1 \
  --add-opens=java.base/java.nio=ALL-UNNAMED \
  -Dlog4j2.configurationFile="$HERE/src/main/resources/log4j2-tool.properties" \
  ${DATATOOL_JVM_OPTS:-} \
  -cp "$HERE/target/classes:$(cat "$HERE/target/classpath.txt")" \
  io.flussnative.testing.DataTool "$@"
