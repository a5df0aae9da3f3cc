#!/usr/bin/env bash
# Item 8: after "--" every argument is a path. `check -- --version` printed the version and
# linted nothing; `check a.json -- -h` printed the help; a committed "-o.json" redirected the
# report when the hook passed file names without "--".
source "$(dirname "$0")/lib.sh"
write_beside
for name in --version -h --help -o.json -q; do cp beside.json ./"$name"; done

"$bin" check -- --version >out 2>err
expect_exit "check -- --version" 1 $?
expect_contains "check -- --version lints the file" out "--version:1:1: warning"
expect_not_contains "check -- --version prints no version" out "action catalogue"

"$bin" check beside.json -- -h >out 2>err
expect_exit "check a.json -- -h" 1 $?
expect_contains "check a.json -- -h lints -h" out "-h:1:1: warning"
expect_not_contains "check a.json -- -h prints no help" out "Usage:"
expect_beside_linted "check a.json -- -h" out

"$bin" -- -o.json beside.json --help -q >out 2>err
expect_exit "-- -o.json --help -q" 1 $?
expect_contains "-o.json is a path" out "-o.json:1:1: warning"
expect_contains "--help is a path" out "--help:1:1: warning"
expect_contains "-q is a path (summary still printed)" out "in 4 files"
[[ ! -e .json ]] && pass || fail "-o.json wrote a file '.json'"

"$bin" model -- --version >out 2>err
expect_exit "model -- --version" 0 $?
expect_contains "model -- --version loads the file" out "(--version:1:1)"

cat >sim.json <<'JSON'
{"request": {"principal": "arn:aws:iam::111111111111:role/r", "action": "s3:GetObject",
             "resource": "arn:aws:s3:::b/k"},
 "resourcePolicy": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
   "Principal": "*", "Action": "s3:GetObject", "Resource": "*"}]}}
JSON
cp sim.json ./--help
"$bin" simulate -- --help >out 2>err
expect_exit "simulate -- --help" 0 $?
expect_contains "simulate -- --help reads the file" out "decision: Allowed"

"$bin" rules -- x >out 2>err
expect_exit "rules -- x" 2 $?
expect_contains "rules -- x: usage error" err "unexpected argument 'x' after '--'"
finish
