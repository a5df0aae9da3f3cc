// AWS Config items read into the model (issue 16): a bucket's replication, logging, website and
// default encryption from its supplementaryConfiguration, account-level Block Public Access,
// CloudFront distributions and KMS keys, in every wrapper (a single item, configurationItems, a
// configuration snapshot file, select-(aggregate-)resource-config Results); and the streaming
// read of a large export (one item at a time, exact positions, malformed items reported).
// Shapes: https://github.com/awslabs/aws-config-resource-schema and
// https://docs.aws.amazon.com/config/latest/developerguide/config-item-table.html.

#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "bucketlint/load.h"
#include "load_test_util.h"

namespace bucketlint {
namespace {

using testing::ElementsAre;
using testing::IsEmpty;
using testing_util::diagnostic_ids;

// A JSON string holding `json` (what Config and the AWS CLI write for "double serialized"
// values and select results).
std::string as_json_string(std::string_view json) {
  std::string out = "\"";
  for (const char c : json) {
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

// A bucket item whose replication, logging and website settings are JSON strings (as Config
// writes them) and whose encryption is an object.
std::string bucket_item() {
  const std::string replication = as_json_string(
      R"({"roleARN":"arn:aws:iam::111111111111:role/s3-replication","rules":{"to-backup":)"
      R"({"prefix":"","status":"Enabled","destinationConfig":{"bucketARN":"arn:aws:s3:::backup",)"
      R"("storageClass":"STANDARD","account":"222222222222"}},"off":{"status":"Disabled",)"
      R"("destinationConfig":{"bucketARN":"arn:aws:s3:::other","accessControlTranslation":)"
      R"({"owner":"Destination"}}}}})");
  const std::string logging =
      as_json_string(R"({"destinationBucketName":"logs","logFilePrefix":"access/"})");
  const std::string website =
      as_json_string(R"({"indexDocumentSuffix":"index.html","errorDocument":"error.html",)"
                     R"("redirectAllRequestsTo":null,"routingRules":[{},{}]})");
  return fmt::format(
      R"({{"resourceType": "AWS::S3::Bucket", "accountId": "111111111111", "resourceName": "src",
  "configuration": {{"name": "src"}},
  "supplementaryConfiguration": {{"BucketReplicationConfiguration": {},
    "BucketLoggingConfiguration": {}, "BucketWebsiteConfiguration": {},
    "ServerSideEncryptionConfiguration": {{"rules": [{{"applyServerSideEncryptionByDefault":
      {{"sseAlgorithm": "aws:kms", "kmsMasterKeyID": "arn:aws:kms:us-east-1:111111111111:key/k-1"}},
      "bucketKeyEnabled": true}}]}}}}}})",
      replication, logging, website);
}

constexpr std::string_view kAccountPab =
    R"({"resourceType": "AWS::S3::AccountPublicAccessBlock", "accountId": "111111111111",
  "configuration": {"blockPublicAcls": true, "ignorePublicAcls": false,
    "blockPublicPolicy": true, "restrictPublicBuckets": true}})";

constexpr std::string_view kDistribution =
    R"({"resourceType": "AWS::CloudFront::Distribution", "accountId": "111111111111",
  "resourceId": "EDFDVBD6EXAMPLE", "configuration": {"id": "EDFDVBD6EXAMPLE",
    "arn": "arn:aws:cloudfront::111111111111:distribution/EDFDVBD6EXAMPLE",
    "distributionConfig": {"origins": {"quantity": 2, "items": [
      {"id": "rest", "domainName": "src.s3.us-east-1.amazonaws.com",
       "s3OriginConfig": {"originAccessIdentity": ""}, "originAccessControlId": "E1ABCDEFGHIJKL"},
      {"id": "legacy", "domainName": "site.s3-website-us-east-1.amazonaws.com",
       "s3OriginConfig": {"originAccessIdentity": "origin-access-identity/cloudfront/E74FTE3AEXAMPLE"}}]},
      "logging": {"enabled": true, "bucket": "logs.s3.amazonaws.com", "prefix": "cf/"}}}})";

constexpr std::string_view kKmsKey =
    R"({"resourceType": "AWS::KMS::Key", "accountId": "111111111111", "resourceId": "k-1",
  "configuration": {"keyId": "k-1", "arn": "arn:aws:kms:us-east-1:111111111111:key/k-1"},
  "supplementaryConfiguration": {"KeyRotationStatus": "true", "Policy": "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::111111111111:root\"},\"Action\":\"kms:*\",\"Resource\":\"*\"}]}"}})";

