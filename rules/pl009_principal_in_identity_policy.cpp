#include <fmt/format.h>

#include <memory>

#include "bucketlint/model.h"
#include "bucketlint/rule.h"
#include "helpers.h"
#include "registry_factories.h"

namespace bucketlint::rules {
namespace {

constexpr RuleInfo kInfo{
    .id = "PL009",
    .name = "principal-in-identity-policy",
    .default_severity = Severity::kError,
    .stability = Stability::kStable,
    .summary = "an identity-based policy has a Principal or NotPrincipal element",
    .remediation =
        "remove the 'Principal' element: an identity policy applies to the user, "
        "group or role it is attached to",
    .doc = R"md(### What it flags

A `Principal` or `NotPrincipal` element in a policy that is an identity-based policy: a
permission policy of a role or user, a managed policy, or a document given as
`--kind identity-policy`.

### Why it matters

Identity policies apply to the identity they are attached to; IAM rejects a `Principal` in them
(docs/aws-semantics.md 5.2;
https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html).
A principal in a role's permission policy usually means a bucket policy or trust policy was
attached in the wrong place.

### Example

Failing (identity policy):

```json
{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "111122223333"}, "Action": "s3:GetObject", "Resource": "*"}]}
```

Fixed: remove `Principal`.

### How to fix

Remove the element, or move the statement to the resource's policy.

### Known gaps

A document given alone is classified by shape: with a `Principal` it is read as a resource or
trust policy, not an identity policy. The rule therefore fires only when the kind comes from
`--kind`, a snapshot directory or the config.

### Access Analyzer

`UNSUPPORTED_PRINCIPAL` (error)
(https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html).
)md",
};

class PrincipalInIdentityPolicy final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  void check(const RuleContext& ctx, FindingSink& sink) const override {
    const Model& model = ctx.model;
    for (const auto& doc : model.policies) {
      if (doc->kind != PolicyKind::kIdentity) continue;
      for (const Statement& st : doc->statements) {
        if (!st.principal.present) continue;
        sink.report(
            make_finding(kInfo, st.principal.where,
                         fmt::format("{} of the identity policy has a '{}' element", st.label(),
                                     st.principal.is_not ? "NotPrincipal" : "Principal")));
      }
    }
  }
};

}  // namespace

std::unique_ptr<Rule> make_principal_in_identity_policy() {
  return std::make_unique<PrincipalInIdentityPolicy>();
}

}  // namespace bucketlint::rules
