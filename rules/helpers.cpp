#include "helpers.h"

#include <algorithm>
#include <array>
#include <cctype>

namespace bucketlint::rules {

namespace {

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

}  // namespace bucketlint::rules
