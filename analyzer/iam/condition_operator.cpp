// Condition operator names (include/bucketlint/iam.h): the one table of the 27 base operators.

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "bucketlint/iam.h"
#include "bucketlint/text.h"

namespace bucketlint::iam {

namespace {

struct BaseOperator {
  std::string_view name;
  OperatorKind kind;
  OperatorType type;
  bool negated;
};

// Every base operator of the IAM reference.
constexpr std::array<BaseOperator, 27> kBaseOperators{{
    {"StringEquals", OperatorKind::kStringEquals, OperatorType::kString, false},
    {"StringNotEquals", OperatorKind::kStringEquals, OperatorType::kString, true},
    {"StringEqualsIgnoreCase", OperatorKind::kStringEqualsIgnoreCase, OperatorType::kString, false},
    {"StringNotEqualsIgnoreCase", OperatorKind::kStringEqualsIgnoreCase, OperatorType::kString,
     true},
    {"StringLike", OperatorKind::kStringLike, OperatorType::kString, false},
    {"StringNotLike", OperatorKind::kStringLike, OperatorType::kString, true},
    {"NumericEquals", OperatorKind::kNumericEquals, OperatorType::kNumeric, false},
    {"NumericNotEquals", OperatorKind::kNumericEquals, OperatorType::kNumeric, true},
    {"NumericLessThan", OperatorKind::kNumericLessThan, OperatorType::kNumeric, false},
    {"NumericLessThanEquals", OperatorKind::kNumericLessThanEquals, OperatorType::kNumeric, false},
    {"NumericGreaterThan", OperatorKind::kNumericGreaterThan, OperatorType::kNumeric, false},
    {"NumericGreaterThanEquals", OperatorKind::kNumericGreaterThanEquals, OperatorType::kNumeric,
     false},
    {"DateEquals", OperatorKind::kDateEquals, OperatorType::kDate, false},
    {"DateNotEquals", OperatorKind::kDateEquals, OperatorType::kDate, true},
    {"DateLessThan", OperatorKind::kDateLessThan, OperatorType::kDate, false},
    {"DateLessThanEquals", OperatorKind::kDateLessThanEquals, OperatorType::kDate, false},
    {"DateGreaterThan", OperatorKind::kDateGreaterThan, OperatorType::kDate, false},
    {"DateGreaterThanEquals", OperatorKind::kDateGreaterThanEquals, OperatorType::kDate, false},
    {"Bool", OperatorKind::kBool, OperatorType::kBool, false},
    {"BinaryEquals", OperatorKind::kBinaryEquals, OperatorType::kBinary, false},
    {"IpAddress", OperatorKind::kIpAddress, OperatorType::kIpAddress, false},
    {"NotIpAddress", OperatorKind::kIpAddress, OperatorType::kIpAddress, true},
    {"ArnEquals", OperatorKind::kArnLike, OperatorType::kArn, false},
    {"ArnLike", OperatorKind::kArnLike, OperatorType::kArn, false},
    {"ArnNotEquals", OperatorKind::kArnLike, OperatorType::kArn, true},
    {"ArnNotLike", OperatorKind::kArnLike, OperatorType::kArn, true},
    {"Null", OperatorKind::kNull, OperatorType::kNull, false},
}};

constexpr std::string_view kForAnyValue = "ForAnyValue:";
constexpr std::string_view kForAllValues = "ForAllValues:";
constexpr std::string_view kIfExists = "IfExists";

const BaseOperator* find_base(std::string_view name) {
  for (const BaseOperator& b : kBaseOperators) {
    if (text::iequals(b.name, name)) return &b;
  }
  return nullptr;
}

}  // namespace

bool ConditionOperator::is_like() const {
  return kind == OperatorKind::kStringLike || name == "ArnLike" || name == "ArnNotLike";
}

std::string ConditionOperator::spelling() const {
  std::string out;
  if (set == SetQualifier::kForAnyValue) out += kForAnyValue;
  if (set == SetQualifier::kForAllValues) out += kForAllValues;
  out += name;
  if (if_exists) out += kIfExists;
  return out;
}

std::optional<ConditionOperator> parse_condition_operator(std::string_view op) {
  ConditionOperator out;
  for (const auto& [prefix, set] : {std::pair{kForAnyValue, SetQualifier::kForAnyValue},
                                    std::pair{kForAllValues, SetQualifier::kForAllValues}}) {
    if (!text::istarts_with(op, prefix)) continue;
    out.set = set;
    out.exact_case = op.starts_with(prefix);
    op.remove_prefix(prefix.size());
    break;
  }
  // No base name ends in "IfExists", so the suffix is split off only when the whole is no base.
  const BaseOperator* base = find_base(op);
  if (base == nullptr && op.size() > kIfExists.size() &&
      text::iequals(op.substr(op.size() - kIfExists.size()), kIfExists)) {
    out.if_exists = true;
    out.exact_case = out.exact_case && op.ends_with(kIfExists);
    op.remove_suffix(kIfExists.size());
    base = find_base(op);
  }
  if (base == nullptr) return std::nullopt;
  out.name = base->name;
  out.kind = base->kind;
  out.type = base->type;
  out.negated = base->negated;
  out.exact_case = out.exact_case && op == base->name;
  return out;
}

}  // namespace bucketlint::iam
