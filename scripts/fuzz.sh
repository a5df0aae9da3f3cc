#!/usr/bin/env bash
# Builds the libFuzzer targets with clang++-14 (ASan) and runs each for a fixed time, seeded
# from samples/ (every .json and .yaml file, and the simulate inputs under docs/ and tests/).
#   scripts/fuzz.sh [SECONDS_PER_TARGET]     default 20
# Environment: BUILD_DIR (default build-fuzz), JOBS (default: number of CPUs), TARGETS (default
# all six). A crash leaves its input as BUILD_DIR/crash-* (libFuzzer prints the path) and makes
# this script fail; turn each into a regression test (tests/hostile/ or a unit test).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-20}
build_dir=${BUILD_DIR:-build-fuzz}
jobs=${JOBS:-$(nproc)}
targets=(${TARGETS:-load_fuzz config_fuzz simulate_fuzz pipeline_fuzz template_fuzz hcl_fuzz})
launcher=()
if command -v ccache >/dev/null 2>&1; then launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache); fi
cmake -S . -B "$build_dir" -G Ninja "${launcher[@]}" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_CXX_COMPILER=clang++-14 -DBUCKETLINT_FUZZ=ON >/dev/null
cmake --build "$build_dir" -j "$jobs" --target "${targets[@]}"

seeds=$build_dir/fuzz-seeds
rm -rf "$seeds"
mkdir -p "$seeds/json" "$seeds/yaml" "$seeds/small"
i=0
while IFS= read -r -d '' f; do
  cp "$f" "$seeds/json/$((i++)).json"
done < <(find samples -type f -name '*.json' -size -64k -print0)
while IFS= read -r -d '' f; do
  cp "$f" "$seeds/yaml/$((i++)).yaml"
done < <(find samples -type f -name '*.yaml' -size -64k -print0)
# The whole pipeline runs every rule and every output format per input (a few runs a second
# under ASan): it starts from 40 small samples only, so that reading its seeds fits the budget.
while IFS= read -r -d '' f; do
  cp "$f" "$seeds/small/$((i++)).json"
done < <(find samples -type f -name '*.json' -size -2k -print0 | sort -z | head -z -n 40)
# The HTML report's graph is laid out by the built-in layout: no process is started per input.
export BUCKETLINT_DOT=

status=0
for target in "${targets[@]}"; do
  corpus=$build_dir/fuzz-corpus/$target
  mkdir -p "$corpus"
  seed=$seeds/json
  [[ $target == config_fuzz ]] && seed=$seeds/yaml
  [[ $target == pipeline_fuzz ]] && seed=$seeds/small
  echo "fuzzing $target for ${seconds}s"
  # -rss_limit_mb: inputs are small; the loader's bounds must hold. -timeout: one input that
  # takes more than 10 s is a hang.
  seed=$(realpath "$seed")
  if ! (cd "$build_dir" && "tests/$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
    -max_len=65536 -print_final_stats=1 "fuzz-corpus/$target" "$seed" 2>"fuzz-$target.log"); then
    tail -n 60 "$build_dir/fuzz-$target.log"
    status=1
  else
    grep -E '^stat::number_of_executed_units|^Done' "$build_dir/fuzz-$target.log" || true
  fi
done
exit $status
