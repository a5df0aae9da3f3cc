#include <fmt/format.h>
#include <re2/re2.h>

#include <array>
#include <string_view>

#include "bucketlint/finding.h"
#include "bucketlint/model.h"
#include "bucketlint/rule.h"
#include "policy_language.h"
#include "registry_factories.h"

namespace bucketlint::rules {
namespace {

constexpr RuleInfo kInfo{
    .id = "PL114",
    .name = "invalid-principal-format",
    .default_severity = Severity::kError,
    .stability = Stability::kStable,
    .summary = "a principal is not in a form AWS accepts",
    .remediation =
        "write principals as an account ID or IAM/STS ARN (AWS), "
        "'<service>.amazonaws.com' (Service), a SAML/OIDC provider ARN or a "
        "supported web identity provider (Federated), or a 64-hex canonical ID",
    .doc = R"md(### What it flags

Values of `Principal` / `NotPrincipal` that are not in a documented form:

- `Service`: anything but a service principal name such as `cloudfront.amazonaws.com`,
  `logs.us-east-1.amazonaws.com` or `ec2.amazonaws.com.cn` (an ARN, `*`, a bare name);
- `Federated` (reported as a warning): anything but a `saml-provider/` or `oidc-provider/` ARN
  or one of the web identity providers IAM documents (`cognito-identity.amazonaws.com`,
  `www.amazon.com`, `graph.facebook.com`, `accounts.google.com`);

`AWS` and `CanonicalUser` values, unknown principal types and wildcards are the grammar's:
PL018 (account IDs) and PL019 (malformed principals) report them, so a value is reported once.
The CloudFront OAI ARN and the OAI's canonical user ID are valid forms and never flagged.

Values with template variables (`${...}`) are not judged.

### Why it matters

IAM and S3 reject policies with principals they cannot resolve ("Invalid principal in
policy"); where a dump or template carries such a value, the deployed policy either failed
to save or differs from what was reviewed (docs/aws-semantics.md 5.2;
https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html).
Unlike parliament, bucketlint accepts the OAI ARN and canonical-user forms, which S3 bucket
policies use for CloudFront (docs/aws-semantics.md 4.1).

### Example

Failing:

```json
"Principal": {"Service": "arn:aws:iam::111122223333:role/cloudfront"}
```

Fixed:

```json
"Principal": {"Service": "cloudfront.amazonaws.com"}
```

### How to fix

Use the documented form for the principal type.

### Known gaps

- Whether a service principal name belongs to a real service is not checked, only its form.
- Wildcards inside principal ARNs are left to the grammar rules.

### Access Analyzer

Mirrors `INVALID_SERVICE_PRINCIPAL_FORMAT`, `INVALID_PRINCIPAL_FORMAT`,
`INVALID_PRINCIPAL_KEY` (ERROR) and `INVALID_FEDERATED_PRINCIPAL_SYNTAX_IN_ROLE_TRUST_POLICY`
(https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html).
)md",
};

const RE2& service_re() {
  static const RE2 re(
      R"((?i)[a-z0-9][a-z0-9-]*(\.[a-z0-9-]+)*\.(amazonaws\.com|amazonaws\.com\.cn|amazon\.com))",
      RE2::Quiet);
  return re;
}

const RE2& federated_arn_re() {
  static const RE2 re(R"(arn:aws[a-z-]*:iam::[0-9]{12}:(saml-provider|oidc-provider)/.+)",
                      RE2::Quiet);
  return re;
}

bool known_web_identity(std::string_view v) {
  static constexpr std::array<std::string_view, 4> kProviders{
      "cognito-identity.amazonaws.com", "www.amazon.com", "graph.facebook.com",
      "accounts.google.com"};
  for (const auto p : kProviders) {
    if (v == p) return true;
  }
  return false;
}

class InvalidPrincipalFormat final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  void check(const RuleContext& ctx, FindingSink& sink) const override {
    const Model& model = ctx.model;
    pl::for_each_statement(model, [&](const PolicyDocument&, const Statement& stmt) {
      for (const PrincipalValue& p : stmt.principal.values) {
        if (p.type.empty() || p.type == "*") continue;  // bare strings: grammar rules
        if (p.value.find("${") != std::string::npos || has_unresolved_part(p.value)) continue;
        if (p.value.find_first_of("*?") != std::string::npos) continue;  // PL019
        std::string message;
        Severity severity = kInfo.default_severity;
        if (p.type == "Service") {
          if (RE2::FullMatch(p.value, service_re())) continue;
          message = fmt::format("'{}' is not a service principal name", p.value);
        } else if (p.type == "Federated") {
          if (RE2::FullMatch(p.value, federated_arn_re()) || known_web_identity(p.value)) continue;
          message = fmt::format(
              "'{}' is not a SAML or OIDC provider ARN or a supported web identity provider",
              p.value);
          severity = Severity::kWarning;  // new identity providers appear; not certain
        } else {
          continue;  // AWS, CanonicalUser and unknown types: PL018/PL019
        }
        Finding f = make_finding(kInfo, p.where, std::move(message));
        f.severity = severity;
        sink.report(std::move(f));
      }
    });
  }
};

}  // namespace

std::unique_ptr<Rule> make_invalid_principal_format() {
  return std::make_unique<InvalidPrincipalFormat>();
}

}  // namespace bucketlint::rules
