// Policy-grammar rules PL001-PL021: shared predicates, one positive and one negative case per
// rule (inline JSON), clean policies, and a run over an external policy corpus.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "helpers.h"
#include "lint_helpers.h"
#include "load/policy_builder.h"

namespace bucketlint {
namespace {

using testing::ElementsAre;
using testing::IsEmpty;
using testing_util::lint;
using testing_util::LintFile;
using testing_util::rule_ids;

// IDs of this family's grammar rules (other PL rules live in other files).
bool is_grammar_rule(std::string_view id) {
  return id.size() == 5 && id.substr(0, 3) == "PL0" && id <= "PL021";
}

std::vector<std::string> grammar_ids(const std::unique_ptr<testing_util::LintRun>& run) {
  std::vector<std::string> ids;
  for (const std::string& id : rule_ids(run)) {
    if (is_grammar_rule(id)) ids.push_back(id);
  }
  return ids;
}

// Runs one rule over one document (optionally of a forced kind).
std::unique_ptr<testing_util::LintRun> run_rule(const std::string& id, const std::string& text,
                                                std::optional<DocumentKind> kind = std::nullopt) {
  return lint({{"p.json", text, kind}}, id);
}

const Finding& only_finding(const std::unique_ptr<testing_util::LintRun>& run) {
  EXPECT_EQ(run->result.findings.size(), 1u);
  static const Finding kNone{};  // keeps a failing test from throwing
  return run->result.findings.empty() ? kNone : run->result.findings.front();
}

constexpr DocumentKind kIdentity = DocumentKind::kIdentityPolicy;
constexpr DocumentKind kTrust = DocumentKind::kTrustPolicy;
constexpr DocumentKind kBucket = DocumentKind::kBucketPolicy;

// ---------------------------------------------------------------------------------------------
// Shared predicates

TEST(GrammarHelpers, AccountIds) {
  EXPECT_TRUE(rules::is_account_id("111122223333"));
  EXPECT_TRUE(rules::is_account_id("000000000001"));
  EXPECT_FALSE(rules::is_account_id("11112222333"));
  EXPECT_FALSE(rules::is_account_id("1111-2222-3333"));
  EXPECT_FALSE(rules::is_account_id("11112222333a"));
}

TEST(GrammarHelpers, SplitArn) {
  const rules::ArnFields a = rules::split_arn("arn:aws:s3:::bucket/key:with:colons");
  EXPECT_EQ(a.fields, 6);
  EXPECT_EQ(a.partition, "aws");
  EXPECT_EQ(a.service, "s3");
  EXPECT_EQ(a.region, "");
  EXPECT_EQ(a.account, "");
  EXPECT_EQ(a.resource, "bucket/key:with:colons");
  const rules::ArnFields b = rules::split_arn("arn:aws:s3:bucket");
  EXPECT_EQ(b.fields, 4);
  EXPECT_EQ(b.region, "bucket");
  EXPECT_EQ(rules::split_arn("*").fields, 1);
  const rules::ArnFields c = rules::split_arn("arn:${aws:partition}:s3:::b/${aws:username}");
  EXPECT_EQ(c.fields, 6);
  EXPECT_EQ(c.partition, "${aws:partition}");
  EXPECT_EQ(c.resource, "b/${aws:username}");
}

TEST(GrammarHelpers, PolicyVariablesAndWildcards) {
  EXPECT_TRUE(rules::has_policy_variable("home/${aws:username}/*"));
  EXPECT_FALSE(rules::has_policy_variable("home/$aws:username/*"));
  EXPECT_FALSE(rules::has_policy_variable("${unterminated"));
  EXPECT_TRUE(rules::has_wildcard("role/a?"));
  EXPECT_FALSE(rules::has_wildcard("role/a"));
}

TEST(GrammarHelpers, UniquePrincipalIds) {
  EXPECT_TRUE(rules::is_unique_principal_id("AROADBQP57FF2AEXAMPLE"));
  EXPECT_TRUE(rules::is_unique_principal_id("AIDACKCEVSQ6C2EXAMPLE"));
  EXPECT_FALSE(rules::is_unique_principal_id("AROA"));
  EXPECT_FALSE(rules::is_unique_principal_id("ACCOUNT-A-ID"));
}

// ---------------------------------------------------------------------------------------------
// PL001 invalid-version

TEST(PL001, FlagsUnknownVersionAtTheValue) {
  auto run = run_rule("PL001", R"({
  "Version": "2012-10-18",
  "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]
})");
  const Finding& f = only_finding(run);
  EXPECT_EQ(f.where.pointer(), "/Version");
  EXPECT_EQ(f.where.line(), 2);
  EXPECT_EQ(f.where.column(), 14);
  EXPECT_EQ(f.severity, Severity::kError);
  EXPECT_THAT(f.message, testing::HasSubstr("'2012-10-18'"));
}

TEST(PL001, AcceptsBothLanguageVersions) {
  for (const char* v : {"2012-10-17", "2008-10-17"}) {
    auto run = run_rule("PL001", std::string(R"({"Version": ")") + v +
                                     R"(", "Statement": {"Effect": "Allow", "Action": "s3:*",
                                     "Resource": "*"}})");
    EXPECT_THAT(rule_ids(run), IsEmpty()) << v;
  }
}

// ---------------------------------------------------------------------------------------------
// PL002 missing-version

TEST(PL002, FlagsMissingVersion) {
  auto run = run_rule("PL002", R"({"Statement": {"Effect": "Allow", "Action": "s3:*",
      "Resource": "*"}})");
  const Finding& f = only_finding(run);
  EXPECT_EQ(f.severity, Severity::kWarning);
  EXPECT_EQ(f.where.line(), 1);
  EXPECT_EQ(f.where.column(), 1);
}

