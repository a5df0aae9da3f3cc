#!/usr/bin/env bash
# Item 9 (config part) and 12: a .bucketlint.yaml with duplicate keys, a second document, or in
# place as a FIFO, a directory or a dangling link is a finding (IN010, exit 2), never applied or
# skipped in silence; a NUL in it gives a message without a raw control character. YAML alias
# bombs and deep nesting (already handled) stay bounded.
source "$(dirname "$0")/lib.sh"
write_beside
T=20

# Duplicate keys: yaml-cpp keeps both; the reviewer sees OW001 enabled, the old reader disabled it.
printf 'rules:\n  disabled: [PL002]\nrules:\n  disabled: []\n' >.bucketlint.yaml
timeout $T "$bin" beside.json >out 2>err
expect_exit "duplicate top-level key" 2 $?
expect_contains "duplicate top-level key: IN010" out ".bucketlint.yaml:3:1: error: duplicate key 'rules' (first at line 1)"
expect_beside_linted "duplicate top-level key (nothing applied)" out
printf 'buckets:\n  b:\n    account: "111111111111"\n    account: "222222222222"\n' >.bucketlint.yaml
timeout $T "$bin" beside.json >out 2>err
expect_exit "duplicate nested key" 2 $?
expect_contains "duplicate nested key: IN010" out ".bucketlint.yaml:4:5: error: duplicate key 'account' (first at line 3)"

# A second document.
printf 'rules:\n  disabled: [PL002]\n---\nrules:\n  disabled: []\n' >.bucketlint.yaml
timeout $T "$bin" beside.json >out 2>err
expect_exit "second document" 2 $?
expect_contains "second document: IN010" out ".bucketlint.yaml:3:1: error: the config holds more than one YAML document; only one is allowed"
expect_beside_linted "second document" out

# Not a file: FIFO, directory, dangling link (found by discovery in the current directory).
rm .bucketlint.yaml
mkfifo .bucketlint.yaml
timeout $T "$bin" beside.json >out 2>err
expect_exit "config FIFO" 2 $?
expect_contains "config FIFO: IN010" out "cannot read the config file '.bucketlint.yaml': it is a FIFO (named pipe)"
expect_beside_linted "config FIFO" out
rm .bucketlint.yaml
mkdir .bucketlint.yaml
timeout $T "$bin" beside.json >out 2>err
expect_exit "config directory" 2 $?
expect_contains "config directory: IN010" out "it is a directory, not a file; no setting of it was applied"
rmdir .bucketlint.yaml
ln -s missing.yaml .bucketlint.yaml
timeout $T "$bin" beside.json >out 2>err
expect_exit "config dangling link" 2 $?
expect_contains "config dangling link: IN010" out "it is a symbolic link to a file that does not exist"
rm .bucketlint.yaml

# NUL bytes in the config: the message holds no raw control character (item 12).
printf 'rules:\n  dis\0abled: [PL002]\nsuppressions:\n  - rule: PL002\n    path: "a\0\n  b"\n    reason: x\n' >.bucketlint.yaml
timeout $T "$bin" beside.json >out 2>err
rc=$?
[[ $rc == 1 || $rc == 2 ]] && pass || fail "NUL in config: exit $rc"
if LC_ALL=C grep -q $'[\x01-\x09\x0b-\x1f\x7f]' out || LC_ALL=C grep -qaP '\x00' out; then
  fail "NUL in config: raw control character in output"
  cat -A out | head -5
else
  pass
fi
if [[ $(grep -c '^ \|^[^ ]*: \|^[0-9]* error' out) == $(wc -l <out) ]]; then pass; else fail "NUL in config: a line that is not a finding, note, help or summary"; cat -A out; fi

# YAML alias bomb (billion laughs): bounded time, a finding, the other file linted.
bomb() {
  local n=$1
  printf 'a: &a ["x"]\n'
  local prev=a
  for ((i = 1; i <= n; ++i)); do
    local refs="*$prev"
    for ((k = 1; k < 9; ++k)); do refs+=", *$prev"; done
    printf 'l%d: &l%d [%s]\n' "$i" "$i" "$refs"
    prev=l$i
  done
}
run_bomb() { bomb "$1" >.bucketlint.yaml; timed timeout $T "$bin" beside.json >out 2>err; rc=$?; }
run_bomb 12
expect_exit "alias bomb" 1 $rc
expect_contains "alias bomb: IN010 unknown key" out "unknown key 'a' in the top level"
expect_beside_linted "alias bomb" out
expect_linear "alias bomb" 6 24 run_bomb

# Deep nesting in the config.
run_deep() {
  { for ((i = 0; i < $1; ++i)); do printf '['; done; for ((i = 0; i < $1; ++i)); do printf ']'; done; echo; } >.bucketlint.yaml
  timed timeout $T "$bin" beside.json >out 2>err
  rc=$?
}
run_deep 20000
[[ $rc == 2 ]] && pass || fail "deep YAML nesting: exit $rc"
expect_beside_linted "deep YAML nesting" out
expect_linear "deep YAML nesting" 5000 20000 run_deep
rm .bucketlint.yaml

# Inputs config_fuzz found: YAML::LoadAll grew to gigabytes on them (a regression of the first
# second-document check); the config reader must answer at once.
for input in "$here"/inputs/config-fuzz-*.yaml; do
  cp "$input" .bucketlint.yaml
  timeout $T "$bin" beside.json >out 2>err
  rc=$?
  [[ $rc == 1 || $rc == 2 ]] && pass || fail "$(basename "$input"): exit $rc"
  expect_beside_linted "$(basename "$input")" out
done
rm .bucketlint.yaml
finish
