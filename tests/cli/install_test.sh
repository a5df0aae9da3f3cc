#!/usr/bin/env bash
# `cmake --install` into a temporary prefix puts every file where it belongs, and the installed
# binary runs a sample.
#   install_test.sh BUILD_DIR SOURCE_DIR
set -euo pipefail
build=$1
src=$2
prefix=$(mktemp -d)
trap 'rm -rf "$prefix"' EXIT
cmake --install "$build" --prefix "$prefix" >/dev/null
status=0
for f in bin/bucketlint share/man/man1/bucketlint.1 share/bash-completion/completions/bucketlint \
  share/zsh/vendor-completions/_bucketlint share/fish/vendor_completions.d/bucketlint.fish \
  share/doc/bucketlint/README.md share/doc/bucketlint/rules/README.md \
  share/doc/bucketlint/rules/OW001.md share/doc/bucketlint/json-schema.md; do
  if [[ ! -f $prefix/$f ]]; then
    echo "FAIL: $f is not installed"
    status=1
  fi
done
# Every rule page of the tree is installed.
for page in "$src"/docs/rules/*.md; do
  [[ -f $prefix/share/doc/bucketlint/rules/$(basename "$page") ]] || {
    echo "FAIL: rules/$(basename "$page") is not installed"
    status=1
  }
done
# The collector is installed exactly when the tree has it.
collector=$(ls "$src"/scripts/bucketlint-collect* "$src"/tools/collect/bucketlint-collect* \
  2>/dev/null | head -n 1 || true)
if [[ -n $collector && ! -x $prefix/bin/bucketlint-collect ]]; then
  echo "FAIL: $collector is not installed as bin/bucketlint-collect"
  status=1
elif [[ -n $collector ]] && ! "$prefix/bin/bucketlint-collect" --help >/dev/null 2>&1; then
  echo "FAIL: the installed bin/bucketlint-collect --help fails"
  status=1
elif [[ -z $collector && -e $prefix/bin/bucketlint-collect ]]; then
  echo "FAIL: bin/bucketlint-collect installed without a collector in the tree"
  status=1
fi
version=$("$prefix/bin/bucketlint" --version)
for line in "bucketlint " "commit: " "action catalogue: "; do
  grep -q "^$line" <<<"$version" || {
    echo "FAIL: --version lacks '$line': $version"
    status=1
  }
done
# The installed man page is the one the installed binary generates.
if ! cmp -s <("$prefix/bin/bucketlint" --help-man) "$prefix/share/man/man1/bucketlint.1"; then
  echo "FAIL: the installed man page differs from \`bucketlint --help-man\`"
  status=1
fi
# One sample from the installed path: the seed story's finding, exit 1.
set +e
(cd "$src/samples/seed-2-bofc-still-403" && "$prefix/bin/bucketlint" --no-color . >"$prefix/out")
rc=$?
set -e
if [[ $rc -ne 1 ]] || ! grep -q "error: .*\[OW002\]" "$prefix/out"; then
  echo "FAIL: installed bucketlint on seed-2 exited $rc:"
  cat "$prefix/out"
  status=1
fi
[[ $status -eq 0 ]] && echo "install: every file in place; installed binary runs"
exit $status
