#!/usr/bin/env bash
# What exact hit counts cost, and how far Xapian's estimate was from the truth (not part of
# the test suite; docs/PERFORMANCE.md).
#
#   scripts/bench_counts.sh DB [--nq N] [--rounds R] [--sample S] [--old FAHRAS_QUERY]
#
# Latency: the first N questions of the shared workload (default 2000) run with
# `fahras-query --batch --latency --limit 10`, --format json and trec, with the default
# --count-exact-max and with --count-exact-max 0 (Xapian's estimate only), alternating R
# rounds (default 3) so that both see the same machine; prints p50/p95 wall and CPU ms of each
# round. Accuracy: S questions (default 50) and S quoted two-word phrases that match (from
# adjacent words of the questions) from the same workload, the exact number (--count-exact-max 10000000)
# against the estimate of --count-exact-max 0 at --limit 0 and 10, and against that of the
# fahras-query given by --old (a build of the code before exact counts) when given.
set -euo pipefail
cd "$(dirname "$0")/.."
DB=${1:?usage: bench_counts.sh DB [--nq N] [--rounds R] [--sample S] [--old FAHRAS_QUERY]}
shift
NQ=2000 ROUNDS=3 SAMPLE=50 OLD=
while [ $# -gt 0 ]; do
  case $1 in
    --nq) NQ=$2; shift 2 ;;
    --rounds) ROUNDS=$2; shift 2 ;;
    --sample) SAMPLE=$2; shift 2 ;;
    --old) OLD=$2; shift 2 ;;
    *) echo "bench_counts: unknown argument $1" >&2; exit 2 ;;
  esac
done
SHARED=${FAHRAS_SHARED_DIR:-$PWD/../shared}
QUERY=${FAHRAS_QUERY:-$PWD/${FAHRAS_BUILD_DIR:-build}/query/fahras-query}
WORKLOAD=$SHARED/data/query_workloads/mrtydi_ar_train_questions.tsv
WORK=$(mktemp -d "${TMPDIR:-/tmp}/fahras-bench-counts.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
head -n "$NQ" "$WORKLOAD" > "$WORK/queries.tsv"

latency() {  # latency FORMAT ARGS...: "wall_p50 wall_p95 cpu_p50 cpu_p95"
  "$QUERY" --db "$DB" --batch --latency --limit 10 --format "$@" < "$WORK/queries.tsv" \
    2>&1 >/dev/null | awk '
      /^LATENCY_MS/     { for (i = 2; i <= NF; i++) { split($i, kv, "="); w[kv[1]] = kv[2] } }
      /^LATENCY_CPU_MS/ { for (i = 2; i <= NF; i++) { split($i, kv, "="); c[kv[1]] = kv[2] } }
      END { print w["p50"], w["p95"], c["p50"], c["p95"] }'
}

echo "latency, ms ($NQ questions, --limit 10; wall p50 p95, CPU p50 p95)"
printf '%-6s %-5s %-22s %s\n' round fmt "--count-exact-max" "wall_p50 wall_p95 cpu_p50 cpu_p95"
for round in $(seq 1 "$ROUNDS"); do
  for format in json trec; do
    for max in 10000 0; do
      printf '%-6s %-5s %-22s %s\n' "$round" "$format" "$max" "$(latency "$format" --count-exact-max "$max")"
    done
  done
done

# Accuracy sample.
head -n "$SAMPLE" "$WORKLOAD" | cut -f2 > "$WORK/questions.txt"
python3 - "$WORKLOAD" > "$WORK/bigrams.txt" <<'PY'
import re, sys
for line in open(sys.argv[1], encoding="utf-8"):
    words = re.findall(r"[\u0621-\u064A]+", line.split("\t", 1)[-1])[1:]  # no question word
    for a, b in zip(words, words[1:]):
        print('"%s %s"' % (a, b))
PY
totals() {  # totals FAHRAS_QUERY ARGS... < queries: one "estimate lower upper" line per query
  "$@" --db "$DB" --format json | python3 -c '
import json, sys
for line in sys.stdin:
    r = json.loads(line)
    print(r.get("total_estimate", 0), r.get("total_lower", ""), r.get("total_upper", ""))'
}
# The phrases: the first S two-word phrases of the questions (question word left out) that
# match at least one article.
head -n $((SAMPLE * 20)) "$WORK/bigrams.txt" > "$WORK/candidates.txt"
"$QUERY" --db "$DB" --format json --limit 0 < "$WORK/candidates.txt" |
  python3 -c 'import json,sys; q=[r["query"] for r in map(json.loads, sys.stdin) if r["total_lower"] > 0]; print("\n".join(q[:int(sys.argv[1])]))' "$SAMPLE" > "$WORK/phrases.txt"
for kind in questions phrases; do
  f=$WORK/$kind.txt
  totals "$QUERY" --limit 0 --count-exact-max 10000000 < "$f" | cut -d' ' -f1 > "$WORK/$kind.true"
  for limit in 0 10; do
    totals "$QUERY" --limit "$limit" --count-exact-max 0 < "$f" > "$WORK/$kind.est$limit"
    [ -z "$OLD" ] || totals "$OLD" --limit "$limit" < "$f" > "$WORK/$kind.old$limit"
  done
  totals "$QUERY" --limit 10 < "$f" > "$WORK/$kind.new"
  python3 - "$WORK" "$kind" <<'PY'
import os, statistics, sys
work, kind = sys.argv[1], sys.argv[2]
read = lambda name: [l.split() for l in open(os.path.join(work, kind + "." + name))]
truth = [int(l[0]) for l in read("true")]
print("\n%s: %d queries, true matches: median %d, max %d, %d over 10,000" % (
    kind, len(truth), statistics.median(truth), max(truth), sum(t > 10000 for t in truth)))
for name in ["old0", "old10", "est0", "est10"]:
    if not os.path.exists(os.path.join(work, kind + "." + name)): continue
    est = [int(l[0]) for l in read(name)]
    errs = [abs(e - t) / t for e, t in zip(est, truth) if t > 0]
    zero = sum(1 for e, t in zip(est, truth) if t > 0 and e == 0)
    print("  %-6s estimate: exact %2d/%d, within 10%% %2d, median error %.0f%%, max %.0f%%, 0 although matches: %d" % (
        name, sum(e == t for e, t in zip(est, truth)), len(truth), sum(x <= 0.1 for x in errs),
        100 * statistics.median(errs) if errs else 0, 100 * max(errs) if errs else 0, zero))
new = read("new")
exact = sum(1 for l, t in zip(new, truth) if l[1] == l[2] == l[0] == str(t))
held = sum(1 for l, t in zip(new, truth) if int(l[1]) <= t <= int(l[2]))
print("  new default (--limit 10): exact %d/%d, bounds hold the truth %d/%d" % (exact, len(truth), held, len(truth)))
PY
done
