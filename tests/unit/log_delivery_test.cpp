// Log deliveries into S3 beyond server access logs and CloudFront (OW007): VPC Flow Logs,
// CloudTrail trails and ALB/NLB access logs, read from AWS CLI output, CloudFormation and
// Terraform, and judged against the bucket policy the delivering service needs.
// https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs-s3.html
// https://docs.aws.amazon.com/awscloudtrail/latest/userguide/create-s3-bucket-policy-for-cloudtrail.html
// https://docs.aws.amazon.com/elasticloadbalancing/latest/application/enable-access-logging.html
// https://docs.aws.amazon.com/elasticloadbalancing/latest/network/load-balancer-access-logs.html

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "bucketlint/load.h"
#include "load/terraform.h"
#include "load_test_util.h"
#include "model_builder.h"

namespace bucketlint::testing_util {
namespace {

using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::SizeIs;

LogDelivery delivery(LogDelivery::Kind kind, const std::string& prefix,
                     const std::string& region = "") {
  LogDelivery d;
  d.kind = kind;
  d.name = "source";
  d.account_id = kA;
  d.region = region;
  d.bucket = kBucket;
  d.prefix = prefix;
  d.where = SourceRef{"source.json", "", 3, 5};
  d.bucket_where = SourceRef{"source.json", "/Bucket", 4, 7};
  if (kind == LogDelivery::Kind::kCloudTrail && !region.empty()) {
    d.arn = "arn:aws:cloudtrail:" + region + ":" + kA + ":trail/source";
  }
  return d;
}

std::string policy_of(const std::string& statements) {
  return R"({"Version": "2012-10-17", "Statement": [)" + statements + "]}";
}

const std::string kVendedWrite = R"({"Sid": "AWSLogDeliveryWrite", "Effect": "Allow",
  "Principal": {"Service": "delivery.logs.amazonaws.com"}, "Action": "s3:PutObject",
  "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/logs/AWSLogs/111111111111/*",
  "Condition": {"StringEquals": {"s3:x-amz-acl": "bucket-owner-full-control"}}})";
const std::string kVendedAclCheck = R"({"Sid": "AWSLogDeliveryAclCheck", "Effect": "Allow",
  "Principal": {"Service": "delivery.logs.amazonaws.com"}, "Action": "s3:GetBucketAcl",
  "Resource": "arn:aws:s3:::amzn-s3-demo-bucket"})";

TEST(LogDelivery, FlowLogNeedsTheVendedLogsGrantWithTheCannedAcl) {
  ModelBuilder m;
  m.bucket(kBucket, kA, policy_of(kVendedWrite + "," + kVendedAclCheck),
           ObjectOwnership::kBucketOwnerEnforced);
  m.model.log_deliveries.push_back(delivery(LogDelivery::Kind::kFlowLog, "logs"));
  EXPECT_THAT(m.run("OW007"), IsEmpty()) << "the documented policy under BucketOwnerEnforced";

  // Another prefix than the policy names: the objects the flow log writes are not covered.
  m.model.log_deliveries.front().prefix = "vpc";
  std::vector<Finding> f = m.run("OW007");
  ASSERT_THAT(f, SizeIs(1));
  EXPECT_THAT(f[0].message, HasSubstr("VPC flow log 'source'"));
  EXPECT_THAT(f[0].message, HasSubstr("s3:PutObject on 'vpc/AWSLogs/111111111111/*'"));
  EXPECT_THAT(f[0].remediation, HasSubstr("\"s3:x-amz-acl\": \"bucket-owner-full-control\""));
  EXPECT_THAT(f[0].remediation, HasSubstr("AWSLogDeliveryAclCheck"));
}

TEST(LogDelivery, AGrantRequiringAnotherAclDoesNotLetTheDeliveryIn) {
  ModelBuilder m;
  m.bucket(kBucket, kA,
           policy_of(R"({"Effect": "Allow", "Principal": {"Service": "delivery.logs.amazonaws.com"},
    "Action": "s3:PutObject", "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*",
    "Condition": {"StringEquals": {"s3:x-amz-acl": "private"}}},)" +
                     kVendedAclCheck),
           ObjectOwnership::kBucketOwnerEnforced);
  m.model.log_deliveries.push_back(delivery(LogDelivery::Kind::kNetworkLoadBalancer, ""));
  std::vector<Finding> f = m.run("OW007");
  ASSERT_THAT(f, SizeIs(1));
  EXPECT_THAT(f[0].message, HasSubstr("with the 'bucket-owner-full-control' ACL"));
}

