#include "load/binder.h"

#include <fmt/format.h>

#include <algorithm>
#include <iterator>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace bucketlint {

namespace {

bool is_bucket_level(DocumentKind kind) {
  switch (kind) {
    case DocumentKind::kBucketPolicy:
    case DocumentKind::kBucketAcl:
    case DocumentKind::kOwnershipControls:
    case DocumentKind::kPublicAccessBlock:
    case DocumentKind::kBucketEncryption:
    case DocumentKind::kObjectListing:
    case DocumentKind::kConfigBucketItem:
    case DocumentKind::kBucketReplication:
    case DocumentKind::kBucketLogging:
    case DocumentKind::kBucketWebsite:
    case DocumentKind::kBucketPolicyStatus:
    case DocumentKind::kBucketLocation: return true;
    default: return false;
  }
}

bool is_resource_policy_kind(DocumentKind kind) {
  return kind == DocumentKind::kBucketPolicy || kind == DocumentKind::kResourcePolicy ||
         kind == DocumentKind::kKeyPolicy;
}

// An OAI or OAC given by its own get-* output replaces the same one from a list output.
// The first element of `list` with `id`; `index` learns the elements appended since last asked.
template <typename T, typename Index>
T* find_by_id(std::vector<T>& list, Index& index, std::string_view id) {
  if (index.indexed > list.size()) index = Index{};
  for (; index.indexed < list.size(); ++index.indexed) {
    index.at.try_emplace(list[index.indexed].id, index.indexed);
  }
  const auto it = index.at.find(id);
  return it == index.at.end() ? nullptr : &list[it->second];
}

template <typename T, typename Index>
void add_or_replace(std::vector<T>& list, Index& index, T&& item) {
  if (!item.id.empty()) {
    if (T* existing = find_by_id(list, index, item.id)) {
      *existing = std::move(item);
      return;
    }
  }
  list.push_back(std::move(item));
}

}  // namespace

Binder::Binder(Model& model) : m_(model) {
  for (std::size_t i = 0; i < m_.accounts.size(); ++i) accounts_[m_.accounts[i].id] = i;
  for (std::size_t i = 0; i < m_.buckets.size(); ++i) {
    buckets_.try_emplace(m_.buckets[i].name, i);
    // Loose buckets of earlier load_text() calls (group ""): documents loaded one by one
    // still join the bucket they belong to.
    loose_buckets_.try_emplace('\n' + m_.buckets[i].name, i);
  }
  for (std::size_t i = 0; i < m_.roles.size(); ++i) roles_[m_.roles[i].arn] = i;
  for (std::size_t i = 0; i < m_.users.size(); ++i) users_[m_.users[i].arn] = i;
  for (std::size_t i = 0; i < m_.distributions.size(); ++i) dists_[m_.distributions[i].id] = i;
  for (std::size_t i = 0; i < m_.kms_keys.size(); ++i) keys_[m_.kms_keys[i].id] = i;
  for (std::size_t i = 0; i < m_.access_points.size(); ++i) {
    access_points_[m_.access_points[i].account_id + '\n' + m_.access_points[i].name] = i;
  }
}

OriginAccessIdentity* Binder::find_oai(std::string_view id) {
  return find_by_id(m_.oais, oai_index_, id);
}

OriginAccessControl* Binder::find_oac(std::string_view id) {
  return find_by_id(m_.oacs, oac_index_, id);
}

std::size_t Binder::account(const std::string& id, const SourceRef& where) {
  auto [it, added] = accounts_.try_emplace(id, m_.accounts.size());
  if (added) m_.accounts.push_back(Account{id, "", "", where, {}});
  return it->second;
}

std::size_t Binder::bucket(const std::string& name, const std::string& account_id,
                           const SourceRef& where) {
  auto [it, added] = buckets_.try_emplace(name, m_.buckets.size());
  if (added) {
    Bucket b;
    b.name = name;
    b.where = where;
    m_.buckets.push_back(std::move(b));
  }
  Bucket& b = m_.buckets[it->second];
  if (b.account_id.empty()) b.account_id = account_id;
  return it->second;
}

std::size_t Binder::loose_bucket(const std::string& group, const std::string& name,
                                 const SourceRef& where) {
  auto [it, added] = loose_buckets_.try_emplace(group + '\n' + name, m_.buckets.size());
  if (added) {
    Bucket b;
    b.name = name;
    b.account_id = m_.default_account;
    b.where = where;
    m_.buckets.push_back(std::move(b));
    buckets_.try_emplace(name, it->second);
  }
  return it->second;
}

std::size_t Binder::role(const std::string& arn, const std::string& account_id,
                         const std::string& name, const SourceRef& where) {
  auto [it, added] = roles_.try_emplace(arn, m_.roles.size());
  if (added) {
    Role r;
    r.arn = arn;
    r.account_id = account_id;
    r.name = name;
    r.where = where;
    m_.roles.push_back(std::move(r));
  }
  return it->second;
}

