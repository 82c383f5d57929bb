#!/usr/bin/env bash
# Browser test of the search page: fahras-serve on a free loopback port over sample_corpus/
# plus a hostile article and a second version of a seed story, driven by headless Chromium
# (tests/browser/test_page.py). Skips (exit 77) only when Chromium, its driver or Debian's
# selenium/feedparser modules are absent; scripts/setup.sh installs them. Always stops the
# server and the browser; bounded in time.
# Usage: test_page.sh FAHRAS_INDEX FAHRAS_SERVE SOURCE_DIR WEB_DIR [SCREENSHOT_DIR]
set -uo pipefail
INDEX=$1 SERVE=$2 SRC=$3 WEB=$4 SHOTS=${5:-}
PY=/usr/bin/python3
for need in /usr/bin/chromium /usr/bin/chromedriver "$PY"; do
  [ -x "$need" ] || { echo "skip: $need not installed (scripts/setup.sh installs it)"; exit 77; }
done
"$PY" -c 'import selenium, feedparser' 2>/dev/null \
  || { echo "skip: python3-selenium or python3-feedparser not installed"; exit 77; }

WORK=$(mktemp -d "${TMPDIR:-/tmp}/fahras-page.XXXXXX")
SERVER_PID= TEST_PID=
cleanup() {
  [ -n "$TEST_PID" ] && kill -KILL -- "-$TEST_PID" 2>/dev/null
  if [ -n "$SERVER_PID" ]; then
    kill -TERM "$SERVER_PID" 2>/dev/null
    for _ in $(seq 50); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$SERVER_PID" 2>/dev/null
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

CORPUS="$WORK/corpus"
mkdir -p "$CORPUS"
cp -r "$SRC/sample_corpus/." "$CORPUS/"
"$PY" - "$CORPUS/seeds/003_30707adeda7cd947.txt" "$CORPUS/extra.jsonl" <<'PY'
import json, sys
body = open(sys.argv[1], encoding="utf-8").read().replace("50 دقيقة", "ساعة تقريبا")
with open(sys.argv[2], "w", encoding="utf-8") as out:
    # A second outlet's version of a seed story (a story of several versions).
    out.write(json.dumps({"id": "copy-1", "title": "محادثات روسية أميركية بشأن سوريا", "body": body,
                          "source": "copycat", "date": "2015-09-19"}, ensure_ascii=False) + "\n")
    # Markup in every field: the page must show it as text and never run it.
    out.write(json.dumps({"id": "hostile-1", "title": "<img src=x onerror=alert(1)>",
                          "body": "فقاعة اختبار <script>alert(2)</script> وصورة <img src=x onerror=alert(3)> "
                                  "في نص مقال عن الأسواق المالية والفقاعة العقارية.",
                          "source": "<b>x</b>", "url": "javascript:alert(4)",
                          "date": "2017-01-02"}, ensure_ascii=False) + "\n")
PY
DB="$WORK/db"
"$INDEX" --db "$DB" "$CORPUS" >"$WORK/index.log" 2>&1 || { echo "FAIL - indexing"; cat "$WORK/index.log"; exit 1; }

PORT=$("$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
BASE="http://127.0.0.1:$PORT"
"$SERVE" --db "$DB" --listen "127.0.0.1:$PORT" --assets "$WEB" >"$WORK/serve.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 100); do
  "$PY" -c 'import sys, urllib.request; urllib.request.urlopen(sys.argv[1] + "/healthz", timeout=1)' "$BASE" 2>/dev/null && break
  kill -0 "$SERVER_PID" 2>/dev/null || { echo "FAIL - fahras-serve exited"; cat "$WORK/serve.log"; exit 1; }
  sleep 0.1
done

args=("$BASE")
[ -n "$SHOTS" ] && { mkdir -p "$SHOTS"; args+=(--screenshots "$SHOTS"); }
# timeout runs the test in a process group of its own: cleanup ends it with the browser.
timeout -k 5 120 "$PY" "$SRC/tests/browser/test_page.py" "${args[@]}" &
TEST_PID=$!
wait "$TEST_PID"
status=$?
[ $status -eq 0 ] || { echo "server log:"; tail -20 "$WORK/serve.log"; }
exit $status
