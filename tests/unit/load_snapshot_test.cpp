// Snapshot directories: identity from the path, kind from the content, layout problems (IN011),
// and the linking of the seed samples.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "bucketlint/load.h"
#include "load_test_util.h"

namespace bucketlint {
namespace {

using testing::ElementsAre;
using testing::HasSubstr;
using testing_util::diagnostic_ids;
using testing_util::fixture_path;
using testing_util::read_text;
using testing_util::source_path;
using testing_util::TempDir;

constexpr const char* kBucket = "amzn-s3-demo-bucket";

LoadResult load_dir(const std::string& dir, const std::string& account = "") {
  LoadOptions options;
  options.paths = {dir};
  options.discover_config = false;
  options.account = account;
  return load_inputs(options);
}

TEST(LoadSnapshot, SeedOneForeignOwned) {
  LoadResult r = load_dir(source_path("samples/seed-1-foreign-owned"));
  const Model& m = r.model;
  EXPECT_TRUE(m.diagnostics.empty()) << m.diagnostics[0].message;
  EXPECT_TRUE(m.has_context);
  const Bucket* b = m.find_bucket(kBucket);
  ASSERT_NE(b, nullptr);
  EXPECT_EQ(b->account_id, "111111111111");
  EXPECT_EQ(b->ownership.source, OwnershipSetting::Source::kNotFoundError);
  EXPECT_EQ(b->ownership.effective(), ObjectOwnership::kObjectWriter);
  ASSERT_NE(b->policy, nullptr);
  EXPECT_EQ(b->policy->bucket, kBucket);
  EXPECT_EQ(b->policy->account_id, "111111111111");
  ASSERT_EQ(b->object_acls.size(), 1u);
  EXPECT_EQ(b->object_acls[0].key, "uploads/report.pdf");
  // Canonical IDs link to accounts (account.json) and OAIs (the OAI dump).
  const Account* writer = m.find_account_by_canonical_id(b->object_acls[0].acl.owner_id);
  ASSERT_NE(writer, nullptr);
  EXPECT_EQ(writer->id, "222222222222");
  ASSERT_EQ(m.distributions.size(), 1u);
  EXPECT_EQ(m.distributions[0].arn,
            "arn:aws:cloudfront::111111111111:distribution/EDFDVBD6EXAMPLE");
  ASSERT_EQ(m.distributions[0].origins.size(), 1u);
  EXPECT_EQ(m.distributions[0].origins[0].bucket, kBucket);
  EXPECT_NE(m.find_oai(m.distributions[0].origins[0].oai_id), nullptr);
  const Role* uploader = m.find_role("arn:aws:iam::222222222222:role/site-uploader");
  ASSERT_NE(uploader, nullptr);
  ASSERT_NE(uploader->trust_policy, nullptr);
  ASSERT_EQ(uploader->permission_policies.size(), 1u);
  EXPECT_EQ(uploader->permission_policies[0]->role_arn, uploader->arn);
}

TEST(LoadSnapshot, SeedThreeRoleFromGetRole) {
  LoadResult r = load_dir(source_path("samples/seed-3-assume-role-fixed"));
  EXPECT_TRUE(r.model.diagnostics.empty()) << r.model.diagnostics[0].message;
  const Role* publisher =
      r.model.find_role("arn:aws:iam::111111111111:role/cross-account-site-publisher");
  ASSERT_NE(publisher, nullptr);
  EXPECT_EQ(publisher->role_id, "AROA1234567890EXAMPLE");
  ASSERT_NE(publisher->trust_policy, nullptr);
  EXPECT_EQ(publisher->trust_policy->kind, PolicyKind::kTrust);
  EXPECT_EQ(publisher->permission_policies.size(), 1u);
}

TEST(LoadSnapshot, AllSeedSamplesLoadCleanly) {
  for (const char* s : {"seed-1-foreign-owned", "seed-2-bofc-still-403", "seed-3-assume-role-fixed",
                        "bucket-owner-enforced"}) {
    LoadResult r = load_dir(source_path(std::string("samples/") + s));
    EXPECT_TRUE(r.model.diagnostics.empty()) << s;
    EXPECT_EQ(r.model.buckets.size(), 1u) << s;
  }
  LoadResult boe = load_dir(source_path("samples/bucket-owner-enforced"));
  EXPECT_EQ(boe.model.buckets[0].ownership.value, ObjectOwnership::kBucketOwnerEnforced);
  ASSERT_EQ(boe.model.oacs.size(), 1u);
  EXPECT_EQ(boe.model.oacs[0].signing_behavior, "always");
  EXPECT_NE(boe.model.find_oac(boe.model.distributions.at(0).origins.at(0).oac_id), nullptr);
}

TEST(LoadSnapshot, LayoutProblems) {
  TempDir t;
  const std::string policy =
      read_text(fixture_path("domain-samples/01-bucket-policy-oai-read.json"));
  const std::string trust =
      read_text(fixture_path("domain-samples/15-trust-policy-cross-account-external-id.json"));
  t.write("accounts/1111/buckets/b/policy.json", policy);        // not 12 digits
  t.write("accounts/111111111111/buckets/b/trust.json", trust);  // wrong kind
  t.write("accounts/111111111111/widgets/x.json", policy);       // unknown folder
  t.write("accounts/111111111111/buckets/loose.json", policy);   // outside entity
  t.write("accounts/111111111111/roles/r/trust.json", trust);    // fine
  LoadResult r = load_dir(t.path());
  EXPECT_THAT(diagnostic_ids(r.model), ElementsAre("IN011", "IN011", "IN011", "IN011"));
  std::string all;
  for (const LoadDiagnostic& d : r.model.diagnostics) all += d.message + "\n";
  EXPECT_THAT(all, HasSubstr("'1111' is not a 12-digit account ID"));
  EXPECT_THAT(all, HasSubstr("'trust-policy' document does not belong in a bucket folder"));
  EXPECT_THAT(all, HasSubstr("unknown folder 'widgets'"));
  // Files in misplaced folders are not read a second time as loose documents.
  EXPECT_EQ(r.model.policies.size(), 2u);
  ASSERT_NE(r.model.find_role("arn:aws:iam::111111111111:role/r"), nullptr);
}

TEST(LoadSnapshot, ObjectAclKeysFromNestedFolders) {
  TempDir t;
  const std::string acl = read_text(
      fixture_path("domain-samples/21-get-object-acl-cross-account-bofc-objectwriter.json"));
  t.write("accounts/111111111111/buckets/b/object-acls/a/b/c.txt.json", acl);
  t.write("accounts/111111111111/buckets/b/object-acls/top.json", acl);
  t.write("accounts/111111111111/buckets/b/object-acls/README.md", "not read");
  LoadResult r = load_dir(t.path());
  EXPECT_TRUE(r.model.diagnostics.empty());
  const Bucket* b = r.model.find_bucket("b");
  ASSERT_NE(b, nullptr);
  ASSERT_EQ(b->object_acls.size(), 2u);
  EXPECT_EQ(b->object_acls[0].key, "a/b/c.txt");
  EXPECT_EQ(b->object_acls[1].key, "top");
}

TEST(LoadSnapshot, BucketAclOwnerGivesTheAccountItsCanonicalId) {
  TempDir t;
  t.write("accounts/111111111111/buckets/b/acl.json",
          read_text(fixture_path("domain-samples/18-get-bucket-acl-owner-only.json")));
  LoadResult r = load_dir(t.path());
  const Account* a = r.model.find_account("111111111111");
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a->canonical_id, "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be");
}

// Files without a policy (ACL, ownership controls) copy what the model keeps: their trees are
// released once the model is linked, and their positions still come from the file's text.
TEST(LoadSnapshot, TreesOfFilesWithoutPoliciesAreReleased) {
  TempDir t;
  t.write("accounts/111111111111/buckets/b/acl.json",
          read_text(fixture_path("domain-samples/18-get-bucket-acl-owner-only.json")));
  t.write("accounts/111111111111/buckets/b/ownership-controls.json",
          R"({"OwnershipControls": {"Rules": [{"ObjectOwnership": "ObjectWriter"}]}})");
  t.write("accounts/111111111111/buckets/b/bucket-policy.json",
          R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
              "Principal": {"AWS": "222222222222"}, "Action": "s3:PutObject",
              "Resource": "arn:aws:s3:::b/*"}]})");
  LoadResult r = load_dir(t.path());
  EXPECT_EQ(r.model.sources.size(), 3u);
  ASSERT_EQ(r.model.trees.size(), 1u);  // the bucket policy's, which lazy refs point into
  const Bucket* b = r.model.find_bucket("b");
  ASSERT_NE(b, nullptr);
  ASSERT_NE(b->policy, nullptr);
  EXPECT_EQ(b->policy->statements.at(0).action.values.at(0).value, "s3:PutObject");
  EXPECT_EQ(b->ownership.value, ObjectOwnership::kObjectWriter);
  EXPECT_GT(b->ownership.where.line(), 0);
  ASSERT_TRUE(b->acl.has_value());
  EXPECT_GT(b->acl->where.line(), 0);
  EXPECT_FALSE(b->acl->owner_id.empty());
}

