#include <fmt/format.h>

#include <memory>
#include <optional>
#include <string>

#include "bucketlint/iam.h"
#include "bucketlint/model.h"
#include "bucketlint/rule.h"
#include "helpers.h"
#include "registry_factories.h"

namespace bucketlint::rules {
namespace {

constexpr RuleInfo kInfo{
    .id = "PL016",
    .name = "unknown-condition-operator",
    .default_severity = Severity::kError,
    .stability = Stability::kStable,
    .summary = "a Condition uses an operator that is not an IAM condition operator",
    .remediation =
        "use one of the documented condition operators, e.g. StringEquals, "
        "StringLike, ArnLike, Bool, IpAddress, Null",
    .doc = R"md(### What it flags

A key of a `Condition` block that is not a condition operator documented by IAM:

* the base operators `StringEquals`, `StringNotEquals`, `StringEqualsIgnoreCase`,
  `StringNotEqualsIgnoreCase`, `StringLike`, `StringNotLike`, `NumericEquals`,
  `NumericNotEquals`, `NumericLessThan`, `NumericLessThanEquals`, `NumericGreaterThan`,
  `NumericGreaterThanEquals`, `DateEquals`, `DateNotEquals`, `DateLessThan`,
  `DateLessThanEquals`, `DateGreaterThan`, `DateGreaterThanEquals`, `Bool`, `BinaryEquals`,
  `IpAddress`, `NotIpAddress`, `ArnEquals`, `ArnLike`, `ArnNotEquals`, `ArnNotLike`, `Null`;
* each optionally prefixed by `ForAllValues:` or `ForAnyValue:` and suffixed by `IfExists`.

Typical hits: `StringEqual`, `StringMatch`, `ArnEqualsIgnoreCase`, `IPAddress`, a condition
key written where the operator belongs (`{"Condition": {"aws:SourceArn": {...}}}`).

### Why it matters

AWS rejects a policy with an unknown operator (docs/aws-semantics.md 5.5;
https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html).

### Example

Failing:

```json
{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Principal": "*", "Action": "s3:*",
  "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*", "Condition": {"Boolean": {"aws:SecureTransport": "false"}}}]}
```

Fixed: `"Bool"`.

### How to fix

Use the documented operator; the message names the closest spelling when only the letter case
differs.

### Known gaps

The IAM documentation spells operators in one case but does not say whether other spellings
(`stringequals`) are accepted. An operator that matches a documented one except for letter case
is therefore reported as a **warning** (lower severity, per the rule of docs/aws-semantics.md for unconfirmed
facts), unknown operators as errors. `Null` with `IfExists` is accepted here and reported by
PL109. Whether an operator fits its condition key's type is not checked (needs the condition key
catalogue).

### Access Analyzer

`INVALID_CONDITION_OPERATOR` (error)
(https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html).
)md",
};

class UnknownConditionOperator final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  void check(const RuleContext& ctx, FindingSink& sink) const override {
    const Model& model = ctx.model;
    for (const auto& doc : model.policies) {
      for (const Statement& st : doc->statements) {
        if (st.json == nullptr) continue;
        const JsonValue* cond = st.json->find("Condition");
        if (cond == nullptr || !cond->is_object()) continue;
        for (const JsonMember& op : cond->members) {
          const std::optional<iam::ConditionOperator> parsed =
              iam::parse_condition_operator(op.key);
          if (parsed && parsed->exact_case) continue;
          // Pointers only for findings: working out a statement's pointer walks the tree.
          const SourceRef where = key_ref_of(
              *doc, op, pointer_append(pointer_append(st.where.pointer(), "Condition"), op.key));
          if (parsed) {
            const std::string canonical = parsed->spelling();
            Finding f = make_finding(
                kInfo, where,
                fmt::format("condition operator '{}' is documented as '{}'", op.key, canonical));
            f.severity = Severity::kWarning;
            f.remediation = fmt::format("write '{}' as the IAM documentation spells it", canonical);
            sink.report(std::move(f));
            continue;
          }
          sink.report(make_finding(
              kInfo, where,
              fmt::format("'{}' in {} is not a condition operator", op.key, st.label())));
        }
      }
    }
  }
};

}  // namespace

std::unique_ptr<Rule> make_unknown_condition_operator() {
  return std::make_unique<UnknownConditionOperator>();
}

}  // namespace bucketlint::rules
