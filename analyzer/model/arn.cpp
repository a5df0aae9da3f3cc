#include "model/arn.h"

#include <array>

#include "bucketlint/iam.h"
#include "model/wildcard.h"

namespace bucketlint::model {

// Matching splits text after policy-variable substitution, where "${" is literal data, so every
// ':' counts (unlike iam::split_arn, which reads policy text).
bool split_arn_segments(std::string_view text, std::array<std::string_view, 6>& parts) {
  std::size_t start = 0;
  for (std::size_t i = 0; i < 5; ++i) {
    const std::size_t colon = text.find(':', start);
    if (colon == std::string_view::npos) return false;
    parts[i] = text.substr(start, colon - start);
    start = colon + 1;
  }
  parts[5] = text.substr(start);
  return true;
}

std::optional<Arn> parse_arn(std::string_view text) {
  const iam::ArnFields f = iam::split_arn(text);
  if (!f.complete()) return std::nullopt;
  return Arn{f.partition, f.service, f.region, f.account, f.resource};
}

bool arn_matches(std::string_view pattern, std::string_view arn, std::uint8_t flags,
                 bool whole_text_fallback) {
  std::array<std::string_view, 6> pp;
  std::array<std::string_view, 6> ap;
  const bool pattern_is_arn = split_arn_segments(pattern, pp);
  const bool text_is_arn = split_arn_segments(arn, ap);
  if (!pattern_is_arn || !text_is_arn) {
    if (!whole_text_fallback) return false;
    return wildcard_match(pattern, arn, flags);
  }
  // With escapes, a ':' inside a segment could have been escaped; substituted values never
  // contain an escaped ':' (only '*', '?', '\' are escaped), so splitting stays correct.
  for (std::size_t i = 0; i < 6; ++i) {
    if (!wildcard_match(pp[i], ap[i], flags)) return false;
  }
  return true;
}

std::optional<S3Target> parse_s3_arn(std::string_view arn) {
  const std::optional<Arn> a = parse_arn(arn);
  if (!a || a->service != "s3" || !a->region.empty() || !a->account.empty()) return std::nullopt;
  if (a->resource.empty()) return std::nullopt;
  S3Target t;
  const std::size_t slash = a->resource.find('/');
  if (slash == std::string_view::npos) {
    t.bucket = a->resource;
    return t;
  }
  t.bucket = a->resource.substr(0, slash);
  t.key = a->resource.substr(slash + 1);
  t.is_object = true;
  return t;
}

}  // namespace bucketlint::model
