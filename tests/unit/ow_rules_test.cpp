// OW001-OW005 against the scenario truth table of aws-semantics.md section 13 (rows named per
// test).

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "model_builder.h"

namespace bucketlint::testing_util {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

const std::vector<std::string> kOwRules = {"OW001", "OW002", "OW003", "OW004", "OW005"};

// A's bucket policy: B's role may put (with `put_condition`), the OAI may read.
std::string policy_with(const std::string& writer_principal, const std::string& put_condition,
                        const std::string& reader_statement) {
  std::string s = R"({"Version": "2012-10-17", "Statement": [
    {"Sid": "Uploader", "Effect": "Allow", "Principal": {"AWS": ")" +
                  writer_principal + R"("},
     "Action": ["s3:PutObject", "s3:PutObjectAcl"], "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*")";
  if (!put_condition.empty()) s += R"(, "Condition": )" + put_condition;
  s += "}";
  if (!reader_statement.empty()) s += ",\n" + reader_statement;
  s += "]}";
  return s;
}

const std::string kOaiRead = R"(
    {"Sid": "OAIRead", "Effect": "Allow",
     "Principal": {"AWS": "arn:aws:iam::cloudfront:user/CloudFront Origin Access Identity E74FTE3AEXAMPLE"},
     "Action": "s3:GetObject", "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*"})";

const std::string kOacRead = R"(
    {"Sid": "OACRead", "Effect": "Allow", "Principal": {"Service": "cloudfront.amazonaws.com"},
     "Action": "s3:GetObject", "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*",
     "Condition": {"StringEquals": {"AWS:SourceArn": "arn:aws:cloudfront::111111111111:distribution/EDFDVBD6EXAMPLE"}}})";

const std::string kRequireBofc =
    R"({"StringEquals": {"s3:x-amz-acl": "bucket-owner-full-control"}})";

const std::string kWriterIdentity = R"({"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Action": ["s3:PutObject", "s3:PutObjectAcl"],
     "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*"}]})";

// Row 1: no ownership controls, B's role writes without ACL, OAI reads: writer owns, 403.
TEST(Ow001, Row1NoOwnershipControlsIsForeignOwned) {
  ModelBuilder m;
  m.bucket(kBucket, kA, policy_with(kWriterRole, "", kOaiRead), ObjectOwnership::kObjectWriter,
           OwnershipSetting::Source::kNotFoundError);
  m.role(kWriterRole, {kWriterIdentity});
  m.distribution_with_oai();
  const std::vector<Finding> f = m.run("OW001");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].message,
            "objects that 'arn:aws:iam::222222222222:role/site-uploader' writes to "
            "'amzn-s3-demo-bucket' stay owned by account 222222222222; the bucket owner (account "
            "111111111111) and CloudFront distribution 'EDFDVBD6EXAMPLE' (OAI 'E74FTE3AEXAMPLE') "
            "get 403 on them");
  EXPECT_EQ(f[0].where.file(), "buckets/amzn-s3-demo-bucket/policy.json");
  EXPECT_EQ(f[0].where.pointer(), "/Statement/0");
  // The chain: identity policy, ownership setting, reader grant, distribution origin.
  std::vector<std::string> files;
  for (const Note& n : f[0].notes) files.push_back(n.where.file());
  EXPECT_THAT(files, ElementsAre("roles/site-uploader/policy0.json",
                                 "buckets/amzn-s3-demo-bucket/ownership-controls.json",
                                 "buckets/amzn-s3-demo-bucket/policy.json",
                                 "distributions/EDFDVBD6EXAMPLE/config.json"));
  EXPECT_THAT(f[0].remediation,
              HasSubstr("aws s3api put-bucket-ownership-controls --bucket amzn-s3-demo-bucket "
                        "--ownership-controls 'Rules=[{ObjectOwnership=BucketOwnerEnforced}]'"));
  EXPECT_THAT(f[0].remediation,
              HasSubstr(R"("Principal":{"AWS":"arn:aws:iam::222222222222:role/site-uploader"})"));
  EXPECT_THAT(f[0].remediation,
              HasSubstr("arn:aws:iam::111111111111:role/amzn-s3-demo-bucket-writer"));
}

