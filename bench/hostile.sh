#!/usr/bin/env bash
# Hostile-input timings (issue 10), a script, not a test: generates inputs an attacker could
# commit and prints wall time and peak RSS of one run of bucketlint on each.
#   bench/hostile.sh [BUCKETLINT]     default: build/bucketlint
# Inputs (all under the default 4 MiB --max-file-size):
#   pl111-resources   one statement, 159,000 wildcard Resources sharing the prefix
#                     "arn:aws:s3:::b/" ("arn:aws:s3:::b/*x<i>", about 4.1 MB): PL111
#   pl111-actions     one statement, 200,000 actions "s3:*Z<i>" (about 3.2 MB): PL111
#   pl111-nested      159,000 Resources "arn:aws:s3:::b/<i>*" (nested literal prefixes)
#   duplicate-keys    a 3.6 MB object of 600,000 "k":1 pairs: IN002
set -euo pipefail
cd "$(dirname "$0")/.."
bin=$(realpath "${1:-build/bucketlint}")
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT

policy() {  # policy ELEMENT VALUES_FILE > policy.json
  printf '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":'
  if [[ $1 == Action ]]; then
    printf '['; paste -sd, "$2"; printf '],"Resource":"arn:aws:s3:::b/*"}]}'
  else
    printf '"s3:GetObject","Resource":['; paste -sd, "$2"; printf ']}]}'
  fi
}
seq 1 159000 | sed 's|.*|"arn:aws:s3:::b/*x&"|' >"$dir/v1"
policy Resource "$dir/v1" >"$dir/pl111-resources.json"
seq 1 200000 | sed 's|.*|"s3:*Z&"|' >"$dir/v2"
policy Action "$dir/v2" >"$dir/pl111-actions.json"
seq 1 159000 | sed 's|.*|"arn:aws:s3:::b/&*"|' >"$dir/v3"
policy Resource "$dir/v3" >"$dir/pl111-nested.json"
{ printf '{'; seq 600000 | sed 's/.*/"k":1/' | paste -sd,; printf '}'; } >"$dir/duplicate-keys.json"

printf '%-18s %10s %8s %12s %10s\n' input bytes exit wall_s peak_MiB
for name in pl111-resources pl111-actions pl111-nested duplicate-keys; do
  file=$dir/$name.json
  log=$dir/time.log
  set +e
  /usr/bin/time -f '%e %M' -o "$log" timeout "${TIMEOUT:-900}" "$bin" --no-color "$file" \
    >"$dir/out" 2>&1
  rc=$?
  set -e
  read -r wall rss < <(tail -n 1 "$log") || { wall=?; rss=0; }
  printf '%-18s %10s %8s %12s %10s\n' "$name" "$(wc -c <"$file")" "$rc" "$wall" "$((rss / 1024))"
done
