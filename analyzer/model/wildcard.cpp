#include "model/wildcard.h"

#include <array>
#include <functional>
#include <unordered_map>

namespace bucketlint::model {

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
    seg.chars.push_back(ignore_case_ ? ascii_lower(c) : c);
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
    const char t = ignore_case_ ? ascii_lower(text[pos + k]) : text[pos + k];
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
  return cached_glob(pattern, flags).matches(text);
}

}  // namespace bucketlint::model
