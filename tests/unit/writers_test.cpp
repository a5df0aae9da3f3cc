// Issue 17, sections 2 and 3: the AWS CLI documents that decide who writes objects
// (replication, logging, website, policy status, location, access points and their policies,
// inline policy lists of roles and users), told by content with positions; access point
// policies told from bucket policies by their ARNs; the same entities from CloudFormation and
// Terraform; and the rules that reason about them (OW001 through access points, OW006, OW007,
// CF006).

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "bucketlint/access.h"
#include "bucketlint/load.h"
#include "lint_helpers.h"
#include "load/documents.h"
#include "load/terraform.h"
#include "load_test_util.h"

namespace bucketlint {
namespace {

using testing::ElementsAre;
using testing::HasSubstr;
using testing_util::diagnostic_ids;
using testing_util::fixture_path;
using testing_util::read_text;
using testing_util::source_path;

DocumentKind classify(const std::string& text) {
  JsonParseResult r = parse_json(text);
  return r.value ? classify_document(*r.value) : DocumentKind::kUnknown;
}

Model load_one(const std::string& name, const std::string& text,
               const std::string& account = "111111111111") {
  Model model;
  model.default_account = account;
  load_text(model, name, text);
  return model;
}

LoadResult load_dir(const std::string& dir) {
  LoadOptions options;
  options.paths = {dir};
  options.discover_config = false;
  return load_inputs(options);
}

// ---- Section 2: readers ---------------------------------------------------------------------

// One document read on its own, with the file and model it lives in.
struct Read {
  Model model;
  std::unique_ptr<SourceFile> src;
  JsonParseResult parsed;
  LoadedDocument doc;
};
std::unique_ptr<Read> read_one(const std::string& text) {
  auto r = std::make_unique<Read>();
  r->src = std::make_unique<SourceFile>("doc.json", text);
  r->parsed = parse_json(r->src->text());
  EXPECT_TRUE(r->parsed.value);
  if (r->parsed.value) {
    r->doc = read_document(r->model, *r->src, *r->parsed.value, std::nullopt, 64);
  }
  return r;
}

TEST(WritersReaders, EachCliOutputIsToldByContent) {
  EXPECT_EQ(classify(R"({"ReplicationConfiguration": {"Role": "r", "Rules": []}})"),
            DocumentKind::kBucketReplication);
  EXPECT_EQ(classify(R"({"LoggingEnabled": {"TargetBucket": "l", "TargetPrefix": ""}})"),
            DocumentKind::kBucketLogging);
  EXPECT_EQ(classify(R"({"IndexDocument": {"Suffix": "index.html"}})"),
            DocumentKind::kBucketWebsite);
  EXPECT_EQ(classify(R"({"RedirectAllRequestsTo": {"HostName": "example.com"}})"),
            DocumentKind::kBucketWebsite);
  EXPECT_EQ(classify(R"({"PolicyStatus": {"IsPublic": true}})"), DocumentKind::kBucketPolicyStatus);
  EXPECT_EQ(classify(R"({"LocationConstraint": null})"), DocumentKind::kBucketLocation);
  EXPECT_EQ(classify(R"({"Name": "ap", "Bucket": "b", "NetworkOrigin": "VPC"})"),
            DocumentKind::kAccessPoint);
  EXPECT_EQ(classify(R"({"PolicyNames": ["a"], "IsTruncated": false})"),
            DocumentKind::kPolicyNames);
  // list-attached-user-policies has the role command's shape; get-user-policy the role's.
  EXPECT_EQ(classify(R"({"AttachedPolicies": [], "IsTruncated": false})"),
            DocumentKind::kAttachedPolicies);
  EXPECT_EQ(classify(R"({"UserName": "u", "PolicyName": "p", "PolicyDocument": {}})"),
            DocumentKind::kRolePolicy);
  // A public access block with no access point members is still a public access block.
  EXPECT_EQ(classify(R"({"PublicAccessBlockConfiguration": {"BlockPublicAcls": true}})"),
            DocumentKind::kPublicAccessBlock);
}

TEST(WritersReaders, ReplicationRuleWithPositions) {
  const std::string text = R"({
  "ReplicationConfiguration": {
    "Role": "arn:aws:iam::111111111111:role/s3-replication",
    "Rules": [
      {
        "ID": "to-b",
        "Status": "Enabled",
        "Destination": {
          "Bucket": "arn:aws:s3:::amzn-s3-demo-backup",
          "Account": "222222222222",
          "AccessControlTranslation": {"Owner": "Destination"}
        }
      },
      {"ID": "off", "Status": "Disabled", "Destination": {"Bucket": "arn:aws:s3:::other"}}
    ]
  }
})";
  auto read = read_one(text);
  const LoadedDocument& doc = read->doc;
  ASSERT_EQ(doc.kind, DocumentKind::kBucketReplication);
  ASSERT_TRUE(doc.replication);
  EXPECT_EQ(doc.replication->role_arn, "arn:aws:iam::111111111111:role/s3-replication");
  ASSERT_EQ(doc.replication->rules.size(), 2u);
  const ReplicationRule& r = doc.replication->rules[0];
  EXPECT_EQ(r.id, "to-b");
  EXPECT_TRUE(r.enabled);
  EXPECT_EQ(r.destination_bucket, "amzn-s3-demo-backup");
  EXPECT_EQ(r.destination_account, "222222222222");
  EXPECT_TRUE(r.owner_override);
  EXPECT_EQ(r.destination_where.line(), 9);
  EXPECT_EQ(r.destination_where.column(), 21);
  EXPECT_EQ(r.destination_where.pointer(), "/ReplicationConfiguration/Rules/0/Destination/Bucket");
  EXPECT_EQ(r.owner_where.line(), 11);
  EXPECT_FALSE(doc.replication->rules[1].enabled);
  EXPECT_FALSE(doc.replication->rules[1].owner_override);
}

