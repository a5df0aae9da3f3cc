// Document kinds told by content, on the real shapes of the fixtures in tests/fixtures/.

#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>

#include "bucketlint/load.h"
#include "load/documents.h"
#include "load_test_util.h"

namespace bucketlint {
namespace {

using testing::ElementsAre;
using testing_util::diagnostic_ids;
using testing_util::fixture_path;
using testing_util::read_text;

DocumentKind kind_of_file(const std::string& rel) {
  const std::string text = read_text(fixture_path(rel));
  JsonParseResult r = parse_json(text);
  if (!r.value) return DocumentKind::kUnknown;
  return classify_document(*r.value);
}

Model load_fixture(const std::string& rel, std::optional<DocumentKind> kind = std::nullopt,
                   const std::string& account = "") {
  Model model;
  model.default_account = account;
  load_text(model, rel, read_text(fixture_path(rel)), kind);
  return model;
}

// 1-based line of the first occurrence of `needle` in a fixture file (0 when absent).
int line_of(const std::string& rel, const std::string& needle) {
  const std::string text = read_text(fixture_path(rel));
  const std::size_t at = text.find(needle);
  if (at == std::string::npos) {
    ADD_FAILURE() << "'" << needle << "' not in " << rel;
    return 0;
  }
  return 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<long>(at), '\n'));
}

struct KindCase {
  const char* file;
  DocumentKind kind;
};

class DocumentKinds : public testing::TestWithParam<KindCase> {};

TEST_P(DocumentKinds, ClassifiedByContent) {
  EXPECT_EQ(kind_of_file(GetParam().file), GetParam().kind) << GetParam().file;
}

INSTANTIATE_TEST_SUITE_P(
    RealShapes, DocumentKinds,
    testing::Values(
        KindCase{"domain-samples/01-bucket-policy-oai-read.json", DocumentKind::kBucketPolicy},
        KindCase{"domain-samples/04-bucket-policy-oac-read.json", DocumentKind::kBucketPolicy},
        KindCase{"domain-samples/08-kms-key-policy-statement-oac.json", DocumentKind::kKeyPolicy},
        KindCase{"domain-samples/14-iam-policy-deny-createbucket-unless-bucket-owner-enforced.json",
                 DocumentKind::kIdentityPolicy},
        KindCase{"domain-samples/15-trust-policy-cross-account-external-id.json",
                 DocumentKind::kTrustPolicy},
        KindCase{"domain-samples/16-identity-policy-allow-assume-role.json",
                 DocumentKind::kIdentityPolicy},
        KindCase{"domain-samples/18-get-bucket-acl-owner-only.json", DocumentKind::kBucketAcl},
        KindCase{"domain-samples/20-get-object-acl-public-read.json", DocumentKind::kBucketAcl},
        KindCase{"domain-samples/22-list-objects-v2-fetch-owner.json",
                 DocumentKind::kObjectListing},
        KindCase{"domain-samples/23-get-bucket-policy.json", DocumentKind::kBucketPolicy},
        KindCase{"domain-samples/24-get-bucket-ownership-controls.json",
                 DocumentKind::kOwnershipControls},
        KindCase{"domain-samples/25-get-public-access-block.json",
                 DocumentKind::kPublicAccessBlock},
        KindCase{"domain-samples/26-get-role-urlencoded-nondecoding-sdk.json", DocumentKind::kRole},
        KindCase{"domain-samples/27-get-role-cli-decoded.json", DocumentKind::kRole},
        KindCase{"domain-samples/28-get-cloud-front-origin-access-identity.json",
                 DocumentKind::kOriginAccessIdentity},
        KindCase{"domain-samples/29-get-distribution-config-s3-origins.json",
                 DocumentKind::kDistributionConfig},
        KindCase{"domain-samples/30-config-item-s3-bucket.json", DocumentKind::kConfigBucketItem},
        KindCase{"corpus/cli-output/s3api/awscli--get-bucket-acl--01.json",
                 DocumentKind::kBucketAcl},
        KindCase{"corpus/cli-output/s3api/awscli--get-access-point--01.json",
                 DocumentKind::kAccessPoint},
        KindCase{"corpus/cli-output/s3api/awscli--get-bucket-policy-status--01.json",
                 DocumentKind::kBucketPolicyStatus},
        KindCase{"corpus/cli-output/iam/awscli--get-policy-version--01.json",
                 DocumentKind::kPolicyVersion},
        KindCase{"corpus/cli-output/iam/mamip--get-policy-version--AdministratorAccess.json",
                 DocumentKind::kPolicyVersion},
        KindCase{"corpus/cli-output/iam/awscli--get-role--01.json", DocumentKind::kRole},
        KindCase{"corpus/cli-output/iam/awscli--get-policy--01.json", DocumentKind::kManagedPolicy},
        KindCase{"corpus/cli-output/iam/awscli--list-roles--01.json", DocumentKind::kRoleList},
        KindCase{"corpus/cli-output/cloudfront/awscli--list-distributions--01.json",
                 DocumentKind::kDistributionList},
        KindCase{"corpus/cli-output/cloudfront/"
                 "awscli--list-cloud-front-origin-access-identities--01.json",
                 DocumentKind::kOriginAccessIdentityList},
        KindCase{"corpus/cli-output/cloudfront/awscli--get-distribution--01.json",
                 DocumentKind::kDistribution},
        KindCase{"corpus/cli-output/cloudfront/awscli--get-distribution-config--01.json",
                 DocumentKind::kDistributionConfig},
        KindCase{"corpus/cli-output/cloudfront/awscli--create-distribution--03.json",
                 DocumentKind::kDistributionConfig},
        KindCase{
            "corpus/cli-output/cloudfront/awscli--get-cloud-front-origin-access-identity--01.json",
            DocumentKind::kOriginAccessIdentity}));