TEST(LoadSnapshot, SecondBucketPolicyIsALayoutProblem) {
  TempDir t;
  const std::string policy =
      read_text(fixture_path("domain-samples/01-bucket-policy-oai-read.json"));
  t.write("accounts/111111111111/buckets/b/a.json", policy);
  t.write("accounts/111111111111/buckets/b/b.json", policy);
  LoadResult r = load_dir(t.path());
  EXPECT_THAT(diagnostic_ids(r.model), ElementsAre("IN011"));
  EXPECT_THAT(r.model.buckets.at(0).policy->where.file(), HasSubstr("a.json"));
}

TEST(LoadSnapshot, AccountJsonUnknownMemberAndWrongType) {
  TempDir t;
  t.write("accounts/111111111111/account.json", R"({"CanonicalUserId": 5, "Nmae": "x"})");
  LoadResult r = load_dir(t.path());
  EXPECT_THAT(diagnostic_ids(r.model), ElementsAre("IN009", "IN011"));
}

TEST(LoadSnapshot, DirectoryWalkIsSortedAndSkipsNonJson) {
  TempDir t;
  const std::string policy =
      read_text(fixture_path("domain-samples/16-identity-policy-allow-assume-role.json"));
  t.write("z.json", policy);
  t.write("a/b.json", policy);
  t.write("notes.txt", "{");
  LoadResult r = load_dir(t.path());
  EXPECT_TRUE(r.model.diagnostics.empty());
  ASSERT_EQ(r.model.sources.size(), 2u);
  EXPECT_THAT(r.model.sources[0]->path(), HasSubstr("a/b.json"));
  EXPECT_THAT(r.model.sources[1]->path(), HasSubstr("z.json"));
  EXPECT_FALSE(r.model.has_context);
}

