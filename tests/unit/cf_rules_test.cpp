// CF001-CF005: CloudFront origin access (aws-semantics.md section 4; rows 18-26, 33 of section 13).

#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "fix_snippets.h"
#include "model_builder.h"

namespace bucketlint {
namespace {

using testing::ElementsAre;
using testing::HasSubstr;
using testing::IsEmpty;
using testing::SizeIs;
using testing_util::kA;
using testing_util::kBucket;
using testing_util::kDistId;
using testing_util::kOacId;
using testing_util::kOaiCanonical;
using testing_util::kOaiId;
using testing_util::messages;
using testing_util::ModelBuilder;

// The OAC statement of aws-semantics.md 4.2 (Statement as a single object), for distribution
// `dist`.
std::string oac_policy(const std::string& dist, const std::string& resource_suffix = "/*",
                       const std::string& extra_actions = "") {
  return R"({"Version": "2012-10-17", "Statement": {
    "Sid": "AllowCloudFrontServicePrincipalReadOnly", "Effect": "Allow",
    "Principal": {"Service": "cloudfront.amazonaws.com"},
    "Action": ["s3:GetObject")" +
         extra_actions + R"(],
    "Resource": "arn:aws:s3:::amzn-s3-demo-bucket)" +
         resource_suffix + R"(",
    "Condition": {"StringEquals": {"AWS:SourceArn": "arn:aws:cloudfront::111111111111:distribution/)" +
         dist + R"("}}}})";
}

std::string oai_policy(const std::string& principal_json) {
  return R"({"Version": "2012-10-17", "Statement": [{
    "Sid": "AllowOAI", "Effect": "Allow", "Principal": )" +
         principal_json + R"(,
    "Action": "s3:GetObject", "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*"}]})";
}

std::string oai_arn_principal(const std::string& id) {
  return R"({"AWS": "arn:aws:iam::cloudfront:user/CloudFront Origin Access Identity )" + id +
         R"("})";
}

// ---------------------------------------------------------------------------------------------
// CF001

TEST(Cf001, OacWithMatchingSourceArnCanRead) {  // row 9
  ModelBuilder b;
  b.bucket(kBucket, kA, oac_policy(kDistId));
  b.distribution(kDistId, kBucket, "", kOacId);
  EXPECT_THAT(messages(b.run("CF001")), IsEmpty());
}

TEST(Cf001, OacWithSourceArnOfAnotherDistribution) {  // row 26
  ModelBuilder b;
  b.bucket(kBucket, kA, oac_policy("EOTHERDISTRIB1"));
  b.distribution(kDistId, kBucket, "", kOacId);
  auto run = b.run("CF001");
  ASSERT_THAT(run, SizeIs(1));
  const Finding& f = run[0];
  EXPECT_EQ(f.severity, Severity::kError);
  EXPECT_THAT(f.message, HasSubstr("distribution 'EDFDVBD6EXAMPLE'"));
  EXPECT_THAT(f.message, HasSubstr("OAC 'E1ABCDEFGHIJKL'"));
  EXPECT_THAT(f.message, HasSubstr("'amzn-s3-demo-bucket'"));
  EXPECT_THAT(f.remediation,
              HasSubstr("arn:aws:cloudfront::111111111111:distribution/EDFDVBD6EXAMPLE"));
  EXPECT_EQ(f.where.pointer(), "/DistributionConfig/Origins/Items/0/OriginAccessControlId");
  EXPECT_FALSE(f.notes.empty());
}

TEST(Cf001, OaiNamedByArnCanRead) {
  ModelBuilder b;
  b.bucket(kBucket, kA, oai_policy(oai_arn_principal(kOaiId)));
  b.distribution(kDistId, kBucket, kOaiId, "");
  EXPECT_THAT(messages(b.run("CF001")), IsEmpty());
}

TEST(Cf001, WrongOai) {
  ModelBuilder b;
  b.bucket(kBucket, kA, oai_policy(oai_arn_principal("EOTHEROAIEXAMP")));
  b.distribution(kDistId, kBucket, kOaiId, "");
  auto run = b.run("CF001");
  ASSERT_THAT(run, SizeIs(1));
  EXPECT_THAT(run[0].message, HasSubstr("OAI 'E74FTE3AEXAMPLE'"));
  EXPECT_THAT(run[0].remediation, HasSubstr("CloudFront Origin Access Identity E74FTE3AEXAMPLE"));
}

