#!/usr/bin/env bash
# Indexing and query benchmark of Fahras (not part of the test suite).
#
#   scripts/bench.sh [--out FILE.json] [--nq N] [--queries FILE.tsv] [--sizes LIST]
#                    [--enlarge K] [--threads N] [--shards N] [--keep] [CORPUS...]
#
# Builds a release, then for each corpus size indexes with /usr/bin/time -v and runs a query
# workload with and without --facets, in process (fahras-query --batch --latency). Prints one
# table and writes JSON lines (one object per size) to FILE (default build-release/bench.jsonl):
# docs, seconds, docs_per_s, mb_per_s, user_s, sys_s, threads, peak_rss_mb, db_mb, query p50/p95/mean, facets p50/p95/mean;
# since 2026-12-03 also search_ms (the same questions in --format trec: ranked match and ids
# only, no snippets or document fields: the number comparable with Lucene's search-only
# p95), titles_search_ms (500 known-item titles of the indexed corpus, picked by
# scripts/fahras_eval.py knownitem, --format trec) and the thread-CPU figures of each
# (query_cpu_ms, facets_cpu_ms, search_cpu_ms, titles_search_cpu_ms, from LATENCY_CPU_MS).
#
# CORPUS defaults to the news corpora in ../shared/data (ANT v1.1 + v2.1 and SaudiNewsNet).
# --sizes 10000,30000,all  index the first N articles of the corpus as well (scaling run).
# --enlarge K              add a run over the corpus repeated K times with fresh ids.
# --shards N               index into N shards written in parallel (fahras-index --shards).
# --nq N                   queries to run (default 2000) from --queries (default the shared
#                          question workload, qid<TAB>text).
# The machine may be shared: compare numbers from one invocation, and repeat.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
SHARED=${FAHRAS_SHARED_DIR:-$ROOT/../shared}

OUT= NQ=2000 QUERIES= SIZES=all ENLARGE=0 KEEP=0 THREADS= SHARDS=
CORPORA=()
while [ $# -gt 0 ]; do
  case $1 in
    --out) OUT=$2; shift 2 ;;
    --nq) NQ=$2; shift 2 ;;
    --queries) QUERIES=$2; shift 2 ;;
    --sizes) SIZES=$2; shift 2 ;;
    --enlarge) ENLARGE=$2; shift 2 ;;
    --threads) THREADS=$2; shift 2 ;;
    --shards) SHARDS=$2; shift 2 ;;
    --keep) KEEP=1; shift ;;
    -h|--help) sed -n '2,19p' "$0"; exit 0 ;;
    -*) echo "bench: unknown option $1" >&2; exit 2 ;;
    *) CORPORA+=("$1"); shift ;;
  esac
