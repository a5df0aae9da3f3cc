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
    .id = "PL109",
    .name = "null-with-if-exists",
    .default_severity = Severity::kError,
    .stability = Stability::kStable,
    .summary = "the Null operator is used with IfExists",
    .remediation = "use 'Null' without 'IfExists'",
    .doc = R"md(### What it flags

A condition operator `NullIfExists` (with or without a set qualifier).

### Why it matters

`Null` tests whether the key is present; `...IfExists` makes a condition true when the key is
absent. Together they are meaningless, and AWS documents that `Null` cannot take `IfExists`
(docs/aws-semantics.md 5.5;
https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_Null).
The statement certainly does not express what its author meant.

### Example

Failing:

```json
"Condition": {"NullIfExists": {"aws:TokenIssueTime": "true"}}
```

Fixed:

```json
"Condition": {"Null": {"aws:TokenIssueTime": "true"}}
```

### How to fix

Drop `IfExists`.

### Known gaps

None known.

### Access Analyzer

Mirrors `NULL_WITH_IF_EXISTS` (ERROR)
(https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html).
)md",
};

class NullWithIfExists final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  void check(const RuleContext& ctx, FindingSink& sink) const override {
    const Model& model = ctx.model;
    pl::for_each_statement(model, [&](const PolicyDocument&, const Statement& stmt) {
      for (const ConditionEntry& entry : stmt.conditions) {
        const std::optional<iam::ConditionOperator> op = iam::parse_condition_operator(entry.op);
        if (!op || op->kind != iam::OperatorKind::kNull || !op->if_exists) continue;
        sink.report(
            make_finding(kInfo, entry.op_where,
                         fmt::format("operator '{}' combines Null with IfExists on key '{}'",
                                     entry.op, entry.key)));
      }
    });
  }
};

}  // namespace

std::unique_ptr<Rule> make_null_with_if_exists() { return std::make_unique<NullWithIfExists>(); }

}  // namespace bucketlint::rules
