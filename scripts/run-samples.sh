#!/usr/bin/env bash
# Builds the bucketlint CLI (release, no tests) and runs it over every scenario in samples/, from
# inside the scenario directory, as the golden tests do. Findings are expected: the script fails
# only when the build fails or a scenario's exit code differs from its expected-exit file.
#   scripts/run-samples.sh [bucketlint options...]      e.g. --format sarif
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
build_dir=${BUILD_DIR:-build-release}
launcher=()
if command -v ccache >/dev/null 2>&1; then launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache); fi
cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release -DBUCKETLINT_BUILD_TESTS=OFF \
  "${launcher[@]}" >/dev/null
cmake --build "$build_dir" -j "${JOBS:-$(nproc)}" --target bucketlint
bin=$root/$build_dir/bucketlint
status=0
for scenario in samples/*/; do
  name=$(basename "$scenario")
  args=(.)
  [[ -f $scenario/args ]] && mapfile -t args < <(grep -v '^[[:space:]]*$' "$scenario/args")
  echo "== samples/$name: bucketlint ${*} ${args[*]}"
  set +e
  (cd "$scenario" && "$bin" "$@" "${args[@]}")
  rc=$?
  set -e
  expected=0
  [[ -f $scenario/expected-exit ]] && expected=$(tr -d '[:space:]' <"$scenario/expected-exit")
  echo "== exit $rc (expected $expected)"
  [[ $rc == "$expected" ]] || status=1
done
exit $status
