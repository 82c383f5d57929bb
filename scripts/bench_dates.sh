#!/usr/bin/env bash
# Measures the date extractor on news corpora: articles with a publication date
# (and where it came from), mentioned dates per article, Hijri dates found, and the indexing
# slowdown (the same run with and without `--no-date-extraction`, back to back, best of N).
# Usage: scripts/bench_dates.sh BUILD_DIR OUT.json CORPUS.jsonl.gz... (REPEAT=N, default 1)
set -euo pipefail
BUILD=$1 OUT=$2; shift 2
INDEX="$BUILD/indexer/fahras-index" QUERY="$BUILD/query/fahras-query"
REPEAT=${REPEAT:-1}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/fahras-bench-dates.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

seconds() {  # seconds DB ARGS...: wall time of one fresh index run
  rm -rf "$1"
  local start end
  start=$(date +%s.%N)
  "$INDEX" --db "$@" -q 2>/dev/null || true  # exit 1: some records failed (empty ones)
  end=$(date +%s.%N)
  python3 -c "print(round($end - $start, 3))"
}

results=()
for corpus in "$@"; do
  name=$(basename "$corpus" .jsonl.gz)
  with=() without=()
  for _ in $(seq "$REPEAT"); do
    with+=("$(seconds "$WORK/with" "$corpus")")
    without+=("$(seconds "$WORK/without" --no-date-extraction "$corpus")")
  done
  # Every article: a leading NOT matches all documents.
  n=1000000
  "$QUERY" --db "$WORK/with" --format json --limit "$n" --snippet-bytes 1 'NOT qqqzzzxxyy' \
    </dev/null >"$WORK/hits.json" || true
  results+=("$(python3 - "$WORK/hits.json" "$name" "${with[*]}" "${without[*]}" <<'PY'
import collections, json, sys
hits = json.load(open(sys.argv[1]))["hits"]
name, with_s, without_s = sys.argv[2], sys.argv[3].split(), sys.argv[4].split()
n = len(hits)
sources = collections.Counter(h.get("date_source", "") for h in hits)
mentions = [h.get("mentioned_dates", []) for h in hits]
total = sum(len(m) for m in mentions)
kinds = collections.Counter(d["kind"] for m in mentions for d in m)
precisions = collections.Counter(d["precision"] for m in mentions for d in m)
hijri = sum(1 for m in mentions for d in m if d["calendar"] == "hijri")
best_with, best_without = min(map(float, with_s)), min(map(float, without_s))
print(json.dumps({
    "corpus": name, "articles": n,
    "with_pubdate": n - sources.get("", 0), "pubdate_sources": dict(sources),
    "articles_with_mentions": sum(1 for m in mentions if m),
    "mentioned_dates": total, "mentioned_per_article": round(total / max(n, 1), 2),
    "mentioned_kinds": dict(kinds), "mentioned_precisions": dict(precisions),
    "hijri_dates": hijri, "articles_with_hijri": sum(1 for m in mentions if any(d["calendar"] == "hijri" for d in m)),
    "index_seconds_with": with_s, "index_seconds_without": without_s,
    "slowdown_ratio": round(best_with / best_without, 3),
}, ensure_ascii=False))
PY
)")
done
printf '%s\n' "${results[@]}" | python3 -c 'import json,sys; print(json.dumps([json.loads(l) for l in sys.stdin], ensure_ascii=False, indent=2))' > "$OUT"
cat "$OUT"