TEST(Cf001, OaiNamedByCanonicalUserWithOaiDumpCanRead) {  // aws-semantics.md 4.1
  ModelBuilder b;
  b.bucket(kBucket, kA,
           oai_policy(std::string(R"({"CanonicalUser": ")") + kOaiCanonical + R"("})"));
  b.distribution(kDistId, kBucket, kOaiId, "");
  b.oai(kOaiId, kOaiCanonical);
  EXPECT_THAT(messages(b.run("CF001")), IsEmpty());
}

TEST(Cf001, CanonicalUserOfAnotherOaiIsWrongOai) {
  ModelBuilder b;
  b.bucket(kBucket, kA,
           oai_policy(std::string(R"({"CanonicalUser": ")") + kOaiCanonical + R"("})"));
  b.distribution(kDistId, kBucket, "EOTHEROAIEXAMP", "");
  b.oai(kOaiId, kOaiCanonical);
  b.oai("EOTHEROAIEXAMP", std::string(64, 'a'));
  EXPECT_THAT(b.run("CF001"), SizeIs(1));
}

TEST(Cf001, UnresolvedCanonicalUserWithoutOaiDumpIsNotFlagged) {  // known gap, no guess
  ModelBuilder b;
  b.bucket(kBucket, kA,
           oai_policy(std::string(R"({"CanonicalUser": ")") + kOaiCanonical + R"("})"));
  b.distribution(kDistId, kBucket, kOaiId, "");
  EXPECT_THAT(messages(b.run("CF001")), IsEmpty());
}

TEST(Cf001, BucketArnWithoutObjectsNeverMatches) {
  ModelBuilder b;
  b.bucket(kBucket, kA, oac_policy(kDistId, ""));
  b.distribution(kDistId, kBucket, "", kOacId);
  auto run = b.run("CF001");
  ASSERT_THAT(run, SizeIs(1));
  bool bucket_arn_note = false;
  for (const Note& n : run[0].notes) {
    if (n.text.find("bucket ARN") != std::string::npos) bucket_arn_note = true;
  }
  EXPECT_TRUE(bucket_arn_note);
}

TEST(Cf001, ExplicitDenyCatchesCloudFront) {  // row 33-like
  ModelBuilder b;
  b.bucket(kBucket, kA, R"({"Version": "2012-10-17", "Statement": [
    {"Sid": "AllowOAC", "Effect": "Allow", "Principal": {"Service": "cloudfront.amazonaws.com"},
     "Action": "s3:GetObject", "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*",
     "Condition": {"StringEquals": {"AWS:SourceArn": "arn:aws:cloudfront::111111111111:distribution/EDFDVBD6EXAMPLE"}}},
    {"Sid": "DenyOthers", "Effect": "Deny", "Principal": "*",
     "Action": "s3:GetObject", "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*",
     "Condition": {"StringNotEquals": {"AWS:SourceArn": "arn:aws:cloudfront::111111111111:distribution/EOLDDISTRIBUT"}}}]})");
  b.distribution(kDistId, kBucket, "", kOacId);
  auto run = b.run("CF001");
  ASSERT_THAT(run, SizeIs(1));
  EXPECT_THAT(run[0].message, HasSubstr("denies"));
  bool deny_note = false;
  for (const Note& n : run[0].notes) {
    if (n.text.find("DenyOthers") != std::string::npos) deny_note = true;
  }
  EXPECT_TRUE(deny_note);
}

TEST(Cf001, NoBucketArnNoteWhenTheGrantAlsoCoversObjects) {
  ModelBuilder b;
  b.bucket(kBucket, kA, R"({"Version": "2012-10-17", "Statement": [
    {"Sid": "AllowOAC", "Effect": "Allow", "Principal": {"Service": "cloudfront.amazonaws.com"},
     "Action": "s3:GetObject",
     "Resource": ["arn:aws:s3:::amzn-s3-demo-bucket", "arn:aws:s3:::amzn-s3-demo-bucket/*"],
     "Condition": {"StringEquals": {"AWS:SourceArn": "arn:aws:cloudfront::111111111111:distribution/EDFDVBD6EXAMPLE"}}},
    {"Sid": "DenyAll", "Effect": "Deny", "Principal": "*",
     "Action": "s3:GetObject", "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*"}]})");
  b.distribution(kDistId, kBucket, "", kOacId);
  auto run = b.run("CF001");
  ASSERT_THAT(run, SizeIs(1));
  for (const Note& n : run[0].notes) {
    EXPECT_EQ(n.text.find("bucket ARN"), std::string::npos) << n.text;
  }
}

