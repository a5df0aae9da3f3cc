// IAM wildcard, Action and Resource / ARN matching. Each row cites its source: a aws-semantics.md
// section or the AWS page it restates.

#include <gtest/gtest.h>

#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

#include "bucketlint/eval.h"
#include "model/arn.h"
#include "model/wildcard.h"

namespace bucketlint {
namespace {

using model::kGlobDefault;
using model::kGlobEscapes;
using model::kGlobIgnoreCase;

constexpr const char* kActionDoc =
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html";
constexpr const char* kResourceDoc =
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html";
constexpr const char* kCondOpsDoc =
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/"
    "reference_policies_elements_condition_operators.html";

struct GlobRow {
  const char* source;
  std::string pattern;
  std::string text;
  std::uint8_t flags;
  bool expected;
};

void PrintTo(const GlobRow& r, std::ostream* os) { *os << r.pattern << " vs " << r.text; }

class GlobTable : public ::testing::TestWithParam<GlobRow> {};

TEST_P(GlobTable, Matches) {
  const GlobRow& row = GetParam();
  EXPECT_EQ(model::wildcard_match(row.pattern, row.text, row.flags), row.expected)
      << row.pattern << " vs " << row.text << " (" << row.source << ")";
}

INSTANTIATE_TEST_SUITE_P(
    Wildcards, GlobTable,
    ::testing::Values(
        GlobRow{"aws-semantics.md 5.5 (StringLike: * any run)", "abc*", "abcdef", kGlobDefault,
                true},
        GlobRow{"aws-semantics.md 5.5", "abc*", "abc", kGlobDefault, true},
        GlobRow{"aws-semantics.md 5.5", "abc*", "ab", kGlobDefault, false},
        GlobRow{"aws-semantics.md 5.5 (? exactly one)", "a?c", "abc", kGlobDefault, true},
        GlobRow{"aws-semantics.md 5.5", "a?c", "ac", kGlobDefault, false},
        GlobRow{"aws-semantics.md 5.5", "a?c", "abbc", kGlobDefault, false},
        GlobRow{"aws-semantics.md 5.5", "*", "", kGlobDefault, true},
        GlobRow{"aws-semantics.md 5.5", "", "", kGlobDefault, true},
        GlobRow{"aws-semantics.md 5.5", "", "a", kGlobDefault, false},
        GlobRow{"aws-semantics.md 5.5", "*a*b*", "xxaxxbxx", kGlobDefault, true},
        GlobRow{"aws-semantics.md 5.5", "*a*b*", "xxbxxaxx", kGlobDefault, false},
        GlobRow{"aws-semantics.md 5.5 (case-sensitive StringLike)", "home/*", "HOME/x",
                kGlobDefault, false},
        GlobRow{"aws-semantics.md 5.4 (actions case-insensitive)", "home/*", "HOME/x",
                kGlobIgnoreCase, true},
        GlobRow{"aws-semantics.md 5.5 (suffix overlap)", "*aa", "a", kGlobDefault, false},
        GlobRow{"aws-semantics.md 5.5 (prefix and suffix share no chars)", "ab*ba", "aba",
                kGlobDefault, false},
        GlobRow{"aws-semantics.md 5.5", "ab*ba", "abba", kGlobDefault, true},
        GlobRow{"aws-semantics.md 5.5 (consecutive stars)", "a**b", "ab", kGlobDefault, true},
        GlobRow{"aws-semantics.md 5.5 (? inside middle segment)", "*a?c*", "zzabczz", kGlobDefault,
                true},
        GlobRow{"aws-semantics.md 5.5", "*a?c*", "zzacz", kGlobDefault, false},
        GlobRow{"IAM-VARS ${*} escape (substituted text is literal)", "\\*", "*", kGlobEscapes,
                true},
        GlobRow{"IAM-VARS ${*} escape", "\\*", "x", kGlobEscapes, false},
        GlobRow{"IAM-VARS ${?} escape", "a\\?", "a?", kGlobEscapes, true},
        GlobRow{"IAM-VARS ${?} escape", "a\\?", "ab", kGlobEscapes, false},
        GlobRow{"IAM-VARS (no escapes outside substitution)", "a\\b", "a\\b", kGlobDefault, true}));

TEST(HostilePatterns, ManyStarsAgainstLongTextAreCorrect) {
  // Issue 3: linear-time, non-backtracking matching. Correctness is asserted, not time; a
  // backtracking matcher would not finish these.
  const std::string hostile = "a*a*a*a*a*a*a*a*b";
  std::string text(200000, 'a');
  EXPECT_FALSE(model::wildcard_match(hostile, text));
  EXPECT_TRUE(model::wildcard_match(hostile, text + "b"));
  EXPECT_FALSE(model::wildcard_match(hostile, text + "bc"));
  EXPECT_TRUE(model::wildcard_match(hostile + "*", text + "bc"));
  std::string many;
  for (int i = 0; i < 200; ++i) many += "a*";
  many += "b";
  EXPECT_FALSE(model::wildcard_match(many, text));
  EXPECT_TRUE(model::wildcard_match(many, text + "b"));
  // Question marks in every segment.
  EXPECT_FALSE(model::wildcard_match("*?a?a?a?b*", text));
  EXPECT_TRUE(model::wildcard_match("*?a?a?a?b*", text + "b"));
  // Case-insensitive path (actions) on the same input.
  EXPECT_FALSE(model::wildcard_match("A*A*A*A*A*A*A*A*B", text, kGlobIgnoreCase));
  EXPECT_TRUE(model::wildcard_match("A*A*A*A*A*A*A*A*B", text + "B", kGlobIgnoreCase));
}

TEST(HostilePatterns, ResourceAndConditionPathsToo) {
  const std::string key(100000, 'a');
  const std::string arn = "arn:aws:s3:::bucket/" + key;
  EXPECT_FALSE(eval::resource_matches("arn:aws:s3:::bucket/a*a*a*a*a*a*a*a*b", arn));
  EXPECT_TRUE(eval::resource_matches("arn:aws:s3:::bucket/a*a*a*a*a*a*a*a*a", arn));
  EXPECT_FALSE(eval::action_matches("s3:a*a*a*a*a*a*a*a*b", "s3:" + key));
}

// wildcard_match() matches without compiling (unless escapes are asked for); it must agree
// with the compiled Glob on every pattern. Exhaustive over short patterns and texts of a
// small alphabet, both case modes.
TEST(WildcardMatch, AgreesWithTheCompiledGlob) {
  const std::string pattern_chars = "aB*?";
  const std::string text_chars = "abAB";
  auto all_strings = [](const std::string& alphabet, std::size_t max_len) {
    std::vector<std::string> out{""};
    for (std::size_t begin = 0, len = 1; len <= max_len; ++len) {
      const std::size_t end = out.size();
      for (std::size_t i = begin; i < end; ++i) {
        for (const char c : alphabet) out.push_back(out[i] + c);
      }
      begin = end;
    }
    return out;
  };
  const auto patterns = all_strings(pattern_chars, 5);
  const auto texts = all_strings(text_chars, 4);
  std::size_t matched = 0;
  for (const std::uint8_t flags : {kGlobDefault, kGlobIgnoreCase}) {
    for (const auto& p : patterns) {
      const model::Glob glob(p, flags);
      for (const auto& t : texts) {
        const bool expected = glob.matches(t);
        ASSERT_EQ(model::wildcard_match(p, t, flags), expected)
            << "pattern '" << p << "' text '" << t << "' flags " << int{flags};
        matched += expected ? 1 : 0;
      }
    }
  }
  EXPECT_GT(matched, 0u);  // both answers occur
  EXPECT_LT(matched, 2 * patterns.size() * texts.size());
}

TEST(GlobCache, SamePatternGivesTheSameCompiledObject) {
  const model::Glob& a = model::cached_glob("arn:aws:s3:::b/*", kGlobDefault);
  const model::Glob& b = model::cached_glob("arn:aws:s3:::b/*", kGlobDefault);
  EXPECT_EQ(&a, &b);
  const model::Glob& c = model::cached_glob("arn:aws:s3:::b/*", kGlobIgnoreCase);
  EXPECT_NE(&a, &c);
}

struct ActionRow {
  const char* source;
  std::string pattern;
  std::string action;
  bool expected;
};

void PrintTo(const ActionRow& r, std::ostream* os) { *os << r.pattern << " vs " << r.action; }

class ActionTable : public ::testing::TestWithParam<ActionRow> {};

TEST_P(ActionTable, Matches) {
  const ActionRow& row = GetParam();
  EXPECT_EQ(eval::action_matches(row.pattern, row.action), row.expected)
      << row.pattern << " vs " << row.action << " (" << row.source << ")";
}

INSTANTIATE_TEST_SUITE_P(
    Actions, ActionTable,
    ::testing::Values(ActionRow{kActionDoc, "iam:ListAccessKeys", "IAM:listaccesskeys", true},
                      ActionRow{kActionDoc, "IAM:LISTACCESSKEYS", "iam:ListAccessKeys", true},
                      ActionRow{kActionDoc, "s3:*", "s3:GetObject", true},
                      ActionRow{kActionDoc, "s3:*", "sqs:SendMessage", false},
                      ActionRow{kActionDoc, "iam:*AccessKey*", "iam:CreateAccessKey", true},
                      ActionRow{kActionDoc, "iam:*AccessKey*", "iam:ListAccessKeys", true},
                      ActionRow{kActionDoc, "iam:*AccessKey*", "iam:ListUsers", false},
                      ActionRow{kActionDoc, "s3:Get*", "s3:GetObjectVersion", true},
                      ActionRow{kActionDoc, "s3:Get*", "s3:PutObject", false},
                      ActionRow{kActionDoc, "*", "kms:Decrypt", true},
                      ActionRow{kActionDoc, "s3:GetObject?ersion", "s3:GetObjectVersion", true},
                      ActionRow{kActionDoc, "s3:GetObject", "s3:GetObjectAcl", false},
                      ActionRow{kActionDoc, "sts:AssumeRole*", "sts:AssumeRoleWithWebIdentity",
                                true},
                      ActionRow{kActionDoc, "sts:AssumeRole", "sts:AssumeRoleWithSAML", false}));

struct ResourceRow {
  const char* source;
  std::string pattern;
  std::string arn;
  bool expected;
};

void PrintTo(const ResourceRow& r, std::ostream* os) { *os << r.pattern << " vs " << r.arn; }

class ResourceTable : public ::testing::TestWithParam<ResourceRow> {};

TEST_P(ResourceTable, Matches) {
  const ResourceRow& row = GetParam();
  EXPECT_EQ(eval::resource_matches(row.pattern, row.arn), row.expected)
      << row.pattern << " vs " << row.arn << " (" << row.source << ")";
}

INSTANTIATE_TEST_SUITE_P(
    Resources, ResourceTable,
    ::testing::Values(
        ResourceRow{kResourceDoc, "arn:aws:s3:::amzn-s3-demo-bucket/*/test/*",
                    "arn:aws:s3:::amzn-s3-demo-bucket/1/test/object.jpg", true},
        ResourceRow{"aws-semantics.md 5.4 (* crosses '/')",
                    "arn:aws:s3:::amzn-s3-demo-bucket/*/test/*",
                    "arn:aws:s3:::amzn-s3-demo-bucket/1/2/test/3/object.jpg", true},
        ResourceRow{kResourceDoc, "arn:aws:s3:::amzn-s3-demo-bucket/*/test/*",
                    "arn:aws:s3:::amzn-s3-demo-bucket/1/prod/object.jpg", false},
        ResourceRow{"aws-semantics.md 13 row 24 (bucket-level vs object ARN)",
                    "arn:aws:s3:::amzn-s3-demo-bucket/*", "arn:aws:s3:::amzn-s3-demo-bucket",
                    false},
        ResourceRow{"aws-semantics.md 13 row 23", "arn:aws:s3:::amzn-s3-demo-bucket",
                    "arn:aws:s3:::amzn-s3-demo-bucket", true},
        ResourceRow{"aws-semantics.md 5.4", "arn:aws:s3:::amzn-s3-demo-bucket",
                    "arn:aws:s3:::amzn-s3-demo-bucket/key", false},
        ResourceRow{"aws-semantics.md 5.4 (case-sensitive)", "arn:aws:s3:::Amzn-S3-Demo-Bucket/*",
                    "arn:aws:s3:::amzn-s3-demo-bucket/key", false},
        ResourceRow{"aws-semantics.md 5.4 (S3 keys case-sensitive)", "arn:aws:s3:::b/Private/*",
                    "arn:aws:s3:::b/private/x", false},
        ResourceRow{"aws-semantics.md 5.4 (user name case-sensitive, live page)",
                    "arn:aws:iam::123456789012:user/Bob", "arn:aws:iam::123456789012:user/bob",
                    false},
        ResourceRow{kResourceDoc, "arn:aws:iam::123456789012:user/*",
                    "arn:aws:iam::123456789012:user/division_abc/subdivision_xyz/Bob", true},
        ResourceRow{kResourceDoc, "*", "arn:aws:dynamodb:us-east-2:123456789012:table/Books", true},
        ResourceRow{kResourceDoc, "arn:aws:ec2:*:*:instance/*",
                    "arn:aws:ec2:us-east-1:123456789012:instance/i-0123", true},
        ResourceRow{kResourceDoc, "arn:aws:ec2:us-west-2:*:instance/*",
                    "arn:aws:ec2:us-east-1:123456789012:instance/i-0123", false},
        ResourceRow{kResourceDoc, "arn:aws:s3:::*", "arn:aws:s3:::any-bucket/any/key", true},
        ResourceRow{"aws-semantics.md 5.4 (trailing * past ':' in the resource part)",
                    "arn:aws:logs:us-east-1:123456789012:log-group:*",
                    "arn:aws:logs:us-east-1:123456789012:log-group:app:log-stream:x", true},
        ResourceRow{kResourceDoc, "arn:aws:s3:::b/home/?ob/*", "arn:aws:s3:::b/home/bob/f", true},
        ResourceRow{kResourceDoc, "arn:aws:s3:::b/home/?ob/*", "arn:aws:s3:::b/home/rob", false},
        ResourceRow{"aws-semantics.md 5.4 (short pattern: whole-text match)", "arn:aws:s3:*",
                    "arn:aws:s3:::bucket/key", true}));

struct ArnLikeRow {
  const char* source;
  std::string pattern;
  std::string arn;
  bool arn_like;
  bool string_like;
};

void PrintTo(const ArnLikeRow& r, std::ostream* os) { *os << r.pattern << " vs " << r.arn; }

class ArnLikeTable : public ::testing::TestWithParam<ArnLikeRow> {};

TEST_P(ArnLikeTable, MatchesPerSegment) {
  const ArnLikeRow& row = GetParam();
  EXPECT_EQ(model::arn_matches(row.pattern, row.arn, kGlobDefault, false), row.arn_like)
      << "ArnLike " << row.pattern << " vs " << row.arn << " (" << row.source << ")";
  EXPECT_EQ(model::wildcard_match(row.pattern, row.arn), row.string_like)
      << "StringLike " << row.pattern << " vs " << row.arn;
}

INSTANTIATE_TEST_SUITE_P(
    Arns, ArnLikeTable,
    ::testing::Values(
        ArnLikeRow{kCondOpsDoc, "arn:aws:cloudfront::111111111111:distribution/*",
                   "arn:aws:cloudfront::111111111111:distribution/EDFDVBD6EXAMPLE", true, true},
        ArnLikeRow{"aws-semantics.md 5.5 (ArnLike '*' does not cross ':')",
                   "arn:aws:ec2:*:111122223333:instance/*",
                   "arn:aws:ec2:us-east-1:extra:111122223333:instance/i-1", false, true},
        ArnLikeRow{"aws-semantics.md 5.5 (ArnLike needs an ARN)", "arn:aws:*",
                   "arn:aws:s3:::bucket", false, true},
        ArnLikeRow{kCondOpsDoc, "arn:aws:sns:*:123456789012:topic",
                   "arn:aws:sns:us-east-1:123456789012:topic", true, true},
        ArnLikeRow{"aws-semantics.md 5.5 (case-sensitive)", "arn:aws:iam::123456789012:role/Admin",
                   "arn:aws:iam::123456789012:role/admin", false, false},
        ArnLikeRow{kCondOpsDoc, "arn:aws:iam::*:role/site-uploader",
                   "arn:aws:iam::222222222222:role/site-uploader", true, true}));

TEST(ParseArn, SplitsSixParts) {
  const auto a = model::parse_arn("arn:aws:logs:us-east-1:123456789012:log-group:app:*");
  ASSERT_TRUE(a.has_value());
  EXPECT_EQ(a->service, "logs");
  EXPECT_EQ(a->region, "us-east-1");
  EXPECT_EQ(a->account, "123456789012");
  EXPECT_EQ(a->resource, "log-group:app:*");
  EXPECT_FALSE(model::parse_arn("arn:aws:s3").has_value());
  EXPECT_FALSE(model::parse_arn("urn:aws:s3:::b").has_value());
}

TEST(ParseS3Arn, BucketAndObject) {
  const auto b = model::parse_s3_arn("arn:aws:s3:::amzn-s3-demo-bucket");
  ASSERT_TRUE(b.has_value());
  EXPECT_FALSE(b->is_object);
  EXPECT_EQ(b->bucket, "amzn-s3-demo-bucket");
  const auto o = model::parse_s3_arn("arn:aws:s3:::amzn-s3-demo-bucket/a/b.jpg");
  ASSERT_TRUE(o.has_value());
  EXPECT_TRUE(o->is_object);
  EXPECT_EQ(o->key, "a/b.jpg");
  // S3 ARNs carry no account or Region (aws-semantics.md 5.4).
  EXPECT_FALSE(model::parse_s3_arn("arn:aws:s3:us-east-1:111111111111:b").has_value());
  EXPECT_FALSE(model::parse_s3_arn("arn:aws:iam::111111111111:root").has_value());
}

TEST(AccountId, TwelveDigits) {
  EXPECT_TRUE(model::is_account_id("111122223333"));
  EXPECT_FALSE(model::is_account_id("11112222333"));
  EXPECT_FALSE(model::is_account_id("11112222333a"));
  EXPECT_FALSE(model::is_account_id("1111-2222-3333"));
}

}  // namespace
}  // namespace bucketlint
