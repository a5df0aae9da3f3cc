// Whole-account AWS CLI list outputs (issue 16): iam list-roles, get-policy with
// get-policy-version, s3api list-buckets, cloudfront list-distributions /
// list-cloud-front-origin-access-identities / list-origin-access-controls, organizations
// describe-organization / list-accounts. Shapes after the AWS CLI reference
// (https://docs.aws.amazon.com/cli/latest/reference/) and its examples (tests/fixtures/corpus/).

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "bucketlint/load.h"
#include "load/documents.h"
#include "load_test_util.h"

namespace bucketlint {
namespace {

using testing::ElementsAre;
using testing::IsEmpty;
using testing_util::diagnostic_ids;

DocumentKind kind_of(std::string_view text) {
  JsonParseResult r = parse_json(text);
  return r.value ? classify_document(*r.value) : DocumentKind::kUnknown;
}

Model load_one(std::string_view text, std::string account = "") {
  Model model;
  model.default_account = std::move(account);
  load_text(model, "dump.json", std::string(text));
  return model;
}

LoadResult load_dir(const testing_util::TempDir& dir) {
  LoadOptions options;
  options.discover_config = false;
  options.paths = {dir.path()};
  return load_inputs(options);
}

constexpr std::string_view kTrustEncoded =
    "%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%7B%22Effect%22%3A%22Allow%22%2C%"
    "22Principal%22%3A%7B%22AWS%22%3A%22arn%3Aaws%3Aiam%3A%3A333333333333%3Aroot%22%7D%2C%22Action"
    "%22%3A%22sts%3AAssumeRole%22%7D%5D%7D";

std::string role_list() {
  return std::string(R"({"Roles": [
    {"RoleName": "encoded", "RoleId": "AROAEXAMPLEENCODED01",
     "Arn": "arn:aws:iam::222222222222:role/encoded",
     "AssumeRolePolicyDocument": ")") +
         std::string(kTrustEncoded) + R"("},
    {"RoleName": "plain", "Arn": "arn:aws:iam::222222222222:role/app/plain",
     "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
       "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}]}}
  ]})";
}

TEST(CliLists, ClassifiedByContent) {
  EXPECT_EQ(kind_of(role_list()), DocumentKind::kRoleList);
  EXPECT_EQ(kind_of(R"({"Policy": {"Arn": "arn:aws:iam::1:policy/p", "DefaultVersionId": "v1"}})"),
            DocumentKind::kManagedPolicy);
  // get-bucket-policy's {"Policy": "<json>"} stays a bucket policy.
  EXPECT_EQ(kind_of(R"({"Policy": "{}"})"), DocumentKind::kBucketPolicy);
  EXPECT_EQ(kind_of(R"({"Buckets": [], "Owner": {"ID": "x"}})"), DocumentKind::kBucketList);
  EXPECT_EQ(kind_of(R"({"DistributionList": {"Quantity": 0}})"), DocumentKind::kDistributionList);
  EXPECT_EQ(kind_of(R"({"CloudFrontOriginAccessIdentityList": {"Items": []}})"),
            DocumentKind::kOriginAccessIdentityList);
  EXPECT_EQ(kind_of(R"({"OriginAccessControlList": {"Items": []}})"),
            DocumentKind::kOriginAccessControlList);
  EXPECT_EQ(kind_of(R"({"Organization": {"Id": "o-a1b2c3d4e5"}})"), DocumentKind::kOrganization);
  EXPECT_EQ(kind_of(R"({"Accounts": []})"), DocumentKind::kOrganizationAccounts);
}

TEST(CliLists, ListRolesGivesRolesWithTrustPolicies) {
  const Model m = load_one(role_list());
  EXPECT_THAT(diagnostic_ids(m), IsEmpty());
  const Role* encoded = m.find_role("arn:aws:iam::222222222222:role/encoded");
  ASSERT_NE(encoded, nullptr);
  EXPECT_EQ(encoded->account_id, "222222222222");
  EXPECT_EQ(encoded->role_id, "AROAEXAMPLEENCODED01");
  ASSERT_NE(encoded->trust_policy, nullptr);
  ASSERT_EQ(encoded->trust_policy->statements.size(), 1u);
  EXPECT_EQ(encoded->trust_policy->kind, PolicyKind::kTrust);
  // Positions of a URL-encoded document point into the file, at the string.
  EXPECT_EQ(encoded->trust_policy->where.pointer(), "/Roles/0/AssumeRolePolicyDocument");
  EXPECT_EQ(encoded->trust_policy->where.line(), 4);
  const Role* plain = m.find_role("arn:aws:iam::222222222222:role/app/plain");
  ASSERT_NE(plain, nullptr);
  EXPECT_EQ(plain->name, "plain");
  ASSERT_NE(plain->trust_policy, nullptr);
  EXPECT_EQ(plain->trust_policy->where.line(), 6);
}

