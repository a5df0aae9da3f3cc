#include "load/config_file.h"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cstddef>
#include <initializer_list>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "model/path_glob.h"

namespace bucketlint {

namespace {

class ConfigParser {
 public:
  ConfigParser(const std::string& path, std::vector<LoadDiagnostic>& diagnostics)
      : path_(path), diagnostics_(diagnostics) {}

  void parse(const YAML::Node& root, ConfigData& out) {
    if (!root.IsDefined() || root.IsNull()) return;  // an empty config is valid
    if (!root.IsMap()) {
      error(root, "the config must be a mapping of sections (accounts, buckets, rules, ...)");
      return;
    }
    for (const auto& kv : root) {
      const std::string key = scalar(kv.first);
      const YAML::Node& v = kv.second;
      if (key == "accounts") {
        accounts(v, out);
      } else if (key == "trusted_accounts") {
        out.trusted_accounts_set = true;
        for (const YAML::Node& n : sequence(v, key)) {
          if (auto s = string_value(n, "trusted_accounts item")) out.trusted_accounts.push_back(*s);
        }
      } else if (key == "buckets") {
        buckets(v, out);
      } else if (key == "roles") {
        roles(v, out);
      } else if (key == "users") {
        users(v, out);
      } else if (key == "distributions") {
        distributions(v, out);
      } else if (key == "origin_access_identities") {
        for (const YAML::Node& n : sequence(v, key)) {
          if (auto f = file(n, key)) out.origin_access_identities.push_back(*f);
        }
      } else if (key == "kms_keys") {
        kms_keys(v, out);
      } else if (key == "exclude") {
        for (const YAML::Node& n : sequence(v, key)) {
          if (auto f = file(n, "exclude item")) out.excludes.push_back(*f);
        }
      } else if (key == "templates") {
        templates(v, out);
      } else if (key == "rules") {
        rules(v, out.settings);
      } else if (key == "suppressions") {
        suppressions(v, out.settings);
      } else if (key == "baseline") {
        out.baseline = file(v, key);
      } else if (key == "catalogue") {
        catalogue(v, out);
      } else {
        unknown_key(kv.first, "the top level");
      }
    }
  }

  void error(const YAML::Node& at, std::string message) {
    report(ref(at), std::move(message), true);
  }

  void report(SourceRef where, std::string message, bool incomplete) {
    diagnostics_.push_back({"IN010", std::move(where), std::move(message), incomplete, {}});
  }

  SourceRef ref(const YAML::Mark& mark) const {
    if (mark.is_null()) return SourceRef{path_, "", 0, 0};
    return SourceRef{path_, "", mark.line + 1, mark.column + 1};
  }
  SourceRef ref(const YAML::Node& node) const { return ref(node.Mark()); }

 private:
  static std::string scalar(const YAML::Node& n) {
    return n.IsScalar() ? n.Scalar() : std::string();
  }

  void unknown_key(const YAML::Node& key, std::string_view where) {
    report(ref(key), fmt::format("unknown key '{}' in {} (ignored)", scalar(key), where), false);
  }

  std::optional<std::string> string_value(const YAML::Node& n, std::string_view what) {
    if (n.IsScalar()) return n.Scalar();
    error(n, fmt::format("'{}' must be a string", what));
    return std::nullopt;
  }

  std::vector<YAML::Node> sequence(const YAML::Node& n, std::string_view what) {
    std::vector<YAML::Node> out;
    if (n.IsNull()) return out;
    if (n.IsScalar()) {
      out.push_back(n);  // a single item is accepted where a list is expected
    } else if (n.IsSequence()) {
      for (const YAML::Node& item : n) out.push_back(item);
    } else {
      error(n, fmt::format("'{}' must be a list", what));
    }
    return out;
  }

  bool is_map(const YAML::Node& n, std::string_view what) {
    if (n.IsMap()) return true;
    if (!n.IsNull()) error(n, fmt::format("'{}' must be a mapping", what));
    return false;
  }

  std::optional<ConfigFileRef> file(const YAML::Node& n, std::string_view what) {
    auto s = string_value(n, what);
    if (!s) return std::nullopt;
    return ConfigFileRef{*s, ref(n)};
  }

