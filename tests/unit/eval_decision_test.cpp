// Decisions over whole policy sets: examples from the IAM and S3 documentation. Each row cites
// its source (URL or aws-semantics.md section).

#include <gtest/gtest.h>

#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "bucketlint/eval.h"
#include "eval_test_util.h"

namespace bucketlint::eval {
namespace {

constexpr const char* kEval =
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html";
constexpr const char* kXacct =
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/"
    "reference_policies_evaluation-logic-cross-account.html";
constexpr const char* kNotAction =
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notaction.html";
constexpr const char* kNotRes =
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notresource.html";
constexpr const char* kVars =
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html";
constexpr const char* kBpEx =
    "https://docs.aws.amazon.com/AmazonS3/latest/userguide/example-bucket-policies.html";
constexpr const char* kBoundaries =
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html";
constexpr const char* kScp =
    "https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps.html";
constexpr const char* kRcp =
    "https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps.html";
constexpr const char* kSession =
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies.html#policies_session";
constexpr const char* kSwitch =
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_permissions-to-switch.html";
constexpr const char* kKms =
    "https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html";
constexpr const char* kCfS3 =
    "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/"
    "private-content-restricting-access-to-s3.html";

constexpr const char* kA = "111111111111";
constexpr const char* kBucketObj = "arn:aws:s3:::amzn-s3-demo-bucket/photos/cat.jpg";
constexpr const char* kBRole = "arn:aws:sts::222222222222:assumed-role/site-uploader/s1";
constexpr const char* kARole = "arn:aws:sts::111111111111:assumed-role/reader/s1";
constexpr const char* kAUser = "arn:aws:iam::111111111111:user/bob";

// Short policy builders.
std::string stmt(const std::string& effect, const std::string& action, const std::string& resource,
                 const std::string& extra = "") {
  return R"({"Effect":")" + effect + R"(","Action":)" + action + R"(,"Resource":)" + resource +
         extra + "}";
}
std::string policy(const std::vector<std::string>& statements,
                   const std::string& version = "2012-10-17") {
  std::string out = R"({"Version":")" + version + R"(","Statement":[)";
  for (std::size_t i = 0; i < statements.size(); ++i) {
    if (i > 0) out += ",";
    out += statements[i];
  }
  return out + "]}";
}
std::string q(const std::string& s) { return "\"" + s + "\""; }
std::string principal_aws(const std::string& who) {
  return R"(,"Principal":{"AWS":")" + who + "\"}";
}

const std::string kAllowAllS3 = policy({stmt("Allow", q("s3:*"), q("*"))});
const std::string kAllowGet = policy({stmt("Allow", q("s3:GetObject"), q("*"))});
const std::string kAllowAll = policy({stmt("Allow", q("*"), q("*"))});

// One row of a decision table, written with designated initialisers: source, name, principal,
// action, resource, answer and decision are required (no default, so a row without one does not
// compile under -Wmissing-field-initializers); the rest default to empty.
struct DecisionRow {
  const char* source;
  std::string name;
  std::vector<std::string> identity{};
  std::string resource_policy{};
  PolicyKind resource_kind = PolicyKind::kBucket;
  std::vector<std::string> boundaries{};
  std::vector<std::vector<std::string>> scps{};
  std::vector<std::vector<std::string>> rcps{};
  std::vector<std::string> session{};
  std::string principal;
  std::string action;
  std::string resource;
  std::string resource_account{};
  std::vector<std::pair<std::string, std::vector<std::string>>> context{};
  std::vector<std::string> unknown{};
  Answer answer;
  Decision decision;
};

void PrintTo(const DecisionRow& r, std::ostream* os) { *os << r.name; }

class DecisionTable : public ::testing::TestWithParam<DecisionRow> {};

TEST_P(DecisionTable, Decides) {
  const DecisionRow& row = GetParam();
  testing_util::PolicyStore store;
  PolicySet set;
  for (const std::string& p : row.identity) set.identity_policies.push_back(store.add(p));
  if (!row.resource_policy.empty()) {
    set.resource_policy = store.add(row.resource_policy, row.resource_kind, "resource.json");
  }
  for (const std::string& p : row.boundaries) set.permission_boundaries.push_back(store.add(p));
  for (const auto& level : row.scps) {
    set.scp_levels.emplace_back();
    for (const std::string& p : level) set.scp_levels.back().push_back(store.add(p));
  }
  for (const auto& level : row.rcps) {
    set.rcp_levels.emplace_back();
    for (const std::string& p : level) set.rcp_levels.back().push_back(store.add(p));
  }
  for (const std::string& p : row.session) set.session_policies.push_back(store.add(p));
  Request req =
      testing_util::request(row.principal, row.action, row.resource, row.resource_account);
  for (const auto& [k, v] : row.context) req.context.set(k, v);
  for (const std::string& k : row.unknown) req.context.set_unknown(k);
  const Result r = evaluate(req, set);
  EXPECT_EQ(r.answer, row.answer) << row.name << ": " << answer_name(r.answer) << " / " << r.summary
                                  << " (" << row.source << ")";
  EXPECT_EQ(r.decision, row.decision)
      << row.name << ": " << decision_name(r.decision) << " (" << row.source << ")";
  EXPECT_FALSE(r.summary.empty());
  for (const TraceEntry& e : r.trace.entries()) {
    EXPECT_TRUE(e.where.known()) << e.label();
    EXPECT_FALSE(e.reason().empty()) << e.label();
  }
  if (r.answer == Answer::kDepends) {
    EXPECT_FALSE(r.depends_on.empty()) << row.name;
  } else {
    EXPECT_TRUE(r.depends_on.empty()) << row.name;
  }
}

constexpr Answer kAllowedA = Answer::kAllowed;
constexpr Answer kDeniedA = Answer::kDenied;
constexpr Answer kDependsA = Answer::kDepends;
constexpr Decision kAllow = Decision::kAllowed;
constexpr Decision kImplicit = Decision::kImplicitlyDenied;
constexpr Decision kExplicit = Decision::kExplicitlyDenied;

using S = std::vector<std::string>;
using L = std::vector<std::vector<std::string>>;
using C = std::vector<std::pair<std::string, std::vector<std::string>>>;

const std::string kBucketAllowsUser = policy({stmt(
    "Allow", q("s3:GetObject"), q("arn:aws:s3:::amzn-s3-demo-bucket/*"), principal_aws(kAUser))});
const std::string kBucketAllowsRole =
    policy({stmt("Allow", q("s3:GetObject"), q("arn:aws:s3:::amzn-s3-demo-bucket/*"),
                 principal_aws("arn:aws:iam::111111111111:role/reader"))});
const std::string kBucketAllowsSession = policy({stmt(
    "Allow", q("s3:GetObject"), q("arn:aws:s3:::amzn-s3-demo-bucket/*"), principal_aws(kARole))});
const std::string kBucketAllowsARoot =
    policy({stmt("Allow", q("s3:GetObject"), q("arn:aws:s3:::amzn-s3-demo-bucket/*"),
                 principal_aws("arn:aws:iam::111111111111:root"))});
const std::string kBucketAllowsBRolePut = policy(
    {stmt("Allow", R"(["s3:PutObject","s3:PutObjectAcl"])", q("arn:aws:s3:::amzn-s3-demo-bucket/*"),
          principal_aws("arn:aws:iam::222222222222:role/site-uploader"))});
const std::string kBucketAllowsBAccountPut =
    policy({stmt("Allow", q("s3:PutObject"), q("arn:aws:s3:::amzn-s3-demo-bucket/*"),
                 R"(,"Principal":{"AWS":"222222222222"})")});
const std::string kBucketRequiresBofc = policy(
    {stmt("Allow", q("s3:PutObject"), q("arn:aws:s3:::amzn-s3-demo-bucket/*"),
          principal_aws("arn:aws:iam::222222222222:role/site-uploader") +
              R"(,"Condition":{"StringEquals":{"s3:x-amz-acl":"bucket-owner-full-control"}})")});
const std::string kBucketDeniesWithoutBofc = policy(
    {stmt("Allow", q("s3:PutObject"), q("arn:aws:s3:::amzn-s3-demo-bucket/*"),
          principal_aws("arn:aws:iam::222222222222:role/site-uploader")),
     stmt(
         "Deny", q("s3:PutObject"), q("arn:aws:s3:::amzn-s3-demo-bucket/*"),
         R"(,"Principal":"*","Condition":{"StringNotEquals":{"s3:x-amz-acl":"bucket-owner-full-control"}})")});
const std::string kBRoleIdentityPut = policy({stmt("Allow", R"(["s3:PutObject","s3:PutObjectAcl"])",
                                                   q("arn:aws:s3:::amzn-s3-demo-bucket/*"))});
const std::string kOacPolicy = policy({stmt(
    "Allow", q("s3:GetObject"), q("arn:aws:s3:::amzn-s3-demo-bucket/*"),
    R"(,"Principal":{"Service":"cloudfront.amazonaws.com"},"Condition":{"StringEquals":{"AWS:SourceArn":"arn:aws:cloudfront::111111111111:distribution/EDFDVBD6EXAMPLE"}})")});
const std::string kOacNoCondition =
    policy({stmt("Allow", q("s3:GetObject"), q("arn:aws:s3:::amzn-s3-demo-bucket/*"),
                 R"(,"Principal":{"Service":"cloudfront.amazonaws.com"})")});
const std::string kPublicRead = policy({stmt(
    "Allow", q("s3:GetObject"), q("arn:aws:s3:::amzn-s3-demo-bucket/*"), R"(,"Principal":"*")")});
const std::string kPublicReadAwsStar = policy({stmt(
    "Allow", q("s3:GetObject"), q("arn:aws:s3:::amzn-s3-demo-bucket/*"), principal_aws("*"))});
const std::string kTrustsBWithExternalId = policy({stmt(
    "Allow", q("sts:AssumeRole"), q("*"),
    principal_aws("arn:aws:iam::222222222222:root") +
        R"(,"Condition":{"StringEquals":{"sts:ExternalId":"Unique ID Assigned by Example Corp"}})")});
const std::string kBAssumeIdentity = policy(
    {stmt("Allow", q("sts:AssumeRole"), q("arn:aws:iam::111111111111:role/partner-access"))});
const std::string kTrustsUser = R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow",
  "Principal":{"AWS":"arn:aws:iam::111111111111:user/bob"},"Action":"sts:AssumeRole"}]})";
