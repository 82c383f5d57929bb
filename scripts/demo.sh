#!/usr/bin/env bash
# The main job on the sample corpus: installs what is missing, builds a release, indexes
# sample_corpus/ into ./fahras-db and runs a few example queries.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup.sh
BUILD_DIR=${FAHRAS_BUILD_DIR:-build-release}
cmake -S . -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=Release -DFAHRAS_BUILD_TESTS=OFF >/dev/null
cmake --build "$BUILD_DIR" -j"$(nproc)" --target fahras-index fahras-query fahras-serve
INDEX="$BUILD_DIR/indexer/fahras-index"
QUERY="$BUILD_DIR/query/fahras-query"
SERVE="$BUILD_DIR/query/fahras-serve"
DB=${FAHRAS_DB:-./fahras-db}

run() {
  printf '\n$ %s\n' "$*"
  "$@" || true   # exit status 1 means "no hits": keep going
}

run "$INDEX" --db "$DB" sample_corpus/
# Keyword query: the spelling variant مسئولين (hamza on yeh) finds المسؤولين (hamza on waw).
run "$QUERY" --db "$DB" --limit 3 'مسئولين'
# Phrase query with folding: the words adjacent and in order.
run "$QUERY" --db "$DB" --limit 2 '"وزير الدفاع"'
# Boolean operators, a field and a source filter, as TSV for scripts.
run "$QUERY" --db "$DB" --limit 3 --format tsv 'source:france24 (ترامب OR أمريكا) -كندا'
# JSON for scripts, with facet counts over the whole match.
run "$QUERY" --db "$DB" --limit 1 --format json --facets --facet-top 3 'سوريا OR العراق'
# What the analysis pipeline makes of a text.
run "$QUERY" analyze 'وزيرا الدفاع الأميركي والروسي يتحادثان بشأن سورية'
# One article in full (the first hit's id), as /api/article serves it.
first=$("$QUERY" --db "$DB" --limit 1 --format tsv 'مسئولين' | awk -F'\t' 'NR==2{print $2}')
[ -n "$first" ] && run "$QUERY" show --db "$DB" "$first" | head -12

# The same searches over HTTP (docs/WEB.md): run this, then open http://127.0.0.1:8080/ or
#   curl 'http://127.0.0.1:8080/api/search?q=%D8%B3%D9%88%D8%B1%D9%8A%D8%A7&facets=1'
printf '\nServe this database over HTTP (JSON API and search page, docs/WEB.md):\n  %s --db %s --listen 127.0.0.1:8080\n' \
  "$SERVE" "$DB"
