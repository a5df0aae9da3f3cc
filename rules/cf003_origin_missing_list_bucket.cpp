#include <fmt/format.h>

#include <memory>
#include <optional>
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
    .id = "CF003",
    .name = "origin-missing-list-bucket",
    .default_severity = Severity::kNote,
    .stability = Stability::kStable,
    .summary =
        "the CloudFront origin principal lacks s3:ListBucket on the bucket ARN: missing keys "
        "answer 403, not 404",
    .remediation =
        "grant the origin's principal s3:ListBucket on 'arn:aws:s3:::<bucket>' (the "
        "bucket ARN, not 'bucket/*') if viewers should see 404 for missing objects",
    .doc = R"md(### What it flags

A CloudFront distribution reads an S3 origin through an OAI or OAC that may `s3:GetObject` the
objects but may not `s3:ListBucket` the bucket: bucketlint asks the evaluator about
`s3:ListBucket` on `arn:aws:s3:::<bucket>` for the origin's principal (with the distribution's
`aws:SourceArn` for an OAC). When the policy grants `s3:ListBucket` only on `arn:aws:s3:::<bucket>/*`
(the evaluator allows it on an object ARN but not on the bucket ARN) the message says so: that
grant never matches.

### Why it matters

"If you don't have the s3:ListBucket permission, Amazon S3 returns an HTTP status code 403 Access
Denied error" for a key that does not exist (docs/aws-semantics.md section 4.3, rows 22-24 of section 13;
https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetObject.html). Viewers, monitoring and
single-page-app fallbacks then see 403 where 404 is meant, and a real permission problem looks the
same as a typo in a URL. `s3:ListBucket` is a bucket-level action: it needs the bucket ARN
(docs/aws-semantics.md 5.4). Granting it also lets the distribution's principal list keys, a trade-off; this
is why the rule is a note.

### Example

Failing (row 24):

```json
{"Effect": "Allow", "Principal": {"Service": "cloudfront.amazonaws.com"},
 "Action": ["s3:GetObject", "s3:ListBucket"],
 "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*",
 "Condition": {"StringEquals": {"AWS:SourceArn":
   "arn:aws:cloudfront::111111111111:distribution/EDFDVBD6EXAMPLE"}}}
```

Fixed (row 23):

```json
{"Effect": "Allow", "Principal": {"Service": "cloudfront.amazonaws.com"},
 "Action": ["s3:GetObject", "s3:ListBucket"],
 "Resource": ["arn:aws:s3:::amzn-s3-demo-bucket", "arn:aws:s3:::amzn-s3-demo-bucket/*"],
 "Condition": {"StringEquals": {"AWS:SourceArn":
   "arn:aws:cloudfront::111111111111:distribution/EDFDVBD6EXAMPLE"}}}
```

### How to fix

Add the statement in the finding's help (it names the principal, the bucket ARN and the
distribution), or accept 403 and configure custom error responses on the distribution.

### Known gaps

- Only origins whose principal may read the objects are considered (otherwise CF001 reports).
- Custom error responses of the distribution, which can turn 403 into a 404 page, are not read.
- Needs the distribution and the bucket policy in the model.

### Access Analyzer

No corresponding check.
)md",
};

class OriginMissingListBucket final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }

  void check(const RuleContext& ctx, FindingSink& sink) const override {
    const Model& model = ctx.model;
    for (const OriginAccess& access : ctx.access.origins()) {
      if (access.bucket == nullptr || access.bucket->policy == nullptr) continue;
      const Bucket& bucket = *access.bucket;
      const PolicyDocument& policy = *bucket.policy;
      eval::PolicySet set;
      set.resource_policy = &policy;
      // Only origins that can read objects: otherwise 403 is CF001's (much bigger) problem.
      std::optional<eval::Result> readable;
      for (const std::string& key : probe_object_keys(bucket, {&policy})) {
        eval::Result r = ctx.access.evaluate(
            cloudfront_request(model, access, bucket, "s3:GetObject", object_arn(bucket.name, key)),
            set);
        if (r.possibly_allowed()) {
          readable = std::move(r);
          break;
        }
      }
      if (!readable) continue;
      const eval::Result& read = *readable;
      const eval::Result list = ctx.access.evaluate(
          cloudfront_request(model, access, bucket, "s3:ListBucket", bucket_arn(bucket.name)), set);
      if (list.possibly_allowed()) continue;
      // Granted only on objects? Ask about an object ARN: an allow there never takes effect.
      const eval::Result on_objects =
          ctx.access.evaluate(cloudfront_request(model, access, bucket, "s3:ListBucket",
                                                 object_arn(bucket.name, "index.html")),
                              set);
      const eval::TraceEntry* misplaced =
          on_objects.possibly_allowed()
              ? access::first_applying(on_objects, eval::PolicySlot::kResource)
              : nullptr;
      const eval::TraceEntry* grant = access::first_applying(read, eval::PolicySlot::kResource);
      const SourceRef& where = misplaced != nullptr
                                   ? misplaced->where
                                   : (grant != nullptr ? grant->where : access.access_where());
      Finding f = make_finding(
          kInfo, where,
          misplaced != nullptr
              ? fmt::format("{} grants s3:ListBucket only on '{}', which never matches the "
                            "bucket ARN '{}': {} ({}) gets 403, not 404, for missing keys",
                            misplaced->label(), object_arn(bucket.name, "*"),
                            bucket_arn(bucket.name), access.distribution_label(),
                            access.access_label())
              : fmt::format("{} ({}) may read '{}' but not s3:ListBucket on '{}': missing keys "
                            "answer 403, not 404",
                            access.distribution_label(), access.access_label(), bucket.name,
                            bucket_arn(bucket.name)));
      f.notes.push_back(
          {access.access_where(), fmt::format("{} origin '{}' uses {}", access.distribution_label(),
                                              access.origin->id, access.access_label())});
      if (grant != nullptr && misplaced != nullptr) {
        f.notes.push_back({grant->where, fmt::format("{} grants s3:GetObject", grant->label())});
      }
      f.remediation = fmt::format(
          "to answer 404 for missing keys, add to the bucket policy of '{}': {}", bucket.name,
          cloudfront_grant_snippet(model, access, "AllowCloudFrontListBucket", {"s3:ListBucket"},
                                   bucket_arn(bucket.name),
                                   grant != nullptr ? grant->statement : nullptr));
      sink.report(std::move(f));
    }
  }
};

}  // namespace

std::unique_ptr<Rule> make_origin_missing_list_bucket() {
  return std::make_unique<OriginMissingListBucket>();
}

}  // namespace bucketlint::rules
