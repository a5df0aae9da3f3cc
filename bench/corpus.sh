#!/usr/bin/env bash
# Speed baseline (a script, not a test): builds the release CLI and lints a corpus, printing
# files/s, MB/s and peak memory (best wall time of RUNS runs; peak RSS is the largest). The CLI
# is pinned to one CPU with taskset (the target is "on one core"; bucketlint is single-threaded
# anyway, pinning keeps the scheduler from moving it).
#   bench/corpus.sh [DIR]      default: $BUCKETLINT_SHARED_DIR/corpus (the corpus is not part
#                              of the repository)
# Every .json file under DIR is read (the file-size limit is raised to 64 MiB so that large files
# are parsed, not skipped). Environment: RUNS (default 3), BUILD_DIR (default build-release).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
default_corpus=${BUCKETLINT_SHARED_DIR:+$BUCKETLINT_SHARED_DIR/corpus}
corpus=${1:-$default_corpus}
if [[ -z $corpus || ! -d $corpus ]]; then
  echo "usage: bench/corpus.sh DIR (a directory of policies; or set BUCKETLINT_SHARED_DIR)" >&2
  exit 2
fi
corpus=$(cd "$corpus" && pwd)
runs=${RUNS:-3}
build_dir=${BUILD_DIR:-build-release}
pin=()
if command -v taskset >/dev/null 2>&1; then pin=(taskset -c "${CPU:-0}"); fi
launcher=()
if command -v ccache >/dev/null 2>&1; then launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache); fi
cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release -DBUCKETLINT_BUILD_TESTS=OFF \
  "${launcher[@]}" >/dev/null
cmake --build "$build_dir" -j "${JOBS:-$(nproc)}" --target bucketlint >/dev/null
bin=$root/$build_dir/bucketlint

files=$(find "$corpus" -type f -name '*.json' | wc -l)
bytes=$(find "$corpus" -type f -name '*.json' -print0 | xargs -0 cat | wc -c)

# One run: prints "<wall seconds> <peak RSS KiB> <exit code> <user seconds> <sys seconds>".
measure() {
  if [[ -x /usr/bin/time ]]; then
    local log
    log=$(mktemp)
    local start end rc
    start=$(date +%s.%N)
    set +e
    /usr/bin/time -v -o "$log" "${pin[@]}" "$bin" --max-file-size 67108864 "$corpus" >/dev/null 2>&1
    rc=$?
    set -e
    end=$(date +%s.%N)
    local rss user sys
    rss=$(sed -n 's/^[[:space:]]*Maximum resident set size (kbytes): //p' "$log")
    user=$(sed -n 's/^[[:space:]]*User time (seconds): //p' "$log")
    sys=$(sed -n 's/^[[:space:]]*System time (seconds): //p' "$log")
    rm -f "$log"
    awk -v s="$start" -v e="$end" -v m="$rss" -v rc="$rc" -v u="$user" -v y="$sys" \
      'BEGIN { printf "%.6f %d %d %.2f %.2f\n", e - s, m, rc, u, y }'
  else
    # No GNU time: measure with getrusage(RUSAGE_CHILDREN) in a tiny Python wrapper.
    python3 - "$bin" "$corpus" <<'PY'
import resource, subprocess, sys, time
start = time.monotonic()
rc = subprocess.call([sys.argv[1], "--max-file-size", "67108864", sys.argv[2]],
                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
wall = time.monotonic() - start
u = resource.getrusage(resource.RUSAGE_CHILDREN)
print(f"{wall:.6f} {u.ru_maxrss} {rc} {u.ru_utime:.2f} {u.ru_stime:.2f}")
PY
  fi
}

best=""
best_cpu=""
peak=0
rc=0
for ((i = 1; i <= runs; i++)); do
  read -r wall rss rc user sys < <(measure)
  if [[ -z $best ]] || awk -v a="$wall" -v b="$best" 'BEGIN { exit !(a < b) }'; then
    best=$wall
    best_cpu="$user s user + $sys s sys"
  fi
  ((rss > peak)) && peak=$rss
done

awk -v f="$files" -v b="$bytes" -v t="$best" -v m="$peak" -v r="$runs" -v rc="$rc" -v d="$corpus" \
  -v c="$best_cpu" -v p="${pin[*]:-not pinned}" 'BEGIN {
  printf "corpus:      %s\n", d
  printf "input:       %d .json files, %.1f MB\n", f, b / 1e6
  printf "wall time:   %.3f s (best of %d runs; bucketlint exit code %d)\n", t, r, rc
  printf "cpu time:    %s in that run (%s)\n", c, p
  printf "throughput:  %.0f files/s, %.1f MB/s\n", f / t, b / 1e6 / t
  printf "peak memory: %.1f MB (max RSS)\n", m / 1024
}'
