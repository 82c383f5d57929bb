#!/usr/bin/env bash
# End-to-end tests of nightly reindexing: the lock between two indexers, SIGTERM,
# kill -9 at random points (fixed seed), and --rebuild while another process keeps querying.
# Usage: test_nightly.sh FAHRAS_INDEX FAHRAS_QUERY SOURCE_DIR
set -uo pipefail
. "$(dirname "$0")/lib.sh"
INDEX=$1 QUERY=$2 SRC=$3
WORK=$(mktemp -d "${TMPDIR:-/tmp}/fahras-nightly.XXXXXX")
bg_pids=()
cleanup() { for p in "${bg_pids[@]}"; do kill "$p" 2>/dev/null; done; rm -rf "$WORK"; }
trap cleanup EXIT
doccount() { xapian-delve "$1" 2>/dev/null | grep -Eo 'number of documents = [0-9]+' | grep -Eo '[0-9]+$' || echo 0; }
# The ids the marker query finds, sorted.
found_ids() { "$QUERY" --db "$1" --format tsv --limit 100000 'علامةفهرس' 2>/dev/null |
  awk -F'\t' 'NR==1{for(i=1;i<=NF;i++) if($i=="id") c=i; next} !/^#/{print $c}' | sort; }
# xapian-check on the live database (a plain directory or the generation a stub names).
db_check() {
  local db=$1
  if [ -f "$db/XAPIANDB" ]; then db="$db/$(awk '!/^#/{print $NF; exit}' "$db/XAPIANDB")"; fi
  xapian-check "$db" >/dev/null 2>&1
}

N=1200
python3 "$SRC/tests/e2e/make_corpus.py" "$SRC" "$WORK/corpus" "$N" 100 > "$WORK/ids"
check "synthetic corpus written ($N ids)" test "$(wc -l < "$WORK/ids")" -eq "$N"

# --- Lock: a second indexer exits 3 with the holder's pid ---------------------------------
DB="$WORK/lockdb"
"$INDEX" --db "$DB" --commit-every 100 "$WORK/corpus" >/dev/null 2>&1 &
first=$!; bg_pids+=("$first")
for _ in $(seq 50); do [ -s "$DB.lock" ] && break; sleep 0.1; done
"$INDEX" --db "$DB" "$WORK/corpus" >"$WORK/out" 2>"$WORK/err"; rc=$?
check "second indexer exits 3 while the first runs" test "$rc" -eq 3
check "message names the holder" grep -q "database is being updated by another fahras-index, pid $first, since " "$WORK/err"
kill -TERM "$first"; wait "$first"; rc=$?
check "SIGTERM: the first exits 2 (interrupted, committed)" test "$rc" -eq 2
check "after SIGTERM xapian-check passes" db_check "$DB"
flock "$DB.lock" sleep 1.5 &
bg_pids+=($!)
sleep 0.3
start=$(date +%s%N)
"$INDEX" --db "$DB" --wait 30 "$WORK/corpus" >"$WORK/out" 2>"$WORK/err"; rc=$?
waited=$(( ($(date +%s%N) - start) / 1000000 ))
check "--wait: waits for the lock, then finishes (exit $rc, ${waited} ms)" test "$rc" -eq 0 -a "$waited" -ge 900
check "the rerun after SIGTERM completes the index" test "$(doccount "$DB")" -eq "$N"

# --- kill -9 at random points (fixed seed) ------------------------------------------------
DB="$WORK/crashdb"
# A corpus large enough that no round can finish it whatever the machine's speed: each round
# is killed at most 300 ms after its first commit, i.e. a few hundred articles on an idle
# machine, far fewer under load.
NC=5000
python3 "$SRC/tests/e2e/make_corpus.py" "$SRC" "$WORK/crashcorpus" "$NC" 250 > "$WORK/crashids"
check "synthetic crash corpus written ($NC ids)" test "$(wc -l < "$WORK/crashids")" -eq "$NC"
RANDOM=20261123
kills=0 killed_mid_run=0
for round in 1 2 3 4 5; do
  # Kill at a random point after the run's first commit (so that each round makes progress
  # however loaded the machine is): 0-299 ms after it, from the fixed seed.
  delay_ms=$(( RANDOM % 300 ))
  before=$(doccount "$DB")
  "$INDEX" --db "$DB" --commit-every 50 --verbose "$WORK/crashcorpus" >"$WORK/crash.log" 2>&1 &
  pid=$!
  for _ in $(seq 300); do
    grep -q '^committed:' "$WORK/crash.log" && break
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  sleep "$(printf '0.%03d' "$delay_ms")"
  if kill -KILL "$pid" 2>/dev/null; then killed_mid_run=$((killed_mid_run + 1)); fi
  wait "$pid" 2>/dev/null
  kills=$((kills + 1))
  after=$(doccount "$DB")
  committed=$(grep -Eo '^committed: [0-9]+' "$WORK/crash.log" | tail -1 | grep -Eo '[0-9]+$' || echo "$before")
  echo "# round $round: killed ${delay_ms} ms after the first commit; $before -> $after articles (last logged commit: $committed)"
  check "round $round: xapian-check passes" db_check "$DB"
  check "round $round: every logged commit survived ($after >= $committed)" test "$after" -ge "$committed"
  check "round $round: the database holds exactly the first $after articles, all findable" \
    cmp -s <(found_ids "$DB") <(head -n "$after" "$WORK/crashids" | sort)
