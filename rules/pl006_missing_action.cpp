#include <fmt/format.h>

#include <memory>

#include "bucketlint/model.h"
#include "bucketlint/rule.h"
#include "helpers.h"
#include "registry_factories.h"

namespace bucketlint::rules {
namespace {

constexpr RuleInfo kInfo{
    .id = "PL006",
    .name = "missing-action",
    .default_severity = Severity::kError,
    .stability = Stability::kStable,
    .summary = "a statement has neither Action nor NotAction",
    .remediation = "add an 'Action' (or 'NotAction') element naming the operations",
    .doc = R"md(### What it flags

A statement with neither `Action` nor `NotAction`.

### Why it matters

Every statement of an IAM, S3, KMS or other resource policy must say which actions it covers;
AWS rejects a statement without one (docs/aws-semantics.md 10.1;
https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html,
https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html).

### Example

Failing:

```json
{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*"}]}
```

Fixed: add `"Action": "s3:GetObject"`.

### How to fix

Name the actions the statement is about, e.g. `"Action": ["s3:GetObject"]`.

### Known gaps

A misspelt key (`"Actions"`) makes the statement lack `Action`; PL021 reports the unknown key
as well. CloudFront signed-URL policies have no `Action` by design and are not IAM policies;
do not lint them as policies.

### Access Analyzer

`MISSING_ACTION` (error)
(https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html).
)md",
};

class MissingAction final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  void check(const RuleContext& ctx, FindingSink& sink) const override {
    const Model& model = ctx.model;
    for (const auto& doc : model.policies) {
      for (const Statement& st : doc->statements) {
        if (st.action.present) continue;
        sink.report(make_finding(kInfo, st.where,
                                 fmt::format("{} has no 'Action' or 'NotAction'", st.label())));
      }
    }
  }
};

}  // namespace

std::unique_ptr<Rule> make_missing_action() { return std::make_unique<MissingAction>(); }

}  // namespace bucketlint::rules
