// The one path glob matcher (model/path_glob.h): semantics, agreement with a plain backtracking
// reference on every small pattern and path, classes and escapes, and the hostile patterns of
// issue 10 item 2.

#include "model/path_glob.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bucketlint::model {
namespace {

// Reference: the recursive backtracking definition (exponential, only for tiny inputs).
bool reference(std::string_view p, std::string_view t) {
  if (p.empty()) return t.empty();
  if (p.starts_with("**")) {
    std::size_t next = 2;
    while (next < p.size() && p[next] == '*') ++next;
    if (next < p.size() && p[next] == '/' && reference(p.substr(next + 1), t)) return true;
    for (std::size_t k = 0; k <= t.size(); ++k) {
      if (reference(p.substr(next), t.substr(k))) return true;
    }
    return false;
  }
  if (p[0] == '*') {
    for (std::size_t k = 0; k <= t.size(); ++k) {
      if (reference(p.substr(1), t.substr(k))) return true;
      if (k < t.size() && t[k] == '/') break;
    }
    return false;
  }
  if (t.empty()) return false;
  if (p[0] == '?' ? t[0] == '/' : p[0] != t[0]) return false;
  return reference(p.substr(1), t.substr(1));
}

// Every string of length <= max_len over `alphabet`.
std::vector<std::string> all_strings(std::string_view alphabet, std::size_t max_len) {
  std::vector<std::string> out{""};
  std::size_t begin = 0;
  for (std::size_t len = 1; len <= max_len; ++len) {
    const std::size_t end = out.size();
    for (std::size_t i = begin; i < end; ++i) {
      for (const char c : alphabet) out.push_back(out[i] + c);
    }
    begin = end;
  }
  return out;
}

TEST(PathGlob, Semantics) {
  EXPECT_TRUE(path_glob_match("policies/*.json", "policies/a.json"));
  EXPECT_FALSE(path_glob_match("policies/*.json", "policies/sub/a.json"));
  EXPECT_TRUE(path_glob_match("policies/**/*.json", "policies/c.json"));
  EXPECT_TRUE(path_glob_match("policies/**/*.json", "policies/a/b/c.json"));
  EXPECT_TRUE(path_glob_match("**/bp.json", "bp.json"));
  EXPECT_TRUE(path_glob_match("./a/?.json", "a/b.json"));
  EXPECT_FALSE(path_glob_match("a?b", "a/b"));
  EXPECT_TRUE(path_glob_match("a**b", "a/x/b"));
  EXPECT_TRUE(path_glob_match("", "anything"));
  EXPECT_FALSE(path_glob_match("a/**/", "a"));
  EXPECT_TRUE(path_glob_match("a/**/", "a/"));
}

TEST(PathGlob, AgreesWithBacktrackingReference) {
  const std::vector<std::string> patterns = all_strings("a/*?", 5);
  const std::vector<std::string> paths = all_strings("ab/", 5);
  for (const std::string& p : patterns) {
    const std::optional<PathGlob> glob = PathGlob::compile(p);
    ASSERT_TRUE(glob.has_value()) << p;
    for (const std::string& t : paths) {
      ASSERT_EQ(glob->matches(t), reference(p, t)) << "pattern '" << p << "' path '" << t << "'";
    }
  }
}

// Issue 10 item 2: "**/" x 200,000 overflowed the stack; "**a**a**a**a**a**a**b" ran past 60 s.
TEST(PathGlob, HostilePatternsFinish) {
  std::string deep;
  for (int i = 0; i < 200000; ++i) deep += "**/";
  EXPECT_FALSE(path_glob_match(deep, "x.json"));  // ends in "**/": a directory or nothing
  EXPECT_TRUE(path_glob_match(deep, "a/b/"));
  EXPECT_TRUE(path_glob_match(deep, ""));
  EXPECT_TRUE(path_glob_match(deep + "x.json", "a/b/x.json"));
  EXPECT_FALSE(path_glob_match(deep + "y.json", "a/b/x.json"));
  const std::string text(5000, 'a');
  EXPECT_FALSE(path_glob_match("**a**a**a**a**a**a**b", text));
  EXPECT_TRUE(path_glob_match("**a**a**a**a**a**a**b", text + "b"));
  EXPECT_FALSE(path_glob_match("*a*a*a*a*a*a*b", text));
  std::string many;
  for (int i = 0; i < 2000; ++i) many += "**/";
  EXPECT_FALSE(path_glob_match(many + "x", std::string(4000, 'a')));
}

TEST(PathGlob, ClassesAndEscapes) {
  EXPECT_TRUE(path_glob_match("*.json", "a.json"));
  EXPECT_FALSE(path_glob_match("*.json", "d/a.json"));
  EXPECT_TRUE(path_glob_match("d/**", "d/e/a.json"));
  EXPECT_TRUE(path_glob_match("[ab]x", "bx"));
  EXPECT_FALSE(path_glob_match("[!ab]x", "bx"));
  EXPECT_FALSE(path_glob_match("[!ab]x", "/x"));  // a negated class never matches '/'
  EXPECT_TRUE(path_glob_match("[a-c]x", "cx"));
  EXPECT_TRUE(path_glob_match("[x", "[x"));     // no closing ']': literal
  EXPECT_FALSE(path_glob_match("a.b", "axb"));  // '.' is literal
  EXPECT_TRUE(path_glob_match("\\*", "*"));
  EXPECT_FALSE(path_glob_match("\\*", "x"));
  EXPECT_TRUE(path_glob_match("n*l", std::string("n\nl")));  // names may hold any byte
  EXPECT_TRUE(path_glob_match("*", std::string("\xff\xfe", 2)));
}

// Runs of "**/" collapse before translation, so a long run still compiles to one group.
TEST(PathGlob, DoubleStarRunsCollapse) {
  EXPECT_EQ(glob_to_regex("**/**/x"), glob_to_regex("**/x"));
  EXPECT_EQ(glob_to_regex("**/**"), glob_to_regex("**"));
  EXPECT_EQ(glob_to_regex("a/**/**/**/b"), glob_to_regex("a/**/b"));
  EXPECT_EQ(glob_to_regex("**/*"), "(?:.*/)?[^/]*");
}

// A glob whose automaton exceeds RE2's budget does not compile; the one-off match then matches
// nothing (the config reader reports such a suppression as IN010).
TEST(PathGlob, TooLargeDoesNotCompile) {
  std::string huge;
  for (int i = 0; i < 200000; ++i) huge += "[ab]?";
  std::string error;
  EXPECT_FALSE(PathGlob::compile(huge, &error).has_value());
  EXPECT_FALSE(error.empty());
  EXPECT_FALSE(path_glob_match(huge, "ab"));
}

}  // namespace
}  // namespace bucketlint::model
