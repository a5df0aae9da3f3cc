// `bucketlint simulate`: input format of issue 3, text and JSON output, diagnostics.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "bucketlint/simulate.h"

namespace bucketlint {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

constexpr const char* kCrossAccountPut = R"({
  "request": {
    "principal": "arn:aws:sts::222222222222:assumed-role/site-uploader/s1",
    "action": "s3:PutObject",
    "resource": "arn:aws:s3:::amzn-s3-demo-bucket/key",
    "resourceAccount": "111111111111",
    "context": {"s3:x-amz-acl": "bucket-owner-full-control",
                "aws:PrincipalTag/team": ["a", "b"]}
  },
  "identityPolicies": [
    {"Version": "2012-10-17",
     "Statement": [{"Sid": "Put", "Effect": "Allow", "Action": "s3:PutObject",
                    "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*"}]}
  ],
  "resourcePolicy": {
    "Version": "2012-10-17",
    "Statement": [
      {"Sid": "PartnerPut", "Effect": "Allow",
       "Principal": {"AWS": "arn:aws:iam::222222222222:role/site-uploader"},
       "Action": "s3:PutObject", "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*",
       "Condition": {"StringEquals": {"s3:x-amz-acl": "bucket-owner-full-control"}}}
    ]
  }
})";

std::string replace(std::string s, const std::string& from, const std::string& to) {
  const std::size_t at = s.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) s.replace(at, from.size(), to);
  return s;
}

TEST(Simulate, AllowedTextOutput) {
  const SimulateOutput out = run_simulate("sim.json", kCrossAccountPut, "text");
  EXPECT_EQ(out.exit_code, 0) << out.err;
  EXPECT_TRUE(out.err.empty()) << out.err;
  EXPECT_THAT(out.out, HasSubstr("decision: Allowed\n"));
  // Each trace line has the statement's file position and JSON Pointer.
  EXPECT_THAT(out.out,
              HasSubstr("sim.json:12:20: identity policy statement 'Put' (Allow): allows"));
  EXPECT_THAT(out.out, HasSubstr("[/identityPolicies/0/Statement/0]"));
  EXPECT_THAT(out.out, HasSubstr("sim.json:18:7: resource policy statement 'PartnerPut' (Allow)"));
  EXPECT_THAT(out.out, HasSubstr("[/resourcePolicy/Statement/0]"));
}

TEST(Simulate, ImplicitDenyWhenConditionFails) {
  const std::string text =
      replace(kCrossAccountPut, R"("s3:x-amz-acl": "bucket-owner-full-control",)",
              R"("s3:x-amz-acl": "private",)");
  const SimulateOutput out = run_simulate("sim.json", text, "text");
  EXPECT_EQ(out.exit_code, 1);
  EXPECT_THAT(out.out, HasSubstr("decision: ImplicitlyDenied"));
  EXPECT_THAT(out.out, HasSubstr("condition not met: StringEquals 's3:x-amz-acl'"));
}

TEST(Simulate, JsonOutput) {
  const SimulateOutput out = run_simulate("sim.json", kCrossAccountPut, "json");
  EXPECT_EQ(out.exit_code, 0) << out.err;
  const nlohmann::json j = nlohmann::json::parse(out.out);
  EXPECT_EQ(j["decision"], "Allowed");
  ASSERT_TRUE(j["trace"].is_array());
  ASSERT_EQ(j["trace"].size(), 2u);
  EXPECT_EQ(j["trace"][1]["policy"], "resource policy");
  EXPECT_EQ(j["trace"][1]["statement"], "statement 'PartnerPut'");
  EXPECT_EQ(j["trace"][1]["result"], "allows");
  EXPECT_EQ(j["trace"][1]["location"]["pointer"], "/resourcePolicy/Statement/0");
  EXPECT_EQ(j["trace"][1]["location"]["line"], 18);
  EXPECT_EQ(j["trace"][1]["location"]["column"], 7);
}

TEST(Simulate, ExplicitDenyAndScpLevels) {
  std::string text = replace(kCrossAccountPut, R"("resourcePolicy": {)",
                             R"("serviceControlPolicies": [[{"Version": "2012-10-17",
       "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}], []],
  "resourcePolicy": {)");
  SimulateOutput out = run_simulate("sim.json", text, "text");
  EXPECT_EQ(out.exit_code, 1);
  EXPECT_THAT(out.out, HasSubstr("decision: ImplicitlyDenied"));
  EXPECT_THAT(out.out, HasSubstr("SCP level 1"));
  EXPECT_THAT(out.out, HasSubstr("an SCP level does not allow it"));

  text = replace(kCrossAccountPut, R"("resourcePolicy": {)",
                 R"("permissionBoundaries": [{"Version": "2012-10-17",
       "Statement": [{"Effect": "Deny", "Action": "s3:*", "Resource": "*"}]}],
  "resourcePolicy": {)");
  out = run_simulate("sim.json", text, "json");
  EXPECT_EQ(out.exit_code, 1);
  EXPECT_EQ(nlohmann::json::parse(out.out)["decision"], "ExplicitlyDenied");
}

