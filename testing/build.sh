#!/usr/bin/env bash
# Builds the Java test tooling. Idempotent: does nothing if target/ is newer than
# pom.xml and every source file. Quiet on success; prints Maven output on failure.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$HERE"
STAMP=target/.build-stamp

if [[ -f "$STAMP" && -f target/classpath.txt ]] &&
   [[ -z "$(find pom.xml src -newer "$STAMP" -print -quit)" ]]; then
  exit 0
fi

FLUSS_VERSION="$(sed -n 's:.*<fluss.version>\(.*\)</fluss.version>.*:\1:p' pom.xml | head -1)"
LOG="$(mktemp)"
trap 'rm -f "$LOG"' EXIT
run() { if ! "$@" >"$LOG" 2>&1; then cat "$LOG" >&2; echo "build.sh: FAILED: $*" >&2; exit 1; fi; }

# fluss-lake-paimon's parent POM is missing from Maven Central, so fetch the jar alone.
EXT="target/extlib/fluss-lake-paimon-${FLUSS_VERSION}.jar"
if [[ ! -f "$EXT" ]]; then
  run mvn -B -q org.apache.maven.plugins:maven-dependency-plugin:3.6.1:get \
      -Dartifact="org.apache.fluss:fluss-lake-paimon:${FLUSS_VERSION}" -Dtransitive=false
  REPO="$(mvn -B -q help:evaluate -Dexpression=settings.localRepository -DforceStdout 2>/dev/null || echo "$HOME/.m2/repository")"
  mkdir -p target/extlib
  cp "$REPO/org/apache/fluss/fluss-lake-paimon/${FLUSS_VERSION}/fluss-lake-paimon-${FLUSS_VERSION}.jar" "$EXT"
fi

run mvn -B -q -DskipTests package dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
rm -rf target/cds # class-data-sharing archives are only valid for the exact jars they saw
touch "$STAMP"
