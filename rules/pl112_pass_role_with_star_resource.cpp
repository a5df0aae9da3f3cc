#include <fmt/format.h>

#include "bucketlint/finding.h"
#include "bucketlint/model.h"
#include "bucketlint/rule.h"
#include "policy_language.h"
#include "registry_factories.h"

namespace bucketlint::rules {
namespace {

constexpr RuleInfo kInfo{
    .id = "PL112",
    .name = "pass-role-with-star-resource",
    .default_severity = Severity::kWarning,
    .stability = Stability::kStable,
    .summary = "iam:PassRole is allowed on every role (Resource '*')",
    .remediation =
        "list the role ARNs that may be passed, and restrict the receiving service "
        "with the iam:PassedToService condition key",
    .doc = R"md(### What it flags

An `Allow` statement of an identity policy whose `Action` includes `iam:PassRole`, by name or through a wildcard
(`iam:Pass*`, `iam:*`, `*`), and whose `Resource` includes `"*"`.

### Why it matters

Passing a role to a service lets the service act with that role's permissions. With `"*"`
the principal can hand any role of the account, including administrator roles, to a service
it controls (an EC2 instance, a Lambda function) and so escalate its own privileges
(https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html; docs/aws-semantics.md
10.3).

### Example

Failing:

```json
{"Effect": "Allow", "Action": ["ec2:RunInstances", "iam:PassRole"], "Resource": "*"}
```

Fixed:

```json
{"Effect": "Allow", "Action": "iam:PassRole",
 "Resource": "arn:aws:iam::111122223333:role/app-instance-role",
 "Condition": {"StringEquals": {"iam:PassedToService": "ec2.amazonaws.com"}}}
```

### How to fix

Name the roles; add `iam:PassedToService`.

### Known gaps

- An `iam:PassedToService` condition does not silence the finding (the set of passable roles
  is still every role).
- Resource-based and VPC endpoint policies are not judged (an `"Action": "*"` there still
  needs an identity policy to grant PassRole).
- `NotAction` / `NotResource` forms (`PASS_ROLE_WITH_NOT_RESOURCE` and kin) are not checked.

### Access Analyzer

Mirrors `PASS_ROLE_WITH_STAR_IN_RESOURCE` and `PASS_ROLE_WITH_STAR_IN_ACTION_AND_RESOURCE`
(SECURITY_WARNING)
(https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html).
)md",
};

class PassRoleWithStarResource final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  void check(const RuleContext& ctx, FindingSink& sink) const override {
    const Model& model = ctx.model;
    pl::for_each_statement(model, [&](const PolicyDocument& policy, const Statement& stmt) {
      // Only identity policies grant PassRole to their holder; in a resource or VPC endpoint
      // policy the grant still needs an identity policy, which is where it is judged.
      if (policy.kind != PolicyKind::kIdentity) return;
      if (stmt.effect != Effect::kAllow || !stmt.action.present || stmt.action.is_not) return;
      if (!stmt.resource.present || stmt.resource.is_not) return;
      const LocatedString* star = nullptr;
      for (const LocatedString& r : stmt.resource.values) {
        if (r.value == "*") star = &r;
      }
      if (star == nullptr) return;
      for (const LocatedString& a : stmt.action.values) {
        if (a.value.size() != 12 && !pl::has_wildcard(a.value)) continue;  // cheap reject
        if (!pl::glob_match(a.value, "iam:PassRole", true)) continue;
        Finding f = make_finding(
            kInfo, a.where,
            pl::has_wildcard(a.value)
                ? fmt::format("'{}' includes iam:PassRole and {} allows it on every role "
                              "(Resource '*')",
                              a.value, stmt.label())
                : fmt::format("{} allows iam:PassRole on every role (Resource '*')", stmt.label()));
        f.notes.push_back({star->where, "Resource '*' here"});
        sink.report(std::move(f));
        break;
      }
    });
  }
};

}  // namespace

std::unique_ptr<Rule> make_pass_role_with_star_resource() {
  return std::make_unique<PassRoleWithStarResource>();
}

}  // namespace bucketlint::rules