TEST(Cf001, UnsignedOacIsNotChecked) {
  ModelBuilder b;
  b.bucket(kBucket, kA, oac_policy("EOTHERDISTRIB1"));
  b.distribution(kDistId, kBucket, "", kOacId);
  OriginAccessControl oac;
  oac.id = kOacId;
  oac.signing_behavior = "never";
  b.model.oacs.push_back(oac);
  EXPECT_THAT(messages(b.run("CF001")), IsEmpty());
  b.model.oacs.back().signing_behavior = "always";
  EXPECT_THAT(b.run("CF001"), SizeIs(1));
}

TEST(Cf001, DenyExemptingThisDistributionIsFine) {
  ModelBuilder b;
  b.bucket(kBucket, kA, R"({"Version": "2012-10-17", "Statement": [
    {"Sid": "AllowOAC", "Effect": "Allow", "Principal": {"Service": "cloudfront.amazonaws.com"},
     "Action": "s3:GetObject", "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*",
     "Condition": {"StringEquals": {"AWS:SourceArn": "arn:aws:cloudfront::111111111111:distribution/EDFDVBD6EXAMPLE"}}},
    {"Sid": "DenyOthers", "Effect": "Deny", "Principal": "*",
     "Action": "s3:GetObject", "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*",
     "Condition": {"StringNotEquals": {"AWS:SourceArn": "arn:aws:cloudfront::111111111111:distribution/EDFDVBD6EXAMPLE"}}}]})");
  b.distribution(kDistId, kBucket, "", kOacId);
  EXPECT_THAT(messages(b.run("CF001")), IsEmpty());
}

TEST(Cf001, GrantUnderAPrefixIsFound) {
  ModelBuilder b;
  b.bucket(kBucket, kA, oac_policy(kDistId, "/site/*"));
  b.distribution(kDistId, kBucket, "", kOacId);
  EXPECT_THAT(messages(b.run("CF001")), IsEmpty());
}

TEST(Cf001, NoBucketPolicyInModelIsNotChecked) {
  ModelBuilder b;
  b.bucket(kBucket, kA);
  b.distribution(kDistId, kBucket, "", kOacId);
  EXPECT_THAT(messages(b.run("CF001")), IsEmpty());
}

// ---------------------------------------------------------------------------------------------
// CF002

TEST(Cf002, ServicePrincipalWithoutSourceArn) {  // row 25
  ModelBuilder b;
  b.bucket(kBucket, kA, R"({"Version": "2012-10-17", "Statement": {
    "Effect": "Allow", "Principal": {"Service": "cloudfront.amazonaws.com"},
    "Action": "s3:GetObject", "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*"}})");
  b.distribution(kDistId, kBucket, "", kOacId);
  auto run = b.run("CF002");
  ASSERT_THAT(run, SizeIs(1));
  const Finding& f = run[0];
  EXPECT_EQ(f.severity, Severity::kWarning);
  EXPECT_THAT(f.message, HasSubstr("any distribution of any account"));
  EXPECT_EQ(f.where.pointer(), "/Statement/Principal/Service");
  EXPECT_THAT(f.remediation,
              HasSubstr("arn:aws:cloudfront::111111111111:distribution/EDFDVBD6EXAMPLE"));
}

TEST(Cf002, SourceArnNarrows) {
  ModelBuilder b;
  b.bucket(kBucket, kA, oac_policy(kDistId));
  EXPECT_THAT(messages(b.run("CF002")), IsEmpty());
}

TEST(Cf002, SourceAccountNarrows) {
  ModelBuilder b;
  b.bucket(kBucket, kA, R"({"Version": "2012-10-17", "Statement": {
    "Effect": "Allow", "Principal": {"Service": "cloudfront.amazonaws.com"},
    "Action": "s3:GetObject", "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*",
    "Condition": {"StringEquals": {"aws:SourceAccount": "111111111111"}}}})");
  EXPECT_THAT(messages(b.run("CF002")), IsEmpty());
}

