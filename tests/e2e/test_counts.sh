#!/usr/bin/env bash
# End-to-end test of hit counts: the number of matches is exact up to --count-exact-max
# whatever --limit is, an estimate with bounds past it, and the exit status follows the matches.
# The true number is counted independently: the ids of a --limit 100000 listing.
# Usage: test_counts.sh FAHRAS_INDEX FAHRAS_QUERY SOURCE_DIR
set -uo pipefail
. "$(dirname "$0")/lib.sh"
INDEX=$1 QUERY=$2 SRC=$3
WORK=$(mktemp -d "${TMPDIR:-/tmp}/fahras-counts.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
DB="$WORK/db"

# 600 articles cycled from sample_corpus/ant (each text about ten times: many matches per query,
# and stories of ten versions for --collapse).
python3 "$SRC/tests/e2e/make_corpus.py" "$SRC" "$WORK/corpus" 600 200 >/dev/null
check "index the generated corpus" status_is 0 "$INDEX" --db "$DB" --keep-boilerplate "$WORK/corpus"

true_count() {  # true_count QUERY: distinct ids of every match
  "$QUERY" --db "$DB" --format json --limit 100000 "$1" </dev/null |
    python3 -c 'import json,sys; print(len({h["id"] for h in json.load(sys.stdin)["hits"]}))'
}
totals() {  # totals ARGS...: "estimate exact lower upper" of a --format json search
  "$QUERY" --db "$DB" --format json "$@" </dev/null |
    python3 -c 'import json,sys; r=json.load(sys.stdin); print(r["total_estimate"], str(r["total_exact"]).lower(), r["total_lower"], r["total_upper"])'
}

for q in '"الأمم المتحدة"' 'روسيا سوريا' 'روسيا -سوريا' '"وزير الخارجية"' 'علامةفهرس' 'النفط OR الاقتصاد'; do
  n=$(true_count "$q")
  check "$q matches more than 10 articles ($n)" test "$n" -gt 10
  for limit in 0 1 10; do
    got=$(totals --limit "$limit" "$q")
    check "$q --limit $limit: total_estimate is the true number, $n" test "${got%% *}" = "$n"
    check "$q --limit $limit: and it says it is exact" test "$got" = "$n true $n $n"
  done
  check "$q --limit 0 exits 0" status_is 0 "$QUERY" --db "$DB" --limit 0 "$q"
  check "$q --limit 0 says how many" grep -q "^$n matches for: " "$WORK/out"
  check "$q text says 'of $n'" bash -c "\"$QUERY\" --db \"$DB\" --limit 3 '$q' </dev/null | grep -q '^Results 1–3 of $n for: '"
done
n=$(true_count '=علامةفهرس')
delve=$(xapian-delve -t 'XEعلامةفهرس' "$DB" 2>/dev/null | grep -Eo 'termfreq [0-9]+' | grep -Eo '[0-9]+')
check "the marker word's postings (xapian-delve: ${delve:-none}) = its matches ($n) = 600" test "${delve:-$n}" = "$n" -a "$n" = 600
check "=علامةفهرس --limit 0: the same exact total" test "$(totals --limit 0 '=علامةفهرس')" = "$n true $n $n"

# A short page is the head of the full ranking: the ranked match checks only what the page
# needs (the count is a match of its own), and gives the same hits in the same order.
ids() {  # ids LIMIT QUERY: the ids of the page, in order
  "$QUERY" --db "$DB" --format json --limit "$1" "$2" </dev/null |
    python3 -c 'import json,sys; print(" ".join(h["id"] for h in json.load(sys.stdin)["hits"]))'
}
for q in 'روسيا سوريا' 'النفط OR الاقتصاد' 'وزير الخارجية الروسي في دمشق'; do
  full=$(ids 100000 "$q" | cut -d' ' -f1-10)
  check "$q: the top 10 are the head of the full ranking" test "$(ids 10 "$q")" = "$full"
done

# A phrase whose estimate was 0 with --limit 0 ("No results", exit 1) although it matches.
q='"الشرق الأوسط"'
n=$(true_count "$q")
check "$q matches ($n)" test "$n" -gt 0
check "$q --limit 0 exits 0" status_is 0 "$QUERY" --db "$DB" --limit 0 "$q"
check "$q --limit 0 says how many" grep -q "^$n matches for: " "$WORK/out"

check "--batch --limit 0 exits 0 when a query matches" status_is 0 "$QUERY" --db "$DB" --batch --format json --limit 0 < <(printf 'q1\t%s\n' "$q")
check "  with the exact total" bash -c "python3 -c 'import json,sys; r=json.loads(open(sys.argv[1]).readline()); sys.exit(0 if r[\"total_estimate\"] == $n and r[\"total_exact\"] else 1)' '$WORK/out'"

# Past --count-exact-max: an estimate, with bounds that hold the true number.
q='النفط OR الاقتصاد'
n=$(true_count "$q")
read -r est exact lower upper <<<"$(totals --limit 1 --count-exact-max 5 "$q")"
check "past --count-exact-max the total is an estimate" test "$exact" = false
check "its bounds hold the true number ($lower <= $n <= $upper)" test "$lower" -le "$n" -a "$n" -le "$upper" -a "$lower" -le "$est" -a "$est" -le "$upper"
check "text says 'of about N (L–U)'" bash -c "\"$QUERY\" --db \"$DB\" --limit 1 --count-exact-max 5 '$q' </dev/null | grep -Eq '^Results 1–1 of about [0-9,]+ \([0-9,]+–[0-9,]+\) for: '"

# No match: exit 1, with --limit 0 too.
check "--limit 0 with no match exits 1" status_is 1 "$QUERY" --db "$DB" --limit 0 'qqqzzzxxyy'
check "--limit 0 with no match says so" grep -q "No results for: qqqzzzxxyy" "$WORK/out"

# TSV: a #total line after the header, before the hits.
check "TSV: #total line after the header" bash -c "\"$QUERY\" --db \"$DB\" --format tsv --limit 2 'روسيا سوريا' </dev/null | sed -n 2p | grep -q \$'^#total\t$(true_count 'روسيا سوريا')\texact\t'"
check "TSV: hits follow the #total line" bash -c "[ \"\$(\"$QUERY\" --db \"$DB\" --format tsv --limit 2 'روسيا سوريا' </dev/null | grep -vc '^#')\" = 3 ]"

# --collapse: the hits are stories, the total counts articles (and says so).
q='روسيا سوريا'
n=$(true_count "$q")
got=$(totals --collapse --limit 5 "$q")
check "--collapse: the total counts the matching articles ($n)" test "$got" = "$n true $n $n"
check "--collapse: fewer hits than articles" bash -c "[ \"\$(\"$QUERY\" --db \"$DB\" --format json --collapse --limit 1000 '$q' </dev/null | python3 -c 'import json,sys; print(len(json.load(sys.stdin)[\"hits\"]))')\" -lt $n ]"
check "--collapse: text says the count is of articles" bash -c "\"$QUERY\" --db \"$DB\" --collapse --limit 2 '$q' </dev/null | grep -q 'of $n articles (one hit per story) for: '"

# --facets walks the whole match: the same total.
got=$(totals --facets --limit 0 "$q")
check "--facets: the same exact total" test "$got" = "$n true $n $n"

finish
