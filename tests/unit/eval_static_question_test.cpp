// Static questions (Request::static_question): which keys a kind of request never carries
// (absent) and which the requester controls (unknown). Sources:
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html
// https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazons3.html

#include <gtest/gtest.h>

#include <string>

#include "bucketlint/eval.h"
#include "eval_test_util.h"

namespace bucketlint::eval {
namespace {

using testing_util::PolicyStore;
using testing_util::request;

constexpr const char* kA = "111111111111";
constexpr const char* kObj = "arn:aws:s3:::amzn-s3-demo-bucket/photos/cat.jpg";
constexpr const char* kAccessPointObj =
    "arn:aws:s3:us-east-1:111111111111:accesspoint/uploads/object/photos/cat.jpg";
constexpr const char* kRoleSession = "arn:aws:sts::222222222222:assumed-role/site-uploader/s1";
constexpr const char* kRole = "arn:aws:iam::222222222222:role/site-uploader";
constexpr const char* kUser = "arn:aws:iam::222222222222:user/bob";

Request static_request(const std::string& who, const std::string& action,
                       const std::string& resource = kObj) {
  Request r = request(who, action, resource, kA);
  r.static_question = true;
  return r;
}

Request service_request(const std::string& action) {
  Request r;
  r.principal.kind = PrincipalKind::kService;
  r.principal.service = "cloudfront.amazonaws.com";
  r.action = action;
  r.resource = kObj;
  r.resource_account = kA;
  r.static_question = true;
  return r;
}

// A bucket policy of one Allow statement for any principal with `condition`.
std::string allow_with(const std::string& action, const std::string& condition,
                       const std::string& resource = "arn:aws:s3:::amzn-s3-demo-bucket/*") {
  return R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":")" +
         action + R"(","Resource":")" + resource + R"(","Condition":)" + condition + "}]}";
}

Result ask(PolicyStore& store, const Request& req, const std::string& bucket_policy) {
  PolicySet set;
  set.resource_policy = store.add(bucket_policy, PolicyKind::kBucket);
  set.identity_not_given = true;
  return evaluate(req, set);
}

// aws:username: "always included in the request context for IAM users ... requests that are
// made using the AWS account root user or IAM roles don't include this key".
TEST(StaticKeyAbsent, UsernameOnlyForIamUsers) {
  EXPECT_TRUE(static_key_absent(static_request(kRoleSession, "s3:PutObject"), "aws:username"));
  EXPECT_TRUE(static_key_absent(static_request(kRole, "s3:PutObject"), "aws:username"));
  EXPECT_TRUE(static_key_absent(static_request(kA, "s3:PutObject"), "aws:username"));
  EXPECT_FALSE(static_key_absent(static_request(kUser, "s3:PutObject"), "aws:username"));
  // Keys are case-insensitive.
  EXPECT_TRUE(static_key_absent(static_request(kRoleSession, "s3:PutObject"), "AWS:UserName"));
}

// s3:x-amz-acl is a key of the requests that can carry the x-amz-acl header (PutObject,
// PutObjectAcl, ...), not of GetObject.
TEST(StaticKeyAbsent, AclHeaderOnlyOnRequestsThatCarryIt) {
  EXPECT_FALSE(static_key_absent(static_request(kRoleSession, "s3:PutObject"), "s3:x-amz-acl"));
  EXPECT_FALSE(static_key_absent(static_request(kRoleSession, "s3:PutObjectAcl"), "s3:x-amz-acl"));
  EXPECT_TRUE(static_key_absent(static_request(kRoleSession, "s3:GetObject"), "s3:x-amz-acl"));
  EXPECT_TRUE(
      static_key_absent(static_request(kRoleSession, "s3:GetObject"), "s3:x-amz-grant-write"));
  // Only list requests carry s3:prefix.
  EXPECT_TRUE(static_key_absent(static_request(kRoleSession, "s3:GetObject"), "s3:prefix"));
  EXPECT_FALSE(static_key_absent(static_request(kRoleSession, "s3:ListBucket"), "s3:prefix"));
  // Keys the catalogue lists as templates: existing object tags on a read, request tags on an
  // upload.
  EXPECT_FALSE(
      static_key_absent(static_request(kRoleSession, "s3:GetObject"), "s3:ExistingObjectTag/team"));
  EXPECT_FALSE(
      static_key_absent(static_request(kRoleSession, "s3:PutObject"), "s3:RequestObjectTag/team"));
  EXPECT_TRUE(
      static_key_absent(static_request(kRoleSession, "s3:GetObject"), "s3:RequestObjectTag/team"));
  // An action the catalogue does not know decides nothing.
  EXPECT_FALSE(static_key_absent(static_request(kRoleSession, "s3:NoSuchAction"), "s3:x-amz-acl"));
}

