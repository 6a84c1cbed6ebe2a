#!/usr/bin/env bash
# Installs the build tree into a temporary prefix (cmake --install) and builds
# a consumer against it twice: with find_package(fluss_native) and with
# pkg-config. Each consumer must build, link and run.
# Usage: check_install.sh BUILD_DIR CONSUMER_SOURCE_DIR
set -euo pipefail
build="$1"
consumer="$2"
tmp="$(mktemp -d "${TMPDIR:-/tmp}/fn-install.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
prefix="$tmp/prefix"
cmake --install "$build" --prefix "$prefix" >"$tmp/install.log" || { cat "$tmp/install.log" >&2; exit 1; }
for f in include/fluss_native/client.h include/fluss_native/host.h; do
  [[ -f "$prefix/$f" ]] || { echo "not installed: $f" >&2; exit 1; }
done
libdir="$(dirname "$(find "$prefix" -name libfluss_native.so -print -quit)")"
[[ -f "$libdir/libfluss_native.so" && -f "$libdir/libfluss_native.a" ]] || { echo "libraries not installed" >&2; exit 1; }

# CMake package.
generator=()
command -v ninja >/dev/null && generator=(-G Ninja)
# Output only when a step fails (ctest shows it).
run_quietly() {
  local log="$tmp/step.log"
  if ! "$@" >"$log" 2>&1; then
    cat "$log" >&2
    echo "failed: $*" >&2
    exit 1
  fi
}
run_quietly cmake -S "$consumer" -B "$tmp/cmake-build" "${generator[@]}" -DCMAKE_PREFIX_PATH="$prefix"
run_quietly cmake --build "$tmp/cmake-build"
"$tmp/cmake-build/consumer"
"$tmp/cmake-build/consumer_static"

# pkg-config (the public headers are C++20).
export PKG_CONFIG_PATH="$libdir/pkgconfig"
flags="$(pkg-config --cflags --libs fluss_native)"
# shellcheck disable=SC2086  # flags are words
c++ -std=c++20 -o "$tmp/pc-consumer" "$consumer/consumer.cc" $flags -Wl,-rpath,"$libdir"
"$tmp/pc-consumer"
echo "installed package consumed with find_package and pkg-config from $prefix"
