// Terraform resources (from a plan, a state or .tf source) into model entities.

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <iterator>
#include <map>
#include <optional>
#include <set>

#include "load/canned_acl.h"
#include "load/documents.h"
#include "load/link.h"
#include "load/policy_builder.h"
#include "load/terraform.h"

namespace bucketlint {

namespace {

// A value of a resource with its unknown marker beside it (the plan's after_unknown).
struct Val {
  const JsonValue* v = nullptr;
  const JsonValue* u = nullptr;
  std::string pointer;

  Val at(std::string_view key) const {
    Val out;
    if (v != nullptr && v->is_object()) out.v = v->find(key);
    if (u != nullptr && u->is_object()) out.u = u->find(key);
    if (u != nullptr && u->is_bool()) out.u = u;  // a whole unknown block
    out.pointer = pointer_append(pointer, key);
    return out;
  }
  Val at(std::size_t i) const {
    Val out;
    if (v != nullptr && v->is_array() && i < v->items.size()) out.v = &v->items[i];
    if (u != nullptr && u->is_array() && i < u->items.size()) out.u = &u->items[i];
    if (u != nullptr && u->is_bool()) out.u = u;
    out.pointer = pointer_append(pointer, i);
    return out;
  }
  std::size_t size() const { return v != nullptr && v->is_array() ? v->items.size() : 0; }
  bool unknown() const {
    return u != nullptr && u->is_bool() && u->boolean && (v == nullptr || v->is_null());
  }
  const JsonValue* str() const { return v != nullptr && v->is_string() ? v : nullptr; }
  std::string text() const { return v != nullptr && v->is_string() ? std::string(v->text) : ""; }
  bool boolean() const { return v != nullptr && v->is_bool() && v->boolean; }
};

constexpr std::string_view kOaiPathPrefix = "origin-access-identity/cloudfront/";

std::string strip_index(std::string_view address) {
  // "module.a[0].aws_x.b["k"]" -> "module.a.aws_x.b" (brackets may hold quoted keys with dots)
  std::string out;
  bool in_bracket = false;
  bool in_quote = false;
  for (std::size_t i = 0; i < address.size(); ++i) {
    const char c = address[i];
    if (in_bracket) {
      if (in_quote) {
        if (c == '\\') {
          ++i;
        } else if (c == '"') {
          in_quote = false;
        }
      } else if (c == '"') {
        in_quote = true;
      } else if (c == ']') {
        in_bracket = false;
      }
      continue;
    }
    if (c == '[') {
      in_bracket = true;
      continue;
    }
    out.push_back(c);
  }
  return out;
}

class TerraformBuilder {
 public:
  TerraformBuilder(Model& model, std::vector<TerraformResource>& resources, int max_depth)
      : m_(model), res_(resources), max_depth_(max_depth) {
    for (std::size_t i = 0; i < m_.buckets.size(); ++i) bucket_by_name_[m_.buckets[i].name] = i;
    for (std::size_t i = 0; i < m_.roles.size(); ++i) role_by_arn_[m_.roles[i].arn] = i;
    for (std::size_t i = 0; i < res_.size(); ++i) {
      by_address_[strip_index(res_[i].address)].push_back(i);
    }
  }

  void build() {
    // Entities first, then what attaches to them.
    for_type("aws_s3_bucket", [&](std::size_t i) { bucket(i); });
    for_type("aws_cloudfront_origin_access_identity", [&](std::size_t i) { oai(i); });
    for_type("aws_cloudfront_origin_access_control", [&](std::size_t i) { oac(i); });
    for_type("aws_iam_policy", [&](std::size_t i) { managed_policy(i); });
    for_type("aws_iam_role", [&](std::size_t i) { role(i); });
    for_type("aws_iam_user", [&](std::size_t i) { user(i); });
    for_type("aws_kms_key", [&](std::size_t i) { kms_key(i); });
    for_type("aws_s3_bucket_policy", [&](std::size_t i) { bucket_policy(i); });
    for_type("aws_s3_bucket_ownership_controls", [&](std::size_t i) { ownership(i); });
    for_type("aws_s3_bucket_acl", [&](std::size_t i) { bucket_acl(i); });
    for_type("aws_s3_bucket_public_access_block", [&](std::size_t i) { public_access_block(i); });
    for_type("aws_s3_bucket_server_side_encryption_configuration",
             [&](std::size_t i) { encryption(i); });
    for_type("aws_iam_role_policy", [&](std::size_t i) { role_policy(i); });
    for_type("aws_iam_role_policy_attachment", [&](std::size_t i) { role_attachment(i); });
    for_type("aws_iam_user_policy", [&](std::size_t i) { user_policy(i); });
    for_type("aws_iam_user_policy_attachment", [&](std::size_t i) { user_attachment(i); });
    for_type("aws_cloudfront_distribution", [&](std::size_t i) { distribution(i); });
    for_type("aws_kms_key_policy", [&](std::size_t i) { kms_key_policy(i); });
    for_type("aws_s3_bucket_replication_configuration",
             [&](std::size_t i) { replication_resource(i); });
    for_type("aws_s3_bucket_logging", [&](std::size_t i) { logging_resource(i); });
    for_type("aws_s3_bucket_website_configuration", [&](std::size_t i) { website_resource(i); });
    for_type("aws_s3_access_point", [&](std::size_t i) { access_point(i); });
    for_type("aws_s3control_access_point_policy", [&](std::size_t i) { access_point_policy(i); });
    for_type("aws_s3_account_public_access_block",
             [&](std::size_t i) { account_public_access_block(i); });
    for_type("aws_flow_log", [&](std::size_t i) { log_delivery(i); });
    for_type("aws_cloudtrail", [&](std::size_t i) { log_delivery(i); });
    for_type("aws_lb", [&](std::size_t i) { log_delivery(i); });
    for_type("aws_alb", [&](std::size_t i) { log_delivery(i); });
    // Policies of other services: linted on their own (PL rules), not linked to entities.
    static constexpr std::array<std::pair<std::string_view, std::string_view>, 20> kOther{{
        {"aws_iam_group_policy", "policy"},
        {"aws_sns_topic", "policy"},
        {"aws_sns_topic_policy", "policy"},
        {"aws_sqs_queue", "policy"},
        {"aws_sqs_queue_policy", "policy"},
        {"aws_ecr_repository_policy", "policy"},
        {"aws_backup_vault_policy", "policy"},
        {"aws_opensearch_domain_policy", "access_policies"},
        {"aws_elasticsearch_domain_policy", "access_policies"},
        {"aws_kinesis_resource_policy", "policy"},
        {"aws_dynamodb_resource_policy", "policy"},
        {"aws_codeartifact_domain_permissions_policy", "policy_document"},
        {"aws_codeartifact_repository_permissions_policy", "policy_document"},
        {"aws_api_gateway_rest_api_policy", "policy"},
        {"aws_secretsmanager_secret_policy", "policy"},
        {"aws_glacier_vault", "access_policy"},
        {"aws_s3tables_table_bucket_policy", "resource_policy"},
        {"aws_s3tables_table_policy", "resource_policy"},
    }};
    for (const auto& [type, attribute] : kOther) {
      const std::string attr(attribute);
      const bool identity = type == "aws_iam_group_policy";
      for_type(type, [&](std::size_t i) {
        const Val v = root(i).at(attr);
        if (v.v == nullptr || v.v->is_null()) return;
        if (res_[i].has_configuration && !res_[i].configured.contains(attr) && !v.str()) return;
        policy(i, v, identity ? PolicyKind::kIdentity : PolicyKind::kResource);
      });
    }
    // Buckets this input creates without ownership controls get the default for new buckets;
    // a bucket already in the state keeps what it had (unknown here).
    for (const auto& [index, res] : bucket_res_) {
      Bucket& b = m_.buckets[index];
      if (b.ownership.source != OwnershipSetting::Source::kNone) continue;
      if (res_[res].predates_2023) {
        // The config says the bucket was created before April 2023: no ownership controls
        // then meant ObjectWriter, as for a snapshot without them.
        b.ownership = {ObjectOwnership::kObjectWriter, OwnershipSetting::Source::kNotFoundError,
                       res_[res].where};
      } else if (res_[res].created) {
        b.ownership = {ObjectOwnership::kBucketOwnerEnforced, OwnershipSetting::Source::kCreated,
                       res_[res].where};
      }
    }
  }

