#include "bucketlint/source.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>
#include <iterator>

#include "bucketlint/json.h"

namespace bucketlint {

SourceFile::SourceFile(std::string display_path, std::string text)
    : path_(std::move(display_path)), text_(std::move(text)) {
  if (text_.size() >= 3 && static_cast<unsigned char>(text_[0]) == 0xEF &&
      static_cast<unsigned char>(text_[1]) == 0xBB &&
      static_cast<unsigned char>(text_[2]) == 0xBF) {
    content_start_ = 3;
  }
}

void SourceFile::build_index() const {
  indexed_ = true;
  line_starts_.push_back(0);
  const std::size_t size = text_.size();
  const char* data = text_.data();
  // Line starts. Without any '\r' (almost every file) memchr finds the '\n's; otherwise one
  // pass handles CRLF and lone CRs (a lone CR ends a line, as editors show it).
  if (std::memchr(data, '\r', size) == nullptr) {
    const char* p = data;
    const char* const stop = data + size;
    while (p < stop) {
      const void* nl = std::memchr(p, '\n', static_cast<std::size_t>(stop - p));
      if (nl == nullptr) break;
      p = static_cast<const char*>(nl) + 1;
      line_starts_.push_back(static_cast<std::size_t>(p - data));
    }
  } else {
    for (std::size_t i = 0; i < size; ++i) {
      const char c = data[i];
      if (c == '\n') {
        line_starts_.push_back(i + 1);
      } else if (c == '\r' && (i + 1 >= size || data[i + 1] != '\n')) {
        line_starts_.push_back(i + 1);
      }
    }
  }
  // Characters before every kCheckpoint-th byte, so that columns on very long lines (minified
  // policies, JSON strings holding whole documents) cost O(kCheckpoint), not O(line length).
  // Blocks are read eight bytes at a time; a block without any non-ASCII byte (the usual case)
  // has no continuation byte to count.
  char_checkpoints_.reserve(size / kCheckpoint + 1);
  constexpr std::uint64_t kHighBits = 0x8080808080808080ULL;
  std::uint32_t chars = 0;
  for (std::size_t block = 0; block < size; block += kCheckpoint) {
    char_checkpoints_.push_back(chars);
    const std::size_t end = std::min(size, block + kCheckpoint);
    const std::size_t words_end = block + (end - block) / 8 * 8;
    std::uint64_t high = 0;
    for (std::size_t i = block; i < words_end; i += 8) {
      std::uint64_t w = 0;
      std::memcpy(&w, data + i, sizeof w);
      high |= w;
    }
    std::uint32_t continuation = 0;
    if ((high & kHighBits) != 0) {
      for (std::size_t i = block; i < words_end; i += 8) {
        std::uint64_t w = 0;
        std::memcpy(&w, data + i, sizeof w);
        // 10xxxxxx: bit 7 set and bit 6 (moved to bit 7 by the shift) clear. The multiply
        // adds the eight 0/1 bytes into the top byte (std::popcount is a libgcc call on
        // baseline x86-64).
        const std::uint64_t marks = (w & ~(w << 1) & kHighBits) >> 7;
        continuation += static_cast<std::uint32_t>((marks * 0x0101010101010101ULL) >> 56);
      }
    }
    for (std::size_t i = words_end; i < end; ++i) {
      continuation += (static_cast<unsigned char>(data[i]) & 0xC0U) == 0x80U ? 1U : 0U;
    }
    chars += static_cast<std::uint32_t>(end - block) - continuation;
  }
}

SourceFile::Position SourceFile::position(std::size_t offset) const {
  if (!indexed_) build_index();
  offset = std::min(offset, text_.size());
  const auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  const auto line_index = static_cast<std::size_t>(it - line_starts_.begin()) - 1;
  std::size_t start = line_starts_[line_index];
  if (line_index == 0) start = std::max(start, std::min(content_start_, offset));
  // Count characters: every byte that is not a UTF-8 continuation byte starts one.
  std::size_t chars = 0;
  if (offset - start <= kCheckpoint) {
    for (std::size_t i = start; i < offset; ++i) {
      if ((static_cast<unsigned char>(text_[i]) & 0xC0) != 0x80) ++chars;
    }
  } else {
    chars = chars_before(offset) - chars_before(start);
  }
  return {static_cast<int>(line_index) + 1, static_cast<int>(chars) + 1};
}

std::size_t SourceFile::chars_before(std::size_t offset) const {
  offset = std::min(offset, text_.size());
  if (char_checkpoints_.empty()) return 0;  // empty text
  const std::size_t block = std::min(offset / kCheckpoint, char_checkpoints_.size() - 1);
  std::size_t chars = char_checkpoints_[block];
  for (std::size_t i = block * kCheckpoint; i < offset; ++i) {
    if ((static_cast<unsigned char>(text_[i]) & 0xC0) != 0x80) ++chars;
  }
  return chars;
}

SourceRef SourceFile::ref(std::size_t offset, std::string pointer) const {
  // No copy of the path: while the ref is lazy, file() is the anchor's (a large export makes
  // hundreds of thousands of these refs, most never resolved).
  SourceRef r(std::string(), std::move(pointer));
  r.anchor_ = &self_anchor_;
  r.offset_ = static_cast<std::uint32_t>(offset);
  return r;
}

namespace {

// Appends "/" and one RFC 6901 reference token ('~' -> "~0", '/' -> "~1"). In place: the walk
// below extends one string instead of copying it per level.
void append_token(std::string& pointer, std::string_view token) {
  pointer.push_back('/');
  for (const char c : token) {
    if (c == '~') {
      pointer += "~0";
    } else if (c == '/') {
      pointer += "~1";
    } else {
      pointer.push_back(c);
    }
  }
}

// Walks down from the anchor's root to the value (or member key) at offset_: in a container,
// the child holding it is the last one starting at or before it, since children are in
// document order and offsets grow with it.
std::string resolve_pointer(const SourceRef::Anchor& anchor, std::uint32_t offset, bool key) {
  std::string out = anchor.base;
  const JsonValue* v = anchor.root;
  while (v != nullptr && (key || v->offset != offset)) {
    const JsonValue* next = nullptr;
    if (v->is_object()) {
      const auto it = std::upper_bound(
          v->members.begin(), v->members.end(), offset,
          [](std::uint32_t off, const JsonMember& m) { return off < m.key_offset; });
      if (it != v->members.begin()) {
        const JsonMember& m = *std::prev(it);
        append_token(out, m.key);
        if (key && m.key_offset == offset) break;
        next = &m.value;
      }
    } else if (v->is_array()) {
      const auto it = std::upper_bound(
          v->items.begin(), v->items.end(), offset,
          [](std::uint32_t off, const JsonValue& item) { return off < item.offset; });
      if (it != v->items.begin()) {
        const auto index = static_cast<std::size_t>(std::prev(it) - v->items.begin());
        const fmt::format_int digits(index);
        append_token(out, std::string_view(digits.data(), digits.size()));
        next = &v->items[index];
      }
    }
    v = next;
  }
  return out;
}
}  // namespace

SourceRef SourceRef::lazy(const Anchor& anchor, std::uint32_t offset, bool key) {
  SourceRef r;
  r.anchor_ = &anchor;
  r.offset_ = offset;
  r.key_ = key;
  return r;
}

const SourceRef::Data* SourceRef::data() const {
  if (anchor_ == nullptr) return data_.get();
  const SourceFile::Position pos = anchor_->source->position(offset_);
  // From SourceFile::ref, data_ already holds file and pointer: only the position was lazy.
  std::string pointer =
      data_ != nullptr ? data_->pointer : resolve_pointer(*anchor_, offset_, key_);
  data_ = std::make_shared<const Data>(
      Data{anchor_->source->path(), std::move(pointer), pos.line, pos.column});
  anchor_ = nullptr;
  return data_.get();
}

const std::string& SourceRef::file() const {
  static const std::string kNone;
  if (anchor_ != nullptr) return anchor_->source->path();
  return data_ != nullptr ? data_->file : kNone;
}

const std::string& SourceRef::pointer() const {
  static const std::string kNone;
  const Data* d = data();
  return d != nullptr ? d->pointer : kNone;
}

int SourceRef::line() const {
  const Data* d = data();
  return d != nullptr ? d->line : 0;
}

int SourceRef::column() const {
  const Data* d = data();
  return d != nullptr ? d->column : 0;
}

void SourceRef::set_file(std::string file) {
  const Data* d = data();
  data_ =
      std::make_shared<const Data>(Data{std::move(file), d != nullptr ? d->pointer : "",
                                        d != nullptr ? d->line : 0, d != nullptr ? d->column : 0});
}

void SourceRef::set_pointer(std::string pointer) {
  const Data* d = data();
  data_ =
      std::make_shared<const Data>(Data{d != nullptr ? d->file : "", std::move(pointer),
                                        d != nullptr ? d->line : 0, d != nullptr ? d->column : 0});
}

SourceRef& SourceRef::resolve() {
  data();
  return *this;
}

std::string_view SourceFile::line_text(int line) const {
  if (!indexed_) build_index();
  if (line < 1 || static_cast<std::size_t>(line) > line_starts_.size()) return {};
  const std::size_t start = line_starts_[static_cast<std::size_t>(line) - 1];
  std::size_t end = static_cast<std::size_t>(line) < line_starts_.size()
                        ? line_starts_[static_cast<std::size_t>(line)]
                        : text_.size();
  while (end > start && (text_[end - 1] == '\n' || text_[end - 1] == '\r')) --end;
  return std::string_view(text_).substr(start, end - start);
}

std::string pointer_append(std::string_view pointer, std::string_view token) {
  std::string out;
  out.reserve(pointer.size() + token.size() + 1);
  out.append(pointer);
  append_token(out, token);
  return out;
}

std::string pointer_append(std::string_view pointer, std::size_t index) {
  // Built by hand: fmt::format parses its format string on every call, and the loader calls
  // this for every array element.
  const fmt::format_int digits(index);
  std::string out;
  out.reserve(pointer.size() + 1 + digits.size());
  out.append(pointer);
  out.push_back('/');
  out.append(digits.data(), digits.size());
  return out;
}

}  // namespace bucketlint
