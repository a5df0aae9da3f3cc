#!/usr/bin/env bash
# Issue 9 item 1: inside a git work tree, paths that .gitignore (and .git/info/exclude) ignore
# are skipped, with git's rules (negation, anchoring, folders only, deeper files win); outside
# a work tree .gitignore files mean nothing. Compared with `git status --ignored` when git is
# installed.
#   walk_gitignore.sh BUCKETLINT
source "$(dirname "$0")/lib_walk.sh" "$1"

mkdir -p tree/.git/info tree/build tree/sub/deep
printf 'build/\n*.log.json\n!keep.log.json\n/rootonly.json\n# a comment\n\n' >tree/.gitignore
printf 'local.json\n' >tree/sub/.gitignore
printf 'secret.json\n' >tree/.git/info/exclude
for f in build/a.json x.log.json keep.log.json rootonly.json sub/rootonly.json sub/local.json \
  sub/deep/local.json sub/ok.json secret.json; do
  echo "$BAD" >"tree/$f"
done
run 20 --list-inputs tree
expect_has "read tree/keep.log.json" "negated pattern re-includes"
expect_has "read tree/sub/ok.json" "unmatched file read"
expect_has "read tree/sub/rootonly.json" "anchored pattern only at its folder"
for ignored in build rootonly.json secret.json sub/local.json sub/deep/local.json x.log.json; do
  expect_has "skip tree/$ignored: ignored by .gitignore" "$ignored ignored"
done
expect_count "read " 3 "exactly three files read"
# Walking a subfolder applies the .gitignore files above it.
run 20 --list-inputs tree/sub
expect_has "skip tree/sub/local.json: ignored by .gitignore" "subfolder: its own .gitignore"
run 20 --list-inputs tree/build
expect_has "read tree/build/a.json" "a folder named on the command line is read"

if command -v git >/dev/null 2>&1; then
  rm -rf tree/.git/info
  git -C tree init -q
  printf 'secret.json\n' >tree/.git/info/exclude
  # The .json files git does not ignore are exactly those bucketlint reads.
  kept=$(git -C tree ls-files --others --exclude-standard | grep '\.json$' | sort)
  run 20 --list-inputs tree
  ours=$(sed -n 's/^read tree\///p' <<<"$OUT" | sort)
  [[ "$kept" == "$ours" ]] || fail "differs from git ls-files --others --exclude-standard:
git:
$kept
bucketlint:
$ours"
fi

# Outside a work tree, .gitignore is not applied.
rm -rf tree/.git
run 20 --list-inputs tree
expect_has "read tree/build/a.json" "no work tree: .gitignore not applied"

finish