TEST(LoadSnapshot, LooseDocumentsOfOneDirectoryFormOneBucket) {
  TempDir t;
  t.write("scenario/bucket-policy.json",
          read_text(
              fixture_path("domain-samples/13-bucket-policy-walkthrough3-cross-account-put.json")));
  t.write("scenario/ownership.json",
          read_text(fixture_path("domain-samples/24-get-bucket-ownership-controls.json")));
  t.write("other/acl.json",
          read_text(fixture_path("domain-samples/18-get-bucket-acl-owner-only.json")));
  LoadResult r = load_dir(t.path(), "111111111111");
  ASSERT_EQ(r.model.buckets.size(), 1u);
  EXPECT_EQ(r.model.buckets[0].account_id, "111111111111");
  EXPECT_EQ(r.model.buckets[0].ownership.value, ObjectOwnership::kBucketOwnerEnforced);
  // The ACL of another directory does not join the bucket.
  EXPECT_FALSE(r.model.buckets[0].acl.has_value());
  EXPECT_EQ(r.model.loose_acls.size(), 1u);
  EXPECT_EQ(testing_util::find_diagnostic(r.model, "IN012"), nullptr);
}

// `bucketlint model` shows what the section-2 readers give: bucket region, replication, logging,
// website and policy status, access points (with their policies, not as loose ones) and log
// deliveries with the Terraform address that creates them.
TEST(LoadSnapshot, DescribeModelShowsSettingsAccessPointsAndLogDeliveries) {
  const std::string location =
      describe_model(load_dir(source_path("samples/cli-get-bucket-location")).model);
  EXPECT_THAT(location, HasSubstr("    region: 'eu-west-1'\n"));
  EXPECT_THAT(location, HasSubstr("    server access logs -> bucket 'amzn-s3-demo-logs' prefix "
                                  "'access/' ("));
  EXPECT_THAT(location, HasSubstr("amzn-s3-demo-bucket/logging.json:2:21)\n"));
  const std::string replication =
      describe_model(load_dir(source_path("samples/cli-get-bucket-replication")).model);
  EXPECT_THAT(replication,
              HasSubstr("      rule 'backup-to-b' -> bucket 'amzn-s3-demo-backup' account "
                        "'222222222222'"));
  const std::string point =
      describe_model(load_dir(source_path("samples/cli-s3control-get-access-point")).model);
  EXPECT_THAT(point, HasSubstr("access points: 1\n  access point 'uploads-ap'"));
  EXPECT_THAT(point, HasSubstr("bucket 'amzn-s3-demo-bucket', region 'us-east-1', network "
                               "origin 'Internet'\n"));
  EXPECT_THAT(point, HasSubstr("loose policies: 0\n"));
  const std::string status =
      describe_model(load_dir(source_path("samples/cli-get-bucket-policy-status")).model);
  EXPECT_THAT(status, HasSubstr("    policy status (S3): public ("));
  const std::string website =
      describe_model(load_dir(source_path("samples/cli-get-bucket-website")).model);
  EXPECT_THAT(website, HasSubstr("    website: index 'index.html', error 'error.html'"));
  const std::string deliveries =
      describe_model(load_dir(source_path("samples/tf-log-deliveries"), "111111111111").model);
  EXPECT_THAT(deliveries, HasSubstr("log deliveries: 3\n"));
  EXPECT_THAT(deliveries, HasSubstr("  cloudtrail 'management-events' (Terraform "
                                    "'aws_cloudtrail.management'): account '111111111111'"));
}