std::size_t Binder::user(const std::string& arn, const std::string& account_id,
                         const std::string& name, const SourceRef& where) {
  auto [it, added] = users_.try_emplace(arn, m_.users.size());
  if (added) {
    User u;
    u.arn = arn;
    u.account_id = account_id;
    u.name = name;
    u.where = where;
    m_.users.push_back(std::move(u));
  }
  return it->second;
}

std::size_t Binder::access_point(const std::string& account_id, const std::string& name,
                                 const SourceRef& where) {
  if (account_id.empty()) {
    for (std::size_t i = 0; i < m_.access_points.size(); ++i) {
      if (m_.access_points[i].name == name) return i;
    }
  } else if (const auto it = access_points_.find('\n' + name); it != access_points_.end()) {
    // Known by name only so far: it is this account's.
    const std::size_t i = it->second;
    access_points_.erase(it);
    m_.access_points[i].account_id = account_id;
    access_points_[account_id + '\n' + name] = i;
    return i;
  }
  auto [it, added] = access_points_.try_emplace(account_id + '\n' + name, m_.access_points.size());
  if (added) {
    AccessPoint ap;
    ap.name = name;
    ap.account_id = account_id;
    ap.where = where;
    m_.access_points.push_back(std::move(ap));
  }
  return it->second;
}

bool Binder::attach_to_access_point(LoadedDocument& doc, const std::string& account_id,
                                    const std::string& bucket) {
  if (doc.kind != DocumentKind::kAccessPoint && doc.kind != DocumentKind::kAccessPointPolicy) {
    return false;
  }
  if (!doc.access_point || doc.access_point->name.empty()) {
    if (doc.kind == DocumentKind::kAccessPointPolicy && doc.policy != nullptr) {
      layout(doc.where,
             "this access point policy names no single access point ARN in its Resource, so it "
             "cannot be bound to one");
    }
    return true;
  }
  AccessPoint& from = *doc.access_point;
  const std::string account = from.account_id.empty() ? account_id : from.account_id;
  if (!account_id.empty() && !from.account_id.empty() && from.account_id != account_id) {
    layout(doc.where,
           fmt::format("access point '{}' belongs to account '{}', not to account '{}' "
                       "whose folder holds it",
                       from.arn.empty() ? from.name : from.arn, from.account_id, account_id));
    return true;
  }
  AccessPoint& ap = m_.access_points[access_point(account, from.name, from.where)];
  if (!from.arn.empty()) ap.arn = from.arn;
  if (!from.region.empty()) ap.region = from.region;
  if (!from.bucket.empty()) ap.bucket = from.bucket;
  if (ap.bucket.empty()) ap.bucket = bucket;
  if (!bucket.empty() && ap.bucket != bucket) {
    layout(doc.where, fmt::format("access point '{}' serves bucket '{}', not bucket '{}' whose "
                                  "folder holds it",
                                  ap.name, ap.bucket, bucket));
  }
  if (!from.bucket_account.empty()) ap.bucket_account = from.bucket_account;
  if (!from.network_origin.empty()) ap.network_origin = from.network_origin;
  if (from.public_access_block) ap.public_access_block = from.public_access_block;
  if (doc.kind == DocumentKind::kAccessPoint) ap.where = from.where;
  if (doc.policy != nullptr && doc.kind == DocumentKind::kAccessPointPolicy) {
    doc.policy->account_id = ap.account_id;
    if (ap.policy != nullptr) {
      layout(doc.policy->where, fmt::format("access point '{}' already has a policy (from '{}')",
                                            ap.name, ap.policy->where.file()));
    } else {
      ap.policy = doc.policy;
    }
  }
  if (ap.arn.empty() && !ap.account_id.empty() && !ap.region.empty()) {
    ap.arn = fmt::format("arn:aws:s3:{}:{}:accesspoint/{}", ap.region, ap.account_id, ap.name);
  }
  return true;
}

std::size_t Binder::distribution(const std::string& id, const std::string& account_id,
                                 const SourceRef& where) {
  if (id.empty()) {  // a loose get-distribution-config names no ID: its own entity
    Distribution d;
    d.account_id = account_id;
    d.where = where;
    m_.distributions.push_back(std::move(d));
    return m_.distributions.size() - 1;
  }
  auto [it, added] = dists_.try_emplace(id, m_.distributions.size());
  if (added) {
    Distribution d;
    d.id = id;
    d.account_id = account_id;
    d.where = where;
    m_.distributions.push_back(std::move(d));
  }
  return it->second;
}

std::size_t Binder::kms_key(const std::string& id, const std::string& account_id,
                            const SourceRef& where) {
  auto [it, added] = keys_.try_emplace(id, m_.kms_keys.size());
  if (added) m_.kms_keys.push_back(KmsKey{id, account_id, nullptr, where, {}, {}});
  return it->second;
}

void Binder::layout(SourceRef where, std::string message) {
  m_.diagnostics.push_back({"IN011", std::move(where), std::move(message), true, {}});
}

void Binder::wrong_kind(const LoadedDocument& doc, std::string_view place) {
  layout(doc.where,
         fmt::format("a '{}' document does not belong in {}", document_kind_name(doc.kind), place));
}

