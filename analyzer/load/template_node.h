#pragma once

// The tree of an infrastructure template (CloudFormation JSON or YAML), with where every value
// and every key starts in its file. YAML short-form intrinsic tags are already turned into
// their long forms here ("!Ref X" is the map {"Ref": "X"} at the tag's position), so the
// CloudFormation reader sees one shape whatever the syntax.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "bucketlint/json.h"
#include "bucketlint/model.h"
#include "bucketlint/source.h"

namespace bucketlint {

struct TemplateNode {
  enum class Kind : std::uint8_t { kNull, kBool, kString, kSeq, kMap };
  // How the bytes of a string map to the file: kVerbatim, text[i] is at content_offset + i;
  // kJsonLiteral, a JSON string literal starts (its quote) at content_offset; kAtStart, every
  // byte is reported at `offset` (folded, escaped or block YAML scalars).
  // kMapped, byte i is at byte_offsets[i] (multi-line YAML scalars found line by line).
  enum class Layout : std::uint8_t { kAtStart, kVerbatim, kJsonLiteral, kMapped };

  Kind kind = Kind::kNull;
  bool boolean = false;
  Layout layout = Layout::kAtStart;
  std::uint32_t offset = 0;                 // the value's first character (a YAML tag's '!')
  std::uint32_t content_offset = 0;         // see Layout
  std::uint32_t key_offset = 0;             // map members: the key's first character
  std::string key;                          // map members
  std::string text;                         // kString (numbers and plain YAML scalars too)
  std::vector<TemplateNode> children;       // kSeq items, kMap members (in order, duplicates kept)
  std::vector<std::uint32_t> byte_offsets;  // kMapped: text.size() + 1 entries

  bool is_map() const { return kind == Kind::kMap; }
  bool is_seq() const { return kind == Kind::kSeq; }
  bool is_string() const { return kind == Kind::kString; }
  // First member named `name` (maps only), or nullptr.
  const TemplateNode* find(std::string_view name) const;
  // The file offset of every byte of `text` (strings; text.size() entries).
  std::vector<std::uint32_t> text_offsets(const SourceFile& source) const;
};

// A template as read: the tree, or problems (input diagnostics) when it could not be read.
struct TemplateParse {
  bool ok = false;
  TemplateNode root;
  std::vector<LoadDiagnostic> diagnostics;
};

// Limits for reading a YAML template. Every node costs at least one byte of input except an
// alias, which repeats its anchor's subtree: `max_nodes` bounds those copies (an alias bomb
// stops there with a finding instead of growing without end).
struct YamlLimits {
  int max_depth = 64;
  std::size_t max_nodes = 1u << 20;
};

// Reads YAML text (the first document) into a tree: short-form tags as long forms, plain
// scalars "true"/"false" as booleans and "~"/"null"/empty as null, everything else as strings.
// Duplicate keys (IN002), tabs in indentation and syntax errors (IN001), nesting beyond the
// limit (IN006) and alias expansions beyond the budget (IN006) become diagnostics; never throws.
TemplateParse parse_yaml_template(const SourceFile& source, const YamlLimits& limits = {});

// The same tree from a parsed JSON template (string layouts point at the JSON literals).
TemplateNode template_from_json(const JsonValue& root);

}  // namespace bucketlint
