#!/usr/bin/env bash
# Golden test of one scenario: runs the CLI inside samples/<scenario>/ and compares its standard
# output with expected.txt (exactly) and its exit code with expected-exit (absent: 0).
#   run_golden.sh SCENARIO_DIR BUCKETLINT
# The CLI is run as `bucketlint --format text --no-color ARGS`, where ARGS are the lines of the
# scenario's `args` file, or `.` when there is none. BUCKETLINT_UPDATE_GOLDEN=1 rewrites
# expected.txt and expected-exit instead of comparing (review the diff before committing).
set -euo pipefail
scenario=$1
bin=$2
cd "$scenario"
args=(.)
if [[ -f args ]]; then
  mapfile -t args < <(grep -v '^[[:space:]]*$' args)
fi
actual=$(mktemp)
trap 'rm -f "$actual"' EXIT
set +e
"$bin" --format text --no-color "${args[@]}" >"$actual"
rc=$?
set -e
if [[ "${BUCKETLINT_UPDATE_GOLDEN:-}" == 1 ]]; then
  cp "$actual" expected.txt
  if [[ $rc -eq 0 ]]; then rm -f expected-exit; else echo "$rc" >expected-exit; fi
  echo "updated $(basename "$scenario"): exit $rc"
  exit 0
fi
expected_rc=0
[[ -f expected-exit ]] && expected_rc=$(tr -d '[:space:]' <expected-exit)
status=0
if [[ ! -f expected.txt ]]; then
  echo "$(basename "$scenario"): expected.txt is missing (BUCKETLINT_UPDATE_GOLDEN=1 creates it)"
  status=1
elif ! diff -u --label expected.txt --label actual expected.txt "$actual"; then
  echo "$(basename "$scenario"): the report differs from expected.txt (missing or extra findings)"
  status=1
fi
if [[ "$rc" != "$expected_rc" ]]; then
  echo "$(basename "$scenario"): exit code $rc, expected $expected_rc"
  status=1
fi
exit $status
