#include <fmt/format.h>

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "bucketlint/catalogue.h"
#include "bucketlint/finding.h"
#include "bucketlint/model.h"
#include "bucketlint/rule.h"
#include "policy_language.h"
#include "registry_factories.h"

namespace bucketlint::rules {
namespace {

constexpr RuleInfo kInfo{
    .id = "PL102",
    .name = "unknown-action",
    .default_severity = Severity::kError,
    .stability = Stability::kStable,
    .summary = "an action does not exist in its service",
    .remediation = "use the action name from the Service Authorization Reference",
    .doc = R"md(### What it flags

An `Action` or `NotAction` value without wildcards whose service exists but whose action name
is not one of that service's actions in the built-in IAM catalogue, e.g. `s3:GetObjects` or
`s3:PutBucketAcls`. Names are compared case-insensitively, as IAM does. The message suggests
the closest action of the service (case-insensitive edit distance, at most a quarter of
the name's length, at least 2).

### Why it matters

A misspelt action matches no request: an `Allow` grants nothing, a `Deny` guards nothing
(docs/aws-semantics.md 5.4; https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html).
IAM accepts the policy all the same, so the mistake shows only when access fails, or, for a
`Deny`, never.

### Example

Failing:

```json
{"Effect": "Deny", "Action": "s3:DeleteObjects", "Resource": "arn:aws:s3:::logs/*"}
```

Fixed (`DeleteObjects` is the API name; the IAM action is `s3:DeleteObject`):

```json
{"Effect": "Deny", "Action": "s3:DeleteObject", "Resource": "arn:aws:s3:::logs/*"}
```

### How to fix

Use the IAM action name. API operation names and IAM action names differ for some services
(S3 `DeleteObjects` is authorised as `s3:DeleteObject`).

### Known gaps

- Actions added after the catalogue date are reported until the catalogue is refreshed, or
  until they are declared in `.bucketlint.yaml` (`catalogue: {extra_actions: ["s3:NewAction"]}`;
  wildcards allowed).
- Unknown service prefixes are PL101; wildcards are PL103.

### Access Analyzer

Mirrors `INVALID_ACTION` (ERROR)
(https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html).
)md",
};

class UnknownAction final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  void check(const RuleContext& ctx, FindingSink& sink) const override {
    const Model& model = ctx.model;
    // The verdict per distinct action text, memoised for this call (a corpus repeats the same
    // actions in many files): nullopt when known, else the finding's message.
    // Keyed by views of the model's strings, which outlive this call.
    std::unordered_map<std::string_view, std::optional<std::string>> verdicts;
    pl::for_each_statement(model, [&](const PolicyDocument&, const Statement& stmt) {
      for (const LocatedString& action : stmt.action.values) {
        auto [it, inserted] = verdicts.try_emplace(action.value);
        if (inserted) it->second = judge(model, action.value);
        if (it->second) sink.report(make_finding(kInfo, action.where, *it->second));
      }
    });
  }

 private:
  static std::optional<std::string> judge(const Model& model, std::string_view value) {
    const auto parts = pl::split_action(value);
    if (!parts || pl::has_wildcard(value)) return std::nullopt;
    if (catalogue::find_action(parts->service, parts->name)) return std::nullopt;
    if (!catalogue::find_service(parts->service)) return std::nullopt;  // PL101
    if (pl::extra_action(model, value)) return std::nullopt;            // declared in the config
    std::string message = fmt::format("unknown action '{}'", value);
    if (const auto near = catalogue::suggest_action(parts->service, parts->name)) {
      message += fmt::format("; did you mean '{}'?", near->qualified());
    } else {
      // Not a misspelling of a known action: most likely one added after the catalogue.
      message += fmt::format(
          "; not close to any action of the built-in catalogue ({}), so it may be newer: if it "
          "exists, declare it in .bucketlint.yaml under catalogue: extra_actions",
          catalogue_date());
    }
    return message;
  }
};

}  // namespace

std::unique_ptr<Rule> make_unknown_action() { return std::make_unique<UnknownAction>(); }

}  // namespace bucketlint::rules
