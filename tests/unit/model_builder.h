#pragma once

// The one model-building fixture of the rule and access tests. Policies are loaded from inline
// JSON with the real loader (load_text: positions, escapes and all) into a scratch model, so that
// the loader's binding of loose documents adds no entities; buckets, roles, distributions, OAIs
// and KMS keys are then bound by hand, as a snapshot folder binds them:
//
//   buckets/<bucket>/policy.json, buckets/<bucket>/ownership-controls.json
//   roles/<role>/trust.json, roles/<role>/policy<N>.json
//   distributions/<id>/config.json, origin-access-identities/<id>.json, kms-keys/<id>/policy.json
//
// The model starts with accounts A ("site", the bucket owner) and B ("partner", the
// cross-account writer) and their canonical IDs (docs/aws-semantics.md section 13).

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "bucketlint/engine.h"
#include "bucketlint/load.h"
#include "bucketlint/model.h"
#include "bucketlint/rule.h"

namespace bucketlint::testing_util {

inline constexpr const char* kA = "111111111111";  // bucket owner
inline constexpr const char* kB = "222222222222";  // cross-account writer
inline constexpr const char* kCanonA =
    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
inline constexpr const char* kCanonB =
    "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";
inline constexpr const char* kBucket = "amzn-s3-demo-bucket";
inline constexpr const char* kWriterRole = "arn:aws:iam::222222222222:role/site-uploader";
inline constexpr const char* kDistId = "EDFDVBD6EXAMPLE";
inline constexpr const char* kDistArn =
    "arn:aws:cloudfront::111111111111:distribution/EDFDVBD6EXAMPLE";
inline constexpr const char* kOaiId = "E74FTE3AEXAMPLE";
inline constexpr const char* kOaiCanonical =
    "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be";
inline constexpr const char* kOacId = "E1ABCDEFGHIJKL";

class ModelBuilder {
 public:
  ModelBuilder() {
    model.accounts.push_back({kA, "site", kCanonA, {}, {}});
    model.accounts.push_back({kB, "partner", kCanonB, {}, {}});
  }

  // Loads one policy document and returns it; fails the test when it does not load cleanly.
  // `account` is the account that holds it (empty: none said).
  PolicyDocument* policy(const std::string& path, const std::string& text, DocumentKind kind,
                         const std::string& account = "") {
    Model scratch;
    load_text(scratch, path, text, kind);
    for (const LoadDiagnostic& d : scratch.diagnostics) {
      EXPECT_NE(d.rule_id.substr(0, 2), "IN") << path << ": " << d.rule_id << " " << d.message;
    }
    EXPECT_EQ(scratch.policies.size(), 1u) << path;
    if (scratch.policies.size() != 1) return nullptr;
    PolicyDocument* p = scratch.policies.front().get();
    if (!account.empty()) p->account_id = account;
    for (auto& s : scratch.sources) model.sources.push_back(std::move(s));
    for (auto& t : scratch.trees) model.trees.push_back(std::move(t));
    for (auto& d : scratch.policies) model.policies.push_back(std::move(d));
    return p;
  }

  // The bucket `name` of `account` (created on first use), with the bucket policy `policy_text`
  // (none when empty) and the Object Ownership setting `ownership`: a setting other than kUnknown
  // is read from its ownership-controls.json unless `source` says otherwise (kNotFoundError: the
  // get-bucket-ownership-controls error for "no setting").
  Bucket& bucket(const std::string& name, const std::string& account,
                 const std::string& policy_text = "",
                 ObjectOwnership ownership = ObjectOwnership::kUnknown,
                 OwnershipSetting::Source source = OwnershipSetting::Source::kNone) {
    Bucket* found = nullptr;
    for (Bucket& existing : model.buckets) {
      if (existing.name == name) found = &existing;
    }
    if (found == nullptr) {
      Bucket b;
      b.name = name;
      b.where = SourceRef{"buckets/" + name, "", 0, 0};
      model.buckets.push_back(std::move(b));
      found = &model.buckets.back();
    }
    Bucket& b = *found;
    b.account_id = account;
    if (!policy_text.empty()) {
      PolicyDocument* p = policy("buckets/" + name + "/policy.json", policy_text,
                                 DocumentKind::kBucketPolicy, account);
      if (p != nullptr) p->bucket = name;
      b.policy = p;
    }
    if (ownership != ObjectOwnership::kUnknown || source != OwnershipSetting::Source::kNone) {
      b.ownership.value = ownership;
      b.ownership.source =
          source == OwnershipSetting::Source::kNone ? OwnershipSetting::Source::kDocument : source;
      b.ownership.where =
          SourceRef{"buckets/" + name + "/ownership-controls.json", "/OwnershipControls", 1, 1};
    }
    return b;
  }

  // SSE-KMS default encryption of the bucket `bucket_name` with the key `key_id`.
  void sse_kms(const std::string& bucket_name, const std::string& key_id) {
    for (Bucket& b : model.buckets) {
      if (b.name != bucket_name) continue;
      BucketEncryption e;
      e.algorithm = "aws:kms";
      e.kms_key_id = key_id;
      e.where = SourceRef{"buckets/" + bucket_name + "/encryption.json", "/", 1, 1};
      b.encryption = e;
    }
  }

