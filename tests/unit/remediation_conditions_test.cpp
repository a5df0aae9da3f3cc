// A fix never weakens a protection: every remediation that proposes a statement replacing or
// extending an existing one keeps all the conditions of that statement.
//
// The rules whose help rewrites a statement: TR001 (a trust statement for the caller, extending
// the statement that trusts its account), TR003 (the trust statement with sts:ExternalId that
// replaces one without it), CF003 (the s3:ListBucket grant extending the origin's s3:GetObject
// grant), CF004 (the OAC statement that replaces the OAI's), and OW001's Deny for writers that a
// "*" grant lets in (it keeps the grant's conditions). Rules whose help adds a statement of a new
// kind (OW001/OW002: a new role and its trust; AC004: log delivery; CF001/CF005: a missing grant)
// replace nothing, so there is no condition to keep.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "bucketlint/json.h"
#include "model_builder.h"

namespace bucketlint {
namespace {

using testing::SizeIs;
using testing_util::kA;
using testing_util::kBucket;
using testing_util::kDistId;
using testing_util::kOacId;
using testing_util::kOaiId;
using testing_util::ModelBuilder;

// Every JSON object in `text` that holds an "Effect": the statements a remediation proposes.
std::vector<std::string> statement_snippets(std::string_view text) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '{') continue;
    int depth = 0;
    bool in_string = false;
    std::size_t end = std::string_view::npos;
    for (std::size_t j = i; j < text.size(); ++j) {
      const char c = text[j];
      if (in_string) {
        if (c == '\\') {
          ++j;
        } else if (c == '"') {
          in_string = false;
        }
        continue;
      }
      if (c == '"') in_string = true;
      if (c == '{') ++depth;
      if (c == '}' && --depth == 0) {
        end = j;
        break;
      }
    }
    if (end == std::string_view::npos) break;
    const std::string_view candidate = text.substr(i, end - i + 1);
    const JsonParseResult parsed = parse_json(candidate);
    if (parsed.value && parsed.value->is_object() && parsed.value->find("Effect") != nullptr) {
      out.emplace_back(candidate);
      i = end;  // statements do not nest
    }
  }
  return out;
}

// The values of `key` under operator `op` in the statement's Condition ("" when absent).
std::string condition_value(const std::string& statement, std::string_view op,
                            std::string_view key) {
  const JsonParseResult parsed = parse_json(statement);
  if (!parsed.value) return "";
  const JsonValue* condition = parsed.value->find("Condition");
  if (condition == nullptr || !condition->is_object()) return "";
  const JsonValue* block = condition->find(op);
  if (block == nullptr || !block->is_object()) return "";
  const JsonValue* value = block->find(key);
  if (value == nullptr) return "";
  if (value->is_string()) return std::string(value->text);
  if (value->is_array() && !value->items.empty() && value->items.front().is_string()) {
    return std::string(value->items.front().text);
  }
  return value->scalar_text();
}

struct Kept {
  std::string op;
  std::string key;
  std::string value;
};

// Runs `rule`, which must report once, and checks that its help proposes at least one statement
// and that every proposed statement keeps each condition of `kept`.
void expect_conditions_kept(ModelBuilder& b, const std::string& rule,
                            const std::vector<Kept>& kept) {
  auto run = b.run(rule);
  ASSERT_THAT(run, SizeIs(1)) << rule;
  const std::string& help = run[0].remediation;
  const std::vector<std::string> statements = statement_snippets(help);
  ASSERT_FALSE(statements.empty()) << rule << ": " << help;
  for (const std::string& s : statements) {
    for (const Kept& k : kept) {
      EXPECT_EQ(condition_value(s, k.op, k.key), k.value)
          << rule << " drops " << k.op << " " << k.key << " in " << s;
    }
  }
}

constexpr const char* kPublisher = "arn:aws:iam::111111111111:role/cross-account-site-publisher";
constexpr const char* kUploader = "arn:aws:iam::222222222222:role/site-uploader";

TEST(RemediationKeepsConditions, SnippetExtractorFindsStatements) {
  const std::vector<std::string> s = statement_snippets(
      R"(add: {"Effect": "Allow", "Condition": {"Bool": {"a:b": "true"}}}; then {"x": "}"})");
  ASSERT_THAT(s, SizeIs(1));
  EXPECT_EQ(condition_value(s[0], "Bool", "a:b"), "true");
}

