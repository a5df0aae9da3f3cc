#!/usr/bin/env bash
# Terraform input speed (a script, not a test): builds the release CLI and times
#   1. the plan corpus (../shared/corpus/terraform, `terraform show -json` files), when present;
#   2. a synthetic .tf tree of N root modules (default 500 files: main.tf in N/1 folders, each a
#      bucket, ownership controls, a jsonencode bucket policy, a role with a policy document,
#      an OAI and a distribution, about 2.5 KB each);
# printing files/s and MB/s (best wall time and CPU time of RUNS runs, CLI pinned to one core).
# The tree is timed twice: `bucketlint model` (reading, evaluating, building the model) and the
# full check (all rules; every role of the tree is a candidate writer of every bucket of the same
# account, so the mission rules dominate there).
#   bench/terraform.sh [N]     environment: RUNS (default 3), BUILD_DIR (default build-release)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
n=${1:-500}
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

tree=$(mktemp -d)
trap 'rm -rf "$tree"' EXIT
for ((i = 0; i < n; i++)); do
  d=$tree/site-$i
  mkdir -p "$d"
  cat >"$d/main.tf" <<TF
provider "aws" {
  allowed_account_ids = ["111111111111"]
}

locals {
  name = "bench-bucket-$i"
}

resource "aws_s3_bucket" "site" {
  bucket = local.name
}

resource "aws_s3_bucket_ownership_controls" "site" {
  bucket = aws_s3_bucket.site.id
  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

resource "aws_cloudfront_origin_access_identity" "site" {
  comment = "site $i"
}

resource "aws_s3_bucket_policy" "site" {
  bucket = aws_s3_bucket.site.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "AllowCloudFront"
      Effect    = "Allow"
      Principal = { AWS = aws_cloudfront_origin_access_identity.site.iam_arn }
      Action    = ["s3:GetObject", "s3:ListBucket"]
      Resource  = [aws_s3_bucket.site.arn, "\${aws_s3_bucket.site.arn}/*"]
    }]
  })
}

data "aws_iam_policy_document" "writer" {
  statement {
    actions   = ["s3:PutObject"]
    resources = ["\${aws_s3_bucket.site.arn}/*"]
  }
}

resource "aws_iam_role" "writer" {
  name = "writer-$i"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { Service = "ec2.amazonaws.com" }, Action = "sts:AssumeRole" }]
  })
}

resource "aws_iam_role_policy" "writer" {
  role   = aws_iam_role.writer.name
  policy = data.aws_iam_policy_document.writer.json
}

resource "aws_cloudfront_distribution" "site" {
  enabled = true
  origin {
    domain_name = aws_s3_bucket.site.bucket_regional_domain_name
    origin_id   = "s3"
    s3_origin_config {
      origin_access_identity = aws_cloudfront_origin_access_identity.site.cloudfront_access_identity_path
    }
  }
}
TF
done

# "<wall seconds> <user+sys seconds>" of the best run
best() {
  local best_wall="" best_cpu=""
  for ((r = 0; r < runs; r++)); do
    local log start end
    log=$(mktemp)
    start=$(date +%s.%N)
    set +e
    if [[ -x /usr/bin/time ]]; then
      /usr/bin/time -f '%U %S' -o "$log" "${pin[@]}" "$bin" "$@" >/dev/null 2>&1
    else
      "${pin[@]}" "$bin" "$@" >/dev/null 2>&1
      echo "0 0" >"$log"
    fi
    set -e
    end=$(date +%s.%N)
    local wall cpu
    wall=$(awk -v s="$start" -v e="$end" 'BEGIN { printf "%.4f", e - s }')
    cpu=$(awk '{ printf "%.2f", $1 + $2 }' "$log")
    rm -f "$log"
    if [[ -z $best_wall ]] || awk -v a="$wall" -v b="$best_wall" 'BEGIN { exit !(a < b) }'; then
      best_wall=$wall
      best_cpu=$cpu
    fi
  done
  echo "$best_wall $best_cpu"
}

report() {  # label files bytes wall cpu
  awk -v l="$1" -v f="$2" -v b="$3" -v w="$4" -v c="$5" 'BEGIN {
    printf "%-28s %5d files %8.1f KB  %.3f s wall (%.2f s cpu)  %7.0f files/s  %6.1f MB/s\n",
      l, f, b / 1024, w, c, f / w, b / w / 1e6 }'
}

plans=$root/../shared/corpus/terraform
[[ -d $plans ]] || plans=/work/shared/corpus/terraform
if [[ -d $plans ]]; then
  files=$(find "$plans" -type f -name '*.json' | wc -l)
  bytes=$(find "$plans" -type f -name '*.json' -print0 | xargs -0 cat | wc -c)
  read -r wall cpu < <(best "$plans")
  report "plans (corpus/terraform)" "$files" "$bytes" "$wall" "$cpu"
fi
files=$(find "$tree" -type f -name '*.tf' | wc -l)
bytes=$(find "$tree" -type f -name '*.tf' -print0 | xargs -0 cat | wc -c)
read -r wall cpu < <(best model "$tree")
report ".tf tree, load only (model)" "$files" "$bytes" "$wall" "$cpu"
read -r wall cpu < <(best "$tree")
report ".tf tree, check (all rules)" "$files" "$bytes" "$wall" "$cpu"