  // A role of the account its ARN names, with permission policies (one document per text) and a
  // trust policy (none when empty).
  Role& role(const std::string& arn, const std::vector<std::string>& permission_texts,
             const std::string& trust_text = "") {
    Role r;
    r.arn = arn;
    r.account_id = arn.substr(13, 12);
    r.name = arn.substr(arn.rfind('/') + 1);
    r.where = SourceRef{"roles/" + r.name, "", 0, 0};
    if (!trust_text.empty()) {
      PolicyDocument* t = policy("roles/" + r.name + "/trust.json", trust_text,
                                 DocumentKind::kTrustPolicy, r.account_id);
      if (t != nullptr) t->role_arn = arn;
      r.trust_policy = t;
    }
    int i = 0;
    for (const std::string& text : permission_texts) {
      PolicyDocument* p = policy(fmt::format("roles/{}/policy{}.json", r.name, i++), text,
                                 DocumentKind::kIdentityPolicy, r.account_id);
      if (p == nullptr) continue;
      p->role_arn = arn;
      r.permission_policies.push_back(p);
    }
    model.roles.push_back(std::move(r));
    return model.roles.back();
  }

  // An origin access identity of account A.
  void oai(const std::string& id, const std::string& canonical) {
    OriginAccessIdentity o;
    o.id = id;
    o.canonical_user_id = canonical;
    o.account_id = kA;
    o.where = SourceRef{"origin-access-identities/" + id + ".json", "", 1, 1};
    model.oais.push_back(o);
  }

  // A distribution of account A with one S3 origin on `bucket` using the OAI `oai_id` or the
  // OAC `oac_id` (or neither).
  void distribution(const std::string& id, const std::string& bucket, const std::string& oai_id,
                    const std::string& oac_id) {
    Distribution d;
    d.id = id;
    d.account_id = kA;
    d.arn = fmt::format("arn:aws:cloudfront::{}:distribution/{}", kA, id);
    d.where = SourceRef{"distributions/" + id + "/config.json", "", 1, 1};
    Origin o;
    o.id = "site";
    o.domain_name = bucket + ".s3.us-east-1.amazonaws.com";
    o.bucket = bucket;
    o.is_s3 = true;
    o.oai_id = oai_id;
    o.oac_id = oac_id;
    o.where = SourceRef{d.where.file(), "/DistributionConfig/Origins/Items/0", 5, 9};
    o.oai_where = SourceRef{d.where.file(),
                            "/DistributionConfig/Origins/Items/0/S3OriginConfig/"
                            "OriginAccessIdentity",
                            9, 36};
    o.oac_where = SourceRef{d.where.file(),
                            "/DistributionConfig/Origins/Items/0/OriginAccessControlId", 11, 36};
    d.origins.push_back(o);
    model.distributions.push_back(std::move(d));
  }

  // The mission's CloudFront reader of kBucket: distribution kDistId with the OAI kOaiId.
  void distribution_with_oai() {
    oai(kOaiId, kOaiCanonical);
    distribution(kDistId, kBucket, kOaiId, "");
  }

  // A KMS key of `account` with its key policy.
  void kms_key(const std::string& id, const std::string& account, const std::string& text) {
    KmsKey k;
    k.id = id;
    k.account_id = account;
    k.where = SourceRef{"kms-keys/" + id, "", 0, 0};
    k.policy = policy("kms-keys/" + id + "/policy.json", text, DocumentKind::kKeyPolicy, account);
    model.kms_keys.push_back(k);
  }

  // The findings of the one built-in rule `id` over the model.
  std::vector<Finding> run(const std::string& id) {
    std::vector<std::unique_ptr<Rule>>& rules = rule_sets_.emplace_back(make_builtin_rules());
    std::erase_if(rules, [&](const auto& r) { return r->info().id != id; });
    EXPECT_EQ(rules.size(), 1u) << id;
    return run_rules(model, rules).findings;
  }

  // The rule IDs of the findings of the built-in rules `only`, in report order.
  std::vector<std::string> ids(const std::vector<std::string>& only) {
    std::vector<std::unique_ptr<Rule>>& rules = rule_sets_.emplace_back(make_builtin_rules());
    std::erase_if(rules, [&](const auto& r) {
      return std::find(only.begin(), only.end(), std::string(r->info().id)) == only.end();
    });
    std::vector<std::string> out;
    for (const Finding& f : run_rules(model, rules).findings) out.emplace_back(f.rule->id);
    return out;
  }

  Model model;

 private:
  std::vector<std::vector<std::unique_ptr<Rule>>> rule_sets_;  // findings point at their rules
};

inline std::vector<std::string> messages(const std::vector<Finding>& findings) {
  std::vector<std::string> out;
  for (const Finding& f : findings) out.push_back(f.message);
  return out;
}

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
