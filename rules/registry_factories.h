#pragma once

// Factory declarations for the built-in rules, one per rule file, in ID order.

#include <memory>

#include "bucketlint/rule.h"

namespace bucketlint::rules {

std::unique_ptr<Rule> make_public_acl_grant();                        // AC001
std::unique_ptr<Rule> make_object_acl_excludes_bucket_owner();        // AC002
std::unique_ptr<Rule> make_acls_enabled_unneeded();                   // AC003
std::unique_ptr<Rule> make_bucket_acl_blocks_enforced();              // AC004
std::unique_ptr<Rule> make_origin_access_denied();                    // CF001
std::unique_ptr<Rule> make_cloudfront_any_distribution();             // CF002
std::unique_ptr<Rule> make_origin_missing_list_bucket();              // CF003
std::unique_ptr<Rule> make_legacy_origin_access_identity();           // CF004
std::unique_ptr<Rule> make_origin_cannot_decrypt();                   // CF005
std::unique_ptr<Rule> make_website_endpoint_origin();                 // CF006
std::unique_ptr<Rule> make_malformed_json();                          // IN001
std::unique_ptr<Rule> make_duplicate_key();                           // IN002
std::unique_ptr<Rule> make_invalid_characters();                      // IN003
std::unique_ptr<Rule> make_empty_file();                              // IN004
std::unique_ptr<Rule> make_file_too_large();                          // IN005
std::unique_ptr<Rule> make_nesting_too_deep();                        // IN006
std::unique_ptr<Rule> make_unreadable_file();                         // IN007
std::unique_ptr<Rule> make_unknown_document_kind();                   // IN008
std::unique_ptr<Rule> make_wrong_element_type();                      // IN009
std::unique_ptr<Rule> make_invalid_config();                          // IN010
std::unique_ptr<Rule> make_snapshot_layout();                         // IN011
std::unique_ptr<Rule> make_missing_context();                         // IN012
std::unique_ptr<Rule> make_unused_suppression();                      // IN013
std::unique_ptr<Rule> make_not_collected();                           // IN014
std::unique_ptr<Rule> make_rule_failed();                             // IN901
std::unique_ptr<Rule> make_cross_account_write_unreadable();          // OW001
std::unique_ptr<Rule> make_writer_owned_despite_bofc();               // OW002
std::unique_ptr<Rule> make_acl_header_under_bucket_owner_enforced();  // OW003
std::unique_ptr<Rule> make_foreign_owned_objects();                   // OW004
std::unique_ptr<Rule> make_ownership_setting_unknown();               // OW005
std::unique_ptr<Rule> make_replica_owned_by_source_account();         // OW006
std::unique_ptr<Rule> make_log_delivery_blocked();                    // OW007
std::unique_ptr<Rule> make_public_bucket_policy();                    // PA001
std::unique_ptr<Rule> make_policy_status_unexplained();               // PA002
std::unique_ptr<Rule> make_invalid_version();                         // PL001
std::unique_ptr<Rule> make_missing_version();                         // PL002
std::unique_ptr<Rule> make_variable_in_old_version();                 // PL003
std::unique_ptr<Rule> make_invalid_effect();                          // PL004
std::unique_ptr<Rule> make_missing_statement();                       // PL005
std::unique_ptr<Rule> make_missing_action();                          // PL006
std::unique_ptr<Rule> make_missing_resource();                        // PL007
std::unique_ptr<Rule> make_missing_principal();                       // PL008
std::unique_ptr<Rule> make_principal_in_identity_policy();            // PL009
std::unique_ptr<Rule> make_resource_in_trust_policy();                // PL010
std::unique_ptr<Rule> make_conflicting_elements();                    // PL011
std::unique_ptr<Rule> make_allow_with_not_principal();                // PL012
std::unique_ptr<Rule> make_duplicate_sid();                           // PL013
std::unique_ptr<Rule> make_invalid_sid();                             // PL014
std::unique_ptr<Rule> make_empty_element();                           // PL015
std::unique_ptr<Rule> make_unknown_condition_operator();              // PL016
std::unique_ptr<Rule> make_malformed_arn();                           // PL017
std::unique_ptr<Rule> make_malformed_account_id();                    // PL018
std::unique_ptr<Rule> make_malformed_principal();                     // PL019
std::unique_ptr<Rule> make_policy_too_large();                        // PL020
std::unique_ptr<Rule> make_unknown_policy_element();                  // PL021
std::unique_ptr<Rule> make_unknown_service_prefix();                  // PL101
std::unique_ptr<Rule> make_unknown_action();                          // PL102
std::unique_ptr<Rule> make_action_wildcard_matches_nothing();         // PL103
std::unique_ptr<Rule> make_unknown_condition_key();                   // PL104
std::unique_ptr<Rule> make_condition_key_unsupported_by_actions();    // PL105
std::unique_ptr<Rule> make_condition_operator_type_mismatch();        // PL106
std::unique_ptr<Rule> make_set_operator_on_single_valued_key();       // PL107
std::unique_ptr<Rule> make_wildcard_without_like_operator();          // PL108
std::unique_ptr<Rule> make_null_with_if_exists();                     // PL109
std::unique_ptr<Rule> make_action_resource_mismatch();                // PL110
std::unique_ptr<Rule> make_redundant_action_or_resource();            // PL111
std::unique_ptr<Rule> make_pass_role_with_star_resource();            // PL112
std::unique_ptr<Rule> make_allow_not_action_or_not_resource_star();   // PL113
std::unique_ptr<Rule> make_invalid_principal_format();                // PL114
std::unique_ptr<Rule> make_broken_assume_role_chain();                // TR001
std::unique_ptr<Rule> make_trust_anyone();                            // TR002
std::unique_ptr<Rule> make_external_trust_without_external_id();      // TR003
std::unique_ptr<Rule> make_assumed_role_cannot_write();               // TR004
std::unique_ptr<Rule> make_deleted_principal();                       // TR005

}  // namespace bucketlint::rules
