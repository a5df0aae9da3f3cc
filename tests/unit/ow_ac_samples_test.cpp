// The ownership and ACL samples (samples/ow*, samples/ac*) and the article's seed snapshots,
// loaded through the real loader: which OW and AC rules fire in each. The golden runner pins the
// full reports once the expected.txt files are filled; this pins the OW/AC rule IDs meanwhile,
// so a sample that stops firing (or starts) fails a unit test.

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

struct OwAcSample {
  const char* name;
  std::vector<std::string> ids;  // OW/AC rule IDs, sorted
};

std::vector<std::string> ow_ac_ids(const std::string& name) {
  const std::filesystem::path dir = std::filesystem::path(BUCKETLINT_SOURCE_DIR) / "samples" / name;
  LoadOptions options;
  options.paths = {dir.generic_string()};
  options.discover_config = false;
  LoadResult loaded = load_inputs(options);
  for (const LoadDiagnostic& d : loaded.model.diagnostics) {
    if (d.incomplete) ADD_FAILURE() << name << ": " << d.rule_id << " " << d.message;
  }
  const std::vector<std::unique_ptr<Rule>> rules = make_builtin_rules();
  const EngineResult result = run_rules(loaded.model, rules, loaded.settings);
  std::vector<std::string> ids;
  for (const Finding& f : result.findings) {
    const std::string id(f.rule->id);
    if (id.starts_with("OW") || id.starts_with("AC")) ids.push_back(id);
  }
  std::sort(ids.begin(), ids.end());
  return ids;
}

class OwAcSamples : public testing::TestWithParam<OwAcSample> {};

TEST_P(OwAcSamples, FiresExactlyTheseRules) {
  EXPECT_EQ(ow_ac_ids(GetParam().name), GetParam().ids);
}

INSTANTIATE_TEST_SUITE_P(
    Samples, OwAcSamples,
    testing::Values(
        // The article's story (aws-semantics.md section 1, truth table rows 1, 2, 5) and the modern
        // fix.
        OwAcSample{"seed-1-foreign-owned", {"OW001"}},
        OwAcSample{"seed-2-bofc-still-403", {"OW002"}}, OwAcSample{"seed-3-assume-role-fixed", {}},
        OwAcSample{"bucket-owner-enforced", {}}, OwAcSample{"ow001-account-short-form", {"OW001"}},
        OwAcSample{"ow001-account-short-form-fixed", {}},
        OwAcSample{"ow001-preferred-no-acl-required", {"OW001"}},
        OwAcSample{"ow001-preferred-deny-without-bofc-fixed", {}},
        OwAcSample{"ow002-bofc-objectwriter-oac", {"OW002"}},
        OwAcSample{"ow002-bofc-preferred-fixed", {}},
        OwAcSample{"ow003-enforced-requires-bofc", {"OW003"}},
        OwAcSample{"ow003-enforced-no-acl-condition-fixed", {}},
        OwAcSample{"ow004-leftover-foreign-objects", {"OW004"}},
        OwAcSample{"ow004-leftover-foreign-objects-fixed", {}},
        OwAcSample{"ow005-ownership-unknown", {"OW001", "OW005"}},
        OwAcSample{"ow005-ownership-given", {}}, OwAcSample{"ac001-public-object-acl", {"AC001"}},
        OwAcSample{"ac001-public-object-acl-fixed", {}},
        OwAcSample{"ac002-object-excludes-bucket-owner", {"AC002"}},
        OwAcSample{"ac002-object-excludes-bucket-owner-fixed", {}},
        OwAcSample{"ac003-acls-enabled-unneeded", {"AC003"}},
        OwAcSample{"ac003-acls-disabled-fixed", {}},
        OwAcSample{"ac004-log-delivery-acl", {"AC004"}},
        OwAcSample{"ac004-log-delivery-policy-fixed", {}}),
    [](const testing::TestParamInfo<OwAcSample>& param_info) {
      std::string n = param_info.param.name;
      std::replace(n.begin(), n.end(), '-', '_');
      return n;
    });

}  // namespace
}  // namespace bucketlint
