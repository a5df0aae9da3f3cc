#!/usr/bin/env bash
# Offline test of tools/collect/bucketlint-collect: a fake `aws` (tests/collect/fake-aws) answers
# from the seed-1 sample snapshot and records every call. Checks the calls (read-only, resumable),
# the layout written, failure records (IN014), assumed-role mode, unsafe object keys, and that
# bucketlint on the collected folder gives the same findings as on the hand-made snapshot.
#   collect_test.sh BUCKETLINT SOURCE_DIR
set -uo pipefail
bin=$1
src=$2
collect=$src/tools/collect/bucketlint-collect
world=$src/samples/seed-1-foreign-owned
if ! command -v python3 >/dev/null 2>&1; then
  echo "SKIP: python3 (needed by the fake aws) is not installed"
  exit 77
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/bin"
ln -s "$src/tests/collect/fake-aws" "$tmp/bin/aws"
export PATH="$tmp/bin:$PATH" FAKE_AWS_WORLD=$world FAKE_AWS_LOG=$tmp/calls.log
export FAKE_AWS_PROFILES=a=111111111111,b=222222222222
unset AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN AWS_PROFILE
failed=0
fail() {
  echo "FAIL: $*"
  failed=$((failed + 1))
}

# Top-level findings as "RULE severity message" lines (positions and file names differ).
findings() {
  (cd "$1" && "$bin" --format json .) | python3 -c '
import json, sys
for f in json.load(sys.stdin)["findings"]:
    print(f["rule_id"], f["severity"], f["message"])' | sort
}

# 1. Two profiles: the seed story, read-only calls only.
"$collect" -o "$tmp/out" --profile a --profile b 2>"$tmp/err" || fail "collect exited $? ($(cat "$tmp/err"))"
for f in accounts/111111111111/account.json accounts/111111111111/list-buckets.json \
  accounts/111111111111/buckets/amzn-s3-demo-bucket/bucket-policy.json \
  accounts/111111111111/buckets/amzn-s3-demo-bucket/acl.json \
  accounts/111111111111/buckets/amzn-s3-demo-bucket/ownership-controls.json \
  accounts/111111111111/buckets/amzn-s3-demo-bucket/public-access-block.json \
  accounts/111111111111/buckets/amzn-s3-demo-bucket/listing.json \
  accounts/111111111111/buckets/amzn-s3-demo-bucket/object-acls/uploads/report.pdf.json \
  accounts/111111111111/distributions/EDFDVBD6EXAMPLE/distribution-config.json \
  accounts/111111111111/origin-access-identities/E74FTE3AEXAMPLE.json \
  accounts/111111111111/collection.json \
  accounts/222222222222/roles/site-uploader/role.json \
  accounts/222222222222/roles/site-uploader/inline-upload-to-partner-site.json; do
  [[ -s $tmp/out/$f ]] || fail "collector did not write $f"
done
[[ ! -e $tmp/out/accounts/111111111111/buckets/amzn-s3-demo-bucket/encryption.json ]] ||
  fail "an absent encryption configuration was written as a file"
if grep -vE '^[0-9]{12} (sts get-caller-identity|[a-z0-9]+ (get|list|describe)-[a-z0-9-]+)( |$)' \
  "$tmp/calls.log" >"$tmp/bad"; then
  fail "calls that are not read-only: $(head -3 "$tmp/bad")"
fi
if ! diff <(findings "$world") <(findings "$tmp/out") >"$tmp/diff"; then
  fail "findings on the collected snapshot differ from the sample's:"
  cat "$tmp/diff"
fi
grep -q '^OW001 error ' <(findings "$tmp/out") || fail "no OW001 on the collected seed story"

# 2. Resumable: a second run makes no call for a file already written.
before=$(wc -l <"$tmp/calls.log")
"$collect" -o "$tmp/out" --profile a --profile b 2>/dev/null || fail "second run exited $?"
if tail -n "+$((before + 1))" "$tmp/calls.log" | grep -E 'get-bucket-policy|get-bucket-acl|get-role '; then
  fail "second run fetched again what was already written"
fi
"$collect" -o "$tmp/out" --profile a --force 2>/dev/null || fail "--force run exited $?"
tail -n 40 "$tmp/calls.log" | grep -q 'get-bucket-policy' || fail "--force did not fetch again"

# 3. A denied call: exit 1, recorded in collection.json, reported by bucketlint as IN014.
FAKE_AWS_DENY="s3api get-bucket-ownership-controls" "$collect" -o "$tmp/denied" --profile a \
  --profile b 2>/dev/null
rc=$?
[[ $rc == 1 ]] || fail "a denied call gave exit $rc, expected 1"
grep -q '"Code": "AccessDenied"' "$tmp/denied/accounts/111111111111/collection.json" ||
  fail "collection.json does not record the AccessDenied"
