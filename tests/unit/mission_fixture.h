#pragma once

// A small model builder for the ownership and ACL rule tests: policies are loaded from text by
// the real loader (load_text), buckets, roles, distributions and ACLs are bound by hand, as a
// snapshot directory would bind them.

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "bucketlint/engine.h"
#include "bucketlint/load.h"
#include "bucketlint/model.h"
#include "bucketlint/rule.h"

namespace bucketlint::testing_util {

inline constexpr const char* kA = "111111111111";  // bucket owner (aws-semantics.md section 13)
inline constexpr const char* kB = "222222222222";  // cross-account writer
inline constexpr const char* kCanonA =
    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
inline constexpr const char* kCanonB =
    "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";
inline constexpr const char* kCanonOai =
    "cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc";
inline constexpr const char* kOaiId = "E74FTE3AEXAMPLE";
inline constexpr const char* kDistId = "EDFDVBD6EXAMPLE";
inline constexpr const char* kBucket = "amzn-s3-demo-bucket";
inline constexpr const char* kWriterRole = "arn:aws:iam::222222222222:role/site-uploader";

class MissionModel {
 public:
  MissionModel() {
    model_.accounts.push_back({kA, "site", kCanonA, {}, {}});
    model_.accounts.push_back({kB, "partner", kCanonB, {}, {}});
  }

  Model& model() { return model_; }

  const PolicyDocument* policy(const std::string& path, const std::string& text,
                               std::optional<DocumentKind> kind = std::nullopt,
                               const std::string& account = kA) {
    const std::size_t before = model_.policies.size();
    load_text(model_, path, text, kind);
    if (model_.policies.size() == before) return nullptr;
    PolicyDocument* p = model_.policies.back().get();
    p->account_id = account;
    return p;
  }

  Bucket& bucket(const std::string& bucket_policy_text,
                 ObjectOwnership ownership = ObjectOwnership::kUnknown,
                 OwnershipSetting::Source source = OwnershipSetting::Source::kNone) {
    const PolicyDocument* p = nullptr;
    if (!bucket_policy_text.empty()) {
      p = policy("bucket-policy.json", bucket_policy_text, DocumentKind::kBucketPolicy);
    }
    // The loader binds a loose bucket policy to the bucket its Resource names; bind the rest as
    // a snapshot's accounts/<id>/buckets/<bucket>/ directory would.
    Bucket* found = nullptr;
    for (Bucket& existing : model_.buckets) {
      if (existing.name == kBucket) found = &existing;
    }
    if (found == nullptr) {
      model_.buckets.emplace_back();
      found = &model_.buckets.back();
      found->name = kBucket;
      found->where = SourceRef{"bucket-policy.json", "", 1, 1};
    }
    Bucket& b = *found;
    b.account_id = kA;
    if (p != nullptr) {
      model_.policies.back()->bucket = kBucket;
      b.policy = p;
    }
    b.ownership.value = ownership;
    b.ownership.source =
        ownership == ObjectOwnership::kUnknown && source == OwnershipSetting::Source::kNone
            ? OwnershipSetting::Source::kNone
            : (source == OwnershipSetting::Source::kNone ? OwnershipSetting::Source::kDocument
                                                         : source);
    if (b.ownership.source != OwnershipSetting::Source::kNone) {
      b.ownership.where = SourceRef{"ownership-controls.json", "/OwnershipControls", 1, 1};
    }
    return b;
  }

  // A role with permission policies (empty texts: no identity policy documents).
  Role& role(const std::string& arn, const std::string& account,
             const std::vector<std::string>& permission_texts, const std::string& trust_text = "") {
    Role r;
    r.arn = arn;
    r.account_id = account;
    r.name = arn.substr(arn.rfind('/') + 1);
    r.where = SourceRef{"role.json", "", 1, 1};
    int i = 0;
    for (const std::string& text : permission_texts) {
      const PolicyDocument* p = policy(fmt::format("role-{}-{}.json", r.name, i++), text,
                                       DocumentKind::kIdentityPolicy, account);
      if (p != nullptr) {
        model_.policies.back()->role_arn = arn;
        r.permission_policies.push_back(p);
      }
    }
    if (!trust_text.empty()) {
      r.trust_policy = policy(fmt::format("trust-{}.json", r.name), trust_text,
                              DocumentKind::kTrustPolicy, account);
    }
    model_.roles.push_back(std::move(r));
    return model_.roles.back();
  }