TEST(LoadKinds, InlineShapesOfTheOtherCliOutputs) {
  auto classify = [](const std::string& text) {
    JsonParseResult r = parse_json(text);
    return r.value ? classify_document(*r.value) : DocumentKind::kUnknown;
  };
  EXPECT_EQ(classify(R"({"ServerSideEncryptionConfiguration": {"Rules": []}})"),
            DocumentKind::kBucketEncryption);
  EXPECT_EQ(classify(R"({"RoleName": "r", "PolicyName": "p", "PolicyDocument": {}})"),
            DocumentKind::kRolePolicy);
  EXPECT_EQ(classify(R"({"AttachedPolicies": [], "IsTruncated": false})"),
            DocumentKind::kAttachedPolicies);
  EXPECT_EQ(classify(R"({"ETag": "E", "OriginAccessControl": {"Id": "E1",
      "OriginAccessControlConfig": {"Name": "n"}}})"),
            DocumentKind::kOriginAccessControl);
  EXPECT_EQ(classify(R"({"Error": {"Code": "OwnershipControlsNotFoundError"}})"),
            DocumentKind::kOwnershipControls);
  EXPECT_EQ(classify(R"({"Error": {"Code": "NoSuchBucketPolicy"}})"), DocumentKind::kUnknown);
  EXPECT_EQ(classify(R"([1, 2])"), DocumentKind::kUnknown);
}

TEST(LoadKinds, BucketAclWithAndWithoutGranteeType) {
  Model with_type = load_fixture("domain-samples/18-get-bucket-acl-owner-only.json");
  ASSERT_EQ(with_type.loose_acls.size(), 1u);
  const Acl& acl = with_type.loose_acls[0].acl;
  EXPECT_EQ(acl.owner_id, "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be");
  ASSERT_EQ(acl.grants.size(), 1u);
  EXPECT_EQ(acl.grants[0].type, GranteeType::kCanonicalUser);
  EXPECT_EQ(acl.grants[0].permission, "FULL_CONTROL");

  Model no_type = load_fixture("corpus/cli-output/s3api/awscli--get-object-acl--01.json");
  ASSERT_EQ(no_type.loose_acls.size(), 1u);
  const Acl& o = no_type.loose_acls[0].acl;
  ASSERT_EQ(o.grants.size(), 2u);
  EXPECT_EQ(o.grants[0].type, GranteeType::kCanonicalUser);
  EXPECT_EQ(o.grants[1].type, GranteeType::kGroup);
  EXPECT_EQ(o.grants[1].uri, kAllUsersUri);
  EXPECT_EQ(o.grants[1].where.line(),
            line_of("corpus/cli-output/s3api/awscli--get-object-acl--01.json", "\"URI\"") - 2);
}

