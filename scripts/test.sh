#!/usr/bin/env bash
# The test command: installs dependencies, builds, and runs every test —
# unit tests, then integration tests against a real local Fluss cluster that
# the ctest fixture starts and stops. Pass a ctest label to narrow it:
#   scripts/test.sh                    # everything
#   scripts/test.sh unit               # no cluster needed
#   scripts/test.sh --sanitize [label] # the same under ASan + UBSan, built in
#                                      # build-asan/ (no fuzz or bench targets)
# Sanitizer runs stop at the first report (halt_on_error) and check for
# leaks where LeakSanitizer can run (it cannot under ptrace, e.g. some
# containers; the script says when it turns the check off).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
sanitize=0
if [[ "${1:-}" == "--sanitize" ]]; then
  sanitize=1
  shift
fi
label="${1:-}"
if [[ "$sanitize" == 1 ]]; then
  export FN_BUILD_DIR="${FN_BUILD_DIR:-$ROOT/build-asan}"
  export FN_BUILD_TYPE="${FN_BUILD_TYPE:-Debug}"  # -O1 -g1 in sanitizer trees (CMakeLists.txt)
  export FN_CMAKE_ARGS="-DFN_SANITIZE=ON -DFN_BUILD_FUZZ=OFF -DFN_BUILD_BENCH=OFF ${FN_CMAKE_ARGS:-}"
  # Only the unit tests' binaries when only they run (CI time).
  [[ "$label" == "unit" ]] && export FN_NINJA_ARGS="fn_unit_tests ${FN_NINJA_ARGS:-}"
fi
BUILD="${FN_BUILD_DIR:-$ROOT/build}"
"$ROOT/scripts/install-deps.sh"
"$ROOT/testing/build.sh"
"$ROOT/scripts/build.sh"
cd "$BUILD"
jobs=()
if [[ "$sanitize" == 1 ]]; then
  leaks=1
  probe="$(ASAN_OPTIONS=detect_leaks=1 "$BUILD/tests/abi/abi_host_test" 2>&1 || true)"
  if grep -q "LeakSanitizer has encountered a fatal error\|LeakSanitizer does not work" <<< "$probe"; then
    echo "LeakSanitizer cannot run here (ptrace?): leak checks off" >&2
    leaks=0
  fi
  export ASAN_OPTIONS="halt_on_error=1:abort_on_error=0:detect_leaks=$leaks:detect_stack_use_after_return=1:strict_string_checks=1:check_initialization_order=1"
  export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1"
  # Unit tests are independent of each other: run them side by side.
  [[ "$label" == "unit" ]] && jobs=(-j "$(nproc)")
fi
if [[ -n "$label" ]]; then
  ctest --output-on-failure "${jobs[@]}" -L "$label"
else
  ctest --output-on-failure
fi
