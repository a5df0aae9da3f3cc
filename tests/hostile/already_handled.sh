#!/usr/bin/env bash
# Hostile inputs that bucketlint already handled when issue 10 was filed, kept handled: deep
# JSON nesting, invalid UTF-8, huge numbers, URL-encoding errors. Each: the finding, exit 2,
# the file beside it still linted, and time no more than linear in the input size.
source "$(dirname "$0")/lib.sh"
write_beside

# Deep nesting: IN006 past the depth limit, whatever the depth.
run_nesting() {
  { head -c "$1" /dev/zero | tr '\0' '['; head -c "$1" /dev/zero | tr '\0' ']'; } >deep.json
  timed "$bin" --no-color deep.json beside.json >out 2>err
  rc=$?
}
run_nesting 1000000
expect_exit "deep nesting" 2 $rc
expect_contains "deep nesting: IN006" out "[IN006]"
expect_beside_linted "deep nesting" out
expect_linear "deep nesting" 250000 1000000 run_nesting

# Invalid UTF-8: IN003 naming the byte, never the raw byte in the output.
run_utf8() {
  { printf '{"Version":"2012-10-17","Statement":[{"Sid":"'; head -c "$1" /dev/zero | tr '\0' 'a'; printf '\xff\xfe"}]}'; } >bad.json
  timed "$bin" --no-color bad.json beside.json >out 2>err
  rc=$?
}
run_utf8 1000000
expect_exit "invalid UTF-8" 2 $rc
expect_contains "invalid UTF-8: IN003" out "byte 0xFF is not valid UTF-8 (save the file as UTF-8) [IN003]"
if LC_ALL=C grep -qaP '\xff' out; then fail "invalid UTF-8: raw byte in output"; else pass; fi
expect_beside_linted "invalid UTF-8" out
expect_linear "invalid UTF-8" 250000 1000000 run_utf8

# Huge numbers: a 1 MB number literal and exponents that overflow a double.
run_numbers() {
  { printf '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::c/*","Condition":{"NumericLessThan":{"s3:max-keys":'; head -c "$1" /dev/zero | tr '\0' '9'; printf 'e999999999}}}]}'; } >num.json
  timed "$bin" --no-color num.json beside.json >out 2>err
  rc=$?
}
run_numbers 1000000
[[ $rc == 1 || $rc == 2 ]] && pass || fail "huge numbers: exit $rc (crash?)"
expect_beside_linted "huge numbers" out
expect_linear "huge numbers" 250000 1000000 run_numbers

# URL-encoding errors in an embedded policy (get-role output): IN001, malformed escape.
printf '{"Role":{"RoleName":"r","Arn":"arn:aws:iam::111111111111:role/r","AssumeRolePolicyDocument":"%%7B%%22Version%%22%%3A%%ZZ%%7D"}}' >role.json
"$bin" --no-color role.json beside.json >out 2>err
expect_exit "URL-encoding error" 2 $?
expect_contains "URL-encoding error: IN001" out "is URL-encoded but has a malformed '%' escape"
expect_beside_linted "URL-encoding error" out
finish
