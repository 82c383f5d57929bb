#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (build dir build-fuzz/, -DFAHRAS_FUZZ=ON) and runs each
# for SECONDS (default 60) from a seed corpus (sample_corpus/ for the readers; long, deeply
# nested and operator-rich queries for the query parser), with fuzz/<target>.dict as the
# libFuzzer dictionary when there is one, keeping what it finds in build-fuzz/corpus/<target>/
# and crashes in build-fuzz/crashes/.
# Usage: scripts/fuzz.sh [SECONDS] [TARGET...]       (targets: fuzz_normalize fuzz_readers
#                                                     fuzz_query_parser)
#        scripts/fuzz.sh --run-only BINARY SECONDS   (one target already built: ctest smoke)
#
# Two kinds of run:
# - the CI smoke run, scripts/test.sh: 3 s per target with a fixed seed, from the seeds only
#   (ctest runs the same with --run-only); it catches a crash on the seeds, not much more;
# - the long run, before a release or after a change to a parser or reader, niced, on an
#   otherwise idle machine (the corpus in build-fuzz/corpus/ grows from run to run):
#       nice -n 10 scripts/fuzz.sh 1800                      # 30 minutes per target
#       nice -n 10 scripts/fuzz.sh 1800 fuzz_query_parser    # one target
#   A crash leaves its input in build-fuzz/crashes/<target>/; replay it with
#   build-fuzz/fuzz/<target> <file>, then add it as a test.
# Exit status: 0 no crash, 1 a crash (its input is saved), 2 clang or the build is missing.
set -uo pipefail
cd "$(dirname "$0")/.."
SRC=$PWD

seed_corpus() {  # seed_corpus TARGET DIR: a few real inputs to start from, (re)written each
  local target=$1 dir=$2  # run under fixed names, so a corpus grown by earlier runs keeps them
  mkdir -p "$dir"
  case "$target" in
    *readers*)
      for f in "$SRC"/sample_corpus/seeds/*.txt; do { printf '\0'; head -c 3000 "$f"; } > "$dir/txt-$(basename "$f")"; done
      { printf '\2'; head -n 3 "$SRC"/sample_corpus/ant/BBC.jsonl; } > "$dir/jsonl" ;;
    *query*)
      printf '%s' '"وزير الدفاع" AND (سوريا OR روسيا) -title:x source:bbc' > "$dir/q1"
      printf '%s' '=مسؤول +حلب «الأمم المتحدة»' > "$dir/q2"
      printf '%s' 'اقتصا* NEAR/3 نفط title:سوري* NEAR الحرب * -date:2015-09..2015-10' > "$dir/q3"
      # Nesting at the limit (max_query_nesting, 100) and past it; and far past it, where a
      # recursive parser without the bound overflowed its stack.
      local depth
      for depth in 100 101 3000; do
        { printf '(%.0s' $(seq "$depth"); printf 'سوريا'; printf ')%.0s' $(seq "$depth"); } \
          > "$dir/nested-$depth"
      done
      { printf -- '-(a OR (b NEAR c) %.0s' $(seq 200); printf 'x'; printf ')%.0s' $(seq 200); } \
        > "$dir/nested-mixed"
      # Long queries: near the length limit (max_query_bytes, 64 KiB), of every construct.
      local i
      for i in $(seq 900); do printf '"مسؤول رفيع" OR اقتصا* NEAR/2 =وزير -source:bbc (x AND y) '; done \
        | head -c 65000 > "$dir/long-mixed"
      for i in $(seq 4000); do printf 'الاقتصاد في '; done | head -c 60000 > "$dir/long-words"
      printf '«%s' "$(head -c 30000 < "$dir/long-words")" > "$dir/long-unclosed-quote" ;;
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
  local dict="$SRC/fuzz/$(basename "$bin").dict"
  [ -f "$dict" ] && seed+=(-dict="$dict")
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
targets=("$@"); [ ${#targets[@]} -eq 0 ] && targets=(fuzz_normalize fuzz_readers fuzz_query_parser)
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
