#!/usr/bin/env bash
# HTTP benchmark of fahras-serve with wrk (not part of the test suite; docs/PERFORMANCE.md).
#
#   scripts/bench-serve.sh [--db DIR] [--build DIR] [--seconds N] [--conns "1 8 32"]
#                          [--threads "1 2"] [--nq N] [--out FILE]
#
# Starts fahras-serve on a free loopback port over DIR (default /work/bench/db72k, read only)
# and, for each worker-thread count, runs wrk for N seconds (default 8) at each number of
# connections on two request mixes built from the shared question workload
# (../shared/data/query_workloads/):
#   plain    keyword questions, two-word phrases, entity filters (person=… with words)
#   facets   the same questions with facets=1, and /api/histogram by month
# plus one run of both mixes together at 8 connections. Prints requests/s, p50/p95/p99 (ms),
# errors (socket errors and non-2xx answers) and the server's peak RSS, and writes them as
# JSON lines to FILE (default build-release/bench-serve.jsonl). The machine may be shared:
# compare numbers from one invocation.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
SHARED=${FAHRAS_SHARED_DIR:-$ROOT/../shared}
DB=/work/bench/db72k BUILD=${FAHRAS_BUILD_DIR:-build} SECONDS_PER=8 CONNS="1 8 32"
THREADS="1 2" NQ=300 OUT=
while [ $# -gt 0 ]; do
  case $1 in
    --db) DB=$2; shift 2 ;;
    --build) BUILD=$2; shift 2 ;;
    --seconds) SECONDS_PER=$2; shift 2 ;;
    --conns) CONNS=$2; shift 2 ;;
    --threads) THREADS=$2; shift 2 ;;
    --nq) NQ=$2; shift 2 ;;
    --out) OUT=$2; shift 2 ;;
    -h|--help) sed -n '2,17p' "$0"; exit 0 ;;
    *) echo "bench-serve: unknown option $1" >&2; exit 2 ;;
  esac
done
SERVE=$BUILD/query/fahras-serve
OUT=${OUT:-$BUILD/bench-serve.jsonl}
[ -x "$SERVE" ] || { echo "bench-serve: no $SERVE (build first)" >&2; exit 2; }
command -v wrk >/dev/null || { echo "bench-serve: wrk is missing (scripts/setup.sh)" >&2; exit 2; }
[ -e "$DB" ] || { echo "bench-serve: no database $DB" >&2; exit 2; }
QUESTIONS=$SHARED/data/query_workloads/mrtydi_ar_train_questions.tsv

