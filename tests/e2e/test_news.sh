#!/usr/bin/env bash
# End-to-end test of news-aware indexing: --collapse, --same-story, --agency,
# agency:, --keep-boilerplate, on a database of sample_corpus/ plus a light edit of a seed.
# Usage: test_news.sh FAHRAS_INDEX FAHRAS_QUERY SOURCE_DIR
set -uo pipefail
. "$(dirname "$0")/lib.sh"
INDEX=$1 QUERY=$2 SRC=$3
WORK=$(mktemp -d "${TMPDIR:-/tmp}/fahras-news.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

py() {  # py FILE 'python expression over r (the JSON result)': passes when it is true
  python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); ok=eval(sys.argv[2]); print("  got:", [(h["id"], h.get("other_versions")) for h in r.get("hits", [])]) if not ok else None; sys.exit(0 if ok else 1)' "$1" "$2"
}

CORPUS="$WORK/corpus"
mkdir -p "$CORPUS"
cp -r "$SRC/sample_corpus/." "$CORPUS/"
# A lightly edited copy of the Akhbar seed, as a third outlet would run it.
python3 - "$CORPUS/seeds/003_30707adeda7cd947.txt" "$CORPUS/edited.jsonl" <<'PY'
import json, sys
body = open(sys.argv[1], encoding="utf-8").read().replace("50 دقيقة", "ساعة تقريبا")
json.dump({"id": "copy-1", "title": "محادثات روسية أميركية بشأن سوريا", "body": body,
           "source": "copycat", "date": "2015-09-19"}, open(sys.argv[2], "w"), ensure_ascii=False)
PY

DB="$WORK/db"
SEED_AFP=corpus/seeds/000_d7d323a442f094ad.txt
SEED_AKHBAR=corpus/seeds/003_30707adeda7cd947.txt
check "index exits 0" status_is 0 "$INDEX" --db "$DB" "$CORPUS"
check "summary reports news cleaning" grep -Eq 'news: [1-9][0-9]* lines \([0-9.]+% of body text\) dropped' "$WORK/out"
check "summary reports stories joined" grep -Eq '[1-9][0-9]* joined a story' "$WORK/out"

