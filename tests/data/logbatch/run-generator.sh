#!/usr/bin/env bash
# Compiles one log-batch generator together with LogBatchRows.java (the rows
# both generators share) and runs it. Not run in CI.
#   run-generator.sh CLASSPATH_FILE GENERATOR.java OUT_DIR
# CLASSPATH_FILE: the Fluss classpath to build against, one line (0.9.1:
# testing/target/classpath.txt from testing/build.sh; 1.0.0: what
# testing/logstats-golden/regen.sh resolves).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cp="$(cat "$1")"
classes="$(mktemp -d)"
trap 'rm -rf "$classes"' EXIT
javac -nowarn -d "$classes" -cp "$cp" "$2" "$here/LogBatchRows.java"
java --add-opens=java.base/java.nio=ALL-UNNAMED -cp "$classes:$cp" "$(basename "$2" .java)" "$3"
