#include <fmt/format.h>

#include <optional>

#include "bucketlint/catalogue.h"
#include "bucketlint/finding.h"
#include "bucketlint/iam.h"
#include "bucketlint/model.h"
#include "bucketlint/rule.h"
#include "policy_language.h"
#include "registry_factories.h"

namespace bucketlint::rules {
namespace {

constexpr RuleInfo kInfo{
    .id = "PL107",
    .name = "set-operator-on-single-valued-key",
    .default_severity = Severity::kWarning,
    .stability = Stability::kStable,
    .summary = "ForAllValues or ForAnyValue is used with a single-valued condition key",
    .remediation = "drop the ForAllValues:/ForAnyValue: qualifier for single-valued keys",
    .doc = R"md(### What it flags

A `ForAllValues:` or `ForAnyValue:` operator on a key whose type in the built-in catalogue is
not multivalued (`ArrayOf...`), e.g. `ForAllValues:StringEquals` on `aws:PrincipalOrgID` or
`ForAnyValue:StringLike` on `aws:RequestTag/team`.

### Why it matters

`ForAllValues` is true when the key is absent or empty, so on a single-valued key in an
`Allow` statement it allows requests that lack the key altogether; AWS says to use the set
operators only with multivalued keys (docs/aws-semantics.md 5.5;
https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html,
https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_multi-value-conditions.html).
`ForAnyValue` on a single-valued key behaves like the plain operator but reads as if it
tested a set, which misleads reviewers.

### Example

Failing:

```json
"Condition": {"ForAllValues:StringEquals": {"aws:PrincipalOrgID": "o-a1b2c3d4e5"}}
```

Fixed:

```json
"Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-a1b2c3d4e5"}}
```

### How to fix

Remove the qualifier, or use the multivalued key you meant (`aws:TagKeys` rather than
`aws:RequestTag/...`).

### Known gaps

- Keys the catalogue does not know (PL104) are not judged.

### Access Analyzer

Mirrors `FORALLVALUES_WITH_SINGLE_VALUED_KEY` (SECURITY_WARNING); also reports the
`ForAnyValue` form
(https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html).
)md",
};

class SetOperatorOnSingleValuedKey final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  void check(const RuleContext& ctx, FindingSink& sink) const override {
    const Model& model = ctx.model;
    pl::for_each_statement(model, [&](const PolicyDocument&, const Statement& stmt) {
      for (const ConditionEntry& entry : stmt.conditions) {
        const std::optional<iam::ConditionOperator> op = iam::parse_condition_operator(entry.op);
        if (!op || op->set == iam::SetQualifier::kNone) continue;
        const auto key = catalogue::find_condition_key(entry.key);
        if (!key || key->type.multivalued) continue;
        sink.report(make_finding(
            kInfo, entry.op_where,
            fmt::format("'{}' is a set operator but key '{}' is single-valued ('{}')", entry.op,
                        entry.key, catalogue::key_type_info_name(key->type))));
      }
    });
  }
};

}  // namespace

std::unique_ptr<Rule> make_set_operator_on_single_valued_key() {
  return std::make_unique<SetOperatorOnSingleValuedKey>();
}

}  // namespace bucketlint::rules
