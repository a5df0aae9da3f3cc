#include "bucketlint/json.h"

#include <fmt/format.h>

#include <algorithm>
#include <bit>
#include <cstring>
#include <deque>
#include <iterator>
#include <memory>
#include <new>
#include <unordered_set>

#include "bucketlint/text.h"

namespace bucketlint {

// Bump allocation in blocks that grow geometrically. Values placed here are never destroyed one
// by one: the parser stores only strings and values whose storage_ is empty, so releasing the
// blocks is all the clean-up there is.
class JsonStorage {
 public:
  static constexpr std::size_t kMaxBlock = std::size_t{1} << 20;

  explicit JsonStorage(std::size_t first_block) : next_block_(std::min(first_block, kMaxBlock)) {}

  void* allocate(std::size_t size, std::size_t align) {
    void* at = cursor_;
    std::size_t space = left_;
    if (std::align(align, size, at, space) == nullptr) {
      add_block(size + align);
      at = cursor_;
      space = left_;
      std::align(align, size, at, space);  // a fresh block always fits
    }
    cursor_ = static_cast<std::byte*>(at) + size;
    left_ = space - size;
    return at;
  }

  std::string_view store(std::string_view s) {
    if (s.empty()) return {};
    char* copy = static_cast<char*>(allocate(s.size(), 1));
    std::memcpy(copy, s.data(), s.size());
    return {copy, s.size()};
  }

 private:
  // The second block is as large as the first, later ones double: a small tree that outgrows
  // its first block (3 times its text) needs a little more, not twice as much again (it took
  // 9 times its text in all, bench/README.md); large trees still take a logarithmic number of
  // blocks.
  void add_block(std::size_t at_least) {
    const std::size_t size = std::max(next_block_, at_least);
    if (!blocks_.empty()) next_block_ = std::min(kMaxBlock, std::max(next_block_, size) * 2);
    blocks_.push_back(std::make_unique_for_overwrite<std::byte[]>(size));
    cursor_ = blocks_.back().get();
    left_ = size;
  }

