#!/usr/bin/env bash
# Self-test of the pypaimon oracle without a Fluss cluster: writes a temp
# Paimon warehouse with pypaimon (append table with every type, primary-key
# tables with updates/deletes over several commits), dumps it with
# dump_lake.py and compares against literal expectations.
#   testing/oracles/pypaimon/selftest.sh [PYTHON]
# Needs the packages of tests/requirements.txt (pypaimon, pyarrow).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
py="${1:-${PYTHON:-python3}}"
tmp="$(mktemp -d "${TMPDIR:-/tmp}/pypaimon-selftest.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
"$py" "$here/selftest.py" "$tmp"
