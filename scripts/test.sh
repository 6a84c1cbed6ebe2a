#!/usr/bin/env bash
# The test command: installs dependencies, builds, and runs every test —
# unit tests, then integration tests against a real local Fluss cluster that
# the ctest fixture starts and stops. Pass a ctest label to narrow it:
#   scripts/test.sh            # everything
#   scripts/test.sh unit       # no cluster needed
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD="${FN_BUILD_DIR:-$ROOT/build}"
"$ROOT/scripts/install-deps.sh"
"$ROOT/testing/build.sh"
"$ROOT/scripts/build.sh"
label="${1:-}"
cd "$BUILD"
if [[ -n "$label" ]]; then
  ctest --output-on-failure -L "$label"
else
  ctest --output-on-failure
fi