bool Binder::attach_to_bucket(std::size_t index, LoadedDocument& doc) {
  Bucket& b = m_.buckets[index];
  auto bind_policy = [&](PolicyDocument* p) {
    if (p == nullptr) return;
    p->kind = PolicyKind::kBucket;  // the place says what it is
    p->bucket = b.name;
    p->account_id = b.account_id;
    if (b.policy != nullptr) {
      layout(p->where, fmt::format("bucket '{}' already has a bucket policy (from '{}'); this "
                                   "one is kept as a loose policy",
                                   b.name, b.policy->where.file()));
      return;
    }
    b.policy = p;
  };
  auto bind_acl = [&](std::optional<Acl>& acl) {
    if (!acl) return;
    if (b.acl) {
      layout(acl->where, fmt::format("bucket '{}' already has an ACL (from '{}')", b.name,
                                     b.acl->where.file()));
      return;
    }
    b.acl = std::move(*acl);
  };
  switch (doc.kind) {
    case DocumentKind::kBucketPolicy:
    case DocumentKind::kResourcePolicy: bind_policy(doc.policy); return true;
    case DocumentKind::kBucketAcl:
    case DocumentKind::kObjectAcl: bind_acl(doc.acl); return true;
    case DocumentKind::kOwnershipControls:
      if (doc.ownership.source != OwnershipSetting::Source::kNone) b.ownership = doc.ownership;
      return true;
    case DocumentKind::kPublicAccessBlock:
      if (doc.public_access_block) b.public_access_block = doc.public_access_block;
      return true;
    case DocumentKind::kBucketEncryption:
      if (doc.encryption) b.encryption = doc.encryption;
      return true;
    case DocumentKind::kObjectListing:
      if (!doc.bucket_name.empty() && doc.bucket_name != b.name) {
        layout(doc.bucket_where,
               fmt::format("listing of bucket '{}' bound to bucket '{}'", doc.bucket_name, b.name));
      }
      b.has_listing = true;
      b.listing_where = doc.listing_where;
      b.objects.insert(b.objects.end(), std::make_move_iterator(doc.objects.begin()),
                       std::make_move_iterator(doc.objects.end()));
      return true;
    case DocumentKind::kConfigBucketItem:
      if (b.account_id.empty()) b.account_id = doc.account_id;
      bind_policy(doc.policy);
      bind_acl(doc.acl);
      if (doc.public_access_block) b.public_access_block = doc.public_access_block;
      if (doc.ownership.known()) b.ownership = doc.ownership;
      if (doc.encryption) b.encryption = doc.encryption;
      if (doc.replication) b.replication = std::move(doc.replication);
      if (doc.logging) b.logging = std::move(doc.logging);
      if (doc.website) b.website = std::move(doc.website);
      return true;
    case DocumentKind::kBucketReplication:
      if (doc.replication) b.replication = std::move(doc.replication);
      return true;
    case DocumentKind::kBucketLogging:
      if (doc.logging) b.logging = std::move(doc.logging);
      return true;
    case DocumentKind::kBucketWebsite:
      if (doc.website) b.website = std::move(doc.website);
      return true;
    case DocumentKind::kBucketPolicyStatus:
      if (doc.policy_status) b.policy_status = doc.policy_status;
      return true;
    case DocumentKind::kBucketLocation:
      b.region = doc.region;
      b.region_where = doc.region_where;
      return true;
    case DocumentKind::kAccessPoint:
    case DocumentKind::kAccessPointPolicy:
      // An access point belongs to its bucket as much as to access-points/: its policy saved
      // beside the bucket policy is bound by the ARN it names, never taken for the bucket's.
      return attach_to_access_point(doc, b.account_id, b.name);
    default: return false;
  }
}

bool Binder::attach_to_role(std::size_t index, LoadedDocument& doc) {
  Role& r = m_.roles[index];
  auto permission = [&](PolicyDocument* p) {
    if (p == nullptr) return;
    p->kind = PolicyKind::kIdentity;
    p->role_arn = r.arn;
    p->account_id = r.account_id;
    r.permission_policies.push_back(p);
  };
  auto trust = [&](PolicyDocument* p) {
    if (p == nullptr) return;
    p->kind = PolicyKind::kTrust;
    p->role_arn = r.arn;
    p->account_id = r.account_id;
    // The same role's trust policy from a list-roles output: the role's own document wins.
    if (r.trust_policy != nullptr && listed_trust_.erase(r.trust_policy) > 0) {
      r.trust_policy = nullptr;
    }
    if (r.trust_policy != nullptr) {
      layout(p->where, fmt::format("role '{}' already has a trust policy (from '{}')", r.arn,
                                   r.trust_policy->where.file()));
      return;
    }
    r.trust_policy = p;
  };
  switch (doc.kind) {
    case DocumentKind::kTrustPolicy: trust(doc.policy); return true;
    case DocumentKind::kIdentityPolicy: permission(doc.policy); return true;
    case DocumentKind::kPolicyVersion:
      if (!version_in_force(doc, r.arn)) return true;
      permission(doc.policy);
      return true;
    case DocumentKind::kRolePolicy:
      if (doc.owner_is_user) return false;
      permission(doc.policy);
      return true;
    case DocumentKind::kAttachedPolicies:
      r.attached_policy_arns.insert(r.attached_policy_arns.end(), doc.attached_policy_arns.begin(),
                                    doc.attached_policy_arns.end());
      return true;
    case DocumentKind::kPolicyNames:
      r.inline_policy_names.insert(r.inline_policy_names.end(), doc.policy_names.begin(),
                                   doc.policy_names.end());
      return true;
    case DocumentKind::kRole:
      if (doc.role) {
        if (!doc.role->role_id.empty()) r.role_id = doc.role->role_id;
        if (!doc.role->arn.empty() && doc.role->arn != r.arn) {
          if (doc.role->name != r.name) {
            layout(doc.role->where,
                   fmt::format("get-role output for '{}' in the folder of role '{}'", doc.role->arn,
                               r.name));
          } else {
            r.arn = doc.role->arn;  // the real ARN includes the role's path
          }
        }
        r.where = doc.role->where;
      }
      trust(doc.policy);
      return true;
    default: return false;
  }
}

