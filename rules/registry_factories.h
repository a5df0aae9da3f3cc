#pragma once

// Factory declarations for the built-in rules, one per rule file, in ID order.

#include <memory>

#include "bucketlint/rule.h"

namespace bucketlint::rules {
std::unique_ptr<Rule> make_origin_access_denied();                // CF001
std::unique_ptr<Rule> make_cloudfront_any_distribution();         // CF002
std::unique_ptr<Rule> make_origin_missing_list_bucket();          // CF003
std::unique_ptr<Rule> make_legacy_origin_access_identity();       // CF004
std::unique_ptr<Rule> make_origin_cannot_decrypt();               // CF005
std::unique_ptr<Rule> make_broken_assume_role_chain();            // TR001
std::unique_ptr<Rule> make_trust_anyone();                        // TR002
std::unique_ptr<Rule> make_external_trust_without_external_id();  // TR003
std::unique_ptr<Rule> make_assumed_role_cannot_write();           // TR004
std::unique_ptr<Rule> make_deleted_principal();                   // TR005
}  // namespace bucketlint::rules