  // A distribution of account A whose S3 origin reads the bucket through the OAI (or an OAC).
  void distribution_with_oai() {
    model_.oais.push_back({kOaiId, kCanonOai, kA, SourceRef{"oai.json", "", 1, 1}, {}});
    Distribution d;
    d.id = kDistId;
    d.account_id = kA;
    d.arn = fmt::format("arn:aws:cloudfront::{}:distribution/{}", kA, kDistId);
    d.where = SourceRef{"distribution.json", "", 1, 1};
    Origin o;
    o.id = "s3-origin";
    o.bucket = kBucket;
    o.is_s3 = true;
    o.oai_id = kOaiId;
    o.where = SourceRef{"distribution.json", "/DistributionConfig/Origins/Items/0", 5, 9};
    o.oai_where = SourceRef{"distribution.json", "/x", 9, 11};
    d.origins.push_back(o);
    model_.distributions.push_back(std::move(d));
  }

  void distribution_with_oac(const std::string& oac_id = "E2OACEXAMPLE") {
    Distribution d;
    d.id = kDistId;
    d.account_id = kA;
    d.arn = fmt::format("arn:aws:cloudfront::{}:distribution/{}", kA, kDistId);
    d.where = SourceRef{"distribution.json", "", 1, 1};
    Origin o;
    o.id = "s3-origin";
    o.bucket = kBucket;
    o.is_s3 = true;
    o.oac_id = oac_id;
    o.where = SourceRef{"distribution.json", "/DistributionConfig/Origins/Items/0", 5, 9};
    o.oac_where = SourceRef{"distribution.json", "/y", 10, 11};
    d.origins.push_back(o);
    model_.distributions.push_back(std::move(d));
  }

  std::vector<Finding> run(const std::string& only) {
    rules_ = make_builtin_rules();
    std::erase_if(rules_, [&](const auto& r) { return r->info().id != only; });
    return run_rules(model_, rules_).findings;
  }

  std::vector<std::string> ids(const std::vector<std::string>& only) {
    rules_ = make_builtin_rules();
    std::erase_if(rules_, [&](const auto& r) {
      return std::find(only.begin(), only.end(), std::string(r->info().id)) == only.end();
    });
    std::vector<std::string> out;
    for (const Finding& f : run_rules(model_, rules_).findings) out.emplace_back(f.rule->id);
    return out;
  }

 private:
  Model model_;
  std::vector<std::unique_ptr<Rule>> rules_;
};

inline AclGrant canonical_grant(const std::string& id, const std::string& permission, int line) {
  AclGrant g;
  g.type = GranteeType::kCanonicalUser;
  g.id = id;
  g.permission = permission;
  g.where = SourceRef{"acl.json", "/Grants", line, 5};
  return g;
}

inline AclGrant group_grant(std::string_view uri, const std::string& permission, int line) {
  AclGrant g;
  g.type = GranteeType::kGroup;
  g.uri = std::string(uri);
  g.permission = permission;
  g.where = SourceRef{"acl.json", "/Grants", line, 5};
  return g;
}

inline Acl acl_of(const std::string& owner, std::vector<AclGrant> grants) {
  Acl acl;
  acl.owner_id = owner;
  acl.owner_where = SourceRef{"acl.json", "/Owner/ID", 2, 9};
  acl.where = SourceRef{"acl.json", "", 1, 1};
  acl.grants = std::move(grants);
  return acl;
}

}  // namespace bucketlint::testing_util
