// TR001-TR005: trust policies and AssumeRole chains (aws-semantics.md sections 5.2 and 6; rows 5,
// 34-36 of section 13).

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "fix_snippets.h"
#include "model_builder.h"

namespace bucketlint {
namespace {

using testing::HasSubstr;
using testing::IsEmpty;
using testing::SizeIs;
using testing_util::kA;
using testing_util::kBucket;
using testing_util::messages;
using testing_util::ModelBuilder;

constexpr const char* kPublisher = "arn:aws:iam::111111111111:role/cross-account-site-publisher";
constexpr const char* kUploader = "arn:aws:iam::222222222222:role/site-uploader";

std::string trust_of(const std::string& principal_json, const std::string& condition = "") {
  return R"({"Version": "2012-10-17", "Statement": [{"Sid": "Trust", "Effect": "Allow",
    "Principal": )" +
         principal_json + R"(, "Action": "sts:AssumeRole")" +
         (condition.empty() ? "" : ", \"Condition\": " + condition) + "}]}";
}

std::string allow(const std::string& action, const std::string& resource) {
  return R"({"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": ")" + action +
         R"(", "Resource": ")" + resource + R"("}})";
}

constexpr const char* kPutObjects = R"({"Version": "2012-10-17", "Statement": [{
  "Effect": "Allow", "Action": ["s3:PutObject", "s3:PutObjectAcl"],
  "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*"}]})";

// The article's fix (row 5): B's role assumes a role in A that writes into A's bucket.
ModelBuilder seed3(const std::string& trust_principal = kUploader,
                   const std::string& uploader_identity = allow("sts:AssumeRole", kPublisher),
                   const std::string& publisher_permissions = kPutObjects) {
  ModelBuilder b;
  b.bucket(kBucket, kA, R"({"Version": "2012-10-17", "Statement": [{"Sid": "AllowOAI",
    "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::cloudfront:user/CloudFront Origin Access Identity E74FTE3AEXAMPLE"},
    "Action": "s3:GetObject", "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*"}]})");
  b.role(kPublisher, {publisher_permissions}, trust_of(R"({"AWS": ")" + trust_principal + R"("})"));
  b.role(kUploader, {uploader_identity}, trust_of(R"({"Service": "ec2.amazonaws.com"})"));
  return b;
}

// ---------------------------------------------------------------------------------------------
// TR001

TEST(Tr001, WorkingChainIsClean) {  // row 5
  ModelBuilder b = seed3();
  EXPECT_THAT(messages(b.run("TR001")), IsEmpty());
}

