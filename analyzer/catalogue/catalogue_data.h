#pragma once

// Layout of the generated catalogue tables (${PROJECT_BINARY_DIR}/generated/
// iam_catalogue_data.cpp, written by tools/catalogue/gen_catalogue.cpp). Internal to
// analyzer/catalogue: rules use include/bucketlint/catalogue.h.

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

#include "bucketlint/catalogue.h"
#include "catalogue/catalogue_hash.h"

namespace bucketlint::catalogue::data {

// Every string of the tables, one after another (generated). Records hold Str offsets into it
// rather than pointers, so that the tables need no relocation when the program is loaded.
extern const char kBlob[];

// A string of the blob. Reads like a std::string_view.
struct Str {
  std::uint32_t offset;
  std::uint32_t length;
  std::string_view view() const { return {kBlob + offset, length}; }
  operator std::string_view() const { return view(); }  // NOLINT(google-explicit-constructor)
  std::size_t size() const { return length; }
  bool empty() const { return length == 0; }
  char operator[](std::size_t i) const { return kBlob[offset + i]; }
  std::string_view substr(std::size_t pos, std::size_t n) const { return view().substr(pos, n); }
};

// Types as stored: KeyType value (catalogue.h order), +0x10 when multivalued (ArrayOf...).
inline constexpr std::uint8_t kMultivaluedBit = 0x10;
inline constexpr std::uint8_t kNoAlso = 0xff;

struct ServiceRec {
  Str prefix;  // lower case; table sorted by it
  Str name;
  std::uint32_t first_action;  // into actions(); a service's actions are sorted by `lower`
  std::uint32_t action_count;
};

struct ActionRec {
  Str name;   // catalogue spelling
  Str lower;  // lower case, the sort key within the service
  Str access_level;
  std::uint32_t service;   // into services()
  std::uint32_t first_rt;  // into action_resource_types()
  std::uint32_t rt_count;
  std::uint32_t first_key;  // into action_keys()
  std::uint32_t key_count;
};

// {name, arn_pattern (empty when the service lists no such type), required}: what
// resource_types() hands out as ResourceTypeInfo.
struct ActionResourceTypeRec {
  Str name;
  Str arn_pattern;
  bool required;
};

struct KeyRec {
  Str name;   // catalogue spelling (templates keep their placeholder)
  Str lower;  // sort key of keys()
  // `name` with implicit placeholders made explicit: the catalogue writes some tag templates
  // as 'secretsmanager:ResourceTag/tag-key' or 'sagemaker:ResourceTag/'; both become
  // '.../ResourceTag/${TagKey}'. Templates are matched against this.
  Str pattern;
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