TEST(CliLists, ListRolesWrongTypesAreReported) {
  const Model m =
      load_one(R"({"Roles": [7, {"RoleName": "r", "Arn": "arn:aws:iam::222222222222:role/r",
    "AssumeRolePolicyDocument": 5}]})");
  EXPECT_THAT(diagnostic_ids(m), ElementsAre("IN009", "IN009"));
  EXPECT_NE(m.find_role("arn:aws:iam::222222222222:role/r"), nullptr);
}

TEST(CliLists, RealListRolesLoads) {
  Model m;
  const std::string rel = "corpus/cli-output/iam/awscli--list-roles--01.json";
  load_text(m, rel, testing_util::read_text(testing_util::fixture_path(rel)));
  EXPECT_THAT(diagnostic_ids(m), IsEmpty());
  EXPECT_NE(m.find_role("arn:aws:iam::123456789012:role/example_path/ExampleRoleWithPath"),
            nullptr);
}

TEST(CliLists, RealCloudFrontListsLoad) {
  Model m;
  m.default_account = "123456789012";
  for (const std::string rel : {"corpus/cli-output/cloudfront/awscli--list-distributions--01.json",
                                "corpus/cli-output/cloudfront/"
                                "awscli--list-cloud-front-origin-access-identities--01.json"}) {
    load_text(m, rel, testing_util::read_text(testing_util::fixture_path(rel)));
  }
  EXPECT_THAT(diagnostic_ids(m), IsEmpty());
  ASSERT_GE(m.distributions.size(), 1u);
  const Distribution& d = m.distributions.front();
  EXPECT_EQ(d.id, "E23YS8OEXAMPLE");
  EXPECT_EQ(d.account_id, "123456789012");
  ASSERT_EQ(d.origins.size(), 1u);
  EXPECT_EQ(d.origins[0].bucket, "amzn-s3-demo-bucket");
  EXPECT_EQ(d.origins[0].oac_id, "EIAP8PEXAMPLE");
  EXPECT_EQ(d.origins[0].where.pointer(), "/DistributionList/Items/0/Origins/Items/0");
  ASSERT_EQ(m.oais.size(), 3u);
  EXPECT_EQ(m.oais[0].id, "E74FTE3AEXAMPLE");
  EXPECT_EQ(m.oais[0].account_id, "123456789012");
  EXPECT_NE(m.find_oai_by_canonical_id(
                "cd13868f797c227fbea2830611a26fe0a21ba1b826ab4bed9b7771c9aEXAMPLE"),
            nullptr);
}

TEST(CliLists, OriginAccessControlList) {
  const Model m = load_one(R"({"OriginAccessControlList": {"Quantity": 1, "Items": [
    {"Id": "E1ABCDEFGHIJKL", "Name": "site", "SigningProtocol": "sigv4",
     "SigningBehavior": "always", "OriginAccessControlOriginType": "s3"}]}})",
                           "111111111111");
  EXPECT_THAT(diagnostic_ids(m), IsEmpty());
  const OriginAccessControl* oac = m.find_oac("E1ABCDEFGHIJKL");
  ASSERT_NE(oac, nullptr);
  EXPECT_EQ(oac->signing_behavior, "always");
  EXPECT_EQ(oac->origin_type, "s3");
  EXPECT_EQ(oac->account_id, "111111111111");
  EXPECT_EQ(oac->where.line(), 2);
}

constexpr std::string_view kCanonicalA =
    "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be";

std::string bucket_list(std::string_view canonical, std::string_view bucket) {
  return std::string(R"({"Buckets": [{"Name": ")") + std::string(bucket) +
         R"(", "CreationDate": "2022-11-02T10:15:44+00:00"}], "Owner": {"DisplayName": "a", "ID": ")" +
         std::string(canonical) + "\"}}";
}

constexpr std::string_view kPolicyNamingB = R"({"Version": "2012-10-17", "Statement": [
  {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::222222222222:role/w"},
   "Action": "s3:PutObject", "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*"}]})";

