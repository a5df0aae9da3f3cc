#pragma once

// ASCII text helpers shared by the loader, the evaluator, the catalogue and the rules. IAM names
// (actions, condition keys, operators) compare case-insensitively in ASCII only.

#include <string>
#include <string_view>

namespace bucketlint::model {

char ascii_lower(char c);
std::string ascii_lower(std::string_view s);
bool iequals(std::string_view a, std::string_view b);
bool istarts_with(std::string_view s, std::string_view prefix);
// An IAM wildcard character ('*' or '?') anywhere in `s`.
bool has_wildcard(std::string_view s);

}  // namespace bucketlint::model