 private:
  template <typename F>
  void for_type(std::string_view type, F&& f) {
    for (std::size_t i = 0; i < res_.size(); ++i) {
      if (!res_[i].data && res_[i].type == type && res_[i].values != nullptr &&
          res_[i].values->is_object()) {
        f(i);
      }
    }
  }

  Val root(std::size_t i) const { return Val{res_[i].values, res_[i].unknown, res_[i].pointer}; }

  SourceRef ref(std::size_t i, const Val& v) const {
    const JsonValue* at = v.v != nullptr ? v.v : res_[i].values;
    return res_[i].source->ref(at->offset, v.v != nullptr ? v.pointer : res_[i].pointer);
  }

  // The resource of `type` an attribute refers to: by its expression's references, else by
  // a known value matched with `match`.
  template <typename Match>
  std::optional<std::size_t> target(std::size_t i, const std::string& attr, std::string_view type,
                                    Match&& match) {
    const TerraformResource& r = res_[i];
    if (auto it = r.references.find(attr); it != r.references.end()) {
      for (const std::string& address : it->second) {
        // "module.m.aws_s3_bucket.site": the type is the segment before the name.
        const std::size_t last = address.rfind('.');
        if (last == std::string::npos || last == 0) continue;
        const std::size_t prev = address.rfind('.', last - 1);
        const std::size_t start = prev == std::string::npos ? 0 : prev + 1;
        if (std::string_view(address).substr(start, last - start) != type) continue;
        auto found = by_address_.find(address);
        if (found == by_address_.end()) continue;
        if (found->second.size() == 1) return found->second.front();
        for (const std::size_t j : found->second) {
          if (res_[j].index == r.index) return j;
        }
      }
    }
    for (std::size_t j = 0; j < res_.size(); ++j) {
      if (res_[j].type == type && !res_[j].data && match(j)) return j;
    }
    return std::nullopt;
  }

  // A policy attribute: an object (from .tf source) or a JSON string (plan). nullptr when
  // absent, unknown (`unknown` set) or unreadable (diagnostics given).
  PolicyDocument* policy(std::size_t i, const Val& v, PolicyKind kind, bool* unknown = nullptr) {
    if (unknown != nullptr) *unknown = v.unknown();
    if (v.v == nullptr || v.v->is_null()) return nullptr;
    const SourceFile& src = *res_[i].source;
    const JsonValue* tree = v.v;
    if (v.v->is_string()) {
      if (v.v->text.find_first_not_of(" \t\r\n") == std::string_view::npos) return nullptr;
      std::string decoded;
      std::vector<std::uint32_t> map;
      const bool in_file = res_[i].pointer.empty() ? false : true;
      if (!in_file || !decode_string_literal(src.text(), v.v->offset, decoded, map)) {
        decoded = v.v->text;
        map.assign(decoded.size() + 1, v.v->offset);
      }
      JsonParseOptions options;
      options.max_depth = max_depth_;
      options.offset_map = &map;
      JsonParseResult parsed = parse_json(decoded, options);
      for (const JsonError& e : parsed.errors) {
        m_.diagnostics.push_back(
            {json_error_rule(e.kind),
             src.ref(e.offset, v.pointer),
             fmt::format("in the policy of {}: {}", res_[i].address, e.message),
             e.fatal,
             {}});
      }
      if (!parsed.value) return nullptr;
      m_.trees.push_back(std::make_unique<JsonValue>(std::move(*parsed.value)));
      tree = m_.trees.back().get();
    }
    if (!tree->is_object()) {
      m_.diagnostics.push_back({"IN009",
                                ref(i, v),
                                fmt::format("the policy of {} must be a JSON object, found {}",
                                            res_[i].address, json_type_name(tree->type)),
                                false,
                                {}});
      return nullptr;
    }
    m_.policies.push_back(build_policy(src, *tree, v.pointer, kind, m_.diagnostics));
    PolicyDocument* p = m_.policies.back().get();
    p->account_id = res_[i].account;
    p->name = res_[i].address;
    return p;
  }

