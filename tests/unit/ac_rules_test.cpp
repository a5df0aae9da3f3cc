// AC001-AC004: ACL grants, object owners, ACLs enabled without need, bucket ACLs that block
// BucketOwnerEnforced (aws-semantics.md sections 2.4, 3, 7.1; truth table row 17).

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "model_builder.h"

namespace bucketlint::testing_util {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

const std::vector<std::string> kAcRules = {"AC001", "AC002", "AC003", "AC004"};

const std::string kOwnPolicy = R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
    "Principal": {"AWS": "arn:aws:iam::111111111111:role/app"}, "Action": "s3:PutObject",
    "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*"}]})";

const std::string kCrossAccountPut = R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
    "Principal": {"AWS": "222222222222"}, "Action": "s3:PutObject",
    "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*"}]})";

Acl owner_only() { return acl_of(kCanonA, {canonical_grant(kCanonA, "FULL_CONTROL", 3)}); }

TEST(Ac001, BucketAclAllUsers) {
  ModelBuilder m;
  Bucket& b = m.bucket(kBucket, kA, kOwnPolicy, ObjectOwnership::kObjectWriter);
  b.acl = acl_of(
      kCanonA, {canonical_grant(kCanonA, "FULL_CONTROL", 3), group_grant(kAllUsersUri, "READ", 4)});
  const std::vector<Finding> f = m.run("AC001");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].message,
            "the bucket ACL of 'amzn-s3-demo-bucket' grants READ to AllUsers (anyone, "
            "unauthenticated requests included)");
  EXPECT_EQ(f[0].where.line(), 4);
}

TEST(Ac001, ObjectAclAuthenticatedUsers) {
  ModelBuilder m;
  Bucket& b = m.bucket(kBucket, kA, kOwnPolicy, ObjectOwnership::kBucketOwnerPreferred);
  b.object_acls.push_back(
      {"index.html", acl_of(kCanonA, {group_grant(kAuthenticatedUsersUri, "READ", 5)})});
  const std::vector<Finding> f = m.run("AC001");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_THAT(f[0].message, HasSubstr("object 'index.html'"));
  EXPECT_THAT(f[0].message, HasSubstr("AuthenticatedUsers (every AWS account"));
}

TEST(Ac001, LooseAclChecked) {
  ModelBuilder m;
  m.model.loose_acls.push_back(
      {DocumentKind::kObjectAcl, acl_of(kCanonA, {group_grant(kAllUsersUri, "READ", 4)})});
  EXPECT_THAT(m.ids({"AC001"}), ElementsAre("AC001"));
}

TEST(Ac001, OwnerOnlyAndLogDeliveryAreNotPublic) {
  ModelBuilder m;
  Bucket& b = m.bucket(kBucket, kA, kOwnPolicy, ObjectOwnership::kObjectWriter);
  b.acl = acl_of(kCanonA, {canonical_grant(kCanonA, "FULL_CONTROL", 3),
                           group_grant(kLogDeliveryUri, "WRITE", 4)});
  EXPECT_THAT(m.ids({"AC001"}), IsEmpty());
}

TEST(Ac001, IgnoredUnderEnforcedOrIgnorePublicAcls) {
  ModelBuilder m;
  Bucket& b = m.bucket(kBucket, kA, kOwnPolicy, ObjectOwnership::kBucketOwnerEnforced);
  b.acl = acl_of(kCanonA, {group_grant(kAllUsersUri, "READ", 4)});
  EXPECT_THAT(m.ids({"AC001"}), IsEmpty());
  b.ownership.value = ObjectOwnership::kObjectWriter;
  EXPECT_THAT(m.ids({"AC001"}), ElementsAre("AC001"));
  // IgnorePublicAcls stops the grant today: still reported, as a note naming the setting.
  b.public_access_block = PublicAccessBlock{};
  b.public_access_block->ignore_public_acls = true;
  const std::vector<Finding> f = m.run("AC001");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].severity, Severity::kNote);
  EXPECT_THAT(f[0].message, HasSubstr("IgnorePublicAcls is on at bucket level"));
}

TEST(Ac002, ForeignObjectWithoutBucketOwnerGrant) {
  ModelBuilder m;
  Bucket& b = m.bucket(kBucket, kA, kOwnPolicy, ObjectOwnership::kObjectWriter);
  b.object_acls.push_back(
      {"img/a.jpg", acl_of(kCanonB, {canonical_grant(kCanonB, "FULL_CONTROL", 3)})});
  const std::vector<Finding> f = m.run("AC002");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].message,
            "object 'img/a.jpg' in 'amzn-s3-demo-bucket' is owned by account 222222222222 and its "
            "ACL grants the bucket owner (account 111111111111) nothing: the bucket owner cannot "
            "read it");
  EXPECT_EQ(f[0].where.pointer(), "/Owner/ID");
  EXPECT_THAT(f[0].remediation, HasSubstr("--acl bucket-owner-full-control"));
}

