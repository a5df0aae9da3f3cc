#include "bucketlint/report.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "bucketlint/engine.h"
#include "bucketlint/rule.h"

namespace bucketlint {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

constexpr RuleInfo kOw{.id = "OW901",
                       .name = "cross-account-write",
                       .default_severity = Severity::kError,
                       .summary = "another account can write",
                       .remediation = "set Object Ownership to BucketOwnerEnforced",
                       .doc =
                           "## What it flags\n\nA write by another account\nthat stays its own.\n"
                           "\n## Why it matters\n\nBecause.\n"};
constexpr RuleInfo kPl{.id = "PL901",
                       .name = "empty-thing",
                       .default_severity = Severity::kWarning,
                       .summary = "an element is empty | or missing",
                       .remediation = "fill it",
                       .doc = "## What it flags\n\nEmpty things.\n"};

class InfoRule final : public Rule {
 public:
  explicit InfoRule(const RuleInfo& info) : info_(info) {}
  const RuleInfo& info() const override { return info_; }
  void check(const RuleContext& /*ctx*/, FindingSink& /*sink*/) const override {}

 private:
  const RuleInfo& info_;
};

std::vector<std::unique_ptr<Rule>> registry() {
  std::vector<std::unique_ptr<Rule>> rules;
  rules.push_back(std::make_unique<InfoRule>(kOw));
  rules.push_back(std::make_unique<InfoRule>(kPl));
  return rules;
}

SourceRef at(std::string file, std::string pointer, int line, int column) {
  return SourceRef{std::move(file), std::move(pointer), line, column};
}

// Two findings: an error with a note in media.json, a warning in a sub-directory.
EngineResult sample_result() {
  EngineResult r;
  r.files = 12;
  Finding ow = make_finding(kOw, at("media.json", "/Statement/1", 14, 7),
                            "account '444455556666' can upload objects");
  ow.notes.push_back({at("media.json", "/Statement/0", 5, 7), "the OAI is granted s3:GetObject"});
  ow.fingerprint = "00112233aabbccdd";
  Finding pl = make_finding(kPl, at("dir/bp 1.json", "/Statement/0/Action", 3, 18),
                            "'Action' is an empty array");
  pl.remediation = "add the actions the statement is about";
  pl.fingerprint = "ffeeddccbbaa9988";
  r.findings.push_back(std::move(ow));
  r.findings.push_back(std::move(pl));
  return r;
}

TEST(RuleDocUrl, UsesTheOneBase) {
  EXPECT_EQ(rule_doc_url("OW001"),
            "https://github.com/bucketlint/bucketlint/blob/main/docs/rules/OW001.md");
}

TEST(ReportFormat, ParsesKnownNamesOnly) {
  EXPECT_EQ(parse_report_format("sarif"), ReportFormat::kSarif);
  EXPECT_EQ(parse_report_format("github"), ReportFormat::kGithub);
  EXPECT_EQ(parse_report_format("xml"), std::nullopt);
  EXPECT_EQ(report_format_name(ReportFormat::kJson), "json");
}

TEST(TextReport, CompilerStyleWithNotesHelpAndSummary) {
  const std::string text = write_text(sample_result(), ReportOptions{});
  EXPECT_EQ(text,
            "media.json:14:7: error: account '444455556666' can upload objects [OW901]\n"
            "media.json:5:7: note: the OAI is granted s3:GetObject\n"
            "  help: set Object Ownership to BucketOwnerEnforced\n"
            "dir/bp 1.json:3:18: warning: 'Action' is an empty array [PL901]\n"
            "  help: add the actions the statement is about\n"
            "1 error, 1 warning, 0 notes in 12 files\n");
}

TEST(TextReport, QuietDropsSummaryAndCleanRunPrintsNothing) {
  ReportOptions quiet;
  quiet.quiet = true;
  EXPECT_THAT(write_text(sample_result(), quiet), Not(HasSubstr("in 12 files")));
  EXPECT_THAT(write_text(sample_result(), quiet), HasSubstr("[PL901]"));
  EngineResult clean;
  clean.files = 3;
  clean.suppressed = 1;
  EXPECT_EQ(write_text(clean, ReportOptions{}), "");
}

TEST(TextReport, ColourOnlyWhenAsked) {
  ReportOptions colour;
  colour.color = true;
  EXPECT_THAT(write_text(sample_result(), colour), HasSubstr("\x1b["));
  EXPECT_THAT(write_text(sample_result(), ReportOptions{}), Not(HasSubstr("\x1b")));
}

TEST(TextReport, SummaryCountsSuppressedAndIncomplete) {
  EngineResult r = sample_result();
  r.suppressed = 2;
  r.incomplete = true;
  r.files = 1;
  EXPECT_EQ(summary_line(r),
            "1 error, 1 warning, 0 notes in 1 file, 2 suppressed (analysis incomplete)");
}

TEST(TextReport, FindingWithoutFileIsTheToolsOwn) {
  EngineResult r;
  r.findings.push_back(make_finding(kOw, SourceRef{}, "rule 'X' failed"));
  EXPECT_THAT(write_text(r, ReportOptions{}),
              StartsWith("bucketlint: error: rule 'X' failed [OW901]\n"));
}

TEST(JsonReport, FollowsSchemaVersion1) {
  const nlohmann::json j = nlohmann::json::parse(write_json(sample_result(), ReportOptions{}));
  EXPECT_EQ(j["schema_version"], 1);
  EXPECT_EQ(j["tool"]["name"], "bucketlint");
  EXPECT_EQ(j["summary"]["files"], 12);
  EXPECT_EQ(j["summary"]["errors"], 1);
  EXPECT_EQ(j["summary"]["warnings"], 1);
  EXPECT_EQ(j["summary"]["notes"], 0);
  EXPECT_EQ(j["summary"]["incomplete"], false);
  ASSERT_EQ(j["findings"].size(), 2u);
  const auto& f = j["findings"][0];
  EXPECT_EQ(f["rule_id"], "OW901");
  EXPECT_EQ(f["rule_name"], "cross-account-write");
  EXPECT_EQ(f["severity"], "error");
  EXPECT_EQ(f["location"]["file"], "media.json");
  EXPECT_EQ(f["location"]["line"], 14);
  EXPECT_EQ(f["location"]["column"], 7);
  EXPECT_EQ(f["location"]["pointer"], "/Statement/1");
  EXPECT_EQ(f["notes"][0]["location"]["line"], 5);
  EXPECT_EQ(f["remediation"], "set Object Ownership to BucketOwnerEnforced");
  EXPECT_EQ(f["doc_url"], rule_doc_url("OW901"));
  EXPECT_EQ(f["fingerprint"], "00112233aabbccdd");
  EXPECT_EQ(j["findings"][1]["remediation"], "add the actions the statement is about");
}

TEST(JsonReport, SameInputSameBytesAndInvalidUtf8DoesNotThrow) {
  EXPECT_EQ(write_json(sample_result(), ReportOptions{}),
            write_json(sample_result(), ReportOptions{}));
  EngineResult r;
  r.findings.push_back(make_finding(kPl, at("a.json", "", 1, 1), "bad byte '\xff'"));
  std::string out;
  EXPECT_NO_THROW(out = write_json(r, ReportOptions{}));
  EXPECT_NO_THROW(out = write_sarif(r, registry(), ReportOptions{}));
  EXPECT_THAT(out, Not(HasSubstr("\xff")));
}

TEST(SarifUri, RelativeToBaseWithSlashesAndEscapes) {
  EXPECT_EQ(sarif_uri("dir/bp 1.json", "/repo").uri, "dir/bp%201.json");
  EXPECT_TRUE(sarif_uri("dir/bp 1.json", "/repo").relative);
  EXPECT_EQ(sarif_uri("./a/../b.json", "/repo").uri, "b.json");
  EXPECT_EQ(sarif_uri("/repo/policies/a.json", "/repo").uri, "policies/a.json");
  EXPECT_TRUE(sarif_uri("/repo/policies/a.json", "/repo").relative);
  const SarifUri outside = sarif_uri("/elsewhere/a.json", "/repo");
  EXPECT_EQ(outside.uri, "file:///elsewhere/a.json");
  EXPECT_FALSE(outside.relative);
  EXPECT_EQ(sarif_uri("../up.json", "/repo/sub").uri, "file:///repo/up.json");
}

TEST(SarifReport, HasRulesResultsAndStableFingerprints) {
  ReportOptions options;
  options.base_dir = "/repo";
  const nlohmann::json j = nlohmann::json::parse(write_sarif(sample_result(), registry(), options));
  EXPECT_EQ(j["version"], "2.1.0");
  const auto& run = j["runs"][0];
  const auto& rules = run["tool"]["driver"]["rules"];
  ASSERT_EQ(rules.size(), 2u);
  EXPECT_EQ(rules[1]["id"], "PL901");
  EXPECT_EQ(rules[1]["name"], "empty-thing");
  EXPECT_EQ(rules[1]["shortDescription"]["text"], "an element is empty | or missing");
  EXPECT_EQ(rules[0]["fullDescription"]["text"], "A write by another account that stays its own.");
  EXPECT_THAT(rules[1]["help"]["text"].get<std::string>(), HasSubstr("fill it"));
  EXPECT_THAT(rules[1]["help"]["markdown"].get<std::string>(), HasSubstr("# PL901: empty-thing"));
  EXPECT_EQ(rules[1]["helpUri"], rule_doc_url("PL901"));
  EXPECT_EQ(rules[1]["defaultConfiguration"]["level"], "warning");
  const auto& results = run["results"];
  ASSERT_EQ(results.size(), 2u);
  const auto& second = results[1];
  EXPECT_EQ(second["ruleId"], "PL901");
  EXPECT_EQ(second["ruleIndex"], 1);
  EXPECT_EQ(second["level"], "warning");
  const auto& loc = second["locations"][0]["physicalLocation"];
  EXPECT_EQ(loc["artifactLocation"]["uri"], "dir/bp%201.json");
  EXPECT_EQ(loc["artifactLocation"]["uriBaseId"], "%SRCROOT%");
  EXPECT_EQ(loc["region"]["startLine"], 3);
  EXPECT_EQ(loc["region"]["startColumn"], 18);
  EXPECT_EQ(second["partialFingerprints"]["bucketlintFingerprint/v1"], "ffeeddccbbaa9988");
  const auto& related = results[0]["relatedLocations"];
  ASSERT_EQ(related.size(), 1u);
  EXPECT_EQ(related[0]["physicalLocation"]["region"]["startLine"], 5);
  EXPECT_EQ(related[0]["message"]["text"], "the OAI is granted s3:GetObject");
  EXPECT_EQ(run["invocations"][0]["executionSuccessful"], true);
}

TEST(SarifReport, FileLessFindingIsAToolNotification) {
  EngineResult r;
  r.incomplete = true;
  r.findings.push_back(make_finding(kOw, SourceRef{}, "rule 'X' failed"));
  const nlohmann::json j = nlohmann::json::parse(write_sarif(r, registry(), ReportOptions{}));
  const auto& run = j["runs"][0];
  EXPECT_TRUE(run["results"].empty());
  EXPECT_EQ(run["invocations"][0]["executionSuccessful"], false);
  EXPECT_EQ(run["invocations"][0]["toolExecutionNotifications"][0]["message"]["text"],
            "rule 'X' failed");
}

TEST(GithubReport, WorkflowCommandsEscaped) {
  EngineResult r = sample_result();
  r.findings[1].where.set_file("a,b:c.json");
  r.findings[1].message = "50% done\nnext";
  const std::string out = write_github(r);
  EXPECT_THAT(out, StartsWith("::error file=media.json,line=14,col=7,title=OW901::account "
                              "'444455556666' can upload objects%0Amedia.json:5:7: note: the OAI "
                              "is granted s3:GetObject%0Ahelp: set Object Ownership to "
                              "BucketOwnerEnforced\n"));
  EXPECT_THAT(out, HasSubstr("::warning file=a%2Cb%3Ac.json,line=3,col=18,title=PL901::50%25 "
                             "done%0Anext%0Ahelp: add the actions the statement is about\n"));
}

TEST(GithubReport, NoteIsANotice) {
  EngineResult r;
  Finding f = make_finding(kPl, at("a.json", "", 0, 0), "m");
  f.severity = Severity::kNote;
  r.findings.push_back(std::move(f));
  EXPECT_EQ(write_github(r), "::notice file=a.json,title=PL901::m%0Ahelp: fill it\n");
}

TEST(RuleDocs, PageHasTitleMetadataAndDoc) {
  const std::string page = rule_doc_page(kOw);
  EXPECT_THAT(page, HasSubstr("# OW901: cross-account-write\n"));
  EXPECT_THAT(page, HasSubstr("| `OW901` | `cross-account-write` | error | stable |"));
  EXPECT_THAT(page, HasSubstr("**Remediation:** set Object Ownership to BucketOwnerEnforced"));
  EXPECT_THAT(page, HasSubstr("## Why it matters\n\nBecause.\n"));
}

TEST(RuleDocs, IndexLinksEveryRuleAndEscapesPipes) {
  const std::string index = rules_index_page(registry());
  EXPECT_THAT(index, HasSubstr("| [OW901](OW901.md) | `cross-account-write` | error |"));
  EXPECT_THAT(index, HasSubstr("an element is empty \\| or missing"));
}

TEST(RuleDocs, TableAlignsColumns) {
  EXPECT_EQ(rules_table(registry()),
            "ID     SEVERITY NAME                 SUMMARY\n"
            "OW901  error    cross-account-write  another account can write\n"
            "PL901  warning  empty-thing          an element is empty | or missing\n");
}

}  // namespace
}  // namespace bucketlint
