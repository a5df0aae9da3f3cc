#include <fmt/format.h>

#include <memory>

#include "bucketlint/model.h"
#include "bucketlint/rule.h"
#include "helpers.h"
#include "registry_factories.h"

namespace bucketlint::rules {
namespace {

constexpr RuleInfo kInfo{
    .id = "PL010",
    .name = "resource-in-trust-policy",
    .default_severity = Severity::kError,
    .stability = Stability::kStable,
    .summary = "a role trust policy has a Resource or NotResource element",
    .remediation = "remove the 'Resource' element: the resource of a trust policy is the role",
    .doc = R"md(### What it flags

A `Resource` or `NotResource` element in a role trust policy (assume-role policy document).

### Why it matters

"You cannot specify a Resource or NotResource element in a role trust policy": the resource is
the role itself, and IAM rejects the document (docs/aws-semantics.md 10.1;
https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html).

### Example

Failing (trust policy):

```json
{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"},
  "Action": "sts:AssumeRole", "Resource": "*"}]}
```

Fixed: remove `"Resource": "*"`.

### How to fix

Delete the element. To restrict which sessions may be created, use conditions instead.

### Known gaps

A stand-alone document with a `Resource` is not classified as a trust policy by shape; the rule
fires when the kind comes from `--kind`, a snapshot (`roles/<name>/`) or the config.

### Access Analyzer

`ROLE_TRUST_POLICY_SYNTAX_ERROR_RESOURCE` (error)
(https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html).
)md",
};

class ResourceInTrustPolicy final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  void check(const RuleContext& ctx, FindingSink& sink) const override {
    const Model& model = ctx.model;
    for (const auto& doc : model.policies) {
      if (doc->kind != PolicyKind::kTrust) continue;
      for (const Statement& st : doc->statements) {
        if (!st.resource.present) continue;
        sink.report(
            make_finding(kInfo, st.resource.where,
                         fmt::format("{} of the trust policy has a '{}' element", st.label(),
                                     st.resource.is_not ? "NotResource" : "Resource")));
      }
    }
  }
};

}  // namespace

std::unique_ptr<Rule> make_resource_in_trust_policy() {
  return std::make_unique<ResourceInTrustPolicy>();
}

}  // namespace bucketlint::rules
