#pragma once

// bucketlint's knowledge as data for other tools: the rule list (`bucketlint rules --format
// json`) and the linked model (`bucketlint model --format json`). Both documents are described
// in docs/data-json.md; like the report, they carry a schema_version and give the same bytes
// for the same input.

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "bucketlint/model.h"
#include "bucketlint/rule.h"

namespace bucketlint {

inline constexpr int kDataJsonSchemaVersion = 1;

// The family of a rule ID ("OW001" -> "OW") with its name and tags ("ownership";
// ["s3", "object-ownership", "cross-account"]). PL0xx (grammar) and PL1xx (IAM catalogue) are
// told apart in the tags. Unknown prefixes get their prefix as family and no tags.
struct RuleFamily {
  std::string id;
  std::string_view name;
  std::vector<std::string_view> tags;
};
RuleFamily rule_family(std::string_view rule_id);

std::string rules_json(const std::vector<std::unique_ptr<Rule>>& rules);
std::string model_json(const Model& model);

}  // namespace bucketlint
