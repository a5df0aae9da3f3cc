#include "bucketlint/baseline.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <tuple>
#include <unordered_map>

namespace bucketlint {

namespace {

using ordered_json = nlohmann::ordered_json;

bool is_fingerprint(std::string_view s) {
  return s.size() == 16 && std::all_of(s.begin(), s.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
         });
}

// An optional string member; false when present with another type.
bool string_member(const nlohmann::json& object, const char* key, std::string& out) {
  const auto it = object.find(key);
  if (it == object.end()) return true;
  if (!it->is_string()) return false;
  out = it->get<std::string>();
  return true;
}

}  // namespace

std::string write_baseline(const EngineResult& result) {
  std::vector<BaselineEntry> entries;
  entries.reserve(result.findings.size());
  for (const Finding& f : result.findings) {
    entries.push_back({f.fingerprint, f.rule != nullptr ? std::string(f.rule->id) : std::string(),
                       f.where.file(), f.message});
  }
  std::sort(entries.begin(), entries.end(), [](const BaselineEntry& a, const BaselineEntry& b) {
    return std::tie(a.file, a.rule_id, a.fingerprint) < std::tie(b.file, b.rule_id, b.fingerprint);
  });
  ordered_json root = ordered_json::object();
  root["bucketlint_baseline"] = kBaselineVersion;
  ordered_json list = ordered_json::array();
  for (const BaselineEntry& e : entries) {
    ordered_json item = ordered_json::object();
    item["fingerprint"] = e.fingerprint;
    item["rule_id"] = e.rule_id;
    item["file"] = e.file;
    item["message"] = e.message;
    list.push_back(std::move(item));
  }
  root["findings"] = std::move(list);
  return root.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

std::optional<Baseline> parse_baseline(std::string_view text, std::string& error) {
  if (text.size() > kMaxBaselineBytes) {
    error = fmt::format("the baseline is {} bytes, over the {} byte limit", text.size(),
                        kMaxBaselineBytes);
    return std::nullopt;
  }
  // nlohmann's parser recurses per nesting level; a baseline is two levels deep, so deeper
  // input is rejected before it is parsed.
  int depth = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '{' || c == '[') {
      if (++depth > 8) {
        error = "the baseline is not a bucketlint baseline (nested too deeply)";
        return std::nullopt;
      }
    } else if (c == '}' || c == ']') {
      --depth;
    }
  }
  const nlohmann::json root = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (root.is_discarded()) {
    error = "the baseline is not valid JSON";
    return std::nullopt;
  }
  if (!root.is_object() || !root.contains("bucketlint_baseline")) {
    error = "the baseline is not a bucketlint baseline (no 'bucketlint_baseline' member)";
    return std::nullopt;
  }
  const nlohmann::json& version = root["bucketlint_baseline"];
  if (!version.is_number_integer() || version.get<long long>() != kBaselineVersion) {
    error = fmt::format("unsupported baseline version (this bucketlint reads version {})",
                        kBaselineVersion);
    return std::nullopt;
  }
  const auto findings = root.find("findings");
  if (findings == root.end() || !findings->is_array()) {
    error = "the baseline has no 'findings' list";
    return std::nullopt;
  }
  if (findings->size() > kMaxBaselineEntries) {
    error = fmt::format("the baseline has {} entries, over the limit of {}", findings->size(),
                        kMaxBaselineEntries);
    return std::nullopt;
  }
  Baseline out;
  out.entries.reserve(findings->size());
  std::size_t index = 0;
  for (const nlohmann::json& item : *findings) {
    BaselineEntry e;
    if (!item.is_object() || !string_member(item, "fingerprint", e.fingerprint) ||
        !is_fingerprint(e.fingerprint) || !string_member(item, "rule_id", e.rule_id) ||
        !string_member(item, "file", e.file) || !string_member(item, "message", e.message)) {
      error = fmt::format(
          "baseline entry {} is not an object with a 16-hex-digit 'fingerprint' and string "
          "'rule_id', 'file' and 'message'",
          index);
      return std::nullopt;
    }
    out.entries.push_back(std::move(e));
    ++index;
  }
  return out;
}

std::optional<Baseline> read_baseline(const std::string& path, std::string& error) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::file_status status = fs::status(path, ec);
  if (ec || !fs::exists(status)) {
    error = "the baseline file does not exist";
    return std::nullopt;
  }
  if (!fs::is_regular_file(status)) {
    error = "the baseline is not a regular file";
    return std::nullopt;
  }
  const std::uintmax_t size = fs::file_size(path, ec);
  if (ec || size > kMaxBaselineBytes) {
    error = ec ? "cannot read the baseline file"
               : fmt::format("the baseline is {} bytes, over the {} byte limit", size,
                             kMaxBaselineBytes);
    return std::nullopt;
  }
  struct Close {
    void operator()(std::FILE* f) const { std::fclose(f); }
  };
  const std::unique_ptr<std::FILE, Close> in(std::fopen(path.c_str(), "rb"));
  if (in == nullptr) {
    error = "cannot read the baseline file";
    return std::nullopt;
  }
  std::string text(static_cast<std::size_t>(size), '\0');
  const std::size_t got = std::fread(text.data(), 1, text.size(), in.get());
  if (got != text.size()) {
    error = "cannot read the baseline file";
    return std::nullopt;
  }
  return parse_baseline(text, error);
}

void apply_baseline(EngineResult& result, const Baseline& baseline) {
  std::unordered_map<std::string_view, std::size_t> remaining;  // fingerprint -> unmatched count
  for (const BaselineEntry& e : baseline.entries) ++remaining[e.fingerprint];
  std::vector<Finding> kept;
  kept.reserve(result.findings.size());
  for (Finding& f : result.findings) {
    const auto it = remaining.find(f.fingerprint);
    if (!f.incomplete && it != remaining.end() && it->second > 0) {
      --it->second;
      ++result.baselined;
      continue;
    }
    kept.push_back(std::move(f));
  }
  result.findings = std::move(kept);
  for (const BaselineEntry& e : baseline.entries) {
    const auto it = remaining.find(e.fingerprint);
    if (it != remaining.end() && it->second > 0) {
      --it->second;
      result.stale_baseline.push_back(e);
    }
  }
}

}  // namespace bucketlint
