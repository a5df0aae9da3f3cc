#include <fmt/format.h>

#include <cctype>
#include <optional>
#include <string_view>

#include "bucketlint/catalogue.h"
#include "bucketlint/finding.h"
#include "bucketlint/iam.h"
#include "bucketlint/model.h"
#include "bucketlint/rule.h"
#include "policy_language.h"
#include "registry_factories.h"

namespace bucketlint::rules {
namespace {

constexpr RuleInfo kInfo{
    .id = "PL106",
    .name = "condition-operator-type-mismatch",
    .default_severity = Severity::kWarning,
    .stability = Stability::kStable,
    .summary =
        "a condition operator does not fit the key's type, or a value does not fit the "
        "operator",
    .remediation =
        "use an operator of the key's type (String, Numeric, Date, Bool, IpAddress, "
        "ARN, Binary) and values of that type",
    .doc = R"md(### What it flags

- An operator whose family does not fit the condition key's type in the built-in catalogue:
  `StringEquals` on the Bool key `aws:SecureTransport`, `NumericLessThan` on the Date key
  `aws:CurrentTime`, `StringEquals` on the IP key `aws:SourceIp`.
  ARN keys also accept String operators (Access Analyzer reports that separately),
  and String keys accept ARN operators (AWS's own managed policies use `ArnLike` on String
  keys that hold ARNs, such as `kms:EncryptionContext:aws:s3:arn`);
  `aws:EpochTime` accepts Date and Numeric operators; `Null` fits every key.
- A value that the operator cannot read: a `Bool` value other than `true`/`false`, a
  `Numeric*` value that is not a number, an `IpAddress` value that is not an IPv4/IPv6
  address or CIDR. Values with policy variables (`${...}`) are not judged.

### Why it matters

IAM compares the request value with the policy value using the operator's type (docs/aws-semantics.md
5.5; https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html).
With the wrong type the comparison does not do what the author meant: a `StringEquals` on
`aws:SourceIp` compares text, so `"10.0.0.0/8"` never matches an address; `"Bool": "yes"`
never matches.

### Example

Failing:

```json
"Condition": {"StringEquals": {"aws:SourceIp": "203.0.113.0/24"}}
```

Fixed:

```json
"Condition": {"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}}
```

### How to fix

Pick the operator family of the key's type (the message names both).

### Known gaps

- Date values are not parsed; Binary values are not checked for base64.
- Unknown keys (PL104) and unknown operators are not judged here.

### Access Analyzer

Mirrors `TYPE_MISMATCH*` (WARNING) and `DATA_TYPE_MISMATCH` (ERROR)
(https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html).
)md",
};

bool is_number(std::string_view v) {
  std::size_t i = 0;
  if (i < v.size() && (v[i] == '-' || v[i] == '+')) ++i;
  bool digits = false;
  bool dot = false;
  for (; i < v.size(); ++i) {
    if (std::isdigit(static_cast<unsigned char>(v[i])) != 0) {
      digits = true;
    } else if (v[i] == '.' && !dot) {
      dot = true;
    } else {
      return false;
    }
  }
  return digits;
}

bool looks_like_ip(std::string_view v) {
  if (v.empty()) return false;
  bool has_sep = false;
  for (const char c : v) {
    if (c == '.' || c == ':') has_sep = true;
    if (std::isxdigit(static_cast<unsigned char>(c)) == 0 && c != '.' && c != ':' && c != '/') {
      return false;
    }
  }
  return has_sep;
}

using text::iequals;

// Empty when the value fits the operator family; else what is wrong.
std::string value_problem(iam::OperatorType family, const ConditionValue& value) {
  if (value.text.find("${") != std::string::npos) return {};
  switch (family) {
    case iam::OperatorType::kBool:
      if (!iequals(value.text, "true") && !iequals(value.text, "false")) {
        return fmt::format("value '{}' is not 'true' or 'false'", value.text);
      }
      return {};
    case iam::OperatorType::kNumeric:
      if (!is_number(value.text)) return fmt::format("value '{}' is not a number", value.text);
      return {};
    case iam::OperatorType::kIpAddress:
      if (!looks_like_ip(value.text)) {
        return fmt::format("value '{}' is not an IP address or CIDR block", value.text);
      }
      return {};
    default: return {};
  }
}

class ConditionOperatorTypeMismatch final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  void check(const RuleContext& ctx, FindingSink& sink) const override {
    const Model& model = ctx.model;
    pl::for_each_statement(model, [&](const PolicyDocument&, const Statement& stmt) {
      for (const ConditionEntry& entry : stmt.conditions) {
        const std::optional<iam::ConditionOperator> op = iam::parse_condition_operator(entry.op);
        if (!op || op->type == iam::OperatorType::kNull) continue;
        const auto key = catalogue::find_condition_key(entry.key);
        if (key && !pl::family_fits(op->type, key->type)) {
          sink.report(make_finding(
              kInfo, entry.key_where,
              fmt::format("operator '{}' compares {} values but key '{}' is of type '{}'", entry.op,
                          pl::op_family_name(op->type), entry.key,
                          catalogue::key_type_info_name(key->type))));
          continue;  // the values follow the wrong type too; one finding is enough
        }
        for (const ConditionValue& value : entry.values) {
          std::string problem = value_problem(op->type, value);
          if (problem.empty()) continue;
          sink.report(make_finding(
              kInfo, value.where,
              fmt::format("{} for operator '{}' on key '{}'", problem, entry.op, entry.key)));
        }
      }
    });
  }
};

}  // namespace

std::unique_ptr<Rule> make_condition_operator_type_mismatch() {
  return std::make_unique<ConditionOperatorTypeMismatch>();
}

}  // namespace bucketlint::rules
