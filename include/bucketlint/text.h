#pragma once

// ASCII text helpers shared by the loader, the evaluator, the catalogue and the rules. IAM names
// (actions, condition keys, operators) compare case-insensitively in ASCII only.

#include <cstdint>
#include <string>
#include <string_view>

namespace bucketlint::text {

// Appends the UTF-8 encoding of code point `cp` (the JSON and HCL parsers' \u escapes).
void append_utf8(std::string& out, std::uint32_t cp);

// The character helpers are inline: they run per character in the hot loops of the loader and
// the PL rules.
// ASCII character classes (locale-independent, unlike <cctype>).
constexpr bool is_ascii_digit(char c) { return c >= '0' && c <= '9'; }
constexpr bool is_ascii_upper(char c) { return c >= 'A' && c <= 'Z'; }
constexpr bool is_ascii_lower(char c) { return c >= 'a' && c <= 'z'; }
constexpr bool is_ascii_alnum(char c) {
  return is_ascii_digit(c) || is_ascii_upper(c) || is_ascii_lower(c);
}
inline char ascii_lower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}
std::string ascii_lower(std::string_view s);
inline bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (ascii_lower(a[i]) != ascii_lower(b[i])) return false;
  }
  return true;
}
inline bool istarts_with(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && iequals(s.substr(0, prefix.size()), prefix);
}
// An IAM wildcard character ('*' or '?') anywhere in `s`. Two memchr scans: find_first_of("*?")
// calls memchr once per character (hot in the PL rules).
inline bool has_wildcard(std::string_view s) {
  return s.find('*') != std::string_view::npos || s.find('?') != std::string_view::npos;
}

}  // namespace bucketlint::text
