#!/usr/bin/env bash
# Configures and builds fluss-native into build/ (Release with debug info).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD="${FN_BUILD_DIR:-$ROOT/build}"
cmake -S "$ROOT" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE="${FN_BUILD_TYPE:-RelWithDebInfo}" ${FN_CMAKE_ARGS:-} >/dev/null
ninja -C "$BUILD" ${FN_NINJA_ARGS:-}
