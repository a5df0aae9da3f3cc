#!/usr/bin/env bash
# Issue 9 item 2: config discovery. .bucketlint.yaml (or .yml) is found in the folder of the
# first path or a parent up to the git work tree's root, its paths are relative to itself,
# and the same findings come out whatever directory the command runs from.
#   walk_config.sh BUCKETLINT
source "$(dirname "$0")/lib_walk.sh" "$1"

mkdir -p outer/repo/.git outer/repo/infra/policies outer/repo/infra/skipped
# A config above the repository root is never used.
printf 'rules:\n  disabled: [PL005]\n' >outer/.bucketlint.yaml
cat >outer/repo/.bucketlint.yaml <<'YAML'
rules:
  severity:
    PL005: note
exclude:
  - infra/skipped/
YAML
echo "$BAD" >outer/repo/infra/policies/bad.json
echo "$BAD" >outer/repo/infra/skipped/bad.json

check_same() {  # the findings of one run, as "severity [ID]" (paths depend on the directory)
  expect_rc 0 "$1"
  expect_count "note: identity policy in" 1 "$1: the config's severity applies"
  expect_lacks "skipped/bad.json" "$1: the config's exclude applies"
}
pushd outer/repo >/dev/null
run 20 .
check_same "from the repository root"
run 20 infra/policies
check_same "from the root, naming a subfolder"
popd >/dev/null
pushd outer/repo/infra/policies >/dev/null
run 20 .
check_same "from a subfolder"
run 20 ../..
check_same "from a subfolder, naming the root"
popd >/dev/null
run 20 "$WORK/outer/repo"
check_same "from outside, with an absolute path"
run 20 --list-inputs outer/repo/infra
expect_has "config outer/repo/.bucketlint.yaml" "the config found is listed"

# .bucketlint.yml works the same way.
mv outer/repo/.bucketlint.yaml outer/repo/.bucketlint.yml
run 20 outer/repo/infra/policies
check_same ".bucketlint.yml"

# Outside a git work tree the search stops at the current directory.
rm -rf outer/repo/.git
mkdir -p plain/sub
printf 'rules:\n  disabled: [PL005]\n' >plain/.bucketlint.yaml
echo "$BAD" >plain/sub/bad.json
pushd plain >/dev/null
run 20 sub
expect_rc 0 "no work tree: config in the current directory"
popd >/dev/null
pushd plain/sub >/dev/null
run 20 .
expect_rc 1 "no work tree: a config above the current directory is not used"
popd >/dev/null

finish
