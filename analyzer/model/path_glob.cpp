#include "model/path_glob.h"

#include <algorithm>

namespace bucketlint::model {

std::string_view strip_dot_slash(std::string_view path) {
  while (path.size() >= 2 && path[0] == '.' && path[1] == '/') {
    path.remove_prefix(2);
    while (!path.empty() && path[0] == '/') path.remove_prefix(1);
  }
  return path;
}

PathGlob::PathGlob(std::string_view pattern) {
  pattern = strip_dot_slash(pattern);
  chunks_.emplace_back();
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    const char c = pattern[i];
    if (c == '*' && i + 1 < pattern.size() && pattern[i + 1] == '*') {
      while (i + 1 < pattern.size() && pattern[i + 1] == '*') ++i;
      const bool slash = i + 1 < pattern.size() && pattern[i + 1] == '/';
      if (slash) ++i;  // "**/" is one separator
      // "**/**" is "**" and "**/**/" is "**/": an empty chunk after "**/" adds nothing.
      if (chunks_.size() > 1 && chunks_.back().tokens.empty() && chunks_.back().after_slash) {
        chunks_.back().after_slash = slash;
        continue;
      }
      Chunk next;
      next.after_slash = slash;
      chunks_.push_back(std::move(next));
      continue;
    }
    std::vector<Token>& tokens = chunks_.back().tokens;
    if (c == '*') {
      if (tokens.empty() || tokens.back().op != Op::kStar) tokens.push_back({Op::kStar, c});
    } else if (c == '?') {
      tokens.push_back({Op::kAnyChar, c});
    } else {
      tokens.push_back({Op::kChar, c});
    }
  }
}

// The automaton of one chunk: state i waits for token i, state size() accepts. A '*' state
// loops on every character but '/' and may be left without consuming (epsilon to i + 1);
// epsilon edges only go forward, so one forward pass closes a set.
void PathGlob::ends(const Chunk& chunk, std::string_view text, const std::vector<char>& starts,
                    std::size_t first, bool earliest_only, std::vector<char>& out) {
  std::fill(out.begin(), out.end(), 0);
  const std::vector<Token>& tokens = chunk.tokens;
  const std::size_t n = tokens.size();
  std::vector<char> cur(n + 1, 0);
  std::vector<char> next(n + 1, 0);
  auto close = [&](std::vector<char>& set) {
    for (std::size_t i = 0; i < n; ++i) {
      if (set[i] != 0 && tokens[i].op == Op::kStar) set[i + 1] = 1;
    }
  };
  bool live = false;  // some state is active in cur
  for (std::size_t t = first; t <= text.size(); ++t) {
    if (starts[t] != 0) {
      cur[0] = 1;
      live = true;
    }
    if (!live) continue;  // nothing to advance until the next start
    close(cur);
    if (cur[n] != 0) {
      out[t] = 1;
      if (earliest_only) return;
    }
    if (t == text.size()) break;
    const char c = text[t];
    std::fill(next.begin(), next.end(), 0);
    live = false;
    for (std::size_t i = 0; i < n; ++i) {
      if (cur[i] == 0) continue;
      const Token& token = tokens[i];
      const bool ok = token.op == Op::kChar ? token.c == c : c != '/';
      if (!ok) continue;
      next[token.op == Op::kStar ? i : i + 1] = 1;  // '*' stays, every other token moves on
      live = true;
    }
    cur.swap(next);
  }
}

bool PathGlob::matches(std::string_view path) const {
  path = strip_dot_slash(path);
  const std::size_t size = path.size() + 1;  // positions 0..path.size()
  std::vector<char> starts(size, 0);
  std::vector<char> found(size, 0);
  starts[0] = 1;
  std::size_t first = 0;
  for (std::size_t k = 0; k < chunks_.size(); ++k) {
    const bool last = k + 1 == chunks_.size();
    // The next separator: a plain "**" only needs this chunk's earliest end.
    const bool earliest_only = !last && !chunks_[k + 1].after_slash;
    ends(chunks_[k], path, starts, first, earliest_only, found);
    if (last) return found[path.size()] != 0;
    const auto min_end =
        static_cast<std::size_t>(std::find(found.begin(), found.end(), 1) - found.begin());
    if (min_end == size) return false;
    // Where the next chunk may start: after "**" anywhere from the earliest end on; after "**/"
    // at an end (no directory) or just after a '/' that lies at or after an earliest end.
    std::fill(starts.begin(), starts.end(), 0);
    for (std::size_t q = min_end; q < size; ++q) {
      starts[q] = chunks_[k + 1].after_slash
                      ? static_cast<char>(found[q] != 0 || (q > min_end && path[q - 1] == '/'))
                      : 1;
    }
    first = min_end;
  }
  return false;
}

bool path_glob_match(std::string_view pattern, std::string_view path) {
  if (pattern.empty()) return true;
  return PathGlob(pattern).matches(path);
}

}  // namespace bucketlint::model
