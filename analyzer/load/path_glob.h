#pragma once

// Path globs for input selection (--exclude, `exclude:` in the config, .gitignore patterns),
// matched in time linear in the path: each glob is translated once into an RE2 regular
// expression (RE2 never backtracks). Syntax: '*' any run of characters but '/', '?' one
// character but '/', '**' any run including '/' ("**/" also matches no directory at all),
// '[abc]' / '[a-z]' / '[!a]' one character of a class, '\' makes the next character literal.
// Bytes are matched as bytes (file names need not be UTF-8).

#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace re2 {
class RE2;
}

namespace bucketlint {

class PathGlob {
 public:
  // nullopt (with the reason in `error`) when the glob is too large to compile.
  static std::optional<PathGlob> compile(std::string_view glob, std::string* error);
  // True when the whole of `path` matches.
  bool matches(std::string_view path) const;

 private:
  std::shared_ptr<const re2::RE2> re_;
};

// The RE2 syntax for `glob` (exposed for tests).
std::string glob_to_regex(std::string_view glob);

}  // namespace bucketlint
