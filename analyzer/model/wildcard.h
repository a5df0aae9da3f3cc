#pragma once

// The shared IAM wildcard matcher: '*' matches any run of characters (also empty), '?' exactly
// one character. Used for Action, Resource, StringLike and ArnLike.
//
// Matching is non-backtracking: a pattern is split once into literal segments between '*'s and
// each segment is found leftmost-first, which is correct for glob patterns and takes
// O(text length x longest segment) time. No exponential blow-up on hostile patterns such as
// "a*a*a*a*a*a*a*a*b" (issue 3). wildcard_match() matches the pattern text directly (same
// placement, no compile); patterns with escapes are compiled once per thread and cached.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "syntax/text.h"

namespace bucketlint::model {

enum GlobFlags : std::uint8_t {
  kGlobDefault = 0,
  kGlobIgnoreCase = 1,  // ASCII case-insensitive (IAM actions)
  kGlobEscapes = 2,     // '\' makes the next character literal (output of policy variables)
};

class Glob {
 public:
  Glob(std::string_view pattern, std::uint8_t flags);

  bool matches(std::string_view text) const;
  // True when the pattern has no '*' or '?' (after escapes).
  bool is_literal() const { return segments_.size() == 1 && !has_any_; }

 private:
  struct Segment {
    std::string chars;
    std::vector<bool> any;  // '?' positions
    bool has_any = false;
  };
  bool segment_at(const Segment& seg, std::string_view text, std::size_t pos) const;
  std::size_t find_segment(const Segment& seg, std::string_view text, std::size_t from,
                           std::size_t end) const;

  std::vector<Segment> segments_;  // separated by '*'; size() - 1 stars (consecutive collapse)
  bool ignore_case_ = false;
  bool has_any_ = false;
};

// Compiled once per (pattern, flags) and thread, then matched. The reference stays valid only
// until the next call on the same thread (the cache is bounded and may be cleared).
const Glob& cached_glob(std::string_view pattern, std::uint8_t flags);
// Same answer as cached_glob(pattern, flags).matches(text).
bool wildcard_match(std::string_view pattern, std::string_view text,
                    std::uint8_t flags = kGlobDefault);

// Escapes '*', '?' and '\' so that the text matches itself under kGlobEscapes.
void append_glob_literal(std::string& out, std::string_view text);

}  // namespace bucketlint::model
