#!/usr/bin/env bash
# Builds the Java test tooling. Idempotent: does nothing if target/ is newer than
# pom.xml and every source file. Quiet on success; prints Maven output on failure.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$HERE"
STAMP=target/.build-stamp

if [[ -f "$STAMP" && -f target/classpath.txt ]] &&
   [[ -z "$(find pom.xml src tiering/pom.xml tiering/src -newer "$STAMP" -print -quit)" ]]; then
  exit 0
fi

prop() { sed -n "s:.*<$1>\\(.*\\)</$1>.*:\\1:p" pom.xml | head -1; }
FLUSS_VERSION="$(prop fluss.version)"
LOG="$(mktemp)"
trap 'rm -f "$LOG"' EXIT
run() { if ! "$@" >"$LOG" 2>&1; then cat "$LOG" >&2; echo "build.sh: FAILED: $*" >&2; exit 1; fi; }

# fluss-lake-paimon's parent POM is missing from Maven Central, so fetch the jar alone.
# (maven-dependency-plugin 2.8 `get`, run outside this project, tolerates the broken POM.)
EXT="target/extlib/fluss-lake-paimon-${FLUSS_VERSION}.jar"
if [[ ! -s "$EXT" ]]; then
  mkdir -p target/extlib
  TMPD="$(mktemp -d)"
  (cd "$TMPD" && run mvn -B -q org.apache.maven.plugins:maven-dependency-plugin:2.8:get \
      -Dartifact="org.apache.fluss:fluss-lake-paimon:${FLUSS_VERSION}" -Dtransitive=false \
      -Ddest="$HERE/$EXT.tmp")
  rm -rf "$TMPD"
  mv "$EXT.tmp" "$EXT"
fi

run mvn -B -q -DskipTests package dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
# The lake tiering job (Flink MiniCluster) has its own class path (see tiering/pom.xml);
# versions are the ones recorded in ./pom.xml.
VERSIONS=(-Dfluss.version="$FLUSS_VERSION" -Dpaimon.version="$(prop paimon.version)"
          -Dhadoop.version="$(prop hadoop.version)" -Dlog4j.version="$(prop log4j.version)")
(cd tiering && run mvn -B -q -DskipTests "${VERSIONS[@]}" \
    package dependency:build-classpath -Dmdep.outputFile=target/classpath.txt)
rm -rf target/cds # class-data-sharing archives are only valid for the exact jars they saw
touch "$STAMP"