done
check "at least two kills hit a running indexer ($killed_mid_run of $kills)" test "$killed_mid_run" -ge 2
check "the kills left a partly built index (${after:-0} of $NC)" test "${after:-0}" -ge 100 -a "${after:-0}" -lt "$NC"
"$INDEX" --db "$DB" "$WORK/crashcorpus" >"$WORK/out" 2>"$WORK/err"; rc=$?
check "a rerun after the kills exits 0" test "$rc" -eq 0
check "and completes the index ($NC articles, all findable)" cmp -s <(found_ids "$DB") <(sort "$WORK/crashids")
check "xapian-check passes at the end" db_check "$DB"

# --- --rebuild under a query load --------------------------------------------------------
DB="$WORK/livedb"
"$INDEX" --db "$DB" "$SRC/sample_corpus" >/dev/null 2>&1
expected=$("$QUERY" --db "$DB" --format tsv --limit 1000 'سوريا' | wc -l)
check "live database answers ($expected lines)" test "$expected" -gt 1
: > "$WORK/queries"
(
  while [ ! -e "$WORK/stop" ]; do
    if out=$("$QUERY" --db "$DB" --format tsv --limit 1000 'سوريا' 2>&1) &&
       [ "$(printf '%s\n' "$out" | wc -l)" -eq "$expected" ]; then echo ok; else echo "FAILED: $out" | head -3; fi
  done >> "$WORK/queries"
) &
bg_pids+=($!)
sleep 0.5
check "rebuild of a plain database directory exits 0" "$INDEX" --db "$DB" --rebuild -q "$SRC/sample_corpus"
check "it became a stub directory" test -f "$DB/XAPIANDB"
check "rebuild of a stub directory exits 0" "$INDEX" --db "$DB" --rebuild -q "$SRC/sample_corpus"
check "rebuild with --compact exits 0" "$INDEX" --db "$DB" --rebuild --compact -q "$SRC/sample_corpus"
sleep 0.5
touch "$WORK/stop"; wait "${bg_pids[-1]}"
n_ok=$(grep -c '^ok$' "$WORK/queries"); n_bad=$(grep -c '^FAILED' "$WORK/queries")
echo "# queries during rebuilds: $n_ok ok, $n_bad failed"
grep -m3 FAILED "$WORK/queries"
check "queries ran during the rebuilds ($n_ok)" test "$n_ok" -ge 5
check "0 failed queries during the rebuilds" test "$n_bad" -eq 0
check "one generation left" test "$(ls -d "$DB"/gen-* | wc -l)" -eq 1
check "xapian-check passes on the rebuilt database" db_check "$DB"