TEST(LoadSnapshot, DescribeModelIsDeterministicAndNamesTheLinks) {
  const std::string a = describe_model(load_dir(source_path("samples/seed-1-foreign-owned")).model);
  const std::string b = describe_model(load_dir(source_path("samples/seed-1-foreign-owned")).model);
  EXPECT_EQ(a, b);
  EXPECT_THAT(a, HasSubstr("bucket 'amzn-s3-demo-bucket'"));
  EXPECT_THAT(a, HasSubstr("owner account: '111111111111' (account-a)"));
  EXPECT_THAT(a, HasSubstr("object ownership: ObjectWriter (OwnershipControlsNotFoundError)"));
  EXPECT_THAT(a, HasSubstr("owner: account '222222222222'"));
  EXPECT_THAT(a, HasSubstr("-> bucket 'amzn-s3-demo-bucket', OAI 'E74FTE3AEXAMPLE'"));
  EXPECT_THAT(a, HasSubstr("input diagnostics: 0"));
}

}  // namespace
}  // namespace bucketlint

namespace bucketlint {
namespace {

TEST(LoadHelpers, AccountPrincipals) {
  EXPECT_EQ(account_principal_to_root_arn("222222222222"), "arn:aws:iam::222222222222:root");
  EXPECT_EQ(account_principal_to_root_arn("arn:aws:iam::222222222222:root"),
            "arn:aws:iam::222222222222:root");
  EXPECT_EQ(account_principal_to_root_arn("22222222222"), "22222222222");
  EXPECT_TRUE(is_account_id("111111111111"));
  EXPECT_FALSE(is_account_id("11111111111a"));
  EXPECT_FALSE(is_account_id(""));
}

TEST(LoadHelpers, RoleArnWithPathFromGetRole) {
  testing_util::TempDir t;
  t.write(
      "accounts/111111111111/roles/deployer/a-trust.json",
      R"({"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}})");
  t.write(
      "accounts/111111111111/roles/deployer/role.json",
      R"({"Role": {"RoleName": "deployer", "RoleId": "AROAEXAMPLE", "Arn": "arn:aws:iam::111111111111:role/ci/deployer"}})");
  LoadOptions options;
  options.discover_config = false;
  options.paths = {t.path()};
  LoadResult r = load_inputs(options);
  EXPECT_TRUE(r.model.diagnostics.empty());
  ASSERT_EQ(r.model.roles.size(), 1u);
  EXPECT_EQ(r.model.roles[0].arn, "arn:aws:iam::111111111111:role/ci/deployer");
  ASSERT_NE(r.model.roles[0].trust_policy, nullptr);
  EXPECT_EQ(r.model.roles[0].trust_policy->role_arn, "arn:aws:iam::111111111111:role/ci/deployer");
}

}  // namespace
}  // namespace bucketlint