// Keys the requester controls stay unknown for every kind: the network path, the IP address,
// TLS, the time.
TEST(StaticKeyAbsent, RequesterControlledKeysAreUnknown) {
  for (const char* key : {"aws:SourceVpc", "aws:SourceVpce", "aws:SourceIp", "aws:SecureTransport",
                          "aws:CurrentTime", "aws:RequestedRegion", "s3:TlsVersion"}) {
    EXPECT_FALSE(static_key_absent(static_request(kRoleSession, "s3:GetObject"), key)) << key;
    EXPECT_FALSE(static_key_absent(static_request(kUser, "s3:PutObject"), key)) << key;
    EXPECT_FALSE(static_key_absent(Request{}, key)) << key;  // anonymous
  }
}

// aws:SourceArn / aws:SourceAccount: only in calls a service principal makes on behalf of a
// resource; aws:PrincipalServiceName only for service principals.
TEST(StaticKeyAbsent, SourceKeysOnlyForServicePrincipals) {
  EXPECT_TRUE(static_key_absent(static_request(kRoleSession, "s3:GetObject"), "aws:SourceArn"));
  EXPECT_TRUE(static_key_absent(static_request(kUser, "s3:GetObject"), "aws:SourceAccount"));
  EXPECT_TRUE(static_key_absent(Request{}, "aws:SourceArn"));
  EXPECT_FALSE(static_key_absent(service_request("s3:GetObject"), "aws:SourceArn"));
  EXPECT_FALSE(static_key_absent(service_request("s3:GetObject"), "aws:PrincipalServiceName"));
  EXPECT_TRUE(
      static_key_absent(static_request(kRoleSession, "s3:GetObject"), "aws:PrincipalServiceName"));
}

// Anonymous requests carry no principal keys; role-only keys are absent for users.
TEST(StaticKeyAbsent, PrincipalKindsDecidePrincipalKeys) {
  const Request anonymous = [] {
    Request r;
    r.action = "s3:GetObject";
    r.resource = kObj;
    r.static_question = true;
    return r;
  }();
  EXPECT_TRUE(static_key_absent(anonymous, "aws:PrincipalOrgID"));
  EXPECT_TRUE(static_key_absent(anonymous, "aws:PrincipalTag/team"));
  EXPECT_TRUE(static_key_absent(anonymous, "aws:MultiFactorAuthPresent"));
  EXPECT_FALSE(
      static_key_absent(static_request(kRoleSession, "s3:GetObject"), "aws:PrincipalOrgID"));
  EXPECT_FALSE(static_key_absent(static_request(kUser, "s3:GetObject"), "aws:PrincipalTag/team"));
  EXPECT_FALSE(
      static_key_absent(static_request(kRoleSession, "s3:GetObject"), "aws:SourceIdentity"));
  EXPECT_TRUE(static_key_absent(static_request(kUser, "s3:GetObject"), "aws:SourceIdentity"));
  EXPECT_TRUE(static_key_absent(static_request(kUser, "s3:GetObject"), "aws:FederatedProvider"));
}

// Access-point keys only on requests made through an access point.
TEST(StaticKeyAbsent, AccessPointKeysOnlyThroughAccessPoints) {
  EXPECT_TRUE(
      static_key_absent(static_request(kRoleSession, "s3:PutObject"), "s3:DataAccessPointAccount"));
  EXPECT_FALSE(static_key_absent(static_request(kRoleSession, "s3:PutObject", kAccessPointObj),
                                 "s3:DataAccessPointAccount"));
}

// Tag keys only on requests that take tags: sts:AssumeRole (session tags), not s3:GetObject.
TEST(StaticKeyAbsent, RequestTagsOnlyOnActionsThatTakeTags) {
  EXPECT_TRUE(
      static_key_absent(static_request(kRoleSession, "s3:GetObject"), "aws:RequestTag/team"));
  EXPECT_TRUE(static_key_absent(static_request(kRoleSession, "s3:GetObject"), "aws:TagKeys"));
  EXPECT_FALSE(static_key_absent(
      static_request(kRoleSession, "sts:AssumeRole", "arn:aws:iam::111111111111:role/r"),
      "aws:RequestTag/team"));
}

// The evaluator: a condition on aws:username cannot hold for a role session (absent), is decided
// by the name of an IAM user, and is open for a canonical user (it may be an IAM user).
TEST(StaticQuestion, RoleSessionHasNoUsername) {
  PolicyStore store;
  const std::string bp = allow_with("s3:GetObject", R"({"StringLike":{"aws:username":"site-*"}})");
  EXPECT_EQ(ask(store, static_request(kRoleSession, "s3:GetObject"), bp).answer, Answer::kDenied);
  // A user whose name the request gives is decided by it.
  EXPECT_EQ(ask(store, static_request(kUser, "s3:GetObject"), bp).answer, Answer::kDenied);
  EXPECT_EQ(
      ask(store, static_request("arn:aws:iam::222222222222:user/site-bot", "s3:GetObject"), bp)
          .answer,
      Answer::kAllowed);
  // A canonical user may be an IAM user of its account: unknown.
  Request canonical = static_request(kRoleSession, "s3:GetObject");
  canonical.principal = Principal{};
  canonical.principal.kind = PrincipalKind::kCanonicalUser;
  canonical.principal.canonical_id = std::string(64, 'b');
  EXPECT_EQ(ask(store, canonical, bp).answer, Answer::kDepends);
}