  void unknown_until_apply(std::size_t i, const Val& v, const std::string& what,
                           const std::string& assumed) {
    // The attribute path ("policy", "rule.object_ownership") from the JSON pointer.
    std::string path;
    for (std::size_t at = res_[i].pointer.size(); at < v.pointer.size();) {
      const std::size_t next = v.pointer.find('/', at + 1);
      const std::string token =
          v.pointer.substr(at + 1, next == std::string::npos ? std::string::npos : next - at - 1);
      if (!token.empty() && token.find_first_not_of("0123456789") != std::string::npos) {
        path += (path.empty() ? "" : ".") + token;
      }
      if (next == std::string::npos) break;
      at = next;
    }
    const auto reason = res_[i].unknown_reasons.find(path);
    const std::string when =
        reason != res_[i].unknown_reasons.end()
            ? fmt::format("cannot be worked out from the source ({})", reason->second)
            : std::string("is known only after apply");
    m_.diagnostics.push_back({"IN012",
                              ref(i, v),
                              fmt::format("{} of {} {}; {}", what, res_[i].address, when, assumed),
                              false,
                              {}});
  }

  // ---- S3 -------------------------------------------------------------------------------------

  void bucket(std::size_t i) {
    const Val v = root(i);
    std::string name = v.at("bucket").text();
    if (name.empty()) name = res_[i].address;  // named at apply (bucket_prefix or generated)
    auto [it, added] = bucket_by_name_.try_emplace(name, m_.buckets.size());
    if (added) {
      Bucket b;
      b.name = name;
      b.account_id = res_[i].account;
      b.where = res_[i].where;
      m_.buckets.push_back(std::move(b));
    }
    const std::size_t index = it->second;
    bucket_of_res_[i] = index;
    bucket_res_[index] = i;
    if (m_.buckets[index].account_id.empty()) m_.buckets[index].account_id = res_[i].account;
    // The older inline arguments of aws_s3_bucket.
    bool unknown = false;
    if (PolicyDocument* p = policy(i, v.at("policy"), PolicyKind::kBucket, &unknown)) {
      attach_bucket_policy(index, p, i);
    } else if (unknown && (!res_[i].has_configuration || res_[i].configured.contains("policy"))) {
      unknown_until_apply(i, v.at("policy"), "the inline bucket policy",
                          fmt::format("'{}' was analysed as if it had no bucket policy", name));
    }
    if (const JsonValue* acl = v.at("acl").str()) {
      if (auto a = canned_bucket_acl(acl->text, ref(i, v.at("acl")))) m_.buckets[index].acl = *a;
    }
    const Val grants = v.at("grant");
    if (grants.size() > 0) m_.buckets[index].acl = grant_acl(i, grants, "id", "uri", "type");
    // Older inline blocks: website, logging, replication_configuration.
    if (const Val site = v.at("website").at(0); site.v != nullptr && site.v->is_object()) {
      WebsiteConfiguration w;
      w.where = ref(i, site);
      w.index_document = site.at("index_document").text();
      w.error_document = site.at("error_document").text();
      w.redirect_all_to = site.at("redirect_all_requests_to").text();
      m_.buckets[index].website = std::move(w);
    }
    if (const Val log = v.at("logging").at(0); log.v != nullptr && log.v->is_object()) {
      m_.buckets[index].logging = logging_of(i, log, "logging.target_bucket");
    }
    if (const Val rc = v.at("replication_configuration").at(0);
        rc.v != nullptr && rc.v->is_object()) {
      m_.buckets[index].replication =
          replication_of(i, rc, "rules", "account_id", "replication_configuration.rules");
    }
  }

  // ---- replication, logging, website, access points --------------------------------------------

  // The name of the bucket an attribute names: its text ("name" or an S3 ARN), else the
  // aws_s3_bucket of this input its expression refers to.
  std::string bucket_named(std::size_t i, const Val& v, const std::string& attr) {
    const std::string full = v.text();
    std::string_view text = full;
    if (const std::size_t at = text.find(":s3:::"); at != std::string_view::npos) {
      text.remove_prefix(at + 6);
    }
    std::string name(text.substr(0, text.find('/')));
    if (!name.empty()) return name;
    if (auto j = target(i, attr, "aws_s3_bucket", [](std::size_t) { return false; })) {
      if (auto it = bucket_of_res_.find(*j); it != bucket_of_res_.end()) {
        return m_.buckets[it->second].name;
      }
    }
    return {};
  }

  LoggingConfiguration logging_of(std::size_t i, const Val& log, const std::string& attr) {
    LoggingConfiguration l;
    l.where = ref(i, log);
    const Val target_bucket = log.at("target_bucket");
    l.target_bucket = bucket_named(i, target_bucket, attr);
    l.target_where = ref(i, target_bucket);
    l.target_prefix = log.at("target_prefix").text();
    l.has_target_grants = log.at("target_grant").size() > 0;
    return l;
  }

  // `rules_key` "rule" (aws_s3_bucket_replication_configuration) or "rules" (inline);
  // `account_key` "account" or "account_id".
  ReplicationConfiguration replication_of(std::size_t i, const Val& rc, std::string_view rules_key,
                                          std::string_view account_key,
                                          const std::string& rules_attr) {
    ReplicationConfiguration config;
    config.where = ref(i, rc);
    config.role_arn = rc.at("role").text();
    if (config.role_arn.empty()) {
      if (auto j = target(i, "role", "aws_iam_role", [](std::size_t) { return false; })) {
        config.role_arn = root(*j).at("arn").text();
        if (config.role_arn.empty() && !res_[*j].account.empty()) {
          config.role_arn =
              fmt::format("arn:aws:iam::{}:role/{}", res_[*j].account, root(*j).at("name").text());
        }
      }
    }
    const Val rules = rc.at(rules_key);
    for (std::size_t k = 0; k < rules.size(); ++k) {
      const Val item = rules.at(k);
      ReplicationRule rule;
      rule.where = ref(i, item);
      rule.id = item.at("id").text();
      rule.enabled = item.at("status").text() != "Disabled";
      const Val d = item.at("destination").at(0);
      if (d.v != nullptr) {
        const Val bucket = d.at("bucket");
        rule.destination_arn = bucket.text();
        rule.destination_where = ref(i, bucket.v != nullptr ? bucket : d);
        rule.destination_bucket = bucket_named(i, bucket, rules_attr + ".destination.bucket");
        rule.destination_account = d.at(account_key).text();
        const Val t = d.at("access_control_translation").at(0);
        if (t.v != nullptr) {
          rule.owner_where = ref(i, t);
          rule.owner_override = t.at("owner").text() == "Destination";
        }
      }
      config.rules.push_back(std::move(rule));
    }
    return config;
  }

  void replication_resource(std::size_t i) {
    const std::optional<std::size_t> b = bucket_for(i);
    if (!b) return;
    m_.buckets[*b].replication = replication_of(i, root(i), "rule", "account", "rule");
  }

