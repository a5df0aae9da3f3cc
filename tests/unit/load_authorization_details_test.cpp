// `iam get-account-authorization-details`: roles, users, groups and managed policies of a whole
// account read into the model (issue 16). Shapes after the AWS CLI reference
// (https://docs.aws.amazon.com/cli/latest/reference/iam/get-account-authorization-details.html).

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>

#include "bucketlint/load.h"
#include "load/documents.h"
#include "load_test_util.h"

namespace bucketlint {
namespace {

using testing::ElementsAre;
using testing::IsEmpty;
using testing_util::diagnostic_ids;

// Two roles share the customer managed policy "uploads" (default version v2; v1 is not in
// force); the user is in the group "writers", whose inline and managed policies it gets.
constexpr std::string_view kDump = R"({
  "RoleDetailList": [
    {"RoleName": "site-uploader", "RoleId": "AROAEXAMPLEUPLOADER01",
     "Arn": "arn:aws:iam::222222222222:role/site-uploader", "Path": "/",
     "AssumeRolePolicyDocument": "%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%7B%22Effect%22%3A%22Allow%22%2C%22Principal%22%3A%7B%22Service%22%3A%22ec2.amazonaws.com%22%7D%2C%22Action%22%3A%22sts%3AAssumeRole%22%7D%5D%7D",
     "RolePolicyList": [{"PolicyName": "inline-put", "PolicyDocument": {"Version": "2012-10-17",
       "Statement": [{"Effect": "Allow", "Action": "s3:PutObject",
                      "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*"}]}}],
     "AttachedManagedPolicies": [{"PolicyName": "uploads",
                                  "PolicyArn": "arn:aws:iam::222222222222:policy/uploads"},
                                 {"PolicyName": "ReadOnlyAccess",
                                  "PolicyArn": "arn:aws:iam::aws:policy/ReadOnlyAccess"}],
     "PermissionsBoundary": {"PermissionsBoundaryType": "Policy",
                             "PermissionsBoundaryArn": "arn:aws:iam::222222222222:policy/boundary"}},
    {"RoleName": "batch", "RoleId": "AROAEXAMPLEBATCH00001",
     "Arn": "arn:aws:iam::222222222222:role/batch",
     "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
       "Principal": {"Service": "batch.amazonaws.com"}, "Action": "sts:AssumeRole"}]},
     "RolePolicyList": [],
     "AttachedManagedPolicies": [{"PolicyName": "uploads",
                                  "PolicyArn": "arn:aws:iam::222222222222:policy/uploads"}]}
  ],
  "UserDetailList": [
    {"UserName": "ci", "UserId": "AIDAEXAMPLECI0000001", "Arn": "arn:aws:iam::222222222222:user/ci",
     "GroupList": ["writers"], "UserPolicyList": [], "AttachedManagedPolicies": []}
  ],
  "GroupDetailList": [
    {"GroupName": "writers", "Arn": "arn:aws:iam::222222222222:group/writers",
     "GroupPolicyList": [{"PolicyName": "group-inline", "PolicyDocument": {"Version": "2012-10-17",
       "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}}],
     "AttachedManagedPolicies": {"PolicyName": "uploads",
                                 "PolicyArn": "arn:aws:iam::222222222222:policy/uploads"}}
  ],
  "Policies": [
    {"PolicyName": "uploads", "Arn": "arn:aws:iam::222222222222:policy/uploads",
     "DefaultVersionId": "v2",
     "PolicyVersionList": [
       {"VersionId": "v1", "IsDefaultVersion": false, "Document": {"Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}},
       {"VersionId": "v2", "IsDefaultVersion": true, "Document": {"Version": "2012-10-17",
        "Statement": [{"Sid": "Uploads", "Effect": "Allow", "Action": "s3:PutObject",
                       "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/uploads/*"}]}}]},
    {"PolicyName": "boundary", "Arn": "arn:aws:iam::222222222222:policy/boundary",
     "DefaultVersionId": "v1",
     "PolicyVersionList": [{"VersionId": "v1", "IsDefaultVersion": true, "Document": {
       "Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*",
                                               "Resource": "*"}]}}]}
  ]
})";

Model load_dump(std::string_view text = kDump) {
  Model model;
  load_text(model, "iam.json", std::string(text));
  return model;
}

TEST(AuthorizationDetails, ClassifiedByContent) {
  JsonParseResult r = parse_json(kDump);
  ASSERT_TRUE(r.value);
  EXPECT_EQ(classify_document(*r.value), DocumentKind::kAccountAuthorizationDetails);
  JsonParseResult users_only = parse_json(R"({"UserDetailList": []})");
  ASSERT_TRUE(users_only.value);
  EXPECT_EQ(classify_document(*users_only.value), DocumentKind::kAccountAuthorizationDetails);
  EXPECT_EQ(parse_document_kind("account-authorization-details"),
            DocumentKind::kAccountAuthorizationDetails);
}

TEST(AuthorizationDetails, RolesGetTrustInlineManagedAndBoundary) {
  const Model m = load_dump();
  EXPECT_THAT(diagnostic_ids(m), IsEmpty());
  const Role* r = m.find_role("arn:aws:iam::222222222222:role/site-uploader");
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(r->account_id, "222222222222");
  EXPECT_EQ(r->role_id, "AROAEXAMPLEUPLOADER01");
  ASSERT_NE(r->trust_policy, nullptr);  // URL-encoded, as the raw API returns it
  ASSERT_EQ(r->trust_policy->statements.size(), 1u);
  EXPECT_EQ(r->trust_policy->kind, PolicyKind::kTrust);
  // The inline policy and the default version (v2) of "uploads"; ReadOnlyAccess is not in the
  // dump, so it is listed but has no document.
  ASSERT_EQ(r->permission_policies.size(), 2u);
  EXPECT_EQ(r->permission_policies[0]->name, "inline-put");
  EXPECT_EQ(r->permission_policies[1]->name, "arn:aws:iam::222222222222:policy/uploads");
  ASSERT_EQ(r->permission_policies[1]->statements.size(), 1u);
  EXPECT_EQ(r->permission_policies[1]->statements[0].sid->value, "Uploads");
  EXPECT_EQ(r->attached_policy_arns.size(), 2u);
  ASSERT_NE(r->permissions_boundary, nullptr);
  EXPECT_EQ(r->permissions_boundary->name, "arn:aws:iam::222222222222:policy/boundary");
  // The inline policy belongs to this role alone; the shared managed policy names no role.
  EXPECT_EQ(r->permission_policies[0]->role_arn, r->arn);
  EXPECT_EQ(r->permission_policies[1]->role_arn, "");
  EXPECT_EQ(r->permission_policies[1]->account_id, "222222222222");
}

TEST(AuthorizationDetails, OnlyTheDefaultVersionIsInForce) {
  const Model m = load_dump();
  // v1 of "uploads" (s3:* on *) is not built; the boundary's s3:* is.
  std::size_t s3_star = 0;
  for (const auto& p : m.policies) {
    for (const Statement& st : p->statements) {
      for (const LocatedString& a : st.action.values) s3_star += a.value == "s3:*" ? 1U : 0U;
    }
  }
  EXPECT_EQ(s3_star, 1u);
}

TEST(AuthorizationDetails, UsersGetTheirGroupsPolicies) {
  const Model m = load_dump();
  ASSERT_EQ(m.users.size(), 1u);
  const User& u = m.users[0];
  EXPECT_EQ(u.arn, "arn:aws:iam::222222222222:user/ci");
  std::vector<std::string> names;
  for (const PolicyDocument* p : u.policies) names.push_back(p->name);
  // Group inline policy, then the group's managed policy (given as a lone object).
  EXPECT_THAT(names, ElementsAre("group-inline", "arn:aws:iam::222222222222:policy/uploads"));
}

TEST(AuthorizationDetails, PositionsPointIntoTheDump) {
  const Model m = load_dump();
  const Role* r = m.find_role("arn:aws:iam::222222222222:role/batch");
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(r->where.pointer(), "/RoleDetailList/1");
  ASSERT_NE(r->trust_policy, nullptr);
  EXPECT_EQ(r->trust_policy->where.pointer(), "/RoleDetailList/1/AssumeRolePolicyDocument");
  EXPECT_EQ(r->trust_policy->where.line(), 17);
}

TEST(AuthorizationDetails, WrongTypesAreReportedNotSkipped) {
  const Model m = load_dump(R"({"RoleDetailList": [42, {"RoleName": "r",
    "Arn": "arn:aws:iam::222222222222:role/r", "RolePolicyList": {"PolicyName": "x"}}]})");
  EXPECT_THAT(diagnostic_ids(m), ElementsAre("IN009", "IN009"));
  EXPECT_NE(m.find_role("arn:aws:iam::222222222222:role/r"), nullptr);
}

