#include "bucketlint/engine.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "bucketlint/model.h"
#include "bucketlint/rule.h"

namespace bucketlint {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

constexpr RuleInfo kAlpha{.id = "PL101",
                          .name = "alpha",
                          .default_severity = Severity::kWarning,
                          .summary = "alpha",
                          .remediation = "fix alpha",
                          .doc = ""};
constexpr RuleInfo kBeta{.id = "PL102",
                         .name = "beta",
                         .default_severity = Severity::kError,
                         .summary = "beta",
                         .remediation = "fix beta",
                         .doc = ""};
constexpr RuleInfo kGone{.id = "PL103",
                         .name = "gone",
                         .default_severity = Severity::kError,
                         .stability = Stability::kRemoved,
                         .summary = "gone",
                         .remediation = "",
                         .doc = ""};

SourceRef at(std::string file, std::string pointer, int line, int column = 1) {
  return SourceRef{std::move(file), std::move(pointer), line, column};
}

// A rule that reports what its callback says; the callback may throw.
class FakeRule final : public Rule {
 public:
  FakeRule(const RuleInfo& info, std::function<void(const RuleInfo&, FindingSink&)> body)
      : info_(info), body_(std::move(body)) {}
  const RuleInfo& info() const override { return info_; }
  void check(const RuleContext& /*ctx*/, FindingSink& sink) const override { body_(info_, sink); }

