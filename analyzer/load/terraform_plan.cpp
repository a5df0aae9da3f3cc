// `terraform show -json` of a plan or a state (format_version 0.x/1.x) into TerraformResources.

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "load/link.h"
#include "load/terraform.h"

namespace bucketlint {

namespace {

const JsonValue* object_at(const JsonValue* v, std::string_view key) {
  if (v == nullptr || !v->is_object()) return nullptr;
  const JsonValue* m = v->find(key);
  return m != nullptr && m->is_object() ? m : nullptr;
}

const JsonValue* array_at(const JsonValue* v, std::string_view key) {
  if (v == nullptr || !v->is_object()) return nullptr;
  const JsonValue* m = v->find(key);
  return m != nullptr && m->is_array() ? m : nullptr;
}

std::string string_at(const JsonValue* v, std::string_view key) {
  if (v == nullptr || !v->is_object()) return {};
  const JsonValue* m = v->find(key);
  return m != nullptr && m->is_string() ? std::string(m->text) : std::string();
}

// "aws_s3_bucket.b[0]" -> "aws_s3_bucket.b"; module paths likewise.
std::string without_keys(std::string_view address) {
  std::string out;
  int depth = 0;
  bool quote = false;
  for (std::size_t i = 0; i < address.size(); ++i) {
    const char c = address[i];
    if (depth > 0) {
      if (quote) {
        if (c == '\\') {
          ++i;
        } else if (c == '"') {
          quote = false;
        }
      } else if (c == '"') {
        quote = true;
      } else if (c == ']') {
        --depth;
      }
      continue;
    }
    if (c == '[') {
      ++depth;
      continue;
    }
    out.push_back(c);
  }
  return out;
}

// The resource address a configuration reference names, made absolute ("" for variables,
// locals, module outputs, count/each).
std::string reference_target(std::string_view module, std::string_view reference) {
  std::string r = without_keys(reference);
  std::vector<std::string_view> parts;
  std::string_view rest = r;
  while (!rest.empty() && parts.size() < 3) {
    const std::size_t dot = rest.find('.');
    parts.push_back(rest.substr(0, dot));
    rest = dot == std::string_view::npos ? std::string_view() : rest.substr(dot + 1);
  }
  if (parts.size() < 2) return {};
  static const std::set<std::string_view> kNotResources = {"var",   "local", "module", "each",
                                                           "count", "path",  "self",   "terraform"};
  if (kNotResources.contains(parts[0])) return {};
  std::string target;
  if (parts[0] == "data") {
    if (parts.size() < 3) return {};
    target = fmt::format("data.{}.{}", parts[1], parts[2]);
  } else {
    target = fmt::format("{}.{}", parts[0], parts[1]);
  }
  return module.empty() ? target : fmt::format("{}.{}", module, target);
}

class PlanReader {
 public:
  PlanReader(Model& model, const SourceFile& src, const JsonValue& root,
             const TerraformBinding& binding)
      : m_(model), src_(src), root_(root), binding_(binding) {}

  void read(int max_depth) {
    const JsonValue* fv = root_.find("format_version");
    const std::string_view version = fv != nullptr && fv->is_string() ? fv->text : "";
    if (!version.starts_with("0.") && !version.starts_with("1.")) {
      m_.diagnostics.push_back(
          {"IN008",
           src_.ref(fv != nullptr ? fv->offset : root_.offset, "/format_version"),
           fmt::format("Terraform JSON format_version '{}' is not supported (known: 0.x, 1.x)",
                       version),
           true,
           {}});
      return;
    }
    read_configuration();
    read_accounts();
    if (const JsonValue* changes = array_at(&root_, "resource_changes")) {
      for (std::size_t i = 0; i < changes->items.size(); ++i) read_change(changes->items[i], i);
    } else if (const JsonValue* planned = object_at(&root_, "planned_values")) {
      read_module(object_at(planned, "root_module"), "/planned_values/root_module", false);
    } else if (const JsonValue* values = object_at(&root_, "values")) {
      read_module(object_at(values, "root_module"), "/values/root_module", false);
    }
    build_terraform_model(m_, resources_, max_depth);
  }

 private:
  // ---- configuration: references between resources, provider accounts -----------------------

  void read_configuration() {
    const JsonValue* config = object_at(&root_, "configuration");
    if (config == nullptr) return;
    if (const JsonValue* providers = object_at(config, "provider_config")) {
      for (const JsonMember& p : providers->members) {
        const std::string account = provider_account(p.value);
        if (!account.empty()) provider_accounts_[std::string(p.key)] = account;
      }
    }
    config_module(object_at(config, "root_module"), "", 0);
  }

