#pragma once

// Shared predicates of the catalogue-backed policy-language rules (PL101-PL114). Free
// functions so that unit tests can call them.
//
// Text-against-pattern matching goes through the shared IAM matcher (analyzer/model/
// wildcard.h); pattern-against-pattern intersection (PL110) is local, the shared matcher has
// no such operation.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bucketlint/catalogue.h"
#include "bucketlint/iam.h"
#include "bucketlint/model.h"
#include "bucketlint/text.h"

namespace bucketlint::rules::pl {

// IAM glob: '*' any run of characters, '?' exactly one. ASCII case folding when asked.
// A thin wrapper over model::wildcard_match.
bool glob_match(std::string_view pattern, std::string_view text, bool case_insensitive);

// In globs built from catalogue ARN patterns: any run of characters without '/' or ':'.
inline constexpr char kSegmentStar = '\x01';

// True when some string matches both glob patterns ('*', '?' and kSegmentStar in both).
bool globs_intersect(std::string_view a, std::string_view b, bool case_insensitive);

using text::has_wildcard;

// Replaces every policy variable "${...}" (also "${aws:x, 'default'}") with '*'.
std::string variables_to_star(std::string_view s);

// Catalogue ARN pattern ("arn:${Partition}:s3:::${BucketName}/${ObjectName}") as a glob:
// placeholders become '*'; partition, Region, account, bucket and access point names
// kSegmentStar.
std::string arn_pattern_to_glob(std::string_view pattern);

// The "service:name" split of an Action value; nullopt without ':'.
struct ActionParts {
  std::string_view service;
  std::string_view name;
};
// Inline: every catalogue rule splits every action.
inline std::optional<ActionParts> split_action(std::string_view action) {
  const std::size_t colon = action.find(':');
  if (colon == std::string_view::npos) return std::nullopt;
  return ActionParts{action.substr(0, colon), action.substr(colon + 1)};
}

// The config's `catalogue:` additions (Model::extra_services / extra_actions), for services
// and actions newer than the built-in catalogue. Case-insensitive, as IAM compares actions.
// True when `prefix` is declared as a service or is the service of a declared action.
bool extra_service(const Model& model, std::string_view prefix);
// True when some declared action matches `action` (which may itself hold wildcards).
bool extra_action(const Model& model, std::string_view action);

// Condition operators are parsed by iam::parse_condition_operator (bucketlint/iam.h); these
// name the type of value an operator compares.
using iam::OperatorType;
std::string_view op_family_name(OperatorType type);

// Which operator families fit a key type (docs/aws-semantics.md 5.5). ARN keys also take String
// operators (Access Analyzer reports that separately), and String keys ARN ones (AWS's own
// policies use ArnLike on String keys holding ARNs, e.g. kms:EncryptionContext:aws:s3:arn).
bool family_fits(OperatorType family, const catalogue::KeyTypeInfo& type);

// All catalogue actions the statement's Action values can match (wildcards expanded).
// Returns false (and leaves `out` partial) when an Action value is "*" or matches every service.
bool expand_actions(const Statement& stmt, std::vector<catalogue::ActionInfo>& out);

// Every policy of the model, bound or not.
template <typename Visit>
void for_each_statement(const Model& model, Visit visit) {
  for (const auto& policy : model.policies) {
    for (const Statement& stmt : policy->statements) visit(*policy, stmt);
  }
}

}  // namespace bucketlint::rules::pl