void expect_entities(const Model& m) {
  EXPECT_THAT(diagnostic_ids(m), IsEmpty());
  const Bucket* b = m.find_bucket("src");
  ASSERT_NE(b, nullptr);
  ASSERT_TRUE(b->replication.has_value());
  EXPECT_EQ(b->replication->role_arn, "arn:aws:iam::111111111111:role/s3-replication");
  ASSERT_EQ(b->replication->rules.size(), 2u);
  const ReplicationRule& r = b->replication->rules[0];
  EXPECT_EQ(r.id, "to-backup");
  EXPECT_TRUE(r.enabled);
  EXPECT_EQ(r.destination_bucket, "backup");
  EXPECT_EQ(r.destination_account, "222222222222");
  EXPECT_FALSE(r.owner_override);
  EXPECT_FALSE(b->replication->rules[1].enabled);
  EXPECT_TRUE(b->replication->rules[1].owner_override);
  ASSERT_TRUE(b->logging.has_value());
  EXPECT_EQ(b->logging->target_bucket, "logs");
  EXPECT_EQ(b->logging->target_prefix, "access/");
  ASSERT_TRUE(b->website.has_value());
  EXPECT_EQ(b->website->index_document, "index.html");
  EXPECT_EQ(b->website->routing_rules, 2u);
  ASSERT_TRUE(b->encryption.has_value());
  EXPECT_EQ(b->encryption->algorithm, "aws:kms");
  EXPECT_TRUE(b->encryption->bucket_key_enabled);

  const Account* a = m.find_account("111111111111");
  ASSERT_NE(a, nullptr);
  ASSERT_TRUE(a->public_access_block.has_value());
  EXPECT_TRUE(a->public_access_block->block_public_acls);
  EXPECT_FALSE(a->public_access_block->ignore_public_acls);
  EXPECT_TRUE(a->public_access_block->restrict_public_buckets);

  ASSERT_EQ(m.distributions.size(), 1u);
  const Distribution& d = m.distributions[0];
  EXPECT_EQ(d.id, "EDFDVBD6EXAMPLE");
  EXPECT_EQ(d.account_id, "111111111111");
  ASSERT_EQ(d.origins.size(), 2u);
  EXPECT_EQ(d.origins[0].bucket, "src");
  EXPECT_TRUE(d.origins[0].is_s3);
  EXPECT_EQ(d.origins[0].oac_id, "E1ABCDEFGHIJKL");
  EXPECT_TRUE(d.origins[1].is_website_endpoint);
  EXPECT_EQ(d.origins[1].oai_id, "E74FTE3AEXAMPLE");
  EXPECT_EQ(d.logging_bucket, "logs");

  ASSERT_EQ(m.kms_keys.size(), 1u);
  EXPECT_EQ(m.kms_keys[0].id, "k-1");
  EXPECT_EQ(m.kms_keys[0].account_id, "111111111111");
  ASSERT_NE(m.kms_keys[0].policy, nullptr);
  EXPECT_EQ(m.kms_keys[0].policy->kind, PolicyKind::kKey);
}

std::vector<std::string> all_items() {
  return {bucket_item(), std::string(kAccountPab), std::string(kDistribution),
          std::string(kKmsKey)};
}

TEST(ConfigItemKinds, ConfigurationItemsWrapper) {
  const std::vector<std::string> items = all_items();
  Model m;
  load_text(m, "items.json",
            fmt::format(R"({{"configurationItems": [{}]}})", fmt::join(items, ",\n")));
  expect_entities(m);
}

TEST(ConfigItemKinds, SnapshotFile) {
  const std::vector<std::string> items = all_items();
  Model m;
  load_text(m, "snapshot.json",
            fmt::format(R"({{"fileVersion": "1.0", "configSnapshotId": "x",
                             "configurationItems": [{}]}})",
                        fmt::join(items, ",\n")));
  expect_entities(m);
}

TEST(ConfigItemKinds, SelectResultsOfStrings) {
  std::vector<std::string> items;
  for (const std::string& item : all_items()) items.push_back(as_json_string(item));
  Model m;
  load_text(m, "select.json",
            fmt::format(R"({{"Results": [{}], "QueryInfo": {{"SelectFields": []}}}})",
                        fmt::join(items, ",\n")));
  expect_entities(m);
}

// select results may also hold the items as objects (other tools than the AWS CLI write them so).
TEST(ConfigItemKinds, SelectResultsOfObjects) {
  const std::vector<std::string> items = all_items();
  Model m;
  load_text(m, "select.json",
            fmt::format(R"({{"Results": [{}], "QueryInfo": {{"SelectFields": []}}}})",
                        fmt::join(items, ",\n")));
  expect_entities(m);
}

TEST(ConfigItemKinds, SingleItems) {
  Model m;
  load_text(m, "bucket.json", bucket_item());
  load_text(m, "account.json", std::string(kAccountPab));
  load_text(m, "distribution.json", std::string(kDistribution));
  load_text(m, "key.json", std::string(kKmsKey));
  expect_entities(m);
}

