# SPDX-License-Identifier: GPL-3.0-or-later
# Shared helpers of the end-to-end tests (sourced, not run). A test calls `check` for each
# assertion and ends with `finish`, whose status is the test's: 0 when every check passed.
failures=0 checks=0

check() {  # check DESCRIPTION COMMAND... : passes when COMMAND succeeds
  local what=$1; shift
  checks=$((checks + 1))
  if "$@"; then echo "ok - $what"; else echo "FAIL - $what"; failures=$((failures + 1)); fi
}

status_is() {  # status_is EXPECTED COMMAND... : COMMAND exits EXPECTED (output to $WORK/out, $WORK/err)
  local want=$1; shift
  "$@" >"$WORK/out" 2>"$WORK/err"
  local got=$?
  [ "$got" -eq "$want" ] || { echo "  exit $got, wanted $want; stderr:"; sed 's/^/  /' "$WORK/err" | head -5; return 1; }
}

finish() {  # the summary line; fails when a check failed
  echo "$((checks - failures)) passed, $failures failed"
  [ "$failures" -eq 0 ]
}
