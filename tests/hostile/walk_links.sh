#!/usr/bin/env bash
# Issue 10 item 1: symbolic links in walked directories. Links never lead out of the repository
# being linted (reported as IN007 naming the link, never the target's content), loops end,
# each file is reported once under its shortest path, and the other files are still linted.
#   walk_links.sh BUCKETLINT
source "$(dirname "$0")/lib_walk.sh" "$1"

# Two links to '.' in one folder: main never ended.
mkdir d
ln -s . d/a
ln -s . d/b
echo "$BAD" >d/p.json
run 20 d
expect_rc 1 "link loop"
expect_count "PL005" 1 "link loop: the policy is reported once"
expect_has "d/p.json:1:37" "link loop: under its shortest path"
expect_lacks "d/a/" "link loop: no path through a link"

# A link to / : main walked the whole host.
mkdir e
ln -s / e/r
echo "$BAD" >e/bad.json
run 20 e
expect_rc 2 "link to /"
expect_has "e/r: error:" "link to /: reported under the link's name"
expect_has "[IN007]" "link to /: IN007"
expect_has "e/bad.json:1:37" "link to /: the other file is still linted"

# A link to a file outside the repository: its content never appears.
secret=$(mktemp)
printf '{"Version":"2012-10-17","Statement":[],"Sid":"SECRET-MARKER-4711"}' >"$secret"
mkdir f
ln -s "$secret" f/x.json
echo "$BAD" >f/bad.json
run 20 f
rm -f "$secret"
expect_rc 2 "link to an outside file"
expect_has "f/x.json: error:" "link to an outside file: named"
expect_lacks "SECRET-MARKER" "link to an outside file: content not shown"
expect_count "PL005" 1 "link to an outside file: only the inside policy"

# A link inside the repository is followed, and a file reached twice is read once, under the
# path without links.
mkdir -p g/real
echo "$BAD" >g/real/p.json
ln -s real g/alias
ln -s real/p.json g/again.json
run 20 g
expect_count "PL005" 1 "inside links: one finding"
expect_has "g/real/p.json:1:37" "inside links: the real path wins"

# Inside a git work tree, a link from the folder given to a sibling folder of the same
# repository is inside the repository and followed.
mkdir -p repo/.git repo/sub repo/other
echo "$BAD" >repo/other/p.json
ln -s ../other repo/sub/link
run 20 repo/sub
expect_rc 1 "link within the work tree"
expect_has "repo/sub/link/p.json:1:37" "link within the work tree: followed"
# Without a work tree the folder given is the repository: the same link is reported.
rm -rf repo/.git
run 20 repo/sub
expect_rc 2 "link out of the folder given"
expect_has "repo/sub/link: error:" "link out of the folder given: reported"
expect_lacks "PL005" "link out of the folder given: not followed"

# Paths in .bucketlint.yaml stay in the config's repository unless given on the command line.
mkdir -p cfg/repo/.git
echo "$BAD" >cfg/outside-policy.json
cat >cfg/repo/.bucketlint.yaml <<'YAML'
buckets:
  amzn-s3-demo-bucket:
    policy: ../outside-policy.json
YAML
echo "$GOOD" >cfg/repo/good.json
pushd cfg/repo >/dev/null
run 20 .
popd >/dev/null
expect_rc 2 "config path out of the repository"
expect_has "outside the config's repository" "config path out of the repository: IN010"
expect_lacks "PL005" "config path out of the repository: not read"
pushd cfg/repo >/dev/null
run 20 . ../outside-policy.json
popd >/dev/null
expect_has "PL005" "config path given on the command line: read"
expect_lacks "outside the config's repository" "config path given on the command line: no IN010"

finish
