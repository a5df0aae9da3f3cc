#include <fmt/format.h>

#include <array>
#include <cstddef>
#include <string>
#include <string_view>

#include "bucketlint/report.h"

namespace bucketlint {

namespace {

constexpr std::string_view kReset = "\x1b[0m";
constexpr std::string_view kBold = "\x1b[1m";

std::string_view severity_colour(Severity severity) {
  switch (severity) {
    case Severity::kError: return "\x1b[1;31m";
    case Severity::kWarning: return "\x1b[1;35m";
    case Severity::kNote: return "\x1b[1;36m";
  }
  return kBold;
}

// "file:line:col" or "file"; findings without a file (a failed rule) are the tool's own.
std::string location_text(const SourceRef& where) {
  if (where.file().empty()) return "bucketlint";
  return escape_for_terminal(fmt::format("{}", where));
}

std::string plural(std::size_t n, std::string_view word) {
  return fmt::format("{} {}{}", n, word, n == 1 ? "" : "s");
}

}  // namespace

std::string summary_line(const EngineResult& result) {
  std::array<std::size_t, 3> counts{};  // indexed by Severity
  for (const Finding& f : result.findings) ++counts.at(static_cast<std::size_t>(f.severity));
  std::string line = fmt::format(
      "{}, {}, {} in {}", plural(counts[static_cast<std::size_t>(Severity::kError)], "error"),
      plural(counts[static_cast<std::size_t>(Severity::kWarning)], "warning"),
      plural(counts[static_cast<std::size_t>(Severity::kNote)], "note"),
      plural(result.files, "file"));
  if (result.suppressed > 0) line += fmt::format(", {} suppressed", result.suppressed);
  if (result.baselined > 0) line += fmt::format(", {} in the baseline", result.baselined);
  if (!result.stale_baseline.empty()) {
    const std::size_t n = result.stale_baseline.size();
    line += fmt::format(", {} baseline {} no longer found (refresh it with `bucketlint baseline`)",
                        n, n == 1 ? "entry" : "entries");
  }
  if (result.skipped > 0) {
    line +=
        fmt::format(", {} other file{} skipped", result.skipped, result.skipped == 1 ? "" : "s");
  }
  if (result.incomplete) line += " (analysis incomplete)";
  return line;
}

// Messages, notes and fixes quote document text and file names: each is escaped
// (escape_for_terminal) so that one finding is one line and nothing reaches the terminal raw.
std::string write_text(const EngineResult& result, const ReportOptions& options) {
  const bool c = options.color;
  std::string out;
  for (const Finding& f : result.findings) {
    const std::string_view id = f.rule != nullptr ? f.rule->id : std::string_view{};
    const std::string message = escape_for_terminal(f.message);
    if (c) {
      out +=
          fmt::format("{}{}:{} {}{}:{} {}{}{} [{}]\n", kBold, location_text(f.where), kReset,
                      severity_colour(f.severity), f.severity, kReset, kBold, message, kReset, id);
    } else {
      out += fmt::format("{}: {}: {} [{}]\n", location_text(f.where), f.severity, message, id);
    }
    for (const Note& note : f.notes) {
      const std::string text = escape_for_terminal(note.text);
      if (c) {
        out += fmt::format("{}{}:{} {}note:{} {}\n", kBold, location_text(note.where), kReset,
                           severity_colour(Severity::kNote), kReset, text);
      } else {
        out += fmt::format("{}: note: {}\n", location_text(note.where), text);
      }
    }
    const std::string help = escape_multiline(finding_remediation(f));
    if (!help.empty()) {
      out += c ? fmt::format("  {}help:{} {}\n", kBold, kReset, help)
               : fmt::format("  help: {}\n", help);
    }
  }
  if (!options.quiet && (!result.findings.empty() || result.incomplete ||
                         !result.stale_baseline.empty() || options.verbose)) {
    out += summary_line(result);
    out += '\n';
  }
  return out;
}

}  // namespace bucketlint
