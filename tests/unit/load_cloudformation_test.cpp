// CloudFormation templates: detection by content, the YAML reader (short-form tags, positions,
// hostile YAML), intrinsic functions, resources into the model, defaults, and the corpus.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>

#include "bucketlint/load.h"
#include "load/cloudformation.h"
#include "load/template_node.h"
#include "load_test_util.h"

namespace bucketlint {
namespace {

using ::testing::Contains;
using ::testing::Not;
using testing_util::diagnostic_ids;
using testing_util::find_diagnostic;
using testing_util::read_text;

Model load(const std::string& text, const std::string& name = "stack.yaml",
           const std::string& account = "111111111111") {
  Model model;
  model.default_account = account;
  load_text(model, name, text);
  return model;
}

// 1-based line and column of the first occurrence of `needle` in `text`.
std::pair<int, int> where(const std::string& text, const std::string& needle) {
  const std::size_t at = text.find(needle);
  EXPECT_NE(at, std::string::npos) << needle;
  int line = 1;
  std::size_t start = 0;
  for (std::size_t i = 0; i < at; ++i) {
    if (text[i] == '\n') {
      ++line;
      start = i + 1;
    }
  }
  return {line, static_cast<int>(at - start) + 1};
}

std::pair<int, int> pos(const SourceRef& r) { return {r.line(), r.column()}; }

const std::string kSite = R"(AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Env:
    Type: String
    Default: prod
Resources:
  Bucket:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: !Sub "site-${Env}"
  Oai:
    Type: AWS::CloudFront::CloudFrontOriginAccessIdentity
    Properties:
      CloudFrontOriginAccessIdentityConfig: {Comment: x}
  Policy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref Bucket
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Sid: Read
            Effect: Allow
            Principal:
              CanonicalUser: !GetAtt Oai.S3CanonicalUserId
            Action: s3:GetObject
            Resource: !Sub "arn:aws:s3:::${Bucket}/*"
          - Sid: Account
            Effect: Allow
            Principal: {AWS: !Sub "arn:${AWS::Partition}:iam::${AWS::AccountId}:root"}
            Action: s3:ListBucket
            Resource: !GetAtt Bucket.Arn
)";

TEST(Cloudformation, DetectsTemplatesByContent) {
  EXPECT_TRUE(looks_like_cloudformation(kSite));
  EXPECT_TRUE(looks_like_cloudformation(R"({"Resources": {"B": {"Type": "AWS::S3::Bucket"}}})"));
  EXPECT_TRUE(looks_like_cloudformation("Transform: AWS::Serverless-2016-10-31\nResources:\n"));
  EXPECT_FALSE(looks_like_cloudformation(R"({"Version": "2012-10-17", "Statement": []})"));
  EXPECT_FALSE(looks_like_cloudformation("accounts:\n  - id: '1'\n"));
  EXPECT_FALSE(looks_like_cloudformation("rules:\n  Resources: AWS::x\n"));  // not top level
  // A policy that mentions "Resources" is still a policy.
  Model m = load(R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
    "Action": "s3:GetObject", "Resource": "arn:aws:s3:::Resources/*"}]})",
                 "p.json");
  EXPECT_EQ(m.policies.size(), 1u);
  EXPECT_TRUE(m.buckets.empty());
}

TEST(Cloudformation, ShortFormTagsBecomeLongForms) {
  Model model;
  const std::string text =
      "Resources:\n  A:\n    Type: AWS::S3::Bucket\n    Properties:\n"
      "      X: !GetAtt Res.Attr.Deep\n      Y: !Ref Z\n      W: !Join [',', [a, b]]\n";
  model.sources.push_back(std::make_unique<SourceFile>("t.yaml", text));
  TemplateParse p = parse_yaml_template(*model.sources.back());
  ASSERT_TRUE(p.ok);
  const TemplateNode* props = p.root.find("Resources")->find("A")->find("Properties");
  const TemplateNode* x = props->find("X")->find("Fn::GetAtt");
  ASSERT_NE(x, nullptr);
  ASSERT_EQ(x->children.size(), 2u);
  EXPECT_EQ(x->children[0].text, "Res");
  EXPECT_EQ(x->children[1].text, "Attr.Deep");
  EXPECT_EQ(props->find("Y")->find("Ref")->text, "Z");
  EXPECT_TRUE(props->find("W")->find("Fn::Join")->is_seq());
}

