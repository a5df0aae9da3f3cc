#!/usr/bin/env bash
# Start-up benchmark (a script, not a test): a one-file `check` and a `simulate` run, each RUNS
# times (default 200) under `perf stat` when it is available (task-clock = CPU ms per run, and
# wall time), else a `date +%s%N` loop (wall only). Also prints the binary's dynamic relocation
# count (readelf), whether it is linked statically (BUCKETLINT_STATIC) and, when it is not, what
# the loader reports for one run (LD_DEBUG=statistics).
#   bench/startup.sh [BIN...]     default: build/bucketlint
# Environment: RUNS.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-200}
bins=("$@")
[[ ${#bins[@]} -gt 0 ]] || bins=(build/bucketlint)
file=tests/fixtures/domain-samples/09-bucket-policy-cross-account-put-require-bofc.json
sim=docs/examples/simulate-row13-enforced-requires-acl.json

measure() {  # LABEL COMMAND...
  local label=$1
  shift
  if command -v perf >/dev/null 2>&1 && perf stat -x, -e task-clock true 2>/dev/null; then
    local out
    out=$(perf stat -r "$runs" -x, -e task-clock "$@" 2>&1 >/dev/null | grep task-clock || true)
    local wall_start wall_end
    wall_start=$(date +%s%N)
    for ((i = 0; i < runs; i++)); do "$@" >/dev/null 2>&1 || true; done
    wall_end=$(date +%s%N)
    printf '  %-22s %8.3f ms CPU %8.3f ms wall (mean of %d)\n' "$label" \
      "$(cut -d, -f1 <<<"$out")" "$(awk -v a="$wall_start" -v b="$wall_end" -v n="$runs" \
      'BEGIN { print (b - a) / n / 1e6 }')" "$runs"
  else
    local start end
    start=$(date +%s%N)
    for ((i = 0; i < runs; i++)); do "$@" >/dev/null 2>&1 || true; done
    end=$(date +%s%N)
    printf '  %-22s %8.3f ms wall (mean of %d)\n' "$label" \
      "$(awk -v a="$start" -v b="$end" -v n="$runs" 'BEGIN { print (b - a) / n / 1e6 }')" "$runs"
  fi
}

echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
for bin in "${bins[@]}"; do
  echo "$bin"
  if command -v readelf >/dev/null 2>&1; then
    if readelf -l "$bin" | grep -q INTERP; then
      printf '  %-22s %8s (%d libraries)\n' "linking" dynamic \
        "$(readelf -d "$bin" | grep -c '(NEEDED)')"
    else
      printf '  %-22s %8s\n' "linking" static
    fi
    printf '  %-22s %8d\n' "dynamic relocations" "$(readelf -r "$bin" | grep -c '^[0-9a-f]')"
  fi
  LD_DEBUG=statistics "$bin" --version 2>&1 >/dev/null |
    sed -n "s/^ *[0-9]*:[[:space:]]*\(total startup time in dynamic loader\|number of relative relocations\):/  \1:/p" | head -n 2 || true
  measure "--version" "$bin" --version
  measure "check (one file)" "$bin" --no-color "$file"
  measure "simulate" "$bin" simulate "$sim"
done