TEST(Tr001, IdentityAllowsButTrustNamesAnotherRole) {
  ModelBuilder b = seed3("arn:aws:iam::222222222222:role/old-uploader");
  auto run = b.run("TR001");
  ASSERT_THAT(run, SizeIs(1));
  const Finding& f = run[0];
  EXPECT_EQ(f.severity, Severity::kError);
  EXPECT_THAT(f.message, HasSubstr(kUploader));
  EXPECT_THAT(f.message, HasSubstr(kPublisher));
  EXPECT_EQ(f.where.file(), "roles/site-uploader/policy0.json");
  EXPECT_THAT(f.remediation, HasSubstr(std::string(R"("AWS": ")") + kUploader));
}

TEST(Tr001, TrustedButIdentityDoesNotAllow) {  // row 36
  ModelBuilder b = seed3(kUploader, allow("s3:PutObject", "arn:aws:s3:::amzn-s3-demo-bucket/*"));
  auto run = b.run("TR001");
  ASSERT_THAT(run, SizeIs(1));
  const Finding& f = run[0];
  EXPECT_EQ(f.where.file(), "roles/cross-account-site-publisher/trust.json");
  EXPECT_THAT(f.message, HasSubstr("identity policies"));
  EXPECT_THAT(f.remediation, HasSubstr(std::string(R"("Resource": ")") + kPublisher));
}

TEST(Tr001, ResourceStarIsADelegationNotAChain) {
  ModelBuilder b =
      seed3("arn:aws:iam::222222222222:role/old-uploader", allow("sts:AssumeRole", "*"));
  EXPECT_THAT(messages(b.run("TR001")), IsEmpty());
}

TEST(Tr001, ExternalIdRequirementAloneIsNotBroken) {  // row 35: depends on the caller
  ModelBuilder b;
  b.role(kPublisher, {kPutObjects},
         trust_of(std::string(R"({"AWS": ")") + kUploader + R"("})",
                  R"({"StringEquals": {"sts:ExternalId": "12345"}})"));
  b.role(kUploader, {allow("sts:AssumeRole", kPublisher)}, "");
  EXPECT_THAT(messages(b.run("TR001")), IsEmpty());
}

TEST(Tr001, TrustOfAnAccountDelegates) {
  ModelBuilder b = seed3("222222222222");
  EXPECT_THAT(messages(b.run("TR001")), IsEmpty());
}

// ---------------------------------------------------------------------------------------------
// TR002

TEST(Tr002, AwsStar) {
  ModelBuilder b;
  b.role(kPublisher, {}, trust_of(R"({"AWS": "*"})"));
  auto run = b.run("TR002");
  ASSERT_THAT(run, SizeIs(1));
  EXPECT_EQ(run[0].severity, Severity::kError);
  EXPECT_EQ(run[0].where.pointer(), "/Statement/0/Principal/AWS");
  EXPECT_THAT(run[0].message, HasSubstr(kPublisher));
}

TEST(Tr002, BareStar) {
  ModelBuilder b;
  b.role(kPublisher, {}, trust_of(R"("*")"));
  EXPECT_THAT(b.run("TR002"), SizeIs(1));
}

TEST(Tr002, ConditionThatDoesNotNarrowWho) {
  ModelBuilder b;
  b.role(kPublisher, {},
         trust_of(R"({"AWS": "*"})", R"({"Bool": {"aws:SecureTransport": "true"}})"));
  EXPECT_THAT(b.run("TR002"), SizeIs(1));
}

TEST(Tr002, OrgConditionNarrows) {
  ModelBuilder b;
  b.role(
      kPublisher, {},
      trust_of(R"({"AWS": "*"})", R"({"StringEquals": {"aws:PrincipalOrgID": "o-exampleorgid"}})"));
  EXPECT_THAT(messages(b.run("TR002")), IsEmpty());
}

TEST(Tr002, PrincipalArnConditionNarrows) {
  ModelBuilder b;
  b.role(kPublisher, {},
         trust_of(R"({"AWS": "*"})",
                  std::string(R"({"ArnEquals": {"aws:PrincipalArn": ")") + kUploader + R"("}})"));
  EXPECT_THAT(messages(b.run("TR002")), IsEmpty());
}

TEST(Tr002, NamedPrincipal) {
  ModelBuilder b;
  b.role(kPublisher, {}, trust_of(std::string(R"({"AWS": ")") + kUploader + R"("})"));
  EXPECT_THAT(messages(b.run("TR002")), IsEmpty());
}

// ---------------------------------------------------------------------------------------------
// TR003

TEST(Tr003, UntrustedAccountWithoutExternalId) {
  ModelBuilder b;
  b.model.trusted_accounts = {kA};
  b.model.trusted_accounts_configured = true;
  b.role(kPublisher, {}, trust_of(R"({"AWS": "222222222222"})"));  // account-ID short form
  auto run = b.run("TR003");
  ASSERT_THAT(run, SizeIs(1));
  const Finding& f = run[0];
  EXPECT_EQ(f.severity, Severity::kWarning);
  EXPECT_THAT(f.message, HasSubstr("account '222222222222'"));
  EXPECT_THAT(f.message, HasSubstr("not in trusted_accounts"));
  EXPECT_THAT(f.remediation, HasSubstr("sts:ExternalId"));
}

TEST(Tr003, RootArnFormToo) {
  ModelBuilder b;
  b.model.trusted_accounts_configured = true;
  b.role(kPublisher, {}, trust_of(R"({"AWS": "arn:aws:iam::222222222222:root"})"));
  EXPECT_THAT(b.run("TR003"), SizeIs(1));
}

TEST(Tr003, ExternalIdRequired) {  // row 35
  ModelBuilder b;
  b.model.trusted_accounts_configured = true;
  b.role(
      kPublisher, {},
      trust_of(R"({"AWS": "222222222222"})", R"({"StringEquals": {"sts:ExternalId": "12345"}})"));
  EXPECT_THAT(messages(b.run("TR003")), IsEmpty());
}

TEST(Tr003, TrustedAccount) {
  ModelBuilder b;
  b.model.trusted_accounts = {kA, "222222222222"};
  b.model.trusted_accounts_configured = true;
  b.role(kPublisher, {}, trust_of(std::string(R"({"AWS": ")") + kUploader + R"("})"));
  EXPECT_THAT(messages(b.run("TR003")), IsEmpty());
}

TEST(Tr003, SameAccount) {
  ModelBuilder b;
  b.model.trusted_accounts_configured = true;
  b.role(kPublisher, {}, trust_of(R"({"AWS": "arn:aws:iam::111111111111:role/deployer"})"));
  EXPECT_THAT(messages(b.run("TR003")), IsEmpty());
}

TEST(Tr003, NoteWhenTrustedAccountsNotConfigured) {
  ModelBuilder b;
  b.role(kPublisher, {}, trust_of(std::string(R"({"AWS": ")") + kUploader + R"("})"));
  auto run = b.run("TR003");
  ASSERT_THAT(run, SizeIs(1));
  EXPECT_EQ(run[0].severity, Severity::kNote);
  ASSERT_THAT(run[0].notes, SizeIs(1));
  EXPECT_THAT(run[0].notes[0].text, HasSubstr("trusted_accounts"));
}

// ---------------------------------------------------------------------------------------------
// TR004

TEST(Tr004, RoleCanWrite) {  // row 5
  ModelBuilder b = seed3();
  EXPECT_THAT(messages(b.run("TR004")), IsEmpty());
}

TEST(Tr004, PermissionOnBucketArnOnly) {
  ModelBuilder b = seed3(kUploader, allow("sts:AssumeRole", kPublisher),
                         allow("s3:PutObject", "arn:aws:s3:::amzn-s3-demo-bucket"));
  auto run = b.run("TR004");
  ASSERT_THAT(run, SizeIs(1));
  const Finding& f = run[0];
  EXPECT_EQ(f.severity, Severity::kError);
  EXPECT_THAT(f.message, HasSubstr(kPublisher));
  EXPECT_THAT(f.message, HasSubstr("'222222222222'"));
  EXPECT_THAT(f.message, HasSubstr("'amzn-s3-demo-bucket'"));
  EXPECT_THAT(f.remediation, HasSubstr("arn:aws:s3:::amzn-s3-demo-bucket/*"));
}

TEST(Tr004, BucketPolicyDenyCatchesTheRole) {
  ModelBuilder b;
  b.bucket(kBucket, kA, R"({"Version": "2012-10-17", "Statement": [{"Sid": "DenyWrites",
    "Effect": "Deny", "Principal": "*", "Action": "s3:PutObject",
    "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*"}]})");
  b.role(kPublisher, {kPutObjects}, trust_of(std::string(R"({"AWS": ")") + kUploader + R"("})"));
  auto run = b.run("TR004");
  ASSERT_THAT(run, SizeIs(1));
  EXPECT_EQ(run[0].where.file(), "buckets/amzn-s3-demo-bucket/policy.json");
}

TEST(Tr004, RoleNobodyElseAssumesIsNotChecked) {
  ModelBuilder b;
  b.bucket(kBucket, kA);
  b.role(kPublisher, {allow("s3:PutObject", "arn:aws:s3:::amzn-s3-demo-bucket")},
         trust_of(R"({"Service": "ec2.amazonaws.com"})"));
  EXPECT_THAT(messages(b.run("TR004")), IsEmpty());
}

TEST(Tr004, BucketNamedByBucketPolicyGrant) {
  ModelBuilder b;
  b.bucket(kBucket, kA,
           std::string(R"({"Version": "2012-10-17", "Statement": [{
    "Effect": "Allow", "Principal": {"AWS": ")") +
               kPublisher + R"("},
    "Action": "s3:PutObject", "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*"}]})");
  // Same account: the bucket policy's grant to the role suffices (aws-semantics.md 5.1, row 38).
  b.role(kPublisher, {allow("s3:GetObject", "arn:aws:s3:::other-bucket/*")},
         trust_of(std::string(R"({"AWS": ")") + kUploader + R"("})"));
  EXPECT_THAT(messages(b.run("TR004")), IsEmpty());
}

TEST(Tr004, AccountRootGrantIsADelegationTheRoleMustUse) {  // row 37
  ModelBuilder b;
  b.bucket(kBucket, kA, R"({"Version": "2012-10-17", "Statement": [{
    "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111111111111:root"},
    "Action": "s3:PutObject", "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*"}]})");
  // The role's permission policy names the bucket but only for reading.
  b.role(kPublisher, {allow("s3:GetObject", "arn:aws:s3:::amzn-s3-demo-bucket/*")},
         trust_of(std::string(R"({"AWS": ")") + kUploader + R"("})"));
  EXPECT_THAT(b.run("TR004"), SizeIs(1));
}

// ---------------------------------------------------------------------------------------------
// TR005

TEST(Tr005, RoleUniqueIdInBucketPolicy) {  // row 34
  ModelBuilder b;
  b.bucket(kBucket, kA, R"({"Version": "2012-10-17", "Statement": [{"Sid": "Uploader",
    "Effect": "Allow", "Principal": {"AWS": "AROA1234567890EXAMPLE"},
    "Action": "s3:PutObject", "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*"}]})");
  auto run = b.run("TR005");
  ASSERT_THAT(run, SizeIs(1));
  EXPECT_EQ(run[0].severity, Severity::kWarning);
  EXPECT_THAT(run[0].message, HasSubstr("deleted IAM role"));
  EXPECT_EQ(run[0].where.pointer(), "/Statement/0/Principal/AWS");
}