TEST(Cloudformation, ResolvesReferencesToEntitiesOfTheTemplate) {
  Model m = load(kSite);
  EXPECT_THAT(diagnostic_ids(m), Not(Contains("IN008")));
  const Bucket* b = m.find_bucket("site-prod");  // the parameter's Default
  ASSERT_NE(b, nullptr);
  EXPECT_EQ(b->logical_id, "Bucket");
  EXPECT_EQ(b->account_id, "111111111111");
  ASSERT_NE(b->policy, nullptr);
  ASSERT_EQ(b->policy->statements.size(), 2u);
  const Statement& read = b->policy->statements[0];
  ASSERT_EQ(m.oais.size(), 1u);
  EXPECT_EQ(read.principal.values.at(0).value, m.oais[0].canonical_user_id);
  EXPECT_EQ(read.resource.values.at(0).value, "arn:aws:s3:::site-prod/*");
  const Statement& account = b->policy->statements[1];
  EXPECT_EQ(account.principal.values.at(0).value, "arn:aws:iam::111111111111:root");
  EXPECT_EQ(account.resource.values.at(0).value, "arn:aws:s3:::site-prod");
}

TEST(Cloudformation, PositionsAreTheTemplatesOwn) {
  Model m = load(kSite);
  const Bucket* b = m.find_bucket("site-prod");
  ASSERT_NE(b, nullptr);
  EXPECT_EQ(b->where.file(), "stack.yaml");
  EXPECT_EQ(pos(b->where), where(kSite, "Bucket:\n"));
  const Statement& read = b->policy->statements[0];
  EXPECT_EQ(pos(read.where), where(kSite, "Sid: Read"));
  EXPECT_EQ(pos(read.action.values.at(0).where), where(kSite, "s3:GetObject"));
  // A value computed by an intrinsic function is reported at the function's tag.
  EXPECT_EQ(pos(read.resource.values.at(0).where), where(kSite, "!Sub \"arn:aws:s3:::${Bucket}"));
  EXPECT_EQ(pos(read.principal.values.at(0).where), where(kSite, "!GetAtt Oai"));
  EXPECT_EQ(read.resource.where.pointer(),
            "/Resources/Policy/Properties/PolicyDocument/Statement/0/Resource");
}

TEST(Cloudformation, PolicyAsJsonStringKeepsPositions) {
  const std::string yaml = R"(Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: |
        {"Version": "2012-10-17",
         "Statement": [{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"},
                        "Action": "sts:AssumeRole"}]}
)";
  Model m = load(yaml);
  ASSERT_EQ(m.roles.size(), 1u);
  ASSERT_NE(m.roles[0].trust_policy, nullptr);
  const Statement& s = m.roles[0].trust_policy->statements.at(0);
  EXPECT_EQ(pos(s.action.values.at(0).where), where(yaml, "\"sts:AssumeRole\""));

  const std::string json = R"({"Resources": {"P": {"Type": "AWS::S3::BucketPolicy",
  "Properties": {"Bucket": "b1", "PolicyDocument":
  "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Principal\": \"*\", \"Action\": \"s3:GetObject\", \"Resource\": \"arn:aws:s3:::b1/*\"}]}"}}}})";
  Model j = load(json, "t.json");
  const Bucket* b = j.find_bucket("b1");
  ASSERT_NE(b, nullptr);
  ASSERT_NE(b->policy, nullptr);
  // The embedded string's opening quote, escaped in the template: \"s3:GetObject\"
  EXPECT_EQ(pos(b->policy->statements.at(0).action.values.at(0).where),
            where(json, "\\\"s3:GetObject"));
}

