#!/usr/bin/env bash
# Trains the shipped NER model data/ner/model.bin.gz from ../shared/data (docs/NER.md).
# Deterministic: the same data and code give the same model. Never trains on the held-out
# newswire (the last 20 % of the ANERcorp train split's sentences, see scripts/eval-ner.sh).
# Usage: scripts/train-ner.sh [OUT] [extra fahras-ner-train train options...]
# Two passes (docs/NER.md, "Two passes"): the first-pass labels the second pass learns from
# come from a jackknife over 5 contiguous parts; 10 consecutive sentences count as one article.
# Bagged (docs/NER.md, row 44): every perceptron (first pass, jackknife models, second pass) is
# the mean of 5 trained with shuffling seeds s .. s+4.
# Word clusters (docs/NER.md, row 46): the 20,000 most frequent words of the ANT news clustered
# by their fastText skip-gram vectors (Debian package fasttext, training only; one thread and a
# fixed seed, so the vectors are reproducible), learnt from the folded text `words` prints.
#
# Licensing: the model embeds word lists and weights derived from the sources below, so it is
# an adaptation of all of them and one licence must cover it: CC BY-SA 4.0 (data/LICENSES.md).
# Only sources whose licence is compatible with that may be used. Allowed sources:
#
#   ner/anercorp_train.conll (sentences 0-80 %)    CC BY-SA 4.0  training data + mentions
#   gazetteer/wikifane_entities.tsv                CC BY-SA 3.0  (BY-SA 3.0 -> 4.0 adaptation
#                                                                 allowed by CC's compatibility rules)
#   gazetteer/cities_geonames_100k.tsv             CC BY         (attribute www.geonames.org)
#   names/wikidata_person_name_tokens_train.tsv    CC0 1.0
#   names/google_ar2en_train.tsv                   Apache-2.0
#   ant_corpus/*.jsonl.gz (word counts, clusters)   Apache-2.0    (cite Chouigui et al.)
#
# EXCLUDED on purpose: ODbL 1.0 sources (gazetteer/countries_mledoze.tsv,
# gazetteer/places_dr5hn.tsv). ODbL's share-alike and CC BY-SA's share-alike cannot both be
# honoured by one derived file. Also excluded: anything non-commercial (SaudiNewsNet, CC BY-NC-SA)
# or without a licence. Adding a source means adding it to ALLOWED below with its licence and to
# docs/NER.md and data/LICENSES.md.
set -euo pipefail
cd "$(dirname "$0")/.."

SHARED=${FAHRAS_SHARED_DATA:-../shared/data}
OUT=${1:-data/ner/model.bin.gz}
shift || true
BUILD_DIR=${FAHRAS_BUILD_DIR:-build}

# Source (relative to $SHARED) -> licence. Every file passed to the trainer must be listed.
declare -A ALLOWED=(
  [ner/anercorp_train.conll]="CC BY-SA 4.0"
  [gazetteer/wikifane_entities.tsv]="CC BY-SA 3.0"
  [gazetteer/cities_geonames_100k.tsv]="CC BY"
  [names/wikidata_person_name_tokens_train.tsv]="CC0 1.0"
  [names/google_ar2en_train.tsv]="Apache-2.0"
  [ant_corpus/ant_v2.1_multisource.jsonl.gz]="Apache-2.0"
  [ant_corpus/ant_v1.1_jawharafm.jsonl.gz]="Apache-2.0"
)
src() {  # src REL: the path of an allowed source, or fail
  [[ -n "${ALLOWED[$1]+x}" ]] || { echo "train-ner.sh: $1 is not an allowed source" >&2; exit 2; }
  printf '%s/%s' "$SHARED" "$1"
}
# Refuse extra options that would bring in a source (lists or corpora) not vetted above.
for arg in "$@"; do
  case "$arg" in
    --gazetteer*|--name-words|--foreign-words|--word-counts|--corpus|--mentions)
      echo "train-ner.sh: pass data sources by editing ALLOWED (licences), not as options" >&2
      exit 2 ;;
  esac
done

cmake -S . -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$BUILD_DIR" -j2 --target fahras-ner-train
command -v fasttext >/dev/null || { echo "train-ner.sh: needs fasttext (scripts/setup.sh)" >&2; exit 2; }

VECTORS=$(mktemp -d)
trap 'rm -rf "$VECTORS"' EXIT
"$BUILD_DIR"/tools/fahras-ner-train words \
  "$(src ant_corpus/ant_v2.1_multisource.jsonl.gz)" \
  "$(src ant_corpus/ant_v1.1_jawharafm.jsonl.gz)" >"$VECTORS/ant.txt"
fasttext skipgram -input "$VECTORS/ant.txt" -output "$VECTORS/ant" -dim 50 -ws 1 -minCount 5 \
  -epoch 3 -maxn 0 -thread 1 -seed 1 -verbose 0

"$BUILD_DIR"/tools/fahras-ner-train train \
  --corpus "$(src ner/anercorp_train.conll)@0:0.8" \
  --gazetteer "$(src gazetteer/cities_geonames_100k.tsv)" \
  --gazetteer "$(src gazetteer/wikifane_entities.tsv)" \
  --name-words "$(src names/wikidata_person_name_tokens_train.tsv)" \
  --foreign-words "$(src names/google_ar2en_train.tsv)" \
  --word-counts "$(src ant_corpus/ant_v2.1_multisource.jsonl.gz)" \
  --word-counts "$(src ant_corpus/ant_v1.1_jawharafm.jsonl.gz)" \
  --clusters --cluster-vectors "$VECTORS/ant.vec" --filter-lists 2 --folds 5 --epochs 10 --min-count 2 --prune 0.5 \
  --two-pass --jackknife 5 --doc-window 10 --doc-templates 9 --bags 5 \
  --out "$OUT" "$@"
ls -l "$OUT"
