#pragma once

// Output formats for findings (text, JSON, SARIF 2.1.0, GitHub workflow commands) and the rule
// documentation generated from the registry. Every writer returns a string and never prints:
// only cli/main.cpp writes to stdout/stderr. Same input, same bytes.

#include <cstddef>
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

enum class ReportFormat { kText, kJson, kSarif, kGithub, kHtml };
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
  // html: the linked model (for the access graph; nullptr: no graph), where the report is
  // written (its links to the inputs are relative to that file's directory; empty: base_dir),
  // and the Graphviz program that lays out the graph (empty: the built-in layout).
  const Model* model = nullptr;
  std::string output_path;
  std::string dot_program;
};

// Text quoted from documents and file names, made safe for a terminal or a CI log (issue 10):
// every C0 control and DEL (\n, \r, \t, else \xHH: ESC, BEL, NUL, ...), every byte of invalid
// UTF-8 (\xHH), and the C1 controls, U+2028/U+2029 and the bidirectional controls (\u{XXXX})
// become visible escapes, so that no input can start an output line (a forged
// "::error ...::" workflow command) or reach the terminal raw. Other text, '\' included, is
// unchanged.
std::string escape_for_terminal(std::string_view text);
// Same for bucketlint's own multi-line text that quotes documents (remediations): a line break
// stays when the next line is indented and does not start (after its indentation) a workflow
// command ("::" or "##["), which the GitHub runner recognises after leading spaces; every
// other line feed is escaped.
std::string escape_multiline(std::string_view text);

// A human-readable output built line by line: each appended chunk is escaped as above, except
// for one final '\n', so a chunk is either a whole line or a piece of one.
class EscapedText {
 public:
  EscapedText& operator+=(std::string_view chunk);
  EscapedText& operator+=(char c) { return *this += std::string_view(&c, 1); }
  const std::string& str() const { return text_; }

 private:
  std::string text_;
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
// GitHub Actions workflow commands: `::error file=F,line=L,col=C,title=ID::message`. GitHub
// shows only about 10 annotations of each severity per step, so at most `per_severity` of each
// are written (in report order), then one plain line saying how many more there are.
inline constexpr std::size_t kGithubAnnotationsPerSeverity = 10;
std::string write_github(const EngineResult& result,
                         std::size_t per_severity = kGithubAnnotationsPerSeverity);
// One self-contained HTML page (no network): the access graph as inline SVG, findings grouped by
// severity and rule with their notes and fixes, filters (analyzer/report/html.cpp).
std::string write_html(const EngineResult& result, const std::vector<std::unique_ptr<Rule>>& rules,
                       const ReportOptions& options);

// The Markdown job summary for $GITHUB_STEP_SUMMARY: counts, then a table of every finding
// (severity, rule, location, message) with document text escaped so that it cannot form
// Markdown or HTML; at most `max_bytes` (GitHub accepts 1 MiB per step), then a line saying
// how many findings were left out.
inline constexpr std::size_t kGithubSummaryMaxBytes = 512u * 1024u;
std::string write_github_summary(const EngineResult& result,
                                 std::size_t max_bytes = kGithubSummaryMaxBytes);

// SARIF rule properties for GitHub code scanning: `security-severity` (a number from 0.1 to
// 10 as a string; GitHub ranks >= 7 high, >= 4 medium) and `tags` (family and topic, e.g.
// "security", "ownership", "s3"), derived from the rule's ID family and default severity.
std::string sarif_security_severity(const RuleInfo& info);
std::vector<std::string> sarif_tags(const RuleInfo& info);

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
