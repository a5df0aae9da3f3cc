// The JSON report (docs/json-schema.md) and SARIF 2.1.0.

#include <fmt/format.h>

#include <array>
#include <cstddef>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "bucketlint/report.h"

namespace bucketlint {

namespace {

using ordered_json = nlohmann::ordered_json;

// Invalid UTF-8 in a message (quoted from a broken document) must not make dump() throw.
std::string dump(const ordered_json& j) {
  return j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

std::string_view id_of(const Finding& f) {
  return f.rule != nullptr ? f.rule->id : std::string_view{};
}

ordered_json json_location(const SourceRef& where) {
  ordered_json loc = ordered_json::object();
  loc["file"] = where.file();
  loc["line"] = where.line();
  loc["column"] = where.column();
  loc["pointer"] = where.pointer();
  return loc;
}

// RFC 3986 unreserved characters and '/' stay; every other byte is percent-encoded.
std::string percent_encode_path(std::string_view path) {
  std::string out;
  for (const char ch : path) {
    const auto u = static_cast<unsigned char>(ch);
    const bool keep = (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9') ||
                      ch == '-' || ch == '.' || ch == '_' || ch == '~' || ch == '/';
    if (keep) {
      out += ch;
    } else {
      out += fmt::format("%{:02X}", u);
    }
  }
  return out;
}

std::string_view sarif_level(Severity severity) {
  switch (severity) {
    case Severity::kError: return "error";
    case Severity::kWarning: return "warning";
    case Severity::kNote: return "note";
  }
  return "warning";
}

ordered_json sarif_physical_location(const SourceRef& where, std::string_view base_dir) {
  const SarifUri uri = sarif_uri(where.file(), base_dir);
  ordered_json artifact = ordered_json::object();
  artifact["uri"] = uri.uri;
  if (uri.relative) artifact["uriBaseId"] = "%SRCROOT%";
  ordered_json physical = ordered_json::object();
  physical["artifactLocation"] = std::move(artifact);
  if (where.line() > 0) {
    ordered_json region = ordered_json::object();
    region["startLine"] = where.line();
    if (where.column() > 0) region["startColumn"] = where.column();
    physical["region"] = std::move(region);
  }
  return physical;
}

// The first paragraph under the doc's first heading ("What it flags"), unwrapped; the
// summary when the doc has none.
std::string first_paragraph(const RuleInfo& info) {
  std::string_view doc = info.doc;
  std::string out;
  bool in_body = false;
  while (!doc.empty()) {
    const std::size_t eol = doc.find('\n');
    const std::string_view line = doc.substr(0, eol);
    doc = eol == std::string_view::npos ? std::string_view{} : doc.substr(eol + 1);
    if (line.starts_with("#")) {
      if (in_body && !out.empty()) break;
      in_body = true;
      continue;
    }
    if (!in_body) continue;
    if (line.empty() || line.starts_with("```")) {
      if (!out.empty()) break;
      continue;
    }
    if (!out.empty()) out += ' ';
    out += line;
  }
  return out.empty() ? std::string(info.summary) : out;
}

}  // namespace

namespace {

// Rule families by ID prefix: what the rules look at. `security` marks the families whose
// findings are access-control problems (GitHub lists those under security alerts).
struct Family {
  std::string_view prefix;
  bool security;
  std::array<std::string_view, 3> tags;  // empty entries unused
};
constexpr std::array<Family, 8> kFamilies{{
    {"OW", true, {"ownership", "s3", ""}},
    {"PA", true, {"public-access", "s3", ""}},
    {"AC", true, {"acl", "s3", ""}},
    {"CF", true, {"cloudfront", "s3", ""}},
    {"TR", true, {"trust-policy", "iam", "sts"}},
    {"PL0", true, {"policy-grammar", "iam", ""}},
    {"PL1", true, {"policy-catalogue", "iam", ""}},
    {"IN", false, {"input", "correctness", ""}},
}};

const Family* family_of(std::string_view id) {
  for (const Family& f : kFamilies) {
    if (id.starts_with(f.prefix)) return &f;
  }
  return nullptr;
}

}  // namespace

std::vector<std::string> sarif_tags(const RuleInfo& info) {
  std::vector<std::string> tags;
  const Family* family = family_of(info.id);
  if (family == nullptr || family->security) tags.emplace_back("security");
  if (family != nullptr) {
    for (const std::string_view t : family->tags) {
      if (!t.empty()) tags.emplace_back(t);
    }
  }
  tags.emplace_back("aws");
  return tags;
}

std::string sarif_security_severity(const RuleInfo& info) {
  // GitHub: >= 9.0 critical, >= 7.0 high, >= 4.0 medium, else low. Access problems found by
  // linking documents (OW, AC, CF, TR) rank above single-policy language problems (PL), which
  // rank above problems with the input itself (IN).
  const Family* family = family_of(info.id);
  const bool linked = family != nullptr && family->security && !info.id.starts_with("PL");
  const bool input = family != nullptr && !family->security;
  switch (info.default_severity) {
    case Severity::kError: return linked ? "8.0" : input ? "3.0" : "6.0";
    case Severity::kWarning: return linked ? "5.5" : input ? "2.0" : "4.0";
    case Severity::kNote: return linked ? "3.0" : input ? "1.0" : "2.0";
  }
  return "5.0";
}

SarifUri sarif_uri(std::string_view file, std::string_view base_dir) {
  namespace fs = std::filesystem;
  const fs::path path = fs::path(std::string(file)).lexically_normal();
  fs::path rel;
  if (path.is_absolute()) {
    if (!base_dir.empty()) rel = path.lexically_relative(fs::path(std::string(base_dir)));
  } else {
    rel = path;
  }
  const std::string rel_text = rel.generic_string();
  if (!rel_text.empty() && rel_text != "." && !rel_text.starts_with("../") && rel_text != "..") {
    return {percent_encode_path(rel_text), true};
  }
  // Outside the repository (or no base): an absolute file URI.
  fs::path abs = path;
  if (!abs.is_absolute() && !base_dir.empty()) {
    abs = (fs::path(std::string(base_dir)) / path).lexically_normal();
  }
  if (!abs.is_absolute()) return {percent_encode_path(path.generic_string()), true};
  return {"file://" + percent_encode_path(abs.generic_string()), false};
}

std::string write_json(const EngineResult& result, const ReportOptions& options) {
  std::array<std::size_t, 3> counts{};
  ordered_json findings = ordered_json::array();
  for (const Finding& f : result.findings) {
    counts.at(static_cast<std::size_t>(f.severity)) += 1;
    ordered_json item = ordered_json::object();
    item["rule_id"] = id_of(f);
    item["rule_name"] = f.rule != nullptr ? f.rule->name : std::string_view{};
    item["severity"] = severity_name(f.severity);
    item["message"] = f.message;
    item["location"] = json_location(f.where);
    ordered_json notes = ordered_json::array();
    for (const Note& note : f.notes) {
      ordered_json n = ordered_json::object();
      n["message"] = note.text;
      n["location"] = json_location(note.where);
      notes.push_back(std::move(n));
    }
    item["notes"] = std::move(notes);
    item["remediation"] = finding_remediation(f);
    item["doc_url"] = rule_doc_url(id_of(f));
    item["fingerprint"] = f.fingerprint;
    item["incomplete"] = f.incomplete;
    findings.push_back(std::move(item));
  }
  ordered_json root = ordered_json::object();
  root["schema_version"] = kJsonSchemaVersion;
  root["tool"] = {{"name", "bucketlint"}, {"version", options.tool_version}};
  ordered_json summary = ordered_json::object();
  summary["files"] = result.files;
  summary["errors"] = counts[static_cast<std::size_t>(Severity::kError)];
  summary["warnings"] = counts[static_cast<std::size_t>(Severity::kWarning)];
  summary["notes"] = counts[static_cast<std::size_t>(Severity::kNote)];
  summary["suppressed"] = result.suppressed;
  summary["baselined"] = result.baselined;
  ordered_json stale = ordered_json::array();
  for (const BaselineEntry& e : result.stale_baseline) {
    stale.push_back({{"fingerprint", e.fingerprint},
                     {"rule_id", e.rule_id},
                     {"file", e.file},
                     {"message", e.message}});
  }
  summary["stale_baseline"] = std::move(stale);
  summary["incomplete"] = result.incomplete;
  root["summary"] = std::move(summary);
  root["findings"] = std::move(findings);
  return dump(root);
}

std::string write_sarif(const EngineResult& result, const std::vector<std::unique_ptr<Rule>>& rules,
                        const ReportOptions& options) {
  ordered_json sarif_rules = ordered_json::array();
  std::map<std::string_view, std::size_t> rule_index;
  for (const auto& rule : rules) {
    const RuleInfo& info = rule->info();
    if (info.stability == Stability::kRemoved) continue;
    rule_index.emplace(info.id, sarif_rules.size());
    ordered_json r = ordered_json::object();
    r["id"] = info.id;
    r["name"] = info.name;
    r["shortDescription"] = {{"text", info.summary}};
    r["fullDescription"] = {{"text", first_paragraph(info)}};
    r["help"] = {{"text", fmt::format("{}\n\nHow to fix: {}\n\nDocumentation: {}", info.summary,
                                      info.remediation, rule_doc_url(info.id))},
                 {"markdown", rule_doc_page(info)}};
    r["helpUri"] = rule_doc_url(info.id);
    r["defaultConfiguration"] = {{"level", sarif_level(info.default_severity)}};
    ordered_json tags = ordered_json::array();
    for (const std::string& tag : sarif_tags(info)) tags.push_back(tag);
    r["properties"] = {{"tags", std::move(tags)},
                       {"security-severity", sarif_security_severity(info)},
                       {"stability", stability_name(info.stability)}};
    sarif_rules.push_back(std::move(r));
  }

  ordered_json results = ordered_json::array();
  ordered_json notifications = ordered_json::array();
  for (const Finding& f : result.findings) {
    const auto index = rule_index.find(id_of(f));
    // Findings about no file (a failed rule) are about the tool's run, not the code: SARIF
    // puts them in the invocation's notifications, which code scanning shows as tool errors.
    if (f.where.file().empty()) {
      ordered_json n = ordered_json::object();
      n["descriptor"] = {{"id", id_of(f)}};
      if (index != rule_index.end()) n["descriptor"]["index"] = index->second;
      n["level"] = sarif_level(f.severity);
      n["message"] = {{"text", f.message}};
      notifications.push_back(std::move(n));
      continue;
    }
    ordered_json r = ordered_json::object();
    r["ruleId"] = id_of(f);
    if (index != rule_index.end()) r["ruleIndex"] = index->second;
    r["level"] = sarif_level(f.severity);
    std::string text = f.message;
    const std::string_view help = finding_remediation(f);
    if (!help.empty()) text += fmt::format("\nHow to fix: {}", help);
    r["message"] = {{"text", text}};
    ordered_json location = ordered_json::object();
    location["physicalLocation"] = sarif_physical_location(f.where, options.base_dir);
    if (!f.where.pointer().empty()) {
      location["logicalLocations"] =
          ordered_json::array({{{"fullyQualifiedName", f.where.pointer()}, {"kind", "element"}}});
    }
    r["locations"] = ordered_json::array({std::move(location)});
    if (!f.notes.empty()) {
      ordered_json related = ordered_json::array();
      int id = 1;
      for (const Note& note : f.notes) {
        ordered_json rl = ordered_json::object();
        rl["id"] = id++;
        if (!note.where.file().empty()) {
          rl["physicalLocation"] = sarif_physical_location(note.where, options.base_dir);
        }
        rl["message"] = {{"text", note.text}};
        related.push_back(std::move(rl));
      }
      r["relatedLocations"] = std::move(related);
    }
    r["partialFingerprints"] = {{"bucketlintFingerprint/v1", f.fingerprint}};
    results.push_back(std::move(r));
  }

  ordered_json driver = ordered_json::object();
  driver["name"] = "bucketlint";
  driver["version"] = options.tool_version;
  driver["semanticVersion"] = options.tool_version;
  driver["informationUri"] = kProjectUrl;
  driver["rules"] = std::move(sarif_rules);

  ordered_json invocation = ordered_json::object();
  invocation["executionSuccessful"] = !result.incomplete;
  if (!notifications.empty()) invocation["toolExecutionNotifications"] = std::move(notifications);

  ordered_json run = ordered_json::object();
  run["tool"] = {{"driver", std::move(driver)}};
  run["invocations"] = ordered_json::array({std::move(invocation)});
  run["columnKind"] = "unicodeCodePoints";
  run["results"] = std::move(results);

  ordered_json root = ordered_json::object();
  root["$schema"] = "https://json.schemastore.org/sarif-2.1.0.json";
  root["version"] = "2.1.0";
  root["runs"] = ordered_json::array({std::move(run)});
  return dump(root);
}

}  // namespace bucketlint
