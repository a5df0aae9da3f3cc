// Positions: line and column of values, in plain files (CRLF, tabs, BOM, multibyte, very long
// lines) and inside policies embedded as JSON strings or URL-encoded strings.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "bucketlint/load.h"
#include "load_test_util.h"

namespace bucketlint {
namespace {

using testing_util::fixture_path;
using testing_util::read_text;

// Line and column (1-based, characters) of byte `offset` in `text`, computed independently.
std::pair<int, int> expected_position(const std::string& text, std::size_t offset,
                                      std::size_t content_start = 0) {
  int line = 1;
  std::size_t line_start = content_start;
  for (std::size_t i = 0; i < offset; ++i) {
    if (text[i] == '\n') {
      ++line;
      line_start = i + 1;
    }
  }
  int column = 1;
  for (std::size_t i = line_start; i < offset; ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++column;
  }
  return {line, column};
}

const Statement& first_statement(const Model& model) {
  return model.policies.at(0)->statements.at(0);
}

TEST(LoadPositions, CrlfTabsAndBom) {
  const std::string text =
      "\xEF\xBB\xBF{\r\n\t\"Version\": \"2012-10-17\",\r\n\t\"Statement\": [{\"Effect\": "
      "\"Allow\", "
      "\"Action\": \"s3:GetObject\", \"Resource\": \"*\"}]\r\n}\r\n";
  Model model;
  load_text(model, "p.json", text);
  ASSERT_TRUE(model.diagnostics.empty());
  ASSERT_EQ(model.policies.size(), 1u);
  const PolicyDocument& p = *model.policies[0];
  EXPECT_EQ(p.where.line(), 1);
  EXPECT_EQ(p.where.column(), 1);  // the BOM is not a column
  ASSERT_TRUE(p.version.has_value());
  EXPECT_EQ(p.version->where.line(), 2);
  EXPECT_EQ(p.version->where.column(), 13);  // tab counts as one character
  const Statement& st = first_statement(model);
  EXPECT_EQ(st.action.values.at(0).where.line(), 3);
  EXPECT_EQ(st.action.values.at(0).where.column(),
            expected_position(text, text.find("\"s3:GetObject\""), 3).second);
  EXPECT_EQ(st.action.values.at(0).where.pointer(), "/Statement/0/Action");
}

TEST(LoadPositions, MultibyteCharactersCountAsOneColumn) {
  const std::string text =
      "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Sid\": \"\xC3\xA9\xC3\xA9\", \"Effect\": "
      "\"Allow\", \"Action\": \"s3:GetObject\", \"Resource\": \"*\"}]}";
  Model model;
  load_text(model, "p.json", text);
  const Statement& st = first_statement(model);
  const std::size_t off = text.find("\"Allow\"");
  EXPECT_EQ(st.effect_where.column(), expected_position(text, off).second);
  EXPECT_EQ(st.effect_where.column(), static_cast<int>(off) + 1 - 2);  // two 2-byte characters
}

TEST(LoadPositions, LongLinesUseCheckpointsCorrectly) {
  // A one-line document longer than several checkpoint blocks, with multibyte characters
  // before the value: the column must equal the character count.
  std::string filler;
  for (int i = 0; i < 300; ++i) filler += "\xC3\xA9x";
  const std::string text = "{\"Id\": \"" + filler +
                           "\", \"Version\": \"2012-10-17\", \"Statement\": {\"Effect\": \"Deny\", "
                           "\"Action\": \"*\", \"Resource\": \"*\"}}";
  SourceFile file("f.json", text);
  for (const std::size_t off :
       {text.find("\"Deny\""), text.size(), std::size_t{0}, std::size_t{255}, std::size_t{256},
        std::size_t{511}, std::size_t{512}}) {
    const auto want = expected_position(text, off);
    const auto got = file.position(off);
    EXPECT_EQ(got.line, want.first) << off;
    EXPECT_EQ(got.column, want.second) << off;
  }
}

TEST(LoadPositions, EmbeddedPolicyStringMapsIntoTheFile) {
  const std::string path = fixture_path("domain-samples/23-get-bucket-policy.json");
  const std::string text = read_text(path);
  Model model;
  load_text(model, "23.json", text);
  ASSERT_TRUE(model.diagnostics.empty());
  ASSERT_EQ(model.policies.size(), 1u);
  EXPECT_EQ(model.policies[0]->kind, PolicyKind::kBucket);
  const Statement& st = first_statement(model);
  ASSERT_EQ(st.principal.values.size(), 1u);
  const SourceRef& where = st.principal.values[0].where;
  // The value's opening quote is the escape sequence \" in the file.
  const auto want = expected_position(text, text.find("\\\"cloudfront.amazonaws.com"));
  EXPECT_EQ(where.line(), want.first);
  EXPECT_EQ(where.column(), want.second);
  EXPECT_EQ(where.pointer(), "/Policy/Statement/0/Principal/Service");
  // The condition value sits further along the same line; escapes shift it.
  const auto cond = expected_position(text, text.find("\\\"arn:aws:cloudfront::"));
  EXPECT_EQ(st.conditions.at(0).values.at(0).where.column(), cond.second);
}

TEST(LoadPositions, UrlEncodedTrustPolicyMapsIntoTheEncodedString) {
  const std::string text =
      read_text(fixture_path("domain-samples/26-get-role-urlencoded-nondecoding-sdk.json"));
  Model model;
  load_text(model, "26.json", text);
  ASSERT_TRUE(model.diagnostics.empty()) << model.diagnostics[0].message;
  ASSERT_EQ(model.roles.size(), 1u);
  const PolicyDocument* trust = model.roles[0].trust_policy;
  ASSERT_NE(trust, nullptr);
  EXPECT_EQ(trust->kind, PolicyKind::kTrust);
  const Statement& st = trust->statements.at(0);
  ASSERT_EQ(st.principal.values.size(), 1u);
  EXPECT_EQ(st.principal.values[0].value, "arn:aws:iam::222222222222:role/site-uploader");
  const auto want = expected_position(text, text.find("%22arn%3Aaws%3Aiam%3A%3A222222222222"));
  EXPECT_EQ(st.principal.values[0].where.line(), want.first);
  EXPECT_EQ(st.principal.values[0].where.column(), want.second);
  ASSERT_EQ(st.conditions.size(), 1u);
  EXPECT_EQ(st.conditions[0].values.at(0).text, "12345");
}

TEST(LoadPositions, SyntaxErrorInsideEmbeddedPolicyPointsIntoTheString) {
  const std::string text =
      "{\n  \"Policy\": \"{\\\"Version\\\": \\\"2012-10-17\\\" \\\"x\\\"}\"\n}";
  Model model;
  load_text(model, "bp.json", text);
  const LoadDiagnostic* d = testing_util::find_diagnostic(model, "IN001");
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(d->where.line(), 2);
  EXPECT_EQ(d->where.column(), expected_position(text, text.find("\\\"x\\\"")).second);
  EXPECT_THAT(d->message, testing::HasSubstr("embedded policy"));
}

TEST(LoadPositions, DecodedAndEncodedTrustPoliciesGiveTheSameStatements) {
  Model a;
  load_text(a, "26.json",
            read_text(fixture_path("domain-samples/26-get-role-urlencoded-nondecoding-sdk.json")));
  Model b;
  load_text(b, "27.json", read_text(fixture_path("domain-samples/27-get-role-cli-decoded.json")));
  ASSERT_EQ(a.roles.size(), 1u);
  ASSERT_EQ(b.roles.size(), 1u);
  const Statement& sa = a.roles[0].trust_policy->statements.at(0);
  const Statement& sb = b.roles[0].trust_policy->statements.at(0);
  EXPECT_EQ(sa.principal.values.at(0).value, sb.principal.values.at(0).value);
  EXPECT_EQ(sa.action.values.at(0).value, sb.action.values.at(0).value);
  EXPECT_EQ(sa.conditions.at(0).key, sb.conditions.at(0).key);
}

}  // namespace
}  // namespace bucketlint
