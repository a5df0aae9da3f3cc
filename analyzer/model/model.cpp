#include "bucketlint/model.h"

#include <fmt/format.h>

#include <array>
#include <limits>
#include <memory>
#include <string_view>
#include <unordered_map>
#include <utility>

#include "load/policy_builder.h"

namespace bucketlint {

namespace {

constexpr std::array<std::pair<DocumentKind, std::string_view>, 42> kKindNames{{
    {DocumentKind::kBucketPolicy, "bucket-policy"},
    {DocumentKind::kResourcePolicy, "resource-policy"},
    {DocumentKind::kTrustPolicy, "trust-policy"},
    {DocumentKind::kIdentityPolicy, "identity-policy"},
    {DocumentKind::kKeyPolicy, "key-policy"},
    {DocumentKind::kBucketAcl, "bucket-acl"},
    {DocumentKind::kObjectAcl, "object-acl"},
    {DocumentKind::kOwnershipControls, "ownership-controls"},
    {DocumentKind::kPublicAccessBlock, "public-access-block"},
    {DocumentKind::kBucketEncryption, "bucket-encryption"},
    {DocumentKind::kObjectListing, "object-listing"},
    {DocumentKind::kRole, "role"},
    {DocumentKind::kRolePolicy, "role-policy"},
    {DocumentKind::kPolicyVersion, "policy-version"},
    {DocumentKind::kAttachedPolicies, "attached-policies"},
    {DocumentKind::kDistributionConfig, "distribution-config"},
    {DocumentKind::kDistribution, "distribution"},
    {DocumentKind::kOriginAccessIdentity, "origin-access-identity"},
    {DocumentKind::kOriginAccessControl, "origin-access-control"},
    {DocumentKind::kConfigBucketItem, "config-bucket-item"},
    {DocumentKind::kAccountAuthorizationDetails, "account-authorization-details"},
    {DocumentKind::kConfigItems, "config-items"},
    {DocumentKind::kBucketReplication, "bucket-replication"},
    {DocumentKind::kBucketLogging, "bucket-logging"},
    {DocumentKind::kBucketWebsite, "bucket-website"},
    {DocumentKind::kBucketPolicyStatus, "bucket-policy-status"},
    {DocumentKind::kBucketLocation, "bucket-location"},
    {DocumentKind::kAccessPoint, "access-point"},
    {DocumentKind::kAccessPointPolicy, "access-point-policy"},
    {DocumentKind::kPolicyNames, "policy-names"},
    {DocumentKind::kRoleList, "role-list"},
    {DocumentKind::kManagedPolicy, "managed-policy"},
    {DocumentKind::kBucketList, "bucket-list"},
    {DocumentKind::kDistributionList, "distribution-list"},
    {DocumentKind::kOriginAccessIdentityList, "origin-access-identity-list"},
    {DocumentKind::kOriginAccessControlList, "origin-access-control-list"},
    {DocumentKind::kOrganization, "organization"},
    {DocumentKind::kOrganizationAccounts, "organization-accounts"},
    {DocumentKind::kFlowLogs, "flow-logs"},
    {DocumentKind::kTrails, "trails"},
    {DocumentKind::kLoadBalancers, "load-balancers"},
    {DocumentKind::kLoadBalancerAttributes, "load-balancer-attributes"},
}};

}  // namespace

std::string_view document_kind_name(DocumentKind kind) {
  for (const auto& [k, name] : kKindNames) {
    if (k == kind) return name;
  }
  return "unknown";
}

std::optional<DocumentKind> parse_document_kind(std::string_view name) {
  for (const auto& [k, n] : kKindNames) {
    if (n == name) return k;
  }
  return std::nullopt;
}

const std::vector<DocumentKind>& all_document_kinds() {
  static const std::vector<DocumentKind> kinds = [] {
    std::vector<DocumentKind> v;
    for (const auto& entry : kKindNames) v.push_back(entry.first);
    return v;
  }();
  return kinds;
}

bool has_unresolved_part(std::string_view s) {
  const std::size_t open = s.find("{{");
  return open != std::string_view::npos && s.find("}}", open + 2) != std::string_view::npos;
}

bool is_account_id(std::string_view s) {
  if (s.size() != 12) return false;
  for (const char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

std::string_view policy_kind_name(PolicyKind kind) {
  switch (kind) {
    case PolicyKind::kBucket: return "bucket policy";
    case PolicyKind::kResource: return "resource policy";
    case PolicyKind::kTrust: return "trust policy";
    case PolicyKind::kIdentity: return "identity policy";
    case PolicyKind::kKey: return "key policy";
    case PolicyKind::kAccessPoint: return "access point policy";
  }
  return "policy";
}

std::string_view object_ownership_name(ObjectOwnership o) {
  switch (o) {
    case ObjectOwnership::kObjectWriter: return "ObjectWriter";
    case ObjectOwnership::kBucketOwnerPreferred: return "BucketOwnerPreferred";
    case ObjectOwnership::kBucketOwnerEnforced: return "BucketOwnerEnforced";
    case ObjectOwnership::kUnknown: break;
  }
  return "unknown";
}

std::string_view log_delivery_kind_id(LogDelivery::Kind kind) {
  switch (kind) {
    case LogDelivery::Kind::kFlowLog: return "vpc-flow-log";
    case LogDelivery::Kind::kCloudTrail: return "cloudtrail";
    case LogDelivery::Kind::kApplicationLoadBalancer: return "application-load-balancer";
    case LogDelivery::Kind::kNetworkLoadBalancer: return "network-load-balancer";
    case LogDelivery::Kind::kLoadBalancer: break;
  }
  return "load-balancer";
}

std::string Statement::label() const {
  if (sid && !sid->value.empty()) return fmt::format("statement '{}'", sid->value);
  return fmt::format("statement {}", index + 1);
}

std::size_t PolicyDocument::size_without_whitespace() const {
  return json != nullptr ? minified_size(*json) : 0;
}

std::size_t PolicyDocument::size_bound() const {
  return source != nullptr ? source->text().size() : std::numeric_limits<std::size_t>::max();
}

std::string PolicyDocument::label() const {
  if (!bucket.empty()) return fmt::format("{} of '{}'", policy_kind_name(kind), bucket);
  if (!role_arn.empty()) return fmt::format("{} of '{}'", policy_kind_name(kind), role_arn);
  if (!user_arn.empty()) return fmt::format("{} of '{}'", policy_kind_name(kind), user_arn);
  if (!name.empty()) return fmt::format("{} '{}'", policy_kind_name(kind), name);
  return fmt::format("{} in '{}'", policy_kind_name(kind), where.file());
}

std::string OriginAccessIdentity::arn() const {
  return fmt::format("arn:aws:iam::cloudfront:user/CloudFront Origin Access Identity {}", id);
}

// What build_index() records: the first element of each name in model order (as the scans
// find it), keys viewing the model's strings, and which storage it indexed.
struct Model::Index {
  template <typename T>
  struct Of {
    const T* data = nullptr;
    std::size_t size = 0;
    void remember(const std::vector<T>& v) {
      data = v.data();
      size = v.size();
    }
    bool covers(const std::vector<T>& v) const { return v.data() == data && v.size() == size; }
  };
  Of<Account> accounts;
  Of<Bucket> buckets;
  Of<Role> roles;
  Of<OriginAccessIdentity> oais;
  Of<OriginAccessControl> oacs;
  Of<AccessPoint> access_points;
  Of<Distribution> distributions;
  std::unordered_map<std::string_view, const Account*> account_by_id;
  std::unordered_map<std::string_view, const Account*> account_by_canonical_id;
  std::unordered_map<std::string_view, const Bucket*> bucket_by_name;
  std::unordered_map<std::string_view, const Role*> role_by_arn;
  std::unordered_map<std::string_view, const OriginAccessIdentity*> oai_by_id;
  std::unordered_map<std::string_view, const OriginAccessIdentity*> oai_by_canonical_id;
  std::unordered_map<std::string_view, const OriginAccessControl*> oac_by_id;
  std::unordered_map<std::string_view, std::vector<const AccessPoint*>> access_points_by_bucket;
  std::unordered_map<std::string_view, std::vector<const Origin*>> origins_by_bucket;
};

namespace {

template <typename Map, typename Key, typename Value>
void first(Map& map, const Key& key, const Value* value) {
  map.try_emplace(std::string_view(key), value);
}

template <typename Map>
auto lookup(const Map& map, std::string_view key) -> typename Map::mapped_type {
  const auto it = map.find(key);
  return it == map.end() ? nullptr : it->second;
}

}  // namespace

void Model::build_index() const {
  auto ix = std::make_shared<Index>();
  ix->accounts.remember(accounts);
  ix->buckets.remember(buckets);
  ix->roles.remember(roles);
  ix->oais.remember(oais);
  ix->oacs.remember(oacs);
  ix->access_points.remember(access_points);
  ix->distributions.remember(distributions);
  for (const Account& a : accounts) {
    first(ix->account_by_id, a.id, &a);
    if (!a.canonical_id.empty()) first(ix->account_by_canonical_id, a.canonical_id, &a);
  }
  for (const Bucket& b : buckets) first(ix->bucket_by_name, b.name, &b);
  for (const Role& r : roles) first(ix->role_by_arn, r.arn, &r);
  for (const OriginAccessIdentity& o : oais) {
    first(ix->oai_by_id, o.id, &o);
    if (!o.canonical_user_id.empty()) first(ix->oai_by_canonical_id, o.canonical_user_id, &o);
  }
  for (const OriginAccessControl& o : oacs) first(ix->oac_by_id, o.id, &o);
  for (const AccessPoint& ap : access_points) {
    ix->access_points_by_bucket[std::string_view(ap.bucket)].push_back(&ap);
  }
  for (const Distribution& d : distributions) {
    for (const Origin& o : d.origins)
      ix->origins_by_bucket[std::string_view(o.bucket)].push_back(&o);
  }
  index = std::move(ix);
}

const Account* Model::find_account(std::string_view id) const {
  if (index && index->accounts.covers(accounts)) return lookup(index->account_by_id, id);
  for (const Account& a : accounts) {
    if (a.id == id) return &a;
  }
  return nullptr;
}

const Account* Model::find_account_by_canonical_id(std::string_view canonical_id) const {
  if (canonical_id.empty()) return nullptr;
  if (index && index->accounts.covers(accounts)) {
    return lookup(index->account_by_canonical_id, canonical_id);
  }
  for (const Account& a : accounts) {
    if (a.canonical_id == canonical_id) return &a;
  }
  return nullptr;
}

const Bucket* Model::find_bucket(std::string_view name) const {
  if (index && index->buckets.covers(buckets)) return lookup(index->bucket_by_name, name);
  for (const Bucket& b : buckets) {
    if (b.name == name) return &b;
  }
  return nullptr;
}

const Role* Model::find_role(std::string_view arn) const {
  if (index && index->roles.covers(roles)) return lookup(index->role_by_arn, arn);
  for (const Role& r : roles) {
    if (r.arn == arn) return &r;
  }
  return nullptr;
}

const OriginAccessIdentity* Model::find_oai(std::string_view id) const {
  if (index && index->oais.covers(oais)) return lookup(index->oai_by_id, id);
  for (const OriginAccessIdentity& o : oais) {
    if (o.id == id) return &o;
  }
  return nullptr;
}

const OriginAccessIdentity* Model::find_oai_by_canonical_id(std::string_view canonical_id) const {
  if (canonical_id.empty()) return nullptr;
  if (index && index->oais.covers(oais)) return lookup(index->oai_by_canonical_id, canonical_id);
  for (const OriginAccessIdentity& o : oais) {
    if (o.canonical_user_id == canonical_id) return &o;
  }
  return nullptr;
}

const OriginAccessControl* Model::find_oac(std::string_view id) const {
  if (index && index->oacs.covers(oacs)) return lookup(index->oac_by_id, id);
  for (const OriginAccessControl& o : oacs) {
    if (o.id == id) return &o;
  }
  return nullptr;
}

std::vector<const AccessPoint*> Model::access_points_of(std::string_view bucket) const {
  if (index && index->access_points.covers(access_points)) {
    const auto it = index->access_points_by_bucket.find(bucket);
    return it == index->access_points_by_bucket.end() ? std::vector<const AccessPoint*>{}
                                                      : it->second;
  }
  std::vector<const AccessPoint*> out;
  for (const AccessPoint& ap : access_points) {
    if (ap.bucket == bucket) out.push_back(&ap);
  }
  return out;
}

std::vector<const Origin*> Model::origins_of(std::string_view bucket) const {
  if (index && index->distributions.covers(distributions)) {
    const auto it = index->origins_by_bucket.find(bucket);
    return it == index->origins_by_bucket.end() ? std::vector<const Origin*>{} : it->second;
  }
  std::vector<const Origin*> out;
  for (const Distribution& d : distributions) {
    for (const Origin& o : d.origins) {
      if (o.bucket == bucket) out.push_back(&o);
    }
  }
  return out;
}

bool Model::is_trusted_account(std::string_view id) const {
  for (const std::string& t : trusted_accounts) {
    if (t == id) return true;
  }
  return false;
}

}  // namespace bucketlint