// Config writes "no logging" as {"destinationBucketName": null, ...} and no replication or
// website as null: nothing is set.
TEST(ConfigItemKinds, NullSettingsSetNothing) {
  Model m;
  load_text(m, "bucket.json",
            R"({"resourceType": "AWS::S3::Bucket", "accountId": "111111111111",
  "resourceName": "b", "configuration": {"name": "b"}, "supplementaryConfiguration": {
    "BucketLoggingConfiguration": "{\"destinationBucketName\":null,\"logFilePrefix\":null}",
    "BucketReplicationConfiguration": null, "BucketWebsiteConfiguration": "null",
    "BucketPolicy": "{\"policyText\":null}"}})");
  EXPECT_THAT(diagnostic_ids(m), IsEmpty());
  const Bucket* b = m.find_bucket("b");
  ASSERT_NE(b, nullptr);
  EXPECT_FALSE(b->logging.has_value());
  EXPECT_FALSE(b->replication.has_value());
  EXPECT_FALSE(b->website.has_value());
  EXPECT_EQ(b->policy, nullptr);
}

TEST(ConfigItemKinds, WrongTypesAreReported) {
  Model m;
  load_text(m, "bucket.json",
            R"({"resourceType": "AWS::S3::Bucket", "accountId": "111111111111",
  "resourceName": "b", "configuration": {"name": "b"}, "supplementaryConfiguration": {
    "BucketLoggingConfiguration": 7, "BucketReplicationConfiguration": {"rules": "x"}}})");
  EXPECT_THAT(diagnostic_ids(m), ElementsAre("IN009", "IN009"));
}

// ---- streaming ------------------------------------------------------------------------------

