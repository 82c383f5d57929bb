#!/usr/bin/env bash
# End-to-end tests of how fahras-index walks its inputs: symbolic link loops end, devices and
# FIFOs are skipped (never read while the lock is held), an unreadable directory is an error
# that deletes nothing, two inputs with the same file names keep both articles.
# Usage: test_inputs.sh FAHRAS_INDEX FAHRAS_QUERY
set -uo pipefail
. "$(dirname "$0")/lib.sh"
INDEX=$1 QUERY=$2
WORK=$(mktemp -d "${TMPDIR:-/tmp}/fahras-inputs.XXXXXX")
trap 'chmod -R u+rwx "$WORK" 2>/dev/null; rm -rf "$WORK"' EXIT
doccount() { xapian-delve "$1" 2>/dev/null | grep -Eo 'number of documents = [0-9]+' | grep -Eo '[0-9]+$' || echo 0; }
article() { mkdir -p "$(dirname "$1")"; printf 'عنوان %s\n\nنص المقال %s\n' "$2" "$2" > "$1"; }

# --- Link loops: the walk ends, each file once, each loop warned about once -----------------
article "$WORK/loops/d/story.txt" 1
ln -s . "$WORK/loops/d/a"
ln -s . "$WORK/loops/d/b"
ln -s . "$WORK/loops/loop"
check "two loops in one directory: the run ends (exit 0)" \
  status_is 0 timeout -k 5 60 "$INDEX" --db "$WORK/loopdb" "$WORK/loops"
check "  the file is indexed once" test "$(doccount "$WORK/loopdb")" -eq 1
check "  one summary line: 1 indexed" grep -q "1 files: 1 indexed" "$WORK/out"
check "  three loops, three warnings" test "$(grep -c 'warning: symbolic link loop' "$WORK/err")" -eq 3
check "  each names its link" grep -q "loops/d/a: warning: symbolic link loop (to $WORK/loops/d), not followed" "$WORK/err"

# --- Devices and FIFOs: skipped with a warning, never read ----------------------------------
article "$WORK/dev/story.txt" 2
ln -s /dev/zero "$WORK/dev/zero.txt"
mkfifo "$WORK/dev/pipe.jsonl"
ln -s /dev/zero "$WORK/zero.jsonl"
check "an input linking to /dev/zero and one holding devices: the run ends (exit 0)" \
  status_is 0 timeout -k 5 60 "$INDEX" --db "$WORK/devdb" "$WORK/zero.jsonl" "$WORK/dev"
check "  the input named" grep -q "zero.jsonl: warning: not a regular file (a character device), skipped" "$WORK/err"
check "  the link inside named" grep -q "dev/zero.txt: warning: not a regular file (a character device), skipped" "$WORK/err"
check "  the FIFO inside named" grep -q "dev/pipe.jsonl: warning: not a regular file (a FIFO), skipped" "$WORK/err"
check "  the article indexed" test "$(doccount "$WORK/devdb")" -eq 1
check "  three skipped" grep -q "3 skipped" "$WORK/out"

# --- Two inputs with the same file names: two articles, distinct ids ------------------------
article "$WORK/roots/a/story.txt" أ
article "$WORK/roots/b/story.txt" ب
check "same names under two inputs: exit 0" \
  status_is 0 "$INDEX" --db "$WORK/rootsdb" "$WORK/roots/a" "$WORK/roots/b"
check "  2 indexed, 0 replaced" grep -q "2 indexed, 0 replaced" "$WORK/out"
"$QUERY" --db "$WORK/rootsdb" --format tsv --limit 10 'عنوان' 2>/dev/null | grep -v '^#' | cut -f2 | sort > "$WORK/ids"
check "  ids a/story.txt and b/story.txt" test "$(tr '\n' ' ' < "$WORK/ids")" = "a/story.txt b/story.txt id "
rm "$WORK/roots/a/story.txt"
check "  deleting one: exit 0" status_is 0 "$INDEX" --db "$WORK/rootsdb" -v "$WORK/roots/a" "$WORK/roots/b"
check "  the message and the summary agree" \
  bash -c "grep -q 'story.txt: gone, 1 article deleted' '$WORK/out' && grep -q ', 1 deleted,' '$WORK/out'"

# --- An unreadable directory: an error naming it, its articles kept -------------------------
# Root reads every directory: the runs go as the unprivileged user nobody when run as root.
as_user=()
if [ "$(id -u)" -eq 0 ]; then
  as_user=(setpriv --reuid=65534 --regid=65534 --clear-groups --)
  chmod 755 "$WORK"
fi
mkdir -p "$WORK/perm"
article "$WORK/perm/in/open/a.txt" 1
article "$WORK/perm/in/closed/b.txt" 2
article "$WORK/perm/in/closed/c.txt" 3
[ "$(id -u)" -eq 0 ] && chown -R 65534:65534 "$WORK/perm"
check "unreadable directory: first run indexes 3" \
  status_is 0 "${as_user[@]}" "$INDEX" --db "$WORK/perm/db" "$WORK/perm/in"
chmod 000 "$WORK/perm/in/closed"
check "  with the directory unreadable: exit 1" \
  status_is 1 "${as_user[@]}" "$INDEX" --db "$WORK/perm/db" "$WORK/perm/in"
check "  an error names it" grep -q "perm/in/closed: error: cannot read directory: Permission denied" "$WORK/err"
check "  nothing deleted" grep -q ", 0 deleted," "$WORK/out"
chmod 755 "$WORK/perm/in/closed"
check "  readable again: exit 0" status_is 0 "${as_user[@]}" "$INDEX" --db "$WORK/perm/db" "$WORK/perm/in"
check "  its articles are all there" test "$(doccount "$WORK/perm/db")" -eq 3
check "  and unchanged" grep -q "0 indexed, 0 replaced, 0 skipped, 0 failed, 0 deleted, 3 unchanged" "$WORK/out"

finish
