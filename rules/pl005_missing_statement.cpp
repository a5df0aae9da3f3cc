#include <fmt/format.h>

#include <memory>

#include "bucketlint/model.h"
#include "bucketlint/rule.h"
#include "helpers.h"
#include "registry_factories.h"

namespace bucketlint::rules {
namespace {

constexpr RuleInfo kInfo{
    .id = "PL005",
    .name = "missing-statement",
    .default_severity = Severity::kError,
    .stability = Stability::kStable,
    .summary = "the policy has no Statement element, or an empty one",
    .remediation = "add at least one statement under 'Statement'",
    .doc = R"md(### What it flags

A policy document without a `Statement` element, or with `"Statement": []`.

### Why it matters

`Statement` is the only required top-level element: a policy without statements grants and
denies nothing and AWS rejects it (docs/aws-semantics.md 10.1;
https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_statement.html,
https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html).

### Example

Failing:

```json
{"Version": "2012-10-17", "Statement": []}
```

Fixed:

```json
{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::amzn-s3-demo-bucket"}]}
```

### How to fix

Add the statements the policy is meant to hold, or delete the policy.

### Known gaps

A document the loader cannot recognise as a policy at all (no `Statement` and no `--kind`) is
IN008, not PL005; PL005 fires for documents forced or bound as policies. A `Statement` of the
wrong JSON type is IN009.

### Access Analyzer

`MISSING_STATEMENT` (error)
(https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html).
)md",
};

class MissingStatement final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  void check(const RuleContext& ctx, FindingSink& sink) const override {
    const Model& model = ctx.model;
    for (const auto& doc : model.policies) {
      if (doc->json == nullptr || !doc->json->is_object()) continue;
      if (!doc->statement_present) {
        sink.report(
            make_finding(kInfo, doc->where, fmt::format("{} has no 'Statement'", doc->label())));
        continue;
      }
      const JsonValue* raw = doc->json->find("Statement");
      if (raw != nullptr && raw->is_array() && raw->items.empty()) {
        sink.report(make_finding(kInfo, doc->statement_where,
                                 fmt::format("{} has an empty 'Statement'", doc->label())));
      }
    }
  }
};

}  // namespace

std::unique_ptr<Rule> make_missing_statement() { return std::make_unique<MissingStatement>(); }

}  // namespace bucketlint::rules
