#!/usr/bin/env bash
# End-to-end checks of the command line: default subcommand, formats, exit codes, stdin,
# --output, usage errors, rules/explain/docs, determinism.
#   cli_test.sh BUCKETLINT
set -uo pipefail
bin=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
failures=0
pass=0

check() {  # check NAME EXPECTED_EXIT ACTUAL_EXIT
  if [[ "$2" == "$3" ]]; then
    pass=$((pass + 1))
  else
    echo "FAIL: $1: exit $3, expected $2"
    failures=$((failures + 1))
  fi
}
contains() {  # contains NAME FILE TEXT
  if grep -qF -- "$3" "$2"; then
    pass=$((pass + 1))
  else
    echo "FAIL: $1: '$3' not in output:"
    sed 's/^/  | /' "$2"
    failures=$((failures + 1))
  fi
}

cat >clean.json <<'JSON'
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "OwnAccountRead",
      "Effect": "Allow",
      "Principal": {"AWS": "arn:aws:iam::111122223333:root"},
      "Action": "s3:GetObject",
      "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*"
    }
  ]
}
JSON
printf '{"Version": "2012-10-17",\n  "Statement": [\n' >broken.json

"$bin" --version >out 2>&1; check "--version" 0 $?
contains "--version" out "bucketlint "
"$bin" --help >out 2>&1; check "--help" 0 $?
contains "--help" out "check"
"$bin" check --help >out 2>&1; check "check --help" 0 $?
contains "check --help" out "--fail-on"

"$bin" --account 111122223333 clean.json >out 2>err; check "clean file" 0 $?
[[ ! -s out ]]; check "clean file prints nothing" 0 $?
"$bin" check --account 111122223333 clean.json >out 2>err; check "explicit check" 0 $?

"$bin" --format sarif --account 111122223333 clean.json >out 2>err; check "default subcommand sarif" 0 $?
contains "sarif output" out '"version": "2.1.0"'
"$bin" --format json --account 111122223333 - <clean.json >out 2>err; check "stdin" 0 $?
contains "stdin json" out '"schema_version": 1'
contains "stdin json counts the file" out '"files": 1'
"$bin" --format github --account 111122223333 clean.json >out 2>err; check "github" 0 $?

"$bin" broken.json >out 2>err; check "malformed input is incomplete" 2 $?
"$bin" --fail-on none broken.json >out 2>err; check "incomplete wins over --fail-on none" 2 $?
"$bin" --format sarif broken.json >sarif1 2>err; check "malformed sarif" 2 $?
"$bin" --format sarif broken.json >sarif2 2>err
cmp -s sarif1 sarif2; check "same input, same bytes" 0 $?
contains "incomplete run is not successful" sarif1 '"executionSuccessful": false'

"$bin" --format json -o report.json --account 111122223333 clean.json >out 2>err
check "--output" 0 $?
contains "--output writes the file" report.json '"findings": []'
[[ ! -s out ]]; check "--output leaves stdout empty" 0 $?
"$bin" -o "$tmp/no/such/dir/r.json" clean.json >out 2>err; check "unwritable --output" 2 $?

"$bin" --account 123 clean.json >out 2>err; check "bad --account" 2 $?
contains "bad --account message" err "12-digit"
"$bin" --format yaml clean.json >out 2>err; check "bad --format" 2 $?
"$bin" --fail-on sometimes clean.json >out 2>err; check "bad --fail-on" 2 $?
"$bin" --kind no-such-kind clean.json >out 2>err; check "bad --kind" 2 $?
"$bin" --kind bucket-policy --account 111122223333 clean.json >out 2>err; check "--kind" 0 $?
"$bin" --config does-not-exist.yaml clean.json >out 2>err; check "missing --config" 2 $?
"$bin" >out 2>err; check "no arguments" 2 $?
"$bin" --format json >out 2>err; check "no paths" 2 $?

"$bin" model --account 111122223333 clean.json >out 2>err; check "model" 0 $?
contains "model describes the bucket" out "bucket 'amzn-s3-demo-bucket' (clean.json:1:1)"
"$bin" model broken.json >out 2>err; check "model of broken input" 2 $?

"$bin" rules >out 2>err; check "rules" 0 $?
contains "rules lists IN901" out "IN901"
contains "rules has a header" out "SEVERITY"
"$bin" explain in013 >out 2>err; check "explain (any case)" 0 $?
contains "explain prints the page" out "# IN013: unused-suppression"
"$bin" explain XX999 >out 2>err; check "explain unknown" 2 $?
"$bin" docs --out docs >out 2>err; check "docs" 0 $?
[[ -f docs/README.md && -f docs/IN901.md ]]; check "docs writes pages and index" 0 $?

cat >sim.json <<'JSON'
{"request": {"principal": "arn:aws:iam::111122223333:root", "action": "s3:GetObject",
             "resource": "arn:aws:s3:::amzn-s3-demo-bucket/k"},
 "resourcePolicy": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
   "Principal": {"AWS": "111122223333"}, "Action": "s3:GetObject",
   "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*"}]}}