done
if [ ${#CORPORA[@]} -eq 0 ]; then
  CORPORA=("$SHARED/data/ant_corpus/ant_v1.1_jawharafm.jsonl.gz"
           "$SHARED/data/ant_corpus/ant_v2.1_multisource.jsonl.gz"
           "$SHARED/data/saudinewsnet/saudinewsnet.jsonl.gz")
fi
QUERIES=${QUERIES:-$SHARED/data/query_workloads/mrtydi_ar_train_questions.tsv}
for f in "${CORPORA[@]}" "$QUERIES"; do
  [ -e "$f" ] || { echo "bench: error: $f not found" >&2; exit 2; }
done

scripts/setup.sh >/dev/null
BUILD=${FAHRAS_BUILD_DIR:-build-release}
cmake -S . -B "$BUILD" -DCMAKE_BUILD_TYPE=Release -DFAHRAS_BUILD_TESTS=OFF >/dev/null
cmake --build "$BUILD" -j"$(nproc)" --target fahras-index fahras-query >/dev/null
INDEX=$ROOT/$BUILD/indexer/fahras-index
QUERY=$ROOT/$BUILD/query/fahras-query
OUT=${OUT:-$ROOT/$BUILD/bench.jsonl}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/fahras-bench.XXXXXX")
[ "$KEEP" -eq 1 ] || trap 'rm -rf "$WORK"' EXIT
head -n "$NQ" "$QUERIES" > "$WORK/queries.tsv"

# make_corpus N FILE: the first N articles of the corpora (all: N = 0), or the corpora repeated
# K times with fresh ids (N = xK), as one JSON Lines file.
make_corpus() {
  python3 - "$1" "$2" "${CORPORA[@]}" <<'PY'
import gzip, json, sys
spec, out, files = sys.argv[1], sys.argv[2], sys.argv[3:]
limit = 0 if spec in ("all",) or spec.startswith("x") else int(spec)
copies = int(spec[1:]) if spec.startswith("x") else 1
n = 0
with open(out, "w", encoding="utf-8") as w:
    for copy in range(copies):
        for f in files:
            opener = gzip.open if f.endswith(".gz") else open
            with opener(f, "rt", encoding="utf-8") as r:
                for line in r:
                    if limit and n >= limit:
                        break
                    if copy:
                        rec = json.loads(line)
                        rec["id"] = f"{rec.get('id', n)}#copy{copy}"
                        line = json.dumps(rec, ensure_ascii=False) + "\n"
                    w.write(line)
                    n += 1
print(n)
PY
}

latency() {  # latency DB QUERIES FORMAT [extra args]: prints "p50 p95 mean" in ms of
  # LATENCY_MS, then the same of LATENCY_CPU_MS (thread CPU time, robust to other load)
  "$QUERY" --db "$1" --batch --latency --format "$3" --limit 10 "${@:4}" \
    < "$2" 2> "$WORK/lat.err" > /dev/null || true
  python3 - "$WORK/lat.err" <<'PY'
import re, sys
text = open(sys.argv[1], encoding="utf-8", errors="replace").read()
out = []
for name in ("LATENCY_MS", "LATENCY_CPU_MS"):
    m = re.search(name + r" n=(\d+) p50=([\d.]+) p95=([\d.]+) mean=([\d.]+)", text)
    out += m.groups()[1:] if m else ["nan"] * 3
print(" ".join(out))
PY
}

runs=()
IFS=, read -r -a sizes <<< "$SIZES"
[ "$ENLARGE" -gt 0 ] && sizes+=("x$ENLARGE")
: > "$OUT"
printf '%-8s %9s %8s %8s %7s %8s %8s %7s  %-20s %-20s %-20s %-20s\n' size docs seconds docs/s MB/s rss_MB db_MB user_s \
  "query p50/p95 ms" "facets p50/p95 ms" "search p50/p95 ms" "titles p50/p95 ms"
for size in "${sizes[@]}"; do
  corpus=$WORK/corpus-$size.jsonl
  make_corpus "$size" "$corpus" >/dev/null
  db=$WORK/db-$size
  threads=()
  [ -n "$THREADS" ] && threads=(--threads "$THREADS")
  [ -n "$SHARDS" ] && threads+=(--shards "$SHARDS")
  # The corpus is one file of a few hundred MB: lift the per-file size limit (64 MB).
  /usr/bin/time -v "$INDEX" --db "$db" --max-file-size 8000000000 "${threads[@]}" "$corpus" > "$WORK/index.out" 2> "$WORK/index.err" || true
  read -r q50 q95 qmean qc50 qc95 qcmean < <(latency "$db" "$WORK/queries.tsv" json)
  read -r f50 f95 fmean fc50 fc95 fcmean < <(latency "$db" "$WORK/queries.tsv" json --facets)
  read -r s50 s95 smean sc50 sc95 scmean < <(latency "$db" "$WORK/queries.tsv" trec)
  # Known-item titles of this corpus, search only (what Lucene's benchmark measures).
  python3 scripts/fahras_eval.py knownitem "$WORK/ki-$size" "$corpus" --n 500 >/dev/null 2>&1 || true
  t50=nan t95=nan tmean=nan tc50=nan tc95=nan tcmean=nan
  if [ -s "$WORK/ki-$size.queries.tsv" ]; then
    read -r t50 t95 tmean tc50 tc95 tcmean < <(latency "$db" "$WORK/ki-$size.queries.tsv" trec)
  fi
  BENCH_THREADS=$THREADS BENCH_SHARDS=$SHARDS python3 - "$size" "$WORK/index.out" "$WORK/index.err" "$db" "$q50" "$q95" "$qmean" \
      "$f50" "$f95" "$fmean" "$OUT" "$s50 $s95 $smean" "$t50 $t95 $tmean" \
      "$qc50 $qc95 $qcmean" "$fc50 $fc95 $fcmean" "$sc50 $sc95 $scmean" "$tc50 $tc95 $tcmean" <<'PY'
import json, os, re, sys
size, out, err, db = sys.argv[1:5]
q = [float(x) for x in sys.argv[5:8]]
f = [float(x) for x in sys.argv[8:11]]
def stats(arg):
    p50, p95, mean = (float(x) for x in arg.split())
    return {"p50": p50, "p95": p95, "mean": mean}
summary = open(out, encoding="utf-8").read()
timing = open(err, encoding="utf-8", errors="replace").read()
def grab(pattern, text, conv=float, default=float("nan")):
    m = re.search(pattern, text)
    return conv(m.group(1)) if m else default
indexed = grab(r"(\d+) (?:indexed|added)", summary, int, 0) + grab(r"(\d+) (?:replaced|updated)", summary, int, 0)
wall = timing and re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\S+)", timing)
parts = [float(p) for p in wall.group(1).split(":")] if wall else [float("nan")]
seconds = sum(p * 60 ** i for i, p in enumerate(reversed(parts)))
rss_mb = grab(r"Maximum resident set size \(kbytes\): (\d+)", timing) / 1024
# CPU seconds are robust to other load on a shared machine; wall seconds are not.
user_s = grab(r"User time \(seconds\): ([\d.]+)", timing)
sys_s = grab(r"System time \(seconds\): ([\d.]+)", timing)
mb = grab(r"([\d.]+) MB/s", summary)
db_bytes = sum(os.path.getsize(os.path.join(d, name)) for d, _, names in os.walk(db) for name in names)
row = {"size": size, "docs": indexed, "seconds": round(seconds, 2),
       "docs_per_s": round(indexed / seconds, 1) if seconds else None, "mb_per_s": mb,
       "user_s": user_s, "sys_s": sys_s, "threads": os.environ.get("BENCH_THREADS") or "default",
       "shards": int(os.environ.get("BENCH_SHARDS") or 1),
       "peak_rss_mb": round(rss_mb, 1), "db_mb": round(db_bytes / 2**20, 1),
       "query_ms": {"p50": q[0], "p95": q[1], "mean": q[2]},
       "facets_ms": {"p50": f[0], "p95": f[1], "mean": f[2]},
       "search_ms": stats(sys.argv[12]), "titles_search_ms": stats(sys.argv[13]),
       "query_cpu_ms": stats(sys.argv[14]), "facets_cpu_ms": stats(sys.argv[15]),
       "search_cpu_ms": stats(sys.argv[16]), "titles_search_cpu_ms": stats(sys.argv[17])}
with open(sys.argv[11], "a", encoding="utf-8") as w:
    w.write(json.dumps(row) + "\n")
print(f"{size:<8} {indexed:>9} {seconds:>8.1f} {row['docs_per_s'] or 0:>8.0f} {mb:>7.2f} "
      f"{rss_mb:>8.0f} {row['db_mb']:>8.0f} {user_s:>7.1f}  {q[0]:>6.2f} / {q[1]:<11.2f} {f[0]:>6.2f} / {f[1]:<11.2f} "
      f"{row['search_ms']['p50']:>6.2f} / {row['search_ms']['p95']:<11.2f} "
      f"{row['titles_search_ms']['p50']:>6.2f} / {row['titles_search_ms']['p95']:<8.2f}")
PY
  [ "$KEEP" -eq 1 ] || rm -rf "$db" "$corpus" "$WORK/ki-$size".*
done
echo "bench: results in $OUT"
