#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "bucketlint/load.h"
#include "load/policy_builder.h"

namespace bucketlint {

namespace {

std::string_view rule_for(JsonErrorKind kind) {
  switch (kind) {
    case JsonErrorKind::kSyntax: return "IN001";
    case JsonErrorKind::kDuplicateKey: return "IN002";
    case JsonErrorKind::kInvalidUtf8: return "IN003";
    case JsonErrorKind::kTooDeep: return "IN006";
  }
  return "IN001";
}

PolicyKind policy_kind_for(DocumentKind kind, const JsonValue& root) {
  switch (kind) {
    case DocumentKind::kBucketPolicy: return PolicyKind::kBucket;
    case DocumentKind::kResourcePolicy: return PolicyKind::kResource;
    case DocumentKind::kTrustPolicy: return PolicyKind::kTrust;
    case DocumentKind::kIdentityPolicy: return PolicyKind::kIdentity;
    case DocumentKind::kKeyPolicy: return PolicyKind::kKey;
    default: return classify_policy_shape(root);
  }
}

}  // namespace

void load_text(Model& model, std::string display_path, std::string text,
               std::optional<DocumentKind> forced_kind, int max_depth) {
  auto source = std::make_unique<SourceFile>(std::move(display_path), std::move(text));
  const SourceFile& src = *source;
  model.sources.push_back(std::move(source));
  const std::string_view body = std::string_view(src.text()).substr(src.content_start());
  if (body.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    model.diagnostics.push_back(
        {"IN004", src.ref(src.content_start(), ""), "file is empty", true, {}});
    return;
  }
  JsonParseOptions options;
  options.max_depth = max_depth;
  options.start = src.content_start();
  JsonParseResult parsed = parse_json(src.text(), options);
  for (const JsonError& e : parsed.errors) {
    model.diagnostics.push_back({rule_for(e.kind), src.ref(e.offset, ""), e.message, e.fatal, {}});
  }
  if (!parsed.value) return;
  model.trees.push_back(std::make_unique<JsonValue>(std::move(*parsed.value)));
  const JsonValue& root = *model.trees.back();

  const JsonValue* root_policy = &root;
  const SourceFile* policy_source = &src;
  std::string base;
  // `aws s3api get-bucket-policy` returns {"Policy": "<policy JSON as a string>"}.
  if (const JsonValue* p = root.find("Policy"); p != nullptr && p->is_string()) {
    std::string decoded;
    std::vector<std::uint32_t> map;
    if (decode_string_literal(src.text(), p->offset, decoded, map)) {
      JsonParseOptions inner;
      inner.max_depth = max_depth;
      inner.offset_map = &map;
      JsonParseResult r = parse_json(decoded, inner);
      for (const JsonError& e : r.errors) {
        model.diagnostics.push_back({rule_for(e.kind),
                                     src.ref(e.offset, "/Policy"),
                                     fmt::format("in the embedded policy: {}", e.message),
                                     e.fatal,
                                     {}});
      }
      if (!r.value) return;
      model.trees.push_back(std::make_unique<JsonValue>(std::move(*r.value)));
      root_policy = model.trees.back().get();
      base = "/Policy";
      if (!forced_kind) forced_kind = DocumentKind::kBucketPolicy;
    }
  }
  if (!looks_like_policy(*root_policy) && !forced_kind) {
    model.diagnostics.push_back({"IN008",
                                 src.ref(root.offset, ""),
                                 "cannot tell what kind of document this is; use --kind",
                                 true,
                                 {}});
    return;
  }
  const DocumentKind kind = forced_kind.value_or(DocumentKind::kUnknown);
  model.policies.push_back(build_policy(*policy_source, *root_policy, base,
                                        policy_kind_for(kind, *root_policy), model.diagnostics));
  model.policies.back()->account_id = model.default_account;
}

LoadResult load_inputs(const LoadOptions& options) {
  LoadResult result;
  Model& model = result.model;
  model.default_account = options.account;
  std::vector<std::string> files;
  for (const std::string& path : options.paths) {
    if (path == "-") {
      files.push_back(path);
      continue;
    }
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) {
      std::vector<std::string> found;
      for (auto it = std::filesystem::recursive_directory_iterator(path, ec);
           !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
        if (it->is_regular_file(ec) && it->path().extension() == ".json") {
          found.push_back(it->path().generic_string());
        }
      }
      std::sort(found.begin(), found.end());
      files.insert(files.end(), found.begin(), found.end());
    } else {
      files.push_back(path);
    }
  }
  for (const std::string& file : files) {
    if (file == "-") {
      load_text(model, "<stdin>", options.stdin_text, options.forced_kind, options.max_depth);
      continue;
    }
    std::ifstream in(file, std::ios::binary);
    if (!in) {
      model.diagnostics.push_back(
          {"IN007", SourceRef{file, "", 0, 0}, fmt::format("cannot read '{}'", file), true, {}});
      continue;
    }
    std::ostringstream ss;
    ss << in.rdbuf();
    std::string text = ss.str();
    if (text.size() > options.max_file_size) {
      model.diagnostics.push_back(
          {"IN005",
           SourceRef{file, "", 0, 0},
           fmt::format("file is {} bytes, over the {} byte limit (--max-file-size)", text.size(),
                       options.max_file_size),
           true,
           {}});
      continue;
    }
    load_text(model, file, std::move(text), options.forced_kind, options.max_depth);
  }
  return result;
}

}  // namespace bucketlint
