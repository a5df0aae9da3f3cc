#!/usr/bin/env bash
# Issue 10 item 9 (the walk's part): nothing that stands for a document disappears in
# silence. A dangling link or a FIFO named *.json in a walked folder is an IN007 finding
# (main: exit 0, no output); a bucket policy renamed to .JSON is read, and one renamed to
# .yaml or without an extension inside a snapshot is reported (IN011).
#   walk_silent.sh BUCKETLINT
source "$(dirname "$0")/lib_walk.sh" "$1"

mkdir dangling
ln -s missing.json dangling/p.json
run 20 dangling
expect_rc 2 "dangling link named .json"
expect_has "dangling/p.json: error:" "dangling link named .json: reported"
expect_has "dangling symbolic link" "dangling link named .json: says why"

mkdir fifo
mkfifo fifo/p.json
echo "$BAD" >fifo/bad.json
run 20 fifo
expect_rc 2 "FIFO named .json"
expect_has "fifo/p.json: error:" "FIFO named .json: reported, never opened for reading"
expect_has "FIFO" "FIFO named .json: says why"
expect_has "fifo/bad.json:1:37" "FIFO named .json: the other file is still linted"

# A snapshot whose bucket policy was renamed.
policy='{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::amzn-s3-demo-bucket/*"}]}'
b=snap/accounts/111111111111/buckets/amzn-s3-demo-bucket
mkdir -p "$b"
echo "$policy" >"$b/policy.JSON"
run 20 --list-inputs snap
expect_has "read $b/policy.JSON" "snapshot policy named .JSON: read"
for name in policy.yaml policy; do
  rm -f "$b"/policy*
  echo "$policy" >"$b/$name"
  run 20 snap
  expect_rc 2 "snapshot policy named $name"
  expect_has "$b/$name: error:" "snapshot policy named $name: reported"
  expect_has "[IN011]" "snapshot policy named $name: IN011"
done

finish
