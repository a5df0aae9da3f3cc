#include <fmt/format.h>

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
    .id = "PL015",
    .name = "empty-element",
    .default_severity = Severity::kNote,
    .stability = Stability::kStable,
    .summary =
        "an Action, Resource, Principal or Condition element, or a condition's values, "
        "is an empty array or object",
    .remediation = "remove the empty element, or fill in the values that were meant",
    .doc = R"md(### What it flags

Empty arrays and objects where the policy grammar expects values:

* `"Action": []`, `"NotAction": []`, `"Resource": []`, `"NotResource": []`;
* `"Principal": {}`, `"NotPrincipal": {}`, and an empty principal list such as `{"AWS": []}`;
* `"Condition": {}`, an empty operator block such as `{"StringEquals": {}}`, and an empty value
  list such as `{"StringEquals": {"aws:SourceAccount": []}}`.

### Why it matters

An empty element is a leftover from a template or from generated code and hides what the
statement does: an empty `Action` list matches no action, so the statement has no effect; an
empty value list for a condition key can make the condition always false, or (with
`ForAllValues:`) always true (docs/aws-semantics.md 5.5 and 10.3;
https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_multi-value-conditions.html).

### Example

Failing:

```json
{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject",
  "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*", "Condition": {}}]}
```

Fixed: remove `"Condition": {}`.

### How to fix

Remove the empty element, or add the values that were meant.

### Known gaps

`"Statement": []` is PL005. The effect of an empty condition value list on evaluation is not
documented in detail; the rule stays a note.

### Access Analyzer

`EMPTY_ARRAY_ACTION`, `EMPTY_ARRAY_RESOURCE`, `EMPTY_ARRAY_PRINCIPAL`, `EMPTY_OBJECT_PRINCIPAL`,
`EMPTY_OBJECT_CONDITION`, `EMPTY_ARRAY_CONDITION`, `EMPTY_ARRAY_CONDITION_FORALLVALUES`,
`EMPTY_ARRAY_CONDITION_FORANYVALUE`, `EMPTY_ARRAY_CONDITION_IFEXISTS` (suggestions)
(https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html).
)md",
};

constexpr std::array<std::string_view, 4> kLists{"Action", "NotAction", "Resource", "NotResource"};

constexpr std::array<std::string_view, 2> kPrincipals{"Principal", "NotPrincipal"};

bool is_empty_container(const JsonValue& v) {
  return (v.is_array() && v.items.empty()) || (v.is_object() && v.members.empty());
}

class EmptyElement final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  void check(const RuleContext& ctx, FindingSink& sink) const override {
    const Model& model = ctx.model;
    for (const auto& doc : model.policies) {
      for (const Statement& st : doc->statements) {
        if (st.json == nullptr) continue;
        check_statement(*doc, st, sink);
      }
    }
  }

 private:
  static void report(const PolicyDocument& doc, const JsonValue& v, const std::string& pointer,
                     std::string message, FindingSink& sink) {
    sink.report(make_finding(kInfo, ref_of(doc, v, pointer), std::move(message)));
  }

  static void check_statement(const PolicyDocument& doc, const Statement& st, FindingSink& sink) {
    // Pointers are spelled out only for findings: a statement's pointer is worked out by
    // walking the tree (SourceRef::lazy).
    for (const std::string_view name : kLists) {
      const JsonValue* v = st.json->find(name);
      if (v == nullptr || !v->is_array() || !v->items.empty()) continue;
      report(doc, *v, pointer_append(st.where.pointer(), name),
             fmt::format("'{}' of {} is an empty list", name, st.label()), sink);
    }
    check_principals(doc, st, sink);
    check_conditions(doc, st, sink);
  }

  static void check_principals(const PolicyDocument& doc, const Statement& st, FindingSink& sink) {
    for (const std::string_view name : kPrincipals) {
      const JsonValue* v = st.json->find(name);
      if (v == nullptr || !v->is_object()) continue;
      auto pp = [&] { return pointer_append(st.where.pointer(), name); };
      if (v->members.empty()) {
        report(doc, *v, pp(), fmt::format("'{}' of {} is an empty object", name, st.label()), sink);
        continue;
      }
      for (const JsonMember& m : v->members) {
        if (!m.value.is_array() || !m.value.items.empty()) continue;
        report(doc, m.value, pointer_append(pp(), m.key),
               fmt::format("principal list '{}' of {} is empty", m.key, st.label()), sink);
      }
    }
  }

  static void check_conditions(const PolicyDocument& doc, const Statement& st, FindingSink& sink) {
    const JsonValue* cond = st.json->find("Condition");
    if (cond == nullptr || !cond->is_object()) return;
    auto cp = [&] { return pointer_append(st.where.pointer(), "Condition"); };
    if (cond->members.empty()) {
      report(doc, *cond, cp(), fmt::format("'Condition' of {} is an empty object", st.label()),
             sink);
      return;
    }
    for (const JsonMember& op : cond->members) {
      if (!op.value.is_object()) continue;
      auto op_p = [&] { return pointer_append(cp(), op.key); };
      if (op.value.members.empty()) {
        report(doc, op.value, op_p(),
               fmt::format("condition operator '{}' of {} has no keys", op.key, st.label()), sink);
        continue;
      }
      for (const JsonMember& key : op.value.members) {
        if (!is_empty_container(key.value)) continue;
        report(doc, key.value, pointer_append(op_p(), key.key),
               fmt::format("condition key '{}' under '{}' of {} has no values", key.key, op.key,
                           st.label()),
               sink);
      }
    }
  }
};

}  // namespace

std::unique_ptr<Rule> make_empty_element() { return std::make_unique<EmptyElement>(); }

}  // namespace bucketlint::rules