TEST(WritersReaders, LoggingWebsiteStatusLocationAndAccessPoint) {
  auto logging = read_one(R"({"LoggingEnabled": {"TargetBucket": "logs",
      "TargetPrefix": "a/", "TargetGrants": [{"Permission": "READ"}]}})");
  ASSERT_TRUE(logging->doc.logging);
  EXPECT_EQ(logging->doc.logging->target_bucket, "logs");
  EXPECT_EQ(logging->doc.logging->target_prefix, "a/");
  EXPECT_TRUE(logging->doc.logging->has_target_grants);
  EXPECT_EQ(logging->doc.logging->target_where.line(), 1);
  EXPECT_EQ(logging->doc.logging->target_where.column(), 37);

  auto site = read_one(R"({"IndexDocument": {"Suffix": "index.html"},
      "ErrorDocument": {"Key": "error.html"}, "RoutingRules": [{}, {}]})");
  ASSERT_TRUE(site->doc.website);
  EXPECT_EQ(site->doc.website->index_document, "index.html");
  EXPECT_EQ(site->doc.website->error_document, "error.html");
  EXPECT_EQ(site->doc.website->routing_rules, 2u);

  auto status = read_one(R"({"PolicyStatus": {"IsPublic": true}})");
  ASSERT_TRUE(status->doc.policy_status);
  EXPECT_TRUE(status->doc.policy_status->is_public);

  // null means us-east-1; the legacy "EU" means eu-west-1.
  EXPECT_EQ(read_one(R"({"LocationConstraint": null})")->doc.region, "us-east-1");
  EXPECT_EQ(read_one(R"({"LocationConstraint": "EU"})")->doc.region, "eu-west-1");
  EXPECT_EQ(read_one(R"({"LocationConstraint": "ap-south-1"})")->doc.region, "ap-south-1");

  auto ap = read_one(
      read_text(fixture_path("corpus/cli-output/s3api/awscli--get-access-point--01.json")));
  ASSERT_EQ(ap->doc.kind, DocumentKind::kAccessPoint);
  ASSERT_TRUE(ap->doc.access_point);
  EXPECT_EQ(ap->doc.access_point->name, "finance-ap");
  EXPECT_EQ(ap->doc.access_point->bucket, "business-records");
  EXPECT_EQ(ap->doc.access_point->network_origin, "Internet");
  ASSERT_TRUE(ap->doc.access_point->public_access_block);
  EXPECT_FALSE(ap->doc.access_point->public_access_block->block_public_policy);
}