TEST(Cloudformation, SubStringsKeepCharacterPositions) {
  const std::string yaml = R"(Resources:
  Bucket:
    Type: AWS::S3::Bucket
  Policy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref Bucket
      PolicyDocument: !Sub '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::${Bucket}/*"}]}'
)";
  Model m = load(yaml);
  ASSERT_EQ(m.buckets.size(), 1u);
  ASSERT_NE(m.buckets[0].policy, nullptr);
  const Statement& st = m.buckets[0].policy->statements.at(0);
  EXPECT_EQ(pos(st.action.values.at(0).where), where(yaml, "\"s3:GetObject"));
  EXPECT_EQ(pos(st.resource.values.at(0).where), where(yaml, "\"arn:aws:s3:::${Bucket}"));
  EXPECT_EQ(st.resource.values.at(0).value, "arn:aws:s3:::" + m.buckets[0].name + "/*");
}

TEST(Cloudformation, OwnershipDefaultsForCreatedBuckets) {
  Model m = load("Resources:\n  B:\n    Type: AWS::S3::Bucket\n", "s.yaml");
  ASSERT_EQ(m.buckets.size(), 1u);
  EXPECT_EQ(m.buckets[0].ownership.value, ObjectOwnership::kBucketOwnerEnforced);
  EXPECT_EQ(m.buckets[0].ownership.source, OwnershipSetting::Source::kTemplateDefault);
  EXPECT_TRUE(m.buckets[0].name_generated);

  Model w = load(
      "Resources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties:\n      OwnershipControls:\n"
      "        Rules:\n          - ObjectOwnership: BucketOwnerPreferred\n");
  EXPECT_EQ(w.buckets.at(0).ownership.value, ObjectOwnership::kBucketOwnerPreferred);
  EXPECT_EQ(w.buckets.at(0).ownership.source, OwnershipSetting::Source::kDocument);
}

TEST(Cloudformation, UnresolvableValuesAreUnknownAndSaidSo) {
  Model m = load(R"(Resources:
  P:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !ImportValue shared-bucket
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: "*"
            Action: s3:GetObject
            Resource: !Sub "arn:aws:s3:::${Missing}/*"
)");
  EXPECT_TRUE(m.buckets.empty());  // never guessed
  const LoadDiagnostic* d = find_diagnostic(m, "IN012");
  ASSERT_NE(d, nullptr);
  EXPECT_THAT(d->message, ::testing::HasSubstr("Fn::ImportValue"));
  EXPECT_FALSE(d->incomplete);
}

TEST(Cloudformation, HostileYamlIsAFindingNeverAHang) {
  // Duplicate key
  Model dup =
      load("Resources:\n  B:\n    Type: AWS::S3::Bucket\n  B:\n    Type: AWS::S3::Bucket\n");
  EXPECT_THAT(diagnostic_ids(dup), Contains("IN002"));
  // Tab in indentation
  Model tab = load("Resources:\n  B:\n\tType: AWS::S3::Bucket\n");
  const LoadDiagnostic* t = find_diagnostic(tab, "IN001");
  ASSERT_NE(t, nullptr);
  EXPECT_THAT(t->message, ::testing::HasSubstr("tab"));
  // Alias bomb: nine levels of ten aliases would be 10^9 values.
  std::string bomb =
      "AWSTemplateFormatVersion: x\nResources: {}\na0: &a0 [x, x, x, x, x, x, x, x, x, x]\n";
  for (int i = 1; i < 10; ++i) {
    bomb += "a" + std::to_string(i) + ": &a" + std::to_string(i) + " [";
    for (int k = 0; k < 10; ++k) bomb += (k ? ", *a" : "*a") + std::to_string(i - 1);
    bomb += "]\n";
  }
  Model b = load(bomb);
  EXPECT_THAT(diagnostic_ids(b), Contains("IN006"));
  // Nesting
  std::string deep = "AWSTemplateFormatVersion: x\nResources:\n  B: ";
  for (int i = 0; i < 200; ++i) deep += "[";
  Model d = load(deep);
  EXPECT_THAT(diagnostic_ids(d), Contains("IN006"));
}