bool Binder::attach_to_user(std::size_t index, LoadedDocument& doc) {
  User& u = m_.users[index];
  switch (doc.kind) {
    case DocumentKind::kIdentityPolicy:
    case DocumentKind::kPolicyVersion:
    case DocumentKind::kRolePolicy:
      if (doc.kind == DocumentKind::kRolePolicy && !doc.owner_is_user) return false;
      if (doc.kind == DocumentKind::kPolicyVersion && !version_in_force(doc, u.arn)) return true;
      if (doc.policy != nullptr) {
        doc.policy->kind = PolicyKind::kIdentity;
        doc.policy->user_arn = u.arn;
        doc.policy->account_id = u.account_id;
        u.policies.push_back(doc.policy);
      }
      return true;
    case DocumentKind::kAttachedPolicies:
      u.attached_policy_arns.insert(u.attached_policy_arns.end(), doc.attached_policy_arns.begin(),
                                    doc.attached_policy_arns.end());
      return true;
    case DocumentKind::kPolicyNames:
      u.inline_policy_names.insert(u.inline_policy_names.end(), doc.policy_names.begin(),
                                   doc.policy_names.end());
      return true;
    default: return false;
  }
}

bool Binder::attach_to_distribution(std::size_t index, LoadedDocument& doc) {
  if (doc.kind != DocumentKind::kDistribution && doc.kind != DocumentKind::kDistributionConfig) {
    return false;
  }
  if (!doc.distribution) return true;
  Distribution& d = m_.distributions[index];
  // The same distribution from a list-distributions output: its own document wins.
  if (listed_distributions_.erase(d.id) > 0) d.origins.clear();
  if (!doc.distribution->id.empty() && doc.distribution->id != d.id) {
    layout(doc.distribution->where,
           fmt::format("distribution '{}' in the folder of distribution '{}'", doc.distribution->id,
                       d.id));
  }
  if (!doc.distribution->arn.empty()) d.arn = doc.distribution->arn;
  d.where = doc.distribution->where;
  d.origins = std::move(doc.distribution->origins);
  d.logging_bucket = std::move(doc.distribution->logging_bucket);
  d.logging_where = doc.distribution->logging_where;
  return true;
}

bool Binder::attach_cloudfront_identity(const std::string& account_id, LoadedDocument& doc) {
  if (doc.kind == DocumentKind::kOriginAccessIdentity) {
    // The same identity saved twice (in origin-access-identities/ and beside a distribution) is
    // one entity; its own output replaces what a list output said of it.
    if (doc.oai && (find_oai(doc.oai->id) == nullptr || listed_oais_.erase(doc.oai->id) > 0)) {
      doc.oai->account_id = account_id;
      add_or_replace(m_.oais, oai_index_, std::move(*doc.oai));
    }
    return true;
  }
  if (doc.kind == DocumentKind::kOriginAccessControl) {
    if (doc.oac && (find_oac(doc.oac->id) == nullptr || listed_oacs_.erase(doc.oac->id) > 0)) {
      doc.oac->account_id = account_id;
      add_or_replace(m_.oacs, oac_index_, std::move(*doc.oac));
    }
    return true;
  }
  return false;
}

bool Binder::attach_to_key(std::size_t index, LoadedDocument& doc) {
  if (!is_resource_policy_kind(doc.kind) || doc.policy == nullptr) return false;
  KmsKey& k = m_.kms_keys[index];
  doc.policy->kind = PolicyKind::kKey;
  doc.policy->account_id = k.account_id;
  doc.policy->name = k.id;
  if (k.policy != nullptr) {
    layout(doc.where, fmt::format("the KMS key '{}' already has a key policy", k.id));
    return true;
  }
  k.policy = doc.policy;
  return true;
}

