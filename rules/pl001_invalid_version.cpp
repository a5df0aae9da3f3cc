#include <fmt/format.h>

#include <memory>

#include "bucketlint/model.h"
#include "bucketlint/rule.h"
#include "helpers.h"
#include "registry_factories.h"

namespace bucketlint::rules {
namespace {

constexpr RuleInfo kInfo{
    .id = "PL001",
    .name = "invalid-version",
    .default_severity = Severity::kError,
    .stability = Stability::kStable,
    .summary = "the policy Version is neither '2012-10-17' nor '2008-10-17'",
    .remediation = "set 'Version' to '2012-10-17', the current policy language version",
    .doc = R"md(### What it flags

A policy whose top-level `Version` is a string other than `2012-10-17` or `2008-10-17`, e.g.
a date typed by hand (`"2012-10-18"`), the creation date of the policy, or `"1"`.

### Why it matters

`Version` names the policy language version, not a revision of the policy. Only the two values
above exist; IAM and S3 reject any other value when the policy is saved (docs/aws-semantics.md 10.1;
https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_version.html).

### Example

Failing:

```json
{"Version": "2023-01-01", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}
```

Fixed:

```json
{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}
```

### How to fix

Use `"2012-10-17"`. Keep track of policy revisions in version control or in the `Id`/`Sid`
elements, not in `Version`.

### Known gaps

A `Version` that is not a string (a number, an object) is reported by IN009 by the loader and
not again here. A missing `Version` is PL002.

### Access Analyzer

`INVALID_VERSION` (error) in IAM Access Analyzer policy validation
(https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html).
)md",
};

class InvalidVersion final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  void check(const RuleContext& ctx, FindingSink& sink) const override {
    const Model& model = ctx.model;
    for (const auto& doc : model.policies) {
      if (!doc->version) continue;
      const std::string_view v = doc->version->value;
      if (v == "2012-10-17" || v == "2008-10-17") continue;
      sink.report(make_finding(
          kInfo, doc->version->where,
          fmt::format("policy version '{}' is not a policy language version; use '2012-10-17'",
                      v)));
    }
  }
};

}  // namespace

std::unique_ptr<Rule> make_invalid_version() { return std::make_unique<InvalidVersion>(); }

}  // namespace bucketlint::rules
