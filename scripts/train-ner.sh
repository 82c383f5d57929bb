#!/usr/bin/env bash
# Trains the shipped NER model data/ner/model.bin.gz from ../shared/data (docs/NER.md).
# Deterministic: the same data and code give the same model. Never trains on the held-out
# newswire (the last 20 % of the ANERcorp train split's sentences, see scripts/eval-ner.sh).
# Usage: scripts/train-ner.sh [OUT] [extra fahras-ner-train train options...]
set -euo pipefail
cd "$(dirname "$0")/.."

SHARED=${FAHRAS_SHARED_DATA:-../shared/data}
OUT=${1:-data/ner/model.bin.gz}
shift || true
BUILD_DIR=${FAHRAS_BUILD_DIR:-build}

cmake -S . -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$BUILD_DIR" -j2 --target fahras-ner-train

G=$SHARED/gazetteer
"$BUILD_DIR"/tools/fahras-ner-train train \
  --corpus "$SHARED/ner/anercorp_train.conll@0:0.8" \
  --gazetteer "$G/countries_mledoze.tsv" \
  --gazetteer "$G/cities_geonames_100k.tsv" \
  --gazetteer-no-cities "$G/places_dr5hn.tsv" \
  --gazetteer "$G/wikifane_entities.tsv" \
  --name-words "$SHARED/names/wikidata_person_name_tokens_train.tsv" \
  --foreign-words "$SHARED/names/google_ar2en_train.tsv" \
  --word-counts "$SHARED/ant_corpus/ant_v2.1_multisource.jsonl.gz" \
  --word-counts "$SHARED/ant_corpus/ant_v1.1_jawharafm.jsonl.gz" \
  --filter-lists 2 --folds 5 --epochs 10 --min-count 2 --prune 0.5 \
  --out "$OUT" "$@"
ls -l "$OUT"
