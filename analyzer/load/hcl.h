#pragma once

// A parser for the subset of HCL2 (Terraform's native syntax) that bucketlint reads: blocks with
// labels, attributes, comments, literals, quoted strings with ${...} interpolation, heredocs
// (<<EOF and <<-EOF), tuples, objects, function calls, references (a.b.c, a[0], a["k"]) and
// the operators, conditionals, for expressions and splats that Terraform evaluates at plan time
// (parsed, kept as kOther: their value is unknown to bucketlint).
//
// Every node keeps its byte offset in the file. Problems are returned as data, never thrown;
// nesting is bounded (max_depth) and the parse is linear in the size of the input.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace bucketlint::hcl {

struct Expr;
using ExprPtr = std::unique_ptr<Expr>;

// One piece of a string template: literal text (decoded, with the file offset of each byte and
// one more for the end) or an interpolated expression. %{ } directives are kept as kOther.
struct TemplatePart {
  std::string text;
  std::vector<std::uint32_t> offsets;
  ExprPtr expr;  // set for ${ ... }
};

struct TraversalStep {
  bool is_index = false;
  std::string name;  // attribute step
  ExprPtr index;     // index step ([expr]); nullptr for a splat [*] / .*
  std::uint32_t offset = 0;
};

struct ObjectItem {
  ExprPtr key;  // an identifier key is a kTemplate-free kString literal
  ExprPtr value;
};

struct Expr {
  enum class Kind : std::uint8_t {
    kNull,
    kBool,
    kNumber,
    kString,    // quoted string or heredoc: parts
    kTuple,     // items
    kObject,    // object items
    kVariable,  // root name + steps (var.x, aws_s3_bucket.b.arn, local.p[0])
    kCall,      // name(args)
    kOther,     // operators, conditionals, for expressions, splats, directives: children kept
  };
  Kind kind = Kind::kNull;
  std::uint32_t offset = 0;
  std::uint32_t end = 0;
  bool boolean = false;
  std::string text;                  // number as written; variable root; function name
  std::vector<TemplatePart> parts;   // kString
  std::vector<ExprPtr> items;        // kTuple items, kCall arguments, kOther operands
  std::vector<ObjectItem> members;   // kObject
  std::vector<TraversalStep> steps;  // kVariable
  bool heredoc = false;
};

struct Attribute {
  std::string name;
  std::uint32_t offset = 0;  // of the name
  std::uint32_t end = 0;     // after the value
  ExprPtr value;
};

struct Block;

struct Body {
  std::vector<Attribute> attributes;
  std::vector<Block> blocks;
  const Attribute* attribute(std::string_view name) const;
};

struct Block {
  std::string type;
  std::vector<std::string> labels;
  std::uint32_t offset = 0;  // of the type
  std::uint32_t end = 0;     // after the closing '}'
  Body body;
};

struct Comment {
  std::uint32_t offset = 0;
  std::string text;  // without the comment markers
};

struct Error {
  std::uint32_t offset = 0;
  std::string message;
};

struct ParseOptions {
  int max_depth = 64;  // nesting of blocks and expressions together
  std::size_t start = 0;
};

struct ParseResult {
  Body body;
  std::vector<Comment> comments;
  std::vector<Error> errors;  // the first error stops the parse; what was read stays
  bool ok() const { return errors.empty(); }
};

ParseResult parse(std::string_view text, const ParseOptions& options = {});

}  // namespace bucketlint::hcl
