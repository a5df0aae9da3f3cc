// PL101-PL114: the catalogue-backed policy-language rules, positive and negative cases.

#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "lint_helpers.h"
#include "policy_language.h"

namespace bucketlint {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using testing_util::lint;
using testing_util::rule_ids;

// An identity policy with one statement built from the given members.
std::string identity(const std::string& statement_members) {
  return R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", )" + statement_members +
         "}]}";
}

std::vector<std::string> ids(const std::string& text, const std::string& rule) {
  return rule_ids(lint({{"p.json", text}}, rule));
}

std::string first_message(const std::string& text, const std::string& rule) {
  auto run = lint({{"p.json", text}}, rule);
  return run->result.findings.empty() ? "" : run->result.findings[0].message;
}

Severity first_severity(const std::string& text, const std::string& rule) {
  auto run = lint({{"p.json", text}}, rule);
  return run->result.findings.at(0).severity;
}

// ---- helpers ---------------------------------------------------------------------------------

TEST(PlHelpers, GlobMatch) {
  EXPECT_TRUE(rules::pl::glob_match("s3:Get*", "s3:getobject", true));
  EXPECT_FALSE(rules::pl::glob_match("s3:Get*", "s3:getobject", false));
  EXPECT_TRUE(rules::pl::glob_match("a?c", "abc", false));
  EXPECT_FALSE(rules::pl::glob_match("a?c", "ac", false));
}

TEST(PlHelpers, GlobsIntersect) {
  EXPECT_TRUE(rules::pl::globs_intersect("arn:aws:s3:::b/*", "arn:*:s3:::*/*", false));
  EXPECT_FALSE(rules::pl::globs_intersect("arn:aws:s3:::b", "arn:*:s3:::*/*", false));
  EXPECT_TRUE(rules::pl::globs_intersect("arn:aws:s3:::b*", "arn:*:s3:::*/*", false));
  EXPECT_FALSE(rules::pl::globs_intersect("abc", "abd", false));
  EXPECT_TRUE(rules::pl::globs_intersect("a*d", "ab*", false));
  const std::string bucket = rules::pl::arn_pattern_to_glob("arn:${Partition}:s3:::${BucketName}");
  EXPECT_FALSE(rules::pl::globs_intersect("arn:aws:s3:::b/*", bucket, false));
  EXPECT_TRUE(rules::pl::globs_intersect("arn:aws:s3:::b*", bucket, false));
  EXPECT_TRUE(rules::pl::globs_intersect("arn:aws:s3:::*", bucket, false));
  // A side of stars only: a plain star takes anything, segment stars no '/' or ':'.
  const std::string segment(1, rules::pl::kSegmentStar);
  EXPECT_TRUE(rules::pl::globs_intersect("x/y:z", "*", false));
  EXPECT_TRUE(rules::pl::globs_intersect("aws-cn", segment, false));
  EXPECT_TRUE(rules::pl::globs_intersect(segment + segment, "a?b*", false));
  EXPECT_FALSE(rules::pl::globs_intersect("a/b", segment, false));
  EXPECT_FALSE(rules::pl::globs_intersect(segment, "a:*", false));
}

TEST(PlHelpers, VariablesToStar) {
  using rules::pl::variables_to_star;
  EXPECT_EQ(variables_to_star("arn:aws:s3:::b/${aws:username}/*"), "arn:aws:s3:::b/*/*");
  EXPECT_EQ(variables_to_star("${a}${b, 'x'}c"), "**c");
  EXPECT_EQ(variables_to_star("plain"), "plain");
  EXPECT_EQ(variables_to_star(""), "");
  // An unclosed variable is text.
  EXPECT_EQ(variables_to_star("a${b}c${d"), "a*c${d");
  EXPECT_EQ(variables_to_star("$x{y}"), "$x{y}");
}

// ---- PL101-PL103 -----------------------------------------------------------------------------

TEST(PL101, UnknownServicePrefix) {
  const std::string bad = identity(R"("Action": "s3x:GetObject", "Resource": "*")");
  EXPECT_THAT(ids(bad, "PL101"), ElementsAre("PL101"));
  EXPECT_THAT(first_message(bad, "PL101"), ::testing::HasSubstr("did you mean 's3'"));
  EXPECT_THAT(ids(identity(R"("Action": "S3:GetObject", "Resource": "*")"), "PL101"), IsEmpty());
  EXPECT_THAT(ids(identity(R"("Action": "*", "Resource": "*")"), "PL101"), IsEmpty());
  EXPECT_THAT(ids(identity(R"("Action": "zz*:Get", "Resource": "*")"), "PL101"),
              ElementsAre("PL101"));
}

TEST(PL102, UnknownAction) {
  const std::string bad = identity(R"("Action": "s3:DeletObject", "Resource": "*")");
  EXPECT_THAT(ids(bad, "PL102"), ElementsAre("PL102"));
  EXPECT_THAT(first_message(bad, "PL102"), ::testing::HasSubstr("did you mean 's3:DeleteObject'"));
  EXPECT_THAT(
      ids(identity(R"("Action": "cloudWatch:getMetricWidgetImage", "Resource": "*")"), "PL102"),
      IsEmpty());
  // NotAction values are checked too.
  EXPECT_THAT(ids(identity(R"("NotAction": "iam:PassRoles", "Resource": "*")"), "PL102"),
              ElementsAre("PL102"));
}

TEST(PL103, WildcardMatchesNothing) {
  EXPECT_THAT(ids(identity(R"("Action": "ec2:Descibe*", "Resource": "*")"), "PL103"),
              ElementsAre("PL103"));
  EXPECT_THAT(ids(identity(R"("Action": "ec2:* ", "Resource": "*")"), "PL103"),
              ElementsAre("PL103"));
  EXPECT_THAT(
      ids(identity(R"("Action": ["ec2:Describe*", "s3:*Object?cl"], "Resource": "*")"), "PL103"),
      IsEmpty());
}

// ---- PL104-PL109 -----------------------------------------------------------------------------

std::string with_condition(const std::string& action, const std::string& condition) {
  return identity(R"("Action": ")" + action + R"(", "Resource": "*", "Condition": )" + condition);
}

TEST(PL104, UnknownConditionKey) {
  EXPECT_THAT(ids(with_condition("s3:GetObject",
                                 R"({"StringEquals": {"aws:PrincipalOrganization": "o-1"}})"),
                  "PL104"),
              ElementsAre("PL104"));
  EXPECT_THAT(
      ids(with_condition("s3:PutObject", R"({"StringEquals": {"s3:x-amz-acls": "x"}})"), "PL104"),
      ElementsAre("PL104"));
  const std::string typo =
      with_condition("s3:GetObject", R"({"IpAddress": {"aws:SourceIpp": "10.0.0.0/8"}})");
  EXPECT_THAT(first_message(typo, "PL104"), ::testing::HasSubstr("did you mean 'aws:SourceIp'"));
  EXPECT_THAT(ids(with_condition("s3:PutObject",
                                 R"({"StringEquals": {"AWS:PrincipalOrgID": "o-1",
                                     "aws:RequestTag/team": "a",
                                     "s3:ExistingObjectTag/owner": "b",
                                     "s3:x-amz-acl": "private"}})"),
                  "PL104"),
              IsEmpty());
  // Identity-provider keys are not judged.
  EXPECT_THAT(ids(with_condition(
                      "sts:AssumeRoleWithWebIdentity",
                      R"({"StringEquals": {"oidc.eks.us-east-1.amazonaws.com/id/EX:sub": "x"}})"),
                  "PL104"),
              IsEmpty());
}

