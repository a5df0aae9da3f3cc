#pragma once

// .gitignore matching for directory walks inside a git work tree, implemented here rather than
// by running git: bucketlint never executes anything (a repository under review could carry a
// .git/config whose core.fsmonitor or similar runs a command), and it needs no git on PATH.
//
// Supported (gitignore(5)): blank lines and '#' comments, trailing spaces, '!' negation, '\'
// escapes, a trailing '/' for folders only, patterns with a '/' anchored to the .gitignore's
// folder and others matching a name at any depth, '*', '?', '[...]', '**'. Later lines win;
// a deeper .gitignore wins over a higher one; a file in an ignored folder is never re-included
// (the folder is not walked). Not read: core.excludesFile (global, per user) and the index
// (a file tracked with `git add -f` despite matching a pattern is skipped too).
//
// Each file's patterns are compiled into one RE2 set: matching a path is one linear pass,
// whatever the number of patterns.

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace re2 {
class RE2;
}

namespace bucketlint {

class GitIgnore {
 public:
  enum class Match { kNone, kIgnored, kIncluded };

  // Parses `text`; nullopt when it holds no pattern (or too many to compile, which is then
  // treated as no patterns: nothing is skipped that would otherwise be read).
  static std::optional<GitIgnore> parse(std::string_view text);

  // `relative`: the path below the .gitignore's folder ('/' separators).
  Match match(std::string_view relative, bool is_dir) const;

 private:
  struct Pattern {
    bool negate = false;
    bool dir_only = false;
  };
  std::vector<Pattern> patterns_;
  std::shared_ptr<const void> set_;  // re2::RE2::Set (kept opaque to spare RE2's header)
};

// Largest .gitignore read (larger ones are ignored, as if absent).
inline constexpr std::size_t kMaxGitIgnoreBytes = 1u << 20;

}  // namespace bucketlint
