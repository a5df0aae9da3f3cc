#include "helpers.h"

#include <algorithm>
#include <array>
#include <cctype>

namespace bucketlint::rules {

namespace {

using model::iequals;
using model::istarts_with;

bool iends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && iequals(s.substr(s.size() - suffix.size()), suffix);
}

// The condition operators of IAM-CONDOPS, without the ForAllValues:/ForAnyValue: prefixes and
// the IfExists suffix, which combine with them.
constexpr std::array<std::string_view, 27> kBaseOperators{
    "StringEquals",
    "StringNotEquals",
    "StringEqualsIgnoreCase",
    "StringNotEqualsIgnoreCase",
    "StringLike",
    "StringNotLike",
    "NumericEquals",
    "NumericNotEquals",
    "NumericLessThan",
    "NumericLessThanEquals",
    "NumericGreaterThan",
    "NumericGreaterThanEquals",
    "DateEquals",
    "DateNotEquals",
    "DateLessThan",
    "DateLessThanEquals",
    "DateGreaterThan",
    "DateGreaterThanEquals",
    "Bool",
    "BinaryEquals",
    "IpAddress",
    "NotIpAddress",
    "ArnEquals",
    "ArnLike",
    "ArnNotEquals",
    "ArnNotLike",
    "Null",
};

constexpr std::array<std::string_view, 8> kPartitions{
    "aws", "aws-cn", "aws-us-gov", "aws-iso", "aws-iso-b", "aws-iso-e", "aws-iso-f", "aws-eusc",
};

}  // namespace

bool looks_like_account_id_attempt(std::string_view s) {
  return std::ranges::any_of(s, is_ascii_digit) &&
         std::ranges::all_of(s, [](char c) { return is_ascii_digit(c) || c == '-' || c == ' '; });
}

bool is_known_partition(std::string_view partition) {
  return std::ranges::find(kPartitions, partition) != kPartitions.end();
}

bool is_iam_policy(PolicyKind kind) {
  return kind == PolicyKind::kIdentity || kind == PolicyKind::kTrust;
}

SourceRef ref_of(const PolicyDocument& doc, const JsonValue& value, std::string pointer) {
  if (doc.source == nullptr) return SourceRef{doc.where.file(), std::move(pointer), 0, 0};
  return doc.source->ref(value.offset, std::move(pointer));
}

SourceRef key_ref_of(const PolicyDocument& doc, const JsonMember& member, std::string pointer) {
  if (doc.source == nullptr) return SourceRef{doc.where.file(), std::move(pointer), 0, 0};
  return doc.source->ref(member.key_offset, std::move(pointer));
}

OperatorMatch match_condition_operator(std::string_view op, std::string* canonical) {
  std::string_view rest = op;
  std::string spelled;
  bool exact = true;
  for (const std::string_view prefix :
       {std::string_view("ForAllValues:"), std::string_view("ForAnyValue:")}) {
    if (istarts_with(rest, prefix)) {
      exact = exact && rest.substr(0, prefix.size()) == prefix;
      spelled += prefix;
      rest.remove_prefix(prefix.size());
      break;
    }
  }
  constexpr std::string_view kIfExists = "IfExists";
  std::string_view suffix;
  auto find_base = [&](std::string_view base) -> std::optional<std::string_view> {
    for (const std::string_view b : kBaseOperators) {
      if (iequals(b, base)) return b;
    }
    return std::nullopt;
  };
  std::optional<std::string_view> base = find_base(rest);
  if (!base && iends_with(rest, kIfExists)) {
    suffix = rest.substr(rest.size() - kIfExists.size());
    rest.remove_suffix(kIfExists.size());
    base = find_base(rest);
  }
  if (!base) return OperatorMatch::kUnknown;
  exact = exact && *base == rest && (suffix.empty() || suffix == kIfExists);
  spelled += *base;
  if (!suffix.empty()) spelled += kIfExists;
  if (canonical != nullptr) *canonical = spelled;
  return exact ? OperatorMatch::kExact : OperatorMatch::kCaseDiffers;
}

}  // namespace bucketlint::rules