TEST(Ow001, ExplicitObjectWriterFires) {
  ModelBuilder m;
  m.bucket(kBucket, kA, policy_with(kWriterRole, "", kOaiRead), ObjectOwnership::kObjectWriter);
  m.distribution_with_oai();
  EXPECT_THAT(m.ids(kOwRules), ElementsAre("OW001"));
}

// Row 1 with nothing saying the setting: OW001 under the stated assumption, plus OW005.
TEST(Ow001, UnknownOwnershipAssumesObjectWriterAndSaysSo) {
  ModelBuilder m;
  m.bucket(kBucket, kA, policy_with(kWriterRole, "", kOaiRead));
  const std::vector<Finding> f = m.run("OW001");
  ASSERT_EQ(f.size(), 1u);
  bool assumption = false;
  for (const Note& n : f[0].notes) {
    if (n.text.find("assumed 'ObjectWriter'") != std::string::npos) assumption = true;
  }
  EXPECT_TRUE(assumption);
  EXPECT_THAT(m.ids(kOwRules), ElementsAre("OW001", "OW005"));
}

// Row 27: OAC instead of OAI.
TEST(Ow001, Row27OacReaderNamed) {
  ModelBuilder m;
  m.bucket(kBucket, kA, policy_with(kWriterRole, "", kOacRead), ObjectOwnership::kObjectWriter);
  m.distribution(kDistId, kBucket, "", kOacId);
  const std::vector<Finding> f = m.run("OW001");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_THAT(f[0].message,
              HasSubstr("CloudFront distribution 'EDFDVBD6EXAMPLE' (OAC 'E1ABCDEFGHIJKL')"));
}

// Row 7: BucketOwnerPreferred, nothing requires the canned ACL.
TEST(Ow001, Row7PreferredWithoutRequiredBofc) {
  ModelBuilder m;
  m.bucket(kBucket, kA, policy_with(kWriterRole, "", kOaiRead),
           ObjectOwnership::kBucketOwnerPreferred);
  const std::vector<Finding> f = m.run("OW001");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_THAT(f[0].message, HasSubstr("BucketOwnerPreferred takes ownership only"));
  EXPECT_THAT(m.ids(kOwRules), ElementsAre("OW001"));
}

// Rows 6 and 29: BucketOwnerPreferred + required bucket-owner-full-control: bucket owner owns.
TEST(Ow001, Row6PreferredWithRequiredBofcIsClean) {
  ModelBuilder m;
  m.bucket(kBucket, kA, policy_with(kWriterRole, kRequireBofc, kOaiRead),
           ObjectOwnership::kBucketOwnerPreferred);
  m.distribution_with_oai();
  EXPECT_THAT(m.ids(kOwRules), IsEmpty());
}

TEST(Ow001, Row29PreferredWithRequiredBofcOacIsClean) {
  ModelBuilder m;
  m.bucket(kBucket, kA, policy_with(kWriterRole, kRequireBofc, kOacRead),
           ObjectOwnership::kBucketOwnerPreferred);
  m.distribution(kDistId, kBucket, "", kOacId);
  EXPECT_THAT(m.ids(kOwRules), IsEmpty());
}

// Row 14: Preferred, unconditional Allow plus Deny StringNotEquals: the canned ACL is required.
TEST(Ow001, Row14PreferredWithDenyStringNotEqualsIsClean) {
  ModelBuilder m;
  const std::string deny = R"(
    {"Sid": "RequireBofc", "Effect": "Deny", "Principal": "*", "Action": "s3:PutObject",
     "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*",
     "Condition": {"StringNotEquals": {"s3:x-amz-acl": "bucket-owner-full-control"}}})";
  m.bucket(kBucket, kA, policy_with(kWriterRole, "", kOaiRead + "," + deny),
           ObjectOwnership::kBucketOwnerPreferred);
  EXPECT_THAT(m.ids(kOwRules), IsEmpty());
}

// Same Deny under ObjectWriter: the writer must send the canned ACL, objects stay B's: OW002.
TEST(Ow002, Row14DenyPatternUnderObjectWriter) {
  ModelBuilder m;
  const std::string deny = R"(
    {"Sid": "RequireBofc", "Effect": "Deny", "Principal": "*", "Action": "s3:PutObject",
     "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*",
     "Condition": {"StringNotEquals": {"s3:x-amz-acl": "bucket-owner-full-control"}}})";
  m.bucket(kBucket, kA, policy_with(kWriterRole, "", kOaiRead + "," + deny),
           ObjectOwnership::kObjectWriter);
  EXPECT_THAT(m.ids(kOwRules), ElementsAre("OW002"));
}

