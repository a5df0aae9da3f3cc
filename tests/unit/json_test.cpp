#include "bucketlint/json.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "bucketlint/source.h"

namespace bucketlint {
namespace {

TEST(JsonParser, ParsesValuesWithOffsets) {
  const std::string text = R"({"a": [1, "x", true, null], "b": {"c": -2.5e3}})";
  JsonParseResult r = parse_json(text);
  ASSERT_TRUE(r.value.has_value());
  EXPECT_TRUE(r.errors.empty());
  const JsonValue& root = *r.value;
  ASSERT_TRUE(root.is_object());
  const JsonValue* a = root.find("a");
  ASSERT_NE(a, nullptr);
  ASSERT_EQ(a->items.size(), 4u);
  EXPECT_EQ(a->offset, text.find('['));
  EXPECT_EQ(a->items[1].text, "x");
  EXPECT_EQ(a->items[1].offset, text.find("\"x\""));
  EXPECT_EQ(root.find("b")->find("c")->text, "-2.5e3");
}

TEST(JsonParser, ReportsDuplicateKeysAndKeepsLast) {
  const std::string text = "{\"Effect\": \"Allow\",\n \"Effect\": \"Deny\"}";
  JsonParseResult r = parse_json(text);
  ASSERT_TRUE(r.value.has_value());
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].kind, JsonErrorKind::kDuplicateKey);
  EXPECT_FALSE(r.errors[0].fatal);
  EXPECT_EQ(r.errors[0].offset, text.rfind("\"Effect\""));
  EXPECT_EQ(r.value->find("Effect")->text, "Deny");
}

TEST(JsonParser, SyntaxErrorsHavePositions) {
  const std::string text = "{\n  \"a\": 1\n  \"b\": 2\n}";
  JsonParseResult r = parse_json(text);
  EXPECT_FALSE(r.value.has_value());
  ASSERT_EQ(r.errors.size(), 1u);
  SourceFile file("f.json", text);
  const auto pos = file.position(r.errors[0].offset);
  EXPECT_EQ(pos.line, 3);
  EXPECT_EQ(pos.column, 3);
  EXPECT_THAT(r.errors[0].message, testing::HasSubstr("expected ',' or '}'"));
}

TEST(JsonParser, RejectsCommentsTrailingCommasAndConcatenation) {
  EXPECT_FALSE(parse_json("[1, // c\n 2]").value.has_value());
  EXPECT_THAT(parse_json("[1, // c\n 2]").errors[0].message, testing::HasSubstr("comment"));
  EXPECT_FALSE(parse_json("[1, 2,]").value.has_value());
  EXPECT_FALSE(parse_json("{\"a\":1,}").value.has_value());
  EXPECT_FALSE(parse_json("{} {}").value.has_value());
  EXPECT_FALSE(parse_json("").value.has_value());
  EXPECT_FALSE(parse_json("01").value.has_value());
}

TEST(JsonParser, DepthLimit) {
  std::string deep(100, '[');
  deep += std::string(100, ']');
  JsonParseOptions options;
  options.max_depth = 64;
  JsonParseResult r = parse_json(deep, options);
  EXPECT_FALSE(r.value.has_value());
  ASSERT_FALSE(r.errors.empty());
  EXPECT_EQ(r.errors[0].kind, JsonErrorKind::kTooDeep);
}

TEST(JsonParser, InvalidUtf8) {
  const std::string text = "{\"a\": \"\xC3\x28\"}";
  JsonParseResult r = parse_json(text);
  EXPECT_FALSE(r.value.has_value());
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].kind, JsonErrorKind::kInvalidUtf8);
  EXPECT_EQ(r.errors[0].offset, 7u);
}

TEST(JsonParser, NoBreakSpaceIndentationIsNamed) {
  JsonParseResult r = parse_json("{\xC2\xA0\"a\": 1}");
  ASSERT_FALSE(r.errors.empty());
  EXPECT_THAT(r.errors[0].message, testing::HasSubstr("U+00A0"));
}

TEST(JsonParser, EscapesAndSurrogates) {
  JsonParseResult r = parse_json(R"(["\u00e9\n\"\/", "\ud83d\ude00"])");
  ASSERT_TRUE(r.value.has_value());
  EXPECT_EQ(r.value->items[0].text, "\xC3\xA9\n\"/");
  EXPECT_EQ(r.value->items[1].text, "\xF0\x9F\x98\x80");
  EXPECT_FALSE(parse_json(R"(["\ud83d"])").value.has_value());
}

