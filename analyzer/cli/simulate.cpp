// `bucketlint simulate FILE`: one request against the policies of a JSON file (issue 3).
//
// { "request": { "principal": "...", "action": "...", "resource": "...",
//                "resourceAccount": "...", "context": {"key": "v" | ["v", ...]},
//                "unknownKeys": ["key", ...] },
//   "identityPolicies": [...], "resourcePolicy": {...}, "permissionBoundaries": [...],
//   "serviceControlPolicies": [[...], ...], "resourceControlPolicies": [[...], ...],
//   "sessionPolicy": {...},
//   "s3": { "objectOwnership": "BucketOwnerEnforced", "objectOwner": "<account>",
//           "objectAcl": <get-object-acl output>, "bucketAcl": <get-bucket-acl output> },
//   "canonicalIds": {"<account>": "<canonical ID>"}, "oaiCanonicalIds": {"<OAI ID>": "<ID>"} }

#include "bucketlint/simulate.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <vector>

#include "bucketlint/eval.h"
#include "bucketlint/json.h"
#include "bucketlint/report.h"
#include "bucketlint/source.h"
#include "load/documents.h"
#include "load/policy_builder.h"

namespace bucketlint {

namespace {

using eval::PolicySet;
using eval::Request;

class SimulateInput {
 public:
  SimulateInput(const std::string& path, const std::string& text) : source_(path, text) {}

  bool read();
  const std::vector<LoadDiagnostic>& diagnostics() const { return diags_; }
  // Any problem is fatal here: a policy evaluated with elements left out would give a wrong
  // answer.
  bool fatal() const { return !diags_.empty(); }

  Request request;
  PolicySet policies;
  eval::IdentityDirectory directory;

 private:
  void error(const JsonValue& at, const std::string& pointer, std::string message) {
    diags_.push_back({"IN009", source_.ref(at.offset, pointer), std::move(message), true, {}});
  }
  const std::string_view* string_member(const JsonValue& obj, const std::string& pointer,
                                        std::string_view key, bool required);
  const PolicyDocument* policy(const JsonValue& v, const std::string& pointer,
                               std::optional<PolicyKind> kind);
  void policy_list(const JsonValue& root, std::string_view key,
                   std::vector<const PolicyDocument*>& out);
  void level_list(const JsonValue& root, std::string_view key,
                  std::vector<std::vector<const PolicyDocument*>>& out);
  std::optional<Acl> acl(const JsonValue& v, const std::string& pointer);
  void read_request(const JsonValue& r, const std::string& pointer);
  void read_s3(const JsonValue& s, const std::string& pointer);
  void read_ids(const JsonValue& root, std::string_view key,
                std::map<std::string, std::string>& out);