TEST(WritersReaders, PolicyNamesKeepPositions) {
  const std::string text = "{\n  \"PolicyNames\": [\n    \"ExampleRolePolicy\"\n  ]\n}\n";
  auto read = read_one(text);
  const LoadedDocument& doc = read->doc;
  ASSERT_EQ(doc.policy_names.size(), 1u);
  EXPECT_EQ(doc.policy_names[0].value, "ExampleRolePolicy");
  EXPECT_EQ(doc.policy_names[0].where.line(), 3);
  EXPECT_EQ(doc.policy_names[0].where.column(), 5);
}

// ---- Section 1/2: an access point policy is never the bucket policy -------------------------

TEST(WritersAccessPointPolicy, ToldByTheArnsInResource) {
  const std::string text = read_text(
      fixture_path("corpus/cli-output/s3control/awscli--get-access-point-policy--01.json"));
  Model m = load_one("ap-policy.json", text);
  EXPECT_TRUE(m.diagnostics.empty());
  EXPECT_TRUE(m.buckets.empty());  // not taken for a bucket policy
  ASSERT_EQ(m.access_points.size(), 1u);
  const AccessPoint& ap = m.access_points[0];
  EXPECT_EQ(ap.name, "finance-ap");
  EXPECT_EQ(ap.account_id, "123456789012");
  EXPECT_EQ(ap.region, "us-west-2");
  EXPECT_EQ(ap.arn, "arn:aws:s3:us-west-2:123456789012:accesspoint/finance-ap");
  ASSERT_NE(ap.policy, nullptr);
  EXPECT_EQ(ap.policy->kind, PolicyKind::kAccessPoint);

  // The same shape naming a bucket stays a bucket policy.
  Model b = load_one(
      "bp.json", R"({"Policy": "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",)"
                 R"(\"Principal\":{\"AWS\":\"222222222222\"},\"Action\":\"s3:PutObject\",)"
                 R"(\"Resource\":\"arn:aws:s3:::amzn-s3-demo-bucket/*\"}]}"})");
  EXPECT_TRUE(b.access_points.empty());
  ASSERT_EQ(b.buckets.size(), 1u);
  ASSERT_NE(b.buckets[0].policy, nullptr);
  EXPECT_EQ(b.buckets[0].policy->kind, PolicyKind::kBucket);
}

TEST(WritersAccessPointPolicy, ArnParsing) {
  AccessPointArn ap;
  ASSERT_TRUE(parse_access_point_arn(
      "arn:aws:s3:us-west-2:123456789012:accesspoint/finance-ap/object/records/*", ap));
  EXPECT_EQ(ap.arn, "arn:aws:s3:us-west-2:123456789012:accesspoint/finance-ap");
  EXPECT_EQ(ap.name, "finance-ap");
  EXPECT_FALSE(parse_access_point_arn("arn:aws:s3:::bucket/key", ap));
  EXPECT_FALSE(parse_access_point_arn("arn:aws:s3:us-west-2:123:accesspoint/x", ap));
  EXPECT_FALSE(parse_access_point_arn("arn:aws:s3:us-west-2:123456789012:accesspoint/*", ap));
  EXPECT_FALSE(parse_access_point_arn("arn:aws:s3", ap));
}

TEST(WritersAccessPointPolicy, BesideTheBucketPolicyInASnapshot) {
  // The access point policy sorts first by name; the bucket keeps its own policy.
  LoadResult r = load_dir(source_path("samples/ow001-access-point-policy-beside-bucket-policy"));
  const Model& m = r.model;
  EXPECT_THAT(diagnostic_ids(m), ElementsAre());
  const Bucket* b = m.find_bucket("amzn-s3-demo-bucket");
  ASSERT_NE(b, nullptr);
  ASSERT_NE(b->policy, nullptr);
  EXPECT_THAT(b->policy->where.file(), HasSubstr("bucket-policy.json"));
  ASSERT_EQ(m.access_points.size(), 1u);
  EXPECT_EQ(m.access_points[0].bucket, "amzn-s3-demo-bucket");
  EXPECT_EQ(m.access_points[0].name, "finance-ap");
  ASSERT_NE(m.access_points[0].policy, nullptr);
  EXPECT_THAT(m.access_points[0].policy->where.file(), HasSubstr("access-point-policy.json"));
}

