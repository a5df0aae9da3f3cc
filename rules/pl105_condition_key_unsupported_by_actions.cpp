#include <fmt/format.h>

#include <vector>

#include "bucketlint/catalogue.h"
#include "bucketlint/finding.h"
#include "bucketlint/model.h"
#include "bucketlint/rule.h"
#include "policy_language.h"
#include "registry_factories.h"

namespace bucketlint::rules {
namespace {

constexpr RuleInfo kInfo{
    .id = "PL105",
    .name = "condition-key-unsupported-by-actions",
    .default_severity = Severity::kWarning,
    .stability = Stability::kStable,
    .summary = "a service condition key is supported by none of the statement's actions",
    .remediation =
        "use a condition key that the statement's actions support, or move the "
        "condition to a statement with the actions that support it",
    .doc = R"md(### What it flags

A statement with an `Action` element and a `Condition` on a service-specific key (not an
`aws:` global key, not a documented cross-service key such as `ec2:SourceInstanceArn`) when
none of the statement's actions, wildcards expanded against the built-in catalogue, lists that
key. Example: `s3:prefix` on `s3:GetObject` (only `s3:ListBucket` and its kin have a prefix).

Statements with `NotAction` or `Action: "*"` are not judged (any action may apply).

### Why it matters

A key an action does not support is absent from that action's request context, so an
ordinary operator on it is false and the statement never applies; a negated operator is
always true (docs/aws-semantics.md 5.5;
https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html,
https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html).

### Example

Failing (the prefix restriction never holds for GetObject, so nothing is allowed):

```json
{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::media/*",
 "Condition": {"StringLike": {"s3:prefix": "public/*"}}}
```

Fixed:

```json
{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::media/public/*"}
```

### How to fix

Restrict with the resource ARN or a key the action supports, or split the statement.

### Known gaps

- The catalogue lists keys per action and resource type; bucketlint takes the union, so a key
  supported only with another resource type than the statement's is not reported.
- Unknown keys are PL104.

### Access Analyzer

Corresponds to `UNSUPPORTED_ACTION_FOR_CONDITION_KEY` / `MISSING_ACTION_FOR_CONDITION_KEY`
(ERROR in Access Analyzer; a warning here because the catalogue's key lists are not
exhaustive)
(https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html).
)md",
};

class ConditionKeyUnsupportedByActions final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  void check(const RuleContext& ctx, FindingSink& sink) const override {
    const Model& model = ctx.model;
    pl::for_each_statement(model, [&](const PolicyDocument&, const Statement& stmt) {
      if (!stmt.action.present || stmt.action.is_not || stmt.conditions.empty()) return;
      // Expanded when a key needs it: most keys are global (aws:*) and need no actions.
      std::vector<catalogue::ActionInfo> actions;
      bool expanded = false;
      for (const ConditionEntry& entry : stmt.conditions) {
        const auto key = catalogue::find_condition_key(entry.key);
        if (!key || key->global || key->cross_service) continue;
        if (!expanded) {
          expanded = true;
          if (!pl::expand_actions(stmt, actions) || actions.empty()) return;  // not judged
        }
        bool supported = false;
        for (const auto& action : actions) {
          if (catalogue::action_supports_key(action, entry.key)) {
            supported = true;
            break;
          }
        }
        if (supported) continue;
        sink.report(
            make_finding(kInfo, entry.key_where,
                         fmt::format("condition key '{}' is supported by none of the actions of {}",
                                     entry.key, stmt.label())));
      }
    });
  }
};

}  // namespace

std::unique_ptr<Rule> make_condition_key_unsupported_by_actions() {
  return std::make_unique<ConditionKeyUnsupportedByActions>();
}

}  // namespace bucketlint::rules