TEST(PL105, KeyUnsupportedByActions) {
  EXPECT_THAT(
      ids(with_condition("s3:GetObject", R"({"StringLike": {"s3:prefix": "home/*"}})"), "PL105"),
      ElementsAre("PL105"));
  EXPECT_THAT(
      ids(with_condition("s3:ListBucket", R"({"StringLike": {"s3:prefix": "home/*"}})"), "PL105"),
      IsEmpty());
  // Global and cross-service keys, and Action "*", are not judged.
  EXPECT_THAT(ids(with_condition("s3:GetObject",
                                 R"({"ArnEquals": {"ec2:SourceInstanceArn": "arn:aws:ec2:*"},
                                     "Bool": {"aws:SecureTransport": "true"}})"),
                  "PL105"),
              IsEmpty());
  EXPECT_THAT(ids(with_condition("*", R"({"StringLike": {"s3:prefix": "home/*"}})"), "PL105"),
              IsEmpty());
}

TEST(PL106, OperatorTypeMismatch) {
  EXPECT_THAT(
      ids(with_condition("s3:GetObject", R"({"StringEquals": {"aws:SourceIp": "203.0.113.0/24"}})"),
          "PL106"),
      ElementsAre("PL106"));
  EXPECT_THAT(
      ids(with_condition("s3:GetObject", R"({"Bool": {"aws:SecureTransport": "yes"}})"), "PL106"),
      ElementsAre("PL106"));
  EXPECT_THAT(
      ids(with_condition("s3:GetObject", R"({"NumericLessThan": {"s3:TlsVersion": "one"}})"),
          "PL106"),
      ElementsAre("PL106"));
  EXPECT_THAT(ids(with_condition("s3:GetObject",
                                 R"({"IpAddress": {"aws:SourceIp": "203.0.113.0/24"},
                                     "Bool": {"aws:SecureTransport": false},
                                     "NumericLessThan": {"s3:TlsVersion": 1.2},
                                     "DateGreaterThan": {"aws:CurrentTime": "2020-01-01T00:00:00Z"},
                                     "NumericLessThan": {"aws:EpochTime": "1700000000"},
                                     "StringLike": {"aws:SourceArn": "arn:aws:sns:*"},
                                     "Null": {"aws:SourceIp": "true"}})"),
                  "PL106"),
              IsEmpty());
}

TEST(PL107, SetOperatorOnSingleValuedKey) {
  EXPECT_THAT(ids(with_condition("s3:GetObject",
                                 R"({"ForAllValues:StringEquals": {"aws:PrincipalOrgID": "o-1"}})"),
                  "PL107"),
              ElementsAre("PL107"));
  EXPECT_THAT(ids(with_condition("s3:PutObjectTagging",
                                 R"({"ForAllValues:StringEquals": {"aws:TagKeys": ["a", "b"]}})"),
                  "PL107"),
              IsEmpty());
}

TEST(PL108, WildcardWithoutLike) {
  EXPECT_THAT(
      ids(with_condition("s3:ListBucket", R"({"StringEquals": {"s3:prefix": ["home/*", "ok"]}})"),
          "PL108"),
      ElementsAre("PL108"));
  EXPECT_THAT(ids(with_condition("s3:ListBucket",
                                 R"({"StringLike": {"s3:prefix": "home/*"},
                                     "StringEquals": {"s3:delimiter": "${*}/"},
                                     "ArnEquals": {"aws:SourceArn": "arn:aws:sns:*:*:t"}})"),
                  "PL108"),
              IsEmpty());
}

TEST(PL109, NullWithIfExists) {
  EXPECT_THAT(
      ids(with_condition("s3:GetObject", R"({"NullIfExists": {"aws:TokenIssueTime": "true"}})"),
          "PL109"),
      ElementsAre("PL109"));
  EXPECT_THAT(
      ids(with_condition("s3:GetObject", R"({"Null": {"aws:TokenIssueTime": "true"}})"), "PL109"),
      IsEmpty());
}

// ---- PL110-PL113 -----------------------------------------------------------------------------

TEST(PL110, ActionResourceMismatch) {
  EXPECT_THAT(
      ids(identity(R"("Action": "s3:GetObject", "Resource": "arn:aws:s3:::media")"), "PL110"),
      ElementsAre("PL110"));
  EXPECT_THAT(
      ids(identity(R"("Action": "s3:ListBucket", "Resource": "arn:aws:s3:::media/*")"), "PL110"),
      ElementsAre("PL110"));
  EXPECT_THAT(ids(identity(R"("Action": ["s3:GetObject", "s3:ListBucket"],
                             "Resource": ["arn:aws:s3:::media", "arn:aws:s3:::media/*"])"),
                  "PL110"),
              IsEmpty());
  EXPECT_THAT(ids(identity(R"("Action": "s3:GetObject", "Resource": "*")"), "PL110"), IsEmpty());
  // Policy variables stand for any text.
  EXPECT_THAT(
      ids(identity(R"("Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/${aws:username}")"),
          "PL110"),
      IsEmpty());
  // An action without resource types on a specific ARN: a note.
  const std::string star_only =
      identity(R"("Action": "s3:ListAllMyBuckets", "Resource": "arn:aws:s3:::media")");
  EXPECT_THAT(ids(star_only, "PL110"), ElementsAre("PL110"));
  EXPECT_EQ(first_severity(star_only, "PL110"), Severity::kNote);
  // A wildcard is flagged only when none of its actions fits.
  EXPECT_THAT(ids(identity(R"("Action": "s3:Get*", "Resource": "arn:aws:s3:::media")"), "PL110"),
              IsEmpty());
}

TEST(PL111, Redundant) {
  EXPECT_THAT(ids(identity(R"("Action": ["s3:Get*", "s3:GetObject"], "Resource": "*")"), "PL111"),
              ElementsAre("PL111"));
  EXPECT_THAT(ids(identity(R"("Action": "s3:GetObject",
                             "Resource": ["arn:aws:s3:::b/*", "arn:aws:s3:::b/a.txt"])"),
                  "PL111"),
              ElementsAre("PL111"));
  EXPECT_THAT(
      ids(identity(R"("Action": ["s3:GetObject", "s3:GetObject"], "Resource": "*")"), "PL111"),
      ElementsAre("PL111"));
  EXPECT_THAT(ids(identity(R"("Action": ["s3:GetObject", "s3:PutObject"],
                             "Resource": ["arn:aws:s3:::b", "arn:aws:s3:::b/*"])"),
                  "PL111"),
              IsEmpty());
}

// Which value is reported, and as covered by which wildcard, when several could cover it.
TEST(PL111, NamesTheFirstCoveringWildcard) {
  const std::string text = identity(R"("Action": ["s3:GetObject*", "S3:Get*", "s3:getobjectacl",
      "s3:G*", "s3:Put*", "s3:PutObjectAcl", "s3:*", "iam:*"], "Resource": "*")");
  auto run = testing_util::lint({{"p.json", text}}, "PL111");
  std::vector<std::string> messages;
  for (const auto& f : run->result.findings) messages.push_back(f.message);
  EXPECT_THAT(messages, ElementsAre("action 's3:GetObject*' is covered by 'S3:Get*'",
                                    "action 'S3:Get*' is covered by 's3:G*'",
                                    "action 's3:getobjectacl' is covered by 's3:GetObject*'",
                                    "action 's3:G*' is covered by 's3:*'",
                                    "action 's3:Put*' is covered by 's3:*'",
                                    "action 's3:PutObjectAcl' is covered by 's3:Put*'"));
}

TEST(PL111, RepeatsIgnoreCaseOnlyForActions) {
  EXPECT_EQ(first_message(identity(R"("Action": ["s3:ListBucket", "S3:LISTBUCKET"],
                                      "Resource": "*")"),
                          "PL111"),
            "action 'S3:LISTBUCKET' is listed twice");
  EXPECT_THAT(ids(identity(R"("Action": "s3:GetObject",
                             "Resource": ["arn:aws:s3:::b/x", "arn:aws:s3:::B/x"])"),
                  "PL111"),
              IsEmpty());
  // Of two equal wildcards, the later is the repeat; a wildcard does not cover itself.
  EXPECT_EQ(
      first_message(identity(R"("Action": ["s3:Get*", "s3:get*"], "Resource": "*")"), "PL111"),
      "action 's3:get*' is listed twice");
  EXPECT_THAT(ids(identity(R"("Action": ["s3:Get*", "s3:List*"], "Resource": "*")"), "PL111"),
              IsEmpty());
}

// Lists longer than 16 values find repeats through a hash table instead of pairwise.
TEST(PL111, RepeatsInLongLists) {
  std::string actions;
  for (int i = 0; i < 40; ++i) actions += fmt::format("\"ec2:Action{}\", ", i);
  const std::string repeated =
      identity(R"("Action": [)" + actions + R"("EC2:ACTION7", "ec2:action39"], "Resource": "*")");
  auto run = testing_util::lint({{"p.json", repeated}}, "PL111");
  std::vector<std::string> messages;
  for (const auto& f : run->result.findings) messages.push_back(f.message);
  EXPECT_THAT(messages, ElementsAre("action 'EC2:ACTION7' is listed twice",
                                    "action 'ec2:action39' is listed twice"));
  EXPECT_THAT(
      ids(identity(R"("Action": [)" + actions + R"("ec2:Action40"], "Resource": "*")"), "PL111"),
      IsEmpty());
}

TEST(PL112, PassRoleWithStar) {
  // A resource policy (Principal present) is not judged.
  EXPECT_THAT(ids(R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
                     "Principal": "*", "Action": "*", "Resource": "*"}]})",
                  "PL112"),
              IsEmpty());
  EXPECT_THAT(
      ids(identity(R"("Action": ["ec2:RunInstances", "iam:PassRole"], "Resource": "*")"), "PL112"),
      ElementsAre("PL112"));
  EXPECT_THAT(ids(identity(R"("Action": "iam:*", "Resource": "*")"), "PL112"),
              ElementsAre("PL112"));
  EXPECT_THAT(ids(identity(R"("Action": "iam:PassRole",
                             "Resource": "arn:aws:iam::111122223333:role/app")"),
                  "PL112"),
              IsEmpty());
  EXPECT_THAT(ids(R"({"Version": "2012-10-17", "Statement": [{"Effect": "Deny",
                     "Action": "iam:PassRole", "Resource": "*"}]})",
                  "PL112"),
              IsEmpty());
}

TEST(PL113, AllowNotActionStar) {
  EXPECT_THAT(ids(identity(R"("NotAction": "iam:*", "Resource": "*")"), "PL113"),
              ElementsAre("PL113"));
  EXPECT_THAT(ids(identity(R"("Action": "*", "NotResource": "arn:aws:s3:::secret/*")"), "PL113"),
              ElementsAre("PL113"));
  EXPECT_THAT(ids(R"({"Version": "2012-10-17", "Statement": [{"Effect": "Deny",
                     "NotAction": "iam:*", "Resource": "*"}]})",
                  "PL113"),
              IsEmpty());
  EXPECT_THAT(ids(identity(R"("NotAction": "iam:*", "Resource": "arn:aws:s3:::b/*")"), "PL113"),
              IsEmpty());
}

// ---- PL114 -----------------------------------------------------------------------------------

std::string bucket_policy(const std::string& principal) {
  return R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": )" +
         principal + R"(, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}]})";
}

TEST(PL114, PrincipalFormats) {
  EXPECT_THAT(ids(bucket_policy(R"({"Service": "arn:aws:iam::111122223333:role/x"})"), "PL114"),
              ElementsAre("PL114"));
  EXPECT_THAT(ids(bucket_policy(R"({"Service": "EC2"})"), "PL114"), ElementsAre("PL114"));
  // AWS and CanonicalUser forms and wildcards are PL018/PL019's: reported once, not twice.
  EXPECT_THAT(ids(bucket_policy(R"({"AWS": "arn:aws:iam::account-id:root"})"), "PL114"), IsEmpty());
  EXPECT_THAT(ids(bucket_policy(R"({"CanonicalUser": "abc"})"), "PL114"), IsEmpty());
  EXPECT_THAT(ids(bucket_policy(R"({"Service": "*.amazonaws.com"})"), "PL114"), IsEmpty());
  const std::string federated = bucket_policy(R"({"Federated": "login.example.com"})");
  EXPECT_THAT(ids(federated, "PL114"), ElementsAre("PL114"));
  EXPECT_EQ(first_severity(federated, "PL114"), Severity::kWarning);
  EXPECT_THAT(
      ids(bucket_policy(
              R"({"AWS": ["arn:aws:iam::cloudfront:user/CloudFront Origin Access Identity E2QWRUHAPOMQZL",
                          "111122223333", "arn:aws:sts::111122223333:assumed-role/r/s", "*"],
                  "CanonicalUser": "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be",
                  "Service": ["cloudfront.amazonaws.com", "logs.us-east-1.amazonaws.com"],
                  "Federated": ["arn:aws:iam::111122223333:saml-provider/corp",
                                "cognito-identity.amazonaws.com"]})"),
          "PL114"),
      IsEmpty());
}

}  // namespace
}  // namespace bucketlint