// In a snapshot account folder, list-buckets gives the account's canonical ID.
TEST(CliLists, ListBucketsInAccountFolderGivesCanonicalId) {
  const testing_util::TempDir dir;
  dir.write("accounts/111111111111/list-buckets.json",
            bucket_list(kCanonicalA, "amzn-s3-demo-bucket"));
  const LoadResult r = load_dir(dir);
  EXPECT_THAT(diagnostic_ids(r.model), IsEmpty());
  const Account* a = r.model.find_account("111111111111");
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a->canonical_id, kCanonicalA);
  EXPECT_EQ(r.model.find_account_by_canonical_id(kCanonicalA), a);
}

// account.json and list-buckets disagreeing is a layout error.
TEST(CliLists, ListBucketsContradictingAccountJsonIsReported) {
  const testing_util::TempDir dir;
  dir.write(
      "accounts/111111111111/account.json",
      R"({"CanonicalUserId": "31d9e03c3f929f7357d7b88412866a2a3daefa277507aae6d7c7d6783bed3cf8"})");
  dir.write("accounts/111111111111/list-buckets.json", bucket_list(kCanonicalA, "b"));
  const LoadResult r = load_dir(dir);
  EXPECT_THAT(diagnostic_ids(r.model), ElementsAre("IN011"));
}

// A loose bucket policy gets its account from a list-buckets output naming the bucket, once the
// canonical ID is known to belong to an account.
TEST(CliLists, LooseBucketJoinsTheAccountOfItsListedOwner) {
  const testing_util::TempDir dir;
  dir.write("snapshot/accounts/111111111111/list-buckets.json",
            bucket_list(kCanonicalA, "amzn-s3-demo-bucket"));
  dir.write("loose/bucket-policy.json", std::string(kPolicyNamingB));
  LoadOptions options;
  options.discover_config = false;
  options.paths = {dir.path() + "/snapshot", dir.path() + "/loose/bucket-policy.json"};
  const LoadResult r = load_inputs(options);
  const Bucket* b = r.model.find_bucket("amzn-s3-demo-bucket");
  ASSERT_NE(b, nullptr);
  EXPECT_EQ(b->account_id, "111111111111");
  ASSERT_NE(b->policy, nullptr);
  EXPECT_EQ(b->policy->account_id, "111111111111");
}

// Without anything naming the canonical ID's account, the bucket's account stays unknown.
TEST(CliLists, LooseListBucketsAloneNamesNoAccount) {
  Model m;
  load_text(m, "list-buckets.json", bucket_list(kCanonicalA, "amzn-s3-demo-bucket"));
  load_text(m, "bucket-policy.json", std::string(kPolicyNamingB));
  const Bucket* b = m.find_bucket("amzn-s3-demo-bucket");
  ASSERT_NE(b, nullptr);
  EXPECT_EQ(b->account_id, "");
  EXPECT_EQ(m.listed_bucket_owners.at("amzn-s3-demo-bucket"), kCanonicalA);
}

constexpr std::string_view kGetPolicy = R"({"Policy": {"PolicyName": "uploads",
  "Arn": "arn:aws:iam::222222222222:policy/uploads", "DefaultVersionId": "v2"}})";
std::string version(std::string_view id, bool is_default, std::string_view action) {
  return std::string(R"({"PolicyVersion": {"Document": {"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Action": ")") +
         std::string(action) + R"(", "Resource": "*"}]}, "VersionId": ")" + std::string(id) +
         R"(", "IsDefaultVersion": )" + (is_default ? "true" : "false") + "}}";
}
constexpr std::string_view kAttached = R"({"AttachedPolicies": [{"PolicyName": "uploads",
  "PolicyArn": "arn:aws:iam::222222222222:policy/uploads"}]})";

std::vector<std::string> actions_of(const Role& r) {
  std::vector<std::string> out;
  for (const PolicyDocument* p : r.permission_policies) {
    for (const Statement& s : p->statements) {
      for (const LocatedString& a : s.action.values) out.emplace_back(a.value);
    }
  }
  return out;
}