TEST(PL002, QuietWithVersion) {
  auto run = run_rule("PL002", R"({"Version": "2008-10-17", "Statement": {"Effect": "Allow",
      "Action": "s3:*", "Resource": "*"}})");
  EXPECT_THAT(rule_ids(run), IsEmpty());
}

// ---------------------------------------------------------------------------------------------
// PL003 variable-in-old-version

constexpr const char* kVariablePolicy = R"({%s
  "Statement": [{"Effect": "Allow", "Action": "s3:GetObject",
    "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/home/${aws:username}/*",
    "Condition": {"StringEquals": {"aws:PrincipalTag/team": "${aws:ResourceTag/team}"}}}]
})";

std::string with_version(const char* version_member) {
  std::string text = kVariablePolicy;
  text.replace(text.find("%s"), 2, version_member);
  return text;
}

TEST(PL003, ExplicitOldVersionIsAnErrorWithNotes) {
  auto run = run_rule("PL003", with_version(R"("Version": "2008-10-17",)"));
  const Finding& f = only_finding(run);
  EXPECT_EQ(f.severity, Severity::kError);
  EXPECT_EQ(f.where.pointer(), "/Statement/0/Resource");
  EXPECT_EQ(f.where.line(), 3);
  ASSERT_EQ(f.notes.size(), 2u);
  EXPECT_EQ(f.notes[0].where.pointer(), "/Version");
  EXPECT_EQ(f.notes[1].where.pointer(),
            "/Statement/0/Condition/StringEquals/aws:PrincipalTag~1team");
}

TEST(PL003, MissingVersionIsAWarning) {
  auto run = run_rule("PL003", with_version(""));
  const Finding& f = only_finding(run);
  EXPECT_EQ(f.severity, Severity::kWarning);
}

TEST(PL003, QuietUnderCurrentVersionOrWithoutVariables) {
  EXPECT_THAT(rule_ids(run_rule("PL003", with_version(R"("Version": "2012-10-17",)"))), IsEmpty());
  EXPECT_THAT(rule_ids(run_rule("PL003", R"({"Version": "2008-10-17", "Statement": {
      "Effect": "Allow", "Action": "s3:*", "Resource": "arn:aws:s3:::b/$literal"}})")),
              IsEmpty());
}

// ---------------------------------------------------------------------------------------------
// PL004 invalid-effect

TEST(PL004, FlagsWrongCaseAndMissingEffect) {
  auto run = run_rule("PL004", R"({"Version": "2012-10-17", "Statement": [
    {"Effect": "allow", "Action": "s3:GetObject", "Resource": "*"},
    {"Action": "s3:GetObject", "Resource": "*"}]})");
  ASSERT_THAT(rule_ids(run), ElementsAre("PL004", "PL004"));
  EXPECT_EQ(run->result.findings[0].where.pointer(), "/Statement/0/Effect");
  EXPECT_THAT(run->result.findings[0].remediation, testing::HasSubstr("'Allow'"));
  EXPECT_EQ(run->result.findings[1].where.pointer(), "/Statement/1");
  EXPECT_EQ(run->result.findings[1].message, "statement 2 has no 'Effect'");
}

TEST(PL004, AcceptsAllowAndDeny) {
  auto run = run_rule("PL004", R"({"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"},
    {"Effect": "Deny", "Action": "s3:PutObject", "Resource": "*"}]})");
  EXPECT_THAT(rule_ids(run), IsEmpty());
}

// ---------------------------------------------------------------------------------------------
// PL005 missing-statement

TEST(PL005, FlagsEmptyStatementArray) {
  auto run = run_rule("PL005", R"({"Version": "2012-10-17", "Statement": []})");
  EXPECT_EQ(only_finding(run).where.pointer(), "/Statement");
}

TEST(PL005, FlagsMissingStatementInAPolicyTheModelHolds) {
  // The loader does not read a document without Statement as a policy (IN008), but policies
  // embedded in other documents, or built by other front ends, can lack it: build one directly.
  auto run = std::make_unique<testing_util::LintRun>();
  run->rules = make_builtin_rules();
  std::erase_if(run->rules, [](const auto& r) { return r->info().id != "PL005"; });
  run->model.sources.push_back(
      std::make_unique<SourceFile>("p.json", R"({"Version": "2012-10-17"})"));
  JsonParseResult parsed = parse_json(run->model.sources.back()->text());
  ASSERT_TRUE(parsed.value.has_value());
  run->model.trees.push_back(std::make_unique<JsonValue>(std::move(*parsed.value)));
  std::vector<LoadDiagnostic> diagnostics;
  run->model.policies.push_back(build_policy(*run->model.sources.back(), *run->model.trees.back(),
                                             "", PolicyKind::kIdentity, diagnostics));
  run->result = run_rules(run->model, run->rules);
  const Finding& f = only_finding(run);
  EXPECT_EQ(f.where.pointer(), "");
  EXPECT_EQ(f.where.line(), 1);
}

TEST(PL005, QuietWithStatementObject) {
  auto run = run_rule("PL005", R"({"Version": "2012-10-17", "Statement": {"Effect": "Allow",
      "Action": "s3:*", "Resource": "*"}})");
  EXPECT_THAT(rule_ids(run), IsEmpty());
}

// ---------------------------------------------------------------------------------------------
// PL006 missing-action

TEST(PL006, FlagsStatementWithoutAction) {
  auto run = run_rule("PL006", R"({"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Resource": "*"}]})");
  EXPECT_EQ(only_finding(run).where.pointer(), "/Statement/0");
}

TEST(PL006, NotActionCounts) {
  auto run = run_rule("PL006", R"({"Version": "2012-10-17", "Statement": [
    {"Effect": "Deny", "NotAction": "iam:*", "Resource": "*"}]})");
  EXPECT_THAT(rule_ids(run), IsEmpty());
}