// In a snapshot, a dump lives in its account's folder; principals of another account are a
// layout error (IN011), the rest is read.
TEST(AuthorizationDetails, SnapshotAccountFolderHoldsTheDump) {
  const testing_util::TempDir dir;
  std::string text(kDump);
  const std::string other = "arn:aws:iam::222222222222:role/batch";
  text.replace(text.find(other), other.size(), "arn:aws:iam::333333333333:role/batch");
  dir.write("accounts/222222222222/iam.json", text);
  LoadOptions options;
  options.discover_config = false;
  options.paths = {dir.path()};
  const LoadResult r = load_inputs(options);
  EXPECT_THAT(diagnostic_ids(r.model), ElementsAre("IN011"));
  EXPECT_NE(r.model.find_role("arn:aws:iam::222222222222:role/site-uploader"), nullptr);
  EXPECT_EQ(r.model.find_role("arn:aws:iam::333333333333:role/batch"), nullptr);
}

void expect_real_dump_loads(const std::string& rel, const std::string& path) {
  Model m;
  load_text(m, rel, testing_util::read_text(path));
  EXPECT_GT(m.roles.size() + m.users.size(), 0u) << rel;
  for (const LoadDiagnostic& d : m.diagnostics) {
    EXPECT_NE(d.rule_id, "IN008") << rel;
    EXPECT_NE(d.rule_id, "IN009") << rel << ": " << d.message;
  }
}