// Allowing 'private' besides the canned ACL leaves a way to keep the bucket owner out.
TEST(Ow001, PrivateAclAllowedBesidesBofc) {
  ModelBuilder m;
  m.bucket(
      kBucket, kA,
      policy_with(kWriterRole,
                  R"({"StringEquals": {"s3:x-amz-acl": ["bucket-owner-full-control", "private"]}})",
                  kOaiRead),
      ObjectOwnership::kBucketOwnerPreferred);
  EXPECT_THAT(m.ids(kOwRules), ElementsAre("OW001"));
}

// Rows 9 and 10: BucketOwnerEnforced.
TEST(Ow001, Row9And10BucketOwnerEnforcedIsClean) {
  ModelBuilder m;
  m.bucket(kBucket, kA, policy_with(kWriterRole, "", kOacRead),
           ObjectOwnership::kBucketOwnerEnforced);
  m.distribution(kDistId, kBucket, "", kOacId);
  EXPECT_THAT(m.ids(kOwRules), IsEmpty());
}

// Row 5: B assumes a role in A; the bucket policy grants only A's role.
TEST(Ow001, Row5AssumeRoleInBucketAccountIsClean) {
  ModelBuilder m;
  m.bucket(kBucket, kA, policy_with("arn:aws:iam::111111111111:role/site-writer", "", kOaiRead),
           ObjectOwnership::kObjectWriter);
  m.role("arn:aws:iam::111111111111:role/site-writer", {kWriterIdentity},
         R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
             "Principal": {"AWS": "arn:aws:iam::222222222222:role/site-uploader"},
             "Action": "sts:AssumeRole"}]})");
  m.role(kWriterRole,
         {R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole",
              "Resource": "arn:aws:iam::111111111111:role/site-writer"}]})"});
  m.distribution_with_oai();
  EXPECT_THAT(m.ids(kOwRules), IsEmpty());
}

// Row 30: the writer's identity policy lacks s3:PutObject.
TEST(Ow001, Row30IdentityPolicyWithoutPutIsClean) {
  ModelBuilder m;
  m.bucket(kBucket, kA, policy_with(kWriterRole, "", kOaiRead), ObjectOwnership::kObjectWriter);
  m.role(kWriterRole,
         {R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject",
              "Resource": "*"}]})"});
  EXPECT_THAT(m.ids(kOwRules), IsEmpty());
}

// Row 31: B's identity allows, the bucket policy has no statement for B.
TEST(Ow001, Row31NoBucketPolicyGrantIsClean) {
  ModelBuilder m;
  m.bucket(kBucket, kA, R"({"Version": "2012-10-17", "Statement": [)" + kOaiRead + "]}",
           ObjectOwnership::kObjectWriter);
  m.role(kWriterRole, {kWriterIdentity});
  EXPECT_THAT(m.ids(kOwRules), IsEmpty());
}

// Row 32: account-ID short form as principal.
TEST(Ow001, Row32AccountShortForm) {
  ModelBuilder m;
  m.bucket(kBucket, kA, policy_with(kB, "", kOaiRead), ObjectOwnership::kObjectWriter);
  const std::vector<Finding> f = m.run("OW001");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_THAT(f[0].message, HasSubstr("objects that account '222222222222' writes"));
}

// The account principal stands for B's roles in the model: the finding names the role.
TEST(Ow001, AccountPrincipalResolvedToModelRole) {
  ModelBuilder m;
  m.bucket(kBucket, kA, policy_with("arn:aws:iam::222222222222:root", "", kOaiRead),
           ObjectOwnership::kObjectWriter);
  m.role(kWriterRole, {kWriterIdentity});
  const std::vector<Finding> f = m.run("OW001");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_THAT(f[0].message, HasSubstr("'arn:aws:iam::222222222222:role/site-uploader'"));
}

// s3:* and NotAction grant s3:PutObject too (the evaluator answers).
TEST(Ow001, WildcardAndNotActionCount) {
  for (const std::string& action :
       {std::string(R"("Action": "s3:*")"), std::string(R"("Action": "s3:Put*")"),
        std::string(R"("NotAction": "s3:DeleteObject")")}) {
    ModelBuilder m;
    m.bucket(kBucket, kA,
             R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
        "Principal": {"AWS": "222222222222"}, )" +
                 action + R"(, "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*"}]})",
             ObjectOwnership::kObjectWriter);
    EXPECT_THAT(m.ids({"OW001"}), ElementsAre("OW001")) << action;
  }
}