WORK=$(mktemp -d "${TMPDIR:-/tmp}/fahras-bench-serve.XXXXXX")
SERVER=
cleanup() { [ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null; wait 2>/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
URL=http://127.0.0.1:$PORT

start_server() {  # start_server THREADS
  "$SERVE" --db "$DB" --listen "127.0.0.1:$PORT" --threads "$1" --access-log "$WORK/access.log" \
    2>"$WORK/serve.err" &
  SERVER=$!
  for _ in $(seq 300); do curl -fs "$URL/healthz" >/dev/null 2>&1 && return 0; sleep 0.1; done
  echo "bench-serve: fahras-serve did not start:" >&2; cat "$WORK/serve.err" >&2; exit 2
}
stop_server() { kill -TERM "$SERVER"; wait "$SERVER" || true; SERVER=; }

# Request paths, one per line, from the questions and the database's most frequent persons.
start_server 2
curl -fs "$URL/api/entities?type=person&top=40" > "$WORK/persons.json"
stop_server
python3 - "$QUESTIONS" "$NQ" "$WORK" <<'PY'
import json, random, sys, urllib.parse
questions, nq, work = sys.argv[1], int(sys.argv[2]), sys.argv[3]
rng = random.Random(20261206)
qs = [l.rstrip("\n").split("\t", 1)[1] for l in open(questions, encoding="utf-8") if "\t" in l]
qs = rng.sample(qs, min(nq, len(qs)))
persons = [e["name"] for e in json.load(open(work + "/persons.json"))["entities"]]
def path(endpoint, params):
    return endpoint + "?" + urllib.parse.urlencode(params)
plain, facets = [], []
for i, q in enumerate(qs):
    words = [w for w in q.replace("؟", " ").split() if w.isalpha()]
    kind = i % 3
    if kind == 0 or len(words) < 3:
        plain.append(path("/api/search", {"q": q}))
    elif kind == 1:
        plain.append(path("/api/search", {"q": '"%s %s"' % (words[1], words[2])}))
    else:
        plain.append(path("/api/search", {"q": " ".join(words[1:3]), "person": rng.choice(persons)}))
    if i % 2 == 0:
        facets.append(path("/api/search", {"q": q, "facets": "1"}))
    else:
        facets.append(path("/api/histogram", {"q": q, "by": "month"}))
open(work + "/plain.txt", "w").write("\n".join(plain) + "\n")
open(work + "/facets.txt", "w").write("\n".join(facets) + "\n")
open(work + "/mix.txt", "w").write("\n".join(plain + facets) + "\n")
PY

cat > "$WORK/paths.lua" <<'LUA'
-- Cycles through the request paths of a file (one per line), each thread from its own start.
local paths = {}
local i = 0
function init(args)
  for line in io.lines(args[1]) do paths[#paths + 1] = line end
  i = math.random(#paths)
end
function request()
  i = i % #paths + 1
  return wrk.format("GET", paths[i])
end
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "RESULT requests=%d seconds=%.3f socket_errors=%d status_errors=%d p50=%.2f p95=%.2f p99=%.2f\n",
    summary.requests, summary.duration / 1e6, e.connect + e.read + e.write + e.timeout,
    e.status, latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000))
end
LUA

: > "$OUT"
printf '%-8s %-7s %5s %9s %8s %8s %8s %7s\n' threads mix conns req/s p50_ms p95_ms p99_ms errors
run() {  # run THREADS MIX CONNS
  local threads=$1 mix=$2 conns=$3 wrk_threads=$(( $3 < 2 ? 1 : 2 ))
  local line
  line=$(wrk -t "$wrk_threads" -c "$conns" -d "${SECONDS_PER}s" --timeout 10s \
           -s "$WORK/paths.lua" "$URL" -- "$WORK/$mix.txt" | grep '^RESULT') || true
  [ -n "$line" ] || { echo "bench-serve: wrk gave no result" >&2; return; }
  eval "$(echo "${line#RESULT }" | tr ' ' '\n' | sed 's/^/local /')"
  local rps errors
  rps=$(python3 -c "print(round($requests / $seconds, 1))")
  errors=$((socket_errors + status_errors))
  printf '%-8s %-7s %5s %9s %8s %8s %8s %7s\n' "$threads" "$mix" "$conns" "$rps" "$p50" "$p95" "$p99" "$errors"
  printf '{"date":"%s","threads":%s,"mix":"%s","conns":%s,"requests":%s,"req_per_s":%s,"p50_ms":%s,"p95_ms":%s,"p99_ms":%s,"errors":%s}\n' \
    "$(date -u +%FT%TZ)" "$threads" "$mix" "$conns" "$requests" "$rps" "$p50" "$p95" "$p99" "$errors" >> "$OUT"
}
for threads in $THREADS; do
  start_server "$threads"
  # Warm-up: the shared entity resolver (built once at start), then the caches the runs share.
  curl -fs -m 120 "$URL/api/search?person=Shoigu&limit=0" >/dev/null || true
  wrk -t 1 -c 2 -d 8s --timeout 30s -s "$WORK/paths.lua" "$URL" -- "$WORK/mix.txt" >/dev/null
  for conns in $CONNS; do
    run "$threads" plain "$conns"
    run "$threads" facets "$conns"
  done
  run "$threads" mix 8
  rss=$(awk '/VmHWM/{print $2}' "/proc/$SERVER/status")
  echo "threads=$threads peak_rss_mb=$((rss / 1024))"
  printf '{"date":"%s","threads":%s,"peak_rss_mb":%s}\n' "$(date -u +%FT%TZ)" "$threads" "$((rss / 1024))" >> "$OUT"
  stop_server
done
echo "bench-serve: results in $OUT"