void Binder::bind_authorization_details(LoadedDocument& doc, const std::string& account) {
  std::unordered_map<const PolicyDocument*, int> uses;
  for (const DumpedPrincipal& d : doc.principals) {
    for (const PolicyDocument* p : d.policies) ++uses[p];
  }
  for (DumpedPrincipal& d : doc.principals) {
    if (!account.empty() && d.account_id != account) {
      layout(d.where, fmt::format("'{}' is not in account '{}', whose folder holds this dump",
                                  d.arn, account));
      continue;
    }
    auto own = [&](PolicyDocument* p, bool is_user) {
      p->kind = PolicyKind::kIdentity;
      p->account_id = d.account_id;
      if (uses[p] == 1) (is_user ? p->user_arn : p->role_arn) = d.arn;
    };
    if (d.is_user) {
      User& u = m_.users[user(d.arn, d.account_id, d.name, d.where)];
      for (PolicyDocument* p : d.policies) {
        own(p, true);
        u.policies.push_back(p);
      }
      // Kept, as for roles: a managed policy given separately (get-policy + get-policy-version)
      // attaches to the users that list it (attach_managed_policies).
      u.attached_policy_arns.insert(u.attached_policy_arns.end(), d.attached_policy_arns.begin(),
                                    d.attached_policy_arns.end());
      continue;
    }
    Role& r = m_.roles[role(d.arn, d.account_id, d.name, d.where)];
    if (!d.unique_id.empty()) r.role_id = d.unique_id;
    if (d.trust_policy != nullptr) {
      d.trust_policy->role_arn = r.arn;
      d.trust_policy->account_id = r.account_id;
      // list-roles repeats what get-role and authorization details say: the role's own
      // document wins, in whichever order they are read.
      const bool listed = doc.kind == DocumentKind::kRoleList;
      if (r.trust_policy != nullptr && listed_trust_.erase(r.trust_policy) > 0) {
        r.trust_policy = nullptr;
      }
      if (listed && r.trust_policy != nullptr) {
        // already given by the role's own document
      } else if (r.trust_policy != nullptr) {
        layout(d.trust_policy->where,
               fmt::format("role '{}' already has a trust policy (from '{}')", r.arn,
                           r.trust_policy->where.file()));
      } else {
        r.trust_policy = d.trust_policy;
        if (listed) listed_trust_.insert(d.trust_policy);
      }
    }
    for (PolicyDocument* p : d.policies) {
      own(p, false);
      r.permission_policies.push_back(p);
    }
    if (d.permissions_boundary != nullptr && r.permissions_boundary == nullptr) {
      r.permissions_boundary = d.permissions_boundary;
    }
    r.attached_policy_arns.insert(r.attached_policy_arns.end(), d.attached_policy_arns.begin(),
                                  d.attached_policy_arns.end());
  }
}

void Binder::bind_loose(LoadedDocument& doc, const std::string& group) {
  if (doc.policy != nullptr && doc.policy->account_id.empty()) {
    doc.policy->account_id = m_.default_account;
  }
  switch (doc.kind) {
    case DocumentKind::kBucketPolicy: {
      if (doc.policy == nullptr) return;  // the embedded policy could not be read
      const std::string name = bucket_named_by_policy(*doc.policy);
      if (name.empty()) return;
      const std::size_t b = loose_bucket(group, name, doc.where);
      // Several loose policies naming one bucket (variants, environments, doc examples) are
      // normal when a folder of policies is linted: the first binds, the others stay loose
      // and are still linted on their own. Only a snapshot or config binding makes a second
      // policy for one bucket a layout error (IN011).
      if (m_.buckets[b].policy != nullptr) return;
      attach_to_bucket(b, doc);
      return;
    }
    case DocumentKind::kConfigBucketItem:
      if (!doc.bucket_name.empty()) {
        const std::size_t b = loose_bucket(group, doc.bucket_name, doc.bucket_where);
        if (!doc.account_id.empty()) m_.buckets[b].account_id = doc.account_id;
        if (doc.policy != nullptr) doc.policy->account_id = m_.buckets[b].account_id;
        attach_to_bucket(b, doc);
      }
      return;
    case DocumentKind::kRole:
      if (doc.role && !doc.role->arn.empty()) {
        attach_to_role(role(doc.role->arn, doc.role->account_id, doc.role->name, doc.role->where),
                       doc);
      }
      return;
    case DocumentKind::kRolePolicy:
      if (!doc.owner_is_user && !m_.default_account.empty() && !doc.owner_name.empty()) {
        const std::string arn =
            fmt::format("arn:aws:iam::{}:role/{}", m_.default_account, doc.owner_name);
        attach_to_role(role(arn, m_.default_account, doc.owner_name, doc.where), doc);
      }
      return;
    case DocumentKind::kDistribution:
    case DocumentKind::kDistributionConfig:
      if (doc.distribution) {
        const std::string id = doc.distribution->id;
        std::string account = doc.distribution->account_id;
        if (account.empty()) account = m_.default_account;
        attach_to_distribution(distribution(id, account, doc.distribution->where), doc);
      }
      return;
    case DocumentKind::kOriginAccessIdentity:
    case DocumentKind::kOriginAccessControl:
      attach_cloudfront_identity(m_.default_account, doc);
      return;
    case DocumentKind::kAccessPoint:
    case DocumentKind::kAccessPointPolicy:
      // The ARN names the owner; --account only stands in for a dump that names none.
      attach_to_access_point(
          doc, doc.access_point && doc.access_point->account_id.empty() ? m_.default_account : "",
          "");
      return;
    case DocumentKind::kAccountAuthorizationDetails:
      m_.has_context = true;  // it says which account every role and user is in
      bind_authorization_details(doc, "");
      return;
    case DocumentKind::kConfigItems:
      m_.has_context = true;  // every item names its account
      // AWS::IAM::Policy items: attached to the roles naming them (attach_managed_policies) and,
      // here, to the users of the same export naming them.
      for (const auto& [arn, policy] : doc.managed_policies) managed_.try_emplace(arn, policy);
      for (DumpedPrincipal& d : doc.principals) {
        if (!d.is_user) continue;
        for (const LocatedString& arn : d.attached_policy_arns) {
          if (auto it = managed_.find(std::string(arn.value)); it != managed_.end()) {
            d.policies.push_back(it->second);
          }
        }
      }
      bind_authorization_details(doc, "");
      for (LoadedDocument& item : doc.items) bind_loose(item, group);
      bind_config_resources(doc);
      return;
    case DocumentKind::kRoleList:
    case DocumentKind::kBucketList:
    case DocumentKind::kDistributionList:
    case DocumentKind::kOriginAccessIdentityList:
    case DocumentKind::kOriginAccessControlList:
    case DocumentKind::kOrganization:
    case DocumentKind::kOrganizationAccounts:
    case DocumentKind::kFlowLogs:
    case DocumentKind::kTrails:
    case DocumentKind::kLoadBalancerAttributes: bind_account_dump(doc, ""); return;
    case DocumentKind::kManagedPolicy: policy_docs_[group].push_back(std::move(doc)); return;
    case DocumentKind::kPolicyVersion:
      if (doc.policy != nullptr) policy_docs_[group].push_back(std::move(doc));
      return;
    default: break;
  }
  if (is_bucket_level(doc.kind))
    pending_[group].push_back(std::move(doc));
  else if (doc.kind == DocumentKind::kObjectAcl && doc.acl) {
    m_.loose_acls.push_back({doc.kind, std::move(*doc.acl)});
  }
}

