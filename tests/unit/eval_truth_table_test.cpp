// aws-semantics.md section 13 (scenario truth table), the rows about evaluation, end to end: the
// bucket policy, the writer's and reader's identity policies, ownership and object ACLs.
// Object ownership itself (who owns an uploaded object) is an input here: each test sets the
// owner the row states and checks what the evaluator decides for the writer, for "A reads" and
// for "CF reads".

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "bucketlint/eval.h"
#include "eval_test_util.h"

namespace bucketlint::eval {
namespace {

constexpr const char* kA = "111111111111";
constexpr const char* kB = "222222222222";
constexpr const char* kObject = "arn:aws:s3:::amzn-s3-demo-bucket/index.html";
constexpr const char* kBucket = "arn:aws:s3:::amzn-s3-demo-bucket";
constexpr const char* kBRole = "arn:aws:sts::222222222222:assumed-role/site-uploader/upload";
constexpr const char* kAReader = "arn:aws:sts::111111111111:assumed-role/reader/r";
constexpr const char* kOaiArn =
    "arn:aws:iam::cloudfront:user/CloudFront Origin Access Identity E74FTE3AEXAMPLE";
constexpr const char* kDistribution =
    "arn:aws:cloudfront::111111111111:distribution/EDFDVBD6EXAMPLE";
const std::string kACanonical(64, 'a');
const std::string kBCanonical(64, 'b');
const std::string kOaiCanonical(64, 'c');

// The common setup of section 13: B's role may put (and put ACLs), the OAI and the OAC
// distribution may get.
constexpr const char* kBucketPolicy = R"({
  "Version": "2012-10-17",
  "Statement": [
    {"Sid": "PartnerUpload", "Effect": "Allow",
     "Principal": {"AWS": "arn:aws:iam::222222222222:role/site-uploader"},
     "Action": ["s3:PutObject", "s3:PutObjectAcl"],
     "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*"},
    {"Sid": "OaiRead", "Effect": "Allow",
     "Principal": {"AWS": "arn:aws:iam::cloudfront:user/CloudFront Origin Access Identity E74FTE3AEXAMPLE"},
     "Action": "s3:GetObject", "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*"},
    {"Sid": "OacRead", "Effect": "Allow",
     "Principal": {"Service": "cloudfront.amazonaws.com"},
     "Action": "s3:GetObject", "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*",
     "Condition": {"StringEquals": {"AWS:SourceArn": "arn:aws:cloudfront::111111111111:distribution/EDFDVBD6EXAMPLE"}}}
  ]
})";

constexpr const char* kWriterIdentity = R"({"Version": "2012-10-17", "Statement": [
  {"Effect": "Allow", "Action": ["s3:PutObject", "s3:PutObjectAcl"],
   "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*"}]})";
constexpr const char* kReaderIdentity = R"({"Version": "2012-10-17", "Statement": [
  {"Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObjectAcl"],
   "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*"}]})";

AclGrant grant_id(const std::string& id, const std::string& permission) {
  AclGrant g;
  g.type = GranteeType::kCanonicalUser;
  g.id = id;
  g.permission = permission;
  g.where = {"acl.json", "/Grants/0", 1, 1};
  return g;
}

class TruthTable : public ::testing::Test {
 protected:
  void SetUp() override {
    bucket_policy_ = store_.add(kBucketPolicy, PolicyKind::kBucket, "bucket-policy.json");
    writer_ = store_.add(kWriterIdentity);
    reader_ = store_.add(kReaderIdentity);
    dir_.account_canonical_ids[kA] = kACanonical;
    dir_.account_canonical_ids[kB] = kBCanonical;
    dir_.oai_canonical_ids["E74FTE3AEXAMPLE"] = kOaiCanonical;
  }

