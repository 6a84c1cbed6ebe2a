#!/usr/bin/env bash
# Installs everything fluss-native needs to build and test on a fresh Debian
# (bookworm) machine: the C++ toolchain and libraries, Java and Maven for the
# test cluster, and Python for the oracles. Idempotent and quiet when done.
set -euo pipefail

DEBIAN_PACKAGES=(
  g++ cmake ninja-build pkg-config
  protobuf-compiler libprotobuf-dev
  thrift-compiler libthrift-dev
  flatbuffers-compiler libflatbuffers-dev
  libavro-dev libzstd-dev liblz4-dev libsnappy-dev zlib1g-dev libssl-dev
  libgtest-dev libgmock-dev libbenchmark-dev libcli11-dev libfmt-dev
  nlohmann-json3-dev rapidjson-dev libedit-dev
  openjdk-17-jdk-headless maven python3 python3-pip
)

missing=()
for p in "${DEBIAN_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# A machine image may ship Java or Maven outside Debian's packages.
if command -v java >/dev/null && command -v mvn >/dev/null; then
  missing=("${missing[@]/openjdk-17-jdk-headless}")
  missing=("${missing[@]/maven}")
fi
if command -v python3 >/dev/null && python3 -m pip --version >/dev/null 2>&1; then
  missing=("${missing[@]/python3-pip}")
  missing=("${missing[@]/python3}")
fi
read -r -a missing <<<"${missing[*]}"
if ((${#missing[@]})); then
  SUDO=""
  [[ $(id -u) -eq 0 ]] || SUDO="sudo"
  echo "install-deps: installing ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# Python test oracles, pinned.
if [[ -f "$(dirname "$0")/../tests/requirements.txt" ]]; then
  python3 -m pip install -q --disable-pip-version-check -r "$(dirname "$0")/../tests/requirements.txt"
fi