  void logging_resource(std::size_t i) {
    const std::optional<std::size_t> b = bucket_for(i);
    if (!b) return;
    m_.buckets[*b].logging = logging_of(i, root(i), "target_bucket");
  }

  void website_resource(std::size_t i) {
    const std::optional<std::size_t> b = bucket_for(i);
    if (!b) return;
    const Val v = root(i);
    WebsiteConfiguration w;
    w.where = res_[i].where;
    w.index_document = v.at("index_document").at(0).at("suffix").text();
    w.error_document = v.at("error_document").at(0).at("key").text();
    w.redirect_all_to = v.at("redirect_all_requests_to").at(0).at("host_name").text();
    w.routing_rules = v.at("routing_rule").size();
    m_.buckets[*b].website = std::move(w);
  }

  void access_point(std::size_t i) {
    const Val v = root(i);
    AccessPoint ap;
    ap.name = v.at("name").text();
    if (ap.name.empty()) ap.name = res_[i].address;
    ap.bucket = bucket_named(i, v.at("bucket"), "bucket");
    ap.account_id = v.at("account_id").text();
    if (ap.account_id.empty()) ap.account_id = res_[i].account;
    ap.bucket_account = v.at("bucket_account_id").text();
    ap.network_origin = v.at("network_origin").text();
    if (ap.network_origin.empty()) {
      ap.network_origin = v.at("vpc_configuration").size() > 0 ? "VPC" : "Internet";
    }
    ap.arn = v.at("arn").text();
    if (ap.arn.empty() && !ap.account_id.empty()) {
      ap.arn =
          fmt::format("arn:aws:s3:{{{{AWS::Region}}}}:{}:accesspoint/{}", ap.account_id, ap.name);
    }
    ap.region = "{{AWS::Region}}";
    if (const std::vector<std::string_view> parts = split_arn_fields(ap.arn); parts.size() > 3) {
      ap.region = std::string(parts[3]);
    }
    ap.where = res_[i].where;
    ap.logical_id = res_[i].address;
    if (PolicyDocument* p = policy(i, v.at("policy"), PolicyKind::kAccessPoint)) {
      p->name = ap.arn;
      ap.policy = p;
    }
    access_point_of_res_[i] = m_.access_points.size();
    m_.access_points.push_back(std::move(ap));
  }

  void access_point_policy(std::size_t i) {
    const Val v = root(i);
    std::optional<std::size_t> ap;
    const std::string arn = v.at("access_point_arn").text();
    if (auto j = target(i, "access_point_arn", "aws_s3_access_point", [&](std::size_t k) {
          return !arn.empty() && root(k).at("arn").text() == arn;
        })) {
      if (auto it = access_point_of_res_.find(*j); it != access_point_of_res_.end()) {
        ap = it->second;
      }
    }
    if (!ap) {
      for (std::size_t k = 0; k < m_.access_points.size() && !arn.empty(); ++k) {
        if (m_.access_points[k].arn == arn) ap = k;
      }
    }
    PolicyDocument* p = policy(i, v.at("policy"), PolicyKind::kAccessPoint);
    if (p == nullptr) return;
    if (!ap) {
      m_.diagnostics.push_back(
          {"IN012",
           res_[i].where,
           fmt::format("{} names an access point that is not in this input; its policy was "
                       "analysed on its own",
                       res_[i].address),
           false,
           {}});
      return;
    }
    p->name = m_.access_points[*ap].arn;
    m_.access_points[*ap].policy = p;
  }

  static std::vector<std::string_view> split_arn_fields(std::string_view arn) {
    std::vector<std::string_view> out;
    for (std::size_t k = 0; k < 5; ++k) {
      const std::size_t colon = arn.find(':');
      if (colon == std::string_view::npos) break;
      out.push_back(arn.substr(0, colon));
      arn.remove_prefix(colon + 1);
    }
    out.push_back(arn);
    return out;
  }

  std::optional<std::size_t> bucket_for(std::size_t i) {
    const std::string name = root(i).at("bucket").text();
    std::optional<std::size_t> r = target(i, "bucket", "aws_s3_bucket", [&](std::size_t j) {
      return !name.empty() && root(j).at("bucket").text() == name;
    });
    if (r) {
      auto it = bucket_of_res_.find(*r);
      if (it != bucket_of_res_.end()) return it->second;
    }
    if (!name.empty()) {
      // A bucket outside this input (another root module, a snapshot): by name.
      auto [it, added] = bucket_by_name_.try_emplace(name, m_.buckets.size());
      if (added) {
        Bucket b;
        b.name = name;
        b.account_id = res_[i].account;
        b.where = res_[i].where;
        m_.buckets.push_back(std::move(b));
      }
      return it->second;
    }
    m_.diagnostics.push_back(
        {"IN012",
         res_[i].where,
         fmt::format("{} names its bucket with a value known only after apply and no bucket of "
                     "this input matches; it was not used",
                     res_[i].address),
         false,
         {}});
    return std::nullopt;
  }

  void attach_bucket_policy(std::size_t bucket, PolicyDocument* p, std::size_t i) {
    Bucket& b = m_.buckets[bucket];
    p->kind = PolicyKind::kBucket;
    p->bucket = b.name;
    if (p->account_id.empty()) p->account_id = b.account_id;
    if (b.policy != nullptr) {
      m_.diagnostics.push_back(
          {"IN011",
           p->where,
           fmt::format("bucket '{}' already has a bucket policy (from '{}'); the policy of {} is "
                       "kept as a loose policy (S3 keeps one policy per bucket)",
                       b.name, b.policy->where.file(), res_[i].address),
           true,
           {}});
      return;
    }
    b.policy = p;
  }

  void bucket_policy(std::size_t i) {
    const std::optional<std::size_t> b = bucket_for(i);
    bool unknown = false;
    const Val v = root(i).at("policy");
    PolicyDocument* p = policy(i, v, PolicyKind::kBucket, &unknown);
    if (!b) return;
    if (p != nullptr) {
      attach_bucket_policy(*b, p, i);
    } else if (unknown) {
      unknown_until_apply(i, v, "the bucket policy",
                          fmt::format("'{}' was analysed as if it had no bucket policy, so "
                                      "findings about who may read or write it may be missing",
                                      m_.buckets[*b].name));
    }
  }

  static ObjectOwnership ownership_value(std::string_view s) {
    if (s == "ObjectWriter") return ObjectOwnership::kObjectWriter;
    if (s == "BucketOwnerPreferred") return ObjectOwnership::kBucketOwnerPreferred;
    if (s == "BucketOwnerEnforced") return ObjectOwnership::kBucketOwnerEnforced;
    return ObjectOwnership::kUnknown;
  }

