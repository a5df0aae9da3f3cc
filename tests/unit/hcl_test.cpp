// The HCL2 subset parser (analyzer/load/hcl.cpp): every construct, offsets, errors, limits.

#include "load/hcl.h"

#include <gtest/gtest.h>

#include <string>

namespace bucketlint::hcl {
namespace {

using K = Expr::Kind;

std::string literal(const Expr& e) {
  std::string out;
  for (const TemplatePart& p : e.parts) {
    if (p.expr) return "<interp>";
    out += p.text;
  }
  return out;
}

TEST(Hcl, BlocksLabelsAndAttributes) {
  const std::string text =
      "resource \"aws_s3_bucket\" \"site\" {\n  bucket = \"b\"\n  tags = {}\n}\n"
      "locals {\n  a = 1\n}\nterraform { required_version = \">= 1.0\" }\n";
  const ParseResult r = parse(text);
  ASSERT_TRUE(r.ok()) << r.errors[0].message;
  ASSERT_EQ(r.body.blocks.size(), 3u);
  const Block& b = r.body.blocks[0];
  EXPECT_EQ(b.type, "resource");
  EXPECT_EQ(b.labels, (std::vector<std::string>{"aws_s3_bucket", "site"}));
  EXPECT_EQ(b.offset, 0u);
  ASSERT_EQ(b.body.attributes.size(), 2u);
  EXPECT_EQ(b.body.attributes[0].name, "bucket");
  EXPECT_EQ(b.body.attributes[0].offset, text.find("bucket ="));
  EXPECT_EQ(literal(*b.body.attributes[0].value), "b");
  EXPECT_EQ(b.body.attributes[0].value->offset, text.find("\"b\""));
  EXPECT_EQ(r.body.blocks[2].body.attributes.size(), 1u);  // one-line block
}

TEST(Hcl, LiteralsAndCollections) {
  const ParseResult r = parse(
      "a = 1.5e3\nb = true\nc = null\nd = [1, \"x\", [],]\n"
      "e = { k = 1, \"q\" = 2\n  r: 3 }\n");
  ASSERT_TRUE(r.ok()) << r.errors[0].message;
  const auto& at = r.body.attributes;
  EXPECT_EQ(at[0].value->kind, K::kNumber);
  EXPECT_EQ(at[0].value->text, "1.5e3");
  EXPECT_EQ(at[1].value->kind, K::kBool);
  EXPECT_TRUE(at[1].value->boolean);
  EXPECT_EQ(at[2].value->kind, K::kNull);
  ASSERT_EQ(at[3].value->kind, K::kTuple);
  EXPECT_EQ(at[3].value->items.size(), 3u);
  ASSERT_EQ(at[4].value->kind, K::kObject);
  ASSERT_EQ(at[4].value->members.size(), 3u);
  EXPECT_EQ(literal(*at[4].value->members[0].key), "k");
  EXPECT_EQ(literal(*at[4].value->members[1].key), "q");
  EXPECT_EQ(literal(*at[4].value->members[2].key), "r");
}

TEST(Hcl, StringEscapesAndInterpolation) {
  const std::string text = "a = \"x\\\"y\\n\\u00e9$${z}${var.p}/*\"\n";
  const ParseResult r = parse(text);
  ASSERT_TRUE(r.ok()) << r.errors[0].message;
  const Expr& e = *r.body.attributes[0].value;
  ASSERT_EQ(e.kind, K::kString);
  ASSERT_EQ(e.parts.size(), 3u);
  EXPECT_EQ(e.parts[0].text, "x\"y\n\xC3\xA9${z}");
  // Each decoded byte keeps the offset of its source character.
  EXPECT_EQ(e.parts[0].offsets[0], text.find('x'));
  EXPECT_EQ(e.parts[0].offsets[1], text.find("\\\""));
  ASSERT_TRUE(e.parts[1].expr);
  EXPECT_EQ(e.parts[1].expr->kind, K::kVariable);
  EXPECT_EQ(e.parts[1].expr->text, "var");
  ASSERT_EQ(e.parts[1].expr->steps.size(), 1u);
  EXPECT_EQ(e.parts[1].expr->steps[0].name, "p");
  EXPECT_EQ(e.parts[2].text, "/*");
}

TEST(Hcl, Heredocs) {
  const std::string text =
      "a = <<EOF\n{\"x\": 1}\nEOF\nb = <<-EOT\n    one\n      two ${x}\n    EOT\n";
  const ParseResult r = parse(text);
  ASSERT_TRUE(r.ok()) << r.errors[0].message;
  const Expr& a = *r.body.attributes[0].value;
  EXPECT_TRUE(a.heredoc);
  EXPECT_EQ(literal(a), "{\"x\": 1}\n");
  EXPECT_EQ(a.parts[0].offsets[0], text.find("{\"x\""));
  const Expr& b = *r.body.attributes[1].value;
  ASSERT_EQ(b.parts.size(), 3u);
  EXPECT_EQ(b.parts[0].text, "one\n  two ");  // common indentation removed
  EXPECT_EQ(b.parts[2].text, "\n");
}

TEST(Hcl, ReferencesCallsAndTraversals) {
  const ParseResult r = parse(
      "a = aws_s3_bucket.site.arn\nb = local.p[0][\"k\"].x\nc = jsonencode({ A = [1] })\n"
      "d = provider::aws::arn_parse(x)\ne = concat(a, b...)\n");
  ASSERT_TRUE(r.ok()) << r.errors[0].message;
  const auto& at = r.body.attributes;
  ASSERT_EQ(at[0].value->kind, K::kVariable);
  EXPECT_EQ(at[0].value->steps.size(), 2u);
  const Expr& b = *at[1].value;
  ASSERT_EQ(b.steps.size(), 4u);
  EXPECT_TRUE(b.steps[1].is_index);
  EXPECT_EQ(b.steps[1].index->text, "0");
  EXPECT_EQ(literal(*b.steps[2].index), "k");
  EXPECT_EQ(at[2].value->kind, K::kCall);
  EXPECT_EQ(at[2].value->text, "jsonencode");
  EXPECT_EQ(at[3].value->text, "provider::aws::arn_parse");
  EXPECT_EQ(at[4].value->items.size(), 2u);
}

TEST(Hcl, PlanTimeExpressionsAreKeptOpaque) {
  const ParseResult r = parse(
      "a = var.x ? 1 : 0\nb = [for s in var.l : upper(s) if s != \"\"]\n"
      "c = { for k, v in var.m : k => v }\nd = aws_instance.x[*].id\ne = !var.b && 1 + 2 * 3 > 4\n"
      "f = -1\ng = \"%{if var.x}y%{endif}\"\n");
  ASSERT_TRUE(r.ok()) << r.errors[0].message;
  for (std::size_t i = 0; i < 5; ++i) {
    EXPECT_TRUE(r.body.attributes[i].value->kind == K::kOther ||
                r.body.attributes[i].value->kind == K::kVariable)
        << r.body.attributes[i].name;
  }
  EXPECT_EQ(r.body.attributes[5].value->kind, K::kNumber);
}

TEST(Hcl, CommentsAreCollected) {
  const ParseResult r = parse("# one\n// two\n/* three */ a = 1 # four\n");
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r.comments.size(), 4u);
  EXPECT_EQ(r.comments[0].text, " one");
  EXPECT_EQ(r.comments[2].text, " three ");
  EXPECT_EQ(r.body.attributes.size(), 1u);
}

TEST(Hcl, ErrorsHavePositions) {
  struct Case {
    std::string text;
    std::string message;
  };
  const std::vector<Case> cases = {
      {"a = \"open\n", "unterminated string"},
      {"resource \"x\" {\n a = 1\n", "unterminated block"},
      {"a = [1, 2\n", "expected ',' or ']'"},
      {"a = <<EOF\nno end\n", "unterminated heredoc"},
      {"a = 1 b = 2\n", "expected a newline"},
      {"= 1\n", "expected an argument name"},
      {"a = \"\\q\"\n", "invalid escape"},
      {"x {\n}\n}\n", "unexpected '}'"},
      {"/* open", "unterminated /* comment"},
      {"a = \"${var.x\"\n", "unterminated string"},
      {"a = \"${var.x )}\"\n", "to close the interpolation"},
  };
  for (const Case& c : cases) {
    const ParseResult r = parse(c.text);
    ASSERT_FALSE(r.ok()) << c.text;
    EXPECT_NE(r.errors[0].message.find(c.message), std::string::npos)
        << c.text << " -> " << r.errors[0].message;
    EXPECT_LE(r.errors[0].offset, c.text.size());
  }
}

TEST(Hcl, DepthIsBounded) {
  std::string deep = "a = " + std::string(10000, '[') + std::string(10000, ']') + "\n";
  ParseResult r = parse(deep);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.errors[0].message.find("nesting deeper"), std::string::npos);
  std::string blocks;
  for (int i = 0; i < 200; ++i) blocks += "b {\n";
  r = parse(blocks);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.errors[0].message.find("nesting deeper"), std::string::npos);
  std::string interp = "a = \"";
  for (int i = 0; i < 200; ++i) interp += "${\"";
  r = parse(interp + "\n");
  EXPECT_FALSE(r.ok());
}

TEST(Hcl, LongOperatorChainsAreLinear) {
  std::string chain = "a = 1";
  for (int i = 0; i < 5000; ++i) chain += " + 1";
  const ParseResult r = parse(chain + "\n");
  EXPECT_TRUE(r.ok());
}

}  // namespace
}  // namespace bucketlint::hcl