void Binder::finish_loose() {
  // get-policy and get-policy-version outputs of one folder form one managed policy.
  for (auto& [group, docs] : policy_docs_) {
    std::vector<LoadedDocument*> ptrs;
    for (LoadedDocument& d : docs) ptrs.push_back(&d);
    bind_managed_policy(ptrs, "", SourceRef{group, "", 0, 0});
  }
  policy_docs_.clear();
  attach_managed_policies();
  for (auto& [group, docs] : pending_) {
    std::optional<std::size_t> only;
    bool several = false;
    const std::string prefix = group + '\n';
    for (auto it = loose_buckets_.lower_bound(prefix);
         it != loose_buckets_.end() && it->first.starts_with(prefix); ++it) {
      if (only) several = true;
      only = it->second;
    }
    for (LoadedDocument& doc : docs) {
      if (doc.kind == DocumentKind::kObjectListing && !doc.bucket_name.empty()) {
        attach_to_bucket(loose_bucket(group, doc.bucket_name, doc.bucket_where), doc);
      } else if (only && !several && !already_has(m_.buckets[*only], doc)) {
        attach_to_bucket(*only, doc);
      } else if (doc.acl) {
        m_.loose_acls.push_back({doc.kind, std::move(*doc.acl)});
      } else {
        unbound_.push_back(doc.where);
      }
    }
  }
  pending_.clear();
}

bool Binder::version_in_force(const LoadedDocument& doc, const std::string& holder) {
  if (!doc.is_default_version.has_value() || *doc.is_default_version) return true;
  layout(doc.where,
         fmt::format("version '{}' is not the default version of its managed policy, so it is "
                     "not in force and not attached to '{}'",
                     doc.version_id, holder));
  return false;
}

bool Binder::bind_account_dump(LoadedDocument& doc, const std::string& account) {
  switch (doc.kind) {
    case DocumentKind::kAccountAuthorizationDetails:
    case DocumentKind::kRoleList: bind_authorization_details(doc, account); return true;
    case DocumentKind::kBucketList: bind_bucket_list(doc, account); return true;
    case DocumentKind::kDistributionList:
    case DocumentKind::kOriginAccessIdentityList:
    case DocumentKind::kOriginAccessControlList: bind_cloudfront_lists(doc, account); return true;
    case DocumentKind::kOrganization:
    case DocumentKind::kOrganizationAccounts: bind_organization(doc); return true;
    case DocumentKind::kFlowLogs:
    case DocumentKind::kTrails:
    case DocumentKind::kLoadBalancerAttributes: bind_log_deliveries(doc, account, {}); return true;
    // Types and ARNs only: what matters is beside the attributes (load-balancers/<name>/).
    case DocumentKind::kLoadBalancers: return true;
    default: return false;
  }
}

