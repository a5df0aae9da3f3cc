#!/usr/bin/env bash
# AWS Config aggregator benchmark (a script, not a test; issue 16): generates a synthetic
# select-aggregate-resource-config export with bench/gen_aggregator (cached under $AGG_DIR) and
# reports, for the single export file and for the same export split into one file per account:
# files, MB, wall and CPU seconds, files/s, MB/s and peak RSS of
#   load   `bucketlint model --format json` (read, parse, build and link the model; no rules)
#   check  `bucketlint --format json` (the same plus every rule, the mission rules included)
# "rules and report" is the CPU time of check minus that of load (wall time on a shared machine
# is noisy; CPU time is what the work costs).
#   bench/aggregator.sh [ACCOUNTS [BUCKETS]]     default: 1000 20
# Environment: BIN (default build/bucketlint), AGG_DIR (default /tmp/bucketlint-aggregator),
# TIMEOUT (seconds per run, default 900).
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${BIN:-build/bucketlint}
agg_dir=${AGG_DIR:-/tmp/bucketlint-aggregator}
limit=${TIMEOUT:-900}
accounts=${1:-1000}
buckets=${2:-20}
dir=$agg_dir/agg-$accounts-$buckets
if [[ ! -f $dir/.complete ]]; then
  rm -rf "$dir"
  mkdir -p "$dir"
  bench/gen_aggregator "$accounts" "$buckets" "$dir/export.json" --split "$dir/split"
  touch "$dir/.complete"
fi

# run LABEL INPUT FILES BYTES ARGS...: one timed run, one line of figures.
run() {
  local label=$1 input=$2 files=$3 bytes=$4
  shift 4
  local t status=0
  t=$(mktemp)
  /usr/bin/time -f '%U %S %e %M' -o "$t" timeout "$limit" "$bin" "$@" "$input" \
    --max-file-size $((bytes + 1)) >/dev/null 2>&1 || status=$?
  local user sys wall rss
  read -r user sys wall rss < <(tail -n 1 "$t")
  rm -f "$t"
  if [[ $status -eq 124 ]]; then
    printf '%-14s %6s %8s  timed out after %ss\n' "$label" "$files" "-" "$limit"
    return
  fi
  awk -v l="$label" -v f="$files" -v b="$bytes" -v u="$user" -v s="$sys" -v w="$wall" -v r="$rss" \
    'BEGIN { mb = b / 1e6; w = (w > 0 ? w : 0.01);
             printf "%-14s %6d %8.1f %8.2f %8.2f %9.1f %8.2f %10.1f\n", l, f, mb, w, u + s, f / w, mb / w, r / 1024 }'
  last_cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN { print u + s }')
}

single=$dir/export.json
single_bytes=$(stat -c %s "$single")
split_files=$(find "$dir/split" -name '*.json' | wc -l)
split_bytes=$(du -cb "$dir/split"/*.json | tail -n 1 | cut -f 1)
printf '%s accounts x %s buckets (+3 roles each)\n' "$accounts" "$buckets"
printf '%-14s %6s %8s %8s %8s %9s %8s %10s\n' run files MB "wall s" "CPU s" files/s MB/s "peak MiB"
run "single load" "$single" 1 "$single_bytes" model --format json
load=$last_cpu
run "single check" "$single" 1 "$single_bytes" --format json
awk -v a="$load" -v b="$last_cpu" 'BEGIN { printf "%-14s rules and report: %.2f CPU s\n", "single", b - a }'
run "split load" "$dir/split" "$split_files" "$split_bytes" model --format json
load=$last_cpu
run "split check" "$dir/split" "$split_files" "$split_bytes" --format json
awk -v a="$load" -v b="$last_cpu" 'BEGIN { printf "%-14s rules and report: %.2f CPU s\n", "split", b - a }'
