// `bucketlint rules --format json` and `bucketlint model --format json` (docs/data-json.md).

#include "bucketlint/data_json.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>
#include <unordered_map>

#include "bucketlint/report.h"

namespace bucketlint {

namespace {

using ordered_json = nlohmann::ordered_json;

// Text quoted from a broken document may be invalid UTF-8: replaced, never thrown.
std::string dump(const ordered_json& j) {
  return j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

ordered_json location(const SourceRef& where) {
  if (where.file().empty()) return nullptr;
  ordered_json loc = ordered_json::object();
  loc["file"] = where.file();
  loc["line"] = where.line();
  loc["column"] = where.column();
  loc["pointer"] = where.pointer();
  return loc;
}

ordered_json optional_string(const std::string& s) {
  return s.empty() ? ordered_json(nullptr) : ordered_json(s);
}

ordered_json pab_json(const std::optional<PublicAccessBlock>& p) {
  if (!p) return nullptr;
  return ordered_json{{"block_public_acls", p->block_public_acls},
                      {"ignore_public_acls", p->ignore_public_acls},
                      {"block_public_policy", p->block_public_policy},
                      {"restrict_public_buckets", p->restrict_public_buckets},
                      {"location", location(p->where)}};
}

// Replication, server access logging, website hosting and S3's policy status of a bucket.
void bucket_settings_json(const Bucket& b, ordered_json& j) {
  j["region"] = optional_string(b.region);
  if (b.replication) {
    ordered_json rules = ordered_json::array();
    for (const ReplicationRule& r : b.replication->rules) {
      rules.push_back(ordered_json{{"id", optional_string(r.id)},
                                   {"enabled", r.enabled},
                                   {"destination_bucket", optional_string(r.destination_bucket)},
                                   {"destination_account", optional_string(r.destination_account)},
                                   {"owner_override", r.owner_override},
                                   {"location", location(r.where)}});
    }
    j["replication"] = ordered_json{{"role", optional_string(b.replication->role_arn)},
                                    {"rules", std::move(rules)},
                                    {"location", location(b.replication->where)}};
  } else {
    j["replication"] = nullptr;
  }
  if (b.logging) {
    j["logging"] = ordered_json{{"target_bucket", optional_string(b.logging->target_bucket)},
                                {"target_prefix", b.logging->target_prefix},
                                {"target_grants", b.logging->has_target_grants},
                                {"location", location(b.logging->where)}};
  } else {
    j["logging"] = nullptr;
  }
  if (b.website) {
    j["website"] = ordered_json{{"index_document", optional_string(b.website->index_document)},
                                {"error_document", optional_string(b.website->error_document)},
                                {"redirect_all_to", optional_string(b.website->redirect_all_to)},
                                {"routing_rules", b.website->routing_rules},
                                {"location", location(b.website->where)}};
  } else {
    j["website"] = nullptr;
  }
  j["policy_status"] = b.policy_status
                           ? ordered_json{{"is_public", b.policy_status->is_public},
                                          {"location", location(b.policy_status->where)}}
                           : ordered_json(nullptr);
}

std::string_view effect_name(Effect e) {
  switch (e) {
    case Effect::kAllow: return "Allow";
    case Effect::kDeny: return "Deny";
    case Effect::kMissing: return "missing";
    case Effect::kInvalid: return "invalid";
  }
  return "invalid";
}

std::string_view ownership_source_name(OwnershipSetting::Source s) {
  switch (s) {
    case OwnershipSetting::Source::kNone: return "none";
    case OwnershipSetting::Source::kDocument: return "document";
    case OwnershipSetting::Source::kNotFoundError: return "not-found-error";
    case OwnershipSetting::Source::kConfig: return "config";
    case OwnershipSetting::Source::kTemplateDefault: return "template-default";
    case OwnershipSetting::Source::kCreated: return "created-default";
  }
  return "none";
}

std::string_view grantee_type_name(GranteeType t) {
  switch (t) {
    case GranteeType::kCanonicalUser: return "CanonicalUser";
    case GranteeType::kGroup: return "Group";
    case GranteeType::kEmail: return "AmazonCustomerByEmail";
    case GranteeType::kUnknown: return "unknown";
  }
  return "unknown";
}

std::string_view policy_kind_id(PolicyKind k) {
  switch (k) {
    case PolicyKind::kBucket: return "bucket-policy";
    case PolicyKind::kResource: return "resource-policy";
    case PolicyKind::kTrust: return "trust-policy";
    case PolicyKind::kIdentity: return "identity-policy";
    case PolicyKind::kKey: return "key-policy";
    case PolicyKind::kAccessPoint: return "access-point-policy";
  }
  return "identity-policy";
}

ordered_json string_list(const StringListElement& e) {
  if (!e.present) return nullptr;
  ordered_json out = ordered_json::object();
  out["not"] = e.is_not;
  ordered_json values = ordered_json::array();
  for (const LocatedString& v : e.values) values.push_back(std::string(v.value));
  out["values"] = std::move(values);
  return out;
}

ordered_json statement_json(const Statement& s) {
  ordered_json out = ordered_json::object();
  out["sid"] = s.sid ? ordered_json(std::string(s.sid->value)) : ordered_json(nullptr);
  out["effect"] = effect_name(s.effect);
  if (s.principal.present) {
    ordered_json p = ordered_json::object();
    p["not"] = s.principal.is_not;
    ordered_json values = ordered_json::array();
    for (const PrincipalValue& v : s.principal.values) {
      values.push_back(ordered_json{{"type", v.type}, {"value", v.value}});
    }
    p["values"] = std::move(values);
    out["principal"] = std::move(p);
  } else {
    out["principal"] = nullptr;
  }
  out["action"] = string_list(s.action);
  out["resource"] = string_list(s.resource);
  ordered_json conditions = ordered_json::array();
  for (const ConditionEntry& c : s.conditions) {
    ordered_json values = ordered_json::array();
    for (const ConditionValue& v : c.values) values.push_back(v.text);
    conditions.push_back(
        ordered_json{{"operator", c.op}, {"key", c.key}, {"values", std::move(values)}});
  }
  out["conditions"] = std::move(conditions);
  out["location"] = location(s.where);
  return out;
}

ordered_json acl_json(const Acl& acl) {
  ordered_json grants = ordered_json::array();
  for (const AclGrant& g : acl.grants) {
    ordered_json grant = ordered_json::object();
    grant["type"] = grantee_type_name(g.type);
    grant["id"] = optional_string(g.id);
    grant["uri"] = optional_string(g.uri);
    grant["email"] = optional_string(g.email);
    grant["permission"] = g.permission;
    grant["location"] = location(g.where);
    grants.push_back(std::move(grant));
  }
  ordered_json out = ordered_json::object();
  out["owner"] = optional_string(acl.owner_id);
  out["grants"] = std::move(grants);
  out["location"] = location(acl.where);
  return out;
}

}  // namespace

RuleFamily rule_family(std::string_view rule_id) {
  RuleFamily family;
  family.id = std::string(rule_id.substr(0, 2));
  const bool catalogue = rule_id.size() >= 3 && rule_id[2] == '1';
  if (family.id == "AC") {
    family.name = "acl";
    family.tags = {"s3", "acl"};
  } else if (family.id == "CF") {
    family.name = "cloudfront";
    family.tags = {"cloudfront", "s3", "origin-access"};
  } else if (family.id == "IN") {
    family.name = "input";
    family.tags = {"input"};
  } else if (family.id == "OW") {
    family.name = "ownership";
    family.tags = {"s3", "object-ownership", "cross-account"};
  } else if (family.id == "PA") {
    family.name = "public-access";
    family.tags = {"s3", "public-access", "block-public-access"};
  } else if (family.id == "PL") {
    family.name = "policy";
    family.tags = {"iam", "policy", catalogue ? "catalogue" : "grammar"};
  } else if (family.id == "TR") {
    family.name = "trust";
    family.tags = {"iam", "trust-policy", "cross-account"};
  } else {
    family.name = family.id;
  }
  return family;
}

std::string rules_json(const std::vector<std::unique_ptr<Rule>>& rules) {
  ordered_json list = ordered_json::array();
  for (const auto& rule : rules) {
    const RuleInfo& info = rule->info();
    const RuleFamily family = rule_family(info.id);
    ordered_json r = ordered_json::object();
    r["id"] = info.id;
    r["name"] = info.name;
    r["severity"] = severity_name(info.default_severity);
    r["stability"] = stability_name(info.stability);
    r["family"] = family.id;
    r["family_name"] = family.name;
    r["tags"] = family.tags;
    r["summary"] = info.summary;
    r["remediation"] = info.remediation;
    r["doc_path"] = fmt::format("docs/rules/{}.md", info.id);
    r["doc_url"] = rule_doc_url(info.id);
    list.push_back(std::move(r));
  }
  ordered_json out = ordered_json::object();
  out["schema_version"] = kDataJsonSchemaVersion;
  out["tool"] = ordered_json{{"name", "bucketlint"}, {"version", BUCKETLINT_VERSION}};
  out["rules"] = std::move(list);
  return dump(out);
}

std::string model_json(const Model& model) {
  // Policies are listed once and referred to by their index in "policies".
  std::unordered_map<const PolicyDocument*, std::size_t> policy_index;
  ordered_json policies = ordered_json::array();
  for (const auto& p : model.policies) {
    policy_index.emplace(p.get(), policies.size());
    ordered_json j = ordered_json::object();
    j["kind"] = policy_kind_id(p->kind);
    j["label"] = p->label();
    j["account"] = optional_string(p->account_id);
    j["bucket"] = optional_string(p->bucket);
    j["role"] = optional_string(p->role_arn);
    j["user"] = optional_string(p->user_arn);
    j["name"] = optional_string(p->name);
    j["version"] =
        p->version ? ordered_json(std::string(p->version->value)) : ordered_json(nullptr);
    ordered_json statements = ordered_json::array();
    for (const Statement& s : p->statements) statements.push_back(statement_json(s));
    j["statements"] = std::move(statements);
    j["location"] = location(p->where);
    policies.push_back(std::move(j));
  }
  const auto ref = [&](const PolicyDocument* p) -> ordered_json {
    if (p == nullptr) return nullptr;
    const auto it = policy_index.find(p);
    return it == policy_index.end() ? ordered_json(nullptr) : ordered_json(it->second);
  };
  const auto refs = [&](const std::vector<const PolicyDocument*>& list) {
    ordered_json out = ordered_json::array();
    for (const PolicyDocument* p : list) out.push_back(ref(p));
    return out;
  };

  ordered_json out = ordered_json::object();
  out["schema_version"] = kDataJsonSchemaVersion;
  out["tool"] = ordered_json{{"name", "bucketlint"}, {"version", BUCKETLINT_VERSION}};
  out["has_context"] = model.has_context;
  out["default_account"] = optional_string(model.default_account);
  out["trusted_accounts"] = model.trusted_accounts_configured ? ordered_json(model.trusted_accounts)
                                                              : ordered_json(nullptr);

  ordered_json accounts = ordered_json::array();
  for (const Account& a : model.accounts) {
    accounts.push_back(ordered_json{{"id", a.id},
                                    {"name", optional_string(a.name)},
                                    {"canonical_id", optional_string(a.canonical_id)},
                                    {"public_access_block", pab_json(a.public_access_block)},
                                    {"location", location(a.where)}});
  }
  out["accounts"] = std::move(accounts);
  if (const Organization& org = model.organization; !org.id.empty() || org.accounts_listed) {
    out["organization"] = ordered_json{
        {"id", optional_string(org.id)},
        {"management_account", optional_string(org.management_account)},
        {"accounts", org.accounts_listed ? ordered_json(org.accounts) : ordered_json(nullptr)},
        {"location", location(org.where)}};
  } else {
    out["organization"] = nullptr;
  }

  ordered_json buckets = ordered_json::array();
  for (const Bucket& b : model.buckets) {
    ordered_json j = ordered_json::object();
    j["name"] = b.name;
    j["account"] = optional_string(b.account_id);
    ordered_json ownership = ordered_json::object();
    ownership["setting"] = b.ownership.known()
                               ? ordered_json(object_ownership_name(b.ownership.value))
                               : ordered_json(nullptr);
    ownership["effective"] = object_ownership_name(b.ownership.effective());
    ownership["source"] = ownership_source_name(b.ownership.source);
    ownership["location"] = location(b.ownership.where);
    j["ownership"] = std::move(ownership);
    j["policy"] = ref(b.policy);
    j["acl"] = b.acl ? acl_json(*b.acl) : ordered_json(nullptr);
    j["public_access_block"] = pab_json(b.public_access_block);
    if (b.encryption) {
      j["encryption"] = ordered_json{{"algorithm", b.encryption->algorithm},
                                     {"kms_key_id", optional_string(b.encryption->kms_key_id)},
                                     {"bucket_key_enabled", b.encryption->bucket_key_enabled},
                                     {"location", location(b.encryption->where)}};
    } else {
      j["encryption"] = nullptr;
    }
    ordered_json object_acls = ordered_json::array();
    for (const ObjectAcl& o : b.object_acls) {
      object_acls.push_back(ordered_json{{"key", o.key}, {"acl", acl_json(o.acl)}});
    }
    j["object_acls"] = std::move(object_acls);
    if (b.has_listing) {
      ordered_json objects = ordered_json::array();
      for (const ObjectEntry& e : b.objects) {
        objects.push_back(ordered_json{{"key", e.key},
                                       {"owner", optional_string(e.owner_id)},
                                       {"location", location(e.where)}});
      }
      j["objects"] = std::move(objects);
    } else {
      j["objects"] = nullptr;
    }
    bucket_settings_json(b, j);
    j["location"] = location(b.where);
    buckets.push_back(std::move(j));
  }
  out["buckets"] = std::move(buckets);

  ordered_json roles = ordered_json::array();
  for (const Role& r : model.roles) {
    ordered_json attached = ordered_json::array();
    for (const LocatedString& a : r.attached_policy_arns) attached.push_back(std::string(a.value));
    roles.push_back(ordered_json{{"arn", r.arn},
                                 {"account", optional_string(r.account_id)},
                                 {"name", optional_string(r.name)},
                                 {"role_id", optional_string(r.role_id)},
                                 {"trust_policy", ref(r.trust_policy)},
                                 {"permission_policies", refs(r.permission_policies)},
                                 {"attached_policy_arns", std::move(attached)},
                                 {"permissions_boundary", ref(r.permissions_boundary)},
                                 {"location", location(r.where)}});
  }
  out["roles"] = std::move(roles);

  ordered_json users = ordered_json::array();
  for (const User& u : model.users) {
    users.push_back(ordered_json{{"arn", u.arn},
                                 {"account", optional_string(u.account_id)},
                                 {"name", optional_string(u.name)},
                                 {"policies", refs(u.policies)},
                                 {"location", location(u.where)}});
  }
  out["users"] = std::move(users);

  ordered_json distributions = ordered_json::array();
  for (const Distribution& d : model.distributions) {
    ordered_json origins = ordered_json::array();
    for (const Origin& o : d.origins) {
      origins.push_back(ordered_json{{"id", o.id},
                                     {"domain_name", o.domain_name},
                                     {"bucket", optional_string(o.bucket)},
                                     {"s3", o.is_s3},
                                     {"website_endpoint", o.is_website_endpoint},
                                     {"oai", optional_string(o.oai_id)},
                                     {"oac", optional_string(o.oac_id)},
                                     {"location", location(o.where)}});
    }
    distributions.push_back(ordered_json{{"id", d.id},
                                         {"account", optional_string(d.account_id)},
                                         {"arn", optional_string(d.arn)},
                                         {"origins", std::move(origins)},
                                         {"location", location(d.where)}});
  }
  out["distributions"] = std::move(distributions);

  ordered_json oais = ordered_json::array();
  for (const OriginAccessIdentity& o : model.oais) {
    oais.push_back(ordered_json{{"id", o.id},
                                {"canonical_user_id", optional_string(o.canonical_user_id)},
                                {"account", optional_string(o.account_id)},
                                {"arn", o.arn()},
                                {"location", location(o.where)}});
  }
  out["origin_access_identities"] = std::move(oais);

  ordered_json oacs = ordered_json::array();
  for (const OriginAccessControl& o : model.oacs) {
    oacs.push_back(ordered_json{{"id", o.id},
                                {"name", optional_string(o.name)},
                                {"signing_behavior", optional_string(o.signing_behavior)},
                                {"signing_protocol", optional_string(o.signing_protocol)},
                                {"origin_type", optional_string(o.origin_type)},
                                {"account", optional_string(o.account_id)},
                                {"location", location(o.where)}});
  }
  out["origin_access_controls"] = std::move(oacs);

  ordered_json keys = ordered_json::array();
  for (const KmsKey& k : model.kms_keys) {
    keys.push_back(ordered_json{{"id", k.id},
                                {"account", optional_string(k.account_id)},
                                {"policy", ref(k.policy)},
                                {"location", location(k.where)}});
  }
  out["kms_keys"] = std::move(keys);

  ordered_json points = ordered_json::array();
  for (const AccessPoint& a : model.access_points) {
    points.push_back(ordered_json{{"name", a.name},
                                  {"arn", optional_string(a.arn)},
                                  {"bucket", optional_string(a.bucket)},
                                  {"bucket_account", optional_string(a.bucket_account)},
                                  {"account", optional_string(a.account_id)},
                                  {"region", optional_string(a.region)},
                                  {"network_origin", optional_string(a.network_origin)},
                                  {"public_access_block", pab_json(a.public_access_block)},
                                  {"policy", ref(a.policy)},
                                  {"location", location(a.where)}});
  }
  out["access_points"] = std::move(points);

  ordered_json deliveries = ordered_json::array();
  for (const LogDelivery& d : model.log_deliveries) {
    deliveries.push_back(ordered_json{{"kind", log_delivery_kind_id(d.kind)},
                                      {"name", optional_string(d.name)},
                                      {"arn", optional_string(d.arn)},
                                      {"account", optional_string(d.account_id)},
                                      {"region", optional_string(d.region)},
                                      {"bucket", d.bucket},
                                      {"prefix", d.prefix},
                                      {"location", location(d.where)}});
  }
  out["log_deliveries"] = std::move(deliveries);

  ordered_json loose = ordered_json::array();
  for (const LooseAcl& l : model.loose_acls) {
    loose.push_back(ordered_json{{"kind", document_kind_name(l.kind)}, {"acl", acl_json(l.acl)}});
  }
  out["loose_acls"] = std::move(loose);
  out["policies"] = std::move(policies);

  ordered_json diagnostics = ordered_json::array();
  for (const LoadDiagnostic& d : model.diagnostics) {
    diagnostics.push_back(ordered_json{{"rule_id", d.rule_id},
                                       {"message", d.message},
                                       {"incomplete", d.incomplete},
                                       {"location", location(d.where)}});
  }
  out["diagnostics"] = std::move(diagnostics);
  return dump(out);
}

}  // namespace bucketlint