// ---------------------------------------------------------------------------------------------
// PL007 missing-resource

TEST(PL007, FlagsBucketPolicyWithoutResource) {
  auto run = run_rule("PL007", R"({"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Principal": {"AWS": "111122223333"}, "Action": "s3:GetObject"}]})",
                      kBucket);
  const Finding& f = only_finding(run);
  EXPECT_EQ(f.where.pointer(), "/Statement/0");
  EXPECT_EQ(f.severity, Severity::kError);
}

TEST(PL007, GenericResourcePolicyIsAWarning) {
  auto run = run_rule("PL007", R"({"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Principal": {"AWS": "111122223333"}, "Action": "ecr:BatchGetImage"}]})");
  const Finding& f = only_finding(run);
  EXPECT_EQ(f.severity, Severity::kWarning);
  EXPECT_THAT(f.message, testing::HasSubstr("resource policy"));
}

TEST(PL007, TrustPoliciesAreExempt) {
  auto run = run_rule("PL007", R"({"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}]})");
  EXPECT_THAT(rule_ids(run), IsEmpty());
}

// ---------------------------------------------------------------------------------------------
// PL008 missing-principal

TEST(PL008, FlagsStatementWithoutPrincipalInBucketPolicy) {
  auto run = run_rule("PL008", R"({"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"},
    {"Effect": "Deny", "Action": "s3:DeleteObject", "Resource": "arn:aws:s3:::b/*"}]})");
  EXPECT_EQ(only_finding(run).where.pointer(), "/Statement/1");
}

TEST(PL008, IdentityPoliciesNeedNoPrincipal) {
  auto run = run_rule("PL008", R"({"Version": "2012-10-17", "Statement": [
    {"Effect": "Deny", "Action": "s3:DeleteObject", "Resource": "arn:aws:s3:::b/*"}]})");
  EXPECT_THAT(rule_ids(run), IsEmpty());
}

// ---------------------------------------------------------------------------------------------
// PL009 principal-in-identity-policy

constexpr const char* kPrincipalPolicy = R"({"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Principal": {"AWS": "111122223333"}, "Action": "s3:GetObject",
     "Resource": "arn:aws:s3:::b/*"}]})";

TEST(PL009, FlagsPrincipalInForcedIdentityPolicy) {
  auto run = run_rule("PL009", kPrincipalPolicy, kIdentity);
  EXPECT_EQ(only_finding(run).where.pointer(), "/Statement/0/Principal");
}

TEST(PL009, QuietForBucketPolicy) {
  EXPECT_THAT(rule_ids(run_rule("PL009", kPrincipalPolicy)), IsEmpty());
}

// ---------------------------------------------------------------------------------------------
// PL010 resource-in-trust-policy

constexpr const char* kTrustWithResource = R"({"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole",
     "Resource": "*"}]})";

TEST(PL010, FlagsResourceInTrustPolicy) {
  auto run = run_rule("PL010", kTrustWithResource, kTrust);
  const Finding& f = only_finding(run);
  EXPECT_EQ(f.where.pointer(), "/Statement/0/Resource");
  EXPECT_EQ(f.where.line(), 3);
}

TEST(PL010, QuietForTrustPolicyWithoutResource) {
  auto run = run_rule("PL010", R"({"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}]})",
                      kTrust);
  EXPECT_THAT(rule_ids(run), IsEmpty());
}

// ---------------------------------------------------------------------------------------------
// PL011 conflicting-elements

TEST(PL011, FlagsEachPairAtTheSecondElement) {
  auto run = run_rule("PL011", R"({"Version": "2012-10-17", "Statement": [
    {"Effect": "Deny", "Principal": "*", "NotPrincipal": {"AWS": "111122223333"},
     "Action": "s3:*", "NotAction": "s3:GetObject",
     "NotResource": "arn:aws:s3:::b", "Resource": "arn:aws:s3:::b/*"}]})");
  ASSERT_THAT(rule_ids(run), ElementsAre("PL011", "PL011", "PL011"));
  std::vector<std::string> pointers;
  for (const Finding& f : run->result.findings) pointers.push_back(f.where.pointer());
  EXPECT_THAT(pointers,
              testing::UnorderedElementsAre("/Statement/0/NotPrincipal", "/Statement/0/NotAction",
                                            "/Statement/0/Resource"));
  for (const Finding& f : run->result.findings) EXPECT_EQ(f.notes.size(), 1u);
}

TEST(PL011, QuietForOneOfEachPair) {
  auto run = run_rule("PL011", R"({"Version": "2012-10-17", "Statement": [
    {"Effect": "Deny", "NotPrincipal": {"AWS": "111122223333"}, "NotAction": "s3:GetObject",
     "NotResource": "arn:aws:s3:::b/*"}]})");
  EXPECT_THAT(rule_ids(run), IsEmpty());
}

// ---------------------------------------------------------------------------------------------
// PL012 allow-with-not-principal

TEST(PL012, AllowWithNotPrincipalIsAWarning) {
  auto run = run_rule("PL012", R"({"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "NotPrincipal": {"AWS": "arn:aws:iam::111122223333:user/Bob"},
     "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}]})");
  const Finding& f = only_finding(run);
  EXPECT_EQ(f.severity, Severity::kWarning);
  EXPECT_EQ(f.where.pointer(), "/Statement/0/NotPrincipal");
}

TEST(PL012, NotPrincipalInTrustPolicyIsAnError) {
  auto run = run_rule("PL012", R"({"Version": "2012-10-17", "Statement": [
    {"Effect": "Deny", "NotPrincipal": {"AWS": "arn:aws:iam::111122223333:root"},
     "Action": "sts:AssumeRole"}]})",
                      kTrust);
  EXPECT_EQ(only_finding(run).severity, Severity::kError);
}

