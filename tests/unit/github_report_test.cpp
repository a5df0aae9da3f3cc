// What GitHub code scanning and Actions need beyond plain SARIF and workflow commands: rule
// tags and security-severity, annotation caps per severity, the job summary.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "bucketlint/engine.h"
#include "bucketlint/report.h"
#include "bucketlint/rule.h"

namespace bucketlint {
namespace {

using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr RuleInfo kOw{.id = "OW901",
                       .name = "ow",
                       .default_severity = Severity::kError,
                       .summary = "s",
                       .remediation = "r",
                       .doc = ""};
constexpr RuleInfo kPlWarning{.id = "PL090",
                              .name = "pl",
                              .default_severity = Severity::kWarning,
                              .summary = "s",
                              .remediation = "r",
                              .doc = ""};
constexpr RuleInfo kIn{.id = "IN901",
                       .name = "in",
                       .default_severity = Severity::kError,
                       .summary = "s",
                       .remediation = "r",
                       .doc = ""};

Finding finding(const RuleInfo& rule, Severity severity, int line, std::string message = "m") {
  Finding f = make_finding(rule, SourceRef{"a.json", "/x", line, 1}, std::move(message));
  f.severity = severity;
  return f;
}

TEST(SarifProperties, TagsNameFamilyAndTopic) {
  EXPECT_THAT(sarif_tags(kOw), ElementsAre("security", "ownership", "s3", "aws"));
  EXPECT_THAT(sarif_tags(kPlWarning), ElementsAre("security", "policy-grammar", "iam", "aws"));
  EXPECT_THAT(sarif_tags(kIn), Not(Contains("security")));
}

TEST(SarifProperties, SecuritySeverityRanksFamiliesAndSeverities) {
  EXPECT_EQ(sarif_security_severity(kOw), "8.0");  // high
  EXPECT_EQ(sarif_security_severity(kPlWarning), "4.0");
  EXPECT_EQ(sarif_security_severity(kIn), "3.0");
}

TEST(GithubAnnotations, CappedPerSeverityWithACount) {
  EngineResult r;
  for (int i = 1; i <= 13; ++i) r.findings.push_back(finding(kOw, Severity::kError, i));
  for (int i = 1; i <= 3; ++i) r.findings.push_back(finding(kOw, Severity::kWarning, 100 + i));
  const std::string out = write_github(r, 10);
  std::size_t errors = 0;
  std::size_t warnings = 0;
  for (std::size_t at = 0; (at = out.find("::error ", at)) != std::string::npos; ++at) ++errors;
  for (std::size_t at = 0; (at = out.find("::warning ", at)) != std::string::npos; ++at) {
    ++warnings;
  }
  EXPECT_EQ(errors, 10u);
  EXPECT_EQ(warnings, 3u);  // warnings have their own cap
  EXPECT_THAT(out, HasSubstr("line=10,"));
  EXPECT_THAT(out, Not(HasSubstr("line=11,")));
  EXPECT_THAT(out, HasSubstr("\nbucketlint: 3 more errors not annotated"));
  // No cap reached: no extra line.
  EXPECT_THAT(write_github(r, 20), Not(HasSubstr("more")));
}

TEST(GithubSummary, ListsEveryFindingEscaped) {
  EngineResult r;
  r.files = 2;
  r.findings.push_back(finding(kOw, Severity::kError, 3, "key `x` | <img src=y> [a](b)\n# h"));
  r.findings.push_back(finding(kPlWarning, Severity::kWarning, 4));
  const std::string md = write_github_summary(r);
  EXPECT_THAT(md, HasSubstr("1 error, 1 warning, 0 notes in 2 files"));
  EXPECT_THAT(md, HasSubstr("| error | [OW901](https://"));
  EXPECT_THAT(md, HasSubstr("| warning | [PL090]"));
  // Document text cannot close the cell, start HTML, a link, code or a heading.
  EXPECT_THAT(md, HasSubstr("key &#96;x&#96; &#124; &#60;img src=y&#62; &#91;a&#93;&#40;b&#41;"));
  EXPECT_THAT(md, Not(HasSubstr("<img")));
  EXPECT_THAT(md, Not(HasSubstr("\n# h")));
}

TEST(GithubSummary, Bounded) {
  EngineResult r;
  for (int i = 1; i <= 5000; ++i) {
    r.findings.push_back(finding(kOw, Severity::kError, i, std::string(200, 'v')));
  }
  const std::string md = write_github_summary(r, 64 * 1024);
  EXPECT_LE(md.size(), 64u * 1024u);
  EXPECT_THAT(md, HasSubstr("more findings are not listed"));
}

}  // namespace
}  // namespace bucketlint
