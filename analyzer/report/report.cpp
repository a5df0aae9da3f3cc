#include "bucketlint/report.h"

#include <fmt/format.h>

namespace bucketlint {

std::string rule_doc_url(std::string_view id) { return fmt::format("{}{}.md", kDocsUrlBase, id); }

std::string_view finding_remediation(const Finding& finding) {
  if (!finding.remediation.empty()) return finding.remediation;
  return finding.rule != nullptr ? finding.rule->remediation : std::string_view{};
}

std::optional<ReportFormat> parse_report_format(std::string_view name) {
  if (name == "text") return ReportFormat::kText;
  if (name == "json") return ReportFormat::kJson;
  if (name == "sarif") return ReportFormat::kSarif;
  if (name == "github") return ReportFormat::kGithub;
  if (name == "html") return ReportFormat::kHtml;
  return std::nullopt;
}

std::string_view report_format_name(ReportFormat format) {
  switch (format) {
    case ReportFormat::kText: return "text";
    case ReportFormat::kJson: return "json";
    case ReportFormat::kSarif: return "sarif";
    case ReportFormat::kGithub: return "github";
    case ReportFormat::kHtml: return "html";
  }
  return "text";
}

std::string write_report(const EngineResult& result,
                         const std::vector<std::unique_ptr<Rule>>& rules,
                         const ReportOptions& options) {
  switch (options.format) {
    case ReportFormat::kText: return write_text(result, options);
    case ReportFormat::kJson: return write_json(result, options);
    case ReportFormat::kSarif: return write_sarif(result, rules, options);
    case ReportFormat::kGithub: return write_github(result);
    case ReportFormat::kHtml: return write_html(result, rules, options);
  }
  return write_text(result, options);
}

}  // namespace bucketlint
