#include "load/cloudformation.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <functional>
#include <map>
#include <optional>

#include "load/documents.h"
#include "load/policy_builder.h"

namespace bucketlint {

namespace {

bool contains(std::string_view text, std::string_view what) {
  return text.find(what) != std::string_view::npos;
}

// A line of the text starting (in column 1) with `key` followed by ':' (YAML top-level key).
bool has_top_level_key(std::string_view text, std::string_view key) {
  std::size_t at = 0;
  while ((at = text.find(key, at)) != std::string_view::npos) {
    const bool line_start = at == 0 || text[at - 1] == '\n';
    std::size_t after = at + key.size();
    if (after < text.size() && (text[after] == '"' || text[after] == '\'')) ++after;
    if (line_start && after < text.size() && text[after] == ':') return true;
    at += key.size();
  }
  return false;
}

}  // namespace

bool looks_like_cloudformation(std::string_view text) {
  const std::size_t first = text.find_first_not_of(" \t\r\n\xEF\xBB\xBF");
  if (first == std::string_view::npos) return false;
  if (text[first] == '{') {
    return contains(text, "\"Resources\"") &&
           (contains(text, "\"AWS::") || contains(text, "\"AWSTemplateFormatVersion\"") ||
            contains(text, "\"Custom::"));
  }
  return has_top_level_key(text, "Resources") &&
         (contains(text, "AWS::") || has_top_level_key(text, "AWSTemplateFormatVersion") ||
          has_top_level_key(text, "Transform"));
}

bool is_cloudformation_template(const TemplateNode& root) {
  if (!root.is_map()) return false;
  const TemplateNode* resources = root.find("Resources");
  if (resources == nullptr || !resources->is_map()) return false;
  if (root.find("AWSTemplateFormatVersion") != nullptr || root.find("Transform") != nullptr) {
    return true;
  }
  for (const TemplateNode& r : resources->children) {
    const TemplateNode* type = r.find("Type");
    if (type == nullptr || !type->is_string()) continue;
    const std::string_view t = type->text;
    if (t.starts_with("AWS::") || t.starts_with("Custom::") || t.starts_with("Alexa::")) {
      return true;
    }
  }
  return false;
}

bool is_template_file_name(std::string_view name) {
  return name.ends_with(".yaml") || name.ends_with(".yml") || name.ends_with(".template") ||
         name.ends_with(".json");
}

bool read_template(Model& model, const std::string& display_path, std::string& text, int max_depth,
                   std::vector<TemplateInput>& out) {
  if (!looks_like_cloudformation(text)) return false;
  std::size_t start = 0;
  if (text.starts_with("\xEF\xBB\xBF")) start = 3;
  const std::size_t first = text.find_first_not_of(" \t\r\n", start);
  TemplateInput input;
  if (first != std::string::npos && text[first] == '{') {
    JsonParseOptions options;
    options.max_depth = max_depth;
    options.start = start;
    JsonParseResult parsed = parse_json(text, options);
    if (!parsed.value) return false;  // the JSON reader reports it
    input.root = template_from_json(*parsed.value);
    if (!is_cloudformation_template(input.root)) return false;
    auto source = std::make_unique<SourceFile>(display_path, std::move(text));
    for (const JsonError& e : parsed.errors) {
      model.diagnostics.push_back(
          {json_error_rule(e.kind), source->ref(e.offset, ""), e.message, e.fatal, {}});
    }
    input.source = source.get();
    model.sources.push_back(std::move(source));
    out.push_back(std::move(input));
    return true;
  }
  auto source = std::make_unique<SourceFile>(display_path, text);
  YamlLimits limits;
  limits.max_depth = max_depth;
  limits.max_nodes = std::max<std::size_t>(text.size() * 4, 1u << 16);
  TemplateParse parsed = parse_yaml_template(*source, limits);
  if (parsed.ok && !is_cloudformation_template(parsed.root)) return false;
  text.clear();
  for (LoadDiagnostic& d : parsed.diagnostics) model.diagnostics.push_back(std::move(d));
  input.source = source.get();
  model.sources.push_back(std::move(source));
  if (!parsed.ok) return true;  // an IN finding says why
  input.root = std::move(parsed.root);
  out.push_back(std::move(input));
  return true;
}

}  // namespace bucketlint