void Binder::bind_log_deliveries(LoadedDocument& doc, const std::string& account,
                                 const std::vector<LogDelivery>& load_balancers,
                                 const std::string& folder_name) {
  for (LogDelivery& d : doc.log_deliveries) {
    if (d.kind == LogDelivery::Kind::kLoadBalancer) {
      // The attributes name no load balancer: its folder does, and describe-load-balancers
      // output beside them says its type, ARN and Region (the one of that name, or the only one).
      d.name = folder_name.empty() ? doc.where.file() : folder_name;
      const LogDelivery* lb = nullptr;
      for (const LogDelivery& l : load_balancers) {
        if (l.name == folder_name || load_balancers.size() == 1) lb = &l;
      }
      if (lb != nullptr) {
        d.kind = lb->kind;
        d.arn = lb->arn;
        d.region = lb->region;
        if (d.account_id.empty()) d.account_id = lb->account_id;
        if (!lb->name.empty()) d.name = lb->name;
      }
    }
    if (d.account_id.empty()) d.account_id = account.empty() ? m_.default_account : account;
    // describe-trails also lists the trails of other Regions (shadow trails): the same trail
    // saved in several places is one delivery.
    if (!d.arn.empty() && std::any_of(m_.log_deliveries.begin(), m_.log_deliveries.end(),
                                      [&](const LogDelivery& o) { return o.arn == d.arn; })) {
      continue;
    }
    if (!d.account_id.empty()) this->account(d.account_id, d.where);
    m_.log_deliveries.push_back(std::move(d));
  }
  doc.log_deliveries.clear();
}

void Binder::bind_bucket_list(const LoadedDocument& doc, const std::string& account) {
  if (doc.canonical_id.empty()) return;
  for (const auto& [name, where] : doc.listed_buckets) {
    m_.listed_bucket_owners.try_emplace(name, doc.canonical_id);
  }
  if (account.empty()) return;
  Account& a = m_.accounts[this->account(account, doc.where)];
  if (a.canonical_id.empty()) {
    a.canonical_id = doc.canonical_id;
  } else if (a.canonical_id != doc.canonical_id) {
    layout(doc.canonical_where,
           fmt::format("list-buckets names owner '{}', but account '{}' has canonical user ID "
                       "'{}' (from '{}')",
                       doc.canonical_id, account, a.canonical_id, a.where.file()));
  }
}

void Binder::bind_cloudfront_lists(LoadedDocument& doc, const std::string& account) {
  for (Distribution& dist : doc.distributions) {
    if (!account.empty() && !dist.account_id.empty() && dist.account_id != account) {
      layout(dist.where, fmt::format("distribution '{}' is not in account '{}', whose folder "
                                     "holds this list",
                                     dist.arn, account));
      continue;
    }
    std::string owner = !account.empty() ? account : dist.account_id;
    if (owner.empty()) owner = m_.default_account;
    Distribution& d = m_.distributions[distribution(dist.id, owner, dist.where)];
    if (!d.origins.empty()) continue;  // its own get-distribution(-config) output was read
    listed_distributions_.insert(dist.id);
    if (!dist.arn.empty()) d.arn = dist.arn;
    d.where = dist.where;
    d.origins = std::move(dist.origins);
    d.logging_bucket = std::move(dist.logging_bucket);  // Config items record it; lists do not
    d.logging_where = dist.logging_where;
  }
  const std::string owner = account.empty() ? m_.default_account : account;
  for (OriginAccessIdentity& oai : doc.oais) {
    if (find_oai(oai.id) != nullptr) continue;
    listed_oais_.insert(oai.id);
    oai.account_id = owner;
    m_.oais.push_back(std::move(oai));
  }
  for (OriginAccessControl& oac : doc.oacs) {
    if (find_oac(oac.id) != nullptr) continue;
    listed_oacs_.insert(oac.id);
    oac.account_id = owner;
    m_.oacs.push_back(std::move(oac));
  }
}

void Binder::bind_config_resources(LoadedDocument& doc) {
  for (auto& [id, pab] : doc.account_public_access_blocks) {
    Account& a = m_.accounts[account(id, pab.where)];
    if (a.public_access_block) {
      layout(pab.where, fmt::format("account '{}' already has an account-level Block Public Access "
                                    "configuration (from '{}')",
                                    id, a.public_access_block->where.file()));
      continue;
    }
    a.public_access_block = pab;
  }
  // Distributions as a list output gives them: a distribution's own get-distribution(-config)
  // output wins, in whichever order they are read.
  bind_cloudfront_lists(doc, "");
  for (KmsKey& key : doc.kms_keys) {
    KmsKey& k = m_.kms_keys[kms_key(key.id, key.account_id, key.where)];
    if (k.account_id.empty()) k.account_id = key.account_id;
    if (key.policy == nullptr) continue;
    if (k.policy != nullptr) {
      layout(key.policy->where, fmt::format("the KMS key '{}' already has a key policy", k.id));
      continue;
    }
    k.policy = key.policy;
  }
}

