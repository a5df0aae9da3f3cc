#include "input_rule.h"

namespace bucketlint::rules {

void InputDiagnosticRule::check(const RuleContext& ctx, FindingSink& sink) const {
  const Model& model = ctx.model;
  for (const LoadDiagnostic& d : model.diagnostics) {
    if (d.rule_id != info_.id) continue;
    Finding finding = make_finding(info_, d.where, d.message);
    if (complete_is_warning_ && !d.incomplete && finding.severity == Severity::kError) {
      finding.severity = Severity::kWarning;
    }
    finding.incomplete = d.incomplete;
    finding.notes = d.notes;
    // Several diagnostics can share a file and pointer (e.g. two duplicate keys at the top
    // level); the message names the concrete value and keeps fingerprints apart.
    finding.fingerprint_hint = d.message;
    sink.report(std::move(finding));
  }
}

}  // namespace bucketlint::rules
