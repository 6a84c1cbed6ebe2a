#!/usr/bin/env bash
# Configures and builds fluss-native into build/ (Release with debug info).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD="${FN_BUILD_DIR:-$ROOT/build}"
LAUNCHER=()
# ccache, when present, makes rebuilds in several worktrees cheap.
if command -v ccache >/dev/null; then LAUNCHER=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache); fi
cmake -S "$ROOT" -B "$BUILD" -G Ninja "${LAUNCHER[@]}" -DCMAKE_BUILD_TYPE="${FN_BUILD_TYPE:-RelWithDebInfo}" ${FN_CMAKE_ARGS:-} >/dev/null
ninja -C "$BUILD" ${FN_NINJA_ARGS:-}
