// .bucketlint.yaml: bindings, rule settings, errors with positions (IN010).

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "bucketlint/load.h"
#include "load/config_file.h"
#include "load_test_util.h"

namespace bucketlint {
namespace {

using testing::ElementsAre;
using testing::HasSubstr;
using testing_util::diagnostic_ids;
using testing_util::fixture_path;
using testing_util::read_text;
using testing_util::TempDir;

LoadResult load_with_config(const std::string& config, std::vector<std::string> paths = {}) {
  LoadOptions options;
  options.config_path = config;
  options.paths = std::move(paths);
  return load_inputs(options);
}

TEST(LoadConfig, BindsFilesRelativeToTheConfig) {
  TempDir t;
  t.write("policies/site.json",
          read_text(
              fixture_path("domain-samples/13-bucket-policy-walkthrough3-cross-account-put.json")));
  t.write("dumps/acl.json",
          read_text(fixture_path("domain-samples/18-get-bucket-acl-owner-only.json")));
  t.write("dumps/trust.json",
          read_text(fixture_path("domain-samples/15-trust-policy-cross-account-external-id.json")));
  t.write("dumps/perm.json",
          read_text(fixture_path("domain-samples/16-identity-policy-allow-assume-role.json")));
  t.write("dumps/dist.json",
          read_text(fixture_path("domain-samples/29-get-distribution-config-s3-origins.json")));
  t.write("dumps/oai.json",
          read_text(fixture_path("domain-samples/28-get-cloud-front-origin-access-identity.json")));
  const std::string config = t.write(".bucketlint.yaml", R"(
accounts:
  - id: "111111111111"
    name: site
    canonical_id: 79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be
  - id: "222222222222"
    name: partner
trusted_accounts: ["111111111111"]
buckets:
  amzn-s3-demo-bucket:
    account: "111111111111"
    ownership: BucketOwnerPreferred
    policy: policies/site.json
    acl: dumps/acl.json
roles:
  arn:aws:iam::111111111111:role/publisher:
    trust_policy: dumps/trust.json
    permission_policies: [dumps/perm.json]
distributions:
  EDFDVBD6EXAMPLE:
    account: "111111111111"
    file: dumps/dist.json
origin_access_identities: [dumps/oai.json]
rules:
  disabled: [PL001]
  severity: {OW001: warning}
suppressions:
  - rule: OW001
    path: "policies/*.json"
    sid: AllowPartner
    reason: accepted risk, ticket 42
)");
  // The directory walk finds the same files again: they are not read twice.
  LoadResult r = load_with_config(config, {t.path()});
  const Model& m = r.model;
  EXPECT_TRUE(m.diagnostics.empty()) << m.diagnostics[0].message;
  EXPECT_TRUE(m.has_context);
  EXPECT_EQ(m.sources.size(), 6u);
  const Bucket* b = m.find_bucket("amzn-s3-demo-bucket");
  ASSERT_NE(b, nullptr);
  EXPECT_EQ(b->account_id, "111111111111");
  EXPECT_EQ(b->ownership.value, ObjectOwnership::kBucketOwnerPreferred);
  EXPECT_EQ(b->ownership.source, OwnershipSetting::Source::kConfig);
  EXPECT_EQ(b->ownership.where.line(), 12);
  ASSERT_NE(b->policy, nullptr);
  EXPECT_THAT(b->policy->where.file(), HasSubstr("policies/site.json"));
  ASSERT_TRUE(b->acl.has_value());
  const Role* role = m.find_role("arn:aws:iam::111111111111:role/publisher");
  ASSERT_NE(role, nullptr);
  EXPECT_EQ(role->account_id, "111111111111");
  ASSERT_NE(role->trust_policy, nullptr);
  EXPECT_EQ(role->permission_policies.size(), 1u);
  ASSERT_EQ(m.distributions.size(), 1u);
  EXPECT_EQ(m.distributions[0].origins.size(), 2u);
  EXPECT_EQ(m.oais.size(), 1u);
  EXPECT_TRUE(m.trusted_accounts_configured);
  EXPECT_TRUE(m.is_trusted_account("111111111111"));
  EXPECT_FALSE(m.is_trusted_account("222222222222"));
  EXPECT_EQ(m.find_account("222222222222")->name, "partner");
  // Rule settings.
  EXPECT_THAT(r.settings.disabled, ElementsAre("PL001"));
  EXPECT_EQ(r.settings.severities.at("OW001"), Severity::kWarning);
  ASSERT_EQ(r.settings.suppressions.size(), 1u);
  EXPECT_EQ(r.settings.suppressions[0].sid, "AllowPartner");
  EXPECT_EQ(r.settings.suppressions[0].reason, "accepted risk, ticket 42");
  EXPECT_EQ(r.settings.suppressions[0].where.line(), 28);  // the "- rule:" line
  EXPECT_EQ(r.config_file, config);
}

TEST(LoadConfig, DocumentOwnershipWinsOverConfigDefault) {
  TempDir t;
  t.write("oc.json",
          read_text(fixture_path("domain-samples/24-get-bucket-ownership-controls.json")));
  const std::string config = t.write("c.yaml", R"(
buckets:
  b:
    ownership: ObjectWriter
    ownership_controls: oc.json
)");
  LoadResult r = load_with_config(config);
  EXPECT_EQ(r.model.buckets.at(0).ownership.value, ObjectOwnership::kBucketOwnerEnforced);
  EXPECT_EQ(r.model.buckets.at(0).ownership.source, OwnershipSetting::Source::kDocument);
}

TEST(LoadConfig, SyntaxErrorHasPosition) {
  std::vector<LoadDiagnostic> diags;
  ConfigData c = parse_config("c.yaml", "buckets:\n  b: [unclosed\n", diags);
  ASSERT_EQ(diags.size(), 1u);
  EXPECT_EQ(diags[0].rule_id, "IN010");
  EXPECT_TRUE(diags[0].incomplete);
  EXPECT_GT(diags[0].where.line(), 0);
  EXPECT_THAT(diags[0].message, HasSubstr("invalid YAML"));
  EXPECT_TRUE(c.buckets.empty());
}

TEST(LoadConfig, UnknownKeysAreWarningsAndErrorsAreIncomplete) {
  std::vector<LoadDiagnostic> diags;
  ConfigData c = parse_config("c.yaml", R"(
buckets:
  b:
    acount: "111111111111"
    account: "1111"
    ownership: Mine
colour: blue
rules:
  severity: {OW001: loud}
  disabled: [notarule]
suppressions:
  - rule: OW001
)",
                              diags);
  ASSERT_EQ(diags.size(), 7u);
  std::vector<std::pair<int, bool>> got;
  for (const LoadDiagnostic& d : diags) got.emplace_back(d.where.line(), d.incomplete);
  EXPECT_THAT(got, ElementsAre(std::pair{4, false}, std::pair{5, true}, std::pair{6, true},
                               std::pair{7, false}, std::pair{9, true}, std::pair{10, true},
                               std::pair{12, true}));
  EXPECT_THAT(diags[6].message, HasSubstr("needs a 'reason'"));
  ASSERT_EQ(c.buckets.size(), 1u);
  EXPECT_TRUE(c.buckets[0].account.empty());
  EXPECT_TRUE(c.settings.suppressions.empty());
}

// A suppression glob too large for the matcher's memory budget is an IN010 error at its `path`
// that does not repeat the glob, and the suppression matches nothing.
TEST(LoadConfig, SuppressionGlobTooLargeIsAnError) {
  std::string glob;
  for (int i = 0; i < 200000; ++i) glob += "[ab]?";
  std::vector<LoadDiagnostic> diags;
  const ConfigData c = parse_config(
      "c.yaml", "suppressions:\n  - rule: OW001\n    path: \"" + glob + "\"\n    reason: r\n",
      diags);
  ASSERT_EQ(diags.size(), 1u);
  EXPECT_EQ(diags[0].rule_id, "IN010");
  EXPECT_TRUE(diags[0].incomplete);
  EXPECT_EQ(diags[0].where.line(), 3);
  EXPECT_THAT(diags[0].message, HasSubstr("'path' glob of 1000000 bytes is too large"));
  EXPECT_LT(diags[0].message.size(), 200u);
}

// Issue 10 item 9: yaml-cpp keeps both entries of a duplicated key, so the second `rules:` would
// be applied on top of the first; the config is an error and nothing of it is applied.
TEST(LoadConfig, DuplicateKeysAreErrorsAndNothingIsApplied) {
  std::vector<LoadDiagnostic> diags;
  ConfigData c = parse_config(
      "c.yaml", "rules:\n  disabled: [OW001]\nrules:\n  disabled: []\nbuckets:\n  b: {}\n", diags);
  ASSERT_EQ(diags.size(), 1u);
  EXPECT_EQ(diags[0].rule_id, "IN010");
  EXPECT_TRUE(diags[0].incomplete);
  EXPECT_EQ(diags[0].where.line(), 3);
  EXPECT_THAT(diags[0].message, HasSubstr("duplicate key 'rules' (first at line 1)"));
  EXPECT_TRUE(c.settings.disabled.empty());
  EXPECT_TRUE(c.buckets.empty());
}

TEST(LoadConfig, SecondDocumentIsAnError) {
  std::vector<LoadDiagnostic> diags;
  ConfigData c = parse_config("c.yaml", "rules:\n  disabled: [OW001]\n---\nrules: {}\n", diags);
  ASSERT_EQ(diags.size(), 1u);
  EXPECT_TRUE(diags[0].incomplete);
  EXPECT_THAT(diags[0].message, HasSubstr("the config holds more than one YAML document"));
  EXPECT_TRUE(c.settings.disabled.empty());
}

// Aliases share nodes: the duplicate-key walk visits each once (a billion laughs stays cheap).
TEST(LoadConfig, AliasBombIsCheapAndDuplicatesInsideAliasesAreFound) {
  std::string yaml = "a: &a {k: 1, k: 2}\n";
  std::string prev = "a";
  for (int i = 0; i < 30; ++i) {
    const std::string name = "l" + std::to_string(i);
    yaml += name + ": &" + name + " [*" + prev + ", *" + prev + ", *" + prev + ", *" + prev + "]\n";
    prev = name;
  }
  std::vector<LoadDiagnostic> diags;
  parse_config("c.yaml", yaml, diags);
  ASSERT_EQ(diags.size(), 1u);
  EXPECT_THAT(diags[0].message, HasSubstr("duplicate key 'k'"));
}

TEST(LoadConfig, EmptyConfigIsValid) {
  std::vector<LoadDiagnostic> diags;
  parse_config("c.yaml", "", diags);
  parse_config("c.yaml", "# nothing\n", diags);
  EXPECT_TRUE(diags.empty());
}

TEST(LoadConfig, MissingFileNamedInConfig) {
  TempDir t;
  const std::string config = t.write("c.yaml", "buckets:\n  b:\n    policy: nope.json\n");
  LoadResult r = load_with_config(config);
  EXPECT_THAT(diagnostic_ids(r.model), ElementsAre("IN010"));
  EXPECT_EQ(r.model.diagnostics[0].where.line(), 3);
}

TEST(LoadConfig, WrongKindForABucket) {
  TempDir t;
  t.write("trust.json",
          read_text(fixture_path("domain-samples/15-trust-policy-cross-account-external-id.json")));
  const std::string config = t.write("c.yaml", "buckets:\n  b:\n    policy: trust.json\n");
  LoadResult r = load_with_config(config);
  EXPECT_THAT(diagnostic_ids(r.model), ElementsAre("IN011"));
}

TEST(LoadConfig, UnreadableConfig) {
  LoadResult r = load_with_config("/nonexistent/bucketlint.yaml");
  EXPECT_THAT(diagnostic_ids(r.model), ElementsAre("IN010"));
  EXPECT_TRUE(r.config_file.empty());
}

}  // namespace
}  // namespace bucketlint
