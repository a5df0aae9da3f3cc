// `catalogue:` in the config: services and actions newer than the built-in catalogue, and what
// PL101-PL103 say about them.

#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "bucketlint/catalogue.h"
#include "bucketlint/engine.h"
#include "lint_helpers.h"
#include "load/config_file.h"

namespace bucketlint {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;
using testing_util::model_of;

constexpr const char* kPolicy = R"({"Version": "2012-10-17", "Statement": [{"Sid": "New",
    "Effect": "Allow", "Action": ["quantumledger:*", "payments:CreatePayment",
    "s3:NewShinyAction", "s3:NewShiny*", "codedploy:*"], "Resource": "*"}]})";

std::vector<Finding> run_pl(Model& model) {
  auto rules = make_builtin_rules();
  std::erase_if(rules, [](const auto& r) {
    const auto id = r->info().id;
    return id != "PL101" && id != "PL102" && id != "PL103";
  });
  return run_rules(model, rules).findings;
}

std::vector<std::string> messages(const std::vector<Finding>& findings) {
  std::vector<std::string> out;
  for (const Finding& f : findings) out.push_back(std::string(f.rule->id) + " " + f.message);
  return out;
}

TEST(CatalogueExtra, ConfigReadsAndChecksTheSection) {
  std::vector<LoadDiagnostic> diags;
  const ConfigData c = parse_config("c.yaml", R"(
catalogue:
  extra_services: [QuantumLedger, "bad prefix"]
  extra_actions: ["Payments:CreatePayment", "s3:New*", "nocolon"]
  other: 1
)",
                                    diags);
  EXPECT_THAT(c.extra_services, ElementsAre("quantumledger"));
  EXPECT_THAT(c.extra_actions, ElementsAre("payments:createpayment", "s3:new*"));
  ASSERT_EQ(diags.size(), 3u);
  EXPECT_THAT(diags[0].message, HasSubstr("'bad prefix' is not a service prefix"));
  EXPECT_TRUE(diags[0].incomplete);
  EXPECT_THAT(diags[1].message, HasSubstr("'nocolon' is not an action"));
  EXPECT_THAT(diags[2].message, HasSubstr("unknown key 'other' in catalogue"));
}

TEST(CatalogueExtra, UndeclaredNewServicesSayTheyMayBeNewer) {
  Model model = model_of({{"p.json", kPolicy}});
  const std::vector<std::string> m = messages(run_pl(model));
  EXPECT_THAT(m, testing::Contains(HasSubstr(fmt::format(
                     "unknown service prefix 'quantumledger' in action 'quantumledger:*'; not "
                     "close to any service of the built-in catalogue ({}), so it may be newer",
                     catalogue_date()))));
  EXPECT_THAT(m, testing::Contains(HasSubstr(
                     "PL102 unknown action 'payments:CreatePayment'; not close to any action")));
  // A misspelling keeps its suggestion and is not called newer.
  EXPECT_THAT(m, testing::Contains(HasSubstr("did you mean 'codedeploy'?")));
  EXPECT_THAT(m, Not(testing::Contains(HasSubstr("'codedploy:*'; not close"))));
  EXPECT_THAT(m, testing::Contains(HasSubstr("PL102 unknown action 's3:NewShinyAction'")));
  EXPECT_THAT(m, testing::Contains(HasSubstr("PL103")));
}

TEST(CatalogueExtra, DeclaredServicesAndActionsAreAccepted) {
  Model model = model_of({{"p.json", kPolicy}});
  model.extra_services = {"quantumledger"};
  model.extra_actions = {"payments:createpayment", "s3:newshiny*"};
  const std::vector<std::string> m = messages(run_pl(model));
  // Only the misspelling is left.
  ASSERT_EQ(m.size(), 1u) << ::testing::PrintToString(m);
  EXPECT_THAT(m[0], HasSubstr("codedploy"));
}

}  // namespace
}  // namespace bucketlint
