#include "bucketlint/rule.h"
#include "registry_factories.h"

namespace bucketlint {

// The one list of built-in rules, in ID order. One factory call per rule, each with its ID.
// No self-registering statics: an unreferenced object file in a static library is dropped.
std::vector<std::unique_ptr<Rule>> make_builtin_rules() {
  std::vector<std::unique_ptr<Rule>> rules;
  rules.push_back(rules::make_cross_account_write_unreadable());          // OW001
  rules.push_back(rules::make_writer_owned_despite_bofc());               // OW002
  rules.push_back(rules::make_acl_header_under_bucket_owner_enforced());  // OW003
  rules.push_back(rules::make_foreign_owned_objects());                   // OW004
  rules.push_back(rules::make_ownership_setting_unknown());               // OW005
  rules.push_back(rules::make_public_acl_grant());                        // AC001
  rules.push_back(rules::make_object_acl_excludes_bucket_owner());        // AC002
  rules.push_back(rules::make_acls_enabled_unneeded());                   // AC003
  rules.push_back(rules::make_bucket_acl_blocks_enforced());              // AC004
  return rules;
}

}  // namespace bucketlint