// accounts/<id>/policies/<name>/: get-policy says which version is in force; only that one is
// attached to the roles whose attached policies name the ARN.
TEST(CliLists, ManagedPolicyFolderAttachesTheDefaultVersion) {
  const testing_util::TempDir dir;
  dir.write("accounts/222222222222/policies/uploads/get-policy.json", std::string(kGetPolicy));
  dir.write("accounts/222222222222/policies/uploads/v1.json", version("v1", false, "s3:*"));
  dir.write("accounts/222222222222/policies/uploads/v2.json", version("v2", true, "s3:PutObject"));
  dir.write("accounts/222222222222/roles/w/attached-policies.json", std::string(kAttached));
  const LoadResult r = load_dir(dir);
  EXPECT_THAT(diagnostic_ids(r.model), IsEmpty());
  const Role* w = r.model.find_role("arn:aws:iam::222222222222:role/w");
  ASSERT_NE(w, nullptr);
  EXPECT_THAT(actions_of(*w), ElementsAre("s3:PutObject"));
  EXPECT_EQ(w->permission_policies[0]->name, "arn:aws:iam::222222222222:policy/uploads");
  EXPECT_EQ(w->permission_policies[0]->role_arn, w->arn);
}

// get-policy wins over a stale IsDefaultVersion; a folder without the default version's
// document says so.
TEST(CliLists, ManagedPolicyFolderWithoutTheDefaultVersionIsReported) {
  const testing_util::TempDir dir;
  dir.write("accounts/222222222222/policies/uploads/get-policy.json", std::string(kGetPolicy));
  dir.write("accounts/222222222222/policies/uploads/v1.json", version("v1", true, "s3:*"));
  dir.write("accounts/222222222222/roles/w/attached-policies.json", std::string(kAttached));
  const LoadResult r = load_dir(dir);
  EXPECT_THAT(diagnostic_ids(r.model), ElementsAre("IN011"));
  const Role* w = r.model.find_role("arn:aws:iam::222222222222:role/w");
  ASSERT_NE(w, nullptr);
  EXPECT_THAT(w->permission_policies, IsEmpty());
}

// Loose: get-policy and get-policy-version outputs of one folder are one managed policy, attached
// to the roles whose attached policies name it (here a `--filter Role` authorization-details dump,
// which lists attachments but not the managed policies).
TEST(CliLists, LooseManagedPolicyLinksWithGetPolicy) {
  const testing_util::TempDir dir;
  dir.write("iam/roles.json", R"({"RoleDetailList": [{"RoleName": "w",
    "Arn": "arn:aws:iam::222222222222:role/w", "AttachedManagedPolicies": [
      {"PolicyName": "uploads", "PolicyArn": "arn:aws:iam::222222222222:policy/uploads"}]}]})");
  dir.write("iam/policy/get-policy.json", std::string(kGetPolicy));
  dir.write("iam/policy/v1.json", version("v1", false, "s3:*"));
  dir.write("iam/policy/v2.json", version("v2", true, "s3:PutObject"));
  dir.write("iam/other/v9.json", version("v9", true, "s3:DeleteObject"));  // no get-policy
  const LoadResult r = load_dir(dir);
  EXPECT_THAT(diagnostic_ids(r.model), IsEmpty());
  const Role* w = r.model.find_role("arn:aws:iam::222222222222:role/w");
  ASSERT_NE(w, nullptr);
  EXPECT_THAT(actions_of(*w), ElementsAre("s3:PutObject"));
}

std::vector<std::string> actions_of(const User& u) {
  std::vector<std::string> out;
  for (const PolicyDocument* p : u.policies) {
    for (const Statement& s : p->statements) {
      for (const LocatedString& a : s.action.values) out.emplace_back(a.value);
    }
  }
  return out;
}

// Users of an authorization-details dump keep the managed policy ARNs attached to them, so a
// managed policy given separately attaches to them as to roles; one used by a single principal
// names it.
TEST(CliLists, LooseManagedPolicyAttachesToUsersOfADump) {
  const testing_util::TempDir dir;
  dir.write("iam/users.json", R"({"UserDetailList": [{"UserName": "ci",
    "Arn": "arn:aws:iam::222222222222:user/ci", "GroupList": [], "UserPolicyList": [],
    "AttachedManagedPolicies": [
      {"PolicyName": "uploads", "PolicyArn": "arn:aws:iam::222222222222:policy/uploads"}]}]})");
  dir.write("iam/policy/get-policy.json", std::string(kGetPolicy));
  dir.write("iam/policy/v2.json", version("v2", true, "s3:PutObject"));
  const LoadResult r = load_dir(dir);
  EXPECT_THAT(diagnostic_ids(r.model), IsEmpty());
  ASSERT_EQ(r.model.users.size(), 1u);
  const User& ci = r.model.users[0];
  EXPECT_THAT(actions_of(ci), ElementsAre("s3:PutObject"));
  ASSERT_EQ(ci.attached_policy_arns.size(), 1u);
  EXPECT_EQ(ci.policies[0]->user_arn, ci.arn);
  EXPECT_EQ(ci.policies[0]->kind, PolicyKind::kIdentity);
}

