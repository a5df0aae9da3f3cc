// Condition operators, set qualifiers, missing keys, policy variables. Each row cites its source.

#include <gtest/gtest.h>

#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "bucketlint/eval.h"
#include "eval/condition.h"

namespace bucketlint::eval {
namespace {

constexpr const char* kOps =
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/"
    "reference_policies_elements_condition_operators.html";
constexpr const char* kMulti =
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/"
    "reference_policies_multi-value-conditions.html";
constexpr const char* kVars =
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html";
constexpr const char* kS3Keys =
    "https://docs.aws.amazon.com/AmazonS3/latest/userguide/amazon-s3-policy-keys.html";
constexpr const char* kCfS3 =
    "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/"
    "private-content-restricting-access-to-s3.html";
constexpr const char* kExtId =
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-user_externalid.html";

const std::vector<std::string> kUnknown = {"\x01unknown"};  // marks a key declared unknown

struct CondRow {
  const char* source;
  std::string op;
  std::string key;
  std::vector<std::string> policy_values;
  std::vector<std::pair<std::string, std::vector<std::string>>> context;
  Tri expected;
  bool variables = true;
};

Context make_context(const std::vector<std::pair<std::string, std::vector<std::string>>>& kv) {
  Context c;
  for (const auto& [k, v] : kv) {
    if (v == kUnknown) {
      c.set_unknown(k);
    } else {
      c.set(k, v);
    }
  }
  return c;
}

ConditionEntry entry(const CondRow& row) {
  ConditionEntry e;
  e.op = row.op;
  e.key = row.key;
  for (const std::string& v : row.policy_values) e.values.push_back({v, JsonType::kString, {}});
  return e;
}

void PrintTo(const CondRow& r, std::ostream* os) { *os << r.op << " " << r.key; }

class ConditionTable : public ::testing::TestWithParam<CondRow> {};

TEST_P(ConditionTable, Evaluates) {
  const CondRow& row = GetParam();
  const ConditionResult r =
      evaluate_condition(entry(row), make_context(row.context), false, row.variables);
  EXPECT_EQ(r.value, row.expected) << row.op << " " << row.key << " -> " << tri_name(r.value)
                                   << " (" << r.reason << "); source: " << row.source;
  EXPECT_FALSE(r.reason.empty());
}

using V = std::vector<std::string>;
constexpr Tri T = Tri::kTrue;
constexpr Tri F = Tri::kFalse;
constexpr Tri U = Tri::kUnknown;

INSTANTIATE_TEST_SUITE_P(
    StringOperators, ConditionTable,
    ::testing::Values(
        CondRow{kS3Keys,
                "StringEquals",
                "s3:x-amz-acl",
                V{"bucket-owner-full-control"},
                {{"s3:x-amz-acl", V{"bucket-owner-full-control"}}},
                T},
        CondRow{kS3Keys,
                "StringEquals",
                "s3:x-amz-acl",
                V{"bucket-owner-full-control"},
                {{"s3:x-amz-acl", V{"public-read"}}},
                F},
        CondRow{"aws-semantics.md 13 row 13 (key absent -> false)",
                "StringEquals",
                "s3:x-amz-acl",
                V{"bucket-owner-full-control"},
                {},
                F},
        CondRow{"aws-semantics.md 13 row 14 (negated + absent -> true)",
                "StringNotEquals",
                "s3:x-amz-acl",
                V{"bucket-owner-full-control"},
                {},
                T},
        CondRow{kS3Keys,
                "StringNotEquals",
                "s3:x-amz-acl",
                V{"bucket-owner-full-control"},
                {{"s3:x-amz-acl", V{"bucket-owner-full-control"}}},
                F},
        CondRow{kS3Keys,
                "StringNotEquals",
                "s3:x-amz-acl",
                V{"bucket-owner-full-control"},
                {{"s3:x-amz-acl", V{"private"}}},
                T},
        CondRow{"aws-semantics.md 5.5 (StringEquals case-sensitive)",
                "StringEquals",
                "aws:username",
                V{"Bob"},
                {{"aws:username", V{"bob"}}},
                F},
        CondRow{kOps,
                "StringEqualsIgnoreCase",
                "aws:username",
                V{"Bob"},
                {{"aws:username", V{"bob"}}},
                T},
        CondRow{kOps,
                "StringNotEqualsIgnoreCase",
                "aws:username",
                V{"Bob"},
                {{"aws:username", V{"BOB"}}},
                F},
        CondRow{kOps, "StringLike", "s3:prefix", V{"home/*"}, {{"s3:prefix", V{"home/bob/"}}}, T},
        CondRow{kOps, "StringLike", "s3:prefix", V{"home/*"}, {{"s3:prefix", V{"Home/bob/"}}}, F},
        CondRow{kOps, "StringNotLike", "s3:prefix", V{"home/*"}, {{"s3:prefix", V{"tmp/"}}}, T},
        CondRow{kOps, "StringNotLike", "s3:prefix", V{"home/*"}, {}, T},
        CondRow{"aws-semantics.md 5.5 (* literal with StringEquals)",
                "StringEquals",
                "s3:prefix",
                V{"home/*"},
                {{"s3:prefix", V{"home/bob"}}},
                F},
        CondRow{"aws-semantics.md 5.5 (* literal with StringEquals)",
                "StringEquals",
                "s3:prefix",
                V{"home/*"},
                {{"s3:prefix", V{"home/*"}}},
                T},
        CondRow{
            "IAM-COND (key names case-insensitive)",
            "StringEquals",
            "AWS:SourceArn",
            V{"arn:aws:cloudfront::111111111111:distribution/EDFDVBD6EXAMPLE"},
            {{"aws:sourcearn", V{"arn:aws:cloudfront::111111111111:distribution/EDFDVBD6EXAMPLE"}}},
            T},
        CondRow{"aws-semantics.md 13 row 26 (other distribution)",
                "StringEquals",
                "AWS:SourceArn",
                V{"arn:aws:cloudfront::111111111111:distribution/EDFDVBD6EXAMPLE"},
                {{"aws:SourceArn", V{"arn:aws:cloudfront::111111111111:distribution/EOTHER"}}},
                F},
        CondRow{kExtId,
                "StringEquals",
                "sts:ExternalId",
                V{"Unique ID Assigned by Example Corp"},
                {{"sts:ExternalId", V{"Unique ID Assigned by Example Corp"}}},
                T},
        CondRow{"aws-semantics.md 13 row 35 (no ExternalId)",
                "StringEquals",
                "sts:ExternalId",
                V{"Unique ID Assigned by Example Corp"},
                {},
                F},
        CondRow{"IAM-MULTI (OR across policy values)",
                "StringEquals",
                "s3:x-amz-acl",
                V{"private", "bucket-owner-full-control"},
                {{"s3:x-amz-acl", V{"bucket-owner-full-control"}}},
                T},
        CondRow{"IAM-MULTI (negated, several values: must match none)",
                "StringNotEquals",
                "aws:PrincipalTag/team",
                V{"a", "b"},
                {{"aws:PrincipalTag/team", V{"b"}}},
                F},
        CondRow{"IAM-MULTI (negated, several values: must match none)",
                "StringNotEquals",
                "aws:PrincipalTag/team",
                V{"a", "b"},
                {{"aws:PrincipalTag/team", V{"c"}}},
                T},
        CondRow{"issue 3 (unknown key -> depends)",
                "StringEquals",
                "s3:x-amz-acl",
                V{"bucket-owner-full-control"},
                {{"s3:x-amz-acl", kUnknown}},
                U},
        CondRow{"issue 3 (unknown key -> depends, negated)",
                "StringNotEquals",
                "s3:x-amz-acl",
                V{"bucket-owner-full-control"},
                {{"s3:x-amz-acl", kUnknown}},
                U},
        CondRow{"aws-semantics.md 5.5 (IfExists absent -> true)",
                "StringEqualsIfExists",
                "ec2:InstanceType",
                V{"t2.micro"},
                {},
                T},
        CondRow{kOps,
                "StringEqualsIfExists",
                "ec2:InstanceType",
                V{"t2.micro"},
                {{"ec2:InstanceType", V{"m5.large"}}},
                F},
        CondRow{kOps,
                "StringEqualsIfExists",
                "ec2:InstanceType",
                V{"t2.micro"},
                {{"ec2:InstanceType", V{"t2.micro"}}},
                T},
        CondRow{"aws-semantics.md 5.5 (Deny + negated IfExists: still true when missing)",
                "StringNotEqualsIfExists",
                "s3:x-amz-acl",
                V{"bucket-owner-full-control"},
                {},
                T},
        CondRow{"aws-semantics.md 5.5 (unknown operator -> no match)",
                "StringEqualz",
                "s3:x-amz-acl",
                V{"private"},
                {{"s3:x-amz-acl", V{"private"}}},
                F}));

INSTANTIATE_TEST_SUITE_P(
    SetOperators, ConditionTable,
    ::testing::Values(CondRow{kMulti,
                              "ForAnyValue:StringEquals",
                              "aws:TagKeys",
                              V{"environment", "cost-center"},
                              {{"aws:TagKeys", V{"environment", "other"}}},
                              T},
                      CondRow{kMulti,
                              "ForAnyValue:StringEquals",
                              "aws:TagKeys",
                              V{"environment", "cost-center"},
                              {{"aws:TagKeys", V{"other"}}},
                              F},
                      CondRow{"aws-semantics.md 5.5 (ForAnyValue, absent key -> false)",
                              "ForAnyValue:StringEquals",
                              "aws:TagKeys",
                              V{"environment"},
                              {},
                              F},
                      CondRow{"aws-semantics.md 5.5 (ForAnyValue, empty set -> false)",
                              "ForAnyValue:StringEquals",
                              "aws:TagKeys",
                              V{"environment"},
                              {{"aws:TagKeys", V{}}},
                              F},
                      CondRow{kMulti,
                              "ForAllValues:StringEquals",
                              "aws:TagKeys",
                              V{"environment", "cost-center"},
                              {{"aws:TagKeys", V{"environment", "cost-center"}}},
                              T},
                      CondRow{kMulti,
                              "ForAllValues:StringEquals",
                              "aws:TagKeys",
                              V{"environment", "cost-center"},
                              {{"aws:TagKeys", V{"environment", "other"}}},
                              F},
                      CondRow{"aws-semantics.md 5.5 (ForAllValues, absent key -> true)",
                              "ForAllValues:StringEquals",
                              "aws:TagKeys",
                              V{"environment"},
                              {},
                              T},
                      CondRow{"aws-semantics.md 5.5 (ForAllValues, empty set -> true)",
                              "ForAllValues:StringEquals",
                              "aws:TagKeys",
                              V{"environment"},
                              {{"aws:TagKeys", V{}}},
                              T},
                      CondRow{kMulti,
                              "ForAllValues:StringLike",
                              "aws:TagKeys",
                              V{"key*"},
                              {{"aws:TagKeys", V{"key1", "key2"}}},
                              T},
                      CondRow{kMulti,
                              "ForAnyValue:StringNotEquals",
                              "aws:TagKeys",
                              V{"a"},
                              {{"aws:TagKeys", V{"a", "b"}}},
                              T},
                      CondRow{kMulti,
                              "ForAnyValue:StringNotEquals",
                              "aws:TagKeys",
                              V{"a"},
                              {{"aws:TagKeys", V{"a"}}},
                              F},
                      CondRow{kMulti,
                              "ForAllValues:StringNotEquals",
                              "aws:TagKeys",
                              V{"a"},
                              {{"aws:TagKeys", V{"b", "c"}}},
                              T},
                      CondRow{kMulti,
                              "ForAllValues:StringNotEquals",
                              "aws:TagKeys",
                              V{"a"},
                              {{"aws:TagKeys", V{"b", "a"}}},
                              F},
                      CondRow{
                          kMulti, "ForAnyValue:StringEqualsIfExists", "aws:TagKeys", V{"a"}, {}, T},
                      CondRow{"aws-semantics.md 5.5 (unknown set -> depends)",
                              "ForAllValues:StringEquals",
                              "aws:TagKeys",
                              V{"a"},
                              {{"aws:TagKeys", kUnknown}},
                              U},
                      CondRow{"IAM-MULTI (single-valued key, several request values: OR)",
                              "StringEquals",
                              "aws:PrincipalTag/team",
                              V{"b"},
                              {{"aws:PrincipalTag/team", V{"a", "b"}}},
                              T}));

INSTANTIATE_TEST_SUITE_P(
    NumericDateBoolBinary, ConditionTable,
    ::testing::Values(
        CondRow{kS3Keys,
                "NumericLessThanEquals",
                "s3:max-keys",
                V{"10"},
                {{"s3:max-keys", V{"10"}}},
                T},
        CondRow{kS3Keys,
                "NumericLessThanEquals",
                "s3:max-keys",
                V{"10"},
                {{"s3:max-keys", V{"11"}}},
                F},
        CondRow{kOps, "NumericLessThan", "s3:max-keys", V{"10"}, {{"s3:max-keys", V{"9.5"}}}, T},
        CondRow{kOps,
                "NumericGreaterThan",
                "aws:MultiFactorAuthAge",
                V{"3600"},
                {{"aws:MultiFactorAuthAge", V{"3601"}}},
                T},
        CondRow{kOps,
                "NumericGreaterThanEquals",
                "aws:MultiFactorAuthAge",
                V{"3600"},
                {{"aws:MultiFactorAuthAge", V{"3599"}}},
                F},
        CondRow{kOps, "NumericEquals", "s3:max-keys", V{"10"}, {{"s3:max-keys", V{"10.0"}}}, T},
        CondRow{kOps, "NumericNotEquals", "s3:max-keys", V{"10"}, {{"s3:max-keys", V{"10"}}}, F},
        CondRow{kOps, "NumericNotEquals", "s3:max-keys", V{"10"}, {{"s3:max-keys", V{"12"}}}, T},
        CondRow{"aws-semantics.md 5.5 (non-numeric value never matches)",
                "NumericEquals",
                "s3:max-keys",
                V{"ten"},
                {{"s3:max-keys", V{"10"}}},
                F},
        CondRow{kOps,
                "DateGreaterThan",
                "aws:CurrentTime",
                V{"2020-04-01T00:00:00Z"},
                {{"aws:CurrentTime", V{"2020-04-01T00:00:01Z"}}},
                T},
        CondRow{kOps,
                "DateLessThan",
                "aws:CurrentTime",
                V{"2020-06-30T00:00:00Z"},
                {{"aws:CurrentTime", V{"2020-07-01T00:00:00Z"}}},
                F},
        CondRow{"aws-semantics.md 5.5 (epoch dates)",
                "DateLessThan",
                "aws:EpochTime",
                V{"1593475200"},
                {{"aws:EpochTime", V{"1593475199"}}},
                T},
        CondRow{"aws-semantics.md 5.5 (ISO 8601 vs epoch)",
                "DateEquals",
                "aws:CurrentTime",
                V{"2020-06-30T00:00:00Z"},
                {{"aws:CurrentTime", V{"1593475200"}}},
                T},
        CondRow{"aws-semantics.md 5.5 (date only)",
                "DateGreaterThanEquals",
                "aws:CurrentTime",
                V{"2020-06-30"},
                {{"aws:CurrentTime", V{"2020-06-30T00:00:00Z"}}},
                T},
        CondRow{"aws-semantics.md 5.5 (offsets)",
                "DateEquals",
                "aws:CurrentTime",
                V{"2020-06-30T02:00:00+02:00"},
                {{"aws:CurrentTime", V{"2020-06-30T00:00:00Z"}}},
                T},
        CondRow{kOps,
                "DateNotEquals",
                "aws:CurrentTime",
                V{"2020-06-30T00:00:00Z"},
                {{"aws:CurrentTime", V{"2020-06-30T00:00:00.000Z"}}},
                F},
        CondRow{kOps, "DateLessThanEquals", "aws:TokenIssueTime", V{"2020-01-01T00:00:00Z"}, {}, F},
        CondRow{kS3Keys,
                "Bool",
                "aws:SecureTransport",
                V{"false"},
                {{"aws:SecureTransport", V{"false"}}},
                T},
        CondRow{kS3Keys,
                "Bool",
                "aws:SecureTransport",
                V{"false"},
                {{"aws:SecureTransport", V{"true"}}},
                F},
        CondRow{"aws-semantics.md 5.5 (Bool, absent key -> false)",
                "Bool",
                "aws:SecureTransport",
                V{"false"},
                {},
                F},
        CondRow{kOps, "BoolIfExists", "aws:MultiFactorAuthPresent", V{"false"}, {}, T},
        CondRow{kOps,
                "Bool",
                "aws:MultiFactorAuthPresent",
                V{"True"},
                {{"aws:MultiFactorAuthPresent", V{"true"}}},
                T},
        CondRow{kOps,
                "BinaryEquals",
                "key",
                V{"QmluYXJ5VmFsdWVJbkJhc2U2NA=="},
                {{"key", V{"QmluYXJ5VmFsdWVJbkJhc2U2NA=="}}},
                T},
        CondRow{kOps,
                "BinaryEquals",
                "key",
                V{"QmluYXJ5VmFsdWVJbkJhc2U2NA=="},
                {{"key", V{"b3RoZXI="}}},
                F}));

INSTANTIATE_TEST_SUITE_P(
    IpArnNull, ConditionTable,
    ::testing::Values(
        CondRow{kOps,
                "IpAddress",
                "aws:SourceIp",
                V{"203.0.113.0/24"},
                {{"aws:SourceIp", V{"203.0.113.7"}}},
                T},
        CondRow{kOps,
                "IpAddress",
                "aws:SourceIp",
                V{"203.0.113.0/24"},
                {{"aws:SourceIp", V{"203.0.114.7"}}},
                F},
        CondRow{"aws-semantics.md 5.5 (default /32)",
                "IpAddress",
                "aws:SourceIp",
                V{"203.0.113.7"},
                {{"aws:SourceIp", V{"203.0.113.7"}}},
                T},
        CondRow{"aws-semantics.md 5.5 (default /32)",
                "IpAddress",
                "aws:SourceIp",
                V{"203.0.113.7"},
                {{"aws:SourceIp", V{"203.0.113.8"}}},
                F},
        CondRow{kOps,
                "NotIpAddress",
                "aws:SourceIp",
                V{"203.0.113.0/24"},
                {{"aws:SourceIp", V{"198.51.100.1"}}},
                T},
        CondRow{kOps,
                "NotIpAddress",
                "aws:SourceIp",
                V{"203.0.113.0/24"},
                {{"aws:SourceIp", V{"203.0.113.1"}}},
                F},
        CondRow{kOps,
                "IpAddress",
                "aws:SourceIp",
                V{"2001:DB8:1234:5678::/64"},
                {{"aws:SourceIp", V{"2001:db8:1234:5678:abcd::1"}}},
                T},
        CondRow{kOps,
                "IpAddress",
                "aws:SourceIp",
                V{"2001:DB8:1234:5678::/64"},
                {{"aws:SourceIp", V{"2001:db8:1234:5679::1"}}},
                F},
        CondRow{"aws-semantics.md 5.5 (IPv4 and IPv6 in one list)",
                "IpAddress",
                "aws:SourceIp",
                V{"192.0.2.0/24", "2001:DB8:1234:5678::/64"},
                {{"aws:SourceIp", V{"2001:db8:1234:5678::7"}}},
                T},
        CondRow{"aws-semantics.md 5.5 (family mismatch)",
                "IpAddress",
                "aws:SourceIp",
                V{"0.0.0.0/0"},
                {{"aws:SourceIp", V{"2001:db8::1"}}},
                F},
        CondRow{
            kOps, "IpAddress", "aws:SourceIp", V{"0.0.0.0/0"}, {{"aws:SourceIp", V{"8.8.8.8"}}}, T},
        CondRow{
            kCfS3,
            "ArnLike",
            "AWS:SourceArn",
            V{"arn:aws:cloudfront::111111111111:distribution/*"},
            {{"aws:SourceArn", V{"arn:aws:cloudfront::111111111111:distribution/EDFDVBD6EXAMPLE"}}},
            T},
        CondRow{kOps,
                "ArnEquals",
                "aws:SourceArn",
                V{"arn:aws:sns:us-east-1:123456789012:t"},
                {{"aws:SourceArn", V{"arn:aws:sns:us-east-1:123456789012:t"}}},
                T},
        CondRow{kOps,
                "ArnNotEquals",
                "aws:PrincipalArn",
                V{"arn:aws:iam::111111111111:role/admin"},
                {{"aws:PrincipalArn", V{"arn:aws:iam::111111111111:role/admin"}}},
                F},
        CondRow{"aws-semantics.md 5.3 (recommended ArnNotEquals aws:PrincipalArn)",
                "ArnNotLike",
                "aws:PrincipalArn",
                V{"arn:aws:iam::111111111111:role/admin*"},
                {{"aws:PrincipalArn", V{"arn:aws:iam::111111111111:role/reader"}}},
                T},
        CondRow{"aws-semantics.md 5.5 (ArnNotLike, absent -> true)",
                "ArnNotLike",
                "aws:SourceArn",
                V{"arn:aws:cloudfront::111111111111:distribution/*"},
                {},
                T},
        CondRow{"aws-semantics.md 5.5 (ArnLike on a non-ARN value)",
                "ArnLike",
                "aws:SourceArn",
                V{"arn:aws:cloudfront::*:*/*"},
                {{"aws:SourceArn", V{"not-an-arn"}}},
                F},
        CondRow{kOps, "Null", "aws:TokenIssueTime", V{"true"}, {}, T},
        CondRow{kOps,
                "Null",
                "aws:TokenIssueTime",
                V{"true"},
                {{"aws:TokenIssueTime", V{"2020-01-01T00:00:00Z"}}},
                F},
        CondRow{kOps,
                "Null",
                "aws:TokenIssueTime",
                V{"false"},
                {{"aws:TokenIssueTime", V{"2020-01-01T00:00:00Z"}}},
                T},
        CondRow{kOps, "Null", "aws:TokenIssueTime", V{"false"}, {}, F},
        CondRow{"aws-semantics.md 5.5 (NullIfExists is not an operator)",
                "NullIfExists",
                "aws:TokenIssueTime",
                V{"true"},
                {},
                F},
        CondRow{"issue 3 (Null on an unknown key)",
                "Null",
                "s3:x-amz-acl",
                V{"true"},
                {{"s3:x-amz-acl", kUnknown}},
                U}));

INSTANTIATE_TEST_SUITE_P(
    PolicyVariables, ConditionTable,
    ::testing::Values(
        CondRow{kVars,
                "StringLike",
                "s3:prefix",
                V{"home/${aws:username}/*"},
                {{"s3:prefix", V{"home/bob/photos"}}, {"aws:username", V{"bob"}}},
                T},
        CondRow{kVars,
                "StringLike",
                "s3:prefix",
                V{"home/${aws:username}/*"},
                {{"s3:prefix", V{"home/alice/photos"}}, {"aws:username", V{"bob"}}},
                F},
        CondRow{"aws-semantics.md 5.5 (variable without value -> no match)",
                "StringLike",
                "s3:prefix",
                V{"home/${aws:username}/*"},
                {{"s3:prefix", V{"home//x"}}},
                F},
        CondRow{"IAM-VERSION (2008-10-17: variables are literal)",
                "StringLike",
                "s3:prefix",
                V{"home/${aws:username}/*"},
                {{"s3:prefix", V{"home/${aws:username}/x"}}, {"aws:username", V{"bob"}}},
                T,
                false},
        CondRow{kVars,
                "StringEquals",
                "aws:ResourceTag/team",
                V{"${aws:PrincipalTag/team}"},
                {{"aws:ResourceTag/team", V{"blue"}}, {"aws:PrincipalTag/team", V{"blue"}}},
                T},
        CondRow{kVars,
                "StringEquals",
                "aws:ResourceTag/team",
                V{"${aws:PrincipalTag/team, 'company-wide'}"},
                {{"aws:ResourceTag/team", V{"company-wide"}}},
                T},
        CondRow{kVars,
                "StringEquals",
                "aws:ResourceTag/team",
                V{"${aws:PrincipalTag/team, 'company-wide'}"},
                {{"aws:ResourceTag/team", V{"company-wide"}}, {"aws:PrincipalTag/team", V{"red"}}},
                F},
        CondRow{"aws-semantics.md 5.5 (${*} is a literal '*')",
                "StringLike",
                "s3:prefix",
                V{"a${*}b"},
                {{"s3:prefix", V{"a*b"}}},
                T},
        CondRow{"aws-semantics.md 5.5 (${*} is a literal '*')",
                "StringLike",
                "s3:prefix",
                V{"a${*}b"},
                {{"s3:prefix", V{"axxb"}}},
                F},
        CondRow{"aws-semantics.md 5.5 (${?} is a literal '?')",
                "StringLike",
                "s3:prefix",
                V{"a${?}"},
                {{"s3:prefix", V{"a?"}}},
                T},
        CondRow{"aws-semantics.md 5.5 (${$} is a literal '$')",
                "StringEquals",
                "s3:prefix",
                V{"${$}x"},
                {{"s3:prefix", V{"$x"}}},
                T},
        CondRow{"IAM-VARS (substituted value is literal, not a pattern)",
                "StringLike",
                "s3:prefix",
                V{"${aws:username}"},
                {{"s3:prefix", V{"bob"}}, {"aws:username", V{"b*"}}},
                F},
        CondRow{"issue 3 (variable over an unknown key -> depends)",
                "StringLike",
                "s3:prefix",
                V{"home/${aws:username}/*"},
                {{"s3:prefix", V{"home/bob/x"}}, {"aws:username", kUnknown}},
                U},
        CondRow{kVars,
                "ArnLike",
                "aws:SourceArn",
                V{"arn:aws:iam::${aws:PrincipalAccount}:*"},
                {{"aws:SourceArn", V{"arn:aws:iam::111122223333:role/x"}},
                 {"aws:PrincipalAccount", V{"111122223333"}}},
                T}));

TEST(ConditionOperatorParsing, QualifiersAndSuffixes) {
  auto op = parse_condition_operator("ForAnyValue:StringNotLikeIfExists");
  ASSERT_TRUE(op.has_value());
  EXPECT_EQ(op->kind, OpFamily::kStringLike);
  EXPECT_TRUE(op->negated);
  EXPECT_TRUE(op->if_exists);
  EXPECT_EQ(op->set, SetQualifier::kForAnyValue);
  op = parse_condition_operator("ArnEquals");
  ASSERT_TRUE(op.has_value());
  EXPECT_EQ(op->kind, OpFamily::kArnLike);
  EXPECT_FALSE(op->negated);
  EXPECT_FALSE(parse_condition_operator("NullIfExists").has_value());
  EXPECT_FALSE(parse_condition_operator("StringMatches").has_value());
  EXPECT_FALSE(parse_condition_operator("ForSomeValues:StringEquals").has_value());
}

TEST(Dates, ParsesIsoAndEpoch) {
  EXPECT_EQ(parse_date("1970-01-01T00:00:00Z"), 0.0);
  EXPECT_EQ(parse_date("2020-06-30T00:00:00Z"), 1593475200.0);
  EXPECT_EQ(parse_date("1593475200"), 1593475200.0);
  EXPECT_EQ(parse_date("2020-06-30"), 1593475200.0);
  EXPECT_FALSE(parse_date("2020-13-01").has_value());
  EXPECT_FALSE(parse_date("yesterday").has_value());
  EXPECT_FALSE(parse_date("2020-06-30T00:00:00Q").has_value());
}

TEST(IpCidr, EdgeCases) {
  EXPECT_TRUE(ip_in_cidr("::1", "::1/128"));
  EXPECT_TRUE(ip_in_cidr("::ffff:192.0.2.1", "::ffff:192.0.2.0/120"));
  EXPECT_FALSE(ip_in_cidr("10.0.0.1", "10.0.0.0/33"));
  EXPECT_FALSE(ip_in_cidr("10.0.0.256", "10.0.0.0/8"));
  EXPECT_FALSE(ip_in_cidr("1:2:3:4:5:6:7:8:9", "::/0"));
  EXPECT_TRUE(ip_in_cidr("1:2:3:4:5:6:7:8", "::/0"));
}

TEST(Substitution, MissingVariableReportsItsName) {
  Context c;
  const Substituted s = substitute_variables("home/${aws:username}/x", c, false, false);
  EXPECT_EQ(s.ok, Tri::kFalse);
  EXPECT_EQ(s.missing, "aws:username");
  const Substituted u = substitute_variables("home/${aws:username}/x", c, true, false);
  EXPECT_EQ(u.ok, Tri::kUnknown);
}

}  // namespace
}  // namespace bucketlint::eval
