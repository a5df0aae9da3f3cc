// Input selection pieces of the directory walk: path globs (linear time), .gitignore rules,
// and the test that decides whether a walked file is meant for bucketlint.

#include <gtest/gtest.h>

#include <string>

#include "load/gitignore.h"
#include "load/input_select.h"
#include "load/path_glob.h"

namespace bucketlint {
namespace {

bool glob_matches(std::string_view glob, std::string_view path) {
  std::string error;
  const std::optional<PathGlob> g = PathGlob::compile(glob, &error);
  EXPECT_TRUE(g.has_value()) << glob << ": " << error;
  return g && g->matches(path);
}

TEST(PathGlob, Wildcards) {
  EXPECT_TRUE(glob_matches("*.json", "a.json"));
  EXPECT_FALSE(glob_matches("*.json", "d/a.json"));
  EXPECT_TRUE(glob_matches("**/*.json", "a.json"));
  EXPECT_TRUE(glob_matches("**/*.json", "d/e/a.json"));
  EXPECT_TRUE(glob_matches("d/**", "d/e/a.json"));
  EXPECT_TRUE(glob_matches("a?c", "abc"));
  EXPECT_FALSE(glob_matches("a?c", "a/c"));
  EXPECT_TRUE(glob_matches("[ab]x", "bx"));
  EXPECT_FALSE(glob_matches("[!ab]x", "bx"));
  EXPECT_TRUE(glob_matches("[a-c]x", "cx"));
  EXPECT_TRUE(glob_matches("[x", "[x"));  // no closing ']': literal
  EXPECT_TRUE(glob_matches("a.b", "a.b"));
  EXPECT_FALSE(glob_matches("a.b", "axb"));  // '.' is literal
  EXPECT_TRUE(glob_matches("\\*", "*"));
  EXPECT_FALSE(glob_matches("\\*", "x"));
  EXPECT_TRUE(glob_matches("n*l", std::string("n\nl")));  // names may hold any byte
  EXPECT_TRUE(glob_matches("*", std::string("\xff\xfe", 2)));
}

// The inputs that made the recursive matcher exponential or overflow its stack.
TEST(PathGlob, HostileGlobsStayLinear) {
  std::string many;
  for (int i = 0; i < 2000; ++i) many += "**/";
  EXPECT_FALSE(glob_matches(many + "x", std::string(4000, 'a')));
  EXPECT_FALSE(glob_matches("**a**a**a**a**a**a**b", std::string(10000, 'a')));
}

TEST(GitIgnore, GitRules) {
  const std::optional<GitIgnore> g = GitIgnore::parse(
      "# comment\n\nbuild/\n*.log\n!keep.log\n/root.json\ndocs/*.json\n"
      "trailing.json   \n");
  ASSERT_TRUE(g.has_value());
  using M = GitIgnore::Match;
  EXPECT_EQ(g->match("build", true), M::kIgnored);
  EXPECT_EQ(g->match("build", false), M::kNone);  // folders only
  EXPECT_EQ(g->match("a/build", true), M::kIgnored);
  EXPECT_EQ(g->match("x.log", false), M::kIgnored);
  EXPECT_EQ(g->match("d/keep.log", false), M::kIncluded);
  EXPECT_EQ(g->match("root.json", false), M::kIgnored);
  EXPECT_EQ(g->match("a/root.json", false), M::kNone);  // anchored
  EXPECT_EQ(g->match("docs/p.json", false), M::kIgnored);
  EXPECT_EQ(g->match("a/docs/p.json", false), M::kNone);
  EXPECT_EQ(g->match("trailing.json", false), M::kIgnored);
  EXPECT_EQ(g->match("other.json", false), M::kNone);
  EXPECT_FALSE(GitIgnore::parse("# only a comment\n\n").has_value());
}

TEST(InputSelect, FormatByName) {
  EXPECT_EQ(input_format_by_name("p.json"), InputFormat::kJson);
  EXPECT_EQ(input_format_by_name("P.JSON"), InputFormat::kJson);
  EXPECT_EQ(input_format_by_name("README.md"), InputFormat::kNone);
  EXPECT_EQ(input_format_by_name("json"), InputFormat::kNone);
  EXPECT_EQ(input_format_by_name(".json"), InputFormat::kNone);  // a hidden file named "json"
}

TEST(InputSelect, ClearlyOurs) {
  EXPECT_TRUE(clearly_ours("bucket-policy.json", "{\"oops\""));
  EXPECT_TRUE(clearly_ours("x.json", "{ \"Statement\": ["));
  EXPECT_TRUE(clearly_ours("x.json", "{\"Foo\": 1, \"Version\": \"2012-10-17\""));
  EXPECT_TRUE(clearly_ours("x.json", "  \n"));  // empty
  EXPECT_FALSE(clearly_ours("package.json", "{\"name\": \"app\", \"version\": \"1.0.0\"}"));
  EXPECT_FALSE(clearly_ours("data.json", "[1, 2, 3]"));
  EXPECT_FALSE(clearly_ours("tsconfig.json", "{\"compilerOptions\": {}}"));
}

}  // namespace
}  // namespace bucketlint