const std::string kTrustsAccountA = R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow",
  "Principal":{"AWS":"arn:aws:iam::111111111111:root"},"Action":"sts:AssumeRole"}]})";
const std::string kKeyPolicyRoot =
    R"({"Version":"2012-10-17","Statement":[{"Sid":"EnableIamPolicies","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111111111111:root"},"Action":"kms:*",
 "Resource":"*"}]})";
const std::string kKeyPolicyOther = R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow",
 "Principal":{"AWS":"arn:aws:iam::111111111111:role/key-admin"},"Action":"kms:*","Resource":"*"}]})";
const std::string kKeyArn =
    "arn:aws:kms:us-east-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab";

INSTANTIATE_TEST_SUITE_P(
    SameAndCrossAccount, DecisionTable,
    ::testing::Values(
        DecisionRow{.source = kEval,
                    .name = "same account identity allow only",
                    .identity = S{kAllowGet},
                    .principal = kAUser,
                    .action = "s3:GetObject",
                    .resource = kBucketObj,
                    .resource_account = kA,
                    .answer = kAllowedA,
                    .decision = kAllow},
        DecisionRow{.source = kEval,
                    .name = "same account nothing allows",
                    .principal = kAUser,
                    .action = "s3:GetObject",
                    .resource = kBucketObj,
                    .resource_account = kA,
                    .answer = kDeniedA,
                    .decision = kImplicit},
        DecisionRow{.source = kEval,
                    .name = "same account resource policy names user",
                    .resource_policy = kBucketAllowsUser,
                    .principal = kAUser,
                    .action = "s3:GetObject",
                    .resource = kBucketObj,
                    .resource_account = kA,
                    .answer = kAllowedA,
                    .decision = kAllow},
        DecisionRow{.source = "aws-semantics.md 13 row 38",
                    .name = "same account resource policy names role",
                    .resource_policy = kBucketAllowsRole,
                    .principal = kARole,
                    .action = "s3:GetObject",
                    .resource = kBucketObj,
                    .resource_account = kA,
                    .answer = kAllowedA,
                    .decision = kAllow},
        DecisionRow{.source = "aws-semantics.md 13 row 37",
                    .name = "same account resource policy names only root",
                    .resource_policy = kBucketAllowsARoot,
                    .principal = kARole,
                    .action = "s3:GetObject",
                    .resource = kBucketObj,
                    .resource_account = kA,
                    .answer = kDeniedA,
                    .decision = kImplicit},
        DecisionRow{.source = "aws-semantics.md 5.1 (account principal delegates)",
                    .name = "same account root grant plus identity allow",
                    .identity = S{kAllowGet},
                    .resource_policy = kBucketAllowsARoot,
                    .principal = kARole,
                    .action = "s3:GetObject",
                    .resource = kBucketObj,
                    .resource_account = kA,
                    .answer = kAllowedA,
                    .decision = kAllow},
        DecisionRow{.source = kEval,
                    .name = "explicit deny in identity beats resource allow",
                    .identity = S{policy({stmt("Deny", q("s3:*"), q("*"))})},
                    .resource_policy = kBucketAllowsUser,
                    .principal = kAUser,
                    .action = "s3:GetObject",
                    .resource = kBucketObj,
                    .resource_account = kA,
                    .answer = kDeniedA,
                    .decision = kExplicit},
        DecisionRow{.source = kEval,
                    .name = "explicit deny in resource policy beats identity allow",
                    .identity = S{kAllowAllS3},
                    .resource_policy = policy({stmt("Deny", q("s3:GetObject"),
                                                    q("arn:aws:s3:::amzn-s3-demo-bucket/*"),
                                                    R"(,"Principal":"*")")}),
                    .principal = kAUser,
                    .action = "s3:GetObject",
                    .resource = kBucketObj,
                    .resource_account = kA,
                    .answer = kDeniedA,
                    .decision = kExplicit},
        DecisionRow{.source = kXacct,
                    .name = "cross account identity only",
                    .identity = S{kBRoleIdentityPut},
                    .principal = kBRole,
                    .action = "s3:PutObject",
                    .resource = kBucketObj,
                    .resource_account = kA,
                    .answer = kDeniedA,
                    .decision = kImplicit},
        DecisionRow{.source = kXacct,
                    .name = "cross account both allow",
                    .identity = S{kBRoleIdentityPut},
                    .resource_policy = kBucketAllowsBRolePut,
                    .principal = kBRole,
                    .action = "s3:PutObject",
                    .resource = kBucketObj,
                    .resource_account = kA,
                    .answer = kAllowedA,
                    .decision = kAllow},
        DecisionRow{.source = "aws-semantics.md 13 row 30",
                    .name = "cross account resource only",
                    .resource_policy = kBucketAllowsBRolePut,
                    .principal = kBRole,
                    .action = "s3:PutObject",
                    .resource = kBucketObj,
                    .resource_account = kA,
                    .answer = kDeniedA,
                    .decision = kImplicit},
        DecisionRow{.source = "aws-semantics.md 13 row 31",
                    .name = "cross account bucket policy silent on B",
                    .identity = S{kBRoleIdentityPut},
                    .resource_policy = kBucketAllowsUser,
                    .principal = kBRole,
                    .action = "s3:PutObject",
                    .resource = kBucketObj,
                    .resource_account = kA,
                    .answer = kDeniedA,
                    .decision = kImplicit},
        DecisionRow{.source = "aws-semantics.md 13 row 32",
                    .name = "cross account account principal + identity",
                    .identity = S{kBRoleIdentityPut},
                    .resource_policy = kBucketAllowsBAccountPut,
                    .principal = kBRole,
                    .action = "s3:PutObject",
                    .resource = kBucketObj,
                    .resource_account = kA,
                    .answer = kAllowedA,
                    .decision = kAllow},
        DecisionRow{.source = "aws-semantics.md 13 row 34",
                    .name = "principal recreated: unique ID no longer matches",
                    .identity = S{kBRoleIdentityPut},
                    .resource_policy = policy({stmt("Allow", q("s3:PutObject"),
                                                    q("arn:aws:s3:::amzn-s3-demo-bucket/*"),
                                                    principal_aws("AROA1234567890EXAMPLE"))}),
                    .principal = kBRole,
                    .action = "s3:PutObject",
                    .resource = kBucketObj,
                    .resource_account = kA,
                    .answer = kDeniedA,
                    .decision = kImplicit},
        DecisionRow{.source = kXacct,
                    .name = "cross account root user with resource grant",
                    .resource_policy = kBucketAllowsBAccountPut,
                    .principal = "222222222222",
                    .action = "s3:PutObject",
                    .resource = kBucketObj,
                    .resource_account = kA,
                    .answer = kAllowedA,
                    .decision = kAllow},
        DecisionRow{.source = kEval,
                    .name = "same account root user needs no identity policy",
                    .principal = kA,
                    .action = "s3:GetObject",
                    .resource = kBucketObj,
                    .resource_account = kA,
                    .answer = kAllowedA,
                    .decision = kAllow}));

