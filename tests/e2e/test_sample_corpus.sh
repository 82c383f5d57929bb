#!/usr/bin/env bash
# End-to-end test of the built binaries on sample_corpus/ (omindextest-style).
# Usage: test_sample_corpus.sh FAHRAS_INDEX FAHRAS_QUERY SOURCE_DIR
set -uo pipefail
. "$(dirname "$0")/lib.sh"
INDEX=$1 QUERY=$2 SRC=$3
WORK=$(mktemp -d "${TMPDIR:-/tmp}/fahras-e2e.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
DB="$WORK/db"

json_hits() {  # json_hits FILE: number of hits in a --format json result
  python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["hits"]))' "$1"
}
hit_ids() {
  python3 -c 'import json,sys; print(" ".join(h["id"] for h in json.load(open(sys.argv[1]))["hits"]))' "$1"
}

n_files=$(find "$SRC/sample_corpus" -type f \( -name '*.txt' -o -name '*.json' -o -name '*.jsonl' \) | wc -l)
check "sample corpus has input files" test "$n_files" -gt 3

# --- First index ---------------------------------------------------------------------------
check "index sample_corpus exits 0" status_is 0 "$INDEX" --db "$DB" "$SRC/sample_corpus"
cp "$WORK/out" "$WORK/first_summary"
check "summary reports indexed articles" grep -Eq '[1-9][0-9]* indexed, 0 replaced, [0-9]+ skipped, 0 failed' "$WORK/first_summary"
n_docs=$(xapian-delve "$DB" 2>/dev/null | grep -Eo 'number of documents = [0-9]+' | grep -Eo '[0-9]+$' || true)
indexed=$(grep -Eo '[0-9]+ indexed' "$WORK/first_summary" | grep -Eo '[0-9]+')
check "database holds as many documents as indexed ($indexed)" test "${n_docs:-$indexed}" = "$indexed"
check "at least 42 articles" test "$indexed" -ge 42

# --- Queries -------------------------------------------------------------------------------
check "keyword query finds the seeds" status_is 0 "$QUERY" --db "$DB" --format json 'شويغو'
check "both seeds match شويغو" bash -c "[ \"\$(python3 -c 'import json,sys; print(sum(1 for h in json.load(open(sys.argv[1]))[\"hits\"] if \"seeds/\" in h[\"path\"]))' '$WORK/out')\" = 2 ]"
check "spelling variant شويجو matches the seed that has it" status_is 0 "$QUERY" --db "$DB" --format json 'شويجو'
check "folded query (no hamza, heh for teh marbuta) finds الأميركية" status_is 0 "$QUERY" --db "$DB" --format json 'الاميركيه'
check "phrase query matches" status_is 0 "$QUERY" --db "$DB" --format json '"وزير الدفاع الروسي"'
check "phrase in the wrong order does not match the seeds" bash -c "\"$QUERY\" --db \"$DB\" --format json '\"الروسي الدفاع وزير\"' > '$WORK/rev'; ! grep -q seeds/ '$WORK/rev'"
check "JSON output is valid and has the contract fields" python3 - "$WORK/out" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
assert set(["query", "total_estimate", "offset", "hits"]) <= r.keys(), r.keys()
assert r["hits"], "no hits"
for h in r["hits"]:
    assert set(["rank", "id", "score", "title", "date", "source", "url", "path", "snippet"]) <= h.keys(), h.keys()
PY
check "AND NOT excludes" bash -c "\"$QUERY\" --db \"$DB\" --format json 'شويغو NOT زاخاروفا' > '$WORK/not'; python3 -c 'import json,sys; ids=[h[\"path\"] for h in json.load(open(sys.argv[1]))[\"hits\"]]; assert len(ids)==1 and \"000_\" in ids[0], ids' '$WORK/not'"
check "no hits gives exit 1" status_is 1 "$QUERY" --db "$DB" 'qqqzzzxxyy'
check "missing database gives exit 2 and a clear message" status_is 2 "$QUERY" --db "$WORK/nope" 'سوريا'
check "the message names the database" grep -q "nope" "$WORK/err"
check "TSV output has a header and rows" bash -c "\"$QUERY\" --db \"$DB\" --format tsv 'سوريا' | awk -F'\t' 'NR==1{h=NF} NR>1{n++} END{exit !(h>=7 && n>=2)}'"
check "text output shows a highlighted snippet" bash -c "\"$QUERY\" --db \"$DB\" --format text 'شويغو' | grep -q '\[شويغو\]'"
check "analyze prints tokens as JSON" bash -c "\"$QUERY\" analyze --format json 'وزيرا الدفاع' | python3 -c 'import json,sys; t=json.load(sys.stdin)[\"tokens\"]; assert [x[\"stem\"] for x in t]==[\"وزير\",\"دفاع\"], t'"

# --- Re-indexing replaces, never duplicates ------------------------------------------------
check "re-index exits 0" status_is 0 "$INDEX" --db "$DB" "$SRC/sample_corpus"
check "re-index of an unchanged tree changes nothing" grep -Eq "0 indexed, 0 replaced, [0-9]+ skipped, 0 failed, 0 deleted, $indexed unchanged" "$WORK/out"
check "still exactly two seed hits after re-index" bash -c "\"$QUERY\" --db \"$DB\" --format json 'شويغو' | python3 -c 'import json,sys; assert sum(1 for h in json.load(sys.stdin)[\"hits\"] if \"seeds/\" in h[\"path\"])==2'"

# --- Bad inputs are reported, counted, and do not stop the run -----------------------------
BAD="$WORK/bad"; mkdir -p "$BAD"
cp "$SRC/sample_corpus/seeds/000_d7d323a442f094ad.txt" "$BAD/good.txt"
printf '{"id": "x1", "title": "عنوان", "body": "نص"}\n{"id": "x2", "title": \n{"id": "x3", "title": "سطر", "body": "ثالث"}\n' > "$BAD/mixed.jsonl"
printf 'abc\0def' > "$BAD/binary.txt"
: > "$BAD/empty.txt"
printf '{"title": "broken"' > "$BAD/broken.json"
check "bad inputs give exit 1" status_is 1 "$INDEX" --db "$WORK/baddb" "$BAD"
check "bad JSON line reported with path:line" grep -q "mixed.jsonl:2: error:" "$WORK/err"
check "binary file reported" grep -q "binary.txt.*error:" "$WORK/err"
check "empty file reported" grep -q "empty.txt.*error:" "$WORK/err"
check "malformed .json reported" grep -q "broken.json.*error:" "$WORK/err"
check "good articles around them are indexed (3)" grep -Eq '3 indexed, 0 replaced, [0-9]+ skipped, [1-9][0-9]* failed' "$WORK/out"

finish
