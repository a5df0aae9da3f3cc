#pragma once

// The hash of the catalogue's lookup tables, shared by the build-time generator (tools/
// catalogue/gen_catalogue.cpp, which lays the tables out) and analyzer/catalogue/catalogue.cpp
// (which probes them). Both sides must hash identically, hence one header without
// dependencies.
//
// Names are looked up case-insensitively (docs/aws-semantics.md 5.4): the hash folds ASCII case
// eight bytes at a time inside a word, so the caller makes no lower-cased copy.

#include <algorithm>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace bucketlint::catalogue::data {

// Up to eight bytes of `s` from `pos` as one word, byte k in bits 8k..8k+7 (little-endian
// order on every host, so that generator and lookups agree), missing bytes 0.
inline std::uint64_t load_word(std::string_view s, std::size_t pos) {
  const char* p = s.data() + pos;
  const std::size_t n = std::min<std::size_t>(s.size() - pos, 8);
  if (n == 8) {
    std::uint64_t word = 0;
    std::memcpy(&word, p, 8);
    if constexpr (std::endian::native == std::endian::big) word = __builtin_bswap64(word);
    return word;
  }
  if (n >= 4) {
    // Two overlapping four-byte loads; the overlap holds the same bytes in both.
    std::uint32_t low = 0;
    std::uint32_t high = 0;
    std::memcpy(&low, p, 4);
    std::memcpy(&high, p + n - 4, 4);
    if constexpr (std::endian::native == std::endian::big) {
      low = __builtin_bswap32(low);
      high = __builtin_bswap32(high);
    }
    return low | (std::uint64_t{high} << (8 * (n - 4)));
  }
  std::uint64_t word = 0;
  for (std::size_t k = 0; k < n; ++k) {
    word |= std::uint64_t{static_cast<unsigned char>(p[k])} << (8 * k);
  }
  return word;
}

// ASCII 'A'-'Z' to lower case in every byte of the word at once; other bytes unchanged.
constexpr std::uint64_t fold_word(std::uint64_t word) {
  constexpr std::uint64_t kOnes = 0x0101010101010101u;
  constexpr std::uint64_t kHigh = 0x8080808080808080u;
  const std::uint64_t low7 = word & ~kHigh;
  const std::uint64_t at_least_a = low7 + kOnes * (0x80 - 'A');   // high bit: byte >= 'A'
  const std::uint64_t above_z = low7 + kOnes * (0x80 - 'Z' - 1);  // high bit: byte > 'Z'
  const std::uint64_t upper = at_least_a & ~above_z & ~word & kHigh;
  return word | (upper >> 2);  // 0x80 >> 2 == 'a' - 'A'
}

// The hash of `s` with ASCII case folded, eight bytes per step.
inline std::uint32_t folded_hash(std::string_view s, std::uint64_t seed = 0) {
  constexpr std::uint64_t kMul = 0x9e3779b97f4a7c15u;
  std::uint64_t hash = (seed ^ s.size()) * kMul;
  for (std::size_t pos = 0; pos < s.size(); pos += 8) {
    hash = (hash ^ fold_word(load_word(s, pos))) * kMul;
    hash ^= hash >> 29;
  }
  return static_cast<std::uint32_t>(hash ^ (hash >> 32));
}

// Actions are hashed by name within their service: the service index seeds the hash.
inline std::uint32_t action_hash(std::uint32_t service, std::string_view name) {
  return folded_hash(name, std::uint64_t{service} + 1);
}

// True when `text` equals `lower`, a lower-case name, ignoring ASCII case; eight bytes per step.
inline bool equals_folded(std::string_view text, std::string_view lower) {
  if (text.size() != lower.size()) return false;
  for (std::size_t pos = 0; pos < text.size(); pos += 8) {
    if (fold_word(load_word(text, pos)) != load_word(lower, pos)) return false;
  }
  return true;
}

// Open addressing with linear probing: a table has a power-of-two number of slots, each 0
// (empty) or 1 + the index of a record; a name's probe starts at slot hash & (size - 1).

}  // namespace bucketlint::catalogue::data
