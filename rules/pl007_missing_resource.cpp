#include <fmt/format.h>

#include <memory>

#include "bucketlint/model.h"
#include "bucketlint/rule.h"
#include "helpers.h"
#include "registry_factories.h"

namespace bucketlint::rules {
namespace {

constexpr RuleInfo kInfo{
    .id = "PL007",
    .name = "missing-resource",
    .default_severity = Severity::kError,
    .stability = Stability::kStable,
    .summary = "a statement of an identity, bucket, key or resource policy has no Resource",
    .remediation = "add a 'Resource' (or 'NotResource') element with the ARNs it applies to",
    .doc = R"md(### What it flags

A statement with neither `Resource` nor `NotResource` in an identity policy, S3 bucket policy,
KMS key policy or other resource-based policy. Role trust policies are exempt: they must not
have a `Resource` (PL010).

### Why it matters

IAM identity policies and S3 bucket policies require a `Resource` element in every statement;
AWS rejects the policy otherwise (docs/aws-semantics.md 10.1;
https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html,
https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html).

### Example

Failing:

```json
{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "111122223333"}, "Action": "s3:GetObject"}]}
```

Fixed: add `"Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*"`.

### How to fix

Name the resources the statement applies to; use `"*"` only when the actions support no
resource-level permissions.

### Known gaps

Some resource-based policy types (for example ECR repository policies) accept statements
without `Resource`, because the resource is implied. bucketlint cannot tell the service of a
document it classified as a generic "resource policy", so for those the finding is a
**warning**; identity, S3 bucket and KMS key policies get an error. Lint a document with
`--kind bucket-policy` (or `identity-policy`, `key-policy`) to get the strict check.

### Access Analyzer

`MISSING_RESOURCE` (error)
(https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html).
)md",
};

class MissingResource final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  void check(const RuleContext& ctx, FindingSink& sink) const override {
    const Model& model = ctx.model;
    for (const auto& doc : model.policies) {
      if (doc->kind == PolicyKind::kTrust) continue;  // Resource is forbidden there (PL010)
      for (const Statement& st : doc->statements) {
        if (st.resource.present) continue;
        Finding f = make_finding(kInfo, st.where,
                                 fmt::format("{} of the {} has no 'Resource' or 'NotResource'",
                                             st.label(), policy_kind_name(doc->kind)));
        // Some resource policy types (ECR repository policies, for one) imply the resource;
        // bucketlint cannot tell the service of a generic resource policy, so it only warns.
        if (doc->kind == PolicyKind::kResource) f.severity = Severity::kWarning;
        sink.report(std::move(f));
      }
    }
  }
};

}  // namespace

std::unique_ptr<Rule> make_missing_resource() { return std::make_unique<MissingResource>(); }

}  // namespace bucketlint::rules