  Result ask(const std::string& who, const std::string& action, const std::string& resource,
             const PolicyDocument* identity, const S3Facts& facts,
             const PolicyDocument* bucket_policy = nullptr) {
    Request r = testing_util::request(who, action, resource, kA);
    if (r.principal.kind == PrincipalKind::kService) r.context.set("aws:SourceArn", kDistribution);
    r.s3 = facts;
    PolicySet set;
    if (identity != nullptr) set.identity_policies.push_back(identity);
    set.resource_policy = bucket_policy != nullptr ? bucket_policy : bucket_policy_;
    EvalOptions o;
    o.directory = &dir_;
    return evaluate(r, set, o);
  }
  Decision put_by_b(const S3Facts& f) {
    return ask(kBRole, "s3:PutObject", kObject, writer_, f).decision;
  }
  Decision a_reads(const S3Facts& f) {
    return ask(kAReader, "s3:GetObject", kObject, reader_, f).decision;
  }
  Decision oai_reads(const S3Facts& f) {
    return ask(kOaiArn, "s3:GetObject", kObject, nullptr, f).decision;
  }
  Decision oac_reads(const S3Facts& f) {
    return ask("cloudfront.amazonaws.com", "s3:GetObject", kObject, nullptr, f).decision;
  }
  // Object written by B under ObjectWriter/BucketOwnerPreferred without a transfer: B owns it,
  // and the ACL S3 creates gives B FULL_CONTROL.
  S3Facts b_owned(ObjectOwnership o, std::vector<AclGrant> extra = {}) {
    acl_ = Acl{};
    acl_.owner_id = kBCanonical;
    acl_.grants.push_back(grant_id(kBCanonical, "FULL_CONTROL"));
    for (AclGrant& g : extra) acl_.grants.push_back(std::move(g));
    S3Facts f;
    f.ownership = o;
    f.object_owner_account = kB;
    f.object_acl = &acl_;
    return f;
  }
  S3Facts a_owned(ObjectOwnership o) {
    acl_ = Acl{};
    acl_.owner_id = kACanonical;
    acl_.grants.push_back(grant_id(kACanonical, "FULL_CONTROL"));
    S3Facts f;
    f.ownership = o;
    f.object_owner_account = kA;
    f.object_acl = &acl_;
    return f;
  }

  testing_util::PolicyStore store_;
  const PolicyDocument* bucket_policy_ = nullptr;
  const PolicyDocument* writer_ = nullptr;
  const PolicyDocument* reader_ = nullptr;
  IdentityDirectory dir_;
  Acl acl_;
};

constexpr Decision kAllowed = Decision::kAllowed;
constexpr Decision kImplicit = Decision::kImplicitlyDenied;
constexpr Decision kExplicit = Decision::kExplicitlyDenied;

TEST_F(TruthTable, Row1ObjectWriterNoAclNobodyElseReads) {
  const S3Facts f = b_owned(ObjectOwnership::kUnknown);  // no ownership controls = ObjectWriter
  EXPECT_EQ(put_by_b(f), kAllowed);
  EXPECT_EQ(a_reads(f), kImplicit);
  EXPECT_EQ(oai_reads(f), kImplicit);
  const Result r = ask(kOaiArn, "s3:GetObject", kObject, nullptr, f);
  // The OAI's bucket-policy Allow is traced as not applying to a foreign-owned object.
  bool explained = false;
  for (const TraceEntry& e : r.trace.entries()) {
    if (e.statement != nullptr && e.statement->sid && e.statement->sid->value == "OaiRead") {
      explained = e.reason().find("owned by another account") != std::string::npos;
    }
  }
  EXPECT_TRUE(explained);
}

TEST_F(TruthTable, Row2BucketOwnerFullControlLetsAReadButNotTheOai) {
  const S3Facts f =
      b_owned(ObjectOwnership::kObjectWriter, {grant_id(kACanonical, "FULL_CONTROL")});
  EXPECT_EQ(a_reads(f), kAllowed);
  EXPECT_EQ(oai_reads(f), kImplicit);
}

TEST_F(TruthTable, Row3ACanRewriteTheAclAndThenTheOaiReads) {
  S3Facts f = b_owned(ObjectOwnership::kObjectWriter, {grant_id(kACanonical, "FULL_CONTROL")});
  // FULL_CONTROL includes WRITE_ACP: A's role may call PutObjectAcl.
  EXPECT_EQ(ask(kAReader, "s3:PutObjectAcl", kObject, reader_, f).decision, kAllowed);
  f = b_owned(ObjectOwnership::kObjectWriter,
              {grant_id(kACanonical, "FULL_CONTROL"), grant_id(kOaiCanonical, "READ")});
  EXPECT_EQ(oai_reads(f), kAllowed);
  EXPECT_EQ(a_reads(f), kAllowed);
}

TEST_F(TruthTable, Row4ExplicitGrantsAtUpload) {
  const S3Facts f =
      b_owned(ObjectOwnership::kObjectWriter,
              {grant_id(kOaiCanonical, "READ"), grant_id(kACanonical, "FULL_CONTROL")});
  EXPECT_EQ(a_reads(f), kAllowed);
  EXPECT_EQ(oai_reads(f), kAllowed);
  // READ on the object does not give READ_ACP.
  EXPECT_EQ(ask(kOaiArn, "s3:GetObjectAcl", kObject, nullptr, f).decision, kImplicit);
}