// The ACL header on an upload is the requester's choice (unknown); a GET never carries it, so a
// Deny "unless x-amz-acl is bucket-owner-full-control" on s3:* denies every GET.
TEST(StaticQuestion, AclHeaderUnknownOnPutAbsentOnGet) {
  PolicyStore store;
  const std::string bp = R"({"Version":"2012-10-17","Statement":[
    {"Effect":"Allow","Principal":"*","Action":"s3:*","Resource":"arn:aws:s3:::amzn-s3-demo-bucket/*"},
    {"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"arn:aws:s3:::amzn-s3-demo-bucket/*",
     "Condition":{"StringNotEquals":{"s3:x-amz-acl":"bucket-owner-full-control"}}}]})";
  const Result put = ask(store, static_request(kRoleSession, "s3:PutObject"), bp);
  EXPECT_EQ(put.answer, Answer::kDepends);
  ASSERT_EQ(put.depends_on.size(), 1u);
  EXPECT_EQ(put.depends_on[0].key, "s3:x-amz-acl");
  const Result get = ask(store, static_request(kRoleSession, "s3:GetObject"), bp);
  EXPECT_EQ(get.answer, Answer::kDenied);
  EXPECT_EQ(get.decision, Decision::kExplicitlyDenied);
  // A question that states the header is not sent: absent even on an upload.
  Request no_acl = static_request(kRoleSession, "s3:PutObject");
  no_acl.context.set_absent("s3:x-amz-acl");
  EXPECT_EQ(ask(store, no_acl, bp).decision, Decision::kExplicitlyDenied);
}

// Absent vs unknown in one policy: aws:SourceArn (absent for a role session) decides, while
// aws:SourceVpc (the requester's network path) leaves the answer open.
TEST(StaticQuestion, AbsentKeyDecidesUnknownKeyDepends) {
  PolicyStore store;
  const Result by_arn = ask(store, static_request(kRoleSession, "s3:GetObject"),
                            allow_with("s3:GetObject", R"({"StringEquals":{"aws:SourceArn":
                                "arn:aws:cloudfront::111111111111:distribution/EDFDVBD6EXAMPLE"}})"));
  EXPECT_EQ(by_arn.answer, Answer::kDenied);
  const Result by_vpc =
      ask(store, static_request(kRoleSession, "s3:GetObject"),
          allow_with("s3:GetObject", R"({"StringEquals":{"aws:SourceVpc":"vpc-111bbb22"}})"));
  EXPECT_EQ(by_vpc.answer, Answer::kDepends);
  // The same service-principal question leaves aws:SourceArn unknown.
  const Result service = ask(store, service_request("s3:GetObject"),
                             allow_with("s3:GetObject", R"({"StringEquals":{"aws:SourceArn":
              "arn:aws:cloudfront::111111111111:distribution/EDFDVBD6EXAMPLE"}})"));
  EXPECT_EQ(service.answer, Answer::kDepends);
}

// match_statement (used by rules on one statement) follows the same notion: a trust statement
// that excludes some IAM user names by aws:username applies to a role session (absent key,
// negated operator), and set_absent overrides an unknown default (sts:ExternalId).
TEST(StaticQuestion, MatchStatementUsesTheQuestionsKind) {
  PolicyStore store;
  const PolicyDocument* trust = store.add(
      R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow",
          "Principal":{"AWS":"arn:aws:iam::222222222222:root"},"Action":"sts:AssumeRole",
          "Condition":{"StringNotLike":{"aws:username":"intern-*"},
                       "Null":{"sts:ExternalId":"true"}}}]})",
      PolicyKind::kTrust);
  ASSERT_NE(trust, nullptr);
  Request req = static_request(kRoleSession, "sts:AssumeRole", "arn:aws:iam::111111111111:role/r");
  req.resource_account = kA;
  // sts:ExternalId is the caller's choice: unknown.
  EXPECT_EQ(
      match_statement(*trust, trust->statements[0], req, effective_context(req), nullptr).applies,
      Tri::kUnknown);
  req.context.set_absent("sts:ExternalId");
  EXPECT_EQ(
      match_statement(*trust, trust->statements[0], req, effective_context(req), nullptr).applies,
      Tri::kTrue);
}

}  // namespace
}  // namespace bucketlint::eval
