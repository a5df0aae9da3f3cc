#include <fmt/format.h>

#include <memory>
#include <string>

#include "bucketlint/model.h"
#include "bucketlint/rule.h"
#include "fix_snippets.h"
#include "registry_factories.h"

namespace bucketlint::rules {
namespace {

constexpr RuleInfo kInfo{
    .id = "TR005",
    .name = "deleted-principal",
    .default_severity = Severity::kWarning,
    .stability = Stability::kStable,
    .summary = "a principal is an IAM unique ID (AROA..., AIDA...): the role or user was deleted",
    .remediation =
        "replace the unique ID with the ARN of the role or user that should have "
        "access (recreating one with the old name does not restore it), or remove "
        "the statement",
    .doc = R"md(### What it flags

A `Principal` value of type `AWS` in any policy (bucket, trust, key or other resource policy) that
is an IAM unique ID of a role (`AROA...`) or an IAM user (`AIDA...`) instead of an ARN.

### Why it matters

IAM stores role and user principals as unique IDs and shows the ARN as long as the identity
exists. When the role or user is deleted "the principal ID appears in resource-based policies
because AWS can no longer map it back to a valid ARN"; "these unique IDs are never reused", so a
new role or user with the same name is **not** granted access (docs/aws-semantics.md section 5.2, row 34 of
section 13;
https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html,
https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-bucket-user-policy-specifying-principal-intro.html).
In the motivating case this is how a recreated uploader role silently loses its write access.

### Example

Flagged:

```json
{"Effect": "Allow", "Principal": {"AWS": "AROA1234567890EXAMPLE"},
 "Action": "s3:PutObject", "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*"}
```

Fixed:

```json
{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::222222222222:role/site-uploader"},
 "Action": "s3:PutObject", "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*"}
```

### How to fix

Put the ARN of the current role or user back in the policy and save it again (IAM then stores the
new unique ID), or remove the stale statement. To survive re-creation, match on
`aws:PrincipalArn` in a condition, which is not converted to an ID (docs/aws-semantics.md 5.2).

### Known gaps

- Group (`AGPA`), instance profile and key IDs are not principals and are left to the policy
  grammar rules.
- The rule cannot tell which role or user the ID belonged to.

### Access Analyzer

No validate-policy check for stale IDs; `INVALID_PRINCIPAL_FORMAT`-style checks do not apply
since the form is what IAM itself writes.
)md",
};

class DeletedPrincipal final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }

  void check(const RuleContext& ctx, FindingSink& sink) const override {
    const Model& model = ctx.model;
    for (const auto& owned : model.policies) {
      const PolicyDocument& policy = *owned;
      for (const Statement& stmt : policy.statements) {
        for (const PrincipalValue& v : stmt.principal.values) {
          if (v.type != "AWS" || !is_deleted_principal_id(v.value)) continue;
          const bool role = v.value.starts_with("AROA");
          Finding f = make_finding(
              kInfo, v.where,
              fmt::format("{} of the {} names '{}', the unique ID of a deleted IAM {}: recreating "
                          "a {} with the same name will not restore its access",
                          stmt.label(), policy.label(), v.value, role ? "role" : "user",
                          role ? "role" : "user"));
          sink.report(std::move(f));
        }
      }
    }
  }
};

}  // namespace

std::unique_ptr<Rule> make_deleted_principal() { return std::make_unique<DeletedPrincipal>(); }

}  // namespace bucketlint::rules
