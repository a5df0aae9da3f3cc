// The CF/TR samples (samples/cf*, samples/tr*, seed-3) loaded through the real loader: which CF
// and TR rules fire in each. The golden runner pins the full reports; this test pins the rule IDs
// of this family so that a sample that stops firing (or starts) is caught in unit tests too.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "bucketlint/engine.h"
#include "bucketlint/load.h"
#include "bucketlint/rule.h"

namespace bucketlint {
namespace {

struct SampleCase {
  const char* name;
  std::vector<std::string> ids;  // CF/TR rule IDs expected, sorted
};

std::vector<std::string> cf_tr_ids(const std::string& name) {
  const std::filesystem::path dir = std::filesystem::path(BUCKETLINT_SOURCE_DIR) / "samples" / name;
  LoadOptions options;
  options.paths = {dir.generic_string()};
  options.discover_config = false;
  if (std::filesystem::exists(dir / ".bucketlint.yaml")) {
    options.config_path = (dir / ".bucketlint.yaml").generic_string();
  }
  LoadResult loaded = load_inputs(options);
  for (const LoadDiagnostic& d : loaded.model.diagnostics) {
    ADD_FAILURE() << name << ": " << d.rule_id << " " << d.message;
  }
  const std::vector<std::unique_ptr<Rule>> rules = make_builtin_rules();
  const EngineResult result = run_rules(loaded.model, rules, loaded.settings);
  std::vector<std::string> ids;
  for (const Finding& f : result.findings) {
    const std::string id(f.rule->id);
    if (id.starts_with("CF") || id.starts_with("TR")) ids.push_back(id);
  }
  std::sort(ids.begin(), ids.end());
  return ids;
}

class CfTrSamples : public testing::TestWithParam<SampleCase> {};

TEST_P(CfTrSamples, FiresExactlyTheseRules) {
  EXPECT_EQ(cf_tr_ids(GetParam().name), GetParam().ids);
}

INSTANTIATE_TEST_SUITE_P(
    Samples, CfTrSamples,
    testing::Values(
        SampleCase{"cf001-oac-other-distribution", {"CF001"}}, SampleCase{"cf001-oac-fixed", {}},
        SampleCase{"cf001-oai-wrong-id", {"CF001", "CF004", "CF004"}},
        SampleCase{"cf001-oai-canonical-user-fixed", {"CF004"}},
        SampleCase{"cf001-deny-catches-cloudfront", {"CF001"}},
        SampleCase{"cf002-oac-no-source-arn", {"CF002"}},
        SampleCase{"cf002-oac-source-account-fixed", {}},
        SampleCase{"cf003-list-bucket-on-objects", {"CF003"}},
        SampleCase{"cf003-list-bucket-on-bucket-fixed", {}},
        SampleCase{"cf004-oai-legacy", {"CF004"}}, SampleCase{"cf004-oac-migrated-fixed", {}},
        SampleCase{"cf005-oai-sse-kms", {"CF004", "CF005"}}, SampleCase{"cf005-oac-kms-fixed", {}},
        SampleCase{"cf005-oac-key-policy-lacks-cloudfront", {"CF005"}},
        SampleCase{"cf005-oac-aws-managed-key", {"CF005"}},
        SampleCase{"tr001-trust-names-other-role", {"TR001"}},
        SampleCase{"tr001-identity-missing", {"TR001"}}, SampleCase{"tr001-chain-fixed", {}},
        SampleCase{"tr002-trust-anyone", {"TR002"}}, SampleCase{"tr002-org-condition-fixed", {}},
        SampleCase{"tr003-no-external-id", {"TR003"}}, SampleCase{"tr003-external-id-fixed", {}},
        SampleCase{"tr003-unconfigured-note", {"TR003"}},
        SampleCase{"tr004-role-cannot-write", {"TR004"}},
        SampleCase{"tr004-role-can-write-fixed", {}},
        SampleCase{"tr005-deleted-role-id", {"TR005"}}, SampleCase{"tr005-role-arn-fixed", {}},
        // The article's fix: the AssumeRole chain works and the role can write (no TR001/TR004);
        // the OAI origin gets the two notes (legacy OAI, no ListBucket).
        SampleCase{"seed-3-assume-role-fixed", {"CF003", "CF004"}}),
    [](const testing::TestParamInfo<SampleCase>& param_info) {
      std::string n = param_info.param.name;
      std::replace(n.begin(), n.end(), '-', '_');
      return n;
    });

}  // namespace
}  // namespace bucketlint