TEST(Cf002, KeyPolicyWithoutSourceArn) {
  ModelBuilder b;
  b.kms_key("1234abcd-12ab-34cd-56ef-1234567890ab", kA, R"({"Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Principal": {"Service": "cloudfront.amazonaws.com"},
    "Action": "kms:Decrypt", "Resource": "*"}]})");
  EXPECT_THAT(b.run("CF002"), SizeIs(1));
}

TEST(Cf002, OtherServicePrincipalIsNotCloudFront) {
  ModelBuilder b;
  b.bucket(kBucket, kA, R"({"Version": "2012-10-17", "Statement": {
    "Effect": "Allow", "Principal": {"Service": "logging.s3.amazonaws.com"},
    "Action": "s3:PutObject", "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*"}})");
  EXPECT_THAT(messages(b.run("CF002")), IsEmpty());
}

// ---------------------------------------------------------------------------------------------
// CF003

TEST(Cf003, GetObjectOnlyAnswers403) {  // row 22
  ModelBuilder b;
  b.bucket(kBucket, kA, oac_policy(kDistId));
  b.distribution(kDistId, kBucket, "", kOacId);
  auto run = b.run("CF003");
  ASSERT_THAT(run, SizeIs(1));
  EXPECT_EQ(run[0].severity, Severity::kNote);
  EXPECT_THAT(run[0].message, HasSubstr("403, not 404"));
  EXPECT_THAT(run[0].remediation, HasSubstr(R"("Resource": "arn:aws:s3:::amzn-s3-demo-bucket")"));
}

TEST(Cf003, ListBucketOnBucketArnGives404) {  // row 23
  ModelBuilder b;
  b.bucket(kBucket, kA, R"({"Version": "2012-10-17", "Statement": [{
    "Effect": "Allow", "Principal": {"Service": "cloudfront.amazonaws.com"},
    "Action": ["s3:GetObject", "s3:ListBucket"],
    "Resource": ["arn:aws:s3:::amzn-s3-demo-bucket", "arn:aws:s3:::amzn-s3-demo-bucket/*"],
    "Condition": {"StringEquals": {"AWS:SourceArn": "arn:aws:cloudfront::111111111111:distribution/EDFDVBD6EXAMPLE"}}}]})");
  b.distribution(kDistId, kBucket, "", kOacId);
  EXPECT_THAT(messages(b.run("CF003")), IsEmpty());
}

TEST(Cf003, ListBucketOnObjectArnNeverMatches) {  // row 24
  ModelBuilder b;
  b.bucket(kBucket, kA, oac_policy(kDistId, "/*", R"(, "s3:ListBucket")"));
  b.distribution(kDistId, kBucket, "", kOacId);
  auto run = b.run("CF003");
  ASSERT_THAT(run, SizeIs(1));
  EXPECT_THAT(run[0].message, HasSubstr("never matches"));
}

TEST(Cf003, UnreadableOriginIsLeftToCf001) {
  ModelBuilder b;
  b.bucket(kBucket, kA, oac_policy("EOTHERDISTRIB1"));
  b.distribution(kDistId, kBucket, "", kOacId);
  EXPECT_THAT(messages(b.run("CF003")), IsEmpty());
}

// ---------------------------------------------------------------------------------------------
// CF004

TEST(Cf004, OriginWithOai) {
  ModelBuilder b;
  b.bucket(kBucket, kA, oai_policy(oai_arn_principal(kOaiId)));
  b.distribution(kDistId, kBucket, kOaiId, "");
  auto run = b.run("CF004");
  // Once, at the origin (the bucket-policy statement for the same OAI is not repeated).
  ASSERT_THAT(run, SizeIs(1));
  EXPECT_EQ(run[0].severity, Severity::kNote);
  EXPECT_EQ(run[0].where.pointer(),
            "/DistributionConfig/Origins/Items/0/S3OriginConfig/OriginAccessIdentity");
  EXPECT_THAT(run[0].remediation, HasSubstr("AWS:SourceArn"));
}

TEST(Cf004, OriginWithOac) {
  ModelBuilder b;
  b.bucket(kBucket, kA, oac_policy(kDistId));
  b.distribution(kDistId, kBucket, "", kOacId);
  EXPECT_THAT(messages(b.run("CF004")), IsEmpty());
}

TEST(Cf004, BucketPolicyAloneNamingAnOai) {
  ModelBuilder b;
  b.bucket(kBucket, kA, oai_policy(oai_arn_principal(kOaiId)));
  auto run = b.run("CF004");
  ASSERT_THAT(run, SizeIs(1));
  EXPECT_THAT(run[0].message, HasSubstr("'E74FTE3AEXAMPLE'"));
}

