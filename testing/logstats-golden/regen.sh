#!/usr/bin/env bash
# Regenerates the Fluss 1.0 test vectors with Fluss 1.0.0's own Java classes
# (fluss-client 1.0.0 from Maven Central). Not run in CI.
#   tests/data/logbatch/v1_stats.{bin,json}        GenV1StatsBatches.java
#   tests/data/logbatch/v10_matrix.{records,json}  GenLogBatchMatrix.java
#   tests/data/rpc10/*                             GenRpc10Vectors.java
# (tests/data/rpc10/api_keys_0_9_1.json is the same ApiKeys table from the
# 0.9.1-incubating client: see tests/data/rpc10/README.md.)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$here"
mvn -q -B dependency:build-classpath -Dmdep.outputFile=cp.txt
run() { java --add-opens=java.base/java.nio=ALL-UNNAMED -cp "$(cat cp.txt)" "$@"; }
run GenV1StatsBatches.java "$root/tests/data/logbatch"
"$root/tests/data/logbatch/run-generator.sh" cp.txt GenLogBatchMatrix.java "$root/tests/data/logbatch"
mkdir -p "$root/tests/data/rpc10"
run GenRpc10Vectors.java "$root/tests/data/rpc10"
