#pragma once

// CloudFormation templates (JSON or YAML; CDK and SAM output too) as input: detection by
// content, and the resources of one or several templates as entities of the model (buckets,
// bucket policies, roles and their policies, CloudFront distributions, OAIs, OACs, KMS keys),
// with Ref, Fn::GetAtt and Fn::Sub to resources of the same template resolved to those
// entities. Positions are the template's own: every value keeps its line and column.

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bucketlint/json.h"
#include "bucketlint/model.h"
#include "bucketlint/source.h"
#include "load/template_node.h"

namespace bucketlint {

// A cheap test of the text alone: could this file be a CloudFormation template? (a JSON or
// YAML document naming `Resources` and `AWS::` types, `AWSTemplateFormatVersion` or a
// `Transform`). True means "parse it and check with is_cloudformation_template".
bool looks_like_cloudformation(std::string_view text);

// The parsed document is a template: a map with `Resources` whose values are maps with a
// `Type` of the form "AWS::...", "Custom::..." or "Alexa::..." (or with
// `AWSTemplateFormatVersion` or a `Transform` beside a `Resources` map).
bool is_cloudformation_template(const TemplateNode& root);

// True for file names the template reader looks at when walking a folder: .yaml, .yml,
// .template (and .json, which every walk reads anyway).
bool is_template_file_name(std::string_view name);

// One template, read and bound to its account.
struct TemplateInput {
  const SourceFile* source = nullptr;
  TemplateNode root;
  std::string account;               // the account the stack is deployed in; empty: unknown
  bool created_before_2023 = false;  // buckets without OwnershipControls keep ObjectWriter
};

// Reads `text` as a template when its content says it is one: adds the source to the model
// (taking `text`), parses it (YAML or JSON), reports problems as diagnostics and appends the
// template to `out`. Returns false, leaving `text` and the model as they were, when the text
// is not a template. Text starting with '{' is read as JSON (JSON's own parser gives exact
// positions inside strings), anything else as YAML.
bool read_template(Model& model, const std::string& display_path, std::string& text, int max_depth,
                   std::vector<TemplateInput>& out);

// SAM: the AWS::IAM::Role the transform generates for `resource` (a member of `Resources` of
// type `type`): for an AWS::Serverless::Function or StateMachine without `Role`, a member
// "<LogicalId>Role" whose trust policy names the service and whose policies are the `Policies`
// property, S3 policy templates expanded; nullopt for anything else. The names of S3 and KMS
// policy templates it cannot expand are appended to `not_expanded`.
std::optional<TemplateNode> sam_generated_role(const TemplateNode& resource, std::string_view type,
                                               std::vector<std::string>& not_expanded);

// Turns the resources of all `templates` into entities of the model and links them: names and
// ARNs one template writes literally reach the entities another template creates.
void load_templates(Model& model, std::vector<TemplateInput>& templates, int max_depth);

}  // namespace bucketlint
