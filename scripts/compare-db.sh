#!/usr/bin/env bash
# Builds one database with each of two fahras-index binaries from the same input and compares
# them term for term (fahras-dbdump: every document by its id, every term with wdf and
# positions, every value slot, the data and the metadata). Prints "identical" and exits 0, or
# prints the start of the diff and exits 1.
#
# Usage: scripts/compare-db.sh OLD_INDEX_BINARY NEW_INDEX_BINARY CORPUS
#   CORPUS: a directory or file fahras-index reads, or a .jsonl.gz file, of which the first
#   $FAHRAS_SAMPLE records (default 2000) are indexed.
# Environment: FAHRAS_DBDUMP (default: build/tools/fahras-dbdump beside this script's tree),
#   FAHRAS_INDEX_ARGS (extra fahras-index options for both runs, e.g. "--threads 2"),
#   FAHRAS_KEEP=DIR (keep the databases and dumps in DIR).
set -euo pipefail
if [ $# -ne 3 ]; then
    sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//' >&2
    exit 2
fi
OLD=$1 NEW=$2 CORPUS=$3
ROOT=$(cd "$(dirname "$0")/.." && pwd)
DUMP=${FAHRAS_DBDUMP:-$ROOT/build/tools/fahras-dbdump}
for exe in "$OLD" "$NEW" "$DUMP"; do
    [ -x "$exe" ] || { echo "compare-db.sh: $exe: not an executable" >&2; exit 2; }
done
if [ -n "${FAHRAS_KEEP:-}" ]; then
    WORK=$FAHRAS_KEEP
    rm -rf "$WORK/old" "$WORK/new"
    mkdir -p "$WORK"
else
    WORK=$(mktemp -d "${TMPDIR:-/tmp}/fahras-compare.XXXXXX")
    trap 'rm -rf "$WORK"' EXIT
fi
case $CORPUS in
    *.jsonl.gz)
        mkdir -p "$WORK/sample"
        # The sample keeps its name so that ids derived from it match between the two runs.
        { zcat "$CORPUS" || true; } | head -n "${FAHRAS_SAMPLE:-2000}" \
            > "$WORK/sample/$(basename "$CORPUS" .gz)"
        CORPUS=$WORK/sample
        ;;
esac
# shellcheck disable=SC2086  # FAHRAS_INDEX_ARGS is a list of options
for side in old new; do
    exe=$OLD
    [ "$side" = new ] && exe=$NEW
    status=0
    "$exe" --db "$WORK/$side" ${FAHRAS_INDEX_ARGS:-} "$CORPUS" > "$WORK/$side.out" 2> "$WORK/$side.err" || status=$?
    if [ "$status" -gt 1 ]; then
        echo "compare-db.sh: $exe failed with status $status:" >&2
        tail -n 5 "$WORK/$side.err" >&2
        exit 2
    fi
    echo "$side: $(tail -n 1 "$WORK/$side.out") (exit $status)"
    "$DUMP" "$WORK/$side" > "$WORK/$side.dump"
done
if cmp -s "$WORK/old.dump" "$WORK/new.dump"; then
    echo "identical: $(head -n 1 "$WORK/new.dump"), $(wc -l < "$WORK/new.dump") dump lines"
    exit 0
fi
echo "DIFFERENT:"
{ diff "$WORK/old.dump" "$WORK/new.dump" || true; } | head -n 40
exit 1
