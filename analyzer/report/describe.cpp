#include <fmt/format.h>

#include <string>
#include <unordered_set>

#include "bucketlint/load.h"
#include "bucketlint/report.h"

namespace bucketlint {

namespace {

std::string at(const SourceRef& where) {
  if (where.file().empty()) return "";
  return fmt::format(" ({})", fmt::format("{}", where));
}

std::string or_unknown(const std::string& s) {
  return s.empty() ? "unknown" : fmt::format("'{}'", s);
}

std::string_view ownership_source(OwnershipSetting::Source s) {
  switch (s) {
    case OwnershipSetting::Source::kNone: return "not given, S3 default";
    case OwnershipSetting::Source::kDocument: return "ownership controls";
    case OwnershipSetting::Source::kNotFoundError: return "OwnershipControlsNotFoundError";
    case OwnershipSetting::Source::kConfig: return "config";
    case OwnershipSetting::Source::kTemplateDefault:
      return "template without OwnershipControls, default for new buckets";
    case OwnershipSetting::Source::kCreated: return "default for a bucket created now";
  }
  return "";
}

// " (CloudFormation 'LogicalId')" for entities a template creates, " (Terraform 'address')" for
// those a Terraform configuration creates (logical IDs are alphanumeric, addresses have a dot);
// "" otherwise.
std::string logical(const std::string& logical_id, bool stand_in = false) {
  if (logical_id.empty()) return "";
  return fmt::format(" ({} '{}'{})",
                     logical_id.find('.') == std::string::npos ? "CloudFormation" : "Terraform",
                     logical_id, stand_in ? ", name generated at deploy time: stand-in" : "");
}

std::string policy_line(const PolicyDocument* p) {
  if (p == nullptr) return "none";
  return fmt::format("{} statement(s){}", p->statements.size(), at(p->where));
}

std::string account_label(const Model& model, const std::string& id) {
  if (id.empty()) return "unknown";
  const Account* a = model.find_account(id);
  if (a != nullptr && !a->name.empty()) return fmt::format("'{}' ({})", id, a->name);
  return fmt::format("'{}'", id);
}

std::string canonical_label(const Model& model, const std::string& canonical) {
  if (canonical.empty()) return "unknown";
  if (const Account* a = model.find_account_by_canonical_id(canonical)) {
    return fmt::format("account '{}'", a->id);
  }
  if (const OriginAccessIdentity* o = model.find_oai_by_canonical_id(canonical)) {
    return fmt::format("OAI '{}'", o->id);
  }
  return fmt::format("canonical ID '{}'", canonical);
}

std::string pab_line(const PublicAccessBlock& p) {
  return fmt::format(
      "BlockPublicAcls={} IgnorePublicAcls={} BlockPublicPolicy={} RestrictPublicBuckets={}{}",
      p.block_public_acls, p.ignore_public_acls, p.block_public_policy, p.restrict_public_buckets,
      at(p.where));
}

void describe_acl(EscapedText& out, const Model& model, const Acl& acl, std::string_view indent) {
  out += fmt::format("{}owner: {}{}\n", indent, canonical_label(model, acl.owner_id),
                     at(acl.owner_where));
  for (const AclGrant& g : acl.grants) {
    std::string who;
    switch (g.type) {
      case GranteeType::kCanonicalUser: who = canonical_label(model, g.id); break;
      case GranteeType::kGroup: who = fmt::format("group '{}'", g.uri); break;
      case GranteeType::kEmail: who = fmt::format("email '{}'", g.email); break;
      case GranteeType::kUnknown: who = "unknown grantee"; break;
    }
    out += fmt::format("{}grant {} to {}{}\n", indent, g.permission, who, at(g.where));
  }
}

bool is_loose(const PolicyDocument& p) {
  const bool bound_key = p.kind == PolicyKind::kKey && !p.name.empty();
  return p.bucket.empty() && p.role_arn.empty() && p.user_arn.empty() && !bound_key;
}

// How the model was given: context, --account, accounts, trusted accounts.
void describe_context(EscapedText& out, const Model& model) {
  out +=
      fmt::format("context: {}\n", model.has_context ? "snapshot or config"
                                                     : "documents only (no snapshot, no config)");
  if (!model.default_account.empty()) {
    out += fmt::format("default account (--account): '{}'\n", model.default_account);
  }
  out += fmt::format("accounts: {}\n", model.accounts.size());
  for (const Account& a : model.accounts) {
    out += fmt::format(
        "  account '{}'{}: canonical ID {}{}\n", a.id,
        a.name.empty() ? "" : fmt::format(" ({})", a.name), or_unknown(a.canonical_id),
        model.trusted_accounts_configured && model.is_trusted_account(a.id) ? ", trusted" : "");
    if (a.public_access_block) {
      out += fmt::format("    account public access block: {}\n", pab_line(*a.public_access_block));
    }
  }
  if (model.trusted_accounts_configured) {
    out += fmt::format("trusted accounts: {}\n", fmt::join(model.trusted_accounts, ", "));
  }
  if (const Organization& org = model.organization; !org.id.empty() || org.accounts_listed) {
    out += fmt::format("organization: {}, management account {}, {} account(s) listed{}\n",
                       or_unknown(org.id), or_unknown(org.management_account), org.accounts.size(),
                       at(org.where));
  }
}

// Region, replication, server access logging, website hosting and S3's policy status.
void describe_bucket_settings(EscapedText& out, const Bucket& b) {
  if (!b.region.empty()) out += fmt::format("    region: '{}'\n", b.region);
  if (b.replication) {
    out +=
        fmt::format("    replication: role {}, {} rule(s){}\n", or_unknown(b.replication->role_arn),
                    b.replication->rules.size(), at(b.replication->where));
    for (const ReplicationRule& r : b.replication->rules) {
      out += fmt::format(
          "      rule {}{} -> bucket {}{}{}{}\n", or_unknown(r.id), r.enabled ? "" : " (disabled)",
          or_unknown(r.destination_bucket),
          r.destination_account.empty() ? "" : fmt::format(" account '{}'", r.destination_account),
          r.owner_override ? ", replicas owned by the destination" : "", at(r.where));
    }
  }
  if (b.logging) {
    out += fmt::format("    server access logs -> bucket {} prefix '{}'{}{}\n",
                       or_unknown(b.logging->target_bucket), b.logging->target_prefix,
                       b.logging->has_target_grants ? ", with target grants" : "",
                       at(b.logging->where));
  }
  if (b.website) {
    const WebsiteConfiguration& w = *b.website;
    if (!w.redirect_all_to.empty()) {
      out += fmt::format("    website: redirects every request to {}{}\n", w.redirect_all_to,
                         at(w.where));
    } else {
      out += fmt::format("    website: index {}, error {}, {} routing rule(s){}\n",
                         or_unknown(w.index_document), or_unknown(w.error_document),
                         w.routing_rules, at(w.where));
    }
  }
  if (b.policy_status) {
    out += fmt::format("    policy status (S3): {}{}\n",
                       b.policy_status->is_public ? "public" : "not public",
                       at(b.policy_status->where));
  }
}

// Each bucket with its owner, ownership, policy, ACLs, settings, objects and readers.
void describe_buckets(EscapedText& out, const Model& model) {
  out += fmt::format("buckets: {}\n", model.buckets.size());
  for (const Bucket& b : model.buckets) {
    out += fmt::format("  bucket '{}'{}{}\n", b.name, logical(b.logical_id, b.name_generated),
                       at(b.where));
    out += fmt::format("    owner account: {}\n", account_label(model, b.account_id));
    out += fmt::format("    object ownership: {} ({}){}\n",
                       object_ownership_name(b.ownership.effective()),
                       ownership_source(b.ownership.source), at(b.ownership.where));
    out += fmt::format("    policy: {}\n", policy_line(b.policy));
    if (b.acl) {
      out += fmt::format("    acl:{}\n", at(b.acl->where));
      describe_acl(out, model, *b.acl, "      ");
    } else {
      out += "    acl: none\n";
    }
    if (b.public_access_block) {
      out += fmt::format("    public access block: {}\n", pab_line(*b.public_access_block));
    }
    if (b.encryption) {
      out += fmt::format("    encryption: {}{}{}\n", b.encryption->algorithm,
                         b.encryption->kms_key_id.empty()
                             ? ""
                             : fmt::format(" key '{}'", b.encryption->kms_key_id),
                         at(b.encryption->where));
    }
    describe_bucket_settings(out, b);
    for (const ObjectAcl& o : b.object_acls) {
      out += fmt::format("    object '{}' acl:{}\n", o.key, at(o.acl.where));
      describe_acl(out, model, o.acl, "      ");
    }
    if (b.has_listing) {
      out += fmt::format("    listing: {} object(s){}\n", b.objects.size(), at(b.listing_where));
      for (const ObjectEntry& e : b.objects) {
        out += fmt::format("      '{}' owner {}\n", e.key, canonical_label(model, e.owner_id));
      }
    }
    for (const Distribution& d : model.distributions) {
      for (const Origin& o : d.origins) {
        if (o.bucket == b.name) {
          out += fmt::format("    read by distribution '{}' origin '{}'\n", d.id, o.id);
        }
      }
    }
  }
}

// Each role with its account, ID, trust and permission policies.
void describe_roles(EscapedText& out, const Model& model) {
  out += fmt::format("roles: {}\n", model.roles.size());
  for (const Role& r : model.roles) {
    out += fmt::format("  role '{}'{}{}\n", r.arn, logical(r.logical_id), at(r.where));
    out += fmt::format("    account: {}\n", account_label(model, r.account_id));
    if (!r.role_id.empty()) out += fmt::format("    role ID: '{}'\n", r.role_id);
    out += fmt::format("    trust policy: {}\n", policy_line(r.trust_policy));
    for (const PolicyDocument* p : r.permission_policies) {
      out += fmt::format("    permission policy{}: {}\n",
                         p->name.empty() ? "" : fmt::format(" '{}'", p->name), policy_line(p));
    }
    for (const LocatedString& a : r.attached_policy_arns) {
      out += fmt::format("    attached managed policy '{}'{}\n", a.value, at(a.where));
    }
  }
}

// Each user with its policies.
void describe_users(EscapedText& out, const Model& model) {
  out += fmt::format("users: {}\n", model.users.size());
  for (const User& u : model.users) {
    out += fmt::format("  user '{}'{}{}\n", u.arn, logical(u.logical_id), at(u.where));
    for (const PolicyDocument* p : u.policies) {
      out += fmt::format("    policy: {}\n", policy_line(p));
    }
  }
}

// Each CloudFront distribution with its origins and how they reach their buckets.
void describe_distributions(EscapedText& out, const Model& model) {
  out += fmt::format("distributions: {}\n", model.distributions.size());
  for (const Distribution& d : model.distributions) {
    out += fmt::format("  distribution '{}'{}{}\n", d.id, logical(d.logical_id, true), at(d.where));
    out += fmt::format("    account: {}, ARN {}\n", account_label(model, d.account_id),
                       or_unknown(d.arn));
    for (const Origin& o : d.origins) {
      std::string target = o.bucket.empty() ? fmt::format("'{}'", o.domain_name)
                                            : fmt::format("bucket '{}'", o.bucket);
      if (!o.bucket.empty() && model.find_bucket(o.bucket) == nullptr) target += " (not loaded)";
      if (o.is_website_endpoint) target += " (website endpoint)";
      std::string access = "no OAI/OAC";
      if (!o.oai_id.empty()) {
        access = fmt::format("OAI '{}'{}", o.oai_id,
                             model.find_oai(o.oai_id) == nullptr ? " (not loaded)" : "");
      } else if (!o.oac_id.empty()) {
        access = fmt::format("OAC '{}'{}", o.oac_id,
                             model.find_oac(o.oac_id) == nullptr ? " (not loaded)" : "");
      }
      out += fmt::format("    origin '{}' -> {}, {}{}\n", o.id, target, access, at(o.where));
    }
  }
}

// The CloudFront origin access identities and controls.
void describe_origin_identities(EscapedText& out, const Model& model) {
  out += fmt::format("origin access identities: {}\n", model.oais.size());
  for (const OriginAccessIdentity& o : model.oais) {
    out += fmt::format("  OAI '{}'{}: canonical ID {}{}\n", o.id, logical(o.logical_id, true),
                       or_unknown(o.canonical_user_id), at(o.where));
  }
  out += fmt::format("origin access controls: {}\n", model.oacs.size());
  for (const OriginAccessControl& o : model.oacs) {
    out += fmt::format("  OAC '{}' '{}'{}: signing {} {}, origin type {}{}\n", o.id, o.name,
                       logical(o.logical_id, true), o.signing_behavior, o.signing_protocol,
                       o.origin_type, at(o.where));
  }
}

// The KMS keys and their key policies.
void describe_access_points(EscapedText& out, const Model& model) {
  if (model.access_points.empty()) return;
  out += fmt::format("access points: {}\n", model.access_points.size());
  for (const AccessPoint& a : model.access_points) {
    out += fmt::format("  access point '{}'{}{}\n", a.name, logical(a.logical_id), at(a.where));
    out += fmt::format("    account: {}, bucket {}{}, region {}, network origin {}\n",
                       account_label(model, a.account_id), or_unknown(a.bucket),
                       a.bucket_account.empty() || a.bucket_account == a.account_id
                           ? ""
                           : fmt::format(" of account {}", account_label(model, a.bucket_account)),
                       or_unknown(a.region), or_unknown(a.network_origin));
    out += fmt::format("    policy: {}\n", policy_line(a.policy));
    if (a.public_access_block) {
      out += fmt::format("    public access block: {}\n", pab_line(*a.public_access_block));
    }
  }
}

// Services that deliver logs into buckets through their bucket policies.
void describe_log_deliveries(EscapedText& out, const Model& model) {
  if (model.log_deliveries.empty()) return;
  out += fmt::format("log deliveries: {}\n", model.log_deliveries.size());
  for (const LogDelivery& d : model.log_deliveries) {
    out += fmt::format("  {} '{}'{}: account {}, region {} -> bucket '{}' prefix '{}'{}\n",
                       log_delivery_kind_id(d.kind), d.name, logical(d.logical_id),
                       account_label(model, d.account_id), or_unknown(d.region), d.bucket, d.prefix,
                       at(d.where));
  }
}

void describe_keys(EscapedText& out, const Model& model) {
  out += fmt::format("KMS keys: {}\n", model.kms_keys.size());
  for (const KmsKey& k : model.kms_keys) {
    out += fmt::format("  key '{}'{} account {}: policy {}\n", k.id, logical(k.logical_id, true),
                       account_label(model, k.account_id), policy_line(k.policy));
  }
}

// Documents bound to no entity: policies and ACLs.
void describe_loose(EscapedText& out, const Model& model) {
  // An access point's policy is shown with its access point.
  std::unordered_set<const PolicyDocument*> of_access_points;
  for (const AccessPoint& a : model.access_points) of_access_points.insert(a.policy);
  const auto loose_policy = [&](const PolicyDocument& p) {
    return is_loose(p) && !of_access_points.contains(&p);
  };
  std::size_t loose = 0;
  for (const auto& p : model.policies) {
    if (loose_policy(*p)) {
      ++loose;
    }
  }
  out += fmt::format("loose policies: {}\n", loose);
  for (const auto& p : model.policies) {
    if (loose_policy(*p)) {
      out += fmt::format("  {}: {}\n", policy_kind_name(p->kind), policy_line(p.get()));
    }
  }
  out += fmt::format("loose ACLs: {}\n", model.loose_acls.size());
  for (const LooseAcl& a : model.loose_acls) {
    out += fmt::format("  {}:{}\n", document_kind_name(a.kind), at(a.acl.where));
    describe_acl(out, model, a.acl, "    ");
  }
}

}  // namespace

std::string describe_model(const Model& model) {
  EscapedText out;  // one line per append; quoted text escaped (issue 10)
  describe_context(out, model);
  describe_buckets(out, model);
  describe_roles(out, model);
  describe_users(out, model);
  describe_distributions(out, model);
  describe_origin_identities(out, model);
  describe_access_points(out, model);
  describe_log_deliveries(out, model);
  describe_keys(out, model);
  describe_loose(out, model);
  out += fmt::format("input diagnostics: {}\n", model.diagnostics.size());
  return out.str();
}

}  // namespace bucketlint
