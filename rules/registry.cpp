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
  rules.push_back(rules::make_origin_access_denied());                    // CF001
  rules.push_back(rules::make_cloudfront_any_distribution());             // CF002
  rules.push_back(rules::make_origin_missing_list_bucket());              // CF003
  rules.push_back(rules::make_legacy_origin_access_identity());           // CF004
  rules.push_back(rules::make_origin_cannot_decrypt());                   // CF005
  rules.push_back(rules::make_website_endpoint_origin());                 // CF006
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
  rules.push_back(rules::make_not_collected());                           // IN014
  rules.push_back(rules::make_rule_failed());                             // IN901
  rules.push_back(rules::make_cross_account_write_unreadable());          // OW001
  rules.push_back(rules::make_writer_owned_despite_bofc());               // OW002
  rules.push_back(rules::make_acl_header_under_bucket_owner_enforced());  // OW003
  rules.push_back(rules::make_foreign_owned_objects());                   // OW004
  rules.push_back(rules::make_ownership_setting_unknown());               // OW005
  rules.push_back(rules::make_replica_owned_by_source_account());         // OW006
  rules.push_back(rules::make_log_delivery_blocked());                    // OW007
  rules.push_back(rules::make_public_bucket_policy());                    // PA001
  rules.push_back(rules::make_policy_status_unexplained());               // PA002
  rules.push_back(rules::make_invalid_version());                         // PL001
  rules.push_back(rules::make_missing_version());                         // PL002
  rules.push_back(rules::make_variable_in_old_version());                 // PL003
  rules.push_back(rules::make_invalid_effect());                          // PL004
  rules.push_back(rules::make_missing_statement());                       // PL005
  rules.push_back(rules::make_missing_action());                          // PL006
  rules.push_back(rules::make_missing_resource());                        // PL007
  rules.push_back(rules::make_missing_principal());                       // PL008
  rules.push_back(rules::make_principal_in_identity_policy());            // PL009
  rules.push_back(rules::make_resource_in_trust_policy());                // PL010
  rules.push_back(rules::make_conflicting_elements());                    // PL011
  rules.push_back(rules::make_allow_with_not_principal());                // PL012
  rules.push_back(rules::make_duplicate_sid());                           // PL013
  rules.push_back(rules::make_invalid_sid());                             // PL014
  rules.push_back(rules::make_empty_element());                           // PL015
  rules.push_back(rules::make_unknown_condition_operator());              // PL016
  rules.push_back(rules::make_malformed_arn());                           // PL017
  rules.push_back(rules::make_malformed_account_id());                    // PL018
  rules.push_back(rules::make_malformed_principal());                     // PL019
  rules.push_back(rules::make_policy_too_large());                        // PL020
  rules.push_back(rules::make_unknown_policy_element());                  // PL021
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
  rules.push_back(rules::make_broken_assume_role_chain());                // TR001
  rules.push_back(rules::make_trust_anyone());                            // TR002
  rules.push_back(rules::make_external_trust_without_external_id());      // TR003
  rules.push_back(rules::make_assumed_role_cannot_write());               // TR004
  rules.push_back(rules::make_deleted_principal());                       // TR005
  return rules;
}

}  // namespace bucketlint