// ---------------------------------------------------------------------------------------------
// CF005

constexpr const char* kKeyId = "1234abcd-12ab-34cd-56ef-1234567890ab";

TEST(Cf005, OaiWithSseKms) {  // row 20
  ModelBuilder b;
  b.bucket(kBucket, kA, oai_policy(oai_arn_principal(kOaiId)));
  b.sse_kms(kBucket, kKeyId);
  b.distribution(kDistId, kBucket, kOaiId, "");
  auto run = b.run("CF005");
  ASSERT_THAT(run, SizeIs(1));
  EXPECT_EQ(run[0].severity, Severity::kError);
  EXPECT_THAT(run[0].message, HasSubstr("OAI cannot decrypt"));
}

TEST(Cf005, OaiWithSseS3) {
  ModelBuilder b;
  b.bucket(kBucket, kA, oai_policy(oai_arn_principal(kOaiId)));
  b.distribution(kDistId, kBucket, kOaiId, "");
  EXPECT_THAT(messages(b.run("CF005")), IsEmpty());
}

TEST(Cf005, OaiWithPolicyRequiringKms) {
  ModelBuilder b;
  b.bucket(kBucket, kA, R"({"Version": "2012-10-17", "Statement": [
    {"Sid": "AllowOAI", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::cloudfront:user/CloudFront Origin Access Identity E74FTE3AEXAMPLE"},
     "Action": "s3:GetObject", "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*"},
    {"Sid": "RequireKms", "Effect": "Deny", "Principal": "*", "Action": "s3:PutObject",
     "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*",
     "Condition": {"StringNotEquals": {"s3:x-amz-server-side-encryption": "aws:kms"}}}]})");
  b.distribution(kDistId, kBucket, kOaiId, "");
  auto run = b.run("CF005");
  ASSERT_THAT(run, SizeIs(1));
  EXPECT_THAT(run[0].message, HasSubstr("RequireKms"));
}

constexpr const char* kKeyPolicyWithCloudFront = R"({"Version": "2012-10-17", "Statement": [
  {"Sid": "EnableRoot", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111111111111:root"},
   "Action": "kms:*", "Resource": "*"},
  {"Sid": "AllowCloudFrontServicePrincipalSSE-KMS", "Effect": "Allow",
   "Principal": {"AWS": "arn:aws:iam::111111111111:root", "Service": "cloudfront.amazonaws.com"},
   "Action": ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey*"], "Resource": "*",
   "Condition": {"StringEquals": {"AWS:SourceArn": "arn:aws:cloudfront::111111111111:distribution/EDFDVBD6EXAMPLE"}}}]})";

constexpr const char* kKeyPolicyWithoutCloudFront = R"({"Version": "2012-10-17", "Statement": [
  {"Sid": "EnableRoot", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111111111111:root"},
   "Action": "kms:*", "Resource": "*"}]})";

TEST(Cf005, OacWithKeyPolicyAllowingTheDistribution) {  // row 18
  ModelBuilder b;
  b.bucket(kBucket, kA, oac_policy(kDistId));
  b.sse_kms(kBucket, std::string("arn:aws:kms:us-east-1:111111111111:key/") + kKeyId);
  b.kms_key(kKeyId, kA, kKeyPolicyWithCloudFront);
  b.distribution(kDistId, kBucket, "", kOacId);
  EXPECT_THAT(messages(b.run("CF005")), IsEmpty());
}

TEST(Cf005, OacWithKeyPolicyLackingCloudFront) {  // row 19
  ModelBuilder b;
  b.bucket(kBucket, kA, oac_policy(kDistId));
  b.sse_kms(kBucket, std::string("arn:aws:kms:us-east-1:111111111111:key/") + kKeyId);
  b.kms_key(kKeyId, kA, kKeyPolicyWithoutCloudFront);
  b.distribution(kDistId, kBucket, "", kOacId);
  auto run = b.run("CF005");
  ASSERT_THAT(run, SizeIs(1));
  const Finding& f = run[0];
  EXPECT_EQ(f.severity, Severity::kError);
  EXPECT_THAT(f.message, HasSubstr(kKeyId));
  EXPECT_THAT(f.remediation, HasSubstr("kms:Decrypt"));
  EXPECT_THAT(f.remediation,
              HasSubstr("arn:aws:cloudfront::111111111111:distribution/EDFDVBD6EXAMPLE"));
}

