#pragma once

// The one matcher for file-path globs (suppression `path:` in .bucketlint.yaml, --exclude):
//   '*'  any run of characters except '/'
//   '?'  one character except '/'
//   '**' any run of characters, '/' included; "**/" also matches no directory at all, so
//        "**/x.json" matches "x.json" and "a/**/b" matches "a/b"
// Leading "./" segments of the pattern and the path are ignored.
//
// The pattern is split at its '**'s into chunks. Each chunk's automaton is simulated over the
// path once, from the positions where the chunk may start (after a plain '**': anywhere from
// the previous chunk's earliest end on, so only that earliest end is needed) to the positions
// where it ends. No recursion, no backtracking: time O(path length x pattern length) at worst
// and O(path length x longest chunk) when no "**/" is followed by more than a literal, memory
// O(pattern + path). "**/**" collapses to "**", so "**/" x 200,000 costs one pass over the
// pattern, and "**a**a**a**a**a**a**b" (both from issue 10) is linear in the path.
// (model/wildcard.h is the IAM matcher: there '*' also crosses '/'.)

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace bucketlint::model {

class PathGlob {
 public:
  explicit PathGlob(std::string_view pattern);
  bool matches(std::string_view path) const;

 private:
  enum class Op : std::uint8_t { kChar, kAnyChar, kStar };
  struct Token {
    Op op;
    char c;
  };
  struct Chunk {
    std::vector<Token> tokens;
    bool after_slash = false;  // the separator before it is "**/" rather than "**"
  };
  // Marks in `out` every position where a match of `chunk` that starts at a marked position of
  // `starts` (none before `first`) ends; stops at the first when `earliest_only`.
  static void ends(const Chunk& chunk, std::string_view text, const std::vector<char>& starts,
                   std::size_t first, bool earliest_only, std::vector<char>& out);

  std::vector<Chunk> chunks_;  // separated by '**'
};

// One-off match: PathGlob(pattern).matches(path). An empty pattern matches every path.
bool path_glob_match(std::string_view pattern, std::string_view path);

// Drops leading "./" segments (and repeated slashes after them).
std::string_view strip_dot_slash(std::string_view path);

}  // namespace bucketlint::model
