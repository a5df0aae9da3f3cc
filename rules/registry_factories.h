#pragma once

// Factory declarations for the built-in rules, one per rule file, in ID order.

#include <memory>

#include "bucketlint/rule.h"

namespace bucketlint::rules {

std::unique_ptr<Rule> make_invalid_version();               // PL001
std::unique_ptr<Rule> make_missing_version();               // PL002
std::unique_ptr<Rule> make_variable_in_old_version();       // PL003
std::unique_ptr<Rule> make_invalid_effect();                // PL004
std::unique_ptr<Rule> make_missing_statement();             // PL005
std::unique_ptr<Rule> make_missing_action();                // PL006
std::unique_ptr<Rule> make_missing_resource();              // PL007
std::unique_ptr<Rule> make_missing_principal();             // PL008
std::unique_ptr<Rule> make_principal_in_identity_policy();  // PL009
std::unique_ptr<Rule> make_resource_in_trust_policy();      // PL010
std::unique_ptr<Rule> make_conflicting_elements();          // PL011
std::unique_ptr<Rule> make_allow_with_not_principal();      // PL012
std::unique_ptr<Rule> make_duplicate_sid();                 // PL013
std::unique_ptr<Rule> make_invalid_sid();                   // PL014
std::unique_ptr<Rule> make_empty_element();                 // PL015
std::unique_ptr<Rule> make_unknown_condition_operator();    // PL016
std::unique_ptr<Rule> make_malformed_arn();                 // PL017
std::unique_ptr<Rule> make_malformed_account_id();          // PL018
std::unique_ptr<Rule> make_malformed_principal();           // PL019
std::unique_ptr<Rule> make_policy_too_large();              // PL020
std::unique_ptr<Rule> make_unknown_policy_element();        // PL021

}  // namespace bucketlint::rules
