// PA002: S3 reports a bucket's policy as public (get-bucket-policy-status) and the input does not
// show why.

#include <fmt/format.h>

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "bucketlint/access.h"
#include "bucketlint/model.h"
#include "bucketlint/rule.h"
#include "ownership_wording.h"
#include "registry_factories.h"

namespace bucketlint::rules {
namespace {

constexpr RuleInfo kInfo{
    .id = "PA002",
    .name = "policy-status-unexplained",
    .default_severity = Severity::kWarning,
    .stability = Stability::kPreview,
    .summary = "S3 reports the bucket policy as public but the policy given shows no public grant",
    .remediation =
        "save the bucket policy in force (aws s3api get-bucket-policy) beside the policy status "
        "and lint again; then name the principals of the public statement or pin it with a "
        "condition S3 treats as non-public, and turn on Block Public Access",
    .doc = R"md(### What it flags

A bucket whose `aws s3api get-bucket-policy-status` output says `"IsPublic": true` while the input
does not show a public bucket-policy statement:

* the input holds no bucket policy for the bucket (it was not collected, or saved elsewhere), so
  nothing about its public access was checked; or
* the bucket policy given has no statement that PA001 calls public, so the policy in force is not
  the one given (it changed after it was saved, or a template describes another state), or S3
  judges one of its conditions differently from bucketlint.

`GetBucketPolicyStatus` "retrieves the policy status for an Amazon S3 bucket, indicating whether
the bucket is public"; `IsPublic` `TRUE` "indicates that this bucket is public"
(https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetBucketPolicyStatus.html,
https://docs.aws.amazon.com/AmazonS3/latest/API/API_PolicyStatus.html). S3 decides it by the rules
of "The meaning of public"
(https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html#access-control-block-public-access-policy-status),
which PA001 implements for the policy text.

When S3 and bucketlint agree, there is no PA002: PA001 reports the public statement and cites the
status in a note ("S3 agrees"). When S3 reports `"IsPublic": false` but PA001 finds a public
statement, PA001 still reports it (the saved policy is what a reviewer reads) with a note that S3
disagrees. A status of `false` with no public statement is silent.

The finding is a **note** instead of a warning when Block Public Access `RestrictPublicBuckets`
is on for the bucket or its account: S3 then limits access through a public policy to AWS
service principals and the bucket owner's account.

### Why it matters

S3's own answer is the ground truth for the bucket in the account. A public bucket with no
public statement in the review means the review looked at the wrong policy or at none: every
finding about the bucket's public access may be missing. Silence here would read as "not public".

### Example

`accounts/111111111111/buckets/amzn-s3-demo-bucket/policy-status.json`:

```json
{"PolicyStatus": {"IsPublic": true}}
```

with no `get-bucket-policy` output in the folder gives a warning. Fixed: save the policy
(`aws s3api get-bucket-policy --bucket amzn-s3-demo-bucket > bucket-policy.json`) and lint again:
PA001 then reports the public statement, citing the status.

### How to fix

Collect the bucket policy in force and lint it with the status. If S3 still reports it public and
bucketlint does not, review each `Allow` whose principal is `"*"` or `{"AWS": "*"}`: a condition
S3 does not count as pinning (a wildcard value, a negated operator, `...IfExists`) leaves it
public. Then turn on Block Public Access
(`aws s3api put-public-access-block --bucket <b> --public-access-block-configuration
BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true`).

### Compared with IAM Access Analyzer

`check-no-public-access`
(https://docs.aws.amazon.com/access-analyzer/latest/APIReference/API_CheckNoPublicAccess.html)
judges a policy text it is given, as PA001 does; it does not read what S3 reports of the bucket in
the account. Access Analyzer for S3 (the console's findings for active analyzers) does look at the
buckets themselves.

### Known gaps

* The status describes the bucket policy when it was collected; a policy status saved at another
  time than the policy may disagree for that reason alone.
* Access point policies have their own status (`s3control get-access-point-policy-status`),
  which is not read.
)md",
};

class PolicyStatusUnexplained final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }

  void check(const RuleContext& ctx, FindingSink& sink) const override {
    const Model& model = ctx.model;
    for (const Bucket& bucket : model.buckets) {
      if (!bucket.policy_status || !bucket.policy_status->is_public) continue;
      if (bucket.policy != nullptr) {
        const std::vector<access::PublicGrant> grants = access::public_grants(model, bucket);
        const bool explained = std::any_of(grants.begin(), grants.end(), [](const auto& g) {
          return g.source == access::PublicGrant::Source::kBucketPolicy;
        });
        if (explained) continue;  // PA001 reports it and cites the status
      }
      report(model, bucket, sink);
    }
  }

 private:
  static void report(const Model& model, const Bucket& bucket, FindingSink& sink) {
    const PolicyStatus& status = *bucket.policy_status;
    Finding f = make_finding(kInfo, status.where, std::string());
    if (bucket.policy == nullptr) {
      f.message = fmt::format(
          "S3 reports the bucket policy of '{}' as public (IsPublic true), but no bucket policy "
          "of '{}' was given, so its public access was not checked",
          bucket.name, bucket.name);
      f.remediation = fmt::format(
          "save the policy in force beside the status: aws s3api get-bucket-policy --bucket {} "
          "> bucket-policy.json; lint again and fix what PA001 reports",
          bucket.name);
    } else {
      f.message = fmt::format(
          "S3 reports the bucket policy of '{}' as public (IsPublic true), but no statement of "
          "the policy given is public as S3 defines it: the policy in force differs from it, or "
          "S3 judges one of its conditions differently",
          bucket.name);
      f.notes.push_back({bucket.policy->where, "the bucket policy given"});
      f.remediation = fmt::format(
          "compare with the policy in force (aws s3api get-bucket-policy --bucket {}) and lint "
          "that; if they match, find the Allow whose principal is '*' and whose condition S3 "
          "does not count as pinning, name its principals or pin it (aws:SourceVpce, "
          "aws:SourceArn, aws:PrincipalOrgID, ...), keeping its existing conditions; then turn "
          "on Block Public Access for '{}'",
          bucket.name, bucket.name);
    }
    const access::EffectiveBlock block = access::effective_block(model, bucket);
    if (block.restrict_public_buckets()) {
      f.severity = Severity::kNote;
      const bool at_bucket = block.bucket.restrict_public_buckets;
      f.message += fmt::format(
          "; RestrictPublicBuckets is on at {} level, which limits access "
          "through a public policy",
          at_bucket ? "bucket" : "account");
      const SourceRef& where = at_bucket ? block.bucket.where : block.account.where;
      if (where.known()) f.notes.push_back({where, "RestrictPublicBuckets is on here"});
    }
    drop_notes_at_primary(f);
    sink.report(std::move(f));
  }
};

}  // namespace

std::unique_ptr<Rule> make_policy_status_unexplained() {
  return std::make_unique<PolicyStatusUnexplained>();
}

}  // namespace bucketlint::rules