[[ ! -e $tmp/denied/accounts/111111111111/buckets/amzn-s3-demo-bucket/ownership-controls.json ]] ||
  fail "a denied ownership-controls call still wrote a file (would read as ObjectWriter)"
out=$(findings "$tmp/denied")
grep -q "^IN014 warning 'aws s3api get-bucket-ownership-controls --bucket amzn-s3-demo-bucket' failed with AccessDenied" <<<"$out" ||
  fail "no IN014 for the denied call: $out"
(cd "$tmp/denied" && "$bin" --no-color . >/dev/null)
rc=$?
[[ $rc == 1 ]] || fail "bucketlint on a snapshot with a failed call exited $rc, expected 1"

# 4. Assumed roles: the same layout as with profiles.
"$collect" -o "$tmp/roles" --role-name bucketlint-audit --accounts 111111111111,222222222222 \
  --source-profile a 2>/dev/null || fail "role mode exited $?"
grep -q '^[0-9]\{12\} sts assume-role --role-arn arn:aws:iam::222222222222:role/bucketlint-audit' \
  "$tmp/calls.log" || fail "role mode did not assume the role in 222222222222"
diff <(cd "$tmp/out" && find accounts -type f | sort) <(cd "$tmp/roles" && find accounts -type f | sort) ||
  fail "role mode wrote another layout than profile mode"

# 5. Object keys that would leave the folder are skipped, never written.
FAKE_AWS_EXTRA_KEYS='../../../escape|a/../../b|/abs|ok/key.txt' "$collect" -o "$tmp/keys/out" \
  --profile a 2>/dev/null || fail "unsafe keys run exited $?"
if find "$tmp" -name 'escape.json' -o -name 'b.json' -o -name 'abs.json' | grep -q .; then
  fail "an unsafe object key became a file"
fi
[[ -s $tmp/keys/out/accounts/111111111111/buckets/amzn-s3-demo-bucket/object-acls/ok/key.txt.json ]] ||
  fail "a safe nested key was not collected"
[[ $(grep -c 'skipped:unsafe-key' "$tmp/keys/out/collect-log.tsv") == 3 ]] ||
  fail "unsafe keys are not all logged as skipped"

# 6. Bad usage is exit 2 with a message.
"$collect" --profile a 2>"$tmp/err"
[[ $? == 2 ]] && grep -q -- '-o DIR is required' "$tmp/err" || fail "missing -o is not a usage error"
"$collect" -o "$tmp/x" --profile 'a;rm' 2>/dev/null
[[ $? == 2 ]] || fail "an invalid profile name was accepted"
"$collect" -o "$tmp/x" --role-name r --accounts 12 2>/dev/null
[[ $? == 2 ]] || fail "an invalid account ID was accepted"

# 7. An organisation: every account describes it, the management account lists its accounts,
# and bucketlint trusts them. The world is seed-1 with account A as the management account.
orgworld=$tmp/orgworld
cp -r "$world" "$orgworld"
cp "$src/samples/seed-2-cli-output/accounts/111111111111/describe-organization.json" \
  "$src/samples/seed-2-cli-output/accounts/111111111111/list-accounts.json" \
  "$orgworld/accounts/111111111111/"
FAKE_AWS_WORLD=$orgworld "$collect" -o "$tmp/org" --profile a --profile b 2>"$tmp/err" ||
  fail "organisation run exited $? ($(cat "$tmp/err"))"
for f in accounts/111111111111/describe-organization.json accounts/111111111111/list-accounts.json \
  accounts/222222222222/describe-organization.json; do
  [[ -s $tmp/org/$f ]] || fail "collector did not write $f"
done
[[ ! -e $tmp/org/accounts/222222222222/list-accounts.json ]] ||
  fail "a member account wrote list-accounts.json"
grep -q 'organizations list-accounts' "$tmp/org/collect-log.tsv" &&
  ! grep -q 'failed' "$tmp/org/collect-log.tsv" || fail "organisation calls failed or were not made"
# Not `| grep -q`: the model is over 4 KiB, grep stops reading at the match and, under pipefail,
# bucketlint's next write (SIGPIPE) would fail the check (it did under ASan).
grep -q '^trusted accounts: 111111111111, 222222222222$' <<<"$("$bin" model "$tmp/org")" ||
  fail "the collected organisation's accounts are not trusted"
if ! diff <(findings "$orgworld") <(findings "$tmp/org") >"$tmp/diff"; then
  fail "findings on the collected organisation differ from its world's:"
  cat "$tmp/diff"
fi
grep -q 'absent:AWSOrganizationsNotInUseException' "$tmp/out/collect-log.tsv" ||
  fail "an account outside any organisation is not logged as absent"