TEST(Cloudformation, RolesPoliciesDistributionsAndKeys) {
  const std::string text = R"(Resources:
  Key:
    Type: AWS::KMS::Key
    Properties:
      KeyPolicy:
        Version: "2012-10-17"
        Statement:
          - {Effect: Allow, Principal: {AWS: !Sub "arn:aws:iam::${AWS::AccountId}:root"}, Action: "kms:*", Resource: "*"}
  Managed:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Version: "2012-10-17"
        Statement: [{Effect: Allow, Action: s3:PutObject, Resource: "arn:aws:s3:::x/*"}]
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement: [{Effect: Allow, Principal: {Service: lambda.amazonaws.com}, Action: sts:AssumeRole}]
      ManagedPolicyArns: [!Ref Managed, arn:aws:iam::aws:policy/ReadOnlyAccess]
  Extra:
    Type: AWS::IAM::Policy
    Properties:
      PolicyName: extra
      Roles: [!Ref Role]
      PolicyDocument:
        Version: "2012-10-17"
        Statement: [{Effect: Allow, Action: s3:GetObject, Resource: "*"}]
  Oac:
    Type: AWS::CloudFront::OriginAccessControl
    Properties:
      OriginAccessControlConfig: {Name: oac, OriginAccessControlOriginType: s3, SigningBehavior: always, SigningProtocol: sigv4}
  Dist:
    Type: AWS::CloudFront::Distribution
    Properties:
      DistributionConfig:
        Origins:
          - Id: s3
            DomainName: media.s3.us-east-1.amazonaws.com
            S3OriginConfig: {OriginAccessIdentity: ""}
            OriginAccessControlId: !GetAtt Oac.Id
)";
  Model m = load(text);
  ASSERT_EQ(m.roles.size(), 1u);
  const Role& r = m.roles[0];
  EXPECT_EQ(r.logical_id, "Role");
  EXPECT_EQ(r.permission_policies.size(), 2u);  // the managed policy and the IAM::Policy
  ASSERT_EQ(r.attached_policy_arns.size(), 1u);
  EXPECT_EQ(r.attached_policy_arns[0].value, "arn:aws:iam::aws:policy/ReadOnlyAccess");
  ASSERT_EQ(m.kms_keys.size(), 1u);
  ASSERT_NE(m.kms_keys[0].policy, nullptr);
  EXPECT_EQ(m.kms_keys[0].policy->kind, PolicyKind::kKey);
  ASSERT_EQ(m.distributions.size(), 1u);
  ASSERT_EQ(m.oacs.size(), 1u);
  const Origin& o = m.distributions[0].origins.at(0);
  EXPECT_EQ(o.bucket, "media");
  EXPECT_EQ(o.oac_id, m.oacs[0].id);
  EXPECT_TRUE(o.oai_id.empty());
  EXPECT_EQ(m.distributions[0].arn,
            "arn:aws:cloudfront::111111111111:distribution/" + m.distributions[0].id);
}

TEST(Cloudformation, ConditionsChooseBranches) {
  Model m = load(R"(Parameters:
  Env: {Type: String, Default: prod}
Conditions:
  IsProd: !Equals [!Ref Env, prod]
  NotProd: !Not [!Condition IsProd]
Resources:
  B:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: !If [NotProd, dev-bucket, !Join ["-", [prod, bucket]]]
      OwnershipControls:
        Rules:
          - ObjectOwnership: !If [IsProd, ObjectWriter, !Ref AWS::NoValue]
)");
  ASSERT_EQ(m.buckets.size(), 1u);
  EXPECT_EQ(m.buckets[0].name, "prod-bucket");
  EXPECT_EQ(m.buckets[0].ownership.value, ObjectOwnership::kObjectWriter);
}

