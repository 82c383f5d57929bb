#!/usr/bin/env bash
# Evaluates an NER model (default: the shipped one) on the held-out newswire: the last 20 %
# of the sentences of ../shared/data/ner/anercorp_train.conll (sentences 3187..3983), which
# scripts/train-ner.sh never trains on. Prints conlleval-style exact-span precision, recall
# and F1 per class and micro over PERS, LOC, ORG, plus tagging speed.
# Usage: scripts/eval-ner.sh [MODEL] [RANGE]   (RANGE default 0.8:1)
set -euo pipefail
cd "$(dirname "$0")/.."

SHARED=${FAHRAS_SHARED_DATA:-../shared/data}
MODEL=${1:-data/ner/model.bin.gz}
RANGE=${2:-0.8:1}
BUILD_DIR=${FAHRAS_BUILD_DIR:-build}

cmake -S . -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$BUILD_DIR" -j2 --target fahras-ner-train >/dev/null
"$BUILD_DIR"/tools/fahras-ner-train eval --model "$MODEL" \
  --corpus "$SHARED/ner/anercorp_train.conll@$RANGE"
