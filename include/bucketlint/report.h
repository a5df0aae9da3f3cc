#pragma once

// Output formats for findings (text, JSON, SARIF 2.1.0, GitHub workflow commands) and the rule
// documentation generated from the registry. Every writer returns a string and never prints:
// only main.cpp writes to stdout/stderr (STYLE.md section 1). Same input, same bytes.

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bucketlint/engine.h"
#include "bucketlint/rule.h"

namespace bucketlint {

// Where rule pages live; JSON and SARIF carry `kDocsUrlBase + ID + ".md"`.
inline constexpr std::string_view kDocsUrlBase =
    "https://github.com/bucketlint/bucketlint/blob/main/docs/rules/";
inline constexpr std::string_view kProjectUrl = "https://github.com/bucketlint/bucketlint";
// Version of the JSON report schema (docs/json-schema.md). Bump on incompatible changes.
inline constexpr int kJsonSchemaVersion = 1;

std::string rule_doc_url(std::string_view id);

// The fix shown with a finding: its own remediation, else its rule's default.
std::string_view finding_remediation(const Finding& finding);

enum class ReportFormat { kText, kJson, kSarif, kGithub };
std::optional<ReportFormat> parse_report_format(std::string_view name);
std::string_view report_format_name(ReportFormat format);

struct ReportOptions {
  ReportFormat format = ReportFormat::kText;
  bool color = false;    // text: ANSI colours (the CLI enables them only on a terminal)
  bool quiet = false;    // text: findings only, no summary line
  bool verbose = false;  // text: the summary line also when the run is clean
  std::string tool_version = BUCKETLINT_VERSION;
  // Absolute directory SARIF URIs are made relative to (the CLI passes the current directory).
  // Empty: relative paths are used as given and absolute ones become file:// URIs.
  std::string base_dir;
};

// Dispatches on options.format. `rules` is the registry the result was produced with (SARIF
// lists it as tool.driver.rules).
std::string write_report(const EngineResult& result,
                         const std::vector<std::unique_ptr<Rule>>& rules,
                         const ReportOptions& options);

// Compiler style: `file:line:col: severity: message [ID]`, then `file:line:col: note: text`
// per note and `  help: remediation`; a summary line unless quiet. A clean run prints nothing.
std::string write_text(const EngineResult& result, const ReportOptions& options);
// The summary line: "3 errors, 1 warning, 0 notes in 12 files" (+ ", 2 suppressed",
// ", 312 other files skipped").
std::string summary_line(const EngineResult& result);
// docs/json-schema.md, schema_version 1.
std::string write_json(const EngineResult& result, const ReportOptions& options);
// SARIF 2.1.0 as GitHub code scanning reads it.
std::string write_sarif(const EngineResult& result, const std::vector<std::unique_ptr<Rule>>& rules,
                        const ReportOptions& options);
// GitHub Actions workflow commands: `::error file=F,line=L,col=C,title=ID::message`.
std::string write_github(const EngineResult& result);

// The SARIF artifactLocation of `file`: {uri, relative?}. Relative (to base_dir) paths get
// '/' separators and percent-encoding; paths outside base_dir become file:// URIs.
struct SarifUri {
  std::string uri;
  bool relative = false;  // true: uriBaseId "%SRCROOT%"
};
SarifUri sarif_uri(std::string_view file, std::string_view base_dir);

// --- rule documentation (docs/rules/, `bucketlint explain`, `bucketlint rules`) ---

// The page docs/rules/<ID>.md: title, metadata table, remediation, then the rule's doc.
std::string rule_doc_page(const RuleInfo& info);
// docs/rules/README.md: the index of all rules.
std::string rules_index_page(const std::vector<std::unique_ptr<Rule>>& rules);
// The table printed by `bucketlint rules`: ID, severity, name, summary (aligned columns).
std::string rules_table(const std::vector<std::unique_ptr<Rule>>& rules);

}  // namespace bucketlint