TEST(EmbeddedDocuments, StringLiteralOffsetsMapBackToTheFile) {
  // {"Policy": "{\"Version\":\"2012-10-17\"}"}
  const std::string text = R"({"Policy": "{\"Version\":\"2012-10-17\"}"})";
  const std::size_t quote = text.find("\"{");
  std::string decoded;
  std::vector<std::uint32_t> map;
  ASSERT_TRUE(decode_string_literal(text, quote, decoded, map));
  EXPECT_EQ(decoded, R"({"Version":"2012-10-17"})");
  ASSERT_EQ(map.size(), decoded.size() + 1);
  JsonParseOptions options;
  options.offset_map = &map;
  JsonParseResult r = parse_json(decoded, options);
  ASSERT_TRUE(r.value.has_value());
  // The inner value "2012-10-17" starts at the escaped quote \" before 2012 in the file.
  EXPECT_EQ(r.value->find("Version")->offset, text.find("\\\"2012"));
}

TEST(EmbeddedDocuments, UrlDecodingMapsToEncodedBytes) {
  const std::string encoded = "%7B%22a%22%3A1%7D";
  std::vector<std::uint32_t> base;
  for (std::uint32_t i = 0; i <= encoded.size(); ++i) base.push_back(i + 100);
  std::string decoded;
  std::vector<std::uint32_t> map;
  ASSERT_TRUE(url_decode(encoded, base, decoded, map));
  EXPECT_EQ(decoded, "{\"a\":1}");
  JsonParseOptions options;
  options.offset_map = &map;
  JsonParseResult r = parse_json(decoded, options);
  ASSERT_TRUE(r.value.has_value());
  EXPECT_EQ(r.value->find("a")->offset, 100u + encoded.find("1"));
  EXPECT_TRUE(looks_url_encoded_json(encoded));
  EXPECT_FALSE(looks_url_encoded_json("{\"a\":1}"));
  EXPECT_FALSE(url_decode("%7", base, decoded, map));
}

TEST(SourceFile, LinesAndCharacterColumns) {
  SourceFile f("x.json", "\xEF\xBB\xBF{\"\xC3\xA9\": 1,\r\n\t\"b\": 2}");
  EXPECT_EQ(f.content_start(), 3u);
  EXPECT_EQ(f.position(3).line, 1);
  EXPECT_EQ(f.position(3).column, 1);  // the BOM is not a column
  const std::size_t one = f.text().find('1');
  EXPECT_EQ(f.position(one).column, 7);  // {"é": 1 -> é is one character
  const std::size_t b = f.text().find("\"b\"");
  EXPECT_EQ(f.position(b).line, 2);
  EXPECT_EQ(f.position(b).column, 2);
  EXPECT_EQ(f.line_text(2), "\t\"b\": 2}");
}

TEST(Pointer, EscapesTokens) {
  EXPECT_EQ(pointer_append("", "a/b~c"), "/a~1b~0c");
  EXPECT_EQ(pointer_append("/Statement", std::size_t{2}), "/Statement/2");
}

}  // namespace
}  // namespace bucketlint

namespace bucketlint {
namespace {

// Large objects use a key set for duplicate detection: same results as the scan.
TEST(JsonParser, DuplicateKeysInLargeObjects) {
  std::string text = "{";
  for (int i = 0; i < 100; ++i)
    text += "\"k" + std::to_string(i) + "\": " + std::to_string(i) + ",";
  text += "\"k7\": 0, \"k99\": 1, \"new\": 2}";
  JsonParseResult r = parse_json(text);
  ASSERT_TRUE(r.value.has_value());
  ASSERT_EQ(r.errors.size(), 2u);
  EXPECT_EQ(r.errors[0].offset, text.rfind("\"k7\""));
  EXPECT_EQ(r.errors[1].offset, text.rfind("\"k99\""));
  EXPECT_EQ(r.value->find("k7")->text, "0");

  std::string unique = "{";
  for (int i = 0; i < 100; ++i)
    unique += "\"k" + std::to_string(i) + "\": " + std::to_string(i) + ",";
  unique += "\"last\": 0}";
  EXPECT_TRUE(parse_json(unique).errors.empty());
}

}  // namespace
}  // namespace bucketlint

