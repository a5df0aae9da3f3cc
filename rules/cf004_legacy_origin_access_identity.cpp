#include <fmt/format.h>

#include <memory>
#include <set>
#include <string>

#include "bucketlint/eval.h"
#include "bucketlint/model.h"
#include "bucketlint/rule.h"
#include "fix_snippets.h"
#include "registry_factories.h"

namespace bucketlint::rules {
namespace {

constexpr RuleInfo kInfo{
    .id = "CF004",
    .name = "legacy-origin-access-identity",
    .default_severity = Severity::kNote,
    .stability = Stability::kStable,
    .summary =
        "an origin access identity (OAI) is in use: legacy; origin access control (OAC) is "
        "recommended",
    .remediation =
        "migrate to an origin access control: create an OAC, allow "
        "'cloudfront.amazonaws.com' with 'AWS:SourceArn' of the distribution in the "
        "bucket policy next to the OAI statement, switch the origin to the OAC, then "
        "remove the OAI statement",
    .doc = R"md(### What it flags

A CloudFront S3 origin configured with an origin access identity
(`S3OriginConfig.OriginAccessIdentity` = `origin-access-identity/cloudfront/<ID>`), or, when no
distribution in the model uses it, a bucket-policy principal that the evaluator resolves to an
OAI (the OAI ARN `arn:aws:iam::cloudfront:user/CloudFront Origin Access Identity <ID>` or the OAI's
`CanonicalUser` ID when the OAI dump is given).

### Why it matters

AWS documents OAI as legacy and recommends origin access control. OAI does not support
SSE-KMS-encrypted objects, S3 buckets in Regions launched after December 2022, or dynamic requests
(PUT/POST/DELETE) to S3 (docs/aws-semantics.md section 4.1;
https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/private-content-restricting-access-to-s3.html).
No end-of-life date is published (docs/aws-semantics.md marks a hard deprecation UNCONFIRMED), so this is a
note, not a warning.

### Example

Flagged:

```json
"S3OriginConfig": {"OriginAccessIdentity": "origin-access-identity/cloudfront/E74FTE3AEXAMPLE"}
```

Not flagged (OAC):

```json
"S3OriginConfig": {"OriginAccessIdentity": ""}, "OriginAccessControlId": "E1ABCDEFGHIJKL"
```

### How to fix

AWS's migration: add a bucket-policy statement for `cloudfront.amazonaws.com` with the
distribution's `AWS:SourceArn` (the help gives it), set the origin's `OriginAccessControlId` and
clear `OriginAccessIdentity`, then remove the OAI statement. With SSE-KMS, also allow the
distribution in the key policy (CF005).

### Known gaps

- A bucket-policy OAI principal that an origin in the model uses is reported once, at the origin.
- An OAI written as a `CanonicalUser` ID is recognised only with the OAI dump.

### Access Analyzer

No corresponding check.
)md",
};

class LegacyOriginAccessIdentity final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }

  void check(const RuleContext& ctx, FindingSink& sink) const override {
    const Model& model = ctx.model;
    std::set<std::string> used;
    for (const OriginAccess& access : ctx.access.origins()) {
      if (!access.oai) continue;
      used.insert(access.origin->oai_id);
      Finding f = make_finding(
          kInfo, access.access_where(),
          fmt::format("{} origin '{}' uses {}, a legacy origin access identity; origin access "
                      "control (OAC) is recommended",
                      access.distribution_label(), access.origin->id, access.access_label()));
      if (access.bucket != nullptr) {
        const std::string bucket_objects = object_arn(access.bucket->name, "*");
        OriginAccess as_oac = access;
        as_oac.oai = false;
        // The OAC statement replaces the OAI's: it keeps that statement's conditions.
        const Statement* oai_statement = nullptr;
        if (access.bucket->policy != nullptr) {
          const eval::IdentityDirectory& dir = ctx.access.directory();
          for (const Statement& stmt : access.bucket->policy->statements) {
            if (stmt.effect != Effect::kAllow || oai_statement != nullptr) continue;
            for (const PrincipalValue& v : stmt.principal.values) {
              const std::optional<eval::Principal> p = eval::principal_from_value(v, &dir);
              if (p && p->kind == eval::PrincipalKind::kOai && p->oai_id == access.origin->oai_id) {
                oai_statement = &stmt;
              }
            }
          }
        }
        f.remediation = fmt::format(
            "create an OAC; add to the bucket policy of '{}': {}; set the origin's "
            "OriginAccessControlId to the OAC's ID and clear OriginAccessIdentity; then remove "
            "the statement for {}",
            access.bucket->name,
            cloudfront_grant_snippet(model, as_oac, "AllowCloudFrontServicePrincipalReadOnly",
                                     {"s3:GetObject"}, bucket_objects, oai_statement),
            access.access_label());
      }
      sink.report(std::move(f));
    }
    const eval::IdentityDirectory& directory = ctx.access.directory();
    for (const auto& owned : model.policies) {
      const PolicyDocument& policy = *owned;
      if (policy.kind != PolicyKind::kBucket) continue;
      for (const Statement& stmt : policy.statements) {
        if (stmt.effect != Effect::kAllow) continue;
        for (const PrincipalValue& v : stmt.principal.values) {
          const std::optional<eval::Principal> p = eval::principal_from_value(v, &directory);
          if (!p || p->kind != eval::PrincipalKind::kOai) continue;
          if (used.contains(p->oai_id)) continue;
          sink.report(make_finding(
              kInfo, v.where,
              fmt::format("{} of the {} grants OAI '{}', a legacy origin access identity; "
                          "origin access control (OAC) is recommended",
                          stmt.label(), policy.label(), p->oai_id)));
        }
      }
    }
  }
};

}  // namespace

std::unique_ptr<Rule> make_legacy_origin_access_identity() {
  return std::make_unique<LegacyOriginAccessIdentity>();
}

}  // namespace bucketlint::rules
