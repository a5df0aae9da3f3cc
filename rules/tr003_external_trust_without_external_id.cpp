#include <fmt/format.h>

#include <memory>
#include <string>

#include "bucketlint/eval.h"
#include "bucketlint/model.h"
#include "bucketlint/rule.h"
#include "fix_snippets.h"
#include "registry_factories.h"

namespace bucketlint::rules {
namespace {

constexpr RuleInfo kInfo{
    .id = "TR003",
    .name = "external-trust-without-external-id",
    .default_severity = Severity::kWarning,
    .stability = Stability::kStable,
    .summary = "a trust policy trusts an account outside trusted_accounts without sts:ExternalId",
    .remediation =
        "require the external ID the third party gave you: \"Condition\": "
        "{\"StringEquals\": {\"sts:ExternalId\": \"<id>\"}}; or list the account in "
        "trusted_accounts of .bucketlint.yaml if it is one of yours",
    .doc = R"md(### What it flags

An `Allow` statement of a role trust policy that trusts a principal of another account (its
12-digit ID, its `:root` ARN, or a role or user ARN in it) that is neither the role's own account
nor listed in `trusted_accounts` of `.bucketlint.yaml`, and that still lets that principal assume
the role when it sends no `sts:ExternalId`: bucketlint asks the evaluator with `sts:ExternalId`
absent from the request.

When `trusted_accounts` is not configured bucketlint cannot tell a third party from your own
organisation: the finding is then a **note** that says so.

### Why it matters

A third party that assumes roles in many customers' accounts can be tricked into using its access
to your role on someone else's behalf (the confused deputy). AWS's answer is an external ID that
the third party generates per customer and that your trust policy requires (docs/aws-semantics.md section 6,
row 35 of section 13;
https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-user_externalid.html,
https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html).

### Example

Failing (`trusted_accounts: ["111111111111"]`):

```json
{"Effect": "Allow", "Principal": {"AWS": "222222222222"}, "Action": "sts:AssumeRole"}
```

Fixed:

```json
{"Effect": "Allow", "Principal": {"AWS": "222222222222"}, "Action": "sts:AssumeRole",
 "Condition": {"StringEquals": {"sts:ExternalId": "12345"}}}
```

### How to fix

Ask the third party for its external ID for you and require it in the trust statement (the help
gives the statement), or add the account to `trusted_accounts` when it is yours.

### Known gaps

- An ExternalId is not a secret; the rule only checks that one is required.
- Conditions on other keys that are absent from a plain AssumeRole call (for example
  `aws:PrincipalOrgID`) also make the statement not apply without an ExternalId, and are accepted.
- Trusting `*` is TR002's concern.

### Access Analyzer

Access Analyzer's external-access findings list cross-account trust; validate-policy has no
dedicated check.
)md",
};

class ExternalTrustWithoutExternalId final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }

  void check(const RuleContext& ctx, FindingSink& sink) const override {
    const Model& model = ctx.model;
    const eval::IdentityDirectory& directory = ctx.access.directory();
    for (const auto& owned : model.policies) {
      const PolicyDocument& policy = *owned;
      if (policy.kind != PolicyKind::kTrust) continue;
      const std::string role_arn = trust_role_arn(model, policy);
      const std::string account = policy_account(model, policy);
      for (const Statement& stmt : policy.statements) {
        if (stmt.effect != Effect::kAllow || stmt.principal.is_not) continue;
        for (const PrincipalValue& v : stmt.principal.values) {
          if (v.type != "AWS" || v.value == "*") continue;
          const std::optional<eval::Principal> p = eval::principal_from_value(v, &directory);
          if (!p || p->account.empty() || p->account == account) continue;
          if (model.is_trusted_account(p->account)) continue;
          // A static question that sends no sts:ExternalId: absent, not unknown. Every other key
          // is as a static question leaves it, so only a statement certain to apply is reported.
          eval::Request req = assume_role_request(*p, role_arn, account);
          req.context.set_absent("sts:ExternalId");
          const eval::Context req_context = eval::effective_context(req);
          if (eval::match_statement(policy, stmt, req, req_context, &directory).applies !=
              eval::Tri::kTrue) {
            continue;
          }
          Finding f = make_finding(
              kInfo, v.where,
              fmt::format(
                  "{} of the {} lets {} assume '{}' without sts:ExternalId{}", stmt.label(),
                  policy.label(), principal_value_label(v), role_arn,
                  model.trusted_accounts_configured
                      ? fmt::format(", and account '{}' is not in trusted_accounts", p->account)
                      : ""));
          if (!model.trusted_accounts_configured) {
            f.severity = Severity::kNote;
            f.notes.push_back(
                {v.where, fmt::format("trusted_accounts is not configured in .bucketlint.yaml: "
                                      "if account '{}' is one of yours, list it there",
                                      p->account)});
          }
          f.remediation = fmt::format(
              "if '{}' is a third party, require its external ID: {}; if it is your own "
              "account, add it to trusted_accounts in .bucketlint.yaml",
              p->account,
              trust_statement_snippet(v.value, "<external-id-from-the-third-party>", &stmt));
          sink.report(std::move(f));
        }
      }
    }
  }
};

}  // namespace

std::unique_ptr<Rule> make_external_trust_without_external_id() {
  return std::make_unique<ExternalTrustWithoutExternalId>();
}

}  // namespace bucketlint::rules
