#!/usr/bin/env bash
# Installs the Debian 12 packages housim needs (only those missing; run as root) and builds
# housim, its tests and benchmarks into ./build with warnings as errors.
set -euo pipefail
cd "$(dirname "$0")/.."
packages=(build-essential cmake ninja-build git pkg-config
          libeigen3-dev libboost-random-dev libtbb-dev libhdf5-dev libgtest-dev
          libbenchmark-dev librandom123-dev libtomlplusplus-dev libcli11-dev libfmt-dev
          libnlopt-cxx-dev
          chromium python3-h5py python3-matplotlib)  # report and example tests
missing=()
for p in "${packages[@]}"; do
    dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if ((${#missing[@]})); then
    apt-get update
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
fi
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release -DHOUSIM_WERROR=ON
cmake --build build -j "$(nproc)"
