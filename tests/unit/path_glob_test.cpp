// The path glob matcher (model/path_glob.h): semantics, agreement with a plain backtracking
// reference on every small pattern and path, and the hostile patterns of issue 10 item 2.

#include "model/path_glob.h"

#include <gtest/gtest.h>

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
    const PathGlob glob(p);
    for (const std::string& t : paths) {
      ASSERT_EQ(glob.matches(t), reference(p, t)) << "pattern '" << p << "' path '" << t << "'";
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
}

}  // namespace
}  // namespace bucketlint::model