namespace bucketlint {
namespace {

TEST(LoadLoose, SecondAclOfADirectoryStaysLooseWithoutLayoutProblems) {
  testing_util::TempDir t;
  t.write("d/bp.json", testing_util::read_text(testing_util::fixture_path(
                           "domain-samples/01-bucket-policy-oai-read.json")));
  t.write("d/acl-1.json", testing_util::read_text(testing_util::fixture_path(
                              "domain-samples/18-get-bucket-acl-owner-only.json")));
  t.write("d/acl-2.json", testing_util::read_text(testing_util::fixture_path(
                              "domain-samples/19-get-bucket-acl-public-read-blocks-boe.json")));
  LoadOptions options;
  options.discover_config = false;
  options.paths = {t.path()};
  LoadResult r = load_inputs(options);
  EXPECT_TRUE(r.model.diagnostics.empty());
  ASSERT_EQ(r.model.buckets.size(), 1u);
  ASSERT_TRUE(r.model.buckets[0].acl.has_value());
  EXPECT_THAT(r.model.buckets[0].acl->where.file(), testing::HasSubstr("acl-1.json"));
  ASSERT_EQ(r.model.loose_acls.size(), 1u);
  EXPECT_THAT(r.model.loose_acls[0].acl.where.file(), testing::HasSubstr("acl-2.json"));
}

TEST(LoadLoose, DistributionConfigsWithoutIdAreSeparate) {
  Model m;
  const std::string config = testing_util::read_text(
      testing_util::fixture_path("domain-samples/29-get-distribution-config-s3-origins.json"));
  load_text(m, "a.json", config);
  load_text(m, "b.json", config);
  ASSERT_EQ(m.distributions.size(), 2u);
  EXPECT_TRUE(m.distributions[0].id.empty());
  EXPECT_EQ(m.distributions[0].origins.size(), 2u);
  EXPECT_EQ(m.distributions[1].origins.size(), 2u);
  // With an ID (get-distribution) the same distribution is one entity.
  Model g;
  const std::string dist = testing_util::read_text(
      testing_util::fixture_path("corpus/cli-output/cloudfront/awscli--get-distribution--01.json"));
  load_text(g, "a.json", dist);
  load_text(g, "b.json", dist);
  EXPECT_EQ(g.distributions.size(), 1u);
}

}  // namespace
}  // namespace bucketlint

namespace bucketlint {
namespace {

TEST(LoadSnapshot, NonAclInObjectAclsIsNotAnObjectAcl) {
  testing_util::TempDir t;
  t.write("accounts/111111111111/buckets/b/object-acls/x.json",
          testing_util::read_text(
              testing_util::fixture_path("domain-samples/01-bucket-policy-oai-read.json")));
  LoadOptions options;
  options.discover_config = false;
  options.paths = {t.path()};
  LoadResult r = load_inputs(options);
  EXPECT_THAT(testing_util::diagnostic_ids(r.model), testing::ElementsAre("IN008"));
  ASSERT_NE(r.model.find_bucket("b"), nullptr);
  EXPECT_TRUE(r.model.find_bucket("b")->object_acls.empty());
}

}  // namespace
}  // namespace bucketlint

namespace bucketlint {
namespace {

TEST(LoadSnapshot, UsersKmsKeysAndAttachedPolicies) {
  using testing_util::fixture_path;
  using testing_util::read_text;
  testing_util::TempDir t;
  t.write("accounts/111111111111/users/alice/p.json",
          read_text(fixture_path("domain-samples/16-identity-policy-allow-assume-role.json")));
  t.write("accounts/111111111111/users/alice/trust.json",
          read_text(fixture_path("domain-samples/15-trust-policy-cross-account-external-id.json")));
  t.write("accounts/111111111111/kms-keys/1234abcd/policy.json",
          read_text(fixture_path("domain-samples/08-kms-key-policy-statement-oac.json")));
  t.write(
      "accounts/111111111111/roles/r/attached.json",
      R"({"AttachedPolicies": [{"PolicyName": "ReadOnlyAccess", "PolicyArn": "arn:aws:iam::aws:policy/ReadOnlyAccess"}], "IsTruncated": false})");
  LoadOptions options;
  options.discover_config = false;
  options.paths = {t.path()};
  LoadResult r = load_inputs(options);
  // The trust policy does not belong to a user.
  EXPECT_THAT(testing_util::diagnostic_ids(r.model), testing::ElementsAre("IN011"));
  ASSERT_EQ(r.model.users.size(), 1u);
  EXPECT_EQ(r.model.users[0].arn, "arn:aws:iam::111111111111:user/alice");
  ASSERT_EQ(r.model.users[0].policies.size(), 1u);
  EXPECT_EQ(r.model.users[0].policies[0]->user_arn, r.model.users[0].arn);
  ASSERT_EQ(r.model.kms_keys.size(), 1u);
  ASSERT_NE(r.model.kms_keys[0].policy, nullptr);
  EXPECT_EQ(r.model.kms_keys[0].policy->kind, PolicyKind::kKey);
  EXPECT_EQ(r.model.kms_keys[0].account_id, "111111111111");
  ASSERT_EQ(r.model.roles.size(), 1u);
  ASSERT_EQ(r.model.roles[0].attached_policy_arns.size(), 1u);
  EXPECT_EQ(r.model.roles[0].attached_policy_arns[0].value,
            "arn:aws:iam::aws:policy/ReadOnlyAccess");
  EXPECT_GT(r.model.roles[0].attached_policy_arns[0].where.line(), 0);
}

}  // namespace
}  // namespace bucketlint