# 8. The documents of every section-2 reader and the account's Block Public Access: the world is
# the cli-readers-snapshot sample (replication, logging, website, policy status, location, an
# access point with its policy, user and role policy lists) with a trust policy for its role, the
# AWS managed policy its user lists (answered by the fake from FAKE_AWS_MANAGED_POLICIES), and two
# changes that give findings only when the collected documents are read: the log bucket is in
# another Region than the bucket logging into it (OW007, from location.json and logging.json),
# and S3 calls the bucket's policy public (PA002, from policy-status.json).
s2world=$tmp/s2world
cp -r "$src/samples/cli-readers-snapshot" "$s2world"
mkdir -p "$tmp/managed/AmazonS3ReadOnlyAccess"
cat >"$tmp/managed/AmazonS3ReadOnlyAccess/get-policy.json" <<'JSON'
{"Policy": {"PolicyName": "AmazonS3ReadOnlyAccess", "Arn": "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess",
  "Path": "/", "DefaultVersionId": "v3", "AttachmentCount": 1, "IsAttachable": true}}
JSON
cat >"$tmp/managed/AmazonS3ReadOnlyAccess/get-policy-version.json" <<'JSON'
{"PolicyVersion": {"Document": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
  "Action": ["s3:Get*", "s3:List*"], "Resource": "*"}]}, "VersionId": "v3", "IsDefaultVersion": true}}
JSON
cat >"$s2world/accounts/111111111111/roles/site-deployer/trust.json" <<'JSON'
{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "codebuild.amazonaws.com"},
  "Action": "sts:AssumeRole"}]}
JSON
echo '{"LocationConstraint": null}' >"$s2world/accounts/111111111111/buckets/amzn-s3-demo-logs/location.json"
echo '{"PolicyStatus": {"IsPublic": true}}' \
  >"$s2world/accounts/111111111111/buckets/amzn-s3-demo-bucket/policy-status.json"
FAKE_AWS_WORLD=$s2world FAKE_AWS_MANAGED_POLICIES=$tmp/managed "$collect" -o "$tmp/s2" --profile a \
  --sample-objects 0 \
  2>"$tmp/err" || fail "section-2 run exited $? ($(cat "$tmp/err"))"
b=accounts/111111111111/buckets/amzn-s3-demo-bucket
for f in $b/location.json $b/policy-status.json $b/replication.json $b/logging.json $b/website.json \
  accounts/111111111111/public-access-block.json \
  accounts/111111111111/access-points/finance-ap/access-point.json \
  accounts/111111111111/access-points/finance-ap/access-point-policy.json \
  accounts/111111111111/roles/site-deployer/role-policies.json \
  accounts/111111111111/users/deploy-bot/user-policies.json \
  accounts/111111111111/users/deploy-bot/attached-user-policies.json \
  accounts/111111111111/users/deploy-bot/managed-AmazonS3ReadOnlyAccess.json; do
  [[ -s $tmp/s2/$f ]] || fail "collector did not write $f"
done
for f in accounts/111111111111/buckets/amzn-s3-demo-logs/logging.json \
  accounts/111111111111/buckets/amzn-s3-demo-logs/website.json \
  accounts/111111111111/buckets/amzn-s3-demo-logs/replication.json; do
  [[ ! -e $tmp/s2/$f ]] || fail "an absent configuration was written as $f"
done
grep -q $'s3api get-bucket-logging --bucket amzn-s3-demo-logs\tabsent:Empty' "$tmp/s2/collect-log.tsv" ||
  fail "a bucket without logging (empty answer) is not logged as absent"
grep -q '"Code": "NoSuchPublicAccessBlockConfiguration"' \
  "$tmp/s2/accounts/111111111111/public-access-block.json" ||
  fail "an account without Block Public Access settings did not get the error body"
grep -q 's3control get-public-access-block --account-id 111111111111' "$tmp/calls.log" ||
  fail "the account's Block Public Access settings were not asked for"
if ! diff <(findings "$s2world") <(findings "$tmp/s2") >"$tmp/diff"; then
  fail "findings on the collected section-2 snapshot differ from its world's:"
  cat "$tmp/diff"
fi
out=$(findings "$tmp/s2")
grep -q "^OW007 error S3 cannot deliver the server access logs of 'amzn-s3-demo-bucket' to 'amzn-s3-demo-logs': the target is in Region 'us-east-1', the source in 'eu-west-1'" <<<"$out" ||
  fail "the collected location and logging documents were not used: $out"
grep -q "^PA002 warning S3 reports the bucket policy of 'amzn-s3-demo-bucket' as public" <<<"$out" ||
  fail "the collected policy status was not used: $out"
if grep -E '^IN0(08|11|12|14) ' <<<"$out"; then
  fail "a collected section-2 document was not read"
fi

# 9. The collector's least-privilege policy lints clean.
"$bin" --no-color --kind identity-policy "$src/tools/collect/collector-policy.json" >"$tmp/policy.txt"
rc=$?
[[ $rc == 0 && ! -s $tmp/policy.txt ]] ||
  fail "collector-policy.json is not clean (exit $rc): $(cat "$tmp/policy.txt")"

if ((failed > 0)); then
  echo "collect: $failed checks failed"
  exit 1
fi
echo "collect: all checks passed"