TEST(LoadKinds, OwnershipControlsAndNotFoundError) {
  Model m;
  load_text(m, "b/bp.json",
            read_text(fixture_path("domain-samples/01-bucket-policy-oai-read.json")));
  load_text(m, "b/oc.json",
            read_text(fixture_path("domain-samples/24-get-bucket-ownership-controls.json")));
  ASSERT_EQ(m.buckets.size(), 1u);
  EXPECT_EQ(m.buckets[0].ownership.value, ObjectOwnership::kBucketOwnerEnforced);
  EXPECT_EQ(m.buckets[0].ownership.source, OwnershipSetting::Source::kDocument);
  EXPECT_EQ(m.buckets[0].ownership.where.line(), 5);

  Model n;
  load_text(n, "bp.json", read_text(fixture_path("domain-samples/01-bucket-policy-oai-read.json")));
  load_text(
      n, "oc.json",
      R"({"Error": {"Code": "OwnershipControlsNotFoundError", "Message": "The bucket ownership controls were not found"}})");
  ASSERT_EQ(n.buckets.size(), 1u);
  EXPECT_EQ(n.buckets[0].ownership.value, ObjectOwnership::kObjectWriter);
  EXPECT_EQ(n.buckets[0].ownership.source, OwnershipSetting::Source::kNotFoundError);
}

TEST(LoadKinds, InvalidOwnershipValueIsWrongElementType) {
  Model m;
  load_text(m, "oc.json", R"({"OwnershipControls": {"Rules": [{"ObjectOwnership": "Mine"}]}})");
  EXPECT_THAT(diagnostic_ids(m), ElementsAre("IN009"));
}

TEST(LoadKinds, PublicAccessBlockEncryptionAndListing) {
  Model m;
  load_text(m, "bp.json", read_text(fixture_path("domain-samples/01-bucket-policy-oai-read.json")));
  load_text(m, "pab.json",
            read_text(fixture_path("domain-samples/25-get-public-access-block.json")));
  load_text(m, "enc.json", R"({"ServerSideEncryptionConfiguration": {"Rules": [
      {"ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "aws:kms",
       "KMSMasterKeyID": "arn:aws:kms:us-east-1:111111111111:key/k"}, "BucketKeyEnabled": true}]}})");
  load_text(m, "ls.json",
            read_text(fixture_path("domain-samples/22-list-objects-v2-fetch-owner.json")));
  ASSERT_TRUE(m.diagnostics.empty());
  ASSERT_EQ(m.buckets.size(), 1u);
  const Bucket& b = m.buckets[0];
  ASSERT_TRUE(b.public_access_block.has_value());
  EXPECT_TRUE(b.public_access_block->block_public_acls);
  EXPECT_TRUE(b.public_access_block->restrict_public_buckets);
  ASSERT_TRUE(b.encryption.has_value());
  EXPECT_EQ(b.encryption->algorithm, "aws:kms");
  EXPECT_TRUE(b.encryption->bucket_key_enabled);
  ASSERT_TRUE(b.has_listing);
  ASSERT_EQ(b.objects.size(), 2u);
  EXPECT_EQ(b.objects[1].key, "uploads/report.pdf");
  EXPECT_EQ(b.objects[1].owner_id,
            "31d9e03c3f929f7357d7b88412866a2a3daefa277507aae6d7c7d6783bed3cf8");
}

TEST(LoadKinds, RolePolicyPolicyVersionAndAttachedPolicies) {
  Model m;
  m.default_account = "111111111111";
  load_text(m, "rp.json", R"({"RoleName": "publisher", "PolicyName": "publish",
      "PolicyDocument": "%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%7B%22Effect%22%3A%22Allow%22%2C%22Action%22%3A%22s3%3APutObject%22%2C%22Resource%22%3A%22*%22%7D%7D"})");
  ASSERT_TRUE(m.diagnostics.empty()) << m.diagnostics[0].message;
  ASSERT_EQ(m.roles.size(), 1u);
  EXPECT_EQ(m.roles[0].arn, "arn:aws:iam::111111111111:role/publisher");
  ASSERT_EQ(m.roles[0].permission_policies.size(), 1u);
  EXPECT_EQ(m.roles[0].permission_policies[0]->name, "publish");
  EXPECT_EQ(m.roles[0].permission_policies[0]->statements.at(0).action.values.at(0).value,
            "s3:PutObject");

  Model v =
      load_fixture("corpus/cli-output/iam/mamip--get-policy-version--AdministratorAccess.json");
  ASSERT_EQ(v.policies.size(), 1u);
  EXPECT_EQ(v.policies[0]->kind, PolicyKind::kIdentity);
  EXPECT_EQ(v.policies[0]->where.pointer(), "/PolicyVersion/Document");
}

