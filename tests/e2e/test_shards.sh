#!/usr/bin/env bash
# End-to-end test of sharded search: the sample corpus split over two shard databases gives the
# same ranking, totals and facet counts as one database of all articles, whether the shards are
# opened locally through a stub file or served by two xapian-tcpsrv processes on 127.0.0.1.
# Usage: test_shards.sh FAHRAS_INDEX FAHRAS_QUERY SOURCE_DIR
set -uo pipefail
. "$(dirname "$0")/lib.sh"
INDEX=$1 QUERY=$2 SRC=$3
WORK=$(mktemp -d "${TMPDIR:-/tmp}/fahras-shards.XXXXXX")
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; done
  rm -rf "$WORK"
}
trap cleanup EXIT

# The same relative paths in the shards and in the whole, and one --id-prefix, so articles get
# the same ids.
mkdir -p "$WORK/a/ant" "$WORK/b/ant" "$WORK/all"
cp -r "$SRC/sample_corpus/seeds" "$WORK/a/"
for f in "$SRC"/sample_corpus/ant/*.jsonl; do
  case $(basename "$f") in
    BBC.jsonl|CNN.jsonl|alarabia.jsonl) cp "$f" "$WORK/a/ant/" ;;
    *) cp "$f" "$WORK/b/ant/" ;;
  esac
done
cp -r "$WORK/a/." "$WORK/b/." "$WORK/all/"
for part in a b all; do
  "$INDEX" --quiet --db "$WORK/db-$part" --id-prefix corpus "$WORK/$part" || { echo "FAIL - indexing $part"; exit 1; }
done
printf 'auto %s\nauto %s\n' "$WORK/db-a" "$WORK/db-b" > "$WORK/local.stub"
# The same articles written by one run as two shards (fahras-index --shards 2): a stub
# directory whose generation lists shard-0 and shard-1.
"$INDEX" --quiet --shards 2 --db "$WORK/db-sharded" --id-prefix corpus "$WORK/all" || { echo "FAIL - indexing --shards 2"; exit 1; }

# Two xapian-tcpsrv on loopback, on free ports (a port taken meanwhile: try another). The
# servers are children of this shell, so that cleanup() can stop them.
SERVER_PORT=
start_server() {  # start_server DB: sets SERVER_PORT, adds the pid to PIDS
  local db=$1 port pid
  for _ in 1 2 3 4 5 6 7 8 9 10; do
    port=$((20000 + RANDOM % 30000))
    # Its own session: on SIGTERM, xapian-tcpsrv signals its whole process group.
    setsid xapian-tcpsrv --interface 127.0.0.1 --port "$port" --quiet "$db" </dev/null >/dev/null 2>&1 &
    pid=$!
    for _ in 1 2 3 4 5 6 7 8 9 10; do
      sleep 0.2
      kill -0 "$pid" 2>/dev/null || break
      if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
        PIDS+=("$pid"); SERVER_PORT=$port; return 0
      fi
    done
    kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null
  done
  echo "FAIL - cannot start xapian-tcpsrv for $db"; exit 1
}
start_server "$WORK/db-a"; port_a=$SERVER_PORT
start_server "$WORK/db-b"; port_b=$SERVER_PORT
printf 'remote 127.0.0.1:%s\nremote 127.0.0.1:%s\n' "$port_a" "$port_b" > "$WORK/remote.stub"

# What must agree: ids in rank order, total, facet counts (scores to 1e-9: the shards share
# their statistics, so BM25 weights are the same as on one database).
summary() {  # summary DB QUERY... → one line of JSON with what must agree
  "$QUERY" --db "$1" --format json --limit 10 --facets --facet-top 0 "${@:2}" |
    python3 -c '
import json, sys
r = json.load(sys.stdin)
print(json.dumps({"total": r["total_estimate"], "exact": r["facets_exact"],
                  "ids": [h["id"] for h in r["hits"]],
                  "scores": [round(h["score"], 9) for h in r["hits"]],
                  "snippets": [h["snippet"] != "" for h in r["hits"]],
                  "facets": r["facets"]}, sort_keys=True, ensure_ascii=False))'
}
for q in 'سوريا OR روسيا' 'وزير الدفاع' '"وزير الدفاع"' 'source:bbc' 'الأمريكية -ترامب' 'title:روسيا'; do
  whole=$(summary "$WORK/db-all" "$q")
  check "one DB finds something for: $q" python3 -c 'import json,sys; assert json.loads(sys.argv[1])["ids"]' "$whole"
  check "local shards = one DB for: $q" test "$(summary "$WORK/local.stub" "$q")" = "$whole"
  check "remote shards = one DB for: $q" test "$(summary "$WORK/remote.stub" "$q")" = "$whole"
  check "--shards 2 = one DB for: $q" test "$(summary "$WORK/db-sharded" "$q")" = "$whole"
done
# Paging across shards: ranks 3–4 are the third and fourth of the whole ranking.
page_ids() {
  "$QUERY" --db "$1" --format tsv --offset 2 --limit 2 'سوريا OR روسيا OR العراق' | tail -n +2 | grep -v '^#' | cut -f1,2
}
check "paging over remote shards" test "$(page_ids "$WORK/remote.stub")" = "$(page_ids "$WORK/db-all")"


# The entity catalogue is metadata, which Xapian reads from a stub's first shard only: the
# query tool reads it shard by shard, so listing and resolving names see every shard.
catalogue() {  # catalogue DB → sorted "type id articles" lines of `fahras-query entities`
  "$QUERY" entities --db "$1" --format json --top 0 | python3 -c '
import json, sys
for e in sorted(json.load(sys.stdin)["entities"], key=lambda e: e["id"]):
    print(e["type"], e["id"], e["articles"])'
}
whole_catalogue=$(catalogue "$WORK/db-all")
check "one DB holds entities" test -n "$whole_catalogue"
check "entities over local shards = one DB" test "$(catalogue "$WORK/local.stub")" = "$whole_catalogue"
check "entities over remote shards = one DB" test "$(catalogue "$WORK/remote.stub")" = "$whole_catalogue"
check "entities over --shards 2 = one DB" test "$(catalogue "$WORK/db-sharded")" = "$whole_catalogue"
doccount() { xapian-delve "$1" 2>/dev/null | sed -n 's/^number of documents = //p'; }
check "--shards 2: both shards hold articles, as many as one DB" python3 -c '
import sys; a, b, whole = map(int, sys.argv[1:]); assert a > 0 and b > 0 and a + b == whole, (a, b, whole)' \
  "$(doccount "$(ls -d "$WORK"/db-sharded/gen-*/shard-0)")" "$(doccount "$(ls -d "$WORK"/db-sharded/gen-*/shard-1)")" \
  "$(doccount "$WORK/db-all")"