// Row 2's object ACL (bucket-owner-full-control) grants the bucket owner FULL_CONTROL.
TEST(Ac002, BofcGrantIsClean) {
  ModelBuilder m;
  Bucket& b = m.bucket(kBucket, kA, kOwnPolicy, ObjectOwnership::kObjectWriter);
  b.object_acls.push_back(
      {"img/a.jpg", acl_of(kCanonB, {canonical_grant(kCanonB, "FULL_CONTROL", 3),
                                     canonical_grant(kCanonA, "FULL_CONTROL", 4)})});
  EXPECT_THAT(m.ids({"AC002"}), IsEmpty());
}

TEST(Ac002, OwnObjectOrEnforcedIsClean) {
  ModelBuilder m;
  Bucket& b = m.bucket(kBucket, kA, kOwnPolicy, ObjectOwnership::kObjectWriter);
  b.object_acls.push_back({"own.txt", owner_only()});
  EXPECT_THAT(m.ids({"AC002"}), IsEmpty());
  b.object_acls.push_back(
      {"img/a.jpg", acl_of(kCanonB, {canonical_grant(kCanonB, "FULL_CONTROL", 3)})});
  EXPECT_THAT(m.ids({"AC002"}), ElementsAre("AC002"));
  b.ownership.value = ObjectOwnership::kBucketOwnerEnforced;
  EXPECT_THAT(m.ids({"AC002"}), IsEmpty());
}

TEST(Ac002, UnknownBucketOwnerCanonicalIsSilent) {
  ModelBuilder m;
  m.model.accounts.clear();
  Bucket& b = m.bucket(kBucket, kA, kOwnPolicy, ObjectOwnership::kObjectWriter);
  b.object_acls.push_back(
      {"img/a.jpg", acl_of(kCanonB, {canonical_grant(kCanonB, "FULL_CONTROL", 3)})});
  EXPECT_THAT(m.ids({"AC002"}), IsEmpty());
  b.acl = owner_only();  // the bucket ACL owner names the bucket owner's canonical ID
  EXPECT_THAT(m.ids({"AC002"}), ElementsAre("AC002"));
}

TEST(Ac003, ObjectWriterNothingNeedsAcls) {
  ModelBuilder m;
  Bucket& b = m.bucket(kBucket, kA, kOwnPolicy, ObjectOwnership::kObjectWriter);
  b.acl = owner_only();
  const std::vector<Finding> f = m.run("AC003");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].severity, Severity::kNote);
  EXPECT_THAT(f[0].message, HasSubstr("(Object Ownership 'ObjectWriter')"));
  EXPECT_EQ(f[0].where.file(), "buckets/amzn-s3-demo-bucket/ownership-controls.json");
}

TEST(Ac003, NotFoundErrorCountsAsKnownObjectWriter) {
  ModelBuilder m;
  m.bucket(kBucket, kA, kOwnPolicy, ObjectOwnership::kObjectWriter,
           OwnershipSetting::Source::kNotFoundError);
  EXPECT_THAT(m.ids({"AC003"}), ElementsAre("AC003"));
}

TEST(Ac003, EnforcedOrUnknownIsClean) {
  ModelBuilder m;
  Bucket& b = m.bucket(kBucket, kA, kOwnPolicy, ObjectOwnership::kBucketOwnerEnforced);
  EXPECT_THAT(m.ids({"AC003"}), IsEmpty());
  b.ownership = OwnershipSetting{};
  EXPECT_THAT(m.ids({"AC003"}), IsEmpty());
}

TEST(Ac003, SomethingNeedsAcls) {
  {  // a cross-account writer (OW rules speak)
    ModelBuilder m;
    m.bucket(kBucket, kA, kCrossAccountPut, ObjectOwnership::kObjectWriter);
    EXPECT_THAT(m.ids({"AC003"}), IsEmpty());
  }
  {  // log delivery through the bucket ACL
    ModelBuilder m;
    Bucket& b = m.bucket(kBucket, kA, kOwnPolicy, ObjectOwnership::kObjectWriter);
    b.acl = acl_of(kCanonA, {canonical_grant(kCanonA, "FULL_CONTROL", 3),
                             group_grant(kLogDeliveryUri, "WRITE", 4)});
    EXPECT_THAT(m.ids({"AC003"}), IsEmpty());
  }
  {  // an object ACL that grants the OAI
    ModelBuilder m;
    Bucket& b = m.bucket(kBucket, kA, kOwnPolicy, ObjectOwnership::kObjectWriter);
    b.object_acls.push_back({"a", acl_of(kCanonA, {canonical_grant(kCanonA, "FULL_CONTROL", 3),
                                                   canonical_grant(kOaiCanonical, "READ", 4)})});
    EXPECT_THAT(m.ids({"AC003"}), IsEmpty());
  }
  {  // a policy that makes the bucket's own writer send an ACL header
    ModelBuilder m;
    m.bucket(kBucket, kA, R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
        "Principal": {"AWS": "arn:aws:iam::111111111111:role/app"}, "Action": "s3:PutObject",
        "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*",
        "Condition": {"StringEquals": {"s3:x-amz-acl": "public-read"}}}]})",
             ObjectOwnership::kObjectWriter);
    m.role("arn:aws:iam::111111111111:role/app",
           {R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject",
                "Resource": "*"}]})"});
    EXPECT_THAT(m.ids({"AC003"}), IsEmpty());
  }
}

