#!/usr/bin/env bash
# cmake/BuildInfo.cmake: the commit `--version` prints, in a tree without git metadata.
#   build_info_test.sh SOURCE_DIR
set -euo pipefail
script=$1/cmake/BuildInfo.cmake
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
status=0
commit_of() {  # commit_of TREE [COMMIT]: the commit written into the generated file
  cmake -DSOURCE_DIR="$1" -DOUTPUT="$tmp/out.cpp" -DCOMMIT="${2:-}" -P "$script"
  sed -n 's/.*return "\(.*\)";.*/\1/p' "$tmp/out.cpp"
}
expect() {
  if [[ $2 != "$3" ]]; then
    echo "FAIL: $1: got '$2', want '$3'"
    status=1
  fi
}
mkdir "$tmp/tree"
expect "no .git, no .git-commit" "$(commit_of "$tmp/tree")" unknown
printf '$Format:%%h$\n' >"$tmp/tree/.git-commit"
expect "unexpanded .git-commit (not from git archive)" "$(commit_of "$tmp/tree")" unknown
printf '1a2b3c4d5e6f\n' >"$tmp/tree/.git-commit"
expect "tarball made by git archive" "$(commit_of "$tmp/tree")" 1a2b3c4d5e6f
expect "-DBUCKETLINT_GIT_COMMIT wins" "$(commit_of "$tmp/tree" 0123abcd)" 0123abcd
expect "a commit that is not a word" "$(commit_of "$tmp/tree" 'a"b')" unknown
# Unchanged text: the file is not rewritten (no rebuild).
commit_of "$tmp/tree" >/dev/null
touch -d '2000-01-01' "$tmp/out.cpp"
commit_of "$tmp/tree" >/dev/null
[[ $(stat -c %Y "$tmp/out.cpp") -lt 1000000000 ]] || {
  echo "FAIL: unchanged build info was rewritten"
  status=1
}
[[ $status -eq 0 ]] && echo "build info: tarball and override cases pass"
exit $status
