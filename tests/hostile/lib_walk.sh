# Shared helpers of the tests/hostile/walk_*.sh scripts (sourced, not run).
#   BIN: the bucketlint binary (first argument of each script).
set -euo pipefail
BIN=$(realpath "$1")
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
cd "$WORK"
failures=0
GOOD='{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::amzn-s3-demo-bucket/*"}]}'
BAD='{"Version":"2012-10-17","Statement":[]}'   # PL005: an empty Statement

fail() {
  echo "FAIL: $*"
  failures=$((failures + 1))
}

# run NAME TIMEOUT ARGS...: runs bucketlint (text, no colour) with a time limit; sets OUT and RC.
run() {
  local limit=$1
  shift
  set +e
  OUT=$(timeout "$limit" "$BIN" --no-color "$@" 2>&1)
  RC=$?
  set -e
  if [[ $RC -eq 124 ]]; then fail "bucketlint $* did not finish within ${limit}s"; fi
}

expect_rc() { [[ $RC -eq $1 ]] || fail "$2: exit code $RC, expected $1; output:
$OUT"; }
expect_has() { grep -qF -- "$1" <<<"$OUT" || fail "$2: output lacks '$1'; output:
$OUT"; }
expect_lacks() { if grep -qF -- "$1" <<<"$OUT"; then fail "$2: output has '$1'; output:
$OUT"; fi; }
expect_count() {
  local n
  n=$(grep -cF -- "$1" <<<"$OUT" || true)
  [[ $n -eq $2 ]] || fail "$3: '$1' occurs $n times, expected $2; output:
$OUT"
}

# now_ns: monotonic enough for comparing two runs of one script.
now_ns() { date +%s%N; }

finish() {
  if [[ $failures -gt 0 ]]; then
    echo "$failures check(s) failed"
    exit 1
  fi
  echo "all checks passed"
}