  std::string account_id(const YAML::Node& n, std::string_view what) {
    auto s = string_value(n, what);
    if (!s) return {};
    if (!is_account_id(*s)) {
      error(n, fmt::format("'{}' must be a 12-digit account ID, found '{}' (quote it in YAML)",
                           what, *s));
      return {};
    }
    return *s;
  }

  void accounts(const YAML::Node& v, ConfigData& out) {
    for (const YAML::Node& item : sequence(v, "accounts")) {
      if (!is_map(item, "accounts item")) continue;
      ConfigAccount a;
      a.where = ref(item);
      for (const auto& kv : item) {
        const std::string key = scalar(kv.first);
        if (key == "id") {
          a.id = account_id(kv.second, "accounts.id");
        } else if (key == "name") {
          a.name = string_value(kv.second, "accounts.name").value_or("");
        } else if (key == "canonical_id") {
          a.canonical_id = string_value(kv.second, "accounts.canonical_id").value_or("");
        } else {
          unknown_key(kv.first, "an accounts entry");
        }
      }
      if (a.id.empty()) {
        error(item, "an accounts entry needs an 'id'");
        continue;
      }
      out.accounts.push_back(std::move(a));
    }
  }

  void buckets(const YAML::Node& v, ConfigData& out) {
    if (!is_map(v, "buckets")) return;
    for (const auto& entry : v) {
      ConfigBucket b;
      b.name = scalar(entry.first);
      b.where = ref(entry.first);
      if (!is_map(entry.second, fmt::format("buckets.{}", b.name))) continue;
      for (const auto& kv : entry.second) {
        const std::string key = scalar(kv.first);
        const YAML::Node& n = kv.second;
        if (key == "account") {
          b.account = account_id(n, "buckets.account");
        } else if (key == "ownership") {
          const std::string s = scalar(n);
          b.ownership_where = ref(n);
          if (s == "ObjectWriter") {
            b.ownership = ObjectOwnership::kObjectWriter;
          } else if (s == "BucketOwnerPreferred") {
            b.ownership = ObjectOwnership::kBucketOwnerPreferred;
          } else if (s == "BucketOwnerEnforced") {
            b.ownership = ObjectOwnership::kBucketOwnerEnforced;
          } else {
            error(n, fmt::format("'ownership' must be 'ObjectWriter', 'BucketOwnerPreferred' or "
                                 "'BucketOwnerEnforced', found '{}'",
                                 s));
          }
        } else if (key == "policy" || key == "acl" || key == "ownership_controls" ||
                   key == "public_access_block" || key == "encryption" || key == "listing") {
          for (const YAML::Node& f : sequence(n, key)) {
            if (auto r = file(f, key)) b.files.push_back(*r);
          }
        } else if (key == "object_acls") {
          if (!is_map(n, "object_acls")) continue;
          for (const auto& acl : n) {
            if (auto r = file(acl.second, "object_acls value")) {
              b.object_acls.emplace_back(scalar(acl.first), *r);
            }
          }
        } else {
          unknown_key(kv.first, fmt::format("bucket '{}'", b.name));
        }
      }
      out.buckets.push_back(std::move(b));
    }
  }

  void roles(const YAML::Node& v, ConfigData& out) {
    if (!is_map(v, "roles")) return;
    for (const auto& entry : v) {
      ConfigRole r;
      r.arn = scalar(entry.first);
      r.where = ref(entry.first);
      if (!r.arn.starts_with("arn:") || r.arn.find(":role/") == std::string::npos) {
        error(entry.first, fmt::format("role key must be a role ARN, found '{}'", r.arn));
        continue;
      }
      if (!is_map(entry.second, "roles entry")) continue;
      for (const auto& kv : entry.second) {
        const std::string key = scalar(kv.first);
        if (key == "trust_policy") {
          r.trust_policy = file(kv.second, key);
        } else if (key == "permission_policies") {
          for (const YAML::Node& f : sequence(kv.second, key)) {
            if (auto p = file(f, key)) r.permission_policies.push_back(*p);
          }
        } else {
          unknown_key(kv.first, fmt::format("role '{}'", r.arn));
        }
      }
      out.roles.push_back(std::move(r));
    }
  }