TEST(LogDelivery, CloudTrailAlsoNeedsTheAclCheck) {
  ModelBuilder m;
  m.bucket(kBucket, kA,
           policy_of(R"({"Effect": "Allow", "Principal": {"Service": "cloudtrail.amazonaws.com"},
    "Action": "s3:PutObject", "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/AWSLogs/111111111111/*",
    "Condition": {"StringEquals": {"s3:x-amz-acl": "bucket-owner-full-control"}}})"));
  m.model.log_deliveries.push_back(delivery(LogDelivery::Kind::kCloudTrail, "", "us-east-1"));
  std::vector<Finding> f = m.run("OW007");
  ASSERT_THAT(f, SizeIs(1));
  EXPECT_THAT(f[0].message, HasSubstr("no s3:GetBucketAcl on the bucket"));
  EXPECT_THAT(f[0].message, ::testing::Not(HasSubstr("s3:PutObject")));
}

TEST(LogDelivery, AlbNeedsTheElbAccountOfItsRegionOrTheLogDeliveryService) {
  const std::string grant = R"({"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::%s:root"},
    "Action": "s3:PutObject", "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*"})";
  auto with = [&](const std::string& account) {
    std::string s = grant;
    s.replace(s.find("%s"), 2, account);
    return policy_of(s);
  };
  {
    ModelBuilder m;
    m.bucket(kBucket, kA, with("156460612806"));  // eu-west-1
    m.model.log_deliveries.push_back(
        delivery(LogDelivery::Kind::kApplicationLoadBalancer, "alb", "eu-west-1"));
    EXPECT_THAT(m.run("OW007"), IsEmpty());
  }
  {
    ModelBuilder m;
    m.bucket(kBucket, kA,
             with("127311923021"));  // us-east-1's account, but the load balancer is in eu-west-1
    m.model.log_deliveries.push_back(
        delivery(LogDelivery::Kind::kApplicationLoadBalancer, "alb", "eu-west-1"));
    std::vector<Finding> f = m.run("OW007");
    ASSERT_THAT(f, SizeIs(1));
    EXPECT_THAT(f[0].remediation, HasSubstr("arn:aws:iam::156460612806:root"));
  }
  {
    ModelBuilder m;
    m.bucket(kBucket, kA, policy_of(R"({"Effect": "Allow", "Principal": {"Service":
      "logdelivery.elasticloadbalancing.amazonaws.com"}, "Action": "s3:PutObject",
      "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*"})"));
    m.model.log_deliveries.push_back(
        delivery(LogDelivery::Kind::kApplicationLoadBalancer, "", "me-central-1"));
    EXPECT_THAT(m.run("OW007"), IsEmpty()) << "Regions since August 2022 use the service";
  }
}

TEST(LogDelivery, LoadBalancerInAnotherRegionOrAlbWithKms) {
  ModelBuilder m;
  Bucket& b = m.bucket(kBucket, kA, policy_of(kVendedWrite + "," + kVendedAclCheck));
  b.region = "us-east-1";
  b.region_where = SourceRef{"location.json", "/LocationConstraint", 1, 2};
  m.model.log_deliveries.push_back(
      delivery(LogDelivery::Kind::kNetworkLoadBalancer, "logs", "eu-west-1"));
  std::vector<Finding> f = m.run("OW007");
  ASSERT_THAT(f, SizeIs(1));
  EXPECT_THAT(f[0].message, HasSubstr("in Region 'us-east-1', the load balancer in 'eu-west-1'"));

  b.region = "eu-west-1";
  EXPECT_THAT(m.run("OW007"), IsEmpty());

  m.model.log_deliveries.front().kind = LogDelivery::Kind::kApplicationLoadBalancer;
  b.encryption =
      BucketEncryption{"aws:kms", "alias/logs", false, SourceRef{"encryption.json", "", 1, 1}};
  f = m.run("OW007");
  ASSERT_THAT(f, SizeIs(1));
  EXPECT_THAT(f[0].message, HasSubstr("support only SSE-S3"));
}

TEST(LogDelivery, ReservedPrefixAndUnknownBucketsAndDenies) {
  ModelBuilder m;
  m.bucket(kBucket, kA, policy_of(kVendedWrite + "," + kVendedAclCheck));
  m.model.log_deliveries.push_back(delivery(LogDelivery::Kind::kFlowLog, "AWSLogs/vpc"));
  std::vector<Finding> f = m.run("OW007");
  ASSERT_THAT(f, SizeIs(1));
  EXPECT_THAT(f[0].message, HasSubstr("'AWSLogs' is a reserved folder name"));

  // A bucket that is not in the input is not judged.
  m.model.log_deliveries.front().bucket = "amzn-s3-demo-elsewhere";
  EXPECT_THAT(m.run("OW007"), IsEmpty());

  // A Deny without an exception for the service stops the delivery the Allow lets in.
  ModelBuilder d;
  d.bucket(kBucket, kA, policy_of(kVendedWrite + "," + kVendedAclCheck + R"(, {"Effect": "Deny",
    "Principal": "*", "Action": "s3:PutObject", "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*",
    "Condition": {"StringNotEquals": {"aws:PrincipalAccount": "111111111111"}}})"));
  d.model.log_deliveries.push_back(delivery(LogDelivery::Kind::kFlowLog, "logs"));
  EXPECT_THAT(d.run("OW007"), SizeIs(1));
}