namespace bucketlint {
namespace {

TEST(Utf8, FirstInvalidByte) {
  EXPECT_EQ(first_invalid_utf8("plain ascii"), std::string_view::npos);
  EXPECT_EQ(first_invalid_utf8("caf\xC3\xA9 \xE2\x98\x83 \xF0\x9F\x98\x80"),
            std::string_view::npos);
  EXPECT_EQ(first_invalid_utf8("ab\xC3\x28"), 2u);         // bad continuation byte
  EXPECT_EQ(first_invalid_utf8("ab\xC0\xAF"), 2u);         // overlong '/'
  EXPECT_EQ(first_invalid_utf8("a\xED\xA0\x80"), 1u);      // UTF-16 surrogate
  EXPECT_EQ(first_invalid_utf8("a\xF4\x90\x80\x80"), 1u);  // above U+10FFFF
  EXPECT_EQ(first_invalid_utf8("\xFF"
                               "abc\xFF",
                               1),
            4u);  // search starts at `from`
}

}  // namespace
}  // namespace bucketlint

namespace bucketlint {
namespace {

// Strings long enough to take the word-at-a-time scan, with the special byte at each position
// of a word: the decoded text and the end of the literal must not depend on alignment.
TEST(JsonParser, WordScanFindsQuotesEscapesAndUtf8AtEveryPosition) {
  for (std::size_t lead = 0; lead < 20; ++lead) {
    const std::string pad(lead, 'a');
    JsonParseResult r = parse_json("[\"" + pad + "\", \"" + pad + "\\n" + pad + "\", \"" + pad +
                                   "\xC3\xA9" + pad + "\"]");
    ASSERT_TRUE(r.value.has_value()) << lead;
    ASSERT_EQ(r.value->items.size(), 3u);
    EXPECT_EQ(r.value->items[0].text, pad);
    EXPECT_EQ(r.value->items[1].text, pad + "\n" + pad);
    EXPECT_EQ(r.value->items[2].text, pad + "\xC3\xA9" + pad);

    const std::string bad = "[\"" + pad + "\xC3\x28" + pad + "\"]";
    JsonParseResult b = parse_json(bad);
    EXPECT_FALSE(b.value.has_value());
    ASSERT_EQ(b.errors.size(), 1u);
    EXPECT_EQ(b.errors[0].kind, JsonErrorKind::kInvalidUtf8);
    EXPECT_EQ(b.errors[0].offset, 2 + lead);

    JsonParseResult raw = parse_json("[\"" + pad + "\t\"]");  // raw control character
    EXPECT_FALSE(raw.value.has_value());
    EXPECT_EQ(raw.errors[0].offset, 2 + lead);

    JsonParseResult open = parse_json("[\"" + pad);  // unterminated
    EXPECT_FALSE(open.value.has_value());
    EXPECT_THAT(open.errors[0].message, testing::HasSubstr("unterminated string"));
  }
}

TEST(JsonParser, WhitespaceRunsOfAnyLengthAreSkipped) {
  for (std::size_t n = 0; n < 20; ++n) {
    const std::string ws(n, ' ');
    const std::string text = ws + "{" + ws + "\"a\"" + ws + ":\n" + ws + "[" + ws + "1" + ws +
                             ",\t" + ws + "2" + ws + "]" + ws + "}" + ws;
    JsonParseResult r = parse_json(text);
    ASSERT_TRUE(r.value.has_value()) << n;
    EXPECT_EQ(r.value->offset, n);
    EXPECT_EQ(r.value->find("a")->items[1].offset, text.find('2'));
    EXPECT_FALSE(parse_json(ws + "{" + ws + "\xC2\xA0" + ws + "}").value.has_value());
  }
}

TEST(JsonParser, PlainAsciiFlagCoversTheWholeSubtree) {
  JsonParseResult clean = parse_json(R"({"a": ["x\"y", {"b": "\u0041~"}], "n": 1, "t": true})");
  ASSERT_TRUE(clean.value.has_value());
  EXPECT_TRUE(clean.value->plain_ascii);

