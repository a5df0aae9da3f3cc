#!/usr/bin/env bash
# Item 10: a report that could not be written (full disk, closed stdout, unwritable -o) exited
# 1 with no message; it is exit 2 with a message on stderr.
source "$(dirname "$0")/lib.sh"
write_beside

if [[ -w /dev/full ]]; then
  "$bin" beside.json >/dev/full 2>err
  expect_exit "check > /dev/full" 2 $?
  expect_contains "check > /dev/full: message" err "cannot write to standard output"
  "$bin" model beside.json >/dev/full 2>err
  expect_exit "model > /dev/full" 2 $?
  "$bin" rules >/dev/full 2>err
  expect_exit "rules > /dev/full" 2 $?
  "$bin" --format json -o /dev/full beside.json 2>err
  expect_exit "-o /dev/full" 2 $?
  expect_contains "-o /dev/full: message" err "cannot write '/dev/full'"
fi

"$bin" beside.json >&- 2>err
expect_exit "closed stdout" 2 $?
expect_contains "closed stdout: message" err "cannot write to standard output"

"$bin" -o missing-dir/report.txt beside.json 2>err
expect_exit "-o into a missing directory" 2 $?
expect_contains "-o into a missing directory: message" err "cannot write 'missing-dir/report.txt'"

# A clean run prints nothing: nothing to lose, exit 0 even with stdout closed.
printf '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}]}' >clean.json
"$bin" --account 111122223333 clean.json >&- 2>err
expect_exit "clean run, closed stdout" 0 $?
finish