TEST(Simulate, UnknownKeysGiveDepends) {
  const std::string text =
      replace(kCrossAccountPut, R"("context": {"s3:x-amz-acl": "bucket-owner-full-control",)",
              R"("unknownKeys": ["s3:x-amz-acl"], "context": {)");
  const SimulateOutput out = run_simulate("sim.json", text, "json");
  EXPECT_EQ(out.exit_code, 1) << out.err;
  const nlohmann::json j = nlohmann::json::parse(out.out);
  EXPECT_EQ(j["answer"], "Depends");
  EXPECT_EQ(j["decision"], "ImplicitlyDenied");
  ASSERT_EQ(j["dependsOn"].size(), 1u);
  EXPECT_EQ(j["dependsOn"][0]["condition"],
            "StringEquals s3:x-amz-acl ['bucket-owner-full-control']");
}

TEST(Simulate, ObjectOwnershipAndAcl) {
  // DOMAIN.md 13 row 2: the OAI cannot read a B-owned object even with the bucket-policy grant.
  constexpr const char* kText = R"({
  "request": {"principal": "arn:aws:iam::cloudfront:user/CloudFront Origin Access Identity E74FTE3AEXAMPLE",
              "action": "s3:GetObject", "resource": "arn:aws:s3:::amzn-s3-demo-bucket/index.html",
              "resourceAccount": "111111111111"},
  "resourcePolicy": {"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow",
     "Principal": {"AWS": "arn:aws:iam::cloudfront:user/CloudFront Origin Access Identity E74FTE3AEXAMPLE"},
     "Action": "s3:GetObject", "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*"}]},
  "s3": {"objectOwnership": "ObjectWriter", "objectOwner": "222222222222",
         "objectAcl": {"Owner": {"ID": "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"},
                       "Grants": [{"Grantee": {"Type": "CanonicalUser", "ID": "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"},
                                   "Permission": "FULL_CONTROL"}]}},
  "oaiCanonicalIds": {"E74FTE3AEXAMPLE": "cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc"}
})";
  SimulateOutput out = run_simulate("sim.json", kText, "text");
  EXPECT_EQ(out.exit_code, 1) << out.err;
  EXPECT_THAT(out.out, HasSubstr("owned by another account"));
  EXPECT_THAT(out.out, HasSubstr("object ACL grant 1 (FULL_CONTROL"));
  // Granting READ to the OAI canonical ID fixes it (row 4).
  const std::string fixed = replace(
      kText, R"("Permission": "FULL_CONTROL"}]}},)",
      R"("Permission": "FULL_CONTROL"}, {"Grantee": {"Type": "CanonicalUser", "ID": "cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc"}, "Permission": "READ"}]}},)");
  out = run_simulate("sim.json", fixed, "text");
  EXPECT_EQ(out.exit_code, 0) << out.err << out.out;
  // Under BucketOwnerEnforced the owner is the bucket owner and the policy applies.
  const std::string enforced = replace(kText, "\"ObjectWriter\"", "\"BucketOwnerEnforced\"");
  out = run_simulate("sim.json", enforced, "text");
  EXPECT_EQ(out.exit_code, 0) << out.err << out.out;
}

TEST(Simulate, MalformedJsonHasPositions) {
  const SimulateOutput out = run_simulate(
      "bad.json", "{\n  \"request\": {\n    \"action\": \"s3:GetObject\",\n  }\n}", "text");
  EXPECT_EQ(out.exit_code, 2);
  EXPECT_TRUE(out.out.empty());
  EXPECT_THAT(out.err, HasSubstr("bad.json:4:3: error:"));
  EXPECT_THAT(out.err, HasSubstr("[IN001]"));
}

TEST(Simulate, StructuralErrorsHavePositions) {
  const std::string text =
      replace(kCrossAccountPut, R"("action": "s3:PutObject",)", R"("action": ["s3:PutObject"],)");
  SimulateOutput out = run_simulate("sim.json", text, "text");
  EXPECT_EQ(out.exit_code, 2);
  EXPECT_THAT(out.err,
              HasSubstr("sim.json:4:15: error: 'action' must be a string, found array [IN009]"));

  out = run_simulate("sim.json", R"({"identityPolicies": []})", "text");
  EXPECT_EQ(out.exit_code, 2);
  EXPECT_THAT(out.err, HasSubstr("sim.json:1:1: error: missing required member 'request'"));

  out = run_simulate(
      "sim.json",
      replace(kCrossAccountPut, "arn:aws:sts::222222222222:assumed-role/site-uploader/s1", "bob"),
      "text");
  EXPECT_EQ(out.exit_code, 2);
  EXPECT_THAT(out.err, HasSubstr("sim.json:3:18: error: cannot read principal 'bob'"));

  out = run_simulate("sim.json",
                     replace(kCrossAccountPut, R"("identityPolicies")", R"("identityPolicy")"),
                     "text");
  EXPECT_EQ(out.exit_code, 2);
  EXPECT_THAT(out.err, HasSubstr("unknown member 'identityPolicy'"));

  // A policy element of the wrong type (the builder's IN009) also stops the simulation.
  out = run_simulate("sim.json",
                     replace(kCrossAccountPut, R"("Action": "s3:PutObject",
                    "Resource")",
                             R"("Action": 7,
                    "Resource")"),
                     "text");
  EXPECT_EQ(out.exit_code, 2);
  EXPECT_THAT(out.err, HasSubstr("sim.json:12:64: error:"));
  EXPECT_THAT(out.err, HasSubstr("[IN009]"));

  out = run_simulate("sim.json", "", "text");
  EXPECT_EQ(out.exit_code, 2);
  EXPECT_THAT(out.err, HasSubstr("[IN004]"));
}

