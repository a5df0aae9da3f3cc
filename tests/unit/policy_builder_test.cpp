#include "load/policy_builder.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "lint_helpers.h"

namespace bucketlint {
namespace {

using testing_util::model_of;

constexpr const char* kOaiPolicy = R"({
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "AllowOai",
      "Effect": "Allow",
      "Principal": {"AWS": "arn:aws:iam::cloudfront:user/CloudFront Origin Access Identity E74FTE3AEXAMPLE"},
      "Action": "s3:GetObject",
      "Resource": ["arn:aws:s3:::amzn-s3-demo-bucket/*"],
      "Condition": {"StringEquals": {"s3:x-amz-acl": ["a", "b"]}, "Bool": {"aws:SecureTransport": true}}
    }
  ]
})";

TEST(PolicyBuilder, BuildsStatementsWithPositionsAndPointers) {
  Model model = model_of({{"bp.json", kOaiPolicy}});
  ASSERT_EQ(model.policies.size(), 1u);
  const PolicyDocument& doc = *model.policies[0];
  EXPECT_EQ(doc.kind, PolicyKind::kBucket);
  ASSERT_TRUE(doc.version.has_value());
  EXPECT_EQ(doc.version->value, "2012-10-17");
  EXPECT_EQ(doc.version->where.line(), 2);
  ASSERT_EQ(doc.statements.size(), 1u);
  const Statement& st = doc.statements[0];
  EXPECT_EQ(st.effect, Effect::kAllow);
  EXPECT_EQ(st.label(), "statement 'AllowOai'");
  ASSERT_EQ(st.principal.values.size(), 1u);
  EXPECT_EQ(st.principal.values[0].type, "AWS");
  EXPECT_EQ(st.principal.values[0].where.pointer(), "/Statement/0/Principal/AWS");
  EXPECT_EQ(st.principal.values[0].where.line(), 7);
  EXPECT_EQ(st.principal.values[0].where.column(), 28);
  ASSERT_EQ(st.resource.values.size(), 1u);
  EXPECT_EQ(st.resource.values[0].where.pointer(), "/Statement/0/Resource/0");
  ASSERT_EQ(st.conditions.size(), 2u);
  EXPECT_EQ(st.conditions[0].op, "StringEquals");
  EXPECT_EQ(st.conditions[0].values.size(), 2u);
  EXPECT_EQ(st.conditions[1].values[0].text, "true");
  EXPECT_EQ(st.conditions[1].values[0].type, JsonType::kBool);
  EXPECT_TRUE(model.diagnostics.empty());
}

TEST(PolicyBuilder, WrongTypesAreDiagnosedAndSkipped) {
  Model model = model_of({{"p.json", R"({"Version": 2012, "Statement": [
    {"Effect": "Allow", "Action": ["s3:GetObject", 7], "Resource": {"a": 1}}, 5]})"}});
  ASSERT_EQ(model.policies.size(), 1u);
  const PolicyDocument& doc = *model.policies[0];
  EXPECT_FALSE(doc.version.has_value());
  ASSERT_EQ(doc.statements.size(), 1u);
  EXPECT_EQ(doc.statements[0].action.values.size(), 1u);
  std::vector<std::string> pointers;
  for (const LoadDiagnostic& d : model.diagnostics) {
    EXPECT_EQ(d.rule_id, "IN009");
    pointers.push_back(d.where.pointer());
  }
  EXPECT_THAT(pointers, testing::ElementsAre("/Version", "/Statement/0/Action/1",
                                             "/Statement/0/Resource", "/Statement/1"));
}

TEST(PolicyBuilder, ClassifiesShapes) {
  auto kind_of = [](const char* text) {
    Model m = model_of({{"x.json", text}});
    return m.policies.at(0)->kind;
  };
  EXPECT_EQ(kind_of(R"({"Statement": {"Effect": "Allow", "Action": "s3:*", "Resource": "*"}})"),
            PolicyKind::kIdentity);
  EXPECT_EQ(kind_of(R"({"Statement": {"Effect": "Allow", "Principal": {"AWS": "111122223333"},
      "Action": "sts:AssumeRole"}})"),
            PolicyKind::kTrust);
  EXPECT_EQ(kind_of(R"({"Statement": {"Effect": "Allow", "Principal": "*", "Action": "kms:Decrypt",
      "Resource": "*"}})"),
            PolicyKind::kKey);
  EXPECT_EQ(
      kind_of(R"({"Statement": {"Effect": "Allow", "Principal": "*", "Action": "sqs:SendMessage",
      "Resource": "*"}})"),
      PolicyKind::kResource);
}

TEST(PolicyBuilder, EmbeddedGetBucketPolicyMapsPositionsIntoTheString) {
  const std::string text =
      "{\n    \"Policy\": \"{\\\"Version\\\":\\\"2012-10-17\\\",\\\"Statement\\\":[{\\\"Effect\\\":"
      "\\\"Allow\\\",\\\"Principal\\\":\\\"*\\\",\\\"Action\\\":\\\"s3:GetObject\\\","
      "\\\"Resource\\\":"
      "\\\"arn:aws:s3:::b/*\\\"}]}\"\n}";
  Model model = model_of({{"gbp.json", text}});
  ASSERT_EQ(model.policies.size(), 1u);
  const PolicyDocument& doc = *model.policies[0];
  EXPECT_EQ(doc.kind, PolicyKind::kBucket);
  const LocatedString& action = doc.statements.at(0).action.values.at(0);
  EXPECT_EQ(action.value, "s3:GetObject");
  EXPECT_EQ(action.where.line(), 2);
  EXPECT_EQ(action.where.column(),
            static_cast<int>(text.find("\\\"s3:GetObject") - text.find('\n')));
  EXPECT_EQ(action.where.pointer(), "/Policy/Statement/0/Action");
}

TEST(PolicyBuilder, MinifiedSizeCountsCharactersWithoutWhitespace) {
  JsonParseResult r = parse_json("{ \"a\" : [ 1 , \"x y\" ] }");
  ASSERT_TRUE(r.value.has_value());
  EXPECT_EQ(minified_size(*r.value), std::string(R"({"a":[1,"x y"]})").size());
}

// Escapes count as re-serialised (\" and \n two characters, \u0001 six) and multi-byte UTF-8
// as one character each; 46 is Python's len(json.dumps(..., separators=(",", ":"),
// ensure_ascii=False)) of the same value.
TEST(PolicyBuilder, MinifiedSizeCountsEscapesAndMultiByteCharacters) {
  JsonParseResult r =
      parse_json("{\"a\": \"\u00e9\\\"\\n\\u0001\\\\\\tx\u00e9\u20ac\", \"b\": [true, null, 1.5]}");
  ASSERT_TRUE(r.value.has_value());
  EXPECT_EQ(minified_size(*r.value), 46u);
  JsonParseResult plain = parse_json(R"({"a": "abc\u20ac"})");
  ASSERT_TRUE(plain.value.has_value());
  EXPECT_EQ(minified_size(*plain.value), std::string(R"({"a":"abc?"})").size());
}

}  // namespace
}  // namespace bucketlint