void Binder::bind_organization(const LoadedDocument& doc) {
  Organization& org = m_.organization;
  auto trust = [&](const std::string& id) {
    if (!m_.is_trusted_account(id)) m_.trusted_accounts.push_back(id);
    m_.trusted_accounts_configured = true;
  };
  if (doc.kind == DocumentKind::kOrganization) {
    if (!org.id.empty() && !doc.organization_id.empty() && org.id != doc.organization_id) {
      layout(doc.where, fmt::format("a second organization '{}' (already read '{}' from '{}')",
                                    doc.organization_id, org.id, org.where.file()));
      return;
    }
    if (!doc.organization_id.empty()) org.id = doc.organization_id;
    org.where = doc.where;
    if (!doc.management_account.empty()) {
      org.management_account = doc.management_account;
      account(doc.management_account, doc.where);
      trust(doc.management_account);
    }
    return;
  }
  org.accounts_listed = true;
  for (const Account& listed : doc.organization_accounts) {
    Account& a = m_.accounts[account(listed.id, listed.where)];
    if (a.name.empty()) a.name = listed.name;
    if (std::find(org.accounts.begin(), org.accounts.end(), listed.id) == org.accounts.end()) {
      org.accounts.push_back(listed.id);
    }
    trust(listed.id);
  }
}

void Binder::bind_managed_policy(std::vector<LoadedDocument*>& docs, const std::string& account,
                                 const SourceRef& folder) {
  const LoadedDocument* meta = nullptr;
  for (LoadedDocument* d : docs) {
    if (d->kind != DocumentKind::kManagedPolicy) continue;
    if (meta != nullptr) {
      layout(d->where, fmt::format("a second get-policy output in one folder (the first is '{}'); "
                                   "put each managed policy in its own folder",
                                   meta->where.file()));
      continue;
    }
    meta = d;
  }
  if (meta == nullptr) {
    if (!account.empty())
      layout(folder, "the folder of a managed policy needs its get-policy output");
    return;
  }
  if (!account.empty() && !meta->account_id.empty() && meta->account_id != account) {
    layout(meta->policy_arn_where, fmt::format("'{}' is not in account '{}', whose folder holds it",
                                               meta->policy_arn, account));
    return;
  }
  PolicyDocument* in_force = nullptr;
  for (LoadedDocument* d : docs) {
    if (d->kind != DocumentKind::kPolicyVersion || d->policy == nullptr) continue;
    const bool is_default = !meta->default_version_id.empty()
                                ? d->version_id == meta->default_version_id
                                : d->is_default_version.value_or(false);
    // Other versions are kept and linted as documents, but are not in force.
    if (is_default) in_force = d->policy;
  }
  if (in_force == nullptr) {
    if (!account.empty()) {
      layout(meta->where, fmt::format("no get-policy-version output of the default version '{}' "
                                      "of '{}' next to it",
                                      meta->default_version_id, meta->policy_arn));
    }
    return;
  }
  in_force->kind = PolicyKind::kIdentity;
  in_force->name = meta->policy_arn;
  if (in_force->account_id.empty()) in_force->account_id = meta->account_id;
  if (!meta->policy_arn.empty()) managed_.try_emplace(meta->policy_arn, in_force);
}

void Binder::attach_managed_policies() {
  if (managed_.empty()) return;
  std::unordered_map<const PolicyDocument*, int> uses;
  std::vector<std::pair<Role*, PolicyDocument*>> links;
  std::vector<std::pair<User*, PolicyDocument*>> user_links;
  // The managed policy of `arn` when the holder does not have it yet.
  auto in_force = [&](const LocatedString& arn, const auto& held) -> PolicyDocument* {
    auto it = managed_.find(std::string(arn.value));
    if (it == managed_.end()) return nullptr;
    if (std::find(held.begin(), held.end(), it->second) != held.end()) return nullptr;
    ++uses[it->second];
    return it->second;
  };
  for (Role& r : m_.roles) {
    for (const LocatedString& arn : r.attached_policy_arns) {
      if (PolicyDocument* p = in_force(arn, r.permission_policies)) links.emplace_back(&r, p);
    }
  }
  for (User& u : m_.users) {
    for (const LocatedString& arn : u.attached_policy_arns) {
      if (PolicyDocument* p = in_force(arn, u.policies)) user_links.emplace_back(&u, p);
    }
  }
  for (auto& [role, policy] : links) {
    if (uses[policy] == 1) policy->role_arn = role->arn;
    role->permission_policies.push_back(policy);
  }
  for (auto& [user, policy] : user_links) {
    if (uses[policy] == 1) policy->user_arn = user->arn;
    policy->kind = PolicyKind::kIdentity;
    user->policies.push_back(policy);
  }
}

bool Binder::already_has(const Bucket& b, const LoadedDocument& doc) {
  switch (doc.kind) {
    case DocumentKind::kBucketAcl:
    case DocumentKind::kObjectAcl: return b.acl.has_value();
    case DocumentKind::kOwnershipControls:
      return b.ownership.source != OwnershipSetting::Source::kNone;
    case DocumentKind::kPublicAccessBlock: return b.public_access_block.has_value();
    case DocumentKind::kBucketEncryption: return b.encryption.has_value();
    case DocumentKind::kBucketReplication: return b.replication.has_value();
    case DocumentKind::kBucketLogging: return b.logging.has_value();
    case DocumentKind::kBucketWebsite: return b.website.has_value();
    case DocumentKind::kBucketPolicyStatus: return b.policy_status.has_value();
    case DocumentKind::kBucketLocation: return !b.region.empty();
    default: return false;
  }
}

}  // namespace bucketlint