TEST(Simulate, MissingResourceAccountIsSaid) {
  const std::string text = replace(kCrossAccountPut, R"("resourceAccount": "111111111111",)", "");
  const SimulateOutput out = run_simulate("sim.json", text, "text");
  EXPECT_EQ(out.exit_code, 0) << out.err;  // same account: the identity policy suffices
  EXPECT_THAT(out.out, HasSubstr("note: no 'resourceAccount' given"));
  const SimulateOutput with = run_simulate("sim.json", kCrossAccountPut, "text");
  EXPECT_THAT(with.out, Not(HasSubstr("note:")));
}

TEST(Simulate, ResourceAccountFromArn) {
  constexpr const char* kText = R"({
  "request": {"principal": "arn:aws:iam::222222222222:user/bob", "action": "kms:Decrypt",
              "resource": "arn:aws:kms:us-east-1:111111111111:key/k1"},
  "identityPolicies": [{"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Action": "kms:Decrypt", "Resource": "*"}]}]
})";
  // Cross-account (the key ARN names 111111111111) and no key policy: denied.
  const SimulateOutput out = run_simulate("sim.json", kText, "text");
  EXPECT_EQ(out.exit_code, 1) << out.err << out.out;
  EXPECT_THAT(out.out, HasSubstr("cross-account"));
}

TEST(Simulate, InvalidEffectIsTracedAsIgnored) {
  const std::string text = replace(kCrossAccountPut, R"("Sid": "Put", "Effect": "Allow")",
                                   R"("Sid": "Put", "Effect": "allow")");
  const SimulateOutput out = run_simulate("sim.json", text, "text");
  EXPECT_EQ(out.exit_code, 1) << out.err;
  EXPECT_THAT(out.out,
              HasSubstr("statement 'Put' (invalid Effect): ignored: invalid Effect 'allow'"));
}

// A resource with wildcards asks whether some resource of the set is allowed (issue 13,
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html).
TEST(Simulate, WildcardResourceAsksAboutSomeResource) {
  const std::string any_key = replace(kCrossAccountPut, R"("arn:aws:s3:::amzn-s3-demo-bucket/key")",
                                      R"("arn:aws:s3:::amzn-s3-demo-bucket/*")");
  SimulateOutput out = run_simulate("sim.json", any_key, "text");
  EXPECT_EQ(out.exit_code, 0) << out.out << out.err;
  EXPECT_THAT(out.out, HasSubstr("note: the resource has wildcards"));

  // No object of another bucket is writable.
  const std::string other = replace(kCrossAccountPut, R"("arn:aws:s3:::amzn-s3-demo-bucket/key")",
                                    R"("arn:aws:s3:::other-*/*")");
  out = run_simulate("sim.json", other, "text");
  EXPECT_EQ(out.exit_code, 1) << out.out << out.err;

  // "resourcePattern": false reads '*' as part of the key; the policies still match it.
  const std::string literal =
      replace(any_key, R"("resourceAccount")", R"("resourcePattern": false, "resourceAccount")");
  out = run_simulate("sim.json", literal, "json");
  EXPECT_EQ(out.exit_code, 0) << out.out << out.err;
  EXPECT_THAT(out.out, Not(HasSubstr("has wildcards")));

  const std::string bad =
      replace(any_key, R"("resourceAccount")", R"("resourcePattern": "yes", "resourceAccount")");
  out = run_simulate("sim.json", bad, "text");
  EXPECT_EQ(out.exit_code, 2);
  EXPECT_THAT(out.err, HasSubstr("'resourcePattern' must be true or false, found string"));
}

TEST(Simulate, UnknownFormat) {
  const SimulateOutput out = run_simulate("sim.json", kCrossAccountPut, "sarif");
  EXPECT_EQ(out.exit_code, 2);
  EXPECT_THAT(out.err, HasSubstr("unknown format 'sarif'"));
  EXPECT_THAT(out.out, Not(HasSubstr("decision")));
}

}  // namespace
}  // namespace bucketlint
