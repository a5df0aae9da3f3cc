#include <fmt/format.h>

#include "bucketlint/finding.h"
#include "bucketlint/model.h"
#include "bucketlint/rule.h"
#include "policy_language.h"
#include "registry_factories.h"

namespace bucketlint::rules {
namespace {

constexpr RuleInfo kInfo{
    .id = "PL113",
    .name = "allow-not-action-or-not-resource-star",
    .default_severity = Severity::kWarning,
    .stability = Stability::kStable,
    .summary =
        "an Allow statement uses NotAction on every resource, or NotResource with every "
        "action",
    .remediation = "list the actions and resources to allow instead of the ones to leave out",
    .doc = R"md(### What it flags

An `Allow` statement with

- `NotAction` and `"Resource": "*"` (everything but the listed actions, on every resource), or
- `NotResource` and `"Action": "*"` or `NotAction` (every action on everything but the listed
  resources).

### Why it matters

`NotAction` with `Allow` grants every action not listed, including actions of services that
do not exist yet; `NotResource` with `Allow` grants on every resource not listed, including
those created later. AWS warns: "You should never use" `Allow` with `"*"` action and
`NotResource` (docs/aws-semantics.md 5.3;
https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notaction.html,
https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notresource.html).
It is common in permissions boundaries and in AWS's `PowerUserAccess`, where it is deliberate;
in a bucket or identity policy it is usually an over-grant.

### Example

Failing:

```json
{"Effect": "Allow", "NotAction": "iam:*", "Resource": "*"}
```

Fixed:

```json
{"Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject"],
 "Resource": "arn:aws:s3:::media/*"}
```

### How to fix

Allow what is needed; use a separate `Deny` for the exceptions.

### Known gaps

- Deliberate uses (permissions boundaries) need a suppression with a reason.

### Access Analyzer

No exact Access Analyzer counterpart; closest are `PASS_ROLE_WITH_NOT_ACTION_AND_NOT_RESOURCE`
and `CREATE_SLR_WITH_NOT_ACTION_AND_NOT_RESOURCE`
(https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html).
)md",
};

bool has_star(const StringListElement& list) {
  for (const LocatedString& v : list.values) {
    if (v.value == "*") return true;
  }
  return false;
}

class AllowNotActionOrNotResourceStar final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  void check(const RuleContext& ctx, FindingSink& sink) const override {
    const Model& model = ctx.model;
    pl::for_each_statement(model, [&](const PolicyDocument&, const Statement& stmt) {
      if (stmt.effect != Effect::kAllow) return;
      if (stmt.action.present && stmt.action.is_not && stmt.resource.present &&
          !stmt.resource.is_not && has_star(stmt.resource)) {
        sink.report(make_finding(
            kInfo, stmt.action.where,
            fmt::format("{} allows every action except those in NotAction, on every resource",
                        stmt.label())));
        return;
      }
      if (stmt.resource.present && stmt.resource.is_not && stmt.action.present &&
          (stmt.action.is_not || has_star(stmt.action))) {
        sink.report(make_finding(
            kInfo, stmt.resource.where,
            fmt::format("{} allows {} on every resource except those in NotResource", stmt.label(),
                        stmt.action.is_not ? "every action not excluded" : "'*'")));
      }
    });
  }
};

}  // namespace

std::unique_ptr<Rule> make_allow_not_action_or_not_resource_star() {
  return std::make_unique<AllowNotActionOrNotResourceStar>();
}

}  // namespace bucketlint::rules
