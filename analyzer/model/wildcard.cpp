#include "model/wildcard.h"

#include <array>
#include <functional>
#include <unordered_map>

namespace bucketlint::model {
namespace {

constexpr char fold(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

// Matching without compiling, for patterns without escapes: '*' remembers where it stood and
// a mismatch resumes after the last '*' one character further. Only the last '*' is ever
// resumed (an earlier one could only place the text between them later, which the last one
// absorbs), so this is the same leftmost-first placement of the segments as Glob::matches,
// O(text length x longest segment), without the compile and cache look-up a one-off match
// would pay.
template <bool kIgnoreCase>
bool match_uncompiled(std::string_view pattern, std::string_view text) {
  std::size_t p = 0;
  std::size_t t = 0;
  std::size_t star = std::string_view::npos;  // position of the last '*' seen
  std::size_t resume = 0;                     // text position its run currently ends at
  while (t < text.size()) {
    if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      if (p == pattern.size()) return true;  // a final '*' takes the rest
      resume = t;
      continue;
    }
    if (p < pattern.size() && (pattern[p] == '?' || (kIgnoreCase ? fold(pattern[p]) == fold(text[t])
                                                                 : pattern[p] == text[t]))) {
      ++p;
      ++t;
      continue;
    }
    if (star == std::string_view::npos) return false;
    p = star + 1;
    t = ++resume;
    if (!kIgnoreCase && p < pattern.size() && pattern[p] != '?' && pattern[p] != '*') {
      // The run can only resume where the next literal character occurs.
      const std::size_t next = text.find(pattern[p], t);
      if (next == std::string_view::npos) return false;
      t = resume = next;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

}  // namespace

void append_glob_literal(std::string& out, std::string_view text) {
  for (char c : text) {
    if (c == '*' || c == '?' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
}

Glob::Glob(std::string_view pattern, std::uint8_t flags)
    : ignore_case_((flags & kGlobIgnoreCase) != 0) {
  const bool escapes = (flags & kGlobEscapes) != 0;
  segments_.emplace_back();
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    char c = pattern[i];
    bool literal = false;
    if (escapes && c == '\\' && i + 1 < pattern.size()) {
      c = pattern[++i];
      literal = true;
    }
    if (!literal && c == '*') {
      segments_.emplace_back();  // consecutive stars leave empty segments, harmless
      continue;
    }
    Segment& seg = segments_.back();
    const bool any = !literal && c == '?';
    seg.chars.push_back(ignore_case_ ? fold(c) : c);
    seg.any.push_back(any);
    if (any) {
      seg.has_any = true;
      has_any_ = true;
    }
  }
}

bool Glob::segment_at(const Segment& seg, std::string_view text, std::size_t pos) const {
  for (std::size_t k = 0; k < seg.chars.size(); ++k) {
    if (seg.any[k]) continue;
    const char t = ignore_case_ ? fold(text[pos + k]) : text[pos + k];
    if (t != seg.chars[k]) return false;
  }
  return true;
}

// Leftmost position p in [from, end - seg.size()] where the segment matches, or npos.
std::size_t Glob::find_segment(const Segment& seg, std::string_view text, std::size_t from,
                               std::size_t end) const {
  const std::size_t n = seg.chars.size();
  if (n == 0) return from;
  if (end < n) return std::string_view::npos;
  if (!seg.has_any && !ignore_case_) {
    const std::size_t p = text.substr(0, end).find(seg.chars, from);
    return p;
  }
  for (std::size_t p = from; p + n <= end; ++p) {
    if (segment_at(seg, text, p)) return p;
  }
  return std::string_view::npos;
}

bool Glob::matches(std::string_view text) const {
  const Segment& first = segments_.front();
  if (segments_.size() == 1) {
    return text.size() == first.chars.size() && segment_at(first, text, 0);
  }
  const Segment& last = segments_.back();
  const std::size_t fixed = first.chars.size() + last.chars.size();
  if (text.size() < fixed) return false;
  if (!segment_at(first, text, 0)) return false;
  const std::size_t tail = text.size() - last.chars.size();
  if (!segment_at(last, text, tail)) return false;
  // Middle segments: leftmost-first placement between the prefix and the suffix. Taking the
  // earliest match for each segment never loses a solution, so no backtracking is needed.
  std::size_t pos = first.chars.size();
  for (std::size_t s = 1; s + 1 < segments_.size(); ++s) {
    const Segment& seg = segments_[s];
    const std::size_t p = find_segment(seg, text, pos, tail);
    if (p == std::string_view::npos) return false;
    pos = p + seg.chars.size();
  }
  return true;
}

namespace {

// Heterogeneous lookup: find by string_view without building a key string per match.
struct PatternHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

using GlobCache = std::unordered_map<std::string, Glob, PatternHash, std::equal_to<>>;

}  // namespace

const Glob& cached_glob(std::string_view pattern, std::uint8_t flags) {
  thread_local std::array<GlobCache, 4> caches;
  GlobCache& cache = caches[flags & 3u];
  auto it = cache.find(pattern);
  if (it != cache.end()) return it->second;
  // Bound the memory a long-running process can spend on patterns.
  if (cache.size() >= 16384) cache.clear();
  return cache.emplace(std::string(pattern), Glob(pattern, flags)).first->second;
}

bool wildcard_match(std::string_view pattern, std::string_view text, std::uint8_t flags) {
  if ((flags & kGlobEscapes) != 0) return cached_glob(pattern, flags).matches(text);
  return (flags & kGlobIgnoreCase) != 0 ? match_uncompiled<true>(pattern, text)
                                        : match_uncompiled<false>(pattern, text);
}

}  // namespace bucketlint::model
