#pragma once

// Layout of the generated catalogue tables (${PROJECT_BINARY_DIR}/generated/
// iam_catalogue_data.cpp, written by tools/catalogue/gen_catalogue.cpp). Internal to
// analyzer/catalogue: rules use include/bucketlint/catalogue.h.

#include <cstdint>
#include <span>
#include <string_view>

#include "bucketlint/catalogue.h"
#include "catalogue/catalogue_hash.h"

namespace bucketlint::catalogue::data {

// Types as stored: KeyType value (catalogue.h order), +0x10 when multivalued (ArrayOf...).
inline constexpr std::uint8_t kMultivaluedBit = 0x10;
inline constexpr std::uint8_t kNoAlso = 0xff;

struct ServiceRec {
  std::string_view prefix;  // lower case; table sorted by it
  std::string_view name;
  std::uint32_t first_action;  // into actions(); a service's actions are sorted by `lower`
  std::uint32_t action_count;
};

struct ActionRec {
  std::string_view name;   // catalogue spelling
  std::string_view lower;  // lower case, the sort key within the service
  std::string_view access_level;
  std::uint32_t service;   // into services()
  std::uint32_t first_rt;  // into action_resource_types()
  std::uint32_t rt_count;
  std::uint32_t first_key;  // into action_keys()
  std::uint32_t key_count;
};

// The public record itself ({name, arn_pattern (empty when the service lists no such type),
// required}), so that resource_types() hands out the table without a copy.
using ActionResourceTypeRec = ResourceTypeInfo;

struct KeyRec {
  std::string_view name;   // catalogue spelling (templates keep their placeholder)
  std::string_view lower;  // sort key of keys()
  // `name` with implicit placeholders made explicit: the catalogue writes some tag templates
  // as 'secretsmanager:ResourceTag/tag-key' or 'sagemaker:ResourceTag/'; both become
  // '.../ResourceTag/${TagKey}'. Templates are matched against this.
  std::string_view pattern;
  std::uint8_t type;  // see kMultivaluedBit
  std::uint8_t also;  // second KeyType or kNoAlso
  bool global;
  bool cross_service;
  bool is_template;
  // Templates: the length of `pattern`'s fixed text before its first placeholder ("${" or
  // "<"), which a matching key starts with; other keys: the whole length.
  std::uint32_t fixed_length;
};

std::string_view date();
std::string_view source();
std::span<const ServiceRec> services();
std::span<const ActionRec> actions();
std::span<const ActionResourceTypeRec> action_resource_types();
std::span<const std::uint32_t> action_keys();    // indices into keys()
std::span<const KeyRec> keys();                  // sorted by `lower`
std::span<const std::uint32_t> template_keys();  // indices into keys() of template keys

// Hash tables over services() (by prefix), actions() (by service and lower-case name) and
// keys() (by lower-case name); layout and hash in catalogue_hash.h.
std::span<const std::uint32_t> service_slots();
std::span<const std::uint32_t> action_slots();
std::span<const std::uint32_t> key_slots();

}  // namespace bucketlint::catalogue::data