TEST_F(TruthTable, Row5WriterAssumesARoleInA) {
  const PolicyDocument* role_policy = store_.add(kWriterIdentity);
  EXPECT_EQ(ask("arn:aws:sts::111111111111:assumed-role/partner-access/b", "s3:PutObject", kObject,
                role_policy, S3Facts{})
                .decision,
            kAllowed);
  const S3Facts f = a_owned(ObjectOwnership::kObjectWriter);
  EXPECT_EQ(a_reads(f), kAllowed);
  EXPECT_EQ(oai_reads(f), kAllowed);
}

TEST_F(TruthTable, Row6And29BucketOwnerPreferredWithBofc) {
  const S3Facts f = a_owned(ObjectOwnership::kBucketOwnerPreferred);
  EXPECT_EQ(put_by_b(f), kAllowed);
  EXPECT_EQ(a_reads(f), kAllowed);
  EXPECT_EQ(oai_reads(f), kAllowed);
  EXPECT_EQ(oac_reads(f), kAllowed);  // row 29
}

TEST_F(TruthTable, Row7BucketOwnerPreferredWithoutAcl) {
  const S3Facts f = b_owned(ObjectOwnership::kBucketOwnerPreferred);
  EXPECT_EQ(a_reads(f), kImplicit);
  EXPECT_EQ(oai_reads(f), kImplicit);
}

TEST_F(TruthTable, Rows9And10BucketOwnerEnforcedIgnoresWriterAndAcls) {
  // Even with stale facts naming B as owner, BOE makes A the owner (aws-semantics.md 2.1).
  const S3Facts f = b_owned(ObjectOwnership::kBucketOwnerEnforced);
  EXPECT_EQ(put_by_b(f), kAllowed);
  EXPECT_EQ(a_reads(f), kAllowed);
  EXPECT_EQ(oac_reads(f), kAllowed);  // row 9
  EXPECT_EQ(oai_reads(f), kAllowed);  // row 10
}

TEST_F(TruthTable, Row13BoeWithBofcRequirementAndNoHeader) {
  const PolicyDocument* bp = store_.add(R"({"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::222222222222:role/site-uploader"},
     "Action": "s3:PutObject", "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*",
     "Condition": {"StringEquals": {"s3:x-amz-acl": "bucket-owner-full-control"}}}]})",
                                        PolicyKind::kBucket);
  S3Facts f;
  f.ownership = ObjectOwnership::kBucketOwnerEnforced;
  EXPECT_EQ(ask(kBRole, "s3:PutObject", kObject, writer_, f, bp).decision, kImplicit);
}

TEST_F(TruthTable, Row14DenyUnlessBofc) {
  const PolicyDocument* bp = store_.add(R"({"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::222222222222:role/site-uploader"},
     "Action": "s3:PutObject", "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*"},
    {"Effect": "Deny", "Principal": "*", "Action": "s3:PutObject",
     "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*",
     "Condition": {"StringNotEquals": {"s3:x-amz-acl": "bucket-owner-full-control"}}}]})",
                                        PolicyKind::kBucket);
  S3Facts f;
  f.ownership = ObjectOwnership::kBucketOwnerPreferred;
  EXPECT_EQ(ask(kBRole, "s3:PutObject", kObject, writer_, f, bp).decision, kExplicit);
}

TEST_F(TruthTable, Rows15And16SwitchingOwnership) {
  // Row 15: after switching to BOE, B-written objects are A's.
  EXPECT_EQ(oai_reads(b_owned(ObjectOwnership::kBucketOwnerEnforced)), kAllowed);
  EXPECT_EQ(oac_reads(b_owned(ObjectOwnership::kBucketOwnerEnforced)), kAllowed);
  // Row 16: back to ObjectWriter, pre-BOE objects are B's again.
  EXPECT_EQ(oai_reads(b_owned(ObjectOwnership::kObjectWriter)), kImplicit);
}

TEST_F(TruthTable, Rows27And28OacCannotBeGrantedByAcl) {
  EXPECT_EQ(oac_reads(b_owned(ObjectOwnership::kObjectWriter)), kImplicit);  // row 27
  const S3Facts f =
      b_owned(ObjectOwnership::kObjectWriter, {grant_id(kACanonical, "FULL_CONTROL")});
  EXPECT_EQ(a_reads(f), kAllowed);  // row 28
  EXPECT_EQ(oac_reads(f), kImplicit);
}

