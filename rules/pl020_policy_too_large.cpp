#include <fmt/format.h>

#include <memory>
#include <optional>

#include "bucketlint/model.h"
#include "bucketlint/rule.h"
#include "helpers.h"
#include "registry_factories.h"

namespace bucketlint::rules {
namespace {

constexpr RuleInfo kInfo{
    .id = "PL020",
    .name = "policy-too-large",
    .default_severity = Severity::kError,
    .stability = Stability::kStable,
    .summary = "the policy is larger than AWS accepts for its type",
    .remediation =
        "shorten the policy: merge statements, use wildcards or condition keys "
        "instead of long lists, or split permissions across several policies",
    .doc = R"md(### What it flags

Policies over the size AWS accepts for their type:

| policy | limit | severity |
| --- | --- | --- |
| S3 bucket policy | 20 KB (20,480 characters) | error |
| identity policy (customer managed) | 6,144 characters without whitespace | warning |
| role trust policy | 2,048 characters without whitespace by default, raisable to 4,096 | warning above 2,048, error above 4,096 |
| KMS key policy | 32 KB (32,768 characters) | error |

### Why it matters

AWS refuses to save a policy over its quota, so the change never takes effect: the deployment
fails, or a partial rollout leaves the old policy in place (docs/aws-semantics.md 10.2;
https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html,
https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-policy-alternatives-guidelines.html).

### Example

A managed policy listing 400 bucket ARNs one by one (7,000 characters) fails; one statement
with `arn:aws:s3:::app-*` and a tag condition fits.

### How to fix

Merge statements with the same effect and principal, replace long ARN lists with wildcards or
`aws:ResourceTag`/`aws:PrincipalTag` conditions, or split permissions into several managed
policies. For trust policies, the quota can be raised to 4,096 through Service Quotas.

### Known gaps

Sizes are counted as the policy serialised without whitespace outside strings, for every type;
S3's 20 KB limit may count the document as sent (with whitespace), so a heavily indented
bucket policy near the limit can be rejected without a finding. Inline policy quotas are
aggregates per user (2,048), group (5,120) and role (10,240), which bucketlint does not add up.
Identity policies over 6,144 characters are a warning, never an error: bucketlint cannot tell a
customer managed policy from an inline policy (role inline policies may reach 10,240) or from an
AWS managed policy, which the quota does not bind (dozens of AWS managed policies, such as
`ReadOnlyAccess`, are far larger). Policies named by an AWS managed policy ARN
(`arn:aws:iam::aws:policy/...`) are skipped. Other resource policy types (SQS, SNS, Lambda, ...) are not checked:
their limits differ and are not listed in docs/aws-semantics.md. AWS documents the trust policy default as
adjustable, so 2,048-4,096 is a warning.

### Access Analyzer

`POLICY_SIZE_EXCEEDS_IDENTITY_POLICY_QUOTA`, `POLICY_SIZE_EXCEEDS_RESOURCE_POLICY_QUOTA`,
`POLICY_SIZE_EXCEEDS_ROLE_TRUST_POLICY_QUOTA` (general warnings in Access Analyzer; errors here
where AWS refuses the policy)
(https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html).
)md",
};

constexpr std::size_t kBucketLimit = 20480;  // 20 KB
constexpr std::size_t kManagedLimit = 6144;
constexpr std::size_t kRoleInlineLimit = 10240;
constexpr std::size_t kTrustDefault = 2048;
constexpr std::size_t kTrustMax = 4096;
constexpr std::size_t kKeyLimit = 32768;  // 32 KB

class PolicyTooLarge final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  void check(const RuleContext& ctx, FindingSink& sink) const override {
    const Model& model = ctx.model;
    for (const auto& doc : model.policies) {
      // The size is worked out only when the policy may be over the smallest quota of its
      // kind: counting walks every string of the tree.
      std::optional<std::size_t> size;
      auto size_over = [&](std::size_t limit) {
        if (doc->size_bound() <= limit) return false;
        if (!size) size = doc->size_without_whitespace();
        return *size > limit;
      };
      switch (doc->kind) {
        case PolicyKind::kBucket:
          if (size_over(kBucketLimit)) {
            report(*doc,
                   fmt::format("{} is {} characters, over S3's 20 KB ({}) limit", doc->label(),
                               *size, kBucketLimit),
                   Severity::kError, sink);
          }
          break;
        case PolicyKind::kIdentity:
          // AWS managed policies are not bound by the customer managed policy quota.
          if (doc->name.rfind("arn:aws:iam::aws:policy/", 0) == 0) break;
          if (size_over(kManagedLimit)) {
            report(*doc,
                   fmt::format("{} is {} characters without whitespace, over the {} limit of "
                               "customer managed policies ({} for all inline policies of a role)",
                               doc->label(), *size, kManagedLimit, kRoleInlineLimit),
                   Severity::kWarning, sink);
          }
          break;
        case PolicyKind::kTrust:
          if (size_over(kTrustMax)) {
            report(*doc,
                   fmt::format("{} is {} characters without whitespace, over the {} maximum of "
                               "role trust policies",
                               doc->label(), *size, kTrustMax),
                   Severity::kError, sink);
          } else if (size_over(kTrustDefault)) {
            report(*doc,
                   fmt::format("{} is {} characters without whitespace, over the default {} "
                               "quota of role trust policies (adjustable up to {})",
                               doc->label(), *size, kTrustDefault, kTrustMax),
                   Severity::kWarning, sink);
          }
          break;
        case PolicyKind::kKey:
          if (size_over(kKeyLimit)) {
            report(*doc,
                   fmt::format("{} is {} characters, over the 32 KB ({}) limit of KMS key "
                               "policies",
                               doc->label(), *size, kKeyLimit),
                   Severity::kError, sink);
          }
          break;
        case PolicyKind::kResource:
        case PolicyKind::kAccessPoint: break;  // limits vary by service
      }
    }
  }

 private:
  static void report(const PolicyDocument& doc, std::string message, Severity severity,
                     FindingSink& sink) {
    Finding f = make_finding(kInfo, doc.where, std::move(message));
    f.severity = severity;
    sink.report(std::move(f));
  }
};

}  // namespace

std::unique_ptr<Rule> make_policy_too_large() { return std::make_unique<PolicyTooLarge>(); }

}  // namespace bucketlint::rules
