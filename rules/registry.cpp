#include "bucketlint/rule.h"
#include "registry_factories.h"

namespace bucketlint {

// The one list of built-in rules, in ID order. One factory call per rule, each with its ID.
// No self-registering statics: an unreferenced object file in a static library is dropped.
std::vector<std::unique_ptr<Rule>> make_builtin_rules() {
  std::vector<std::unique_ptr<Rule>> rules;
  rules.push_back(rules::make_invalid_version());               // PL001
  rules.push_back(rules::make_missing_version());               // PL002
  rules.push_back(rules::make_variable_in_old_version());       // PL003
  rules.push_back(rules::make_invalid_effect());                // PL004
  rules.push_back(rules::make_missing_statement());             // PL005
  rules.push_back(rules::make_missing_action());                // PL006
  rules.push_back(rules::make_missing_resource());              // PL007
  rules.push_back(rules::make_missing_principal());             // PL008
  rules.push_back(rules::make_principal_in_identity_policy());  // PL009
  rules.push_back(rules::make_resource_in_trust_policy());      // PL010
  rules.push_back(rules::make_conflicting_elements());          // PL011
  rules.push_back(rules::make_allow_with_not_principal());      // PL012
  rules.push_back(rules::make_duplicate_sid());                 // PL013
  rules.push_back(rules::make_invalid_sid());                   // PL014
  rules.push_back(rules::make_empty_element());                 // PL015
  rules.push_back(rules::make_unknown_condition_operator());    // PL016
  rules.push_back(rules::make_malformed_arn());                 // PL017
  rules.push_back(rules::make_malformed_account_id());          // PL018
  rules.push_back(rules::make_malformed_principal());           // PL019
  rules.push_back(rules::make_policy_too_large());              // PL020
  rules.push_back(rules::make_unknown_policy_element());        // PL021
  return rules;
}

}  // namespace bucketlint
