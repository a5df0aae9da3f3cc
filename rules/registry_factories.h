#pragma once

// Factory declarations for the built-in rules, one per rule file, in ID order.

#include <memory>

#include "bucketlint/rule.h"

namespace bucketlint::rules {

std::unique_ptr<Rule> make_cross_account_write_unreadable();          // OW001
std::unique_ptr<Rule> make_writer_owned_despite_bofc();               // OW002
std::unique_ptr<Rule> make_acl_header_under_bucket_owner_enforced();  // OW003
std::unique_ptr<Rule> make_foreign_owned_objects();                   // OW004
std::unique_ptr<Rule> make_ownership_setting_unknown();               // OW005
std::unique_ptr<Rule> make_public_acl_grant();                        // AC001
std::unique_ptr<Rule> make_object_acl_excludes_bucket_owner();        // AC002
std::unique_ptr<Rule> make_acls_enabled_unneeded();                   // AC003
std::unique_ptr<Rule> make_bucket_acl_blocks_enforced();              // AC004

}  // namespace bucketlint::rules