TEST(AuthorizationDetails, RealDumpsLoad) {
  const std::string rel =
      "corpus/cli-output/iam/awscli--get-account-authorization-details--01.json";
  expect_real_dump_loads(rel, testing_util::fixture_path(rel));
}

// An 824 KB sanitised real-account dump of the external corpus (not in the repository).
TEST(AuthorizationDetails, LargeRealDumpLoads) {
  const auto dir = testing_util::external_data_dir("corpus/cli-output/iam");
  if (!dir) GTEST_SKIP() << testing_util::kNoCorpus;
  const std::string name = "cloudsplaining--example-get-account-authorization-details.json";
  expect_real_dump_loads("corpus/cli-output/iam/" + name, (*dir / name).string());
}

}  // namespace
}  // namespace bucketlint

namespace bucketlint {
namespace {

// AWS Config: the configurationItems wrapper, select-*-resource-config results (items as JSON
// strings) and a single IAM role item
// (https://docs.aws.amazon.com/config/latest/developerguide/config-item-table.html).
constexpr std::string_view kRoleItem =
    R"({"resourceType": "AWS::IAM::Role", "accountId": "222222222222", "configuration": {)"
    R"("roleName": "w", "roleId": "AROAEXAMPLEW000000001", "arn": "arn:aws:iam::222222222222:role/w", )"
    R"("assumeRolePolicyDocument": "%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%5D%7D", )"
    R"("rolePolicyList": [{"policyName": "put", "policyDocument": {"Version": "2012-10-17", )"
    R"("Statement": [{"Effect": "Allow", "Action": "s3:PutObject", "Resource": "*"}]}}], )"
    R"("attachedManagedPolicies": [{"policyArn": "arn:aws:iam::aws:policy/ReadOnlyAccess"}]}})";
constexpr std::string_view kBucketItem =
    R"({"resourceType": "AWS::S3::Bucket", "accountId": "111111111111", "resourceName": "b", )"
    R"("configuration": {"name": "b"}, )"
    R"("supplementaryConfiguration": {"BucketPolicy": {"policyText": "{\"Version\": \"2012-10-17\", )"
    R"(\"Statement\": [{\"Effect\": \"Allow\", \"Principal\": {\"AWS\": \"arn:aws:iam::222222222222:role/w\"}, )"
    R"(\"Action\": \"s3:PutObject\", \"Resource\": \"arn:aws:s3:::b/*\"}]}"}}})";

DocumentKind kind_of(std::string_view text) {
  JsonParseResult r = parse_json(text);
  return r.value ? classify_document(*r.value) : DocumentKind::kUnknown;
}

std::string quoted(std::string_view json) {
  std::string out = "\"";
  for (const char c : json) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

TEST(ConfigItems, ClassifiedByContent) {
  EXPECT_EQ(kind_of(R"({"configurationItems": []})"), DocumentKind::kConfigItems);
  EXPECT_EQ(kind_of(R"({"Results": [], "QueryInfo": {}})"), DocumentKind::kConfigItems);
  EXPECT_EQ(kind_of(kRoleItem), DocumentKind::kConfigItems);
  EXPECT_EQ(kind_of(kBucketItem), DocumentKind::kConfigBucketItem);  // one bucket: as before
  EXPECT_EQ(kind_of(R"({"Results": []})"), DocumentKind::kUnknown);
}

void expect_linked(const Model& m) {
  EXPECT_THAT(diagnostic_ids(m), IsEmpty());
  const Role* r = m.find_role("arn:aws:iam::222222222222:role/w");
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(r->role_id, "AROAEXAMPLEW000000001");
  ASSERT_NE(r->trust_policy, nullptr);
  ASSERT_EQ(r->permission_policies.size(), 1u);
  EXPECT_EQ(r->permission_policies[0]->name, "put");
  EXPECT_EQ(r->attached_policy_arns.size(), 1u);
  const Bucket* b = m.find_bucket("b");
  ASSERT_NE(b, nullptr);
  EXPECT_EQ(b->account_id, "111111111111");
  ASSERT_NE(b->policy, nullptr);
  EXPECT_EQ(b->policy->statements.size(), 1u);
}

TEST(ConfigItems, WrapperLinksBucketsAndRolesOfSeveralAccounts) {
  Model m;
  load_text(m, "config.json",
            fmt::format(R"({{"fileVersion": "1.0", "configurationItems": [{}, {},
              {{"resourceType": "AWS::EC2::Instance", "configuration": {{}}}}]}})",
                        kBucketItem, kRoleItem));
  expect_linked(m);
}

