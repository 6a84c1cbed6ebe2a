#!/usr/bin/env bash
# Regenerates tests/data/logbatch/v1_stats.{bin,json} with Fluss 1.0.0's own
# Java classes (fluss-client 1.0.0 from Maven Central). Not run in CI.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$here"
mvn -q -B dependency:build-classpath -Dmdep.outputFile=cp.txt
java --add-opens=java.base/java.nio=ALL-UNNAMED -cp "$(cat cp.txt)" \
    GenV1StatsBatches.java "$root/tests/data/logbatch"