TEST(Ow001, ReadOnlyCrossAccountGrantIsClean) {
  ModelBuilder m;
  m.bucket(kBucket, kA, R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
      "Principal": {"AWS": "222222222222"}, "Action": "s3:GetObject",
      "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*"}]})",
           ObjectOwnership::kObjectWriter);
  EXPECT_THAT(m.ids(kOwRules), IsEmpty());
}

// Statement as a single object, and the get-bucket-policy string form.
TEST(Ow001, StatementAsSingleObject) {
  ModelBuilder m;
  m.bucket(kBucket, kA, R"({"Version": "2012-10-17", "Statement": {"Effect": "Allow",
      "Principal": {"AWS": "arn:aws:iam::222222222222:role/site-uploader"},
      "Action": "s3:PutObject", "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*"}})",
           ObjectOwnership::kObjectWriter);
  EXPECT_THAT(m.ids(kOwRules), ElementsAre("OW001"));
}

TEST(Ow001, GetBucketPolicyStringForm) {
  ModelBuilder m;
  m.bucket(
      kBucket, kA,
      R"({"Policy": "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"222222222222\"},\"Action\":\"s3:PutObject\",\"Resource\":\"arn:aws:s3:::amzn-s3-demo-bucket/*\"}]}"})",
      ObjectOwnership::kObjectWriter);
  const std::vector<Finding> f = m.run("OW001");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].where.line(), 1);
  EXPECT_GT(f[0].where.column(), 10);  // inside the embedded string
}

// A bucket ACL that blocks BucketOwnerEnforced puts the AC004 clean-up first.
TEST(Ow001, RemediationPutsAc004First) {
  ModelBuilder m;
  Bucket& b =
      m.bucket(kBucket, kA, policy_with(kWriterRole, "", kOaiRead), ObjectOwnership::kObjectWriter);
  b.acl = acl_of(kCanonA, {canonical_grant(kCanonA, "FULL_CONTROL", 3),
                           group_grant(kLogDeliveryUri, "WRITE", 4)});
  const std::vector<Finding> f = m.run("OW001");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].remediation.rfind(
                "fixes, in order of preference:\n    1. first remove the bucket ACL grants", 0),
            0u);
}

TEST(Ow001, UnknownBucketAccountIsSilent) {
  ModelBuilder m;
  Bucket& b =
      m.bucket(kBucket, kA, policy_with(kWriterRole, "", kOaiRead), ObjectOwnership::kObjectWriter);
  b.account_id.clear();
  m.model.policies.front()->account_id.clear();
  for (auto& p : m.model.policies) p->account_id.clear();
  EXPECT_THAT(m.ids(kOwRules), IsEmpty());
}

// Rows 37/38: readers of the bucket's own account named in the bucket policy. The account
// principal is the bucket owner (named once); a role is a reader of its own.
TEST(Ow001, SameAccountReaders) {
  ModelBuilder m;
  m.bucket(kBucket, kA,
           policy_with(kWriterRole, "",
                       R"({"Effect": "Allow", "Principal": {"AWS": ["111111111111",
                           "arn:aws:iam::111111111111:role/app"]}, "Action": "s3:GetObject",
                           "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*"})"),
           ObjectOwnership::kObjectWriter);
  const std::vector<Finding> f = m.run("OW001");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_THAT(f[0].message, HasSubstr("the bucket owner (account 111111111111) and "
                                      "'arn:aws:iam::111111111111:role/app' get 403"));
}

// "Principal": "*" narrowed to the organisation: any account of it may write (OW001); narrowed
// to the bucket's own account: no cross-account writer.
TEST(Ow001, AnyPrincipalOfTheOrganisation) {
  ModelBuilder m;
  m.bucket(kBucket, kA,
           R"({"Version": "2012-10-17", "Statement": [{"Sid": "OrgUpload", "Effect": "Allow",
      "Principal": "*", "Action": "s3:PutObject", "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*",
      "Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-exampleorgid"}}},)" +
               kOaiRead + "]}",
           ObjectOwnership::kObjectWriter);
  m.distribution_with_oai();
  const std::vector<Finding> f = m.run("OW001");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_THAT(f[0].message,
              HasSubstr("objects that any principal of another account ('Principal': '*') "
                        "writes to 'amzn-s3-demo-bucket' stay owned by the writing account"));
  EXPECT_THAT(f[0].remediation, HasSubstr("<ARN of the writer's role>"));
}