  std::vector<std::unique_ptr<std::byte[]>> blocks_;
  std::byte* cursor_ = nullptr;
  std::size_t left_ = 0;
  std::size_t next_block_;
};

void JsonStorageDeleter::operator()(JsonStorage* storage) const { delete storage; }

// The parser's access to the tree's private parts.
struct JsonTreeAccess {
  template <typename T>
  static void set(JsonChildren<T>& children, const T* data, std::size_t size) {
    children.data_ = data;
    children.size_ = size;
  }
  static void adopt(JsonValue& root, std::unique_ptr<JsonStorage, JsonStorageDeleter> storage) {
    root.storage_ = std::move(storage);
  }
};

std::string_view json_type_name(JsonType type) {
  switch (type) {
    case JsonType::kNull: return "null";
    case JsonType::kBool: return "boolean";
    case JsonType::kNumber: return "number";
    case JsonType::kString: return "string";
    case JsonType::kArray: return "array";
    case JsonType::kObject: return "object";
  }
  return "unknown";
}

const JsonMember* JsonValue::find_member(std::string_view key) const {
  if (!is_object()) return nullptr;
  for (auto it = members.rbegin(); it != members.rend(); ++it) {
    if (it->key == key) return &*it;
  }
  return nullptr;
}

const JsonValue* JsonValue::find(std::string_view key) const {
  const JsonMember* member = find_member(key);
  return member == nullptr ? nullptr : &member->value;
}

const JsonValue* JsonValue::find_ci(std::string_view key) const {
  if (!is_object()) return nullptr;
  for (auto it = members.rbegin(); it != members.rend(); ++it) {
    if (text::iequals(it->key, key)) return &it->value;
  }
  return nullptr;
}

std::string JsonValue::scalar_text() const {
  switch (type) {
    case JsonType::kBool: return boolean ? "true" : "false";
    case JsonType::kNumber:
    case JsonType::kString: return std::string(text);
    default: return {};
  }
}

namespace {

// Length of the UTF-8 sequence starting at s[i], or 0 when it is not valid UTF-8
// (overlong forms, surrogates and code points above U+10FFFF are invalid).
std::size_t utf8_sequence_length(std::string_view s, std::size_t i) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  if (b0 < 0x80) return 1;
  std::size_t len = 0;
  std::uint32_t cp = 0;
  if ((b0 & 0xE0) == 0xC0) {
    len = 2;
    cp = b0 & 0x1FU;
  } else if ((b0 & 0xF0) == 0xE0) {
    len = 3;
    cp = b0 & 0x0FU;
  } else if ((b0 & 0xF8) == 0xF0) {
    len = 4;
    cp = b0 & 0x07U;
  } else {
    return 0;
  }
  if (i + len > s.size()) return 0;
  for (std::size_t k = 1; k < len; ++k) {
    const auto b = static_cast<unsigned char>(s[i + k]);
    if ((b & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (b & 0x3FU);
  }
  if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000)) return 0;
  if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return len;
}

// Word-at-a-time scanning: the hot loops (whitespace, string contents, UTF-8 validation) look
// at eight bytes per step instead of one. The bit tricks flag a matching byte exactly when it
// is the first match of its word (later bytes may be flagged spuriously by the borrow), so only
// the lowest flag is used: that is the first byte in memory on little-endian machines. Other
// machines take the byte-by-byte loops that follow every word loop.
constexpr bool kWordScan = std::endian::native == std::endian::little;
constexpr std::uint64_t kOnes = 0x0101010101010101ULL;
constexpr std::uint64_t kHighBits = 0x8080808080808080ULL;
constexpr std::uint64_t kSpaces = kOnes * 0x20U;

std::uint64_t load_word(const char* p) {
  std::uint64_t w = 0;
  std::memcpy(&w, p, sizeof w);
  return w;
}

// High bit of each byte below `n` (1 <= n <= 0x80); bytes >= 0x80 are never flagged.
constexpr std::uint64_t bytes_below(std::uint64_t w, std::uint64_t n) {
  return (w - kOnes * n) & ~w & kHighBits;
}

constexpr std::uint64_t bytes_equal(std::uint64_t w, unsigned char c) {
  return bytes_below(w ^ (kOnes * c), 1);
}

// Index (0-7) of the first flagged byte of a non-zero flag word.
std::size_t first_flagged(std::uint64_t flags) {
  return static_cast<std::size_t>(std::countr_zero(flags)) / 8;
}

// Bytes that end a plain run inside a string literal: '"', '\', control characters and
// non-ASCII bytes (which need UTF-8 validation).
constexpr bool ends_string_run(unsigned char c) {
  return c == '"' || c == '\\' || c < 0x20 || c >= 0x80;
}

constexpr std::uint64_t string_run_ends(std::uint64_t w) {
  return bytes_equal(w, '"') | bytes_equal(w, '\\') | bytes_below(w, 0x20) | (w & kHighBits);
}

// True when every byte of `s` is in 0x20-0x7F (see JsonValue::plain_ascii).
bool is_plain_ascii(std::string_view s) {
  return std::ranges::all_of(s, [](char ch) {
    const auto c = static_cast<unsigned char>(ch);
    return c >= 0x20 && c < 0x80;
  });
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string describe_char(std::string_view text, std::size_t pos) {
  if (pos >= text.size()) return "end of input";
  const auto c = static_cast<unsigned char>(text[pos]);
  if (c == '\n') return "a line break";
  if (c == '\t') return "a tab";
  if (c < 0x20 || c == 0x7F) return fmt::format("control character U+{:04X}", c);
  if (c >= 0x80) {
    // Name the code point when it is valid UTF-8 (e.g. a NO-BREAK SPACE used as indentation).
    const std::size_t len = utf8_sequence_length(text, pos);
    if (len == 0) return "a byte that is not UTF-8";
    std::uint32_t cp = c & (len == 2 ? 0x1FU : len == 3 ? 0x0FU : 0x07U);
    for (std::size_t k = 1; k < len; ++k) {
      cp = (cp << 6) | (static_cast<unsigned char>(text[pos + k]) & 0x3FU);
    }
    return fmt::format("U+{:04X}", cp);
  }
  return fmt::format("'{}'", static_cast<char>(c));
}

// Decodes the JSON string literal whose opening quote is at `quote`. Shared by the parser and
// by decode_string_literal(). On success `end` is the offset just past the closing quote; on
// failure `error_offset`/`error` describe the problem. `map_out` (optional) receives the local
// offset of each decoded byte plus one entry for the end.
struct StringDecodeResult {
  bool ok = false;
  bool invalid_utf8 = false;
  std::size_t end = 0;
  std::size_t error_offset = 0;
  std::string error;
};

StringDecodeResult decode_literal(std::string_view text, std::size_t quote, std::string& out,
                                  std::vector<std::uint32_t>* map_out) {
  StringDecodeResult r;
  std::size_t i = quote + 1;
  out.clear();
  auto record = [&](std::size_t local, std::size_t count) {
    if (map_out == nullptr) return;
    for (std::size_t k = 0; k < count; ++k) map_out->push_back(static_cast<std::uint32_t>(local));
  };
  while (true) {
    // Fast path: copy a run of plain ASCII characters.
    std::size_t run = i;
    while (run < text.size()) {
      const auto c = static_cast<unsigned char>(text[run]);
      if (c == '"' || c == '\\' || c < 0x20 || c >= 0x80) break;
      ++run;
    }
    if (run > i) {
      out.append(text.data() + i, run - i);
      if (map_out != nullptr) {
        for (std::size_t k = i; k < run; ++k) map_out->push_back(static_cast<std::uint32_t>(k));
      }
      i = run;
    }
    if (i >= text.size()) {
      r.error_offset = quote;
      r.error = "unterminated string: missing closing '\"'";
      return r;
    }
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == '"') {
      record(i, 1);  // the end entry: the closing quote
      r.ok = true;
      r.end = i + 1;
      return r;
    }
    if (c < 0x20) {
      r.error_offset = i;
      r.error =
          fmt::format("invalid {} inside a string (escape it, e.g. \\n)", describe_char(text, i));
      return r;
    }
    if (c >= 0x80) {
      const std::size_t len = utf8_sequence_length(text, i);
      if (len == 0) {
        r.error_offset = i;
        r.invalid_utf8 = true;
        r.error = fmt::format("invalid UTF-8 byte 0x{:02X} in a string", c);
        return r;
      }
      out.append(text.data() + i, len);
      record(i, len);
      i += len;
      continue;
    }
    // Backslash escape.
    const std::size_t esc = i;
    if (i + 1 >= text.size()) {
      r.error_offset = quote;
      r.error = "unterminated string: missing closing '\"'";
      return r;
    }
    const char e = text[i + 1];
    char simple = 0;
    switch (e) {
      case '"': simple = '"'; break;
      case '\\': simple = '\\'; break;
      case '/': simple = '/'; break;
      case 'b': simple = '\b'; break;
      case 'f': simple = '\f'; break;
      case 'n': simple = '\n'; break;
      case 'r': simple = '\r'; break;
      case 't': simple = '\t'; break;
      case 'u': break;
      default:
        r.error_offset = esc;
        r.error = fmt::format("invalid escape '\\{}' in a string", e);
        return r;
    }
    if (simple != 0) {
      out.push_back(simple);
      record(esc, 1);
      i += 2;
      continue;
    }
    auto read_hex4 = [&](std::size_t at, std::uint32_t& v) {
      if (at + 4 > text.size()) return false;
      v = 0;
      for (std::size_t k = 0; k < 4; ++k) {
        const int h = hex_value(text[at + k]);
        if (h < 0) return false;
        v = (v << 4) | static_cast<std::uint32_t>(h);
      }
      return true;
    };
    std::uint32_t cp = 0;
    if (!read_hex4(i + 2, cp)) {
      r.error_offset = esc;
      r.error = "invalid \\u escape: expected four hex digits";
      return r;
    }
    i += 6;
    if (cp >= 0xD800 && cp <= 0xDBFF) {
      std::uint32_t lo = 0;
      if (i + 1 < text.size() && text[i] == '\\' && text[i + 1] == 'u' && read_hex4(i + 2, lo) &&
          lo >= 0xDC00 && lo <= 0xDFFF) {
        cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
        i += 6;
      } else {
        r.error_offset = esc;
        r.error = "invalid \\u escape: high surrogate without a low surrogate";
        return r;
      }
    } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
      r.error_offset = esc;
      r.error = "invalid \\u escape: unpaired low surrogate";
      return r;
    }
    const std::size_t before = out.size();
    text::append_utf8(out, cp);
    record(esc, out.size() - before);
  }
}

