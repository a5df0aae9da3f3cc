// SAM resources (Transform: AWS::Serverless-2016-10-31) as the CloudFormation resources the
// transform documents generating, where those are entities of the model.
//
// An AWS::Serverless::Function (or StateMachine) without `Role` gets an AWS::IAM::Role with
// logical ID "<LogicalId>Role"
// (https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-specification-generated-resources-function.html,
// .../sam-specification-generated-resources-statemachine.html). Its trust policy lets the
// service assume it; its permissions are the `Policies` property
// (https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-resource-function.html#sam-function-policies):
// names or ARNs of managed policies, policy documents, and SAM policy templates, of which the
// S3 ones are expanded as the policy template list gives them
// (https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/serverless-policy-template-list.html).
//
// The generated nodes carry the positions of what the user wrote: a template's statements are
// reported at the `- S3CrudPolicy:` item, its resource ARNs at the BucketName value.

#include <fmt/format.h>

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "load/cloudformation.h"

namespace bucketlint {

namespace {

TemplateNode string_node(std::string_view text, std::uint32_t at) {
  TemplateNode n;
  n.kind = TemplateNode::Kind::kString;
  n.text = std::string(text);
  n.offset = at;
  n.content_offset = at;
  n.layout = TemplateNode::Layout::kAtStart;
  return n;
}

TemplateNode container(TemplateNode::Kind kind, std::uint32_t at) {
  TemplateNode n;
  n.kind = kind;
  n.offset = at;
  return n;
}

// Adds `value` to map `m` under `key` (the key reported where the value is).
void put(TemplateNode& m, std::string key, TemplateNode value) {
  value.key = std::move(key);
  value.key_offset = value.offset;
  m.children.push_back(std::move(value));
}

TemplateNode strings(const std::vector<std::string_view>& items, std::uint32_t at) {
  TemplateNode seq = container(TemplateNode::Kind::kSeq, at);
  for (const std::string_view s : items) seq.children.push_back(string_node(s, at));
  return seq;
}

// {"Fn::Sub": [text, {name: value}]}
TemplateNode sub(std::string_view text, std::uint32_t at, std::string_view name,
                 const TemplateNode& value) {
  TemplateNode vars = container(TemplateNode::Kind::kMap, value.offset);
  put(vars, std::string(name), value);
  TemplateNode args = container(TemplateNode::Kind::kSeq, at);
  args.children.push_back(string_node(text, at));
  args.children.push_back(std::move(vars));
  TemplateNode fn = container(TemplateNode::Kind::kMap, at);
  put(fn, "Fn::Sub", std::move(args));
  return fn;
}

struct TemplateStatement {
  std::vector<std::string_view> actions;
  bool bucket = false;   // arn:...:s3:::<BucketName>
  bool objects = false;  // arn:...:s3:::<BucketName>/*
};

struct PolicyTemplate {
  std::string_view name;
  std::vector<TemplateStatement> statements;
};

// The S3 policy templates of the SAM policy template list (bucket-scoped; parameter BucketName).
const std::vector<PolicyTemplate>& s3_policy_templates() {
  static const std::vector<PolicyTemplate> kTemplates = {
      {"S3ReadPolicy",
       {{{"s3:GetObject", "s3:ListBucket", "s3:GetBucketLocation", "s3:GetObjectVersion",
          "s3:GetLifecycleConfiguration"},
         true,
         true}}},
      {"S3WritePolicy",
       {{{"s3:PutObject", "s3:PutObjectAcl", "s3:PutLifecycleConfiguration"}, true, true}}},
      {"S3CrudPolicy",
       {{{"s3:GetObject", "s3:ListBucket", "s3:GetBucketLocation", "s3:GetObjectVersion",
          "s3:PutObject", "s3:PutObjectAcl", "s3:GetLifecycleConfiguration",
          "s3:PutLifecycleConfiguration", "s3:DeleteObject"},
         true,
         true}}},
      {"S3FullAccessPolicy",
       {{{"s3:GetObject", "s3:GetObjectAcl", "s3:GetObjectVersion", "s3:PutObject",
          "s3:PutObjectAcl", "s3:DeleteObject", "s3:DeleteObjectTagging",
          "s3:DeleteObjectVersionTagging", "s3:GetObjectTagging", "s3:GetObjectVersionTagging",
          "s3:PutObjectTagging", "s3:PutObjectVersionTagging"},
         false,
         true},
        {{"s3:ListBucket", "s3:GetBucketLocation", "s3:GetLifecycleConfiguration",
          "s3:PutLifecycleConfiguration"},
         true,
         false}}},
  };
  return kTemplates;
}

const PolicyTemplate* find_policy_template(std::string_view name) {
  for (const PolicyTemplate& t : s3_policy_templates()) {
    if (t.name == name) return &t;
  }
  return nullptr;
}

bool is_intrinsic(const TemplateNode& n) {
  if (!n.is_map() || n.children.size() != 1) return false;
  const std::string& k = n.children[0].key;
  return k == "Ref" || k.starts_with("Fn::");
}

// The policy document a SAM policy template item stands for.
TemplateNode expand_template(const PolicyTemplate& t, const TemplateNode& item,
                             const TemplateNode& params) {
  const std::uint32_t at = item.offset;
  TemplateNode doc = container(TemplateNode::Kind::kMap, at);
  // The statements use no policy variable, so the version changes nothing they mean; it is
  // given so that the generated document is not reported for a Version the user cannot set.
  put(doc, "Version", string_node("2012-10-17", at));
  TemplateNode list = container(TemplateNode::Kind::kSeq, at);
  const TemplateNode* bucket = params.find("BucketName");
  const TemplateNode bucket_value =
      bucket != nullptr ? *bucket : string_node("{{SAM policy template without BucketName}}", at);
  for (const TemplateStatement& st : t.statements) {
    TemplateNode stmt = container(TemplateNode::Kind::kMap, at);
    put(stmt, "Effect", string_node("Allow", at));
    put(stmt, "Action", strings(st.actions, at));
    TemplateNode resources = container(TemplateNode::Kind::kSeq, at);
    // The ARNs are reported where the bucket is named (the BucketName value).
    const std::uint32_t named = bucket != nullptr ? bucket->offset : at;
    if (st.bucket) {
      resources.children.push_back(
          sub("arn:${AWS::Partition}:s3:::${bucketName}", named, "bucketName", bucket_value));
    }
    if (st.objects) {
      resources.children.push_back(
          sub("arn:${AWS::Partition}:s3:::${bucketName}/*", named, "bucketName", bucket_value));
    }
    put(stmt, "Resource", std::move(resources));
    list.children.push_back(std::move(stmt));
  }
  put(doc, "Statement", std::move(list));
  return doc;
}

}  // namespace

std::optional<TemplateNode> sam_generated_role(const TemplateNode& resource, std::string_view type,
                                               std::vector<std::string>& not_expanded) {
  std::string_view service;
  if (type == "AWS::Serverless::Function") service = "lambda.amazonaws.com";
  if (type == "AWS::Serverless::StateMachine") service = "states.amazonaws.com";
  if (service.empty()) return std::nullopt;
  const TemplateNode* props = resource.find("Properties");
  // With `Role` given the function runs as that role: nothing is generated.
  if (props != nullptr && props->find("Role") != nullptr) return std::nullopt;
  const std::uint32_t at = resource.key_offset;

  TemplateNode role_props = container(TemplateNode::Kind::kMap, at);
  {
    TemplateNode trust = container(TemplateNode::Kind::kMap, at);
    put(trust, "Version", string_node("2012-10-17", at));
    TemplateNode stmt = container(TemplateNode::Kind::kMap, at);
    put(stmt, "Effect", string_node("Allow", at));
    TemplateNode principal = container(TemplateNode::Kind::kMap, at);
    put(principal, "Service", strings({service}, at));
    put(stmt, "Principal", std::move(principal));
    put(stmt, "Action", strings({"sts:AssumeRole"}, at));
    TemplateNode list = container(TemplateNode::Kind::kSeq, at);
    list.children.push_back(std::move(stmt));
    put(trust, "Statement", std::move(list));
    put(role_props, "AssumeRolePolicyDocument", std::move(trust));
  }
  TemplateNode managed = container(TemplateNode::Kind::kSeq, at);
  if (type == "AWS::Serverless::Function") {
    // Every generated function role gets the basic execution policy (CloudWatch Logs).
    TemplateNode basic = container(TemplateNode::Kind::kMap, at);
    put(basic, "Fn::Sub",
        string_node(
            "arn:${AWS::Partition}:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole", at));
    managed.children.push_back(std::move(basic));
  }
  TemplateNode inline_policies = container(TemplateNode::Kind::kSeq, at);
  const TemplateNode* policies = props != nullptr ? props->find("Policies") : nullptr;
  std::vector<const TemplateNode*> items;
  if (policies != nullptr) {
    if (policies->is_seq()) {
      for (const TemplateNode& item : policies->children) items.push_back(&item);
    } else {
      items.push_back(policies);
    }
  }
  auto add_inline = [&](TemplateNode doc, std::uint32_t where) {
    TemplateNode p = container(TemplateNode::Kind::kMap, where);
    put(p, "PolicyName",
        string_node(fmt::format("{}RolePolicy{}", resource.key, inline_policies.children.size()),
                    where));
    put(p, "PolicyDocument", std::move(doc));
    inline_policies.children.push_back(std::move(p));
  };
  for (const TemplateNode* item : items) {
    if (item->is_string()) {
      // A managed policy: an ARN, or the name of an AWS managed policy.
      if (item->text.starts_with("arn:")) {
        managed.children.push_back(*item);
      } else {
        TemplateNode arn = container(TemplateNode::Kind::kMap, item->offset);
        put(arn, "Fn::Sub",
            string_node(fmt::format("arn:${{AWS::Partition}}:iam::aws:policy/{}", item->text),
                        item->offset));
        managed.children.push_back(std::move(arn));
      }
    } else if (is_intrinsic(*item)) {
      managed.children.push_back(*item);  // Ref / Fn::GetAtt / Fn::Sub of a managed policy ARN
    } else if (item->is_map() && item->find("Statement") != nullptr) {
      add_inline(*item, item->offset);
    } else if (item->is_map() && item->children.size() == 1) {
      const TemplateNode& entry = item->children[0];
      if (const PolicyTemplate* t = find_policy_template(entry.key)) {
        add_inline(expand_template(*t, *item, entry), item->offset);
      } else if (entry.key.starts_with("S3") || entry.key.starts_with("KMS")) {
        not_expanded.push_back(entry.key);
      }
    }
  }
  put(role_props, "ManagedPolicyArns", std::move(managed));
  if (!inline_policies.children.empty()) put(role_props, "Policies", std::move(inline_policies));
  if (props != nullptr) {
    if (const TemplateNode* b = props->find("PermissionsBoundary")) {
      put(role_props, "PermissionsBoundary", *b);
    }
    if (const TemplateNode* p = props->find("RolePath")) put(role_props, "Path", *p);
  }
  TemplateNode role = container(TemplateNode::Kind::kMap, at);
  role.key = resource.key + "Role";
  role.key_offset = at;
  put(role, "Type", string_node("AWS::IAM::Role", at));
  put(role, "Properties", std::move(role_props));
  return role;
}

}  // namespace bucketlint
