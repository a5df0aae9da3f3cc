#pragma once

// Runs rules over a model, applies rule settings (disabled rules, severity overrides,
// suppressions) and returns findings in a stable order: file, line, column, rule ID, message.

#include <memory>
#include <vector>

#include "bucketlint/config.h"
#include "bucketlint/finding.h"
#include "bucketlint/model.h"
#include "bucketlint/rule.h"

namespace bucketlint {

struct EngineResult {
  std::vector<Finding> findings;  // sorted; suppressed findings removed
  bool incomplete = false;        // an input could not be analysed or a rule failed
  std::size_t suppressed = 0;     // findings removed by suppressions
};

// `rules` must outlive the result (findings point at their RuleInfo).
EngineResult run_rules(const Model& model, const std::vector<std::unique_ptr<Rule>>& rules,
                       const RuleSettings& settings = {});

// The rule with this ID among `rules`, or nullptr.
const Rule* find_rule(const std::vector<std::unique_ptr<Rule>>& rules, std::string_view id);

}  // namespace bucketlint