constexpr std::size_t kKeySetThreshold = 32;

class Parser {
 public:
  Parser(std::string_view text, const JsonParseOptions& options)
      : text_(text),
        options_(options),
        pos_(options.start),
        // A policy's tree takes three to seven times its text (values, names, strings): the
        // first block usually holds it, the second (as large, see JsonStorage) almost always.
        storage_(new JsonStorage((text.size() - std::min(text.size(), options.start)) * 3 + 256)) {}

  JsonParseResult run() {
    JsonParseResult result;
    skip_ws();
    if (pos_ >= text_.size()) {
      fail(pos_, "expected a JSON value, found end of input");
    } else {
      JsonValue root;
      if (parse_value(root, 0)) {
        skip_ws();
        if (pos_ < text_.size()) {
          fail(pos_, fmt::format("expected end of input after the top-level value, found {}",
                                 describe_char(text_, pos_)));
        } else {
          JsonTreeAccess::adopt(root, std::move(storage_));
          result.value = std::move(root);
        }
      }
    }
    if (duplicates_ > kMaxDuplicateKeyErrors) {
      result.duplicate_keys_left_out = duplicates_ - kMaxDuplicateKeyErrors;
    }
    result.errors = std::move(errors_);
    return result;
  }

 private:
  std::uint32_t map(std::size_t local) const {
    if (options_.offset_map == nullptr) return static_cast<std::uint32_t>(local);
    const auto& m = *options_.offset_map;
    if (m.empty()) return 0;
    return m[std::min(local, m.size() - 1)];
  }

