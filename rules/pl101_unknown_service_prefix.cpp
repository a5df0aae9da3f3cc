#include <fmt/format.h>

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>

#include "bucketlint/catalogue.h"
#include "bucketlint/finding.h"
#include "bucketlint/model.h"
#include "bucketlint/rule.h"
#include "policy_language.h"
#include "registry_factories.h"

namespace bucketlint::rules {
namespace {

constexpr RuleInfo kInfo{
    .id = "PL101",
    .name = "unknown-service-prefix",
    .default_severity = Severity::kError,
    .stability = Stability::kStable,
    .summary = "an action names a service prefix that does not exist",
    .remediation =
        "use the service prefix from the Service Authorization Reference "
        "(e.g. 's3', 'iam', 'cloudfront')",
    .doc = R"md(### What it flags

An `Action` or `NotAction` value whose service prefix (the part before `:`) is not a service
of the IAM catalogue built into bucketlint (see `bucketlint --version` for its date), e.g.
`s3x:GetObject` or `cloudfrnt:*`. Prefixes are compared case-insensitively, as IAM does
(`S3:GetObject` is fine). A wildcard in the prefix is flagged only when it matches no
service.

### Why it matters

IAM matches actions by `service:action`; a statement with an unknown prefix never matches a
request, so the permission it was meant to grant (or deny) silently does not exist
(docs/aws-semantics.md 5.4; https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html).
A misspelt prefix in a `Deny` statement is worse: the guard-rail is not there.

### Example

Failing:

```json
{"Effect": "Allow", "Action": "s3x:GetObject", "Resource": "arn:aws:s3:::media/*"}
```

Fixed:

```json
{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::media/*"}
```

### How to fix

Correct the prefix; the message suggests the closest known prefix when there is one within
two edits.

### Known gaps

- The catalogue is a snapshot: a service launched after the catalogue date is reported until
  the catalogue is refreshed (`tools/catalogue/`). When the prefix is not within two edits of a
  known one, the message says that it may be newer than the catalogue and names its date.
  Declare such services (or single actions) in `.bucketlint.yaml`:

  ```yaml
  catalogue:
    extra_services: [quantumledger]          # every action of the service
    extra_actions: ["payments:CreatePayment", "s3:NewAction*"]
  ```

  PL101, PL102 and PL103 then accept them.
- Values without `:` are left to the grammar rules.

### Access Analyzer

Mirrors `INVALID_SERVICE_IN_ACTION` (ERROR) of IAM Access Analyzer policy validation
(https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html).
)md",
};

bool service_exists(std::string_view prefix) {
  if (!pl::has_wildcard(prefix)) return catalogue::find_service(prefix).has_value();
  return catalogue::any_action_matches(fmt::format("{}:*", prefix));
}

class UnknownServicePrefix final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  void check(const RuleContext& ctx, FindingSink& sink) const override {
    const Model& model = ctx.model;
    // "Did you mean" per unknown prefix, memoised for this call: a corpus repeats the same
    // unknown prefixes, and each suggestion compares against every service.
    std::unordered_map<std::string, std::optional<catalogue::ServiceInfo>> suggestions;
    // Consecutive actions mostly name the same service: the last answer is reused.
    std::optional<std::pair<std::string_view, bool>> last;  // prefix (into the model), exists
    pl::for_each_statement(model, [&](const PolicyDocument&, const Statement& stmt) {
      for (const LocatedString& action : stmt.action.values) {
        const auto parts = pl::split_action(action.value);
        if (!parts) continue;
        if (!last || last->first != parts->service) {
          last.emplace(parts->service,
                       service_exists(parts->service) || pl::extra_service(model, parts->service));
        }
        if (last->second) continue;
        std::string message =
            fmt::format("unknown service prefix '{}' in action '{}'", parts->service, action.value);
        auto [it, inserted] = suggestions.try_emplace(std::string(parts->service));
        if (inserted) it->second = catalogue::suggest_service(parts->service);
        if (const auto& near = it->second) {
          message += fmt::format("; did you mean '{}'?", near->prefix);
        } else if (!pl::has_wildcard(parts->service)) {
          // Not a misspelling of a known service: most likely one launched after the catalogue.
          message += fmt::format(
              "; not close to any service of the built-in catalogue ({}), so it may be newer: "
              "if it exists, declare it in .bucketlint.yaml under catalogue: extra_services",
              catalogue_date());
        }
        sink.report(make_finding(kInfo, action.where, std::move(message)));
      }
    });
  }
};

}  // namespace

std::unique_ptr<Rule> make_unknown_service_prefix() {
  return std::make_unique<UnknownServicePrefix>();
}

}  // namespace bucketlint::rules
