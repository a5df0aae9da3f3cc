#pragma once

// Factory declarations for the built-in rules, one per rule file, in ID order.

#include <memory>

#include "bucketlint/rule.h"

namespace bucketlint::rules {

std::unique_ptr<Rule> make_unused_suppression();  // IN013
std::unique_ptr<Rule> make_rule_failed();         // IN901

}  // namespace bucketlint::rules
