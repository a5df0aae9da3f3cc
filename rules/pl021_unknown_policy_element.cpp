#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <memory>
#include <string>
#include <string_view>

#include "bucketlint/model.h"
#include "bucketlint/rule.h"
#include "helpers.h"
#include "registry_factories.h"

namespace bucketlint::rules {
namespace {

constexpr RuleInfo kInfo{
    .id = "PL021",
    .name = "unknown-policy-element",
    .default_severity = Severity::kError,
    .stability = Stability::kStable,
    .summary = "the policy or a statement has an element the policy grammar does not define",
    .remediation = "remove the element or correct its spelling",
    .doc = R"md(### What it flags

* Top-level keys other than `Version`, `Id`, `Statement` (for example `"Statements"`,
  `"version"`, `"Policy"` around an already-decoded policy).
* `Id` in an identity-based policy (warning, see Known gaps).
* Statement keys other than `Sid`, `Effect`, `Principal`, `NotPrincipal`, `Action`,
  `NotAction`, `Resource`, `NotResource`, `Condition` (for example `"Actions"`,
  `"Resources"`, `"Conditions"`, `"effect"`).

### Why it matters

Element names are case-sensitive and the grammar is closed: AWS rejects unknown elements, and
a tool or reader that ignores them evaluates a different policy than the author meant - a
statement with `"Resources"` instead of `"Resource"` has no resource at all (docs/aws-semantics.md 10.1;
https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html,
https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_id.html).

### Example

Failing:

```json
{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Actions": ["s3:GetObject"], "Resource": "*"}]}
```

Fixed: `"Action"`.

### How to fix

Correct the spelling (the message names the element meant when only letter case or a plural
`s` differs), or remove the element.

### Known gaps

`Id` in an identity-based policy is a **warning**, not an error: the IAM page says "ID is
allowed in resource-based policies, but not in identity-based policies", but the example on the
same page is an identity policy with an `Id`, and whether IAM rejects or ignores it is not
stated (docs/aws-semantics.md 10.1; lower severity for unconfirmed facts). Some services accept their own
extra elements; none are known for the policy types bucketlint reads.

### Access Analyzer

`INVALID_POLICY_ELEMENT` (error)
(https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html).
)md",
};

constexpr std::array<std::string_view, 3> kTopLevel{"Version", "Id", "Statement"};
constexpr std::array<std::string_view, 9> kStatementKeys{
    "Sid",       "Effect",   "Principal",   "NotPrincipal", "Action",
    "NotAction", "Resource", "NotResource", "Condition",
};

template <std::size_t N>
bool contains(const std::array<std::string_view, N>& list, std::string_view key) {
  return std::ranges::find(list, key) != list.end();
}

// The grammar element `key` was probably meant as: same letters ignoring case, or a plural.
template <std::size_t N>
std::string_view suggestion(const std::array<std::string_view, N>& list, std::string_view key) {
  std::string l = ascii_lower(key);
  if (!l.empty() && l.back() == 's') {
    const std::string singular = l.substr(0, l.size() - 1);
    for (const std::string_view k : list) {
      if (ascii_lower(k) == singular) return k;
    }
  }
  for (const std::string_view k : list) {
    if (ascii_lower(k) == l) return k;
  }
  return {};
}

class UnknownPolicyElement final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  void check(const RuleContext& ctx, FindingSink& sink) const override {
    const Model& model = ctx.model;
    for (const auto& doc : model.policies) {
      if (doc->json == nullptr || !doc->json->is_object()) continue;
      for (const JsonMember& m : doc->json->members) {
        // Pointers only for findings: working out a lazy ref's pointer walks the tree.
        auto where_of = [&] {
          return key_ref_of(*doc, m, pointer_append(doc->where.pointer(), m.key));
        };
        if (m.key == "Id" && doc->kind == PolicyKind::kIdentity) {
          // Warning: the IAM page says "ID is allowed in resource-based policies, but not in
          // identity-based policies", yet its own example is an identity policy with an Id.
          Finding f =
              make_finding(kInfo, where_of(), "'Id' is not supported in identity-based policies");
          f.severity = Severity::kWarning;
          f.remediation = "remove 'Id', or record the identifier in the policy name or a tag";
          sink.report(std::move(f));
          continue;
        }
        if (contains(kTopLevel, m.key)) continue;
        report(where_of(), m.key, "policy", suggestion(kTopLevel, m.key), sink);
      }
      for (const Statement& st : doc->statements) {
        if (st.json == nullptr) continue;
        for (const JsonMember& m : st.json->members) {
          if (contains(kStatementKeys, m.key)) continue;
          report(key_ref_of(*doc, m, pointer_append(st.where.pointer(), m.key)), m.key, st.label(),
                 suggestion(kStatementKeys, m.key), sink);
        }
      }
    }
  }

 private:
  static void report(SourceRef where, std::string_view key, std::string_view in,
                     std::string_view meant, FindingSink& sink) {
    Finding f =
        make_finding(kInfo, std::move(where),
                     meant.empty() ? fmt::format("'{}' in {} is not a policy element", key, in)
                                   : fmt::format("'{}' in {} is not a policy element; "
                                                 "did you mean '{}'?",
                                                 key, in, meant));
    if (!meant.empty()) f.remediation = fmt::format("rename '{}' to '{}'", key, meant);
    sink.report(std::move(f));
  }
};

}  // namespace

std::unique_ptr<Rule> make_unknown_policy_element() {
  return std::make_unique<UnknownPolicyElement>();
}

}  // namespace bucketlint::rules
