#include "bucketlint/rule.h"
#include "registry_factories.h"

namespace bucketlint {

// The one list of built-in rules, in ID order. One factory call per rule, each with its ID.
// No self-registering statics: an unreferenced object file in a static library is dropped.
std::vector<std::unique_ptr<Rule>> make_builtin_rules() {
  std::vector<std::unique_ptr<Rule>> rules;
  rules.push_back(rules::make_public_acl_grant());                        // AC001
  rules.push_back(rules::make_object_acl_excludes_bucket_owner());        // AC002
  rules.push_back(rules::make_acls_enabled_unneeded());                   // AC003
  rules.push_back(rules::make_bucket_acl_blocks_enforced());              // AC004
  rules.push_back(rules::make_malformed_json());                          // IN001
  rules.push_back(rules::make_duplicate_key());                           // IN002
  rules.push_back(rules::make_invalid_characters());                      // IN003
  rules.push_back(rules::make_empty_file());                              // IN004
  rules.push_back(rules::make_file_too_large());                          // IN005
  rules.push_back(rules::make_nesting_too_deep());                        // IN006
  rules.push_back(rules::make_unreadable_file());                         // IN007
  rules.push_back(rules::make_unknown_document_kind());                   // IN008
  rules.push_back(rules::make_wrong_element_type());                      // IN009
  rules.push_back(rules::make_invalid_config());                          // IN010
  rules.push_back(rules::make_snapshot_layout());                         // IN011
  rules.push_back(rules::make_missing_context());                         // IN012
  rules.push_back(rules::make_unused_suppression());                      // IN013
  rules.push_back(rules::make_rule_failed());                             // IN901
  rules.push_back(rules::make_cross_account_write_unreadable());          // OW001
  rules.push_back(rules::make_writer_owned_despite_bofc());               // OW002
  rules.push_back(rules::make_acl_header_under_bucket_owner_enforced());  // OW003
  rules.push_back(rules::make_foreign_owned_objects());                   // OW004
  rules.push_back(rules::make_ownership_setting_unknown());               // OW005
  rules.push_back(rules::make_unknown_service_prefix());                  // PL101
  rules.push_back(rules::make_unknown_action());                          // PL102
  rules.push_back(rules::make_action_wildcard_matches_nothing());         // PL103
  rules.push_back(rules::make_unknown_condition_key());                   // PL104
  rules.push_back(rules::make_condition_key_unsupported_by_actions());    // PL105
  rules.push_back(rules::make_condition_operator_type_mismatch());        // PL106
  rules.push_back(rules::make_set_operator_on_single_valued_key());       // PL107
  rules.push_back(rules::make_wildcard_without_like_operator());          // PL108
  rules.push_back(rules::make_null_with_if_exists());                     // PL109
  rules.push_back(rules::make_action_resource_mismatch());                // PL110
  rules.push_back(rules::make_redundant_action_or_resource());            // PL111
  rules.push_back(rules::make_pass_role_with_star_resource());            // PL112
  rules.push_back(rules::make_allow_not_action_or_not_resource_star());   // PL113
  rules.push_back(rules::make_invalid_principal_format());                // PL114
  return rules;
}

}  // namespace bucketlint
