#!/usr/bin/env bash
# Organisation-scale benchmark (a script, not a test): generates synthetic organisations of N
# accounts with bench/gen_org (cached under $ORG_DIR) and lints each snapshot once, printing
# files, CPU s (user + sys), wall s and peak RSS, and the log-log slope of CPU time against N
# between consecutive sizes (1.0 = linear, 2.0 = quadratic).
#   bench/org.sh [N ...]       default: 10 100 1000 3000
# Environment: BIN (default build/bucketlint), ORG_DIR (default /tmp/bucketlint-org),
# TIMEOUT (seconds per run, default 600), JOBS (passed as --jobs; default: the CLI's default,
# one thread per core). The load average is printed first: on a shared machine read CPU time.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${BIN:-build/bucketlint}
org_dir=${ORG_DIR:-/tmp/bucketlint-org}
limit=${TIMEOUT:-600}
sizes=("$@")
[[ ${#sizes[@]} -gt 0 ]] || sizes=(10 100 1000 3000)
mkdir -p "$org_dir"

jobs=()
[[ -n ${JOBS:-} ]] && jobs=(--jobs "$JOBS")
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)  jobs: ${JOBS:-default}  $bin"
printf '%8s %8s %9s %9s %10s %7s\n' N files "CPU s" "wall s" "peak MiB" slope
prev_n="" prev_cpu=""
for n in "${sizes[@]}"; do
  dir=$org_dir/org-$n
  if [[ ! -f $dir/.complete ]]; then
    rm -rf "$dir"
    bench/gen_org "$n" "$dir"
    touch "$dir/.complete"
  fi
  files=$(find "$dir/accounts" -type f -name '*.json' | wc -l)
  out=$(mktemp)
  status=0
  /usr/bin/time -f '%U %S %e %M' -o "$out.time" timeout "$limit" "$bin" "${jobs[@]}" "$dir" \
    >"$out" 2>&1 || status=$?
  read -r user sys wall rss_kb < <(tail -n 1 "$out.time") || true
  rm -f "$out" "$out.time"
  if [[ $status -eq 124 ]]; then
    printf '%8s %8s %9s %9s %10s %7s\n' "$n" "$files" "> $limit" "-" "-" "-"
    continue
  fi
  cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')
  slope=-
  if [[ -n $prev_n ]]; then
    slope=$(awk -v a="$prev_n" -v b="$n" -v x="$prev_cpu" -v y="$cpu" \
      'BEGIN { if (x <= 0 || y <= 0) print "-"; else printf "%.2f", log(y / x) / log(b / a) }')
  fi
  printf '%8s %8s %9s %9s %10.1f %7s\n' "$n" "$files" "$cpu" "$wall" \
    "$(awk -v k="$rss_kb" 'BEGIN { print k / 1024 }')" "$slope"
  prev_n=$n prev_cpu=$cpu
done