  void ownership(std::size_t i) {
    const std::optional<std::size_t> b = bucket_for(i);
    if (!b) return;
    const Val v = root(i).at("rule").at(0).at("object_ownership");
    Bucket& bucket = m_.buckets[*b];
    if (const JsonValue* s = v.str()) {
      const ObjectOwnership o = ownership_value(s->text);
      if (o == ObjectOwnership::kUnknown) {
        m_.diagnostics.push_back(
            {"IN009",
             ref(i, v),
             fmt::format("'object_ownership' must be 'BucketOwnerEnforced', "
                         "'BucketOwnerPreferred' or 'ObjectWriter', found '{}'",
                         s->text),
             false,
             {}});
        return;
      }
      bucket.ownership = {o, OwnershipSetting::Source::kDocument, ref(i, v)};
    } else if (v.unknown()) {
      // Set, but to a value known only after apply: neither the default nor a guess.
      bucket.ownership = {ObjectOwnership::kUnknown, OwnershipSetting::Source::kDocument,
                          ref(i, v)};
      unknown_until_apply(i, v, "'object_ownership'",
                          fmt::format("the Object Ownership of '{}' is unknown", bucket.name));
    }
  }

  Acl grant_acl(std::size_t i, const Val& grants, std::string_view id_key, std::string_view uri_key,
                std::string_view type_key) {
    Acl acl;
    acl.where = ref(i, grants);
    for (std::size_t g = 0; g < grants.size(); ++g) {
      const Val item = grants.at(g);
      // aws_s3_bucket_acl: grant { grantee { id, type, uri, email_address }, permission };
      // aws_s3_bucket (inline): grant { id, type, uri, permissions = [..] }.
      const Val grantee = item.at("grantee").size() > 0 ? item.at("grantee").at(0) : item;
      std::vector<std::string> permissions;
      if (const JsonValue* p = item.at("permission").str()) permissions.emplace_back(p->text);
      const Val list = item.at("permissions");
      for (std::size_t k = 0; k < list.size(); ++k) {
        if (const JsonValue* p = list.at(k).str()) permissions.emplace_back(p->text);
      }
      for (const std::string& permission : permissions) {
        AclGrant grant;
        grant.where = ref(i, item);
        grant.permission = permission;
        grant.id = grantee.at(id_key).text();
        grant.uri = grantee.at(uri_key).text();
        grant.email = grantee.at("email_address").text();
        const std::string type = grantee.at(type_key).text();
        if (type == "CanonicalUser" || (type.empty() && !grant.id.empty())) {
          grant.type = GranteeType::kCanonicalUser;
        } else if (type == "Group" || (type.empty() && !grant.uri.empty())) {
          grant.type = GranteeType::kGroup;
        } else if (type == "AmazonCustomerByEmail") {
          grant.type = GranteeType::kEmail;
        }
        acl.grants.push_back(std::move(grant));
      }
    }
    return acl;
  }

  void bucket_acl(std::size_t i) {
    const std::optional<std::size_t> b = bucket_for(i);
    if (!b) return;
    const Val v = root(i);
    Bucket& bucket = m_.buckets[*b];
    if (const JsonValue* canned = v.at("acl").str()) {
      if (auto a = canned_bucket_acl(canned->text, ref(i, v.at("acl")))) bucket.acl = *a;
      return;
    }
    const Val acp = v.at("access_control_policy").at(0);
    if (acp.v == nullptr) return;
    Acl acl = grant_acl(i, acp.at("grant"), "id", "uri", "type");
    const Val owner = acp.at("owner").at(0).at("id");
    acl.owner_id = owner.text();
    if (owner.v != nullptr) acl.owner_where = ref(i, owner);
    bucket.acl = std::move(acl);
  }

  void public_access_block(std::size_t i) {
    const std::optional<std::size_t> b = bucket_for(i);
    if (!b) return;
    const Val v = root(i);
    PublicAccessBlock pab;
    pab.where = res_[i].where;
    pab.block_public_acls = v.at("block_public_acls").boolean();
    pab.ignore_public_acls = v.at("ignore_public_acls").boolean();
    pab.block_public_policy = v.at("block_public_policy").boolean();
    pab.restrict_public_buckets = v.at("restrict_public_buckets").boolean();
    m_.buckets[*b].public_access_block = pab;
  }

  // aws_s3_account_public_access_block: the account's own Block Public Access settings, which
  // S3 combines with each bucket's (account_id, else the account the configuration deploys to).
  void account_public_access_block(std::size_t i) {
    const Val v = root(i);
    std::string account = v.at("account_id").text();
    if (account.empty()) account = res_[i].account;
    if (!is_account_id(account)) {
      m_.diagnostics.push_back(
          {"IN012",
           res_[i].where,
           fmt::format("{} sets the Block Public Access settings of an account this input does "
                       "not name (no account_id, no provider allowed_account_ids, no terraform: "
                       "account in .bucketlint.yaml); they were not applied to any bucket",
                       res_[i].address),
           false,
           {}});
      return;
    }
    PublicAccessBlock pab;
    pab.where = res_[i].where;
    pab.block_public_acls = v.at("block_public_acls").boolean();
    pab.ignore_public_acls = v.at("ignore_public_acls").boolean();
    pab.block_public_policy = v.at("block_public_policy").boolean();
    pab.restrict_public_buckets = v.at("restrict_public_buckets").boolean();
    auto it = std::find_if(m_.accounts.begin(), m_.accounts.end(),
                           [&](const Account& a) { return a.id == account; });
    if (it == m_.accounts.end()) {
      m_.accounts.push_back(Account{account, "", "", res_[i].where, {}});
      it = std::prev(m_.accounts.end());
    }
    if (it->public_access_block) {
      m_.diagnostics.push_back(
          {"IN011",
           res_[i].where,
           fmt::format("account '{}' already has Block Public Access settings (from '{}'); {} "
                       "was not used",
                       account, it->public_access_block->where.file(), res_[i].address),
           false,
           {}});
      return;
    }
    it->public_access_block = pab;
  }