INSTANTIATE_TEST_SUITE_P(
    Guardrails, DecisionTable,
    ::testing::Values(
        DecisionRow{.source = kBoundaries,
                    .name = "boundary narrows identity",
                    .identity = S{kAllowAllS3},
                    .boundaries = S{kAllowGet},
                    .principal = kAUser,
                    .action = "s3:PutObject",
                    .resource = kBucketObj,
                    .resource_account = kA,
                    .answer = kDeniedA,
                    .decision = kImplicit},
        DecisionRow{.source = kBoundaries,
                    .name = "boundary and identity both allow",
                    .identity = S{kAllowAllS3},
                    .boundaries = S{kAllowGet},
                    .principal = kAUser,
                    .action = "s3:GetObject",
                    .resource = kBucketObj,
                    .resource_account = kA,
                    .answer = kAllowedA,
                    .decision = kAllow},
        DecisionRow{.source = kBoundaries,
                    .name = "boundary alone grants nothing",
                    .boundaries = S{kAllowAllS3},
                    .principal = kAUser,
                    .action = "s3:GetObject",
                    .resource = kBucketObj,
                    .resource_account = kA,
                    .answer = kDeniedA,
                    .decision = kImplicit},
        DecisionRow{.source = "aws-semantics.md 5.1 (user ARN grant not limited by boundary)",
                    .name = "boundary does not limit resource grant to user ARN",
                    .resource_policy = kBucketAllowsUser,
                    .boundaries = S{policy({stmt("Allow", q("ec2:*"), q("*"))})},
                    .principal = kAUser,
                    .action = "s3:GetObject",
                    .resource = kBucketObj,
                    .resource_account = kA,
                    .answer = kAllowedA,
                    .decision = kAllow},
        DecisionRow{.source = "aws-semantics.md 5.1 (role ARN grant limited by boundary)",
                    .name = "boundary limits resource grant to role ARN",
                    .resource_policy = kBucketAllowsRole,
                    .boundaries = S{policy({stmt("Allow", q("ec2:*"), q("*"))})},
                    .principal = kARole,
                    .action = "s3:GetObject",
                    .resource = kBucketObj,
                    .resource_account = kA,
                    .answer = kDeniedA,
                    .decision = kImplicit},
        DecisionRow{.source = kBoundaries,
                    .name = "explicit deny in boundary",
                    .identity = S{kAllowAllS3},
                    .boundaries = S{policy({stmt("Allow", q("*"), q("*")),
                                            stmt("Deny", q("s3:GetObject"), q("*"))})},
                    .principal = kAUser,
                    .action = "s3:GetObject",
                    .resource = kBucketObj,
                    .resource_account = kA,
                    .answer = kDeniedA,
                    .decision = kExplicit},
        DecisionRow{.source = kSession,
                    .name = "session policy narrows role",
                    .identity = S{kAllowAllS3},
                    .session = S{kAllowGet},
                    .principal = kARole,
                    .action = "s3:PutObject",
                    .resource = kBucketObj,
                    .resource_account = kA,
                    .answer = kDeniedA,
                    .decision = kImplicit},
        DecisionRow{.source = kSession,
                    .name = "session policy and role allow",
                    .identity = S{kAllowAllS3},
                    .session = S{kAllowGet},
                    .principal = kARole,
                    .action = "s3:GetObject",
                    .resource = kBucketObj,
                    .resource_account = kA,
                    .answer = kAllowedA,
                    .decision = kAllow},
        DecisionRow{.source = "aws-semantics.md 5.1 (session ARN grant not limited)",
                    .name = "session policy does not limit grant to the session ARN",
                    .resource_policy = kBucketAllowsSession,
                    .session = S{policy({stmt("Allow", q("ec2:*"), q("*"))})},
                    .principal = kARole,
                    .action = "s3:GetObject",
                    .resource = kBucketObj,
                    .resource_account = kA,
                    .answer = kAllowedA,
                    .decision = kAllow},
        DecisionRow{.source = "aws-semantics.md 5.1 (role ARN grant limited by session policy)",
                    .name = "session policy limits grant to the role ARN",
                    .resource_policy = kBucketAllowsRole,
                    .session = S{policy({stmt("Allow", q("ec2:*"), q("*"))})},
                    .principal = kARole,
                    .action = "s3:GetObject",
                    .resource = kBucketObj,
                    .resource_account = kA,
                    .answer = kDeniedA,
                    .decision = kImplicit},
        DecisionRow{.source = kScp,
                    .name = "SCP every level allows",
                    .identity = S{kAllowAllS3},
                    .scps = L{S{kAllowAll}, S{kAllowAll}},
                    .principal = kAUser,
                    .action = "s3:GetObject",
                    .resource = kBucketObj,
                    .resource_account = kA,
                    .answer = kAllowedA,
                    .decision = kAllow},
        DecisionRow{.source = kScp,
                    .name = "SCP one level does not allow",
                    .identity = S{kAllowAllS3},
                    .scps = L{S{kAllowAll}, S{policy({stmt("Allow", q("ec2:*"), q("*"))})}},
                    .principal = kAUser,
                    .action = "s3:GetObject",
                    .resource = kBucketObj,
                    .resource_account = kA,
                    .answer = kDeniedA,
                    .decision = kImplicit},
        DecisionRow{.source = "issue 3 (an empty level allows nothing)",
                    .name = "SCP empty level",
                    .identity = S{kAllowAllS3},
                    .scps = L{S{kAllowAll}, S{}},
                    .principal = kAUser,
                    .action = "s3:GetObject",
                    .resource = kBucketObj,
                    .resource_account = kA,
                    .answer = kDeniedA,
                    .decision = kImplicit},
        DecisionRow{.source = kScp,
                    .name = "SCP deny",
                    .identity = S{kAllowAllS3},
                    .scps = L{S{kAllowAll, policy({stmt("Deny", q("s3:GetObject"), q("*"))})}},
                    .principal = kAUser,
                    .action = "s3:GetObject",
                    .resource = kBucketObj,
                    .resource_account = kA,
                    .answer = kDeniedA,
                    .decision = kExplicit},
        DecisionRow{.source = kScp,
                    .name = "SCP alone grants nothing",
                    .scps = L{S{kAllowAll}},
                    .principal = kAUser,
                    .action = "s3:GetObject",
                    .resource = kBucketObj,
                    .resource_account = kA,
                    .answer = kDeniedA,
                    .decision = kImplicit},
        DecisionRow{
            .source = kRcp,
            .name = "RCP denies principals outside the organisation",
            .identity = S{kBRoleIdentityPut},
            .resource_policy = kBucketAllowsBRolePut,
            .rcps = L{S{
                kAllowAll,
                policy({stmt(
                    "Deny", q("s3:*"),
                    q("*"),
                    R"(,"Principal":"*","Condition":{"StringNotEqualsIfExists":{"aws:PrincipalOrgID":"o-a1b2c3d4e5"}})")})}},
            .principal = kBRole,
            .action = "s3:PutObject",
            .resource = kBucketObj,
            .resource_account = kA,
            .context = C{{"aws:PrincipalOrgID", S{"o-other"}}},
            .answer = kDeniedA,
            .decision = kExplicit},
        DecisionRow{
            .source = kRcp,
            .name = "RCP lets organisation principals through",
            .identity = S{kBRoleIdentityPut},
            .resource_policy = kBucketAllowsBRolePut,
            .rcps = L{S{
                kAllowAll,
                policy({stmt(
                    "Deny", q("s3:*"),
                    q("*"),
                    R"(,"Principal":"*","Condition":{"StringNotEqualsIfExists":{"aws:PrincipalOrgID":"o-a1b2c3d4e5"}})")})}},
            .principal = kBRole,
            .action = "s3:PutObject",
            .resource = kBucketObj,
            .resource_account = kA,
            .context = C{{"aws:PrincipalOrgID", S{"o-a1b2c3d4e5"}}},
            .answer = kAllowedA,
            .decision = kAllow}));