// An export of `n` buckets as select results; bucket i's policy lets account 2222... upload.
std::string export_of(int n, std::string_view middle = {}) {
  std::vector<std::string> items;
  for (int i = 0; i < n; ++i) {
    const std::string name = fmt::format("b-{}", i);
    const std::string policy = fmt::format(
        R"({{"Version":"2012-10-17","Statement":[{{"Sid":"Up","Effect":"Allow","Principal":)"
        R"({{"AWS":"arn:aws:iam::222222222222:root"}},"Action":"s3:PutObject",)"
        R"("Resource":"arn:aws:s3:::{}/*"}}]}})",
        name);
    items.push_back(as_json_string(fmt::format(
        R"({{"resourceType":"AWS::S3::Bucket","accountId":"111111111111","resourceName":"{}",)"
        R"("configuration":{{"name":"{}"}},"supplementaryConfiguration":{{"BucketPolicy":)"
        R"({{"policyText":{}}}}}}})",
        name, name, as_json_string(policy))));
    if (i == n / 2 && !middle.empty()) items.emplace_back(middle);
  }
  return fmt::format("{{\n  \"Results\": [\n    {}\n  ],\n  \"QueryInfo\": {{}}\n}}\n",
                     fmt::join(items, ",\n    "));
}

// Each item is parsed and released in turn: what stays is the file's text and the policies'
// trees (their values are views into them), not a tree of the whole export.
TEST(ConfigStream, OnlyPolicyTreesStay) {
  Model m;
  load_text(m, "export.json", export_of(50));
  EXPECT_THAT(diagnostic_ids(m), IsEmpty());
  EXPECT_EQ(m.buckets.size(), 50u);
  EXPECT_EQ(m.trees.size(), 50u);
  for (const auto& tree : m.trees) EXPECT_NE(tree->find("Statement"), nullptr);
}

// A policy inside an item held as a JSON string inside the Results array: positions are the
// exact line and column of the escaped text in the file, not the item's start.
TEST(ConfigStream, PositionsAreExactInsideItemStrings) {
  const std::string text = export_of(3);
  Model m;
  load_text(m, "export.json", text);
  const Bucket* b = m.find_bucket("b-2");
  ASSERT_NE(b, nullptr);
  ASSERT_NE(b->policy, nullptr);
  const SourceRef& where = b->policy->statements.at(0).principal.values.at(0).where;
  // Line 5 holds the third item; the principal's ARN string is escaped there as \"arn:...\".
  EXPECT_EQ(where.line(), 5);
  const std::string line(m.sources[0]->line_text(5));
  const std::size_t at = line.find("arn:aws:iam::222222222222:root");
  ASSERT_NE(at, std::string::npos);
  // The value starts at its opening quote, escaped twice there (\\\" : a string in a string):
  // four characters before the ARN.
  EXPECT_EQ(where.column(), static_cast<int>(at) - 3);
  EXPECT_EQ(where.pointer(),
            "/Results/2/supplementaryConfiguration/BucketPolicy/policyText/Statement/0/Principal/"
            "AWS");
}

// A malformed item is an error at its own position; the items around it are still read.
TEST(ConfigStream, MalformedItemIsReportedAndTheOthersRead) {
  Model m;
  load_text(m, "export.json", export_of(4, R"("{\"resourceType\": \"AWS::S3::Bucket\", ")"));
  ASSERT_THAT(diagnostic_ids(m), ElementsAre("IN001"));
  EXPECT_EQ(m.diagnostics[0].where.line(), 6);
  EXPECT_EQ(m.buckets.size(), 4u);
}

TEST(ConfigStream, ItemOfWrongTypeIsReported) {
  Model m;
  load_text(m, "export.json", export_of(2, "[1, 2]"));
  EXPECT_THAT(diagnostic_ids(m), ElementsAre("IN009"));
  EXPECT_EQ(m.buckets.size(), 2u);
}

// A missing ',' between items: an error there; the items before it are read.
TEST(ConfigStream, MissingCommaBetweenItemsIsReportedThere) {
  std::string text = export_of(3);
  const std::size_t comma = text.find(",\n    \"");
  ASSERT_NE(comma, std::string::npos);
  text.erase(comma, 1);
  Model m;
  load_text(m, "export.json", text);
  ASSERT_THAT(diagnostic_ids(m), ElementsAre("IN001"));
  EXPECT_EQ(m.diagnostics[0].where.line(), 4);
  EXPECT_EQ(m.buckets.size(), 1u);
}

// The outer structure broken (the array's ']' missing): the file is read whole, which says where,
// as for any other document, and nothing is read.
TEST(ConfigStream, BrokenOuterStructureIsReportedAsBefore) {
  std::string text = export_of(3);
  const std::size_t close = text.rfind(']');
  ASSERT_NE(close, std::string::npos);
  text.erase(close, 1);
  Model m;
  load_text(m, "export.json", text);
  ASSERT_THAT(diagnostic_ids(m), ElementsAre("IN001"));
  EXPECT_TRUE(m.buckets.empty());
}

// A Results string that is not a valid string literal (a raw line break in it) is reported at its
// position; the other items are read.
TEST(ConfigStream, MalformedResultsStringIsReported) {
  Model m;
  load_text(m, "export.json", export_of(2, "\"{\n}\""));
  ASSERT_THAT(diagnostic_ids(m), ElementsAre("IN001"));
  EXPECT_EQ(m.diagnostics[0].where.line(), 5);  // after the second item
  EXPECT_EQ(m.buckets.size(), 2u);
}

// Nesting is bounded as in a whole-file parse: the limit counts from the file's top.
TEST(ConfigStream, DepthLimitCountsFromTheFile) {
  std::string deep = R"({"resourceType": "AWS::EC2::Instance", "configuration": )";
  for (int i = 0; i < 70; ++i) deep += "[";
  for (int i = 0; i < 70; ++i) deep += "]";
  deep += "}";
  Model m;
  load_text(m, "items.json", fmt::format(R"({{"configurationItems": [{}]}})", deep));
  EXPECT_THAT(diagnostic_ids(m), ElementsAre("IN006"));
}

// A duplicate key inside an item is reported with the item's own position; one at the top makes
// the file be read whole (IN002 from the whole parse).
TEST(ConfigStream, DuplicateKeys) {
  Model m;
  load_text(m, "items.json", R"({"configurationItems": [
  {"resourceType": "AWS::EC2::Instance", "resourceType": "AWS::EC2::Instance"}]})");
  ASSERT_THAT(diagnostic_ids(m), ElementsAre("IN002"));
  EXPECT_EQ(m.diagnostics[0].where.line(), 2);
  Model whole;
  load_text(whole, "items.json", R"({"configurationItems": [], "configurationItems": []})");
  EXPECT_THAT(diagnostic_ids(whole), ElementsAre("IN002"));
}

// Streaming reads the same entities, with the same positions, as the whole-file read (forced
// with --kind, which parses the file whole).
TEST(ConfigStream, SameModelAsAWholeRead) {
  const std::string text = export_of(5);
  Model streamed;
  load_text(streamed, "export.json", text);
  Model whole;
  load_text(whole, "export.json", text, DocumentKind::kConfigItems);
  ASSERT_EQ(streamed.buckets.size(), whole.buckets.size());
  for (std::size_t i = 0; i < streamed.buckets.size(); ++i) {
    const Bucket& a = streamed.buckets[i];
    const Bucket& b = whole.buckets[i];
    EXPECT_EQ(a.name, b.name);
    ASSERT_NE(a.policy, nullptr);
    ASSERT_NE(b.policy, nullptr);
    const SourceRef& wa = a.policy->statements.at(0).action.values.at(0).where;
    const SourceRef& wb = b.policy->statements.at(0).action.values.at(0).where;
    EXPECT_EQ(wa.line(), wb.line());
    EXPECT_EQ(wa.column(), wb.column());
    EXPECT_EQ(wa.pointer(), wb.pointer());
  }
}

}  // namespace
}  // namespace bucketlint