  void users(const YAML::Node& v, ConfigData& out) {
    if (!is_map(v, "users")) return;
    for (const auto& entry : v) {
      ConfigUser u;
      u.arn = scalar(entry.first);
      u.where = ref(entry.first);
      if (!u.arn.starts_with("arn:") || u.arn.find(":user/") == std::string::npos) {
        error(entry.first, fmt::format("user key must be a user ARN, found '{}'", u.arn));
        continue;
      }
      if (!is_map(entry.second, "users entry")) continue;
      for (const auto& kv : entry.second) {
        if (scalar(kv.first) == "policies") {
          for (const YAML::Node& f : sequence(kv.second, "policies")) {
            if (auto p = file(f, "policies")) u.policies.push_back(*p);
          }
        } else {
          unknown_key(kv.first, fmt::format("user '{}'", u.arn));
        }
      }
      out.users.push_back(std::move(u));
    }
  }

  void distributions(const YAML::Node& v, ConfigData& out) {
    if (!is_map(v, "distributions")) return;
    for (const auto& entry : v) {
      ConfigDistribution d;
      d.id = scalar(entry.first);
      d.where = ref(entry.first);
      if (!is_map(entry.second, "distributions entry")) continue;
      for (const auto& kv : entry.second) {
        const std::string key = scalar(kv.first);
        if (key == "account") {
          d.account = account_id(kv.second, "distributions.account");
        } else if (key == "file" || key == "files") {
          for (const YAML::Node& f : sequence(kv.second, key)) {
            if (auto p = file(f, key)) d.files.push_back(*p);
          }
        } else {
          unknown_key(kv.first, fmt::format("distribution '{}'", d.id));
        }
      }
      out.distributions.push_back(std::move(d));
    }
  }

  // templates: {<file or folder>: {account: "<id>", created_before_april_2023: true}}
  void templates(const YAML::Node& v, ConfigData& out) {
    if (!is_map(v, "templates")) return;
    for (const auto& entry : v) {
      ConfigTemplate t;
      t.path = scalar(entry.first);
      t.where = ref(entry.first);
      if (!is_map(entry.second, "templates entry")) continue;
      for (const auto& kv : entry.second) {
        const std::string key = scalar(kv.first);
        if (key == "account") {
          t.account = account_id(kv.second, "templates.account");
        } else if (key == "created_before_april_2023") {
          const std::string b = scalar(kv.second);
          if (b != "true" && b != "false") {
            error(kv.second, "'created_before_april_2023' must be true or false");
          }
          t.created_before_april_2023 = b == "true";
        } else {
          unknown_key(kv.first, fmt::format("template '{}'", t.path));
        }
      }
      out.templates.push_back(std::move(t));
    }
  }

  void kms_keys(const YAML::Node& v, ConfigData& out) {
    if (!is_map(v, "kms_keys")) return;
    for (const auto& entry : v) {
      ConfigKmsKey k;
      k.id = scalar(entry.first);
      k.where = ref(entry.first);
      if (!is_map(entry.second, "kms_keys entry")) continue;
      for (const auto& kv : entry.second) {
        const std::string key = scalar(kv.first);
        if (key == "account") {
          k.account = account_id(kv.second, "kms_keys.account");
        } else if (key == "policy") {
          k.policy = file(kv.second, key);
        } else {
          unknown_key(kv.first, fmt::format("KMS key '{}'", k.id));
        }
      }
      out.kms_keys.push_back(std::move(k));
    }
  }

  static bool is_rule_id(std::string_view id) {
    if (id.size() != 5) return false;
    for (std::size_t i = 0; i < 5; ++i) {
      const char c = id[i];
      const bool ok = i < 2 ? (c >= 'A' && c <= 'Z') : (c >= '0' && c <= '9');
      if (!ok) return false;
    }
    return true;
  }

  std::optional<std::string> rule_id(const YAML::Node& n, std::string_view what) {
    auto s = string_value(n, what);
    if (!s) return std::nullopt;
    if (!is_rule_id(*s)) {
      error(n, fmt::format("'{}' must be a rule ID such as 'OW001', found '{}'", what, *s));
      return std::nullopt;
    }
    return s;
  }

