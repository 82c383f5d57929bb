#!/usr/bin/env bash
# Serves Fahras shard databases with Xapian's own xapian-tcpsrv and writes a stub database file
# that fahras-query opens as one database (--db STUB).
#
#   scripts/serve-shards.sh start [--interface ADDR] [--host NAME] [--port FIRST] \
#                                 --stub FILE SHARD_DB...
#   scripts/serve-shards.sh stop --stub FILE
#
# Shard i is served on port FIRST+i (default 33400) on ADDR (default 127.0.0.1: only this
# machine; give the machine's address to serve other machines). The stub names NAME (default
# ADDR) and the ports, one `remote NAME:PORT` line per shard; the servers' pids go to FILE.pids.
# Each server runs in its own session, because xapian-tcpsrv signals its whole process group
# when it is stopped. Exit status: 0 ok, 2 bad usage or a server did not start.
set -euo pipefail

usage() { sed -n '2,13p' "$0" >&2; exit 2; }
[ $# -ge 1 ] || usage
command=$1; shift
interface=127.0.0.1 host= port=33400 stub=
while [ $# -gt 0 ]; do
  case $1 in
    --interface) interface=$2; shift 2 ;;
    --host) host=$2; shift 2 ;;
    --port) port=$2; shift 2 ;;
    --stub) stub=$2; shift 2 ;;
    --) shift; break ;;
    -*) usage ;;
    *) break ;;
  esac
done
[ -n "$stub" ] || usage
host=${host:-$interface}

case $command in
  start)
    [ $# -ge 1 ] || usage
    : > "$stub.pids"
    : > "$stub.tmp"
    for db in "$@"; do
      [ -d "$db" ] || { echo "serve-shards: error: $db is not a database directory" >&2; exit 2; }
      setsid xapian-tcpsrv --interface "$interface" --port "$port" --quiet "$db" \
        </dev/null >>"$stub.log" 2>&1 &
      pid=$!
      echo "$pid" >> "$stub.pids"
      for _ in $(seq 50); do
        kill -0 "$pid" 2>/dev/null || { echo "serve-shards: error: xapian-tcpsrv for $db exited (port $port taken?); see $stub.log" >&2; exit 2; }
        (exec 3<>"/dev/tcp/$interface/$port") 2>/dev/null && break
        sleep 0.1
      done
      echo "remote $host:$port" >> "$stub.tmp"
      echo "serve-shards: $db on $interface:$port (pid $pid)"
      port=$((port + 1))
    done
    mv "$stub.tmp" "$stub"   # readers see the old stub or the complete new one
    echo "serve-shards: stub $stub: fahras-query --db $stub QUERY"
    ;;
  stop)
    [ -f "$stub.pids" ] || { echo "serve-shards: error: no $stub.pids" >&2; exit 2; }
    while read -r pid; do kill "$pid" 2>/dev/null || true; done < "$stub.pids"
    rm -f "$stub.pids"
    ;;
  *) usage ;;
esac
