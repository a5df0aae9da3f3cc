#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace bucketlint {

class SourceFile;
struct JsonValue;

// Where a value came from. Rules never compute positions: the loader fills these.
//
// A ref is eager (file, pointer, line and column given) or lazy: the policy builder makes one
// for every value of every policy, and most are never looked at, so those keep only the value's
// byte offset and an anchor (the file, the policy's JSON tree and the tree's own pointer);
// SourceFile::ref() knows the pointer and leaves only the position for later. What is left is
// worked out on first use and then kept. A lazy ref is valid while what its anchor points into
// lives; resolve() makes it self-contained, and the engine resolves every ref of every finding
// it keeps.
class SourceRef {
  friend class SourceFile;

 public:
  // What lazy refs point into. Owned by the model (one per policy document), never moved.
  struct Anchor {
    const SourceFile* source = nullptr;
    const JsonValue* root = nullptr;  // every lazy ref's value lies in this tree
    std::string base;                 // JSON Pointer of `root` in its file
  };

  SourceRef() = default;
  SourceRef(std::string file, std::string pointer, int line = 0, int column = 0)
      : data_(
            std::make_shared<const Data>(Data{std::move(file), std::move(pointer), line, column})) {
  }
  // The value of `anchor.root`'s tree that starts at byte `offset` of the file; with `key`, the
  // member whose key's opening quote is at `offset` (the ref is the member's, its position the
  // key's). Offsets of one tree must be distinct (true for trees parsed from file text or
  // from JSON strings and URL-encoded text decoded with an offset map).
  static SourceRef lazy(const Anchor& anchor, std::uint32_t offset, bool key = false);

  // As given on the command line, '/' separators.
  const std::string& file() const;
  // RFC 6901 JSON Pointer, e.g. "/Statement/2/Principal/AWS".
  const std::string& pointer() const;
  // 1-based; 0 when unknown.
  int line() const;
  // 1-based, in characters (UTF-8 code points), as editors count; 0 when unknown.
  int column() const;
  bool known() const { return line() > 0; }

  void set_file(std::string file);
  void set_pointer(std::string pointer);
  // Works out everything a lazy ref leaves for later and drops the anchor.
  SourceRef& resolve();

  friend bool operator==(const SourceRef& a, const SourceRef& b) {
    return a.line() == b.line() && a.column() == b.column() && a.file() == b.file() &&
           a.pointer() == b.pointer();
  }

 private:
  // What an eager or resolved ref knows. Shared between copies: refs are copied into every
  // finding, note and trace step, and most refs of the model are never resolved at all.
  struct Data {
    std::string file;
    std::string pointer;
    int line = 0;
    int column = 0;
  };
  const Data* data() const;

  // Set while lazy. With data_ null, everything is worked out from the anchor's tree; with
  // data_ set (SourceFile::ref), file and pointer are known and only the position is not.
  mutable const Anchor* anchor_ = nullptr;
  std::uint32_t offset_ = 0;
  bool key_ = false;
  mutable std::shared_ptr<const Data> data_;
};

// The text of one input file and an index of its line starts, so that byte offsets map to
// 1-based line and column (in characters). A UTF-8 BOM is not counted as a column.
class SourceFile {
 public:
  SourceFile(std::string display_path, std::string text);
  // Refs point at their file (see ref()): it stays where it was made.
  SourceFile(const SourceFile&) = delete;
  SourceFile& operator=(const SourceFile&) = delete;

  const std::string& path() const { return path_; }
  const std::string& text() const { return text_; }
  // Byte offset where the content starts (3 after a UTF-8 BOM, else 0).
  std::size_t content_start() const { return content_start_; }

  struct Position {
    int line = 0;
    int column = 0;
  };
  Position position(std::size_t offset) const;
  // A ref to byte `offset` with a known pointer; its line and column are worked out when first
  // asked for (most refs are never shown). Valid while this file lives, like lazy refs.
  SourceRef ref(std::size_t offset, std::string pointer) const;
  // The text of line `line` (1-based) without its terminator; empty when out of range.
  std::string_view line_text(int line) const;

 private:
  std::string path_;
  std::string text_;
  SourceRef::Anchor self_anchor_{this, nullptr, {}};  // for ref(): no tree, the pointer is known
  std::size_t content_start_ = 0;
  // The line and character index, built on the first position or line asked for: most files
  // of a large run have no finding, and no position is ever asked of them.
  void build_index() const;
  mutable bool indexed_ = false;
  mutable std::vector<std::size_t> line_starts_;
  static constexpr std::size_t kCheckpoint = 256;
  mutable std::vector<std::uint32_t> char_checkpoints_;  // characters before byte i * kCheckpoint
  std::size_t chars_before(std::size_t offset) const;
};

// Appends one RFC 6901 reference token ('~' -> "~0", '/' -> "~1") to `pointer`.
std::string pointer_append(std::string_view pointer, std::string_view token);
std::string pointer_append(std::string_view pointer, std::size_t index);

}  // namespace bucketlint
