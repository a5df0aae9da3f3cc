// The rule registry's contract: IDs and names, complete docs, and the
// link between rules and the golden samples.

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <re2/re2.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>
#include <string>
#include <string_view>

#include "bucketlint/rule.h"

namespace bucketlint {
namespace {

// Rules no golden sample can trigger: IN007 needs a file the test cannot read (permissions are
// not kept by git), IN901 needs a rule that throws (the engine tests cover it).
const std::set<std::string, std::less<>> kNotInSamples = {"IN007", "IN901"};

// A summary that starts with an ordinary capitalised word ("The ..."); acronyms and identifiers
// ("JSON ...", "ForAllValues ...") may start it.
constexpr char kCapitalisedStart[] = "^[A-Z][a-z]*( |$)";

std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// Rule IDs in the `[ID]` suffixes of every samples/*/expected.txt.
std::set<std::string> ids_in_goldens() {
  std::set<std::string> ids;
  const std::filesystem::path samples = std::filesystem::path(BUCKETLINT_SOURCE_DIR) / "samples";
  for (const auto& entry : std::filesystem::directory_iterator(samples)) {
    if (!entry.is_directory()) continue;
    const std::string text = read_text(entry.path() / "expected.txt");
    re2::StringPiece input(text);
    std::string id;
    while (RE2::FindAndConsume(&input, R"(\[([A-Z]{2}[0-9]{3})\]\n)", &id)) ids.insert(id);
  }
  return ids;
}

TEST(Registry, StyleCheckCatchesCapitalisedSummaries) {
  EXPECT_TRUE(RE2::PartialMatch("The policy is empty", kCapitalisedStart));
  EXPECT_FALSE(RE2::PartialMatch("JSON nesting is too deep", kCapitalisedStart));
  EXPECT_FALSE(RE2::PartialMatch("ForAllValues on a single key", kCapitalisedStart));
}

TEST(Registry, IdsAreWellFormedUniqueAndInOrder) {
  const auto rules = make_builtin_rules();
  ASSERT_FALSE(rules.empty());
  std::string previous;
  for (const auto& rule : rules) {
    const std::string id(rule->info().id);
    EXPECT_TRUE(RE2::FullMatch(id, "(IN|PL|OW|CF|TR|AC|PA)[0-9]{3}")) << id;
    EXPECT_LT(previous, id) << "registry not in ID order (or duplicate) at " << id;
    previous = id;
  }
}

TEST(Registry, NamesAreUniqueKebabCase) {
  std::set<std::string_view> names;
  for (const auto& rule : make_builtin_rules()) {
    const RuleInfo& info = rule->info();
    EXPECT_TRUE(RE2::FullMatch(info.name, "[a-z][a-z0-9]*(-[a-z0-9]+)*")) << info.id;
    EXPECT_TRUE(names.insert(info.name).second) << "duplicate name " << info.name;
  }
}

TEST(Registry, SummariesAndRemediationsFollowMessageStyle) {
  for (const auto& rule : make_builtin_rules()) {
    const RuleInfo& info = rule->info();
    ASSERT_FALSE(info.summary.empty()) << info.id;
    ASSERT_FALSE(info.remediation.empty()) << info.id;
    EXPECT_FALSE(RE2::PartialMatch(info.summary, kCapitalisedStart)) << info.id;
    EXPECT_NE(info.summary.back(), '.') << info.id;
    EXPECT_NE(info.remediation.back(), '.') << info.id;
  }
}

TEST(Registry, DocsHaveEverySection) {
  for (const auto& rule : make_builtin_rules()) {
    const RuleInfo& info = rule->info();
    if (info.stability == Stability::kRemoved) continue;
    for (const std::string_view section : {"### What it flags", "### Why it matters", "### Example",
                                           "### How to fix", "### Known gaps", "Access Analyzer"}) {
      EXPECT_NE(info.doc.find(section), std::string_view::npos)
          << info.id << " doc lacks '" << section << "'";
    }
  }
}

TEST(Registry, EveryGoldenIdExists) {
  const auto rules = make_builtin_rules();
  std::set<std::string_view> known;
  for (const auto& rule : rules) known.insert(rule->info().id);
  for (const std::string& id : ids_in_goldens()) {
    EXPECT_TRUE(known.contains(id)) << "samples mention unknown rule " << id;
  }
}

TEST(Registry, EveryLiveRuleFiresInSomeGolden) {
  const std::set<std::string> seen = ids_in_goldens();
  for (const auto& rule : make_builtin_rules()) {
    const RuleInfo& info = rule->info();
    if (info.stability == Stability::kRemoved || kNotInSamples.contains(info.id)) continue;
    EXPECT_TRUE(seen.contains(std::string(info.id)))
        << info.id << " fires in no samples/*/expected.txt; add a triggering sample";
  }
}

}  // namespace
}  // namespace bucketlint
