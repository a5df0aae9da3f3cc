#pragma once

// The IN rules report the loader's diagnostics (model.diagnostics) that carry their ID: the
// loader finds input problems while reading, the rules make them findings so that severity
// overrides, suppressions and the reports treat them like any other finding.

#include <memory>

#include "bucketlint/model.h"
#include "bucketlint/rule.h"

namespace bucketlint::rules {

class InputDiagnosticRule final : public Rule {
 public:
  // `complete_is_warning`: a diagnostic that left nothing unanalysed (e.g. an IN003 character
  // IAM would reject, an IN010 unknown config key) is a warning instead of the default.
  InputDiagnosticRule(const RuleInfo& info, bool complete_is_warning)
      : info_(info), complete_is_warning_(complete_is_warning) {}

  const RuleInfo& info() const override { return info_; }
  void check(const RuleContext& ctx, FindingSink& sink) const override;

 private:
  const RuleInfo& info_;
  bool complete_is_warning_;
};

}  // namespace bucketlint::rules
