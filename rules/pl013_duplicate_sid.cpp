#include <fmt/format.h>

#include <map>
#include <memory>
#include <string>

#include "bucketlint/model.h"
#include "bucketlint/rule.h"
#include "helpers.h"
#include "registry_factories.h"

namespace bucketlint::rules {
namespace {

constexpr RuleInfo kInfo{
    .id = "PL013",
    .name = "duplicate-sid",
    .default_severity = Severity::kWarning,
    .stability = Stability::kStable,
    .summary = "two statements of one policy have the same Sid",
    .remediation = "give every statement of the policy a unique Sid",
    .doc = R"md(### What it flags

Two or more statements of one policy with the same non-empty `Sid`.

### Why it matters

In IAM policies (identity and trust policies) "the Sid value must be unique within a JSON policy";
IAM rejects duplicates, so this is an error there. Other services (S3 bucket policies, KMS key
policies) accept duplicates, but duplicate Sids make suppressions, reviews and the statements
named in findings ambiguous: a warning (docs/aws-semantics.md 10.1;
https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_sid.html).

### Example

Failing:

```json
{"Version": "2012-10-17", "Statement": [
  {"Sid": "ReadOnly", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*"},
  {"Sid": "ReadOnly", "Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::amzn-s3-demo-bucket"}]}
```

Fixed: rename the second Sid to `ReadOnlyList`.

### How to fix

Rename one of the statements, or merge them when they say the same thing.

### Known gaps

Sids are compared exactly (case-sensitively). Whether IAM treats Sids differing only in case as
duplicates is not documented.

### Access Analyzer

`UNIQUE_SIDS_REQUIRED` (error, identity policies) and `UNIQUE_SIDS_RECOMMENDED` (general
warning, resource policies)
(https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html).
)md",
};

class DuplicateSid final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  void check(const RuleContext& ctx, FindingSink& sink) const override {
    const Model& model = ctx.model;
    for (const auto& doc : model.policies) {
      std::map<std::string, const Statement*> first;
      for (const Statement& st : doc->statements) {
        if (!st.sid || st.sid->value.empty()) continue;
        const auto [it, inserted] = first.emplace(st.sid->value, &st);
        if (inserted) continue;
        Finding f =
            make_finding(kInfo, st.sid->where,
                         fmt::format("Sid '{}' of statement {} is already used by statement {}",
                                     st.sid->value, st.index + 1, it->second->index + 1));
        if (is_iam_policy(doc->kind)) f.severity = Severity::kError;
        f.notes.push_back({it->second->sid->where, "the first statement with this Sid"});
        sink.report(std::move(f));
      }
    }
  }
};

}  // namespace

std::unique_ptr<Rule> make_duplicate_sid() { return std::make_unique<DuplicateSid>(); }

}  // namespace bucketlint::rules
