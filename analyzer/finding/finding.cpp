#include "bucketlint/finding.h"

#include "bucketlint/rule.h"

namespace bucketlint {

std::string_view severity_name(Severity severity) {
  switch (severity) {
    case Severity::kNote: return "note";
    case Severity::kWarning: return "warning";
    case Severity::kError: return "error";
  }
  return "error";
}

std::optional<Severity> parse_severity(std::string_view text) {
  if (text == "note") return Severity::kNote;
  if (text == "warning") return Severity::kWarning;
  if (text == "error") return Severity::kError;
  return std::nullopt;
}

std::string_view stability_name(Stability stability) {
  switch (stability) {
    case Stability::kPreview: return "preview";
    case Stability::kStable: return "stable";
    case Stability::kDeprecated: return "deprecated";
    case Stability::kRemoved: return "removed";
  }
  return "stable";
}

Note::Note(SourceRef where_, std::string text_)
    : where(std::move(where_)), text(std::move(text_)) {}

Finding make_finding(const RuleInfo& rule, SourceRef where, std::string message) {
  Finding f;
  f.rule = &rule;
  f.severity = rule.default_severity;
  f.where = std::move(where);
  f.message = std::move(message);
  return f;
}

}  // namespace bucketlint
