#include "load/input_select.h"

#include <algorithm>
#include <cctype>
#include <string>

#include "load/cloudformation.h"

namespace bucketlint {

namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

// The first object key of `head` when it starts with '{' (after whitespace and a UTF-8 BOM).
std::string_view first_key(std::string_view head) {
  if (head.starts_with("\xEF\xBB\xBF")) head.remove_prefix(3);
  std::size_t i = head.find_first_not_of(" \t\r\n");
  if (i == std::string_view::npos || head[i] != '{') return {};
  i = head.find_first_not_of(" \t\r\n", i + 1);
  if (i == std::string_view::npos || head[i] != '"') return {};
  const std::size_t end = head.find('"', i + 1);
  if (end == std::string_view::npos) return {};
  return head.substr(i + 1, end - i - 1);
}

}  // namespace

bool is_documentation_file(std::string_view file_name) {
  const std::string name = lower(file_name);
  for (const char* stem : {"readme", "license", "notice", "changelog"}) {
    if (name.starts_with(stem)) return true;
  }
  return name.ends_with(".md") || name.ends_with(".markdown") || name.ends_with(".rst");
}

InputFormat input_format_by_name(std::string_view file_name) {
  const std::size_t dot = file_name.rfind('.');
  if (dot == std::string_view::npos || dot == 0) return InputFormat::kNone;
  const std::string ext = lower(file_name.substr(dot + 1));
  if (ext == "json") return InputFormat::kJson;
  if (file_name == ".bucketlint.yaml" || file_name == ".bucketlint.yml" ||
      file_name == ".pre-commit-config.yaml" || file_name == ".pre-commit-hooks.yaml") {
    return InputFormat::kNone;
  }
  if (is_template_file_name(file_name)) return InputFormat::kTemplate;
  return InputFormat::kNone;
}

bool clearly_ours(std::string_view file_name, std::string_view head) {
  if (lower(file_name).find("policy") != std::string::npos) return true;
  head = head.substr(0, kHeadBytes);
  // An empty .json file is valid for no tool; an empty dump usually means the command that
  // should have written it failed.
  if (head.find_first_not_of(" \t\r\n") == std::string_view::npos) return true;
  const std::string_view key = first_key(head);
  if (key == "Statement" || key == "PolicyDocument" || key == "Policy") return true;
  // Version dates of the IAM policy language: a policy, or a document that embeds one.
  return head.find("\"2012-10-17\"") != std::string_view::npos ||
         head.find("\"2008-10-17\"") != std::string_view::npos;
}

}  // namespace bucketlint