TEST(PL012, DenyWithNotPrincipalInBucketPolicyIsQuiet) {
  auto run = run_rule("PL012", R"({"Version": "2012-10-17", "Statement": [
    {"Effect": "Deny", "NotPrincipal": {"AWS": "arn:aws:iam::111122223333:root"},
     "Action": "s3:*", "Resource": "arn:aws:s3:::b/*"}]})");
  EXPECT_THAT(rule_ids(run), IsEmpty());
}

// ---------------------------------------------------------------------------------------------
// PL013 duplicate-sid

constexpr const char* kDuplicateSids = R"({"Version": "2012-10-17", "Statement": [
    {"Sid": "Read", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"},
    {"Sid": "List", "Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::b"},
    {"Sid": "Read", "Effect": "Allow", "Action": "s3:GetObjectTagging", "Resource": "arn:aws:s3:::b/*"}]})";

TEST(PL013, DuplicateInIdentityPolicyIsAnErrorWithNote) {
  auto run = run_rule("PL013", kDuplicateSids);
  const Finding& f = only_finding(run);
  EXPECT_EQ(f.severity, Severity::kError);
  EXPECT_EQ(f.where.pointer(), "/Statement/2/Sid");
  EXPECT_EQ(f.where.line(), 4);
  ASSERT_EQ(f.notes.size(), 1u);
  EXPECT_EQ(f.notes[0].where.pointer(), "/Statement/0/Sid");
  EXPECT_EQ(f.notes[0].where.line(), 2);
}

TEST(PL013, DuplicateInBucketPolicyIsAWarning) {
  auto run = run_rule("PL013", kDuplicateSids, kBucket);
  EXPECT_EQ(only_finding(run).severity, Severity::kWarning);
}

TEST(PL013, UniqueSidsAreQuiet) {
  auto run = run_rule("PL013", R"({"Version": "2012-10-17", "Statement": [
    {"Sid": "Read", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"},
    {"Sid": "read", "Effect": "Allow", "Action": "s3:ListBucket", "Resource": "*"},
    {"Sid": "", "Effect": "Allow", "Action": "s3:ListBucket", "Resource": "*"},
    {"Sid": "", "Effect": "Allow", "Action": "s3:ListBucket", "Resource": "*"}]})");
  EXPECT_THAT(rule_ids(run), IsEmpty());
}

// ---------------------------------------------------------------------------------------------
// PL014 invalid-sid

TEST(PL014, IamSidWithPunctuationIsAnError) {
  auto run = run_rule("PL014", R"({"Version": "2012-10-17", "Statement": [
    {"Sid": "read-only_access", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]})");
  const Finding& f = only_finding(run);
  EXPECT_EQ(f.severity, Severity::kError);
  EXPECT_EQ(f.where.pointer(), "/Statement/0/Sid");
  EXPECT_THAT(f.message, testing::HasSubstr("'-'"));
}

TEST(PL014, EmptySidIsANote) {
  auto run = run_rule("PL014", R"({"Version": "2012-10-17", "Statement": [
    {"Sid": "", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]})");
  EXPECT_EQ(only_finding(run).severity, Severity::kNote);
}

TEST(PL014, BucketPolicySidWithSpacesIsFine) {
  auto run = run_rule("PL014", R"({"Version": "2012-10-17", "Statement": [
    {"Sid": "Only allow writes to my bucket with bucket owner full control", "Effect": "Allow",
     "Principal": {"AWS": "111122223333"}, "Action": "s3:PutObject",
     "Resource": "arn:aws:s3:::b/*"}]})");
  EXPECT_THAT(rule_ids(run), IsEmpty());
}

// ---------------------------------------------------------------------------------------------
// PL015 empty-element