TEST(ConfigItems, SelectResultsAreParsedFromTheirStrings) {
  Model m;
  load_text(m, "select.json",
            fmt::format(R"({{"Results": [{}, {}], "QueryInfo": {{"SelectFields": []}}}})",
                        quoted(kBucketItem), quoted(kRoleItem)));
  expect_linked(m);
}

// A select result of many items is not held twice: it is read item by item (no tree of the whole
// file), the tree of a bucket item is released once its entities are read (its policy keeps its
// own tree), a role item's tree is kept only because its inline policy is an object in it.
TEST(ConfigItems, SelectResultsReleaseBucketItemTrees) {
  Model m;
  load_text(m, "select.json",
            fmt::format(R"({{"Results": [{}, {}], "QueryInfo": {{"SelectFields": []}}}})",
                        quoted(kBucketItem), quoted(kRoleItem)));
  expect_linked(m);
  // The bucket policy's tree, the role item's tree and its trust policy's tree.
  EXPECT_EQ(m.trees.size(), 3u);
  const Bucket* b = m.find_bucket("b");
  ASSERT_NE(b, nullptr);
  ASSERT_NE(b->policy, nullptr);
  EXPECT_EQ(b->policy->statements.front().principal.values.front().value,
            "arn:aws:iam::222222222222:role/w");
}

// AWS::IAM::Policy items: the default version is attached to the roles and users that list the
// ARN; other versions are not read.
TEST(ConfigItems, ManagedPolicyItemsAttachTheDefaultVersion) {
  const std::string role = R"({"resourceType": "AWS::IAM::Role", "configuration": {"roleName": "w",
    "arn": "arn:aws:iam::222222222222:role/w", "attachedManagedPolicies": [
      {"policyArn": "arn:aws:iam::222222222222:policy/p"}]}})";
  const std::string user = R"({"resourceType": "AWS::IAM::User", "configuration": {"userName": "u",
    "arn": "arn:aws:iam::222222222222:user/u", "userPolicyList": [{"policyName": "i",
      "policyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
        "Action": "s3:GetObject", "Resource": "*"}]}}],
    "attachedManagedPolicies": [{"policyArn": "arn:aws:iam::222222222222:policy/p"}]}})";
  const std::string policy = R"({"resourceType": "AWS::IAM::Policy", "configuration": {
    "arn": "arn:aws:iam::222222222222:policy/p", "defaultVersionId": "v2", "policyVersionList": [
      {"versionId": "v1", "isDefaultVersion": false, "document": {"Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}},
      {"versionId": "v2", "isDefaultVersion": true, "document": "%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%7B%22Effect%22%3A%22Allow%22%2C%22Action%22%3A%22s3%3APutObject%22%2C%22Resource%22%3A%22%2A%22%7D%5D%7D"}]}})";
  Model m;
  load_text(m, "items.json",
            fmt::format(R"({{"configurationItems": [{}, {}, {}]}})", user, role, policy));
  EXPECT_THAT(diagnostic_ids(m), testing::IsEmpty());
  const Role* r = m.find_role("arn:aws:iam::222222222222:role/w");
  ASSERT_NE(r, nullptr);
  ASSERT_EQ(r->permission_policies.size(), 1u);
  EXPECT_EQ(r->permission_policies[0]->statements.front().action.values.front().value,
            "s3:PutObject");
  ASSERT_EQ(m.users.size(), 1u);
  EXPECT_EQ(m.users[0].policies.size(), 2u);
  EXPECT_EQ(m.policies.size(), 2u);  // the inline policy and v2; v1 is not built
}

TEST(ConfigItems, BrokenResultIsReported) {
  Model m;
  load_text(m, "select.json", R"({"Results": ["{\"resourceType\": ", 7], "QueryInfo": {}})");
  EXPECT_THAT(diagnostic_ids(m), ElementsAre("IN001", "IN009"));
}

}  // namespace
}  // namespace bucketlint
