#pragma once

#include <fmt/format.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bucketlint/source.h"

namespace bucketlint {

enum class Severity { kNote, kWarning, kError };  // SARIF note / warning / error

std::string_view severity_name(Severity severity);  // "note", "warning", "error"
std::optional<Severity> parse_severity(std::string_view text);

struct RuleInfo;

// Another place that explains a finding (SARIF relatedLocations; "note:" lines in text).
struct Note {
  Note() = default;
  // Out of line: g++ 12 wrongly warns (-Warray-bounds) about literals copied into an inlined
  // aggregate Note, and rules build notes from literals everywhere.
  Note(SourceRef where_, std::string text_);

  SourceRef where;
  std::string text;
  // Set by the engine: the address of the infrastructure-code resource `where` lies in
  // ("module.site.aws_s3_bucket_policy.this"); empty elsewhere.
  std::string resource;
};

struct Finding {
  const RuleInfo* rule = nullptr;          // ID, name, docs, default remediation
  Severity severity = Severity::kWarning;  // rule default unless config overrides it
  SourceRef where;                         // the value the finding is about
  std::string message;                     // this instance: which account, action, bucket
  std::string remediation;                 // empty means rule->remediation
  std::vector<Note> notes;                 // other places that explain the finding
  // Set by the engine: the address of the infrastructure-code resource `where` lies in (a
  // Terraform resource); the message then names it too. Empty elsewhere.
  std::string resource;
  // Set for input problems that left part of the input unanalysed (exit code 2).
  bool incomplete = false;
  // Extra text mixed into the fingerprint when pointer and Sid are not distinctive enough.
  std::string fingerprint_hint;
  // Set by the engine: stable hash of rule ID, file, and Sid or JSON Pointer (never the line).
  std::string fingerprint;
};

// Where rules report. The engine's sink applies severity overrides and suppressions.
class FindingSink {
 public:
  virtual ~FindingSink() = default;
  virtual void report(Finding finding) = 0;
};

// Builds a finding with the rule's default severity.
Finding make_finding(const RuleInfo& rule, SourceRef where, std::string message);

}  // namespace bucketlint

template <>
struct fmt::formatter<bucketlint::Severity> : fmt::formatter<std::string_view> {
  template <typename Ctx>
  auto format(bucketlint::Severity s, Ctx& ctx) const {
    return fmt::formatter<std::string_view>::format(bucketlint::severity_name(s), ctx);
  }
};

template <>
struct fmt::formatter<bucketlint::SourceRef> : fmt::formatter<std::string_view> {
  template <typename Ctx>
  auto format(const bucketlint::SourceRef& r, Ctx& ctx) const {
    if (r.line() > 0) return fmt::format_to(ctx.out(), "{}:{}:{}", r.file(), r.line(), r.column());
    return fmt::format_to(ctx.out(), "{}", r.file());
  }
};