TEST(Cf005, OacWithKeyPolicyForAnotherDistribution) {
  ModelBuilder b;
  b.bucket(kBucket, kA, oac_policy("EOTHERDISTRIB1"));
  b.sse_kms(kBucket, kKeyId);
  b.kms_key(kKeyId, kA, kKeyPolicyWithCloudFront);
  b.distribution("EOTHERDISTRIB1", kBucket, "", kOacId);
  EXPECT_THAT(b.run("CF005"), SizeIs(1));
}

TEST(Cf005, OacWithAwsManagedKeyIsAWarning) {  // row 21, DERIVED/UNCONFIRMED
  ModelBuilder b;
  b.bucket(kBucket, kA, oac_policy(kDistId));
  b.sse_kms(kBucket, "");
  b.distribution(kDistId, kBucket, "", kOacId);
  auto run = b.run("CF005");
  ASSERT_THAT(run, SizeIs(1));
  EXPECT_EQ(run[0].severity, Severity::kWarning);
  EXPECT_THAT(run[0].message, HasSubstr("expected to get 403"));
}

TEST(Cf005, OacWithAliasAwsS3) {
  ModelBuilder b;
  b.bucket(kBucket, kA, oac_policy(kDistId));
  b.sse_kms(kBucket, "arn:aws:kms:us-east-1:111111111111:alias/aws/s3");
  b.distribution(kDistId, kBucket, "", kOacId);
  EXPECT_THAT(b.run("CF005"), SizeIs(1));
}

TEST(Cf005, OacWithUnknownCustomerKeyIsNotGuessed) {
  ModelBuilder b;
  b.bucket(kBucket, kA, oac_policy(kDistId));
  b.sse_kms(kBucket, kKeyId);
  b.distribution(kDistId, kBucket, "", kOacId);
  EXPECT_THAT(messages(b.run("CF005")), IsEmpty());
}

// ---------------------------------------------------------------------------------------------
// Helpers

TEST(CfHelpers, ProbeKeysFollowPolicyPrefixes) {
  ModelBuilder b;
  b.bucket(kBucket, kA, oac_policy(kDistId, "/site/*"));
  const std::vector<std::string> keys =
      rules::probe_object_keys(b.model.buckets[0], {b.model.buckets[0].policy});
  EXPECT_THAT(keys, ElementsAre("site/x", "index.html"));
}

// One probe-key list for writers, readers and origins (access::probe_object_keys): Deny
// statements name keys too, per-caller variables do not, and the generic key always stays.
TEST(CfHelpers, ProbeKeysFromDenyStatementsWithoutVariablesAndCapped) {
  ModelBuilder b;
  b.bucket(kBucket, kA,
           R"({"Version": "2012-10-17", "Statement": [
                {"Effect": "Deny", "Principal": "*", "Action": "s3:GetObject",
                 "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/private/*"},
                {"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject",
                 "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/home/${aws:username}/*"}]})");
  const Bucket& bucket = b.model.buckets[0];
  EXPECT_THAT(rules::probe_object_keys(bucket, {bucket.policy}),
              ElementsAre("private/x", "index.html"));
  std::string many = R"({"Version": "2012-10-17", "Statement": [)";
  for (int i = 0; i < 40; ++i) {
    many += fmt::format(
        R"({}{{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject",
             "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/p{}/*"}})",
        i == 0 ? "" : ",", i);
  }
  many += "]}";
  ModelBuilder big;
  big.bucket(kBucket, kA, many);
  const std::vector<std::string> keys =
      rules::probe_object_keys(big.model.buckets[0], {big.model.buckets[0].policy});
  EXPECT_EQ(keys.size(), 16U);
  EXPECT_EQ(keys.back(), "index.html");
}

TEST(CfHelpers, OriginAccessPrefersOacWhenBothAreSet) {
  ModelBuilder b;
  b.distribution(kDistId, kBucket, kOaiId, kOacId);
  const access::Queries queries(b.model);
  const auto& accesses = queries.origins();
  ASSERT_THAT(accesses, SizeIs(1));
  EXPECT_FALSE(accesses[0].oai);
  EXPECT_EQ(accesses[0].access_label(), "OAC 'E1ABCDEFGHIJKL'");
}

}  // namespace
}  // namespace bucketlint
