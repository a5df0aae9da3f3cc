#pragma once

// Builds models for the CF and TR rule tests by hand: policies are loaded from inline JSON with
// load_text (positions and all), entities (buckets, roles, distributions, OAIs, keys) are bound
// the way the snapshot loader binds them.

#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "bucketlint/engine.h"
#include "bucketlint/load.h"
#include "bucketlint/model.h"
#include "bucketlint/rule.h"

namespace bucketlint::testing_util {

inline constexpr const char* kAccountA = "111111111111";
inline constexpr const char* kAccountB = "222222222222";
inline constexpr const char* kBucket = "amzn-s3-demo-bucket";
inline constexpr const char* kDistId = "EDFDVBD6EXAMPLE";
inline constexpr const char* kDistArn =
    "arn:aws:cloudfront::111111111111:distribution/EDFDVBD6EXAMPLE";
inline constexpr const char* kOaiId = "E74FTE3AEXAMPLE";
inline constexpr const char* kOaiCanonical =
    "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be";
inline constexpr const char* kOacId = "E1ABCDEFGHIJKL";

class ModelBuilder {
 public:
  // Loads a policy document and returns it; fails the test when it does not load cleanly. The
  // document is parsed into a scratch model (so the loader's binding of loose documents does not
  // add entities) and its storage moved here; the entities are bound by the calls below.
  PolicyDocument* policy(const std::string& path, const std::string& text, DocumentKind kind) {
    Model scratch;
    load_text(scratch, path, text, kind);
    for (const LoadDiagnostic& d : scratch.diagnostics) {
      EXPECT_NE(d.rule_id.substr(0, 2), "IN") << path << ": " << d.rule_id << " " << d.message;
    }
    EXPECT_EQ(scratch.policies.size(), 1u) << path;
    if (scratch.policies.size() != 1) return nullptr;
    PolicyDocument* p = scratch.policies.front().get();
    for (auto& s : scratch.sources) model.sources.push_back(std::move(s));
    for (auto& t : scratch.trees) model.trees.push_back(std::move(t));
    for (auto& d : scratch.policies) model.policies.push_back(std::move(d));
    return p;
  }

  Bucket& bucket(const std::string& name, const std::string& account,
                 const std::string& policy_text = "") {
    Bucket b;
    b.name = name;
    b.account_id = account;
    b.where = SourceRef{"buckets/" + name, "", 0, 0};
    if (!policy_text.empty()) {
      PolicyDocument* p =
          policy("buckets/" + name + "/policy.json", policy_text, DocumentKind::kBucketPolicy);
      if (p != nullptr) {
        p->bucket = name;
        p->account_id = account;
      }
      b.policy = p;
    }
    model.buckets.push_back(std::move(b));
    return model.buckets.back();
  }

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

  Role& role(const std::string& arn, const std::string& trust_text,
             const std::vector<std::string>& permission_texts = {}) {
    Role r;
    r.arn = arn;
    r.account_id = arn.substr(13, 12);
    r.name = arn.substr(arn.rfind('/') + 1);
    r.where = SourceRef{"roles/" + r.name, "", 0, 0};
    if (!trust_text.empty()) {
      PolicyDocument* t =
          policy("roles/" + r.name + "/trust.json", trust_text, DocumentKind::kTrustPolicy);
      if (t != nullptr) {
        t->role_arn = arn;
        t->account_id = r.account_id;
      }
      r.trust_policy = t;
    }
    int i = 0;
    for (const std::string& text : permission_texts) {
      PolicyDocument* p = policy("roles/" + r.name + "/policy" + std::to_string(i++) + ".json",
                                 text, DocumentKind::kIdentityPolicy);
      if (p == nullptr) continue;
      p->role_arn = arn;
      p->account_id = r.account_id;
      r.permission_policies.push_back(p);
    }
    model.roles.push_back(std::move(r));
    return model.roles.back();
  }

  // A distribution in account A with one S3 origin on `bucket` using an OAI or an OAC.
  void distribution(const std::string& id, const std::string& bucket, const std::string& oai_id,
                    const std::string& oac_id) {
    Distribution d;
    d.id = id;
    d.account_id = kAccountA;
    d.arn = "arn:aws:cloudfront::111111111111:distribution/" + id;
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

  void oai(const std::string& id, const std::string& canonical) {
    OriginAccessIdentity o;
    o.id = id;
    o.canonical_user_id = canonical;
    o.account_id = kAccountA;
    o.where = SourceRef{"origin-access-identities/" + id + ".json", "", 1, 1};
    model.oais.push_back(o);
  }

  void kms_key(const std::string& id, const std::string& account, const std::string& text) {
    KmsKey k;
    k.id = id;
    k.account_id = account;
    k.where = SourceRef{"kms-keys/" + id, "", 0, 0};
    k.policy = policy("kms-keys/" + id + "/policy.json", text, DocumentKind::kKeyPolicy);
    model.kms_keys.push_back(k);
  }

  Model model;
};

struct RuleRun {
  std::vector<std::unique_ptr<Rule>> rules;
  EngineResult result;
};

// Runs the one built-in rule `id` over the model.
inline std::unique_ptr<RuleRun> run_rule(const Model& model, const std::string& id) {
  auto run = std::make_unique<RuleRun>();
  run->rules = make_builtin_rules();
  std::erase_if(run->rules, [&](const auto& r) { return r->info().id != id; });
  EXPECT_EQ(run->rules.size(), 1u) << id;
  run->result = run_rules(model, run->rules);
  return run;
}

inline std::vector<std::string> messages(const std::unique_ptr<RuleRun>& run) {
  std::vector<std::string> out;
  for (const Finding& f : run->result.findings) out.push_back(f.message);
  return out;
}

}  // namespace bucketlint::testing_util
