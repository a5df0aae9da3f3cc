#include <fmt/format.h>

#include <array>
#include <memory>
#include <string_view>
#include <utility>

#include "bucketlint/model.h"
#include "bucketlint/rule.h"
#include "helpers.h"
#include "registry_factories.h"

namespace bucketlint::rules {
namespace {

constexpr RuleInfo kInfo{
    .id = "PL011",
    .name = "conflicting-elements",
    .default_severity = Severity::kError,
    .stability = Stability::kStable,
    .summary =
        "a statement has both Action and NotAction, Principal and NotPrincipal, or "
        "Resource and NotResource",
    .remediation = "keep one element of the pair and remove the other",
    .doc = R"md(### What it flags

A statement that has both elements of one of the pairs `Action`/`NotAction`,
`Principal`/`NotPrincipal`, `Resource`/`NotResource`.

### Why it matters

The policy grammar allows one element of each pair per statement; AWS rejects the policy. Other
tools that read such a statement silently keep one of the two and so evaluate a different
policy than the author wrote (bucketlint's model keeps the positive element; this rule reads the
raw statement) (docs/aws-semantics.md 10.1;
https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html).

### Example

Failing:

```json
{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Principal": "*",
  "Action": "s3:*", "NotAction": "s3:GetObject", "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*"}]}
```

Fixed: keep `"NotAction": "s3:GetObject"` and remove `Action` (or the reverse).

### How to fix

Decide whether the statement lists what it covers (`Action`) or what it excludes
(`NotAction`), and split it into two statements if both were meant.

### Known gaps

None known.

### Access Analyzer

`UNSUPPORTED_ELEMENT_COMBINATION` (error)
(https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html).
)md",
};

constexpr std::array<std::pair<std::string_view, std::string_view>, 3> kPairs{{
    {"Action", "NotAction"},
    {"Principal", "NotPrincipal"},
    {"Resource", "NotResource"},
}};

class ConflictingElements final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  void check(const RuleContext& ctx, FindingSink& sink) const override {
    const Model& model = ctx.model;
    for (const auto& doc : model.policies) {
      for (const Statement& st : doc->statements) {
        if (st.json == nullptr) continue;
        for (const auto& [pos, neg] : kPairs) {
          const JsonMember* p = st.json->find_member(pos);
          const JsonMember* n = st.json->find_member(neg);
          if (p == nullptr || n == nullptr) continue;
          // Report at whichever of the two comes second; note the first.
          const bool neg_second = n->key_offset > p->key_offset;
          const JsonMember* second = neg_second ? n : p;
          const JsonMember* first = neg_second ? p : n;
          Finding f = make_finding(
              kInfo, key_ref_of(*doc, *second, pointer_append(st.where.pointer(), second->key)),
              fmt::format("{} has both '{}' and '{}'", st.label(), pos, neg));
          f.notes.push_back(
              {key_ref_of(*doc, *first, pointer_append(st.where.pointer(), first->key)),
               fmt::format("'{}' is here", first->key)});
          sink.report(std::move(f));
        }
      }
    }
  }
};

}  // namespace

std::unique_ptr<Rule> make_conflicting_elements() {
  return std::make_unique<ConflictingElements>();
}

}  // namespace bucketlint::rules
