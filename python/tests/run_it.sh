#!/usr/bin/env bash
# ctest `python_it`: installs the fluss_native package, built on BUILD's
# libfluss_native.so (no second build of the library), into BUILD/python-site
# and runs its pytest suite against the fixture cluster in IT_DIR, with the
# CLI as the oracle of "the same query".
#   run_it.sh BUILD IT_DIR CLI [pytest args...]
set -euo pipefail
BUILD="$1"
IT_DIR="$2"
CLI="$3"
shift 3
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
SITE="$BUILD/python-site"
# --no-build-isolation: nanobind and scikit-build-core come pinned from
# tests/requirements.txt (scripts/install-deps.sh), so no download here.
FLUSS_NATIVE_BUILD_DIR="$BUILD" python3 -m pip install -q --disable-pip-version-check --no-build-isolation \
  --no-deps --upgrade --target "$SITE" --config-settings=build-dir="$BUILD/python-build" "$ROOT/python"
# From tests/: python -m puts the cwd first on sys.path, and python/ holds
# the package sources without their native module.
cd "$ROOT/python/tests"
FN_IT_DIR="$IT_DIR" FN_CLI="$CLI" PYTHONPATH="$SITE" python3 -m pytest -q -p no:cacheprovider . "$@"
