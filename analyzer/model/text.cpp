#include "model/text.h"

namespace bucketlint::model {

std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = ascii_lower(c);
  return out;
}

bool has_wildcard(std::string_view s) {
  // Two memchr scans: find_first_of("*?") calls memchr once per character (hot in the PL rules).
  return s.find('*') != std::string_view::npos || s.find('?') != std::string_view::npos;
}

}  // namespace bucketlint::model
