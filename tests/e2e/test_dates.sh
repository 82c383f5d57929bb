#!/usr/bin/env bash
# End-to-end test of date facets with the built binaries: publication dates from
# metadata, path and dateline; filters, ranges, sorting, facet counts; the two seed phrases.
# Usage: test_dates.sh FAHRAS_INDEX FAHRAS_QUERY SOURCE_DIR
set -uo pipefail
. "$(dirname "$0")/lib.sh"
INDEX=$1 QUERY=$2 SRC=$3
WORK=$(mktemp -d "${TMPDIR:-/tmp}/fahras-e2e-dates.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
DB="$WORK/db"

# py EXPR FILE: evaluates a Python expression over the JSON result `r` in FILE.
py() {
  python3 -c 'import json,sys; r=json.load(open(sys.argv[2])); sys.exit(0 if eval(sys.argv[1]) else 1)' "$1" "$2"
}
ids() { python3 -c 'import json,sys; print(" ".join(h["id"] for h in json.load(open(sys.argv[1]))["hits"]))' "$1"; }
q() {  # q OUT ARGS...: runs fahras-query --db DB --format json ARGS, output to OUT
  local out=$1; shift
  "$QUERY" --db "$DB" --format json "$@" </dev/null >"$out" 2>"$WORK/err"
}

# --- A corpus with dates from every source ---------------------------------------------------
C="$WORK/corpus"; mkdir -p "$C/2015/09/20" "$C/lines"
SEED="$SRC/sample_corpus/seeds/000_d7d323a442f094ad.txt"
SEED2="$SRC/sample_corpus/seeds/003_30707adeda7cd947.txt"
python3 - "$SEED" "$C/seeds.jsonl" "$SEED2" <<'PY'
import json, sys
text = open(sys.argv[1], encoding="utf-8").read().split("\n", 1)
with open(sys.argv[3].replace("003_30707adeda7cd947.txt", "003_30707adeda7cd947.txt"), encoding="utf-8") as f:
    text2 = f.read()
# The second seed, with its publication date in its path (a .txt in a dated directory).
import os
os.makedirs(os.path.join(os.path.dirname(sys.argv[2]), "2015-09-19"), exist_ok=True)
with open(os.path.join(os.path.dirname(sys.argv[2]), "2015-09-19", "seed2.txt"), "w", encoding="utf-8") as f:
    f.write("وزير الدفاع الروسي شويغو ونظيره الأميركي\n\n" + text2)
with open(sys.argv[2], "w", encoding="utf-8") as out:
    # The seed, published on Friday 2015-09-18 ("اليوم الجمعة"), RFC 822 date.
    out.write(json.dumps({"id": "seed", "title": text[0], "body": text[1],
                          "date": "Fri, 18 Sep 2015 10:00:00 +0300", "source": "alakhbar"},
                         ensure_ascii=False) + "\n")
    out.write(json.dumps({"id": "x1", "title": "مباحثات سوريا", "body": "بحث الوزيران سوريا الشهر الماضي وفي 5 ذي الحجة 1436هـ.",
                          "date": "2015-10-05T09:00:00Z", "source": "bbc"}, ensure_ascii=False) + "\n")
    out.write(json.dumps({"id": "x2", "title": "سوريا قديما", "body": "اندلعت الأزمة في سوريا في آذار/مارس 2011 وتصاعدت عام 2012.",
                          "date": "18/03/2014", "source": "bbc"}, ensure_ascii=False) + "\n")
PY
printf 'سوريا من المسار\n\nخبر عن سوريا يذكر أغسطس 2014.\n' > "$C/2015/09/20/path.txt"
printf 'سوريا من سطر التاريخ\n\nدمشق - الأحد 4 كانون الثاني 2015\nقال مسؤول في سوريا إن الاجتماع كان أمس.\n' > "$C/lines/dateline.txt"

check "index exits 0" "$INDEX" --db "$DB" "$C" -q

# --- Publication dates and their sources ---------------------------------------------------
check "query سوريا finds 6 articles" q "$WORK/all" --sort date سوريا
check "dates are ISO, sorted oldest first" py '[h["date"] for h in r["hits"]] == ["2014-03-18", "2015-01-04", "2015-09-18", "2015-09-19", "2015-09-20", "2015-10-05"]' "$WORK/all"
check "date_source: metadata, dateline, path" py '[h["date_source"] for h in r["hits"]] == ["metadata", "dateline", "metadata", "path", "path", "metadata"]' "$WORK/all"
check "--sort -date is newest first" bash -c "$(declare -f q); QUERY='$QUERY' DB='$DB' WORK='$WORK'; q '$WORK/desc' --sort -date سوريا && [ \"\$(python3 -c 'import json; print(\" \".join(h[\"id\"] for h in json.load(open(\"$WORK/desc\"))[\"hits\"][:2]))')\" = 'x1 corpus/2015/09/20/path.txt' ]"

# --- The seeds -----------------------------------------------------------------------------
check "seed: query with year:2015" q "$WORK/seed" شويغو year:2015
check "seed: 'آب/ أغسطس 2014' → 2014-08 with its span" py 'any(d["value"] == "2014-08" and d["text"].replace("\u00a0", " ") == "آب/ أغسطس 2014" for h in r["hits"] if h["id"] == "seed" for d in h["mentioned_dates"])' "$WORK/seed"
check "seed: 'اليوم الجمعة' → 2015-09-18 (relative)" py 'any(d["value"] == "2015-09-18" and d["text"].replace("\u00a0", " ") == "اليوم الجمعة" and d["kind"] == "relative" for h in r["hits"] if h["id"] == "seed" for d in h["mentioned_dates"])' "$WORK/seed"
check "seed: 'نيسان/أبريل 2014' → 2014-04" py 'any(d["value"] == "2014-04" for h in r["hits"] if h["id"] == "seed" for d in h["mentioned_dates"])' "$WORK/seed"
check "seed: '50 دقيقة' gives no date" py 'not any("دقيقة" in d["text"] for h in r["hits"] if h["id"] == "seed" for d in h["mentioned_dates"])' "$WORK/seed"
check "second seed: query" q "$WORK/seed2" 'شويغو date:2015-09-19'
check "second seed: dated from its path" py '[h["date_source"] for h in r["hits"]] == ["path"]' "$WORK/seed2"
check "second seed: '30 الشهر الجاري' → 2015-09-30" py 'any(d["value"] == "2015-09-30" for d in r["hits"][0]["mentioned_dates"])' "$WORK/seed2"
check "second seed: 'أيلول الجاري' → 2015-09" py 'any(d["value"] == "2015-09" and "أيلول" in d["text"] for d in r["hits"][0]["mentioned_dates"])' "$WORK/seed2"
check "analyze --pubdate resolves 'اليوم الجمعة'" bash -c "\"$QUERY\" analyze --format json --pubdate 2015-09-18 'جددا الاتصالات اليوم الجمعة' | python3 -c 'import json,sys; d=json.load(sys.stdin)[\"dates\"]; assert [(x[\"value\"], x[\"kind\"]) for x in d] == [(\"2015-09-18\", \"relative\")], d'"
check "analyze finds 'آب/ أغسطس 2014' without a pubdate" bash -c "\"$QUERY\" analyze --format json 'في آب/ أغسطس 2014' | python3 -c 'import json,sys; d=json.load(sys.stdin)[\"dates\"]; assert [(x[\"value\"], x[\"start\"], x[\"end\"]) for x in d] == [(\"2014-08\", 5, 26)], d'"

# --- Filters and ranges --------------------------------------------------------------------
check "--from 2015-09 --to 2015-09" q "$WORK/r1" --from 2015-09 --to 2015-09 سوريا
check "  gives the seeds and the path article" py 'sorted(h["id"] for h in r["hits"]) == ["corpus/2015-09-19/seed2.txt", "corpus/2015/09/20/path.txt", "seed"]' "$WORK/r1"
check "date:2015-09..2015-10 inline" q "$WORK/r2" 'سوريا date:2015-09..2015-10'
check "  gives four" py 'len(r["hits"]) == 4' "$WORK/r2"
check "year:2014" q "$WORK/r3" 'سوريا year:2014'
check "  gives x2" py '[h["id"] for h in r["hits"]] == ["x2"]' "$WORK/r3"
check "mentioned:2014-08" q "$WORK/r4" 'سوريا mentioned:2014-08'
check "  gives the seed and the path article" py 'sorted(h["id"] for h in r["hits"]) == ["corpus/2015/09/20/path.txt", "seed"]' "$WORK/r4"
check "--mentioned-from 2011 --mentioned-to 2012" q "$WORK/r5" --mentioned-from 2011 --mentioned-to 2012 سوريا
check "  gives x2" py '[h["id"] for h in r["hits"]] == ["x2"]' "$WORK/r5"
check "mentioned Hijri date, converted (5 ذي الحجة 1436 = 2015-09-18)" q "$WORK/r6" 'سوريا mentioned:2015-09-18 year:2015 date:2015-10'
check "  gives x1" py '[h["id"] for h in r["hits"]] == ["x1"]' "$WORK/r6"
check "relative 'الشهر الماضي' of 2015-10-05 → 2015-09" py 'True' "$WORK/r6"
check "  x1 mentions 2015-09 (relative)" py 'any(d["value"] == "2015-09" and d["kind"] == "relative" for d in r["hits"][0]["mentioned_dates"])' "$WORK/r6"
check "a bad --from is an error (exit 2)" bash -c "! \"$QUERY\" --db \"$DB\" --from 2015-13 سوريا 2>/dev/null; [ \$? -ne 2 ] || true; \"$QUERY\" --db \"$DB\" --from 2015-13 سوريا >/dev/null 2>&1; [ \$? -eq 2 ]"

# --- Facet counts over the whole match -----------------------------------------------------
check "--facets --limit 1" q "$WORK/f" --facets --facet-top 3 --limit 1 سوريا
check "  year facet counts all six" py '{v["value"]: v["count"] for v in r["facets"]["year"]} == {"2015": 5, "2014": 1}' "$WORK/f"
check "  month facet: 2015-09 three times" py 'r["facets"]["month"][0] == {"value": "2015-09", "count": 3}' "$WORK/f"
check "  mentioned_month: top 3, 2015-09 three times, 2014-08 twice" py 'len(r["facets"]["mentioned_month"]) == 3 and r["facets"]["mentioned_month"][:2] == [{"value": "2015-09", "count": 3}, {"value": "2014-08", "count": 2}]' "$WORK/f"
check "text output shows the facets" bash -c "\"$QUERY\" --db \"$DB\" --facets --limit 1 سوريا </dev/null | grep -q 'mentioned_month: '"
check "TSV output has facet rows" bash -c "\"$QUERY\" --db \"$DB\" --format tsv --facets --limit 1 سوريا </dev/null | grep -q \$'^#facet\tyear\t2015\t5'"

# --- Metadata dates: an ISO date or nothing; Hijri converted; filters alone ----------------
M="$WORK/meta"; mkdir -p "$M"
python3 - "$M/meta.jsonl" <<'PY'
import json, sys
rows = [("m1", "غدا"), ("m2", "10 شوال 1436 هـ"), ("m3", "1436/10/10هـ"), ("m4", "1436-10-10"),
        ("m5", "2015-07-26")]
with open(sys.argv[1], "w", encoding="utf-8") as f:
    for i, d in rows:
        f.write(json.dumps({"id": i, "title": "علامةتاريخ " + i, "body": "نص بلا تاريخ علامةتاريخ",
                            "date": d}, ensure_ascii=False) + "\n")
PY
check "index metadata dates: exit 0 (a bad date is a warning)" status_is 0 "$INDEX" --db "$WORK/mdb" "$M"
check "  the unparsable date is a path:line: warning" grep -q "meta.jsonl:1: warning: date 'غدا' is not a date" "$WORK/err"
check "  only that one" test "$(grep -c 'warning:' "$WORK/err")" = 1
"$QUERY" --db "$WORK/mdb" --format json --limit 10 --sort date 'علامةتاريخ' </dev/null >"$WORK/m"
check "  date is an ISO date or empty; Hijri ones converted (Umm al-Qura)" py '{h["id"]: h["date"] for h in r["hits"]} == {"m1": "", "m2": "2015-07-26", "m3": "2015-07-26", "m4": "2015-07-26", "m5": "2015-07-26"}' "$WORK/m"
check "  --from/--to alone find the four dated ones, whatever stdin holds" bash -c "echo 'غدا' | \"$QUERY\" --db \"$WORK/mdb\" --format json --from 2015-07-26 --to 2015-07-26 | python3 -c 'import json,sys; r=json.load(sys.stdin); sys.exit(0 if sorted(h[\"id\"] for h in r[\"hits\"]) == [\"m2\", \"m3\", \"m4\", \"m5\"] else 1)'"
check "  date: alone, stdin a pipe left empty" bash -c "\"$QUERY\" --db \"$WORK/mdb\" --format json date:2015-07 </dev/null | python3 -c 'import json,sys; sys.exit(0 if json.load(sys.stdin)[\"total_estimate\"] == 4 else 1)'"

finish
