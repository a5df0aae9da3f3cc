#!/usr/bin/env bash
# CloudFormation templates in one run: bucketlint over every template of a folder (default
# the external corpus: $BUCKETLINT_SHARED_DIR/corpus/cloudformation, 137 templates), beside cfn-lint on the same files when
# cfn-lint is installed. Prints wall and CPU time (best of RUNS runs) for both.
#   bench/cfn_corpus.sh [DIR]            RUNS=3 BUCKETLINT=build/bucketlint bench/cfn_corpus.sh
# bucketlint reads the folder in one process (templates are linked together); cfn-lint is given
# the same files in one invocation. Findings make either tool exit non-zero; that is reported,
# not an error.
set -uo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
dir=${1:-${BUCKETLINT_SHARED_DIR:-/nonexistent}/corpus/cloudformation}
runs=${RUNS:-3}
bin=${BUCKETLINT:-$here/build/bucketlint}
if [[ ! -d $dir ]]; then
  echo "no template folder at $dir" >&2
  exit 2
fi
mapfile -t files < <(find "$dir" -type f \( -name '*.json' -o -name '*.yaml' -o -name '*.yml' \
  -o -name '*.template' \) | sort)
bytes=$(cat "${files[@]}" | wc -c)
echo "templates: ${#files[@]} files, $bytes bytes in $dir"

timing=$(mktemp)
trap 'rm -f "$timing"' EXIT

# best_of CMD...: runs the command RUNS times, prints the best wall time and its user+sys time.
best_of() {
  local best_wall="" best_cpu="" out
  for ((i = 0; i < runs; i++)); do
    # -o: the command's own stderr is discarded, /usr/bin/time's report is kept.
    /usr/bin/time -f '%e %U %S' -o "$timing" "$@" >/dev/null 2>&1
    out=$(tail -1 "$timing")
    read -r wall user sys <<<"$out"
    cpu=$(echo "$user + $sys" | bc)
    if [[ -z $best_wall ]] || (($(echo "$wall < $best_wall" | bc))); then
      best_wall=$wall
      best_cpu=$cpu
    fi
  done
  echo "best of $runs: ${best_wall} s wall, ${best_cpu} s CPU (user+sys)"
}

echo -n "bucketlint: "
best_of "$bin" --format text --no-color --account 111111111111 "$dir"
"$bin" --format text --no-color --account 111111111111 "$dir" | tail -1

if command -v cfn-lint >/dev/null; then
  echo -n "cfn-lint $(cfn-lint --version 2>/dev/null | tr -d '\n'): "
  best_of cfn-lint --format parseable -- "${files[@]}"
else
  echo "cfn-lint: not installed"
fi