  SourceFile source_;
  std::optional<JsonValue> root_;
  std::vector<std::unique_ptr<PolicyDocument>> docs_;
  std::vector<LoadDiagnostic> diags_;
  std::optional<Acl> object_acl_;
  std::optional<Acl> bucket_acl_;
};

const std::string_view* SimulateInput::string_member(const JsonValue& obj,
                                                     const std::string& pointer,
                                                     std::string_view key, bool required) {
  const JsonValue* v = obj.find(key);
  if (v == nullptr) {
    if (required) error(obj, pointer, fmt::format("missing required member '{}'", key));
    return nullptr;
  }
  if (!v->is_string()) {
    error(*v, pointer_append(pointer, key),
          fmt::format("'{}' must be a string, found {}", key, json_type_name(v->type)));
    return nullptr;
  }
  return &v->text;
}

const PolicyDocument* SimulateInput::policy(const JsonValue& v, const std::string& pointer,
                                            std::optional<PolicyKind> kind) {
  if (!v.is_object()) {
    error(v, pointer, fmt::format("a policy must be an object, found {}", json_type_name(v.type)));
    return nullptr;
  }
  const PolicyKind k = kind.value_or(classify_policy_shape(v));
  docs_.push_back(build_policy(source_, v, pointer, k, diags_));
  return docs_.back().get();
}

void SimulateInput::policy_list(const JsonValue& root, std::string_view key,
                                std::vector<const PolicyDocument*>& out) {
  const JsonValue* v = root.find(key);
  if (v == nullptr) return;
  const std::string p = pointer_append("", key);
  if (!v->is_array()) {
    error(*v, p,
          fmt::format("'{}' must be an array of policies, found {}", key, json_type_name(v->type)));
    return;
  }
  for (std::size_t i = 0; i < v->items.size(); ++i) {
    if (const PolicyDocument* d =
            policy(v->items[i], pointer_append(p, i), PolicyKind::kIdentity)) {
      out.push_back(d);
    }
  }
}

void SimulateInput::level_list(const JsonValue& root, std::string_view key,
                               std::vector<std::vector<const PolicyDocument*>>& out) {
  const JsonValue* v = root.find(key);
  if (v == nullptr) return;
  const std::string p = pointer_append("", key);
  if (!v->is_array()) {
    error(*v, p,
          fmt::format("'{}' must be an array with one array of policies per level, found {}", key,
                      json_type_name(v->type)));
    return;
  }
  for (std::size_t i = 0; i < v->items.size(); ++i) {
    const JsonValue& level = v->items[i];
    const std::string lp = pointer_append(p, i);
    if (!level.is_array()) {
      error(level, lp,
            fmt::format("each level of '{}' must be an array of policies, found {}", key,
                        json_type_name(level.type)));
      continue;
    }
    out.emplace_back();
    for (std::size_t j = 0; j < level.items.size(); ++j) {
      if (const PolicyDocument* d =
              policy(level.items[j], pointer_append(lp, j), PolicyKind::kIdentity)) {
        out.back().push_back(d);
      }
    }
  }
}

std::optional<Acl> SimulateInput::acl(const JsonValue& v, const std::string& pointer) {
  if (!v.is_object()) {
    error(v, pointer, fmt::format("an ACL must be an object, found {}", json_type_name(v.type)));
    return std::nullopt;
  }
  Acl out;
  out.where = source_.ref(v.offset, pointer);
  if (const JsonValue* owner = v.find("Owner"); owner != nullptr && owner->is_object()) {
    if (const JsonValue* id = owner->find("ID"); id != nullptr && id->is_string())
      out.owner_id = id->text;
  }
  const JsonValue* grants = v.find("Grants");
  if (grants == nullptr) return out;
  const std::string gp = pointer_append(pointer, "Grants");
  if (!grants->is_array()) {
    error(*grants, gp, "'Grants' must be an array");
    return out;
  }
  for (std::size_t i = 0; i < grants->items.size(); ++i) {
    const JsonValue& g = grants->items[i];
    const std::string ip = pointer_append(gp, i);
    if (!g.is_object()) {
      error(g, ip, "a grant must be an object");
      continue;
    }
    AclGrant grant;
    grant.where = source_.ref(g.offset, ip);
    if (const std::string_view* perm = string_member(g, ip, "Permission", true))
      grant.permission = *perm;
    const JsonValue* grantee = g.find("Grantee");
    if (grantee == nullptr || !grantee->is_object()) {
      error(g, ip, "a grant needs a 'Grantee' object");
      continue;
    }
    const std::string gep = pointer_append(ip, "Grantee");
    const std::string_view* type = string_member(*grantee, gep, "Type", true);
    if (type == nullptr) continue;
    if (*type == "CanonicalUser") {
      grant.type = GranteeType::kCanonicalUser;
      if (const std::string_view* id = string_member(*grantee, gep, "ID", true)) grant.id = *id;
    } else if (*type == "Group") {
      grant.type = GranteeType::kGroup;
      if (const std::string_view* uri = string_member(*grantee, gep, "URI", true)) grant.uri = *uri;
    } else if (*type == "AmazonCustomerByEmail") {
      grant.type = GranteeType::kEmail;
      if (const std::string_view* e = string_member(*grantee, gep, "EmailAddress", true))
        grant.email = *e;
    } else {
      error(*grantee, gep, fmt::format("unknown grantee type '{}'", *type));
      continue;
    }
    out.grants.push_back(std::move(grant));
  }
  return out;
}

void SimulateInput::read_request(const JsonValue& r, const std::string& pointer) {
  if (const std::string_view* p = string_member(r, pointer, "principal", true)) {
    if (std::optional<eval::Principal> pr = eval::parse_principal(*p)) {
      request.principal = std::move(*pr);
    } else {
      error(*r.find("principal"), pointer_append(pointer, "principal"),
            fmt::format("cannot read principal '{}': expected an ARN, a 12-digit account ID, a "
                        "service principal or \"anonymous\"",
                        *p));
    }
  }
  if (const std::string_view* a = string_member(r, pointer, "action", true)) request.action = *a;
  if (const std::string_view* res = string_member(r, pointer, "resource", true))
    request.resource = *res;
  // A resource with wildcards asks whether some resource of that set is allowed, unless
  // "resourcePattern": false says the wildcard characters are part of the name.
  request.resource_is_pattern = eval::has_resource_wildcard(request.resource);
  if (const JsonValue* rp = r.find("resourcePattern")) {
    if (rp->type == JsonType::kBool) {
      request.resource_is_pattern = rp->boolean;
    } else {
      error(*rp, pointer_append(pointer, "resourcePattern"),
            fmt::format("'resourcePattern' must be true or false, found {}",
                        json_type_name(rp->type)));
    }
  }
  if (const std::string_view* acct = string_member(r, pointer, "resourceAccount", false)) {
    request.resource_account = *acct;
  }
  if (const JsonValue* c = r.find("context")) {
    const std::string cp = pointer_append(pointer, "context");
    if (!c->is_object()) {
      error(*c, cp, fmt::format("'context' must be an object, found {}", json_type_name(c->type)));
    } else {
      for (const JsonMember& m : c->members) {
        const std::string mp = pointer_append(cp, m.key);
        if (m.value.is_array()) {
          std::vector<std::string> values;
          for (const JsonValue& item : m.value.items) {
            if (item.is_array() || item.is_object() || item.is_null()) {
              error(item, mp,
                    fmt::format("values of '{}' must be strings, numbers or booleans", m.key));
              continue;
            }
            values.push_back(item.scalar_text());
          }
          request.context.set(m.key, std::move(values));
        } else if (m.value.is_object() || m.value.is_null()) {
          error(m.value, mp,
                fmt::format("'{}' must be a string, number, boolean or an array of them", m.key));
        } else {
          request.context.set(m.key, m.value.scalar_text());
        }
      }
    }
  }
  if (const JsonValue* u = r.find("unknownKeys")) {
    const std::string up = pointer_append(pointer, "unknownKeys");
    if (!u->is_array()) {
      error(*u, up, "'unknownKeys' must be an array of condition key names");
    } else {
      for (const JsonValue& k : u->items) {
        if (k.is_string()) {
          request.context.set_unknown(k.text);
        } else {
          error(k, up, "'unknownKeys' must contain strings");
        }
      }
    }
  }
}

void SimulateInput::read_s3(const JsonValue& s, const std::string& pointer) {
  if (!s.is_object()) {
    error(s, pointer, "'s3' must be an object");
    return;
  }
  eval::S3Facts f;
  if (const std::string_view* o = string_member(s, pointer, "objectOwnership", false)) {
    if (*o == "BucketOwnerEnforced") {
      f.ownership = ObjectOwnership::kBucketOwnerEnforced;
    } else if (*o == "BucketOwnerPreferred") {
      f.ownership = ObjectOwnership::kBucketOwnerPreferred;
    } else if (*o == "ObjectWriter") {
      f.ownership = ObjectOwnership::kObjectWriter;
    } else {
      error(*s.find("objectOwnership"), pointer_append(pointer, "objectOwnership"),
            fmt::format("unknown object ownership '{}'", *o));
    }
  }
  if (const std::string_view* o = string_member(s, pointer, "objectOwner", false))
    f.object_owner_account = *o;
  if (const JsonValue* a = s.find("objectAcl"))
    object_acl_ = acl(*a, pointer_append(pointer, "objectAcl"));
  if (const JsonValue* a = s.find("bucketAcl"))
    bucket_acl_ = acl(*a, pointer_append(pointer, "bucketAcl"));
  if (object_acl_ && f.object_owner_account.empty())
    f.object_owner_canonical_id = object_acl_->owner_id;
  f.object_acl = object_acl_ ? &*object_acl_ : nullptr;
  f.bucket_acl = bucket_acl_ ? &*bucket_acl_ : nullptr;
  request.s3 = f;
}

void SimulateInput::read_ids(const JsonValue& root, std::string_view key,
                             std::map<std::string, std::string>& out) {
  const JsonValue* v = root.find(key);
  if (v == nullptr) return;
  const std::string p = pointer_append("", key);
  if (!v->is_object()) {
    error(*v, p, fmt::format("'{}' must be an object", key));
    return;
  }
  for (const JsonMember& m : v->members) {
    if (m.value.is_string()) {
      out[std::string(m.key)] = m.value.text;
    } else {
      error(m.value, pointer_append(p, m.key), fmt::format("'{}' must be a string", m.key));
    }
  }
}

bool SimulateInput::read() {
  const std::string_view body = std::string_view(source_.text()).substr(source_.content_start());
  if (body.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    diags_.push_back(
        {"IN004", source_.ref(source_.content_start(), ""), "file is empty", true, {}});
    return false;
  }
  JsonParseOptions options;
  options.start = source_.content_start();
  JsonParseResult parsed = parse_json(source_.text(), options);
  for (const JsonError& e : parsed.errors) {
    diags_.push_back({json_error_rule(e.kind), source_.ref(e.offset, ""), e.message, e.fatal, {}});
  }
  if (!parsed.value) return false;
  root_ = std::move(parsed.value);
  const JsonValue& root = *root_;
  if (!root.is_object()) {
    error(root, "",
          fmt::format("the simulate input must be an object, found {}", json_type_name(root.type)));
    return false;
  }
  static constexpr std::array<std::string_view, 10> kKnown{"request",
                                                           "identityPolicies",
                                                           "resourcePolicy",
                                                           "permissionBoundaries",
                                                           "serviceControlPolicies",
                                                           "resourceControlPolicies",
                                                           "sessionPolicy",
                                                           "s3",
                                                           "canonicalIds",
                                                           "oaiCanonicalIds"};
  for (const JsonMember& m : root.members) {
    if (std::find(kKnown.begin(), kKnown.end(), m.key) == kKnown.end()) {
      diags_.push_back({"IN009",
                        source_.ref(m.key_offset, pointer_append("", m.key)),
                        fmt::format("unknown member '{}'", m.key),
                        true,
                        {}});
    }
  }
  const JsonValue* r = root.find("request");
  if (r == nullptr) {
    error(root, "", "missing required member 'request'");
  } else if (!r->is_object()) {
    error(*r, "/request",
          fmt::format("'request' must be an object, found {}", json_type_name(r->type)));
  } else {
    read_request(*r, "/request");
  }
  policy_list(root, "identityPolicies", policies.identity_policies);
  if (const JsonValue* rp = root.find("resourcePolicy")) {
    policies.resource_policy = policy(*rp, "/resourcePolicy", std::nullopt);
  }
  policy_list(root, "permissionBoundaries", policies.permission_boundaries);
  level_list(root, "serviceControlPolicies", policies.scp_levels);
  level_list(root, "resourceControlPolicies", policies.rcp_levels);
  if (const JsonValue* sp = root.find("sessionPolicy")) {
    if (const PolicyDocument* d = policy(*sp, "/sessionPolicy", PolicyKind::kIdentity)) {
      policies.session_policies.push_back(d);
    }
  }
  if (const JsonValue* s = root.find("s3")) read_s3(*s, "/s3");
  read_ids(root, "canonicalIds", directory.account_canonical_ids);
  read_ids(root, "oaiCanonicalIds", directory.oai_canonical_ids);
  // A resource account the ARN carries (S3 ARNs carry none).
  if (request.resource_account.empty()) {
    const std::string_view res = request.resource;
    if (res.rfind("arn:", 0) == 0) {
      std::size_t pos = 0;
      for (int i = 0; i < 4 && pos != std::string_view::npos; ++i) pos = res.find(':', pos + 1);
      if (pos != std::string_view::npos) {
        const std::size_t end = res.find(':', pos + 1);
        if (end != std::string_view::npos)
          request.resource_account = std::string(res.substr(pos + 1, end - pos - 1));
      }
    }
  }
  return !fatal();
}

std::string_view applies_name(eval::Tri t, Effect effect) {
  if (effect != Effect::kAllow && effect != Effect::kDeny) return "ignored";
  if (t == eval::Tri::kUnknown) return "depends";
  if (t == eval::Tri::kFalse) return "no match";
  return effect == Effect::kDeny ? "denies" : "allows";
}

std::string_view effect_label(Effect e) {
  switch (e) {
    case Effect::kAllow: return "Allow";
    case Effect::kDeny: return "Deny";
    case Effect::kMissing: return "no Effect";
    case Effect::kInvalid: return "invalid Effect";
  }
  return "invalid Effect";
}

std::string slot_label(const eval::TraceEntry& e) {
  if (e.level >= 0) return fmt::format("{} level {}", eval::policy_slot_name(e.slot), e.level + 1);
  return std::string(eval::policy_slot_name(e.slot));
}

// One line per append; text quoted from the input is escaped (issue 10).
std::string render_text(const eval::Result& r, const std::vector<std::string>& notes) {
  EscapedText out;
  out += fmt::format("decision: {}\n", eval::decision_name(r.decision));
  for (const std::string& n : notes) out += fmt::format("note: {}\n", n);
  if (r.answer == eval::Answer::kDepends) {
    out += "answer: Depends (the decision above is for a request without the unknown keys)\n";
    for (const eval::Dependency& d : r.depends_on) {
      out += fmt::format("  depends on: {} at {}\n", d.description(), d.where);
    }
  }
  out += fmt::format("reason: {}\n", r.summary);
  out += "trace:\n";
  for (const eval::TraceEntry& e : r.trace.entries()) {
    out += fmt::format("  {}: {} {} ({}): {}: {}", e.where, slot_label(e), e.label(),
                       effect_label(e.effect), applies_name(e.applies, e.effect), e.reason());
    if (!e.where.pointer().empty()) out += fmt::format(" [{}]", e.where.pointer());
    out += "\n";
  }
  return out.str();
}

nlohmann::ordered_json ref_json(const SourceRef& r) {
  nlohmann::ordered_json j;
  j["file"] = r.file();
  j["pointer"] = r.pointer();
  j["line"] = r.line();
  j["column"] = r.column();
  return j;
}

std::string render_json(const eval::Result& r, const std::vector<std::string>& notes) {
  nlohmann::ordered_json j;
  j["decision"] = std::string(eval::decision_name(r.decision));
  j["answer"] = std::string(eval::answer_name(r.answer));
  j["reason"] = r.summary;
  j["notes"] = notes;
  nlohmann::ordered_json deps = nlohmann::ordered_json::array();
  for (const eval::Dependency& d : r.depends_on) {
    nlohmann::ordered_json dj;
    dj["condition"] = d.description();
    dj["location"] = ref_json(d.where);
    deps.push_back(std::move(dj));
  }
  j["dependsOn"] = std::move(deps);
  nlohmann::ordered_json trace = nlohmann::ordered_json::array();
  for (const eval::TraceEntry& e : r.trace.entries()) {
    nlohmann::ordered_json t;
    t["policy"] = slot_label(e);
    t["statement"] = e.label();
    t["effect"] = std::string(effect_label(e.effect));
    t["result"] = std::string(applies_name(e.applies, e.effect));
    t["reason"] = e.reason();
    t["location"] = ref_json(e.where);
    t["reasonLocation"] = ref_json(e.reason_where);
    trace.push_back(std::move(t));
  }
  j["trace"] = std::move(trace);
  return j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

}  // namespace

SimulateOutput run_simulate(const std::string& display_path, const std::string& text,
                            std::string_view format) {
  SimulateOutput out;
  if (format != "text" && format != "json") {
    out.err =
        fmt::format("bucketlint: unknown format '{}' for simulate (use text or json)\n", format);
    out.exit_code = 2;
    return out;
  }
  SimulateInput input(display_path, text);
  const bool ok = input.read();
  for (const LoadDiagnostic& d : input.diagnostics()) {
    out.err +=
        escape_for_terminal(fmt::format("{}: error: {} [{}]", d.where, d.message, d.rule_id));
    out.err += '\n';
  }
  if (!ok) {
    out.exit_code = 2;
    return out;
  }
  eval::EvalOptions options;
  options.directory = &input.directory;
  const eval::Result r = eval::evaluate(input.request, input.policies, options);
  std::vector<std::string> notes;
  if (input.request.resource_is_pattern) {
    notes.push_back(
        "the resource has wildcards: the question is whether some resource matching it is "
        "allowed (an Allow counts when it can match one of them, a Deny only when it covers them "
        "all; \"resourcePattern\": false reads the wildcards as part of the name)");
  }
  if (input.request.resource_account.empty() && input.request.principal.is_account_identity()) {
    notes.push_back(
        "no 'resourceAccount' given and the resource ARN names none; evaluated as a same-account "
        "request");
  }
  out.out = format == "json" ? render_json(r, notes) : render_text(r, notes);
  out.exit_code = r.decision == eval::Decision::kAllowed ? 0 : 1;
  return out;
}

}  // namespace bucketlint