TEST(Ow001, AnyPrincipalOfTheBucketAccountIsClean) {
  ModelBuilder m;
  m.bucket(kBucket, kA,
           R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "*"},
      "Action": "s3:PutObject", "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*",
      "Condition": {"StringEquals": {"aws:PrincipalAccount": "111111111111"}}}]})",
           ObjectOwnership::kObjectWriter);
  EXPECT_THAT(m.ids(kOwRules), IsEmpty());
}

// Public read ("*" with GetObject only) is no writer.
TEST(Ow001, PublicReadIsNoWriter) {
  ModelBuilder m;
  m.bucket(kBucket, kA,
           R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*",
      "Action": "s3:GetObject", "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*"}]})",
           ObjectOwnership::kObjectWriter);
  EXPECT_THAT(m.ids(kOwRules), IsEmpty());
}

// Row 2: ObjectWriter + required bucket-owner-full-control: OAI still 403.
TEST(Ow002, Row2BofcStillForeignOwned) {
  ModelBuilder m;
  m.bucket(kBucket, kA, policy_with(kWriterRole, kRequireBofc, kOaiRead),
           ObjectOwnership::kObjectWriter);
  m.role(kWriterRole, {kWriterIdentity});
  m.distribution_with_oai();
  const std::vector<Finding> f = m.run("OW002");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].severity, Severity::kError);
  EXPECT_THAT(f[0].message,
              HasSubstr("the bucket owner can read them, but CloudFront distribution "
                        "'EDFDVBD6EXAMPLE' (OAI 'E74FTE3AEXAMPLE') gets 403 on them"));
  EXPECT_THAT(f[0].remediation, HasSubstr("BucketOwnerPreferred"));
  EXPECT_THAT(m.ids(kOwRules), ElementsAre("OW002"));
}

// Row 28: the same with OAC.
TEST(Ow002, Row28OacNamed) {
  ModelBuilder m;
  m.bucket(kBucket, kA, policy_with(kWriterRole, kRequireBofc, kOacRead),
           ObjectOwnership::kObjectWriter);
  m.distribution(kDistId, kBucket, "", kOacId);
  const std::vector<Finding> f = m.run("OW002");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_THAT(f[0].message, HasSubstr("(OAC 'E1ABCDEFGHIJKL') gets 403"));
}

// No bucket-policy reader outside A: warning.
TEST(Ow002, WarningWhenNoOutsideReader) {
  ModelBuilder m;
  m.bucket(
      kBucket, kA,
      policy_with(kWriterRole, kRequireBofc,
                  R"({"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111111111111:role/app"},
                           "Action": "s3:GetObject", "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*"})"),
      ObjectOwnership::kObjectWriter);
  const std::vector<Finding> f = m.run("OW002");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].severity, Severity::kWarning);
  EXPECT_THAT(
      f[0].message,
      HasSubstr("but its bucket policy cannot grant them to anyone outside account 111111111111"));
}

// Row 4: the writer must send grant headers (not the canned ACL): the grants decide, no finding.
TEST(Ow002, Row4GrantHeadersDecideNoFinding) {
  ModelBuilder m;
  m.bucket(
      kBucket, kA,
      policy_with(
          kWriterRole,
          R"({"StringEquals": {"s3:x-amz-grant-read": "id=cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc"}})",
          kOaiRead),
      ObjectOwnership::kObjectWriter);
  EXPECT_THAT(m.ids(kOwRules), IsEmpty());
}

// Row 13: BucketOwnerEnforced, policy still requires bucket-owner-full-control.
TEST(Ow003, Row13EnforcedWithRequiredBofc) {
  ModelBuilder m;
  m.bucket(kBucket, kA, policy_with(kWriterRole, kRequireBofc, kOaiRead),
           ObjectOwnership::kBucketOwnerEnforced);
  const std::vector<Finding> f = m.run("OW003");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_THAT(f[0].message, HasSubstr("uploads without it get 403"));
  EXPECT_THAT(f[0].where.pointer(), HasSubstr("/Condition"));
  EXPECT_THAT(m.ids(kOwRules), ElementsAre("OW003"));
}

