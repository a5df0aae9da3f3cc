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

echo "cli_test: $pass checks passed, $failures failed"
[[ $failures -eq 0 ]]