  void fail(std::size_t at, std::string message, JsonErrorKind kind = JsonErrorKind::kSyntax) {
    if (failed_) return;
    failed_ = true;
    errors_.push_back({kind, map(at), std::move(message), true});
  }

  static bool is_ws(char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; }

  void skip_ws() {
    if (pos_ < text_.size() && !is_ws(text_[pos_])) return;  // the usual case: nothing to skip
    // Indentation comes in runs of spaces: skip them a word at a time.
    if constexpr (kWordScan) {
      while (pos_ + 8 <= text_.size()) {
        const std::uint64_t not_space = load_word(text_.data() + pos_) ^ kSpaces;
        if (not_space == 0) {
          pos_ += 8;
          continue;
        }
        pos_ += first_flagged(not_space);  // XOR leaves exactly the non-spaces non-zero
        if (!is_ws(text_[pos_])) return;
        ++pos_;
      }
    }
    while (pos_ < text_.size() && is_ws(text_[pos_])) ++pos_;
  }

  std::string unexpected(std::string_view expected) const {
    const std::size_t at = pos_;
    if (at < text_.size() && text_[at] == '/' && at + 1 < text_.size() &&
        (text_[at + 1] == '/' || text_[at + 1] == '*')) {
      return fmt::format("expected {}, found a comment (JSON has no comments)", expected);
    }
    return fmt::format("expected {}, found {}", expected, describe_char(text_, at));
  }

  bool parse_value(JsonValue& out, int depth) {
    skip_ws();
    out.offset = map(pos_);
    if (pos_ >= text_.size()) {
      fail(pos_, "expected a value, found end of input");
      return false;
    }
    const char c = text_[pos_];
    switch (c) {
      case '{': return parse_object(out, depth + 1);
      case '[': return parse_array(out, depth + 1);
      case '"':
        out.type = JsonType::kString;
        return parse_string(out.text, out.plain_ascii, out.verbatim);
      case 't': return parse_literal(out, "true", JsonType::kBool, true);
      case 'f': return parse_literal(out, "false", JsonType::kBool, false);
      case 'n': return parse_literal(out, "null", JsonType::kNull, false);
      default:
        if (c == '-' || (c >= '0' && c <= '9')) return parse_number(out);
        fail(pos_, unexpected("a value (object, array, string, number, true, false or null)"));
        return false;
    }
  }

