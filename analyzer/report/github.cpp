// GitHub Actions workflow commands ("::error file=...,line=...,col=...,title=...::message"),
// which the Actions runner turns into annotations on the pull request.
// https://docs.github.com/en/actions/using-workflows/workflow-commands-for-github-actions

#include <fmt/format.h>

#include <array>
#include <cstddef>
#include <string>
#include <string_view>

#include "bucketlint/report.h"

namespace bucketlint {

namespace {

// Escaping as the runner expects it: data escapes '%', CR and LF; property values also ':'
// and ','.
std::string escape_data(std::string_view s) {
  std::string out;
  for (const char c : s) {
    switch (c) {
      case '%': out += "%25"; break;
      case '\r': out += "%0D"; break;
      case '\n': out += "%0A"; break;
      default: out += c;
    }
  }
  return out;
}

std::string escape_property(std::string_view s) {
  std::string out;
  for (const char c : escape_data(s)) {
    switch (c) {
      case ':': out += "%3A"; break;
      case ',': out += "%2C"; break;
      default: out += c;
    }
  }
  return out;
}

std::string_view command_of(Severity severity) {
  switch (severity) {
    case Severity::kError: return "error";
    case Severity::kWarning: return "warning";
    case Severity::kNote: return "notice";
  }
  return "warning";
}

}  // namespace

std::string write_github(const EngineResult& result, std::size_t per_severity) {
  std::string out;
  std::array<std::size_t, 3> shown{};    // by Severity
  std::array<std::size_t, 3> skipped{};  // by Severity
  for (const Finding& f : result.findings) {
    const auto sev = static_cast<std::size_t>(f.severity);
    if (shown.at(sev) >= per_severity) {
      ++skipped.at(sev);
      continue;
    }
    ++shown.at(sev);
    const std::string_view id = f.rule != nullptr ? f.rule->id : std::string_view{};
    std::string props;
    if (!f.where.file().empty()) {
      props += fmt::format("file={}", escape_property(f.where.file()));
      if (f.where.line() > 0) props += fmt::format(",line={}", f.where.line());
      if (f.where.column() > 0) props += fmt::format(",col={}", f.where.column());
      props += ',';
    }
    props += fmt::format("title={}", escape_property(id));
    // Annotations have no related locations: notes and the fix go into the message body.
    std::string message = f.message;
    for (const Note& note : f.notes) {
      const std::string where =
          note.where.file().empty() ? std::string("bucketlint") : fmt::format("{}", note.where);
      message += fmt::format("\n{}: note: {}", where, note.text);
    }
    const std::string_view help = finding_remediation(f);
    if (!help.empty()) message += fmt::format("\nhelp: {}", help);
    out += fmt::format("::{} {}::{}\n", command_of(f.severity), props, escape_data(message));
  }
  const std::size_t more = skipped[0] + skipped[1] + skipped[2];
  if (more > 0) {
    // A plain log line (not a workflow command): only counts, nothing from the documents.
    std::string parts;
    for (const Severity s : {Severity::kError, Severity::kWarning, Severity::kNote}) {
      const std::size_t n = skipped.at(static_cast<std::size_t>(s));
      if (n == 0) continue;
      if (!parts.empty()) parts += ", ";
      parts += fmt::format("{} more {}{}", n, s == Severity::kNote ? "note" : severity_name(s),
                           n == 1 ? "" : "s");
    }
    out += fmt::format(
        "bucketlint: {} not annotated ({} annotations per severity at most, as GitHub "
        "shows about that many per step); the job summary and the SARIF report list every "
        "finding\n",
        parts, per_severity);
  }
  return out;
}

namespace {

// Text from documents in a Markdown table cell: every character that Markdown or HTML could
// act on becomes an HTML character reference; control characters become U+FFFD.
std::string markdown_cell(std::string_view s) {
  std::string out;
  for (const char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7f) {
      out += "\xEF\xBF\xBD";
      continue;
    }
    switch (c) {
      case '|':
      case '\\':
      case '`':
      case '*':
      case '_':
      case '[':
      case ']':
      case '<':
      case '>':
      case '&':
      case '#':
      case '!':
      case '~':
      case '(':
      case ')':
      case '$': out += fmt::format("&#{};", static_cast<int>(u)); break;
      default: out += c;
    }
  }
  return out;
}

}  // namespace

std::string write_github_summary(const EngineResult& result, std::size_t max_bytes) {
  std::array<std::size_t, 3> counts{};
  for (const Finding& f : result.findings) ++counts.at(static_cast<std::size_t>(f.severity));
  std::string out = "## bucketlint\n\n";
  const auto plural = [](std::size_t n, std::string_view word) {
    return fmt::format("{} {}{}", n, word, n == 1 ? "" : "s");
  };
  out += fmt::format("{}, {}, {} in {}",
                     plural(counts[static_cast<std::size_t>(Severity::kError)], "error"),
                     plural(counts[static_cast<std::size_t>(Severity::kWarning)], "warning"),
                     plural(counts[static_cast<std::size_t>(Severity::kNote)], "note"),
                     plural(result.files, "file"));
  if (result.suppressed > 0) out += fmt::format(", {} suppressed", result.suppressed);
  if (result.baselined > 0) out += fmt::format(", {} in the baseline", result.baselined);
  if (!result.stale_baseline.empty()) {
    out += fmt::format(", {} baseline entries no longer found", result.stale_baseline.size());
  }
  if (result.incomplete) out += " (analysis incomplete)";
  out += "\n\n";
  if (result.findings.empty()) return out;
  out += "| severity | rule | location | message |\n| --- | --- | --- | --- |\n";
  std::size_t written = 0;
  for (const Finding& f : result.findings) {
    const std::string_view id = f.rule != nullptr ? f.rule->id : std::string_view{};
    std::string location = f.where.file().empty() ? std::string() : fmt::format("{}", f.where);
    std::string row =
        fmt::format("| {} | [{}]({}) | {} | {} |\n", severity_name(f.severity), markdown_cell(id),
                    rule_doc_url(id), markdown_cell(location), markdown_cell(f.message));
    // Room for the closing line is kept.
    if (out.size() + row.size() + 200 > max_bytes) break;
    out += row;
    ++written;
  }
  if (written < result.findings.size()) {
    out += fmt::format(
        "\n{} more findings are not listed (summary size limit); the SARIF or "
        "JSON report has all of them.\n",
        result.findings.size() - written);
  }
  return out;
}

}  // namespace bucketlint
