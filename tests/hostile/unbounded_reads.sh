#!/usr/bin/env bash
# Item 6 and 12: every read is bounded and every non-regular file is a clear finding (exit 2),
# never a hang, an out-of-memory kill or "internal error". Standard input, the simulate input
# and --config obey --max-file-size; /proc files (size 0) are read; a FIFO never blocks.
source "$(dirname "$0")/lib.sh"
write_beside
mkfifo fifo.json
mkdir dir.json
T=20  # seconds; a hang is a failure, not a stuck test run

timeout $T "$bin" - beside.json </dev/zero >out 2>err
expect_exit "stdin /dev/zero" 2 $?
expect_contains "stdin /dev/zero: IN005" out "<stdin>: error: input is over the 4194304 byte limit (--max-file-size); the rest was not read [IN005]"
expect_beside_linted "stdin /dev/zero" out
head -c 2000 /dev/zero | timeout $T "$bin" --max-file-size 1000 - beside.json >out 2>err
expect_exit "stdin over --max-file-size" 2 $?
expect_contains "stdin over --max-file-size: IN005" out "over the 1000 byte limit"

timeout $T "$bin" fifo.json dir.json /dev/zero beside.json >out 2>err
expect_exit "FIFO, directory, /dev/zero as files" 2 $?
expect_contains "FIFO: IN007" out "fifo.json: error: cannot read 'fifo.json': not a regular file (a FIFO) [IN007]"
expect_contains "/dev/zero: IN007" out "/dev/zero: error: cannot read '/dev/zero': not a regular file (a character device) [IN007]"
expect_beside_linted "FIFO, /dev/zero" out

# Item 12: /proc/self/status reports size 0 but is not empty: it is read (and is not JSON).
timeout $T "$bin" /proc/self/status beside.json >out 2>err
expect_exit "/proc/self/status" 2 $?
expect_not_contains "/proc/self/status: not 'file is empty'" out "file is empty"
expect_contains "/proc/self/status: read and parsed" out "/proc/self/status:1:1: error:"
expect_beside_linted "/proc/self/status" out

# simulate: FIFO, /dev/zero, a directory, stdin from /dev/zero; never "internal error".
for input in fifo.json /dev/zero /tmp; do
  timeout $T "$bin" simulate "$input" >out 2>err
  expect_exit "simulate $input" 2 $?
  expect_contains "simulate $input: message" err "cannot read '$input': it is"
  expect_not_contains "simulate $input: no internal error" err "internal error"
done
timeout $T "$bin" simulate - </dev/zero >out 2>err
expect_exit "simulate - < /dev/zero" 2 $?
expect_contains "simulate - < /dev/zero: IN005" err "over the 4194304 byte limit"

# --config: FIFO, /dev/zero, over the size limit.
timeout $T "$bin" --config fifo.json beside.json >out 2>err
expect_exit "--config FIFO" 2 $?
expect_contains "--config FIFO: IN010" out "cannot read the config file 'fifo.json': it is a FIFO (named pipe), not a regular file; no setting of it was applied [IN010]"
expect_beside_linted "--config FIFO" out
timeout $T "$bin" --config /dev/zero beside.json >out 2>err
expect_exit "--config /dev/zero" 2 $?
expect_contains "--config /dev/zero: IN010" out "it is a character device"
printf 'rules:\n  disabled: [PL002]\n# %s\n' "$(head -c 3000 /dev/zero | tr '\0' x)" >big.yaml
timeout $T "$bin" --max-file-size 2000 --config big.yaml beside.json >out 2>err
expect_exit "--config over the limit" 2 $?
expect_contains "--config over the limit: IN010" out "is over the 2000 byte limit (--max-file-size); no setting of it was applied"
expect_beside_linted "--config over the limit (not applied)" out

# Item 12: a config naming /dev/zero as a listing says why it is not read, not "does not
# exist" (a path outside the config's repository is never followed from the config).
printf 'buckets:\n  b:\n    account: "111111111111"\n    listing: /dev/zero\n' >cfg.yaml
timeout $T "$bin" --config cfg.yaml beside.json >out 2>err
expect_exit "listing: /dev/zero" 2 $?
expect_not_contains "listing: /dev/zero: not 'does not exist'" out "does not exist"
expect_contains "listing: /dev/zero: says why" out "file '/dev/zero' named in the config lies outside the config's repository"

# Linear: a large file over the limit costs no more than a small one (only the limit is read).
run_stdin() { head -c "$1" /dev/zero | timed "$bin" --max-file-size 100000000 - >/dev/null 2>&1; }
expect_linear "stdin read" 4000000 16000000 run_stdin
finish
