// Fingerprints that do not depend on how a path was spelled, distinct fingerprints within a run,
// and baselines: writing, reading (an untrusted file), applying.

#include "bucketlint/baseline.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "bucketlint/engine.h"
#include "bucketlint/model.h"
#include "bucketlint/rule.h"
#include "load_test_util.h"

namespace bucketlint {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

constexpr RuleInfo kRule{.id = "PL101",
                         .name = "alpha",
                         .default_severity = Severity::kWarning,
                         .summary = "alpha",
                         .remediation = "fix alpha",
                         .doc = ""};

class ListRule final : public Rule {
 public:
  explicit ListRule(std::vector<SourceRef> places) : places_(std::move(places)) {}
  const RuleInfo& info() const override { return kRule; }
  void check(const RuleContext& /*ctx*/, FindingSink& sink) const override {
    for (const SourceRef& where : places_) sink.report(make_finding(kRule, where, "same text"));
  }

 private:
  std::vector<SourceRef> places_;
};

EngineResult run(std::vector<SourceRef> places, const std::string& root = {}) {
  std::vector<std::unique_ptr<Rule>> rules;
  rules.push_back(std::make_unique<ListRule>(std::move(places)));
  RuleSettings settings;
  settings.fingerprint_root = root;
  return run_rules(Model{}, rules, settings);
}

TEST(RepositoryPath, SameFileSameTextWhateverTheSpelling) {
  const std::string cwd = std::filesystem::current_path().generic_string();
  EXPECT_EQ(repository_path("policies/a.json", cwd), "policies/a.json");
  EXPECT_EQ(repository_path("./policies/a.json", cwd), "policies/a.json");
  EXPECT_EQ(repository_path("policies/x/../a.json", cwd), "policies/a.json");
  EXPECT_EQ(repository_path(cwd + "/policies/a.json", cwd), "policies/a.json");
  EXPECT_EQ(repository_path(cwd + "//policies/./a.json", cwd), "policies/a.json");
  // Outside the root: the absolute path, never "../".
  EXPECT_EQ(repository_path("/elsewhere/a.json", cwd + "/sub"), "/elsewhere/a.json");
  EXPECT_EQ(repository_path("-", cwd), "-");
  EXPECT_EQ(repository_path("<stdin>", cwd), "<stdin>");
  EXPECT_EQ(repository_path("./a.json", ""), "a.json");
}

TEST(RepositoryRoot, IsTheGitWorkTreeHoldingTheInput) {
  testing_util::TempDir t;
  t.write("repo/.git/HEAD", "ref: refs/heads/main\n");
  t.write("repo/policies/a.json", "{}");
  const std::string root = std::filesystem::path(t.path() + "/repo").lexically_normal().string();
  EXPECT_EQ(repository_root(t.path() + "/repo/policies/a.json"), root);
  EXPECT_EQ(repository_root(t.path() + "/repo/policies"), root);
  EXPECT_EQ(repository_root(t.path() + "/repo"), root);
}

TEST(Fingerprint, SameForDotAndAbsoluteSpelling) {
  const std::string cwd = std::filesystem::current_path().generic_string();
  const EngineResult dot = run({SourceRef{"./policies/a.json", "/Statement/0", 3, 5}}, cwd);
  const EngineResult abs = run({SourceRef{cwd + "/policies/a.json", "/Statement/0", 3, 5}}, cwd);
  ASSERT_EQ(dot.findings.size(), 1u);
  ASSERT_EQ(abs.findings.size(), 1u);
  EXPECT_EQ(dot.findings[0].fingerprint, abs.findings[0].fingerprint);
  // A different file is a different finding.
  const EngineResult other = run({SourceRef{"policies/b.json", "/Statement/0", 3, 5}}, cwd);
  EXPECT_NE(other.findings[0].fingerprint, dot.findings[0].fingerprint);
}

TEST(Fingerprint, TwoFindingsNeverShareOne) {
  // Same rule, file, pointer and text: only the position differs.
  const EngineResult r = run({SourceRef{"a.json", "/x", 3, 1}, SourceRef{"a.json", "/x", 9, 1},
                              SourceRef{"a.json", "/x", 20, 1}});
  ASSERT_EQ(r.findings.size(), 3u);
  EXPECT_NE(r.findings[0].fingerprint, r.findings[1].fingerprint);
  EXPECT_NE(r.findings[1].fingerprint, r.findings[2].fingerprint);
  EXPECT_NE(r.findings[0].fingerprint, r.findings[2].fingerprint);
  // The first keeps the plain fingerprint; moving all of them keeps all three.
  const EngineResult moved =
      run({SourceRef{"a.json", "/x", 13, 1}, SourceRef{"a.json", "/x", 19, 1},
           SourceRef{"a.json", "/x", 30, 1}});
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(moved.findings[i].fingerprint, r.findings[i].fingerprint) << i;
  }
}

class HintRule final : public Rule {
 public:
  HintRule(SourceRef where, std::string hint) : where_(std::move(where)), hint_(std::move(hint)) {}
  const RuleInfo& info() const override { return kRule; }
  void check(const RuleContext& /*ctx*/, FindingSink& sink) const override {
    Finding f = make_finding(kRule, where_, hint_);
    f.fingerprint_hint = hint_;
    sink.report(std::move(f));
  }

 private:
  SourceRef where_;
  std::string hint_;
};

