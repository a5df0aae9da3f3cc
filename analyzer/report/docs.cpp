// Rule documentation generated from the registry: docs/rules/<ID>.md, docs/rules/README.md,
// `bucketlint explain <ID>` and `bucketlint rules`.

#include <fmt/format.h>

#include <algorithm>
#include <cstddef>
#include <string>
#include <string_view>

#include "bucketlint/report.h"

namespace bucketlint {

namespace {

constexpr std::string_view kGeneratedNotice =
    "<!-- Generated from the rule registry by `bucketlint docs --out docs/rules`; do not edit. "
    "-->\n";

// Table cells: '|' would end the cell, a newline the row.
std::string table_cell(std::string_view s) {
  std::string out;
  for (const char c : s) {
    if (c == '|') {
      out += "\\|";
    } else if (c == '\n') {
      out += ' ';
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace

std::string rule_doc_page(const RuleInfo& info) {
  std::string out(kGeneratedNotice);
  out += fmt::format("\n# {}: {}\n\n{}\n\n", info.id, info.name, table_cell(info.summary));
  out += "| ID | Name | Default severity | Stability |\n| --- | --- | --- | --- |\n";
  out += fmt::format("| `{}` | `{}` | {} | {} |\n\n", info.id, info.name, info.default_severity,
                     stability_name(info.stability));
  out += fmt::format("**Remediation:** {}\n\n", info.remediation);
  std::string_view doc = info.doc;
  while (doc.starts_with('\n')) doc.remove_prefix(1);
  while (doc.ends_with('\n')) doc.remove_suffix(1);
  out += doc;
  out += '\n';
  return out;
}

std::string rules_index_page(const std::vector<std::unique_ptr<Rule>>& rules) {
  std::string out(kGeneratedNotice);
  out +=
      "\n# bucketlint rules\n\n"
      "One page per rule. Severity is the default; `.bucketlint.yaml` can change it, disable a "
      "rule, or suppress single findings. IDs are stable and never reused.\n\n"
      "| ID | Name | Severity | Stability | Summary |\n| --- | --- | --- | --- | --- |\n";
  for (const auto& rule : rules) {
    const RuleInfo& info = rule->info();
    out += fmt::format("| [{0}]({0}.md) | `{1}` | {2} | {3} | {4} |\n", info.id, info.name,
                       info.default_severity, stability_name(info.stability),
                       table_cell(info.summary));
  }
  return out;
}

std::string rules_table(const std::vector<std::unique_ptr<Rule>>& rules) {
  std::size_t name_width = 4;
  for (const auto& rule : rules) name_width = std::max(name_width, rule->info().name.size());
  std::string out =
      fmt::format("{:<5}  {:<8} {:<{}}  {}\n", "ID", "SEVERITY", "NAME", name_width, "SUMMARY");
  for (const auto& rule : rules) {
    const RuleInfo& info = rule->info();
    std::string summary(info.summary);
    if (info.stability != Stability::kStable) {
      summary += fmt::format(" ({})", stability_name(info.stability));
    }
    out += fmt::format("{:<5}  {:<8} {:<{}}  {}\n", info.id, severity_name(info.default_severity),
                       info.name, name_width, summary);
  }
  return out;
}

}  // namespace bucketlint
