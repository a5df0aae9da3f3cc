#!/usr/bin/env bash
# Items 4 and 7: PL111 compared every wildcard with every value sharing its prefix (159,000
# wildcard Resources: 589 s; "s3:*Z<i>" actions alike); a file of "k":1 pairs gave 1.4 million
# findings. Both are near-linear now, and findings are capped per rule and file with a note.
source "$(dirname "$0")/lib.sh"
write_beside

# policy N ELEMENT FORMAT: one statement whose ELEMENT lists N values printf'd from FORMAT.
policy() {
  local values
  values=$(seq 1 "$1" | awk -v f="$3" '{ printf "\"" f "\"%s", $1, (NR < '"$1"' ? "," : "") }')
  if [[ $2 == Action ]]; then
    printf '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":[%s],"Resource":"arn:aws:s3:::c/*"}]}' "$values"
  else
    printf '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":[%s]}]}' "$values"
  fi
}

run_resources() {
  policy "$1" Resource 'arn:aws:s3:::c/*x%d' >res.json
  timed timeout 120 "$bin" --no-color res.json beside.json >out 2>err
  rc=$?
}
run_resources 40000
expect_exit "PL111 resources" 1 $rc
expect_contains "PL111 resources: the budget note" out "resource list of 40000 values has too many wildcards sharing a prefix to compare in full"
expect_beside_linted "PL111 resources" out
expect_linear "PL111 resources" 5000 40000 run_resources

run_actions() {
  policy "$1" Action 's3:*Z%d' >act.json
  timed timeout 120 "$bin" --no-color act.json beside.json >out 2>err
  rc=$?
}
run_actions 40000
expect_exit "PL111 actions" 1 $rc
expect_contains "PL111 actions: the budget note" out "action list of 40000 values has too many wildcards"
expect_beside_linted "PL111 actions" out
expect_linear "PL111 actions" 5000 40000 run_actions

# Duplicate keys: at most 100 IN002 findings per file, one note with the rest.
run_keys() {
  { printf '{'; seq "$1" | sed 's/.*/"k":1/' | paste -sd,; printf '}'; } >keys.json
  timed timeout 120 "$bin" --no-color keys.json beside.json >out 2>err
  rc=$?
}
run_keys 400000
expect_exit "duplicate keys" 2 $rc
expect_contains "duplicate keys: note" out "keys.json:1:1: note: 399899 more IN002 findings in this file left out (at most 100 per rule and file are reported)"
[[ $(grep -c '\[IN002\]' out) == 100 ]] && pass || fail "duplicate keys: $(grep -c '\[IN002\]' out) IN002 findings, expected 100"
expect_beside_linted "duplicate keys" out
expect_linear "duplicate keys" 50000 400000 run_keys

# The engine's cap, for a rule that reports one finding per value (PL102 unknown action).
policy 300 Action 's3:NoSuchAction%d' >unknown.json
"$bin" --no-color unknown.json beside.json >out 2>err
expect_exit "engine cap" 1 $?
[[ $(grep -c '\[PL102\]' out) == 100 ]] && pass || fail "engine cap: $(grep -c '\[PL102\]' out) PL102 findings, expected 100"
expect_contains "engine cap: note" out "note: 200 more PL102 findings in this file left out (at most 100 per rule and file are reported)"
expect_beside_linted "engine cap" out
finish
