#include "model/text.h"

namespace bucketlint::model {

char ascii_lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = ascii_lower(c);
  return out;
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (ascii_lower(a[i]) != ascii_lower(b[i])) return false;
  }
  return true;
}

bool istarts_with(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && iequals(s.substr(0, prefix.size()), prefix);
}

bool has_wildcard(std::string_view s) {
  // Two memchr scans: find_first_of("*?") calls memchr once per character (hot in the PL rules).
  return s.find('*') != std::string_view::npos || s.find('?') != std::string_view::npos;
}

}  // namespace bucketlint::model