TEST(PL015, FlagsEmptyContainers) {
  auto run = run_rule("PL015", R"({"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Principal": {"AWS": []}, "Action": [], "Resource": "arn:aws:s3:::b/*",
     "Condition": {"StringEquals": {}, "ForAllValues:StringLike": {"aws:TagKeys": []}}},
    {"Effect": "Allow", "Principal": {}, "Action": "s3:GetObject", "NotResource": [],
     "Condition": {}}]})");
  std::vector<std::string> pointers;
  for (const Finding& f : run->result.findings) {
    EXPECT_EQ(f.severity, Severity::kNote);
    pointers.push_back(f.where.pointer());
  }
  EXPECT_THAT(pointers,
              testing::UnorderedElementsAre(
                  "/Statement/0/Action", "/Statement/0/Principal/AWS",
                  "/Statement/0/Condition/StringEquals",
                  "/Statement/0/Condition/ForAllValues:StringLike/aws:TagKeys",
                  "/Statement/1/NotResource", "/Statement/1/Principal", "/Statement/1/Condition"));
}

TEST(PL015, QuietForFilledElements) {
  auto run = run_rule("PL015", R"({"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Principal": {"AWS": ["111122223333"]}, "Action": ["s3:GetObject"],
     "Resource": "arn:aws:s3:::b/*", "Condition": {"StringEquals": {"aws:SourceVpc": ["vpc-1"]}}}]})");
  EXPECT_THAT(rule_ids(run), IsEmpty());
}

// ---------------------------------------------------------------------------------------------
// PL016 unknown-condition-operator

TEST(PL016, FlagsUnknownOperatorAtTheKey) {
  auto run = run_rule("PL016", R"({"Version": "2012-10-17", "Statement": [
    {"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "arn:aws:s3:::b/*",
     "Condition": {"Boolean": {"aws:SecureTransport": "false"}}}]})");
  const Finding& f = only_finding(run);
  EXPECT_EQ(f.severity, Severity::kError);
  EXPECT_EQ(f.where.pointer(), "/Statement/0/Condition/Boolean");
  EXPECT_EQ(f.where.line(), 3);
  EXPECT_EQ(f.where.column(), 20);
}

TEST(PL016, CaseDifferenceIsAWarning) {
  auto run = run_rule("PL016", R"({"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Action": "s3:*", "Resource": "*",
     "Condition": {"ForAnyValue:Stringlike": {"aws:TagKeys": "team*"}}}]})");
  const Finding& f = only_finding(run);
  EXPECT_EQ(f.severity, Severity::kWarning);
  EXPECT_THAT(f.message, testing::HasSubstr("'ForAnyValue:StringLike'"));
}

TEST(PL016, DocumentedOperatorsAreQuiet) {
  auto run = run_rule("PL016", R"({"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Action": "s3:*", "Resource": "*",
     "Condition": {"StringEqualsIfExists": {"a:b": "c"}, "ForAllValues:ArnLike": {"a:c": "arn:*"},
       "NullIfExists": {"a:d": "true"}, "NumericLessThanEquals": {"s3:max-keys": "10"},
       "IpAddress": {"aws:SourceIp": "192.0.2.0/24"}, "DateGreaterThan": {"aws:CurrentTime": "2020-01-01T00:00:00Z"},
       "BinaryEquals": {"a:e": "QmluYXJ5"}, "Bool": {"aws:MultiFactorAuthPresent": "true"}}}]})");
  EXPECT_THAT(rule_ids(run), IsEmpty());
}

// ---------------------------------------------------------------------------------------------
// PL017 malformed-arn

TEST(PL017, FlagsMalformedResourceArns) {
  auto run = run_rule("PL017", R"({"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Action": "s3:GetObject", "Resource": [
      "amzn-s3-demo-bucket/*",
      "arn:aws:s3:amzn-s3-demo-bucket",
      "arn:amazon:s3:::b",
      "arn:aws:S3:::b",
      "arn:aws:ec2:us_east_1:111122223333:instance/*",
      "arn:aws:s3:us-east-1::b/*",
      "arn:aws:s3:::",
      "ARN:aws:s3:::b"]}]})");
  std::vector<std::string> pointers;
  for (const Finding& f : run->result.findings) pointers.push_back(f.where.pointer());
  EXPECT_EQ(pointers.size(), 8u);
  EXPECT_EQ(run->result.findings.at(0).where.line(), 3);
  EXPECT_THAT(run->result.findings.at(5).message, testing::HasSubstr("region 'us-east-1'"));
  EXPECT_EQ(run->result.findings.at(6).severity, Severity::kWarning);  // empty resource part
}

TEST(PL017, S3BucketArnWithAccountIsFlagged) {
  auto run = run_rule("PL017", R"({"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Principal": {"AWS": "111122223333"}, "Action": "s3:GetObject",
     "Resource": "arn:aws:s3:::b/*"},
    {"Effect": "Allow", "Principal": {"AWS": "111122223333"}, "Action": "s3:GetObject",
     "Resource": "arn:aws:s3::111122223333:b/*"}]})");
  const Finding& f = only_finding(run);
  EXPECT_EQ(f.where.pointer(), "/Statement/1/Resource");
  EXPECT_THAT(f.message, testing::HasSubstr("account '111122223333'"));
}

TEST(PL017, WellFormedArnsAreQuiet) {
  auto run = run_rule("PL017", R"({"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Action": "*", "Resource": [
      "*", "arn:aws:s3:::b", "arn:aws:s3:::b/key:with:colons",
      "arn:aws:s3:us-west-2:111122223333:accesspoint/ap/object/*",
      "arn:aws-cn:ec2:cn-north-1:111122223333:instance/*", "arn:*:iam::*:role/x",
      "arn:aws:iam::aws:policy/ReadOnlyAccess", "arn:aws:s3:*",
      "arn:${aws:partition}:s3:::b", "arn:aws:dynamodb:*:*:table/${aws:username}"]}]})");
  EXPECT_THAT(rule_ids(run), IsEmpty());
}

// ---------------------------------------------------------------------------------------------
// PL018 malformed-account-id

TEST(PL018, FlagsAccountIdsThatAreNot12Digits) {
  auto run = run_rule("PL018", R"({"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Principal": {"AWS": ["1111-2222-3333", "arn:aws:iam::11112222333:root"]},
     "Action": "s3:GetObject", "Resource": "arn:aws:kms:us-east-1:ACCOUNT_ID:key/k",
     "Condition": {"StringEquals": {"aws:SourceAccount": "11112222333"}}}]})");
  std::vector<std::string> pointers;
  for (const Finding& f : run->result.findings) pointers.push_back(f.where.pointer());
  EXPECT_THAT(pointers, testing::UnorderedElementsAre(
                            "/Statement/0/Principal/AWS/0", "/Statement/0/Principal/AWS/1",
                            "/Statement/0/Resource",
                            "/Statement/0/Condition/StringEquals/aws:SourceAccount"));
}

TEST(PL018, ValidAndSpecialAccountsAreQuiet) {
  auto run = run_rule("PL018", R"({"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Principal": {"AWS": ["111122223333", "arn:aws:iam::111122223333:root",
       "arn:aws:iam::cloudfront:user/CloudFront Origin Access Identity E2QWRUHAPOMQZL"]},
     "Action": "s3:GetObject", "Resource": ["arn:aws:iam::aws:policy/x", "arn:aws:ec2:*:*:instance/*",
       "arn:aws:s3:::b/*", "arn:aws:dynamodb:*:${aws:PrincipalAccount}:table/t"],
     "Condition": {"Null": {"aws:SourceAccount": "false"},
       "StringLike": {"aws:PrincipalAccount": "1111*"}}}]})");
  EXPECT_THAT(rule_ids(run), IsEmpty());
}

// ---------------------------------------------------------------------------------------------
// PL019 malformed-principal

TEST(PL019, FlagsMalformedPrincipals) {
  auto run = run_rule("PL019", R"({"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Principal": {"aws": "111122223333",
       "AWS": ["arn:aws:iam::*:root", "arn:aws:iam::111122223333:role/*",
               "arn:aws:iam::111122223333:group/devs", "ACCOUNT-A-ID",
               "arn:aws:s3:::b", "arn:aws:sts::111122223333:assumed-role/r"],
       "Service": ["*.amazonaws.com", "EC2"],
       "Federated": "*",
       "CanonicalUser": "79a59df900b949e55d96a1e698fbaced"},
     "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"},
    {"Effect": "Allow", "Principal": "111122223333", "Action": "s3:GetObject",
     "Resource": "arn:aws:s3:::b/*"}]})");
  std::vector<std::string> pointers;
  for (const Finding& f : run->result.findings) pointers.push_back(f.where.pointer());
  EXPECT_THAT(pointers, testing::UnorderedElementsAre(
                            "/Statement/0/Principal/aws", "/Statement/0/Principal/AWS/0",
                            "/Statement/0/Principal/AWS/1", "/Statement/0/Principal/AWS/2",
                            "/Statement/0/Principal/AWS/3", "/Statement/0/Principal/AWS/4",
                            "/Statement/0/Principal/AWS/5", "/Statement/0/Principal/Service/0",
                            "/Statement/0/Principal/Federated",
                            "/Statement/0/Principal/CanonicalUser", "/Statement/1/Principal"));
  // 'EC2' (Service/1) has no wildcard: its form is PL114's, so it is reported only once.
}

TEST(PL019, DocumentedFormsAreQuiet) {
  auto run = run_rule("PL019", R"({"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Principal": {"AWS": ["*", "111122223333", "arn:aws:iam::111122223333:root",
       "arn:aws:iam::111122223333:user/division/Bob", "arn:aws:iam::111122223333:role/path/app",
       "arn:aws:sts::111122223333:assumed-role/app/session-1",
       "arn:aws:sts::111122223333:federated-user/Carol",
       "arn:aws:iam::cloudfront:user/CloudFront Origin Access Identity E74FTE3AEXAMPLE",
       "AROADBQP57FF2AEXAMPLE"],
       "Service": ["cloudfront.amazonaws.com", "elasticmapreduce.amazonaws.com.cn"],
       "Federated": ["arn:aws:iam::111122223333:saml-provider/Okta", "accounts.google.com"],
       "CanonicalUser": "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be"},
     "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"},
    {"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"},
    {"Effect": "Allow", "Principal": {"CanonicalUser": "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cdEXAMPLE"},
     "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}]})");
  EXPECT_THAT(rule_ids(run), IsEmpty());
}

// The S3CanonicalUserId of a CloudFront origin access identity has 96 hex characters (as seen
// in Terraform state); 63, 65 and 97 characters are still errors.
TEST(PL019, OriginAccessIdentityCanonicalIdsAreAccepted) {
  const std::string oai(96, 'e');
  auto quiet = run_rule("PL019", fmt::format(R"({{"Version": "2012-10-17", "Statement": [
    {{"Effect": "Allow", "Principal": {{"CanonicalUser": "{}"}},
     "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}}]}})",
                                             oai));
  EXPECT_THAT(rule_ids(quiet), IsEmpty());
  for (const std::size_t n : {63U, 65U, 97U}) {
    auto run = run_rule("PL019", fmt::format(R"({{"Version": "2012-10-17", "Statement": [
    {{"Effect": "Allow", "Principal": {{"CanonicalUser": "{}"}},
     "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}}]}})",
                                             std::string(n, 'e')));
    EXPECT_THAT(rule_ids(run), testing::ElementsAre("PL019")) << n << " characters";
  }
}

// ---------------------------------------------------------------------------------------------
// PL020 policy-too-large

// A policy with `n` statements of ~100 characters each.
std::string big_policy(int n, bool with_principal) {
  std::string s = R"({"Version": "2012-10-17", "Statement": [)";
  for (int i = 0; i < n; ++i) {
    if (i > 0) s += ",";
    s += fmt::format(R"({{"Sid": "S{}", "Effect": "Allow", {} "Action": "s3:GetObject", )"
                     R"("Resource": "arn:aws:s3:::amzn-s3-demo-bucket-{}/*"}})",
                     i, with_principal ? R"("Principal": {"AWS": "111122223333"},)" : "", i);
  }
  return s + "]}";
}

TEST(PL020, OversizeBucketPolicyIsAnError) {
  auto run = run_rule("PL020", big_policy(200, true), kBucket);
  const Finding& f = only_finding(run);
  EXPECT_EQ(f.severity, Severity::kError);
  EXPECT_EQ(f.where.line(), 1);
}

TEST(PL020, OversizeIdentityPolicyIsAWarning) {
  auto run = run_rule("PL020", big_policy(80, false));
  EXPECT_EQ(only_finding(run).severity, Severity::kWarning);
}

TEST(PL020, TrustPolicyThresholds) {
  auto trust = [](int n) {
    std::string s = R"({"Version": "2012-10-17", "Statement": [)";
    for (int i = 0; i < n; ++i) {
      if (i > 0) s += ",";
      s += fmt::format(R"({{"Effect": "Allow", "Principal": {{"AWS": )"
                       R"("arn:aws:iam::111122223333:role/role-number-{}"}}, )"
                       R"("Action": "sts:AssumeRole"}})",
                       i);
    }
    return s + "]}";
  };
  EXPECT_THAT(rule_ids(run_rule("PL020", trust(10), kTrust)), IsEmpty());
  EXPECT_EQ(only_finding(run_rule("PL020", trust(30), kTrust)).severity, Severity::kWarning);
  EXPECT_EQ(only_finding(run_rule("PL020", trust(60), kTrust)).severity, Severity::kError);
}

TEST(PL020, SmallPoliciesAreQuiet) {
  EXPECT_THAT(rule_ids(run_rule("PL020", big_policy(20, true), kBucket)), IsEmpty());
  EXPECT_THAT(rule_ids(run_rule("PL020", big_policy(20, false))), IsEmpty());
}

// ---------------------------------------------------------------------------------------------
// PL021 unknown-policy-element

TEST(PL021, FlagsUnknownKeysWithSuggestions) {
  auto run = run_rule("PL021", R"({"Version": "2012-10-17", "Id": "x", "Statements": [],
  "Statement": [{"Effect": "Allow", "Actions": "s3:GetObject", "Resource": "*", "Comment": "x"}]})");
  std::vector<std::string> messages;
  for (const Finding& f : run->result.findings) messages.push_back(f.message);
  EXPECT_THAT(messages,
              testing::UnorderedElementsAre(
                  "'Id' is not supported in identity-based policies",
                  "'Statements' in policy is not a policy element; did you mean 'Statement'?",
                  "'Actions' in statement 1 is not a policy element; did you mean 'Action'?",
                  "'Comment' in statement 1 is not a policy element"));
  for (const Finding& f : run->result.findings) {
    const bool id = f.message.rfind("'Id'", 0) == 0;
    EXPECT_EQ(f.severity, id ? Severity::kWarning : Severity::kError) << f.message;
    if (f.message.rfind("'Actions'", 0) == 0) {
      EXPECT_EQ(f.where.pointer(), "/Statement/0/Actions");
      EXPECT_EQ(f.where.line(), 2);
      EXPECT_EQ(f.where.column(), 37);
    }
  }
}

TEST(PL021, GrammarElementsAreQuiet) {
  auto run = run_rule("PL021", R"({"Version": "2012-10-17", "Id": "Policy1", "Statement": [
    {"Sid": "A", "Effect": "Allow", "Principal": "*", "Action": "s3:GetObject",
     "Resource": "arn:aws:s3:::b/*", "Condition": {"Bool": {"aws:SecureTransport": "true"}}},
    {"Effect": "Deny", "NotPrincipal": {"AWS": "111122223333"}, "NotAction": "s3:GetObject",
     "NotResource": "arn:aws:s3:::b/*"}]})");
  EXPECT_THAT(rule_ids(run), IsEmpty());
}

// ---------------------------------------------------------------------------------------------
// Positions inside a policy embedded as a JSON string (`aws s3api get-bucket-policy`).

TEST(GrammarPositions, FindingsInsideAnEmbeddedPolicyPointIntoTheString) {
  const std::string text =
      "{\n  \"Policy\": \"{\\\"Version\\\":\\\"2012-10-17\\\",\\\"Statement\\\":"
      "[{\\\"Effect\\\":\\\"allow\\\",\\\"Principal\\\":\\\"*\\\","
      "\\\"Action\\\":\\\"s3:GetObject\\\",\\\"Resource\\\":"
      "\\\"arn:aws:s3:::b/*\\\"}]}\"\n}";
  auto run = lint({{"get-bucket-policy.json", text}}, "PL004");
  const Finding& f = only_finding(run);
  EXPECT_EQ(f.where.pointer(), "/Policy/Statement/0/Effect");
  EXPECT_EQ(f.where.line(), 2);
  EXPECT_EQ(f.where.column(), static_cast<int>(text.find("\\\"allow") - text.find('\n')));
}

// ---------------------------------------------------------------------------------------------
// Clean policies fire no grammar rule (all rules run, only PL001-PL021 looked at).

TEST(GrammarClean, CorrectPoliciesFireNoGrammarRule) {
  const std::vector<LintFile> files = {
      {"oai.json", R"({"Version": "2012-10-17", "Id": "PolicyForCloudFrontPrivateContent",
        "Statement": [{"Sid": "Grant a CloudFront Origin Identity access to private content",
          "Effect": "Allow",
          "Principal": {"AWS": "arn:aws:iam::cloudfront:user/CloudFront Origin Access Identity E2QWRUHAPOMQZL"},
          "Action": "s3:GetObject", "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*"}]})"},
      {"canonical.json", R"({"Version": "2012-10-17", "Statement": {"Sid": "OaiByCanonicalId",
          "Effect": "Allow",
          "Principal": {"CanonicalUser": "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be"},
          "Action": "s3:GetObject", "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*"}})"},
      {"account.json",
       R"({"Version": "2012-10-17", "Statement": [{"Sid": "Only allow writes to my bucket with bucket owner full control",
          "Effect": "Allow", "Principal": {"AWS": ["111122223333", "arn:aws:iam::444455556666:role/uploader"]},
          "Action": "s3:PutObject", "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*",
          "Condition": {"StringEquals": {"s3:x-amz-acl": "bucket-owner-full-control"}}}]})"},
      {"trust.json", R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
          "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "sts:AssumeRole",
          "Condition": {"StringEquals": {"sts:ExternalId": "Unique1234"}}}]})"},
      {"identity.json", R"({"Version": "2012-10-17", "Statement": [{"Sid": "HomeFolder",
          "Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject"],
          "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/home/${aws:username}/*"}]})"},
  };
  auto run = lint(files);
  EXPECT_THAT(grammar_ids(run), IsEmpty());
}

// ---------------------------------------------------------------------------------------------
// The external policy corpus (not in the repository; skipped without it): every policy folder, with
// the kind each folder holds. Counts per rule are printed; AWS managed policies must produce no
// error-severity grammar finding (each such finding was reviewed: AWS accepted those policies).

std::optional<std::filesystem::path> corpus_dir() {
  std::vector<std::filesystem::path> candidates;
  if (const char* env = std::getenv("BUCKETLINT_CORPUS")) candidates.emplace_back(env);
  const char* shared = std::getenv("BUCKETLINT_SHARED_DIR");
  candidates.emplace_back(std::filesystem::path(shared ? shared : BUCKETLINT_SHARED_DIR) /
                          "corpus");
  for (const auto& c : candidates) {
    std::error_code ec;
    if (std::filesystem::is_directory(c / "managed-policies", ec)) return c;
  }
  return std::nullopt;
}

struct CorpusRun {
  std::size_t files = 0;
  std::map<std::string, std::map<Severity, int>> counts;  // rule -> severity -> findings
  std::vector<std::string> errors;                        // "file:line: ID message"
};

CorpusRun lint_folder(const std::filesystem::path& dir, std::optional<DocumentKind> kind) {
  std::vector<std::filesystem::path> paths;
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    if (e.path().extension() == ".json") paths.push_back(e.path());
  }
  std::sort(paths.begin(), paths.end());
  std::vector<LintFile> files;
  for (const auto& p : paths) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    files.push_back({p.filename().string(), ss.str(), kind});
  }
  auto run = lint(files);
  CorpusRun out;
  out.files = files.size();
  for (const Finding& f : run->result.findings) {
    if (!is_grammar_rule(f.rule->id)) continue;
    ++out.counts[std::string(f.rule->id)][f.severity];
    if (f.severity == Severity::kError) {
      out.errors.push_back(
          fmt::format("{}:{}: {} {}", f.where.file(), f.where.line(), f.rule->id, f.message));
    }
  }
  return out;
}

TEST(GrammarCorpus, RunsOverEveryPolicyFolder) {
  const auto dir = corpus_dir();
  if (!dir)
    GTEST_SKIP() << "external policy corpus not found (set BUCKETLINT_CORPUS to it, or "
                    "BUCKETLINT_SHARED_DIR to its parent)";
  const std::vector<std::pair<std::string, std::optional<DocumentKind>>> folders = {
      {"managed-policies", kIdentity},
      {"identity-policies", kIdentity},
      {"bucket-policies", kBucket},
      {"trust-policies", kTrust},
      {"resource-policies", std::nullopt},
      {"scp-rcp", std::nullopt},
      {"vpc-endpoint-policies", std::nullopt},
  };
  for (const auto& [folder, kind] : folders) {
    const CorpusRun r = lint_folder(*dir / folder, kind);
    EXPECT_GT(r.files, 0u) << folder;
    std::string line = fmt::format("{} ({} files):", folder, r.files);
    for (const auto& [id, by_severity] : r.counts) {
      for (const auto& [severity, n] : by_severity)
        line += fmt::format(" {}/{}={}", id, severity, n);
    }
    std::cout << line << "\n";
    if (folder == "managed-policies") {
      EXPECT_THAT(r.errors, IsEmpty()) << "error findings on AWS managed policies";
    }
  }
}

}  // namespace
}  // namespace bucketlint

namespace bucketlint {
namespace {

// Every samples/pl0NN-<name>/ fires its rule; samples/pl-clean-policies/ fires no grammar rule.
// Files are loaded as the CLI would load them without a snapshot or config (kind by shape).
// Samples in AWS CLI output shapes (get-role, get-role-policy) need the full loader; when the
// loader in this build cannot read them as policies they are counted as unchecked.
TEST(GrammarSamples, EachSampleFiresItsRuleAndTheCleanOneNone) {
  const std::filesystem::path root = std::filesystem::path(BUCKETLINT_SOURCE_DIR) / "samples";
  std::vector<std::filesystem::path> dirs;
  for (const auto& e : std::filesystem::directory_iterator(root)) {
    const std::string name = e.path().filename().string();
    if (e.is_directory() && name.rfind("pl", 0) == 0) dirs.push_back(e.path());
  }
  std::sort(dirs.begin(), dirs.end());
  int checked = 0;
  int grammar_samples = 0;
  bool clean_checked = false;
  for (const auto& dir : dirs) {
    const std::string name = dir.filename().string();
    std::vector<LintFile> files;
    for (const auto& e : std::filesystem::recursive_directory_iterator(dir)) {
      if (e.path().extension() != ".json") continue;
      std::ifstream in(e.path(), std::ios::binary);
      std::stringstream ss;
      ss << in.rdbuf();
      files.push_back({e.path().filename().string(), ss.str()});
    }
    EXPECT_TRUE(std::filesystem::exists(dir / "README.md")) << name;
    EXPECT_TRUE(std::filesystem::exists(dir / "expected.txt")) << name;
    auto run = lint(files);
    if (name == "pl-clean-policies") {
      EXPECT_EQ(run->model.policies.size(), files.size());
      EXPECT_THAT(grammar_ids(run), IsEmpty());
      clean_checked = true;
      continue;
    }
    if (name.size() < 6 || name.substr(0, 3) != "pl0" ||
        !is_grammar_rule("PL" + name.substr(2, 3))) {
      continue;  // another family's PL sample
    }
    ++grammar_samples;
    if (run->model.policies.empty()) continue;  // needs the full loader (CLI output shapes)
    ++checked;
    const std::string id = "PL" + name.substr(2, 3);
    EXPECT_THAT(rule_ids(run), testing::Contains(id)) << name;
  }
  EXPECT_TRUE(clean_checked);
  EXPECT_EQ(grammar_samples, 21);
  EXPECT_GE(checked, 19);
}

}  // namespace
}  // namespace bucketlint