TEST(WritersSnapshot, AccessPointFolderAndUserDocuments) {
  LoadResult r = load_dir(source_path("samples/ow001-access-point-writer"));
  const Model& m = r.model;
  EXPECT_THAT(diagnostic_ids(m), ElementsAre());
  ASSERT_EQ(m.access_points.size(), 1u);
  const AccessPoint& ap = m.access_points[0];
  EXPECT_EQ(ap.account_id, "111111111111");
  EXPECT_EQ(ap.bucket, "amzn-s3-demo-bucket");
  EXPECT_EQ(ap.network_origin, "Internet");
  EXPECT_EQ(ap.arn, "arn:aws:s3:us-east-1:111111111111:accesspoint/uploads-ap");
  ASSERT_NE(ap.policy, nullptr);
  EXPECT_EQ(m.access_points_of("amzn-s3-demo-bucket").size(), 1u);
}

TEST(WritersSnapshot, EveryNewDocumentIsRead) {
  LoadResult r = load_dir(source_path("samples/cli-readers-snapshot"));
  const Model& m = r.model;
  EXPECT_THAT(diagnostic_ids(m), ElementsAre());
  const Bucket* b = m.find_bucket("amzn-s3-demo-bucket");
  ASSERT_NE(b, nullptr);
  EXPECT_TRUE(b->replication);
  EXPECT_TRUE(b->logging);
  EXPECT_TRUE(b->website);
  EXPECT_TRUE(b->policy_status);
  EXPECT_EQ(b->region, "eu-west-1");
  const Role* role = m.find_role("arn:aws:iam::111111111111:role/site-deployer");
  ASSERT_NE(role, nullptr);
  ASSERT_EQ(role->inline_policy_names.size(), 1u);
  ASSERT_EQ(m.users.size(), 1u);
  EXPECT_EQ(m.users[0].policies.size(), 1u);
  EXPECT_EQ(m.users[0].inline_policy_names.size(), 1u);
  EXPECT_EQ(m.users[0].attached_policy_arns.size(), 1u);
}

// ---- Section 3: writer analysis ---------------------------------------------------------------

TEST(WritersAccess, AccessPointWriterOwnsItsObjects) {
  LoadResult r = load_dir(source_path("samples/ow001-access-point-writer"));
  access::Queries q(r.model);
  const Bucket* b = r.model.find_bucket("amzn-s3-demo-bucket");
  ASSERT_NE(b, nullptr);
  const std::vector<access::Writer>& writers = q.writers(*b);
  // The delegation statement lets no direct upload in (no access point keys on it); the
  // access point lets B's role in.
  ASSERT_EQ(writers.size(), 1u);
  EXPECT_NE(writers[0].access_point, nullptr);
  EXPECT_EQ(writers[0].account, "222222222222");
  EXPECT_THAT(writers[0].label(), HasSubstr("through access point 'uploads-ap'"));
  EXPECT_EQ(writers[0].key, "uploads/x");
  const eval::TraceEntry* grant = writers[0].bucket_grant();
  ASSERT_NE(grant, nullptr);
  EXPECT_EQ(grant->policy->kind, PolicyKind::kAccessPoint);
}

TEST(WritersAccess, BucketPolicyThatDoesNotDelegateStopsTheAccessPointWriter) {
  LoadResult r = load_dir(source_path("samples/ow001-access-point-writer"));
  Model& m = r.model;
  Bucket* b = nullptr;
  for (Bucket& x : m.buckets) {
    if (x.name == "amzn-s3-demo-bucket") b = &x;
  }
  ASSERT_NE(b, nullptr);
  b->policy = nullptr;  // no bucket policy: nothing delegates to the access point
  access::Queries q(m);
  EXPECT_TRUE(q.writers(*b).empty());
}