  static std::string provider_account(const JsonValue& provider) {
    const JsonValue* e = object_at(&provider, "expressions");
    if (e == nullptr) return {};
    if (const JsonValue* ids = object_at(e, "allowed_account_ids")) {
      const JsonValue* c = array_at(ids, "constant_value");
      if (c != nullptr && c->items.size() == 1 && c->items[0].is_string() &&
          is_account_id(c->items[0].text)) {
        return std::string(c->items[0].text);
      }
    }
    if (const JsonValue* ar = array_at(e, "assume_role"); ar != nullptr && !ar->items.empty()) {
      if (const JsonValue* arn = object_at(&ar->items[0], "role_arn")) {
        return principal_account(string_at(arn, "constant_value"));
      }
    }
    return {};
  }

  void config_module(const JsonValue* module, const std::string& path, int depth) {
    if (module == nullptr || depth > 32) return;
    if (const JsonValue* resources = array_at(module, "resources")) {
      for (const JsonValue& r : resources->items) {
        const std::string address = string_at(&r, "address");
        if (address.empty()) continue;
        const std::string key = path.empty() ? address : path + "." + address;
        ConfigResource& c = config_[key];
        c.provider = string_at(&r, "provider_config_key");
        if (const JsonValue* e = object_at(&r, "expressions")) {
          for (const JsonMember& m : e->members) c.configured.emplace(m.key);
          collect_refs(*e, "", path, c, 0);
        }
      }
    }
    if (const JsonValue* calls = object_at(module, "module_calls")) {
      for (const JsonMember& call : calls->members) {
        const std::string child = path.empty() ? fmt::format("module.{}", call.key)
                                               : fmt::format("{}.module.{}", path, call.key);
        config_module(object_at(&call.value, "module"), child, depth + 1);
      }
    }
  }

  struct ConfigResource {
    std::string provider;
    std::map<std::string, std::vector<std::string>> references;
    std::set<std::string> configured;
  };

  void collect_refs(const JsonValue& e, const std::string& prefix, const std::string& module,
                    ConfigResource& out, int depth) {
    if (depth > 16) return;
    for (const JsonMember& m : e.members) {
      const std::string path =
          prefix.empty() ? std::string(m.key) : prefix + "." + std::string(m.key);
      if (m.value.is_object()) {
        if (const JsonValue* refs = array_at(&m.value, "references")) {
          for (const JsonValue& r : refs->items) {
            if (!r.is_string()) continue;
            const std::string target = reference_target(module, r.text);
            if (target.empty()) continue;
            std::vector<std::string>& list = out.references[path];
            if (std::find(list.begin(), list.end(), target) == list.end()) list.push_back(target);
          }
        }
      } else if (m.value.is_array()) {  // nested blocks
        for (const JsonValue& item : m.value.items) {
          if (item.is_object()) collect_refs(item, path, module, out, depth + 1);
        }
      }
    }
  }

  // ---- accounts -------------------------------------------------------------------------------

  void caller_identities(const JsonValue* module, int depth) {
    if (module == nullptr || depth > 32) return;
    if (const JsonValue* resources = array_at(module, "resources")) {
      for (const JsonValue& r : resources->items) {
        if (string_at(&r, "type") != "aws_caller_identity") continue;
        const std::string id = string_at(object_at(&r, "values"), "account_id");
        if (is_account_id(id)) identity_accounts_.insert(id);
      }
    }
    if (const JsonValue* children = array_at(module, "child_modules")) {
      for (const JsonValue& c : children->items) caller_identities(&c, depth + 1);
    }
  }

  void read_accounts() {
    for (const char* top : {"prior_state", "planned_values"}) {
      const JsonValue* v = object_at(&root_, top);
      if (v != nullptr && std::string_view(top) == "prior_state") v = object_at(v, "values");
      caller_identities(object_at(v, "root_module"), 0);
    }
    caller_identities(object_at(object_at(&root_, "values"), "root_module"), 0);
    if (const JsonValue* changes = array_at(&root_, "resource_changes")) {
      for (const JsonValue& c : changes->items) {
        if (string_at(&c, "type") != "aws_caller_identity") continue;
        const std::string id = string_at(object_at(object_at(&c, "change"), "after"), "account_id");
        if (is_account_id(id)) identity_accounts_.insert(id);
      }
    }
    if (identity_accounts_.size() == 1) default_account_ = *identity_accounts_.begin();
    if (default_account_.empty() && provider_accounts_.size() == 1) {
      default_account_ = provider_accounts_.begin()->second;
    }
    if (!binding_.account.empty() && !default_account_.empty() &&
        default_account_ != binding_.account) {
      m_.diagnostics.push_back(
          {"IN010",
           binding_.where,
           fmt::format("the config binds '{}' to account '{}', but the plan's {} says '{}'; "
                       "'{}' is used",
                       src_.path(), binding_.account,
                       identity_accounts_.size() == 1 ? "aws_caller_identity" : "provider",
                       default_account_, default_account_),
           false,
           {}});
    }
    if (default_account_.empty()) default_account_ = binding_.account;
    if (default_account_.empty()) default_account_ = m_.default_account;
  }