  // aws_flow_log (log_destination_type "s3"), aws_cloudtrail (s3_bucket_name, s3_key_prefix),
  // aws_lb / aws_alb (access_logs { bucket, prefix, enabled }, load_balancer_type): services
  // that deliver logs into a bucket through its bucket policy.
  void log_delivery(std::size_t i) {
    const TerraformResource& r = res_[i];
    if (r.data) return;
    const Val v = root(i);
    LogDelivery d;
    d.where = r.where;
    d.logical_id = r.address;
    d.account_id = r.account;
    d.name = r.address;
    auto trim = [](std::string p) {
      while (!p.empty() && p.front() == '/') p.erase(p.begin());
      while (!p.empty() && p.back() == '/') p.pop_back();
      return p;
    };
    Val bucket;
    std::string attr;
    if (r.type == "aws_flow_log") {
      d.kind = LogDelivery::Kind::kFlowLog;
      if (v.at("log_destination_type").text() != "s3") return;
      bucket = v.at("log_destination");
      attr = "log_destination";
      const std::string destination = bucket.text();
      std::string_view text = destination;
      if (const std::size_t at = text.find(":s3:::"); at != std::string_view::npos) {
        text.remove_prefix(at + 6);
      }
      if (const std::size_t slash = text.find('/'); slash != std::string_view::npos) {
        d.prefix = trim(std::string(text.substr(slash + 1)));
      }
    } else if (r.type == "aws_cloudtrail") {
      d.kind = LogDelivery::Kind::kCloudTrail;
      bucket = v.at("s3_bucket_name");
      attr = "s3_bucket_name";
      d.prefix = trim(v.at("s3_key_prefix").text());
      if (const std::string name = v.at("name").text(); !name.empty()) {
        d.name = name;
        d.arn = v.at("arn").text();
      }
    } else {
      const std::string type = v.at("load_balancer_type").text();
      if (type == "gateway") return;
      d.kind = type == "network" ? LogDelivery::Kind::kNetworkLoadBalancer
                                 : LogDelivery::Kind::kApplicationLoadBalancer;
      if (const std::string name = v.at("name").text(); !name.empty()) d.name = name;
      d.arn = v.at("arn").text();
      const Val logs = v.at("access_logs").at(0);
      if (!logs.at("enabled").boolean()) return;
      bucket = logs.at("bucket");
      attr = "access_logs.bucket";
      d.prefix = trim(logs.at("prefix").text());
    }
    d.bucket = bucket_named(i, bucket, attr);
    if (d.bucket.empty()) return;
    d.bucket_where = bucket.v != nullptr ? ref(i, bucket) : r.where;
    if (const std::vector<std::string_view> parts = split_arn_fields(d.arn); parts.size() > 3) {
      d.region = std::string(parts[3]);
    }
    m_.log_deliveries.push_back(std::move(d));
  }

  void encryption(std::size_t i) {
    const std::optional<std::size_t> b = bucket_for(i);
    if (!b) return;
    const Val rule = root(i).at("rule").at(0);
    const Val by_default = rule.at("apply_server_side_encryption_by_default").at(0);
    BucketEncryption enc;
    enc.where = ref(i, by_default);
    enc.algorithm = by_default.at("sse_algorithm").text();
    enc.kms_key_id = by_default.at("kms_master_key_id").text();
    if (enc.kms_key_id.empty() && by_default.at("kms_master_key_id").unknown()) {
      // A key created with the configuration: named by its address.
      if (auto k = target(i, "rule.apply_server_side_encryption_by_default.kms_master_key_id",
                          "aws_kms_key", [](std::size_t) { return false; })) {
        enc.kms_key_id = key_id_of_res_[*k];
      }
    }
    enc.bucket_key_enabled = rule.at("bucket_key_enabled").boolean();
    m_.buckets[*b].encryption = enc;
  }

  // ---- IAM ------------------------------------------------------------------------------------

  std::string iam_arn(std::size_t i, std::string_view kind) {
    const Val v = root(i);
    if (std::string arn = v.at("arn").text(); !arn.empty()) return arn;
    const std::string name = v.at("name").text();
    std::string path = v.at("path").text();
    if (path.empty()) path = "/";
    if (!name.empty() && is_account_id(res_[i].account)) {
      return fmt::format("arn:aws:iam::{}:{}{}{}", res_[i].account, kind, path, name);
    }
    return {};  // named or owned by values known only after apply
  }

  void managed_policy(std::size_t i) {
    const Val v = root(i);
    bool unknown = false;
    PolicyDocument* p = policy(i, v.at("policy"), PolicyKind::kIdentity, &unknown);
    if (p == nullptr) return;
    const std::string arn = iam_arn(i, "policy");
    if (!arn.empty()) {
      p->name = arn;
      policy_by_arn_[arn] = p;
    }
    policy_of_res_[i] = p;
  }

  // A managed policy an attachment names: by reference to an aws_iam_policy of this input, or
  // by its known ARN.
  PolicyDocument* attached_policy(std::size_t i, const std::string& attr) {
    const Val v = root(i).at(attr);
    const std::string arn = v.text();
    if (auto j = target(i, attr, "aws_iam_policy", [](std::size_t) { return false; })) {
      if (auto it = policy_of_res_.find(*j); it != policy_of_res_.end()) return it->second;
    }
    if (auto it = policy_by_arn_.find(arn); it != policy_by_arn_.end()) return it->second;
    return nullptr;
  }

  void role(std::size_t i) {
    const Val v = root(i);
    std::string arn = iam_arn(i, "role");
    std::string name = v.at("name").text();
    if (name.empty()) name = res_[i].address;
    if (arn.empty()) arn = res_[i].address;  // unknown until apply: named by its address
    auto [it, added] = role_by_arn_.try_emplace(arn, m_.roles.size());
    if (added) {
      Role r;
      r.arn = arn;
      r.account_id = res_[i].account;
      r.name = name;
      r.where = res_[i].where;
      m_.roles.push_back(std::move(r));
    }
    const std::size_t index = it->second;
    role_of_res_[i] = index;
    bool unknown = false;
    if (PolicyDocument* p = policy(i, v.at("assume_role_policy"), PolicyKind::kTrust, &unknown)) {
      p->kind = PolicyKind::kTrust;
      p->role_arn = arn;
      if (m_.roles[index].trust_policy == nullptr) m_.roles[index].trust_policy = p;
    } else if (unknown) {
      unknown_until_apply(i, v.at("assume_role_policy"), "the trust policy",
                          fmt::format("nobody was assumed able to assume '{}'", arn));
    }
    const Val inline_policies = v.at("inline_policy");
    for (std::size_t k = 0; k < inline_policies.size(); ++k) {
      add_permission(index, policy(i, inline_policies.at(k).at("policy"), PolicyKind::kIdentity));
    }
    const Val managed = v.at("managed_policy_arns");
    for (std::size_t k = 0; k < managed.size(); ++k) {
      if (const JsonValue* a = managed.at(k).str()) {
        attach_arn(index, i, *a, managed.at(k).pointer);
      }
    }
    if (const JsonValue* boundary = v.at("permissions_boundary").str()) {
      if (auto p = policy_by_arn_.find(std::string(boundary->text)); p != policy_by_arn_.end()) {
        m_.roles[index].permissions_boundary = p->second;
      }
    }
  }

