#include "bucketlint/rule.h"
#include "registry_factories.h"

namespace bucketlint {

// The one list of built-in rules, in ID order. One factory call per rule, each with its ID.
// No self-registering statics: an unreferenced object file in a static library is dropped.
std::vector<std::unique_ptr<Rule>> make_builtin_rules() {
  std::vector<std::unique_ptr<Rule>> rules;
  rules.push_back(rules::make_origin_access_denied());                // CF001
  rules.push_back(rules::make_cloudfront_any_distribution());         // CF002
  rules.push_back(rules::make_origin_missing_list_bucket());          // CF003
  rules.push_back(rules::make_legacy_origin_access_identity());       // CF004
  rules.push_back(rules::make_origin_cannot_decrypt());               // CF005
  rules.push_back(rules::make_broken_assume_role_chain());            // TR001
  rules.push_back(rules::make_trust_anyone());                        // TR002
  rules.push_back(rules::make_external_trust_without_external_id());  // TR003
  rules.push_back(rules::make_assumed_role_cannot_write());           // TR004
  rules.push_back(rules::make_deleted_principal());                   // TR005
  return rules;
}

}  // namespace bucketlint