// ---------------------------------------------------------------------------------------------
// Readers.

TEST(LogDelivery, CliOutputsAreRead) {
  Model m;
  m.default_account = kA;
  load_text(m, "describe-flow-logs.json", R"({"FlowLogs": [
    {"FlowLogId": "fl-1", "LogDestinationType": "s3",
     "LogDestination": "arn:aws:s3:::amzn-s3-demo-bucket/vpc/a/"},
    {"FlowLogId": "fl-2", "LogDestinationType": "cloud-watch-logs", "LogGroupName": "g"}]})");
  load_text(m, "describe-trails.json", R"({"trailList": [{"Name": "t", "S3BucketName":
    "amzn-s3-demo-bucket", "S3KeyPrefix": "trail/", "HomeRegion": "eu-west-1",
    "TrailARN": "arn:aws:cloudtrail:eu-west-1:222222222222:trail/t"}]})");
  // The same trail listed again (a shadow trail in another Region's output) and an
  // organization trail: neither adds a delivery.
  load_text(m, "describe-trails-2.json", R"({"trailList": [{"Name": "t", "S3BucketName":
    "amzn-s3-demo-bucket", "HomeRegion": "eu-west-1",
    "TrailARN": "arn:aws:cloudtrail:eu-west-1:222222222222:trail/t"}, {"Name": "org",
    "S3BucketName": "amzn-s3-demo-bucket", "IsOrganizationTrail": true,
    "TrailARN": "arn:aws:cloudtrail:us-east-1:333333333333:trail/org"}]})");
  load_text(m, "attributes.json", R"({"Attributes": [{"Key": "access_logs.s3.enabled",
    "Value": "true"}, {"Key": "access_logs.s3.bucket", "Value": "amzn-s3-demo-bucket"},
    {"Key": "access_logs.s3.prefix", "Value": "lb"}]})");
  load_text(m, "attributes-off.json", R"({"Attributes": [{"Key": "access_logs.s3.enabled",
    "Value": "false"}, {"Key": "access_logs.s3.bucket", "Value": "amzn-s3-demo-bucket"}]})");
  ASSERT_THAT(m.log_deliveries, SizeIs(3));
  EXPECT_EQ(m.log_deliveries[0].kind, LogDelivery::Kind::kFlowLog);
  EXPECT_EQ(m.log_deliveries[0].name, "fl-1");
  EXPECT_EQ(m.log_deliveries[0].bucket, "amzn-s3-demo-bucket");
  EXPECT_EQ(m.log_deliveries[0].prefix, "vpc/a");
  EXPECT_EQ(m.log_deliveries[0].account_id, kA);
  EXPECT_EQ(m.log_deliveries[1].kind, LogDelivery::Kind::kCloudTrail);
  EXPECT_EQ(m.log_deliveries[1].prefix, "trail");
  EXPECT_EQ(m.log_deliveries[1].account_id, kB) << "the trail's ARN names its account";
  EXPECT_EQ(m.log_deliveries[1].region, "eu-west-1");
  EXPECT_EQ(m.log_deliveries[2].kind, LogDelivery::Kind::kLoadBalancer);
  EXPECT_EQ(m.log_deliveries[2].prefix, "lb");
  EXPECT_TRUE(m.diagnostics.empty()) << m.diagnostics.front().message;
}