# --- Stories -------------------------------------------------------------------------------
check "--same-story lists the seeds and the edited copy" status_is 0 "$QUERY" --db "$DB" --format json --same-story "$SEED_AFP"
check "  exactly those three" py "$WORK/out" "sorted(h['id'] for h in r['hits']) == sorted(['$SEED_AFP', '$SEED_AKHBAR', 'copy-1'])"
check "  they share one story key" py "$WORK/out" "len(set(h['story'] for h in r['hits'])) == 1"
# The --same-story example of --help works as written, on the database README.md builds.
example=$("$QUERY" --help | grep -m1 -Eo 'fahras-query --db \./fahras-db --same-story [^ ]+')
check "--help has a --same-story example" test -n "$example"
"$INDEX" --db "$WORK/readme-db" "$SRC/sample_corpus/" >/dev/null 2>&1
args=${example#fahras-query }
# shellcheck disable=SC2086 # the example's words, split as a shell would
check "the --help --same-story example works as written" status_is 0 "$QUERY" ${args/.\/fahras-db/$WORK/readme-db} --format json
check "and lists more than one version" py "$WORK/out" 'len(r["hits"]) >= 2'
check "--same-story of an unknown id is an error" status_is 2 "$QUERY" --db "$DB" --same-story no-such-id
check "without --collapse both seeds match شويغو" status_is 0 "$QUERY" --db "$DB" --format json --limit 50 شويغو
check "  (two seeds and the copy)" py "$WORK/out" "sum(1 for h in r['hits'] if h['id'] in ('$SEED_AFP', '$SEED_AKHBAR', 'copy-1')) == 3"
check "--collapse shows one hit for the story" status_is 0 "$QUERY" --db "$DB" --format json --limit 50 --collapse شويغو
check "  one version of the story, with 2 other versions" py "$WORK/out" "[h.get('other_versions') for h in r['hits'] if h['id'] in ('$SEED_AFP', '$SEED_AKHBAR', 'copy-1')] == [2]"
check "  other_sources lists the other outlets' sources" py "$WORK/out" "any('copycat' in h.get('other_sources', []) or len(h.get('other_sources', [])) >= 1 for h in r['hits'] if h.get('other_versions'))"
check "  no two hits share a story" py "$WORK/out" "len(set(h['story'] for h in r['hits'])) == len(r['hits'])"
check "--collapse text output says N other versions" bash -c "\"$QUERY\" --db \"$DB\" --collapse شويغو | grep -q '+ 2 other versions'"
check "different ANT articles are not merged with the seeds" status_is 0 "$QUERY" --db "$DB" --format json --limit 100 --collapse سوريا
check "  every hit outside the story has no other versions" py "$WORK/out" "all(not h.get('other_versions') for h in r['hits'] if h['id'] not in ('$SEED_AFP', '$SEED_AKHBAR', 'copy-1'))"

# --- Agencies ------------------------------------------------------------------------------
check "--agency AFP finds the AFP seed" status_is 0 "$QUERY" --db "$DB" --format json --agency AFP --limit 100
check "  and it is among the hits" py "$WORK/out" "'$SEED_AFP' in [h['id'] for h in r['hits']]"
check "agency:رويترز finds the Akhbar seed (outlet credit (الأخبار، رويترز))" status_is 0 "$QUERY" --db "$DB" --format json --limit 100 'agency:رويترز'
check "  and not the AFP seed" py "$WORK/out" "'$SEED_AKHBAR' in [h['id'] for h in r['hits']] and '$SEED_AFP' not in [h['id'] for h in r['hits']]"
check "--agency takes Arabic aliases too (أ ف ب)" status_is 0 "$QUERY" --db "$DB" --format json --limit 100 --agency 'أ ف ب' شويغو
check "  = AFP" py "$WORK/out" "[h['id'] for h in r['hits']] == ['$SEED_AFP']"
check "--agency with an unknown name is an error" status_is 2 "$QUERY" --db "$DB" --agency nosuchagency سوريا
check "  naming the known ones" grep -q "Reuters" "$WORK/err"
check "--facets counts the agency facet" status_is 0 "$QUERY" --db "$DB" --format json --facets شويغو
check "  AFP 1, Reuters 2 (the Akhbar seed and its copy)" py "$WORK/out" "{f['value']: f['count'] for f in r['facets']['agency']} == {'AFP': 1, 'Reuters': 2}"
check "agency is distinct from source" status_is 1 "$QUERY" --db "$DB" 'source:رويترز'
check "--format tsv appends an agencies column after the snippet" status_is 0 "$QUERY" --db "$DB" --format tsv --limit 50 شويغو
check "  header: the old columns in place, agencies last" bash -c "head -1 \"$WORK/out\" | grep -qx \$'rank\tid\tscore\tdate\tsource\ttitle\tpath\tsnippet\tagencies'"
check "  the AFP seed's row ends in AFP, the Akhbar seed's in Reuters" bash -c "awk -F'\t' '\$2==\"$SEED_AFP\" && \$9==\"AFP\" {a=1} \$2==\"$SEED_AKHBAR\" && \$9==\"Reuters\" {b=1} END{exit !(a && b)}' \"$WORK/out\""
check "  every row but the #total comment has 9 columns" bash -c "awk -F'\t' '!/^#/ && NF!=9{bad=1} END{exit bad}' \"$WORK/out\""

# --- Boilerplate ---------------------------------------------------------------------------
check "a related-link line is not indexed" status_is 1 "$QUERY" --db "$DB" '"2400 روسي"'
check "the comment-box trailer is not indexed" status_is 1 "$QUERY" --db "$DB" --match all '=التعليقات' title:وزيرا
check "the stored body keeps it for display" bash -c "\"$QUERY\" --db \"$DB\" --format json --same-story '$SEED_AFP' --snippet-bytes 100000 | grep -q '2400'"
check "--keep-boilerplate indexes everything" status_is 0 "$INDEX" --db "$WORK/keep" --keep-boilerplate "$CORPUS"
check "  the related-link line is found" status_is 0 "$QUERY" --db "$WORK/keep" '"2400 روسي"'
check "  agencies are still recognised" status_is 0 "$QUERY" --db "$WORK/keep" --agency AFP شويغو
check "--verbose reports each dropped line" bash -c "\"$INDEX\" --db \"$WORK/v\" --verbose \"$CORPUS/seeds\" | grep -q 'dropped related_link (body line'"

finish
