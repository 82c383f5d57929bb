#!/usr/bin/env bash
# End-to-end test of scripts/compare-db.sh and fahras-dbdump: two databases built from the same
# input compare identical whatever the thread count (documents are keyed by id, not docid), and
# a database whose terms differ (no story shingles) compares different.
# Usage: test_compare_db.sh FAHRAS_INDEX FAHRAS_DBDUMP SOURCE_DIR
set -uo pipefail
. "$(dirname "$0")/lib.sh"
INDEX=$1 DUMP=$2 SRC=$3
WORK=$(mktemp -d "${TMPDIR:-/tmp}/fahras-e2e.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
export FAHRAS_DBDUMP=$DUMP

# Wrappers: the same binary with one analysis thread, and with stories turned off.
printf '#!/bin/sh\nexec "%s" --threads 1 "$@"\n' "$INDEX" > "$WORK/one-thread"
printf '#!/bin/sh\nexec "%s" --threads 2 --no-stories "$@"\n' "$INDEX" > "$WORK/no-stories"
chmod +x "$WORK/one-thread" "$WORK/no-stories"

check "same binary, 1 thread vs default: identical" status_is 0 \
    bash "$SRC/scripts/compare-db.sh" "$INDEX" "$WORK/one-thread" "$SRC/sample_corpus"
check "it says identical" grep -q '^identical: doccount [1-9]' "$WORK/out"
check "without stories: different (exit 1)" status_is 1 \
    bash "$SRC/scripts/compare-db.sh" "$INDEX" "$WORK/no-stories" "$SRC/sample_corpus"
check "the diff shows a shingle term" grep -q '^[<>]   term XSH' "$WORK/out"

"$INDEX" --db "$WORK/db" --threads 1 "$SRC/sample_corpus" > /dev/null 2>&1
"$DUMP" "$WORK/db" > "$WORK/dump"
check "the dump keys documents by id, sorted" bash -c \
    "grep '^doc ' '$WORK/dump' | sort -c && grep -c '^doc Q' '$WORK/dump' | grep -qx \"\$(head -n1 '$WORK/dump' | cut -d' ' -f2)\""
check "terms carry wdf and positions" grep -Eq '^  term [^ ]+ wdf [0-9]+ pos [0-9]+' "$WORK/dump"
check "binary values are escaped" bash -c "! grep -q \$'\\r' '$WORK/dump' && grep -q '^  value 120 ' '$WORK/dump'"
check "stored data is dumped" grep -q '^  data {' "$WORK/dump"
check "no database: exit 2" status_is 2 "$DUMP" "$WORK/nope"
check "a missing binary: exit 2" status_is 2 bash "$SRC/scripts/compare-db.sh" "$WORK/nope" "$INDEX" "$SRC/sample_corpus"
finish
