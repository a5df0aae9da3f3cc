#include <algorithm>
#include <array>
#include <utility>

#include "bucketlint/iam.h"

namespace bucketlint::iam {

namespace {

constexpr std::array<std::pair<std::string_view, UniqueIdKind>, 7> kPrefixes{{
    {"AROA", UniqueIdKind::kRole},
    {"AIDA", UniqueIdKind::kUser},
    {"AGPA", UniqueIdKind::kGroup},
    {"ANPA", UniqueIdKind::kManagedPolicy},
    {"AKIA", UniqueIdKind::kAccessKey},
    {"ASIA", UniqueIdKind::kTemporaryKey},
    {"AIPA", UniqueIdKind::kInstanceProfile},
}};

constexpr bool upper_or_digit(char c) { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }

}  // namespace

UniqueIdKind unique_id_kind(std::string_view s) {
  if (s.size() < 16 || s.size() > 128) return UniqueIdKind::kNone;
  const auto it = std::find_if(kPrefixes.begin(), kPrefixes.end(),
                               [&](const auto& p) { return s.starts_with(p.first); });
  if (it == kPrefixes.end()) return UniqueIdKind::kNone;
  if (!std::all_of(s.begin(), s.end(), upper_or_digit)) return UniqueIdKind::kNone;
  return it->second;
}

}  // namespace bucketlint::iam
