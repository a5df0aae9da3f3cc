#!/usr/bin/env bash
# Item 2: suppression path globs from a hostile .bucketlint.yaml. "**/" x 200,000 overflowed
# the stack of the recursive matcher (SIGSEGV); "**a**a**a**a**a**a**b" took exponential time.
source "$(dirname "$0")/lib.sh"
write_beside
long=$(printf 'a%.0s' {1..200})
cp beside.json "$long.json"

# deep_config N: a suppression of PL002 whose path is "**/" N times then "beside.json".
deep_config() {
  local glob
  glob=$(printf '**/%.0s' $(seq "$1"))
  printf 'suppressions:\n  - rule: PL002\n    path: "%sbeside.json"\n    reason: hostile\n' \
    "$glob" >.bucketlint.yaml
}
run_deep() {
  deep_config "$1"
  timed "$bin" --no-color beside.json "$long.json" >out 2>err
  rc=$?
}
run_deep 200000
expect_exit "deep **/ glob" 1 $rc
# The glob matches beside.json (every "**/" may be empty), so only the long file's PL002 stays.
expect_not_contains "deep **/ glob suppresses beside.json" out "beside.json:1:1"
expect_contains "deep **/ glob leaves the other file" out "$long.json:1:1: warning"
expect_contains "deep **/ glob counts the suppression" out "1 suppressed"
expect_linear "deep **/ glob" 50000 200000 run_deep

# Exponential backtracking: "**a" six times then "**b" against a 200-character name of 'a's.
printf 'suppressions:\n  - rule: PL002\n    path: "**a**a**a**a**a**a**b"\n    reason: hostile\n' \
  >.bucketlint.yaml
timeout 60 "$bin" --no-color beside.json "$long.json" >out 2>err
rc=$?
expect_exit "**a**a...**b glob" 1 $rc
expect_contains "**a**a...**b glob: IN013 unused" out "matched no finding [IN013]"
expect_beside_linted "**a**a...**b glob" out
finish
