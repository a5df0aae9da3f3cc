#!/usr/bin/env bash
# The repository stands alone: no tracked file points at data outside it, and the whole test
# suite passes (or skips, saying why) when the optional external corpus is absent.
#   scripts/check-self-contained.sh [BUILD_DIR]     (default build; must be built already)
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=${1:-${BUILD_DIR:-build}}

# 1. References to files outside the repository. tests/CMakeLists.txt may name the default
#    location of the optional corpus; nothing else may.
if git ls-files -z | grep -zv '^tests/CMakeLists.txt$\|^scripts/check-self-contained.sh$' |
  xargs -0 grep -nI -e '\.\./shared' -e 'DOMAIN\.md' -e 'STYLE\.md' -e 'shared/corpus' -e 'shared/domain-samples' -- 2>/dev/null; then
  echo "error: the files above refer to documents outside the repository" >&2
  exit 1
fi

# 2. Every test with the external corpus missing. ctest fails on any failing test; skipped tests
#    print their reason with --output-on-failure only when they fail, so list them here.
missing=$(mktemp -d)/absent
log=$(mktemp)
BUCKETLINT_SHARED_DIR=$missing BUCKETLINT_CORPUS=$missing \
  ctest --test-dir "$build_dir" --output-on-failure -j "${JOBS:-$(nproc)}" | tee "$log" | tail -3
grep -E 'Skipped|\*\*\*Skipped' "$log" || true
rm -f "$log"
echo "self-contained: no outside references; tests pass without the external corpus"