// Rows 11/12: a policy that requires another ACL: every upload fails under BucketOwnerEnforced.
TEST(Ow003, EnforcedRequiresPublicRead) {
  ModelBuilder m;
  m.bucket(kBucket, kA,
           policy_with(kWriterRole, R"({"StringEquals": {"s3:x-amz-acl": "public-read"}})", ""),
           ObjectOwnership::kBucketOwnerEnforced);
  const std::vector<Finding> f = m.run("OW003");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_THAT(f[0].message, HasSubstr("AccessControlListNotSupported"));
}

// The writer's identity policy expects an ACL header.
TEST(Ow003, IdentityPolicyRequiresAcl) {
  ModelBuilder m;
  m.bucket(kBucket, kA, policy_with(kWriterRole, "", ""), ObjectOwnership::kBucketOwnerEnforced);
  m.role(kWriterRole,
         {R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:PutObject",
              "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*",
              "Condition": {"StringEquals": {"s3:x-amz-acl": "public-read"}}}]})"});
  const std::vector<Finding> f = m.run("OW003");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].where.file(), "roles/site-uploader/policy0.json");
}

TEST(Ow003, EnforcedWithoutAclConditionIsClean) {
  ModelBuilder m;
  m.bucket(kBucket, kA, policy_with(kWriterRole, "", kOaiRead),
           ObjectOwnership::kBucketOwnerEnforced);
  EXPECT_THAT(m.ids(kOwRules), IsEmpty());
}

TEST(Ow003, RequiredBofcNotFlaggedWhenAclsEnabled) {
  ModelBuilder m;
  m.bucket(kBucket, kA, policy_with(kWriterRole, kRequireBofc, kOaiRead),
           ObjectOwnership::kBucketOwnerPreferred);
  EXPECT_THAT(m.ids({"OW003"}), IsEmpty());
}

// Listing entries owned by B in a bucket the OAI reads.
Bucket& listed_bucket(ModelBuilder& m, ObjectOwnership o, int foreign) {
  Bucket& b =
      m.bucket(kBucket, kA, R"({"Version": "2012-10-17", "Statement": [)" + kOaiRead + "]}", o);
  b.has_listing = true;
  b.listing_where = SourceRef{"objects.json", "", 1, 1};
  b.objects.push_back({"index.html", kCanonA, SourceRef{"objects.json", "/Contents/0", 3, 5}});
  for (int i = 0; i < foreign; ++i) {
    b.objects.push_back({fmt::format("img/{}.jpg", i), kCanonB,
                         SourceRef{"objects.json", fmt::format("/Contents/{}", i + 1), 10 + i, 5}});
  }
  return b;
}

TEST(Ow004, ForeignObjectsNamedAndAggregated) {
  ModelBuilder m;
  listed_bucket(m, ObjectOwnership::kObjectWriter, 5);
  m.distribution_with_oai();
  const std::vector<Finding> f = m.run("OW004");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].message,
            "5 objects in 'amzn-s3-demo-bucket' are owned by account 222222222222 ('img/0.jpg', "
            "'img/1.jpg', 'img/2.jpg' and 2 more); bucket-policy grants do not reach them: "
            "CloudFront distribution 'EDFDVBD6EXAMPLE' (OAI 'E74FTE3AEXAMPLE') gets 403 on them");
  EXPECT_EQ(f[0].where.pointer(), "/Contents/1");
  EXPECT_THAT(f[0].remediation, HasSubstr("takes ownership of the existing objects"));
}

TEST(Ow004, SingleObject) {
  ModelBuilder m;
  listed_bucket(m, ObjectOwnership::kObjectWriter, 1);
  const std::vector<Finding> f = m.run("OW004");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_THAT(f[0].message, HasSubstr("1 object in 'amzn-s3-demo-bucket' is owned by account "
                                      "222222222222 ('img/0.jpg')"));
}

TEST(Ow004, EnforcedBucketIsClean) {
  ModelBuilder m;
  listed_bucket(m, ObjectOwnership::kBucketOwnerEnforced, 2);
  EXPECT_THAT(m.ids({"OW004"}), IsEmpty());
}