  bool parse_literal(JsonValue& out, std::string_view word, JsonType type, bool value) {
    if (text_.substr(pos_, word.size()) != word) {
      fail(pos_, unexpected("a value (object, array, string, number, true, false or null)"));
      return false;
    }
    pos_ += word.size();
    out.type = type;
    out.boolean = value;
    return true;
  }

  bool parse_number(JsonValue& out) {
    const std::size_t start = pos_;
    auto digit = [&](std::size_t p) {
      return p < text_.size() && text_[p] >= '0' && text_[p] <= '9';
    };
    if (text_[pos_] == '-') ++pos_;
    if (!digit(pos_)) {
      fail(pos_, "invalid number: expected a digit");
      return false;
    }
    if (text_[pos_] == '0') {
      ++pos_;
      if (digit(pos_)) {
        fail(start, "invalid number: leading zeros are not allowed");
        return false;
      }
    } else {
      while (digit(pos_)) ++pos_;
    }
    if (pos_ < text_.size() && text_[pos_] == '.') {
      ++pos_;
      if (!digit(pos_)) {
        fail(pos_, "invalid number: expected a digit after '.'");
        return false;
      }
      while (digit(pos_)) ++pos_;
    }
    if (pos_ < text_.size() && (text_[pos_] == 'e' || text_[pos_] == 'E')) {
      ++pos_;
      if (pos_ < text_.size() && (text_[pos_] == '+' || text_[pos_] == '-')) ++pos_;
      if (!digit(pos_)) {
        fail(pos_, "invalid number: expected a digit in the exponent");
        return false;
      }
      while (digit(pos_)) ++pos_;
    }
    out.type = JsonType::kNumber;
    out.text = storage_->store(text_.substr(start, pos_ - start));
    return true;
  }

  // Decodes the string literal at pos_ (its opening quote) into `out`. Almost every string has
  // no escape: it is found a word at a time, its UTF-8 validated, and copied once. Escapes,
  // control characters and errors take decode_literal(), which starts over.
  // `verbatim`: plain ASCII without '"' or '\\' (see JsonValue::verbatim).
  bool parse_string(std::string_view& out, bool& plain_ascii, bool& verbatim) {
    const char* const data = text_.data();
    const std::size_t size = text_.size();
    const std::size_t first = pos_ + 1;
    std::size_t i = first;
    bool ascii = true;
    while (true) {
      if constexpr (kWordScan) {
        while (i + 8 <= size) {
          const std::uint64_t ends = string_run_ends(load_word(data + i));
          if (ends != 0) {
            i += first_flagged(ends);
            break;
          }
          i += 8;
        }
      }
      while (i < size && !ends_string_run(static_cast<unsigned char>(data[i]))) ++i;
      if (i >= size) break;
      const auto c = static_cast<unsigned char>(data[i]);
      if (c == '"') {
        out = storage_->store(std::string_view(data + first, i - first));
        plain_ascii = ascii;
        verbatim = ascii;  // the run stopped at no '"' or '\\' before this quote
        pos_ = i + 1;
        return true;
      }
      if (c < 0x80) break;  // an escape or a control character
      const std::size_t len = utf8_sequence_length(text_, i);
      if (len == 0) break;
      ascii = false;
      i += len;
    }
    StringDecodeResult r = decode_literal(text_, pos_, decoded_, nullptr);
    if (!r.ok) {
      fail(r.error_offset, std::move(r.error),
           r.invalid_utf8 ? JsonErrorKind::kInvalidUtf8 : JsonErrorKind::kSyntax);
      return false;
    }
    out = storage_->store(decoded_);
    plain_ascii = is_plain_ascii(out);
    verbatim = plain_ascii && out.find_first_of("\"\\") == std::string_view::npos;
    pos_ = r.end;
    return true;
  }

  // Children are collected in one scratch vector per nesting level (levels never interleave:
  // a child container uses the next level) and moved into the tree's storage once complete,
  // contiguous and exactly sized. A deque keeps the levels in place as it grows.
  template <typename T>
  static std::vector<T>& scratch(std::deque<std::vector<T>>& levels, int depth) {
    const auto level = static_cast<std::size_t>(depth);
    while (levels.size() <= level) levels.emplace_back();
    std::vector<T>& children = levels[level];
    children.clear();
    return children;
  }

