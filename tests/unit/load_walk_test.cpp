// Input selection pieces of the directory walk: .gitignore rules
// and the test that decides whether a walked file is meant for bucketlint.

#include <gtest/gtest.h>

#include <string>

#include "load/gitignore.h"
#include "load/input_select.h"

namespace bucketlint {
namespace {

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
