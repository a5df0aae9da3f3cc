// Evaluator fidelity to AWS's documented decision logic (issue 13): one table per class of
// documented behaviour, each row citing the AWS page that states it.

#include <gtest/gtest.h>

#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "bucketlint/eval.h"
#include "eval_test_util.h"
#include "model/arn.h"
#include "model/wildcard.h"

namespace bucketlint::eval {
namespace {

// ---- sources ------------------------------------------------------------------------------------

constexpr const char* kDenyAllow =
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/"
    "reference_policies_evaluation-logic_policy-eval-denyallow.html";
constexpr const char* kRcpEvaluation =
    "https://docs.aws.amazon.com/organizations/latest/userguide/"
    "orgs_manage_policies_rcps_evaluation.html";
constexpr const char* kRcp =
    "https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps.html";
constexpr const char* kRcpServicePrincipals =
    "https://docs.aws.amazon.com/kms/latest/developerguide/resource-control-policies.html";
constexpr const char* kScp =
    "https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps.html";
constexpr const char* kBoundaries =
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html";
constexpr const char* kSession =
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies.html#policies_session";
constexpr const char* kNotPrincipal =
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/"
    "reference_policies_elements_notprincipal.html";
constexpr const char* kEvalLogic =
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html";
constexpr const char* kSwitch =
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_permissions-to-switch.html";
constexpr const char* kKeyPolicies =
    "https://docs.aws.amazon.com/kms/latest/developerguide/key-policies.html";
constexpr const char* kKeyPolicyDefault =
    "https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html";
constexpr const char* kKmsAlias =
    "https://docs.aws.amazon.com/kms/latest/developerguide/kms-alias.html";
constexpr const char* kGetCallerIdentity =
    "https://docs.aws.amazon.com/STS/latest/APIReference/API_GetCallerIdentity.html";
constexpr const char* kManagedPolicies =
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_managed-vs-inline.html";
constexpr const char* kServiceLinkedRoles =
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/using-service-linked-roles.html";
constexpr const char* kReservedRoles =
    "https://docs.aws.amazon.com/singlesignon/latest/userguide/using-service-linked-roles.html";
constexpr const char* kResourceElement =
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html";

// ---- identities ---------------------------------------------------------------------------------

constexpr const char* kA = "111111111111";
constexpr const char* kObj = "arn:aws:s3:::amzn-s3-demo-bucket/photos/cat.jpg";
constexpr const char* kAUser = "arn:aws:iam::111111111111:user/bob";
constexpr const char* kARoleArn = "arn:aws:iam::111111111111:role/reader";
constexpr const char* kASession = "arn:aws:sts::111111111111:assumed-role/reader/s1";
constexpr const char* kAFederated = "arn:aws:sts::111111111111:federated-user/carol";
constexpr const char* kBSession = "arn:aws:sts::222222222222:assumed-role/site-uploader/s1";
constexpr const char* kTarget = "arn:aws:iam::111111111111:role/partner-access";
constexpr const char* kKey =
    "arn:aws:kms:us-east-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab";

// ---- policy text --------------------------------------------------------------------------------

std::string q(const std::string& s) { return "\"" + s + "\""; }

// {"Version": ..., "Statement": [statements]}
std::string policy(const std::vector<std::string>& statements) {
  std::string out = R"({"Version":"2012-10-17","Statement":[)";
  for (std::size_t i = 0; i < statements.size(); ++i) {
    if (i > 0) out += ",";
    out += statements[i];
  }
  return out + "]}";
}

// One statement; `principal` is the raw Principal/NotPrincipal member (with its leading comma)
// or empty; `resource` a JSON value or empty (trust policies).
std::string stmt(const std::string& effect, const std::string& action, const std::string& resource,
                 const std::string& principal = "", const std::string& extra = "") {
  std::string out = R"({"Effect":")" + effect + R"(","Action":)" + action;
  if (!resource.empty()) out += R"(,"Resource":)" + resource;
  return out + principal + extra + "}";
}

std::string aws(const std::string& who) { return R"(,"Principal":{"AWS":")" + who + "\"}"; }
std::string not_aws(const std::vector<std::string>& who) {
  std::string out = R"(,"NotPrincipal":{"AWS":[)";
  for (std::size_t i = 0; i < who.size(); ++i) {
    if (i > 0) out += ",";
    out += q(who[i]);
  }
  return out + "]}";
}

const std::string kStar = R"(,"Principal":"*")";
const std::string kAllowGet = policy({stmt("Allow", q("s3:GetObject"), q("*"))});
const std::string kAllowAll = policy({stmt("Allow", q("*"), q("*"))});
const std::string kAllowS3 = policy({stmt("Allow", q("s3:*"), q("*"))});
const std::string kAllowEc2 = policy({stmt("Allow", q("ec2:*"), q("*"))});
const std::string kDenyAllS3 = policy({stmt("Deny", q("s3:*"), q("*"))});
const std::string kDenyAll = policy({stmt("Deny", q("*"), q("*"))});
const std::string kRcpFullAccess = policy({stmt("Allow", q("*"), q("*"), kStar)});
const std::string kRcpAllowsOnlySqs = policy({stmt("Allow", q("sqs:*"), q("*"), kStar)});
const std::string kRcpDenyS3 = policy({stmt("Deny", q("s3:*"), q("*"), kStar)});
const std::string kRcpDenyAll = policy({stmt("Deny", q("*"), q("*"), kStar)});
const std::string kBucketGrants(const std::string& who) {
  return policy(
      {stmt("Allow", q("s3:GetObject"), q("arn:aws:s3:::amzn-s3-demo-bucket/*"), aws(who))});
}
const std::string kPublicRead =
    policy({stmt("Allow", q("s3:GetObject"), q("arn:aws:s3:::amzn-s3-demo-bucket/*"), kStar)});
const std::string kBucketAllowsBRole =
    policy({stmt("Allow", q("s3:GetObject"), q("arn:aws:s3:::amzn-s3-demo-bucket/*"),
                 aws("arn:aws:iam::222222222222:role/site-uploader"))});
const std::string kBoundaryEc2Only = kAllowEc2;

// ---- the table ----------------------------------------------------------------------------------

using S = std::vector<std::string>;
using L = std::vector<std::vector<std::string>>;

struct Row {
  const char* source = "";
  std::string name{};
  std::string principal{};
  std::string action{};
  std::string resource{};
  std::string account{};  // resource account
  S identity{};
  std::string resource_policy{};
  PolicyKind kind = PolicyKind::kBucket;
  S boundaries{};
  L scps{};
  L rcps{};
  S session{};
  bool pattern = false;  // Request::resource_is_pattern
  Answer answer = Answer::kDenied;
  Decision decision = Decision::kImplicitlyDenied;
};

void PrintTo(const Row& r, std::ostream* os) { *os << r.name; }

class Fidelity : public ::testing::TestWithParam<Row> {};

TEST_P(Fidelity, MatchesTheDocumentedDecision) {
  const Row& row = GetParam();
  testing_util::PolicyStore store;
  PolicySet set;
  for (const std::string& p : row.identity) set.identity_policies.push_back(store.add(p));
  if (!row.resource_policy.empty()) {
    set.resource_policy = store.add(row.resource_policy, row.kind, "resource.json");
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
  Request req = testing_util::request(row.principal, row.action, row.resource, row.account);
  req.resource_is_pattern = row.pattern;
  const Result r = evaluate(req, set);
  EXPECT_EQ(r.answer, row.answer) << row.name << ": " << answer_name(r.answer) << " / " << r.summary
                                  << " (" << row.source << ")";
  EXPECT_EQ(r.decision, row.decision) << row.name << ": " << decision_name(r.decision) << " / "
                                      << r.summary << " (" << row.source << ")";
  EXPECT_FALSE(r.summary.empty());
  for (const TraceEntry& e : r.trace.entries()) {
    EXPECT_TRUE(e.where.known()) << e.label();
    EXPECT_FALSE(e.reason().empty()) << e.label();
  }
  // The same answer without a trace.
  EvalOptions quiet;
  quiet.trace = false;
  const Result q = evaluate(req, set, quiet);
  EXPECT_EQ(q.answer, r.answer) << row.name;
  EXPECT_EQ(q.decision, r.decision) << row.name;
  EXPECT_TRUE(q.trace.empty());
}

constexpr Answer kYes = Answer::kAllowed;
constexpr Answer kNo = Answer::kDenied;
constexpr Decision kAllow = Decision::kAllowed;
constexpr Decision kImplicit = Decision::kImplicitlyDenied;
constexpr Decision kExplicit = Decision::kExplicitlyDenied;

// Class 1: an RCP level never denies implicitly (RCPFullAWSAccess cannot be detached); only an
// explicit Deny does. RCPs cover the resources of the services that support them, whoever
// calls, except service-linked roles.
INSTANTIATE_TEST_SUITE_P(
    ResourceControlPolicies, Fidelity,
    ::testing::Values(
        Row{.source = kRcpEvaluation,
            .name = "empty RCP level does not deny",
            .principal = kBSession,
            .action = "s3:GetObject",
            .resource = kObj,
            .account = kA,
            .identity = {kAllowGet},
            .resource_policy = kBucketAllowsBRole,
            .rcps = {{}},
            .answer = kYes,
            .decision = kAllow},
        Row{.source = kDenyAllow,
            .name = "RCP without a matching Allow does not deny",
            .principal = kBSession,
            .action = "s3:GetObject",
            .resource = kObj,
            .account = kA,
            .identity = {kAllowGet},
            .resource_policy = kBucketAllowsBRole,
            .rcps = {{kRcpFullAccess}, {kRcpAllowsOnlySqs}},
            .answer = kYes,
            .decision = kAllow},
        Row{.source = kRcpEvaluation,
            .name = "explicit Deny in any RCP level denies",
            .principal = kBSession,
            .action = "s3:GetObject",
            .resource = kObj,
            .account = kA,
            .identity = {kAllowGet},
            .resource_policy = kBucketAllowsBRole,
            .rcps = {{kRcpFullAccess}, {kRcpFullAccess, kRcpDenyS3}},
            .answer = kNo,
            .decision = kExplicit},
        Row{.source = kRcpEvaluation,
            .name = "RCP alone grants nothing",
            .principal = kBSession,
            .action = "s3:GetObject",
            .resource = kObj,
            .account = kA,
            .rcps = {{kRcpFullAccess}},
            .answer = kNo,
            .decision = kImplicit},
        Row{.source = kRcp,
            .name = "RCP Deny applies to anonymous requests",
            .principal = "anonymous",
            .action = "s3:GetObject",
            .resource = kObj,
            .account = kA,
            .resource_policy = kPublicRead,
            .rcps = {{kRcpFullAccess, kRcpDenyS3}},
            .answer = kNo,
            .decision = kExplicit},
        Row{.source = kRcpServicePrincipals,
            .name = "RCP Deny applies to AWS service principals",
            .principal = "cloudfront.amazonaws.com",
            .action = "s3:GetObject",
            .resource = kObj,
            .account = kA,
            .resource_policy =
                policy({stmt("Allow", q("s3:GetObject"), q("*"),
                             R"(,"Principal":{"Service":"cloudfront.amazonaws.com"})")}),
            .rcps = {{kRcpFullAccess, kRcpDenyS3}},
            .answer = kNo,
            .decision = kExplicit},
        Row{.source = kRcp,
            .name = "RCP does not restrict service-linked roles",
            .principal = "arn:aws:iam::111111111111:role/aws-service-role/"
                         "replication.s3.amazonaws.com/AWSServiceRoleForS3Replication",
            .action = "s3:GetObject",
            .resource = kObj,
            .account = kA,
            .identity = {kAllowGet},
            .rcps = {{kRcpFullAccess, kRcpDenyAll}},
            .answer = kYes,
            .decision = kAllow},
        Row{.source = kRcp,
            .name = "RCP does not apply to services without RCP support",
            .principal = kASession,
            .action = "ec2:RunInstances",
            .resource = "*",
            .account = kA,
            .identity = {kAllowEc2},
            .rcps = {{kRcpFullAccess, kRcpDenyAll}},
            .answer = kYes,
            .decision = kAllow}));

// Class 2: SCPs restrict the principals of the organisation's accounts; an anonymous caller (or
// a service) belongs to none, so neither an SCP Deny nor a missing SCP Allow touches it.
INSTANTIATE_TEST_SUITE_P(
    AnonymousAndOrganisationPolicies, Fidelity,
    ::testing::Values(
        Row{.source = kScp,
            .name = "SCP Deny does not deny anonymous public read",
            .principal = "anonymous",
            .action = "s3:GetObject",
            .resource = kObj,
            .account = kA,
            .resource_policy = kPublicRead,
            .scps = {{kAllowAll, kDenyAllS3}},
            .answer = kYes,
            .decision = kAllow},
        Row{.source = kScp,
            .name = "SCP without Allow does not deny anonymous public read",
            .principal = "anonymous",
            .action = "s3:GetObject",
            .resource = kObj,
            .account = kA,
            .resource_policy = kPublicRead,
            .scps = {{kAllowEc2}},
            .answer = kYes,
            .decision = kAllow},
        Row{.source = kScp,
            .name = "SCP Deny does not restrict a service principal",
            .principal = "cloudfront.amazonaws.com",
            .action = "s3:GetObject",
            .resource = kObj,
            .account = kA,
            .resource_policy =
                policy({stmt("Allow", q("s3:GetObject"), q("*"),
                             R"(,"Principal":{"Service":"cloudfront.amazonaws.com"})")}),
            .scps = {{kDenyAll}},
            .answer = kYes,
            .decision = kAllow},
        Row{.source = kScp,
            .name = "SCP Deny still denies an IAM user reading the public bucket",
            .principal = kAUser,
            .action = "s3:GetObject",
            .resource = kObj,
            .account = kA,
            .resource_policy = kPublicRead,
            .scps = {{kAllowAll, kDenyAllS3}},
            .answer = kNo,
            .decision = kExplicit},
        Row{.source = kScp,
            .name = "SCP without Allow still limits an IAM user",
            .principal = kAUser,
            .action = "s3:GetObject",
            .resource = kObj,
            .account = kA,
            .identity = {kAllowGet},
            .scps = {{kAllowEc2}},
            .answer = kNo,
            .decision = kImplicit},
        Row{.source = kScp,
            .name = "SCPs do not restrict service-linked roles",
            .principal = "arn:aws:iam::111111111111:role/aws-service-role/"
                         "replication.s3.amazonaws.com/AWSServiceRoleForS3Replication",
            .action = "s3:GetObject",
            .resource = kObj,
            .account = kA,
            .identity = {kAllowGet},
            .scps = {{kDenyAll}},
            .answer = kYes,
            .decision = kAllow},
        Row{.source = kDenyAllow,
            .name = "RCP Deny does deny anonymous public read",
            .principal = "anonymous",
            .action = "s3:GetObject",
            .resource = kObj,
            .account = kA,
            .resource_policy = kPublicRead,
            .rcps = {{kRcpFullAccess, kRcpDenyS3}},
            .answer = kNo,
            .decision = kExplicit}));

// Class 3: which implicit denies limit a same-account resource-policy Allow, per principal form
// named in the resource policy.
INSTANTIATE_TEST_SUITE_P(
    BoundariesAndSessionPolicies, Fidelity,
    ::testing::Values(
        Row{.source = kBoundaries,
            .name = "user ARN grant: boundary implicit deny does not limit",
            .principal = kAUser,
            .action = "s3:GetObject",
            .resource = kObj,
            .account = kA,
            .resource_policy = kBucketGrants(kAUser),
            .boundaries = {kBoundaryEc2Only},
            .answer = kYes,
            .decision = kAllow},
        Row{.source = kBoundaries,
            .name = "user ARN grant: boundary explicit Deny still denies",
            .principal = kAUser,
            .action = "s3:GetObject",
            .resource = kObj,
            .account = kA,
            .resource_policy = kBucketGrants(kAUser),
            .boundaries = {kAllowEc2, kDenyAllS3},
            .answer = kNo,
            .decision = kExplicit},
        Row{.source = kBoundaries,
            .name = "role ARN grant: boundary implicit deny limits the session",
            .principal = kASession,
            .action = "s3:GetObject",
            .resource = kObj,
            .account = kA,
            .resource_policy = kBucketGrants(kARoleArn),
            .boundaries = {kBoundaryEc2Only},
            .answer = kNo,
            .decision = kImplicit},
        Row{.source = kBoundaries,
            .name = "role ARN grant: boundary allowing it needs no identity policy",
            .principal = kASession,
            .action = "s3:GetObject",
            .resource = kObj,
            .account = kA,
            .resource_policy = kBucketGrants(kARoleArn),
            .boundaries = {kAllowS3},
            .answer = kYes,
            .decision = kAllow},
        Row{.source = kSession,
            .name = "role ARN grant: session policy implicit deny limits the session",
            .principal = kASession,
            .action = "s3:GetObject",
            .resource = kObj,
            .account = kA,
            .resource_policy = kBucketGrants(kARoleArn),
            .session = {kAllowEc2},
            .answer = kNo,
            .decision = kImplicit},
        Row{.source = kBoundaries,
            .name = "role session ARN grant: boundary implicit deny does not limit",
            .principal = kASession,
            .action = "s3:GetObject",
            .resource = kObj,
            .account = kA,
            .resource_policy = kBucketGrants(kASession),
            .boundaries = {kBoundaryEc2Only},
            .answer = kYes,
            .decision = kAllow},
        Row{.source = kSession,
            .name = "role session ARN grant: session policy implicit deny does not limit",
            .principal = kASession,
            .action = "s3:GetObject",
            .resource = kObj,
            .account = kA,
            .resource_policy = kBucketGrants(kASession),
            .boundaries = {kBoundaryEc2Only},
            .session = {kAllowEc2},
            .answer = kYes,
            .decision = kAllow},
        Row{.source = kBoundaries,
            .name = "federated user ARN grant: boundary and session policy do not limit",
            .principal = kAFederated,
            .action = "s3:GetObject",
            .resource = kObj,
            .account = kA,
            .resource_policy = kBucketGrants(kAFederated),
            .boundaries = {kBoundaryEc2Only},
            .session = {kAllowEc2},
            .answer = kYes,
            .decision = kAllow},
        Row{.source = kSession,
            .name = "identity allow cut by the session policy, no resource grant",
            .principal = kASession,
            .action = "s3:GetObject",
            .resource = kObj,
            .account = kA,
            .identity = {kAllowGet},
            .session = {kAllowEc2},
            .answer = kNo,
            .decision = kImplicit},
        Row{.source = kBoundaries,
            .name = "account principal grant delegates to the bounded identity policy",
            .principal = kAUser,
            .action = "s3:GetObject",
            .resource = kObj,
            .account = kA,
            .identity = {kAllowGet},
            .resource_policy = kBucketGrants("arn:aws:iam::111111111111:root"),
            .boundaries = {kBoundaryEc2Only},
            .answer = kNo,
            .decision = kImplicit},
        Row{.source = kBoundaries,
            .name = "cross account: the boundary limits whatever the bucket policy names",
            .principal = kBSession,
            .action = "s3:GetObject",
            .resource = kObj,
            .account = kA,
            .identity = {kAllowGet},
            .resource_policy = kBucketGrants(kBSession),
            .boundaries = {kBoundaryEc2Only},
            .answer = kNo,
            .decision = kImplicit}));

// Class 4: NotPrincipal. With Allow it grants to everyone except the principals named (an
// account or role named there leaves out its users and sessions too); with Deny a requester is
// spared only when every identity AWS checks (account, role, session or user) is listed, and a
// requester with a permissions boundary is always denied.
const std::string kNotPrincipalAllow(const std::vector<std::string>& who) {
  return policy(
      {stmt("Allow", q("s3:GetObject"), q("arn:aws:s3:::amzn-s3-demo-bucket/*"), not_aws(who))});
}
const std::string kNotPrincipalDeny(const std::vector<std::string>& who) {
  return policy({stmt("Allow", q("s3:GetObject"), q("arn:aws:s3:::amzn-s3-demo-bucket/*"), kStar),
                 stmt("Deny", q("s3:*"), q("arn:aws:s3:::amzn-s3-demo-bucket/*"), not_aws(who))});
}

INSTANTIATE_TEST_SUITE_P(
    NotPrincipal, Fidelity,
    ::testing::Values(
        Row{.source = kNotPrincipal,
            .name = "Allow NotPrincipal naming the user does not allow that user",
            .principal = kAUser,
            .action = "s3:GetObject",
            .resource = kObj,
            .account = kA,
            .resource_policy = kNotPrincipalAllow({kAUser}),
            .answer = kNo,
            .decision = kImplicit},
        Row{.source = kNotPrincipal,
            .name = "Allow NotPrincipal naming the session does not allow it",
            .principal = kASession,
            .action = "s3:GetObject",
            .resource = kObj,
            .account = kA,
            .resource_policy = kNotPrincipalAllow({kASession}),
            .answer = kNo,
            .decision = kImplicit},
        Row{.source = kNotPrincipal,
            .name = "Allow NotPrincipal naming the role does not allow its sessions",
            .principal = kASession,
            .action = "s3:GetObject",
            .resource = kObj,
            .account = kA,
            .resource_policy = kNotPrincipalAllow({kARoleArn}),
            .answer = kNo,
            .decision = kImplicit},
        Row{.source = kNotPrincipal,
            .name = "Allow NotPrincipal naming someone else allows the caller",
            .principal = kAUser,
            .action = "s3:GetObject",
            .resource = kObj,
            .account = kA,
            .resource_policy = kNotPrincipalAllow({"arn:aws:iam::111111111111:user/alice"}),
            .answer = kYes,
            .decision = kAllow},
        Row{.source = kNotPrincipal,
            .name = "Allow NotPrincipal allows anonymous callers",
            .principal = "anonymous",
            .action = "s3:GetObject",
            .resource = kObj,
            .account = kA,
            .resource_policy = kNotPrincipalAllow({kAUser}),
            .answer = kYes,
            .decision = kAllow},
        Row{.source = kNotPrincipal,
            .name = "Deny NotPrincipal with session, role and account spares the session",
            .principal = kASession,
            .action = "s3:GetObject",
            .resource = kObj,
            .account = kA,
            .resource_policy = kNotPrincipalDeny({kASession, kARoleArn,
                                                  "arn:aws:iam::111111111111:root"}),
            .answer = kYes,
            .decision = kAllow},
        Row{.source = kNotPrincipal,
            .name = "Deny NotPrincipal with role and account denies the role's sessions",
            .principal = kASession,
            .action = "s3:GetObject",
            .resource = kObj,
            .account = kA,
            .resource_policy = kNotPrincipalDeny({kARoleArn, "arn:aws:iam::111111111111:root"}),
            .answer = kNo,
            .decision = kExplicit},
        Row{.source = kNotPrincipal,
            .name = "Deny NotPrincipal with role and account spares a request as the role",
            .principal = kARoleArn,
            .action = "s3:GetObject",
            .resource = kObj,
            .account = kA,
            .resource_policy = kNotPrincipalDeny({kARoleArn, "arn:aws:iam::111111111111:root"}),
            .answer = kYes,
            .decision = kAllow},
        Row{.source = kNotPrincipal,
            .name = "Deny NotPrincipal with session and role but no account denies",
            .principal = kASession,
            .action = "s3:GetObject",
            .resource = kObj,
            .account = kA,
            .resource_policy = kNotPrincipalDeny({kASession, kARoleArn}),
            .answer = kNo,
            .decision = kExplicit},
        Row{.source = kNotPrincipal,
            .name = "Deny NotPrincipal with user and account spares the user",
            .principal = kAUser,
            .action = "s3:GetObject",
            .resource = kObj,
            .account = kA,
            .resource_policy = kNotPrincipalDeny({kAUser, "arn:aws:iam::111111111111:root"}),
            .answer = kYes,
            .decision = kAllow},
        Row{.source = kNotPrincipal,
            .name = "Deny NotPrincipal with the user only denies the user",
            .principal = kAUser,
            .action = "s3:GetObject",
            .resource = kObj,
            .account = kA,
            .resource_policy = kNotPrincipalDeny({kAUser}),
            .answer = kNo,
            .decision = kExplicit},
        Row{.source = kNotPrincipal,
            .name = "Deny NotPrincipal always denies a requester with a boundary",
            .principal = kAUser,
            .action = "s3:GetObject",
            .resource = kObj,
            .account = kA,
            .resource_policy = kNotPrincipalDeny({kAUser, "arn:aws:iam::111111111111:root"}),
            .boundaries = {kAllowS3},
            .answer = kNo,
            .decision = kExplicit}));

// Class 5: AssumeRole is decided by the role's trust policy, in the same account too.
const std::string kTrustsUser = policy({stmt("Allow", q("sts:AssumeRole"), "", aws(kAUser))});
const std::string kTrustsAccountA =
    policy({stmt("Allow", q("sts:AssumeRole"), "", aws("arn:aws:iam::111111111111:root"))});
const std::string kTrustsOther =
    policy({stmt("Allow", q("sts:AssumeRole"), "", aws("arn:aws:iam::111111111111:user/alice"))});
const std::string kMayAssume = policy({stmt("Allow", q("sts:AssumeRole"), q(kTarget))});

INSTANTIATE_TEST_SUITE_P(
    AssumeRoleTrust, Fidelity,
    ::testing::Values(
        Row{.source = kEvalLogic,
            .name = "same account: identity policy without a trust policy is not enough",
            .principal = kAUser,
            .action = "sts:AssumeRole",
            .resource = kTarget,
            .account = kA,
            .identity = {kMayAssume},
            .answer = kNo,
            .decision = kImplicit},
        Row{.source = kEvalLogic,
            .name = "same account: identity policy with a trust policy naming someone else",
            .principal = kAUser,
            .action = "sts:AssumeRole",
            .resource = kTarget,
            .account = kA,
            .identity = {kMayAssume},
            .resource_policy = kTrustsOther,
            .kind = PolicyKind::kTrust,
            .answer = kNo,
            .decision = kImplicit},
        Row{.source = kEvalLogic,
            .name = "same account: identity Allow * on every action still needs the trust",
            .principal = kAUser,
            .action = "sts:AssumeRole",
            .resource = kTarget,
            .account = kA,
            .identity = {kAllowAll},
            .resource_policy = kTrustsOther,
            .kind = PolicyKind::kBucket,
            .answer = kNo,
            .decision = kImplicit},
        Row{.source = kSwitch,
            .name = "same account: trust naming the account plus identity policy",
            .principal = kAUser,
            .action = "sts:AssumeRole",
            .resource = kTarget,
            .account = kA,
            .identity = {kMayAssume},
            .resource_policy = kTrustsAccountA,
            .kind = PolicyKind::kTrust,
            .answer = kYes,
            .decision = kAllow},
        Row{.source = kSwitch,
            .name = "same account: trust naming the account without identity policy",
            .principal = kAUser,
            .action = "sts:AssumeRole",
            .resource = kTarget,
            .account = kA,
            .resource_policy = kTrustsAccountA,
            .kind = PolicyKind::kTrust,
            .answer = kNo,
            .decision = kImplicit},
        Row{.source = kEvalLogic,
            .name = "same account: trust naming the user directly",
            .principal = kAUser,
            .action = "sts:AssumeRole",
            .resource = kTarget,
            .account = kA,
            .resource_policy = kTrustsUser,
            .kind = PolicyKind::kTrust,
            .answer = kYes,
            .decision = kAllow},
        Row{.source = kSwitch,
            .name = "cross account: identity policy without a trust policy",
            .principal = kBSession,
            .action = "sts:AssumeRole",
            .resource = kTarget,
            .account = kA,
            .identity = {kMayAssume},
            .answer = kNo,
            .decision = kImplicit}));

// Class 6: KMS keys are decided by their key policy; identity policies count only when the key
// policy delegates to the account; AWS managed aliases are immutable.
const std::string kKeyDelegates =
    policy({stmt("Allow", q("kms:*"), q("*"), aws("arn:aws:iam::111111111111:root"))});
const std::string kKeyNamesAdmin =
    policy({stmt("Allow", q("kms:*"), q("*"), aws("arn:aws:iam::111111111111:role/key-admin"))});
const std::string kAllowKms = policy({stmt("Allow", q("kms:*"), q("*"))});

INSTANTIATE_TEST_SUITE_P(
    KmsKeyPolicies, Fidelity,
    ::testing::Values(Row{.source = kKeyPolicies,
                          .name = "identity Allow without any key policy",
                          .principal = kAUser,
                          .action = "kms:Decrypt",
                          .resource = kKey,
                          .account = kA,
                          .identity = {kAllowKms},
                          .answer = kNo,
                          .decision = kImplicit},
                      Row{.source = kKeyPolicyDefault,
                          .name = "identity Allow with a key policy that does not delegate",
                          .principal = kAUser,
                          .action = "kms:Decrypt",
                          .resource = kKey,
                          .account = kA,
                          .identity = {kAllowKms},
                          .resource_policy = kKeyNamesAdmin,
                          .kind = PolicyKind::kKey,
                          .answer = kNo,
                          .decision = kImplicit},
                      Row{.source = kKeyPolicyDefault,
                          .name = "identity Allow with a key policy delegating to the account",
                          .principal = kAUser,
                          .action = "kms:Decrypt",
                          .resource = kKey,
                          .account = kA,
                          .identity = {kAllowKms},
                          .resource_policy = kKeyDelegates,
                          .kind = PolicyKind::kKey,
                          .answer = kYes,
                          .decision = kAllow},
                      Row{.source = kKeyPolicyDefault,
                          .name = "key policy delegating to the account without identity Allow",
                          .principal = kAUser,
                          .action = "kms:Decrypt",
                          .resource = kKey,
                          .account = kA,
                          .resource_policy = kKeyDelegates,
                          .kind = PolicyKind::kKey,
                          .answer = kNo,
                          .decision = kImplicit},
                      Row{.source = kKeyPolicies,
                          .name = "key policy naming the principal directly",
                          .principal = "arn:aws:sts::111111111111:assumed-role/key-admin/s1",
                          .action = "kms:Decrypt",
                          .resource = kKey,
                          .account = kA,
                          .resource_policy = kKeyNamesAdmin,
                          .kind = PolicyKind::kKey,
                          .answer = kYes,
                          .decision = kAllow},
                      Row{.source = kKmsAlias,
                          .name = "nobody may delete an AWS managed alias",
                          .principal = "111111111111",
                          .action = "kms:DeleteAlias",
                          .resource = "arn:aws:kms:us-east-1:111111111111:alias/aws/s3",
                          .account = kA,
                          .identity = {kAllowAll},
                          .answer = kNo,
                          .decision = kImplicit},
                      Row{.source = kKmsAlias,
                          .name = "nobody may create an alias under alias/aws/",
                          .principal = kAUser,
                          .action = "kms:CreateAlias",
                          .resource = "arn:aws:kms:us-east-1:111111111111:alias/aws/mine",
                          .account = kA,
                          .identity = {kAllowAll},
                          .answer = kNo,
                          .decision = kImplicit},
                      Row{.source = kKmsAlias,
                          .name = "a customer alias can be deleted with permission",
                          .principal = kAUser,
                          .action = "kms:DeleteAlias",
                          .resource = "arn:aws:kms:us-east-1:111111111111:alias/mine",
                          .account = kA,
                          .identity = {kAllowAll},
                          .answer = kYes,
                          .decision = kAllow}));

// Class 7: actions that need no permission, and targets nobody may change.
INSTANTIATE_TEST_SUITE_P(
    FixedOutcomes, Fidelity,
    ::testing::Values(
        Row{.source = kGetCallerIdentity,
            .name = "GetCallerIdentity with no policy at all",
            .principal = kASession,
            .action = "sts:GetCallerIdentity",
            .resource = "*",
            .account = kA,
            .answer = kYes,
            .decision = kAllow},
        Row{.source = kGetCallerIdentity,
            .name = "GetCallerIdentity despite an explicit Deny",
            .principal = kAUser,
            .action = "sts:GetCallerIdentity",
            .resource = "*",
            .account = kA,
            .identity = {kDenyAll},
            .scps = {{kDenyAll}},
            .answer = kYes,
            .decision = kAllow},
        Row{.source = kManagedPolicies,
            .name = "nobody may version an AWS managed policy",
            .principal = "111111111111",
            .action = "iam:CreatePolicyVersion",
            .resource = "arn:aws:iam::aws:policy/AdministratorAccess",
            .account = kA,
            .identity = {kAllowAll},
            .answer = kNo,
            .decision = kImplicit},
        Row{.source = kManagedPolicies,
            .name = "nobody may delete an AWS managed policy",
            .principal = kAUser,
            .action = "iam:DeletePolicy",
            .resource = "arn:aws:iam::aws:policy/ReadOnlyAccess",
            .account = kA,
            .identity = {kAllowAll},
            .answer = kNo,
            .decision = kImplicit},
        Row{.source = kManagedPolicies,
            .name = "attaching an AWS managed policy is an ordinary permission",
            .principal = kAUser,
            .action = "iam:AttachRolePolicy",
            .resource = "arn:aws:iam::111111111111:role/app",
            .account = kA,
            .identity = {kAllowAll},
            .answer = kYes,
            .decision = kAllow},
        Row{.source = kServiceLinkedRoles,
            .name = "nobody may attach a policy to a service-linked role",
            .principal = kAUser,
            .action = "iam:AttachRolePolicy",
            .resource = "arn:aws:iam::111111111111:role/aws-service-role/"
                        "elasticloadbalancing.amazonaws.com/AWSServiceRoleForElasticLoadBalancing",
            .account = kA,
            .identity = {kAllowAll},
            .answer = kNo,
            .decision = kImplicit},
        Row{.source = kServiceLinkedRoles,
            .name = "nobody may change a service-linked role's trust policy",
            .principal = "111111111111",
            .action = "iam:UpdateAssumeRolePolicy",
            .resource = "arn:aws:iam::111111111111:role/aws-service-role/"
                        "elasticloadbalancing.amazonaws.com/AWSServiceRoleForElasticLoadBalancing",
            .account = kA,
            .answer = kNo,
            .decision = kImplicit},
        Row{.source = kReservedRoles,
            .name = "nobody may delete a reserved role through IAM",
            .principal = kAUser,
            .action = "iam:DeleteRole",
            .resource = "arn:aws:iam::111111111111:role/aws-reserved/sso.amazonaws.com/"
                        "AWSReservedSSO_Admin_0123456789abcdef",
            .account = kA,
            .identity = {kAllowAll},
            .answer = kNo,
            .decision = kImplicit},
        Row{.source = kServiceLinkedRoles,
            .name = "an explicit Deny stays explicit on an immutable target",
            .principal = kAUser,
            .action = "iam:DeleteRole",
            .resource = "arn:aws:iam::111111111111:role/aws-reserved/sso.amazonaws.com/"
                        "AWSReservedSSO_Admin_0123456789abcdef",
            .account = kA,
            .identity = {kAllowAll, kDenyAll},
            .answer = kNo,
            .decision = kExplicit}));

// Class 8: a resource with wildcards in the request asks "is some resource of this set
// allowed?": an Allow counts when it can match some resource of the set, a Deny only when it
// covers the whole set.
const std::string kAllowUploads =
    policy({stmt("Allow", q("s3:PutObject"), q("arn:aws:s3:::amzn-s3-demo-bucket/uploads/*"))});

INSTANTIATE_TEST_SUITE_P(
    WildcardRequests, Fidelity,
    ::testing::Values(
        Row{.source = kResourceElement,
            .name = "some object of the bucket is writable",
            .principal = kAUser,
            .action = "s3:PutObject",
            .resource = "arn:aws:s3:::amzn-s3-demo-bucket/*",
            .account = kA,
            .identity = {kAllowUploads},
            .pattern = true,
            .answer = kYes,
            .decision = kAllow},
        Row{.source = kResourceElement,
            .name = "no object of another bucket is writable",
            .principal = kAUser,
            .action = "s3:PutObject",
            .resource = "arn:aws:s3:::other-bucket/*",
            .account = kA,
            .identity = {kAllowUploads},
            .pattern = true,
            .answer = kNo,
            .decision = kImplicit},
        Row{.source = kResourceElement,
            .name = "any resource at all",
            .principal = kAUser,
            .action = "s3:PutObject",
            .resource = "*",
            .account = kA,
            .identity = {kAllowUploads},
            .pattern = true,
            .answer = kYes,
            .decision = kAllow},
        Row{.source = kResourceElement,
            .name = "a Deny on part of the set leaves the rest",
            .principal = kAUser,
            .action = "s3:PutObject",
            .resource = "arn:aws:s3:::amzn-s3-demo-bucket/uploads/*",
            .account = kA,
            .identity = {kAllowUploads,
                         policy({stmt("Deny", q("s3:PutObject"),
                                      q("arn:aws:s3:::amzn-s3-demo-bucket/uploads/private/*"))})},
            .pattern = true,
            .answer = kYes,
            .decision = kAllow},
        Row{.source = kResourceElement,
            .name = "a Deny covering the whole set denies",
            .principal = kAUser,
            .action = "s3:PutObject",
            .resource = "arn:aws:s3:::amzn-s3-demo-bucket/uploads/*",
            .account = kA,
            .identity = {kAllowUploads, policy({stmt("Deny", q("s3:PutObject"),
                                                     q("arn:aws:s3:::amzn-s3-demo-bucket/*"))})},
            .pattern = true,
            .answer = kNo,
            .decision = kExplicit},
        Row{.source = kResourceElement,
            .name = "NotResource Allow excluding only part of the set",
            .principal = kAUser,
            .action = "s3:PutObject",
            .resource = "arn:aws:s3:::amzn-s3-demo-bucket/*",
            .account = kA,
            .identity = {policy(
                {R"({"Effect":"Allow","Action":"s3:PutObject","NotResource":"arn:aws:s3:::amzn-s3-demo-bucket/private/*"})"})},
            .pattern = true,
            .answer = kYes,
            .decision = kAllow},
        Row{.source = kResourceElement,
            .name = "NotResource Allow excluding the whole set",
            .principal = kAUser,
            .action = "s3:PutObject",
            .resource = "arn:aws:s3:::amzn-s3-demo-bucket/private/*",
            .account = kA,
            .identity = {policy(
                {R"({"Effect":"Allow","Action":"s3:PutObject","NotResource":"arn:aws:s3:::amzn-s3-demo-bucket/*"})"})},
            .pattern = true,
            .answer = kNo,
            .decision = kImplicit},
        Row{.source = kResourceElement,
            .name = "cross account: bucket policy and identity policy overlap",
            .principal = kBSession,
            .action = "s3:GetObject",
            .resource = "arn:aws:s3:::amzn-s3-demo-bucket/*",
            .account = kA,
            .identity = {policy({stmt("Allow", q("s3:GetObject"),
                                      q("arn:aws:s3:::amzn-s3-demo-bucket/reports/*"))})},
            .resource_policy = kBucketAllowsBRole,
            .pattern = true,
            .answer = kYes,
            .decision = kAllow},
        Row{.source = kResourceElement,
            .name = "without pattern mode the wildcard is a literal key",
            .principal = kAUser,
            .action = "s3:PutObject",
            .resource = "arn:aws:s3:::amzn-s3-demo-bucket/*",
            .account = kA,
            .identity = {kAllowUploads},
            .answer = kNo,
            .decision = kImplicit}));

// The set operations themselves, through single statements.
TEST(FidelityPatterns, WildcardQuestionMarkAndHugePatternsAreBounded) {
  testing_util::PolicyStore store;
  PolicySet set;
  set.identity_policies.push_back(
      store.add(policy({stmt("Allow", q("s3:GetObject"), q("arn:aws:s3:::b/log-202?-*.gz"))})));
  Request req = testing_util::request(kAUser, "s3:GetObject", "arn:aws:s3:::b/log-2024*", kA);
  req.resource_is_pattern = true;
  EXPECT_TRUE(evaluate(req, set).allowed());
  req.resource = "arn:aws:s3:::b/log-19*";
  EXPECT_FALSE(evaluate(req, set).allowed());
  // A resource far past the table bound: Allow counts (cautious), nothing crashes.
  req.resource = "arn:aws:s3:::b/log-2024-" + std::string(std::size_t{1} << 18, '*') + ".gz";
  EXPECT_TRUE(evaluate(req, set).allowed());
  EXPECT_TRUE(has_resource_wildcard("arn:aws:s3:::b/*"));
  EXPECT_TRUE(has_resource_wildcard("arn:aws:s3:::b/?"));
  EXPECT_FALSE(has_resource_wildcard("arn:aws:s3:::b/k"));
}

}  // namespace
}  // namespace bucketlint::eval

namespace bucketlint::eval {
namespace {

// The fast paths of action_matches / resource_matches give the general matcher's answers.
TEST(FidelityMatchers, FastPathsAgreeWithTheGeneralMatcher) {
  const std::vector<std::string> patterns{"*",
                                          "s3:*",
                                          "S3:Get*",
                                          "s3:GetObject",
                                          "s3:Get?bject",
                                          "arn:aws:s3:::b/*",
                                          "arn:aws:s3:::b/k",
                                          "arn:aws:s3:::b*",
                                          "arn:aws:s3:*",
                                          "arn:aws:*:*:*:*",
                                          "arn:aws:iam::1:role/*",
                                          "arn:aws:iam::1:role/a*",
                                          "b/*",
                                          "",
                                          "arn:aws:s3:::b/k:x*",
                                          "arn:aws:s3:::b/*/z"};
  const std::vector<std::string> texts{"s3:GetObject",
                                       "s3:getobject",
                                       "S3:PutObject",
                                       "arn:aws:s3:::b/k",
                                       "arn:aws:s3:::b",
                                       "arn:aws:s3:::bb/k",
                                       "arn:aws:s3:::b/k:x:y",
                                       "arn:aws:iam::1:role/a/b",
                                       "b/x",
                                       "",
                                       "arn:aws:s3:::b/y/z"};
  for (const std::string& p : patterns) {
    for (const std::string& t : texts) {
      EXPECT_EQ(action_matches(p, t), model::wildcard_match(p, t, model::kGlobIgnoreCase))
          << p << " / " << t;
      EXPECT_EQ(resource_matches(p, t),
                p == "*" || model::arn_matches(p, t, model::kGlobDefault, true))
          << p << " / " << t;
    }
  }
}

}  // namespace
}  // namespace bucketlint::eval
