#pragma once

// The one matcher for file-path globs in bucketlint: suppression `path:` in .bucketlint.yaml,
// `--exclude` / `exclude:`, and .gitignore patterns (load/gitignore.h compiles its patterns with
// glob_to_regex into one RE2 set). Syntax:
//   '*'      any run of characters except '/'
//   '?'      one character except '/'
//   '**'     any run of characters, '/' included; "**/" also matches no directory at all, so
//            "**/x.json" matches "x.json" and "a/**/b" matches "a/b"
//   '[abc]'  one character of a class: ranges '[a-z]', negation '[!a]' or '[^a]' (a negated
//            class never matches '/'); a '[' without a closing ']' is literal
//   '\c'     the character c, literally
// Leading "./" segments of the pattern and the path are ignored.
//
// A glob is translated once into an RE2 regular expression: RE2 never backtracks, so matching
// is linear in the path whatever the pattern. Runs of "**/" and "**" collapse before
// translation ("**/**/" is "**/", "**/**" is "**"), so "**/" x 200,000 compiles to one group,
// and "**a**a**a**a**a**a**b" (both hostile patterns from issue 10) is one linear pass. A glob
// whose automaton would exceed RE2's memory budget does not compile: the caller reports it.
// Bytes are matched as bytes (file names need not be UTF-8).
// (model/wildcard.h is the IAM matcher: there '*' also crosses '/'.)

#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace re2 {
class RE2;
}

namespace bucketlint::model {

class PathGlob {
 public:
  // nullopt (with RE2's reason in `error`) when the glob is too large to compile.
  static std::optional<PathGlob> compile(std::string_view glob, std::string* error = nullptr);
  // True when the whole of `path` (leading "./" ignored) matches.
  bool matches(std::string_view path) const;

 private:
  std::shared_ptr<const re2::RE2> re_;
};

// The RE2 syntax for `glob`, anchored by the caller (exposed for load/gitignore and tests).
std::string glob_to_regex(std::string_view glob);

// One-off match. An empty pattern matches every path; a pattern that does not compile matches
// none.
bool path_glob_match(std::string_view pattern, std::string_view path);

// Drops leading "./" segments (and repeated slashes after them).
std::string_view strip_dot_slash(std::string_view path);

}  // namespace bucketlint::model