TEST(LoadKinds, GetRoleWithPlaceholderDocumentIsReportedNotCrashed) {
  Model m = load_fixture("corpus/cli-output/iam/awscli--get-role--01.json");
  EXPECT_THAT(diagnostic_ids(m), ElementsAre("IN009"));
  ASSERT_EQ(m.roles.size(), 1u);
  EXPECT_EQ(m.roles[0].role_id, "AROA1234567890EXAMPLE");
  EXPECT_EQ(m.roles[0].trust_policy, nullptr);
}

TEST(LoadKinds, DistributionOriginsAndOai) {
  Model m = load_fixture("domain-samples/29-get-distribution-config-s3-origins.json", std::nullopt,
                         "111111111111");
  load_text(
      m, "oai.json",
      read_text(fixture_path("domain-samples/28-get-cloud-front-origin-access-identity.json")));
  ASSERT_EQ(m.distributions.size(), 1u);
  const Distribution& d = m.distributions[0];
  ASSERT_EQ(d.origins.size(), 2u);
  EXPECT_EQ(d.origins[0].bucket, "amzn-s3-demo-bucket");
  EXPECT_EQ(d.origins[0].oac_id, "E1ABCDEFGHIJKL");
  EXPECT_TRUE(d.origins[0].oai_id.empty());
  EXPECT_EQ(d.origins[1].oai_id, "E74FTE3AEXAMPLE");
  EXPECT_TRUE(d.origins[1].oac_id.empty());
  EXPECT_TRUE(d.origins[1].is_s3);
  EXPECT_EQ(d.origins[1].oai_where.line(),
            line_of("domain-samples/29-get-distribution-config-s3-origins.json",
                    "origin-access-identity/cloudfront/"));
  ASSERT_EQ(m.oais.size(), 1u);
  EXPECT_EQ(m.find_oai_by_canonical_id(
                "cd13868f797c227fbea2830611a26fe0a21ba1b826ab4bed9b7771c9aEXAMPLE"),
            m.find_oai("E74FTE3AEXAMPLE"));

  Model g = load_fixture("corpus/cli-output/cloudfront/awscli--get-distribution--01.json");
  ASSERT_EQ(g.distributions.size(), 1u);
  EXPECT_EQ(g.distributions[0].id, "EDFDVBD6EXAMPLE");
  EXPECT_EQ(g.distributions[0].account_id, "123456789012");
  EXPECT_EQ(g.distributions[0].origins.at(0).bucket, "amzn-s3-demo-bucket");
}

TEST(LoadKinds, S3DomainNames) {
  std::string bucket;
  bool website = false;
  EXPECT_TRUE(parse_s3_domain("b.s3.amazonaws.com", bucket, website));
  EXPECT_EQ(bucket, "b");
  EXPECT_FALSE(website);
  EXPECT_TRUE(parse_s3_domain("my.dotted.bucket.s3.eu-west-1.amazonaws.com", bucket, website));
  EXPECT_EQ(bucket, "my.dotted.bucket");
  EXPECT_TRUE(parse_s3_domain("b.s3-us-west-2.amazonaws.com", bucket, website));
  EXPECT_EQ(bucket, "b");
  EXPECT_FALSE(website);
  EXPECT_TRUE(parse_s3_domain("site.s3-website-us-east-1.amazonaws.com", bucket, website));
  EXPECT_EQ(bucket, "site");
  EXPECT_TRUE(website);
  EXPECT_TRUE(parse_s3_domain("site.s3-website.eu-central-1.amazonaws.com", bucket, website));
  EXPECT_TRUE(website);
  EXPECT_FALSE(parse_s3_domain("d111111abcdef8.cloudfront.net", bucket, website));
  EXPECT_FALSE(parse_s3_domain("example.com", bucket, website));
  EXPECT_FALSE(parse_s3_domain(".s3.amazonaws.com", bucket, website));
}

TEST(LoadKinds, ConfigBucketItem) {
  Model m = load_fixture("domain-samples/30-config-item-s3-bucket.json");
  ASSERT_TRUE(m.diagnostics.empty()) << m.diagnostics[0].message;
  ASSERT_EQ(m.buckets.size(), 1u);
  const Bucket& b = m.buckets[0];
  EXPECT_EQ(b.name, "amzn-s3-demo-bucket");
  EXPECT_EQ(b.account_id, "111111111111");
  ASSERT_NE(b.policy, nullptr);
  EXPECT_EQ(b.policy->statements.size(), 1u);
  ASSERT_TRUE(b.acl.has_value());
  ASSERT_EQ(b.acl->grants.size(), 2u);
  EXPECT_EQ(b.acl->grants[0].permission, "FULL_CONTROL");
  EXPECT_EQ(b.acl->grants[1].uri, kLogDeliveryUri);
  EXPECT_EQ(b.acl->grants[1].permission, "WRITE");
  ASSERT_TRUE(b.public_access_block.has_value());
  EXPECT_TRUE(b.public_access_block->block_public_policy);
  // Embedded in a JSON string: the ACL's position is inside that string on its line.
  EXPECT_EQ(b.acl->grants[1].where.line(),
            line_of("domain-samples/30-config-item-s3-bucket.json", "AccessControlList"));
}

