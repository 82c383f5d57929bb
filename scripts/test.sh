#!/usr/bin/env bash
# Installs what is missing, builds, and runs the whole test suite (unit + end-to-end) with ctest.
# Exit status: non-zero on any failure. Usage: scripts/test.sh [ctest args...]
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup.sh
BUILD_DIR=${FAHRAS_BUILD_DIR:-build}
cmake -S . -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DFAHRAS_BUILD_TESTS=ON \
  -DFAHRAS_WARNINGS_AS_ERRORS=ON >/dev/null
cmake --build "$BUILD_DIR" -j"$(nproc)"
cd "$BUILD_DIR"
ctest --output-on-failure -j"$(nproc)" --timeout 600 "$@"
