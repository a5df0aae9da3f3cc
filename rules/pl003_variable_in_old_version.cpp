#include <fmt/format.h>

#include <memory>
#include <vector>

#include "bucketlint/model.h"
#include "bucketlint/rule.h"
#include "helpers.h"
#include "registry_factories.h"

namespace bucketlint::rules {
namespace {

constexpr RuleInfo kInfo{
    .id = "PL003",
    .name = "variable-in-old-version",
    .default_severity = Severity::kWarning,
    .stability = Stability::kStable,
    .summary = "a policy variable is used in a policy whose Version does not support variables",
    .remediation = "set 'Version' to '2012-10-17' so that policy variables are substituted",
    .doc = R"md(### What it flags

A policy variable such as `${aws:username}` or `${aws:PrincipalTag/team}` in a `Resource`,
`NotResource` or `Condition` value of a policy whose `Version` is `2008-10-17` or missing.

### Why it matters

Policy variables are substituted only under `"Version": "2012-10-17"`. Under `2008-10-17` the
text `${aws:username}` is compared literally, so a statement meant to scope access per user
matches nothing (an Allow grants nothing; a Deny with a negated condition denies everyone)
(docs/aws-semantics.md 5.5 and 10.1;
https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html,
https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_version.html).

### Example

Failing:

```json
{"Version": "2008-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject",
  "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/home/${aws:username}/*"}]}
```

Fixed: the same policy with `"Version": "2012-10-17"`.

### How to fix

Set `"Version": "2012-10-17"`. If the literal text `${...}` is really meant, escape it as
`${$}{...}`.

### Known gaps

Severity: an explicit `"2008-10-17"` is reported as an error (Access Analyzer's
`VARIABLE_UNSUPPORTED_IN_VERSION` is an error). A *missing* Version is reported at the default
warning severity: AWS documents the default version inconsistently (2008-10-17 in the IAM
reference, 2012-10-17 "without newer features" in the Access Analyzer reference; docs/aws-semantics.md 11.5),
so the lower severity is used. Variables in `Principal` or `Action` (never substituted) are not
reported here. One finding per policy; further variables are listed as notes.

### Access Analyzer

`VARIABLE_UNSUPPORTED_IN_VERSION` (error)
(https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html).
)md",
};

// Resource/NotResource and Condition values that hold a policy variable, in document order.
std::vector<LocatedString> values_with_variables(const PolicyDocument& doc) {
  std::vector<LocatedString> found;
  for (const Statement& st : doc.statements) {
    for (const LocatedString& r : st.resource.values) {
      if (has_policy_variable(r.value)) found.push_back(r);
    }
    for (const ConditionEntry& c : st.conditions) {
      for (const ConditionValue& v : c.values) {
        if (has_policy_variable(v.text)) found.push_back({v.text, v.where});
      }
    }
  }
  return found;
}

class VariableInOldVersion final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  void check(const RuleContext& ctx, FindingSink& sink) const override {
    const Model& model = ctx.model;
    for (const auto& doc : model.policies) {
      const bool old = doc->version && doc->version->value == "2008-10-17";
      const bool missing = doc->json != nullptr && doc->json->find("Version") == nullptr;
      if (!old && !missing) continue;
      const std::vector<LocatedString> found = values_with_variables(*doc);
      if (found.empty()) continue;
      Finding f = make_finding(
          kInfo, found.front().where,
          old ? fmt::format("policy variable in '{}' is literal text under version '2008-10-17'",
                            found.front().value)
              : fmt::format("policy variable in '{}' is literal text: the policy has no "
                            "'Version' (assumed '2008-10-17')",
                            found.front().value));
      if (old) {
        f.severity = Severity::kError;
        f.notes.push_back({doc->version->where, "the policy declares version '2008-10-17' here"});
      }
      for (std::size_t i = 1; i < found.size(); ++i) {
        f.notes.push_back(
            {found[i].where, fmt::format("also not substituted: '{}'", found[i].value)});
      }
      sink.report(std::move(f));
    }
  }
};

}  // namespace

std::unique_ptr<Rule> make_variable_in_old_version() {
  return std::make_unique<VariableInOldVersion>();
}

}  // namespace bucketlint::rules
