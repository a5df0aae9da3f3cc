// Terraform plan and state JSON (`terraform show -json`) into the model.

#include <gtest/gtest.h>

#include <filesystem>

#include "bucketlint/json.h"
#include "bucketlint/load.h"
#include "load/terraform.h"
#include "load_test_util.h"

namespace bucketlint {
namespace {

using testing_util::diagnostic_ids;
using testing_util::find_diagnostic;

Model load(const std::string& text, const std::string& account = "") {
  Model m;
  m.default_account = account;
  load_text(m, "plan.json", text);
  return m;
}

// One resource change; `after` and `unknown` are JSON objects.
std::string change(const std::string& address, const std::string& type, const std::string& after,
                   const std::string& actions = R"(["create"])", const std::string& unknown = "{}",
                   const std::string& extra = "") {
  const std::string name = address.substr(address.rfind('.') + 1);
  return R"({"address": ")" + address + R"(", "mode": "managed", "type": ")" + type +
         R"(", "name": ")" + name + "\"" + extra + R"(, "change": {"actions": )" + actions +
         R"(, "before": null, "after": )" + after + R"(, "after_unknown": )" + unknown + "}}";
}

std::string plan(const std::string& changes, const std::string& rest = "") {
  return R"({"format_version": "1.2", "resource_changes": [)" + changes + "]" + rest + "}";
}

TEST(TerraformPlan, DetectedByContent) {
  auto parse = [](std::string_view text) { return std::move(*parse_json(text).value); };
  EXPECT_TRUE(
      looks_like_terraform_plan(parse(R"({"format_version": "1.2", "planned_values": {}})")));
  EXPECT_TRUE(looks_like_terraform_plan(parse(R"({"format_version": "1.0", "values": {}})")));
  EXPECT_TRUE(
      looks_like_terraform_plan(parse(R"({"format_version": "0.1", "resource_changes": []})")));
  EXPECT_FALSE(looks_like_terraform_plan(parse(R"({"format_version": "1.2"})")));
  EXPECT_FALSE(looks_like_terraform_plan(parse(R"({"values": {}})")));
  EXPECT_FALSE(looks_like_terraform_plan(parse(R"({"Version": "2012-10-17", "Statement": []})")));
  EXPECT_TRUE(looks_like_terraform_source("infra/main.tf"));
  EXPECT_FALSE(looks_like_terraform_source("infra/main.tf.json"));
}

TEST(TerraformPlan, UnsupportedFormatVersionIsIN008) {
  Model m = load(R"({"format_version": "2.0", "resource_changes": []})");
  EXPECT_EQ(diagnostic_ids(m), std::vector<std::string>{"IN008"});
}

TEST(TerraformPlan, BucketPolicyWithPositionsInsideTheString) {
  const std::string text = plan(
      change("aws_s3_bucket.b", "aws_s3_bucket", R"({"bucket": "amzn-s3-demo-bucket"})") + "," +
      change(
          "aws_s3_bucket_policy.p", "aws_s3_bucket_policy",
          R"({"bucket": "amzn-s3-demo-bucket", "policy": "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::amzn-s3-demo-bucket/*\"}]}"})"));
  Model m = load(text, "111111111111");
  EXPECT_TRUE(m.diagnostics.empty());
  ASSERT_EQ(m.buckets.size(), 1u);
  const Bucket& b = m.buckets[0];
  EXPECT_EQ(b.account_id, "111111111111");
  ASSERT_NE(b.policy, nullptr);
  EXPECT_EQ(b.policy->name, "aws_s3_bucket_policy.p");
  ASSERT_EQ(b.policy->statements.size(), 1u);
  const Statement& st = b.policy->statements[0];
  // The Effect value's position is inside the JSON string, one line, escaped quotes counted.
  const std::size_t at = text.find(R"(\"Allow\")");
  EXPECT_EQ(st.effect, Effect::kAllow);
  EXPECT_EQ(st.effect_where.line(), 1);
  EXPECT_EQ(static_cast<std::size_t>(st.effect_where.column()), at + 1);
  // created without ownership controls: the S3 default for new buckets
  EXPECT_EQ(b.ownership.value, ObjectOwnership::kBucketOwnerEnforced);
  EXPECT_EQ(b.ownership.source, OwnershipSetting::Source::kCreated);
}

TEST(TerraformPlan, ExistingBucketKeepsUnknownOwnership) {
  Model m = load(plan(
      change("aws_s3_bucket.b", "aws_s3_bucket", R"({"bucket": "x-bucket"})", R"(["no-op"])")));
  ASSERT_EQ(m.buckets.size(), 1u);
  EXPECT_EQ(m.buckets[0].ownership.source, OwnershipSetting::Source::kNone);
}

TEST(TerraformPlan, OwnershipControlsLinkedByReferenceWhenTheBucketIsUnknown) {
  const std::string config = R"(, "configuration": {"root_module": {"resources": [
    {"address": "aws_s3_bucket_ownership_controls.o", "type": "aws_s3_bucket_ownership_controls",
     "name": "o", "expressions": {"bucket": {"references": ["aws_s3_bucket.b.id", "aws_s3_bucket.b"]}}}]}})";
  Model m =
      load(plan(change("aws_s3_bucket.b", "aws_s3_bucket", R"({"bucket": "x-bucket"})") + "," +
                    change("aws_s3_bucket_ownership_controls.o", "aws_s3_bucket_ownership_controls",
                           R"({"rule": [{"object_ownership": "ObjectWriter"}]})", R"(["create"])",
                           R"({"bucket": true, "id": true})"),
                config));
  ASSERT_EQ(m.buckets.size(), 1u);
  EXPECT_EQ(m.buckets[0].ownership.value, ObjectOwnership::kObjectWriter);
  EXPECT_EQ(m.buckets[0].ownership.source, OwnershipSetting::Source::kDocument);
}

TEST(TerraformPlan, UnknownPolicyIsANoteNotSilence) {
  Model m = load(plan(change("aws_s3_bucket_policy.p", "aws_s3_bucket_policy",
                             R"({"bucket": "x-bucket"})", R"(["create"])", R"({"policy": true})")));
  const LoadDiagnostic* d = find_diagnostic(m, "IN012");
  ASSERT_NE(d, nullptr);
  EXPECT_NE(d->message.find("aws_s3_bucket_policy.p is known only after apply"), std::string::npos);
  EXPECT_FALSE(d->incomplete);
  ASSERT_EQ(m.buckets.size(), 1u);
  EXPECT_EQ(m.buckets[0].policy, nullptr);
}

TEST(TerraformPlan, DeletedResourcesAreLeftOut) {
  Model m = load(plan(
      change("aws_s3_bucket.b", "aws_s3_bucket", R"({"bucket": "x-bucket"})", R"(["delete"])")));
  EXPECT_TRUE(m.buckets.empty());
}

TEST(TerraformPlan, AccountFromCallerIdentityAndProviderAliases) {
  const std::string rest = R"(, "prior_state": {"values": {"root_module": {"resources": [
      {"address": "data.aws_caller_identity.c", "mode": "data", "type": "aws_caller_identity",
       "name": "c", "values": {"account_id": "111111111111"}}]}}},
    "configuration": {"provider_config": {"aws.writer": {"name": "aws", "alias": "writer",
       "expressions": {"assume_role": [{"role_arn": {"constant_value": "arn:aws:iam::222222222222:role/tf"}}]}}},
      "root_module": {"resources": [{"address": "aws_iam_role.w", "provider_config_key": "aws.writer",
        "expressions": {}}]}})";
  Model m = load(plan(
      change(
          "aws_iam_role.w", "aws_iam_role",
          R"({"name": "w", "path": "/", "assume_role_policy": "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"ec2.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}"})") +
          "," + change("aws_s3_bucket.b", "aws_s3_bucket", R"({"bucket": "x-bucket"})"),
      rest));
  ASSERT_EQ(m.roles.size(), 1u);
  EXPECT_EQ(m.roles[0].arn, "arn:aws:iam::222222222222:role/w");
  EXPECT_NE(m.roles[0].trust_policy, nullptr);
  ASSERT_EQ(m.buckets.size(), 1u);
  EXPECT_EQ(m.buckets[0].account_id, "111111111111");
}

TEST(TerraformPlan, ResourcesRecordTheirEntries) {
  Model m = load(plan(change("module.site.aws_s3_bucket.b[\\\"x\\\"]", "aws_s3_bucket",
                             R"({"bucket": "x-bucket"})")));
  ASSERT_EQ(m.iac_resources.size(), 1u);
  EXPECT_EQ(m.iac_resources[0].file, "plan.json");
  EXPECT_EQ(m.iac_resources[0].pointer, "/resource_changes/0");
  EXPECT_EQ(m.iac_resources[0].address, "module.site.aws_s3_bucket.b[\"x\"]");
}

TEST(TerraformPlan, ModulesCountAndForEachInstances) {
  Model m = load(plan(change("module.site[0].aws_s3_bucket.b[\\\"a\\\"]", "aws_s3_bucket",
                             R"({"bucket": "bucket-a"})", R"(["create"])", "{}",
                             R"(, "module_address": "module.site[0]", "index": "a")") +
                      "," +
                      change("module.site[0].aws_s3_bucket.b[\\\"b\\\"]", "aws_s3_bucket",
                             R"({"bucket": "bucket-b"})", R"(["create"])", "{}",
                             R"(, "module_address": "module.site[0]", "index": "b")")));
  ASSERT_EQ(m.buckets.size(), 2u);
  EXPECT_EQ(m.buckets[0].name, "bucket-a");
  EXPECT_EQ(m.buckets[1].name, "bucket-b");
}

TEST(TerraformPlan, StateJsonWithChildModules) {
  Model m = load(R"({"format_version": "1.0", "values": {"root_module": {"child_modules": [
    {"address": "module.cdn", "resources": [
      {"address": "module.cdn.aws_cloudfront_origin_access_identity.o", "mode": "managed",
       "type": "aws_cloudfront_origin_access_identity", "name": "o",
       "values": {"id": "E74FTE3AEXAMPLE", "s3_canonical_user_id": "abc"}},
      {"address": "module.cdn.aws_cloudfront_distribution.d", "mode": "managed",
       "type": "aws_cloudfront_distribution", "name": "d",
       "values": {"id": "EDFDVBD6EXAMPLE", "origin": [{"origin_id": "s3", "domain_name": "amzn-s3-demo-bucket.s3.us-east-1.amazonaws.com",
         "s3_origin_config": [{"origin_access_identity": "origin-access-identity/cloudfront/E74FTE3AEXAMPLE"}]}]}}]}]}}})",
                 "111111111111");
  ASSERT_EQ(m.oais.size(), 1u);
  ASSERT_EQ(m.distributions.size(), 1u);
  const Distribution& d = m.distributions[0];
  EXPECT_EQ(d.arn, "arn:aws:cloudfront::111111111111:distribution/EDFDVBD6EXAMPLE");
  ASSERT_EQ(d.origins.size(), 1u);
  EXPECT_EQ(d.origins[0].bucket, "amzn-s3-demo-bucket");
  EXPECT_EQ(d.origins[0].oai_id, "E74FTE3AEXAMPLE");
}

TEST(TerraformPlan, MalformedEmbeddedPolicyIsIN001) {
  Model m =
      load(plan(change("aws_iam_policy.p", "aws_iam_policy", R"({"policy": "{\"Version\": "})")));
  EXPECT_NE(find_diagnostic(m, "IN001"), nullptr);
}

// Every plan of the corpus loads without IN008 (unknown kind) and builds entities.
TEST(TerraformPlan, CorpusPlansLoad) {
  const std::optional<std::filesystem::path> corpus =
      testing_util::external_data_dir("corpus/terraform");
  if (!corpus) GTEST_SKIP() << testing_util::kNoCorpus;
  const std::string dir = corpus->string();
  std::size_t files = 0;
  for (const auto& e : std::filesystem::recursive_directory_iterator(dir)) {
    if (e.path().extension() != ".json") continue;
    ++files;
    LoadOptions options;
    options.paths = {e.path().string()};
    options.discover_config = false;
    const LoadResult r = load_inputs(options);
    for (const LoadDiagnostic& d : r.model.diagnostics) {
      EXPECT_NE(d.rule_id, "IN008") << e.path() << ": " << d.message;
      EXPECT_FALSE(d.incomplete) << e.path() << ": " << d.rule_id << " " << d.message;
    }
    EXPECT_FALSE(r.model.buckets.empty() && r.model.roles.empty() && r.model.policies.empty() &&
                 r.model.kms_keys.empty() && r.model.users.empty())
        << e.path();
  }
  EXPECT_EQ(files, 38u);
}

}  // namespace
}  // namespace bucketlint
