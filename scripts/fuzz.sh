#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (build dir build-fuzz/, -DFAHRAS_FUZZ=ON) and runs each
# for SECONDS (default 60) from a seed corpus made of sample_corpus/, keeping what it finds in
# build-fuzz/corpus/<target>/ and crashes in build-fuzz/crashes/.
# Usage: scripts/fuzz.sh [SECONDS] [TARGET...]       (targets: fuzz_normalize fuzz_readers
#                                                     fuzz_query_parser fuzz_incremental)
#        scripts/fuzz.sh --run-only BINARY SECONDS   (one target already built: ctest smoke)
# Exit status: 0 no crash, 1 a crash (its input is saved), 2 clang or the build is missing.
set -uo pipefail
cd "$(dirname "$0")/.."
SRC=$PWD

seed_corpus() {  # seed_corpus TARGET DIR: a few real inputs to start from
  local target=$1 dir=$2
  mkdir -p "$dir"
  [ -n "$(ls -A "$dir" 2>/dev/null)" ] && return
  case "$target" in
    *readers*)
      for f in "$SRC"/sample_corpus/seeds/*.txt; do { printf '\0'; head -c 3000 "$f"; } > "$dir/txt-$(basename "$f")"; done
      { printf '\2'; head -n 3 "$SRC"/sample_corpus/ant/BBC.jsonl; } > "$dir/jsonl" ;;
    *incremental*)  # change scripts: write, copy, touch, remove, link (fuzz_incremental.cpp)
      printf '\0\0\3\1\2\0\2\0\1\0\1\0\4\0\0\2\0\1\2\1\2' > "$dir/copies"
      printf '\0\3\0\4\0\0\1\3\1\0\4\0\0\4\0' > "$dir/links" ;;
    *query*)
      printf '%s' '"وزير الدفاع" AND (سوريا OR روسيا) -title:x source:bbc' > "$dir/q1"
      printf '%s' '=مسؤول +حلب «الأمم المتحدة»' > "$dir/q2" ;;
    *)
      for f in "$SRC"/sample_corpus/seeds/*.txt; do head -c 3000 "$f" > "$dir/$(basename "$f")"; done ;;
  esac
}

run_one() {  # run_one BINARY SECONDS CORPUS_DIR ARTIFACT_DIR
  local bin=$1 secs=$2 corpus=$3 artifacts=$4
  mkdir -p "$artifacts"
  seed_corpus "$(basename "$bin")" "$corpus"
  # FAHRAS_FUZZ_SEED fixes libFuzzer's random seed (the test suite's smoke run uses 1, so that
  # it explores the same inputs every time); unset: a new seed each run.
  local seed=()
  [ -n "${FAHRAS_FUZZ_SEED:-}" ] && seed=(-seed="$FAHRAS_FUZZ_SEED")
  "$bin" "${seed[@]}" -max_total_time="$secs" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
    -artifact_prefix="$artifacts/" -print_final_stats=1 "$corpus" 2>&1 | tail -n 15
  return "${PIPESTATUS[0]}"
}

if [ "${1:-}" = "--run-only" ]; then
  bin=$2 secs=${3:-3}
  work=$(mktemp -d "${TMPDIR:-/tmp}/fahras-fuzz.XXXXXX"); trap 'rm -rf "$work"' EXIT
  run_one "$bin" "$secs" "$work/corpus" "$work/crashes" || exit 1
  exit 0
fi

secs=${1:-60}; shift || true
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(fuzz_normalize fuzz_readers fuzz_query_parser fuzz_incremental)
if ! command -v clang++ >/dev/null; then echo "fuzz: clang++ not found (scripts/setup.sh)" >&2; exit 2; fi
CXX=clang++ CC=clang cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DFAHRAS_FUZZ=ON \
  -DFAHRAS_BUILD_TESTS=OFF >/dev/null || exit 2
cmake --build build-fuzz -j"$(nproc)" --target "${targets[@]}" || exit 2
status=0
for t in "${targets[@]}"; do
  echo "== $t, $secs s"
  run_one "build-fuzz/fuzz/$t" "$secs" "build-fuzz/corpus/$t" "build-fuzz/crashes/$t" || status=1
done
exit "$status"
