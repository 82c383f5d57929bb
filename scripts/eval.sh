#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Retrieval quality of Fahras on the dev sets (docs/QUALITY.md).
#
#   scripts/eval.sh [--reindex] [--name NAME] [--base RUN_NAME] [-- fahras-query options...]
#
# 1. Builds fahras-index and fahras-query in release mode (build-release/).
# 2. Builds the dev index once: the 216 Wikipedia paragraphs of retrieval_dev plus every news
#    article of ../shared/data (72,850 documents). It is cached in $FAHRAS_EVAL_DIR (default
#    build-release/eval) and rebuilt when fahras-index or an input changed, or with --reindex.
# 3. Runs the 648 dev questions and the known-item task (500 news titles → their article,
#    drawn with a fixed seed) with `fahras-query --batch --format trec --limit 100` and the
#    options after `--` (e.g. `-- --match any`, `-- --ranking k1=1.2`).
# 4. Prints nDCG@10, MRR@10, R@100 (dev) and MRR@10, S@1, S@10 (known-item). With
#    --base NAME, compares against the runs saved under NAME: per-query wins/losses and a
#    paired randomization test (10,000 rounds, fixed seed).
# Runs are kept as $FAHRAS_EVAL_DIR/runs/NAME.{dev,ki}.trec (NAME defaults to "current").
set -euo pipefail

SRC=$(cd "$(dirname "$0")/.." && pwd)
SHARED=${FAHRAS_SHARED_DIR:-$SRC/../shared}
DATA=$SHARED/data
BUILD=${FAHRAS_RELEASE_BUILD:-$SRC/build-release}
WORK=${FAHRAS_EVAL_DIR:-$BUILD/eval}
EVAL="python3 $SRC/scripts/fahras_eval.py"
KI_N=${FAHRAS_KI_N:-500}
KI_SEED=${FAHRAS_KI_SEED:-7}

reindex=0 name=current base=""
while [ $# -gt 0 ]; do
  case $1 in
    --reindex) reindex=1; shift;;
    --name) name=$2; shift 2;;
    --base) base=$2; shift 2;;
    --) shift; break;;
    -h|--help) sed -n '3,19p' "$0"; exit 0;;
    *) echo "eval.sh: unknown option $1 (see --help)" >&2; exit 2;;
  esac
done
query_options=("$@")

DEV=$DATA/retrieval_dev
inputs=("$DEV/documents.jsonl" "$DATA"/ant_corpus/*.jsonl.gz "$DATA/saudinewsnet/saudinewsnet.jsonl.gz")
for f in "${inputs[@]}" "$DEV/queries.tsv" "$DEV/qrels.txt"; do
  [ -f "$f" ] || { echo "eval.sh: missing $f (the dev sets live in ../shared/data)" >&2; exit 2; }
done

echo "== build (release) in $BUILD" >&2
if [ ! -f "$BUILD/CMakeCache.txt" ]; then
  # No -Werror here: GCC 12 -O3 gives false -Wrestrict warnings inside libstdc++.
  cmake -S "$SRC" -B "$BUILD" -DCMAKE_BUILD_TYPE=Release -DFAHRAS_BUILD_TESTS=OFF >/dev/null
fi
cmake --build "$BUILD" -j2 --target fahras-index fahras-query >/dev/null
INDEX=$BUILD/indexer/fahras-index
QUERY=$BUILD/query/fahras-query

mkdir -p "$WORK/runs"
DB=$WORK/db
# The stamp names the indexer binary and every input with its size and mtime.
stamp=$( { sha256sum "$INDEX"; stat -c '%n %s %Y' "${inputs[@]}"; } | sha256sum | cut -c1-16)
if [ $reindex = 1 ] || [ ! -f "$WORK/db.stamp" ] || [ "$(cat "$WORK/db.stamp")" != "$stamp" ]; then
  echo "== indexing 72,850 documents into $DB (a few minutes)" >&2
  rm -rf "$DB" "$WORK/db.stamp"
  start=$(date +%s)
  # Exit 1 is expected: SaudiNewsNet has a few hundred articles with neither title nor body.
  "$INDEX" --db "$DB" --quiet "${inputs[@]}" 2> "$WORK/index.err" || [ $? -eq 1 ]
  echo "   $(grep -c ': error: ' "$WORK/index.err") input records rejected (see $WORK/index.err)" >&2
  echo "   indexed in $(( $(date +%s) - start )) s" >&2
  echo "$stamp" > "$WORK/db.stamp"
fi

KI=$WORK/ki-n$KI_N-s$KI_SEED
if [ ! -f "$KI.qrels" ]; then
  $EVAL knownitem "$KI" "$DATA"/ant_corpus/*.jsonl.gz "$DATA/saudinewsnet/saudinewsnet.jsonl.gz" \
    --n "$KI_N" --seed "$KI_SEED"
fi

run() {  # run QUERIES OUT
  "$QUERY" --db "$DB" --batch --format trec --limit 100 --latency "${query_options[@]}" \
    < "$1" > "$2" 2> "$2.err" || [ $? -eq 1 ]
  grep -v '^LATENCY_MS' "$2.err" >&2 || true
  grep '^LATENCY_MS' "$2.err" | sed 's/^/   /' >&2 || true
}
echo "== runs ($name): ${query_options[*]:-defaults}" >&2
run "$DEV/queries.tsv" "$WORK/runs/$name.dev.trec"
run "$KI.queries.tsv" "$WORK/runs/$name.ki.trec"

printf 'dev (648 questions)  ' ; $EVAL evaluate "$DEV/qrels.txt" "$WORK/runs/$name.dev.trec"
printf 'known-item (%d)     ' "$KI_N"
$EVAL evaluate "$KI.qrels" "$WORK/runs/$name.ki.trec" --metrics MRR@10,S@1,S@10
if [ -n "$base" ]; then
  echo "-- dev: $name vs $base"
  $EVAL compare "$DEV/qrels.txt" "$WORK/runs/$base.dev.trec" "$WORK/runs/$name.dev.trec"
  echo "-- known-item: $name vs $base"
  $EVAL compare "$KI.qrels" "$WORK/runs/$base.ki.trec" "$WORK/runs/$name.ki.trec" \
    --metrics MRR@10,S@1,S@10
fi
