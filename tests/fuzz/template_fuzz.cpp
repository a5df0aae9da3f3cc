// libFuzzer target for the CloudFormation template reader: any bytes, read as YAML and as JSON,
// then (whatever the tree) resolved into the model, must not crash, hang or throw. Aliases,
// deep nesting, tags and intrinsic functions in every position are what it is after.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "bucketlint/json.h"
#include "bucketlint/load.h"
#include "bucketlint/model.h"
#include "load/cloudformation.h"
#include "load/template_node.h"

namespace {

void load_tree(bucketlint::Model& model, const bucketlint::SourceFile* source,
               bucketlint::TemplateNode root) {
  std::vector<bucketlint::TemplateInput> templates(1);
  templates[0].source = source;
  templates[0].root = std::move(root);
  templates[0].account = "111111111111";
  bucketlint::load_templates(model, templates, 16);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  bucketlint::Model model;
  model.sources.push_back(std::make_unique<bucketlint::SourceFile>("fuzz.yaml", text));
  const bucketlint::SourceFile* source = model.sources.back().get();
  bucketlint::YamlLimits limits;
  limits.max_depth = 16;
  limits.max_nodes = 4096;
  bucketlint::TemplateParse yaml = bucketlint::parse_yaml_template(*source, limits);
  if (yaml.ok) load_tree(model, source, std::move(yaml.root));
  bucketlint::JsonParseResult json = bucketlint::parse_json(text);
  if (json.value) load_tree(model, source, bucketlint::template_from_json(*json.value));
  // And through the loader's own entry, as a file of a directory walk would be.
  bucketlint::load_text(model, "fuzz.template", text, std::nullopt, 16);
  const std::string dump = bucketlint::describe_model(model);
  return dump.empty() ? 1 : 0;
}