check "--shards 2: a second run changes nothing" python3 -c '
import json, sys; r = json.load(sys.stdin); assert r["added"] == 0 and r["updated"] == 0 and r["deleted"] == 0 and r["unchanged"] > 0 and r["shards"] == 2, r' \
  < <("$INDEX" --quiet --db "$WORK/db-sharded" --id-prefix corpus --report /dev/stdout "$WORK/all")
check "--shards 3 on a 2-shard database is refused without --rebuild" \
  test "$("$INDEX" --quiet --shards 3 --db "$WORK/db-sharded" "$WORK/all" >/dev/null 2>&1; echo $?)" = 2
# A named entity whose catalogue entry is in the second shard only, found by its name.
only_b=$(python3 - "$(catalogue "$WORK/db-a")" "$whole_catalogue" "$("$QUERY" entities --db "$WORK/db-b" --format json --top 0)" <<'PY'
import json, sys
in_a = {l.split()[1] for l in sys.argv[1].splitlines()}
for e in sorted(json.loads(sys.argv[3])["entities"], key=lambda e: (-e["articles"], e["id"])):
    if e["id"] not in in_a and not e["id"].startswith("name:") and " " not in e["name"]:
        print(e["name"]); break
PY
)
check "an entity of the second shard only exists" test -n "$only_b"
for db in local.stub remote.stub; do
  check "--entity $only_b over $db = one DB" test \
    "$(summary "$WORK/$db" --entity "$only_b" '')" = "$(summary "$WORK/db-all" --entity "$only_b" '')"
  check "--entity $only_b over $db resolves to an entity" python3 -c '
import json, sys; r = json.load(sys.stdin); assert r["resolved_entities"][0]["entities"], r["resolved_entities"]' \
    < <("$QUERY" --db "$WORK/$db" --format json --entity "$only_b" '')
done

finish
