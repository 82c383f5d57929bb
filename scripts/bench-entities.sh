#!/usr/bin/env bash
# Cost of entity extraction at indexing time (docs/ENTITIES.md, "Indexing cost"): user CPU
# seconds of fahras-index over the same articles with --no-entities, --no-tagger and the
# default (gazetteer + cues + tagger), ROUNDS rounds back to back, each into a fresh database.
# Usage: scripts/bench-entities.sh [ARTICLES] [ROUNDS]   (defaults 2000, 2)
# Input: every 4th article of ../shared/data/ant_corpus/ant_v2.1_multisource.jsonl.gz, the
# first ARTICLES of them. Build: $FAHRAS_BUILD_DIR (default build-release, Release).
set -euo pipefail
cd "$(dirname "$0")/.."

SHARED=${FAHRAS_SHARED_DATA:-../shared/data}
ARTICLES=${1:-2000}
ROUNDS=${2:-2}
BUILD_DIR=${FAHRAS_BUILD_DIR:-build-release}

if [[ ! -x "$BUILD_DIR/indexer/fahras-index" ]]; then
  cmake -S . -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build "$BUILD_DIR" -j2 --target fahras-index >/dev/null
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/in"
# head closes the pipe early: zcat's SIGPIPE is not an error here.
set +o pipefail
zcat "$SHARED/ant_corpus/ant_v2.1_multisource.jsonl.gz" | awk 'NR % 4 == 1' |
  head -n "$ARTICLES" > "$work/in/articles.jsonl"
set -o pipefail
[[ -s "$work/in/articles.jsonl" ]] || { echo "bench-entities.sh: no articles read" >&2; exit 1; }
for round in $(seq 1 "$ROUNDS"); do
  for mode in --no-entities --no-tagger default; do
    opt=()
    [[ $mode != default ]] && opt=("$mode")
    rm -rf "$work/db"
    /usr/bin/time -f "round $round ${mode#--}: %U s user, %S s sys, %e s wall" \
      "$BUILD_DIR/indexer/fahras-index" --db "$work/db" --quiet --no-progress "${opt[@]}" \
      "$work/in" 2>&1 | tail -1
  done
done
