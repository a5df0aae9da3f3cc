#include <fmt/format.h>

#include <memory>
#include <string>

#include "bucketlint/model.h"
#include "bucketlint/rule.h"
#include "helpers.h"
#include "registry_factories.h"

namespace bucketlint::rules {
namespace {

constexpr RuleInfo kInfo{
    .id = "PL004",
    .name = "invalid-effect",
    .default_severity = Severity::kError,
    .stability = Stability::kStable,
    .summary = "a statement has no Effect, or an Effect other than exactly 'Allow' or 'Deny'",
    .remediation = "set 'Effect' to 'Allow' or 'Deny' (case-sensitive)",
    .doc = R"md(### What it flags

A statement without an `Effect` element, or whose `Effect` is not exactly `Allow` or `Deny`
(`"allow"`, `"DENY"`, `"Permit"`).

### Why it matters

`Effect` is required and its values are case-sensitive; AWS rejects the policy when it is saved
(docs/aws-semantics.md 5.4 and 10.1;
https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_effect.html,
https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html).

### Example

Failing:

```json
{"Version": "2012-10-17", "Statement": [{"Effect": "allow", "Action": "s3:GetObject", "Resource": "*"}]}
```

Fixed: `"Effect": "Allow"`.

### How to fix

Write `Allow` or `Deny` with a capital first letter and nothing else.

### Known gaps

An `Effect` that is not a JSON string is reported by the loader (IN009), not here.

### Access Analyzer

`MISSING_EFFECT` and `INVALID_EFFECT` (errors)
(https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html).
)md",
};

class InvalidEffect final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  void check(const RuleContext& ctx, FindingSink& sink) const override {
    const Model& model = ctx.model;
    for (const auto& doc : model.policies) {
      for (const Statement& st : doc->statements) {
        if (st.effect == Effect::kAllow || st.effect == Effect::kDeny) continue;
        if (st.effect == Effect::kMissing) {
          sink.report(make_finding(kInfo, st.where, fmt::format("{} has no 'Effect'", st.label())));
          continue;
        }
        const JsonValue* raw = st.json != nullptr ? st.json->find("Effect") : nullptr;
        if (raw == nullptr || !raw->is_string()) continue;  // IN009
        const std::string l = ascii_lower(st.effect_text);
        Finding f =
            make_finding(kInfo, st.effect_where,
                         fmt::format("effect '{}' is not 'Allow' or 'Deny'", st.effect_text));
        if (l == "allow" || l == "deny") {
          f.remediation = fmt::format("write '{}': Effect values are case-sensitive",
                                      l == "allow" ? "Allow" : "Deny");
        }
        sink.report(std::move(f));
      }
    }
  }
};

}  // namespace

std::unique_ptr<Rule> make_invalid_effect() { return std::make_unique<InvalidEffect>(); }

}  // namespace bucketlint::rules
