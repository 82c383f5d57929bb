#!/usr/bin/env bash
# Evaluates an NER model (default: the shipped one) on the held-out newswire: the last 20 %
# of the sentences of ../shared/data/ner/anercorp_train.conll (sentences 3187..3983), which
# scripts/train-ner.sh never trains on. Prints conlleval-style exact-span precision, recall
# and F1 per class and micro over PERS, LOC, ORG, plus tagging speed:
#   1. the tagger alone;
#   2. the whole extractor as indexing runs it (gazetteer, spelling variants, context cues,
#      tagger spans, surnames; docs/ENTITIES.md), with the shipped gazetteer minus its rows
#      mined from ANERcorp (they come from the whole train split, held-out part included);
#   3. the same without the tagger (fahras-index --no-tagger).
# Tagger and extractor are also scored with 10 consecutive sentences as one text (ANERcorp
# has no article boundaries), closer to the articles indexing sees.
# Usage: scripts/eval-ner.sh [MODEL] [RANGE]   (RANGE default 0.8:1)
set -euo pipefail
cd "$(dirname "$0")/.."

SHARED=${FAHRAS_SHARED_DATA:-../shared/data}
MODEL=${1:-data/ner/model.bin.gz}
RANGE=${2:-0.8:1}
BUILD_DIR=${FAHRAS_BUILD_DIR:-build}

cmake -S . -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$BUILD_DIR" -j2 --target fahras-ner-train >/dev/null
TOOL="$BUILD_DIR"/tools/fahras-ner-train
CORPUS="$SHARED/ner/anercorp_train.conll@$RANGE"

echo "== tagger"
"$TOOL" eval --model "$MODEL" --corpus "$CORPUS"
echo "== tagger, 10 consecutive sentences as one text (what a two-pass model aggregates over)"
"$TOOL" eval --model "$MODEL" --corpus "$CORPUS" --window 10

extractor() {
  "$TOOL" eval-extractor --model "$MODEL" --corpus "$CORPUS" \
    --gazetteer data/gazetteer/curated.tsv \
    --gazetteer data/gazetteer/gazetteer-odbl.tsv \
    --gazetteer data/gazetteer/gazetteer-ccbysa.tsv \
    --common-words data/gazetteer/common-words.txt \
    --exclude-source ANERcorp "$@"
}
echo "== extractor (gazetteer without ANERcorp rows + cues + tagger)"
extractor
echo "== extractor, 10 consecutive sentences as one text (--window 10)"
extractor --window 10
echo "== extractor without the tagger (--no-tagger)"
extractor --no-tagger
