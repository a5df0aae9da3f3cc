#include "bucketlint/rule.h"
#include "registry_factories.h"

namespace bucketlint {

// The one list of built-in rules, in ID order. One factory call per rule, each with its ID.
// No self-registering statics: an unreferenced object file in a static library is dropped.
std::vector<std::unique_ptr<Rule>> make_builtin_rules() {
  std::vector<std::unique_ptr<Rule>> rules;
  rules.push_back(rules::make_unused_suppression());  // IN013
  rules.push_back(rules::make_rule_failed());         // IN901
  return rules;
}

}  // namespace bucketlint
