#!/usr/bin/env bash
# --jobs and the progress line change how a run goes, never what it reports: for every sample
# scenario (with its own arguments) and for a generated organisation, the text, JSON and SARIF
# reports and the exit code of `--jobs 1` and `--jobs 4` must be byte-identical. Then the
# progress line: absent when standard error is not a terminal, shown with --progress, never
# with --no-progress, and cleared of control bytes that came from file names.
#   jobs_test.sh BUCKETLINT SOURCE_DIR
set -euo pipefail
bin=$1
src=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail=0

# run DIR OUT ARGS...: the report on OUT, the exit code appended as a last line.
run() {
  local dir=$1 out=$2
  shift 2
  local rc=0
  (cd "$dir" && "$bin" --no-color "$@" >"$out" 2>"$out.err") || rc=$?
  echo "exit $rc" >>"$out"
}

compare() {  # LABEL DIR ARGS...
  local label=$1 dir=$2
  shift 2
  for format in text json sarif; do
    run "$dir" "$work/one" --format "$format" --jobs 1 "$@"
    run "$dir" "$work/four" --format "$format" --jobs 4 "$@"
    if ! cmp -s "$work/one" "$work/four"; then
      echo "FAIL: $label: --format $format differs between --jobs 1 and --jobs 4"
      diff "$work/one" "$work/four" | head -20
      fail=1
    fi
  done
}

scenarios=0
for scenario in "$src"/samples/*/; do
  args=(.)
  if [[ -f $scenario/args ]]; then
    mapfile -t args < <(grep -v '^[[:space:]]*$' "$scenario/args")
  fi
  compare "$(basename "$scenario")" "$scenario" "${args[@]}"
  scenarios=$((scenarios + 1))
done
[[ $scenarios -gt 10 ]] || { echo "FAIL: only $scenarios sample scenarios found"; fail=1; }

# A generated organisation: 40 accounts, 120 buckets with cross-account writers, OAI and OAC
# readers, every ownership setting (bench/gen_org).
python3 "$src/bench/gen_org" 40 "$work/org"
compare "gen_org 40" "$work/org" .
grep -q '\[OW001\]' <(cd "$work/org" && "$bin" --no-color --jobs 4 . || true) ||
  { echo "FAIL: the generated organisation gives no OW001 finding"; fail=1; }

# Progress: standard error here is a file, so the line is off unless asked for.
(cd "$work/org" && "$bin" --no-color --jobs 2 . >/dev/null 2>"$work/quiet.err") || true
if grep -q 'files\? read' "$work/quiet.err"; then
  echo "FAIL: progress shown although standard error is not a terminal"
  fail=1
fi
(cd "$work/org" && "$bin" --no-color --progress --jobs 2 . >"$work/progress.out" \
  2>"$work/progress.err") || true
grep -q '^bucketlint: [0-9,]* files read' "$work/progress.err" ||
  { echo "FAIL: --progress shows no 'files read' line"; fail=1; }
grep -q 'of 120 buckets analysed' "$work/progress.err" ||
  { echo "FAIL: --progress shows no 'buckets analysed' line"; fail=1; }
if grep -q $'\r\|\x1b' "$work/progress.err"; then
  echo "FAIL: --progress off a terminal redraws in place (\\r or escape sequences)"
  fail=1
fi
(cd "$work/org" && "$bin" --no-color . >"$work/plain.out" 2>/dev/null) || true
cmp -s "$work/plain.out" "$work/progress.out" ||
  { echo "FAIL: --progress changed the report"; fail=1; }
(cd "$work/org" && CI=true "$bin" --no-color --no-progress . >/dev/null 2>"$work/none.err") || true
if grep -q 'read\|analysed' "$work/none.err"; then
  echo "FAIL: --no-progress shows progress"
  fail=1
fi
rc=0
"$bin" --progress --no-progress "$work/org" >/dev/null 2>&1 || rc=$?
[[ $rc -eq 2 ]] || { echo "FAIL: --progress with --no-progress: exit $rc, expected 2"; fail=1; }
# A file name with control bytes reaches the progress line escaped.
mkdir -p "$work/names"
name=$'evil\x1b[31m\rname.json'
printf '{"Version": "2012-10-17", "Statement": []}\n' >"$work/names/$name"
(cd "$work/names" && "$bin" --progress . >/dev/null 2>"$work/names.err") || true
if grep -q $'\x1b\[31m' "$work/names.err"; then
  echo "FAIL: a file name's escape sequence reached the progress line raw"
  fail=1
fi
grep -q 'evil\\x1b\[31m\\rname.json' "$work/names.err" ||
  { echo "FAIL: the escaped file name is not on the progress line"; cat -v "$work/names.err"; fail=1; }
# Bad values of --jobs are usage errors.
for bad in 0 -1 x 100000; do
  rc=0
  "$bin" --jobs "$bad" "$work/names" >/dev/null 2>&1 || rc=$?
  [[ $rc -eq 2 ]] || { echo "FAIL: --jobs $bad: exit $rc, expected 2"; fail=1; }
done

[[ $fail -eq 0 ]] && echo "jobs: $scenarios scenarios and a generated organisation identical"
exit $fail