TEST(Ow004, NoBucketPolicyReaderIsClean) {
  ModelBuilder m;
  Bucket& b = listed_bucket(m, ObjectOwnership::kObjectWriter, 2);
  b.policy = nullptr;
  EXPECT_THAT(m.ids({"OW004"}), IsEmpty());
}

TEST(Ow004, OwnObjectsOnlyIsClean) {
  ModelBuilder m;
  listed_bucket(m, ObjectOwnership::kObjectWriter, 0);
  EXPECT_THAT(m.ids({"OW004"}), IsEmpty());
}

// Row 3/4: an object ACL that grants the OAI READ makes that object readable.
TEST(Ow004, ObjectAclGrantingOaiIsNotCounted) {
  ModelBuilder m;
  Bucket& b = m.bucket(kBucket, kA, R"({"Version": "2012-10-17", "Statement": [)" + kOaiRead + "]}",
                       ObjectOwnership::kObjectWriter);
  b.object_acls.push_back(
      {"img/ok.jpg", acl_of(kCanonB, {canonical_grant(kCanonB, "FULL_CONTROL", 3),
                                      canonical_grant(kCanonA, "FULL_CONTROL", 4),
                                      canonical_grant(kOaiCanonical, "READ", 5)})});
  m.distribution_with_oai();
  EXPECT_THAT(m.ids({"OW004"}), IsEmpty());
  b.object_acls.push_back(
      {"img/bad.jpg", acl_of(kCanonB, {canonical_grant(kCanonB, "FULL_CONTROL", 3),
                                       canonical_grant(kCanonA, "FULL_CONTROL", 4)})});
  const std::vector<Finding> f = m.run("OW004");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_THAT(f[0].message, HasSubstr("('img/bad.jpg')"));
}

// A current writer's existing objects are notes of OW001, not a separate OW004.
TEST(Ow004, CurrentWriterObjectsLeftToOw001) {
  ModelBuilder m;
  Bucket& b = listed_bucket(m, ObjectOwnership::kObjectWriter, 4);
  b.policy = m.policy("buckets/amzn-s3-demo-bucket/policy.json",
                      policy_with(kWriterRole, "", kOaiRead), DocumentKind::kBucketPolicy, kA);
  EXPECT_THAT(m.ids(kOwRules), ElementsAre("OW001"));
  const std::vector<Finding> f = m.run("OW001");
  ASSERT_EQ(f.size(), 1u);
  int existing = 0;
  for (const Note& n : f[0].notes) {
    if (n.text.find("is already owned by account 222222222222") != std::string::npos) ++existing;
  }
  EXPECT_EQ(existing, 3);
  bool more = false;
  for (const Note& n : f[0].notes) {
    if (n.text.find("(1 more objects of that account follow)") != std::string::npos) more = true;
  }
  EXPECT_TRUE(more);
}

// After the fix (the writer no longer writes), the leftovers are OW004's.
TEST(Ow004, LeftoverObjectsOfFormerWriter) {
  ModelBuilder m;
  listed_bucket(m, ObjectOwnership::kObjectWriter, 1);
  EXPECT_THAT(m.ids(kOwRules), ElementsAre("OW004"));
}

TEST(Ow005, UnknownSettingWithCrossAccountWriter) {
  ModelBuilder m;
  m.bucket(kBucket, kA, policy_with(kWriterRole, "", ""));
  const std::vector<Finding> f = m.run("OW005");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].severity, Severity::kNote);
  EXPECT_THAT(f[0].message, HasSubstr("assumed 'ObjectWriter'"));
  EXPECT_THAT(f[0].remediation,
              HasSubstr("get-bucket-ownership-controls --bucket amzn-s3-demo-bucket"));
}

TEST(Ow005, KnownSettingIsClean) {
  ModelBuilder m;
  m.bucket(kBucket, kA, policy_with(kWriterRole, "", ""), ObjectOwnership::kObjectWriter,
           OwnershipSetting::Source::kNotFoundError);
  EXPECT_THAT(m.ids({"OW005"}), IsEmpty());
}

TEST(Ow005, NoCrossAccountWriterIsClean) {
  ModelBuilder m;
  m.bucket(kBucket, kA, policy_with("arn:aws:iam::111111111111:role/app", "", ""));
  EXPECT_THAT(m.ids({"OW005"}), IsEmpty());
}

}  // namespace
}  // namespace bucketlint::testing_util