std::string hinted(const std::string& file, const std::string& hint, const std::string& root) {
  std::vector<std::unique_ptr<Rule>> rules;
  rules.push_back(std::make_unique<HintRule>(SourceRef{file, "", 1, 1}, hint));
  RuleSettings settings;
  settings.fingerprint_root = root;
  return run_rules(Model{}, rules, settings).findings.at(0).fingerprint;
}

TEST(Fingerprint, MessageHintsLosePathSpellingAndPositions) {
  const std::string cwd = std::filesystem::current_path().generic_string();
  const std::string abs = cwd + "/p/a.json";
  EXPECT_EQ(hinted("./p/a.json", "cannot parse './p/a.json' at line 3 column 7", cwd),
            hinted(abs, "cannot parse '" + abs + "' at line 9 column 1", cwd));
  EXPECT_NE(hinted("./p/a.json", "expected ','", cwd), hinted("./p/a.json", "expected ':'", cwd));
}

TEST(Baseline, WriteThenParseRoundTrips) {
  const EngineResult r = run({SourceRef{"b.json", "/x", 1, 1}, SourceRef{"a.json", "/y", 2, 1}});
  const std::string text = write_baseline(r);
  EXPECT_THAT(text, HasSubstr("\"bucketlint_baseline\": 1"));
  std::string error;
  const std::optional<Baseline> b = parse_baseline(text, error);
  ASSERT_TRUE(b) << error;
  ASSERT_EQ(b->entries.size(), 2u);
  EXPECT_EQ(b->entries[0].file, "a.json");  // sorted by file
  EXPECT_EQ(b->entries[0].rule_id, "PL101");
  EXPECT_EQ(b->entries[1].file, "b.json");
}

TEST(Baseline, HidesRecordedFindingsAndListsStaleEntries) {
  const EngineResult before =
      run({SourceRef{"a.json", "/x", 1, 1}, SourceRef{"a.json", "/y", 2, 1}});
  std::string error;
  const std::optional<Baseline> baseline = parse_baseline(write_baseline(before), error);
  ASSERT_TRUE(baseline) << error;

  // /x moved down (same finding), /y was fixed, /z is new.
  EngineResult after = run({SourceRef{"a.json", "/x", 7, 1}, SourceRef{"a.json", "/z", 9, 1}});
  apply_baseline(after, *baseline);
  ASSERT_EQ(after.findings.size(), 1u);
  EXPECT_EQ(after.findings[0].where.pointer(), "/z");
  EXPECT_EQ(after.baselined, 1u);
  ASSERT_EQ(after.stale_baseline.size(), 1u);
  EXPECT_EQ(after.stale_baseline[0].fingerprint, before.findings[1].fingerprint);
  EXPECT_EQ(exit_code_for(after, Severity::kWarning), 1);  // only the new one counts

  EngineResult fixed = run({SourceRef{"a.json", "/x", 7, 1}});
  apply_baseline(fixed, *baseline);
  EXPECT_THAT(fixed.findings, IsEmpty());
  EXPECT_EQ(exit_code_for(fixed, Severity::kWarning), 0);
}

TEST(Baseline, NeverHidesIncompleteFindings) {
  EngineResult r = run({SourceRef{"a.json", "/x", 1, 1}});
  std::string error;
  const std::optional<Baseline> baseline = parse_baseline(write_baseline(r), error);
  ASSERT_TRUE(baseline);
  r.findings[0].incomplete = true;
  apply_baseline(r, *baseline);
  EXPECT_EQ(r.findings.size(), 1u);
}

TEST(Baseline, RejectsBrokenFilesWithAReason) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"", "not valid JSON"},
      {"{\"findings\": []", "not valid JSON"},
      {"[]", "not a bucketlint baseline"},
      {R"({"findings": []})", "not a bucketlint baseline"},
      {R"({"bucketlint_baseline": 2, "findings": []})", "unsupported baseline version"},
      {R"({"bucketlint_baseline": 1})", "no 'findings' list"},
      {R"({"bucketlint_baseline": 1, "findings": [{"fingerprint": "xyz"}]})", "entry 0"},
      {R"({"bucketlint_baseline": 1, "findings": [{"fingerprint": "0123456789abcdef",
          "file": 3}]})",
       "entry 0"},
      {std::string(100000, '[') + std::string(100000, ']'), "nested too deeply"},
  };
  for (const auto& [text, reason] : cases) {
    std::string error;
    EXPECT_FALSE(parse_baseline(text, error)) << text.substr(0, 60);
    EXPECT_THAT(error, HasSubstr(reason)) << text.substr(0, 60);
  }
  std::string error;
  EXPECT_TRUE(parse_baseline(R"({"bucketlint_baseline": 1, "findings": []})", error));
}

TEST(Baseline, ReadsOnlyRegularFiles) {
  testing_util::TempDir t;
  std::string error;
  EXPECT_FALSE(read_baseline(t.path() + "/missing.json", error));
  EXPECT_THAT(error, HasSubstr("does not exist"));
  EXPECT_FALSE(read_baseline(t.path(), error));
  EXPECT_THAT(error, HasSubstr("not a regular file"));
  const std::string ok = t.write("b.json", R"({"bucketlint_baseline": 1, "findings": []})");
  EXPECT_TRUE(read_baseline(ok, error)) << error;
}

}  // namespace
}  // namespace bucketlint
