#include <fmt/format.h>

#include <optional>

#include "bucketlint/finding.h"
#include "bucketlint/iam.h"
#include "bucketlint/model.h"
#include "bucketlint/rule.h"
#include "policy_language.h"
#include "registry_factories.h"

namespace bucketlint::rules {
namespace {

constexpr RuleInfo kInfo{
    .id = "PL108",
    .name = "wildcard-without-like-operator",
    .default_severity = Severity::kWarning,
    .stability = Stability::kStable,
    .summary = "a condition value has '*' or '?' under an operator that compares literally",
    .remediation =
        "use StringLike / StringNotLike (or ArnLike) to match patterns, or remove "
        "the wildcard",
    .doc = R"md(### What it flags

A value containing `*` or `?` under `StringEquals`, `StringNotEquals`,
`StringEqualsIgnoreCase` or `StringNotEqualsIgnoreCase` (with or without `IfExists` and set
qualifiers). Policy variables and their escapes (`${*}`, `${?}`) are ignored. `ArnEquals` is
not flagged: AWS documents it as identical to `ArnLike`.

### Why it matters

Only the `...Like` operators treat `*` and `?` as wildcards; the others compare them as
literal characters (docs/aws-semantics.md 5.5;
https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_String).
`"StringEquals": {"aws:PrincipalArn": "arn:aws:iam::*:role/admin"}` matches no principal, so
an `Allow` is dead and a `Deny` with `StringNotEquals` denies everyone.

### Example

Failing:

```json
"Condition": {"StringEquals": {"s3:prefix": "home/*"}}
```

Fixed:

```json
"Condition": {"StringLike": {"s3:prefix": "home/*"}}
```

### How to fix

Switch to the `Like` operator of the same polarity.

### Known gaps

- A value that really contains a literal `*` (rare) is reported; suppress it.

### Access Analyzer

Mirrors `WILDCARD_WITHOUT_LIKE_OPERATOR` (WARNING)
(https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html).
)md",
};

class WildcardWithoutLikeOperator final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  void check(const RuleContext& ctx, FindingSink& sink) const override {
    const Model& model = ctx.model;
    pl::for_each_statement(model, [&](const PolicyDocument&, const Statement& stmt) {
      for (const ConditionEntry& entry : stmt.conditions) {
        const std::optional<iam::ConditionOperator> op = iam::parse_condition_operator(entry.op);
        if (!op || op->type != iam::OperatorType::kString || op->is_like()) continue;
        for (const ConditionValue& value : entry.values) {
          if (value.type != JsonType::kString) continue;
          // Variables (and their ${*} / ${?} escapes) are not wildcards.
          std::string plain = value.text;
          for (std::size_t at = plain.find("${"); at != std::string::npos;
               at = plain.find("${", at)) {
            const std::size_t end = plain.find('}', at);
            if (end == std::string::npos) break;
            plain.erase(at, end - at + 1);
          }
          if (!pl::has_wildcard(plain)) continue;
          sink.report(make_finding(
              kInfo, value.where,
              fmt::format("value '{}' of key '{}' has a wildcard, but '{}' compares literally",
                          value.text, entry.key, entry.op)));
        }
      }
    });
  }
};

}  // namespace

std::unique_ptr<Rule> make_wildcard_without_like_operator() {
  return std::make_unique<WildcardWithoutLikeOperator>();
}

}  // namespace bucketlint::rules