namespace bucketlint {
namespace {

// Linting a folder of loose policies that name the same bucket is not a layout error: the first
// binds to the bucket, the others stay loose and are still linted (IN011 is for snapshots and
// config bindings).
TEST(LooseBinding, SecondPolicyForOneBucketStaysLooseWithoutDiagnostic) {
  Model model;
  const std::string policy = R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
    "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::same-bucket/*"}]})";
  load_text(model, "a.json", policy);
  load_text(model, "b.json", policy);
  EXPECT_EQ(model.policies.size(), 2u);
  for (const LoadDiagnostic& d : model.diagnostics) EXPECT_NE(d.rule_id, "IN011") << d.message;
}

}  // namespace
}  // namespace bucketlint

namespace bucketlint {
namespace {

// `s3control get-public-access-block` output in the account folder is the account's setting.
TEST(LoadSnapshot, AccountPublicAccessBlock) {
  LoadResult r = load_dir(source_path("samples/pa001-public-read-blocked"));
  EXPECT_TRUE(r.model.diagnostics.empty()) << r.model.diagnostics[0].message;
  const Account* a = r.model.find_account("111111111111");
  ASSERT_NE(a, nullptr);
  ASSERT_TRUE(a->public_access_block.has_value());
  EXPECT_TRUE(a->public_access_block->restrict_public_buckets);
  EXPECT_THAT(a->public_access_block->where.file(),
              testing::EndsWith("accounts/111111111111/public-access-block.json"));
  const Bucket* b = r.model.find_bucket(kBucket);
  ASSERT_NE(b, nullptr);
  EXPECT_FALSE(b->public_access_block.has_value());
}

// The distribution names its OAC by ID: get-origin-access-control output beside it is read as the
// account's OAC, once.
TEST(LoadSnapshot, OriginAccessControlBesideItsDistribution) {
  LoadResult r = load_dir(source_path("samples/cf-oac-beside-distribution"));
  EXPECT_TRUE(r.model.diagnostics.empty()) << r.model.diagnostics[0].message;
  ASSERT_EQ(r.model.oacs.size(), 1u);
  EXPECT_EQ(r.model.oacs[0].id, "E2OACEXAMPLE");
  EXPECT_EQ(r.model.oacs[0].account_id, "111111111111");
}

}  // namespace
}  // namespace bucketlint

namespace bucketlint {
namespace {

// The error body of get-public-access-block when nothing is configured: every setting off.
TEST(LoadSnapshot, NoSuchPublicAccessBlockConfigurationMeansEverySettingOff) {
  LoadResult r = load_dir(source_path("samples/pa001-public-write"));
  EXPECT_TRUE(r.model.diagnostics.empty()) << r.model.diagnostics[0].message;
  const Bucket* b = r.model.find_bucket(kBucket);
  ASSERT_NE(b, nullptr);
  ASSERT_TRUE(b->public_access_block.has_value());
  EXPECT_FALSE(b->public_access_block->block_public_acls);
  EXPECT_FALSE(b->public_access_block->ignore_public_acls);
  EXPECT_FALSE(b->public_access_block->block_public_policy);
  EXPECT_FALSE(b->public_access_block->restrict_public_buckets);
}

}  // namespace
}  // namespace bucketlint
