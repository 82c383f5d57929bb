#!/usr/bin/env bash
# End-to-end test of entity filters, facets and listings on sample_corpus/.
# Usage: test_entities.sh FAHRAS_INDEX FAHRAS_QUERY SOURCE_DIR
set -uo pipefail
. "$(dirname "$0")/lib.sh"
INDEX=$1 QUERY=$2 SRC=$3
WORK=$(mktemp -d "${TMPDIR:-/tmp}/fahras-e2e-entities.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
DB="$WORK/db"

py() { python3 -c "$@"; }

"$INDEX" --db "$DB" "$SRC/sample_corpus" >"$WORK/index.out" 2>&1
check "index sample_corpus" test $? -eq 0

# Latin, Arabic variant and inline forms of one person find the same articles.
"$QUERY" --db "$DB" --format json --limit 100 --person Shoigu >"$WORK/latin.json"
"$QUERY" --db "$DB" --format json --limit 100 'person:شويجو' >"$WORK/variant.json"
ids() { py 'import json,sys; print(" ".join(sorted(h["id"] for h in json.load(open(sys.argv[1]))["hits"])))' "$1"; }
check "--person Shoigu finds articles" test -n "$(ids "$WORK/latin.json")"
check "person:شويجو finds the same articles as --person Shoigu" \
  test "$(ids "$WORK/latin.json")" = "$(ids "$WORK/variant.json")"
check "every hit lists Shoigu among its entities" py '
import json,sys
hits = json.load(open(sys.argv[1]))["hits"]
sys.exit(0 if hits and all(any(e["id"] == "fahras:sergei-shoigu" for e in h["entities"]) for h in hits) else 1)' "$WORK/latin.json"
check "resolved_entities reports the resolution" py '
import json,sys
r = json.load(open(sys.argv[1]))["resolved_entities"][0]
sys.exit(0 if r["entities"][0]["id"] == "fahras:sergei-shoigu" and not r["ambiguous"] else 1)' "$WORK/latin.json"

# Facet counts equal the number of articles the same entity filter finds.
"$QUERY" --db "$DB" --format json --limit 0 --facets --facet-top 3 سوريا >"$WORK/facets.json"
for facet in persons places organisations; do
  pairs=$(py 'import json,sys; f = json.load(open(sys.argv[1]))["facets"][sys.argv[2]]; print(" ".join(v["value"] + "=" + str(v["count"]) for v in f))' "$WORK/facets.json" "$facet")
  check "facet $facet has values" test -n "$pairs"
  opt=--person; [ "$facet" = places ] && opt=--place; [ "$facet" = organisations ] && opt=--org
  for pair in $pairs; do
    id=${pair%=*} count=${pair##*=}
    # Count the hits: with --limit 0 Xapian only estimates the size of an AND.
    got=$("$QUERY" --db "$DB" --format json --limit 1000 "$opt" "$id" سوريا |
          py 'import json,sys; print(len(json.load(sys.stdin)["hits"]))')
    check "facet $facet: $id counts $count = articles of $opt $id ($got)" test "$got" = "$count"
  done
done

# Any word of a name: Shoigu (the second word of Sergei Shoigu), شويغو, or the full name.
for name in Shoigu shoi Sergei شويغو 'سيرغي شويغو' sergei-shoigu; do
  check "entities $name lists fahras:sergei-shoigu" bash -c "\"$QUERY\" entities --db \"$DB\" $name | grep -q 'fahras:sergei-shoigu'"
done
check "entities Shoigu lists no one else" test "$("$QUERY" entities --db "$DB" Shoigu | wc -l)" = 1
check "entities oigu lists nothing (word starts only)" status_is 1 "$QUERY" entities --db "$DB" oigu

# The entities listing agrees with the filters.
"$QUERY" entities --db "$DB" --format json --type person --top 5 >"$WORK/entities.json"
check "entities lists persons" py 'import json,sys; e = json.load(open(sys.argv[1]))["entities"]; sys.exit(0 if e and all(x["type"] == "person" for x in e) else 1)' "$WORK/entities.json"
first=$(py 'import json,sys; e = json.load(open(sys.argv[1]))["entities"][0]; print(e["id"] + "=" + str(e["articles"]))' "$WORK/entities.json")
got=$("$QUERY" --db "$DB" --format json --limit 0 --person "${first%=*}" | py 'import json,sys; print(json.load(sys.stdin)["total_estimate"])')
check "top person ${first%=*}: listing count ${first##*=} = filter count $got" test "$got" = "${first##*=}"
"$QUERY" entities --db "$DB" شوي >"$WORK/prefix.txt"
check "entities PREFIX finds Shoigu" grep -q 'fahras:sergei-shoigu' "$WORK/prefix.txt"

"$QUERY" entities --db "$DB" Shoigu >"$WORK/latin-word.txt"
check "entities LATIN matches any word of a name (Shoigu)" grep -q 'fahras:sergei-shoigu' "$WORK/latin-word.txt"

# Names a journalist types: a name that a clitic reading would mangle (كاليفورنيا is not ك +
# «اليفورنيا»), its Latin name, acronyms, and a Latin name that matches nothing.
mkdir -p "$WORK/news"
printf 'حرائق كاليفورنيا\nاندلعت حرائق في ولاية كاليفورنيا الأمريكية، وقالت الأمم المتحدة إن تنظيم الدولة الإسلامية لا علاقة له بها.\n' >"$WORK/news/a.txt"
"$INDEX" --db "$WORK/news-db" "$WORK/news" >/dev/null 2>&1
count() { "$QUERY" --db "$WORK/news-db" --format json --limit 0 "$@" | py 'import json,sys; print(json.load(sys.stdin)["total_estimate"])'; }
for q in 'place:كاليفورنيا' 'place:California' 'org:UN' 'org:ISIS' 'org:داعش'; do
  check "$q finds the article" test "$(count "$q")" = 1
done
"$QUERY" --db "$WORK/news-db" --format json --limit 0 'place:California' >"$WORK/california.json"
check "place:California resolves to California alone" py '
import json,sys
r = json.load(open(sys.argv[1]))["resolved_entities"][0]
sys.exit(0 if [e["id"] for e in r["entities"]] == ["fahras:california"] else 1)' "$WORK/california.json"
"$QUERY" --db "$WORK/news-db" --format json --limit 0 'place:Qwxyzstan' >"$WORK/nothing.json"
check "a Latin name that matches nothing resolves to nothing" py '
import json,sys
r = json.load(open(sys.argv[1]))["resolved_entities"][0]
sys.exit(0 if r["entities"] == [] and r["method"] == "none" else 1)' "$WORK/nothing.json"

# analyze: offsets of the whole mention, clitics included.
"$QUERY" analyze --format json 'قال وبوتين لروسيا' >"$WORK/analyze.json"
check "analyze lists clitic mentions with their offsets" py '
import json,sys
d = json.load(open(sys.argv[1]))
t = d["text"].encode()
ok = [(e["id"], t[e["start"]:e["end"]].decode()) for e in d["entities"]] == [("fahras:vladimir-putin", "وبوتين"), ("iso3166-1:RU", "لروسيا")]
sys.exit(0 if ok and all(e["text"] == t[e["start"]:e["end"]].decode() for e in d["entities"]) else 1)' "$WORK/analyze.json"

# analyze runs the tagger as indexing does: a one-word common name (المدينة "the city" /
# Medina) needs its agreement; with --no-tagger the gazetteer alone takes it.
places() { "$QUERY" analyze --format json "$@" | py 'import json,sys; print(" ".join(e["text"] for e in json.load(sys.stdin)["entities"] if e["type"] == "place"))'; }
check "analyze with the tagger: المدينة is no place" test -z "$(places 'قال إن المدينة تعاني من نقص المياه')"
check "analyze --no-tagger: المدينة is a place" test "$(places --no-tagger 'قال إن المدينة تعاني من نقص المياه')" = "المدينة"

# --no-entities and a user gazetteer.
printf 'canonical_id\ttype\tarabic_name\taliases\tenglish_name\tsource\nmy:cook\tPER\tبيتر كوك\t\tPeter Cook\ttest\nmy:x\tORG\tالاتصالات العسكرية المباشرة\t\tUS DoD\ttest\n' >"$WORK/mine.tsv"
"$INDEX" --db "$WORK/db2" --gazetteer "$WORK/mine.tsv" "$SRC/sample_corpus/seeds" >/dev/null 2>&1
check "a --gazetteer entry is indexed" test "$("$QUERY" --db "$WORK/db2" --format json --limit 0 --org 'US DoD' | py 'import json,sys; print(json.load(sys.stdin)["total_estimate"])')" -ge 1
# One FILE per --gazetteer, whatever follows: the paths after it are inputs, options may follow.
check "--gazetteer FILE PATH --db DB indexes PATH" status_is 0 "$INDEX" --gazetteer "$WORK/mine.tsv" "$SRC/sample_corpus/seeds" --db "$WORK/db4"
check "--gazetteer FILE PATH --db DB: the entry is indexed" test "$("$QUERY" --db "$WORK/db4" --format json --limit 0 --org 'US DoD' | py 'import json,sys; print(json.load(sys.stdin)["total_estimate"])')" -ge 1
check "--gazetteer twice, then two paths" status_is 0 "$INDEX" --db "$WORK/db5" --gazetteer "$WORK/mine.tsv" --gazetteer "$WORK/mine.tsv" "$SRC/sample_corpus/seeds" "$SRC/sample_corpus/ant"
check "both paths indexed" grep -Eq '^fahras-index: [0-9]+ files: [1-9][0-9] indexed' "$WORK/out"
# analyze and show set up their extractor as fahras-index does: --gazetteer adds the same entries.
ids() { "$QUERY" analyze --format json "$@" | py 'import json,sys; print(" ".join(e["id"] for e in json.load(sys.stdin)["entities"]))'; }
mine='وبحثت الاتصالات العسكرية المباشرة'
check "analyze --gazetteer finds a user's entry" test "$(ids --gazetteer "$WORK/mine.tsv" "$mine")" = "my:x"
check "analyze without it does not" test "$(ids "$mine")" != "my:x"
check "analyze --gazetteer FILE TEXT: one FILE per flag" test "$(ids --gazetteer "$WORK/mine.tsv" --no-tagger "$mine")" = "my:x"
check "analyze --gazetteer with a missing file exits 2" status_is 2 "$QUERY" analyze --gazetteer "$WORK/missing.tsv" 'نص'
check "... naming the file" grep -q "^fahras-query: $WORK/missing.tsv: error: cannot open gazetteer" "$WORK/err"
check "fahras-index --gazetteer with a missing file exits 2" status_is 2 "$INDEX" --db "$WORK/db6" --gazetteer "$WORK/missing.tsv" "$SRC/sample_corpus/seeds"
check "... naming the file" grep -q "^fahras-index: $WORK/missing.tsv: error: cannot open gazetteer" "$WORK/err"
"$INDEX" --db "$WORK/db3" --no-entities "$SRC/sample_corpus/seeds" >/dev/null 2>&1
check "--no-entities indexes no entity" test "$("$QUERY" --db "$WORK/db3" --format json --limit 0 --person Shoigu | py 'import json,sys; print(json.load(sys.stdin)["total_estimate"])')" = 0

finish