  template <typename T>
  void take(std::vector<T>& children, JsonChildren<T>& out) {
    T* data = static_cast<T*>(storage_->allocate(sizeof(T) * children.size(), alignof(T)));
    for (std::size_t i = 0; i < children.size(); ++i) new (data + i) T(std::move(children[i]));
    JsonTreeAccess::set(out, data, children.size());
    children.clear();
  }

  bool too_deep(int depth) {
    if (depth <= options_.max_depth) return false;
    fail(pos_, fmt::format("nesting deeper than {} levels", options_.max_depth),
         JsonErrorKind::kTooDeep);
    return true;
  }

  bool parse_array(JsonValue& out, int depth) {
    if (too_deep(depth)) return false;
    out.type = JsonType::kArray;
    ++pos_;  // '['
    skip_ws();
    if (pos_ < text_.size() && text_[pos_] == ']') {
      ++pos_;
      return true;
    }
    std::vector<JsonValue>& items = scratch(item_levels_, depth);
    while (true) {
      JsonValue& item = items.emplace_back();
      if (!parse_value(item, depth)) return false;
      out.plain_ascii = out.plain_ascii && item.plain_ascii;
      out.verbatim = out.verbatim && item.verbatim;
      skip_ws();
      if (pos_ < text_.size() && text_[pos_] == ',') {
        ++pos_;
        skip_ws();
        if (pos_ < text_.size() && text_[pos_] == ']') {
          fail(pos_, "expected a value after ',', found ']' (trailing commas are not allowed)");
          return false;
        }
        continue;
      }
      if (pos_ < text_.size() && text_[pos_] == ']') {
        ++pos_;
        take(items, out.items);
        return true;
      }
      fail(pos_, unexpected("',' or ']' after an array element"));
      return false;
    }
  }

  bool parse_object(JsonValue& out, int depth) {
    if (too_deep(depth)) return false;
    out.type = JsonType::kObject;
    const std::size_t open = pos_;
    std::unordered_set<std::string_view> keys;  // filled once the object is large
    ++pos_;                                     // '{'
    skip_ws();
    if (pos_ < text_.size() && text_[pos_] == '}') {
      ++pos_;
      return true;
    }
    std::vector<JsonMember>& members = scratch(member_levels_, depth);
    while (true) {
      skip_ws();
      if (pos_ >= text_.size() || text_[pos_] != '"') {
        if (pos_ < text_.size() && text_[pos_] == '}' && !members.empty()) {
          fail(pos_,
               "expected a member name after ',', found '}' (trailing commas are not "
               "allowed)");
        } else if (pos_ >= text_.size()) {
          fail(open, "unterminated object: missing '}'");
        } else {
          fail(pos_, unexpected("a member name in double quotes"));
        }
        return false;
      }
      JsonMember& member = members.emplace_back();
      member.key_offset = map(pos_);
      bool key_ascii = true;
      bool key_verbatim = true;
      if (!parse_string(member.key, key_ascii, key_verbatim)) return false;
      skip_ws();
      if (pos_ >= text_.size() || text_[pos_] != ':') {
        fail(pos_, unexpected(fmt::format("':' after member name '{}'", member.key)));
        return false;
      }
      ++pos_;
      if (!parse_value(member.value, depth)) return false;
      out.plain_ascii = out.plain_ascii && key_ascii && member.value.plain_ascii;
      out.verbatim = out.verbatim && key_verbatim && member.value.verbatim;
      // Small objects (policies) scan their members; large ones (plans, catalogues) keep a
      // set of keys so that duplicate detection stays linear.
      const std::size_t earlier = members.size() - 1;
      bool duplicate = false;
      if (earlier < kKeySetThreshold) {
        for (std::size_t k = 0; k < earlier; ++k) {
          if (members[k].key == member.key) {
            duplicate = true;
            break;
          }
        }
      } else {
        if (keys.empty()) {
          for (std::size_t k = 0; k < earlier; ++k) keys.insert(members[k].key);
        }
        duplicate = !keys.insert(member.key).second;
      }
      // At most kMaxDuplicateKeyErrors are listed; the rest are counted (issue 10: a file of
      // "k":1 pairs would otherwise make a million findings).
      if (duplicate && ++duplicates_ > kMaxDuplicateKeyErrors) {
        duplicate = false;
      }
      if (duplicate) {
        errors_.push_back({JsonErrorKind::kDuplicateKey, member.key_offset,
                           fmt::format("duplicate key '{}' (AWS rejects the document; most "
                                       "JSON parsers silently keep the last value)",
                                       member.key),
                           false});
      }
      skip_ws();
      if (pos_ < text_.size() && text_[pos_] == ',') {
        ++pos_;
        continue;
      }
      if (pos_ < text_.size() && text_[pos_] == '}') {
        ++pos_;
        take(members, out.members);
        return true;
      }
      if (pos_ >= text_.size()) {
        fail(open, "unterminated object: missing '}'");
      } else {
        fail(pos_, unexpected("',' or '}' after an object member"));
      }
      return false;
    }
  }