  // Each kind of character outside U+0020-U+007F, in a value or a key, nested or not.
  for (const char* text :
       {R"({"a": ["x", {"b": "caf\u00e9"}]})", "{\"a\": [\"x\", {\"b\": \"\xC3\xA9\"}]}",
        R"({"a": [{"b\n": 1}]})", R"(["\u0001"])", R"(["tab\t"])"}) {
    JsonParseResult r = parse_json(text);
    ASSERT_TRUE(r.value.has_value()) << text;
    EXPECT_FALSE(r.value->plain_ascii) << text;
  }
  JsonParseResult mixed = parse_json("{\"clean\": [\"x\"], \"dirty\": [\"\xE2\x80\x94\"]}");
  ASSERT_TRUE(mixed.value.has_value());
  EXPECT_FALSE(mixed.value->plain_ascii);
  EXPECT_TRUE(mixed.value->find("clean")->plain_ascii);
  EXPECT_FALSE(mixed.value->find("dirty")->plain_ascii);
}

// verbatim: plain ASCII and no '"' or '\\' in any string or key of the subtree, however the
// source wrote them (escaped "\u0041" decodes to a verbatim "A"; "\u0022" to a quote).
TEST(JsonParser, VerbatimFlagCoversTheWholeSubtree) {
  JsonParseResult clean = parse_json(R"({"a": ["xy", {"b": "\u0041~/"}], "n": 1, "t": true})");
  ASSERT_TRUE(clean.value.has_value());
  EXPECT_TRUE(clean.value->verbatim);
  for (const char* text : {R"({"a": ["x\"y"]})", R"({"a": ["x\\y"]})", R"({"a\u0022": 1})",
                           R"({"a": [{"b": "\u005C"}]})", R"(["caf\u00e9"])", R"(["tab\t"])"}) {
    JsonParseResult r = parse_json(text);
    ASSERT_TRUE(r.value.has_value()) << text;
    EXPECT_FALSE(r.value->verbatim) << text;
  }
  JsonParseResult mixed = parse_json(R"({"clean": ["x"], "quoted": ["\"q\""]})");
  ASSERT_TRUE(mixed.value.has_value());
  EXPECT_FALSE(mixed.value->verbatim);
  EXPECT_TRUE(mixed.value->find("clean")->verbatim);
  EXPECT_FALSE(mixed.value->find("quoted")->verbatim);
}

// The loader scans a file for invalid UTF-8 only when its parse failed: a successful parse
// must imply valid UTF-8 from the start offset on.
TEST(JsonParser, SuccessfulParseImpliesValidUtf8) {
  const std::vector<std::string> texts = {"{\"a\": \"\xC3\xA9\"}", "{\"a\": \"\xC3\"}",
                                          "{\"a\": 1}\xFF",        "\xFF{}",
                                          "[\"\xED\xA0\x80\"]",    "[1, \"\xF0\x9F\x98\x80\"]",
                                          "{\"\xC0\xAF\": 1}",     "[\"x\"] \xC2\xA0"};
  for (const std::string& text : texts) {
    const bool parsed = parse_json(text).value.has_value();
    const bool valid = first_invalid_utf8(text) == std::string_view::npos;
    if (parsed) {
      EXPECT_TRUE(valid) << text;
    }
  }
  EXPECT_TRUE(parse_json("{\"a\": \"\xC3\xA9\"}").value.has_value());
  EXPECT_FALSE(parse_json("{\"a\": 1}\xFF").value.has_value());
}

TEST(Utf8, WordScanFindsTheFirstInvalidByteAtEveryPosition) {
  for (std::size_t lead = 0; lead < 20; ++lead) {
    const std::string pad(lead, 'a');
    EXPECT_EQ(first_invalid_utf8(pad + "\xFF" + pad), lead);
    EXPECT_EQ(first_invalid_utf8(pad + "\xC3\xA9" + pad + "\x80"), 2 * lead + 2);
    EXPECT_EQ(first_invalid_utf8(pad + "\xE2\x80\x94" + pad), std::string_view::npos);
  }
}

}  // namespace
}  // namespace bucketlint

