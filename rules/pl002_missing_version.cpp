#include <fmt/format.h>

#include <memory>

#include "bucketlint/model.h"
#include "bucketlint/rule.h"
#include "helpers.h"
#include "registry_factories.h"

namespace bucketlint::rules {
namespace {

constexpr RuleInfo kInfo{
    .id = "PL002",
    .name = "missing-version",
    .default_severity = Severity::kWarning,
    .stability = Stability::kStable,
    .summary = "the policy has no Version element",
    .remediation = "add 'Version' with the value '2012-10-17' as the first element of the policy",
    .doc = R"md(### What it flags

A policy document without a top-level `Version` element.

### Why it matters

Without `Version`, newer policy language features are off: policy variables such as
`${aws:username}` are not substituted but compared as literal text. The older IAM documentation
says a missing `Version` defaults to `2008-10-17`; the Access Analyzer reference says it
"defaults to 2012-10-17, but newer features, such as policy variables, will not work". Either way
the policy behaves differently from what a reader assumes (docs/aws-semantics.md 10.1 and 11.5;
https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_version.html).

### Example

Failing:

```json
{"Statement": [{"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::amzn-s3-demo-bucket"}]}
```

Fixed:

```json
{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::amzn-s3-demo-bucket"}]}
```

### How to fix

Add `"Version": "2012-10-17"`.

### Known gaps

None known. Policies that use variables without a `Version` are additionally reported by PL003.

### Access Analyzer

`MISSING_VERSION` (general warning) in IAM Access Analyzer policy validation
(https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html).
)md",
};

class MissingVersion final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  void check(const RuleContext& ctx, FindingSink& sink) const override {
    const Model& model = ctx.model;
    for (const auto& doc : model.policies) {
      if (doc->json == nullptr || !doc->json->is_object()) continue;
      if (doc->json->find("Version") != nullptr) continue;
      sink.report(make_finding(kInfo, doc->where,
                               fmt::format("{} has no 'Version'; policy variables and newer "
                                           "features are not available",
                                           doc->label())));
    }
  }
};

}  // namespace

std::unique_ptr<Rule> make_missing_version() { return std::make_unique<MissingVersion>(); }

}  // namespace bucketlint::rules
