#!/usr/bin/env bash
# Issue 10 item 5: deep directories. A chain of 2,000 nested folders (main canonicalised every
# folder: 1,000 took 19 s, 2,000 did not finish in 120 s) ends quickly with an IN007 finding at
# the depth limit, the files above the limit are linted, and the walk time grows no more than
# linearly with the number of entries.
#   walk_deep.sh BUCKETLINT
source "$(dirname "$0")/lib_walk.sh" "$1"

mkdir deep
echo "$BAD" >deep/top.json
chain=$(printf 'a/%.0s' $(seq 2000))
mkdir -p "deep/$chain"
echo "$BAD" >"deep/${chain}bottom.json"
mkdir -p deep/a/a/a
echo "$BAD" >deep/a/a/a/near.json
run 60 deep
expect_rc 2 "2,000 nested folders"
expect_has "nested more than 100 folders deep" "2,000 nested folders: IN007 at the limit"
expect_count "[IN007]" 1 "2,000 nested folders: one finding for the limit"
expect_has "deep/top.json:1:37" "2,000 nested folders: the file at the top is linted"
expect_has "deep/a/a/a/near.json:1:37" "2,000 nested folders: the file near the top is linted"
expect_lacks "bottom.json" "2,000 nested folders: nothing below the limit is read"

# Linear in the number of entries: a tree four times larger takes at most about four times
# longer (a factor of 8 and 0.5 s allow for noise; a quadratic walk takes sixteen times longer).
make_tree() {
  local root=$1 n=$2 dirs=()
  for i in $(seq "$n"); do dirs+=("$root/d$((i % 50))/e$i"); done
  mkdir -p "${dirs[@]}"
  for d in "${dirs[@]}"; do
    echo "$GOOD" >"$d/p.json"
    echo '{"name":"x"}' >"$d/package.json"
  done
}
make_tree small 500
make_tree large 2000
best() {  # the fastest of three runs, in ms
  local dir=$1 best=-1
  for _ in 1 2 3; do
    local t0 t1
    t0=$(now_ns)
    "$BIN" --no-color "$dir" >/dev/null 2>&1 || true
    t1=$(now_ns)
    local ms=$(((t1 - t0) / 1000000))
    if [[ $best -lt 0 || $ms -lt $best ]]; then best=$ms; fi
  done
  echo "$best"
}
t_small=$(best small)
t_large=$(best large)
echo "walk of 1,000 files: ${t_small} ms; 4,000 files: ${t_large} ms"
if [[ $t_large -gt $((8 * t_small + 500)) ]]; then
  fail "walk time grows faster than linearly: ${t_small} ms -> ${t_large} ms for 4x the entries"
fi
run 60 --verbose large
expect_has "0 errors, 0 warnings, 0 notes in 2000 files, 2000 other files skipped" \
  "large tree: every policy read, every package.json skipped"

finish
