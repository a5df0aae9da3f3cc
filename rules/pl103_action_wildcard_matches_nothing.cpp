#include <fmt/format.h>

#include "bucketlint/catalogue.h"
#include "bucketlint/finding.h"
#include "bucketlint/model.h"
#include "bucketlint/rule.h"
#include "policy_language.h"
#include "registry_factories.h"

namespace bucketlint::rules {
namespace {

constexpr RuleInfo kInfo{
    .id = "PL103",
    .name = "action-wildcard-matches-nothing",
    .default_severity = Severity::kError,
    .stability = Stability::kStable,
    .summary = "an action wildcard matches no action of the service",
    .remediation = "correct the pattern so that it matches the intended actions",
    .doc = R"md(### What it flags

An `Action` or `NotAction` value with `*` or `?` in the action name (e.g. `s3:Get*Objekt`,
`ec2:Descibe*`) that matches no action of the built-in IAM catalogue for a known service.
Matching is case-insensitive, as IAM matches actions.

### Why it matters

IAM expands action wildcards against the service's actions (docs/aws-semantics.md 5.4;
https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html). A
pattern that matches nothing grants or denies nothing; usually it is a typo in the fixed part
of the pattern, or trailing white space (`"ec2:* "`).

### Example

Failing:

```json
{"Effect": "Allow", "Action": "ec2:Descibe*", "Resource": "*"}
```

Fixed:

```json
{"Effect": "Allow", "Action": "ec2:Describe*", "Resource": "*"}
```

### How to fix

Fix the fixed part of the pattern, or remove the value.

### Known gaps

- A pattern written for actions a service adds later is reported until the catalogue is
  refreshed.
- Wildcards in the service part are handled by PL101.

### Access Analyzer

Access Analyzer reports such values as `INVALID_ACTION` (ERROR)
(https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html).
)md",
};

class ActionWildcardMatchesNothing final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  void check(const RuleContext& ctx, FindingSink& sink) const override {
    const Model& model = ctx.model;
    pl::for_each_statement(model, [&](const PolicyDocument&, const Statement& stmt) {
      for (const LocatedString& action : stmt.action.values) {
        const auto parts = pl::split_action(action.value);
        if (!parts || !pl::has_wildcard(parts->name) || pl::has_wildcard(parts->service)) continue;
        if (!catalogue::find_service(parts->service)) continue;  // PL101
        if (catalogue::any_action_matches(action.value)) continue;
        if (pl::extra_action(model, action.value)) continue;  // declared in the config
        sink.report(
            make_finding(kInfo, action.where,
                         fmt::format("action pattern '{}' matches no '{}' action", action.value,
                                     catalogue::find_service(parts->service)->prefix)));
      }
    });
  }
};

}  // namespace

std::unique_ptr<Rule> make_action_wildcard_matches_nothing() {
  return std::make_unique<ActionWildcardMatchesNothing>();
}

}  // namespace bucketlint::rules
