#pragma once

// Factory declarations for the built-in rules, one per rule file, in ID order.

#include <memory>

#include "bucketlint/rule.h"

namespace bucketlint::rules {

std::unique_ptr<Rule> make_malformed_json();         // IN001
std::unique_ptr<Rule> make_duplicate_key();          // IN002
std::unique_ptr<Rule> make_invalid_characters();     // IN003
std::unique_ptr<Rule> make_empty_file();             // IN004
std::unique_ptr<Rule> make_file_too_large();         // IN005
std::unique_ptr<Rule> make_nesting_too_deep();       // IN006
std::unique_ptr<Rule> make_unreadable_file();        // IN007
std::unique_ptr<Rule> make_unknown_document_kind();  // IN008
std::unique_ptr<Rule> make_wrong_element_type();     // IN009
std::unique_ptr<Rule> make_invalid_config();         // IN010
std::unique_ptr<Rule> make_snapshot_layout();        // IN011
std::unique_ptr<Rule> make_missing_context();        // IN012
std::unique_ptr<Rule> make_unused_suppression();     // IN013
std::unique_ptr<Rule> make_rule_failed();            // IN901

}  // namespace bucketlint::rules