  void rules(const YAML::Node& v, RuleSettings& settings) {
    if (!is_map(v, "rules")) return;
    for (const auto& kv : v) {
      const std::string key = scalar(kv.first);
      if (key == "disabled") {
        for (const YAML::Node& n : sequence(kv.second, "rules.disabled")) {
          if (auto id = rule_id(n, "rules.disabled item")) settings.disabled.insert(*id);
        }
      } else if (key == "severity") {
        if (!is_map(kv.second, "rules.severity")) continue;
        for (const auto& s : kv.second) {
          auto id = rule_id(s.first, "rules.severity key");
          if (!id) continue;
          const std::optional<Severity> sev = parse_severity(scalar(s.second));
          if (!sev) {
            error(s.second, fmt::format("severity must be 'error', 'warning' or 'note', found '{}'",
                                        scalar(s.second)));
            continue;
          }
          settings.severities[*id] = *sev;
        }
      } else {
        unknown_key(kv.first, "'rules'");
      }
    }
  }

  // Service prefixes as IAM writes them: lower-case letters, digits and '-'.
  static bool is_service_prefix(std::string_view s) {
    return !s.empty() && s.size() <= 64 && std::all_of(s.begin(), s.end(), [](char c) {
      return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    });
  }

  static std::string lower(std::string s) {
    for (char& c : s) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return s;
  }

  void catalogue(const YAML::Node& v, ConfigData& out) {
    if (!is_map(v, "catalogue")) return;
    for (const auto& kv : v) {
      const std::string key = scalar(kv.first);
      if (key == "extra_services") {
        for (const YAML::Node& n : sequence(kv.second, "catalogue.extra_services")) {
          auto s = string_value(n, "catalogue.extra_services item");
          if (!s) continue;
          std::string prefix = lower(*s);
          if (!is_service_prefix(prefix)) {
            error(n, fmt::format("'{}' is not a service prefix (letters, digits and '-', e.g. "
                                 "'quantumledger')",
                                 *s));
            continue;
          }
          out.extra_services.push_back(std::move(prefix));
        }
      } else if (key == "extra_actions") {
        for (const YAML::Node& n : sequence(kv.second, "catalogue.extra_actions")) {
          auto s = string_value(n, "catalogue.extra_actions item");
          if (!s) continue;
          std::string action = lower(*s);
          const std::size_t colon = action.find(':');
          const bool ok = colon != std::string::npos &&
                          is_service_prefix(action.substr(0, colon)) && colon + 1 < action.size() &&
                          action.size() <= 256 &&
                          std::all_of(action.begin() + static_cast<std::ptrdiff_t>(colon) + 1,
                                      action.end(), [](char c) {
                                        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                                               c == '*' || c == '?' || c == '-' || c == '_';
                                      });
          if (!ok) {
            error(n, fmt::format("'{}' is not an action 'service:Action' (e.g. "
                                 "'payments:CreatePayment' or 'payments:*')",
                                 *s));
            continue;
          }
          out.extra_actions.push_back(std::move(action));
        }
      } else {
        unknown_key(kv.first, "catalogue");
      }
    }
  }

  void suppressions(const YAML::Node& v, RuleSettings& settings) {
    for (const YAML::Node& item : sequence(v, "suppressions")) {
      if (!is_map(item, "suppressions item")) continue;
      Suppression s;
      s.where = ref(item);
      for (const auto& kv : item) {
        const std::string key = scalar(kv.first);
        if (key == "rule") {
          s.rule_id = rule_id(kv.second, "suppressions.rule").value_or("");
        } else if (key == "path") {
          s.path_glob = string_value(kv.second, "suppressions.path").value_or("");
          std::string why;
          if (!s.path_glob.empty() && !model::PathGlob::compile(s.path_glob, &why)) {
            // The glob's text is not repeated: it may be hundreds of kilobytes.
            error(kv.second, fmt::format("'path' glob of {} bytes is too large to match with "
                                         "({}): the suppression matches no file",
                                         s.path_glob.size(), why));
          }
        } else if (key == "pointer") {
          s.pointer = string_value(kv.second, "suppressions.pointer").value_or("");
          if (!s.pointer.empty() && s.pointer[0] != '/') {
            error(kv.second, fmt::format("'pointer' must be a JSON Pointer starting with '/', "
                                         "found '{}'",
                                         s.pointer));
          }
        } else if (key == "sid") {
          s.sid = string_value(kv.second, "suppressions.sid").value_or("");
        } else if (key == "reason") {
          s.reason = string_value(kv.second, "suppressions.reason").value_or("");
        } else {
          unknown_key(kv.first, "a suppression");
        }
      }
      if (s.rule_id.empty()) {
        error(item, "a suppression needs a 'rule'");
        continue;
      }
      if (s.reason.empty()) {
        error(item, fmt::format("the suppression of '{}' needs a 'reason'", s.rule_id));
        continue;
      }
      if (s.path_glob.empty()) s.path_glob = "**";
      settings.suppressions.push_back(std::move(s));
    }
  }

