// IAM primitives (include/bucketlint/iam.h): condition operators, ARN fields, policy variables,
// unique IDs. The evaluator, the access layer and the rules all use these one implementations.

#include "bucketlint/iam.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>

namespace bucketlint::iam {
namespace {

TEST(IamConditionOperator, TakesQualifierBaseAndSuffixApart) {
  const std::optional<ConditionOperator> op =
      parse_condition_operator("ForAnyValue:StringNotLikeIfExists");
  ASSERT_TRUE(op.has_value());
  EXPECT_EQ(op->name, "StringNotLike");
  EXPECT_EQ(op->kind, OperatorKind::kStringLike);
  EXPECT_EQ(op->type, OperatorType::kString);
  EXPECT_TRUE(op->negated);
  EXPECT_TRUE(op->if_exists);
  EXPECT_EQ(op->set, SetQualifier::kForAnyValue);
  EXPECT_TRUE(op->is_like());
  EXPECT_TRUE(op->exact_case);
  EXPECT_TRUE(op->valid());
  EXPECT_EQ(op->spelling(), "ForAnyValue:StringNotLikeIfExists");
}

TEST(IamConditionOperator, ArnEqualsComparesLikeArnLikeButTakesNoPatternName) {
  const std::optional<ConditionOperator> eq = parse_condition_operator("ArnEquals");
  ASSERT_TRUE(eq.has_value());
  EXPECT_EQ(eq->kind, OperatorKind::kArnLike);
  EXPECT_EQ(eq->type, OperatorType::kArn);
  EXPECT_FALSE(eq->is_like());
  EXPECT_FALSE(eq->negated);
  ASSERT_TRUE(parse_condition_operator("ArnNotLike").has_value());
  EXPECT_TRUE(parse_condition_operator("ArnNotLike")->is_like());
  EXPECT_TRUE(parse_condition_operator("ArnNotLike")->negated);
}

TEST(IamConditionOperator, EveryTypeHasItsOperators) {
  EXPECT_EQ(parse_condition_operator("NumericLessThanEquals")->kind,
            OperatorKind::kNumericLessThanEquals);
  EXPECT_EQ(parse_condition_operator("DateGreaterThan")->type, OperatorType::kDate);
  EXPECT_EQ(parse_condition_operator("Bool")->type, OperatorType::kBool);
  EXPECT_EQ(parse_condition_operator("BinaryEquals")->type, OperatorType::kBinary);
  EXPECT_TRUE(parse_condition_operator("NotIpAddress")->negated);
  EXPECT_EQ(parse_condition_operator("NotIpAddress")->type, OperatorType::kIpAddress);
  EXPECT_EQ(parse_condition_operator("ForAllValues:StringEquals")->set,
            SetQualifier::kForAllValues);
  EXPECT_EQ(parse_condition_operator("BoolIfExists")->name, "Bool");
}

// AWS matches operator names case-insensitively; PL016 reports the spelling.
TEST(IamConditionOperator, CaseDiffersButParses) {
  const std::optional<ConditionOperator> op = parse_condition_operator("ForAnyValue:Stringlike");
  ASSERT_TRUE(op.has_value());
  EXPECT_FALSE(op->exact_case);
  EXPECT_EQ(op->spelling(), "ForAnyValue:StringLike");
  const std::optional<ConditionOperator> lower = parse_condition_operator("stringequalsifexists");
  ASSERT_TRUE(lower.has_value());
  EXPECT_FALSE(lower->exact_case);
  EXPECT_EQ(lower->spelling(), "StringEqualsIfExists");
  EXPECT_FALSE(parse_condition_operator("forallvalues:StringEquals")->exact_case);
  EXPECT_FALSE(parse_condition_operator("StringEqualsifexists")->exact_case);
}

// NullIfExists parses (PL109 reports it) but is no operator: the evaluator never matches it.
TEST(IamConditionOperator, NullIfExistsParsesButIsNotValid) {
  const std::optional<ConditionOperator> op = parse_condition_operator("NullIfExists");
  ASSERT_TRUE(op.has_value());
  EXPECT_EQ(op->kind, OperatorKind::kNull);
  EXPECT_TRUE(op->if_exists);
  EXPECT_FALSE(op->valid());
  EXPECT_TRUE(parse_condition_operator("Null")->valid());
}

TEST(IamConditionOperator, UnknownOperators) {
  for (const char* op : {"StringEqual", "StringEqualz", "ForAllValue:StringEquals", "IfExists",
                         "aws:SourceArn", "StringMatches", "ForSomeValues:StringEquals", "",
                         "ForAnyValue:", "StringEqualsIfExistsIfExists"}) {
    EXPECT_FALSE(parse_condition_operator(op).has_value()) << op;
  }
}

TEST(IamArn, SplitsSixFields) {
  const ArnFields a = split_arn("arn:aws:s3:::amzn-s3-demo-bucket/photos/a:b.jpg");
  EXPECT_TRUE(a.complete());
  EXPECT_EQ(a.partition, "aws");
  EXPECT_EQ(a.service, "s3");
  EXPECT_EQ(a.region, "");
  EXPECT_EQ(a.account, "");
  EXPECT_EQ(a.resource, "amzn-s3-demo-bucket/photos/a:b.jpg");  // keeps further ':'
  const ArnFields role = split_arn("arn:aws:iam::111122223333:role/site-uploader");
  EXPECT_EQ(role.account, "111122223333");
  EXPECT_EQ(role.resource, "role/site-uploader");
}

TEST(IamArn, ColonsInsidePolicyVariablesSeparateNothing) {
  const ArnFields a = split_arn("arn:${aws:partition}:s3:::amzn-s3-demo-bucket/${aws:username}");
  EXPECT_TRUE(a.complete());
  EXPECT_EQ(a.partition, "${aws:partition}");
  EXPECT_EQ(a.service, "s3");
  EXPECT_EQ(a.resource, "amzn-s3-demo-bucket/${aws:username}");
  // An unclosed "${" is literal: its ':' separates.
  EXPECT_EQ(split_arn("arn:${aws:s3:::b").partition, "${aws");
}

TEST(IamArn, CountsTheFieldsOfPartialArns) {
  EXPECT_EQ(split_arn("arn:aws:s3").fields, 3);
  EXPECT_FALSE(split_arn("arn:aws:s3").complete());
  EXPECT_EQ(split_arn("").fields, 1);
  EXPECT_FALSE(split_arn("urn:aws:s3:::b").complete());
}

TEST(IamPolicyVariables, ClosedVariablesOnly) {
  EXPECT_TRUE(has_policy_variable("home/${aws:username}/*"));
  EXPECT_TRUE(has_policy_variable("${aws:PrincipalTag/team, 'none'}"));
  EXPECT_FALSE(has_policy_variable("home/$aws:username/*"));
  EXPECT_FALSE(has_policy_variable("${unterminated"));
  EXPECT_FALSE(has_policy_variable("}${"));
}

TEST(IamUniqueIds, PrefixesNameTheKind) {
  EXPECT_EQ(unique_id_kind("AROADBQP57FF2AEXAMPLE"), UniqueIdKind::kRole);
  EXPECT_EQ(unique_id_kind("AIDACKCEVSQ6C2EXAMPLE"), UniqueIdKind::kUser);
  EXPECT_EQ(unique_id_kind("AKIAIOSFODNN7EXAMPLE"), UniqueIdKind::kAccessKey);
  EXPECT_TRUE(is_deleted_principal_id("AROADBQP57FF2AEXAMPLE"));
  EXPECT_FALSE(is_deleted_principal_id("AKIAIOSFODNN7EXAMPLE"));
  EXPECT_FALSE(is_unique_id("AROA-not-an-id"));
  EXPECT_FALSE(is_unique_id("AROASHORT"));
}

}  // namespace
}  // namespace bucketlint::iam
