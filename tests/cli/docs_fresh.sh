#!/usr/bin/env bash
# Fails when docs/rules/ is not what `bucketlint docs` generates from the rule registry.
#   docs_fresh.sh BUCKETLINT SOURCE_DIR
set -euo pipefail
bin=$1
src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$bin" docs --out "$tmp/rules"
if ! diff -ru "$src/docs/rules" "$tmp/rules"; then
  echo
  echo "docs/rules/ is stale. Regenerate it from the registry and commit the result:"
  echo "  rm -f docs/rules/*.md && build/bucketlint docs --out docs/rules"
  exit 1
fi
echo "docs/rules/ is up to date"