  const std::string& path_;
  std::vector<LoadDiagnostic>& diagnostics_;
};

// yaml-cpp keeps every entry of a key written twice in one mapping, and the reader would apply
// both (`rules: {disabled: [OW001]}` then `rules: {disabled: []}` disables OW001 where a reviewer
// reads it as enabled), so duplicates are reported and the config is not applied (issue 10).
// The walk is iterative and visits each collection once: aliases share nodes, so an alias
// bomb costs no more than its text.
bool report_duplicate_keys(const YAML::Node& root, ConfigParser& parser) {
  bool found = false;
  std::vector<YAML::Node> stack{root};
  std::unordered_set<int> visited;  // collections by text position (aliases share them)
  while (!stack.empty()) {
    const YAML::Node node = stack.back();
    stack.pop_back();
    if (!node.IsMap() && !node.IsSequence()) continue;
    if (!visited.insert(node.Mark().pos).second) continue;
    if (node.IsSequence()) {
      for (const YAML::Node& item : node) stack.push_back(item);
      continue;
    }
    std::unordered_map<std::string, YAML::Mark> keys;
    for (const auto& kv : node) {
      if (kv.first.IsScalar()) {
        const auto [it, inserted] = keys.try_emplace(kv.first.Scalar(), kv.first.Mark());
        if (!inserted) {
          parser.report(parser.ref(kv.first.Mark()),
                        fmt::format("duplicate key '{}' (first at line {}); YAML readers keep "
                                    "one or both, so no setting of this config was applied",
                                    kv.first.Scalar(), it->second.line + 1),
                        true);
          found = true;
        }
      }
      stack.push_back(kv.first);
      stack.push_back(kv.second);
    }
  }
  return found;
}

// The 1-based line where a second YAML document starts ("---" after content, or content after
// "..."), or 0. Document markers are only recognised at the start of a line, where no scalar
// of the first document can hold them.
int second_document_line(std::string_view text) {
  bool content = false;
  bool ended = false;
  int line = 0;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view l = text.substr(pos, end - pos);
    pos = end + 1;
    ++line;
    if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
    const auto marker = [&](std::string_view m) {
      return l.starts_with(m) && (l.size() == 3 || l[3] == ' ' || l[3] == '\t');
    };
    if (marker("---")) {
      if (content) return line;
      content = true;
      continue;
    }
    if (marker("...")) {
      if (content) ended = true;
      continue;
    }
    const std::size_t first = l.find_first_not_of(" \t");
    if (first == std::string_view::npos || l[first] == '#') continue;
    if (l[0] == '%' && !content) continue;  // a directive before the first document
    if (ended) return line;
    content = true;
  }
  return 0;
}

}  // namespace

ConfigData parse_config(const std::string& display_path, const std::string& text,
                        std::vector<LoadDiagnostic>& diagnostics) {
  ConfigData out;
  ConfigParser parser(display_path, diagnostics);
  try {
    // YAML::LoadAll is not used: on some malformed input (found by config_fuzz) it grows
    // without bound where YAML::Load, which stops after the first document, does not.
    if (const int line = second_document_line(text); line > 0) {
      // Only the first would be read; a reviewer may read the others as part of the config.
      parser.report(SourceRef{display_path, "", line, 1},
                    "the config holds more than one YAML document; only one is allowed, so no "
                    "setting of it was applied",
                    true);
      return ConfigData{};
    }
    const YAML::Node root = YAML::Load(text);
    if (report_duplicate_keys(root, parser)) return ConfigData{};
    parser.parse(root, out);
  } catch (const YAML::Exception& e) {
    // yaml-cpp throws for syntax errors (and for conversions we never ask for): report the
    // position it gives and apply nothing from this file.
    parser.report(parser.ref(e.mark), fmt::format("invalid YAML: {}", e.msg), true);
    return ConfigData{};
  } catch (const std::exception& e) {
    parser.report(SourceRef{display_path, "", 0, 0},
                  fmt::format("cannot read the config: {}", e.what()), true);
    return ConfigData{};
  }
  return out;
}

}  // namespace bucketlint