namespace bucketlint {
namespace {

// The tree owns its strings and children: they outlive the parsed text and stay in place when
// the root value is moved (the model keeps roots in unique_ptrs, rules keep value pointers).
TEST(JsonTree, OutlivesItsTextAndSurvivesMovingTheRoot) {
  std::optional<JsonValue> root;
  const JsonValue* statement = nullptr;
  {
    std::string text = R"({"Statement": [{"Sid": "a long sid that is not a short string",)"
                       R"( "Action": ["s3:GetObject", "s3:PutObject"], "N": 12.5, "E": "x\"y"}]})";
    JsonParseResult r = parse_json(text);
    ASSERT_TRUE(r.value.has_value());
    root = std::move(r.value);
    statement = &root->find("Statement")->items[0];
    text.assign(text.size(), '#');  // the tree must not point into the text
  }
  JsonValue moved = std::move(*root);
  root.reset();
  EXPECT_EQ(&moved.find("Statement")->items[0], statement);
  EXPECT_EQ(statement->find("Sid")->text, "a long sid that is not a short string");
  EXPECT_EQ(statement->find("Action")->items.back().text, "s3:PutObject");
  EXPECT_EQ(statement->find("N")->text, "12.5");
  EXPECT_EQ(statement->find("E")->text, "x\"y");
  EXPECT_EQ(statement->members.front().key, "Sid");
  EXPECT_EQ(statement->members.size(), 4u);
  EXPECT_TRUE(moved.find("Statement")->items[0].find("Missing") == nullptr);
}

// A document much larger than the first storage block: every value still reads back.
TEST(JsonTree, LargeDocumentsSpanSeveralStorageBlocks) {
  std::string text = "[";
  for (int i = 0; i < 20000; ++i) {
    if (i > 0) text += ",";
    text += "{\"k\": [\"value-" + std::to_string(i) + "-with-some-length\", " + std::to_string(i) +
            ", {}, []]}";
  }
  text += "]";
  JsonParseResult r = parse_json(text);
  ASSERT_TRUE(r.value.has_value());
  ASSERT_EQ(r.value->items.size(), 20000u);
  for (int i = 0; i < 20000; i += 997) {
    const JsonValue& k = *r.value->items[static_cast<std::size_t>(i)].find("k");
    ASSERT_EQ(k.items.size(), 4u);
    EXPECT_EQ(k.items[0].text, "value-" + std::to_string(i) + "-with-some-length");
    EXPECT_EQ(k.items[1].text, std::to_string(i));
    EXPECT_TRUE(k.items[2].is_object() && k.items[2].members.empty());
    EXPECT_TRUE(k.items[3].is_array() && k.items[3].items.empty());
  }
  std::size_t reversed = 0;
  for (auto it = r.value->items.rbegin(); it != r.value->items.rend(); ++it) ++reversed;
  EXPECT_EQ(reversed, 20000u);
}

TEST(JsonTree, EmptyContainersAndStrings) {
  JsonParseResult r = parse_json(R"({"a": [], "b": {}, "c": ""})");
  ASSERT_TRUE(r.value.has_value());
  EXPECT_TRUE(r.value->find("a")->items.empty());
  EXPECT_EQ(r.value->find("a")->items.begin(), r.value->find("a")->items.end());
  EXPECT_TRUE(r.value->find("b")->members.empty());
  EXPECT_TRUE(r.value->find("c")->is_string());
  EXPECT_EQ(r.value->find("c")->text, "");
  EXPECT_EQ(r.value->find("c")->scalar_text(), "");
  EXPECT_EQ(r.value->find("a")->string_or_null(), nullptr);
  ASSERT_NE(r.value->find("c")->string_or_null(), nullptr);
}

}  // namespace
}  // namespace bucketlint

namespace bucketlint {
namespace {

// Columns on long lines come from per-block character counts made eight bytes at a time:
// compare with counting characters one by one, for ASCII, mixed and multi-byte blocks.
TEST(SourceFile, LongLineColumnsMatchCountingCharacters) {
  std::string text;
  for (int i = 0; i < 300; ++i) text += "ab\xC3\xA9x";  // 4 characters, 5 bytes
  text += std::string(700, 'z');                        // ASCII-only blocks
  for (int i = 0; i < 200; ++i) text += "\xE2\x80\x94\xF0\x9F\x98\x80";
  text += "tail";
  const SourceFile file("long.json", text);
  std::size_t chars = 0;
  for (std::size_t offset = 0; offset <= text.size(); ++offset) {
    const bool starts_char =
        offset == text.size() || (static_cast<unsigned char>(text[offset]) & 0xC0) != 0x80;
    if (starts_char) {
      const SourceFile::Position pos = file.position(offset);
      ASSERT_EQ(pos.line, 1) << offset;
      ASSERT_EQ(pos.column, static_cast<int>(chars) + 1) << offset;
    }
    if (offset < text.size() && starts_char) ++chars;
  }
}

}  // namespace
}  // namespace bucketlint
