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
    .id = "PL104",
    .name = "unknown-condition-key",
    .default_severity = Severity::kWarning,
    .stability = Stability::kStable,
    .summary = "a condition key is neither a global key nor a key of its service",
    .remediation =
        "use a key listed in the AWS global condition keys page or in the service's "
        "Service Authorization Reference page",
    .doc = R"md(### What it flags

A `Condition` key that bucketlint's built-in catalogue does not know:

- an `aws:` key that is not a global condition key (e.g. `aws:SourceIP` is fine, since keys
  are case-insensitive, but `aws:SourceIps` is not);
- a `service:` key of a known service that the service does not define (e.g. `s3:x-amz-acls`);
- a key whose prefix is no service at all and does not look like an identity-provider key.

Templates are honoured: `aws:RequestTag/team`, `aws:PrincipalTag/dept`,
`s3:ExistingObjectTag/classification` and `kms:EncryptionContext:purpose` match the
catalogue's `${TagKey}` / `<key>` forms. Keys whose prefix has characters a service prefix cannot have (OIDC
provider keys such as `oidc.eks.us-east-1.amazonaws.com/id/EXAMPLE:sub`, documentation
placeholders such as `<provider>:sub`) are not judged.

### Why it matters

A condition on a key that is never in the request context is false for every ordinary
operator and true for the negated ones and `...IfExists` (docs/aws-semantics.md 5.5;
https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html).
A misspelt key therefore silently turns an `Allow` off or a `Deny` guard-rail into
"always" or "never". Global keys:
https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html.

### Example

Failing:

```json
"Condition": {"StringEquals": {"aws:PrincipalOrgId": "o-a1b2c3d4e5"}}
```

is fine (case-insensitive), but this is not:

```json
"Condition": {"StringEquals": {"aws:PrincipalOrganization": "o-a1b2c3d4e5"}}
```

Fixed:

```json
"Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-a1b2c3d4e5"}}
```

### How to fix

Use the documented key; the message suggests the closest one with the same prefix.

### Known gaps

- The global keys are listed by hand (`data/iam-global-condition-keys.json`); a global key
  AWS adds later is reported until that list is updated. Undocumented keys that AWS's own
  policies use (e.g. `aws:PrincipalOrgMasterAccountId`) are reported.
- Warning, not error: IAM accepts unknown keys, and the hand-made list may lag.

### Access Analyzer

Mirrors `INVALID_GLOBAL_CONDITION_KEY` and `INVALID_SERVICE_CONDITION_KEY` (ERROR in Access
Analyzer; a warning here, see Known gaps)
(https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html).
)md",
};

using text::iequals;

class UnknownConditionKey final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  void check(const RuleContext& ctx, FindingSink& sink) const override {
    const Model& model = ctx.model;
    pl::for_each_statement(model, [&](const PolicyDocument&, const Statement& stmt) {
      for (const ConditionEntry& entry : stmt.conditions) {
        if (catalogue::find_condition_key(entry.key)) continue;
        const std::size_t colon = entry.key.find(':');
        std::string message;
        if (colon == std::string::npos) {
          message = fmt::format("condition key '{}' has no service prefix", entry.key);
        } else {
          const std::string_view prefix = std::string_view(entry.key).substr(0, colon);
          if (iequals(prefix, "aws")) {
            message = fmt::format("unknown global condition key '{}'", entry.key);
          } else if (const auto svc = catalogue::find_service(prefix)) {
            message = fmt::format("service '{}' has no condition key '{}'", svc->prefix, entry.key);
          } else if (prefix.find_first_not_of("abcdefghijklmnopqrstuvwxyz"
                                              "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-") !=
                     std::string_view::npos) {
            // Identity-provider keys ('oidc.eks...amazonaws.com/id/X:sub') and placeholders
            // ('<OIDC_provider_name>:sub') are no service prefix: not judged.
            continue;
          } else {
            message = fmt::format("condition key '{}' has unknown service prefix '{}'", entry.key,
                                  prefix);
          }
        }
        if (const auto near = catalogue::suggest_condition_key(entry.key)) {
          message += fmt::format("; did you mean '{}'?", near->name);
        }
        sink.report(make_finding(kInfo, entry.key_where, std::move(message)));
      }
    });
  }
};

}  // namespace

std::unique_ptr<Rule> make_unknown_condition_key() {
  return std::make_unique<UnknownConditionKey>();
}

}  // namespace bucketlint::rules