JSON
"$bin" simulate sim.json >out 2>err; check "simulate allowed" 0 $?
contains "simulate prints the decision" out "decision: Allowed"
"$bin" simulate --format json - <sim.json >out 2>err; check "simulate json from stdin" 0 $?
contains "simulate json" out '"decision": "Allowed"'
"$bin" simulate no-such-file.json >out 2>err; check "simulate unreadable" 2 $?
"$bin" --version >out 2>&1
contains "--version names the catalogue" out "action catalogue: "
contains "--version names the commit" out "commit: "
"$bin" rules --format json >out 2>err; check "rules --format json" 0 $?
contains "rules json" out '"doc_path": "docs/rules/OW001.md"'
"$bin" model --format json clean.json >out 2>err; check "model --format json" 0 $?
contains "model json" out '"kind": "bucket-policy"'
"$bin" model --format json broken.json >out 2>err; check "model json, malformed input" 2 $?
contains "model json reports the diagnostic" out '"rule_id": "IN001"'

# Baselines (docs/baseline.md): record, hide, survive moved lines and path spellings, report
# new findings and stale entries, refuse a broken baseline. The baseline is kept outside the
# linted tree here, so that this test does not depend on how a directory walk treats JSON
# files that are not AWS documents.
mkdir -p repo/.git repo/policies
cat >repo/policies/p.json <<'JSON'
{
  "Version": "2012-10-17",
  "Statement": [
    {"Sid": "One", "Effect": "Allow", "Action": "nosuchservice:GetThing", "Resource": "*"}
  ]
}
JSON
cd repo || exit 1
{
  "$bin" baseline . -o ../bl.json >out 2>err; check "baseline records" 0 $?
  contains "baseline names the rule" ../bl.json '"rule_id": "PL101"'
  contains "baseline says what it wrote" err "recorded "
  "$bin" . >out 2>err; check "without the baseline the finding counts" 1 $?
  "$bin" --baseline ../bl.json . >out 2>err; check "baseline hides it" 0 $?
  [[ ! -s out ]]; check "nothing new, nothing printed" 0 $?
  "$bin" --baseline ../bl.json "$PWD" >out 2>err
  check "absolute spelling matches the baseline" 0 $?
  (cd policies && "$bin" --baseline ../../bl.json . >../out 2>../err)
  check "run from a subdirectory matches the baseline" 0 $?
  "$bin" --format sarif . >s1 2>err
  "$bin" --format sarif "$PWD" >s2 2>err
  diff <(grep bucketlintFingerprint s1) <(grep bucketlintFingerprint s2) >/dev/null
  check "SARIF fingerprints do not depend on the path spelling" 0 $?
  { printf '\n\n\n'; cat policies/p.json; } >policies/p2 && mv policies/p2 policies/p.json
  "$bin" --baseline ../bl.json . >out 2>err; check "moved lines stay baselined" 0 $?
  cat >policies/p.json <<'JSON'
{
  "Version": "2012-10-17",
  "Statement": [
    {"Sid": "Two", "Effect": "Allow", "Action": "otherservice:GetThing", "Resource": "*"}
  ]
}
JSON
  "$bin" --baseline ../bl.json . >out 2>err; check "a new finding counts" 1 $?
  contains "the new finding is reported" out "otherservice"
  contains "the fixed one is stale" out "baseline entry no longer found"
  "$bin" --format json --baseline ../bl.json . >out 2>err
  contains "json lists stale entries" out '"stale_baseline": ['
  cp ../bl.json .bucketlint-baseline.json
  "$bin" --baseline .bucketlint-baseline.json . >out 2>err
  check "a baseline inside the linted tree is not an input" 1 $?
  contains "the tree's own baseline is not IN008" out "baseline entry no longer found"
  rm .bucketlint-baseline.json
  printf 'baseline: ../bl.json\n' >.bucketlint.yaml
  "$bin" . >out 2>err; check "baseline: in the config applies" 1 $?
  contains "config baseline is applied" out "baseline entry no longer found"
  rm .bucketlint.yaml
  printf '{"bucketlint_baseline": 1, "findings": [' >broken-baseline.json
  "$bin" --baseline broken-baseline.json . >out 2>err; check "broken baseline is exit 2" 2 $?
  contains "broken baseline is IN010" out "[IN010]"
  contains "broken baseline names the reason" out "not valid JSON"
  "$bin" --baseline no-such-baseline.json . >out 2>err; check "missing baseline is exit 2" 2 $?
  "$bin" --baseline policies . >out 2>err; check "directory as baseline is exit 2" 2 $?
}
cd "$tmp" || exit 1

echo "cli_test: $pass checks passed, $failures failed"
[[ $failures -eq 0 ]]
