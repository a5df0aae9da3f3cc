// Facts of the access-query layer that need no memo: bucket owners, probe keys, the requester a
// role or user stands for, labels of writers, readers and origins, CloudFront origin requests.

#include <fmt/format.h>

#include <algorithm>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "bucketlint/access.h"
#include "bucketlint/iam.h"
#include "bucketlint/text.h"

namespace bucketlint::access {

namespace {

constexpr std::string_view kGenericKey = "index.html";
constexpr std::size_t kMaxProbeKeys = 16;
constexpr std::string_view kCloudFrontService = "cloudfront.amazonaws.com";

}  // namespace

std::string bucket_account(const Model& model, const Bucket& bucket) {
  if (!bucket.account_id.empty()) return bucket.account_id;
  if (bucket.policy != nullptr && !bucket.policy->account_id.empty()) {
    return bucket.policy->account_id;
  }
  return model.default_account;
}

const Role* trust_role(const Model& model, const PolicyDocument& trust) {
  if (!trust.role_arn.empty()) {
    if (const Role* r = model.find_role(trust.role_arn)) return r;
  }
  for (const Role& r : model.roles) {
    if (r.trust_policy == &trust) return &r;
  }
  return nullptr;
}

std::string policy_account(const Model& model, const PolicyDocument& policy) {
  if (policy.kind == PolicyKind::kBucket && !policy.bucket.empty()) {
    if (const Bucket* bucket = model.find_bucket(policy.bucket)) {
      return bucket_account(model, *bucket);
    }
  }
  if (!policy.account_id.empty()) return policy.account_id;
  if (policy.kind == PolicyKind::kTrust) {
    if (const Role* role = trust_role(model, policy);
        role != nullptr && !role->account_id.empty()) {
      return role->account_id;
    }
  }
  if (!policy.role_arn.empty()) {
    if (std::optional<eval::Principal> p = eval::parse_principal(policy.role_arn)) {
      if (!p->account.empty()) return p->account;
    }
  }
  return model.default_account;
}

std::string bucket_owner_canonical_id(const Model& model, const Bucket& bucket) {
  const std::string account = bucket_account(model, bucket);
  if (const Account* a = model.find_account(account); a != nullptr && !a->canonical_id.empty()) {
    return a->canonical_id;
  }
  if (bucket.acl && !bucket.acl->owner_id.empty()) return bucket.acl->owner_id;
  return {};
}

bool is_public_grantee(const AclGrant& grant) {
  return grant.type == GranteeType::kGroup &&
         (grant.uri == kAllUsersUri || grant.uri == kAuthenticatedUsersUri);
}

bool bucket_acl_blocks_enforced(const Bucket& bucket) {
  if (!bucket.acl) return false;
  return std::any_of(bucket.acl->grants.begin(), bucket.acl->grants.end(), [&](const AclGrant& g) {
    return !(g.type == GranteeType::kCanonicalUser && g.id == bucket.acl->owner_id);
  });
}

std::string bucket_arn(std::string_view bucket) { return fmt::format("arn:aws:s3:::{}", bucket); }

std::string object_arn(std::string_view bucket, std::string_view key) {
  return fmt::format("arn:aws:s3:::{}/{}", bucket, key);
}

std::vector<std::string> probe_object_keys(const Bucket& bucket,
                                           const std::vector<const PolicyDocument*>& policies) {
  const std::string prefix = fmt::format("arn:aws:s3:::{}/", bucket.name);
  std::vector<std::string> keys;
  auto add = [&](std::string key) {
    if (std::find(keys.begin(), keys.end(), key) == keys.end()) keys.push_back(std::move(key));
  };
  for (const PolicyDocument* policy : policies) {
    if (policy == nullptr) continue;
    for (const Statement& stmt : policy->statements) {
      if (!stmt.resource.present || stmt.resource.is_not) continue;
      for (const LocatedString& r : stmt.resource.values) {
        if (keys.size() + 1 >= kMaxProbeKeys) break;  // one place stays for the generic key
        if (!r.value.starts_with(prefix)) continue;
        std::string rest(r.value.substr(prefix.size()));
        if (rest.empty() || iam::has_policy_variable(rest)) continue;
        for (char& c : rest) {
          if (c == '*' || c == '?') c = 'x';
        }
        add(std::move(rest));
      }
    }
  }
  add(std::string(kGenericKey));
  return keys;
}

const eval::TraceEntry* first_applying(const eval::Result& result, eval::PolicySlot slot,
                                       Effect effect) {
  // Entries left out of evaluated() never apply.
  for (const eval::TraceEntry& e : result.trace.evaluated()) {
    if (e.slot != slot || e.effect != effect || e.applies == eval::Tri::kFalse) continue;
    return &e;
  }
  return nullptr;
}

eval::Principal principal_for_user(const User& user) {
  if (std::optional<eval::Principal> p = eval::parse_principal(user.arn)) return *p;
  eval::Principal p;
  p.kind = eval::PrincipalKind::kUser;
  p.arn = user.arn;
  p.user_name = user.name;
  p.account = user.account_id;
  return p;
}

// ---------------------------------------------------------------------------------------------

const eval::TraceEntry* Writer::bucket_grant() const {
  if (const eval::TraceEntry* e = first_applying(put_any, eval::PolicySlot::kResource)) return e;
  return first_applying(put_any, eval::PolicySlot::kAcl);
}

const eval::TraceEntry* Writer::identity_grant() const {
  return first_applying(put_any, eval::PolicySlot::kIdentity);
}

std::string Writer::owner_label() const {
  if (any_principal) return "the writing account";
  if (account.empty() && !canonical_id.empty()) return "that account";
  return fmt::format("account {}", account);
}

std::string Writer::label() const {
  std::string who;
  if (any_principal) {
    who = "any principal of another account ('Principal': '*')";
  } else if (account.empty() && !canonical_id.empty()) {
    who = fmt::format("the account of canonical user '{}'", canonical_id);
  } else if (principal.kind == eval::PrincipalKind::kAccountRoot) {
    who = canonical_id.empty()
              ? fmt::format("account '{}'", account)
              : fmt::format("account '{}' (canonical user '{}')", account, canonical_id);
  } else {
    who = fmt::format("'{}'", principal.label());
  }
  if (access_point != nullptr)
    who += fmt::format(" (through access point '{}')", access_point->name);
  return who;
}

WriterOutcome writer_outcome(const Bucket& bucket, const Writer& writer) {
  const ObjectOwnership o = bucket.ownership.effective();
  if (o == ObjectOwnership::kBucketOwnerEnforced) return WriterOutcome::kBucketOwnerOwns;
  // Without an ACL header, or with 'private', the writer owns the object and grants nothing.
  if (!writer.must_send_acl || writer.private_allowed) return WriterOutcome::kWriterOwnsNoGrant;
  if (!writer.bofc_allowed) return WriterOutcome::kAclDecides;
  // Only the canned bucket-owner-full-control is left: BucketOwnerPreferred then makes the
  // bucket owner the owner; ObjectWriter keeps the writer as owner.
  return o == ObjectOwnership::kBucketOwnerPreferred ? WriterOutcome::kBucketOwnerOwns
                                                     : WriterOutcome::kWriterOwnsBofc;
}

std::vector<OwnedObject> objects_owned_by(const Bucket& bucket, std::string_view canonical_id) {
  std::vector<OwnedObject> out;
  if (canonical_id.empty()) return out;
  auto acl_of = [&](const std::string& key) -> const Acl* {
    for (const ObjectAcl& o : bucket.object_acls) {
      if (o.key == key) return &o.acl;
    }
    return nullptr;
  };
  for (const ObjectEntry& e : bucket.objects) {
    if (e.owner_id == canonical_id) out.push_back({e.key, e.where, acl_of(e.key)});
  }
  for (const ObjectAcl& o : bucket.object_acls) {
    if (o.acl.owner_id != canonical_id) continue;
    const bool listed =
        std::any_of(out.begin(), out.end(), [&](const OwnedObject& x) { return x.key == o.key; });
    if (!listed) {
      out.push_back({o.key, o.acl.owner_where.known() ? o.acl.owner_where : o.acl.where, &o.acl});
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------

namespace {

// Who a "Principal": "*" read grant lets in, by its conditions: the access points of an account
// (the delegation of
// https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-points-policies.html), whoever the
// non-public conditions admit, or anyone.
std::string anyone_label(const eval::TraceEntry* grant) {
  const Statement* stmt = grant != nullptr ? grant->statement : nullptr;
  if (stmt != nullptr) {
    for (const ConditionEntry& c : stmt->conditions) {
      if (c.values.empty()) continue;
      const std::string key = text::ascii_lower(c.key);
      if (key == "s3:dataaccesspointaccount") {
        return fmt::format("any access point of account '{}'", c.values.front().text);
      }
      if (key == "s3:dataaccesspointarn") {
        return fmt::format("access point '{}'", c.values.front().text);
      }
    }
    if (const ConditionEntry* c = non_public_condition(*stmt)) {
      return fmt::format("any principal whose '{}' matches the condition", c->key);
    }
  }
  return "anyone (unauthenticated requests included)";
}

}  // namespace

const eval::TraceEntry* Reader::grant() const {
  return first_applying(get, eval::PolicySlot::kResource);
}

std::string Reader::label() const {
  if (distribution != nullptr && origin != nullptr) {
    if (principal.kind == eval::PrincipalKind::kOai) {
      return fmt::format("CloudFront {} (OAI '{}')", access::distribution_label(*distribution),
                         principal.oai_id);
    }
    return fmt::format("CloudFront {} (OAC '{}')", access::distribution_label(*distribution),
                       origin->oac_id);
  }
  switch (principal.kind) {
    case eval::PrincipalKind::kOai: return fmt::format("CloudFront OAI '{}'", principal.oai_id);
    case eval::PrincipalKind::kService:
      return fmt::format("service principal '{}'", principal.service);
    case eval::PrincipalKind::kAnonymous: return anyone_label(grant());
    case eval::PrincipalKind::kAccountRoot: return fmt::format("account '{}'", principal.account);
    default: return fmt::format("'{}'", principal.label());
  }
}

// ---------------------------------------------------------------------------------------------

std::string OriginAccess::access_label() const {
  if (oai) return fmt::format("OAI '{}'", origin->oai_id);
  return fmt::format("OAC '{}'", origin->oac_id);
}

std::string distribution_label(const Distribution& distribution) {
  if (distribution.id.empty()) {
    return fmt::format("the distribution in '{}'", distribution.where.file());
  }
  return fmt::format("distribution '{}'", distribution.id);
}

std::string OriginAccess::distribution_label() const {
  return access::distribution_label(*distribution);
}

const SourceRef& OriginAccess::access_where() const {
  const SourceRef& w = oai ? origin->oai_where : origin->oac_where;
  return w.file().empty() ? origin->where : w;
}

std::string OriginAccess::distribution_arn() const {
  if (!distribution->arn.empty()) return distribution->arn;
  return fmt::format("arn:aws:cloudfront::{}:distribution/{}",
                     distribution->account_id.empty() ? "<account-id>" : distribution->account_id,
                     distribution->id.empty() ? "<distribution-id>" : distribution->id);
}

bool OriginAccess::distribution_arn_known() const {
  // A get-distribution-config file carries no Id: without it the ARN (aws:SourceArn) is unknown.
  return !distribution->arn.empty() ||
         (!distribution->account_id.empty() && !distribution->id.empty());
}

eval::Principal cloudfront_principal(const Model& model, const OriginAccess& access) {
  eval::Principal p;
  if (access.oai) {
    p.kind = eval::PrincipalKind::kOai;
    p.oai_id = access.origin->oai_id;
    p.arn =
        fmt::format("arn:aws:iam::cloudfront:user/CloudFront Origin Access Identity {}", p.oai_id);
    if (const OriginAccessIdentity* oai = model.find_oai(p.oai_id)) {
      p.canonical_id = oai->canonical_user_id;
    }
  } else {
    p.kind = eval::PrincipalKind::kService;
    p.service = std::string(kCloudFrontService);
  }
  return p;
}

eval::Context cloudfront_context(const OriginAccess& access) {
  eval::Context c;
  if (!access.oai && !access.distribution_arn_known()) {
    // The distribution's account is unknown: its ARN, and so aws:SourceArn, is too.
    c.set_unknown("aws:SourceArn");
    c.set_unknown("aws:SourceAccount");
  } else if (!access.oai) {
    c.set("aws:SourceArn", access.distribution_arn());
    if (!access.distribution->account_id.empty()) {
      c.set("aws:SourceAccount", access.distribution->account_id);
    }
  }
  for (std::string_view key : {"aws:SecureTransport", "aws:SourceIp", "aws:Referer",
                               "aws:UserAgent", "aws:CurrentTime", "aws:EpochTime"}) {
    c.set_unknown(key);
  }
  return c;
}

eval::Request cloudfront_request(const Model& model, const OriginAccess& access,
                                 const Bucket& bucket, std::string action, std::string resource) {
  eval::Request r;
  r.principal = cloudfront_principal(model, access);
  r.action = std::move(action);
  r.resource = std::move(resource);
  r.resource_account = bucket_account(model, bucket);
  r.context = cloudfront_context(access);
  eval::S3Facts facts;
  facts.ownership = bucket.ownership.value;
  if (bucket.acl) facts.bucket_acl = &*bucket.acl;
  r.s3 = facts;
  return r;
}

eval::Principal role_session(const Role& role) {
  std::optional<eval::Principal> p = eval::parse_principal(role.arn);
  eval::Principal out;
  if (p) out = *p;
  out.kind = eval::PrincipalKind::kRoleSession;
  out.arn = role.arn;
  out.role_arn = role.arn;
  if (out.role_name.empty()) out.role_name = role.name;
  if (out.account.empty()) out.account = role.account_id;
  out.unique_id = role.role_id;
  return out;
}

}  // namespace bucketlint::access