// The member that makes a document what it is: absent, the document is not of that kind
// (IN008); present with the wrong type, that is the one problem reported (IN009), not also
// "the document has no ... member".
TEST(LoadKinds, DefiningMemberAbsentOrOfTheWrongType) {
  const std::pair<DocumentKind, std::string_view> cases[] = {
      {DocumentKind::kOrganization, "Organization"},
      {DocumentKind::kOwnershipControls, "OwnershipControls"},
      {DocumentKind::kPublicAccessBlock, "PublicAccessBlockConfiguration"},
      {DocumentKind::kBucketEncryption, "ServerSideEncryptionConfiguration"},
      {DocumentKind::kBucketReplication, "ReplicationConfiguration"},
      {DocumentKind::kBucketLogging, "LoggingEnabled"},
      {DocumentKind::kBucketPolicyStatus, "PolicyStatus"},
      {DocumentKind::kRole, "Role"},
      {DocumentKind::kOriginAccessIdentity, "CloudFrontOriginAccessIdentity"},
      {DocumentKind::kOriginAccessControl, "OriginAccessControl"},
      {DocumentKind::kDistributionList, "DistributionList"},
      {DocumentKind::kRoleList, "Roles"},
      {DocumentKind::kBucketList, "Buckets"},
      {DocumentKind::kOrganizationAccounts, "Accounts"},
      {DocumentKind::kAttachedPolicies, "AttachedPolicies"},
      {DocumentKind::kFlowLogs, "FlowLogs"},
      {DocumentKind::kTrails, "trailList"},
  };
  for (const auto& [kind, member] : cases) {
    SCOPED_TRACE(member);
    Model absent;
    load_text(absent, "x.json", R"({"Other": {}})", kind);
    EXPECT_THAT(diagnostic_ids(absent), ElementsAre("IN008"));
    EXPECT_THAT(absent.diagnostics[0].message, testing::HasSubstr(fmt::format("'{}'", member)));

    Model wrong;
    load_text(wrong, "x.json", fmt::format(R"({{"{}": 7}})", member), kind);
    EXPECT_THAT(diagnostic_ids(wrong), ElementsAre("IN009"));
    EXPECT_THAT(wrong.diagnostics[0].message,
                testing::HasSubstr(fmt::format("'{}' must be", member)));
  }
}

TEST(LoadKinds, ForcedKind) {
  // Without Statement no kind can be told; --kind forces a policy kind.
  Model unknown;
  load_text(unknown, "x.json", R"({"Version": "2012-10-17"})");
  EXPECT_THAT(diagnostic_ids(unknown), ElementsAre("IN008"));
  EXPECT_THAT(unknown.diagnostics[0].message, testing::HasSubstr("--kind"));

  Model forced;
  load_text(forced, "x.json", R"({"Version": "2012-10-17", "Statement": []})",
            DocumentKind::kTrustPolicy);
  ASSERT_EQ(forced.policies.size(), 1u);
  EXPECT_EQ(forced.policies[0]->kind, PolicyKind::kTrust);

  Model mismatch;
  load_text(mismatch, "x.json", R"({"Version": "2012-10-17"})", DocumentKind::kBucketAcl);
  EXPECT_THAT(diagnostic_ids(mismatch), ElementsAre("IN008"));
}

TEST(LoadKinds, EveryCliOutputFileLoadsWithoutSyntaxErrors) {
  const auto dir = testing_util::external_data_dir("corpus/cli-output");
  if (!dir) GTEST_SKIP() << testing_util::kNoCorpus;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(*dir)) {
    if (!entry.is_regular_file()) continue;
    Model m;
    load_text(m, entry.path().string(), read_text(entry.path().string()));
    EXPECT_EQ(testing_util::find_diagnostic(m, "IN001"), nullptr) << entry.path();
  }
}

}  // namespace
}  // namespace bucketlint
