// Requester parsing and Principal / NotPrincipal matching. Each row cites its source.

#include <gtest/gtest.h>

#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "bucketlint/eval.h"
#include "eval_test_util.h"

namespace bucketlint::eval {
namespace {

constexpr const char* kPrinc =
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html";
constexpr const char* kNotPrinc =
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/"
    "reference_policies_elements_notprincipal.html";
constexpr const char* kCfS3 =
    "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/"
    "private-content-restricting-access-to-s3.html";

constexpr const char* kOaiArn =
    "arn:aws:iam::cloudfront:user/CloudFront Origin Access Identity E74FTE3AEXAMPLE";
const std::string kOaiCanonical(64, 'c');
const std::string kAccountACanonical(64, 'a');

IdentityDirectory directory() {
  IdentityDirectory d;
  d.oai_canonical_ids["E74FTE3AEXAMPLE"] = kOaiCanonical;
  d.account_canonical_ids["111111111111"] = kAccountACanonical;
  return d;
}

struct PrincipalRow {
  const char* source;
  std::vector<std::pair<std::string, std::string>> values;  // type, value
  bool is_not;
  std::string requester;
  PrincipalMatch expected;
};

void PrintTo(const PrincipalRow& r, std::ostream* os) { *os << r.requester; }

class PrincipalTable : public ::testing::TestWithParam<PrincipalRow> {};

TEST_P(PrincipalTable, Matches) {
  const PrincipalRow& row = GetParam();
  PrincipalElement el;
  el.present = true;
  el.is_not = row.is_not;
  for (const auto& [type, value] : row.values) el.values.push_back({type, value, {}});
  const IdentityDirectory dir = directory();
  const Principal who = testing_util::principal(row.requester);
  EXPECT_EQ(principal_matches(el, who, &dir), row.expected)
      << row.requester << " (" << row.source << ")";
}

using P = std::vector<std::pair<std::string, std::string>>;
constexpr auto kNone = PrincipalMatch::kNone;
constexpr auto kExact = PrincipalMatch::kExact;
constexpr auto kRole = PrincipalMatch::kRole;
constexpr auto kAccount = PrincipalMatch::kAccount;
constexpr auto kWild = PrincipalMatch::kWildcard;
constexpr auto kNot = PrincipalMatch::kNotPrincipal;

INSTANTIATE_TEST_SUITE_P(
    Principals, PrincipalTable,
    ::testing::Values(
        PrincipalRow{kPrinc, P{{"*", "*"}}, false, "anonymous", kWild},
        PrincipalRow{"aws-semantics.md 5.2 ({\"AWS\":\"*\"} == \"*\" for anonymous)",
                     P{{"AWS", "*"}}, false, "anonymous", kWild},
        PrincipalRow{kPrinc, P{{"AWS", "*"}}, false, "arn:aws:iam::222222222222:user/x", kWild},
        PrincipalRow{kPrinc, P{{"*", "*"}}, false, "cloudfront.amazonaws.com", kWild},
        PrincipalRow{"eval.h assumption: {\"AWS\":\"*\"} names no service principal",
                     P{{"AWS", "*"}}, false, "cloudfront.amazonaws.com", kNone},
        PrincipalRow{"aws-semantics.md 5.2 (account ID == root ARN)", P{{"AWS", "222222222222"}},
                     false, "arn:aws:sts::222222222222:assumed-role/site-uploader/s1", kAccount},
        PrincipalRow{kPrinc, P{{"AWS", "arn:aws:iam::222222222222:root"}}, false,
                     "arn:aws:iam::222222222222:user/bob", kAccount},
        PrincipalRow{"aws-semantics.md 5.2 (root ARN is the whole account)",
                     P{{"AWS", "arn:aws:iam::222222222222:root"}}, false, "222222222222", kAccount},
        PrincipalRow{kPrinc, P{{"AWS", "arn:aws:iam::222222222222:root"}}, false,
                     "arn:aws:iam::333333333333:user/bob", kNone},
        PrincipalRow{kPrinc, P{{"AWS", "222222222222"}}, false, "anonymous", kNone},
        PrincipalRow{kPrinc, P{{"AWS", "arn:aws:iam::222222222222:user/bob"}}, false,
                     "arn:aws:iam::222222222222:user/bob", kExact},
        PrincipalRow{"aws-semantics.md 5.2 (user name case-sensitive)",
                     P{{"AWS", "arn:aws:iam::222222222222:user/bob"}}, false,
                     "arn:aws:iam::222222222222:user/Bob", kNone},
        PrincipalRow{"aws-semantics.md 6 (role ARN matches its sessions)",
                     P{{"AWS", "arn:aws:iam::222222222222:role/site-uploader"}}, false,
                     "arn:aws:sts::222222222222:assumed-role/site-uploader/s1", kRole},
        PrincipalRow{"aws-semantics.md 6 (role with path vs session ARN)",
                     P{{"AWS", "arn:aws:iam::222222222222:role/team/site-uploader"}}, false,
                     "arn:aws:sts::222222222222:assumed-role/site-uploader/s1", kRole},
        PrincipalRow{kPrinc, P{{"AWS", "arn:aws:iam::222222222222:role/site-uploader"}}, false,
                     "arn:aws:sts::222222222222:assumed-role/other-role/s1", kNone},
        PrincipalRow{kPrinc, P{{"AWS", "arn:aws:iam::222222222222:role/site-uploader"}}, false,
                     "arn:aws:sts::333333333333:assumed-role/site-uploader/s1", kNone},
        PrincipalRow{"aws-semantics.md 5.2 (session ARN names one session)",
                     P{{"AWS", "arn:aws:sts::222222222222:assumed-role/site-uploader/s1"}}, false,
                     "arn:aws:sts::222222222222:assumed-role/site-uploader/s1", kExact},
        PrincipalRow{kPrinc, P{{"AWS", "arn:aws:sts::222222222222:assumed-role/site-uploader/s1"}},
                     false, "arn:aws:sts::222222222222:assumed-role/site-uploader/s2", kNone},
        PrincipalRow{kPrinc, P{{"AWS", "arn:aws:sts::222222222222:federated-user/carol"}}, false,
                     "arn:aws:sts::222222222222:federated-user/carol", kExact},
        PrincipalRow{kPrinc, P{{"Service", "cloudfront.amazonaws.com"}}, false,
                     "cloudfront.amazonaws.com", kExact},
        PrincipalRow{kPrinc, P{{"Service", "cloudfront.amazonaws.com"}}, false,
                     "logging.s3.amazonaws.com", kNone},
        PrincipalRow{kPrinc, P{{"Service", "cloudfront.amazonaws.com"}}, false,
                     "arn:aws:iam::111111111111:root", kNone},
        PrincipalRow{kCfS3, P{{"AWS", kOaiArn}}, false, kOaiArn, kExact},
        PrincipalRow{"aws-semantics.md 4.1 (OAI canonical ID == OAI ARN)",
                     P{{"CanonicalUser", std::string(64, 'c')}}, false, kOaiArn, kExact},
        PrincipalRow{"aws-semantics.md 4.1 (OAI ARN == OAI canonical ID)", P{{"AWS", kOaiArn}},
                     false, std::string(64, 'c'), kExact},
        PrincipalRow{
            kCfS3,
            P{{"AWS", "arn:aws:iam::cloudfront:user/CloudFront Origin Access Identity EOTHER"}},
            false, kOaiArn, kNone},
        PrincipalRow{"aws-semantics.md 5.2 (account canonical ID == account)",
                     P{{"CanonicalUser", std::string(64, 'a')}}, false,
                     "arn:aws:iam::111111111111:user/alice", kAccount},
        PrincipalRow{kPrinc, P{{"Federated", "accounts.google.com"}}, false, "accounts.google.com",
                     kExact},
        PrincipalRow{kPrinc, P{{"Federated", "arn:aws:iam::111111111111:saml-provider/corp"}},
                     false, "arn:aws:iam::111111111111:saml-provider/corp", kExact},
        PrincipalRow{"aws-semantics.md 5.2 (multiple values: OR, strongest wins)",
                     P{{"AWS", "222222222222"}, {"AWS", "arn:aws:iam::222222222222:user/bob"}},
                     false, "arn:aws:iam::222222222222:user/bob", kExact},
        PrincipalRow{"aws-semantics.md 5.2 (no partial wildcards)",
                     P{{"AWS", "arn:aws:iam::222222222222:user/*"}}, false,
                     "arn:aws:iam::222222222222:user/bob", kNone},
        PrincipalRow{kNotPrinc,
                     P{{"AWS", "arn:aws:iam::444455556666:user/Bob"},
                       {"AWS", "arn:aws:iam::444455556666:root"}},
                     true, "arn:aws:iam::444455556666:user/Bob", kNone},
        PrincipalRow{"aws-semantics.md 5.3 (NotPrincipal without the account ARN)",
                     P{{"AWS", "arn:aws:iam::444455556666:user/Bob"}}, true,
                     "arn:aws:iam::444455556666:user/Bob", kNot},
        PrincipalRow{kNotPrinc,
                     P{{"AWS", "arn:aws:iam::444455556666:user/Bob"},
                       {"AWS", "arn:aws:iam::444455556666:root"}},
                     true, "arn:aws:iam::444455556666:user/Alice", kNot},
        PrincipalRow{kNotPrinc,
                     P{{"AWS",
                        "arn:aws:sts::444455556666:assumed-role/cross-account-read-only-role/"
                        "cross-account-audit-app"},
                       {"AWS", "arn:aws:iam::444455556666:role/cross-account-read-only-role"},
                       {"AWS", "arn:aws:iam::444455556666:root"}},
                     true,
                     "arn:aws:sts::444455556666:assumed-role/cross-account-read-only-role/"
                     "cross-account-audit-app",
                     kNone},
        PrincipalRow{"aws-semantics.md 5.3 (NotPrincipal missing the role ARN)",
                     P{{"AWS",
                        "arn:aws:sts::444455556666:assumed-role/cross-account-read-only-role/"
                        "cross-account-audit-app"},
                       {"AWS", "arn:aws:iam::444455556666:root"}},
                     true,
                     "arn:aws:sts::444455556666:assumed-role/cross-account-read-only-role/"
                     "cross-account-audit-app",
                     kNot},
        PrincipalRow{kNotPrinc, P{{"AWS", "arn:aws:iam::444455556666:root"}}, true, "anonymous",
                     kNot}));

TEST(PrincipalMatching, AbsentElementIsIdentityStyle) {
  PrincipalElement el;
  EXPECT_EQ(principal_matches(el, testing_util::principal("anonymous")),
            PrincipalMatch::kNoPrincipalElement);
}

TEST(PrincipalMatching, DeletedPrincipalUniqueId) {
  // aws-semantics.md 5.2 / 13 row 34: a recreated role has a new unique ID.
  PrincipalElement el;
  el.present = true;
  el.values.push_back({"AWS", "AROA1234567890EXAMPLE", {}});
  Principal who = testing_util::principal("arn:aws:sts::222222222222:assumed-role/site-uploader/s");
  EXPECT_EQ(principal_matches(el, who), PrincipalMatch::kNone);
  who.unique_id = "AROA1234567890EXAMPLE";
  EXPECT_EQ(principal_matches(el, who), PrincipalMatch::kExact);
}

TEST(ParsePrincipal, Forms) {
  auto p = parse_principal("arn:aws:sts::222222222222:assumed-role/site-uploader/sess");
  ASSERT_TRUE(p);
  EXPECT_EQ(p->kind, PrincipalKind::kRoleSession);
  EXPECT_EQ(p->role_arn, "arn:aws:iam::222222222222:role/site-uploader");
  EXPECT_EQ(p->session_name, "sess");
  EXPECT_EQ(p->account, "222222222222");
  p = parse_principal("arn:aws:iam::222222222222:role/path/site-uploader");
  ASSERT_TRUE(p);
  EXPECT_EQ(p->kind, PrincipalKind::kRoleSession);
  EXPECT_EQ(p->role_name, "site-uploader");
  EXPECT_TRUE(p->session_name.empty());
  p = parse_principal("111111111111");
  ASSERT_TRUE(p);
  EXPECT_EQ(p->kind, PrincipalKind::kAccountRoot);
  EXPECT_EQ(p->arn, "arn:aws:iam::111111111111:root");
  p = parse_principal(kOaiArn);
  ASSERT_TRUE(p);
  EXPECT_EQ(p->kind, PrincipalKind::kOai);
  EXPECT_EQ(p->oai_id, "E74FTE3AEXAMPLE");
  p = parse_principal("cloudfront.amazonaws.com");
  ASSERT_TRUE(p);
  EXPECT_EQ(p->kind, PrincipalKind::kService);
  p = parse_principal("Anonymous");
  ASSERT_TRUE(p);
  EXPECT_EQ(p->kind, PrincipalKind::kAnonymous);
  EXPECT_FALSE(parse_principal("bob"));
  EXPECT_FALSE(parse_principal("arn:aws:iam::222222222222:group/admins"));
  EXPECT_FALSE(parse_principal("arn:aws:sts::222222222222:assumed-role/no-session"));
}

TEST(PrincipalFromValue, RepresentativeRequesters) {
  const IdentityDirectory dir = directory();
  auto p = principal_from_value({"CanonicalUser", kOaiCanonical, {}}, &dir);
  ASSERT_TRUE(p);
  EXPECT_EQ(p->kind, PrincipalKind::kOai);
  EXPECT_EQ(p->oai_id, "E74FTE3AEXAMPLE");
  p = principal_from_value({"AWS", "222222222222", {}}, &dir);
  ASSERT_TRUE(p);
  EXPECT_EQ(p->kind, PrincipalKind::kAccountRoot);
  p = principal_from_value({"Service", "cloudfront.amazonaws.com", {}}, &dir);
  ASSERT_TRUE(p);
  EXPECT_EQ(p->kind, PrincipalKind::kService);
  EXPECT_FALSE(principal_from_value({"*", "*", {}}, &dir));
  EXPECT_FALSE(principal_from_value({"AWS", "*", {}}, &dir));
}

TEST(EffectiveContext, EngineFillsGlobalKeys) {
  Request r = testing_util::request("arn:aws:sts::222222222222:assumed-role/site-uploader/s1",
                                    "s3:PutObject", "arn:aws:s3:::b/k", "111111111111");
  Context c = effective_context(r);
  ASSERT_NE(c.find("aws:PrincipalArn"), nullptr);
  EXPECT_EQ(c.find("aws:principalarn")->front(), "arn:aws:iam::222222222222:role/site-uploader");
  EXPECT_EQ(c.find("aws:PrincipalAccount")->front(), "222222222222");
  EXPECT_EQ(c.find("aws:PrincipalType")->front(), "AssumedRole");
  EXPECT_EQ(c.find("aws:ResourceAccount")->front(), "111111111111");
  EXPECT_EQ(c.find("aws:username"), nullptr);

  r = testing_util::request("arn:aws:iam::222222222222:user/bob", "s3:GetObject",
                            "arn:aws:s3:::b/k", "111111111111");
  r.context.set("aws:PrincipalArn", "given");
  c = effective_context(r);
  EXPECT_EQ(c.find("aws:username")->front(), "bob");
  EXPECT_EQ(c.find("aws:PrincipalType")->front(), "User");
  EXPECT_EQ(c.find("aws:PrincipalArn")->front(), "given");  // the request wins

  r = testing_util::request("anonymous", "s3:GetObject", "arn:aws:s3:::b/k", "111111111111");
  c = effective_context(r);
  EXPECT_EQ(c.find("aws:PrincipalType")->front(), "Anonymous");
  EXPECT_EQ(c.find("aws:PrincipalAccount"), nullptr);

  r = testing_util::request("cloudfront.amazonaws.com", "s3:GetObject", "arn:aws:s3:::b/k",
                            "111111111111");
  c = effective_context(r);
  EXPECT_EQ(c.find("aws:PrincipalIsAWSService")->front(), "true");
  EXPECT_EQ(c.find("aws:PrincipalServiceName")->front(), "cloudfront.amazonaws.com");

  r.context.set_unknown("aws:ResourceAccount");
  c = effective_context(r);
  EXPECT_TRUE(c.is_unknown("aws:ResourceAccount"));  // declared unknown stays unknown
}

}  // namespace
}  // namespace bucketlint::eval
