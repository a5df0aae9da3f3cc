// ARN fields (include/bucketlint/iam.h).

#include <array>
#include <string_view>

#include "bucketlint/iam.h"

namespace bucketlint::iam {

namespace {

// The next ':' at or after `from` that is not inside a policy variable "${...}" (variables such
// as ${aws:partition} contain colons).
std::size_t find_field_colon(std::string_view s, std::size_t from) {
  for (std::size_t i = from; i < s.size(); ++i) {
    if (s[i] == '$' && i + 1 < s.size() && s[i + 1] == '{') {
      const std::size_t close = s.find('}', i + 2);
      if (close == std::string_view::npos) return s.find(':', i);
      i = close;
      continue;
    }
    if (s[i] == ':') return i;
  }
  return std::string_view::npos;
}

}  // namespace

ArnFields split_arn(std::string_view text) {
  // Without a variable a plain search finds the same colons (the evaluator splits every request's
  // resource).
  const bool variables = text.find("${") != std::string_view::npos;
  ArnFields out;
  const std::array<std::string_view*, 6> slots{&out.prefix, &out.partition, &out.service,
                                               &out.region, &out.account,   &out.resource};
  std::size_t start = 0;
  for (std::size_t i = 0; i < slots.size(); ++i) {
    if (i == slots.size() - 1) {
      *slots[i] = text.substr(start);
      out.fields = 6;
      break;
    }
    const std::size_t colon = variables ? find_field_colon(text, start) : text.find(':', start);
    if (colon == std::string_view::npos) {
      *slots[i] = text.substr(start);
      out.fields = static_cast<int>(i) + 1;
      break;
    }
    *slots[i] = text.substr(start, colon - start);
    start = colon + 1;
  }
  return out;
}

}  // namespace bucketlint::iam