// The same in a snapshot: accounts/<id>/users/<name>/attached-policies.json names the policy of
// accounts/<id>/policies/<name>/, which a role uses too (then it names neither).
TEST(CliLists, ManagedPolicyFolderAttachesToUsersAndRoles) {
  const testing_util::TempDir dir;
  dir.write("accounts/222222222222/policies/uploads/get-policy.json", std::string(kGetPolicy));
  dir.write("accounts/222222222222/policies/uploads/v2.json", version("v2", true, "s3:PutObject"));
  dir.write("accounts/222222222222/users/ci/attached-policies.json", std::string(kAttached));
  dir.write("accounts/222222222222/roles/w/attached-policies.json", std::string(kAttached));
  const LoadResult r = load_dir(dir);
  EXPECT_THAT(diagnostic_ids(r.model), IsEmpty());
  ASSERT_EQ(r.model.users.size(), 1u);
  EXPECT_THAT(actions_of(r.model.users[0]), ElementsAre("s3:PutObject"));
  const Role* w = r.model.find_role("arn:aws:iam::222222222222:role/w");
  ASSERT_NE(w, nullptr);
  EXPECT_THAT(actions_of(*w), ElementsAre("s3:PutObject"));
  EXPECT_EQ(w->permission_policies[0]->role_arn, "");
  EXPECT_EQ(w->permission_policies[0]->user_arn, "");
}

// A non-default version in a role folder is not in force.
TEST(CliLists, NonDefaultVersionInRoleFolderIsNotAttached) {
  const testing_util::TempDir dir;
  dir.write("accounts/222222222222/roles/w/managed-uploads.json", version("v1", false, "s3:*"));
  dir.write("accounts/222222222222/roles/w/managed-other.json",
            version("v3", true, "s3:GetObject"));
  const LoadResult r = load_dir(dir);
  EXPECT_THAT(diagnostic_ids(r.model), ElementsAre("IN011"));
  const Role* w = r.model.find_role("arn:aws:iam::222222222222:role/w");
  ASSERT_NE(w, nullptr);
  EXPECT_THAT(actions_of(*w), ElementsAre("s3:GetObject"));
}

constexpr std::string_view kOrganization = R"({"Organization": {"Id": "o-a1b2c3d4e5",
  "Arn": "arn:aws:organizations::111111111111:organization/o-a1b2c3d4e5", "FeatureSet": "ALL",
  "MasterAccountArn": "arn:aws:organizations::111111111111:account/o-a1b2c3d4e5/111111111111",
  "MasterAccountId": "111111111111", "MasterAccountEmail": "admin@example.com"}})";
constexpr std::string_view kAccounts = R"({"Accounts": [
  {"Id": "111111111111", "Arn": "arn:aws:organizations::111111111111:account/o-a1b2c3d4e5/111111111111",
   "Name": "media-prod", "Email": "media@example.com", "Status": "ACTIVE"},
  {"Id": "222222222222", "Arn": "arn:aws:organizations::111111111111:account/o-a1b2c3d4e5/222222222222",
   "Name": "partner-uploads", "Email": "uploads@example.com", "Status": "ACTIVE"},
  {"Id": "not-an-id"}]})";

TEST(CliLists, OrganizationAccountsAreTrusted) {
  Model m;
  load_text(m, "org.json", std::string(kOrganization));
  load_text(m, "accounts.json", std::string(kAccounts));
  EXPECT_THAT(diagnostic_ids(m), ElementsAre("IN009"));
  EXPECT_EQ(m.organization.id, "o-a1b2c3d4e5");
  EXPECT_EQ(m.organization.management_account, "111111111111");
  EXPECT_THAT(m.organization.accounts, ElementsAre("111111111111", "222222222222"));
  EXPECT_TRUE(m.trusted_accounts_configured);
  EXPECT_THAT(m.trusted_accounts, ElementsAre("111111111111", "222222222222"));
  const Account* b = m.find_account("222222222222");
  ASSERT_NE(b, nullptr);
  EXPECT_EQ(b->name, "partner-uploads");
}

