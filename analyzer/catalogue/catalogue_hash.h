#pragma once

// The hash of the catalogue's lookup tables, shared by the build-time generator (tools/
// catalogue/gen_catalogue.cpp, which lays the tables out) and analyzer/catalogue/catalogue.cpp
// (which probes them). Both sides must hash identically, hence one header without
// dependencies.
//
// FNV-1a over ASCII-lower-cased bytes: names are looked up case-insensitively (DOMAIN.md 5.4),
// and folding inside the hash spares the caller a lower-cased copy of the name.

#include <cstdint>
#include <string_view>

namespace bucketlint::catalogue::data {

inline constexpr std::uint32_t kFoldedHashBasis = 2166136261u;

constexpr std::uint32_t folded_hash(std::string_view s, std::uint32_t hash = kFoldedHashBasis) {
  for (const char c : s) {
    const char lower = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    hash = (hash ^ static_cast<unsigned char>(lower)) * 16777619u;
  }
  return hash;
}

// Actions are hashed by name within their service: the service index seeds the hash.
constexpr std::uint32_t action_hash(std::uint32_t service, std::string_view name) {
  return folded_hash(name, (kFoldedHashBasis ^ service) * 16777619u);
}

// Open addressing with linear probing: a table has a power-of-two number of slots, each 0
// (empty) or 1 + the index of a record; a name's probe starts at slot hash & (size - 1).

}  // namespace bucketlint::catalogue::data