TEST(WritersRules, SamplesFireTheirRules) {
  auto ids = [](const std::string& sample) {
    LoadResult r = load_dir(source_path("samples/" + sample));
    auto rules = make_builtin_rules();
    const EngineResult result = run_rules(r.model, rules);
    std::vector<std::string> out;
    for (const Finding& f : result.findings) out.emplace_back(f.rule->id);
    return out;
  };
  EXPECT_THAT(ids("ow001-access-point-writer"), ElementsAre("OW001"));
  EXPECT_THAT(ids("ow001-access-point-writer-fixed"), ElementsAre());
  EXPECT_THAT(ids("ow001-access-point-policy-beside-bucket-policy"), ElementsAre("OW001"));
  // AC003: the destination keeps ACLs enabled that nothing given needs (a note).
  EXPECT_THAT(ids("ow006-replica-owned-by-source"), ElementsAre("OW006", "AC003"));
  EXPECT_THAT(ids("ow006-replica-owner-override-fixed"), ElementsAre("AC003"));
  EXPECT_THAT(ids("ow007-server-access-logs-enforced"), ElementsAre("OW007"));
  EXPECT_THAT(ids("ow007-server-access-logs-policy-fixed"), ElementsAre());
  EXPECT_THAT(ids("ow007-cloudfront-logs-enforced"), ElementsAre("OW007"));
  EXPECT_THAT(ids("cf006-website-origin-with-oac"), ElementsAre("CF006"));
  EXPECT_THAT(ids("cf006-rest-origin-oac-fixed"), ElementsAre());
}

TEST(WritersRules, ReplicationToTheSameAccountOrDisabledIsFine) {
  Model same;
  same.default_account = "222222222222";
  Bucket src;
  src.name = "src";
  src.account_id = "222222222222";
  ReplicationConfiguration rc;
  ReplicationRule rule;
  rule.destination_bucket = "dest";
  rule.destination_account = "222222222222";
  rc.rules.push_back(rule);
  src.replication = rc;
  same.buckets.push_back(src);
  auto rules = make_builtin_rules();
  std::erase_if(rules, [](const auto& r) { return r->info().id != std::string_view("OW006"); });
  EXPECT_TRUE(run_rules(same, rules).findings.empty());
  same.buckets[0].replication->rules[0].destination_account = "333333333333";
  EXPECT_EQ(run_rules(same, rules).findings.size(), 1u);
  same.buckets[0].replication->rules[0].enabled = false;
  EXPECT_TRUE(run_rules(same, rules).findings.empty());
}

std::vector<std::string> only_rule(const Model& model, std::string_view id) {
  auto rules = make_builtin_rules();
  std::erase_if(rules, [&](const auto& r) { return r->info().id != id; });
  std::vector<std::string> out;
  for (const Finding& f : run_rules(model, rules).findings) out.push_back(f.message);
  return out;
}

