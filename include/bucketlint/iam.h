#pragma once

// IAM primitives shared by the loader, the evaluator, the access layer and the rules: facts about
// IAM identifiers and policy text that need no model. One implementation each.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace bucketlint::iam {

// IAM unique IDs (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html
// #identifiers-unique-ids): a four-letter prefix naming the kind, then upper-case letters and
// digits; 16 to 128 characters (21 in practice).
enum class UniqueIdKind {
  kNone,             // not a unique ID
  kRole,             // AROA
  kUser,             // AIDA
  kGroup,            // AGPA
  kManagedPolicy,    // ANPA
  kAccessKey,        // AKIA
  kTemporaryKey,     // ASIA
  kInstanceProfile,  // AIPA
};
UniqueIdKind unique_id_kind(std::string_view s);

// Any kind of unique ID (a grammar rule leaves these to TR005).
inline bool is_unique_id(std::string_view s) { return unique_id_kind(s) != UniqueIdKind::kNone; }

// A principal value that is the unique ID of a role or user: what a policy shows once the role or
// user it named was deleted (the other kinds cannot be principals).
inline bool is_deleted_principal_id(std::string_view s) {
  const UniqueIdKind k = unique_id_kind(s);
  return k == UniqueIdKind::kRole || k == UniqueIdKind::kUser;
}

// ARNs (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html):
// "arn:partition:service:region:account:resource", split into views of the text. The resource
// keeps any further ':'; a ':' inside a policy variable ("arn:${aws:partition}:s3:::b") separates
// nothing. `fields` counts the fields found (6 for a complete ARN): a light split, not a
// validator.
struct ArnFields {
  std::string_view prefix;  // "arn" when well-formed
  std::string_view partition;
  std::string_view service;
  std::string_view region;
  std::string_view account;
  std::string_view resource;
  int fields = 0;
  // Six fields after an "arn" prefix.
  bool complete() const { return fields == 6 && prefix == "arn"; }
};
ArnFields split_arn(std::string_view text);

// Condition operators
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html,
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_multi-value-conditions.html):
// an optional set qualifier, one of 27 base operators, an optional IfExists suffix. AWS matches
// the names case-insensitively.

// The comparison the base operator makes; a negated operator (StringNotEquals, NotIpAddress,
// ArnNotLike, ...) has the kind of its positive form. ArnEquals compares like ArnLike.
enum class OperatorKind : std::uint8_t {
  kStringEquals,
  kStringEqualsIgnoreCase,
  kStringLike,
  kNumericEquals,
  kNumericLessThan,
  kNumericLessThanEquals,
  kNumericGreaterThan,
  kNumericGreaterThanEquals,
  kDateEquals,
  kDateLessThan,
  kDateLessThanEquals,
  kDateGreaterThan,
  kDateGreaterThanEquals,
  kBool,
  kBinaryEquals,
  kIpAddress,
  kArnLike,
  kNull,
};
// The type of value the operator compares (which condition keys it fits).
enum class OperatorType : std::uint8_t {
  kString,
  kNumeric,
  kDate,
  kBool,
  kBinary,
  kIpAddress,
  kArn,
  kNull
};
enum class SetQualifier : std::uint8_t { kNone, kForAnyValue, kForAllValues };

struct ConditionOperator {
  std::string_view name;  // the base operator as documented, e.g. "StringNotLike"
  OperatorKind kind = OperatorKind::kStringEquals;
  OperatorType type = OperatorType::kString;
  bool negated = false;
  bool if_exists = false;
  SetQualifier set = SetQualifier::kNone;
  bool exact_case = true;  // qualifier, name and IfExists spelled exactly as documented
  // StringLike, StringNotLike, ArnLike, ArnNotLike: the values are patterns.
  bool is_like() const;
  // NullIfExists parses but is no operator (IAM Access Analyzer NULL_WITH_IF_EXISTS): a
  // condition using it never matches.
  bool valid() const { return !(kind == OperatorKind::kNull && if_exists); }
  // The documented spelling of the whole operator: "ForAnyValue:StringLikeIfExists".
  std::string spelling() const;
};
// nullopt for an operator AWS does not know.
std::optional<ConditionOperator> parse_condition_operator(std::string_view op);

// Policy variables
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html):
// "${name}" or "${name, 'default'}". True when `text` holds one: a "${" closed by a later '}'. An
// unclosed "${" is literal text, which AWS never substitutes.
inline bool has_policy_variable(std::string_view text) {
  const std::size_t open = text.find("${");
  return open != std::string_view::npos && text.find('}', open + 2) != std::string_view::npos;
}

}  // namespace bucketlint::iam