 private:
  const RuleInfo& info_;
  std::function<void(const RuleInfo&, FindingSink&)> body_;
};

std::function<void(const RuleInfo&, FindingSink&)> reports(std::vector<SourceRef> places) {
  return [places](const RuleInfo& info, FindingSink& sink) {
    for (const SourceRef& where : places) {
      sink.report(make_finding(info, where, fmt::format("at '{}'", where.pointer())));
    }
  };
}

// The built-in engine rules (IN013, IN901) plus the given ones.
// The engine-emitted rules (IN013, IN901) and the fakes: the other built-in rules would report
// on the hand-built models here, which are not complete policies.
std::vector<std::unique_ptr<Rule>> with_builtins(std::vector<std::unique_ptr<Rule>> extra) {
  std::vector<std::unique_ptr<Rule>> rules = make_builtin_rules();
  std::erase_if(rules,
                [](const auto& r) { return r->info().id != "IN013" && r->info().id != "IN901"; });
  for (auto& rule : extra) rules.push_back(std::move(rule));
  return rules;
}

std::vector<std::string> ids(const EngineResult& result) {
  std::vector<std::string> out;
  for (const Finding& f : result.findings) out.emplace_back(f.rule->id);
  return out;
}

// A model with one bucket policy in `file`: statement 0 has Sid "Public", statement 1 none.
Model policy_model(const std::string& file) {
  Model model;
  auto policy = std::make_unique<PolicyDocument>();
  policy->kind = PolicyKind::kBucket;
  policy->where = at(file, "", 1);
  Statement s0;
  s0.index = 0;
  s0.where = at(file, "/Statement/0", 3);
  s0.sid = LocatedString{std::string_view("Public"), at(file, "/Statement/0/Sid", 4)};
  Statement s1;
  s1.index = 1;
  s1.where = at(file, "/Statement/1", 10);
  policy->statements = {s0, s1};
  model.policies.push_back(std::move(policy));
  return model;
}

Suppression suppression(std::string rule, std::string glob, std::string sid = "",
                        std::string pointer = "") {
  Suppression s;
  s.rule_id = std::move(rule);
  s.path_glob = std::move(glob);
  s.sid = std::move(sid);
  s.pointer = std::move(pointer);
  s.reason = "reviewed";
  s.where = at(".bucketlint.yaml", "/suppressions/0", 7, 5);
  return s;
}

// ---------------------------------------------------------------------------------------------

TEST(GlobMatch, SingleStarStaysInOneDirectory) {
  EXPECT_TRUE(glob_match("policies/*.json", "policies/a.json"));
  EXPECT_FALSE(glob_match("policies/*.json", "policies/sub/a.json"));
  EXPECT_FALSE(glob_match("*.json", "policies/a.json"));
  EXPECT_FALSE(glob_match("policies/*.json", "policies/a.yaml"));
}

TEST(GlobMatch, DoubleStarCrossesDirectories) {
  EXPECT_TRUE(glob_match("policies/**/*.json", "policies/a/b/c.json"));
  EXPECT_TRUE(glob_match("policies/**/*.json", "policies/c.json"));  // "**/" may be empty
  EXPECT_TRUE(glob_match("**", "a/b/c"));
  EXPECT_TRUE(glob_match("**/bp.json", "bp.json"));
  EXPECT_FALSE(glob_match("policies/**/*.json", "other/a.json"));
  EXPECT_TRUE(glob_match("a/**", "a/b/c.json"));
  EXPECT_FALSE(glob_match("a/**", "b/c.json"));
}

TEST(GlobMatch, QuestionMarkIsOneCharacterButNotSlash) {
  EXPECT_TRUE(glob_match("bp?.json", "bp1.json"));
  EXPECT_FALSE(glob_match("bp?.json", "bp12.json"));
  EXPECT_FALSE(glob_match("a?b", "a/b"));
}

TEST(GlobMatch, IgnoresLeadingDotSlashAndEmptyMatchesAll) {
  EXPECT_TRUE(glob_match("policies/a.json", "./policies/a.json"));
  EXPECT_TRUE(glob_match("./policies/a.json", "policies/a.json"));
  EXPECT_TRUE(glob_match("", "anything/at/all.json"));
  EXPECT_FALSE(glob_match("policies/a.json", "xpolicies/a.json"));
}

TEST(PointerPrefix, RespectsTokenBoundaries) {
  EXPECT_TRUE(pointer_has_prefix("/Statement/1/Action", "/Statement/1"));
  EXPECT_TRUE(pointer_has_prefix("/Statement/1", "/Statement/1"));
  EXPECT_TRUE(pointer_has_prefix("/Statement/1", ""));
  EXPECT_FALSE(pointer_has_prefix("/Statement/10", "/Statement/1"));
  EXPECT_FALSE(pointer_has_prefix("/Statement", "/Statement/1"));
}

TEST(Fnv1a, MatchesPublishedTestVectors) {
  // Test vectors of the FNV-1a 64-bit reference (http://www.isthe.com/chongo/tech/comp/fnv/).
  EXPECT_EQ(fnv1a64(""), 0xcbf29ce484222325ULL);
  EXPECT_EQ(fnv1a64("a"), 0xaf63dc4c8601ec8cULL);
  EXPECT_EQ(fnv1a64("foobar"), 0x85944171f73967e8ULL);
}

TEST(Fingerprint, IgnoresLineAndColumn) {
  const Model model;
  Finding a = make_finding(kAlpha, at("bp.json", "/Statement/1/Action", 12, 5), "m");
  Finding b = make_finding(kAlpha, at("bp.json", "/Statement/1/Action", 40, 9), "m");
  EXPECT_EQ(finding_fingerprint(a, model), finding_fingerprint(b, model));
  EXPECT_EQ(finding_fingerprint(a, model).size(), 16u);
}

TEST(Fingerprint, DiffersByRuleFilePointerAndHint) {
  const Model model;
  const Finding base = make_finding(kAlpha, at("bp.json", "/Statement/1/Action", 12), "m");
  const std::string fp = finding_fingerprint(base, model);
  Finding other_rule = base;
  other_rule.rule = &kBeta;
  Finding other_file = base;
  other_file.where.set_file("tp.json");
  Finding other_pointer = base;
  other_pointer.where.set_pointer("/Statement/2/Action");
  Finding other_hint = base;
  other_hint.fingerprint_hint = "s3:PutObject";
  EXPECT_NE(finding_fingerprint(other_rule, model), fp);
  EXPECT_NE(finding_fingerprint(other_file, model), fp);
  EXPECT_NE(finding_fingerprint(other_pointer, model), fp);
  EXPECT_NE(finding_fingerprint(other_hint, model), fp);
}

TEST(Fingerprint, UsesSidSoReorderedStatementsKeepIt) {
  Model first = policy_model("bp.json");
  Model moved = policy_model("bp.json");
  // The "Public" statement moved from index 0 to index 3.
  moved.policies[0]->statements[0].where.set_pointer("/Statement/3");
  const Finding a = make_finding(kAlpha, at("bp.json", "/Statement/0/Principal", 5), "m");
  const Finding b = make_finding(kAlpha, at("bp.json", "/Statement/3/Principal", 30), "m");
  EXPECT_EQ(finding_fingerprint(a, first), finding_fingerprint(b, moved));
  // Without a Sid the pointer decides: statement 1 has none.
  const Finding c = make_finding(kAlpha, at("bp.json", "/Statement/1/Principal", 11), "m");
  const Finding d = make_finding(kAlpha, at("bp.json", "/Statement/2/Principal", 11), "m");
  EXPECT_NE(finding_fingerprint(c, first), finding_fingerprint(d, first));
}

TEST(Engine, SortsByFileLineColumnRuleAndMessageKeepingNotes) {
  std::vector<std::unique_ptr<Rule>> extra;
  extra.push_back(std::make_unique<FakeRule>(kBeta, [](const RuleInfo& info, FindingSink& sink) {
    Finding f = make_finding(info, at("b.json", "/x", 2, 1), "second");
    f.notes.push_back({at("a.json", "/n", 99), "note of b.json:2"});
    sink.report(std::move(f));
    sink.report(make_finding(info, at("a.json", "/y", 5, 3), "m"));
  }));
  extra.push_back(std::make_unique<FakeRule>(kAlpha, [](const RuleInfo& info, FindingSink& sink) {
    sink.report(make_finding(info, at("a.json", "/y", 5, 3), "m"));
    sink.report(make_finding(info, at("a.json", "/z", 5, 1), "m"));
    sink.report(make_finding(info, at("b.json", "/x", 2, 1), "first"));
  }));
  const EngineResult r = run_rules(Model{}, with_builtins(std::move(extra)));
  ASSERT_EQ(r.findings.size(), 5u);
  EXPECT_EQ(r.findings[0].where.pointer(), "/z");  // a.json:5:1
  EXPECT_THAT(ids(r), ElementsAre("PL101", "PL101", "PL102", "PL101", "PL102"));
  EXPECT_EQ(r.findings[3].message, "first");
  EXPECT_EQ(r.findings[4].message, "second");
  ASSERT_EQ(r.findings[4].notes.size(), 1u);
  EXPECT_EQ(r.findings[4].notes[0].text, "note of b.json:2");
  EXPECT_FALSE(r.incomplete);
}

// Findings and notes placed in a Terraform resource name its address (in the text too, unless it
// is already there); notes in the finding's own resource are not repeated.
TEST(Engine, NamesTheTerraformResourceOfFindingsAndNotes) {
  Model model;
  model.iac_resources.push_back({"main.tf", "", 3, 9, "aws_s3_bucket_policy.site"});
  model.iac_resources.push_back({"main.tf", "", 12, 20, "data.aws_iam_policy_document.w"});
  model.iac_resources.push_back(
      {"plan.json", "/resource_changes/4", 0, 0, "module.m.aws_iam_role.r"});
  std::vector<std::unique_ptr<Rule>> extra;
  extra.push_back(std::make_unique<FakeRule>(kAlpha, [](const RuleInfo& info, FindingSink& sink) {
    Finding f = make_finding(info, at("main.tf", "", 5, 3), "in the policy");
    f.notes.push_back({at("main.tf", "", 9, 1), "same resource"});
    f.notes.push_back({at("main.tf", "", 15, 1), "the document"});
    f.notes.push_back({at("plan.json", "/resource_changes/4/change/after/name", 30), "the role"});
    f.notes.push_back({at("main.tf", "", 11, 1), "between blocks"});
    sink.report(std::move(f));
    sink.report(
        make_finding(info, at("main.tf", "", 13, 1), "about data.aws_iam_policy_document.w"));
    sink.report(make_finding(info, at("plan.json", "/resource_changes/40", 1), "another entry"));
  }));
  const EngineResult r = run_rules(model, with_builtins(std::move(extra)));
  ASSERT_EQ(r.findings.size(), 3u);
  const Finding& f = r.findings[0];
  EXPECT_EQ(f.resource, "aws_s3_bucket_policy.site");
  EXPECT_EQ(f.message, "in the policy (in 'aws_s3_bucket_policy.site')");
  ASSERT_EQ(f.notes.size(), 4u);
  EXPECT_EQ(f.notes[0].text, "same resource");
  EXPECT_EQ(f.notes[1].text, "the document (in 'data.aws_iam_policy_document.w')");
  EXPECT_EQ(f.notes[2].text, "the role (in 'module.m.aws_iam_role.r')");
  EXPECT_EQ(f.notes[2].resource, "module.m.aws_iam_role.r");
  EXPECT_EQ(f.notes[3].text, "between blocks");
  EXPECT_TRUE(f.notes[3].resource.empty());
  EXPECT_EQ(r.findings[1].message, "about data.aws_iam_policy_document.w");  // already named
  EXPECT_EQ(r.findings[1].resource, "data.aws_iam_policy_document.w");
  EXPECT_TRUE(r.findings[2].resource.empty());  // "/resource_changes/40" is not entry 4
}

TEST(Engine, AppliesSeverityOverridesToThatRuleOnly) {
  std::vector<std::unique_ptr<Rule>> extra;
  extra.push_back(std::make_unique<FakeRule>(kAlpha, reports({at("a.json", "/a", 1)})));
  extra.push_back(std::make_unique<FakeRule>(kBeta, reports({at("a.json", "/b", 2)})));
  RuleSettings settings;
  settings.severities["PL101"] = Severity::kError;
  const EngineResult r = run_rules(Model{}, with_builtins(std::move(extra)), settings);
  ASSERT_EQ(r.findings.size(), 2u);
  EXPECT_EQ(r.findings[0].severity, Severity::kError);  // overridden from warning
  EXPECT_EQ(r.findings[1].severity, Severity::kError);  // PL102's default
  const EngineResult plain = run_rules(Model{}, [] {
    std::vector<std::unique_ptr<Rule>> v;
    v.push_back(std::make_unique<FakeRule>(kAlpha, reports({at("a.json", "/a", 1)})));
    return v;
  }());
  EXPECT_EQ(plain.findings[0].severity, Severity::kWarning);
}

TEST(Engine, SkipsDisabledAndRemovedRules) {
  int runs = 0;
  auto counting = [&runs](const RuleInfo& info, FindingSink& sink) {
    ++runs;
    sink.report(make_finding(info, at("a.json", "", 1), "m"));
  };
  std::vector<std::unique_ptr<Rule>> extra;
  extra.push_back(std::make_unique<FakeRule>(kAlpha, counting));
  extra.push_back(std::make_unique<FakeRule>(kBeta, counting));
  extra.push_back(std::make_unique<FakeRule>(kGone, counting));
  RuleSettings settings;
  settings.disabled.insert("PL101");
  const EngineResult r = run_rules(Model{}, with_builtins(std::move(extra)), settings);
  EXPECT_EQ(runs, 1);
  EXPECT_THAT(ids(r), ElementsAre("PL102"));
}

TEST(Engine, ThrowingRuleBecomesIn901AndOthersStillRun) {
  std::vector<std::unique_ptr<Rule>> extra;
  extra.push_back(std::make_unique<FakeRule>(kAlpha, [](const RuleInfo& info, FindingSink& sink) {
    sink.report(make_finding(info, at("a.json", "/half", 1), "half-made"));
    throw std::out_of_range("index 7 out of range");
  }));
  extra.push_back(std::make_unique<FakeRule>(kBeta, reports({at("a.json", "/b", 2)})));
  RuleSettings settings;
  settings.suppressions.push_back(suppression("IN901", ""));  // never suppresses IN901
  const EngineResult r = run_rules(Model{}, with_builtins(std::move(extra)), settings);
  EXPECT_TRUE(r.incomplete);
  // The file-less IN901 sorts first, then the config file's IN013, then a.json.
  EXPECT_THAT(ids(r), ElementsAre("IN901", "IN013", "PL102"));
  const Finding& failed = r.findings[0];
  EXPECT_EQ(failed.severity, Severity::kError);
  EXPECT_TRUE(failed.incomplete);
  EXPECT_THAT(failed.message, HasSubstr("'PL101'"));
  EXPECT_THAT(failed.message, HasSubstr("index 7 out of range"));
  EXPECT_EQ(exit_code_for(r, Severity::kError), 2);
}

TEST(Engine, NonThrowingRunIsComplete) {
  std::vector<std::unique_ptr<Rule>> extra;
  extra.push_back(std::make_unique<FakeRule>(kBeta, reports({at("a.json", "/b", 2)})));
  const EngineResult r = run_rules(Model{}, with_builtins(std::move(extra)));
  EXPECT_FALSE(r.incomplete);
  EXPECT_THAT(ids(r), ElementsAre("PL102"));
}

TEST(Engine, IncompleteDiagnosticMakesResultIncomplete) {
  Model model;
  model.diagnostics.push_back(LoadDiagnostic{"IN001", at("a.json", "", 3), "bad", true, {}});
  EXPECT_TRUE(run_rules(model, with_builtins({})).incomplete);
  Model fine;
  fine.diagnostics.push_back(LoadDiagnostic{"IN002", at("a.json", "", 3), "dup", false, {}});
  EXPECT_FALSE(run_rules(fine, with_builtins({})).incomplete);
}

TEST(Engine, SuppressesByPathGlobAndCounts) {
  std::vector<std::unique_ptr<Rule>> extra;
  extra.push_back(std::make_unique<FakeRule>(
      kAlpha, reports({at("policies/a.json", "/x", 1), at("other/b.json", "/x", 1)})));
  RuleSettings settings;
  settings.suppressions.push_back(suppression("PL101", "policies/**"));
  const EngineResult r = run_rules(Model{}, with_builtins(std::move(extra)), settings);
  ASSERT_THAT(ids(r), ElementsAre("PL101"));
  EXPECT_EQ(r.findings[0].where.file(), "other/b.json");
  EXPECT_EQ(r.suppressed, 1u);
}

TEST(Engine, SuppressionNeedsTheSameRule) {
  std::vector<std::unique_ptr<Rule>> extra;
  extra.push_back(std::make_unique<FakeRule>(kAlpha, reports({at("a.json", "/x", 1)})));
  RuleSettings settings;
  settings.suppressions.push_back(suppression("PL102", "**"));
  const EngineResult r = run_rules(Model{}, with_builtins(std::move(extra)), settings);
  EXPECT_THAT(ids(r), ElementsAre("IN013", "PL101"));  // ".bucketlint.yaml" < "a.json"
  EXPECT_EQ(r.suppressed, 0u);
}

TEST(Engine, SuppressesBySid) {
  const Model model = policy_model("bp.json");
  auto make = [] {
    std::vector<std::unique_ptr<Rule>> extra;
    extra.push_back(
        std::make_unique<FakeRule>(kAlpha, reports({at("bp.json", "/Statement/0/Principal", 5),
                                                    at("bp.json", "/Statement/1/Principal", 11)})));
    return with_builtins(std::move(extra));
  };
  RuleSettings settings;
  settings.suppressions.push_back(suppression("PL101", "bp.json", "Public"));
  const EngineResult r = run_rules(model, make(), settings);
  ASSERT_THAT(ids(r), ElementsAre("PL101"));
  EXPECT_EQ(r.findings[0].where.pointer(), "/Statement/1/Principal");

  RuleSettings wrong_sid;
  wrong_sid.suppressions.push_back(suppression("PL101", "bp.json", "Private"));
  EXPECT_THAT(ids(run_rules(model, make(), wrong_sid)), ElementsAre("IN013", "PL101", "PL101"));
}

TEST(Engine, SuppressesByPointerPrefix) {
  auto make = [] {
    std::vector<std::unique_ptr<Rule>> extra;
    extra.push_back(
        std::make_unique<FakeRule>(kAlpha, reports({at("bp.json", "/Statement/1/Action/0", 5),
                                                    at("bp.json", "/Statement/10/Action", 50)})));
    return with_builtins(std::move(extra));
  };
  RuleSettings settings;
  settings.suppressions.push_back(suppression("PL101", "bp.json", "", "/Statement/1"));
  const EngineResult r = run_rules(Model{}, make(), settings);
  ASSERT_THAT(ids(r), ElementsAre("PL101"));
  EXPECT_EQ(r.findings[0].where.pointer(), "/Statement/10/Action");
}

TEST(Engine, ReportsUnusedSuppressionAsNoteAtConfigEntry) {
  std::vector<std::unique_ptr<Rule>> extra;
  extra.push_back(std::make_unique<FakeRule>(kAlpha, reports({at("a.json", "/x", 1)})));
  RuleSettings settings;
  settings.suppressions.push_back(suppression("PL101", "a.json"));            // used
  settings.suppressions.push_back(suppression("PL101", "b.json", "Legacy"));  // unused
  const EngineResult r = run_rules(Model{}, with_builtins(std::move(extra)), settings);
  ASSERT_THAT(ids(r), ElementsAre("IN013"));
  const Finding& unused = r.findings[0];
  EXPECT_EQ(unused.severity, Severity::kNote);
  EXPECT_EQ(unused.where, settings.suppressions[1].where);
  EXPECT_EQ(unused.message, "suppression of 'PL101' for 'b.json', Sid 'Legacy' matched no finding");
  EXPECT_FALSE(unused.fingerprint.empty());
  EXPECT_EQ(exit_code_for(r, Severity::kWarning), 0);
  EXPECT_EQ(exit_code_for(r, Severity::kNote), 1);
}

TEST(Engine, UnusedSuppressionOfDisabledRuleSaysSo) {
  RuleSettings settings;
  settings.disabled.insert("PL101");
  settings.suppressions.push_back(suppression("PL101", "a.json"));
  const EngineResult r = run_rules(Model{}, with_builtins({}), settings);
  ASSERT_THAT(ids(r), ElementsAre("IN013"));
  EXPECT_THAT(r.findings[0].message, HasSubstr("the rule is disabled"));
}

TEST(Engine, In013CanBeDisabled) {
  RuleSettings settings;
  settings.disabled.insert("IN013");
  settings.suppressions.push_back(suppression("PL101", "a.json"));
  EXPECT_THAT(run_rules(Model{}, with_builtins({}), settings).findings, IsEmpty());
}

TEST(Engine, SetsFingerprintsAndFileCount) {
  Model model;
  model.sources.push_back(std::make_unique<SourceFile>("a.json", "{}"));
  model.sources.push_back(std::make_unique<SourceFile>("b.json", "{}"));
  std::vector<std::unique_ptr<Rule>> extra;
  extra.push_back(std::make_unique<FakeRule>(kAlpha, reports({at("a.json", "/x", 1)})));
  const EngineResult r = run_rules(model, with_builtins(std::move(extra)));
  EXPECT_EQ(r.files, 2u);
  ASSERT_EQ(r.findings.size(), 1u);
  EXPECT_EQ(r.findings[0].fingerprint, finding_fingerprint(r.findings[0], model));
}

TEST(ExitCode, FollowsFailOnAndIncompleteWins) {
  EngineResult r;
  EXPECT_EQ(exit_code_for(r, Severity::kWarning), 0);
  r.findings.push_back(make_finding(kAlpha, at("a.json", "", 1), "m"));  // a warning
  EXPECT_EQ(exit_code_for(r, Severity::kWarning), 1);
  EXPECT_EQ(exit_code_for(r, Severity::kNote), 1);
  EXPECT_EQ(exit_code_for(r, Severity::kError), 0);
  EXPECT_EQ(exit_code_for(r, std::nullopt), 0);
  r.incomplete = true;
  EXPECT_EQ(exit_code_for(r, std::nullopt), 2);
  EXPECT_EQ(exit_code_for(r, Severity::kWarning), 2);
}

}  // namespace
}  // namespace bucketlint