// Configuration properties written whole under Fn::If: the branch the condition chooses, nothing
// for AWS::NoValue, and unknown (never a configuration with every member missing) when the
// condition depends on a parameter without a default.
TEST(Cloudformation, ConfigurationPropertiesUnderConditions) {
  const std::string head = R"(Parameters:
  Decided: {Type: String, Default: "yes"}
  Undecided: {Type: String}
Conditions:
  On: !Equals [!Ref Decided, "yes"]
  Off: !Not [!Condition On]
  Maybe: !Equals [!Ref Undecided, "yes"]
Resources:
  Logs:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: amzn-s3-demo-logs
  B:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: amzn-s3-demo-bucket
)";
  auto bucket = [](const Model& m) -> const Bucket& {
    const Bucket* b = m.find_bucket("amzn-s3-demo-bucket");
    EXPECT_NE(b, nullptr);
    return *b;
  };
  {
    SCOPED_TRACE("chosen branch");
    const Model m = load(head + R"(      LoggingConfiguration: !If
        - On
        - {DestinationBucketName: !Ref Logs, LogFilePrefix: access/}
        - !Ref AWS::NoValue
      PublicAccessBlockConfiguration: !If
        - On
        - {BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true,
           RestrictPublicBuckets: true}
        - !Ref AWS::NoValue
      OwnershipControls: !If
        - On
        - Rules: [{ObjectOwnership: BucketOwnerPreferred}]
        - !Ref AWS::NoValue
)");
    const Bucket& b = bucket(m);
    ASSERT_TRUE(b.logging.has_value());
    EXPECT_EQ(b.logging->target_bucket, "amzn-s3-demo-logs");
    EXPECT_EQ(b.logging->target_prefix, "access/");
    ASSERT_TRUE(b.public_access_block.has_value());
    EXPECT_TRUE(b.public_access_block->block_public_policy);
    EXPECT_EQ(b.ownership.value, ObjectOwnership::kBucketOwnerPreferred);
  }
  {
    SCOPED_TRACE("AWS::NoValue: as if the property were not written");
    const Model m =
        load(head +
             R"(      LoggingConfiguration: !If [Off, {DestinationBucketName: x}, !Ref AWS::NoValue]
      PublicAccessBlockConfiguration: !If [Off, {BlockPublicAcls: true}, !Ref AWS::NoValue]
      OwnershipControls: !If [Off, {Rules: [{ObjectOwnership: ObjectWriter}]}, !Ref AWS::NoValue]
)");
    const Bucket& b = bucket(m);
    EXPECT_FALSE(b.logging.has_value());
    EXPECT_FALSE(b.public_access_block.has_value());
    EXPECT_EQ(b.ownership.value, ObjectOwnership::kBucketOwnerEnforced);
    EXPECT_EQ(b.ownership.source, OwnershipSetting::Source::kTemplateDefault);
  }
  {
    SCOPED_TRACE("undecided: unknown, and said so");
    const Model m = load(
        head +
        R"(      LoggingConfiguration: !If [Maybe, {DestinationBucketName: !Ref Undecided}, !Ref AWS::NoValue]
      PublicAccessBlockConfiguration: !If [Maybe, {BlockPublicAcls: true}, !Ref AWS::NoValue]
)");
    const Bucket& b = bucket(m);
    EXPECT_FALSE(b.logging.has_value());              // not "logs into itself"
    EXPECT_FALSE(b.public_access_block.has_value());  // not "every setting off"
    const LoadDiagnostic* d = find_diagnostic(m, "IN012");
    ASSERT_NE(d, nullptr);
    EXPECT_THAT(d->message,
                ::testing::HasSubstr("Fn::If on a condition that depends on parameters"));
  }
}

