#include <fmt/format.h>

#include <memory>

#include "bucketlint/model.h"
#include "bucketlint/rule.h"
#include "helpers.h"
#include "registry_factories.h"

namespace bucketlint::rules {
namespace {

constexpr RuleInfo kInfo{
    .id = "PL012",
    .name = "allow-with-not-principal",
    .default_severity = Severity::kWarning,
    .stability = Stability::kStable,
    .summary = "a statement allows access with NotPrincipal, or a trust policy uses NotPrincipal",
    .remediation =
        "use 'Principal' with the principals to allow; to express exceptions, use "
        "'Principal' '*' with an ArnNotEquals condition on 'aws:PrincipalArn'",
    .doc = R"md(### What it flags

* In a bucket, key or other resource-based policy: a statement with `"Effect": "Allow"` and
  `NotPrincipal` (warning).
* In a role trust policy: any `NotPrincipal` (error: IAM rejects it).

### Why it matters

`"Effect": "Allow"` with `NotPrincipal` grants access to every principal except the listed
ones, anonymous users included: almost never what was meant. "Most resource-based policy types
do not allow the use of NotPrincipal with Effect Allow", and role trust policies do not allow
`NotPrincipal` at all (docs/aws-semantics.md 5.3;
https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notprincipal.html).

### Example

Failing:

```json
{"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
  "NotPrincipal": {"AWS": "arn:aws:iam::111122223333:user/Bob"},
  "Action": "s3:GetObject", "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*"}]}
```

Fixed: `"Principal": {"AWS": "arn:aws:iam::111122223333:role/Reader"}`.

### How to fix

Name the principals to allow with `Principal`. To exclude principals from a Deny, prefer
`"Principal": "*"` with `"Condition": {"ArnNotEquals": {"aws:PrincipalArn": [...]}}`.

### Known gaps

`NotPrincipal` in identity policies is reported by PL009. Deny with `NotPrincipal` that forgets
the account ARN of the excepted principal is not checked.

### Access Analyzer

`ALLOW_WITH_NOT_PRINCIPAL` (security warning);
`ROLE_TRUST_POLICY_SYNTAX_ERROR_NOTPRINCIPAL` (error) for trust policies
(https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html).
)md",
};

class AllowWithNotPrincipal final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  void check(const RuleContext& ctx, FindingSink& sink) const override {
    const Model& model = ctx.model;
    for (const auto& doc : model.policies) {
      if (doc->kind == PolicyKind::kIdentity) continue;  // PL009
      for (const Statement& st : doc->statements) {
        if (!st.principal.present || !st.principal.is_not) continue;
        if (doc->kind == PolicyKind::kTrust) {
          Finding f = make_finding(
              kInfo, st.principal.where,
              fmt::format("{} of the trust policy uses 'NotPrincipal', which role trust "
                          "policies do not support",
                          st.label()));
          f.severity = Severity::kError;
          sink.report(std::move(f));
          continue;
        }
        if (st.effect != Effect::kAllow) continue;
        Finding f = make_finding(kInfo, st.principal.where,
                                 fmt::format("{} allows every principal except those in "
                                             "'NotPrincipal', including anonymous users",
                                             st.label()));
        f.notes.push_back({st.effect_where, "the statement's effect is 'Allow'"});
        sink.report(std::move(f));
      }
    }
  }
};

}  // namespace

std::unique_ptr<Rule> make_allow_with_not_principal() {
  return std::make_unique<AllowWithNotPrincipal>();
}

}  // namespace bucketlint::rules
