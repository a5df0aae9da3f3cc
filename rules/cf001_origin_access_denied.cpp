#include <fmt/format.h>

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "bucketlint/eval.h"
#include "bucketlint/model.h"
#include "bucketlint/rule.h"
#include "fix_snippets.h"
#include "registry_factories.h"

namespace bucketlint::rules {
namespace {

constexpr RuleInfo kInfo{
    .id = "CF001",
    .name = "origin-access-denied",
    .default_severity = Severity::kError,
    .stability = Stability::kStable,
    .summary = "a CloudFront origin's OAI or OAC cannot s3:GetObject the bucket's objects",
    .remediation =
        "grant the origin's principal s3:GetObject on 'arn:aws:s3:::<bucket>/*' in the "
        "bucket policy (for an OAC: Service 'cloudfront.amazonaws.com' with "
        "'AWS:SourceArn' set to this distribution's ARN)",
    .doc = R"md(### What it flags

A CloudFront distribution has an S3 origin that signs its requests with an origin access
identity (OAI) or an origin access control (OAC), and the bucket policy of that bucket does not
let that principal `s3:GetObject` the objects. bucketlint asks the evaluator, for the OAI (its ARN
or its S3 canonical user ID) or for `cloudfront.amazonaws.com` with `aws:SourceArn` = this
distribution's ARN, whether `s3:GetObject` on `arn:aws:s3:::<bucket>/<key>` is allowed, for a
generic key and one key under every object prefix the policy names. It flags the origin when
every answer is *denied*. Typical causes:

- the policy names another OAI (or the OAI's canonical ID when the OAI dump is given);
- the OAC statement's `AWS:SourceArn` names another distribution (docs/aws-semantics.md section 13, row 26);
- the grant names the bucket ARN `arn:aws:s3:::bucket` instead of the objects `arn:aws:s3:::bucket/*`;
- an explicit `Deny` (for example "deny everyone not coming from distribution X") also catches
  this origin (row 33).

The notes show the statements the evaluator looked at and why each did not apply.

### Why it matters

Every request through the distribution gets `403 Access Denied` from S3. With an OAC the bucket
policy must allow `cloudfront.amazonaws.com` with an `AWS:SourceArn` condition naming the
distribution; with an OAI it must allow the OAI's ARN (docs/aws-semantics.md section 4.1, 4.2;
https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/private-content-restricting-access-to-s3.html).
Object-level actions need the object ARN (docs/aws-semantics.md 5.4,
https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html). An
explicit deny wins over every allow
(https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html).

### Example

Failing: distribution `EDFDVBD6EXAMPLE` uses OAC `E1ABCDEFGHIJKL`, the bucket policy names another
distribution:

```json
{"Effect": "Allow", "Principal": {"Service": "cloudfront.amazonaws.com"},
 "Action": "s3:GetObject", "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*",
 "Condition": {"StringEquals": {"AWS:SourceArn":
   "arn:aws:cloudfront::111111111111:distribution/EOTHERDISTRIB"}}}
```

Fixed:

```json
{"Effect": "Allow", "Principal": {"Service": "cloudfront.amazonaws.com"},
 "Action": "s3:GetObject", "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*",
 "Condition": {"StringEquals": {"AWS:SourceArn":
   "arn:aws:cloudfront::111111111111:distribution/EDFDVBD6EXAMPLE"}}}
```

### How to fix

Add (or correct) the statement given in the finding's help: it names the bucket, the OAI or the
service principal and the distribution ARN. When an explicit Deny catches CloudFront, exempt this
distribution in the Deny's condition (`StringNotEquals` `AWS:SourceArn`).

### Known gaps

- Needs the distribution (origin linked to the bucket) and the bucket policy in the model; with
  no bucket policy given the origin is not checked.
- An OAI named in the policy only by a `CanonicalUser` ID can be matched only when the OAI dump
  (`get-cloud-front-origin-access-identity`) is given; without it and with an unresolved
  `CanonicalUser` principal in the policy the origin is not flagged.
- When the answer depends on context keys bucketlint cannot know (`aws:SourceIp`,
  `aws:SecureTransport`, `aws:Referer`), nothing is reported.
- Objects owned by another account are the OW rules' concern; this rule asks about objects the
  bucket owner owns.
- Origin paths and cache-behaviour path patterns are not used to pick keys.
- Origins on S3 website endpoints (which cannot use OAI/OAC, docs/aws-semantics.md 4.2, row 39) and OACs with
  `SigningBehavior: never` (unsigned requests) are not checked.

### Access Analyzer

No validate-policy check corresponds: it looks at one policy, not at the distribution using it.
)md",
};

// Is there an Allow statement with a CanonicalUser principal the directory cannot map? It may
// be this OAI's canonical ID when the OAI dump is missing (docs/aws-semantics.md 4.1).
bool has_unresolved_canonical_user(const Model& model, const PolicyDocument& policy) {
  for (const Statement& stmt : policy.statements) {
    if (stmt.effect != Effect::kAllow) continue;
    for (const PrincipalValue& v : stmt.principal.values) {
      if (v.type != "CanonicalUser") continue;
      if (model.find_oai_by_canonical_id(v.value) == nullptr &&
          model.find_account_by_canonical_id(v.value) == nullptr) {
        return true;
      }
    }
  }
  return false;
}

class OriginAccessDenied final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }

  void check(const RuleContext& ctx, FindingSink& sink) const override {
    const Model& model = ctx.model;
    for (const OriginAccess& access : ctx.access.origins()) {
      if (access.bucket == nullptr || access.bucket->policy == nullptr) continue;
      const Bucket& bucket = *access.bucket;
      const PolicyDocument& policy = *bucket.policy;
      if (access.oai && !model.find_oai(access.origin->oai_id) &&
          has_unresolved_canonical_user(model, policy)) {
        continue;
      }
      eval::PolicySet set;
      set.resource_policy = &policy;
      std::optional<eval::Result> first;
      bool possible = false;
      for (const std::string& key : probe_object_keys(bucket, {&policy})) {
        eval::Result r = ctx.access.evaluate(
            cloudfront_request(model, access, bucket, "s3:GetObject", object_arn(bucket.name, key)),
            set);
        if (r.possibly_allowed()) {
          possible = true;
          break;
        }
        if (!first) first = std::move(r);
      }
      if (possible || !first) continue;
      report(ctx, access, *first, sink);
    }
  }

 private:
  static void report(const RuleContext& ctx, const OriginAccess& access, const eval::Result& result,
                     FindingSink& sink) {
    const Model& model = ctx.model;
    const Bucket& bucket = *access.bucket;
    const PolicyDocument& policy = *bucket.policy;
    const bool explicit_deny = result.decision == eval::Decision::kExplicitlyDenied;
    Finding f = make_finding(
        kInfo, access.access_where(),
        fmt::format("{} origin '{}' reads bucket '{}' with {}, but the bucket policy {} it "
                    "s3:GetObject on the objects: every request gets 403",
                    access.distribution_label(), access.origin->id, bucket.name,
                    access.access_label(), explicit_deny ? "denies" : "does not allow"));
    f.notes.push_back({policy.where, fmt::format("{}: {}", policy.label(), result.summary)});
    for (Note& n : denial_notes(result, eval::PolicySlot::kResource, "s3:GetObject")) {
      f.notes.push_back(std::move(n));
    }
    // A grant on the bucket ARN instead of the objects: ask the evaluator about the bucket ARN.
    eval::PolicySet set;
    set.resource_policy = &policy;
    const eval::Result on_bucket = ctx.access.evaluate(
        cloudfront_request(model, access, bucket, "s3:GetObject", bucket_arn(bucket.name)), set);
    const eval::TraceEntry* grant =
        on_bucket.possibly_allowed()
            ? access::first_applying(on_bucket, eval::PolicySlot::kResource)
            : nullptr;
    // Only when that statement is one that did not apply to the objects (it may list both ARNs
    // and have been stopped by a Deny instead).
    const bool misses_objects =
        grant != nullptr &&
        std::ranges::any_of(result.trace.entries(), [&](const eval::TraceEntry& e) {
          return e.statement == grant->statement && e.applies == eval::Tri::kFalse;
        });
    if (misses_objects) {
      f.notes.push_back(
          {grant->where, fmt::format("s3:GetObject is granted on the bucket ARN '{}'; objects are "
                                     "'{}', so the grant never matches",
                                     bucket_arn(bucket.name), object_arn(bucket.name, "*"))});
    }
    f.remediation = fmt::format(
        "add to the bucket policy of '{}': {}{}", bucket.name,
        cloudfront_grant_snippet(
            model, access,
            access.oai ? "AllowCloudFrontOAIRead" : "AllowCloudFrontServicePrincipalRead",
            {"s3:GetObject"}, object_arn(bucket.name, "*")),
        !explicit_deny ? std::string()
        : access.oai   ? fmt::format("; and exempt {} from the Deny statement shown in the notes",
                                     access.access_label())
                       : fmt::format("; and exempt {} from the Deny statement (StringNotEquals "
                                       "'AWS:SourceArn': '{}')",
                                     access.distribution_label(), access.distribution_arn()));
    sink.report(std::move(f));
  }
};

}  // namespace

std::unique_ptr<Rule> make_origin_access_denied() { return std::make_unique<OriginAccessDenied>(); }

}  // namespace bucketlint::rules
