#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <memory>
#include <string>

#include "bucketlint/eval.h"
#include "bucketlint/model.h"
#include "bucketlint/rule.h"
#include "bucketlint/text.h"
#include "fix_snippets.h"
#include "registry_factories.h"

namespace bucketlint::rules {
namespace {

constexpr RuleInfo kInfo{
    .id = "TR002",
    .name = "trust-anyone",
    .default_severity = Severity::kError,
    .stability = Stability::kStable,
    .summary = "a trust policy lets anyone assume the role",
    .remediation =
        "name the trusted principals (account, role or user ARNs) instead of '*', or "
        "add a condition that narrows who (aws:PrincipalOrgID, aws:PrincipalArn, "
        "sts:ExternalId)",
    .doc = R"md(### What it flags

An `Allow` statement of a role trust policy with `"Principal": "*"` or `{"AWS": "*"}` that lets
a stranger assume the role: bucketlint asks the evaluator whether a session of a role in an
unrelated account may call `sts:AssumeRole` under this statement, with every request key it
cannot know left unknown. The statement is flagged when the answer is yes, or when it depends
only on keys that do not say *who* calls (`aws:SecureTransport`, `aws:MultiFactorAuthPresent`,
`aws:CurrentTime`, `aws:EpochTime`, `aws:RequestedRegion`, `aws:UserAgent`,
`sts:RoleSessionName`, `sts:DurationSeconds`), and no Deny of the same policy stops the stranger.
Conditions on `aws:PrincipalOrgID`, `aws:PrincipalAccount`, `aws:PrincipalArn`, `sts:ExternalId`,
`aws:SourceIp` and the like narrow who and are accepted.

### Why it matters

`{"AWS": "*"}` covers "any root user, IAM user, assumed-role session or federated user in any
account" (docs/aws-semantics.md section 5.2;
https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html).
Anyone who learns the role ARN gets its permissions: in bucketlint's setting, the right to write
into (or read) the bucket. A role trust policy is the only gate on `sts:AssumeRole` from another
account besides the caller's own identity policy, which the caller controls (docs/aws-semantics.md 6).

### Example

Failing:

```json
{"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "sts:AssumeRole"}
```

Fixed:

```json
{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::222222222222:role/site-uploader"},
 "Action": "sts:AssumeRole"}
```

### How to fix

Replace `*` with the ARNs of the callers, or keep `*` and add a condition such as
`{"StringEquals": {"aws:PrincipalOrgID": "o-exampleorgid"}}`.

### Known gaps

- Web-identity and SAML trust (`sts:AssumeRoleWithWebIdentity`, `Federated`) is not checked here.
- Whether a condition "narrows who" is decided from the keys it uses, by the list above.

### Access Analyzer

Access Analyzer's external-access findings report such roles as public; validate-policy has no
dedicated check.
)md",
};

// Keys that do not restrict who the caller is (lower-case).
constexpr std::array<std::string_view, 8> kNotIdentityKeys{
    "aws:securetransport", "aws:multifactorauthpresent", "aws:currenttime",
    "aws:epochtime",       "aws:requestedregion",        "aws:useragent",
    "sts:rolesessionname", "sts:durationseconds",
};

bool narrows_who(const eval::Dependency& d) {
  const std::string key = text::ascii_lower(d.key);
  return std::find(kNotIdentityKeys.begin(), kNotIdentityKeys.end(), key) == kNotIdentityKeys.end();
}

bool is_wildcard(const PrincipalValue& v) {
  return v.type == "*" || (v.type == "AWS" && v.value == "*");
}

class TrustAnyone final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }

  void check(const RuleContext& ctx, FindingSink& sink) const override {
    const Model& model = ctx.model;
    for (const auto& owned : model.policies) {
      const PolicyDocument& policy = *owned;
      if (policy.kind != PolicyKind::kTrust) continue;
      const std::string role_arn = trust_role_arn(model, policy);
      const std::string account = policy_account(model, policy);
      // A stranger: a role session in an account that is none of the model's.
      eval::Principal stranger = eval::parse_principal("arn:aws:iam::999999999999:role/stranger")
                                     .value_or(eval::Principal{});
      stranger.kind = eval::PrincipalKind::kRoleSession;
      const eval::Request req = assume_role_request(stranger, role_arn, account);
      const eval::Context req_context = eval::effective_context(req);
      // A Deny that stops the stranger (or may) closes the door.
      bool denied = false;
      for (const Statement& stmt : policy.statements) {
        if (stmt.effect != Effect::kDeny) continue;
        const eval::StatementMatch m = eval::match_statement(policy, stmt, req, req_context);
        if (m.applies == eval::Tri::kTrue ||
            (m.applies == eval::Tri::kUnknown &&
             std::any_of(m.depends_on.begin(), m.depends_on.end(), narrows_who))) {
          denied = true;
        }
      }
      if (denied) continue;
      for (const Statement& stmt : policy.statements) {
        if (stmt.effect != Effect::kAllow || stmt.principal.is_not) continue;
        const PrincipalValue* wildcard = nullptr;
        for (const PrincipalValue& v : stmt.principal.values) {
          if (is_wildcard(v)) wildcard = &v;
        }
        if (wildcard == nullptr) continue;
        const eval::StatementMatch m = eval::match_statement(policy, stmt, req, req_context);
        if (m.applies == eval::Tri::kFalse) continue;
        if (m.applies == eval::Tri::kUnknown &&
            std::any_of(m.depends_on.begin(), m.depends_on.end(), narrows_who)) {
          continue;
        }
        Finding f = make_finding(
            kInfo, wildcard->where,
            fmt::format("{} of the {} lets any AWS principal of any account assume '{}'{}",
                        stmt.label(), policy.label(), role_arn,
                        stmt.has_condition ? ": its conditions do not narrow who" : ""));
        if (stmt.has_condition) {
          f.notes.push_back({stmt.condition_where, "these conditions do not restrict the caller"});
        }
        sink.report(std::move(f));
      }
    }
  }
};

}  // namespace

std::unique_ptr<Rule> make_trust_anyone() { return std::make_unique<TrustAnyone>(); }

}  // namespace bucketlint::rules
