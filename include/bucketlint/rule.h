#pragma once

#include <memory>
#include <string_view>
#include <vector>

#include "bucketlint/finding.h"

namespace bucketlint {

struct Model;
namespace access {
class Queries;
}

// What a rule reads: the model, and the access-query layer over it (bucketlint/access.h), built
// once per run so every rule shares its memoised answers.
struct RuleContext {
  const Model& model;
  const access::Queries& access;
};

enum class Stability { kPreview, kStable, kDeprecated, kRemoved };
std::string_view stability_name(Stability stability);

struct RuleInfo {
  std::string_view id;    // "OW001": two letters + three digits, stable forever
  std::string_view name;  // "cross-account-write-unreadable": kebab-case, names the pattern
  Severity default_severity = Severity::kWarning;
  Stability stability = Stability::kStable;
  std::string_view summary;      // one line, for `bucketlint rules`
  std::string_view remediation;  // default fix hint
  // Markdown body of docs/rules/<ID>.md: what / why / examples / remediation / gaps / refs.
  // The Access Analyzer check it corresponds to is named in it where there is one.
  std::string_view doc;
};

class Rule {
 public:
  virtual ~Rule() = default;
  virtual const RuleInfo& info() const = 0;
  // Reports through `sink`. Must not throw for any model the loader can build (the engine
  // still catches and reports IN901 if it does).
  virtual void check(const RuleContext& ctx, FindingSink& sink) const = 0;
};

// The one list of built-in rules, in ID order (rules/registry.cpp).
std::vector<std::unique_ptr<Rule>> make_builtin_rules();

}  // namespace bucketlint