  std::string_view text_;
  const JsonParseOptions& options_;
  std::size_t pos_ = 0;
  bool failed_ = false;
  std::vector<JsonError> errors_;
  std::size_t duplicates_ = 0;  // duplicate keys seen, listed or not
  std::deque<std::vector<JsonValue>> item_levels_;
  std::deque<std::vector<JsonMember>> member_levels_;
  std::unique_ptr<JsonStorage, JsonStorageDeleter> storage_;
  std::string decoded_;  // strings with escapes, before they are stored
};

}  // namespace

JsonParseResult parse_json(std::string_view text, const JsonParseOptions& options) {
  return Parser(text, options).run();
}

bool decode_string_literal(std::string_view text, std::size_t quote, std::string& out,
                           std::vector<std::uint32_t>& offset_map,
                           const std::vector<std::uint32_t>* outer_map) {
  offset_map.clear();
  if (quote >= text.size() || text[quote] != '"') return false;
  StringDecodeResult r = decode_literal(text, quote, out, &offset_map);
  if (!r.ok) return false;
  if (outer_map != nullptr && !outer_map->empty()) {
    for (std::uint32_t& o : offset_map)
      o = (*outer_map)[std::min<std::size_t>(o, outer_map->size() - 1)];
  }
  return true;
}

bool url_decode(std::string_view encoded, const std::vector<std::uint32_t>& base_map,
                std::string& out, std::vector<std::uint32_t>& offset_map) {
  out.clear();
  offset_map.clear();
  auto at = [&](std::size_t i) -> std::uint32_t {
    if (base_map.empty()) return static_cast<std::uint32_t>(i);
    return base_map[std::min(i, base_map.size() - 1)];
  };
  std::size_t i = 0;
  while (i < encoded.size()) {
    if (encoded[i] == '%') {
      if (i + 2 >= encoded.size()) return false;
      const int hi = hex_value(encoded[i + 1]);
      const int lo = hex_value(encoded[i + 2]);
      if (hi < 0 || lo < 0) return false;
      out.push_back(static_cast<char>((hi << 4) | lo));
      offset_map.push_back(at(i));
      i += 3;
    } else {
      out.push_back(encoded[i]);
      offset_map.push_back(at(i));
      ++i;
    }
  }
  offset_map.push_back(at(encoded.size()));
  return true;
}

std::size_t first_invalid_utf8(std::string_view s, std::size_t from) {
  std::size_t i = from;
  while (i < s.size()) {
    if constexpr (kWordScan) {
      if (i + 8 <= s.size() && (load_word(s.data() + i) & kHighBits) == 0) {
        i += 8;
        continue;
      }
    }
    if (static_cast<unsigned char>(s[i]) < 0x80) {
      ++i;
      continue;
    }
    const std::size_t len = utf8_sequence_length(s, i);
    if (len == 0) return i;
    i += len;
  }
  return std::string_view::npos;
}

bool looks_url_encoded_json(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size() && (s[i] == ' ' || s[i] == '\n' || s[i] == '\r' || s[i] == '\t')) ++i;
  s.remove_prefix(i);
  if (s.size() < 3) return false;
  const bool starts = s[0] == '%' && s[1] == '7' && (s[2] == 'B' || s[2] == 'b');
  return starts && s.find('{') == std::string_view::npos;
}

}  // namespace bucketlint
