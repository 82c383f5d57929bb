#!/usr/bin/env bash
# Measurement prototype for: is a full build faster as K index processes writing K
# shard databases in parallel, merged with xapian-compact, than as one fahras-index run?
# Not part of the test suite, and not a supported way to build: stories are clustered per
# shard only and the merged metadata keeps the first shard's value of a duplicated key
# (docs/PERFORMANCE.md, "Parallel shard build").
#
#   scripts/bench_shard_build.sh [--k K] [--threads N] [--out FILE.jsonl] CORPUS.jsonl...
#
# The corpora are concatenated and cut into K contiguous parts of equal article counts. Then:
#   single:   fahras-index --threads N over all parts (one database);
#   parallel: K fahras-index --threads 1 at once, one per part, then xapian-compact of the K
#             databases into one (--multipass when K > 3, where it applies).
# Each step runs under /usr/bin/time; prints wall and user+sys CPU seconds and DB sizes, and
# appends one JSON object to FILE (default build-release/shard_build.jsonl).
# Uses the Release binary of build-release/ (built first, as scripts/bench.sh does), or the
# binary named by FAHRAS_INDEX.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
K=2 THREADS=2 OUT=
CORPORA=()
while [ $# -gt 0 ]; do
  case $1 in
    --k) K=$2; shift 2 ;;
    --threads) THREADS=$2; shift 2 ;;
    --out) OUT=$2; shift 2 ;;
    -h|--help) sed -n '2,18p' "$0"; exit 0 ;;
    -*) echo "bench_shard_build: unknown option $1" >&2; exit 2 ;;
    *) CORPORA+=("$1"); shift ;;
  esac
done
[ ${#CORPORA[@]} -gt 0 ] || { echo "bench_shard_build: error: no corpus given" >&2; exit 2; }

BUILD=${FAHRAS_BUILD_DIR:-build-release}
if [ -n "${FAHRAS_INDEX:-}" ]; then  # a given binary: no build
  INDEX=$FAHRAS_INDEX
else
  cmake -S . -B "$BUILD" -DCMAKE_BUILD_TYPE=Release -DFAHRAS_BUILD_TESTS=OFF >/dev/null
  cmake --build "$BUILD" -j2 --target fahras-index >/dev/null
  INDEX=$ROOT/$BUILD/indexer/fahras-index
fi
OUT=${OUT:-$ROOT/$BUILD/shard_build.jsonl}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/fahras-shard-build.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

cat "${CORPORA[@]}" > "$WORK/all.jsonl"
N=$(wc -l < "$WORK/all.jsonl")
mkdir -p "$WORK/parts"
split -n "l/$K" -d -a 2 --additional-suffix=.jsonl "$WORK/all.jsonl" "$WORK/parts/part-"

# cpu FILE: "wall user sys" from a /usr/bin/time -f '%e %U %S' output file (its last line).
cpu() { tail -n 1 "$1"; }
size_mb() { du -sm "$1" | cut -f1; }

# Single build over the same parts (same files, so the same article ids and paths).
/usr/bin/time -f '%e %U %S' -o "$WORK/single.time" \
  "$INDEX" --db "$WORK/single" -q --no-progress --threads "$THREADS" "$WORK/parts" \
  > "$WORK/single.out" 2>&1 || true  # exit status 1 when some articles failed (counted)
read -r s_wall s_user s_sys < <(cpu "$WORK/single.time")

# K builds at once, one part each, then one merge.
started=$(date +%s.%N)
pids=()
for ((i = 0; i < K; i++)); do
  part=$(printf '%s/parts/part-%02d.jsonl' "$WORK" "$i")
  /usr/bin/time -f '%e %U %S' -o "$WORK/shard-$i.time" \
    "$INDEX" --db "$WORK/shard-$i" -q --no-progress --threads 1 "$part" \
    > "$WORK/shard-$i.out" 2>&1 || true &
  pids+=($!)
done
for p in "${pids[@]}"; do wait "$p" || true; done
built=$(date +%s.%N)
multipass=()
[ "$K" -gt 3 ] && multipass=(--multipass)
shards=()
for ((i = 0; i < K; i++)); do shards+=("$WORK/shard-$i"); done
/usr/bin/time -f '%e %U %S' -o "$WORK/merge.time" \
  xapian-compact "${multipass[@]}" "${shards[@]}" "$WORK/merged" > "$WORK/merge.out" 2>&1
finished=$(date +%s.%N)
p_user=0 p_sys=0
for ((i = 0; i < K; i++)); do
  read -r _ u s < <(cpu "$WORK/shard-$i.time")
  p_user=$(python3 -c "print($p_user + $u)")
  p_sys=$(python3 -c "print($p_sys + $s)")
done
read -r m_wall m_user m_sys < <(cpu "$WORK/merge.time")

python3 - "$N" "$K" "$THREADS" "$s_wall" "$s_user" "$s_sys" "$(size_mb "$WORK/single")" \
  "$started" "$built" "$finished" "$p_user" "$p_sys" "$m_user" "$m_sys" \
  "$(size_mb "$WORK/merged")" "$(du -smc "${shards[@]}" | tail -n 1 | cut -f1)" "$OUT" <<'PY'
import json, sys
a = sys.argv[1:]
n, k, threads = int(a[0]), int(a[1]), int(a[2])
s_wall, s_user, s_sys, s_mb = float(a[3]), float(a[4]), float(a[5]), int(a[6])
started, built, finished = float(a[7]), float(a[8]), float(a[9])
p_user, p_sys, m_user, m_sys = float(a[10]), float(a[11]), float(a[12]), float(a[13])
merged_mb, shards_mb = int(a[14]), int(a[15])
row = {"articles": n, "k": k, "single_threads": threads,
       "single": {"wall_s": s_wall, "user_s": s_user, "sys_s": s_sys, "db_mb": s_mb},
       "parallel": {"build_wall_s": round(built - started, 1),
                    "merge_wall_s": round(finished - built, 1),
                    "wall_s": round(finished - started, 1),
                    "user_s": round(p_user + m_user, 1), "sys_s": round(p_sys + m_sys, 1),
                    "merge_user_s": m_user, "shards_mb": shards_mb, "db_mb": merged_mb}}
with open(a[16], "a", encoding="utf-8") as w:
    w.write(json.dumps(row) + "\n")
print(f"{n} articles; single (--threads {threads}): {s_wall:.1f} s wall, {s_user:.1f} s user, "
      f"{s_mb} MB (uncompacted)")
p = row["parallel"]
print(f"{k} shards (--threads 1 each): build {p['build_wall_s']} s wall + merge "
      f"{p['merge_wall_s']} s = {p['wall_s']} s, {p['user_s']} s user (merge {m_user} s), "
      f"shards {shards_mb} MB -> merged {merged_mb} MB (compacted)")
PY
