#!/usr/bin/env bash
# Issue 9 item 1: input selection in a mixed repository. Files that are not documents
# bucketlint reads are skipped without changing the exit code and counted in the summary;
# default excludes, --exclude and the config's exclude:; broken files that are clearly meant
# for bucketlint are still errors; a file named on the command line is always read.
#   walk_select.sh BUCKETLINT
source "$(dirname "$0")/lib_walk.sh" "$1"

mkdir -p app/.git app/src app/.vscode app/node_modules/pkg app/vendor/lib app/.terraform/m app/policies
echo '{"name":"app","version":"1.0.0","dependencies":{}}' >app/package.json
echo '{"compilerOptions":{"strict":true}}' >app/tsconfig.json
echo '{"editor.tabSize":2}' >app/.vscode/settings.json
echo '[1, 2, 3]' >app/src/data.json
echo '{"broken": ' >app/src/fixture.json
echo "$BAD" >app/node_modules/pkg/policy.json
echo "$BAD" >app/vendor/lib/policy.json
echo "$BAD" >app/.terraform/m/policy.json
echo "$BAD" >app/.git/policy.json
echo "$GOOD" >app/policies/good.json
echo "$BAD" >app/policies/bad.json
echo "# notes" >app/README.md

run 20 app
expect_rc 1 "mixed repository"
expect_count "error:" 1 "mixed repository: only the bad policy"
expect_has "app/policies/bad.json:1:37" "mixed repository: the bad policy"
expect_has "in 2 files, 5 other files skipped" "mixed repository: summary counts skipped files"

run 20 --list-inputs app
expect_rc 0 "--list-inputs"
expect_has "read app/policies/good.json" "--list-inputs: files read"
expect_has "skip app/package.json: not a document kind bucketlint reads" "--list-inputs: skipped"
expect_has "skip app/src/fixture.json: not readable as JSON" "--list-inputs: broken stranger"
expect_has "skip app/node_modules: excluded by default" "--list-inputs: default excludes"
run 20 --verbose app
expect_has "skip app/tsconfig.json" "--verbose lists skipped files"

# Clearly ours but broken: still errors.
echo '{"Version": "2012-10-17", "Statement": [' >app/src/inline.json
echo '{"oops"' >app/src/bucket-policy.json
run 20 app
expect_rc 2 "broken documents"
expect_has "app/src/inline.json" "broken JSON that starts like a policy is reported"
expect_has "app/src/bucket-policy.json" "broken *policy*.json is reported"
rm app/src/inline.json app/src/bucket-policy.json

# Named on the command line: always read.
run 20 app/package.json
expect_rc 2 "explicit package.json"
expect_has "[IN008]" "explicit package.json: IN008"
# A default-excluded folder named on the command line is read.
run 20 app/node_modules
expect_has "app/node_modules/pkg/policy.json:1:37" "explicit node_modules"

# --exclude: a name anywhere, or a path relative to the current directory.
run 20 --exclude bad.json app
expect_rc 0 "--exclude NAME"
run 20 --exclude 'app/policies/' app
expect_rc 0 "--exclude DIR/"
expect_lacks "PL005" "--exclude DIR/: nothing under it read"
run 20 --exclude 'policies/*.json' app
expect_rc 1 "--exclude with '/' is relative to the current directory"

# exclude: in the config, relative to the config's folder (found from the first path).
printf 'exclude:\n  - "policies/bad*.json"\n' >app/.bucketlint.yaml
run 20 app
expect_rc 0 "config exclude:"
rm app/.bucketlint.yaml

finish
