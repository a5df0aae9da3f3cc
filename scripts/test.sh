#!/usr/bin/env bash
# Configures, builds and runs the whole test suite (unit, CLI, docs freshness, golden samples).
#   scripts/test.sh [extra cmake -D options...]
# Environment: BUILD_DIR (default build), JOBS (default: number of CPUs).
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=${BUILD_DIR:-build}
jobs=${JOBS:-$(nproc)}
launcher=()
if command -v ccache >/dev/null 2>&1; then launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache); fi
cmake -S . -B "$build_dir" -G Ninja "${launcher[@]}" "$@"
cmake --build "$build_dir" -j "$jobs"
ctest --test-dir "$build_dir" --output-on-failure -j "$jobs"
total=$(ctest --test-dir "$build_dir" -N | sed -n 's/^Total Tests: *//p')
echo "$total tests passed ($build_dir)"