TEST(LogDelivery, TemplatesAndTerraformAreRead) {
  Model m;
  m.default_account = kA;
  load_text(m, "stack.yaml", R"(AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Logs:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: amzn-s3-demo-bucket
  Flow:
    Type: AWS::EC2::FlowLog
    Properties:
      ResourceId: vpc-1
      ResourceType: VPC
      TrafficType: ALL
      LogDestinationType: s3
      LogDestination: !GetAtt Logs.Arn
  CloudWatchFlow:
    Type: AWS::EC2::FlowLog
    Properties:
      ResourceId: vpc-1
      ResourceType: VPC
      TrafficType: ALL
      LogGroupName: flow
  Trail:
    Type: AWS::CloudTrail::Trail
    Properties:
      IsLogging: true
      S3BucketName: !Ref Logs
  Nlb:
    Type: AWS::ElasticLoadBalancingV2::LoadBalancer
    Properties:
      Type: network
      LoadBalancerAttributes:
        - Key: access_logs.s3.enabled
          Value: "true"
        - Key: access_logs.s3.bucket
          Value: !Ref Logs
)");
  ASSERT_THAT(m.log_deliveries, SizeIs(3));
  std::map<std::string, LogDelivery::Kind> kinds;
  for (const LogDelivery& d : m.log_deliveries) kinds[d.logical_id] = d.kind;
  EXPECT_EQ(kinds["Flow"], LogDelivery::Kind::kFlowLog);
  EXPECT_EQ(kinds["Trail"], LogDelivery::Kind::kCloudTrail);
  EXPECT_EQ(kinds["Nlb"], LogDelivery::Kind::kNetworkLoadBalancer);
  EXPECT_FALSE(kinds.contains("CloudWatchFlow")) << "a flow log to CloudWatch Logs";
  for (const LogDelivery& d : m.log_deliveries) {
    EXPECT_EQ(d.bucket, "amzn-s3-demo-bucket");
    EXPECT_EQ(d.account_id, kA);
    EXPECT_GT(d.bucket_where.line(), 0);
  }

  Model t;
  read_terraform_text(t, "main.tf", R"(provider "aws" {
  allowed_account_ids = ["111111111111"]
}
resource "aws_s3_bucket" "logs" {
  bucket = "amzn-s3-demo-bucket"
}
resource "aws_cloudtrail" "t" {
  name           = "t"
  s3_bucket_name = aws_s3_bucket.logs.id
}
resource "aws_lb" "alb" {
  access_logs {
    bucket  = aws_s3_bucket.logs.bucket
    enabled = false
  }
}
resource "aws_s3_account_public_access_block" "a" {
  restrict_public_buckets = true
}
)");
  ASSERT_THAT(t.log_deliveries, SizeIs(1)) << "access logs that are not enabled deliver nothing";
  EXPECT_EQ(t.log_deliveries[0].kind, LogDelivery::Kind::kCloudTrail);
  EXPECT_EQ(t.log_deliveries[0].bucket, "amzn-s3-demo-bucket");
  const Account* a = t.find_account(kA);
  ASSERT_NE(a, nullptr);
  ASSERT_TRUE(a->public_access_block.has_value());
  EXPECT_TRUE(a->public_access_block->restrict_public_buckets);
  EXPECT_FALSE(a->public_access_block->block_public_acls);
}

// The AWS sample template of the external corpus grants delivery.logs.amazonaws.com what the VPC
// guide asks: its flow log is not reported. Its bucket parameter has no default, so the test
// gives it the empty default that makes the template create the bucket and its policy.
TEST(LogDelivery, CorpusFlowLogTemplateIsClean) {
  const auto dir = external_data_dir(
      "corpus/cloudformation/aws-cloudformation-templates/Solutions/VPCFlowLogs/templates");
  if (!dir) GTEST_SKIP() << kNoCorpus;
  std::string text = read_text((*dir / "VPCFlowLogsS3.cfn.yaml").string());
  const std::string param = "\n  VPCFlowLogsBucketName:\n";  // the parameter, not its label
  const std::size_t at = text.find(param);
  ASSERT_NE(at, std::string::npos);
  text.insert(at + param.size(), "    Default: \"\"\n");
  Model m;
  m.default_account = kA;
  load_text(m, "VPCFlowLogsS3.cfn.yaml", text);
  ASSERT_THAT(m.log_deliveries, SizeIs(1));
  EXPECT_EQ(m.log_deliveries[0].kind, LogDelivery::Kind::kFlowLog);
  ASSERT_NE(m.find_bucket(m.log_deliveries[0].bucket), nullptr);
  std::vector<std::unique_ptr<Rule>> rules = make_builtin_rules();
  std::erase_if(rules, [](const auto& rule) { return rule->info().id != "OW007"; });
  // OW007 findings about the flow log (the template's server access logging is another matter).
  auto flow_log_findings = [&](const Model& model) {
    std::vector<std::string> out;
    for (const Finding& f : run_rules(model, rules).findings) {
      if (f.message.find("VPC flow log") != std::string::npos) out.push_back(f.message);
    }
    return out;
  };
  EXPECT_THAT(flow_log_findings(m), IsEmpty());

  // Without its policy's AWSLogDeliveryWrite statement, the flow log is reported.
  const std::size_t write = text.find("          - Sid: AWSLogDeliveryWrite");
  const std::size_t check = text.find("          - Sid: AWSLogDeliveryAclCheck");
  ASSERT_TRUE(write != std::string::npos && check != std::string::npos);
  text.erase(write, check - write);
  Model broken;
  broken.default_account = kA;
  load_text(broken, "VPCFlowLogsS3.cfn.yaml", text);
  EXPECT_THAT(flow_log_findings(broken), SizeIs(1));
}

}  // namespace
}  // namespace bucketlint::testing_util