TEST(WritersRules, WebsiteOriginWithoutOacNeedsAPublicBucket) {
  Model m;
  Bucket b;
  b.name = "site";
  b.account_id = "111111111111";
  m.buckets.push_back(b);
  Distribution d;
  d.id = "EDFDVBD6EXAMPLE";
  d.account_id = "111111111111";
  Origin o;
  o.id = "web";
  o.domain_name = "site.s3-website-us-east-1.amazonaws.com";
  o.bucket = "site";
  o.is_website_endpoint = true;
  d.origins.push_back(o);
  m.distributions.push_back(d);
  // No bucket policy: anonymous readers get nothing, so the website endpoint answers 403.
  std::vector<std::string> messages = only_rule(m, "CF006");
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_THAT(messages[0], HasSubstr("CloudFront gets 403"));
  // A public read policy makes the origin work: nothing to report here (public access is
  // another family's question).
  Model pub = load_one("bp.json",
                       R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*",)"
                       R"("Action":"s3:GetObject","Resource":"arn:aws:s3:::site/*"}]})");
  pub.distributions.push_back(d);
  EXPECT_TRUE(only_rule(pub, "CF006").empty());
  // Block Public Access stops the public policy: 403 again.
  for (Bucket& x : pub.buckets) {
    PublicAccessBlock pab;
    pab.restrict_public_buckets = true;
    x.public_access_block = pab;
  }
  messages = only_rule(pub, "CF006");
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_THAT(messages[0], HasSubstr("RestrictPublicBuckets"));
}

TEST(WritersRules, ServerAccessLogsIntoAnotherAccountOrWithoutGrant) {
  Model m;
  Bucket src;
  src.name = "src";
  src.account_id = "111111111111";
  LoggingConfiguration logging;
  logging.target_bucket = "logs";
  src.logging = logging;
  Bucket logs;
  logs.name = "logs";
  logs.account_id = "222222222222";
  m.buckets.push_back(src);
  m.buckets.push_back(logs);
  std::vector<std::string> messages = only_rule(m, "OW007");
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_THAT(messages[0], HasSubstr("belongs to account '222222222222'"));
  // Same account, ACLs enabled, bucket ACL without LogDelivery WRITE and no policy.
  m.buckets[1].account_id = "111111111111";
  m.buckets[1].ownership.value = ObjectOwnership::kBucketOwnerPreferred;
  Acl acl;
  acl.owner_id = "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be";
  m.buckets[1].acl = acl;
  messages = only_rule(m, "OW007");
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_THAT(messages[0], HasSubstr("LogDelivery WRITE"));
  // The LogDelivery group's WRITE grant delivers while ACLs are enabled.
  AclGrant grant;
  grant.type = GranteeType::kGroup;
  grant.uri = std::string(kLogDeliveryUri);
  grant.permission = "WRITE";
  m.buckets[1].acl->grants.push_back(grant);
  EXPECT_TRUE(only_rule(m, "OW007").empty());
  // ... and no longer under BucketOwnerEnforced.
  m.buckets[1].ownership.value = ObjectOwnership::kBucketOwnerEnforced;
  EXPECT_EQ(only_rule(m, "OW007").size(), 1u);
}

// ---- Section 5: CloudFormation and Terraform ------------------------------------------------

TEST(WritersIac, CloudFormationBucketConfigurationsAndAccessPoint) {
  const std::string text = R"(AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Site:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: amzn-s3-demo-bucket
      LoggingConfiguration:
        DestinationBucketName: !Ref Logs
        LogFilePrefix: access/
      WebsiteConfiguration:
        IndexDocument: index.html
      ReplicationConfiguration:
        Role: arn:aws:iam::111111111111:role/r
        Rules:
          - Id: to-b
            Status: Enabled
            Destination:
              Bucket: arn:aws:s3:::amzn-s3-demo-backup
              Account: "222222222222"
  Logs:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: amzn-s3-demo-logs
  Ap:
    Type: AWS::S3::AccessPoint
    Properties:
      Bucket: !Ref Site
      Name: uploads-ap
      Policy:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: {AWS: "arn:aws:iam::222222222222:role/site-uploader"}
            Action: s3:PutObject
            Resource: !Sub "arn:aws:s3:${AWS::Region}:${AWS::AccountId}:accesspoint/uploads-ap/object/*"
)";
  Model m = load_one("stack.yaml", text);
  const Bucket* b = m.find_bucket("amzn-s3-demo-bucket");
  ASSERT_NE(b, nullptr);
  ASSERT_TRUE(b->logging);
  EXPECT_EQ(b->logging->target_bucket, "amzn-s3-demo-logs");
  EXPECT_EQ(b->logging->target_where.line(), 8);
  ASSERT_TRUE(b->website);
  EXPECT_EQ(b->website->index_document, "index.html");
  ASSERT_TRUE(b->replication);
  ASSERT_EQ(b->replication->rules.size(), 1u);
  EXPECT_EQ(b->replication->rules[0].destination_bucket, "amzn-s3-demo-backup");
  EXPECT_EQ(b->replication->rules[0].destination_account, "222222222222");
  ASSERT_EQ(m.access_points.size(), 1u);
  EXPECT_EQ(m.access_points[0].bucket, "amzn-s3-demo-bucket");
  EXPECT_EQ(m.access_points[0].name, "uploads-ap");
  ASSERT_NE(m.access_points[0].policy, nullptr);
  EXPECT_EQ(m.access_points[0].policy->kind, PolicyKind::kAccessPoint);
}

TEST(WritersIac, TerraformResourcesAndInlineBlocks) {
  const std::string text = R"(resource "aws_s3_bucket" "site" {
  bucket = "amzn-s3-demo-bucket"
}
resource "aws_s3_bucket" "logs" {
  bucket = "amzn-s3-demo-logs"
}
resource "aws_s3_bucket_logging" "site" {
  bucket        = aws_s3_bucket.site.id
  target_bucket = aws_s3_bucket.logs.id
  target_prefix = "access/"
}
resource "aws_s3_bucket_website_configuration" "site" {
  bucket = aws_s3_bucket.site.id
  index_document {
    suffix = "index.html"
  }
}
resource "aws_s3_bucket_replication_configuration" "site" {
  bucket = aws_s3_bucket.site.id
  role   = "arn:aws:iam::111111111111:role/r"
  rule {
    id     = "to-b"
    status = "Enabled"
    destination {
      bucket  = "arn:aws:s3:::amzn-s3-demo-backup"
      account = "222222222222"
      access_control_translation {
        owner = "Destination"
      }
    }
  }
}
resource "aws_s3_access_point" "ap" {
  bucket = aws_s3_bucket.site.id
  name   = "uploads-ap"
}
resource "aws_s3control_access_point_policy" "ap" {
  access_point_arn = aws_s3_access_point.ap.arn
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::222222222222:role/site-uploader" }
      Action    = "s3:PutObject"
      Resource  = "${aws_s3_access_point.ap.arn}/object/*"
    }]
  })
}
resource "aws_s3_bucket" "old" {
  bucket = "amzn-s3-demo-old"
  website {
    index_document = "index.html"
  }
  logging {
    target_bucket = "amzn-s3-demo-logs"
  }
}
)";
  Model m;
  m.default_account = "111111111111";
  read_terraform_text(m, "main.tf", text);
  const Bucket* b = m.find_bucket("amzn-s3-demo-bucket");
  ASSERT_NE(b, nullptr);
  ASSERT_TRUE(b->logging);
  EXPECT_EQ(b->logging->target_bucket, "amzn-s3-demo-logs");
  ASSERT_TRUE(b->website);
  EXPECT_EQ(b->website->index_document, "index.html");
  ASSERT_TRUE(b->replication);
  ASSERT_EQ(b->replication->rules.size(), 1u);
  EXPECT_TRUE(b->replication->rules[0].owner_override);
  EXPECT_EQ(b->replication->rules[0].destination_account, "222222222222");
  ASSERT_EQ(m.access_points.size(), 1u);
  EXPECT_EQ(m.access_points[0].bucket, "amzn-s3-demo-bucket");
  ASSERT_NE(m.access_points[0].policy, nullptr);
  EXPECT_EQ(m.access_points[0].arn,
            "arn:aws:s3:{{AWS::Region}}:111111111111:accesspoint/uploads-ap");
  const Bucket* old = m.find_bucket("amzn-s3-demo-old");
  ASSERT_NE(old, nullptr);
  ASSERT_TRUE(old->website);
  ASSERT_TRUE(old->logging);
  EXPECT_EQ(old->logging->target_bucket, "amzn-s3-demo-logs");
}

// ---- The shapes of real AWS CLI output (external corpus, when present) -----------------------

TEST(WritersCorpus, CliOutputsOfSectionTwoAreRead) {
  const std::optional<std::filesystem::path> dir =
      testing_util::external_data_dir("corpus/cli-output");
  if (!dir) GTEST_SKIP() << testing_util::kNoCorpus;
  for (const char* rel : {"s3api/awscli--get-access-point--01.json",
                          "s3api/awscli--get-bucket-policy-status--01.json",
                          "s3control/awscli--get-access-point-policy--01.json"}) {
    const std::filesystem::path p = *dir / rel;
    if (!std::filesystem::exists(p)) continue;
    Model m = load_one(p.filename().string(), read_text(p.string()));
    EXPECT_THAT(diagnostic_ids(m), ElementsAre()) << rel;
  }
}

}  // namespace
}  // namespace bucketlint