TEST_F(TruthTable, Row33DenyAppliesToForeignObjectsAllowDoesNot) {
  const PolicyDocument* bp = store_.add(R"({"Version": "2012-10-17", "Statement": [
    {"Sid": "OacRead", "Effect": "Allow", "Principal": {"Service": "cloudfront.amazonaws.com"},
     "Action": "s3:GetObject", "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*",
     "Condition": {"StringEquals": {"AWS:SourceArn": "arn:aws:cloudfront::111111111111:distribution/EDFDVBD6EXAMPLE"}}},
    {"Sid": "OnlyCloudFront", "Effect": "Deny", "Principal": "*", "Action": "s3:GetObject",
     "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*",
     "Condition": {"StringNotEquals": {"aws:SourceArn": "arn:aws:cloudfront::111111111111:distribution/EDFDVBD6EXAMPLE"}}}]})",
                                        PolicyKind::kBucket);
  const S3Facts f =
      b_owned(ObjectOwnership::kObjectWriter, {grant_id(kACanonical, "FULL_CONTROL")});
  EXPECT_EQ(ask(kAReader, "s3:GetObject", kObject, reader_, f, bp).decision, kExplicit);
  EXPECT_EQ(ask("cloudfront.amazonaws.com", "s3:GetObject", kObject, nullptr, f, bp).decision,
            kImplicit);
}

TEST_F(TruthTable, BucketAclWriteGrantAllowsPutUnlessEnforced) {
  // aws-semantics.md 3.3: bucket WRITE = s3:PutObject; ACLs play no part under BOE.
  const PolicyDocument* empty =
      store_.add(R"({"Version": "2012-10-17", "Statement": []})", PolicyKind::kBucket);
  Acl bucket_acl;
  bucket_acl.grants.push_back(grant_id(kBCanonical, "WRITE"));
  S3Facts f;
  f.ownership = ObjectOwnership::kObjectWriter;
  f.bucket_acl = &bucket_acl;
  EXPECT_EQ(ask(kBRole, "s3:PutObject", kObject, writer_, f, empty).decision, kAllowed);
  f.ownership = ObjectOwnership::kBucketOwnerEnforced;
  EXPECT_EQ(ask(kBRole, "s3:PutObject", kObject, writer_, f, empty).decision, kImplicit);
}

TEST_F(TruthTable, BucketAclCannotGrantObjectRead) {
  // aws-semantics.md 3.1: GET object permission cannot come from a bucket ACL.
  const PolicyDocument* empty =
      store_.add(R"({"Version": "2012-10-17", "Statement": []})", PolicyKind::kBucket);
  Acl bucket_acl;
  AclGrant all;
  all.type = GranteeType::kGroup;
  all.uri = std::string(kAllUsersUri);
  all.permission = "READ";
  bucket_acl.grants.push_back(all);
  S3Facts f;
  f.ownership = ObjectOwnership::kObjectWriter;
  f.bucket_acl = &bucket_acl;
  EXPECT_EQ(ask("anonymous", "s3:GetObject", kObject, nullptr, f, empty).decision, kImplicit);
  EXPECT_EQ(ask("anonymous", "s3:ListBucket", kBucket, nullptr, f, empty).decision, kAllowed);
}

TEST_F(TruthTable, AuthenticatedUsersGroupExcludesAnonymous) {
  Acl object_acl;
  object_acl.owner_id = kACanonical;
  AclGrant g;
  g.type = GranteeType::kGroup;
  g.uri = std::string(kAuthenticatedUsersUri);
  g.permission = "READ";
  object_acl.grants.push_back(g);
  EXPECT_TRUE(acl_grant_allows(g, testing_util::principal(kBRole), "s3:GetObject", true, &dir_));
  EXPECT_FALSE(
      acl_grant_allows(g, testing_util::principal("anonymous"), "s3:GetObject", true, &dir_));
  EXPECT_FALSE(
      acl_grant_allows(g, testing_util::principal(kBRole), "s3:PutObjectAcl", true, &dir_));
}

TEST(AclMapping, PermissionsPerAction) {
  // aws-semantics.md 3.3 ACL permission -> policy action mapping.
  using V = std::vector<std::string_view>;
  EXPECT_EQ(acl_permissions_for_action("s3:GetObject", true), V{"READ"});
  EXPECT_EQ(acl_permissions_for_action("s3:getobjectversion", true), V{"READ"});
  EXPECT_EQ(acl_permissions_for_action("s3:GetObjectAcl", true), V{"READ_ACP"});
  EXPECT_EQ(acl_permissions_for_action("s3:PutObjectAcl", true), V{"WRITE_ACP"});
  EXPECT_EQ(acl_permissions_for_action("s3:ListBucket", false), V{"READ"});
  EXPECT_EQ(acl_permissions_for_action("s3:PutObject", false), V{"WRITE"});
  EXPECT_EQ(acl_permissions_for_action("s3:PutBucketAcl", false), V{"WRITE_ACP"});
  EXPECT_TRUE(acl_permissions_for_action("s3:GetObject", false).empty());
  EXPECT_TRUE(acl_permissions_for_action("s3:PutObject", true).empty());
  EXPECT_TRUE(acl_permissions_for_action("s3:GetObjectTagging", true).empty());
}

}  // namespace
}  // namespace bucketlint::eval
