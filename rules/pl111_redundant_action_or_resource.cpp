#include <fmt/format.h>

#include "bucketlint/finding.h"
#include "bucketlint/model.h"
#include "bucketlint/rule.h"
#include "pl_helpers.h"
#include "registry_factories.h"

namespace bucketlint::rules {
namespace {

constexpr RuleInfo kInfo{
    .id = "PL111",
    .name = "redundant-action-or-resource",
    .default_severity = Severity::kNote,
    .stability = Stability::kStable,
    .summary = "an action or resource is repeated or covered by a wildcard in the same statement",
    .remediation = "remove the redundant value",
    .doc = R"md(### What it flags

In one statement's `Action`/`NotAction` (compared case-insensitively) or
`Resource`/`NotResource` (compared case-sensitively):

- a value listed twice;
- a value covered by a wildcard value beside it: `s3:GetObject` next to `s3:Get*`,
  `arn:aws:s3:::media/index.html` next to `arn:aws:s3:::media/*`, anything next to `*`.

### Why it matters

Redundant values change nothing in what the statement allows (DOMAIN.md 5.4;
https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html),
but they make the policy longer (IAM counts characters against its quotas, DOMAIN.md 10.2)
and often hide a mistake: the author thought the specific value was needed because the
wildcard did not do what they believed.

### Example

Failing:

```json
{"Effect": "Allow", "Action": ["s3:Get*", "s3:GetObject"], "Resource": "arn:aws:s3:::media/*"}
```

Fixed:

```json
{"Effect": "Allow", "Action": "s3:Get*", "Resource": "arn:aws:s3:::media/*"}
```

### How to fix

Remove the covered value, or narrow the wildcard if it was broader than intended.

### Known gaps

- Only containment by one other value is found; coverage by a union of values is not.
- Statements are not compared with each other (`REDUNDANT_STATEMENT`).

### Access Analyzer

Mirrors `REDUNDANT_ACTION` and `REDUNDANT_RESOURCE` (SUGGESTION)
(https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html).
)md",
};

void check_list(const StringListElement& list, std::string_view what, bool case_insensitive,
                FindingSink& sink) {
  const auto& values = list.values;
  for (std::size_t i = 0; i < values.size(); ++i) {
    for (std::size_t j = 0; j < values.size(); ++j) {
      if (i == j) continue;
      const std::string& v = values[i].value;
      const std::string& w = values[j].value;
      const bool same = pl::glob_match(v, w, case_insensitive) &&
                        pl::glob_match(w, v, case_insensitive) && v.size() == w.size();
      if (same) {
        if (j > i) continue;  // report the later copy only
        Finding f =
            make_finding(kInfo, values[i].where, fmt::format("{} '{}' is listed twice", what, v));
        f.notes.push_back({values[j].where, "first listed here"});
        sink.report(std::move(f));
        break;
      }
      if (!pl::has_wildcard(w) || !pl::glob_match(w, v, case_insensitive)) continue;
      Finding f = make_finding(kInfo, values[i].where,
                               fmt::format("{} '{}' is covered by '{}'", what, v, w));
      f.notes.push_back({values[j].where, "the covering wildcard"});
      sink.report(std::move(f));
      break;
    }
  }
}

class RedundantActionOrResource final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  void check(const Model& model, FindingSink& sink) const override {
    pl::for_each_statement(model, [&](const PolicyDocument&, const Statement& stmt) {
      check_list(stmt.action, "action", true, sink);
      check_list(stmt.resource, "resource", false, sink);
    });
  }
};

}  // namespace

std::unique_ptr<Rule> make_redundant_action_or_resource() {
  return std::make_unique<RedundantActionOrResource>();
}

}  // namespace bucketlint::rules