// The issue's case: the trust statement names the wrong role and requires an external ID.
TEST(RemediationKeepsConditions, Tr001KeepsExternalIdOfTheTrustStatement) {
  ModelBuilder b;
  b.role(kPublisher,
         {R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:PutObject",
      "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*"}]})"},
         R"({"Version": "2012-10-17", "Statement": [{"Sid": "TrustSiteUploader",
      "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::222222222222:role/old-uploader"},
      "Action": "sts:AssumeRole", "Condition": {"StringEquals": {"sts:ExternalId": "12345"},
      "IpAddress": {"aws:SourceIp": ["203.0.113.0/24", "198.51.100.0/24"]}}}]})");
  b.role(kUploader,
         {std::string(R"({"Version": "2012-10-17", "Statement": {"Effect": "Allow",
      "Action": "sts:AssumeRole", "Resource": ")") +
          kPublisher + R"("}})"},
         R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
      "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}]})");
  expect_conditions_kept(b, "TR001",
                         {{"StringEquals", "sts:ExternalId", "12345"},
                          {"IpAddress", "aws:SourceIp", "203.0.113.0/24"}});
}

TEST(RemediationKeepsConditions, Tr003KeepsOtherConditionsBesideTheExternalId) {
  ModelBuilder b;
  b.role(kPublisher, {}, R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
      "Principal": {"AWS": "222222222222"}, "Action": "sts:AssumeRole",
      "Condition": {"StringNotEqualsIfExists": {"aws:PrincipalTag/team": "contractors"}}}]})");
  expect_conditions_kept(
      b, "TR003",
      {{"StringNotEqualsIfExists", "aws:PrincipalTag/team", "contractors"},
       {"StringEquals", "sts:ExternalId", "<external-id-from-the-third-party>"}});
}

TEST(RemediationKeepsConditions, Cf003KeepsTheConditionsOfTheReadGrant) {
  ModelBuilder b;
  b.bucket(kBucket, kA, R"({"Version": "2012-10-17", "Statement": [{
      "Effect": "Allow", "Principal": {"Service": "cloudfront.amazonaws.com"},
      "Action": "s3:GetObject", "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*",
      "Condition": {"StringEquals": {"AWS:SourceArn": "arn:aws:cloudfront::111111111111:distribution/EDFDVBD6EXAMPLE"},
      "Bool": {"aws:SecureTransport": "true"}}}]})");
  b.distribution(kDistId, kBucket, "", kOacId);
  expect_conditions_kept(b, "CF003",
                         {{"Bool", "aws:SecureTransport", "true"},
                          {"StringEquals", "AWS:SourceArn",
                           "arn:aws:cloudfront::111111111111:distribution/EDFDVBD6EXAMPLE"}});
}

TEST(RemediationKeepsConditions, Cf004KeepsTheConditionsOfTheOaiStatement) {
  ModelBuilder b;
  b.bucket(kBucket, kA, R"({"Version": "2012-10-17", "Statement": [{
      "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::cloudfront:user/CloudFront Origin Access Identity E74FTE3AEXAMPLE"},
      "Action": "s3:GetObject", "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*",
      "Condition": {"Bool": {"aws:SecureTransport": "true"}}}]})");
  b.distribution(kDistId, kBucket, kOaiId, "");
  expect_conditions_kept(b, "CF004",
                         {{"Bool", "aws:SecureTransport", "true"},
                          {"StringEquals", "AWS:SourceArn",
                           "arn:aws:cloudfront::111111111111:distribution/EDFDVBD6EXAMPLE"}});
}

// OW001's Deny that requires bucket-owner-full-control, for a writer let in by an organisation-wide
// grant: it covers the grant's principals under the grant's own condition.
TEST(RemediationKeepsConditions, Ow001DenyKeepsTheConditionsOfAPublicPrincipalGrant) {
  ModelBuilder b;
  b.bucket(kBucket, kA, R"({"Version": "2012-10-17", "Statement": [{"Sid": "Org",
      "Effect": "Allow", "Principal": "*", "Action": "s3:PutObject",
      "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*",
      "Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-exampleorgid"}}}]})");
  auto run = b.run("OW001");
  ASSERT_THAT(run, SizeIs(1));
  bool deny_seen = false;
  for (const std::string& s : statement_snippets(run[0].remediation)) {
    if (s.find("\"Deny\"") == std::string::npos) continue;
    deny_seen = true;
    EXPECT_EQ(condition_value(s, "StringEquals", "aws:PrincipalOrgID"), "o-exampleorgid") << s;
    EXPECT_EQ(condition_value(s, "StringNotEquals", "s3:x-amz-acl"), "bucket-owner-full-control")
        << s;
  }
  EXPECT_TRUE(deny_seen);
}

}  // namespace
}  // namespace bucketlint