  void add_permission(std::size_t role, PolicyDocument* p) {
    if (p == nullptr) return;
    Role& r = m_.roles[role];
    p->kind = PolicyKind::kIdentity;
    p->role_arn = r.arn;
    if (p->account_id.empty()) p->account_id = r.account_id;
    for (const PolicyDocument* q : r.permission_policies) {
      if (q == p) return;
    }
    r.permission_policies.push_back(p);
  }

  void attach_arn(std::size_t role, std::size_t i, const JsonValue& arn,
                  const std::string& pointer) {
    if (auto p = policy_by_arn_.find(std::string(arn.text)); p != policy_by_arn_.end()) {
      add_permission(role, p->second);
      return;
    }
    m_.roles[role].attached_policy_arns.emplace_back(arn.text,
                                                     res_[i].source->ref(arn.offset, pointer));
  }

  std::optional<std::size_t> role_for(std::size_t i) {
    const std::string name = root(i).at("role").text();
    const std::optional<std::size_t> r = target(i, "role", "aws_iam_role", [&](std::size_t j) {
      return !name.empty() && (root(j).at("name").text() == name || iam_arn(j, "role") == name);
    });
    if (r) {
      if (auto it = role_of_res_.find(*r); it != role_of_res_.end()) return it->second;
    }
    if (!name.empty() && is_account_id(res_[i].account)) {
      // A role outside this input: by name in this input's account.
      const std::string arn = name.starts_with("arn:")
                                  ? name
                                  : fmt::format("arn:aws:iam::{}:role/{}", res_[i].account, name);
      auto [it, added] = role_by_arn_.try_emplace(arn, m_.roles.size());
      if (added) {
        Role role;
        role.arn = arn;
        role.account_id = res_[i].account;
        role.name = arn.substr(arn.rfind('/') + 1);
        role.where = res_[i].where;
        m_.roles.push_back(std::move(role));
      }
      return it->second;
    }
    return std::nullopt;
  }

  void role_policy(std::size_t i) {
    PolicyDocument* p = policy(i, root(i).at("policy"), PolicyKind::kIdentity);
    if (const std::optional<std::size_t> r = role_for(i)) add_permission(*r, p);
  }

  void role_attachment(std::size_t i) {
    const std::optional<std::size_t> r = role_for(i);
    if (!r) return;
    if (PolicyDocument* p = attached_policy(i, "policy_arn")) {
      add_permission(*r, p);
    } else if (const JsonValue* a = root(i).at("policy_arn").str()) {
      attach_arn(*r, i, *a, root(i).at("policy_arn").pointer);
    }
  }

  void user(std::size_t i) {
    const Val v = root(i);
    std::string arn = iam_arn(i, "user");
    std::string name = v.at("name").text();
    if (name.empty()) name = res_[i].address;
    if (arn.empty()) arn = res_[i].address;
    m_.users.push_back(User{arn, res_[i].account, name, res_[i].where, {}, {}, {}, {}});
    user_of_res_[i] = m_.users.size() - 1;
  }

  std::optional<std::size_t> user_for(std::size_t i) {
    const std::string name = root(i).at("user").text();
    const std::optional<std::size_t> u = target(i, "user", "aws_iam_user", [&](std::size_t j) {
      return !name.empty() && root(j).at("name").text() == name;
    });
    if (u) {
      if (auto it = user_of_res_.find(*u); it != user_of_res_.end()) return it->second;
    }
    return std::nullopt;
  }

  void add_user_policy(std::size_t user, PolicyDocument* p) {
    if (p == nullptr) return;
    User& u = m_.users[user];
    p->kind = PolicyKind::kIdentity;
    p->user_arn = u.arn;
    u.policies.push_back(p);
  }

  void user_policy(std::size_t i) {
    PolicyDocument* p = policy(i, root(i).at("policy"), PolicyKind::kIdentity);
    if (const std::optional<std::size_t> u = user_for(i)) add_user_policy(*u, p);
  }

  void user_attachment(std::size_t i) {
    if (const std::optional<std::size_t> u = user_for(i)) {
      add_user_policy(*u, attached_policy(i, "policy_arn"));
    }
  }

  // ---- CloudFront and KMS ---------------------------------------------------------------------

  void oai(std::size_t i) {
    const Val v = root(i);
    OriginAccessIdentity o;
    o.id = v.at("id").text();
    if (o.id.empty()) o.id = res_[i].address;  // assigned at apply
    o.canonical_user_id = v.at("s3_canonical_user_id").text();
    o.account_id = res_[i].account;
    o.where = res_[i].where;
    oai_id_of_res_[i] = o.id;
    m_.oais.push_back(std::move(o));
  }

  void oac(std::size_t i) {
    const Val v = root(i);
    OriginAccessControl o;
    o.id = v.at("id").text();
    if (o.id.empty()) o.id = res_[i].address;
    o.name = v.at("name").text();
    o.signing_behavior = v.at("signing_behavior").text();
    o.signing_protocol = v.at("signing_protocol").text();
    o.origin_type = v.at("origin_access_control_origin_type").text();
    o.account_id = res_[i].account;
    o.where = res_[i].where;
    oac_id_of_res_[i] = o.id;
    m_.oacs.push_back(std::move(o));
  }

