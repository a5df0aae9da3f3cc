// The public-access family (PA001, and AC001 as its ACL member) and the access-layer answers it
// reads: which statements S3 calls public, which ACL grants are public, and which Block Public
// Access setting stops them. Also the bucket-ACL writers that OW001 reports.
// https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "bucketlint/access.h"
#include "model_builder.h"

namespace bucketlint::testing_util {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::SizeIs;

std::string public_statement(const std::string& principal, const std::string& actions,
                             const std::string& condition = "") {
  return R"({"Version": "2012-10-17", "Statement": [{"Sid": "Open", "Effect": "Allow",
    "Principal": )" +
         principal + R"(, "Action": )" + actions +
         R"(, "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*")" +
         (condition.empty() ? "" : ", \"Condition\": " + condition) + "}]}";
}

const Statement& only_statement(const Bucket& b) { return b.policy->statements.front(); }

// ---------------------------------------------------------------------------------------------
// What S3 calls public (the access layer).

TEST(PublicAccess, WildcardPrincipalWithoutConditionIsPublic) {
  for (const std::string principal : {R"("*")", R"({"AWS": "*"})", R"({"AWS": ["*"]})"}) {
    ModelBuilder m;
    const Bucket& b = m.bucket(kBucket, kA, public_statement(principal, R"("s3:GetObject")"));
    EXPECT_TRUE(access::statement_principal_is_public(only_statement(b))) << principal;
    EXPECT_EQ(access::non_public_condition(only_statement(b)), nullptr) << principal;
  }
  ModelBuilder m;
  const Bucket& b = m.bucket(
      kBucket, kA, public_statement(R"({"AWS": "arn:aws:iam::222222222222:root"})", R"("s3:*")"));
  EXPECT_FALSE(access::statement_principal_is_public(only_statement(b)));
}

