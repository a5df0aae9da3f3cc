#include <fmt/format.h>

#include <memory>

#include "bucketlint/model.h"
#include "bucketlint/rule.h"
#include "helpers.h"
#include "registry_factories.h"

namespace bucketlint::rules {
namespace {

constexpr RuleInfo kInfo{
    .id = "PL008",
    .name = "missing-principal",
    .default_severity = Severity::kError,
    .stability = Stability::kStable,
    .summary = "a statement of a resource-based or trust policy has no Principal",
    .remediation = "add a 'Principal' element naming who the statement applies to",
    .doc = R"md(### What it flags

A statement with neither `Principal` nor `NotPrincipal` in an S3 bucket policy, role trust
policy, KMS key policy or other resource-based policy.

### Why it matters

Resource-based policies and trust policies must say whom a statement applies to; AWS rejects
statements without a principal (docs/aws-semantics.md 5.2;
https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html).
A policy mixing statements with and without `Principal` is often an identity policy pasted into
a bucket policy, or the reverse.

### Example

Failing (bucket policy):

```json
{"Version": "2012-10-17", "Statement": [
  {"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*"},
  {"Effect": "Deny", "Action": "s3:DeleteObject", "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*"}]}
```

Fixed: add `"Principal": "*"` (or the intended principal) to the second statement.

### How to fix

Add the principal. If the statement was meant for an identity policy, move it there.

### Known gaps

A document without `Principal` anywhere is classified as an identity policy, so this rule
fires only for documents that have a principal in some statement, or whose kind is given by
`--kind`, a snapshot or the config.

### Access Analyzer

`MISSING_PRINCIPAL` (error)
(https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html).
)md",
};

class MissingPrincipal final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  void check(const RuleContext& ctx, FindingSink& sink) const override {
    const Model& model = ctx.model;
    for (const auto& doc : model.policies) {
      if (doc->kind == PolicyKind::kIdentity) continue;
      for (const Statement& st : doc->statements) {
        if (st.principal.present) continue;
        sink.report(make_finding(kInfo, st.where,
                                 fmt::format("{} of the {} has no 'Principal'", st.label(),
                                             policy_kind_name(doc->kind))));
      }
    }
  }
};

}  // namespace

std::unique_ptr<Rule> make_missing_principal() { return std::make_unique<MissingPrincipal>(); }

}  // namespace bucketlint::rules
