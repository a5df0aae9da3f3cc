#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace bucketlint {

// Where a value came from. Rules never compute positions: the loader fills these.
struct SourceRef {
  std::string file;     // as given on the command line, '/' separators
  std::string pointer;  // RFC 6901 JSON Pointer, e.g. "/Statement/2/Principal/AWS"
  int line = 0;         // 1-based; 0 when unknown
  int column = 0;       // 1-based, in characters (UTF-8 code points), as editors count

  bool known() const { return line > 0; }
  friend bool operator==(const SourceRef&, const SourceRef&) = default;
};

// The text of one input file and an index of its line starts, so that byte offsets map to
// 1-based line and column (in characters). A UTF-8 BOM is not counted as a column.
class SourceFile {
 public:
  SourceFile(std::string display_path, std::string text);

  const std::string& path() const { return path_; }
  const std::string& text() const { return text_; }
  // Byte offset where the content starts (3 after a UTF-8 BOM, else 0).
  std::size_t content_start() const { return content_start_; }

  struct Position {
    int line = 0;
    int column = 0;
  };
  Position position(std::size_t offset) const;
  SourceRef ref(std::size_t offset, std::string pointer) const;
  // The text of line `line` (1-based) without its terminator; empty when out of range.
  std::string_view line_text(int line) const;

 private:
  std::string path_;
  std::string text_;
  std::size_t content_start_ = 0;
  std::vector<std::size_t> line_starts_;
  static constexpr std::size_t kCheckpoint = 256;
  std::vector<std::uint32_t> char_checkpoints_;  // characters before byte i * kCheckpoint
  std::size_t chars_before(std::size_t offset) const;
};

// Appends one RFC 6901 reference token ('~' -> "~0", '/' -> "~1") to `pointer`.
std::string pointer_append(std::string_view pointer, std::string_view token);
std::string pointer_append(std::string_view pointer, std::size_t index);

}  // namespace bucketlint
