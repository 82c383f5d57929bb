#!/usr/bin/env bash
# Installs what is missing, builds, and runs the whole test suite (unit + end-to-end) with ctest.
# Then a short libFuzzer smoke run of the normaliser, reader and query-parser targets
# (scripts/fuzz.sh, clang build in build-fuzz/; FAHRAS_FUZZ_SECONDS per target, default 3, with a fixed seed;
# FAHRAS_SKIP_FUZZ=1 skips it, as does passing ctest arguments, e.g. -R to run a subset).
# Exit status: non-zero on any failure. Usage: scripts/test.sh [ctest args...]
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup.sh
BUILD_DIR=${FAHRAS_BUILD_DIR:-build}
cmake -S . -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DFAHRAS_BUILD_TESTS=ON \
  -DFAHRAS_WARNINGS_AS_ERRORS=ON >/dev/null
cmake --build "$BUILD_DIR" -j"$(nproc)"
(cd "$BUILD_DIR" && ctest --output-on-failure -j"$(nproc)" --timeout 600 "$@")

if [ $# -eq 0 ] && [ "${FAHRAS_SKIP_FUZZ:-0}" != 1 ]; then
  echo "fuzz smoke run: ${FAHRAS_FUZZ_SECONDS:-3} s per target"
  FAHRAS_FUZZ_SEED=${FAHRAS_FUZZ_SEED:-1} scripts/fuzz.sh "${FAHRAS_FUZZ_SECONDS:-3}"
fi