  std::string account_of(const std::string& module, const std::string& address) {
    const std::string key = without_keys(address);
    auto c = config_.find(key);
    if (c != config_.end() && !c->second.provider.empty()) {
      std::string provider = c->second.provider;
      if (auto it = provider_accounts_.find(provider); it != provider_accounts_.end()) {
        return it->second;
      }
    }
    (void)module;
    return default_account_;
  }

  // ---- resources ------------------------------------------------------------------------------

  void read_change(const JsonValue& rc, std::size_t i) {
    if (!rc.is_object()) return;
    const JsonValue* change = object_at(&rc, "change");
    if (change == nullptr) return;
    bool create = false;
    bool keeps = false;
    if (const JsonValue* actions = array_at(change, "actions")) {
      for (const JsonValue& a : actions->items) {
        if (!a.is_string()) continue;
        if (a.text == "create") create = true;
        if (a.text == "create" || a.text == "update" || a.text == "no-op" || a.text == "read") {
          keeps = true;
        }
      }
    }
    if (!keeps) return;  // deleted, or nothing left after apply
    const JsonValue* after = change->find("after");
    if (after == nullptr || !after->is_object()) return;
    const std::string base = pointer_append(pointer_append("/resource_changes", i), "change");
    add(rc, *after, change->find("after_unknown"), pointer_append(base, "after"), create);
  }

  void read_module(const JsonValue* module, const std::string& pointer, bool create) {
    if (module == nullptr || ++module_depth_ > 64) return;
    if (const JsonValue* resources = array_at(module, "resources")) {
      for (std::size_t i = 0; i < resources->items.size(); ++i) {
        const JsonValue& r = resources->items[i];
        const JsonValue* values = object_at(&r, "values");
        if (values == nullptr) continue;
        add(r, *values, nullptr,
            pointer_append(pointer_append(pointer_append(pointer, "resources"), i), "values"),
            create);
      }
    }
    if (const JsonValue* children = array_at(module, "child_modules")) {
      for (std::size_t i = 0; i < children->items.size(); ++i) {
        read_module(&children->items[i],
                    pointer_append(pointer_append(pointer, "child_modules"), i), create);
      }
    }
  }

  void add(const JsonValue& r, const JsonValue& values, const JsonValue* unknown,
           std::string pointer, bool create) {
    TerraformResource t;
    t.address = string_at(&r, "address");
    t.type = string_at(&r, "type");
    t.name = string_at(&r, "name");
    t.module = string_at(&r, "module_address");
    t.data = string_at(&r, "mode") == "data";
    if (const JsonValue* index = r.find("index"); index != nullptr) {
      t.index = index->is_string() ? fmt::format("\"{}\"", index->text) : index->scalar_text();
    }
    if (t.module.empty() && t.address.starts_with("module.")) {
      // state JSON: module_address is on the module, not the resource
      const std::size_t at = t.address.rfind(".", t.address.rfind('.') - 1);
      if (at != std::string::npos) t.module = t.address.substr(0, at);
    }
    t.created = create;
    t.source = &src_;
    t.values = &values;
    t.unknown = unknown;
    t.pointer = std::move(pointer);
    t.where = src_.ref(r.offset, t.pointer.substr(0, t.pointer.rfind('/')));
    t.account = account_of(t.module, t.address);
    if (auto c = config_.find(without_keys(t.address)); c != config_.end()) {
      t.references = c->second.references;
      t.configured = c->second.configured;
      t.has_configuration = true;
    }
    resources_.push_back(std::move(t));
  }

  Model& m_;
  const SourceFile& src_;
  const JsonValue& root_;
  const TerraformBinding& binding_;
  std::vector<TerraformResource> resources_;
  std::map<std::string, ConfigResource> config_;  // module path (no keys) + "." + address
  std::map<std::string, std::string> provider_accounts_;
  std::set<std::string> identity_accounts_;
  std::string default_account_;
  int module_depth_ = 0;
};

}  // namespace

bool looks_like_terraform_plan(const JsonValue& root) {
  if (!root.is_object()) return false;
  const JsonValue* fv = root.find("format_version");
  if (fv == nullptr || !fv->is_string()) return false;
  return root.find("planned_values") != nullptr || root.find("resource_changes") != nullptr ||
         root.find("values") != nullptr || root.find("prior_state") != nullptr;
}

void read_terraform_plan(Model& model, const SourceFile& source, const JsonValue& root,
                         int max_depth, const TerraformBinding& binding) {
  PlanReader(model, source, root, binding).read(max_depth);
}

}  // namespace bucketlint