TEST(PublicAccess, FixedValuesOfListedKeysPin) {
  for (
      const std::string condition : {
          R"({"StringEquals": {"aws:SourceVpce": "vpce-1a2b3c4d"}})",
          R"({"StringEquals": {"aws:PrincipalOrgID": "o-exampleorgid"}})",
          R"({"IpAddress": {"aws:SourceIp": "192.0.2.0/24"}})",
          R"({"StringEquals": {"s3:DataAccessPointAccount": "111111111111"}})",
          R"({"ArnLike": {"s3:DataAccessPointArn": "arn:aws:s3:us-east-1:111111111111:accesspoint/*"}})",
          R"({"StringEquals": {"AWS:SourceAccount": "111111111111"}})",
          R"({"StringEquals": {"aws:userid": "AROAEXAMPLEID:alice"}})",
      }) {
    ModelBuilder m;
    const Bucket& b =
        m.bucket(kBucket, kA, public_statement(R"("*")", R"("s3:GetObject")", condition));
    EXPECT_NE(access::non_public_condition(only_statement(b)), nullptr) << condition;
    EXPECT_THAT(m.ids({"PA001"}), IsEmpty()) << condition;
  }
}

TEST(PublicAccess, WildcardsNegationsAndIfExistsDoNotPin) {
  for (const std::string condition : {
           R"({"StringLike": {"aws:SourceVpce": "vpce-*"}})",
           R"({"StringNotEquals": {"aws:SourceVpce": "vpce-1a2b3c4d"}})",
           R"({"StringEqualsIfExists": {"aws:SourceVpce": "vpce-1a2b3c4d"}})",
           R"({"StringLike": {"aws:userid": "AROAEXAMPLEID:*"}})",
           R"({"IpAddress": {"aws:SourceIp": "0.0.0.0/0"}})",
           R"({"ArnLike": {"s3:DataAccessPointArn": "arn:aws:s3:us-east-1:*:accesspoint/*"}})",
           R"({"StringEquals": {"aws:PrincipalOrgID": "${aws:PrincipalTag/org}"}})",
           R"({"Bool": {"aws:SecureTransport": "true"}})",
       }) {
    ModelBuilder m;
    const Bucket& b =
        m.bucket(kBucket, kA, public_statement(R"("*")", R"("s3:GetObject")", condition));
    EXPECT_EQ(access::non_public_condition(only_statement(b)), nullptr) << condition;
    EXPECT_THAT(m.ids({"PA001"}), ElementsAre("PA001")) << condition;
  }
}

TEST(PublicAccess, ActionsOutsideTheBadListAreNotPublicAccess) {
  ModelBuilder m;
  m.bucket(kBucket, kA, public_statement(R"("*")", R"("s3:GetBucketLocation")"));
  // s3:GetBucketLocation is an s3:Get* action: S3 counts it.
  EXPECT_THAT(m.ids({"PA001"}), ElementsAre("PA001"));
  ModelBuilder m2;
  m2.bucket(kBucket, kA, public_statement(R"("*")", R"("s3:ReplicateObject")"));
  EXPECT_THAT(m2.ids({"PA001"}), IsEmpty());
}

// ---------------------------------------------------------------------------------------------
// PA001 severities and Block Public Access.

TEST(Pa001, PublicWriteIsAnErrorPublicReadAWarning) {
  ModelBuilder m;
  m.bucket(kBucket, kA, public_statement(R"("*")", R"(["s3:PutObject"])"));
  std::vector<Finding> f = m.run("PA001");
  ASSERT_THAT(f, SizeIs(1));
  EXPECT_EQ(f[0].severity, Severity::kError);
  EXPECT_EQ(f[0].message,
            "statement 'Open' of the bucket policy of 'amzn-s3-demo-bucket' lets anyone write "
            "('s3:PutObject'): its principal is public and no condition pins it");
  EXPECT_THAT(f[0].remediation, HasSubstr("keeping its existing conditions"));

  ModelBuilder r;
  r.bucket(kBucket, kA, public_statement(R"({"AWS": "*"})", R"("s3:GetObject")"));
  f = r.run("PA001");
  ASSERT_THAT(f, SizeIs(1));
  EXPECT_EQ(f[0].severity, Severity::kWarning);
}

TEST(Pa001, RestrictPublicBucketsMakesItANoteNamingTheLevel) {
  ModelBuilder m;
  Bucket& b = m.bucket(kBucket, kA, public_statement(R"("*")", R"("s3:PutObject")"));
  b.public_access_block = PublicAccessBlock{};
  b.public_access_block->block_public_policy = true;  // does not affect an existing policy
  std::vector<Finding> f = m.run("PA001");
  ASSERT_THAT(f, SizeIs(1));
  EXPECT_EQ(f[0].severity, Severity::kError);
  ASSERT_THAT(f[0].notes, SizeIs(1));
  EXPECT_THAT(f[0].notes[0].text, HasSubstr("does not affect this one"));

  b.public_access_block.reset();
  m.model.accounts.front().public_access_block = PublicAccessBlock{};
  m.model.accounts.front().public_access_block->restrict_public_buckets = true;
  f = m.run("PA001");
  ASSERT_THAT(f, SizeIs(1));
  EXPECT_EQ(f[0].severity, Severity::kNote);
  EXPECT_THAT(f[0].message, HasSubstr("RestrictPublicBuckets is on at account level"));
}

TEST(Pa001, PublicReadOfAWebsiteOriginIsANote) {
  ModelBuilder m;
  m.bucket(kBucket, kA, public_statement(R"("*")", R"("s3:GetObject")"));
  Distribution d;
  d.id = kDistId;
  d.account_id = kA;
  Origin o;
  o.id = "site";
  o.domain_name = "amzn-s3-demo-bucket.s3-website-us-east-1.amazonaws.com";
  o.bucket = kBucket;
  o.is_website_endpoint = true;
  o.where = SourceRef{"distribution.json", "/DistributionConfig/Origins/Items/0", 5, 9};
  d.origins.push_back(o);
  m.model.distributions.push_back(d);
  std::vector<Finding> f = m.run("PA001");
  ASSERT_THAT(f, SizeIs(1));
  EXPECT_EQ(f[0].severity, Severity::kNote);
  EXPECT_THAT(f[0].message, HasSubstr("website endpoint"));
}

// ---------------------------------------------------------------------------------------------
// AC001, the ACL member of the family.

TEST(Ac001Public, SeverityFollowsThePermissionAndIgnorePublicAcls) {
  ModelBuilder m;
  Bucket& b = m.bucket(kBucket, kA, "", ObjectOwnership::kObjectWriter);
  b.acl = acl_of(
      kCanonA, {canonical_grant(kCanonA, "FULL_CONTROL", 3), group_grant(kAllUsersUri, "WRITE", 4),
                group_grant(kAuthenticatedUsersUri, "READ", 5)});
  std::vector<Finding> f = m.run("AC001");
  ASSERT_THAT(f, SizeIs(2));
  EXPECT_EQ(f[0].severity, Severity::kError);
  EXPECT_EQ(f[1].severity, Severity::kWarning);

  m.model.accounts.front().public_access_block = PublicAccessBlock{};
  m.model.accounts.front().public_access_block->ignore_public_acls = true;
  f = m.run("AC001");
  ASSERT_THAT(f, SizeIs(2));
  EXPECT_EQ(f[0].severity, Severity::kNote);
  EXPECT_THAT(f[0].message, HasSubstr("IgnorePublicAcls is on at account level"));
}

TEST(Ac001Public, PolicyStatementsAreNotAc001sAndAclsNotPa001s) {
  ModelBuilder m;
  Bucket& b = m.bucket(kBucket, kA, public_statement(R"("*")", R"("s3:GetObject")"),
                       ObjectOwnership::kObjectWriter);
  b.acl = acl_of(kCanonA, {group_grant(kAllUsersUri, "READ", 4)});
  EXPECT_THAT(m.ids({"AC001", "PA001"}), ElementsAre("AC001", "PA001"));
}

// ---------------------------------------------------------------------------------------------
// Bucket-ACL writers (OW001).

TEST(BucketAclWriters, UnmappedCanonicalGranteeIsAnotherAccount) {
  const std::string other = std::string(64, 'd');
  ModelBuilder m;
  Bucket& b = m.bucket(kBucket, kA, "", ObjectOwnership::kObjectWriter);
  b.acl = acl_of(kCanonA,
                 {canonical_grant(kCanonA, "FULL_CONTROL", 3), canonical_grant(other, "WRITE", 4)});
  std::vector<Finding> f = m.run("OW001");
  ASSERT_THAT(f, SizeIs(1));
  EXPECT_THAT(f[0].message, HasSubstr("the account of canonical user '" + other + "'"));
  EXPECT_EQ(f[0].where.line(), 4);
  EXPECT_THAT(f[0].remediation, HasSubstr(R"("CanonicalUser":")" + other));
}

TEST(BucketAclWriters, MappedGranteeIsNamedByAccountAndCanonicalId) {
  ModelBuilder m;
  Bucket& b = m.bucket(kBucket, kA, "", ObjectOwnership::kObjectWriter);
  b.acl = acl_of(kCanonA, {canonical_grant(kCanonA, "FULL_CONTROL", 3),
                           canonical_grant(kCanonB, "FULL_CONTROL", 4)});
  std::vector<Finding> f = m.run("OW001");
  ASSERT_THAT(f, SizeIs(1));
  EXPECT_THAT(f[0].message,
              HasSubstr("account '222222222222' (canonical user '" + std::string(kCanonB) + "')"));
}

TEST(BucketAclWriters, OwnerReadersAndEnforcedAreNotWriters) {
  ModelBuilder m;
  Bucket& b = m.bucket(kBucket, kA, "", ObjectOwnership::kObjectWriter);
  b.acl = acl_of(
      kCanonA, {canonical_grant(kCanonA, "FULL_CONTROL", 3), canonical_grant(kCanonB, "READ", 4)});
  EXPECT_THAT(m.ids({"OW001"}), IsEmpty());
  b.acl->grants.back().permission = "WRITE";
  EXPECT_THAT(m.ids({"OW001"}), ElementsAre("OW001"));
  b.ownership.value = ObjectOwnership::kBucketOwnerEnforced;
  EXPECT_THAT(m.ids({"OW001"}), IsEmpty());
}

// ---------------------------------------------------------------------------------------------
// One problem, one finding.

// An organisation-wide grant with a modelled writer role: one OW001 at the statement, naming the
// role, with a note for the rest of the organisation (not a second error at the same place).
TEST(OneFinding, OrgWideGrantWithAModelledWriter) {
  ModelBuilder m;
  m.bucket(kBucket, kA, R"({"Version": "2012-10-17", "Statement": [{"Sid": "Org", "Effect": "Allow",
    "Principal": "*", "Action": "s3:PutObject", "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*",
    "Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-exampleorgid"}}}]})",
           ObjectOwnership::kObjectWriter);
  m.role(kWriterRole,
         {R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:PutObject",
    "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*"}]})"});
  const std::vector<Finding> f = m.run("OW001");
  ASSERT_THAT(f, SizeIs(1));
  EXPECT_THAT(f[0].message, HasSubstr(kWriterRole));
  bool noted = false;
  for (const Note& n : f[0].notes) {
    if (n.text.find("lets in any principal of another account") != std::string::npos) noted = true;
  }
  EXPECT_TRUE(noted);
}

// ---------------------------------------------------------------------------------------------
// get-bucket-policy-status (PA002, and PA001's note) and get-bucket-website (PA001).
// https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetBucketPolicyStatus.html

PolicyStatus status(bool is_public) {
  PolicyStatus st;
  st.is_public = is_public;
  st.where = SourceRef{"policy-status.json", "/PolicyStatus/IsPublic", 3, 17};
  return st;
}

TEST(Pa002, PublicStatusWithoutAPolicyIsReported) {
  ModelBuilder m;
  Bucket& b = m.bucket(kBucket, kA);
  b.policy_status = status(true);
  std::vector<Finding> f = m.run("PA002");
  ASSERT_THAT(f, SizeIs(1));
  EXPECT_EQ(f[0].severity, Severity::kWarning);
  EXPECT_THAT(f[0].message, HasSubstr("no bucket policy of 'amzn-s3-demo-bucket' was given"));
  EXPECT_THAT(f[0].remediation,
              HasSubstr("aws s3api get-bucket-policy --bucket amzn-s3-demo-bucket"));

  b.policy_status = status(false);
  EXPECT_THAT(m.run("PA002"), IsEmpty()) << "not public and nothing public: silent";
}

TEST(Pa002, PublicStatusWithAPinnedPolicyIsReportedWithThePolicy) {
  ModelBuilder m;
  Bucket& b =
      m.bucket(kBucket, kA,
               public_statement(R"("*")", R"("s3:GetObject")",
                                R"({"StringEquals": {"aws:SourceVpce": "vpce-1a2b3c4d"}})"));
  b.policy_status = status(true);
  std::vector<Finding> f = m.run("PA002");
  ASSERT_THAT(f, SizeIs(1));
  EXPECT_THAT(f[0].message, HasSubstr("no statement of the policy given is public"));
  ASSERT_THAT(f[0].notes, SizeIs(1));
  EXPECT_EQ(f[0].notes[0].text, "the bucket policy given");
  EXPECT_THAT(m.run("PA001"), IsEmpty());

  // RestrictPublicBuckets limits what a public policy does: a note.
  m.model.accounts.front().public_access_block = PublicAccessBlock{};
  m.model.accounts.front().public_access_block->restrict_public_buckets = true;
  m.model.accounts.front().public_access_block->where = SourceRef{"pab.json", "", 1, 1};
  f = m.run("PA002");
  ASSERT_THAT(f, SizeIs(1));
  EXPECT_EQ(f[0].severity, Severity::kNote);
  EXPECT_THAT(f[0].message, HasSubstr("RestrictPublicBuckets is on at account level"));
}

TEST(Pa002, AgreementAndDisagreementAreNotesOfPa001) {
  ModelBuilder m;
  Bucket& b = m.bucket(kBucket, kA, public_statement(R"("*")", R"("s3:GetObject")"));
  b.policy_status = status(true);
  EXPECT_THAT(m.run("PA002"), IsEmpty()) << "S3 and the policy agree: PA001 reports it";
  std::vector<Finding> f = m.run("PA001");
  ASSERT_THAT(f, SizeIs(1));
  ASSERT_THAT(f[0].notes, SizeIs(1));
  EXPECT_THAT(f[0].notes[0].text, HasSubstr("S3 agrees"));

  b.policy_status = status(false);
  f = m.run("PA001");
  ASSERT_THAT(f, SizeIs(1));
  EXPECT_EQ(f[0].severity, Severity::kWarning);
  ASSERT_THAT(f[0].notes, SizeIs(1));
  EXPECT_THAT(f[0].notes[0].text, HasSubstr("S3 reports IsPublic false"));
}

TEST(Pa001, PublicReadOfAStaticWebsiteIsANote) {
  ModelBuilder m;
  Bucket& b = m.bucket(kBucket, kA, public_statement(R"("*")", R"("s3:GetObject")"));
  b.website =
      WebsiteConfiguration{"index.html", "error.html", "", 0, SourceRef{"website.json", "", 1, 1}};
  std::vector<Finding> f = m.run("PA001");
  ASSERT_THAT(f, SizeIs(1));
  EXPECT_EQ(f[0].severity, Severity::kNote);
  EXPECT_THAT(f[0].message, HasSubstr("the bucket hosts a static website"));
  EXPECT_THAT(f[0].remediation, HasSubstr("origin access control"));

  // Public write stays an error, website or not.
  ModelBuilder w;
  Bucket& wb = w.bucket(kBucket, kA, public_statement(R"("*")", R"("s3:PutObject")"));
  wb.website = b.website;
  f = w.run("PA001");
  ASSERT_THAT(f, SizeIs(1));
  EXPECT_EQ(f[0].severity, Severity::kError);
}

}  // namespace
}  // namespace bucketlint::testing_util