TEST(Cloudformation, AccessControlIsTheCannedAclS3Applies) {
  const std::string text = R"(Resources:
  Public:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: pub
      AccessControl: PublicReadWrite
  Logs:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: logs
      AccessControl: LogDeliveryWrite
  Private:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: priv
      AccessControl: BucketOwnerFullControl
  Odd:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: odd
      AccessControl: Everyone
)";
  Model m = load(text);
  auto bucket = [&](std::string_view name) -> const Bucket& {
    const Bucket* b = m.find_bucket(name);
    EXPECT_NE(b, nullptr) << name;
    return *b;
  };
  const Bucket& pub = bucket("pub");
  ASSERT_TRUE(pub.acl.has_value());
  ASSERT_EQ(pub.acl->grants.size(), 2u);
  EXPECT_EQ(pub.acl->grants[0].uri, kAllUsersUri);
  EXPECT_EQ(pub.acl->grants[0].permission, "READ");
  EXPECT_EQ(pub.acl->grants[1].permission, "WRITE");
  EXPECT_EQ(pos(pub.acl->grants[0].where), where(text, "PublicReadWrite"));
  const Bucket& logs = bucket("logs");
  ASSERT_TRUE(logs.acl.has_value());
  ASSERT_EQ(logs.acl->grants.size(), 2u);
  EXPECT_EQ(logs.acl->grants[0].uri, kLogDeliveryUri);
  EXPECT_EQ(logs.acl->grants[0].permission, "WRITE");
  EXPECT_EQ(logs.acl->grants[1].permission, "READ_ACP");
  // An object ACL S3 ignores on bucket creation: the owner only.
  const Bucket& priv = bucket("priv");
  ASSERT_TRUE(priv.acl.has_value());
  EXPECT_TRUE(priv.acl->grants.empty());
  // Not a canned ACL: no ACL, and a finding saying so.
  EXPECT_FALSE(bucket("odd").acl.has_value());
  const LoadDiagnostic* d = find_diagnostic(m, "IN009");
  ASSERT_NE(d, nullptr);
  EXPECT_THAT(d->message, ::testing::HasSubstr("'Everyone'"));
}

TEST(Cloudformation, GroupPoliciesReachTheirMembers) {
  const std::string text = R"(Resources:
  Managed:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Version: "2012-10-17"
        Statement: [{Effect: Allow, Action: s3:GetObject, Resource: "*"}]
  Writers:
    Type: AWS::IAM::Group
    Properties:
      ManagedPolicyArns: [!Ref Managed]
      Policies:
        - PolicyName: put
          PolicyDocument:
            Version: "2012-10-17"
            Statement: [{Effect: Allow, Action: s3:PutObject, Resource: "arn:aws:s3:::b/*"}]
  Extra:
    Type: AWS::IAM::Policy
    Properties:
      PolicyName: extra
      Groups: [!Ref Writers]
      PolicyDocument:
        Version: "2012-10-17"
        Statement: [{Effect: Allow, Action: s3:ListBucket, Resource: "arn:aws:s3:::b"}]
  Direct:
    Type: AWS::IAM::User
    Properties:
      UserName: direct
      Groups: [!Ref Writers]
  Added:
    Type: AWS::IAM::User
    Properties:
      UserName: added
  Addition:
    Type: AWS::IAM::UserToGroupAddition
    Properties:
      GroupName: !Ref Writers
      Users: [!Ref Added, !Ref Added]
  Outside:
    Type: AWS::IAM::User
    Properties:
      UserName: outside
)";
  Model m = load(text);
  ASSERT_EQ(m.users.size(), 3u);
  for (const User& u : m.users) {
    // Inline, managed and AWS::IAM::Policy of the group, once each; nothing for a non-member.
    EXPECT_EQ(u.policies.size(), u.name == "outside" ? 0u : 3u) << u.name;
  }
}

TEST(Cloudformation, KmsAliasNamesItsKey) {
  Model m = load(R"(Resources:
  Key:
    Type: AWS::KMS::Key
    Properties:
      KeyPolicy:
        Version: "2012-10-17"
        Statement: [{Effect: Allow, Principal: {AWS: "arn:aws:iam::111111111111:root"}, Action: "kms:*", Resource: "*"}]
  Alias:
    Type: AWS::KMS::Alias
    Properties:
      AliasName: alias/site
      TargetKeyId: !GetAtt Key.Arn
  Other:
    Type: AWS::KMS::Alias
    Properties:
      AliasName: alias/elsewhere
      TargetKeyId: 1234abcd-12ab-34cd-56ef-1234567890ab
)");
  ASSERT_EQ(m.kms_keys.size(), 1u);
  EXPECT_THAT(m.kms_keys[0].aliases, ::testing::ElementsAre("alias/site"));
}