// Whole-account outputs in an account folder, whatever their names; anything else there is a
// layout error.
TEST(CliLists, AccountFolderReadsListsByContent) {
  const testing_util::TempDir dir;
  dir.write("accounts/222222222222/roles.json", role_list());
  dir.write("accounts/222222222222/org.json", std::string(kOrganization));
  dir.write("accounts/222222222222/stray.json", R"({"Grants": [], "Owner": {"ID": "x"}})");
  const LoadResult r = load_dir(dir);
  EXPECT_THAT(diagnostic_ids(r.model), ElementsAre("IN011"));
  EXPECT_NE(r.model.find_role("arn:aws:iam::222222222222:role/encoded"), nullptr);
  EXPECT_EQ(r.model.organization.id, "o-a1b2c3d4e5");
}

// A list of another account's distributions in an account folder is a layout error.
TEST(CliLists, DistributionOfAnotherAccountIsReported) {
  const testing_util::TempDir dir;
  dir.write("accounts/111111111111/distributions.json", R"({"DistributionList": {"Items": [
    {"Id": "E1", "ARN": "arn:aws:cloudfront::333333333333:distribution/E1", "Origins": {"Items": []}},
    {"Id": "E2", "ARN": "arn:aws:cloudfront::111111111111:distribution/E2", "Origins": {"Items": []}}]}})");
  const LoadResult r = load_dir(dir);
  EXPECT_THAT(diagnostic_ids(r.model), ElementsAre("IN011"));
  ASSERT_EQ(r.model.distributions.size(), 1u);
  EXPECT_EQ(r.model.distributions[0].id, "E2");
}

}  // namespace
}  // namespace bucketlint

namespace bucketlint {
namespace {

// list-roles and the CloudFront lists repeat what the per-entity outputs (get-role,
// get-distribution-config, get-cloud-front-origin-access-identity) say, which the collector also
// writes: both in one account folder are no conflict, and the entity's own document wins.
TEST(CliLists, ListsBesidePerEntityOutputsAreNoConflict) {
  const testing_util::TempDir dir;
  const std::string a = "accounts/111111111111/";
  dir.write(a + "list-roles.json", R"({"Roles": [{"RoleName": "r",
    "Arn": "arn:aws:iam::111111111111:role/r", "AssumeRolePolicyDocument": {
      "Version": "2012-10-17", "Statement": [{"Effect": "Allow",
      "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}]}}]})");
  dir.write(a + "roles/r/role.json", R"({"Role": {"RoleName": "r",
    "Arn": "arn:aws:iam::111111111111:role/r", "AssumeRolePolicyDocument": {
      "Version": "2012-10-17", "Statement": [{"Effect": "Allow",
      "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}]}}})");
  dir.write(a + "list-oais.json", R"({"CloudFrontOriginAccessIdentityList": {"Items": [
    {"Id": "E74FTE3AEXAMPLE", "S3CanonicalUserId": "listed"}]}})");
  dir.write(a + "origin-access-identities/E74FTE3AEXAMPLE.json",
            R"({"CloudFrontOriginAccessIdentity": {"Id": "E74FTE3AEXAMPLE",
    "S3CanonicalUserId": "own"}})");
  dir.write(a + "a-distributions.json", R"({"DistributionList": {"Items": [
    {"Id": "EDFDVBD6EXAMPLE", "ARN": "arn:aws:cloudfront::111111111111:distribution/EDFDVBD6EXAMPLE",
     "Origins": {"Items": [{"Id": "listed", "DomainName": "b.s3.amazonaws.com"}]}}]}})");
  dir.write(a + "distributions/EDFDVBD6EXAMPLE/config.json", R"({"DistributionConfig": {
    "Origins": {"Items": [{"Id": "own", "DomainName": "b.s3.amazonaws.com"}]}}})");
  const LoadResult r = load_dir(dir);
  EXPECT_THAT(diagnostic_ids(r.model), IsEmpty());
  const Role* role = r.model.find_role("arn:aws:iam::111111111111:role/r");
  ASSERT_NE(role, nullptr);
  ASSERT_NE(role->trust_policy, nullptr);
  EXPECT_EQ(role->trust_policy->where.file(), dir.path() + "/" + a + "roles/r/role.json");
  ASSERT_EQ(r.model.oais.size(), 1u);
  EXPECT_EQ(r.model.oais[0].canonical_user_id, "own");
  ASSERT_EQ(r.model.distributions.size(), 1u);
  ASSERT_EQ(r.model.distributions[0].origins.size(), 1u);
  EXPECT_EQ(r.model.distributions[0].origins[0].id, "own");
}

}  // namespace
}  // namespace bucketlint
