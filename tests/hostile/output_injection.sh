#!/usr/bin/env bash
# Item 3: text quoted from documents and file names reached the output raw: a policy key with
# "\n::error ...::" or a file named $'nl\n::add-mask::x.json' forged GitHub Actions workflow
# commands, and ESC/OSC/BEL/CR reached the terminal. Every human-readable output escapes them.
source "$(dirname "$0")/lib.sh"
write_beside
printf '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*","X\\n::error file=README.md,line=1::forged":1}]}' >key.json
cp beside.json $'nl\n::add-mask::x.json'
printf '{"Version":"2012-10-17","Statement":[{"Sid":"S","Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*","K\\u001b]0;t\\u0007\\r\\u0085\\u2028":1}]}' >esc.json
cp beside.json $'e\e[31m\a\r.json'
inputs=(beside.json key.json $'nl\n::add-mask::x.json' esc.json $'e\e[31m\a\r.json')

# No output line may start with "::" (a workflow command) nor hold a raw control character
# other than the line feed that ends it (colour is off when not on a terminal).
expect_clean() {  # expect_clean NAME FILE
  if grep -q '^::' "$2"; then fail "$1: a line starts with '::'"; grep '^::' "$2" | sed 's/^/  | /'; else pass; fi
  if LC_ALL=C grep -q $'[\x01-\x09\x0b-\x1f\x7f]' "$2"; then
    fail "$1: raw control character in output"
    LC_ALL=C grep $'[\x01-\x09\x0b-\x1f\x7f]' "$2" | cat -A | sed 's/^/  | /'
  else
    pass
  fi
  if LC_ALL=C grep -qP '\xc2[\x80-\x9f]|\xe2\x80[\xa8\xa9]' "$2"; then fail "$1: raw C1 control or line separator"; else pass; fi
}

"$bin" "${inputs[@]}" >out 2>err
expect_exit "text" 1 $?
expect_clean "text" out
expect_clean "text stderr" err
expect_contains "text: key escaped" out "'X\\n::error file=README.md,line=1::forged' in statement 1"
expect_contains "text: file name escaped" out 'nl\n::add-mask::x.json:1:1: warning'
expect_contains "text: ESC in a file name escaped" out 'e\x1b[31m\x07\r.json:1:1:'
expect_beside_linted "text" out

"$bin" --color "${inputs[@]}" >out 2>err
# Colour codes are bucketlint's own (ESC '['); the file's ESC ']' (OSC) and BEL must be escaped.
if LC_ALL=C grep -q $'\e]\|\a\|\r' out; then fail "color: raw OSC/BEL/CR in output"; else pass; fi

"$bin" model "${inputs[@]}" >out 2>err
expect_exit "model" 0 $?
expect_clean "model" out
expect_contains "model: file name escaped" out 'nl\n::add-mask::x.json:1:1'

cat >sim.json <<'JSON'
{"request": {"principal": "arn:aws:iam::111111111111:role/r", "action": "s3:GetObject",
             "resource": "arn:aws:s3:::b/k\n::error::forged\u001b]0;x\u0007"},
 "resourcePolicy": {"Version": "2012-10-17", "Statement": [{"Sid": "S\n::warning::forged",
   "Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "*"}]}}
JSON
"$bin" simulate sim.json >out 2>err
expect_exit "simulate" 0 $?
expect_clean "simulate" out
expect_clean "simulate stderr" err
cp sim.json $'sim\n::error::x.json'
printf '{"request": 1}' >>$'sim\n::error::x.json'  # malformed: the error names the file
"$bin" simulate $'sim\n::error::x.json' >out 2>err
expect_exit "simulate error" 2 $?
expect_clean "simulate error stderr" err
expect_contains "simulate error names the file escaped" err 'sim\n::error::x.json'
finish
