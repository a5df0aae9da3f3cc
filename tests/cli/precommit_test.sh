#!/usr/bin/env bash
# The shipped pre-commit hook on a mixed repository (issue 9 item 5): a throwaway git
# repository with a package.json, a good policy and a bad one; `pre-commit try-repo` runs the
# hook of this checkout's .pre-commit-hooks.yaml with the built binary on PATH (language:
# system: no network); the hook must block only the bad policy. Skipped (exit 77) when
# pre-commit or git is not installed (scripts/setup-deps.sh installs Debian's pre-commit).
#   precommit_test.sh BUCKETLINT SOURCE_DIR
set -euo pipefail
bin=$(realpath "$1")
src=$(realpath "$2")
for tool in pre-commit git; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "SKIP: $tool is not installed (scripts/setup-deps.sh installs it)"
    exit 77
  fi
done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export PRE_COMMIT_HOME="$work/cache" HOME="$work/home" GIT_CONFIG_NOSYSTEM=1
mkdir -p "$work/bin" "$work/home"
ln -s "$bin" "$work/bin/bucketlint"
export PATH="$work/bin:$PATH"
git_() { git -c user.name=test -c user.email=test@example.com -c init.defaultBranch=main "$@"; }

# The hook repository: this checkout's manifest, committed (try-repo reads a commit).
mkdir "$work/hooks"
cp "$src/.pre-commit-hooks.yaml" "$work/hooks/"
git_ -C "$work/hooks" init -q
git_ -C "$work/hooks" add .pre-commit-hooks.yaml
git_ -C "$work/hooks" commit -qm hooks

# The project: an ordinary JS repository with policies.
proj="$work/project"
mkdir -p "$proj/policies" "$proj/.vscode"
cd "$proj"
git_ init -q
echo '{"name":"app","version":"1.0.0","scripts":{"test":"jest"}}' >package.json
echo '{"compilerOptions":{"strict":true}}' >tsconfig.json
echo '{"editor.tabSize":2}' >.vscode/settings.json
printf 'name: ci\non: push\n' >workflow.yml
echo '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::amzn-s3-demo-bucket/*"}]}' >policies/good.json
# A committed file named like an option: with `--` in the entry it is a file, not `-o`.
cp policies/good.json ./-o.json
git_ add -A

failures=0
fail() {
  echo "FAIL: $*"
  failures=$((failures + 1))
}
run_hook() {
  set +e
  out=$(pre-commit try-repo "$work/hooks" bucketlint --all-files 2>&1)
  rc=$?
  set -e
}

run_hook
[[ $rc -eq 0 ]] || fail "good policy and other JSON: hook failed (exit $rc):
$out"
[[ ! -e .json ]] || fail "a file named '-o.json' redirected the report into '.json'"

echo '{"Version":"2012-10-17","Statement":[]}' >policies/bad.json
git_ add -A
run_hook
[[ $rc -ne 0 ]] || fail "bad policy: hook passed:
$out"
grep -q "policies/bad.json:1:37: error: .*\[PL005\]" <<<"$out" || fail "bad policy not reported:
$out"
n=$(grep -c ": error: " <<<"$out" || true)
[[ $n -eq 1 ]] || fail "expected exactly one error (the bad policy), found $n:
$out"
for other in package.json tsconfig.json settings.json workflow.yml good.json; do
  if grep -q "$other:" <<<"$out"; then fail "$other was reported:
$out"; fi
done

if [[ $failures -gt 0 ]]; then exit 1; fi
echo "pre-commit hook: blocks only the bad policy"