  void distribution(std::size_t i) {
    const Val v = root(i);
    Distribution d;
    d.id = v.at("id").text();
    if (d.id.empty()) d.id = res_[i].address;
    d.arn = v.at("arn").text();
    d.account_id = res_[i].account;
    d.where = res_[i].where;
    const Val origins = v.at("origin");
    for (std::size_t k = 0; k < origins.size(); ++k) {
      const Val o = origins.at(k);
      Origin origin;
      origin.where = ref(i, o);
      origin.id = o.at("origin_id").text();
      origin.domain_name = o.at("domain_name").text();
      std::string bucket;
      bool website = false;
      if (parse_s3_domain(origin.domain_name, bucket, website)) {
        origin.bucket = bucket;
        origin.is_website_endpoint = website;
        origin.is_s3 = !website;
      } else if (o.at("domain_name").unknown() || origin.domain_name.empty()) {
        // bucket_regional_domain_name of a bucket of this input
        if (auto b = target(i, "origin.domain_name", "aws_s3_bucket",
                            [](std::size_t) { return false; })) {
          if (auto it = bucket_of_res_.find(*b); it != bucket_of_res_.end()) {
            origin.bucket = m_.buckets[it->second].name;
            origin.is_s3 = true;
            origin.domain_name = origin.bucket + ".s3.amazonaws.com";
          }
        }
      }
      const Val s3 = o.at("s3_origin_config").at(0);
      if (s3.v != nullptr) {
        origin.is_s3 = true;
        const Val oai = s3.at("origin_access_identity");
        std::string id = oai.text();
        if (id.starts_with(kOaiPathPrefix)) id = id.substr(kOaiPathPrefix.size());
        if (id.empty() && oai.unknown()) {
          if (auto j = target(i, "origin.s3_origin_config.origin_access_identity",
                              "aws_cloudfront_origin_access_identity",
                              [](std::size_t) { return false; })) {
            id = oai_id_of_res_[*j];
          }
        }
        if (!id.empty()) {
          origin.oai_id = id;
          origin.oai_where = ref(i, oai);
        }
      }
      const Val oac = o.at("origin_access_control_id");
      std::string oac_id = oac.text();
      if (oac_id.empty() && oac.unknown()) {
        if (auto j =
                target(i, "origin.origin_access_control_id", "aws_cloudfront_origin_access_control",
                       [](std::size_t) { return false; })) {
          oac_id = oac_id_of_res_[*j];
        }
      }
      if (!oac_id.empty()) {
        origin.oac_id = oac_id;
        origin.oac_where = ref(i, oac);
      }
      d.origins.push_back(std::move(origin));
    }
    // Standard logging (legacy): logging_config { bucket = "b.s3.amazonaws.com" }.
    if (const Val lc = v.at("logging_config").at(0); lc.v != nullptr) {
      const Val lb = lc.at("bucket");
      std::string bucket;
      bool website = false;
      if (parse_s3_domain(lb.text(), bucket, website)) {
        d.logging_bucket = bucket;
      } else if (auto b = target(i, "logging_config.bucket", "aws_s3_bucket",
                                 [](std::size_t) { return false; })) {
        if (auto it = bucket_of_res_.find(*b); it != bucket_of_res_.end()) {
          d.logging_bucket = m_.buckets[it->second].name;
        }
      }
      if (!d.logging_bucket.empty()) d.logging_where = ref(i, lb.v != nullptr ? lb : lc);
    }
    m_.distributions.push_back(std::move(d));
  }

  void kms_key(std::size_t i) {
    const Val v = root(i);
    KmsKey k;
    k.id = v.at("arn").text();
    if (k.id.empty()) k.id = v.at("key_id").text();
    if (k.id.empty()) k.id = res_[i].address;
    k.account_id = res_[i].account;
    k.where = res_[i].where;
    bool unknown = false;
    k.policy = policy(i, v.at("policy"), PolicyKind::kKey, &unknown);
    if (k.policy != nullptr) {
      auto* p = const_cast<PolicyDocument*>(k.policy);  // owned by model.policies
      p->kind = PolicyKind::kKey;
      p->name = k.id;
    }
    key_id_of_res_[i] = k.id;
    key_of_res_[i] = m_.kms_keys.size();
    m_.kms_keys.push_back(std::move(k));
  }

  void kms_key_policy(std::size_t i) {
    const std::string id = root(i).at("key_id").text();
    PolicyDocument* p = policy(i, root(i).at("policy"), PolicyKind::kKey);
    if (p == nullptr) return;
    auto k = target(i, "key_id", "aws_kms_key", [&](std::size_t j) {
      return !id.empty() && (root(j).at("key_id").text() == id || root(j).at("arn").text() == id);
    });
    if (!k) return;
    auto it = key_of_res_.find(*k);
    if (it == key_of_res_.end()) return;
    KmsKey& key = m_.kms_keys[it->second];
    p->name = key.id;
    if (key.policy == nullptr) key.policy = p;
  }

  Model& m_;
  std::vector<TerraformResource>& res_;
  int max_depth_;
  std::map<std::string, std::vector<std::size_t>> by_address_;
  std::map<std::string, std::size_t> bucket_by_name_, role_by_arn_;
  std::map<std::size_t, std::size_t> bucket_of_res_, bucket_res_, role_of_res_, user_of_res_,
      key_of_res_;
  std::map<std::size_t, PolicyDocument*> policy_of_res_;
  std::map<std::string, PolicyDocument*> policy_by_arn_;
  std::map<std::size_t, std::string> oai_id_of_res_, oac_id_of_res_, key_id_of_res_;
  std::map<std::size_t, std::size_t> access_point_of_res_;
};

}  // namespace

bool looks_like_terraform_source(std::string_view path) { return path.ends_with(".tf"); }

namespace {

// What of its file each resource covers, so that findings there can name its address: a plan
// entry by its JSON Pointer, a .tf block by its lines (once per block: the instances of a
// count/for_each share them and are named by the block's address).
void record_resources(Model& model, const std::vector<TerraformResource>& resources) {
  std::set<std::pair<const SourceFile*, std::uint32_t>> blocks;
  for (const TerraformResource& r : resources) {
    if (r.source == nullptr) continue;
    IacResource out;
    out.file = r.source->path();
    if (!r.pointer.empty()) {
      std::string_view p = r.pointer;
      for (const std::string_view tail : {"/change/after", "/values"}) {
        if (p.ends_with(tail)) p.remove_suffix(tail.size());
      }
      out.pointer = std::string(p);
      out.address = r.address;
    } else {
      if (r.end <= r.offset || !blocks.emplace(r.source, r.offset).second) continue;
      out.first_line = r.source->position(r.offset).line;
      out.last_line = r.source->position(r.end - 1).line;
      out.address = strip_index(r.address);
    }
    if (out.address.empty()) continue;
    model.iac_resources.push_back(std::move(out));
  }
}

}  // namespace

void build_terraform_model(Model& model, std::vector<TerraformResource>& resources, int max_depth) {
  record_resources(model, resources);
  TerraformBuilder(model, resources, max_depth).build();
}

}  // namespace bucketlint
