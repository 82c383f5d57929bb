#!/usr/bin/env bash
# Nightly reindex of a Fahras database, for cron or a systemd timer (docs/NIGHTLY.md).
#
# Configuration: environment variables, or a file of VAR=value lines given as the first argument
# (or in FAHRAS_CONFIG); the file is sourced by bash, so keep it to plain assignments.
#   FAHRAS_DB           database directory (required)
#   FAHRAS_INPUTS       files and directories to index, separated by spaces (required)
#   FAHRAS_INDEX        the fahras-index binary (default: fahras-index on PATH)
#   FAHRAS_LOG_DIR      where to write logs (default: none: log to stderr, for journald)
#   FAHRAS_REBUILD      "weekly:N" rebuilds on weekday N (1=Monday .. 7=Sunday), "always", or
#                       "never" (default)
#   FAHRAS_WAIT         seconds to wait for another fahras-index holding the database (default 0)
#   FAHRAS_EXTRA_ARGS   more fahras-index options, e.g. "--commit-every 5000 --compact"
# Logs: one file per run, FAHRAS_LOG_DIR/reindex-YYYYmmddTHHMMSS.log (every line timestamped),
# plus the run's --report JSON next to it: new files each night, so logrotate or a find -mtime
# sweep can remove old ones; nothing is ever appended to an open file.
# Exit status: that of fahras-index (0 ok, 1 some inputs failed, 2 fatal or interrupted,
# 3 locked by another run), or 2 for a bad configuration.
set -uo pipefail

config=${1:-${FAHRAS_CONFIG:-}}
if [ -n "$config" ]; then
  if [ ! -r "$config" ]; then echo "nightly-reindex: cannot read config $config" >&2; exit 2; fi
  # shellcheck disable=SC1090
  . "$config"
fi
: "${FAHRAS_INDEX:=fahras-index}" "${FAHRAS_REBUILD:=never}" "${FAHRAS_WAIT:=0}"
: "${FAHRAS_EXTRA_ARGS:=}" "${FAHRAS_LOG_DIR:=}"
if [ -z "${FAHRAS_DB:-}" ] || [ -z "${FAHRAS_INPUTS:-}" ]; then
  echo "nightly-reindex: set FAHRAS_DB and FAHRAS_INPUTS (environment or config file)" >&2
  exit 2
fi

stamp=$(date -u +%Y%m%dT%H%M%SZ)
args=(--db "$FAHRAS_DB" --wait "$FAHRAS_WAIT" --no-progress)
case "$FAHRAS_REBUILD" in
  always) args+=(--rebuild) ;;
  weekly:[1-7]) [ "$(date +%u)" = "${FAHRAS_REBUILD#weekly:}" ] && args+=(--rebuild) ;;
  never) ;;
  *) echo "nightly-reindex: FAHRAS_REBUILD must be never, always or weekly:1..7" >&2; exit 2 ;;
esac
if [ -n "$FAHRAS_LOG_DIR" ]; then
  mkdir -p "$FAHRAS_LOG_DIR" || exit 2
  log="$FAHRAS_LOG_DIR/reindex-$stamp.log"
  args+=(--report "$FAHRAS_LOG_DIR/reindex-$stamp.json")
else
  log=/dev/stderr
fi
# shellcheck disable=SC2206
extra=($FAHRAS_EXTRA_ARGS)
# shellcheck disable=SC2206
inputs=($FAHRAS_INPUTS)

timestamp() { while IFS= read -r line; do printf '%s %s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$line"; done; }

{
  echo "nightly-reindex: start: $FAHRAS_INDEX ${args[*]} ${extra[*]} ${inputs[*]}"
  "$FAHRAS_INDEX" "${args[@]}" "${extra[@]}" "${inputs[@]}" 2>&1
  status=$?
  echo "nightly-reindex: end: exit status $status"
  exit "$status"
} | timestamp >> "$log"
exit "${PIPESTATUS[0]}"
