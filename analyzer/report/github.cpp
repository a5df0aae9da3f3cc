// GitHub Actions workflow commands ("::error file=...,line=...,col=...,title=...::message"),
// which the Actions runner turns into annotations on the pull request.
// https://docs.github.com/en/actions/using-workflows/workflow-commands-for-github-actions

#include <fmt/format.h>

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

std::string write_github(const EngineResult& result) {
  std::string out;
  for (const Finding& f : result.findings) {
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
  return out;
}

}  // namespace bucketlint
