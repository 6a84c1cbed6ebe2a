#!/bin/sh
# Rebuilds the schema-evolution fixtures with Paimon Java 1.3.1 (see
# GenEvolution.java): the whole warehouse (data files included, a few KB
# each) and Paimon's own reads in expected/. File names carry random UUIDs,
# so a rebuild changes every file; the tests only depend on the contents.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
[ -f "$root/testing/target/classpath.txt" ] || "$root/testing/build.sh"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
java -cp "$(cat "$root/testing/target/classpath.txt")" "$here/GenEvolution.java" "$out"
# Checksum files and temporary directories are not fixtures.
find "$out" -name '*.crc' -delete
find "$out" -depth -type d \( -name '_temporary' -o -name '.tmp*' \) -exec rm -rf {} +
rm -rf "$here/warehouse" "$here/expected"
cp -R "$out/warehouse" "$out/expected" "$here/"
