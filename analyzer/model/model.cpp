#include "bucketlint/model.h"

#include <fmt/format.h>

#include <array>
#include <limits>
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

const Account* Model::find_account(std::string_view id) const {
  for (const Account& a : accounts) {
    if (a.id == id) return &a;
  }
  return nullptr;
}

const Account* Model::find_account_by_canonical_id(std::string_view canonical_id) const {
  if (canonical_id.empty()) return nullptr;
  for (const Account& a : accounts) {
    if (a.canonical_id == canonical_id) return &a;
  }
  return nullptr;
}

const Bucket* Model::find_bucket(std::string_view name) const {
  for (const Bucket& b : buckets) {
    if (b.name == name) return &b;
  }
  return nullptr;
}

const Role* Model::find_role(std::string_view arn) const {
  for (const Role& r : roles) {
    if (r.arn == arn) return &r;
  }
  return nullptr;
}

const OriginAccessIdentity* Model::find_oai(std::string_view id) const {
  for (const OriginAccessIdentity& o : oais) {
    if (o.id == id) return &o;
  }
  return nullptr;
}

const OriginAccessIdentity* Model::find_oai_by_canonical_id(std::string_view canonical_id) const {
  if (canonical_id.empty()) return nullptr;
  for (const OriginAccessIdentity& o : oais) {
    if (o.canonical_user_id == canonical_id) return &o;
  }
  return nullptr;
}

const OriginAccessControl* Model::find_oac(std::string_view id) const {
  for (const OriginAccessControl& o : oacs) {
    if (o.id == id) return &o;
  }
  return nullptr;
}

std::vector<const AccessPoint*> Model::access_points_of(std::string_view bucket) const {
  std::vector<const AccessPoint*> out;
  for (const AccessPoint& ap : access_points) {
    if (ap.bucket == bucket) out.push_back(&ap);
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