// An object of the writer OW001 reports is named there, not by AC002.
TEST(Ac002, CurrentWriterObjectLeftToOw001) {
  ModelBuilder m;
  Bucket& b = m.bucket(kBucket, kA, kCrossAccountPut, ObjectOwnership::kObjectWriter);
  b.object_acls.push_back(
      {"img/a.jpg", acl_of(kCanonB, {canonical_grant(kCanonB, "FULL_CONTROL", 3)})});
  EXPECT_THAT(m.ids({"AC002", "OW001"}), ElementsAre("OW001"));
}

// Row 5: a role of A that B assumes writes; ObjectWriter does not matter to it.
TEST(Ac003, AssumedWriterRoleInBucketAccountIsClean) {
  ModelBuilder m;
  m.bucket(kBucket, kA, kOwnPolicy, ObjectOwnership::kObjectWriter);
  const std::string put = R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
      "Action": "s3:PutObject", "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*"}]})";
  m.role("arn:aws:iam::111111111111:role/publisher", {put},
         R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
             "Principal": {"AWS": "arn:aws:iam::222222222222:role/site-uploader"},
             "Action": "sts:AssumeRole",
             "Condition": {"StringEquals": {"sts:ExternalId": "x"}}}]})");
  EXPECT_THAT(m.ids({"AC003"}), IsEmpty());
}

TEST(Ac003, SameAccountTrustStillFlagged) {
  ModelBuilder m;
  m.bucket(kBucket, kA, kOwnPolicy, ObjectOwnership::kObjectWriter);
  const std::string put = R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
      "Action": "s3:PutObject", "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*"}]})";
  m.role("arn:aws:iam::111111111111:role/publisher", {put},
         R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
             "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}]})");
  EXPECT_THAT(m.ids({"AC003"}), ElementsAre("AC003"));
}

// Row 17: LogDelivery WRITE / AllUsers READ block the switch.
TEST(Ac004, Row17LogDeliveryAndAllUsers) {
  ModelBuilder m;
  Bucket& b = m.bucket(kBucket, kA, kOwnPolicy, ObjectOwnership::kObjectWriter);
  b.acl = acl_of(kCanonA,
                 {canonical_grant(kCanonA, "FULL_CONTROL", 3),
                  group_grant(kLogDeliveryUri, "WRITE", 4), group_grant(kAllUsersUri, "READ", 5)});
  const std::vector<Finding> f = m.run("AC004");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].message,
            "the bucket ACL of 'amzn-s3-demo-bucket' grants WRITE to LogDelivery and READ to "
            "AllUsers: applying BucketOwnerEnforced fails with InvalidBucketAclWithObjectOwnership "
            "until only the owner is granted");
  EXPECT_EQ(f[0].where.line(), 4);
  ASSERT_EQ(f[0].notes.size(), 1u);
  EXPECT_EQ(f[0].notes[0].where.line(), 5);
  EXPECT_THAT(f[0].remediation, HasSubstr("logging.s3.amazonaws.com"));
  EXPECT_THAT(f[0].remediation,
              HasSubstr("put-bucket-acl --bucket amzn-s3-demo-bucket --acl private"));
}

TEST(Ac004, OtherAccountGrantNamedByAccount) {
  ModelBuilder m;
  Bucket& b = m.bucket(kBucket, kA, kOwnPolicy, ObjectOwnership::kBucketOwnerPreferred);
  b.acl = acl_of(
      kCanonA, {canonical_grant(kCanonA, "FULL_CONTROL", 3), canonical_grant(kCanonB, "WRITE", 4)});
  const std::vector<Finding> f = m.run("AC004");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_THAT(f[0].message, HasSubstr("grants WRITE to account 222222222222"));
  EXPECT_THAT(f[0].remediation, testing::Not(HasSubstr("logging.s3.amazonaws.com")));
}

TEST(Ac004, OwnerOnlyOrEnforcedIsClean) {
  ModelBuilder m;
  Bucket& b = m.bucket(kBucket, kA, kOwnPolicy, ObjectOwnership::kObjectWriter);
  b.acl = owner_only();
  EXPECT_THAT(m.ids({"AC004"}), IsEmpty());
  b.acl->grants.push_back(group_grant(kLogDeliveryUri, "WRITE", 4));
  EXPECT_THAT(m.ids({"AC004"}), ElementsAre("AC004"));
  b.ownership.value = ObjectOwnership::kBucketOwnerEnforced;
  EXPECT_THAT(m.ids({"AC004"}), IsEmpty());
}

}  // namespace
}  // namespace bucketlint::testing_util