TEST(Tr005, UserUniqueIdInTrustPolicy) {
  ModelBuilder b;
  b.role(
      kPublisher, {},
      trust_of(
          R"({"AWS": ["arn:aws:iam::222222222222:role/site-uploader", "AIDAJQABLZS4A3QDU576Q"]})"));
  auto run = b.run("TR005");
  ASSERT_THAT(run, SizeIs(1));
  EXPECT_THAT(run[0].message, HasSubstr("deleted IAM user"));
}

TEST(Tr005, ArnsAreFine) {
  ModelBuilder b = seed3();
  EXPECT_THAT(messages(b.run("TR005")), IsEmpty());
}

TEST(TrHelpers, DeletedPrincipalIds) {
  EXPECT_TRUE(rules::is_deleted_principal_id("AROA1234567890EXAMPLE"));
  EXPECT_TRUE(rules::is_deleted_principal_id("AIDAJQABLZS4A3QDU576Q"));
  EXPECT_FALSE(rules::is_deleted_principal_id("AKIAIOSFODNN7EXAMPLE"));  // an access key
  EXPECT_FALSE(rules::is_deleted_principal_id("arn:aws:iam::222222222222:role/AROAX"));
  EXPECT_FALSE(rules::is_deleted_principal_id("AROA"));
  EXPECT_FALSE(rules::is_deleted_principal_id("AROAabc1234567890EXAMPLE"));
}

}  // namespace
}  // namespace bucketlint
