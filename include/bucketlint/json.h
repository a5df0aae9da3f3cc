#pragma once

// A JSON value tree that remembers where every value starts in its file.
//
// nlohmann_json 3.11 (Debian 12) keeps no positions, and silently keeps the last of duplicate
// keys, which AWS rejects. This small parser builds the tree bucketlint's model is made from in
// one pass, records each value's byte offset in the *file* (also for documents embedded in JSON
// strings or URL-encoded, through an offset map), and reports problems as data, never throws.

#include <cstddef>
#include <cstdint>
#include <iterator>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bucketlint {

enum class JsonType : std::uint8_t { kNull, kBool, kNumber, kString, kArray, kObject };

std::string_view json_type_name(JsonType type);  // "null", "boolean", "number", ...

struct JsonMember;
struct JsonValue;

// The children of an array or object: a read-only, contiguous range stored with the tree.
template <typename T>
class JsonChildren {
 public:
  using value_type = T;
  using const_iterator = const T*;
  using iterator = const T*;
  using const_reverse_iterator = std::reverse_iterator<const T*>;

  const T* begin() const { return data_; }
  const T* end() const { return data_ + size_; }
  const_reverse_iterator rbegin() const { return const_reverse_iterator(end()); }
  const_reverse_iterator rend() const { return const_reverse_iterator(begin()); }
  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  const T& operator[](std::size_t i) const { return data_[i]; }
  const T& front() const { return data_[0]; }
  const T& back() const { return data_[size_ - 1]; }

 private:
  friend struct JsonTreeAccess;
  const T* data_ = nullptr;
  std::size_t size_ = 0;
};

// Memory of one parsed tree: the parser places all values, member names and strings of a
// document in a few large blocks (one allocation per block instead of one per string and per
// array or object), owned by the root value and released with it.
class JsonStorage;
struct JsonStorageDeleter {
  void operator()(JsonStorage* storage) const;
};

struct JsonValue {
  JsonType type = JsonType::kNull;
  bool boolean = false;
  // True when no string or member name in this value, or in any value nested in it, holds a
  // character outside U+0020-U+007F (no control character, nothing beyond ASCII). The parser
  // sets it while decoding, so character checks can skip the (usual) clean trees unread.
  bool plain_ascii = true;
  // True when, in addition, no string or member name of the subtree holds '"' or '\\': each one
  // serialises as its bytes between two quotes, with no escape (minified_size counts so).
  bool verbatim = true;
  std::uint32_t offset = 0;  // byte offset of the value's first character in its file
  // kString: the decoded string; kNumber: the number as written (e.g. "1.2", "300"). Points
  // into the tree's storage: valid as long as the root value lives.
  std::string_view text;
  JsonChildren<JsonValue> items;     // kArray
  JsonChildren<JsonMember> members;  // kObject, in document order (duplicates kept)

  bool is_null() const { return type == JsonType::kNull; }
  bool is_bool() const { return type == JsonType::kBool; }
  bool is_number() const { return type == JsonType::kNumber; }
  bool is_string() const { return type == JsonType::kString; }
  bool is_array() const { return type == JsonType::kArray; }
  bool is_object() const { return type == JsonType::kObject; }

  // Object member lookup. With duplicate keys the last one wins, as in most JSON parsers
  // (the duplicate itself is reported by the parser). Returns nullptr when absent or not an
  // object.
  const JsonValue* find(std::string_view key) const;
  // Case-insensitive member lookup (ASCII), for formats whose key case varies.
  const JsonValue* find_ci(std::string_view key) const;
  const JsonMember* find_member(std::string_view key) const;
  // The string value, or nullptr when this is not a string.
  const std::string_view* string_or_null() const { return is_string() ? &text : nullptr; }
  // Scalars as text ("true", "1.2", the string itself); empty for containers and null.
  std::string scalar_text() const;

 private:
  friend struct JsonTreeAccess;
  std::unique_ptr<JsonStorage, JsonStorageDeleter> storage_;  // set on the root value only
};

struct JsonMember {
  std::string_view key;          // in the tree's storage, like JsonValue::text
  std::uint32_t key_offset = 0;  // byte offset of the key's opening quote in its file
  JsonValue value;
};

enum class JsonErrorKind : std::uint8_t {
  kSyntax,        // malformed JSON (IN001)
  kDuplicateKey,  // same key twice in one object (IN002)
  kInvalidUtf8,   // bytes that are not UTF-8 (IN003)
  kTooDeep,       // nesting beyond the limit (IN006)
};

struct JsonError {
  JsonErrorKind kind = JsonErrorKind::kSyntax;
  std::uint32_t offset = 0;  // byte offset in the file
  std::string message;       // lower-case, no trailing period
  bool fatal = true;         // the document could not be read as a whole
};

struct JsonParseOptions {
  int max_depth = 64;
  // When parsing text that was decoded from somewhere else in a file (a JSON string, a
  // URL-encoded document), offset_map[i] is the file offset of decoded byte i; it holds
  // text.size() + 1 entries. Empty: offsets are the text's own.
  const std::vector<std::uint32_t>* offset_map = nullptr;
  // Offset at which parsing starts (e.g. after a UTF-8 BOM).
  std::size_t start = 0;
};

// Duplicate keys beyond this many in one text are counted, not listed (the engine's cap of
// findings per rule and file, kMaxFindingsPerRuleAndFile, is the same).
inline constexpr std::size_t kMaxDuplicateKeyErrors = 100;

struct JsonParseResult {
  std::optional<JsonValue> value;           // absent when a fatal error stopped the parse
  std::vector<JsonError> errors;            // fatal and non-fatal, in the order found
  std::size_t duplicate_keys_left_out = 0;  // duplicate keys beyond kMaxDuplicateKeyErrors
};

JsonParseResult parse_json(std::string_view text, const JsonParseOptions& options = {});

// Decodes the JSON string literal that starts at text[quote] (the opening '"') and fills
// `offset_map` with one file offset per decoded byte (+1 for the end), composing with
// `outer_map` when the literal itself came from decoded text. Used to re-parse policies that
// AWS APIs return as JSON strings. Returns false when the literal is malformed.
bool decode_string_literal(std::string_view text, std::size_t quote, std::string& out,
                           std::vector<std::uint32_t>& offset_map,
                           const std::vector<std::uint32_t>* outer_map = nullptr);

// Percent-decoding (RFC 3986) of IAM API policy documents ("%7B%22Version%22..."). `base_map`
// maps each byte of `encoded` to a file offset; the result maps each decoded byte to the file
// offset of its first encoded byte. '+' is kept as '+'. Returns false on a malformed escape.
bool url_decode(std::string_view encoded, const std::vector<std::uint32_t>& base_map,
                std::string& out, std::vector<std::uint32_t>& offset_map);

// Offset of the first byte at or after `from` that is not valid UTF-8 (overlong forms,
// surrogates and code points above U+10FFFF are invalid), or npos. ASCII fast path.
// parse_json() validates every byte it reads, so text it parses without a fatal error (from
// options.start on) is valid UTF-8: callers need this scan only when the parse failed.
std::size_t first_invalid_utf8(std::string_view s, std::size_t from = 0);

// True when `s` looks like a percent-encoded JSON document ("%7B" start, no raw '{').
bool looks_url_encoded_json(std::string_view s);

}  // namespace bucketlint
