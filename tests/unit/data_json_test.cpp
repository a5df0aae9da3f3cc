#include "bucketlint/data_json.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

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
