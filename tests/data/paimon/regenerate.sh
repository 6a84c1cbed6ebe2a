#!/bin/sh
# Rebuilds the Paimon fixtures with Paimon Java 1.3.1 (see GenPaimonFixtures.java).
# Only table metadata is kept (snapshots, schemas, manifests, index files):
# the unit tests read manifests and deletion vectors, not data files.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
wh=$(mktemp -d)
java -cp "$(cat "$root/testing/target/classpath.txt")" "$here/GenPaimonFixtures.java" "$wh"
for t in "$wh"/db.db/*; do
  name=$(basename "$t")
  rm -rf "$here/$name"
  for d in snapshot schema manifest index; do
    [ -d "$t/$d" ] || continue
    mkdir -p "$here/$name/$d"
    find "$t/$d" -type f ! -name '.*.crc' -exec cp {} "$here/$name/$d/" \;
  done
done
cp "$wh/expected.json" "$here/expected.json"
rm -rf "$wh"