# --- Bad inputs: each reported and counted, the good ones around them indexed --------------
BAD="$WORK/bad"; mkdir -p "$BAD"
SEED="$SRC/sample_corpus/seeds/000_d7d323a442f094ad.txt"
cp "$SEED" "$BAD/utf8.txt"
{ printf '\xef\xbb\xbf'; cat "$SEED"; } > "$BAD/utf8-bom.txt"
{ printf '\xff\xfe'; iconv -f UTF-8 -t UTF-16LE "$SEED"; } > "$BAD/utf16.txt"
iconv -f UTF-8 -t CP1256 "$SEED" > "$BAD/cp1256.txt"
iconv -f UTF-8 -t ISO-8859-6 -c "$SEED" > "$BAD/iso8859-6.txt"
printf 'عنوان\n\nنص \xff\xfe فيه بايتات خاطئة\n' > "$BAD/invalid-utf8.txt"
printf '<html><head><title>صفحة</title><script>var secret_script_word;</script></head><body><nav>قائمة</nav><p>فقرة الصفحة</p></body></html>' > "$BAD/page.html"
printf 'abc\0def' > "$BAD/binary.txt"
: > "$BAD/empty.txt"
head -c 12000 /dev/zero | tr '\0' 'x' > "$BAD/oversize.txt"
printf '{"title": "مكسور", \n "body": }\n' > "$BAD/malformed.json"
printf '{"id": "j1", "title": "أ", "body": "ب"}\n{"id": "j2", "title": \n' > "$BAD/lines.jsonl"
cp "$SEED" "$BAD/unreadable.txt"; chmod 000 "$BAD/unreadable.txt"
ln -s "$BAD/nowhere.txt" "$BAD/broken-link.txt"
"$INDEX" --db "$WORK/baddb" --max-file-size 10000 --report "$WORK/bad.json" "$BAD" >"$WORK/out" 2>"$WORK/err"; rc=$?
check "bad inputs: exit 1" test "$rc" -eq 1
check "invalid UTF-8 reported with its byte offset (a warning)" grep -q "invalid-utf8.txt:3: warning: invalid UTF-8 at byte offset 17" "$WORK/err"
check "binary file reported" grep -q "binary.txt: error: binary file" "$WORK/err"
check "empty file reported" grep -q "empty.txt: error: empty file" "$WORK/err"
check "oversize file reported" grep -q "oversize.txt: error: file is 12000 bytes, over --max-file-size 10000" "$WORK/err"
check "malformed JSON reported with path:line:" grep -q "malformed.json:2: error: invalid JSON" "$WORK/err"
check "bad JSON line reported with path:line:" grep -q "lines.jsonl:2: error: invalid JSON" "$WORK/err"
check "broken symlink reported" grep -q "broken-link.txt: error: broken symbolic link" "$WORK/err"
if [ "$(id -u)" -ne 0 ]; then
  check "unreadable file reported" grep -q "unreadable.txt: error: cannot open: Permission denied" "$WORK/err"
fi
for f in utf8.txt utf8-bom.txt utf16.txt cp1256.txt iso8859-6.txt invalid-utf8.txt page.html; do
  check "good file $f indexed" bash -c "xapian-delve -t 'Qbad/$f' '$WORK/baddb' 2>/dev/null | grep -q 'Posting List'"
done
seeds=5; [ "$(id -u)" -eq 0 ] && seeds=6  # root reads the unreadable file all the same
check "the seed word is found in all five encodings of the seed" \
  test "$("$QUERY" --db "$WORK/baddb" --format tsv --limit 50 'شويغو' | tail -n +2 | grep -vc '^#')" -eq "$seeds"
check "HTML scripts are not indexed" "$QUERY" --db "$WORK/baddb" --format tsv 'فقرة الصفحة'
check "HTML script text is not searchable" test "$("$QUERY" --db "$WORK/baddb" 'secret_script_word' >/dev/null 2>&1; echo $?)" -eq 1
check "the report lists the failures with reasons" python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); assert r["failed"] >= 6 and r["warnings"] == 1 and all("reason" in f for f in r["failures"]), r' "$WORK/bad.json"
chmod 600 "$BAD/unreadable.txt"

# --- scripts/nightly-reindex.sh: config file, timestamped logs, exit status passed through ---
cat > "$WORK/nightly.conf" <<CONF
FAHRAS_DB=$WORK/scriptdb
FAHRAS_INPUTS="$SRC/sample_corpus"
FAHRAS_INDEX=$INDEX
FAHRAS_LOG_DIR=$WORK/logs
CONF
check "nightly-reindex.sh exits 0" bash "$SRC/scripts/nightly-reindex.sh" "$WORK/nightly.conf"
check "it wrote a timestamped log" grep -Eq '^20[0-9-]+T[0-9:]+Z fahras-index: .* indexed' "$WORK"/logs/reindex-*.log
check "and a JSON report" python3 -c 'import json,sys,glob; r=json.load(open(glob.glob(sys.argv[1])[0])); assert r["added"] > 0' "$WORK/logs/reindex-*.json"
flock "$WORK/scriptdb.lock" sleep 3 &
bg_pids+=($!)
sleep 0.3
bash "$SRC/scripts/nightly-reindex.sh" "$WORK/nightly.conf"; rc=$?
check "nightly-reindex.sh passes exit status 3 through when locked" test "$rc" -eq 3

finish
