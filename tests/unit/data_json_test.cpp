#include "bucketlint/data_json.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <string_view>

#include "bucketlint/load.h"

namespace bucketlint {
namespace {

using nlohmann::json;

TEST(RulesJson, EveryRuleWithIdSeverityFamilyTagsSummaryAndDocPath) {
  const std::vector<std::unique_ptr<Rule>> rules = make_builtin_rules();
  const json doc = json::parse(rules_json(rules));
  EXPECT_EQ(doc["schema_version"], 1);
  ASSERT_EQ(doc["rules"].size(), rules.size());
  for (std::size_t i = 0; i < rules.size(); ++i) {
    const RuleInfo& info = rules[i]->info();
    const json& r = doc["rules"][i];
    EXPECT_EQ(r["id"], std::string(info.id));
    EXPECT_EQ(r["severity"], std::string(severity_name(info.default_severity)));
    EXPECT_EQ(r["summary"], std::string(info.summary));
    EXPECT_EQ(r["family"], std::string(info.id.substr(0, 2)));
    const std::string doc_path = r["doc_path"];
    EXPECT_TRUE(std::filesystem::exists(std::filesystem::path(BUCKETLINT_SOURCE_DIR) / doc_path))
        << doc_path;
    // Every family of the registry has a name and tags.
    EXPECT_FALSE(r["tags"].empty()) << info.id;
    EXPECT_NE(r["family_name"], r["family"]) << info.id;
  }
}

TEST(RulesJson, FamilyTagsTellGrammarFromCatalogue) {
  EXPECT_EQ(rule_family("PL001").tags.back(), "grammar");
  EXPECT_EQ(rule_family("PL104").tags.back(), "catalogue");
  EXPECT_EQ(rule_family("OW002").name, "ownership");
  EXPECT_EQ(rule_family("ZZ001").name, "ZZ");
  EXPECT_TRUE(rule_family("ZZ001").tags.empty());
}

TEST(ModelJson, SeedTwoLinksBucketRoleDistributionAndOai) {
  LoadOptions options;
  options.paths = {
      (std::filesystem::path(BUCKETLINT_SOURCE_DIR) / "samples" / "seed-2-bofc-still-403")
          .generic_string()};
  options.discover_config = false;
  const LoadResult loaded = load_inputs(options);
  const json doc = json::parse(model_json(loaded.model));
  EXPECT_EQ(doc["schema_version"], 1);
  EXPECT_TRUE(doc["has_context"]);
  ASSERT_EQ(doc["buckets"].size(), 1U);
  const json& bucket = doc["buckets"][0];
  EXPECT_EQ(bucket["name"], "amzn-s3-demo-bucket");
  EXPECT_EQ(bucket["account"], "111111111111");
  EXPECT_EQ(bucket["ownership"]["setting"], "ObjectWriter");
  EXPECT_EQ(bucket["ownership"]["source"], "document");
  // The bucket's policy is an index into "policies", which says what it is.
  const json& policy = doc["policies"][bucket["policy"].get<std::size_t>()];
  EXPECT_EQ(policy["kind"], "bucket-policy");
  EXPECT_EQ(policy["bucket"], "amzn-s3-demo-bucket");
  EXPECT_EQ(policy["statements"].size(), 2U);
  EXPECT_EQ(bucket["object_acls"][0]["key"], "uploads/report.pdf");

  ASSERT_EQ(doc["roles"].size(), 1U);
  const json& role = doc["roles"][0];
  EXPECT_EQ(role["arn"], "arn:aws:iam::222222222222:role/site-uploader");
  EXPECT_EQ(doc["policies"][role["trust_policy"].get<std::size_t>()]["kind"], "trust-policy");
  ASSERT_EQ(role["permission_policies"].size(), 1U);

  ASSERT_EQ(doc["distributions"].size(), 1U);
  const json& origin = doc["distributions"][0]["origins"][0];
  EXPECT_EQ(origin["bucket"], "amzn-s3-demo-bucket");
  EXPECT_EQ(origin["oai"], "E74FTE3AEXAMPLE");
  EXPECT_EQ(doc["origin_access_identities"][0]["id"], "E74FTE3AEXAMPLE");
  EXPECT_EQ(doc["accounts"].size(), 2U);
  EXPECT_TRUE(doc["diagnostics"].empty());
}

json sample_model(std::string_view sample) {
  LoadOptions options;
  options.paths = {
      (std::filesystem::path(BUCKETLINT_SOURCE_DIR) / "samples" / sample).generic_string()};
  options.discover_config = true;
  const LoadResult loaded = load_inputs(options);
  return json::parse(model_json(loaded.model));
}

const json* bucket_named(const json& doc, std::string_view name) {
  for (const json& b : doc["buckets"]) {
    if (b["name"] == name) return &b;
  }
  return nullptr;
}

// What the section-2 readers give is in the model document: region, replication, logging,
// website, policy status, access points, log deliveries, account settings, the organisation.
TEST(ModelJson, BucketSettingsAccessPointsAndLogDeliveries) {
  {
    const json doc = sample_model("cli-get-bucket-replication");
    const json* b = bucket_named(doc, "amzn-s3-demo-source");
    ASSERT_NE(b, nullptr);
    const json& r = (*b)["replication"];
    EXPECT_EQ(r["role"], "arn:aws:iam::111111111111:role/s3-replication");
    ASSERT_EQ(r["rules"].size(), 1U);
    EXPECT_EQ(r["rules"][0]["destination_bucket"], "amzn-s3-demo-backup");
    EXPECT_EQ(r["rules"][0]["destination_account"], "222222222222");
    EXPECT_TRUE(r["rules"][0]["enabled"]);
    EXPECT_TRUE((*bucket_named(doc, "amzn-s3-demo-backup"))["replication"].is_null());
  }
  {
    const json doc = sample_model("cli-get-bucket-location");
    const json* b = bucket_named(doc, "amzn-s3-demo-bucket");
    ASSERT_NE(b, nullptr);
    EXPECT_EQ((*b)["region"], "eu-west-1");
    EXPECT_EQ((*b)["logging"]["target_bucket"], "amzn-s3-demo-logs");
    EXPECT_EQ((*b)["logging"]["target_prefix"], "access/");
    EXPECT_EQ((*b)["logging"]["location"]["line"], 2);
  }
  {
    const json doc = sample_model("cli-get-bucket-website");
    const json& w = doc["buckets"][0]["website"];
    EXPECT_EQ(w["index_document"], "index.html");
    EXPECT_EQ(w["error_document"], "error.html");
    EXPECT_TRUE(w["redirect_all_to"].is_null());
  }
  {
    const json doc = sample_model("cli-get-bucket-policy-status");
    EXPECT_EQ(doc["buckets"][0]["policy_status"]["is_public"], true);
  }
  {
    const json doc = sample_model("cli-s3control-get-access-point");
    ASSERT_EQ(doc["access_points"].size(), 1U);
    const json& ap = doc["access_points"][0];
    EXPECT_EQ(ap["name"], "uploads-ap");
    EXPECT_EQ(ap["bucket"], "amzn-s3-demo-bucket");
    EXPECT_EQ(ap["region"], "us-east-1");
    EXPECT_EQ(ap["network_origin"], "Internet");
    EXPECT_EQ(ap["public_access_block"]["block_public_policy"], true);
    ASSERT_TRUE(ap["policy"].is_number());
    EXPECT_EQ(doc["policies"][ap["policy"].get<std::size_t>()]["kind"], "access-point-policy");
  }
  {
    const json doc = sample_model("tf-log-deliveries");
    std::set<std::string> kinds;
    for (const json& d : doc["log_deliveries"]) {
      kinds.insert(d["kind"].get<std::string>());
      EXPECT_EQ(d["bucket"], "amzn-s3-demo-central-logs");
      EXPECT_EQ(d["account"], "111111111111");
    }
    EXPECT_EQ(kinds,
              (std::set<std::string>{"vpc-flow-log", "cloudtrail", "network-load-balancer"}));
  }
  {
    const json doc = sample_model("tf-account-public-access-block");
    ASSERT_EQ(doc["accounts"].size(), 1U);
    EXPECT_EQ(doc["accounts"][0]["public_access_block"]["restrict_public_buckets"], true);
    EXPECT_TRUE(doc["organization"].is_null());
  }
  {
    const json doc = sample_model("seed-2-cli-output");
    ASSERT_TRUE(doc["organization"].is_object());
    EXPECT_TRUE(doc["organization"]["id"].is_string());
  }
}

TEST(ModelJson, InvalidUtf8InAValueIsReplacedNotThrown) {
  LoadOptions options;
  options.paths = {"-"};
  options.stdin_text =
      "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Sid\": \"a\xff\", \"Effect\": \"Allow\", "
      "\"Action\": \"s3:GetObject\", \"Resource\": \"*\"}]}";
  const LoadResult loaded = load_inputs(options);
  EXPECT_TRUE(json::accept(model_json(loaded.model)));
}

}  // namespace
}  // namespace bucketlint