TEST(Cloudformation, SamFunctionGetsTheRoleSamGenerates) {
  const std::string text = R"(Transform: AWS::Serverless-2016-10-31
Resources:
  Bucket:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: reports
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.handler
      Policies:
        - S3CrudPolicy:
            BucketName: !Ref Bucket
        - AmazonS3ReadOnlyAccess
        - Statement:
            - Effect: Allow
              Action: s3:GetObject
              Resource: "*"
        - DynamoDBCrudPolicy:
            TableName: t
        - S3NewFancyPolicy:
            BucketName: reports
  WithRole:
    Type: AWS::Serverless::Function
    Properties:
      Role: arn:aws:iam::111111111111:role/existing
      Policies: [S3CrudPolicy: {BucketName: reports}]
)";
  Model m = load(text, "app.yaml");
  ASSERT_EQ(m.roles.size(), 1u);
  const Role& r = m.roles[0];
  EXPECT_EQ(r.logical_id, "FnRole");
  EXPECT_EQ(r.arn, "arn:aws:iam::111111111111:role/app-FnRole");
  ASSERT_NE(r.trust_policy, nullptr);
  ASSERT_EQ(r.trust_policy->statements.size(), 1u);
  EXPECT_EQ(r.trust_policy->statements[0].principal.values.at(0).value, "lambda.amazonaws.com");
  // The expanded S3CrudPolicy and the inline document; DynamoDB is not read.
  ASSERT_EQ(r.permission_policies.size(), 2u);
  const PolicyDocument& crud = *r.permission_policies[0];
  ASSERT_EQ(crud.statements.size(), 1u);
  const Statement& st = crud.statements[0];
  ASSERT_EQ(st.resource.values.size(), 2u);
  EXPECT_EQ(st.resource.values[0].value, "arn:aws:s3:::reports");
  EXPECT_EQ(st.resource.values[1].value, "arn:aws:s3:::reports/*");
  EXPECT_EQ(pos(st.where), where(text, "S3CrudPolicy:"));
  // The ARNs are reported where the bucket is named.
  EXPECT_EQ(pos(st.resource.values[1].where), where(text, "!Ref Bucket"));
  ASSERT_EQ(r.attached_policy_arns.size(), 2u);
  EXPECT_EQ(r.attached_policy_arns[0].value,
            "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole");
  EXPECT_EQ(r.attached_policy_arns[1].value, "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess");
  // An S3 policy template bucketlint does not know is said to be unresolved.
  const LoadDiagnostic* d = find_diagnostic(m, "IN012");
  ASSERT_NE(d, nullptr);
  EXPECT_THAT(d->message, ::testing::HasSubstr("SAM policy template S3NewFancyPolicy"));
}

// Every template of the external corpus (not in the repository) loads: no IN008, no crash.
TEST(Cloudformation, CorpusLoads) {
  const auto corpus = testing_util::external_data_dir("corpus/cloudformation");
  if (!corpus) GTEST_SKIP() << testing_util::kNoCorpus;
  const std::string dir = corpus->string();
  LoadOptions options;
  options.paths = {dir};
  options.discover_config = false;
  options.account = "111111111111";
  const LoadResult r = load_inputs(options);
  EXPECT_THAT(diagnostic_ids(r.model), Not(Contains("IN008")));
  std::size_t files = 0;
  for (const auto& e : std::filesystem::recursive_directory_iterator(dir)) {
    if (e.is_regular_file() && is_template_file_name(e.path().filename().string())) ++files;
  }
  EXPECT_GE(r.model.sources.size(), files);
  EXPECT_FALSE(r.model.buckets.empty());
}

}  // namespace
}  // namespace bucketlint