INSTANTIATE_TEST_SUITE_P(
    Elements, DecisionTable,
    ::testing::Values(
        DecisionRow{
            .source = kNotAction,
            .name = "Allow NotAction grants other actions",
            .identity =
                S{R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","NotAction":"iam:*","Resource":"*"}]})"},
            .principal = kAUser,
            .action = "s3:GetObject",
            .resource = kBucketObj,
            .resource_account = kA,
            .answer = kAllowedA,
            .decision = kAllow},
        DecisionRow{
            .source = kNotAction,
            .name = "Allow NotAction does not grant the listed action",
            .identity =
                S{R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","NotAction":"iam:*","Resource":"*"}]})"},
            .principal = kAUser,
            .action = "iam:CreateUser",
            .resource = "*",
            .resource_account = kA,
            .answer = kDeniedA,
            .decision = kImplicit},
        DecisionRow{
            .source = kNotAction,
            .name = "Deny NotAction denies everything else",
            .identity =
                S{kAllowAll,
                  R"({"Version":"2012-10-17","Statement":[{"Effect":"Deny","NotAction":"iam:*","Resource":"*"}]})"},
            .principal = kAUser,
            .action = "s3:GetObject",
            .resource = kBucketObj,
            .resource_account = kA,
            .answer = kDeniedA,
            .decision = kExplicit},
        DecisionRow{
            .source = kNotAction,
            .name = "Deny NotAction leaves the listed action",
            .identity =
                S{kAllowAll,
                  R"({"Version":"2012-10-17","Statement":[{"Effect":"Deny","NotAction":"iam:*","Resource":"*"}]})"},
            .principal = kAUser,
            .action = "iam:ListUsers",
            .resource = "*",
            .resource_account = kA,
            .answer = kAllowedA,
            .decision = kAllow},
        DecisionRow{
            .source = kNotRes,
            .name = "Allow NotResource covers other resources",
            .identity =
                S{R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","NotResource":"arn:aws:s3:::secret/*"}]})"},
            .principal = kAUser,
            .action = "s3:GetObject",
            .resource = kBucketObj,
            .resource_account = kA,
            .answer = kAllowedA,
            .decision = kAllow},
        DecisionRow{
            .source = kNotRes,
            .name = "Allow NotResource excludes the listed resource",
            .identity =
                S{R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","NotResource":"arn:aws:s3:::secret/*"}]})"},
            .principal = kAUser,
            .action = "s3:GetObject",
            .resource = "arn:aws:s3:::secret/x",
            .resource_account = kA,
            .answer = kDeniedA,
            .decision = kImplicit},
        DecisionRow{
            .source = kNotRes,
            .name = "Deny NotResource denies outside the listed resource",
            .identity =
                S{kAllowAllS3,
                  R"({"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"s3:*","NotResource":["arn:aws:s3:::amzn-s3-demo-bucket","arn:aws:s3:::amzn-s3-demo-bucket/*"]}]})"},
            .principal = kAUser,
            .action = "s3:GetObject",
            .resource = "arn:aws:s3:::other/x",
            .resource_account = kA,
            .answer = kDeniedA,
            .decision = kExplicit},
        DecisionRow{
            .source = "aws-semantics.md 5.4 (Effect case-sensitive)",
            .name = "lower-case allow is ignored",
            .identity =
                S{R"({"Version":"2012-10-17","Statement":[{"Effect":"allow","Action":"s3:*","Resource":"*"}]})"},
            .principal = kAUser,
            .action = "s3:GetObject",
            .resource = kBucketObj,
            .resource_account = kA,
            .answer = kDeniedA,
            .decision = kImplicit},
        DecisionRow{.source = "aws-semantics.md 13 row 24",
                    .name = "ListBucket on object ARN never matches",
                    .identity = S{policy({stmt("Allow", q("s3:ListBucket"),
                                               q("arn:aws:s3:::amzn-s3-demo-bucket/*"))})},
                    .principal = kAUser,
                    .action = "s3:ListBucket",
                    .resource = "arn:aws:s3:::amzn-s3-demo-bucket",
                    .resource_account = kA,
                    .answer = kDeniedA,
                    .decision = kImplicit},
        DecisionRow{.source = "aws-semantics.md 13 row 23",
                    .name = "ListBucket on the bucket ARN",
                    .identity = S{policy({stmt("Allow", q("s3:ListBucket"),
                                               q("arn:aws:s3:::amzn-s3-demo-bucket"))})},
                    .principal = kAUser,
                    .action = "s3:ListBucket",
                    .resource = "arn:aws:s3:::amzn-s3-demo-bucket",
                    .resource_account = kA,
                    .answer = kAllowedA,
                    .decision = kAllow},
        DecisionRow{.source = kVars,
                    .name = "${aws:username} in Resource matches own folder",
                    .identity = S{policy(
                        {stmt("Allow", q("s3:GetObject"),
                              q("arn:aws:s3:::amzn-s3-demo-bucket/home/${aws:username}/*"))})},
                    .principal = kAUser,
                    .action = "s3:GetObject",
                    .resource = "arn:aws:s3:::amzn-s3-demo-bucket/home/bob/notes.txt",
                    .resource_account = kA,
                    .answer = kAllowedA,
                    .decision = kAllow},
        DecisionRow{.source = kVars,
                    .name = "${aws:username} in Resource excludes other folders",
                    .identity = S{policy(
                        {stmt("Allow", q("s3:GetObject"),
                              q("arn:aws:s3:::amzn-s3-demo-bucket/home/${aws:username}/*"))})},
                    .principal = kAUser,
                    .action = "s3:GetObject",
                    .resource = "arn:aws:s3:::amzn-s3-demo-bucket/home/alice/notes.txt",
                    .resource_account = kA,
                    .answer = kDeniedA,
                    .decision = kImplicit},
        DecisionRow{.source = "aws-semantics.md 5.5 (2008-10-17: variables literal)",
                    .name = "variables are literal under Version 2008-10-17",
                    .identity = S{policy(
                        {stmt("Allow", q("s3:GetObject"),
                              q("arn:aws:s3:::amzn-s3-demo-bucket/home/${aws:username}/*"))},
                        "2008-10-17")},
                    .principal = kAUser,
                    .action = "s3:GetObject",
                    .resource = "arn:aws:s3:::amzn-s3-demo-bucket/home/bob/notes.txt",
                    .resource_account = kA,
                    .answer = kDeniedA,
                    .decision = kImplicit},
        DecisionRow{.source = kVars,
                    .name = "${aws:username} has no value for a role session",
                    .identity = S{policy(
                        {stmt("Allow", q("s3:GetObject"),
                              q("arn:aws:s3:::amzn-s3-demo-bucket/home/${aws:username}/*"))})},
                    .principal = kARole,
                    .action = "s3:GetObject",
                    .resource = "arn:aws:s3:::amzn-s3-demo-bucket/home/reader/x",
                    .resource_account = kA,
                    .answer = kDeniedA,
                    .decision = kImplicit},
        DecisionRow{.source = kVars,
                    .name = "${aws:PrincipalTag/team} in Resource",
                    .identity = S{policy(
                        {stmt("Allow", q("s3:GetObject"),
                              q("arn:aws:s3:::amzn-s3-demo-bucket/${aws:PrincipalTag/team}/*"))})},
                    .principal = kARole,
                    .action = "s3:GetObject",
                    .resource = "arn:aws:s3:::amzn-s3-demo-bucket/blue/x",
                    .resource_account = kA,
                    .context = C{{"aws:PrincipalTag/team", S{"blue"}}},
                    .answer = kAllowedA,
                    .decision = kAllow},
        DecisionRow{.source = "issue 3 (Resource variable over unknown key)",
                    .name = "Resource variable over an unknown key depends",
                    .identity = S{policy(
                        {stmt("Allow", q("s3:GetObject"),
                              q("arn:aws:s3:::amzn-s3-demo-bucket/${aws:PrincipalTag/team}/*"))})},
                    .principal = kARole,
                    .action = "s3:GetObject",
                    .resource = "arn:aws:s3:::amzn-s3-demo-bucket/blue/x",
                    .resource_account = kA,
                    .unknown = S{"aws:PrincipalTag/team"},
                    .answer = kDependsA,
                    .decision = kImplicit},
        DecisionRow{
            .source = "aws-semantics.md 5.5 (aws:PrincipalArn filled by the engine)",
            .name = "Deny unless aws:PrincipalArn is the admin role",
            .identity = S{kAllowAllS3},
            .resource_policy = policy({stmt(
                "Deny", q("s3:*"), q("arn:aws:s3:::amzn-s3-demo-bucket/*"),
                R"(,"Principal":"*","Condition":{"ArnNotEquals":{"aws:PrincipalArn":"arn:aws:iam::111111111111:role/admin"}})")}),
            .principal = kARole,
            .action = "s3:GetObject",
            .resource = kBucketObj,
            .resource_account = kA,
            .answer = kDeniedA,
            .decision = kExplicit},
        DecisionRow{
            .source = "aws-semantics.md 5.5 (aws:PrincipalArn filled by the engine)",
            .name = "admin role passes the ArnNotEquals deny",
            .identity = S{kAllowAllS3},
            .resource_policy = policy({stmt(
                "Deny", q("s3:*"), q("arn:aws:s3:::amzn-s3-demo-bucket/*"),
                R"(,"Principal":"*","Condition":{"ArnNotEquals":{"aws:PrincipalArn":"arn:aws:iam::111111111111:role/admin"}})")}),
            .principal = "arn:aws:sts::111111111111:assumed-role/admin/ops",
            .action = "s3:GetObject",
            .resource = kBucketObj,
            .resource_account = kA,
            .answer = kAllowedA,
            .decision = kAllow},
        DecisionRow{
            .source = kBpEx,
            .name = "Deny insecure transport",
            .identity = S{kAllowAllS3},
            .resource_policy = policy(
                {stmt("Deny", q("s3:*"), q("arn:aws:s3:::amzn-s3-demo-bucket/*"),
                      R"(,"Principal":"*","Condition":{"Bool":{"aws:SecureTransport":"false"}})")}),
            .principal = kAUser,
            .action = "s3:GetObject",
            .resource = kBucketObj,
            .resource_account = kA,
            .context = C{{"aws:SecureTransport", S{"false"}}},
            .answer = kDeniedA,
            .decision = kExplicit},
        DecisionRow{
            .source = kBpEx,
            .name = "TLS request passes the SecureTransport deny",
            .identity = S{kAllowAllS3},
            .resource_policy = policy(
                {stmt("Deny", q("s3:*"), q("arn:aws:s3:::amzn-s3-demo-bucket/*"),
                      R"(,"Principal":"*","Condition":{"Bool":{"aws:SecureTransport":"false"}})")}),
            .principal = kAUser,
            .action = "s3:GetObject",
            .resource = kBucketObj,
            .resource_account = kA,
            .context = C{{"aws:SecureTransport", S{"true"}}},
            .answer = kAllowedA,
            .decision = kAllow},
        DecisionRow{
            .source = "issue 3 (unknown key in a Deny)",
            .name = "unknown SecureTransport: depends",
            .identity = S{kAllowAllS3},
            .resource_policy = policy(
                {stmt("Deny", q("s3:*"), q("arn:aws:s3:::amzn-s3-demo-bucket/*"),
                      R"(,"Principal":"*","Condition":{"Bool":{"aws:SecureTransport":"false"}})")}),
            .principal = kAUser,
            .action = "s3:GetObject",
            .resource = kBucketObj,
            .resource_account = kA,
            .unknown = S{"aws:SecureTransport"},
            .answer = kDependsA,
            .decision = kAllow},
        DecisionRow{
            .source = kBpEx,
            .name = "IP allow list denies other addresses",
            .identity = S{kAllowAllS3},
            .resource_policy = policy({stmt(
                "Deny", q("s3:*"), q("arn:aws:s3:::amzn-s3-demo-bucket/*"),
                R"(,"Principal":"*","Condition":{"NotIpAddress":{"aws:SourceIp":["192.0.2.0/24","2001:DB8:1234:5678::/64"]}})")}),
            .principal = kAUser,
            .action = "s3:GetObject",
            .resource = kBucketObj,
            .resource_account = kA,
            .context = C{{"aws:SourceIp", S{"198.51.100.9"}}},
            .answer = kDeniedA,
            .decision = kExplicit},
        DecisionRow{
            .source = kBpEx,
            .name = "IP allow list lets listed IPv6 through",
            .identity = S{kAllowAllS3},
            .resource_policy = policy({stmt(
                "Deny", q("s3:*"), q("arn:aws:s3:::amzn-s3-demo-bucket/*"),
                R"(,"Principal":"*","Condition":{"NotIpAddress":{"aws:SourceIp":["192.0.2.0/24","2001:DB8:1234:5678::/64"]}})")}),
            .principal = kAUser,
            .action = "s3:GetObject",
            .resource = kBucketObj,
            .resource_account = kA,
            .context = C{{"aws:SourceIp", S{"2001:db8:1234:5678::42"}}},
            .answer = kAllowedA,
            .decision = kAllow},
        DecisionRow{.source = kBpEx,
                    .name = "public read bucket policy lets anonymous read",
                    .resource_policy = kPublicRead,
                    .principal = "anonymous",
                    .action = "s3:GetObject",
                    .resource = kBucketObj,
                    .resource_account = kA,
                    .answer = kAllowedA,
                    .decision = kAllow},
        DecisionRow{.source = "aws-semantics.md 5.2 ({\"AWS\":\"*\"} covers anonymous)",
                    .name = "AWS star bucket policy lets anonymous read",
                    .resource_policy = kPublicReadAwsStar,
                    .principal = "anonymous",
                    .action = "s3:GetObject",
                    .resource = kBucketObj,
                    .resource_account = kA,
                    .answer = kAllowedA,
                    .decision = kAllow},
        DecisionRow{.source = "aws-semantics.md 5.2",
                    .name = "public read does not cover PutObject",
                    .resource_policy = kPublicRead,
                    .principal = "anonymous",
                    .action = "s3:PutObject",
                    .resource = kBucketObj,
                    .resource_account = kA,
                    .answer = kDeniedA,
                    .decision = kImplicit},
        DecisionRow{.source = "aws-semantics.md 5.1",
                    .name = "anonymous and an account-principal grant",
                    .resource_policy = kBucketAllowsARoot,
                    .principal = "anonymous",
                    .action = "s3:GetObject",
                    .resource = kBucketObj,
                    .resource_account = kA,
                    .answer = kDeniedA,
                    .decision = kImplicit},
        DecisionRow{.source = "aws-semantics.md 5.2",
                    .name = "cross-account principal with public grant needs identity",
                    .resource_policy = kPublicRead,
                    .principal = kBRole,
                    .action = "s3:GetObject",
                    .resource = kBucketObj,
                    .resource_account = kA,
                    .answer = kDeniedA,
                    .decision = kImplicit}));

INSTANTIATE_TEST_SUITE_P(
    ServicesTrustKeys, DecisionTable,
    ::testing::Values(
        DecisionRow{
            .source = kCfS3,
            .name = "OAC with matching SourceArn",
            .resource_policy = kOacPolicy,
            .principal = "cloudfront.amazonaws.com",
            .action = "s3:GetObject",
            .resource = kBucketObj,
            .resource_account = kA,
            .context = C{{"aws:SourceArn",
                          S{"arn:aws:cloudfront::111111111111:distribution/EDFDVBD6EXAMPLE"}}},
            .answer = kAllowedA,
            .decision = kAllow},
        DecisionRow{.source = "aws-semantics.md 13 row 26",
                    .name = "OAC with another distribution",
                    .resource_policy = kOacPolicy,
                    .principal = "cloudfront.amazonaws.com",
                    .action = "s3:GetObject",
                    .resource = kBucketObj,
                    .resource_account = kA,
                    .context = C{{"aws:SourceArn",
                                  S{"arn:aws:cloudfront::999999999999:distribution/EOTHER"}}},
                    .answer = kDeniedA,
                    .decision = kImplicit},
        DecisionRow{.source = "aws-semantics.md 13 row 25",
                    .name = "OAC without SourceArn condition: any distribution",
                    .resource_policy = kOacNoCondition,
                    .principal = "cloudfront.amazonaws.com",
                    .action = "s3:GetObject",
                    .resource = kBucketObj,
                    .resource_account = kA,
                    .context = C{{"aws:SourceArn",
                                  S{"arn:aws:cloudfront::999999999999:distribution/EOTHER"}}},
                    .answer = kAllowedA,
                    .decision = kAllow},
        DecisionRow{.source = "issue 3 (static question: which distribution?)",
                    .name = "OAC, SourceArn unknown",
                    .resource_policy = kOacPolicy,
                    .principal = "cloudfront.amazonaws.com",
                    .action = "s3:GetObject",
                    .resource = kBucketObj,
                    .resource_account = kA,
                    .unknown = S{"aws:SourceArn"},
                    .answer = kDependsA,
                    .decision = kImplicit},
        DecisionRow{.source = "aws-semantics.md 13 row 36",
                    .name = "trust ok, B identity lacks sts:AssumeRole",
                    .resource_policy = kTrustsBWithExternalId,
                    .resource_kind = PolicyKind::kTrust,
                    .principal = kBRole,
                    .action = "sts:AssumeRole",
                    .resource = "arn:aws:iam::111111111111:role/partner-access",
                    .resource_account = kA,
                    .context = C{{"sts:ExternalId", S{"Unique ID Assigned by Example Corp"}}},
                    .answer = kDeniedA,
                    .decision = kImplicit},
        DecisionRow{.source = "aws-semantics.md 13 row 35",
                    .name = "trust requires ExternalId, none sent",
                    .identity = S{kBAssumeIdentity},
                    .resource_policy = kTrustsBWithExternalId,
                    .resource_kind = PolicyKind::kTrust,
                    .principal = kBRole,
                    .action = "sts:AssumeRole",
                    .resource = "arn:aws:iam::111111111111:role/partner-access",
                    .resource_account = kA,
                    .answer = kDeniedA,
                    .decision = kImplicit},
        DecisionRow{.source = kSwitch,
                    .name = "cross-account AssumeRole with ExternalId",
                    .identity = S{kBAssumeIdentity},
                    .resource_policy = kTrustsBWithExternalId,
                    .resource_kind = PolicyKind::kTrust,
                    .principal = kBRole,
                    .action = "sts:AssumeRole",
                    .resource = "arn:aws:iam::111111111111:role/partner-access",
                    .resource_account = kA,
                    .context = C{{"sts:ExternalId", S{"Unique ID Assigned by Example Corp"}}},
                    .answer = kAllowedA,
                    .decision = kAllow},
        DecisionRow{.source = kSwitch,
                    .name = "identity Resource '*' still needs the trust policy",
                    .identity = S{policy({stmt("Allow", q("sts:AssumeRole"), q("*"))})},
                    .resource_policy = kTrustsUser,
                    .resource_kind = PolicyKind::kTrust,
                    .principal = kBRole,
                    .action = "sts:AssumeRole",
                    .resource = "arn:aws:iam::111111111111:role/partner-access",
                    .resource_account = kA,
                    .answer = kDeniedA,
                    .decision = kImplicit},
        DecisionRow{.source = kEval,
                    .name = "same-account trust naming the user needs no identity policy",
                    .resource_policy = kTrustsUser,
                    .resource_kind = PolicyKind::kTrust,
                    .principal = kAUser,
                    .action = "sts:AssumeRole",
                    .resource = "arn:aws:iam::111111111111:role/partner-access",
                    .resource_account = kA,
                    .answer = kAllowedA,
                    .decision = kAllow},
        DecisionRow{.source = kEval,
                    .name = "same-account trust naming the account needs identity policy",
                    .resource_policy = kTrustsAccountA,
                    .resource_kind = PolicyKind::kTrust,
                    .principal = kAUser,
                    .action = "sts:AssumeRole",
                    .resource = "arn:aws:iam::111111111111:role/partner-access",
                    .resource_account = kA,
                    .answer = kDeniedA,
                    .decision = kImplicit},
        DecisionRow{.source = kEval,
                    .name = "same-account trust naming the account plus identity policy",
                    .identity = S{policy({stmt("Allow", q("sts:AssumeRole"), q("*"))})},
                    .resource_policy = kTrustsAccountA,
                    .resource_kind = PolicyKind::kTrust,
                    .principal = kAUser,
                    .action = "sts:AssumeRole",
                    .resource = "arn:aws:iam::111111111111:role/partner-access",
                    .resource_account = kA,
                    .answer = kAllowedA,
                    .decision = kAllow},
        DecisionRow{
            .source = kEval,
            .name = "trust policy must allow explicitly even in the same account",
            .identity = S{policy({stmt("Allow", q("sts:AssumeRole"), q("*"))})},
            .resource_policy =
                R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]})",
            .resource_kind = PolicyKind::kTrust,
            .principal = kAUser,
            .action = "sts:AssumeRole",
            .resource = "arn:aws:iam::111111111111:role/partner-access",
            .resource_account = kA,
            .answer = kDeniedA,
            .decision = kImplicit},
        DecisionRow{
            .source = kEval,
            .name = "service principal in trust policy",
            .resource_policy =
                R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]})",
            .resource_kind = PolicyKind::kTrust,
            .principal = "ec2.amazonaws.com",
            .action = "sts:AssumeRole",
            .resource = "arn:aws:iam::111111111111:role/partner-access",
            .resource_account = kA,
            .answer = kAllowedA,
            .decision = kAllow},
        DecisionRow{.source = kKms,
                    .name = "key policy enables IAM policies",
                    .identity = S{policy({stmt("Allow", q("kms:Decrypt"), q("*"))})},
                    .resource_policy = kKeyPolicyRoot,
                    .resource_kind = PolicyKind::kKey,
                    .principal = kARole,
                    .action = "kms:Decrypt",
                    .resource = kKeyArn,
                    .resource_account = kA,
                    .answer = kAllowedA,
                    .decision = kAllow},
        DecisionRow{.source = kKms,
                    .name = "key policy without root: identity policy is not enough",
                    .identity = S{policy({stmt("Allow", q("kms:Decrypt"), q("*"))})},
                    .resource_policy = kKeyPolicyOther,
                    .resource_kind = PolicyKind::kKey,
                    .principal = kARole,
                    .action = "kms:Decrypt",
                    .resource = kKeyArn,
                    .resource_account = kA,
                    .answer = kDeniedA,
                    .decision = kImplicit},
        DecisionRow{.source = kKms,
                    .name = "key policy root grant without identity policy",
                    .resource_policy = kKeyPolicyRoot,
                    .resource_kind = PolicyKind::kKey,
                    .principal = kARole,
                    .action = "kms:Decrypt",
                    .resource = kKeyArn,
                    .resource_account = kA,
                    .answer = kDeniedA,
                    .decision = kImplicit},
        DecisionRow{
            .source = "aws-semantics.md 13 row 18",
            .name = "OAC kms:Decrypt via key policy",
            .resource_policy =
                R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"cloudfront.amazonaws.com"},"Action":"kms:Decrypt","Resource":"*","Condition":{"StringEquals":{"AWS:SourceArn":"arn:aws:cloudfront::111111111111:distribution/EDFDVBD6EXAMPLE"}}}]})",
            .resource_kind = PolicyKind::kKey,
            .principal = "cloudfront.amazonaws.com",
            .action = "kms:Decrypt",
            .resource = kKeyArn,
            .resource_account = kA,
            .context = C{{"aws:SourceArn",
                          S{"arn:aws:cloudfront::111111111111:distribution/EDFDVBD6EXAMPLE"}}},
            .answer = kAllowedA,
            .decision = kAllow},
        DecisionRow{
            .source = "aws-semantics.md 13 row 19",
            .name = "key policy lacks CloudFront",
            .resource_policy = kKeyPolicyRoot,
            .resource_kind = PolicyKind::kKey,
            .principal = "cloudfront.amazonaws.com",
            .action = "kms:Decrypt",
            .resource = kKeyArn,
            .resource_account = kA,
            .context = C{{"aws:SourceArn",
                          S{"arn:aws:cloudfront::111111111111:distribution/EDFDVBD6EXAMPLE"}}},
            .answer = kDeniedA,
            .decision = kImplicit}));

INSTANTIATE_TEST_SUITE_P(
    AclConditions, DecisionTable,
    ::testing::Values(DecisionRow{.source = "aws-semantics.md 13 row 13",
                                  .name = "BOFC required, not sent",
                                  .identity = S{kBRoleIdentityPut},
                                  .resource_policy = kBucketRequiresBofc,
                                  .principal = kBRole,
                                  .action = "s3:PutObject",
                                  .resource = kBucketObj,
                                  .resource_account = kA,
                                  .answer = kDeniedA,
                                  .decision = kImplicit},
                      DecisionRow{.source = kBpEx,
                                  .name = "BOFC required and sent",
                                  .identity = S{kBRoleIdentityPut},
                                  .resource_policy = kBucketRequiresBofc,
                                  .principal = kBRole,
                                  .action = "s3:PutObject",
                                  .resource = kBucketObj,
                                  .resource_account = kA,
                                  .context = C{{"s3:x-amz-acl", S{"bucket-owner-full-control"}}},
                                  .answer = kAllowedA,
                                  .decision = kAllow},
                      DecisionRow{.source = "issue 3 (can B write at all?)",
                                  .name = "BOFC required, header unknown",
                                  .identity = S{kBRoleIdentityPut},
                                  .resource_policy = kBucketRequiresBofc,
                                  .principal = kBRole,
                                  .action = "s3:PutObject",
                                  .resource = kBucketObj,
                                  .resource_account = kA,
                                  .unknown = S{"s3:x-amz-acl"},
                                  .answer = kDependsA,
                                  .decision = kImplicit},
                      DecisionRow{.source = "aws-semantics.md 13 row 14",
                                  .name = "Deny StringNotEquals BOFC, header missing",
                                  .identity = S{kBRoleIdentityPut},
                                  .resource_policy = kBucketDeniesWithoutBofc,
                                  .principal = kBRole,
                                  .action = "s3:PutObject",
                                  .resource = kBucketObj,
                                  .resource_account = kA,
                                  .answer = kDeniedA,
                                  .decision = kExplicit},
                      DecisionRow{.source = "aws-semantics.md 3.3 (S3-KEYS allow + deny pair)",
                                  .name = "Deny StringNotEquals BOFC, sent",
                                  .identity = S{kBRoleIdentityPut},
                                  .resource_policy = kBucketDeniesWithoutBofc,
                                  .principal = kBRole,
                                  .action = "s3:PutObject",
                                  .resource = kBucketObj,
                                  .resource_account = kA,
                                  .context = C{{"s3:x-amz-acl", S{"bucket-owner-full-control"}}},
                                  .answer = kAllowedA,
                                  .decision = kAllow},
                      DecisionRow{.source = "aws-semantics.md 3.3",
                                  .name = "Deny StringNotEquals BOFC, other ACL sent",
                                  .identity = S{kBRoleIdentityPut},
                                  .resource_policy = kBucketDeniesWithoutBofc,
                                  .principal = kBRole,
                                  .action = "s3:PutObject",
                                  .resource = kBucketObj,
                                  .resource_account = kA,
                                  .context = C{{"s3:x-amz-acl", S{"public-read"}}},
                                  .answer = kDeniedA,
                                  .decision = kExplicit},
                      DecisionRow{.source = "issue 3 (static: deny pair with unknown header)",
                                  .name = "Deny StringNotEquals BOFC, header unknown",
                                  .identity = S{kBRoleIdentityPut},
                                  .resource_policy = kBucketDeniesWithoutBofc,
                                  .principal = kBRole,
                                  .action = "s3:PutObject",
                                  .resource = kBucketObj,
                                  .resource_account = kA,
                                  .unknown = S{"s3:x-amz-acl"},
                                  .answer = kDependsA,
                                  .decision = kExplicit}));

// A static question: every key not given that a request of its kind may carry is unknown.
TEST(StaticQuestions, UnknownByDefaultMakesConditionsDepend) {
  testing_util::PolicyStore store;
  PolicySet set;
  set.identity_policies.push_back(store.add(kBRoleIdentityPut));
  set.resource_policy = store.add(kBucketRequiresBofc, PolicyKind::kBucket);
  Request req = testing_util::request(kBRole, "s3:PutObject", kBucketObj, kA);
  req.static_question = true;
  Result r = evaluate(req, set);
  EXPECT_EQ(r.answer, Answer::kDepends);
  ASSERT_EQ(r.depends_on.size(), 1u);
  EXPECT_EQ(r.depends_on[0].key, "s3:x-amz-acl");
  EXPECT_EQ(r.depends_on[0].description(),
            "StringEquals s3:x-amz-acl ['bucket-owner-full-control']");
  EXPECT_TRUE(r.depends_on[0].where.known());
  // Keys the engine fills are known even then: aws:PrincipalAccount.
  set.resource_policy = store.add(
      policy({stmt(
          "Allow", q("s3:PutObject"), q("arn:aws:s3:::amzn-s3-demo-bucket/*"),
          R"(,"Principal":"*","Condition":{"StringEquals":{"aws:PrincipalAccount":"222222222222"}})")}),
      PolicyKind::kBucket);
  r = evaluate(req, set);
  EXPECT_EQ(r.answer, Answer::kAllowed);
}

TEST(Trace, RecordsEveryStatementWithPositions) {
  testing_util::PolicyStore store;
  PolicySet set;
  set.identity_policies.push_back(store.add(kBRoleIdentityPut, PolicyKind::kIdentity, "id.json"));
  set.resource_policy = store.add(kBucketDeniesWithoutBofc, PolicyKind::kBucket, "bp.json");
  const Request req = testing_util::request(kBRole, "s3:PutObject", kBucketObj, kA);
  const Result result = evaluate(req, set);
  const std::vector<TraceEntry> trace = result.trace.entries();
  ASSERT_EQ(result.trace.size(), 3u);
  ASSERT_EQ(trace.size(), 3u);
  EXPECT_EQ(trace[0].slot, PolicySlot::kIdentity);
  EXPECT_EQ(trace[0].where.file(), "id.json");
  EXPECT_EQ(trace[0].where.pointer(), "/Statement/0");
  EXPECT_EQ(trace[0].applies, Tri::kTrue);
  EXPECT_EQ(trace[2].slot, PolicySlot::kResource);
  EXPECT_EQ(trace[2].where.pointer(), "/Statement/1");
  EXPECT_EQ(trace[2].effect, Effect::kDeny);
  EXPECT_EQ(trace[2].applies, Tri::kTrue);
  EXPECT_NE(trace[2].reason().find("StringNotEquals"), std::string::npos) << trace[2].reason();
  EXPECT_EQ(trace[2].reason_where.pointer(), "/Statement/1/Condition/StringNotEquals/s3:x-amz-acl");
  // Without trace.
  EvalOptions quiet;
  quiet.trace = false;
  EXPECT_TRUE(evaluate(req, set, quiet).trace.empty());
}

// Labels and reasons are built when read, from a copy of the request the trace shares: they are
// match_statement's, also after the caller's request is gone.
TEST(Trace, BuildsLabelsAndReasonsOnRead) {
  testing_util::PolicyStore store;
  PolicySet set;
  set.identity_policies.push_back(store.add(kBRoleIdentityPut, PolicyKind::kIdentity, "id.json"));
  set.resource_policy = store.add(kBucketDeniesWithoutBofc, PolicyKind::kBucket, "bp.json");
  Result result;
  {
    const Request gone = testing_util::request(kBRole, "s3:PutObject", kBucketObj, kA);
    result = evaluate(gone, set);
  }
  const Request req = testing_util::request(kBRole, "s3:PutObject", kBucketObj, kA);
  const Context ctx = effective_context(req);
  const std::vector<TraceEntry> trace = result.trace.entries();
  ASSERT_EQ(trace.size(), 3u);
  for (const TraceEntry& e : trace) {
    ASSERT_NE(e.statement, nullptr);
    const StatementMatch m = match_statement(*e.policy, *e.statement, req, ctx);
    EXPECT_EQ(e.label(), e.statement->label());
    EXPECT_EQ(e.reason(), m.reason);
    EXPECT_FALSE(e.reason().empty());
    EXPECT_EQ(e.reason_where, m.where);
    EXPECT_EQ(e.applies, m.applies);
  }
  // A kept result's trace: the applying entries only (not the bucket policy's Allow, which names
  // another principal), without the request.
  const Request eve =
      testing_util::request("arn:aws:iam::333333333333:user/eve", "s3:PutObject", kBucketObj, kA);
  const Result whole = evaluate(eve, set);
  ASSERT_EQ(whole.trace.size(), 3u);
  Result kept = whole;
  kept.trace.keep_applying();
  const std::vector<TraceEntry> applying = kept.trace.entries();
  ASSERT_EQ(applying.size(), 2u);
  EXPECT_EQ(applying[0].slot, PolicySlot::kIdentity);
  EXPECT_EQ(applying[1].effect, Effect::kDeny);
  for (const TraceEntry& e : applying) {
    EXPECT_NE(e.applies, Tri::kFalse);
    EXPECT_EQ(e.label(), e.statement->label());
    EXPECT_EQ(e.reason(), "");
  }
  EXPECT_EQ(whole.trace.size(), 3u);  // the copy it was made from is whole
}

TEST(Trace, ExplainsWhyAStatementDidNotMatch) {
  testing_util::PolicyStore store;
  const PolicyDocument* bp = store.add(kBucketAllowsBRolePut, PolicyKind::kBucket);
  const Request req = testing_util::request(kBRole, "s3:GetObject", kBucketObj, kA);
  const Context ctx = effective_context(req);
  const StatementMatch m = match_statement(*bp, bp->statements[0], req, ctx);
  EXPECT_EQ(m.applies, Tri::kFalse);
  EXPECT_EQ(m.reason, "action 's3:GetObject' is not matched by Action");
  EXPECT_EQ(m.where.pointer(), "/Statement/0/Action");
  const Request other =
      testing_util::request("arn:aws:iam::333333333333:user/eve", "s3:PutObject", kBucketObj, kA);
  const StatementMatch n = match_statement(*bp, bp->statements[0], other, effective_context(other));
  EXPECT_EQ(n.applies, Tri::kFalse);
  EXPECT_EQ(n.where.pointer(), "/Statement/0/Principal");
  EXPECT_EQ(statement_applies(*bp, bp->statements[0],
                              testing_util::request(kBRole, "s3:PutObject", kBucketObj, kA)),
            Tri::kTrue);
}

}  // namespace
}  // namespace bucketlint::eval
