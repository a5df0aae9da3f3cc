# Shared helpers of the hostile-input suite (issue 10). Each tests/hostile/<name>.sh is one
# CTest test `hostile.<name>`, run as `bash <name>.sh BUCKETLINT` in a fresh temporary
# directory; inputs are generated there (inputs/ keeps the few small ones fuzzing found).
# Source this file first.
#
# Every case asserts: the finding (rule ID and message), the exit code, that a file given
# beside the hostile one was still linted, and, where size is the attack, a time bound that is
# "no more than linear": the same case at two sizes in one run, the larger allowed at most
# SLACK times the size ratio of the smaller one's time (plus a small floor for process start).
set -uo pipefail
bin=$(realpath "$1")
here=$(cd "$(dirname "$0")" && pwd)  # tests/hostile (inputs/ holds inputs fuzzing found)
tmp=$(mktemp -d)
trap 'chmod -R u+rwx "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT
cd "$tmp" || exit 2
failures=0
passes=0

pass() { passes=$((passes + 1)); }
fail() {
  echo "FAIL: $*"
  failures=$((failures + 1))
}

expect_exit() {  # expect_exit NAME EXPECTED ACTUAL
  if [[ "$2" == "$3" ]]; then pass; else fail "$1: exit $3, expected $2"; fi
}

expect_contains() {  # expect_contains NAME FILE TEXT
  if grep -qF -- "$3" "$2"; then
    pass
  else
    fail "$1: '$3' not in $2:"
    head -c 2000 "$2" | sed 's/^/  | /'
  fi
}

expect_not_contains() {  # expect_not_contains NAME FILE TEXT
  if grep -qF -- "$3" "$2"; then
    fail "$1: '$3' unexpectedly in $2:"
    grep -F -- "$3" "$2" | head -c 2000 | sed 's/^/  | /'
  else
    pass
  fi
}

# A policy with one known finding (PL002, no Version): given beside every hostile input, its
# finding proves the run went on to lint the other files.
write_beside() {
  printf '{"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}]}' \
    >beside.json
}
expect_beside_linted() {  # expect_beside_linted NAME OUTPUT_FILE
  expect_contains "$1 (beside.json still linted)" "$2" "beside.json:1:1: warning: bucket policy of 'b' has no 'Version'"
}

# expect_linear NAME SMALL LARGE COMMAND...: runs `COMMAND SMALL` and `COMMAND LARGE` (the
# command builds its input of that size and runs bucketlint on it; only the run should be
# timed, so COMMAND is called with a size and must time itself by calling `timed`), and
# fails when the large run took more than SLACK x (LARGE / SMALL) x the small run + FLOOR.
SLACK=${SLACK:-3}
FLOOR_MS=${FLOOR_MS:-300}
elapsed_ms=0
# CPU time (user + system) of the commands a run starts, in ms, from two `times` outputs
# (their second line: the shell's waited-for children, grandchildren included). CPU time rather
# than wall time, so that a loaded machine (CI's two cores, parallel ctest) does not make a
# linear run look quadratic. `times` must run in this shell, not in a $(...) subshell, where
# the children's times start again at zero.
cpu_ms() {  # cpu_ms FILE: the children's user + system time a `times` output gives, in ms
  awk 'NR == 2 {
    t = 0
    for (i = 1; i <= NF; i++) { split($i, p, "m"); sub("s", "", p[2]); t += p[1] * 60 + p[2] }
    printf "%d\n", t * 1000
  }' "$1"
}
timed() {  # timed COMMAND...: runs it, sets elapsed_ms (CPU ms); returns its exit code
  local rc
  times >"$tmp/.times-before"
  "$@"
  rc=$?
  times >"$tmp/.times-after"
  elapsed_ms=$(($(cpu_ms "$tmp/.times-after") - $(cpu_ms "$tmp/.times-before")))
  return $rc
}
expect_linear() {
  local name=$1 small=$2 large=$3
  shift 3
  "$@" "$small"
  local t_small=$elapsed_ms
  "$@" "$large"
  local t_large=$elapsed_ms
  local bound=$((SLACK * t_small * large / small + FLOOR_MS))
  echo "$name: size $small: ${t_small} ms CPU, size $large: ${t_large} ms CPU (bound ${bound} ms)"
  if ((t_large <= bound)); then
    pass
  else
    fail "$name: not linear: size $small took ${t_small} ms, size $large took ${t_large} ms (bound ${bound} ms)"
  fi
}

finish() {
  if ((failures > 0)); then
    echo "$failures failed, $passes passed"
    exit 1
  fi
  echo "$passes checks passed"
  exit 0
}
